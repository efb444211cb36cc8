"""One test per command of seed 003 (Liquidação 2026.1.0), with the hand computation written out.

Examples 1 and 2 are the spec's (§6), recomputed by hand here; the other numbers are small cases.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from liquidacao_cenarios import M0, M1, exemplo1, exemplo2, valor

from ccee_barramento.settlement import ErroTabela
from ccee_barramento.settlement.liquidacao import COMANDOS, Configuracao, calcular


def test_every_numbered_command_is_registered():
    # the seed numbers 1–10 and 9.1; the map adds two of its own
    assert {"1", "2", "3", "4", "5", "6", "7", "8", "9", "9.1", "10"} <= set(COMANDOS)
    for numero in ("2", "3", "6", "7", "8", "9", "9.1", "10"):
        assert COMANDOS[numero].variavel and COMANDOS[numero].equacao


# ---------------------------------------------------------------------------------------------- §2.1


def test_cmd1_ajustes_are_an_input_and_missing_means_zero():
    # a1: RESULTADO 1,000,000.00 + AJUSTES 50,000.00 = 1,050,000.00; a2 has no AJUSTES row → + 0
    r = calcular(exemplo1())
    assert valor(r, "V_LIQUI", perfil="a1", mes=M0) == D("1050000.00")
    assert valor(r, "V_LIQUI", perfil="a2", mes=M0) == D("-200000.00")
    sem = exemplo1()
    del sem["AJUSTES"]  # the whole table missing: zero for everybody
    r = calcular(sem)
    assert valor(r, "V_LIQUI", perfil="a1", mes=M0) == D("1000000.00")


def test_cmd2_v_liqui_example1():
    # V_LIQUI = RESULTADO + AJUSTES + AJU_INAD_DSS (AJU = 0: no ADSS)
    # a1: 1,000,000 + 50,000 = 1,050,000.00   a2: −200,000.00   a3: 400,000 − 10,000 = 390,000.00
    # a4: −1,500,000.00   a5: 460,000.00
    r = calcular(exemplo1())
    esperado = {"a1": "1050000.00", "a2": "-200000.00", "a3": "390000.00", "a4": "-1500000.00", "a5": "460000.00"}
    for perfil, v in esperado.items():
        assert valor(r, "V_LIQUI", perfil=perfil, mes=M0) == D(v)


def test_cmd2_includes_aju_inad_dss_example2():
    # debit convention (AJU ≤ 0): b1 500,000 − 67,500 = 432,500.00; b2 −80,000 − 22,500 = −102,500.00;
    # b3 250,000 − 60,000 = 190,000.00; b4 90,000 − 0 = 90,000.00
    r = calcular(exemplo2())
    for perfil, v in {"b1": "432500.00", "b2": "-102500.00", "b3": "190000.00", "b4": "90000.00"}.items():
        assert valor(r, "V_LIQUI", perfil=perfil, mes=M1) == D(v)


def test_cmd3_v_tot_liqui_sums_the_profiles_of_each_agent():
    # ALPHA1 = a1 + a2 = 1,050,000 − 200,000 = 850,000.00; ALPHA2 = 390,000.00; ALPHA3 = −1,500,000.00;
    # ALPHA4 = 460,000.00. Example 2: BETA1 = 432,500 − 102,500 = 330,000.00; BETA2 = 190,000.00
    r = calcular(exemplo1())
    for agente, v in {"ALPHA1": "850000.00", "ALPHA2": "390000.00", "ALPHA3": "-1500000.00", "ALPHA4": "460000.00"}.items():
        assert valor(r, "V_TOT_LIQUI", agente=agente, mes=M0) == D(v)
    r = calcular(exemplo2())
    assert valor(r, "V_TOT_LIQUI", agente="BETA1", mes=M1) == D("330000.00")
    assert valor(r, "V_TOT_LIQUI", agente="BETA2", mes=M1) == D("190000.00")


# ---------------------------------------------------------------------------------------------- §2.2


def test_cmd4_default_is_taken_net_of_guarantees():
    # cmd 4: the custodian covers up to the guarantees; the engine takes what was NOT covered:
    # Σ V_INAD of the month (300,000.00), unless INAD_NAO_COBERTA gives the month's figure (120,000.00).
    t = exemplo1()
    t["V_INAD"] = [{"agente": "ALPHA3", "mes": M0, "V_INAD": D("300000.00")}]
    r = calcular(t)
    assert valor(r, "MAPA_INAD", "INAD_NAO_COBERTA", mes=M0) == D("300000.00")
    t["INAD_NAO_COBERTA"] = [{"mes": M0, "INAD_NAO_COBERTA": D("120000.00")}]
    r = calcular(t)
    assert valor(r, "MAPA_INAD", "INAD_NAO_COBERTA", mes=M0) == D("120000.00")
    assert valor(r, "MAPA_INAD", "INAD_RATEADA", mes=M0) == D("120000.00")


def test_cmd5_creditors_bear_the_default_in_proportion():
    # 300,000.00 uncovered: ALPHA1 0.6511627906976744 × 300,000 = 195,348.837… → 195,348.84
    #                       ALPHA2 0.3488372093023256 × 300,000 = 104,651.162… → 104,651.16  (sum 300,000.00)
    # POSICAO_LIQUIDA: ALPHA1 850,000 − 195,348.84 = 654,651.16; ALPHA2 390,000 − 104,651.16 = 285,348.84
    t = exemplo1()
    t["V_INAD"] = [{"agente": "ALPHA3", "mes": M0, "V_INAD": D("300000.00")}]
    r = calcular(t)
    assert valor(r, "MAPA_LIQUIDACAO", "RATEIO_INAD", agente="ALPHA1", mes=M0) == D("-195348.84")
    assert valor(r, "MAPA_LIQUIDACAO", "RATEIO_INAD", agente="ALPHA2", mes=M0) == D("-104651.16")
    assert valor(r, "MAPA_LIQUIDACAO", "RATEIO_INAD", agente="ALPHA4", mes=M0) == 0  # ACER
    assert valor(r, "MAPA_LIQUIDACAO", "POSICAO_LIQUIDA", agente="ALPHA1", mes=M0) == D("654651.16")
    assert valor(r, "MAPA_LIQUIDACAO", "POSICAO_LIQUIDA", agente="ALPHA2", mes=M0) == D("285348.84")
    assert valor(r, "MAPA_LIQUIDACAO", "V_INAD", agente="ALPHA3", mes=M0) == D("300000.00")


def test_cmd5_largest_remainder_keeps_the_total_to_the_centavo():
    # three equal creditors (P = 0.3333333333333333 each) share R$ 100.00 = 10,000 centavos:
    # ⌊0.3333333333333333 × 10,000⌋ = 3,333 each (9,999), fractional parts .333333333333 equal;
    # the 1 centavo left goes to the smallest agente (ties): C1 33.34, C2 33.33, C3 33.33.
    t = {
        "PERFIS": [{"perfil": f"p{i}", "agente": f"C{i}"} for i in (1, 2, 3)] + [{"perfil": "d", "agente": "D"}],
        "RESULTADO": [{"perfil": f"p{i}", "mes": M0, "RESULTADO": D("10.00")} for i in (1, 2, 3)]
        + [{"perfil": "d", "mes": M0, "RESULTADO": D("-30.00")}],
        "V_INAD": [{"agente": "D", "mes": M0, "V_INAD": D("100.00")}],
    }
    r = calcular(t)
    rateio = {a: valor(r, "MAPA_LIQUIDACAO", "RATEIO_INAD", agente=a, mes=M0) for a in ("C1", "C2", "C3")}
    assert rateio == {"C1": D("-33.34"), "C2": D("-33.33"), "C3": D("-33.33")}
    assert sum(rateio.values()) == D("-100.00")


def test_cmd6_v_rat_inad_example1():
    # ALPHA1: max(0, 850,000 − (30,000 + 20,000) − (0 + 100,000)) = 700,000.00
    # ALPHA2: max(0, 390,000 − 15,000 − 0) = 375,000.00
    # ALPHA3: max(0, −1,500,000) = 0 (debtor); ALPHA4: ACER → 0 although a creditor
    r = calcular(exemplo1())
    for agente, v in {"ALPHA1": "700000.00", "ALPHA2": "375000.00", "ALPHA3": "0", "ALPHA4": "0"}.items():
        assert valor(r, "V_RAT_INAD", agente=agente, mes=M0) == D(v)


def test_cmd6_import_credits_are_left_out_too():
    # DECISÃO L3: CRED_IMP_ARG_URU (Argentina/Uruguai interruptible imports) is subtracted like the others:
    # ALPHA2: max(0, 390,000 − 15,000 − 0 − 75,000) = 300,000.00
    t = exemplo1()
    t["CRED_IMP_ARG_URU"] = [{"perfil": "a3", "mes": M0, "CRED_IMP_ARG_URU": D("75000.00")}]
    r = calcular(t)
    assert valor(r, "V_RAT_INAD", agente="ALPHA2", mes=M0) == D("300000.00")


def test_cmd6_misspelled_res_exed_er_is_refused():
    # DECISÃO L1: the table is RES_EXCD_ER (input table and "Onde"); the equation's RES_EXED_ER is a typo
    t = exemplo1()
    t["RES_EXED_ER"] = t.pop("RES_EXCD_ER")
    with pytest.raises(ErroTabela) as erro:
        calcular(t)
    assert erro.value.tabela == "RES_EXED_ER" and "RES_EXCD_ER" in str(erro.value)


def test_cmd7_p_rat_inad_example1():
    # Σ V_RAT_INAD = 700,000 + 375,000 = 1,075,000
    # ALPHA1 = 700,000 / 1,075,000 = 0.65116279069767441860… → 0.6511627906976744 (16 places, half-even)
    # ALPHA2 = 375,000 / 1,075,000 = 0.34883720930232558139… → 0.3488372093023256
    # output (10 places): 0.6511627907 and 0.3488372093; ALPHA3, ALPHA4 = 0
    r = calcular(exemplo1())
    assert valor(r, "P_RAT_INAD", exato=True, agente="ALPHA1", mes=M0) == D("0.6511627906976744")
    assert valor(r, "P_RAT_INAD", exato=True, agente="ALPHA2", mes=M0) == D("0.3488372093023256")
    assert valor(r, "P_RAT_INAD", agente="ALPHA1", mes=M0) == D("0.6511627907")
    assert valor(r, "P_RAT_INAD", agente="ALPHA2", mes=M0) == D("0.3488372093")
    assert valor(r, "P_RAT_INAD", agente="ALPHA3", mes=M0) == 0
    assert valor(r, "P_RAT_INAD", agente="ALPHA4", mes=M0) == 0


def test_cmd7_no_creditor_gives_zero_shares():
    # DECISÃO L7: Σ V_RAT_INAD = 0 (only debtors and the ACER) → P_RAT_INAD = 0 for all, and the
    # map leaves the uncovered default unallocated (INAD_NAO_RATEADA = 50.00)
    t = {
        "PERFIS": [{"perfil": "p", "agente": "A"}, {"perfil": "q", "agente": "ACER"}],
        "RESULTADO": [{"perfil": "p", "mes": M0, "RESULTADO": D("-10.00")},
                      {"perfil": "q", "mes": M0, "RESULTADO": D("10.00")}],
        "ACER": [{"agente": "ACER"}],
        "V_INAD": [{"agente": "A", "mes": M0, "V_INAD": D("50.00")}],
    }
    r = calcular(t)
    assert valor(r, "P_RAT_INAD", agente="A", mes=M0) == 0
    assert valor(r, "P_RAT_INAD", agente="ACER", mes=M0) == 0
    assert valor(r, "MAPA_INAD", "INAD_NAO_RATEADA", mes=M0) == D("50.00")


# ---------------------------------------------------------------------------------------------- §2.3


def test_cmd8_v_inad_dss_takes_last_month_default():
    # V_INAD_DSS[α, 2026-02] = V_INAD[α, 2026-01]: ALPHA_X 120,000.00; ALPHA_Y 30,000.00
    r = calcular(exemplo2())
    assert valor(r, "V_INAD_DSS", agente="ALPHA_X", mes=M1) == D("120000.00")
    assert valor(r, "V_INAD_DSS", agente="ALPHA_Y", mes=M1) == D("30000.00")
    # a February V_INAD row is not read (only m−1): with ALPHA_X's January row gone, 0
    t = exemplo2()
    t["V_INAD"] = [{"agente": "ALPHA_X", "mes": M1, "V_INAD": D("999.00")},
                   {"agente": "ALPHA_Y", "mes": M0, "V_INAD": D("30000.00")}]
    r = calcular(t)
    assert valor(r, "V_INAD_DSS", agente="ALPHA_X", mes=M1) == 0


def test_cmd8_month_by_month_run_carries_v_inad_in_the_state():
    # January alone, then February with the state: January's V_INAD rows are not in February's inputs
    t = exemplo2()
    jan = {"PERFIS": t["PERFIS"], "RESULTADO": [{"perfil": "b1", "mes": M0, "RESULTADO": D("1.00")}],
           "V_INAD": t["V_INAD"]}
    r1 = calcular(jan)
    assert r1.estado.mes == M0 and r1.estado.V_INAD.height == 2
    fev = {k: v for k, v in t.items() if k != "V_INAD"}
    r2 = calcular(fev, estado=r1.estado)
    assert valor(r2, "V_INAD_DSS", agente="ALPHA_X", mes=M1) == D("120000.00")
    assert valor(r2, "V_LIQUI", perfil="b1", mes=M1) == D("432500.00")
    # without the state, nothing to spread
    r3 = calcular(fev)
    assert valor(r3, "V_INAD_DSS", agente="ALPHA_X", mes=M1) == 0


def test_cmd9_1_fd_inad_dss_example2():
    # weights CONTRIB × FP_E_RP: b1 0.012 × 0.75 = 0.009; b2 0.012 × 0.25 = 0.003; b3 0.008 × 1 = 0.008
    # Σ over PAPRIDO = 0.020 → FD: b1 0.45, b2 0.15, b3 0.40; b4 ∉ PAPRIDO → 0
    # FP_E_RP comes from the 2025-04 General Assembly, in force in 2026-02 (DECISÃO L10)
    r = calcular(exemplo2())
    for perfil, v in {"b1": "0.45", "b2": "0.15", "b3": "0.40", "b4": "0"}.items():
        assert valor(r, "FD_INAD_DSS", perfil=perfil, mes=M1) == D(v)


def test_cmd9_1_latest_assembly_wins_and_missing_weights_are_refused():
    # a 2026-02 Assembly gives b1 0.5 / b2 0.5: weights 0.006, 0.006, 0.008 (Σ 0.020) → 0.30, 0.30, 0.40
    t = exemplo2()
    t["FP_E_RP"] += [{"perfil": p, "agente": "BETA1", "mes": M1, "FP_E_RP": D("0.5")} for p in ("b1", "b2")]
    t["FP_E_RP"] += [{"perfil": "b3", "agente": "BETA2", "mes": M1, "FP_E_RP": D("1")}]
    r = calcular(t)
    assert valor(r, "FD_INAD_DSS", perfil="b1", mes=M1) == D("0.30")
    assert valor(r, "FD_INAD_DSS", perfil="b3", mes=M1) == D("0.40")
    sem_contrib = exemplo2()
    sem_contrib["CONTRIB"] = [c for c in sem_contrib["CONTRIB"] if c["agente"] != "BETA2"]
    with pytest.raises(ErroTabela) as erro:
        calcular(sem_contrib)
    assert erro.value.tabela == "CONTRIB"
    outro_agente = exemplo2()  # FP_E_RP row of b3 under an agent that is not b3's in PERFIS
    outro_agente["FP_E_RP"][2]["agente"] = "BETA1"
    with pytest.raises(ErroTabela) as erro:
        calcular(outro_agente)
    assert erro.value.tabela == "FP_E_RP"


def test_cmd9_1_default_without_weights_is_refused():
    # DECISÃO L7b: a disconnected agent's default to spread and Σ_{PAPRIDO} weights = 0 → error naming PAPRIDO
    t = exemplo2()
    del t["PAPRIDO"]
    with pytest.raises(ErroTabela) as erro:
        calcular(t)
    assert erro.value.tabela == "PAPRIDO"


def test_cmd9_deb_inad_dss_example2_debit_sign():
    # DEB = −V_INAD_DSS × FD (DECISÃO L5): b1 × X = −120,000 × 0.45 = −54,000.00; b1 × Y = −30,000 × 0.45 = −13,500.00
    # b2 × X = −18,000.00, b2 × Y = −4,500.00, b3 × X = −48,000.00, b3 × Y = −12,000.00; no row for b4
    r = calcular(exemplo2())
    esperado = {("b1", "ALPHA_X"): "-54000.00", ("b1", "ALPHA_Y"): "-13500.00", ("b2", "ALPHA_X"): "-18000.00",
                ("b2", "ALPHA_Y"): "-4500.00", ("b3", "ALPHA_X"): "-48000.00", ("b3", "ALPHA_Y"): "-12000.00"}
    assert r["DEB_INAD_DSS"].height == 6
    for (perfil, agente), v in esperado.items():
        assert valor(r, "DEB_INAD_DSS", perfil=perfil, agente=agente, mes=M1) == D(v)


def test_cmd9_literal_sign_setting():
    # sinal_deb_inad_dss="literal": the printed product, ≥ 0: b1 × X = +54,000.00 and V_LIQUI b1 = 567,500.00
    r = calcular(exemplo2(), configuracao=Configuracao(sinal_deb_inad_dss="literal"))
    assert valor(r, "DEB_INAD_DSS", perfil="b1", agente="ALPHA_X", mes=M1) == D("54000.00")
    assert valor(r, "V_LIQUI", perfil="b1", mes=M1) == D("567500.00")


def test_cmd10_aju_inad_dss_sums_the_debts_of_each_profile():
    # b1 = −54,000 − 13,500 = −67,500.00; b2 = −22,500.00; b3 = −60,000.00; b4 = 0
    # Σ = −150,000.00 = −(120,000 + 30,000): the whole default is spread
    r = calcular(exemplo2())
    esperado = {"b1": "-67500.00", "b2": "-22500.00", "b3": "-60000.00", "b4": "0"}
    for perfil, v in esperado.items():
        assert valor(r, "AJU_INAD_DSS", perfil=perfil, mes=M1) == D(v)
    assert sum(r["AJU_INAD_DSS"]["AJU_INAD_DSS"].to_list()) == D("-150000.00")


def test_exactness_of_a_share_that_does_not_divide_evenly():
    # three PAPRIDO profiles with equal weight share R$ 100.00: FD = 1/3 → 0.3333333333333333 (16 places);
    # DEB = −100.00 × 0.3333333333333333 = −33.33333333333333 exactly (14 threes; scale 2 + 16 = 18),
    # output rounded to −33.33
    t = exemplo2()
    t["V_INAD"] = [{"agente": "ALPHA_X", "mes": M0, "V_INAD": D("100.00")}]
    t["ADSS"] = [{"agente": "ALPHA_X", "mes": M1}]
    t["CONTRIB"] = [{"agente": a, "mes": M1, "CONTRIB": D("1")} for a in ("BETA1", "BETA2", "BETA3")]
    t["FP_E_RP"] = [{"perfil": p, "agente": a, "mes": M1, "FP_E_RP": D("1")}
                    for p, a in (("b1", "BETA1"), ("b2", "BETA1"), ("b3", "BETA2"), ("b4", "BETA3"))]
    r = calcular(t)
    assert valor(r, "FD_INAD_DSS", exato=True, perfil="b1", mes=M1) == D("0.3333333333333333")
    assert valor(r, "DEB_INAD_DSS", exato=True, perfil="b1", agente="ALPHA_X", mes=M1) == D("-33.33333333333333")
    assert valor(r, "DEB_INAD_DSS", perfil="b1", agente="ALPHA_X", mes=M1) == D("-33.33")
