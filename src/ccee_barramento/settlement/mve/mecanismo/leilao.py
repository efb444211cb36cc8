"""Anexo II — the clearing of the mechanism (cmds 84, 88, 89), vectorized over every product of a round.

The algorithm (``docs/mve-mecanismo.md``, "The clearing"), on whole lots (cmd 82), so it is integer
arithmetic and exact:

1. bids of equal price are grouped; sale groups ranked by price ascending (the supply curve O(Q)), buy
   groups by price descending (the demand curve D(Q)); cumulative ends S_k, D_k per product;
2. the breakpoints of both step curves up to min(ΣD, ΣS) cut the quantity axis into segments where both
   prices are constant; a segment trades when the buyer's price ≥ the seller's (cmd 88, Figures 10–11:
   the curves need not cross). The set of trading units is a prefix, so the traded quantity Q* is the
   end of the last trading segment (found with one as-of join of the breakpoints on each curve);
3. a group fully left of Q* is met in full; the group at the margin gets Q* − its start, shared among its
   bids **pro rata** to their lots, rounded down, the lots left over going one each to the bids with the
   largest remainder (ties: bid id ascending) — so the lots allocated add up to Q* exactly on each side;
4. prices are discriminatory (cmd 84): every met buy bid trades at its own price (PRECO_N_MVE) or spread
   (SPREAD_N_MVE, cmd 85).

``referencia.liquidar_produto`` is the same rule written as a two-pointer loop (the oracle).
"""

from __future__ import annotations

import polars as pl

#: Lots per product offset in the packed keys (products are cleared together on one sorted axis).
_FAIXA = 1 << 40


def _grupos(lances: pl.DataFrame, descendente: bool) -> pl.DataFrame:
    """Price groups per product with their cumulative end and start (lots), ranked along the curve."""
    g = (lances.group_by("_p", "PRECO").agg(pl.col("lotes").sum().alias("_g"))
         .sort(["_p", "PRECO"], descending=[False, descendente]))
    return g.with_columns(pl.col("_g").cum_sum().over("_p").alias("_fim")).with_columns(
        (pl.col("_fim") - pl.col("_g")).alias("_ini"))


def liquidar(vendas: pl.DataFrame, compras: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Clear every product at once.

    ``vendas``/``compras``: columns ``_p`` (product index, Int64 ≥ 0), ``lance`` (String), ``PRECO``
    (Decimal), ``lotes`` (Int64 > 0: the admitted lots). Returns (sale bids with ``atendidos``, buy bids with
    ``atendidos``, per product ``_p``, ``Q`` (lots traded), ``preco_c``, ``preco_v`` (marginal prices)).
    """
    gv = _grupos(vendas, False)
    gc = _grupos(compras, True)
    tot_v = gv.group_by("_p").agg(pl.col("_g").sum().alias("_tv"))
    tot_c = gc.group_by("_p").agg(pl.col("_g").sum().alias("_tc"))
    limite = tot_v.join(tot_c, on="_p", how="inner").with_columns(
        pl.min_horizontal("_tv", "_tc").alias("_lim"))
    pontos = (pl.concat([gv.select("_p", pl.col("_fim").alias("_e")), gc.select("_p", pl.col("_fim").alias("_e"))])
              .join(limite.select("_p", "_lim"), on="_p", how="inner")
              .filter(pl.col("_e") <= pl.col("_lim"))
              .select("_p", "_e").unique()
              .with_columns((pl.col("_p") * _FAIXA + pl.col("_e")).alias("_k")).sort("_k"))
    # the prices at each breakpoint e: the group with start < e ≤ end (first end ≥ e), on each curve
    cv = gv.select((pl.col("_p") * _FAIXA + pl.col("_fim")).alias("_k"), pl.col("PRECO").alias("_pv")).sort("_k")
    cc = gc.select((pl.col("_p") * _FAIXA + pl.col("_fim")).alias("_k"), pl.col("PRECO").alias("_pc")).sort("_k")
    pontos = (pontos.join_asof(cv, on="_k", strategy="forward").join_asof(cc, on="_k", strategy="forward")
              .filter(pl.col("_pc") >= pl.col("_pv")))
    eq = pontos.group_by("_p").agg(pl.col("_e").max().alias("Q"), pl.col("_pc").sort_by("_e").last().alias("preco_c"),
                                   pl.col("_pv").sort_by("_e").last().alias("preco_v"))
    produtos = pl.concat([vendas.select("_p"), compras.select("_p")]).unique()
    eq = produtos.join(eq, on="_p", how="left").with_columns(pl.col("Q").fill_null(0)).sort("_p")

    def alocar(lances: pl.DataFrame, grupos: pl.DataFrame) -> pl.DataFrame:
        g = grupos.join(eq.select("_p", "Q"), on="_p", how="left").with_columns(
            pl.min_horizontal(pl.max_horizontal(pl.col("Q") - pl.col("_ini"), pl.lit(0)), pl.col("_g")).alias("_a"))
        df = lances.join(g.select("_p", "PRECO", "_g", "_a"), on=["_p", "PRECO"], how="left")
        df = df.with_columns((pl.col("lotes") * pl.col("_a") // pl.col("_g")).alias("_base"),
                             (pl.col("lotes") * pl.col("_a") % pl.col("_g")).alias("_resto"))
        df = df.with_columns((pl.col("_a") - pl.col("_base").sum().over("_p", "PRECO")).alias("_falta"))
        df = df.sort(["_p", "PRECO", "_resto", "lance"], descending=[False, False, True, False])
        df = df.with_columns(pl.int_range(pl.len()).over("_p", "PRECO").alias("_ordem"))
        return df.with_columns((pl.col("_base") + (pl.col("_ordem") < pl.col("_falta")).cast(pl.Int64))
                               .alias("atendidos")).drop("_g", "_a", "_base", "_resto", "_falta", "_ordem")

    return alocar(vendas, gv), alocar(compras, gc), eq


__all__ = ["liquidar"]


def _quadro(livros: list, lado: int) -> pl.DataFrame:
    ps, ids, precos, lotes = [], [], [], []
    for k, livro in enumerate(livros):
        for b, preco, n in livro[lado]:
            ps.append(k)
            ids.append(b)
            precos.append(preco)
            lotes.append(n)
    escala_ = max([0] + [max(0, -int(p.as_tuple().exponent)) for p in precos])
    return pl.DataFrame({"_p": pl.Series(ps, dtype=pl.Int64), "lance": pl.Series(ids, dtype=pl.String),
                         "PRECO": pl.Series(precos, dtype=pl.Decimal(38, escala_)),
                         "lotes": pl.Series(lotes, dtype=pl.Int64)})


def limpar_vetorizado(livros: list) -> list[tuple]:
    """The engine's clearing of a round: every product's book (as in ``referencia.limpar_um_a_um``) at once."""
    if not livros:
        return []
    v, c, eq = liquidar(_quadro(livros, 0), _quadro(livros, 1))
    saida: list[tuple] = [({}, {}, 0, None, None) for _ in livros]
    for p, q, pc, pv in eq.select("_p", "Q", "preco_c", "preco_v").iter_rows():
        saida[p] = ({}, {}, q, pc, pv)
    for p, b, n in v.select("_p", "lance", "atendidos").iter_rows():
        saida[p][0][b] = n
    for p, b, n in c.select("_p", "lance", "atendidos").iter_rows():
        saida[p][1][b] = n
    return saida


def _mantissa(col: str, escala_: int) -> pl.Expr:
    return pl.col(col).cast(pl.Decimal(38, escala_)).to_physical()


def liquidar_tabelas(vendas: pl.DataFrame, compras: pl.DataFrame, produtos: pl.DataFrame
                     ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Clear a book given as the engine's tables (LANCE_VENDA, LANCE_COMPRA, PRODUTOS_LEILAO, normalized):
    lots = QUANTIDADE / LOTE exactly (integer mantissas at a common scale; a quantity that is not a whole
    number of lots is an error), then :func:`liquidar`. Returns the bids with ``atendidos`` (lots) and the
    products' equilibrium (``produto``, ``Q`` in lots, marginal prices)."""
    from .esquema import ErroMecanismo

    mapa = produtos.select("produto", pl.int_range(pl.len(), dtype=pl.Int64).alias("_p"), "LOTE")
    saida = []
    for df, col_id, nome in ((vendas, "lance_venda", "LANCE_VENDA"), (compras, "lance_compra", "LANCE_COMPRA")):
        s = max(df.schema["QUANTIDADE"].scale or 0, produtos.schema["LOTE"].scale or 0)
        x = df.join(mapa, on="produto", how="left").with_columns(
            _mantissa("QUANTIDADE", s).alias("_q"), _mantissa("LOTE", s).alias("_l"))
        ruins = x.filter((pl.col("_q") % pl.col("_l") != 0) | (pl.col("_q") <= 0))
        if ruins.height:
            raise ErroMecanismo(nome, f"lance {ruins[col_id][0]!r}: quantidade não é múltiplo positivo do lote")
        saida.append(x.select("_p", pl.col(col_id).alias("lance"), "PRECO",
                              (pl.col("_q") // pl.col("_l")).cast(pl.Int64).alias("lotes")))
    v, c, eq = liquidar(saida[0], saida[1])
    eq = eq.join(mapa.select("_p", "produto"), on="_p", how="left")
    return v, c, eq
