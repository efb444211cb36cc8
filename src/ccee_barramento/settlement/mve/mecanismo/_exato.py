"""Exact decimal operations of the vectorized mechanism on polars columns (the twins of ``_base.produto`` /
``_base.quociente``), on top of the shared policy of ``settlement.exact``:

* sums and differences: exact (polars keeps the larger scale; :func:`concatenar` unifies scales first);
* :func:`produto`: ``a × b`` exact when the column scales add up to at most ``cap`` (20, DECISÃO E1 of the
  MVE settlement; ``exact.multiplicar``), else rounded once, half-to-even, to ``cap`` places — the same number
  as the reference, which rounds only when the exact product has more than ``cap`` places (rounding an exact
  value that already fits ``cap`` places to ``cap`` places changes nothing);
* :func:`quociente`: rounded once, half-to-even, to the division scale (``exact.dividir``), optionally only
  where a condition holds (a zero denominator is the caller's decision, as in the reference);
* :func:`piso`: ⌊a / b⌋ of two decimals as an integer (the admission in whole lots; integer mantissas at a
  common scale, floor division of Int128).

The helpers read the operands' scales from the frame they are applied to (``df``), so every step is a
``with_columns`` on a frame whose schema carries the scales.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import polars as pl

from ...exact import concatenar, dividir, escala, literal, multiplicar, tipo_decimal

Frame = pl.DataFrame


def esc(df: Frame, coluna: str) -> int:
    return escala(df.schema[coluna])


def dec(valor: Decimal | int | str, escala_: int | None = None) -> pl.Expr:
    return literal(Decimal(valor) if not isinstance(valor, Decimal) else valor, escala_)


def produto(df: Frame, a: str, b: str, cap: int) -> pl.Expr:
    """``a × b`` (column names of ``df``): exact when sa + sb ≤ cap, else rounded once, half-to-even, to cap."""
    sa, sb = esc(df, a), esc(df, b)
    if sa + sb <= cap:
        return multiplicar(a, sa, b, sb)
    if max(sa, sb) > cap:  # pragma: no cover - inputs have at most escala_max_entrada (18) places
        raise AssertionError(f"escala de operando acima de {cap}")
    # polars multiplies two decimals at the larger of their scales, rounding the exact product once
    # (half-to-even): bringing the smaller-scale operand up to cap (exact) gives the product at cap places
    if sa <= sb:
        return pl.col(a).cast(tipo_decimal(cap)) * pl.col(b)
    return pl.col(a) * pl.col(b).cast(tipo_decimal(cap))


def quociente(df: Frame, num: str, den: str, q: int, quando: pl.Expr | None = None) -> pl.Expr:
    """``num / den`` rounded once to ``q`` places; with ``quando``, only there (null elsewhere) — the
    denominator must be non-zero where it is evaluated."""
    sn, sd = esc(df, num), esc(df, den)
    if quando is None:
        return dividir(num, sn, den, sd, q)
    seguro = pl.when(quando).then(pl.col(den)).otherwise(dec(1, sd))
    return pl.when(quando).then(dividir(num, sn, seguro, sd, q))


def piso(df: Frame, a: str, b: str) -> pl.Expr:
    """⌊a / b⌋ as Int128 (b > 0 where it matters; the caller guards b == 0)."""
    s = max(esc(df, a), esc(df, b))
    ma = pl.col(a).cast(tipo_decimal(s)).to_physical()
    mb = pl.col(b).cast(tipo_decimal(s)).to_physical()
    return ma // pl.when(mb == 0).then(pl.lit(1, dtype=pl.Int128)).otherwise(mb)


def inteiro(coluna: str) -> pl.Expr:
    """An integer column (lots) as an exact decimal of scale 0."""
    return pl.col(coluna).cast(tipo_decimal(0))


def menor(*colunas: str | pl.Expr) -> pl.Expr:
    """min (Python's ``min`` on Decimals: the same number; polars gives the larger scale, exact)."""
    return pl.min_horizontal(*colunas)


def maior_que_zero(coluna: str | pl.Expr) -> pl.Expr:
    """max(0, x) (cmds 8, 13, 19)."""
    e = pl.col(coluna) if isinstance(coluna, str) else coluna
    return pl.max_horizontal(dec(0, 0), e)


def vazio(colunas: dict[str, pl.DataType]) -> Frame:
    return pl.DataFrame(schema=colunas)


def juntar(dfs: Iterable[Frame]) -> Frame:
    """Concatenate frames with the same columns (Decimal scales unified first, exact)."""
    dfs = list(dfs)
    lista = [d for d in dfs if d.height]
    if not lista:
        return dfs[0] if dfs else pl.DataFrame()
    return concatenar(lista) if len(lista) > 1 else lista[0]


__all__ = ["dec", "esc", "inteiro", "juntar", "maior_que_zero", "menor", "piso", "produto", "quociente", "vazio"]
