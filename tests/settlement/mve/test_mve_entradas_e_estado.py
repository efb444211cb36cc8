"""Interface of the MVE reference: required tables, exact decimals, output quantization, multi-month state."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from mve_cenarios import P1, exemplo_1, prod_cols, substitui, valor

from ccee_barramento.settlement.mve import CASAS_DECIMAIS_SAIDA, ErroEntradaMVE, calcular_mes, calcular_meses
from ccee_barramento.settlement.mve.referencia import VARIAVEIS

MAR, ABR = "2026-03", "2026-04"


@pytest.mark.parametrize("tabela", ["A_ALPHA", "VIGENCIA_MVE", "PROCESSAMENTO_MVE", "VINC_V_MVE", "VINC_C_MVE",
                                    "MV_MVE_PRE", "M_HORAS"])
def test_tabela_obrigatoria_ausente_e_nomeada(tabela):
    ent = exemplo_1()
    del ent[tabela]
    with pytest.raises(ErroEntradaMVE) as exc:
        calcular_mes(ent, MAR)
    assert exc.value.tabela == tabela and tabela in str(exc.value)


def test_pld_ausente_so_quando_necessario():
    ent = substitui(exemplo_1(), PLD_MS=[])
    with pytest.raises(ErroEntradaMVE, match="PLD_MS.*SE.*2026-03"):
        calcular_mes(ent, MAR)  # e5 is PLD + spread


def test_float_recusado():
    ent = exemplo_1()
    ent["MV_MVE_PRE"][0]["MV_MVE_PRE"] = 6.0
    with pytest.raises(ErroEntradaMVE, match="float"):
        calcular_mes(ent, MAR)


def test_texto_e_inteiro_aceitos():
    ent = exemplo_1()
    ent["MV_MVE_PRE"][0]["MV_MVE_PRE"] = "6"
    ent["PRECO_CT_MVE"][0]["PRECO_CT_MVE"] = 250
    s, _ = calcular_mes(ent, MAR)
    assert valor(s, "VLR_MVE_PF_CT", contrato="e1") == D("1116000")


def test_contrato_inconsistente():
    ent = exemplo_1()
    ent["VINC_C_MVE"][0]["tipo_energia"] = "CNE"  # e1 in another product on the buyer's side
    with pytest.raises(ErroEntradaMVE, match="VINC_C_MVE"):
        calcular_mes(ent, MAR)
    ent = exemplo_1()
    ent["VINC_C_MVE"].pop()
    with pytest.raises(ErroEntradaMVE, match="VINC_C_MVE"):
        calcular_mes(ent, MAR)


def test_perfil_vendedor_e_comprador_recusado_decisao_d3():
    ent = exemplo_1()
    ent["VINC_C_MVE"][0]["perfil_comprador"] = "av2"
    with pytest.raises(ErroEntradaMVE, match="D3"):
        calcular_mes(ent, MAR)


def test_quantizacao_unica_das_saidas():
    # outputs have exactly CASAS_DECIMAIS_SAIDA places; 1,674,000 / 2,401,260 is rounded half-even there
    s, _ = calcular_mes(exemplo_1(), MAR)
    for nome, linhas in s.items():
        for ln in linhas:
            if nome in VARIAVEIS and nome != "RESCISAO_MVE":
                assert ln[nome].as_tuple().exponent == -CASAS_DECIMAIS_SAIDA, nome
    assert valor(s, "F_COMP_MVE_PROD", perfil="ac1", **prod_cols(P1)) == D("0.697134004648")


def test_estado_guarda_precisao_total():
    _, estado = calcular_mes(exemplo_1(), MAR)
    f = [ln for ln in estado["F_VEND_MVE_PROD"] if ln["perfil"] == "av1" and ln["tipo_preco"] == "PF"][0]
    import decimal

    from ccee_barramento.settlement.mve import CONTEXTO

    with decimal.localcontext(CONTEXTO):
        assert f["F_VEND_MVE_PROD"] == D(1830240) / D(2745360)  # 0.6666...67 with 34 digits, not 12 places
    assert len(f["F_VEND_MVE_PROD"].as_tuple().digits) == 34


def test_calcular_meses_igual_a_cadeia_de_calcular_mes():
    ent = substitui(exemplo_1(), TOT_EFE_PAG_MVE=[{"agente": "AC1", "mes": MAR, "TOT_EFE_PAG_MVE": D("1800945")}])
    s1, e1 = calcular_mes(ent, MAR)
    s2, _ = calcular_mes(ent, ABR, e1)
    juntos, _ = calcular_meses(ent, [MAR, ABR])
    for nome in VARIAVEIS:
        if VARIAVEIS[nome].mensal:
            assert juntos[nome] == s1[nome] + s2[nome], nome
    assert juntos["PRECO_CT_MVE"] == s1["PRECO_CT_MVE"]


def test_estado_de_outro_mes_recusado():
    _, e = calcular_mes(exemplo_1(), MAR)
    with pytest.raises(ErroEntradaMVE, match="ESTADO_MVE"):
        calcular_mes(exemplo_1(), "2026-05", e)
    with pytest.raises(ErroEntradaMVE, match="consecutivos"):
        calcular_meses(exemplo_1(), [MAR, "2026-05"])


def test_mes_invalido():
    with pytest.raises(ErroEntradaMVE, match="YYYY-MM"):
        calcular_mes(exemplo_1(), "2026-3")


def test_rescisao_anterior_como_entrada():
    # a contract rescinded in February (input table RESCISAO_MVE) is not settled in March
    ent = substitui(exemplo_1(), RESCISAO_MVE=[{"contrato": "e1", "mes": "2026-02", "motivo": "desligamento"}])
    s, _ = calcular_mes(ent, MAR)
    assert [ln for ln in s["VLR_MVE_PF_CT"] if ln["contrato"] == "e1"] == []
    assert valor(s, "VLR_MVE_PF", perfil="av1") == D("714240")
