"""Random, consistent inputs of the guarantees (Anexo III) for the tests: engine vs reference, properties.

The Anexo I tables are made up directly (not computed by the settlement) but keep its relations: a fine
M_PAG_MVE is Σ_av M_MVE of the same buyer and product, and comes with the rescission of the contracts
(RESCISAO_MVE) that the event implies (Anexo I cmd 73: a disconnection rescinds every contract of the buyer
not yet ended; a default, its variable-price and monthly contracts; a non-recomposition, its fixed-price
contracts longer than a month); M_PAG_NAGC is Σ M_MVE_NAGC; F_VEND_MVE_PROD shares add up to 1 per product.
"""

from __future__ import annotations

import calendar
import random
from collections import defaultdict
from decimal import Decimal as D
from typing import Any

Tabelas = dict[str, list[dict[str, Any]]]

_VIGENCIAS = [  # (name, start, months)
    ("M1", "2026-02", 1), ("T1", "2026-01", 3), ("T2", "2026-03", 3), ("S1", "2026-01", 6), ("A1", "2026-02", 12),
    ("P1", "2026-01", 18), ("P2", "2025-11", 24),
]


def _mes(i: int) -> str:
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def _int(m: str) -> int:
    return int(m[:4]) * 12 + int(m[5:7]) - 1


def _dec(rnd: random.Random, lo: int, hi: int, casas: int) -> D:
    return D(rnd.randint(lo * 10**casas, hi * 10**casas)).scaleb(-casas)


def gerar(semente: int, n_compradores: int = 3, n_vendedores: int = 2, n_contratos: int = 7, mes_inicial: str = "2026-01",
          n_meses: int = 6) -> tuple[Tabelas, list[str]]:
    """(inputs, the months to run)."""
    rnd = random.Random(semente)
    t: Tabelas = defaultdict(list)
    compradores = [(f"c{i}", f"C{i % max(1, n_compradores - 1)}") for i in range(n_compradores)]  # an agent may own 2
    vendedores = [(f"v{i}", f"V{i}") for i in range(n_vendedores)]
    for a, alfa in compradores + vendedores:
        t["A_ALPHA"].append({"perfil": a, "agente": alfa})
    vig = rnd.sample(_VIGENCIAS, k=rnd.randint(2, len(_VIGENCIAS)))
    for v, ini, n in vig:
        t["VIGENCIA_MVE"].append({"vigencia": v, "inicio": ini, "fim": _mes(_int(ini) + n - 1)})
    t["PROCESSAMENTO_MVE"] = [{"processamento": "X1", "mes_processamento": "2025-10", "anterior_garantias_financeiras": False},
                              {"processamento": "X0", "mes_processamento": "2025-06", "anterior_garantias_financeiras": True}]
    for ano in range(2024, 2029):
        for mes in range(1, 13):
            t["M_HORAS"].append({"mes": f"{ano}-{mes:02d}", "M_HORAS": calendar.monthrange(ano, mes)[1] * 24})
    t["PERC_MULTA_INAD_MVE"] = [{"mes": "2025-01", "PERC_MULTA_INAD_MVE": _dec(rnd, 0, 1, 3) / 10},
                                {"mes": "2026-03", "PERC_MULTA_INAD_MVE": _dec(rnd, 0, 1, 3) / 10}]
    for v, _, _ in vig:
        t["V_HORAS_GC"].append({"processamento": "X1", "vigencia": v, "V_HORAS_GC": rnd.choice([0, 360, 720, 1464, 2208])})
    agentes_c = sorted({alfa for _, alfa in compradores})
    for alfa in agentes_c:
        if rnd.random() < 0.3:
            t["INADIMPLENTE_12M_MVE"].append({"agente": alfa, "processamento": "X1"})
        t["VLR_AP_GP_MVE"].append({"agente": alfa, "processamento": "X1", "VLR_AP_GP_MVE": _dec(rnd, 0, 900_000, 2)})
        t["VLR_REF_GP"].append({"agente": alfa, "processamento": "X1", "mes_base": rnd.choice(["2024-06", "2024-12", "2025-02"]),
                                "VLR_REF_GP": _dec(rnd, 10, 40, 2)})
    t["NIPCA"] = [{"mes": m, "NIPCA": _dec(rnd, 6000, 8000, 2)} for m in ("2024-06", "2024-11", "2024-12", "2025-02")]
    for v, ini, n in vig:
        if rnd.random() < 0.25 and n > 1:
            meses_v = [_int(ini) + k for k in range(n)]
            t["V_HORAS"].append({"vigencia": v, "V_HORAS": sum(calendar.monthrange(i // 12, i % 12 + 1)[1] * 24
                                                               for i in meses_v)})

    # contracts
    contratos = []
    for k in range(n_contratos):
        ac, alfa = rnd.choice(compradores)
        av, alfa_v = rnd.choice(vendedores)
        v, ini, n = rnd.choice(vig)
        x = "X1" if rnd.random() < 0.85 else "X0"
        tp, te = rnd.choice(["PF", "PV"]), rnd.choice(["CE", "CNE"])
        e = f"e{k}"
        prod = {"submercado": "SE", "processamento": x, "vigencia": v, "tipo_energia": te, "tipo_preco": tp}
        t["VINC_V_MVE"].append({"contrato": e, "perfil_vendedor": av, **prod})
        t["VINC_C_MVE"].append({"contrato": e, "perfil_comprador": ac, **prod})
        mv = _dec(rnd, 0, 8, rnd.choice([0, 1, 3]))
        t["MV_MVE_PRE"].append({"contrato": e, "vigencia": v, "MV_MVE_PRE": mv})
        preco = _dec(rnd, 100, 400, 2) if tp == "PF" else _dec(rnd, -10, 40, 2)
        t["PRECO_CT_MVE" if tp == "PF" else "SPREAD_CT_MVE"].append({"contrato": e, "vigencia": v,
                                                                     ("PRECO_CT_MVE" if tp == "PF" else "SPREAD_CT_MVE"): preco})
        contratos.append({"e": e, "ac": ac, "alfa": alfa, "av": av, "alfa_v": alfa_v, "prod": prod, "mv": mv,
                          "preco": preco, "ini": _int(ini), "fim": _int(ini) + n - 1, "n": n, "tp": tp, "x": x,
                          "plur": n > 12})
        if n > 12:  # cmds 37–38: the updated price (here a step every 4 months, so the run sees it)
            for m in range(_int(ini), _int(ini) + n + 1):
                passo = D(1) + D((m - _int(ini)) // 4) * D("0.05")
                valor = (preco * passo).quantize(D("0.000001"))
                if tp == "PF":
                    t["PRECO_CT_MVE_A"].append({"contrato": e, "vigencia": v, "mes": _mes(m), "PRECO_CT_MVE_A": valor})
                    t["PRECO_CT_MVE_M"].append({"contrato": e, "vigencia": v, "mes": _mes(m), "PRECO_CT_MVE_M": valor})
                else:
                    t["SPREAD_CT_MVE_M"].append({"contrato": e, "vigencia": v, "mes": _mes(m), "SPREAD_CT_MVE_M": valor})

    m0 = _int(mes_inicial)
    meses = [m0 + k for k in range(n_meses)]
    rescisao: dict[str, int] = {}
    # GFC not lodged (cmd 71): one buyer agent, maybe, in the processing's month + 2 (before the run)
    if rnd.random() < 0.5:
        alfa = rnd.choice(agentes_c)
        mes_ev = m0
        t["NAO_APORTE_GFC"].append({"agente": alfa, "processamento": "X1", "mes": _mes(mes_ev)})
        total = D(0)
        for c in contratos:
            if c["alfa"] == alfa and c["x"] == "X1" and c["n"] > 1:
                multa = _dec(rnd, 0, 300_000, 2)
                t["M_MVE_NAGC"].append({"perfil_comprador": c["ac"], "perfil_vendedor": c["av"], **c["prod"],
                                        "mes": _mes(mes_ev), "M_MVE_NAGC": multa})
                total += multa
                rescisao[c["e"]] = mes_ev
                t["RESCISAO_MVE"].append({"contrato": c["e"], "mes": _mes(mes_ev), "motivo": "nao_aporte_gfc"})
        t["M_PAG_NAGC"].append({"agente": alfa, "processamento": "X1", "mes": _mes(mes_ev), "M_PAG_NAGC": total})
        _agrupar_nagc(t)
    # products already in supply before the run: their balance of the month before (cmd 122), as inputs
    antes = {}
    for c in contratos:
        if c["x"] == "X1" and c["n"] > 1 and c["ini"] < m0 <= c["fim"] and c["e"] not in rescisao:
            antes[(c["ac"],) + tuple(c["prod"].values())] = None
    for k in sorted(antes):
        linha = {"perfil": k[0], **dict(zip(("submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco"),
                                            k[1:])), "mes": _mes(m0 - 1)}
        t["GC_PROD_ATUAL"].append({**linha, "GC_PROD_ATUAL": _dec(rnd, 0, 2_000_000, 2)})
        t["AJU_IPCA"].append({**linha, "AJU_IPCA": _dec(rnd, 0, 5_000, 2)})
        t["EXC_GC_PROD"].append({**linha, "EXC_GC_PROD": _dec(rnd, 0, 5_000, 2)})
    for m in meses:
        ativos = [c for c in contratos if c["ini"] <= m <= c["fim"] and rescisao.get(c["e"], 10**6) >= m]
        # F_VEND_MVE_PROD: shares per product of the month
        por_prod = defaultdict(set)
        for c in ativos:
            por_prod[tuple(c["prod"].values())].add(c["av"])
        for prod, vendedores_ in por_prod.items():
            vs = sorted(vendedores_)
            pesos = [rnd.randint(1, 4) for _ in vs]
            total = sum(pesos)
            acumulado = D(0)
            for i, (av, p) in enumerate(zip(vs, pesos)):
                f = (D(p) / D(total)).quantize(D("0.0000000000000001")) if i < len(vs) - 1 else D(1) - acumulado
                acumulado += f
                t["F_VEND_MVE_PROD"].append({"perfil": av, **dict(zip(("submercado", "processamento", "vigencia",
                                                                        "tipo_energia", "tipo_preco"), prod)),
                                             "mes": _mes(m), "F_VEND_MVE_PROD": f})
        vlp = defaultdict(D)
        for c in ativos:
            vlp[(c["ac"],) + tuple(c["prod"].values())] += c["mv"] * 744 * abs(c["preco"])
        for k, v in sorted(vlp.items()):
            t["VLP_MVE_PROD"].append({"perfil": k[0], **dict(zip(("submercado", "processamento", "vigencia",
                                                                   "tipo_energia", "tipo_preco"), k[1:])),
                                      "mes": _mes(m), "VLP_MVE_PROD": v})
        eventos = {}
        for alfa in agentes_c:
            if rnd.random() < 0.3:
                t["F_INAD_EFE_MVE"].append({"agente": alfa, "mes": _mes(m), "F_INAD_EFE_MVE": _dec(rnd, 0, 1, 4)})
            sorteio = rnd.random()
            if sorteio < 0.08:
                eventos[alfa] = "desligamento"
            elif sorteio < 0.22:
                eventos[alfa] = "nao_recomposicao_gfc"
            elif sorteio < 0.25:
                eventos[alfa] = "desligamento_descumprimento_mve"
        for alfa, motivo in eventos.items():
            t["EVENTO_RESCISAO_MVE"].append({"agente": alfa, "mes": _mes(m), "motivo": motivo})
        inad = {r["agente"] for r in t["F_INAD_EFE_MVE"] if r["mes"] == _mes(m) and r["F_INAD_EFE_MVE"] > 0}
        for c in contratos:
            if rescisao.get(c["e"], 10**6) < m or c["x"] != "X1":
                continue
            motivo = eventos.get(c["alfa"])
            em_vigor = c["ini"] <= m <= c["fim"]
            rescinde = (motivo == "desligamento" and c["fim"] >= m) or (
                em_vigor and motivo == "nao_recomposicao_gfc" and c["tp"] == "PF" and c["n"] > 1) or (
                em_vigor and c["alfa"] in inad and (c["tp"] == "PV" or c["n"] == 1))
            if rescinde and c["e"] not in rescisao:
                rescisao[c["e"]] = m
                t["RESCISAO_MVE"].append({"contrato": c["e"], "mes": _mes(m), "motivo": motivo or "inadimplencia"})
                t["M_MVE"].append({"perfil_comprador": c["ac"], "perfil_vendedor": c["av"], **c["prod"], "mes": _mes(m),
                                   "M_MVE": _dec(rnd, 0, 400_000, rnd.choice([0, 2]))})
    _agrupar_multas(t)
    return dict(t), [_mes(m) for m in meses]


def _agrupar_multas(t: Tabelas) -> None:
    """M_MVE per pair and product (summed), and M_PAG_MVE = Σ_av M_MVE (Anexo I cmd 75)."""
    pares: dict[tuple, D] = defaultdict(D)
    for r in t.get("M_MVE", []):
        pares[tuple(r[k] for k in ("perfil_comprador", "perfil_vendedor", "submercado", "processamento", "vigencia",
                                   "tipo_energia", "tipo_preco", "mes"))] += r["M_MVE"]
    cols = ("perfil_comprador", "perfil_vendedor", "submercado", "processamento", "vigencia", "tipo_energia",
            "tipo_preco", "mes")
    t["M_MVE"] = [{**dict(zip(cols, k)), "M_MVE": v} for k, v in sorted(pares.items())]
    pag: dict[tuple, D] = defaultdict(D)
    for k, v in pares.items():
        pag[(k[0],) + k[2:]] += v
    colsp = ("perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes")
    t["M_PAG_MVE"] = [{**dict(zip(colsp, k)), "M_PAG_MVE": v} for k, v in sorted(pag.items())]


def _agrupar_nagc(t: Tabelas) -> None:
    pares: dict[tuple, D] = defaultdict(D)
    cols = ("perfil_comprador", "perfil_vendedor", "submercado", "processamento", "vigencia", "tipo_energia",
            "tipo_preco", "mes")
    for r in t.get("M_MVE_NAGC", []):
        pares[tuple(r[k] for k in cols)] += r["M_MVE_NAGC"]
    t["M_MVE_NAGC"] = [{**dict(zip(cols, k)), "M_MVE_NAGC": v} for k, v in sorted(pares.items())]


__all__ = ["gerar"]
