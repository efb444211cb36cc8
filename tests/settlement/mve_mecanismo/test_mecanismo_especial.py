"""Cmds 5–8, 13 and 19 in the processing year (the branches the demo does not reach): a hydro plant in
motorization (cmd 6 a/b), the split of the year into EE_ANT_DG / EE_ANT_OP / EE_PREV_OP (cmd 7, DECISÃO
MC13), the degradation factors (7 d–f) and earlier surplus sales (cmds 8, 13, 19). Processing x = May 2027:
m−1 = April (ant_v_dez = Apr..Dec), m−2 = March (EE_ANT_OP), ant_m−2 = Jan..Feb (EE_ANT_DG), m−3 = February."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ccee_barramento.settlement.exact import dividir_decimal
from ccee_barramento.settlement.mve.mecanismo import processar

H = [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]


def q16(a, b):
    return dividir_decimal(D(a), D(b), 16)


def entradas():
    x = "X27"
    return {
        "PROCESSAMENTO_MVE": [{"processamento": x, "mes_processamento": "2027-05", "anterior_garantias_financeiras": "true"}],
        "VIGENCIA_MVE": [{"vigencia": "2027", "inicio": "2027-01", "fim": "2027-12", "tipo_vigencia": ""},
                         {"vigencia": "2027-06", "inicio": "2027-06", "fim": "2027-06", "tipo_vigencia": ""}],
        "A_ALPHA": [{"perfil": "61007", "agente": "51005"}],
        "M_HORAS": [{"mes": f"{a}-{m:02d}", "M_HORAS": h} for a in (2025, 2026, 2027) for m, h in enumerate(H, 1)],
        "PRODUTOS_LEILAO": [
            {"produto": "A", "submercado": "SE", "processamento": x, "vigencia": "2027", "tipo_energia": "CE",
             "tipo_preco": "PF", "etapa": "1", "rodada": "1", "LOTE": "0.1"},
            {"produto": "M", "submercado": "SE", "processamento": x, "vigencia": "2027-06", "tipo_energia": "CE",
             "tipo_preco": "PF", "etapa": "1", "rodada": "1", "LOTE": "0.1"}],
        "LIM_MVE": [{"perfil": "61007", "processamento": x, "ano": "2027", "LIM_MVE": "0.2"}],
        "LIM_MVE_VIG": [{"perfil": "61007", "processamento": x, "vigencia": "2027-06", "LIM_MVE_VIG": "0.001"}],
        "TRC_H": [{"perfil": "61007", "submercado": "SE", "hora": "1", "mes": m, "TRC_H": "10000"}
                  for m in ["2025-10", "2025-11", "2025-12"] + [f"2026-{k:02d}" for k in range(1, 10)]],
        "CONTRATO_EE": [{"contrato": "E1", "perfil": "61007", "usina": "U1", "tipo_contrato": "CCEAR_Q"}],
        "QM": [{"contrato": "E1", "mes": f"2027-{k:02d}", "QM": "720"} for k in range(1, 13)],
        "USINA_MVE": [{"usina": "U1", "tipo_usina": "hidraulica"}],
        "USINA_MRE": [{"usina": "U1"}],
        "NUB": [{"usina": "U1", "NUB": "4"}],
        "GF": [{"usina": "U1", "GF": "10"}],
        "GFIS_MOT": [{"usina": "U1", "unidades": "2", "GFIS_MOT": "5"}],
        "TOGU": [{"usina": "U1", "hora": str(h), "mes": "2027-03", "TOGU": t} for h, t in ((1, "2"), (2, "4"), (3, "3"))],
        "CAP": [{"usina": "U1", "ponto": "G1", "hora": "3", "mes": "2027-03", "CAP": "6"}],
        "CAP_T_GF": [{"usina": "U1", "hora": "3", "mes": "2027-03", "CAP_T_GF": "8"}],
        "F_PDI_GF": [{"usina": "U1", "ano": "2026", "F_PDI_GF": "0.98"}],
        "TOT_GF_PROD": [{"usina": "U1", "mes": "2027-01", "TOT_GF_PROD": "2"}],
        "F_COMERCIAL": [{"usina": "U1", "hora": "1", "mes": "2027-01", "F_COMERCIAL": "1"},
                        {"usina": "U1", "hora": "2", "mes": "2027-01", "F_COMERCIAL": "0.5"}],
        "UXP_GLF": [{"usina": "U1", "hora": "1", "mes": "2027-01", "UXP_GLF": "0.99"}],
        "FPC": [{"perfil": "61007", "submercado": "SE", "hora": "672", "mes": "2027-02", "FPC": "0.5"}],
        "CVE": [{"contrato": "CVE-1", "perfil_vendedor": "61007", "submercado": "SE", "tipo_energia": "CE"},
                {"contrato": "CVE-2", "perfil_vendedor": "61007", "submercado": "SE", "tipo_energia": "CNE"}],
        "MV": [{"contrato": c, "mes": f"2027-{k:02d}", "MV": v} for c, v in (("CVE-1", "0.1"), ("CVE-2", "0.5"))
               for k in range(1, 13)],
    }


@pytest.fixture(scope="module")
def r():
    return processar(entradas())


def val(r, nome, **chave):
    df = r.exatas[nome]
    for k, v in chave.items():
        df = df.filter(df[k] == v)
    assert df.height == 1, (nome, chave)
    return df[nome][0]


def test_cmd_6_hidraulica_em_motorizacao(r):
    # hour 1: TOGU 2 < NUB 4 and GFIS_MOT[2] = 5 → (a) 5 / GF 10 = 0.5; hour 2: TOGU 4 = NUB → 1;
    # hour 3: TOGU 3 < 4 without GFIS_MOT[3] → (b) min(1, CAP 6 / CAP_T_GF 8) = 0.75
    f = {x["hora"]: x["F_COM_MVE"] for x in r.exatas["F_COM_MVE"].iter_rows(named=True)}
    assert f == {"1": D("0.5"), "2": D(1), "3": D("0.75")}
    # F_COM_MVE_M[March] = (0.5 + 1 + 0.75) / 744
    assert val(r, "F_COM_MVE_M", mes="2027-03") == q16("2.25", 744)


def test_cmd_7_ano_do_processamento(r):
    fcm = q16("2.25", 744)
    # (a): Σ_{Apr..Dec} QM = 9 × 720 = 6,480 × F_COM_MVE[j* = hour 3 of March] 0.75 × F_PDI_GF[2026] 0.98 = 4,762.8
    assert val(r, "EE_PREV_OP", contrato="E1", ano="2027") == D("4762.8")
    # (b): QM[March] 720 × F_COM_MVE_M[March] × 0.98
    ant_op = D(720) * fcm * D("0.98")
    assert val(r, "EE_ANT_OP", contrato="E1") == ant_op
    # (f) January: (UXP 0.99 × F_PRC 1 (absent) × F_COMERCIAL 1 + 1 × 1 × 0.5) / 744; February: no hours → 0
    fdeg = q16("1.49", 744)
    assert val(r, "F_DEG_M_MVE", usina="U1", mes="2027-01") == fdeg
    assert val(r, "F_DEG_M_MVE", usina="U1", mes="2027-02") == 0
    # (e) January: min(1, GF 10 / (TOT_GF_PROD 2 + 8,640 / 8,760)) = 1
    assert val(r, "FNC_PROD_MVE", usina="U1", mes="2027-01") == 1
    # (d) MRE hydro: FNC × F_DEG × (1 − F_PEN_LESP 0) (no F_DISP)
    assert val(r, "F_DNG_MVE", usina="U1", mes="2027-01") == fdeg
    # (c): Σ_{Jan, Feb} QM 720 × 0.98 × F_DNG = 705.6 × fdeg + 0
    ant_dg = D("705.6") * fdeg
    assert val(r, "EE_ANT_DG", contrato="E1") == ant_dg
    # MONT_EE = (EE_PREV_OP + EE_ANT_OP + EE_ANT_DG) × FPC[j* = last hour of February] 0.5
    mont = (D("4762.8") + ant_op + ant_dg) * D("0.5")
    assert val(r, "MONT_EE", perfil="61007", ano="2027") == mont
    # cmd 8: − CVE_ESP sales in 2027: 0.1 MWm × 8,760 h = 876
    assert val(r, "MONT_ATUAL_EE", perfil="61007", ano="2027") == mont - 876


def test_cmd_13_19_vendas_anteriores(r):
    # f* = December 2026; 12M = 2025-10..2026-09: 12 × 10,000 = 120,000; cmd 9: × 0.2 = 24,000
    # cmd 13: 24,000 − (0.1 + 0.5) × 8,760 = 18,744
    assert val(r, "QUANT_TOT_DISP", perfil="61007", ano="2027") == D(18744)
    # June (a monthly product without a quarter: its own window): cmd 10: 0.001 × 120,000 = 120 MWh
    assert val(r, "TRC_PRE_MVE_VIG", vigencia="2027-06") == D(120)
    # cmd 18: min(QUANT_TOT_DISP_VIG 120, TRC_PRE_MVE_MED (120 / 720) × 720) = 120
    assert val(r, "QUANT_PRE_DISP_MENSAL", vigencia="2027-06") == min(D(120), q16(120, 720) * 720)
    # cmd 19: 120 − 0.6 × 720 = −312 → 0 (DECISÃO MC15: the output's range)
    assert val(r, "QUANT_TOT_DISP_MENSAL", vigencia="2027-06") == 0
    assert val(r, "QUANT_MENSAL_MED", vigencia="2027-06") == 0


def entradas_exemplo_4():
    """spec/mve.md example 4's inputs (also run on the vectorized engine by ``test_mecanismo_vetorizado``)."""
    def horas(a):
        return [744, 696 if a % 4 == 0 else 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]

    return {
        "PROCESSAMENTO_MVE": [{"processamento": "X", "mes_processamento": "2026-12", "anterior_garantias_financeiras": "true"}],
        "VIGENCIA_MVE": [{"vigencia": "2027-2028", "inicio": "2027-01", "fim": "2028-12", "tipo_vigencia": ""},
                         {"vigencia": "2028", "inicio": "2028-01", "fim": "2028-12", "tipo_vigencia": ""}],
        "A_ALPHA": [{"perfil": "d1", "agente": "D1"}],
        "M_HORAS": [{"mes": f"{a}-{m:02d}", "M_HORAS": h} for a in (2025, 2026, 2027, 2028) for m, h in enumerate(horas(a), 1)],
        "PRODUTOS_LEILAO": [
            {"produto": "PLURI", "submercado": "s", "processamento": "X", "vigencia": "2027-2028", "tipo_energia": "CNE",
             "tipo_preco": "PF", "etapa": "1", "rodada": "1", "LOTE": "1"},
            {"produto": "ANUAL", "submercado": "s", "processamento": "X", "vigencia": "2028", "tipo_energia": "CE",
             "tipo_preco": "PF", "etapa": "1", "rodada": "1", "LOTE": "1"}],
        "LIM_MVE": [{"perfil": "d1", "processamento": "X", "ano": a, "LIM_MVE": "0.15"} for a in ("2027", "2028")],
        # f* = December 2026; 12M = 2025-10..2026-09 (DECISÃO MC9): ten rows of 100,000 inside it
        "TRC_H": [{"perfil": "d1", "submercado": "s", "hora": "1", "mes": m, "TRC_H": "100000"}
                  for m in ["2025-10"] + [f"2026-{k:02d}" for k in range(1, 10)]],
        "CONTRATO_EE": [{"contrato": "E1", "perfil": "d1", "usina": "U1", "tipo_contrato": "CCEAR_Q"}],
        "QA": [{"contrato": "E1", "ano": a, "QA": "80000"} for a in ("2027", "2028")],
        "USINA_MVE": [{"usina": "U1", "tipo_usina": "outra"}],
        "CAP": [{"usina": "U1", "ponto": "G", "hora": "744", "mes": "2026-10", "CAP": "10"}],
        "CAP_T_GF": [{"usina": "U1", "hora": "744", "mes": "2026-10", "CAP_T_GF": "10"}],
        "FPC": [{"perfil": "d1", "submercado": "s", "hora": "720", "mes": "2026-09", "FPC": "1"}],
        "CVE": [{"contrato": "N", "perfil_vendedor": "d1", "submercado": "s", "tipo_energia": "CNE"},
                {"contrato": "S", "perfil_vendedor": "d1", "submercado": "s", "tipo_energia": "CE"}],
        "MV": [{"contrato": c, "mes": f"2027-{k:02d}", "MV": "1"} for c in ("N", "S") for k in range(1, 13)],
    }


def test_exemplo_4_do_spec():
    """spec/mve.md example 4 (cmds 9, 13–15, 8, 22–24): TRC_ANUAL 1,000,000 MWh, LIM_MVE 0.15, MONT_EE 80,000 in
    2027 and 2028, earlier sales of 1 MWm non-special and 1 MWm special over 2027."""
    e = entradas_exemplo_4()
    r = processar(e)
    assert val(r, "TRC_PRE_MVE", ano="2027") == D(150000)  # cmd 9: 0.15 × 1,000,000
    assert val(r, "QUANT_TOT_DISP", ano="2027") == D(132480)  # cmd 13: 150,000 − 2 × 8,760
    assert val(r, "QUANT_TOT_DISP", ano="2028") == D(150000)
    assert val(r, "QUANT_TOT_DISP_MED", ano="2027") == q16(132480, 8760)  # 15.123288 (cmd 14)
    assert val(r, "QUANT_TOT_DISP_MED", ano="2028") == q16(150000, 8784)  # 17.076503
    assert val(r, "QUANT_TOT_DISP_V_MED", vigencia="2027-2028") == q16(132480, 8760)  # cmd 15, min
    assert val(r, "QUANT_TOT_DISP_V_MED", vigencia="2028") == q16(150000, 8784)
    assert val(r, "MONT_ATUAL_EE", ano="2027") == D(71240)  # cmd 8: 80,000 − 8,760
    assert val(r, "MONT_ATUAL_EE", ano="2028") == D(80000)
    assert val(r, "QUANT_DISP_EE", ano="2027") == D(71240)  # cmd 22
    assert val(r, "QUANT_DISP_EE_MED", ano="2027") == q16(71240, 8760)  # 8.132420 (cmd 23)
    assert val(r, "QUANT_DISP_EE_MED", ano="2028") == q16(80000, 8784)  # 9.107468
    assert val(r, "QUANT_DISP_EE_V_MED", vigencia="2028") == q16(80000, 8784)  # cmd 24
    assert str(q16(132480, 8760))[:9] == "15.123287"  # the spec prints 15.123288 (6 places, rounded)
