"""Consistent random input tables for the MVE commands 35–75, of any size, from a seed.

Used by the settlement benchmark (1,000,000 contract-months of §2.3) and by the equivalence tests of the
vectorized engine against ``referencia``. Everything is exact (``Decimal``, never ``float``) and
deterministic for a given seed.

What "consistent" means here:

* every contract is in VINC_V_MVE (seller = a distributor profile of the product's submarket) and in
  VINC_C_MVE (buyer = a non-distributor profile), with the same product (s, x, v, te, tp), one
  MV_MVE_PRE row on the product's vigência, and a buy bid (``lance_compra``) whose PRECO_N_MVE (fixed
  price) or SPREAD_N_MVE (PLD + spread) gives the contract price through cmd 36 — one price per bid;
* vigências are monthly, quarterly, semiannual, annual and multi-year (some started before the horizon,
  so the IPCA update of cmd 37 happens inside it); processings are before and after the Financial
  Guarantees;
* M_HORAS, PLD_MS (always above the largest negative spread), NIPCA and F_MRES_CT cover every month any
  command reads (the horizon, 24 months either side);
* optionally (``com_anexo_i``): partial payments of a few buyers (TOT_EFE_PAG_MVE), administrative
  adjustments (AJUSTE_MVE), late-payment charges (ENC_MOR_MVE), one disconnection and one
  GFC-not-lodged event, so every command of Anexo I has work to do.
"""

from __future__ import annotations

import calendar
import random
from decimal import Decimal
from typing import Any, Sequence

from ccee_barramento.settlement.mve.referencia import (
    CE,
    CNE,
    PF,
    PV,
    int_para_mes,
    mes_para_int,
)

SUBMERCADOS = ("SE", "S", "NE", "N")
Tabelas = dict[str, list[dict[str, Any]]]


def _cache(escala: int, inicio: int, fim: int) -> list[Decimal]:
    """Decimals inicio/10**escala .. fim/10**escala, built once (Decimal construction is the slow part)."""
    return [Decimal(k).scaleb(-escala) for k in range(inicio, fim + 1)]


def _vigencias(inicio: int, n_meses: int) -> list[tuple[str, int, int, int]]:
    """(vigencia, first month, last month, weight). Weights favour long products so most contracts are
    in supply most of the horizon."""
    fim_h = inicio + n_meses - 1
    out: list[tuple[str, int, int, int]] = []
    for m in range(inicio, fim_h + 1):
        out.append((f"M{int_para_mes(m)}", m, m, 1))
    for m in range(inicio - inicio % 3, fim_h + 1, 3):
        out.append((f"T{int_para_mes(m)}", m, m + 2, 2))
    for m in range(inicio - inicio % 6, fim_h + 1, 6):
        out.append((f"S{int_para_mes(m)}", m, m + 5, 3))
    ano = inicio - inicio % 12
    for a in range(ano, fim_h + 1, 12):
        out.append((f"A{a // 12}", a, a + 11, 6))
    out.append((f"P{int_para_mes(ano - 12)}-36", ano - 12, ano + 23, 10))  # started a year before: IPCA in force
    out.append((f"P{int_para_mes(ano)}-24", ano, ano + 23, 10))
    out.append((f"P{int_para_mes(ano + 6)}-30", ano + 6, ano + 35, 4))  # mid-year start (DECISÃO D2)
    return out


def gerar_entradas(
    n_contratos: int,
    n_meses: int,
    semente: int = 0,
    *,
    mes_inicial: str = "2026-01",
    n_vendedores: int | None = None,
    n_compradores: int | None = None,
    com_anexo_i: bool = True,
    fracao_inadimplentes: float | None = None,
) -> Tabelas:
    """Input tables with ``n_contratos`` contracts over a horizon of ``n_meses`` months from ``mes_inicial``.

    ``n_vendedores`` / ``n_compradores`` default to sizes that grow with the number of contracts.
    ``fracao_inadimplentes`` (default 0.05 with ``com_anexo_i``) is the share of buyer agents that pay only
    part of their estimated bill in each month. Use ``contratos_mes`` to count contract-months in supply.
    """
    if n_contratos < 1 or n_meses < 1:
        raise ValueError("n_contratos e n_meses devem ser positivos")
    rnd = random.Random(semente)
    ini = mes_para_int(mes_inicial)
    fim_h = ini + n_meses - 1
    n_vend = n_vendedores or max(4, min(400, n_contratos // 250 + 4))
    n_comp = n_compradores or max(4, min(20_000, n_contratos // 10 + 4))

    quantidades = _cache(3, 100, 20_000)  # MV_MVE_PRE 0.100 .. 20.000 MWm
    precos = _cache(2, 15_000, 35_000)  # PRECO_N_MVE 150.00 .. 350.00 R$/MWh
    spreads = _cache(2, -2_000, 4_000)  # SPREAD_N_MVE -20.00 .. 40.00 R$/MWh
    plds = _cache(2, 6_000, 70_000)  # PLD_MS 60.00 .. 700.00 R$/MWh

    processamentos = [("X0", ini - 3, True), ("X1", ini - 2, False), ("X2", ini - 1, False)]
    vigencias = _vigencias(ini, n_meses)
    pesos = [w for *_, w in vigencias]

    vendedores = [(f"d{i:04d}", f"D{i:04d}", SUBMERCADOS[i % 4]) for i in range(n_vend)]
    compradores: list[tuple[str, str]] = []
    for i in range(n_comp):
        compradores.append((f"c{i:05d}a", f"C{i:05d}"))
        if i % 5 == 0:
            compradores.append((f"c{i:05d}b", f"C{i:05d}"))

    vinc_v: list[dict[str, Any]] = []
    vinc_c: list[dict[str, Any]] = []
    mv_pre: list[dict[str, Any]] = []
    lances: dict[tuple, tuple[str, Decimal]] = {}
    escolhas_vig = rnd.choices(range(len(vigencias)), weights=pesos, k=n_contratos)
    for i in range(n_contratos):
        av, _, s = vendedores[rnd.randrange(n_vend)]
        v, v_ini, v_fim, _ = vigencias[escolhas_vig[i]]
        x, _, _ = processamentos[rnd.randrange(3)]
        te = CE if rnd.random() < 0.4 else CNE
        tp = PF if rnd.random() < 0.6 else PV
        ac, _ = compradores[rnd.randrange(len(compradores))]
        prod = {"submercado": s, "processamento": x, "vigencia": v, "tipo_energia": te, "tipo_preco": tp}
        chave_lance = (ac, s, x, v, te, tp)
        lance = lances.get(chave_lance)
        if lance is None:
            lance = (f"L{len(lances):07d}",
                     precos[rnd.randrange(len(precos))] if tp == PF else spreads[rnd.randrange(len(spreads))])
            lances[chave_lance] = lance
        e = f"E{i:08d}"
        vinc_v.append({"contrato": e, "perfil_vendedor": av, **prod})
        vinc_c.append({"contrato": e, "perfil_comprador": ac, "lance_compra": lance[0], **prod})
        mv_pre.append({"contrato": e, "vigencia": v, "MV_MVE_PRE": quantidades[rnd.randrange(len(quantidades))]})

    preco_n: list[dict[str, Any]] = []
    spread_n: list[dict[str, Any]] = []
    for (ac, s, x, v, te, tp), (lc, val) in lances.items():
        linha = {"lance_compra": lc, "submercado": s, "processamento": x, "vigencia": v,
                 "tipo_energia": te, "tipo_preco": tp}
        if tp == PF:
            preco_n.append({**linha, "PRECO_N_MVE": val})
        else:
            spread_n.append({**linha, "SPREAD_N_MVE": val})

    m_min = min(ini - 24, min(vi for _, vi, _, _ in vigencias), ini - 6)
    m_max = max(fim_h + 24, max(vf for _, _, vf, _ in vigencias))
    m_horas = []
    nipca = []
    indice = Decimal("7000.00")
    for m in range(m_min, m_max + 1):
        ano, mes = divmod(m, 12)
        m_horas.append({"mes": int_para_mes(m), "M_HORAS": Decimal(calendar.monthrange(ano, mes + 1)[1] * 24)})
        nipca.append({"mes": int_para_mes(m), "NIPCA": indice})
        indice = indice + Decimal(rnd.randrange(0, 60)) * Decimal("0.35")  # 0 .. ~0.3 % a month
    pld = [{"submercado": s, "mes": int_para_mes(m), "PLD_MS": plds[rnd.randrange(len(plds))]}
           for s in SUBMERCADOS for m in range(m_min, m_max + 1)]

    entradas: Tabelas = {
        "A_ALPHA": [{"perfil": a, "agente": alfa} for a, alfa, _ in vendedores]
        + [{"perfil": a, "agente": alfa} for a, alfa in compradores],
        "VIGENCIA_MVE": [{"vigencia": v, "inicio": int_para_mes(a), "fim": int_para_mes(b)}
                         for v, a, b, _ in vigencias],
        "PROCESSAMENTO_MVE": [{"processamento": x, "mes_processamento": int_para_mes(mm),
                               "anterior_garantias_financeiras": ant} for x, mm, ant in processamentos],
        "VINC_V_MVE": vinc_v,
        "VINC_C_MVE": vinc_c,
        "MV_MVE_PRE": mv_pre,
        "PRECO_N_MVE": preco_n,
        "SPREAD_N_MVE": spread_n,
        "M_HORAS": m_horas,
        "PLD_MS": pld,
        "NIPCA": nipca,
        "F_MRES_CT": [{"processamento": x, "mes": int_para_mes(mm), "F_MRES_CT": Decimal("0.30")}
                      for x, mm, _ in processamentos],
    }
    if not com_anexo_i:
        return entradas
    _eventos(entradas, rnd, ini, n_meses, compradores, fracao_inadimplentes)
    return entradas


def _eventos(entradas: Tabelas, rnd: random.Random, ini: int, n_meses: int,
             compradores: list[tuple[str, str]], fracao: float | None) -> None:
    fracao = 0.05 if fracao is None else fracao
    agentes = sorted({alfa for _, alfa in compradores})
    perfis_do = {}
    for a, alfa in compradores:
        perfis_do.setdefault(alfa, []).append(a)
    # Contracts per buyer agent, to estimate a bill (MV x hours x price, ignoring carried amounts).
    comp = {ln["contrato"]: ln for ln in entradas["VINC_C_MVE"]}
    mv = {ln["contrato"]: ln["MV_MVE_PRE"] for ln in entradas["MV_MVE_PRE"]}
    vig = {ln["vigencia"]: (mes_para_int(ln["inicio"]), mes_para_int(ln["fim"])) for ln in entradas["VIGENCIA_MVE"]}
    horas = {mes_para_int(ln["mes"]): ln["M_HORAS"] for ln in entradas["M_HORAS"]}
    pld = {(ln["submercado"], mes_para_int(ln["mes"])): ln["PLD_MS"] for ln in entradas["PLD_MS"]}
    preco = {ln["lance_compra"]: ln["PRECO_N_MVE"] for ln in entradas["PRECO_N_MVE"]}
    spread = {ln["lance_compra"]: ln["SPREAD_N_MVE"] for ln in entradas["SPREAD_N_MVE"]}
    contratos_do: dict[str, list[str]] = {}
    agente_do = {a: alfa for a, alfa in compradores}
    for e, ln in comp.items():
        contratos_do.setdefault(agente_do[ln["perfil_comprador"]], []).append(e)

    pagos: list[dict[str, Any]] = []
    n_inad = max(1, int(len(agentes) * fracao)) if fracao > 0 else 0
    for m in range(ini, ini + n_meses):
        for alfa in rnd.sample(agentes, min(n_inad, len(agentes))):
            conta = Decimal(0)
            for e in contratos_do.get(alfa, ()):
                ln = comp[e]
                a, b = vig[ln["vigencia"]]
                if a <= m <= b:
                    p = preco[ln["lance_compra"]] if ln["tipo_preco"] == PF else (
                        pld[(ln["submercado"], m)] + spread[ln["lance_compra"]])
                    conta += mv[e] * horas[m] * p
            pago = (conta * Decimal(rnd.randrange(0, 96)) / Decimal(100)).quantize(Decimal("0.01"))
            pagos.append({"agente": alfa, "mes": int_para_mes(m), "TOT_EFE_PAG_MVE": max(pago, Decimal(0))})
    entradas["TOT_EFE_PAG_MVE"] = pagos

    # Administrative adjustments and late-payment charges on a few pre-guarantee (X0) pairs.
    vend = {ln["contrato"]: ln["perfil_vendedor"] for ln in entradas["VINC_V_MVE"]}
    x0 = [e for e, ln in comp.items() if ln["processamento"] == "X0"]
    ajustes, encargos = [], []
    for e in rnd.sample(x0, min(3, len(x0))):
        ln = comp[e]
        prod = {k: ln[k] for k in ("submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco")}
        par = {"perfil_comprador": ln["perfil_comprador"], "perfil_vendedor": vend[e], **prod}
        m = int_para_mes(ini + rnd.randrange(n_meses))
        ajustes.append({**par, "mes": m, "AJUSTE_MVE": Decimal(rnd.randrange(100, 100_000))})
        encargos.append({**par, "mes": m, "mes_referencia": int_para_mes(ini - 1),
                         "ENC_MOR_MVE": Decimal(rnd.randrange(1, 5_000))})
    entradas["AJUSTE_MVE"] = ajustes
    entradas["ENC_MOR_MVE"] = encargos

    # One disconnection (cmd 73 iii) mid-horizon, one GFC not lodged (cmd 71) in the first month.
    if len(agentes) >= 2:
        deslig, nagc = rnd.sample(agentes, 2)
        entradas["EVENTO_RESCISAO_MVE"] = [
            {"agente": deslig, "mes": int_para_mes(ini + n_meses // 2), "motivo": "desligamento"}]
        entradas["NAO_APORTE_GFC"] = [{"agente": nagc, "processamento": "X2", "mes": int_para_mes(ini)}]


def meses(mes_inicial: str, n_meses: int) -> list[str]:
    """The ``n_meses`` consecutive months from ``mes_inicial``."""
    ini = mes_para_int(mes_inicial)
    return [int_para_mes(m) for m in range(ini, ini + n_meses)]


def contratos_mes(entradas: Tabelas, lista_meses: Sequence[str]) -> int:
    """How many (contract, month) pairs are in supply over ``lista_meses`` (rescissions not counted)."""
    vig = {ln["vigencia"]: (mes_para_int(ln["inicio"]), mes_para_int(ln["fim"])) for ln in entradas["VIGENCIA_MVE"]}
    ms = [mes_para_int(m) for m in lista_meses]
    lo, hi = min(ms), max(ms)
    total = 0
    for ln in entradas["MV_MVE_PRE"]:
        a, b = vig[ln["vigencia"]]
        total += max(0, min(b, hi) - max(a, lo) + 1)
    return total
