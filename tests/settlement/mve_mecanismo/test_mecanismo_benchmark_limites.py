"""The limits benchmark (``benchmarks/bench_mve_leilao.py``, §2.1 on full hourly data), small: the vectorized
engine and the reference give the same tables, and the engine is faster (a ratio measured side by side in one
run; no absolute time is asserted)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "benchmarks" / "bench_mve_leilao.py"


@pytest.mark.slow
def test_benchmark_limites_pequeno():
    spec = importlib.util.spec_from_file_location("bench_mve_leilao", BENCH)
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    res = modulo.executar_limites(8, repeticoes=3, repeticoes_ref=1, imprimir=False)
    assert res["iguais"], res["diferentes"]
    assert res["completo_iguais"], res["completo_diferentes"]
    assert res["linhas_horarias"] > 300_000
    assert res["razao"] > 1
