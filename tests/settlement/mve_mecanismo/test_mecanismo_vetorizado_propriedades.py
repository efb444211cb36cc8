"""Hypothesis: the vectorized engine (``motor.executar``) == the reference (``processar_referencia``), every table,
every row, every digit, on generated markets that vary the structure as well as the values:

* the processing month (so f* is or is not among the years of the products: EE_ANT_OP / EE_ANT_DG / F_DNG_MVE
  appear or not), with or without Financial Guarantees, and the accounting lag (12M of TRC_ANUAL_MVE);
* the vigências of the products: the processing year, the next, multi-year, semiannual (DECISÃO MC6), a quarter
  next year and one this year, a month inside the quarter and one outside (MC3), a declared one-month vigência
  that names a quarter's month (MC4);
* hourly inputs at random hours (TRC_H inside and outside the 12 months, FPC at and around m−3, TOGU with units
  below/at/above NUB and written as ``2.0``, CAP per point, CAP_T_GF, F_COMERCIAL with UXP_GLF / F_PRC_GF on
  other hours), plants of both types, MRE or not, F_PEN_LESP 0/1 (cmd 5), every contract type, contracts of a
  profile without limits (they count in FNC_PROD_MVE only), earlier sales, buyers with and without guarantees;
* the book: bids over one to three rounds, ``limites`` aplicar/ignorar.

A second property removes one row of a table the run needs and checks both sides fail naming the same table
(or both succeed with the same tables).
"""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccee_barramento.settlement.mve.mecanismo import Configuracao, ErroMecanismo, processar_referencia
from ccee_barramento.settlement.mve.mecanismo._base import mes_texto
from ccee_barramento.settlement.mve.mecanismo.motor import carregar, executar

from .test_mecanismo_vetorizado import assert_iguais

H = [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]


def _h(m: int) -> int:
    f, k = divmod(m, 12)
    return 696 if k == 1 and f % 4 == 0 else H[k]


def _dec(draw, lo: int, hi: int, casas: int) -> D:
    return D(draw(st.integers(lo, hi))).scaleb(-casas)


def _horas(draw, n_max: int, m: int) -> list[int]:
    return draw(st.lists(st.integers(1, _h(m)), min_size=0, max_size=n_max, unique=True))


@st.composite
def mercados(draw):
    f0 = draw(st.sampled_from([2026, 2027, 2028]))
    m = f0 * 12 + draw(st.integers(0, 11))
    x = "X"
    defasagem = draw(st.integers(0, 4))
    cand = [(str(f0), f0 * 12, f0 * 12 + 11), (str(f0 + 1), (f0 + 1) * 12, (f0 + 1) * 12 + 11),
            (f"{f0 + 1}-{f0 + 2}", (f0 + 1) * 12, (f0 + 2) * 12 + 11), (f"{f0 + 1}-S1", (f0 + 1) * 12, (f0 + 1) * 12 + 5),
            (f"{f0 + 1}-T1", (f0 + 1) * 12, (f0 + 1) * 12 + 2), (f"{f0}-T4", f0 * 12 + 9, f0 * 12 + 11),
            (mes_texto((f0 + 1) * 12 + 1), (f0 + 1) * 12 + 1, (f0 + 1) * 12 + 1),
            (mes_texto((f0 + 1) * 12 + 6), (f0 + 1) * 12 + 6, (f0 + 1) * 12 + 6)]
    indices = draw(st.lists(st.integers(0, len(cand) - 1), min_size=1, max_size=4, unique=True))
    if 0 not in indices and draw(st.booleans()):  # often the processing year itself (f* among the years: cmd 7 (b)(c))
        indices.append(0)
    escolhidas = [cand[i] for i in indices]
    vig_rows = [{"vigencia": v, "inicio": mes_texto(i), "fim": mes_texto(f), "tipo_vigencia": ""} for v, i, f in escolhidas]
    if draw(st.booleans()):  # a declared one-month vigência naming March of next year (DECISÃO MC4), not a product
        vig_rows.append({"vigencia": "MARCO", "inicio": mes_texto((f0 + 1) * 12 + 2), "fim": mes_texto((f0 + 1) * 12 + 2),
                         "tipo_vigencia": ""})
    anos = sorted({mm // 12 for _, i, f in escolhidas for mm in range(i, f + 1)})
    tri = [(v, i, f) for v, i, f in escolhidas if f - i == 2]
    janelas = [v for v, _, _ in tri] + [v for v, i, f in escolhidas if i == f and not any(a <= i <= b for _, a, b in tri)]
    # products: one or two per vigência, distinct (s, te, tp)
    produtos = []
    for v, i, f in escolhidas:
        combos = draw(st.lists(st.tuples(st.sampled_from(["SE", "S"]), st.sampled_from(["CE", "CNE"]),
                                         st.sampled_from(["PF", "PV"])), min_size=1, max_size=2, unique=True))
        for s, te, tp in combos:
            produtos.append({"produto": f"P{len(produtos)}", "submercado": s, "processamento": x, "vigencia": v,
                             "tipo_energia": te, "tipo_preco": tp, "etapa": "1", "rodada": str(draw(st.integers(1, 3))),
                             "LOTE": draw(st.sampled_from(["1", "0.5", "0.1"]))})
    vendedores = ["d1", "d2"][:draw(st.integers(1, 2))]
    compradores = ["c1", "c2", "c3"]
    agente = {"d1": "A9", "d2": "A8", "z9": "A7", "c1": "A1", "c2": "A1", "c3": "A2"}
    e: dict = {
        "PROCESSAMENTO_MVE": [{"processamento": x, "mes_processamento": mes_texto(m),
                               "anterior_garantias_financeiras": draw(st.sampled_from(["true", "false"]))}],
        "VIGENCIA_MVE": vig_rows, "A_ALPHA": [{"perfil": p, "agente": a} for p, a in agente.items()],
        "M_HORAS": [{"mes": mes_texto(mm), "M_HORAS": _h(mm)} for mm in range((f0 - 3) * 12, (f0 + 4) * 12)],
        "PRODUTOS_LEILAO": produtos,
        "CONSUMIDOR_ESPECIAL": [{"perfil": c} for c in draw(st.lists(st.sampled_from(compradores), max_size=2))],
        "LIM_MVE": [{"perfil": a, "processamento": x, "ano": str(f),
                     "LIM_MVE": draw(st.sampled_from(["0.1", "0.35", "0.05", "0"]))} for a in vendedores for f in anos],
        "LIM_MVE_VIG": [{"perfil": a, "processamento": x, "vigencia": w,
                         "LIM_MVE_VIG": draw(st.sampled_from(["0.01", "0.05", "0.2"]))} for a in vendedores for w in janelas],
    }
    # consumption (cmd 9 (a)) around the 12 months ending defasagem months before f*'s December
    fref = m // 12 if m % 12 == 11 else m // 12 - 1
    ultimo = fref * 12 + 11 - defasagem
    trc, fpc = [], []
    for a in vendedores:
        for s in draw(st.lists(st.sampled_from(["SE", "S", "N"]), min_size=1, max_size=3, unique=True)):
            # inside the 12 months (at least one) and around them (outside: not counted)
            meses_trc = draw(st.lists(st.integers(ultimo - 11, ultimo), min_size=1, max_size=4, unique=True))
            meses_trc += draw(st.lists(st.sampled_from([ultimo - 13, ultimo - 12, ultimo + 1, ultimo + 2]), max_size=2,
                                       unique=True))
            for mm in meses_trc:
                for hh in _horas(draw, 3, mm) or [1]:
                    trc.append({"perfil": a, "submercado": s, "hora": str(hh), "mes": mes_texto(mm),
                                "TRC_H": _dec(draw, 10**6, 10**9, draw(st.integers(0, 3)))})
            for mm in {m - 3, m - 3 + draw(st.sampled_from([-1, 0, 1]))}:
                for hh in _horas(draw, 3, mm) or [_h(mm)]:
                    fpc.append({"perfil": a, "submercado": s, "hora": str(hh), "mes": mes_texto(mm),
                                "FPC": _dec(draw, 100, 1000, 3)})
    e["TRC_H"], e["FPC"] = trc, fpc
    # plants (cmds 5–7)
    usinas = [f"U{k}" for k in range(1, draw(st.integers(1, 3)) + 1)]
    tipo = {u: draw(st.sampled_from(["hidraulica", "outra"])) for u in usinas}
    meses_dg = list(range(f0 * 12, m - 2))
    togu, capt, cap, fcom, uxp, prc = [], [], [], [], [], []
    for u in usinas:
        horas_u = _horas(draw, 4, m - 2)
        if tipo[u] == "hidraulica":
            for hh in horas_u:
                togu.append({"usina": u, "hora": str(hh), "mes": mes_texto(m - 2),
                             "TOGU": draw(st.sampled_from([D(1), D(2), D("2.0"), D(3), D(4), D(5)]))})
        for hh in horas_u + _horas(draw, 2, m - 2):
            if any(r["usina"] == u and r["hora"] == str(hh) for r in capt):
                continue
            capt.append({"usina": u, "hora": str(hh), "mes": mes_texto(m - 2), "CAP_T_GF": _dec(draw, 1, 9000, 1)})
            for ponto in draw(st.lists(st.sampled_from(["G1", "G2"]), max_size=2, unique=True)):
                cap.append({"usina": u, "ponto": ponto, "hora": str(hh), "mes": mes_texto(m - 2),
                            "CAP": _dec(draw, 0, 9000, 1)})
        for mm in meses_dg:
            hs = _horas(draw, 3, mm)
            fcom += [{"usina": u, "hora": str(hh), "mes": mes_texto(mm), "F_COMERCIAL": _dec(draw, 0, 100, 2)} for hh in hs]
            uxp += [{"usina": u, "hora": str(hh), "mes": mes_texto(mm), "UXP_GLF": _dec(draw, 900, 1000, 3)}
                    for hh in set(hs[:1] + _horas(draw, 1, mm))]
            prc += [{"usina": u, "hora": str(hh), "mes": mes_texto(mm), "F_PRC_GF": _dec(draw, 900, 1000, 3)}
                    for hh in set(hs[1:2] + _horas(draw, 1, mm))]
    e.update({
        "USINA_MVE": [{"usina": u, "tipo_usina": tipo[u]} for u in usinas],
        "USINA_MRE": [{"usina": u} for u in usinas if tipo[u] == "hidraulica" and draw(st.booleans())],
        "GF": [{"usina": u, "GF": _dec(draw, 1, 500, 1)} for u in usinas],
        "NUB": [{"usina": u, "NUB": D(draw(st.integers(2, 4)))} for u in usinas if draw(st.booleans())],
        "GFIS_MOT": [{"usina": u, "unidades": n, "GFIS_MOT": _dec(draw, 1, 3000, 1)} for u in usinas for n in ("1", "2")
                     if draw(st.booleans())],
        "TOGU": togu, "CAP_T_GF": capt, "CAP": cap, "F_COMERCIAL": fcom, "UXP_GLF": uxp, "F_PRC_GF": prc,
        "F_DISP": [{"usina": u, "mes": mes_texto(mm), "F_DISP": _dec(draw, 800, 1000, 3)} for u in usinas for mm in meses_dg
                   if draw(st.booleans())],
        "TOT_GF_PROD": [{"usina": u, "mes": mes_texto(mm), "TOT_GF_PROD": _dec(draw, 0, 500, 1)} for u in usinas
                        for mm in meses_dg if draw(st.booleans())],
        "F_PEN_LESP": [{"usina": u, "mes": mes_texto(mm), "F_PEN_LESP": D(draw(st.integers(0, 1)))} for u in usinas
                       for mm in sorted({m - 3, *meses_dg[:1]}) if draw(st.booleans())],
        "F_PDI_GF": [{"usina": u, "ano": str(f0 - 1), "F_PDI_GF": _dec(draw, 950, 1000, 3)} for u in usinas
                     if draw(st.booleans())],
    })
    # special-energy contracts (cmd 7) and earlier surplus sales (cmds 8, 13, 19)
    contratos, qm, qa, mmc, mv, cve = [], [], [], [], [], []
    for a in vendedores + ["z9"]:
        for k in range(draw(st.integers(0 if a == "z9" else 1, 2))):
            c, tp = f"E-{a}-{k}", draw(st.sampled_from(["CCEAR_Q", "CCEAR_D", "CBR"]))
            contratos.append({"contrato": c, "perfil": a, "usina": draw(st.sampled_from(usinas)), "tipo_contrato": tp})
            for mm in draw(st.lists(st.integers(f0 * 12, (f0 + 2) * 12 - 1), max_size=6, unique=True)):
                qm.append({"contrato": c, "mes": mes_texto(mm), "QM": _dec(draw, 0, 10**6, 1)})
            qa += [{"contrato": c, "ano": str(f), "QA": _dec(draw, 0, 10**6, 0)} for f in anos if draw(st.booleans())]
            for mm in draw(st.lists(st.integers(f0 * 12, (f0 + 3) * 12 - 1), max_size=6, unique=True)):
                mmc.append({"contrato": c, "mes": mes_texto(mm), "MMC": _dec(draw, 0, 500, 1)})
                mv.append({"contrato": c, "mes": mes_texto(mm), "MV": _dec(draw, 0, 500, 1)})
    for a in vendedores:
        for k in range(draw(st.integers(0, 2))):
            c = f"CVE-{a}-{k}"
            cve.append({"contrato": c, "perfil_vendedor": a, "submercado": draw(st.sampled_from(["SE", "S"])),
                        "tipo_energia": draw(st.sampled_from(["CE", "CNE"]))})
            for mm in draw(st.lists(st.integers(f0 * 12, (f0 + 3) * 12 - 1), max_size=8, unique=True)):
                mv.append({"contrato": c, "mes": mes_texto(mm), "MV": _dec(draw, 0, 30, 1)})
    e.update({"CONTRATO_EE": contratos, "QM": qm, "QA": qa, "MMC": mmc, "MV": mv, "CVE": cve})
    # buyers' guarantees (cmd 106) and the book
    e["VLR_AP_GP_MVE"], e["VLR_REF_GP_A"] = [], []
    for al in ("A1", "A2"):
        ap = draw(st.sampled_from([50_000_000, 2_000_000, 0, 100_000]))
        e["VLR_AP_GP_MVE"].append({"agente": al, "processamento": x, "VLR_AP_GP_MVE": D(ap)})
        if ap or draw(st.booleans()):
            e["VLR_REF_GP_A"].append({"agente": al, "processamento": x, "ano": str(f0), "VLR_REF_GP_A": D("20.40")})
    vendas, compras = [], []
    for p in produtos:
        lote, pv = D(p["LOTE"]), p["tipo_preco"] == "PV"
        for _ in range(draw(st.integers(0 if len(produtos) > 3 else 1, 3))):
            vendas.append({"lance_venda": f"V{len(vendas):02d}", "perfil_vendedor": draw(st.sampled_from(vendedores)),
                           "produto": p["produto"], "QUANTIDADE": lote * draw(st.integers(1, 60)),
                           "PRECO": D(draw(st.integers(-4 if pv else 20, 8 if pv else 40)) * 5)})
        for _ in range(draw(st.integers(1, 4))):
            compras.append({"lance_compra": f"C{len(compras):02d}", "perfil_comprador": draw(st.sampled_from(compradores)),
                            "produto": p["produto"], "QUANTIDADE": lote * draw(st.integers(1, 40)),
                            "PRECO": D(draw(st.integers(-4 if pv else 20, 8 if pv else 40)) * 5)})
    e["LANCE_VENDA"], e["LANCE_COMPRA"] = vendas, compras
    cfg = Configuracao(limites="ignorar" if draw(st.integers(0, 2)) == 1 else "aplicar", defasagem_contabilizacao=defasagem)
    return e, cfg


def _rodar(e, cfg):
    """(tables, None) or (None, table named by the error), for each side."""
    try:
        t = carregar(e, cfg)
    except ErroMecanismo as exc:
        return (None, exc.tabela), (None, exc.tabela)
    try:
        vet = (executar(t, cfg), None)
    except ErroMecanismo as exc:
        vet = (None, exc.tabela)
    try:
        ref = (processar_referencia({n: df.to_dicts() for n, df in t.items()}, cfg), None)
    except ErroMecanismo as exc:
        ref = (None, exc.tabela)
    return vet, ref


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mercados())
def test_motor_vetorizado_igual_a_referencia(mercado):
    e, cfg = mercado
    (vet, erro_v), (ref, erro_r) = _rodar(e, cfg)
    assert erro_v is None and erro_r is None, (erro_v, erro_r)
    assert_iguais(vet, ref)


OPCIONAIS = ["LIM_MVE", "LIM_MVE_VIG", "USINA_MVE", "CAP_T_GF", "GF", "M_HORAS", "A_ALPHA", "VLR_REF_GP_A", "TOGU",
             "CONTRATO_EE", "QM", "FPC", "TRC_H"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mercados(), st.sampled_from(OPCIONAIS), st.integers(0, 10**6))
def test_uma_linha_a_menos_mesmo_erro_ou_mesmas_tabelas(mercado, tabela, qual):
    e, cfg = mercado
    if e[tabela]:
        e = {**e, tabela: [r for i, r in enumerate(e[tabela]) if i != qual % len(e[tabela])]}
    (vet, erro_v), (ref, erro_r) = _rodar(e, cfg)
    assert erro_v == erro_r
    if erro_v is None:
        assert_iguais(vet, ref)
