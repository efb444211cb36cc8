"""Anexo III §3.3.7: recomposition and excess of the GFC (cmds 129–136), and the balance they reconcile with."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from garantias_cenarios import X, contrato, linha_prod, mercado, prod, rodar, um

from ccee_barramento.settlement.mve.garantias import calcular
from ccee_barramento.settlement.mve.garantias.esquema import REGISTRO
from ccee_barramento.settlement.tables import ErroTabela

PP, PS, PV_S, PV_P = prod("P", "PF"), prod("S", "PF"), prod("S", "PV"), prod("P", "PV")
J, F, MZ = "2026-01", "2026-02", "2026-03"


def _plurianual(ate: str = MZ):
    """c1 bought 2 MWm of the multi-year product P (2026–2027) at 200.00; the IPCA-updated price (Anexo I cmd
    37) goes to 210.00 from February. GFC = 720 × (2 × 200) = 288,000 (multi-year: no fine factor)."""
    meses = [m for m in (J, F, MZ) if m <= ate]
    return mercado(contrato("p1", "v1", "c1", PP, "2", preco="200.00"),
                   PRECO_CT_MVE_A=[{"contrato": "p1", "vigencia": "P", "mes": m,
                                    "PRECO_CT_MVE_A": D("200.00") if m == J else D("210.00")} for m in meses],
                   PRECO_CT_MVE_M=[{"contrato": "p1", "vigencia": "P", "mes": m,
                                    "PRECO_CT_MVE_M": D("200.00") if m == J else D("210.00")} for m in meses])


def test_cmd_129_130_textos():
    assert "preço fixo" in REGISTRO.comandos["129"].texto
    assert "excedente" in REGISTRO.comandos["130"].texto


def test_cmd_131_a_ajuste_do_ipca_e_recomposicao_plurianual():
    r = rodar(_plurianual(), "2026-01..2026-02")
    k = dict(perfil="c1", **PP)
    # cmd 131 (a): AJU_IPCA[Jan] = 720 × 2 × (PRECO_CT_MVE_A[Feb] 210.00 − PRECO_CT_MVE_A[Jan] 200.00) = 14,400
    assert um(r, "AJU_IPCA", **k, mes=J) == D("14400")
    # cmd 131: RECOMP_GC_PROD = GCA_PROD (0) + AJU_IPCA (14,400) — the agent tops the GFC up for the new price
    assert um(r, "RECOMP_GC_PROD", **k, mes=J) == D("14400")
    assert um(r, "RECOMP_GC_PRE", agente="C1", processamento=X, vigencia="P", mes=J) == D("14400")  # cmd 132
    assert um(r, "RECOMP_GC_TOT", agente="C1", mes=J) == D("14400")  # cmd 133
    # cmd 122: GC_PROD_ATUAL[Feb] = 288,000 + 14,400 − 0 = 302,400 ; AJU_IPCA[Feb] = 720 × 2 × (210 − 210) = 0
    assert um(r, "GC_PROD_ATUAL", **k, mes=F) == D("302400")
    assert um(r, "AJU_IPCA", **k, mes=F) == 0


def test_cmd_131_a_precisa_do_preco_de_m_mais_1():
    with pytest.raises(ErroTabela) as exc:
        calcular(_plurianual(ate=J), meses=J)  # no PRECO_CT_MVE_A for February
    assert exc.value.tabela == "PRECO_CT_MVE_A"


def test_cmd_131_preco_variavel_nao_recompoe_e_nao_tem_ajuste():
    e = mercado(contrato("p2", "v1", "c2", PV_P, "1", spread="10.00"),
                SPREAD_CT_MVE_M=[{"contrato": "p2", "vigencia": "P", "mes": J, "SPREAD_CT_MVE_M": D("10.00")}])
    r = rodar(e, J)
    assert um(r, "AJU_IPCA", perfil="c2", **PV_P, mes=J) == 0  # the price of a PV contract does not exist
    assert um(r, "RECOMP_GC_PROD", perfil="c2", **PV_P, mes=J) == 0


def test_cmd_131_recompoe_o_acionado_por_inadimplencia():
    # c1 (S, PF, 6 MWm at 250) pays 70 % in January: GCA_PROD = 0.3 × 1,116,000 × 1.02 = 341,496 → RECOMP 341,496
    e = mercado(contrato("e1", "v1", "c1", PS, "6", preco="250.00"),
                F_INAD_EFE_MVE=[{"agente": "C1", "mes": J, "F_INAD_EFE_MVE": D("0.3")}],
                VLP_MVE_PROD=[linha_prod("c1", PS, J, "VLP_MVE_PROD", "1116000")],
                F_VEND_MVE_PROD=[linha_prod("v1", PS, J, "F_VEND_MVE_PROD", "1")])
    r = rodar(e, "2026-01..2026-02")
    k = dict(perfil="c1", **PS)
    assert um(r, "RECOMP_GC_PROD", **k, mes=J) == D("341496")
    assert um(r, "RECOMP_GC_TOT", agente="C1", mes=J) == D("341496")
    # the balance reconciles: ATUAL[Feb] = ATUAL[Jan] − GCA[Jan] + RECOMP[Jan] − EXC[Jan] = 1,101,600
    atual_j, gca, rec, exc = (um(r, n, **k, mes=J) for n in ("GC_PROD_ATUAL", "GCA_PROD", "RECOMP_GC_PROD",
                                                              "EXC_GC_PROD"))
    assert um(r, "GC_PROD_ATUAL", **k, mes=F) == atual_j - gca + rec - exc == D("1101600")


def test_cmd_134_a_vmax_preco_fixo_e_plurianual():
    r = rodar(_plurianual(), "2026-01..2026-02")
    k = dict(perfil="c1", **PP)
    # ms_fim of January = Feb 2026 .. Dec 2027 = (8,760 − 744) + 8,760 = 16,776 h:
    # (2 × 16,776 × 200.00) × 1.02 = 6,710,400 × 1.02 = 6,844,608
    assert um(r, "VMAX_IF_MVE", **k, mes=J) == D("6844608")
    # February: (2 × 16,104 × 210.00) × 1.02 = 6,763,680 × 1.02 = 6,898,953.60
    assert um(r, "VMAX_IF_MVE", **k, mes=F) == D("6898953.6")
    assert um(r, "EXC_GC_PROD", **k, mes=J) == 0  # GFC far below the maximum impact


def test_cmd_134_a_plurianual_precisa_do_preco_do_mes():
    e = _plurianual()
    e["PRECO_CT_MVE_M"] = []
    with pytest.raises(ErroTabela) as exc:
        calcular(e, meses=J)
    assert exc.value.tabela == "PRECO_CT_MVE_M"


def test_cmd_134_spread_negativo_limitado_a_zero_decisao_g11():
    # c2: 2 MWm at PLD − 5.00 and 1 MWm at PLD + 10.00 (S, Jan–Jun). GFC = 720 × (2 × 0 + 1 × 10) = 7,200.
    e = mercado(contrato("e6", "v1", "c2", PV_S, "2", spread="-5.00"), contrato("e7", "v2", "c2", PV_S, "1",
                                                                               spread="10.00"))
    r = rodar(e, "2026-01..2026-06")
    k = dict(perfil="c2", **PV_S)
    # January: VMAX = 2 × 3,600 × max(0; −5) + 1 × 3,600 × 10 = 36,000 (without the floor, 0 → all returned)
    assert um(r, "VMAX_IF_MVE", **k, mes=J) == D("36000")
    # May: VMAX = 1 × 720 (June) × 10 = 7,200 = GFC → no excess; June: ms_fim is empty → all returned
    assert um(r, "EXC_GC_PROD", **k, mes="2026-05") == 0
    assert um(r, "VMAX_IF_MVE", **k, mes="2026-06") == 0
    assert um(r, "EXC_GC_PROD", **k, mes="2026-06") == D("7200")


def test_cmd_134_135_136_excedente_liberado_mes_a_mes():
    # c2 (V_HORAS_GC_A majorated to 4,344 h): GFC = 4,344 × 3 × 18 = 234,576; each month the excess over the
    # maximum impact of the following months (3 × hours × 18) is returned:
    #   Jan 234,576 − 194,400 = 40,176 ; Feb 194,400 − 158,112 = 36,288 ; Mar 158,112 − 117,936 = 40,176 ;
    #   Apr 117,936 − 79,056 = 38,880 ; May 79,056 − 38,880 = 40,176 ; Jun 38,880 − 0 = 38,880 ; total 234,576
    e = mercado(contrato("e2", "v1", "c2", PV_S, "3", spread="18.00"),
                INADIMPLENTE_12M_MVE=[{"agente": "C2", "processamento": X}])
    r = rodar(e, "2026-01..2026-06")
    exc = [um(r, "EXC_GC_PROD", perfil="c2", **PV_S, mes=f"2026-0{i}") for i in range(1, 7)]
    assert exc == [D(v) for v in ("40176", "36288", "40176", "38880", "40176", "38880")]
    assert sum(exc) == um(r, "VLR_GC_PROD", perfil="c2", **PV_S) == D("234576")
    assert um(r, "EXC_GC_PRE", agente="C2", processamento=X, vigencia="S", mes=MZ) == D("40176")  # cmd 135
    assert um(r, "EXC_GC_TOT", agente="C2", mes=MZ) == D("40176")  # cmd 136
