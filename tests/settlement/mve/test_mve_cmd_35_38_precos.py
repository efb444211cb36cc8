"""MVE commands 35–38: contract price, yearly IPCA update, monthly price (seed 004 §2.3.1–2.3.2)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from mve_cenarios import (
    SE,
    X1,
    base_comum,
    contrato,
    exemplo_1,
    junta,
    linhas,
    pld_constante,
    q,
    substitui,
    todas_as_horas,
    valor,
)

from ccee_barramento.settlement.mve import ErroEntradaMVE, calcular_mes, calcular_meses

# A multi-year product Jan 2026 – Dec 2028 of processing X1 (held in Oct 2025), spec example 1c.
VP = "VP"
PP = (SE, X1, VP, "CE", "PF")
PPV = (SE, X1, VP, "CNE", "PV")
NIPCA = [
    {"mes": "2025-10", "NIPCA": D("7000.00")},  # m* (month of processing X1)
    {"mes": "2025-11", "NIPCA": D("7100.00")},  # read by a December-2025 update, which must NOT happen
    {"mes": "2026-11", "NIPCA": D("7315.00")},
    {"mes": "2027-11", "NIPCA": D("7600.00")},
]


def _plurianual(vig_inicio: str = "2026-01", vig_fim: str = "2028-12") -> dict:
    return junta(
        base_comum(vigencias=[{"vigencia": VP, "inicio": vig_inicio, "fim": vig_fim}]),
        contrato("p1", "av1", "ac1", PP, "2", preco="250.00"),
        contrato("p2", "av1", "ac1", PPV, "1", spread="15.00"),
        {"M_HORAS": todas_as_horas(), "PLD_MS": pld_constante("100.00"), "NIPCA": NIPCA},
    )


def test_cmd_35_todo_contrato_em_suprimento_e_valorado():
    # Cmd 35 (text): the values are needed for the MVE settlement -> every contract in supply gets a value.
    s, _ = calcular_mes(exemplo_1(), "2026-03")
    assert {ln["contrato"] for ln in s["VLR_MVE_PF_CT"] + s["VLR_MVE_PV_CT"]} == {"e1", "e2", "e3", "e4", "e5"}
    assert {ln["contrato"] for ln in s["VLP_MVE_PF_CT"] + s["VLP_MVE_PV_CT"]} == {"e1", "e2", "e3", "e4", "e5"}


def test_cmd_36_preco_do_lance_do_comprador():
    # Cmd 36: PRECO_CT_MVE[e,v] = PRECO_N_MVE[lc,...] (PF); SPREAD_CT_MVE[e,v] = SPREAD_N_MVE[lc,...] (PV).
    # Discriminatory price: contract e1 (bid L1 of ac1) is worth ac1's bid 250.00, e2 (bid L2 of ac2) 240.00,
    # e5 (bid L3) gets the spread 15.00.
    p1 = (SE, X1, "V1", "CE", "PF")
    p2 = (SE, X1, "V1", "CNE", "PV")
    cols = lambda p: dict(zip(("submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco"), p))  # noqa: E731
    ent = junta(
        base_comum(),
        contrato("e1", "av1", "ac1", p1, "6", lance="L1"),
        contrato("e2", "av1", "ac2", p1, "4", lance="L2"),
        contrato("e5", "av1", "ac1", p2, "5", lance="L3"),
        {"PRECO_N_MVE": [{"lance_compra": "L1", **cols(p1), "PRECO_N_MVE": D("250.00")},
                         {"lance_compra": "L2", **cols(p1), "PRECO_N_MVE": D("240.00")}],
         "SPREAD_N_MVE": [{"lance_compra": "L3", **cols(p2), "SPREAD_N_MVE": D("15.00")}]},
    )
    s, _ = calcular_mes(ent, "2026-03")
    assert valor(s, "PRECO_CT_MVE", contrato="e1") == D("250.00")
    assert valor(s, "PRECO_CT_MVE", contrato="e2") == D("240.00")
    assert valor(s, "SPREAD_CT_MVE", contrato="e5") == D("15.00")
    # and it is the price used: e1 = 6 x 744 x 250.00 = 1,116,000.00
    assert valor(s, "VLR_MVE_PF_CT", contrato="e1") == D("1116000")
    # DECISÃO D1: a given PRECO_CT_MVE that contradicts the bid is an error; no price at all is an error.
    conflito = substitui(ent, PRECO_CT_MVE=[{"contrato": "e1", "vigencia": "V1", "PRECO_CT_MVE": D("251")}])
    with pytest.raises(ErroEntradaMVE, match="PRECO_CT_MVE"):
        calcular_mes(conflito, "2026-03")
    sem_preco = substitui(ent, PRECO_N_MVE=[])
    with pytest.raises(ErroEntradaMVE, match="PRECO_CT_MVE"):
        calcular_mes(sem_preco, "2026-03")


def test_cmd_37_ipca_anual_sobre_o_preco_original():
    # Cmd 37 (spec example 1c): PRECO_CT_MVE_A[m+1] = PRECO_CT_MVE * NIPCA[m-1] / NIPCA[m*] in December.
    #   Jan–Dec 2026: 250.00 (no update before the end of the first supply year)
    #   Dec 2026 -> Jan 2027: 250.00 * 7315 / 7000 = 261.25 ; spread 15.00 * 7315 / 7000 = 15.675
    #   Dec 2027 -> Jan 2028: 250.00 * 7600 / 7000 = 271.428571428571428... (original price, not 261.25 compounded)
    s, _ = calcular_meses(_plurianual(), [f"2026-{m:02d}" for m in range(1, 13)] + [f"2027-{m:02d}" for m in range(1, 13)]
                          + ["2028-01"])
    precos = {ln["mes"]: ln["PRECO_CT_MVE_A"] for ln in linhas(s, "PRECO_CT_MVE_A", contrato="p1")}
    spreads = {ln["mes"]: ln["SPREAD_CT_MVE_A"] for ln in linhas(s, "SPREAD_CT_MVE_A", contrato="p2")}
    assert all(precos[f"2026-{m:02d}"] == D("250") for m in range(1, 13))
    assert all(precos[f"2027-{m:02d}"] == D("261.25") for m in range(1, 13))
    assert spreads["2027-01"] == D("15.675") and spreads["2026-12"] == D("15")
    assert precos["2028-01"] == q(D("250.00") * D("7600.00") / D("7000.00")) == D("271.428571428571")


def test_cmd_37_importante_sem_atualizacao_antes_do_fim_do_primeiro_ano():
    # "Importante": _A starts in the month before supply (Dec 2025) equal to PRECO_CT_MVE, and the IPCA update
    # happens only from the end of the first supply year. A December-2025 update would give
    # 250 * 7100 / 7000 = 253.571428... in Jan 2026; the rule says 250.00.
    s, _ = calcular_mes(_plurianual(), "2026-01")
    assert valor(s, "PRECO_CT_MVE_A", contrato="p1") == D("250.00")
    assert valor(s, "PRECO_CT_MVE_M", contrato="p1") == D("250.00")
    # 2 MWm x 744 h x 250.00 = 372,000.00
    assert valor(s, "VLR_MVE_PF_CT", contrato="p1") == D("372000")


def test_cmd_37_inicio_no_meio_do_ano_decisao_d2():
    # DECISÃO D2: supply from Jul 2026; the first update is the December that closes the first calendar
    # supply year (Dec 2026), valid from Jan 2027: 250 * NIPCA[Nov 2026] / NIPCA[Oct 2025] = 261.25.
    ent = _plurianual("2026-07", "2029-06")
    s, _ = calcular_meses(ent, ["2026-12", "2027-01"])
    assert valor(s, "PRECO_CT_MVE_A", contrato="p1", mes="2026-12") == D("250")
    assert valor(s, "PRECO_CT_MVE_A", contrato="p1", mes="2027-01") == D("261.25")


def test_cmd_37_estado_e_forma_fechada_coincidem():
    # The state carries _A[m+1] (the seed's recursion); without state, the recursion is unrolled from NIPCA.
    ent = _plurianual()
    s_cadeia, estado = calcular_meses(ent, ["2026-11", "2026-12"])
    assert estado["PRECO_CT_MVE_A"] == [
        {"contrato": "p1", "vigencia": VP, "mes": "2027-01", "PRECO_CT_MVE_A": D("250.00") * D("7315.00") / D("7000.00")}]
    s_estado, _ = calcular_mes(ent, "2027-01", estado)
    s_direto, _ = calcular_mes(ent, "2027-01")
    assert s_estado["PRECO_CT_MVE_A"] == s_direto["PRECO_CT_MVE_A"]
    assert s_estado["VLR_MVE_PF_CT"] == s_direto["VLR_MVE_PF_CT"]


def test_cmd_37_nipca_ausente_e_erro_claro():
    ent = substitui(_plurianual(), NIPCA=[{"mes": "2025-10", "NIPCA": D("7000")}])
    with pytest.raises(ErroEntradaMVE, match="NIPCA.*2026-11"):
        calcular_mes(ent, "2027-01")


def test_cmd_38_preco_do_mes():
    # Cmd 38: multi-year -> PRECO_CT_MVE_M = PRECO_CT_MVE_A; other products -> the traded price.
    # An annual product Jul 2026 – Jun 2027 crosses December but is not multi-year: Jan 2027 keeps 250.00.
    va = "VA"
    pa = (SE, X1, va, "CE", "PF")
    ent = junta(
        base_comum(vigencias=[{"vigencia": va, "inicio": "2026-07", "fim": "2027-06"},
                              {"vigencia": VP, "inicio": "2026-01", "fim": "2028-12"}]),
        contrato("a1", "av1", "ac1", pa, "1", preco="250.00"),
        contrato("p1", "av1", "ac1", PP, "1", preco="250.00"),
        contrato("p2", "av1", "ac1", PPV, "1", spread="15.00"),
        {"M_HORAS": todas_as_horas(), "PLD_MS": pld_constante("100.00"), "NIPCA": NIPCA},
    )
    s, _ = calcular_mes(ent, "2027-01")
    assert valor(s, "PRECO_CT_MVE_M", contrato="a1") == D("250.00")
    assert linhas(s, "PRECO_CT_MVE_A", contrato="a1") == []
    assert valor(s, "PRECO_CT_MVE_M", contrato="p1") == D("261.25")
    assert valor(s, "SPREAD_CT_MVE_M", contrato="p2") == D("15.675")
    # VLR_MVE_PV_CT[p2] = 1 x 744 x (100.00 + 15.675) = 86,062.20
    assert valor(s, "VLR_MVE_PV_CT", contrato="p2") == D("86062.2")
