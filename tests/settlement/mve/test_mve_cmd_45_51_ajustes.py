"""MVE commands 45–51: adjustments for contracts registered before the Financial Guarantees.

Scenario (month m = March 2026, on top of example 1), previous month (Feb 2026) given as input rows:
    TOT_AJUSTES_MVE[ac1, Feb] = 10,000.00        F_INAD_EFE_MVE[AC1, Feb] = 0.25
    VLP_MVE_PROD_AJU[ac1, P1, Feb] = 3,000.00    VLP_MVE_PROD_AJU[ac1, P2, Feb] = 1,000.00
    VLP_MVE_PROD_AJU[ac1, PX2, Feb] = 4,000.00   (PX2: a product of X2, with guarantees -> excluded, D6)
    F_VEND_MVE_PROD[av1, P1, Feb] = 0.6, [av2, P1, Feb] = 0.4, [av1, P2, Feb] = 1
    AJUSTE_MVE[ac1, av2, P1, Mar] = 100.00 (administrative decision)
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from mve_cenarios import P1, P2, SE, X2, exemplo_1, prod_cols, substitui, valor

from ccee_barramento.settlement.mve import ErroEntradaMVE, calcular_mes

FEV = "2026-02"
PX2 = (SE, X2, "V1", "CE", "PF")


def _entradas():
    return substitui(
        exemplo_1(),
        TOT_AJUSTES_MVE=[{"perfil": "ac1", "mes": FEV, "TOT_AJUSTES_MVE": D("10000.00")}],
        F_INAD_EFE_MVE=[{"agente": "AC1", "mes": FEV, "F_INAD_EFE_MVE": D("0.25")}],
        VLP_MVE_PROD_AJU=[
            {"perfil": "ac1", **prod_cols(P1), "mes": FEV, "VLP_MVE_PROD_AJU": D("3000.00")},
            {"perfil": "ac1", **prod_cols(P2), "mes": FEV, "VLP_MVE_PROD_AJU": D("1000.00")},
            {"perfil": "ac1", **prod_cols(PX2), "mes": FEV, "VLP_MVE_PROD_AJU": D("4000.00")},
        ],
        F_VEND_MVE_PROD=[
            {"perfil": "av1", **prod_cols(P1), "mes": FEV, "F_VEND_MVE_PROD": D("0.6")},
            {"perfil": "av2", **prod_cols(P1), "mes": FEV, "F_VEND_MVE_PROD": D("0.4")},
            {"perfil": "av1", **prod_cols(P2), "mes": FEV, "F_VEND_MVE_PROD": D("1")},
        ],
        AJUSTE_MVE=[{"perfil_comprador": "ac1", "perfil_vendedor": "av2", **prod_cols(P1), "mes": "2026-03",
                     "AJUSTE_MVE": D("100.00")}],
    )


@pytest.fixture(scope="module")
def s():
    saidas, _ = calcular_mes(_entradas(), "2026-03")
    return saidas


def test_cmd_45_ajustes_so_para_processamentos_anteriores_as_garantias():
    # Cmd 45 (text): the adjustments are for contracts registered before the Financial Guarantees.
    # An AJUSTE_MVE row on a product of X2 (with guarantees) is refused (it would otherwise vanish in 50–51).
    ent = substitui(_entradas(), AJUSTE_MVE=[{"perfil_comprador": "ac1", "perfil_vendedor": "av2",
                                              **prod_cols(PX2), "mes": "2026-03", "AJUSTE_MVE": D("1")}])
    with pytest.raises(ErroEntradaMVE, match="AJUSTE_MVE"):
        calcular_mes(ent, "2026-03")


def test_cmd_46_valor_inadimplente_por_perfil(s):
    # VALOR_INAD_PERF_MVE[ac1, Mar] = TOT_AJUSTES_MVE[ac1, Feb] x F_INAD_EFE_MVE[AC1, Feb] = 10,000 x 0.25 = 2,500
    assert valor(s, "VALOR_INAD_PERF_MVE", perfil="ac1") == D("2500")


def test_cmd_47_valor_inadimplente_por_produto(s):
    # DECISÃO D5: VLP_MVE_PROD_AJU of the previous month; D6: only products of x before the guarantees.
    # P1: 2,500 x 3,000 / (3,000 + 1,000) = 1,875 ; P2: 2,500 x 1,000 / 4,000 = 625 ; PX2: no row
    assert valor(s, "VALOR_INAD_PROD_MVE", perfil="ac1", **prod_cols(P1)) == D("1875")
    assert valor(s, "VALOR_INAD_PROD_MVE", perfil="ac1", **prod_cols(P2)) == D("625")
    assert not [ln for ln in s["VALOR_INAD_PROD_MVE"] if ln["processamento"] == X2]


def test_cmd_48_rateio_entre_vendedores_do_produto(s):
    # AJUSTE_INAD_MVE[ac,av,PROD] = VALOR_INAD_PROD_MVE[ac,PROD] x F_VEND_MVE_PROD[av,PROD,Feb]
    #   [ac1,av1,P1] = 1,875 x 0.6 = 1,125 ; [ac1,av2,P1] = 1,875 x 0.4 = 750 ; [ac1,av1,P2] = 625 x 1 = 625
    assert valor(s, "AJUSTE_INAD_MVE", perfil_comprador="ac1", perfil_vendedor="av1", **prod_cols(P1)) == D("1125")
    assert valor(s, "AJUSTE_INAD_MVE", perfil_comprador="ac1", perfil_vendedor="av2", **prod_cols(P1)) == D("750")
    assert valor(s, "AJUSTE_INAD_MVE", perfil_comprador="ac1", perfil_vendedor="av1", **prod_cols(P2)) == D("625")


def test_cmd_49_ajuste_final_com_decisoes(s):
    # AJUSTE_MVE_F = AJUSTE_INAD_MVE + AJUSTE_MVE: [ac1,av2,P1] = 750 + 100 = 850 ; [ac1,av1,P1] = 1,125 + 0
    assert valor(s, "AJUSTE_MVE_F", perfil_comprador="ac1", perfil_vendedor="av2", **prod_cols(P1)) == D("850")
    assert valor(s, "AJUSTE_MVE_F", perfil_comprador="ac1", perfil_vendedor="av1", **prod_cols(P1)) == D("1125")


def test_cmd_50_ajustes_por_perfil_e_produto(s):
    # buyer (sum over av): ac1 P1 = 1,125 + 850 = 1,975 ; ac1 P2 = 625
    assert valor(s, "AJUSTES_MVE_PROD", perfil="ac1", **prod_cols(P1)) == D("1975")
    assert valor(s, "AJUSTES_MVE_PROD", perfil="ac1", **prod_cols(P2)) == D("625")
    # seller (sum over ac): av1 P1 = 1,125 ; av2 P1 = 850 ; av1 P2 = 625
    assert valor(s, "AJUSTES_MVE_PROD", perfil="av1", **prod_cols(P1)) == D("1125")
    assert valor(s, "AJUSTES_MVE_PROD", perfil="av2", **prod_cols(P1)) == D("850")
    assert valor(s, "AJUSTES_MVE_PROD", perfil="av1", **prod_cols(P2)) == D("625")


def test_cmd_51_total_de_ajustes(s):
    # ac1 = 1,975 + 625 = 2,600 ; av1 = 1,125 + 625 = 1,750 ; av2 = 850 (buyers' total = sellers' total)
    assert valor(s, "TOT_AJUSTES_MVE", perfil="ac1") == D("2600")
    assert valor(s, "TOT_AJUSTES_MVE", perfil="av1") == D("1750")
    assert valor(s, "TOT_AJUSTES_MVE", perfil="av2") == D("850")


def test_cmd_52_53_ajustes_entram_pelo_papel_decisao_d4(s):
    # DECISÃO D4 (spec M21): the buyer pays its adjustments, the sellers receive theirs:
    #   V_TOT_PAG_MVE[ac1] = 2,401,260 + 0 + 2,600 = 2,403,860 ; V_TOT_REC_MVE[ac1] = 0
    #   V_TOT_REC_MVE[av1] = 2,557,500 + 0 + 1,750 = 2,559,250 ; V_TOT_PAG_MVE[av1] = 0
    assert valor(s, "V_TOT_PAG_MVE", perfil="ac1") == D("2403860")
    assert valor(s, "V_TOT_REC_MVE", perfil="ac1") == 0
    assert valor(s, "V_TOT_REC_MVE", perfil="av1") == D("2559250")
    assert valor(s, "V_TOT_PAG_MVE", perfil="av1") == 0
    # cmd 56 (a): VLP_MVE_PROD_AJU[ac1,P1] = 1,674,000 + 0 + 1,975 = 1,675,975
    assert valor(s, "VLP_MVE_PROD_AJU", perfil="ac1", **prod_cols(P1)) == D("1675975")
    # cmd 57 (a): VLR_MVE_PROD_AJU[av2,P1] = 915,120 + 0 + 850 = 915,970
    assert valor(s, "VLR_MVE_PROD_AJU", perfil="av2", **prod_cols(P1)) == D("915970")
