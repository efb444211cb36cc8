"""The synthetic input generator: deterministic, consistent, fast enough for 1,000,000 contract-months."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from ccee_barramento.settlement.mve import calcular_meses
from ccee_barramento.settlement.mve import sinteticos as gen
from ccee_barramento.settlement.mve.referencia import preparar


def test_deterministico_pela_semente():
    assert gen.gerar_entradas(200, 4, 7) == gen.gerar_entradas(200, 4, 7)
    assert gen.gerar_entradas(200, 4, 7) != gen.gerar_entradas(200, 4, 8)


def test_consistente_e_completo():
    ent = gen.gerar_entradas(500, 6, 3)
    base = preparar(ent)  # validates membership, products, vigências, prices (cmd 36 via the bids)
    assert len(base.contratos) == 500
    assert {c.tipo_preco for c in base.contratos} == {"PF", "PV"}
    assert {c.tipo_vigencia for c in base.contratos} >= {"mensal", "trimestral", "semestral", "anual", "plurianual"}
    assert {c.anterior_garantias for c in base.contratos} == {True, False}
    assert len({c.submercado for c in base.contratos}) == 4
    # sellers sell only in their own submarket (seed §1.1.2)
    sub = {}
    for c in base.contratos:
        assert sub.setdefault(c.perfil_vendedor, c.submercado) == c.submercado
    # no floats anywhere
    for linhas in ent.values():
        for ln in linhas:
            assert not any(isinstance(v, float) for v in ln.values())
    saidas, _ = calcular_meses(ent, gen.meses("2026-01", 6))
    for nome in ("PRECO_CT_MVE_A", "F_INAD_TOT", "AJU_M_MVE", "RESS_P_MVE", "RESCISAO_MVE", "M_MVE"):
        assert saidas[nome], nome


def test_contratos_mes():
    ent = gen.gerar_entradas(300, 12, 1, com_anexo_i=False)
    n = gen.contratos_mes(ent, gen.meses("2026-01", 12))
    assert 0 < n <= 300 * 12
    contratos = preparar(ent).contratos
    meses = [int(m[:4]) * 12 + int(m[5:]) - 1 for m in gen.meses("2026-01", 12)]
    assert n == sum(1 for m in meses for c in contratos if c.inicio <= m <= c.fim)
    assert "TOT_EFE_PAG_MVE" not in ent
    assert all(isinstance(ln["MV_MVE_PRE"], Decimal) for ln in ent["MV_MVE_PRE"])


@pytest.mark.slow
def test_um_milhao_de_contratos_mes_em_segundos():
    t0 = time.perf_counter()
    ent = gen.gerar_entradas(140_000, 12, 0, com_anexo_i=False)
    dt = time.perf_counter() - t0
    assert gen.contratos_mes(ent, gen.meses("2026-01", 12)) >= 1_000_000
    assert dt < 30, dt
