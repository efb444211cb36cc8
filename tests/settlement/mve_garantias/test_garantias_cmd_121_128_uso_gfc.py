"""Anexo III §3.3.6: the GFC drawn on default or disconnection, per product and per pair (cmds 121–128).

Market: buyer c1 (agent C1) bought the semiannual fixed-price product S (Jan–Jun 2026) from v1 (5 MWm) and
v2 (1 MWm) at 250.00 R$/MWh; buyer c2 (C2) bought 3 MWm of the semiannual variable-price product from v1 at
PLD + 18.00. V_HORAS_GC = 720 h, PERC_MULTA_INAD_MVE = 0.02. GFC (cmd 113): c1 = 720 × 1,500 × 1.02 =
1,101,600.00; c2 = 720 × 54 = 38,880.00.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from garantias_cenarios import X, com_m_pag, contrato, linha_prod, mercado, multa, nenhum, prod, rodar, um

from ccee_barramento.settlement.mve.garantias import Configuracao, calcular, referencia
from ccee_barramento.settlement.tables import ErroTabela

PS, PV_S = prod("S", "PF"), prod("S", "PV")
J, F = "2026-01", "2026-02"


def _mercado(v_horas_gc: int = 720, **extra):
    return mercado(contrato("e1", "v1", "c1", PS, "5", preco="250.00"),
                   contrato("e3", "v2", "c1", PS, "1", preco="250.00"),
                   contrato("e2", "v1", "c2", PV_S, "3", spread="18.00"), v_horas_gc=v_horas_gc, **extra)


def _janeiro_inadimplente(**extra):
    """C1 pays 70 % of January: F_INAD_EFE_MVE = 0.3; VLP_MVE_PROD[c1,S,PF] = 6 × 744 × 250 = 1,116,000."""
    return dict(
        F_INAD_EFE_MVE=[{"agente": "C1", "mes": J, "F_INAD_EFE_MVE": D("0.3")}],
        VLP_MVE_PROD=[linha_prod("c1", PS, J, "VLP_MVE_PROD", "1116000.00")],
        F_VEND_MVE_PROD=[linha_prod("v1", PS, J, "F_VEND_MVE_PROD", "0.75"),
                         linha_prod("v2", PS, J, "F_VEND_MVE_PROD", "0.25"),
                         linha_prod("v1", PV_S, J, "F_VEND_MVE_PROD", "1")], **extra)


def test_cmd_121_123_inadimplencia_preco_fixo():
    r = rodar(_mercado(**_janeiro_inadimplente()), J)
    k = dict(perfil="c1", **PS, mes=J)
    # cmd 122: first month of the product → GC_PROD_ATUAL = VLR_GC_PROD = 1,101,600.00
    assert um(r, "GC_PROD_ATUAL", **k) == D("1101600")
    # cmd 121 (I): (0.3 × 1,116,000.00) × (1 + 0.02) = 334,800 × 1.02 = 341,496.00
    assert um(r, "GCA_PROD_PRE", **k) == D("341496")
    # cmd 123: min(341,496.00; 1,101,600.00)
    assert um(r, "GCA_PROD", **k) == D("341496")
    # c2 did not default: nothing drawn
    assert um(r, "GCA_PROD_PRE", perfil="c2", **PV_S, mes=J) == 0


def test_cmd_124_125_somas_do_agente():
    # c3 (also agent C1) has the quarterly product T (1 MWm at 100.00): GFC 720 × 100 × 1.02 = 73,440.00;
    # VLP = 1 × 744 × 100 = 74,400 → GCA_PROD_PRE = 0.3 × 74,400 × 1.02 = 22,766.40
    pt = prod("T", "PF")
    e = _mercado(**_janeiro_inadimplente())
    e = {**e, **{k: e[k] + v for k, v in contrato("e9", "v1", "c3", pt, "1", preco="100.00").items()}}
    e["VLP_MVE_PROD"] = e["VLP_MVE_PROD"] + [linha_prod("c3", pt, J, "VLP_MVE_PROD", "74400.00")]
    r = rodar(e, J)
    assert um(r, "GCA_PRE", agente="C1", processamento=X, vigencia="S", mes=J) == D("341496")  # cmd 124
    assert um(r, "GCA_PRE", agente="C1", processamento=X, vigencia="T", mes=J) == D("22766.40")
    assert um(r, "GCA_TOT", agente="C1", mes=J) == D("364262.40")  # cmd 125: 341,496 + 22,766.40
    assert um(r, "GCA_TOT", agente="C2", mes=J) == 0


def test_cmd_126_127_128_par_vendedor_comprador_preco_fixo():
    r = rodar(_mercado(**_janeiro_inadimplente()), J)
    # cmd 126 (PF): (0.3 × 1,116,000) × F_VEND_MVE_PROD = 334,800 × 0.75 = 251,100 (v1) and × 0.25 = 83,700 (v2);
    # the default fine part (6,696 = 341,496 − 334,800) is drawn but not shared, as printed
    par = dict(perfil_comprador="c1", **PS, mes=J)
    assert um(r, "GCA_PROD_VC", perfil_vendedor="v1", **par) == D("251100")
    assert um(r, "GCA_PROD_VC", perfil_vendedor="v2", **par) == D("83700")
    # cmds 127 and 128: per agent pair and vigência, then over vigências
    assert um(r, "GCA_VC_PRE", agente_comprador="C1", agente_vendedor="V1", vigencia="S", mes=J) == D("251100")
    assert um(r, "GCA_VC", agente_comprador="C1", agente_vendedor="V2", processamento=X, mes=J) == D("83700")
    assert nenhum(r, "GCA_PROD_VC", perfil_comprador="c2")  # no draw, no pair rows


def test_cmd_126_limitado_ao_acionado_decisao_g9():
    # V_HORAS_GC = 100 h: GFC = 100 × 1,500 × 1.02 = 153,000; GCA_PROD = min(341,496; 153,000) = 153,000.
    # As printed the sellers would get 251,100 + 83,700 = 334,800 > 153,000 drawn; capped: 153,000 × 0.75/0.25.
    r = rodar(_mercado(v_horas_gc=100, **_janeiro_inadimplente()), J)
    assert um(r, "GCA_PROD", perfil="c1", **PS, mes=J) == D("153000")
    par = dict(perfil_comprador="c1", **PS, mes=J)
    assert um(r, "GCA_PROD_VC", perfil_vendedor="v1", **par) == D("114750")
    assert um(r, "GCA_PROD_VC", perfil_vendedor="v2", **par) == D("38250")


def _pv_inadimplente():
    """C2 defaults in January: Anexo I rescinds its variable-price contract e2 with a fine of 40,000.00."""
    return com_m_pag(_mercado(
        F_INAD_EFE_MVE=[{"agente": "C2", "mes": J, "F_INAD_EFE_MVE": D("0.5")}],
        F_VEND_MVE_PROD=[linha_prod("v1", PV_S, J, "F_VEND_MVE_PROD", "1")],
        RESCISAO_MVE=[{"contrato": "e2", "mes": J, "motivo": "inadimplencia"}],
        M_MVE=[multa("c2", "v1", PV_S, J, "40000.00")]))


def test_cmd_121_inadimplencia_preco_variavel_e_multa_residual():
    r = rodar(_pv_inadimplente(), J)
    k = dict(perfil="c2", **PV_S, mes=J)
    # cmd 121 (II): GCA_PROD_PRE = M_PAG_MVE = 40,000.00; cmd 123: min(40,000; 38,880) = 38,880.00
    assert um(r, "GCA_PROD_PRE", **k) == D("40000.00")
    assert um(r, "GCA_PROD", **k) == D("38880")
    # cmd 126 (PV): 38,880 × F_VEND_MVE_PROD 1 ; the product is rescinded: nothing left, nothing to recompose
    assert um(r, "GCA_PROD_VC", perfil_comprador="c2", perfil_vendedor="v1", **PV_S, mes=J) == D("38880")
    assert um(r, "EXC_GC_PROD", **k) == 0 and um(r, "RECOMP_GC_PROD", **k) == 0
    # cmd 143, as printed: the residual fine of a variable-price product is the whole M_MVE (40,000.00)
    par = dict(perfil_comprador="c2", perfil_vendedor="v1", **PV_S, mes=J)
    assert um(r, "M_REM_PROD_GC", **par) == D("40000.00")
    # DECISÃO G14, residual_pv="liquido": 40,000 − 38,880 × F_M_REC_PROD_R (1) = 1,120.00
    r2 = rodar(_pv_inadimplente(), J, Configuracao(residual_pv="liquido"))
    assert um(r2, "M_REM_PROD_GC", **par) == D("1120")


def _desligado_em_fevereiro(**extra):
    """C1 is disconnected in February: Anexo I rescinds e1 and e3 and fines them 540,000 (v1) and 180,000 (v2)."""
    return com_m_pag(_mercado(
        EVENTO_RESCISAO_MVE=[{"agente": "C1", "mes": F, "motivo": "desligamento"}],
        RESCISAO_MVE=[{"contrato": e, "mes": F, "motivo": "desligamento"} for e in ("e1", "e3")],
        M_MVE=[multa("c1", "v1", PS, F, "540000.00"), multa("c1", "v2", PS, F, "180000.00")],
        F_VEND_MVE_PROD=[linha_prod("v1", PS, m, "F_VEND_MVE_PROD", "0.75") for m in (J, F)]
        + [linha_prod("v2", PS, m, "F_VEND_MVE_PROD", "0.25") for m in (J, F)],
        **extra))


def test_cmd_121_desligamento_vem_antes_da_inadimplencia_decisao_g16():
    e = _desligado_em_fevereiro(F_INAD_EFE_MVE=[{"agente": "C1", "mes": F, "F_INAD_EFE_MVE": D("0.2")}],
                                VLP_MVE_PROD=[linha_prod("c1", PS, F, "VLP_MVE_PROD", "1008000")])
    r = rodar(e, "2026-01..2026-02")
    k = dict(perfil="c1", **PS, mes=F)
    # January: no event; EXC = max(1,101,600 − VMAX 5,508,000; 0) = 0, so GC_PROD_ATUAL[Feb] = 1,101,600
    assert um(r, "GC_PROD_ATUAL", **k) == D("1101600")
    # cmd 121 (disconnection): M_PAG_MVE = 720,000 (not 0.2 × 1,008,000 × 1.02)
    assert um(r, "GCA_PROD_PRE", **k) == D("720000.00")
    assert um(r, "GCA_PROD", **k) == D("720000.00")
    # cmd 134 (disconnection): EXC = max(1,101,600 − 720,000; 0) = 381,600; no recomposition (Importante)
    assert um(r, "EXC_GC_PROD", **k) == D("381600")
    assert um(r, "RECOMP_GC_PROD", **k) == 0 and um(r, "GCA_PROD_R", **k) == 0
    # cmd 126 (DECISÃO G9: a disconnection's draw — a fine — split like PV): 720,000 × 0.75 / 0.25
    par = dict(perfil_comprador="c1", **PS, mes=F)
    assert um(r, "GCA_PROD_VC", perfil_vendedor="v1", **par) == D("540000")
    assert um(r, "GCA_PROD_VC", perfil_vendedor="v2", **par) == D("180000")
    # the product ends: no row in March
    r3 = rodar(e, "2026-01..2026-03")
    assert nenhum(r3, "GC_PROD_ATUAL", perfil="c1", mes="2026-03")


def test_cmd_121_desligamento_por_descumprimento_no_mve_nao_e_desligamento():
    # "exceto por descumprimento de obrigação no MVE": the default branch applies
    e = _mercado(**_janeiro_inadimplente(EVENTO_RESCISAO_MVE=[{"agente": "C1", "mes": J,
                                                               "motivo": "desligamento_descumprimento_mve"}]))
    r = rodar(e, J)
    assert um(r, "GCA_PROD_PRE", perfil="c1", **PS, mes=J) == D("341496")


def test_cmd_122_saldo_mes_a_mes_estado_e_entradas_do_mes_anterior():
    # c2 defaulted in the 12 months before X: V_HORAS_GC_A = V_HORAS[S] = 4,344 h → GFC = 4,344 × 54 = 234,576.
    # January: VMAX = 3 × 3,600 h (Feb–Jun) × 18 = 194,400 → EXC = 40,176 → GC_PROD_ATUAL[Feb] = 194,400
    e = _mercado(INADIMPLENTE_12M_MVE=[{"agente": "C2", "processamento": X}])
    k = dict(perfil="c2", **PV_S)
    r = rodar(e, "2026-01..2026-02")
    assert um(r, "GC_PROD_ATUAL", **k, mes=J) == D("234576")
    assert um(r, "EXC_GC_PROD", **k, mes=J) == D("40176")
    assert um(r, "GC_PROD_ATUAL", **k, mes=F) == D("194400")  # 234,576 + 0 − 40,176
    # month by month carrying the state gives the same tables (engine and reference)
    jan = calcular(e, meses=J)
    fev = calcular(e, meses=F, estado=jan.estado)
    assert fev.exatas["GC_PROD_ATUAL"].to_dicts() == r.exatas["GC_PROD_ATUAL"].filter(
        r.exatas["GC_PROD_ATUAL"]["mes"] == F).to_dicts()
    _, est = referencia.calcular_meses(e, [J])
    s, _ = referencia.calcular_meses(e, [F], estado=est, exatas=True)
    assert s["GC_PROD_ATUAL"] == fev.exatas["GC_PROD_ATUAL"].to_dicts()
    # without state, the month before comes from input rows
    linha, linha_c1 = {"perfil": "c2", **PV_S, "mes": J}, {"perfil": "c1", **PS, "mes": J}
    e2 = {**e, "GC_PROD_ATUAL": [{**linha, "GC_PROD_ATUAL": D("234576")}, {**linha_c1, "GC_PROD_ATUAL": D("1101600")}],
          "EXC_GC_PROD": [{**linha, "EXC_GC_PROD": D("40176")}]}
    assert um(rodar(e2, F), "GC_PROD_ATUAL", **k, mes=F) == D("194400")
    # and with neither, the engine refuses to guess
    with pytest.raises(ErroTabela) as exc:
        calcular(e, meses=F)
    assert exc.value.tabela == "GC_PROD_ATUAL"


def test_cmd_126_desligamento_antes_do_suprimento_divide_pela_multa_decisao_g8_g9():
    # product F (Apr–Sep 2026, semiannual): c1 bought 2 MWm from v1 and 1 MWm from v2 at 200.00;
    # GFC = 720 × 600 × 1.02 = 440,640. C1 is disconnected in February, before supply: Anexo I fines 300,000 (v1)
    # and 100,000 (v2). The product's only GFC row is February (DECISÃO G8).
    pf = prod("F", "PF")
    e = com_m_pag(mercado(contrato("f1", "v1", "c1", pf, "2", preco="200.00"),
                          contrato("f2", "v2", "c1", pf, "1", preco="200.00"),
                          EVENTO_RESCISAO_MVE=[{"agente": "C1", "mes": F, "motivo": "desligamento"}],
                          RESCISAO_MVE=[{"contrato": c, "mes": F, "motivo": "desligamento"} for c in ("f1", "f2")],
                          M_MVE=[multa("c1", "v1", pf, F, "300000"), multa("c1", "v2", pf, F, "100000")]))
    r = rodar(e, "2026-01..2026-04")
    assert r.exatas["GC_PROD_ATUAL"]["mes"].to_list() == [F]
    k = dict(perfil="c1", **pf, mes=F)
    assert um(r, "GC_PROD_ATUAL", **k) == D("440640")
    assert um(r, "GCA_PROD", **k) == D("400000")  # min(M_PAG_MVE 400,000; 440,640)
    assert um(r, "EXC_GC_PROD", **k) == D("40640")  # the rest is returned
    # no F_VEND_MVE_PROD (no settlement before supply): split by the fine's shares 0.75 / 0.25
    par = dict(perfil_comprador="c1", **pf, mes=F)
    assert um(r, "GCA_PROD_VC", perfil_vendedor="v1", **par) == D("300000")
    assert um(r, "GCA_PROD_VC", perfil_vendedor="v2", **par) == D("100000")
