"""Property tests of the MVE reference (hypothesis) on small random markets over three months.

Domain of the properties (the seed's stated ranges hold there, see docs/mve.md "Ranges"):
a profile is either a seller or a buyer (D3); PLD_MS + spread >= 0; administrative adjustments >= 0; no
ADDC_TOT_LIQ_MVE credit on buyers. Payments, partial payments, contract reductions with ADDC_MV_MVE,
pre- and post-guarantee processings, multi-year contracts with IPCA updates and carried ressarcimento
are all drawn.
"""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccee_barramento.settlement.mve import calcular_meses
from ccee_barramento.settlement.mve import sinteticos as gen

MESES = ["2026-11", "2026-12", "2027-01"]
TOL = D("1e-9")


@st.composite
def mercados(draw):
    n_vend = draw(st.integers(1, 3))
    n_comp = draw(st.integers(1, 4))
    vendedores = [f"v{i}" for i in range(n_vend)]
    compradores = [f"c{i}" for i in range(n_comp)]
    # buyers c0/c1 may share an agent (several profiles per agent)
    agente = {a: a.upper() for a in vendedores} | {c: ("C01" if c in ("c0", "c1") and draw(st.booleans()) else c.upper())
                                                    for c in compradores}
    vigencias = [
        {"vigencia": "VA", "inicio": "2026-01", "fim": "2026-12"},
        {"vigencia": "VM", "inicio": "2026-12", "fim": "2026-12"},
        {"vigencia": "VP", "inicio": "2026-01", "fim": "2027-12"},
        {"vigencia": "VQ", "inicio": "2026-11", "fim": "2027-01"},
    ]
    ent = {
        "A_ALPHA": [{"perfil": a, "agente": alfa} for a, alfa in agente.items()],
        "VIGENCIA_MVE": vigencias,
        "PROCESSAMENTO_MVE": [{"processamento": "XA", "mes_processamento": "2025-10", "anterior_garantias_financeiras": True},
                              {"processamento": "XB", "mes_processamento": "2025-11", "anterior_garantias_financeiras": False}],
        "M_HORAS": [{"mes": f"{a}-{m:02d}", "M_HORAS": 720} for a in (2026, 2027, 2028) for m in range(1, 13)],
        # PLD of every month: cmd 75 (c)(i) averages it from the start of supply
        "PLD_MS": [{"submercado": s, "mes": f"{a}-{m:02d}", "PLD_MS": D(draw(st.integers(2000, 70000))) / 100}
                   for s in ("SE", "S") for a in (2026, 2027) for m in range(1, 13)],
        "NIPCA": [{"mes": "2025-10", "NIPCA": D("7000")}, {"mes": "2025-11", "NIPCA": D("7010")},
                  {"mes": "2026-11", "NIPCA": D(draw(st.integers(7000, 7600)))}],
        "F_MRES_CT": [{"processamento": x, "mes": "2025-10", "F_MRES_CT": D("0.3")} for x in ("XA", "XB")],
        "VINC_V_MVE": [], "VINC_C_MVE": [], "MV_MVE_PRE": [], "PRECO_CT_MVE": [], "SPREAD_CT_MVE": [],
    }
    n = draw(st.integers(1, 8))
    for i in range(n):
        prod = {"submercado": draw(st.sampled_from(["SE", "S"])), "processamento": draw(st.sampled_from(["XA", "XB"])),
                "vigencia": draw(st.sampled_from(["VA", "VM", "VP", "VQ"])),
                "tipo_energia": draw(st.sampled_from(["CE", "CNE"])), "tipo_preco": draw(st.sampled_from(["PF", "PV"]))}
        e = f"e{i}"
        ent["VINC_V_MVE"].append({"contrato": e, "perfil_vendedor": draw(st.sampled_from(vendedores)), **prod})
        ent["VINC_C_MVE"].append({"contrato": e, "perfil_comprador": draw(st.sampled_from(compradores)), **prod})
        ent["MV_MVE_PRE"].append({"contrato": e, "vigencia": prod["vigencia"],
                                  "MV_MVE_PRE": D(draw(st.integers(1, 20000))) / 1000})
        if prod["tipo_preco"] == "PF":
            ent["PRECO_CT_MVE"].append({"contrato": e, "vigencia": prod["vigencia"],
                                        "PRECO_CT_MVE": D(draw(st.integers(1000, 40000))) / 100})
        else:  # spread >= -18.00, IPCA-updated by at most 7600/7000 (cmd 75), and PLD >= 20.00: PLD + spread >= 0
            ent["SPREAD_CT_MVE"].append({"contrato": e, "vigencia": prod["vigencia"],
                                         "SPREAD_CT_MVE": D(draw(st.integers(-1800, 4000))) / 100})
    agentes_comp = sorted({agente[c] for c in compradores})
    ent["TOT_EFE_PAG_MVE"] = [
        {"agente": alfa, "mes": mes, "TOT_EFE_PAG_MVE": D(draw(st.integers(0, 3_000_000)))}
        for mes in MESES for alfa in agentes_comp if draw(st.booleans())
    ]
    ent["ADDC_MV_MVE"] = [{"contrato": f"e{i}", "mes": draw(st.sampled_from(MESES)),
                           "ADDC_MV_MVE": D(draw(st.integers(-5000, 5000))) / 1000}
                          for i in range(n) if draw(st.booleans())]
    ent["ADDC_TOT_LIQ_MVE"] = [{"perfil": v, "mes": mes, "ADDC_TOT_LIQ_MVE": D(draw(st.integers(0, 1000)))}
                               for v in vendedores for mes in MESES if draw(st.booleans())]
    pares = [(c["perfil_comprador"], v["perfil_vendedor"], {k: c[k] for k in c if k not in ("contrato", "perfil_comprador")})
             for c, v in zip(ent["VINC_C_MVE"], ent["VINC_V_MVE"]) if c["processamento"] == "XA"]
    ent["AJUSTE_MVE"] = [{"perfil_comprador": ac, "perfil_vendedor": av, **prod, "mes": draw(st.sampled_from(MESES)),
                          "AJUSTE_MVE": D(draw(st.integers(0, 100000)))} for ac, av, prod in pares if draw(st.booleans())]
    if draw(st.booleans()):
        ent["EVENTO_RESCISAO_MVE"] = [{"agente": draw(st.sampled_from(agentes_comp)), "mes": draw(st.sampled_from(MESES)),
                                       "motivo": draw(st.sampled_from(["desligamento", "nao_recomposicao_gfc"]))}]
    return ent


def _checar(ent, saidas):
    vendedores = {ln["perfil_vendedor"] for ln in ent["VINC_V_MVE"]} | {ln["perfil_vendedor"] for ln in ent.get("AJUSTE_MVE", ())}
    compradores = {ln["perfil_comprador"] for ln in ent["VINC_C_MVE"]}
    for mes in MESES:
        def soma(nome, perfis):
            return sum((ln[nome] for ln in saidas[nome] if ln["mes"] == mes and ln["perfil"] in perfis), D(0))

        n = len(saidas["V_TOT_PAG_MVE"]) + len(saidas["V_TOT_REC_MVE"]) + 1
        # what buyers pay equals what sellers receive, before defaults: per month, in total and per product
        assert abs(soma("VLP_MVE", compradores) - soma("VLR_MVE", vendedores)) <= TOL * n
        assert abs(soma("V_TOT_PAG_MVE", compradores) - soma("V_TOT_REC_MVE", vendedores)) <= TOL * n
        por_prod: dict = {}
        for nome, sinal in (("VLP_MVE_PROD", 1), ("VLR_MVE_PROD", -1)):
            for ln in saidas[nome]:
                if ln["mes"] == mes:
                    k = tuple(ln[c] for c in ("submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco"))
                    por_prod[k] = por_prod.get(k, D(0)) + sinal * ln[nome]
        assert all(abs(v) <= TOL * n for v in por_prod.values())
        # ressarcimento and fines balance too
        assert abs(soma("TOT_RESS_PAG_MVE", compradores) - soma("TOT_RESS_REC_MVE", vendedores)) <= TOL * n
        assert abs(soma("TM_PAG_MVE", compradores) - soma("TM_REC_MVE", vendedores)) <= TOL * n
    # the default factors are within [0, 1]
    for nome in ("F_INAD_TOT", "F_INAD_EFE_MVE", "F_REL_VEND_COMP", "F_COMP_MVE_PROD", "F_VEND_MVE_PROD"):
        for ln in saidas[nome]:
            assert 0 <= ln[nome] <= 1, (nome, ln)
    # for each paying buyer agent, its shares over the sellers add up to at most 1
    tot: dict = {}
    for ln in saidas["F_INAD_TOT"]:
        k = (ln["agente_comprador"], ln["mes"])
        tot[k] = tot.get(k, D(0)) + ln["F_INAD_TOT"]
    assert all(v <= 1 + TOL * 10 for v in tot.values())
    # adjusted contract amounts never exceed the originals (and never go below zero)
    mv_pre = {ln["contrato"]: ln["MV_MVE_PRE"] for ln in ent["MV_MVE_PRE"]}
    for ln in saidas["MV"]:
        assert 0 <= ln["MV"] <= mv_pre[ln["contrato"]]
    for ln in saidas["AJU_M_MVE"]:
        assert 0 <= ln["AJU_M_MVE"] <= mv_pre[ln["contrato"]]
    # fines and ressarcimento are "positivos ou zero"
    for nome in ("M_MVE", "M_MVE_NAGC", "RESS_P_MVE", "PRIC_RESS_CT_MVE", "PRIC_MD_MVE", "VALOR_INAD_MVE"):
        assert all(ln[nome] >= 0 for ln in saidas[nome]), nome


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mercados())
def test_propriedades_em_mercados_aleatorios(ent):
    saidas, _ = calcular_meses(ent, MESES)
    _checar(ent, saidas)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 60))
def test_propriedades_nos_dados_sinteticos(semente, n):
    ent = gen.gerar_entradas(n, 3, semente, mes_inicial="2026-11", fracao_inadimplentes=0.3)
    saidas, _ = calcular_meses(ent, MESES)
    _checar(ent, saidas)
