"""Anexo III §3.3.2–3.3.5 (static part): cmds 110, 111–114, 115, 117. Each test runs the vectorized engine
and the reference (``rodar`` asserts they give identical exact tables) and checks the hand computation."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from garantias_cenarios import (
    PA,
    PQ,
    X2,
    X,
    contrato,
    exemplo_3,
    junta,
    mercado,
    nenhum,
    prod,
    rodar,
    um,
)

from ccee_barramento.settlement.mve.garantias import calcular, referencia
from ccee_barramento.settlement.mve.garantias.esquema import REGISTRO
from ccee_barramento.settlement.tables import ErroTabela


def _gp(ref: str = "20.00", base: str = "2024-06", nov: str = "7140.00", agente: str = "C1", x: str = X):
    return {
        "VLR_REF_GP": [{"agente": agente, "processamento": x, "mes_base": base, "VLR_REF_GP": D(ref)}],
        "NIPCA": [{"mes": "2024-06", "NIPCA": D("7000.00")}, {"mes": "2024-11", "NIPCA": D(nov)}],
    }


# ---------------------------------------------------------------------------------------------- cmd 110


def test_cmd_110_valor_de_referencia_atualizado_pelo_ipca_de_dezembro():
    # processing X held in 2025-12 → f = 2025; the December 2024 update (m = 2024-12, m-1 = 2024-11):
    # VLR_REF_GP_A[C1,X,2025] = 20.00 * NIPCA[2024-11] / NIPCA[2024-06] = 20.00 * 7140.00 / 7000.00 = 20.40
    r = rodar(mercado(**_gp()), "2026-01")
    assert um(r, "VLR_REF_GP_A", agente="C1", processamento=X, ano="2025") == D("20.40")


def test_cmd_110_quociente_arredondado_uma_vez_a_16_casas():
    # 25.00 * 7154.31 / 7000.00 = 178,857.7500 / 7000 = 25.551107142857142857... → 16 places, half-even:
    # ...1428571428|571... rounds up → 25.5511071428571429
    r = rodar(mercado(**_gp(ref="25.00", nov="7154.31")), "2026-01")
    assert um(r, "VLR_REF_GP_A", agente="C1", processamento=X) == D("25.5511071428571429")


def test_cmd_110_sem_atualizacao_quando_o_valor_e_posterior_ao_indice_decisao_g5():
    # m* = 2025-02 is after November 2024 (the index of the update for 2025): VLR_REF_GP_A = VLR_REF_GP
    r = rodar(mercado(**_gp(ref="25.00", base="2025-02")), "2026-01")
    assert um(r, "VLR_REF_GP_A", agente="C1", processamento=X, ano="2025") == D("25.00")


def test_cmd_110_erros_nomeiam_a_tabela():
    sem_nov = mercado(**_gp())
    sem_nov["NIPCA"] = [{"mes": "2024-06", "NIPCA": D("7000.00")}]
    for f in (lambda: calcular(sem_nov, meses="2026-01"), lambda: referencia.calcular_meses(sem_nov, ["2026-01"])):
        with pytest.raises(ErroTabela) as exc:
            f()
        assert exc.value.tabela == "NIPCA"
    anterior = mercado(**_gp(x="X0"))  # a processing before the Financial Guarantees (DECISÃO G21)
    with pytest.raises(ErroTabela) as exc:
        calcular(anterior, meses="2026-01")
    assert exc.value.tabela == "VLR_REF_GP"


# ---------------------------------------------------------------------------------------------- cmds 111–114


def test_cmd_111_112_texto_e_produto_mensal_sem_gfc():
    assert "maior que 1 mês" in REGISTRO.comandos["111"].texto
    assert "multa por rescisão" in REGISTRO.comandos["112"].texto
    # a monthly product (M) gets no GFC (cmd 111 and the "Importante" of cmd 113)
    r = rodar(mercado(contrato("e8", "v1", "c1", prod("M", "PF"), "3", preco="300.00")), "2026-01")
    assert r.exatas["VLR_GC_PROD"].height == 0 and r.exatas["GC_PROD_ATUAL"].height == 0


def test_cmd_113_exemplo_3_da_spec():
    # Q quarterly, fixed price: (720 * (1.5 * 260 + 0.5 * 260)) * (1 + 0.02) = 374,400 * 1.02 = 381,888.00
    # A annual, variable price: 1,464 * (0.5 * max(0; 12.00)) = 8,784.00
    r = rodar(exemplo_3(), "2026-05")
    assert um(r, "VLR_GC_PROD", perfil="bc", **PQ) == D("381888.00")
    assert um(r, "VLR_GC_PROD", perfil="bc", **PA) == D("8784.00")
    assert um(r, "V_HORAS_GC_A", agente="BC", processamento=X2, vigencia="Q") == 720


def test_cmd_113_ramos_por_tipo_de_produto():
    pa, pp, ps_pv = prod("A", "PF"), prod("P", "PF"), prod("S", "PV")
    e = mercado(
        contrato("e4", "v1", "c2", pa, "2", preco="200.00"),  # annual fixed price: no fine factor
        contrato("e5", "v2", "c2", pp, "1", preco="150.00"),  # multi-year fixed price: no fine factor
        contrato("e6", "v1", "c2", ps_pv, "2", spread="-5.00"),  # negative spread counts 0
        contrato("e7", "v2", "c2", ps_pv, "1", spread="10.00"),
        PERC_MULTA_INAD_MVE=[{"mes": "2025-01", "PERC_MULTA_INAD_MVE": D("0.02")},
                             {"mes": "2026-01", "PERC_MULTA_INAD_MVE": D("0.05")}],
        # a multi-year product needs the IPCA-updated prices of Anexo I (cmds 37–38) for cmds 131 and 134
        PRECO_CT_MVE_A=[{"contrato": "e5", "vigencia": "P", "mes": m, "PRECO_CT_MVE_A": D("150.00")}
                        for m in ("2026-01", "2026-02")],
        PRECO_CT_MVE_M=[{"contrato": "e5", "vigencia": "P", "mes": "2026-01", "PRECO_CT_MVE_M": D("150.00")}],
    )
    r = rodar(e, "2026-01")
    assert um(r, "VLR_GC_PROD", perfil="c2", **pa) == D("288000")  # 720 * (2 * 200.00)
    assert um(r, "VLR_GC_PROD", perfil="c2", **pp) == D("108000")  # 720 * (1 * 150.00)
    assert um(r, "VLR_GC_PROD", perfil="c2", **ps_pv) == D("7200")  # 720 * (2 * max(0; -5) + 1 * 10.00)
    # a quarterly fixed-price product takes PERC of the processing's month (2025-12: 0.02, not 2026's 0.05)
    r2 = rodar(mercado(contrato("e1", "v1", "c1", prod("T", "PF"), "1", preco="100.00"),
                       PERC_MULTA_INAD_MVE=e["PERC_MULTA_INAD_MVE"]), "2026-01")
    assert um(r2, "VLR_GC_PROD", perfil="c1", **prod("T", "PF")) == D("73440")  # 720 * 100 * 1.02


def test_cmd_113_a_horas_majoradas_para_inadimplente_nos_ultimos_12_meses():
    pa = prod("A", "PF")
    e = mercado(contrato("e4", "v1", "c2", pa, "2", preco="200.00"),
                INADIMPLENTE_12M_MVE=[{"agente": "C2", "processamento": X}])
    r = rodar(e, "2026-01")
    # V_HORAS_GC_A[C2,X,A] = V_HORAS[A] = Σ M_HORAS of 2026 = 8,760 h → 8,760 * (2 * 200) = 3,504,000
    assert um(r, "V_HORAS_GC_A", agente="C2", processamento=X, vigencia="A") == 8760
    assert um(r, "VLR_GC_PROD", perfil="c2", **pa) == D("3504000")
    # a V_HORAS row takes precedence over Σ M_HORAS
    r2 = rodar({**e, "V_HORAS": [{"vigencia": "A", "V_HORAS": 8000}]}, "2026-01")
    assert um(r2, "VLR_GC_PROD", perfil="c2", **pa) == D("3200000")


def test_cmd_113_sem_horas_de_referencia_e_erro():
    e = mercado(contrato("e4", "v1", "c2", prod("A", "PF"), "2", preco="200.00"), V_HORAS_GC=[])
    with pytest.raises(ErroTabela) as exc:
        calcular(e, meses="2026-01")
    assert exc.value.tabela == "V_HORAS_GC"


def test_cmd_114_soma_os_perfis_do_agente():
    # agent C1 has profiles c1 and c3: a quarterly PF product of c1 and a semiannual PF product of c3
    e = mercado(contrato("e1", "v1", "c1", prod("T", "PF"), "1.5", preco="260.00"),
                contrato("e2", "v2", "c1", prod("T", "PF"), "0.5", preco="260.00"),
                contrato("e9", "v1", "c3", prod("S", "PF"), "1", preco="100.00"))
    r = rodar(e, "2026-01")
    # c1: 720 * 520 * 1.02 = 381,888 ; c3: 720 * 100 * 1.02 = 73,440 ; VLR_GC_TOT[C1,X] = 455,328
    assert um(r, "VLR_GC_TOT", agente="C1", processamento=X) == D("455328")
    assert rodar(exemplo_3(), "2026-05").exatas["VLR_GC_TOT"]["VLR_GC_TOT"][0] == D("390672.00")


# ---------------------------------------------------------------------------------------------- cmds 115, 117


def test_cmd_115_117_exemplo_3_da_spec():
    # won non-monthly products: VLR_DEV_GP_MVE = max(0; 300,000 - 390,672) = 0 ; VDP_RC_GP_MVE = 300,000 - 0
    r = rodar(exemplo_3(), "2026-05")
    assert um(r, "VLR_DEV_GP_MVE", agente="BC", processamento=X2) == 0
    assert um(r, "VDP_RC_GP_MVE", agente="BC", processamento=X2) == D("300000.00")


def test_cmd_115_devolucao_parcial_integral_e_so_mensais():
    ap = [{"agente": a, "processamento": X, "VLR_AP_GP_MVE": D(v)} for a, v in
          (("C1", "300000.00"), ("C2", "80000.00"), ("V1", "10000.00"))]
    e = mercado(contrato("e1", "v1", "c1", prod("S", "PV"), "3", spread="18.00"),  # GFC 720*54 = 38,880
                contrato("e8", "v1", "c2", prod("M", "PF"), "3", preco="300.00"),  # monthly only
                VLR_AP_GP_MVE=ap)
    r = rodar(e, "2026-01")
    # C1 won a non-monthly product: 300,000 - 38,880 = 261,120 returned, 38,880 kept for the fine (cmd 117)
    assert um(r, "VLR_DEV_GP_MVE", agente="C1") == D("261120")
    assert um(r, "VDP_RC_GP_MVE", agente="C1") == D("38880")
    # C2 won only a monthly product, V1 (a seller lodged by mistake) won nothing: full return, nothing kept
    assert um(r, "VLR_DEV_GP_MVE", agente="C2") == D("80000.00")
    assert um(r, "VDP_RC_GP_MVE", agente="C2") == 0
    assert um(r, "VLR_DEV_GP_MVE", agente="V1") == D("10000.00")


def test_cmd_115_contrato_de_montante_zero_nao_e_vitoria_decisao_g6():
    e = mercado(contrato("e1", "v1", "c1", prod("S", "PF"), "0", preco="250.00"),
                VLR_AP_GP_MVE=[{"agente": "C1", "processamento": X, "VLR_AP_GP_MVE": D("5000.00")}])
    r = rodar(e, "2026-01")
    assert um(r, "VLR_DEV_GP_MVE", agente="C1") == D("5000.00")
    assert nenhum(r, "VLR_DEV_GP_MVE", agente="C2")


def test_entradas_de_processamento_anterior_as_garantias_sao_ignoradas_ou_recusadas():
    # contracts of X0 (before the Financial Guarantees) get no GFC; a GP lodged for X0 is refused (G21)
    e = mercado(contrato("e0", "v1", "c1", prod("S", "PF", x="X0"), "1", preco="100.00"))
    r = rodar(e, "2026-01")
    assert r.exatas["VLR_GC_PROD"].height == 0
    e2 = junta(e, {"VLR_AP_GP_MVE": [{"agente": "C1", "processamento": "X0", "VLR_AP_GP_MVE": D("1")}]})
    with pytest.raises(ErroTabela) as exc:
        referencia.calcular_meses(e2, ["2026-01"])
    assert exc.value.tabela == "VLR_AP_GP_MVE"
