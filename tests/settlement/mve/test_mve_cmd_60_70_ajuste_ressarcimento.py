"""MVE commands 60–70 (Anexo I 3.1.1–3.1.2): default factor, contract adjustment, ressarcimento.

Spec worked example 2 (second part): in March 2026 AC1 owes 2,401,260.00 and pays only 1,800,945.00.
    VALOR_INAD_MVE[AC1] = max(0, 2,401,260.00 - |1,800,945.00|) = 600,315.00
    F_INAD_EFE_MVE[AC1] = 600,315.00 / 2,401,260.00 = 0.25
Contracts of processing X1 (before the Financial Guarantees) are reduced by 25 %:
    AJU_M_MVE e1 = 0.25 x 6 = 1.5 ; e3 = 0.25 x 3 = 0.75 ; e5 = 0.25 x 5 = 1.25 (e2, e4 are AC2's: untouched)
    MV[e, v = 2026-03] = 4.5 ; 2.25 ; 3.75
Ressarcimento (PLD_MS = 180.50): PRIC_RESS e1 = e3 = max(0, 250.00 - 180.50) = 69.50 ; e5 = max(0, 15.00) = 15.00
    RESS_P_MVE [ac1,av1,P1] = 1.5 x 744 x 69.50 = 77,562.00 ; [ac1,av2,P1] = 0.75 x 744 x 69.50 = 38,781.00
               [ac1,av1,P2] = 1.25 x 744 x 15.00 = 13,950.00
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from mve_cenarios import (
    P1,
    P2,
    SE,
    X1,
    contrato,
    exemplo_1,
    junta,
    linhas,
    prod_cols,
    substitui,
    todas_as_horas,
    valor,
)

from ccee_barramento.settlement.mve import calcular_mes, calcular_meses

MAR, ABR = "2026-03", "2026-04"
PAGO_AC1 = [{"agente": "AC1", "mes": MAR, "TOT_EFE_PAG_MVE": D("1800945.00")}]


def _ent(**extra):
    return substitui(exemplo_1(), TOT_EFE_PAG_MVE=PAGO_AC1, **extra)


@pytest.fixture(scope="module")
def s():
    return calcular_mes(_ent(), MAR)[0]


def test_cmd_60_ajuste_so_para_contratos_anteriores_as_garantias():
    # Cmd 60 (text): the same default on contracts of a processing WITH guarantees adjusts nothing.
    ent = substitui(exemplo_1(anterior_garantias=False), TOT_EFE_PAG_MVE=PAGO_AC1,
                    F_MRES_CT=[{"processamento": "X2", "mes": "2025-10", "F_MRES_CT": D("0.3")}],
                    M_HORAS=todas_as_horas())
    s, _ = calcular_mes(ent, MAR)
    assert valor(s, "F_INAD_EFE_MVE", agente="AC1") == D("0.25")
    assert s["AJU_M_MVE"] == [] and s["MV"] == [] and s["RESS_P_MVE"] == []
    # there, the default rescinds AC1's PLD + spread contract instead (cmd 73 i)
    assert [(ln["contrato"], ln["motivo"]) for ln in s["RESCISAO_MVE"]] == [("e5", "inadimplencia")]


def test_cmd_61_so_os_contratos_do_comprador_inadimplente(s):
    # Cmd 61 (text): only the defaulting buyer's purchase contracts are reduced; AC2's e2 and e4 are not.
    assert {ln["contrato"] for ln in s["AJU_M_MVE"]} == {"e1", "e3", "e5"}
    # and only the sellers with contracts with AC1 get a ressarcimento (av1 and av2 both sold to ac1)
    assert {(ln["perfil_comprador"], ln["perfil_vendedor"]) for ln in s["RESS_P_MVE"]} == {("ac1", "av1"), ("ac1", "av2")}


def test_cmd_62_sem_prioridade_entre_produtos(s):
    # Cmd 62 (text): every product of the defaulting buyer is reduced in the same proportion (0.25),
    # fixed-price P1 (e1, e3) and PLD + spread P2 (e5) alike.
    for e, mv_pre in (("e1", 6), ("e3", 3), ("e5", 5)):
        assert valor(s, "AJU_M_MVE", contrato=e) / mv_pre == D("0.25")


def test_cmd_63_fator_de_inadimplencia_efetiva(s):
    assert valor(s, "VALOR_INAD_MVE", agente="AC1") == D("600315.00")
    assert valor(s, "F_INAD_EFE_MVE", agente="AC1") == D("0.25")
    # DECISÃO D8: AC2 has no TOT_EFE_PAG_MVE row -> taken as paid in full -> 0
    assert valor(s, "VALOR_INAD_MVE", agente="AC2") == 0 and valor(s, "F_INAD_EFE_MVE", agente="AC2") == 0
    # sellers (TOT_LIQ_MVE > 0) never default (DECISÃO D7)
    assert valor(s, "F_INAD_EFE_MVE", agente="AV1") == 0


def test_cmd_63_pagamento_zero_e_pagamento_a_maior():
    # AC2 pays 0 -> VALOR_INAD = 1,071,360.00, F = 1 ; AC1 pays 3,000,000 > 2,401,260 -> max(0, negative) = 0
    ent = substitui(exemplo_1(), TOT_EFE_PAG_MVE=[{"agente": "AC2", "mes": MAR, "TOT_EFE_PAG_MVE": 0},
                                                  {"agente": "AC1", "mes": MAR, "TOT_EFE_PAG_MVE": D("3000000")}])
    s, _ = calcular_mes(ent, MAR)
    assert valor(s, "VALOR_INAD_MVE", agente="AC2") == D("1071360") and valor(s, "F_INAD_EFE_MVE", agente="AC2") == 1
    assert valor(s, "VALOR_INAD_MVE", agente="AC1") == 0


def test_cmd_64_ajuste_do_montante(s):
    assert valor(s, "AJU_M_MVE", contrato="e1") == D("1.5")
    assert valor(s, "AJU_M_MVE", contrato="e3") == D("0.75")
    assert valor(s, "AJU_M_MVE", contrato="e5") == D("1.25")


def test_cmd_64_addc_mv_mve_e_limites_decisao_d9():
    # AJU = F x MV_MVE_PRE - ADDC_MV_MVE: e1: 0.25 x 6 - 0.5 = 1.0 ; e3: 0.25 x 3 - 2 = -1.25 -> bounded to 0
    ent = _ent(ADDC_MV_MVE=[{"contrato": "e1", "mes": MAR, "ADDC_MV_MVE": D("0.5")},
                            {"contrato": "e3", "mes": MAR, "ADDC_MV_MVE": D("2")}])
    s, _ = calcular_mes(ent, MAR)
    assert valor(s, "AJU_M_MVE", contrato="e1") == D("1.0")
    assert valor(s, "AJU_M_MVE", contrato="e3") == 0
    assert valor(s, "MV", contrato="e1") == D("5.0")
    assert linhas(s, "MV", contrato="e3") == []  # no reduction -> no new vigência, the amount stays 3


def test_cmd_65_montante_final_nova_vigencia_do_mes(s):
    # MV[e, v = m] = MV_MVE_PRE - AJU_M_MVE: e1 6 - 1.5 = 4.5 ; e3 3 - 0.75 = 2.25 ; e5 5 - 1.25 = 3.75
    assert valor(s, "MV", contrato="e1", vigencia=MAR) == D("4.5")
    assert valor(s, "MV", contrato="e3", vigencia=MAR) == D("2.25")
    assert valor(s, "MV", contrato="e5", vigencia=MAR) == D("3.75")
    # the new vigência is valid only for March: April is valued on MV_MVE_PRE again (6 x 720 x 250 = 1,080,000)
    saidas, _ = calcular_meses(_ent(), [MAR, ABR])
    assert valor(saidas, "VLR_MVE_PF_CT", contrato="e1", mes=ABR) == D("1080000")


def test_cmd_66_67_ressarcimento_so_com_pld_abaixo_do_preco():
    # Cmd 67 (text): ressarcimento only when the submarket PLD is below the sale price.
    # PLD 260.00 > 250.00 (e1, e3): PRIC_RESS = max(0, 250 - 260) = 0 ; e5 (PV) keeps max(0, 15.00) = 15.00.
    ent = _ent(PLD_MS=[{"submercado": SE, "mes": MAR, "PLD_MS": D("260.00")}])
    # AC1's bill changes with the PLD: e5 = 5 x 744 x 275 = 1,023,000 ; total 1,674,000 + 1,023,000 = 2,697,000;
    # paying 75 % of it keeps F = 0.25.
    ent["TOT_EFE_PAG_MVE"] = [{"agente": "AC1", "mes": MAR, "TOT_EFE_PAG_MVE": D("2022750")}]
    s, _ = calcular_mes(ent, MAR)
    assert valor(s, "F_INAD_EFE_MVE", agente="AC1") == D("0.25")
    assert valor(s, "PRIC_RESS_CT_MVE", contrato="e1") == 0
    assert valor(s, "RESS_P_MVE", perfil_comprador="ac1", perfil_vendedor="av2", **prod_cols(P1)) == 0
    # e5: 1.25 x 744 x 15.00 = 13,950.00
    assert valor(s, "RESS_P_MVE", perfil_comprador="ac1", perfil_vendedor="av1", **prod_cols(P2)) == D("13950")


def test_cmd_68_ressarcimento_a_pagar(s):
    assert valor(s, "RESS_P_MVE", perfil_comprador="ac1", perfil_vendedor="av1", **prod_cols(P1)) == D("77562.00")
    assert valor(s, "RESS_P_MVE", perfil_comprador="ac1", perfil_vendedor="av2", **prod_cols(P1)) == D("38781.00")
    assert valor(s, "RESS_P_MVE", perfil_comprador="ac1", perfil_vendedor="av1", **prod_cols(P2)) == D("13950.00")
    # (a) RESS_PAG_MVE[ac1,P1] = 77,562 + 38,781 = 116,343.00 ; [ac1,P2] = 13,950.00 ; total 130,293.00
    assert valor(s, "RESS_PAG_MVE", perfil="ac1", **prod_cols(P1)) == D("116343.00")
    assert valor(s, "RESS_PAG_MVE", perfil="ac1", **prod_cols(P2)) == D("13950.00")
    assert valor(s, "TOT_RESS_PAG_MVE", perfil="ac1") == D("130293.00")


def test_cmd_69_ressarcimento_a_receber(s):
    # av1: 77,562 + 13,950 = 91,512.00 ; av2: 38,781.00
    assert valor(s, "RESS_REC_MVE", perfil="av1", **prod_cols(P1)) == D("77562.00")
    assert valor(s, "TOT_RESS_REC_MVE", perfil="av1") == D("91512.00")
    assert valor(s, "TOT_RESS_REC_MVE", perfil="av2") == D("38781.00")


def test_cmd_70_preco_do_ressarcimento(s):
    assert valor(s, "PRIC_RESS_CT_MVE", contrato="e1") == D("69.50")
    assert valor(s, "PRIC_RESS_CT_MVE", contrato="e5") == D("15.00")


def test_cmd_70_spread_negativo_e_preco_original():
    # PV with spread -5.00: max(0, -5.00) = 0. PF multi-year whose updated price is 261.25: the seed uses the
    # ORIGINAL PRECO_CT_MVE (250.00): max(0, 250.00 - 180.50) = 69.50, not 261.25 - 180.50.
    vp = "VP"
    ent = junta(
        substitui(exemplo_1(), VIGENCIA_MVE=[{"vigencia": "V1", "inicio": "2026-01", "fim": "2026-12"},
                                             {"vigencia": vp, "inicio": "2026-01", "fim": "2028-12"}]),
        contrato("n1", "av1", "ac1", (SE, X1, vp, "CNE", "PV"), "2", spread="-5.00"),
        contrato("p1", "av1", "ac1", (SE, X1, vp, "CE", "PF"), "2", preco="250.00"),
        {"NIPCA": [{"mes": "2025-10", "NIPCA": D("7000")}, {"mes": "2026-11", "NIPCA": D("7315")}],
         "M_HORAS": [{"mes": "2027-03", "M_HORAS": 744}],
         "PLD_MS": [{"submercado": SE, "mes": "2027-03", "PLD_MS": D("180.50")}]},
    )
    ent["TOT_EFE_PAG_MVE"] = [{"agente": "AC1", "mes": "2027-03", "TOT_EFE_PAG_MVE": 0}]
    s, _ = calcular_mes(ent, "2027-03")
    assert valor(s, "PRECO_CT_MVE_M", contrato="p1") == D("261.25")
    assert valor(s, "PRIC_RESS_CT_MVE", contrato="p1") == D("69.50")
    assert valor(s, "PRIC_RESS_CT_MVE", contrato="n1") == 0


def test_cmd_70ab_pendencias_e_consolidacao_no_mes_seguinte():
    # April (AC1 pays in full). Cmd 70 (b), as printed:
    #   RESS_INAD_P_MVE[ac1,av1,P1,Apr] = (0 + RESS_P_MVE[Mar] 77,562.00) x F_INAD_EFE_MVE[AC1,Mar] 0.25 + ENC_MOR 10.00
    #                                   = 19,390.50 + 10.00 = 19,400.50
    #   [ac1,av2,P1,Apr] = 38,781.00 x 0.25 = 9,695.25 ; [ac1,av1,P2,Apr] = 13,950.00 x 0.25 = 3,487.50
    # Cmd 70 (a): RESS_DEV_MVE_P = RESS_INAD_P_MVE + RESS_P_MVE[Apr] (no new reduction in April: 0)
    # Cmd 68 (a): RESS_PAG_MVE[ac1,P1,Apr] = 19,400.50 + 9,695.25 = 29,095.75
    enc = [{"perfil_comprador": "ac1", "perfil_vendedor": "av1", **prod_cols(P1), "mes": ABR, "mes_referencia": MAR,
            "ENC_MOR_MVE": D("10.00")}]
    saidas, _ = calcular_meses(_ent(ENC_MOR_MVE=enc), [MAR, ABR])
    par = dict(perfil_comprador="ac1", perfil_vendedor="av1", mes=ABR)
    assert valor(saidas, "RESS_INAD_P_MVE", **par, **prod_cols(P1)) == D("19400.50")
    assert valor(saidas, "RESS_INAD_P_MVE", perfil_comprador="ac1", perfil_vendedor="av2", mes=ABR,
                 **prod_cols(P1)) == D("9695.25")
    assert valor(saidas, "RESS_INAD_P_MVE", **par, **prod_cols(P2)) == D("3487.50")
    assert valor(saidas, "RESS_DEV_MVE_P", **par, **prod_cols(P1)) == D("19400.50")
    assert valor(saidas, "RESS_PAG_MVE", perfil="ac1", mes=ABR, **prod_cols(P1)) == D("29095.75")
    # and March's ressarcimento is charged in April (cmds 52, 53, spec example 2 "next month"):
    #   V_TOT_PAG_MVE[ac1,Apr] = 2,214,000.00 + 130,293.00 = 2,344,293.00
    #   V_TOT_REC_MVE[av1,Apr] = 2,365,200.00 + 91,512.00 = 2,456,712.00 ; [av2] = 885,600 + 38,781 = 924,381.00
    assert valor(saidas, "V_TOT_PAG_MVE", perfil="ac1", mes=ABR) == D("2344293.00")
    assert valor(saidas, "V_TOT_REC_MVE", perfil="av1", mes=ABR) == D("2456712.00")
    assert valor(saidas, "V_TOT_REC_MVE", perfil="av2", mes=ABR) == D("924381.00")
    # cmd 56 (a): VLP_MVE_PROD_AJU[ac1,P1,Apr] = 1,620,000 + 116,343 = 1,736,343 ; [P2] = 594,000 + 13,950 = 607,950
    assert valor(saidas, "VLP_MVE_PROD_AJU", perfil="ac1", mes=ABR, **prod_cols(P1)) == D("1736343")
    assert valor(saidas, "VLP_MVE_PROD_AJU", perfil="ac1", mes=ABR, **prod_cols(P2)) == D("607950")
