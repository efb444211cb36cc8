"""MVE commands 71–75 (Anexo I 3.1.3–3.1.4): rescission fines.

Common data: month m = March 2026; F_MRES_CT = 0.30 for X1 and X2 (a row in Oct 2025, the month of both
processings, in force afterwards — DECISÃO D17); PLD_MS[SE] = 100.00 (Jan 2026), 120.00 (Feb), 180.50 (Mar),
150.00 otherwise; hours = days x 24 (2026: Apr 720, May 744, Jun 720, Jul 744, Aug 744, Sep 720, Oct 744,
Nov 720, Dec 744).
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from mve_cenarios import (
    SE,
    X1,
    X2,
    base_comum,
    contrato,
    junta,
    linhas,
    pld_constante,
    prod_cols,
    todas_as_horas,
    valor,
)

from ccee_barramento.settlement.mve import ErroEntradaMVE, calcular_mes, calcular_meses

MAR = "2026-03"
VIG = [
    {"vigencia": "VQ", "inicio": "2026-07", "fim": "2026-09"},  # quarterly
    {"vigencia": "VM", "inicio": "2026-03", "fim": "2026-03"},  # monthly ("1 mês")
    {"vigencia": "VA", "inicio": "2026-01", "fim": "2026-12"},  # annual
    {"vigencia": "VP", "inicio": "2026-07", "fim": "2028-06"},  # multi-year, 24 months
    {"vigencia": "VF", "inicio": "2027-01", "fim": "2027-12"},  # annual, supply not started yet
    {"vigencia": "VL", "inicio": "2026-01", "fim": "2027-12"},  # multi-year from Jan 2026
]
PERFIS = {"av1": "AV1", "av2": "AV2", "ac3": "AC3", "ac4": "AC4", "ac5": "AC5"}


def _pld():
    pld = {ln["mes"]: ln for ln in pld_constante("150.00")}
    for mes, v in (("2026-01", "100.00"), ("2026-02", "120.00"), ("2026-03", "180.50")):
        pld[mes] = {"submercado": SE, "mes": mes, "PLD_MS": D(v)}
    return list(pld.values())


def _base(*contratos, **extra):
    return junta(
        base_comum(vigencias=VIG, perfis=PERFIS),
        *contratos,
        {"M_HORAS": todas_as_horas(), "PLD_MS": _pld(),
         "F_MRES_CT": [{"processamento": X1, "mes": "2025-10", "F_MRES_CT": D("0.30")},
                       {"processamento": X2, "mes": "2025-10", "F_MRES_CT": D("0.30")}]},
        extra,
    )


# --- cmds 71–72: GFC not lodged ------------------------------------------------------------------

NAGC = [{"agente": "AC3", "processamento": X2, "mes": MAR}]


def _nagc():
    return _base(
        contrato("e7", "av1", "ac3", (SE, X2, "VQ", "CE", "PF"), "2", preco="200.00"),
        contrato("e8", "av2", "ac3", (SE, X2, "VQ", "CNE", "PV"), "1", spread="10.00"),
        contrato("e8n", "av2", "ac3", (SE, X2, "VQ", "CE", "PV"), "1", spread="-5.00"),
        contrato("e9", "av1", "ac3", (SE, X2, "VM", "CE", "PF"), "1", preco="300.00"),
        contrato("e10", "av1", "ac3", (SE, X2, "VP", "CE", "PF"), "1", preco="100.00"),
        NAO_APORTE_GFC=NAGC,
    )


@pytest.fixture(scope="module")
def nagc():
    return calcular_mes(_nagc(), MAR)[0]


def test_cmd_72_preco_da_multa_por_nao_aporte(nagc):
    # PRIC_MRC_MVE = F_MRES_CT[m*, x] x PRECO_CT_MVE (PF) or x SPREAD_CT_MVE (PV), m* = Oct 2025
    #   e7: 0.30 x 200.00 = 60.00 ; e8: 0.30 x 10.00 = 3.00 ; e10: 0.30 x 100.00 = 30.00
    #   e8n: 0.30 x (-5.00) = -1.50 -> 0 (DECISÃO D10: a fine is "positivo ou zero")
    assert valor(nagc, "PRIC_MRC_MVE", contrato="e7") == D("60.00")
    assert valor(nagc, "PRIC_MRC_MVE", contrato="e8") == D("3.00")
    assert valor(nagc, "PRIC_MRC_MVE", contrato="e10") == D("30.00")
    assert valor(nagc, "PRIC_MRC_MVE", contrato="e8n") == 0


def test_cmd_71_multa_por_nao_aporte_da_gfc(nagc):
    # M_MVE_NAGC = (sum over v_fim of MV_MVE_PRE x hours) x PRIC_MRC_MVE, v_fim = supply limited to 12 months
    #   e7: 2 x (744 + 744 + 720 = 2,208) x 60.00 = 264,960.00
    #   e8: 1 x 2,208 x 3.00 = 6,624.00
    #   e10: Jul 2026 – Jun 2027 only (12 of 24 months) = 8,760 h: 1 x 8,760 x 30.00 = 262,800.00
    #   e9 is a monthly product: excluded ("∀ v ≠ 1 mês")
    par = dict(perfil_comprador="ac3")
    assert valor(nagc, "M_MVE_NAGC", **par, perfil_vendedor="av1", **prod_cols((SE, X2, "VQ", "CE", "PF"))) == D("264960")
    assert valor(nagc, "M_MVE_NAGC", **par, perfil_vendedor="av2", **prod_cols((SE, X2, "VQ", "CNE", "PV"))) == D("6624")
    assert valor(nagc, "M_MVE_NAGC", **par, perfil_vendedor="av1", **prod_cols((SE, X2, "VP", "CE", "PF"))) == D("262800")
    assert linhas(nagc, "M_MVE_NAGC", vigencia="VM") == []
    # M_PAG_NAGC[AC3, X2] = 264,960 + 6,624 + 0 + 262,800 = 534,384.00
    assert valor(nagc, "M_PAG_NAGC", agente="AC3", processamento=X2) == D("534384")


def test_cmd_71_contratos_sem_gfc_sao_rescindidos_decisao_d15():
    saidas, _ = calcular_meses(_nagc(), [MAR, "2026-04", "2026-05", "2026-06", "2026-07"])
    assert {ln["contrato"] for ln in linhas(saidas, "RESCISAO_MVE", motivo="nao_aporte_gfc")} == {"e7", "e8", "e8n", "e10"}
    # they never reach supply: nothing valued in July (e7, e8, e10 would start then)
    assert linhas(saidas, "VLR_MVE_PF_CT", mes="2026-07") == []
    # a processing before the guarantees has no GFC: refused
    ent = _nagc()
    ent["NAO_APORTE_GFC"] = [{"agente": "AC3", "processamento": X1, "mes": MAR}]
    with pytest.raises(ErroEntradaMVE, match="NAO_APORTE_GFC"):
        calcular_mes(ent, MAR)


# --- cmds 73–75: default, GFC not recomposed, disconnection ----------------------------------------

A_VA_CNE_PF = (SE, X2, "VA", "CNE", "PF")
A_VA_CE_PV = (SE, X2, "VA", "CE", "PV")
A_VM_CE_PF = (SE, X2, "VM", "CE", "PF")
B_VA_CNE_PV = (SE, X1, "VA", "CNE", "PV")
B_VF_CE_PF = (SE, X2, "VF", "CE", "PF")


def _rescisoes(**extra):
    return _base(
        # AC4 pays nothing in March (TOT_EFE_PAG_MVE = 0) and does not recompose its GFC:
        contrato("e10b", "av1", "ac4", A_VA_CNE_PF, "2", preco="200.00"),  # PF annual -> (ii)
        contrato("e11", "av2", "ac4", A_VA_CE_PV, "1", spread="20.00"),  # PV -> (i)
        contrato("e13", "av1", "ac4", A_VM_CE_PF, "1", preco="300.00"),  # PF monthly -> (i)
        contrato("e14", "av2", "ac4", (SE, X1, "VA", "CE", "PV"), "1", spread="20.00"),  # before guarantees: kept
        # AC5 is disconnected in March (not for an MVE breach):
        contrato("e12", "av2", "ac5", B_VA_CNE_PV, "1", spread="15.00"),  # before guarantees, PV -> (iii)
        contrato("e15", "av1", "ac5", B_VF_CE_PF, "1", preco="100.00"),  # supply from 2027 -> (iii)
        # AC3 is disconnected for an MVE breach: no fine under (iii)
        contrato("e16", "av1", "ac3", A_VA_CNE_PF, "1", preco="200.00"),
        TOT_EFE_PAG_MVE=[{"agente": "AC4", "mes": MAR, "TOT_EFE_PAG_MVE": 0}],
        EVENTO_RESCISAO_MVE=[
            {"agente": "AC4", "mes": MAR, "motivo": "nao_recomposicao_gfc"},
            {"agente": "AC5", "mes": MAR, "motivo": "desligamento"},
            {"agente": "AC3", "mes": MAR, "motivo": "desligamento_descumprimento_mve"},
        ],
        **extra,
    )


@pytest.fixture(scope="module")
def resc():
    return calcular_mes(_rescisoes(), MAR)[0]


def test_cmd_73_gatilhos_da_rescisao(resc):
    motivos = {ln["contrato"]: ln["motivo"] for ln in resc["RESCISAO_MVE"]}
    assert motivos == {
        "e11": "inadimplencia",  # (i) default, PLD + spread product
        "e13": "inadimplencia",  # (i) default, monthly fixed-price product
        "e10b": "nao_recomposicao_gfc",  # (ii) fixed price longer than 1 month
        "e12": "desligamento",  # (iii) all valid contracts, even before the guarantees ("Importante")
        "e15": "desligamento",  # (iii) even if supply has not started ("Importante" of 3.1.4)
    }
    # e14 (before the guarantees) is not rescinded for default, only reduced (cmd 64): AJU = 1 x 1 = 1
    assert valor(resc, "AJU_M_MVE", contrato="e14") == 1


def test_cmd_73_sem_evento_nao_ha_rescisao_de_pf_longo():
    # Without the non-recomposition event, AC4's default alone does not rescind the annual PF e10b.
    ent = _rescisoes()
    ent["EVENTO_RESCISAO_MVE"] = []
    s, _ = calcular_mes(ent, MAR)
    assert {ln["contrato"] for ln in s["RESCISAO_MVE"]} == {"e11", "e13"}


def test_cmd_75_preco_da_multa_por_descumprimento(resc):
    # (c) PF: F_MRES_CT[m,x] x PRECO_CT_MVE_M: e10b 0.30 x 200.00 = 60.00 ; e13 0.30 x 300.00 = 90.00 ;
    #     e15 0.30 x 100.00 = 30.00
    # (c)(ii) PV with guarantees: F x SPREAD_CT_MVE_M: e11 0.30 x 20.00 = 6.00
    # (c)(i) PV registered without guarantees (DECISÃO D11): F x mean over Jan..Mar of (PLD + spread)
    #     = 0.30 x ((100.00 + 15) + (120.00 + 15) + (180.50 + 15)) / 3 = 0.30 x 445.50 / 3 = 0.30 x 148.50 = 44.55
    assert valor(resc, "PRIC_MD_MVE", contrato="e10b") == D("60.00")
    assert valor(resc, "PRIC_MD_MVE", contrato="e13") == D("90.00")
    assert valor(resc, "PRIC_MD_MVE", contrato="e15") == D("30.00")
    assert valor(resc, "PRIC_MD_MVE", contrato="e11") == D("6.00")
    assert valor(resc, "PRIC_MD_MVE", contrato="e12") == D("44.55")


def test_cmd_75_multa_por_par_e_produto(resc):
    # (b) M_MVE = (sum over the remaining period of MV x hours) x PRIC_MD_MVE
    #   e10b PF, per_rem_pf = Apr..Dec 2026 = 720+744+720+744+744+720+744+720+744 = 6,600 h: 2 x 6,600 x 60 = 792,000.00
    #   e11 PV, per_rem_pv = Mar..Dec 2026 = 744 + 6,600 = 7,344 h: 1 x 7,344 x 6.00 = 44,064.00
    #   e13 PF monthly: per_rem_pf starts in April, after the end of supply -> 0
    #   e12 PV before guarantees: 1 x 7,344 x 44.55 = 327,175.20
    #   e15 PF from 2027: per_rem_pf = Jan..Dec 2027 = 8,760 h: 1 x 8,760 x 30.00 = 262,800.00
    assert valor(resc, "M_MVE", perfil_comprador="ac4", perfil_vendedor="av1", **prod_cols(A_VA_CNE_PF)) == D("792000")
    assert valor(resc, "M_MVE", perfil_comprador="ac4", perfil_vendedor="av2", **prod_cols(A_VA_CE_PV)) == D("44064")
    assert valor(resc, "M_MVE", perfil_comprador="ac4", perfil_vendedor="av1", **prod_cols(A_VM_CE_PF)) == 0
    assert valor(resc, "M_MVE", perfil_comprador="ac5", perfil_vendedor="av2", **prod_cols(B_VA_CNE_PV)) == D("327175.20")
    assert valor(resc, "M_MVE", perfil_comprador="ac5", perfil_vendedor="av1", **prod_cols(B_VF_CE_PF)) == D("262800")
    # (a) TM_MVE per pair: [ac4,av1] = 792,000 + 0 ; [ac4,av2] = 44,064 ; [ac5,av2] = 327,175.20 ; [ac5,av1] = 262,800
    assert valor(resc, "TM_MVE", perfil_comprador="ac4", perfil_vendedor="av1") == D("792000")
    assert valor(resc, "TM_MVE", perfil_comprador="ac5", perfil_vendedor="av2") == D("327175.20")


def test_cmd_75_total_a_pagar(resc):
    # M_PAG_MVE[ac4, A_VA_CNE_PF] = 792,000 ; TM_PAG_MVE[ac4] = 792,000 + 44,064 + 0 = 836,064.00
    # TM_PAG_MVE[ac5] = 327,175.20 + 262,800 = 589,975.20 ; ac3 (disconnected for an MVE breach): no fine
    assert valor(resc, "M_PAG_MVE", perfil="ac4", **prod_cols(A_VA_CNE_PF)) == D("792000")
    assert valor(resc, "TM_PAG_MVE", perfil="ac4") == D("836064")
    assert valor(resc, "TM_PAG_MVE", perfil="ac5") == D("589975.20")
    assert linhas(resc, "TM_PAG_MVE", perfil="ac3") == []


def test_cmd_74_total_a_receber(resc):
    # M_REC_MVE[av1, A_VA_CNE_PF] = 792,000 ; TM_REC_MVE[av1] = 792,000 + 0 + 262,800 = 1,054,800.00
    # TM_REC_MVE[av2] = 44,064 + 327,175.20 = 371,239.20 ; what buyers pay = what sellers receive
    assert valor(resc, "M_REC_MVE", perfil="av1", **prod_cols(A_VA_CNE_PF)) == D("792000")
    assert valor(resc, "TM_REC_MVE", perfil="av1") == D("1054800")
    assert valor(resc, "TM_REC_MVE", perfil="av2") == D("371239.20")
    assert sum(ln["TM_REC_MVE"] for ln in resc["TM_REC_MVE"]) == sum(ln["TM_PAG_MVE"] for ln in resc["TM_PAG_MVE"])


def test_cmd_75_preco_atualizado_e_limite_de_12_meses():
    # PF multi-year VL (Jan 2026 – Dec 2027) @ 250.00 of ac5, X2 processed in Oct 2025 (NIPCA 7,000.00),
    # NIPCA[Nov 2026] = 7,315.00 -> PRECO_CT_MVE_M[Feb 2027] = 261.25 ; AC5 disconnected in Feb 2027.
    #   PRIC_MD_MVE = 0.30 x 261.25 = 78.375 ; per_rem_pf = Mar..Dec 2027 = 7,344 h ; M = 1 x 7,344 x 78.375 = 575,586.00
    # PF multi-year VP (Jul 2026 – Jun 2028) @ 100.00 of ac5: per_rem_pf = Mar 2027 .. Feb 2028 (12 months,
    #   2028 is a leap year: Jan 744 + Feb 696) = 7,344 + 744 + 696 = 8,784 h.
    #   Its price is updated in Dec 2026 (first December of supply, D2): 100 x 7315 / 7000 = 104.50 -> PRIC 31.35
    #   M = 1 x 8,784 x 31.35 = 275,378.40
    fev27 = "2027-02"
    ent = _base(
        contrato("l1", "av1", "ac5", (SE, X2, "VL", "CE", "PF"), "1", preco="250.00"),
        contrato("l2", "av2", "ac5", (SE, X2, "VP", "CE", "PF"), "1", preco="100.00"),
        NIPCA=[{"mes": "2025-10", "NIPCA": D("7000.00")}, {"mes": "2026-11", "NIPCA": D("7315.00")}],
        EVENTO_RESCISAO_MVE=[{"agente": "AC5", "mes": fev27, "motivo": "desligamento"}],
    )
    s, _ = calcular_mes(ent, fev27)
    assert valor(s, "PRIC_MD_MVE", contrato="l1") == D("78.375")
    assert valor(s, "M_MVE", perfil_vendedor="av1", **prod_cols((SE, X2, "VL", "CE", "PF"))) == D("575586")
    assert valor(s, "PRIC_MD_MVE", contrato="l2") == D("31.35")
    assert valor(s, "M_MVE", perfil_vendedor="av2", **prod_cols((SE, X2, "VP", "CE", "PF"))) == D("275378.40")


def test_cmd_75_f_mres_ct_ausente_e_erro():
    ent = _rescisoes()
    ent["F_MRES_CT"] = []
    with pytest.raises(ErroEntradaMVE, match="F_MRES_CT"):
        calcular_mes(ent, MAR)
