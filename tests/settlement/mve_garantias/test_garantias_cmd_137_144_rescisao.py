"""Anexo III §3.3.8–3.3.9: the remaining GFC pays the rescission fine after a non-recomposition (cmds
137–142), the residual fines per pair (cmds 143–144), and GCR_TOT (3.3.11).

Market: c1 (agent C1) bought the semiannual fixed-price product S from v1 (5 MWm) and v2 (1 MWm) at 250.00;
with V_HORAS_GC = 100 h its GFC is 100 × 1,500 × 1.02 = 153,000.00. In February C1 pays 90 % (F_INAD_EFE_MVE =
0.1, VLP_MVE_PROD = 6 × 672 × 250 = 1,008,000) and does not recompose: Anexo I rescinds e1 and e3 and fines
them 270,000 (v1) and 90,000 (v2).
"""

from __future__ import annotations

from decimal import Decimal as D

from garantias_cenarios import X, com_m_pag, contrato, linha_prod, mercado, multa, nenhum, prod, rodar, um

from ccee_barramento.settlement.mve.garantias import Configuracao
from ccee_barramento.settlement.mve.garantias.esquema import REGISTRO

PS = prod("S", "PF")
J, F = "2026-01", "2026-02"


def _nao_recompoe(v_horas_gc: int = 100, **extra):
    return com_m_pag(mercado(
        contrato("e1", "v1", "c1", PS, "5", preco="250.00"), contrato("e3", "v2", "c1", PS, "1", preco="250.00"),
        v_horas_gc=v_horas_gc,
        F_INAD_EFE_MVE=[{"agente": "C1", "mes": F, "F_INAD_EFE_MVE": D("0.1")}],
        VLP_MVE_PROD=[linha_prod("c1", PS, F, "VLP_MVE_PROD", "1008000")],
        F_VEND_MVE_PROD=[linha_prod(v, PS, m, "F_VEND_MVE_PROD", f) for m in (J, F) for v, f in (("v1", "0.75"),
                                                                                                ("v2", "0.25"))],
        EVENTO_RESCISAO_MVE=[{"agente": "C1", "mes": F, "motivo": "nao_recomposicao_gfc"}],
        RESCISAO_MVE=[{"contrato": e, "mes": F, "motivo": "nao_recomposicao_gfc"} for e in ("e1", "e3")],
        M_MVE=[multa("c1", "v1", PS, F, "270000"), multa("c1", "v2", PS, F, "90000")], **extra))


def test_cmd_137_138_textos():
    assert "recomposta" in REGISTRO.comandos["137"].texto
    assert "rescisão" in REGISTRO.comandos["138"].texto.lower()


def test_cmd_139_140_garantia_remanescente_paga_a_multa():
    r = rodar(_nao_recompoe(), "2026-01..2026-02")
    k = dict(perfil="c1", **PS, mes=F)
    # cmd 121: GCA_PROD = min(0.1 × 1,008,000 × 1.02 = 102,816; 153,000) = 102,816
    assert um(r, "GCA_PROD", **k) == D("102816")
    # cmd 139: GC_PROD_REM = 153,000 − 102,816 = 50,184
    assert um(r, "GC_PROD_REM", **k) == D("50184")
    # cmd 140: GCA_PROD_R = min(50,184; M_PAG_MVE 360,000) = 50,184
    assert um(r, "GCA_PROD_R", **k) == D("50184")
    # rescinded this month: nothing to recompose, nothing left to return (DECISÃO G10, G11)
    assert um(r, "RECOMP_GC_PROD", **k) == 0 and um(r, "EXC_GC_PROD", **k) == 0
    # everything in the GFC was drawn: GC_PROD_ATUAL = GCA_PROD + GCA_PROD_R + EXC_GC_PROD
    assert um(r, "GC_PROD_ATUAL", **k) == D("102816") + D("50184") + 0


def test_cmd_141_142_por_par_decisao_g12():
    r = rodar(_nao_recompoe(), "2026-01..2026-02")
    par = dict(perfil_comprador="c1", **PS, mes=F)
    # F_M_REC_PROD_R = the seller's share of the buyer's fine: 270,000 / 360,000 = 0.75 ; 90,000 / 360,000 = 0.25
    assert um(r, "F_M_REC_PROD_R", perfil_vendedor="v1", **par) == D("0.75")
    # cmd 141: GCA_PROD_R_VC = 50,184 × 0.75 = 37,638 ; × 0.25 = 12,546
    assert um(r, "GCA_PROD_R_VC", perfil_vendedor="v1", **par) == D("37638")
    assert um(r, "GCA_PROD_R_VC", perfil_vendedor="v2", **par) == D("12546")
    # cmd 142: per agent pair
    assert um(r, "GCA_R_VC", agente_comprador="C1", agente_vendedor="V1", processamento=X, mes=F) == D("37638")


def test_cmd_143_144_multa_residual_e_gcr_tot():
    r = rodar(_nao_recompoe(), "2026-01..2026-02")
    par = dict(perfil_comprador="c1", **PS, mes=F)
    # cmd 143 (PF > 1 month): M_MVE − GCA_PROD_R_VC = 270,000 − 37,638 = 232,362 ; 90,000 − 12,546 = 77,454
    assert um(r, "M_REM_PROD_GC", perfil_vendedor="v1", **par) == D("232362")
    assert um(r, "M_REM_PROD_GC", perfil_vendedor="v2", **par) == D("77454")
    # cmd 144: settled bilaterally between C1 and each seller
    assert um(r, "M_REM_GC", agente_comprador="C1", agente_vendedor="V1", mes=F) == D("232362")
    assert um(r, "M_REM_GC", agente_comprador="C1", agente_vendedor="V2", mes=F) == D("77454")
    # GCR_TOT (DECISÃO G15): what each seller gets from C1's GFC in February:
    #   cmd 126: min(0.1 × 1,008,000; 102,816) × F_VEND = 100,800 × 0.75 = 75,600 (v1), 25,200 (v2)
    #   + cmd 141: 37,638 (v1), 12,546 (v2) → V1 113,238 ; V2 37,746
    assert um(r, "GCR_TOT", agente_vendedor="V1", agente_comprador="C1", mes=F) == D("113238")
    assert um(r, "GCR_TOT", agente_vendedor="V2", agente_comprador="C1", mes=F) == D("37746")
    # the sellers' total: 150,984 = 153,000 drawn minus the default fine part not shared (2,016 = 102,816 − 100,800)
    assert sum(r.exatas["GCR_TOT"]["GCR_TOT"].to_list()) == D("150984")


def test_cmd_140_garantia_maior_que_a_multa_devolve_a_sobra():
    # V_HORAS_GC = 720: GFC 1,101,600; REM = 1,101,600 − 102,816 = 998,784; GCA_PROD_R = min(998,784; 360,000)
    # = 360,000; the rest, 638,784, is returned (DECISÃO G11) and no fine is left
    r = rodar(_nao_recompoe(v_horas_gc=720), "2026-01..2026-02")
    k = dict(perfil="c1", **PS, mes=F)
    assert um(r, "GCA_PROD_R", **k) == D("360000")
    assert um(r, "EXC_GC_PROD", **k) == D("638784")
    assert set(r.exatas["M_REM_PROD_GC"]["M_REM_PROD_GC"].to_list()) == {0}


def test_cmd_140_so_no_evento_de_nao_recomposicao_e_preco_fixo_decisao_g13():
    # the same fines without the non-recomposition event (e.g. a PV or monthly rescission): GCA_PROD_R = 0
    e = _nao_recompoe()
    e["EVENTO_RESCISAO_MVE"] = []
    r = rodar(e, "2026-01..2026-02")
    assert um(r, "GCA_PROD_R", perfil="c1", **PS, mes=F) == 0
    assert um(r, "M_REM_PROD_GC", perfil_comprador="c1", perfil_vendedor="v1", **PS, mes=F) == D("270000")


def test_cmd_143_produto_mensal_e_processamento_anterior():
    # a monthly fixed-price product rescinded for default (Anexo I cmd 73 i) has no GFC: the whole fine remains,
    # also with residual_pv="liquido"; a fine of a processing before the guarantees is not Anexo III's
    pm, p0 = prod("M", "PF"), prod("S", "PF", x="X0")
    e = com_m_pag(mercado(contrato("e8", "v1", "c1", pm, "3", preco="300.00"),
                          contrato("e0", "v2", "c2", p0, "1", preco="100.00"),
                          M_MVE=[multa("c1", "v1", pm, J, "50000"), multa("c2", "v2", p0, J, "7000")]))
    for cfg in (None, Configuracao(residual_pv="liquido")):
        r = rodar(e, J, cfg)
        assert um(r, "M_REM_PROD_GC", perfil_comprador="c1", perfil_vendedor="v1", **pm, mes=J) == D("50000")
        assert nenhum(r, "M_REM_PROD_GC", perfil_comprador="c2")
        assert um(r, "M_REM_GC", agente_comprador="C1", agente_vendedor="V1", mes=J) == D("50000")


def test_cmd_144_soma_os_perfis_dos_dois_agentes():
    # c1 and c3 both belong to C1: their monthly-product fines to v1 add up in M_REM_GC[C1,V1]
    pm = prod("M", "PF")
    e = com_m_pag(mercado(contrato("e8", "v1", "c1", pm, "3", preco="300.00"),
                          contrato("e9", "v1", "c3", pm, "1", preco="300.00"),
                          M_MVE=[multa("c1", "v1", pm, J, "50000"), multa("c3", "v1", pm, J, "12500.50")]))
    r = rodar(e, J)
    assert um(r, "M_REM_GC", agente_comprador="C1", agente_vendedor="V1", processamento=X, mes=J) == D("62500.50")
