"""The clearing benchmark, small: the vectorized engine beats the naive reference and both agree."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "benchmarks" / "bench_mve_leilao.py"


@pytest.mark.slow
def test_benchmark_pequeno_razao_maior_que_1():
    spec = importlib.util.spec_from_file_location("bench_mve_leilao", BENCH)
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    res = modulo.executar(20_000, 20, repeticoes=3, imprimir=False)
    assert res["iguais"]
    assert res["razao"] > 1
