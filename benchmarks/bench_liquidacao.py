"""Benchmark of the Liquidação engine against the naive per-row Decimal loop of the same rules.

    python benchmarks/bench_liquidacao.py                   # 1,000,000 profile-months (100,000 × 10)
    python benchmarks/bench_liquidacao.py --perfis 2000 --meses 3 --repeticoes 1

Prints, in one run: the engine time (``calcular`` + the rounded output tables, from in-memory input
tables to in-memory output tables; the first run, cold, and the median of the runs after it), the naive loop time
(``referencia.calcular_meses`` on the same rows as dicts, outputs rounded the same way), their ratio
(naive / engine median), the engine's CPU time (all threads: the engine overlaps work on a second thread,
so CPU > wall on 2 cores), the peak memory of each (peak RSS of the process during the phase, Linux
``VmHWM`` reset through ``/proc/self/clear_refs``; elsewhere ``ru_maxrss``, which never resets), the
machine's load average before and after (other processes on a shared machine slow the engine's parallel
parts more than the single-threaded loop: compare runs at similar load), and whether both produced the
same tables. Data: ``settlement/liquidacao/sinteticos.py`` (its docstring
describes the mix). Results and the engine decision are in ``docs/settlement.md``.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import polars as pl

from ccee_barramento.settlement.liquidacao import calcular, referencia, sinteticos

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _memoria import carga as _carga  # noqa: E402
from _memoria import pico_mib as _pico_mib  # noqa: E402
from _memoria import rss_mib as _rss_mib  # noqa: E402
from _memoria import zerar_pico as _zerar_pico  # noqa: E402


def _motor(tabelas: dict[str, pl.DataFrame]):
    resultado = calcular(tabelas)
    resultado.tabelas  # the rounded output tables are part of the work measured
    return resultado


def _iguais(resultado, saidas_ref: dict[str, list[dict]]) -> bool:
    """Same rows in both (the engine's tables are sorted; the reference lists rows in its loop order)."""
    for nome, df in resultado.tabelas.items():
        a = df.to_dicts()
        b = saidas_ref[nome]
        if len(a) != len(b):
            return False
        chave = [c for c in df.columns if df.schema[c] == pl.String]
        ordem = lambda linha: tuple(linha[c] for c in chave)  # noqa: E731
        if sorted(a, key=ordem) != sorted(b, key=ordem):
            return False
    return True


def medir(perfis: int, meses: int, repeticoes: int = 3, ingenuo: bool = True, conferir: bool = True) -> dict:
    """Run the benchmark; returns the numbers (also printed by ``main``)."""
    t0 = time.perf_counter()
    tabelas = sinteticos.gerar(perfis, meses)
    geracao = time.perf_counter() - t0
    linhas_perfil_mes = tabelas["RESULTADO"].height

    _motor(sinteticos.gerar(200, 2))  # warm-up: import-time and first-call costs off the clock
    gc.collect()
    base_rss = _rss_mib()
    pico_zerado = _zerar_pico()
    carga_antes = _carga()
    tempos, cpu = [], []
    resultado = None
    for _ in range(1 + max(1, repeticoes)):  # the first run is reported apart (cold: fresh memory pages)
        resultado = None
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        resultado = _motor(tabelas)
        tempos.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    pico_motor = _pico_mib()
    saida = {
        "perfis": perfis,
        "meses": meses,
        "perfil_meses": linhas_perfil_mes,
        "linhas_de_entrada": sum(df.height for df in tabelas.values()),
        "linhas_de_saida": sum(df.height for df in resultado.tabelas.values()),  # type: ignore[union-attr]
        "geracao_s": geracao,
        "motor_primeira_s": tempos[0],
        "motor_mediana_s": statistics.median(tempos[1:]),
        "motor_tempos_s": tempos[1:],
        "motor_cpu_mediana_s": statistics.median(cpu[1:]),
        "motor_pico_rss_mib": pico_motor,
        "rss_antes_mib": base_rss,
        "pico_por_fase": pico_zerado,
        "python": platform.python_version(),
        "polars": pl.__version__,
        "cpus": pl.thread_pool_size(),
    }
    if ingenuo:
        linhas = sinteticos.como_linhas(tabelas)
        gc.collect()
        _zerar_pico()
        t0 = time.perf_counter()
        saidas_ref, _ = referencia.calcular_meses(linhas, resultado.meses)  # type: ignore[union-attr]
        saida["ingenuo_s"] = time.perf_counter() - t0
        saida["ingenuo_pico_rss_mib"] = _pico_mib()
        saida["razao"] = saida["ingenuo_s"] / saida["motor_mediana_s"]
        saida["razao_primeira"] = saida["ingenuo_s"] / saida["motor_primeira_s"]
        if conferir:
            saida["saidas_identicas"] = _iguais(resultado, saidas_ref)
    saida["carga_antes"], saida["carga_depois"] = carga_antes, _carga()
    return saida


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--perfis", type=int, default=100_000)
    p.add_argument("--meses", type=int, default=10)
    p.add_argument("--repeticoes", type=int, default=5,
                   help="engine runs after the first (their median is reported; the first is reported apart)")
    p.add_argument("--sem-ingenuo", action="store_true", help="skip the naive loop")
    p.add_argument("--sem-conferir", action="store_true", help="skip comparing the two outputs")
    p.add_argument("--json", action="store_true", help="print the numbers as JSON")
    a = p.parse_args(argv)
    r = medir(a.perfis, a.meses, a.repeticoes, not a.sem_ingenuo, not a.sem_conferir)
    if a.json:
        print(json.dumps(r, indent=2))
        return 0
    print(f"Liquidação — {r['perfil_meses']:,} perfil-meses ({r['perfis']:,} perfis × {r['meses']} meses); "
          f"{r['linhas_de_entrada']:,} linhas de entrada, {r['linhas_de_saida']:,} de saída")
    print(f"  python {r['python']}, polars {r['polars']}, {r['cpus']} threads")
    print(f"  motor (polars Decimal):  1ª execução {r['motor_primeira_s']:.3f} s; mediana das {len(r['motor_tempos_s'])} "
          f"seguintes: {r['motor_mediana_s']:.3f} s ({', '.join(f'{t:.3f}' for t in r['motor_tempos_s'])})")
    print(f"  motor: tempo de CPU (todas as threads) mediana {r['motor_cpu_mediana_s']:.3f} s")
    rotulo = "pico de RSS na fase" if r["pico_por_fase"] else "pico de RSS do processo (ru_maxrss)"
    print(f"  motor: {rotulo} {r['motor_pico_rss_mib']:.0f} MiB (RSS antes: {r['rss_antes_mib']:.0f} MiB)")
    if "ingenuo_s" in r:
        print(f"  laço ingênuo (Decimal por linha): {r['ingenuo_s']:.3f} s; {rotulo} {r['ingenuo_pico_rss_mib']:.0f} MiB")
        print(f"  razão ingênuo / motor: {r['razao']:.1f}x (mediana); {r['razao_primeira']:.1f}x (1ª execução)")
        if "saidas_identicas" in r:
            print(f"  saídas idênticas: {'sim' if r['saidas_identicas'] else 'NÃO'}")
    print(f"  carga média da máquina (1 min): {r['carga_antes']:.2f} antes, {r['carga_depois']:.2f} depois")
    return 0


if __name__ == "__main__":
    sys.exit(main())
