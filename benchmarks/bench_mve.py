"""Benchmark of the vectorized MVE engine against the naive per-row Decimal loop of the same rules.

    python benchmarks/bench_mve.py                         # 1,000,000+ contract-months of §2.3 (140,000 × 12)
    python benchmarks/bench_mve.py --contratos 3000 --meses 4 --repeticoes 1
    python benchmarks/bench_mve.py --naive-amostra 200000  # naive loop on the first months only, extrapolated

Prints, in one run: the engine time (``calcular`` + the rounded output tables, from in-memory input tables
to in-memory output tables; the first run, cold, and the median of the runs after it), the naive loop time
(``referencia.calcular_meses`` on the same rows as dicts), their ratio (naive / engine median), the peak
memory of each (peak RSS of the process during the phase, Linux ``VmHWM`` reset through
``/proc/self/clear_refs``; elsewhere ``ru_maxrss``, which never resets), and whether both produced the same
tables (``settlement.mve.equivalencia``: same rows and order, values equal at the output rounding).

Data: ``settlement/mve/sinteticos.py`` without the Anexo I events (``com_anexo_i=False``: commands 35–59 of
§2.3; no payment rows, so no default and Anexo I has nothing to do). The market has ``--vendedores``
distributors (default 40; Brazil has about 50 distribution companies, MVE sellers are a subset) — the
generator's own default grows sellers with the contracts (400 at 140,000 contracts), and F_REL_VEND_COMP
(cmd 58), one row for every seller/buyer pair sharing a product, then has ~4.5 million rows a month for both
implementations (``--vendedores 0`` uses the generator's default). Results: ``docs/mve.md``.
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

from ccee_barramento.settlement.mve import calcular, referencia, sinteticos
from ccee_barramento.settlement.mve.dados import carregar
from ccee_barramento.settlement.mve.equivalencia import comparar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _memoria import pico_mib as _pico_mib  # noqa: E402
from _memoria import rss_mib as _rss_mib  # noqa: E402
from _memoria import zerar_pico as _zerar_pico  # noqa: E402


def _motor(tabelas: dict[str, pl.DataFrame], meses: list[str]):
    resultado = calcular(tabelas, meses)
    resultado.tabelas  # the rounded output tables are part of the work measured
    return resultado


def medir(contratos: int = 140_000, meses: int = 12, repeticoes: int = 3, ingenuo: bool = True, conferir: bool = True,
          vendedores: int | None = 40, amostra: int | None = None, semente: int = 0) -> dict:
    """Run the benchmark; returns the numbers (also printed by ``main``)."""
    t0 = time.perf_counter()
    entradas = sinteticos.gerar_entradas(contratos, meses, semente, com_anexo_i=False, n_vendedores=vendedores or None)
    lista = sinteticos.meses("2026-01", meses)
    geracao = time.perf_counter() - t0
    cm = sinteticos.contratos_mes(entradas, lista)
    tabelas = carregar(entradas)  # the engine's input tables (polars, exact), built off the clock

    _motor(carregar(sinteticos.gerar_entradas(200, 2, 1, com_anexo_i=False)), sinteticos.meses("2026-01", 2))  # warm-up
    gc.collect()
    base_rss = _rss_mib()
    pico_zerado = _zerar_pico()
    tempos = []
    resultado = None
    for _ in range(1 + max(1, repeticoes)):  # the first run is reported apart (cold: fresh memory pages)
        resultado = None
        gc.collect()
        t0 = time.perf_counter()
        resultado = _motor(tabelas, lista)
        tempos.append(time.perf_counter() - t0)
    pico_motor = _pico_mib()
    saida = {
        "contratos": contratos, "meses": meses, "vendedores": vendedores or "padrão do gerador",
        "contrato_meses": cm,
        "linhas_de_entrada": sum(df.height for df in tabelas.values()),
        "linhas_de_saida": sum(df.height for df in resultado.tabelas.values()),  # type: ignore[union-attr]
        "linhas_F_REL_VEND_COMP": resultado.exatas["F_REL_VEND_COMP"].height,  # type: ignore[union-attr]
        "geracao_s": geracao,
        "motor_primeira_s": tempos[0],
        "motor_mediana_s": statistics.median(tempos[1:]),
        "motor_tempos_s": tempos[1:],
        "motor_pico_rss_mib": pico_motor,
        "rss_antes_mib": base_rss,
        "pico_por_fase": pico_zerado,
        "python": platform.python_version(),
        "polars": pl.__version__,
        "cpus": pl.thread_pool_size(),
    }
    if ingenuo:
        meses_ref = lista
        if amostra:  # the first months holding at least ``amostra`` contract-months (same market each month)
            k = next((k for k in range(1, meses + 1) if sinteticos.contratos_mes(entradas, lista[:k]) >= amostra), meses)
            meses_ref = lista[:k]
        cm_ref = sinteticos.contratos_mes(entradas, meses_ref)
        del tabelas
        gc.collect()
        _zerar_pico()
        t0 = time.perf_counter()
        saidas_ref, _ = referencia.calcular_meses(entradas, meses_ref)
        t = time.perf_counter() - t0
        saida["ingenuo_pico_rss_mib"] = _pico_mib()
        saida["ingenuo_contrato_meses"] = cm_ref
        saida["ingenuo_medido_s"] = t
        saida["ingenuo_s"] = t * cm / cm_ref
        saida["ingenuo_extrapolado"] = cm_ref != cm
        saida["razao"] = saida["ingenuo_s"] / saida["motor_mediana_s"]
        saida["razao_primeira"] = saida["ingenuo_s"] / saida["motor_primeira_s"]
        if conferir:
            exatas = resultado.exatas  # type: ignore[union-attr]
            if meses_ref != lista:
                exatas = {n: (df.filter(pl.col("mes").is_in(meses_ref)) if "mes" in df.columns else df)
                          for n, df in exatas.items()}
            t0 = time.perf_counter()
            problemas = comparar(exatas, saidas_ref)
            saida["conferencia_s"] = time.perf_counter() - t0
            saida["saidas_equivalentes"] = not problemas
            saida["diferencas"] = problemas[:5]
    return saida


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--contratos", type=int, default=140_000)
    p.add_argument("--meses", type=int, default=12)
    p.add_argument("--vendedores", type=int, default=40, help="distributors in the market (0: the generator's default)")
    p.add_argument("--repeticoes", type=int, default=3,
                   help="engine runs after the first (their median is reported; the first is reported apart)")
    p.add_argument("--naive-amostra", type=int, default=None, metavar="N",
                   help="time the naive loop only on the first months holding N contract-months and extrapolate "
                        "(default: the full run)")
    p.add_argument("--semente", type=int, default=0)
    p.add_argument("--sem-ingenuo", action="store_true", help="skip the naive loop")
    p.add_argument("--sem-conferir", action="store_true", help="skip comparing the two outputs")
    p.add_argument("--json", action="store_true", help="print the numbers as JSON")
    a = p.parse_args(argv)
    r = medir(a.contratos, a.meses, a.repeticoes, not a.sem_ingenuo, not a.sem_conferir, a.vendedores or None,
              a.naive_amostra, a.semente)
    if a.json:
        print(json.dumps(r, indent=2, default=str))
        return 0
    print(f"MVE §2.3 (cmds 35–59) — {r['contrato_meses']:,} contrato-meses ({r['contratos']:,} contratos × {r['meses']} "
          f"meses; {r['vendedores']} vendedores); {r['linhas_de_entrada']:,} linhas de entrada, {r['linhas_de_saida']:,} "
          f"de saída ({r['linhas_F_REL_VEND_COMP']:,} de F_REL_VEND_COMP)")
    print(f"  python {r['python']}, polars {r['polars']}, {r['cpus']} threads")
    print(f"  motor (polars Decimal):  1ª execução {r['motor_primeira_s']:.3f} s; mediana das {len(r['motor_tempos_s'])} "
          f"seguintes: {r['motor_mediana_s']:.3f} s ({', '.join(f'{t:.3f}' for t in r['motor_tempos_s'])})")
    rotulo = "pico de RSS na fase" if r["pico_por_fase"] else "pico de RSS do processo (ru_maxrss)"
    print(f"  motor: {rotulo} {r['motor_pico_rss_mib']:.0f} MiB (RSS antes: {r['rss_antes_mib']:.0f} MiB)")
    if "ingenuo_s" in r:
        if r["ingenuo_extrapolado"]:
            print(f"  laço ingênuo (Decimal por linha): {r['ingenuo_medido_s']:.3f} s em {r['ingenuo_contrato_meses']:,} "
                  f"contrato-meses, extrapolado para {r['ingenuo_s']:.1f} s; {rotulo} {r['ingenuo_pico_rss_mib']:.0f} MiB")
        else:
            print(f"  laço ingênuo (Decimal por linha): {r['ingenuo_s']:.3f} s; {rotulo} {r['ingenuo_pico_rss_mib']:.0f} MiB")
        print(f"  razão ingênuo / motor: {r['razao']:.1f}x (mediana); {r['razao_primeira']:.1f}x (1ª execução)")
        if "saidas_equivalentes" in r:
            print(f"  saídas equivalentes: {'sim' if r['saidas_equivalentes'] else 'NÃO'} "
                  f"(conferência em {r['conferencia_s']:.1f} s){'' if r['saidas_equivalentes'] else ' ' + str(r['diferencas'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
