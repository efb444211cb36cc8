"""§2.1 (cmds 1–28), Anexo II seller/buyer updates (92–103) and cmd 106 on the demo processing, each value
computed by hand in the comments. Demo: LUZ DO VALE (61007) sells in SE; processing MVE-2026-10 (October
2026, with Financial Guarantees); products ANUAL-2027-CNE-PF (round 1) and T1-2027-CE-PV (Jan–Mar 2027,
round 2); lot 0.5 MWm."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from ccee_barramento.settlement.exact import dividir_decimal
from ccee_barramento.settlement.mve.mecanismo import processar

DEMO = Path(__file__).resolve().parents[3] / "src/ccee_barramento/settlement/dados_demo/mve_mecanismo"
A = {"perfil": "61007", "submercado": "SE", "processamento": "MVE-2026-10"}


@pytest.fixture(scope="module")
def r():
    return processar(DEMO)


def v(r, nome, **chave):
    return r.valor(nome, {**A, **chave}) if hasattr(r, "valor") else _v(r, nome, chave)


def _v(r, nome, chave):
    df = r.exatas[nome]
    for k, val in {**A, **chave}.items():
        if k in df.columns:
            df = df.filter(df[k] == val)
    assert df.height == 1, (nome, chave, df)
    return df[nome][0]


def q16(a, b):
    return dividir_decimal(D(a), D(b), 16)


def test_cmd_6_7_8_energia_especial(r):
    # cmd 6 (c): U-PCH-1 is "outra": F_COM_MVE[j*] = min(1, (15 + 15) / 30) = 1 at hour 744 of 2026-08 (m−2)
    assert r.exatas["F_COM_MVE"]["F_COM_MVE"].to_list() == [D(1)]
    # cmd 7 (a), other year 2027: EE_PREV_OP = QA (26,280) × F_COM_MVE[j*] (1) × F_PDI_GF (absent = 1)
    assert _v(r, "EE_PREV_OP", {"contrato": "800010", "ano": "2027"}) == D(26280)
    # cmd 7: MONT_EE = Σ_e EE_PREV_OP × FPC[a,s,j*] (1 at the last hour of 2026-07, m−3) = 26,280 MWh
    assert _v(r, "MONT_EE", {"ano": "2027"}) == D(26280)
    # cmd 8: no earlier special sales → MONT_ATUAL_EE = max(0, 26,280 − 0)
    assert _v(r, "MONT_ATUAL_EE", {"ano": "2027"}) == D(26280)


def test_cmd_9_10_11_limite_regulatorio(r):
    # f* = December 2025 (last December ≤ October 2026); 12M = 2024-10..2025-09 (DECISÃO MC9): 12 × 73,000
    assert _v(r, "TRC_ANUAL_MVE", {"ano": "2025"}) == D(876000)
    # cmd 9: TRC_PRE_MVE = LIM_MVE (0.10) × 876,000 = 87,600 MWh
    assert _v(r, "TRC_PRE_MVE", {"ano": "2027"}) == D("87600.000")
    # cmd 10: TRC_PRE_MVE_VIG = LIM_MVE_VIG (0.05) × 876,000 = 43,800 MWh
    assert _v(r, "TRC_PRE_MVE_VIG", {"vigencia": "2027-T1"}) == D(43800)
    # cmd 11: 43,800 / (744 + 672 + 744 = 2,160 h) = 20.2777777777777778 MWm
    assert _v(r, "TRC_PRE_MVE_MED", {"vigencia": "2027-T1"}) == q16(43800, 2160) == D("20.2777777777777778")


def test_cmd_13_a_21_total(r):
    # cmd 13: no earlier sales: QUANT_TOT_DISP = max(0, 87,600 − 0) = 87,600; cmd 14: / 8,760 h = 10 MWm
    assert _v(r, "QUANT_TOT_DISP", {"ano": "2027"}) == D(87600)
    assert _v(r, "QUANT_TOT_DISP_MED", {"ano": "2027"}) == D(10)
    # cmd 15: annual product = its year's value
    assert _v(r, "QUANT_TOT_DISP_V_MED", {"vigencia": "2027"}) == D(10)
    # cmd 16: min(43,800, QUANT_TOT_DISP[2027] 87,600) = 43,800; cmd 17: / 2,160
    assert _v(r, "QUANT_TOT_DISP_VIG", {"vigencia": "2027-T1"}) == D(43800)
    assert _v(r, "QUANT_DISP_VIG_MED_P", {"vigencia": "2027-T1"}) == q16(43800, 2160)
    # cmd 18, January (its window is the quarter): min(43,800, 20.2777777777777778 × 744 = 15,086.6666666666666832)
    jan = D("20.2777777777777778") * 744
    assert _v(r, "QUANT_PRE_DISP_MENSAL", {"vigencia": "2027-01"}) == jan
    # cmd 19: no earlier sales in January; cmd 20: / 744
    assert _v(r, "QUANT_TOT_DISP_MENSAL", {"vigencia": "2027-01"}) == jan
    assert _v(r, "QUANT_TOT_DISP_MENSAL_MED", {"vigencia": "2027-01"}) == q16(jan, 744)
    # February: 20.2777777777777778 × 672 / 672 — the same MWm; cmd 21 = min over the three months
    assert _v(r, "QUANT_TOT_DISP_VIG_MED", {"vigencia": "2027-T1"}) == min(
        _v(r, "QUANT_TOT_DISP_MENSAL_MED", {"vigencia": m}) for m in ("2027-01", "2027-02", "2027-03"))


def test_cmd_22_a_28_especial(r):
    # cmd 22: min(MONT_ATUAL_EE 26,280, QUANT_TOT_DISP 87,600) = 26,280; cmd 23: / 8,760 = 3 MWm; cmd 24: 3
    assert _v(r, "QUANT_DISP_EE", {"ano": "2027"}) == D(26280)
    assert _v(r, "QUANT_DISP_EE_MED", {"ano": "2027"}) == D(3)
    assert _v(r, "QUANT_DISP_EE_V_MED", {"vigencia": "2027"}) == D(3)
    # cmd 25: min(QUANT_TOT_DISP_VIG 43,800, QUANT_DISP_EE 26,280) = 26,280; cmd 26: / 2,160 = 12.1666666666666667
    assert _v(r, "QUANT_DISP_EE_VIG", {"vigencia": "2027-T1"}) == D(26280)
    assert _v(r, "QUANT_DISP_EE_VIG_MED", {"vigencia": "2027-T1"}) == D("12.1666666666666667")
    # cmd 27, January: min(QUANT_DISP_EE 26,280, QUANT_TOT_DISP_MENSAL 15,086.67) ; cmd 28: / 744
    jan = D("20.2777777777777778") * 744
    assert _v(r, "QUANT_DISP_EE_MENSAL", {"vigencia": "2027-01"}) == jan
    assert _v(r, "QUANT_MENSAL_MED", {"vigencia": "2027-01"}) == q16(jan, 744)


def test_cmd_89_90_92_a_99_rodadas(r):
    # round 1 sells 5 MWm of the annual CNE product (LV1 4 + LV2 1): cmd 90, cmds 92–93
    assert _v(r, "MONT_VEND_PROD", {"vigencia": "2027", "tipo_energia": "CNE", "tipo_preco": "PF"}) == D(5)
    assert _v(r, "QUANT_NEG_CNE", {"vigencia": "2027", "rodada": "1"}) == D(5)
    assert _v(r, "QUANT_NEG_CNE_PLU", {"vigencia": "2027", "rodada": "1"}) == D(5)
    assert _v(r, "QUANT_NEG_CE", {"vigencia": "2027", "rodada": "1"}) == D(0)
    # cmd 96: 87,600 − 5 × 8,760 = 43,800 MWh at the start of round 2; 96 (a): 5 MWm
    assert _v(r, "QUANT_TOT_DISP_A", {"ano": "2027", "rodada": "2"}) == D(43800)
    assert _v(r, "QUANT_TOT_A_DISP_MED", {"ano": "2027", "rodada": "2"}) == D(5)
    # cmd 97: min over 2027 of 5; cmd 97 (a) January: min(5, 20.2777… − 0) = 5; cmd 98: min of the months = 5
    assert _v(r, "QUANT_TOT_PLURI_DISP_MED", {"vigencia": "2027", "rodada": "2"}) == D(5)
    assert _v(r, "QUANT_TOT_A_DISP_MENSAL", {"vigencia": "2027-01", "rodada": "2"}) == D(5)
    assert _v(r, "QUANT_TOT_A_DISP_VIG", {"vigencia": "2027-T1", "rodada": "2"}) == D(5)
    # cmd 99: min(43,800, 26,280 − 0) = 26,280; (b): min(5, 12.1666… − 0) = 5 → LV3 (6 MWm) is cut to 5
    assert _v(r, "QUANT_DISP_EE_A", {"ano": "2027", "rodada": "2"}) == D(26280)
    assert _v(r, "QUANT_DISP_A_EE_VIG", {"vigencia": "2027-T1", "rodada": "2"}) == D(5)
    # cmd 98 (a): min(QUANT_TOT_PLURI 5, 26,280 / 8,760 = 3) = 3
    assert _v(r, "QUANT_DISP_PLURI_EE_MED", {"vigencia": "2027", "rodada": "2"}) == D(3)
    # round 2 sells 5 MWm CE in the quarter: cmd 94; cmd 96: 43,800 − 5 × 2,160 = 33,000
    assert _v(r, "QUANT_NEG_CE_VIG", {"vigencia": "2027-T1", "rodada": "2"}) == D(5)
    assert _v(r, "QUANT_TOT_DISP_A", {"ano": "2027", "rodada": "3"}) == D(33000)
    # cmd 99: min(33,000, 26,280 − 5 × 2,160 = 15,480) = 15,480
    assert _v(r, "QUANT_DISP_EE_A", {"ano": "2027", "rodada": "3"}) == D(15480)
    # cmd 97 (a) January after round 2: min(33,000/8,760 = 3.7671…, 5 − 5 (the quarter's sale)) = 0
    assert _v(r, "QUANT_TOT_A_DISP_MENSAL", {"vigencia": "2027-01", "rodada": "3"}) == D(0)


def test_cmd_102_103_106_lotes(r):
    # cmd 106: LOT_INI = 1,000,000.00 / 20.40 = 49,019.6078431372549020 MWh (RIO DOCE, agent 51003)
    ini = _v(r, "LOT_INI_DNEG_MVE", {"agente": "51003"})
    assert ini == q16("1000000.00", "20.40") == D("49019.6078431372549020")
    # cmd 103, round 1: LC1 3 MWm × 8,760 h = 26,280 MWh (LC3 not met); cmd 102: 49,019.607… − 26,280
    assert _v(r, "LOT_NEG_MVE", {"agente": "51003", "rodada": "1"}) == D(26280)
    assert _v(r, "LOT_ATUAL_DNEG_MVE", {"agente": "51003", "rodada": "1"}) == ini - 26280
    # round 2: LC7 1.5 MWm × 2,160 h = 3,240 MWh
    assert _v(r, "LOT_NEG_MVE", {"agente": "51003", "rodada": "2"}) == D(3240)
    assert _v(r, "LOT_ATUAL_DNEG_MVE", {"agente": "51003", "rodada": "2"}) == ini - 26280 - 3240


def test_cmd_80_81_84_demo(r):
    lances = {row["lance"]: row for row in r.exatas["RESULTADO_LANCE"].iter_rows(named=True)}
    assert lances["LC4"]["motivo"] == "consumidor_especial" and lances["LC4"]["QUANT_ATENDIDA"] == 0  # cmd 81
    assert lances["LC5"]["QUANT_ATENDIDA"] == D(2)  # the special consumer may buy CE (cmd 81)
    assert lances["LV3"]["motivo"] == "limite" and lances["LV3"]["QUANT_ADMITIDA"] == D(5)  # cmds 96–99
    # cmd 84: discriminatory price — each met buy bid's own price / spread
    assert _v(r, "PRECO_N_MVE", {"lance_compra": "LC1", "vigencia": "2027", "tipo_energia": "CNE",
                                 "tipo_preco": "PF"}) == D("230.00")
    assert _v(r, "SPREAD_N_MVE", {"lance_compra": "LC6", "vigencia": "2027-T1", "tipo_energia": "CE",
                                  "tipo_preco": "PV"}) == D("15.00")


def test_comandos_registrados():
    from ccee_barramento.settlement.mve.mecanismo import COMANDOS

    numeros = {c.numero.rstrip("abcdefmps") for c in COMANDOS.values()}
    assert {str(n) for n in list(range(1, 35)) + list(range(76, 110))} <= numeros
