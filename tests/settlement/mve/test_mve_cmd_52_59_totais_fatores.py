"""MVE commands 52–59: totals to settle and default factors — spec worked example 2 (first part).

Example 1's March 2026 values, no history, each agent with one profile:
    VLR_MVE: av1 2,557,500.00 ; av2 915,120.00      VLP_MVE: ac1 2,401,260.00 ; ac2 1,071,360.00
    per product: VLP ac1 P1 1,674,000 / P2 727,260 ; ac2 P1 1,071,360
                 VLR av1 P1 1,830,240 / P2 727,260 ; av2 P1 915,120
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from mve_cenarios import P1, P2, base_comum, exemplo_1, linhas, prod_cols, q, substitui, valor

from ccee_barramento.settlement.mve import calcular_mes

MAR, FEV = "2026-03", "2026-02"


@pytest.fixture(scope="module")
def s():
    saidas, _ = calcular_mes(exemplo_1(), MAR)
    return saidas


def test_cmd_52_valor_total_a_receber():
    # V_TOT_REC_MVE[av1] = VLR_MVE 2,557,500.00 + TOT_RESS_REC_MVE[av1, Feb] 500.00 + TOT_AJUSTES_MVE 0 = 2,558,000.00
    ent = substitui(exemplo_1(), TOT_RESS_REC_MVE=[{"perfil": "av1", "mes": FEV, "TOT_RESS_REC_MVE": D("500.00")}])
    s, _ = calcular_mes(ent, MAR)
    assert valor(s, "V_TOT_REC_MVE", perfil="av1") == D("2558000.00")
    assert valor(s, "V_TOT_REC_MVE", perfil="av2") == D("915120.00")


def test_cmd_53_valor_total_a_pagar():
    # V_TOT_PAG_MVE[ac1] = 2,401,260.00 + TOT_RESS_PAG_MVE[ac1, Feb] 500.00 + 0 = 2,401,760.00
    ent = substitui(exemplo_1(), TOT_RESS_PAG_MVE=[{"perfil": "ac1", "mes": FEV, "TOT_RESS_PAG_MVE": D("500.00")}])
    s, _ = calcular_mes(ent, MAR)
    assert valor(s, "V_TOT_PAG_MVE", perfil="ac1") == D("2401760.00")
    # a row of another month is not "m-1" and is ignored
    ent = substitui(exemplo_1(), TOT_RESS_PAG_MVE=[{"perfil": "ac1", "mes": "2026-01", "TOT_RESS_PAG_MVE": D("500")}])
    assert valor(calcular_mes(ent, MAR)[0], "V_TOT_PAG_MVE", perfil="ac1") == D("2401260.00")


def test_cmd_54_total_a_liquidar_por_agente(s):
    # TOT_LIQ_MVE: AV1 +2,557,500.00 ; AV2 +915,120.00 ; AC1 -2,401,260.00 ; AC2 -1,071,360.00 (sum 0)
    assert valor(s, "TOT_LIQ_MVE", agente="AV1") == D("2557500.00")
    assert valor(s, "TOT_LIQ_MVE", agente="AC1") == D("-2401260.00")
    assert valor(s, "TOT_LIQ_MVE", agente="AC2") == D("-1071360.00")
    assert sum(ln["TOT_LIQ_MVE"] for ln in s["TOT_LIQ_MVE"]) == 0


def test_cmd_54_soma_perfis_do_agente_e_addc():
    # av1 and av2 both of agent D: 2,557,500 + 915,120 = 3,472,620 ; plus ADDC_TOT_LIQ_MVE[av1] = 1,000.00
    # (given under its input-table name ADDC_LIQ_MVE) -> 3,473,620.00
    ent = exemplo_1()
    ent["A_ALPHA"] = base_comum(perfis={"av1": "D", "av2": "D", "ac1": "AC1", "ac2": "AC2"})["A_ALPHA"]
    ent["ADDC_LIQ_MVE"] = [{"perfil": "av1", "mes": MAR, "ADDC_LIQ_MVE": D("1000.00")}]
    s, _ = calcular_mes(ent, MAR)
    assert valor(s, "TOT_LIQ_MVE", agente="D") == D("3473620.00")


def test_cmd_55_divida_bilateral():
    # Cmd 55 (a): only the sellers that sold in the defaulting buyer's products bear its default.
    # Add av3 (agent AV3) selling only to ac2: it has no factor towards AC1.
    from mve_cenarios import contrato, junta

    ent = junta(exemplo_1(), contrato("e6", "av3", "ac2", ("SE", "X1", "V1", "CNE", "PF"), "1", preco="200"),
                {"A_ALPHA": [{"perfil": "av3", "agente": "AV3"}]})
    s, _ = calcular_mes(ent, MAR)
    assert linhas(s, "F_INAD_TOT", agente_vendedor="AV3", agente_comprador="AC1") == []
    assert valor(s, "F_INAD_TOT", agente_vendedor="AV3", agente_comprador="AC2") > 0
    # and what AV1 bears of AC1's default of 600,315.00 (example 2) is 0.25 x (e1 + e5) = 0.25 x 1,843,260 = 460,815.00
    s1, _ = calcular_mes(exemplo_1(), MAR)
    f = valor(s1, "F_INAD_TOT", agente_vendedor="AV1", agente_comprador="AC1")
    assert abs(f * D("600315.00") - D("460815.00")) < D("1e-6")


def test_cmd_56_fator_do_comprador(s):
    # F_COMP_MVE_PROD = VLP_MVE_PROD_AJU / ((-1) x TOT_LIQ_MVE[α])
    #   ac1 P1 = 1,674,000 / 2,401,260 = 0.697134005 (spec) ; ac1 P2 = 727,260 / 2,401,260 = 0.302865995 ; ac2 P1 = 1
    assert valor(s, "VLP_MVE_PROD", perfil="ac1", **prod_cols(P1)) == D("1674000")
    assert valor(s, "F_COMP_MVE_PROD", perfil="ac1", **prod_cols(P1)) == q(D(1674000) / D(2401260)) == D("0.697134004648")
    assert valor(s, "F_COMP_MVE_PROD", perfil="ac1", **prod_cols(P2)) == q(D(727260) / D(2401260))
    assert valor(s, "F_COMP_MVE_PROD", perfil="ac2", **prod_cols(P1)) == 1


def test_cmd_56_agente_que_nao_paga_tem_fator_zero_decisao_d7():
    # DECISÃO D7: ac2 gets an ADDC credit of 2,000,000 > its bill 1,071,360 -> TOT_LIQ_MVE[AC2] = +928,640 >= 0:
    # it pays nothing, so F_COMP_MVE_PROD = 0 (instead of a negative "share").
    ent = substitui(exemplo_1(), ADDC_TOT_LIQ_MVE=[{"perfil": "ac2", "mes": MAR, "ADDC_TOT_LIQ_MVE": D("2000000")}])
    s, _ = calcular_mes(ent, MAR)
    assert valor(s, "TOT_LIQ_MVE", agente="AC2") == D("928640")
    assert valor(s, "F_COMP_MVE_PROD", perfil="ac2", **prod_cols(P1)) == 0


def test_cmd_57_fator_do_vendedor(s):
    # sellers' P1 receivable: 1,830,240 + 915,120 = 2,745,360 -> av1 2/3, av2 1/3 ; P2: av1 727,260/727,260 = 1
    assert valor(s, "VLR_MVE_PROD", perfil="av1", **prod_cols(P1)) == D("1830240")
    assert valor(s, "F_VEND_MVE_PROD", perfil="av1", **prod_cols(P1)) == q(D(2) / D(3)) == D("0.666666666667")
    assert valor(s, "F_VEND_MVE_PROD", perfil="av2", **prod_cols(P1)) == D("0.333333333333")
    assert valor(s, "F_VEND_MVE_PROD", perfil="av1", **prod_cols(P2)) == 1


def test_cmd_58_fator_relacional(s):
    # F_REL[av1,ac1] = 2/3 x 1,674,000/2,401,260 + 1 x 727,260/2,401,260 = 1,843,260 / 2,401,260 = 0.767621998...
    # F_REL[av2,ac1] = 1/3 x 1,674,000/2,401,260 = 558,000 / 2,401,260 = 0.232378002...
    # F_REL[av1,ac2] = 2/3 x 1 ; F_REL[av2,ac2] = 1/3
    assert valor(s, "F_REL_VEND_COMP", perfil_vendedor="av1", perfil_comprador="ac1") == q(D(1843260) / D(2401260))
    assert valor(s, "F_REL_VEND_COMP", perfil_vendedor="av2", perfil_comprador="ac1") == q(D(558000) / D(2401260))
    assert valor(s, "F_REL_VEND_COMP", perfil_vendedor="av1", perfil_comprador="ac2") == D("0.666666666667")
    assert valor(s, "F_REL_VEND_COMP", perfil_vendedor="av2", perfil_comprador="ac2") == D("0.333333333333")


def test_cmd_59_fator_total_entre_agentes():
    # α = seller, α* = buyer. ac1 and ac2 belong to one agent AC: TOT_LIQ_MVE[AC] = -3,472,620.
    # F_INAD_TOT[AV1,AC] = (2/3 x (1,674,000 + 1,071,360) + 727,260) / 3,472,620 = 2,557,500 / 3,472,620
    # F_INAD_TOT[AV2,AC] = 1/3 x 2,745,360 / 3,472,620 = 915,120 / 3,472,620 ; the two add to 1.
    ent = exemplo_1()
    ent["A_ALPHA"] = base_comum(perfis={"av1": "AV1", "av2": "AV2", "ac1": "AC", "ac2": "AC"})["A_ALPHA"]
    s, _ = calcular_mes(ent, MAR)
    f1 = valor(s, "F_INAD_TOT", agente_vendedor="AV1", agente_comprador="AC")
    f2 = valor(s, "F_INAD_TOT", agente_vendedor="AV2", agente_comprador="AC")
    assert f1 == q(D(2557500) / D(3472620)) and f2 == q(D(915120) / D(3472620))
    assert abs(f1 + f2 - 1) <= D("1e-12")
