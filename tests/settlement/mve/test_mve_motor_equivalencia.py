"""The vectorized engine against the per-row reference, and the property tests on the engine.

Equivalence (``motor_adaptador.comparar``): the same output tables (names, index columns, rows, row order)
on every input; values equal at the output rounding of their unit, or — only where the two divide
differently (reference: 34 significant digits; engine: quotients at 16 places, products by a factor at 20,
DECISÃO E1) — within 1e-9 of each other.

Properties on the engine (the issue's "done when"): per month, what buyers pay equals what sellers receive
before defaults; every default factor is within [0, 1]; adjusted contract amounts never exceed the originals
(the reference's property checks, ``test_mve_propriedades._checar``, run on the engine's rows).
"""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from motor_adaptador import comparar, linhas_de
from test_mve_propriedades import MESES, _checar, mercados

from ccee_barramento.settlement.mve import calcular_meses
from ccee_barramento.settlement.mve import sinteticos as gen
from ccee_barramento.settlement.mve.motor import calcular

CONFIG = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _iguais(a, b) -> None:
    assert list(a.exatas) == list(b.exatas)
    for nome in a.exatas:
        assert a.exatas[nome].equals(b.exatas[nome]), nome


@CONFIG
@given(mercados())
def test_equivalente_a_referencia_em_mercados_aleatorios(ent):
    ref, estado_ref = calcular_meses(ent, MESES)
    r = calcular(ent, MESES)
    assert comparar(r, ref) == []
    # the carried state has the same rows as the reference's (values at the engine's precision)
    for nome, linhas in estado_ref.items():
        if nome == "ESTADO_MVE":
            assert r.estado.tabelas[nome].to_dicts() == linhas
            continue
        assert r.estado.tabelas[nome].height == len(linhas), nome


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mercados())
def test_propriedades_no_motor(ent):
    r = calcular(ent, MESES)
    _checar(ent, linhas_de(r))
    # within [0, 1] at the output rounding (factors: 10 places). The exact F_REL_VEND_COMP / F_INAD_TOT are sums
    # of products of factors each rounded to 16 places, so they may pass 1 by a rounding residue (< 1e-15).
    for nome in ("F_INAD_TOT", "F_INAD_EFE_MVE", "F_REL_VEND_COMP", "F_COMP_MVE_PROD", "F_VEND_MVE_PROD"):
        assert r[nome].filter((pl.col(nome) < 0) | (pl.col(nome) > 1)).height == 0, nome
        assert r.exatas[nome].filter(pl.col(nome) > D("1.000000000000001")).height == 0, nome


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mercados())
def test_blocos_de_um_mes_e_cadeia_de_execucoes_dao_as_mesmas_tabelas(ent):
    inteiro = calcular(ent, MESES)
    _iguais(inteiro, calcular(ent, MESES, meses_por_bloco=1))
    # a month at a time, each run carrying the previous run's state
    estado = None
    partes = []
    for mes in MESES:
        r = calcular(ent, [mes], estado=estado)
        partes.append(r)
        estado = r.estado
    for nome, df in inteiro.exatas.items():
        if "mes" in df.columns:
            juntas = pl.concat([p.exatas[nome] for p in partes], how="vertical_relaxed")
            assert df.to_dicts() == juntas.to_dicts(), nome


@pytest.mark.parametrize("semente,n,com_anexo_i", [(0, 400, True), (1, 400, True), (2, 1500, True), (3, 3000, False),
                                                   (4, 800, True), (5, 200, True)])
def test_equivalente_nos_sinteticos(semente, n, com_anexo_i):
    ent = gen.gerar_entradas(n, 6, semente, mes_inicial="2026-10", com_anexo_i=com_anexo_i, fracao_inadimplentes=0.3)
    meses = gen.meses("2026-10", 6)
    ref, _ = calcular_meses(ent, meses)
    r = calcular(ent, meses)
    assert comparar(r, ref) == []
    if com_anexo_i:  # every part of the engine had work to do
        for nome in ("PRECO_CT_MVE_A", "F_INAD_TOT", "AJU_M_MVE", "RESS_P_MVE", "RESCISAO_MVE", "M_MVE", "AJUSTE_MVE_F"):
            assert r.exatas[nome].height, nome


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 60))
def test_propriedades_do_motor_nos_sinteticos(semente, n):
    ent = gen.gerar_entradas(n, 3, semente, mes_inicial="2026-11", fracao_inadimplentes=0.3)
    r = calcular(ent, MESES)
    _checar(ent, linhas_de(r))


def test_valores_a_receber_e_a_pagar_batem_por_mes_e_produto():
    # the first property, directly on the engine's exact tables: per month Σ VLP_MVE = Σ VLR_MVE and per product
    ent = gen.gerar_entradas(600, 4, 9, mes_inicial="2026-11", fracao_inadimplentes=0.3)
    r = calcular(ent, gen.meses("2026-11", 4))
    pag = r.exatas["VLP_MVE"].group_by("mes").agg(pl.col("VLP_MVE").sum()).sort("mes")
    rec = r.exatas["VLR_MVE"].group_by("mes").agg(pl.col("VLR_MVE").sum()).sort("mes")
    assert pag["VLP_MVE"].to_list() == rec["VLR_MVE"].to_list()  # exact: products of inputs, no rounding
    prod = ["submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes"]
    a = r.exatas["VLP_MVE_PROD"].group_by(prod).agg(pl.col("VLP_MVE_PROD").sum().alias("v")).sort(prod)
    b = r.exatas["VLR_MVE_PROD"].group_by(prod).agg(pl.col("VLR_MVE_PROD").sum().alias("v")).sort(prod)
    assert a.equals(b)
    mv = r.exatas["MV"].join(r.entradas["MV_MVE_PRE"].select("contrato", pl.col("MV_MVE_PRE")), on="contrato")
    assert mv.height and mv.filter((pl.col("MV") > pl.col("MV_MVE_PRE")) | (pl.col("MV") < 0)).height == 0
    assert r.exatas["F_INAD_EFE_MVE"].filter(pl.col("F_INAD_EFE_MVE") > 0).height
    assert all(D(0) <= f <= 1 for f in r.exatas["F_INAD_TOT"]["F_INAD_TOT"].to_list())
