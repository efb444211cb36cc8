"""MVE commands 39–44: values to receive (sellers) and to pay (buyers) — spec worked example 1.

Example 1: March 2026, M_HORAS = 744 h, PLD_MS[SE] = 180.50. P1 = (SE, X1, V1, CE, PF), P2 = (SE, X1, V1, CNE, PV).
    e1 av1->ac1 P1 6 MWm @ 250.00     e2 av1->ac2 P1 4 MWm @ 240.00
    e3 av2->ac1 P1 3 MWm @ 250.00     e4 av2->ac2 P1 2 MWm @ 240.00
    e5 av1->ac1 P2 5 MWm spread 15.00
Per contract:
    e1: 6 x 744 x 250.00 = 1,116,000.00      e2: 4 x 744 x 240.00 = 714,240.00
    e3: 3 x 744 x 250.00 =   558,000.00      e4: 2 x 744 x 240.00 = 357,120.00
    e5: 5 x 744 x (180.50 + 15.00) = 3,720 x 195.50 = 727,260.00
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from mve_cenarios import P1, P2, exemplo_1, linhas, prod_cols, valor

from ccee_barramento.settlement.mve import calcular_mes


@pytest.fixture(scope="module")
def marco():
    s, _ = calcular_mes(exemplo_1(), "2026-03")
    return s


def test_cmd_39_valor_a_receber_preco_fixo(marco):
    # (b) per contract: MV_MVE_PRE x M_HORAS x PRECO_CT_MVE_M
    assert valor(marco, "VLR_MVE_PF_CT", contrato="e1") == D("1116000.00")
    assert valor(marco, "VLR_MVE_PF_CT", contrato="e2") == D("714240.00")
    # (a) per seller and product: av1 in P1 = e1 + e2 = 1,830,240.00 ; av2 in P1 = e3 + e4 = 915,120.00
    assert valor(marco, "VLR_MVE_PF_PROD", perfil="av1", **prod_cols(P1)) == D("1830240.00")
    assert valor(marco, "VLR_MVE_PF_PROD", perfil="av2", **prod_cols(P1)) == D("915120.00")
    # VLR_MVE_PF[a] = sum over s, x, v, te
    assert valor(marco, "VLR_MVE_PF", perfil="av1") == D("1830240.00")
    assert valor(marco, "VLR_MVE_PF", perfil="av2") == D("915120.00")


def test_cmd_39_somente_contratos_em_suprimento():
    # "∀ v ∈ m somente para contratos em suprimento": V1 is Jan–Dec 2026, so nothing in Jan 2027.
    ent = exemplo_1()
    ent["M_HORAS"] = ent["M_HORAS"] + [{"mes": "2027-01", "M_HORAS": 744}]
    s, _ = calcular_mes(ent, "2027-01")
    assert s["VLR_MVE_PF_CT"] == [] and s["VLR_MVE"] == []


def test_cmd_40_valor_a_receber_preco_variavel(marco):
    # (b) e5: 5 x 744 x (180.50 + 15.00) = 727,260.00
    assert valor(marco, "VLR_MVE_PV_CT", contrato="e5") == D("727260.00")
    # (a) av1 in P2 = 727,260.00 ; av2 has no PV product
    assert valor(marco, "VLR_MVE_PV_PROD", perfil="av1", **prod_cols(P2)) == D("727260.00")
    assert linhas(marco, "VLR_MVE_PV_PROD", perfil="av2") == []
    assert valor(marco, "VLR_MVE_PV", perfil="av1") == D("727260.00")
    assert valor(marco, "VLR_MVE_PV", perfil="av2") == 0


def test_cmd_41_valor_a_receber_total(marco):
    # av1: 1,830,240.00 + 727,260.00 = 2,557,500.00 ; av2: 915,120.00 + 0 = 915,120.00
    assert valor(marco, "VLR_MVE", perfil="av1") == D("2557500.00")
    assert valor(marco, "VLR_MVE", perfil="av2") == D("915120.00")


def test_cmd_42_valor_a_pagar_preco_fixo(marco):
    # per contract the buyer's VLP equals the seller's VLR
    assert valor(marco, "VLP_MVE_PF_CT", contrato="e3") == D("558000.00")
    # ac1 in P1 = e1 + e3 = 1,116,000 + 558,000 = 1,674,000.00 ; ac2 in P1 = e2 + e4 = 714,240 + 357,120 = 1,071,360.00
    assert valor(marco, "VLP_MVE_PF_PROD", perfil="ac1", **prod_cols(P1)) == D("1674000.00")
    assert valor(marco, "VLP_MVE_PF_PROD", perfil="ac2", **prod_cols(P1)) == D("1071360.00")
    assert valor(marco, "VLP_MVE_PF", perfil="ac1") == D("1674000.00")


def test_cmd_43_valor_a_pagar_preco_variavel(marco):
    assert valor(marco, "VLP_MVE_PV_CT", contrato="e5") == D("727260.00")
    assert valor(marco, "VLP_MVE_PV_PROD", perfil="ac1", **prod_cols(P2)) == D("727260.00")
    assert valor(marco, "VLP_MVE_PV", perfil="ac1") == D("727260.00")
    assert valor(marco, "VLP_MVE_PV", perfil="ac2") == 0


def test_cmd_44_valor_a_pagar_total(marco):
    # ac1: 727,260.00 + 1,674,000.00 = 2,401,260.00 ; ac2: 0 + 1,071,360.00
    assert valor(marco, "VLP_MVE", perfil="ac1") == D("2401260.00")
    assert valor(marco, "VLP_MVE", perfil="ac2") == D("1071360.00")
    # check of the example: receivable 2,557,500 + 915,120 = 3,472,620 = payable 2,401,260 + 1,071,360
    assert sum(ln["VLR_MVE"] for ln in marco["VLR_MVE"]) == sum(ln["VLP_MVE"] for ln in marco["VLP_MVE"]) == D("3472620")
