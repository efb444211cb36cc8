"""Benchmark of the MVE clearing (seed 004 Anexo II, cmds 84, 88, 89): a book of 100,000 bids cleared in one
run by the vectorized engine (``mecanismo.leilao``, every product at once in polars) and by the naive
reference (``referencia.liquidar_produto``: one product at a time, Python loops over ``Decimal``).

    python benchmarks/bench_mve_leilao.py [--lances 100000] [--produtos 50] [--repeticoes 3]

Both sides start from the same book — the engine's input tables LANCE_VENDA, LANCE_COMPRA and
PRODUTOS_LEILAO (polars, exact decimals, as ``motor.carregar`` gives them) — and end with the lots met per
bid: the engine with ``leilao.liquidar_tabelas`` (lots from the decimals as integer mantissas, every product
cleared at once); the naive side reads the rows (``to_dicts``), computes each bid's lots with ``Decimal`` and
clears product after product with ``referencia.liquidar_produto``. Prints both times, their ratio and
whether the allocations (lots per bid, lots traded and marginal prices per product) agree.
"""

from __future__ import annotations

import argparse
import statistics
import time

from ccee_barramento.settlement.mve.mecanismo import Configuracao, sinteticos
from ccee_barramento.settlement.mve.mecanismo.leilao import liquidar_tabelas
from ccee_barramento.settlement.mve.mecanismo.motor import carregar
from ccee_barramento.settlement.mve.mecanismo.referencia import liquidar_produto


def tabelas(n_lances: int, n_produtos: int, semente: int = 7) -> dict:
    """The book of ``sinteticos.livro`` as the engine's normalized input tables."""
    return carregar(sinteticos.livro(n_lances, n_produtos, semente=semente), Configuracao(limites="ignorar"))


def vetorizado(t: dict) -> dict:
    v, c, eq = liquidar_tabelas(t["LANCE_VENDA"], t["LANCE_COMPRA"], t["PRODUTOS_LEILAO"])
    return {"V": dict(zip(v["lance"].to_list(), v["atendidos"].to_list())),
            "C": dict(zip(c["lance"].to_list(), c["atendidos"].to_list())),
            "eq": {p: (q, pc, pv) for p, q, pc, pv in eq.select("produto", "Q", "preco_c", "preco_v").iter_rows()}}


def ingenuo(t: dict) -> dict:
    lote = {r["produto"]: r["LOTE"] for r in t["PRODUTOS_LEILAO"].to_dicts()}
    livro: dict = {p: ([], []) for p in lote}
    for r in t["LANCE_VENDA"].to_dicts():
        livro[r["produto"]][0].append((r["lance_venda"], r["PRECO"], int(r["QUANTIDADE"] / lote[r["produto"]])))
    for r in t["LANCE_COMPRA"].to_dicts():
        livro[r["produto"]][1].append((r["lance_compra"], r["PRECO"], int(r["QUANTIDADE"] / lote[r["produto"]])))
    saida: dict = {"V": {}, "C": {}, "eq": {}}
    for p, (vendas, compras) in livro.items():
        lv, lc, q, pc, pv = liquidar_produto(vendas, compras)
        saida["V"].update(lv)
        saida["C"].update(lc)
        saida["eq"][p] = (q, pc, pv)
    return saida


def medir(funcao, *args, repeticoes: int = 3) -> tuple[float, object]:
    tempos, resultado = [], None
    for _ in range(repeticoes):
        t0 = time.perf_counter()
        resultado = funcao(*args)
        tempos.append(time.perf_counter() - t0)
    return statistics.median(tempos), resultado


def executar(n_lances: int = 100_000, n_produtos: int = 50, repeticoes: int = 3, imprimir: bool = True) -> dict:
    t = tabelas(n_lances, n_produtos)
    t_vet, r_vet = medir(vetorizado, t, repeticoes=repeticoes)
    t_ing, r_ing = medir(ingenuo, t, repeticoes=repeticoes)
    iguais = r_vet == r_ing
    res = {"lances": t["LANCE_VENDA"].height + t["LANCE_COMPRA"].height, "produtos": t["PRODUTOS_LEILAO"].height,
           "vetorizado_s": t_vet, "ingenuo_s": t_ing, "razao": t_ing / t_vet, "iguais": iguais,
           "negociado_lotes": sum(q for q, _, _ in r_vet["eq"].values())}
    if imprimir:
        print(f"livro: {res['lances']:,} lances em {res['produtos']} produtos; {res['negociado_lotes']:,} lotes negociados")
        print(f"motor vetorizado (polars): {t_vet:.3f} s (mediana de {repeticoes})")
        print(f"referência ingênua (Decimal, produto a produto): {t_ing:.3f} s (mediana de {repeticoes})")
        print(f"razão ingênua / vetorizado: {res['razao']:.1f}x")
        print(f"alocações idênticas: {'sim' if iguais else 'NÃO'}")
    return res


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lances", type=int, default=100_000)
    ap.add_argument("--produtos", type=int, default=50)
    ap.add_argument("--repeticoes", type=int, default=3)
    a = ap.parse_args()
    executar(a.lances, a.produtos, a.repeticoes)
