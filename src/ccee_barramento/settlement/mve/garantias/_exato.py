"""Exact arithmetic of the guarantees, on polars columns and on ``decimal.Decimal`` (the same numbers).

* sums, differences, min, max: exact;
* products (:func:`produto` / :func:`produto_decimal`): exact when the exact scale (s1 + s2) is at most
  ``cap`` (``Configuracao.escala_produto``, 20); otherwise rounded once, half-to-even, to ``cap`` places
  (DECISÃO G2, the MVE engine's rule E1);
* quotients (:func:`quociente` / ``exact.dividir_decimal``): rounded once, half-to-even, to the division
  scale (16); a zero denominator gives 0 (DECISÃO G1) — the guard is applied before dividing.

Rounding to ``cap`` places is idempotent on a value with at most ``cap`` decimals, so the column-scale
decision of polars and the per-value decision of :mod:`decimal` give the same numbers digit for digit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

import polars as pl

from ...exact import (
    CONTEXTO,
    CONTEXTO_QUANTIZE,
    ZERO,
    dividir,
    dividir_decimal,
    escala,
    literal,
    multiplicar,
    tipo_decimal,
)


def esc(df: pl.DataFrame, coluna: str) -> int:
    """The scale of a Decimal column."""
    return escala(df.schema[coluna])


def produto(a: str | pl.Expr, sa: int, b: str | pl.Expr, sb: int, cap: int) -> pl.Expr:
    """``a × b`` exact (scale sa + sb) when sa + sb ≤ cap, else rounded once, half-to-even, to cap places.

    polars 2.1 multiplies two decimals at the larger of their scales, rounding the exact product once;
    casting the lower-scale operand up to ``cap`` (exact) gives the product at ``cap`` places.
    """
    ea = pl.col(a) if isinstance(a, str) else a
    eb = pl.col(b) if isinstance(b, str) else b
    if sa + sb <= cap:
        return multiplicar(ea, sa, eb, sb)
    if max(sa, sb) > cap:  # pragma: no cover - inputs have at most escala_max_entrada (≤ cap) places
        raise AssertionError(f"escala de operando acima de {cap}")
    if sa <= sb:
        return ea.cast(tipo_decimal(cap)) * eb
    return ea * eb.cast(tipo_decimal(cap))


def escala_produto(sa: int, sb: int, cap: int) -> int:
    return sa + sb if sa + sb <= cap else cap


def mult(df: pl.DataFrame, a: str, b: str, nome: str, cap: int) -> pl.DataFrame:
    """``df`` plus ``nome = a × b`` (scales read from the frame)."""
    return df.with_columns(produto(a, esc(df, a), b, esc(df, b), cap).alias(nome))


def quociente(df: pl.DataFrame, num: str, den: str, nome: str, q: int) -> pl.DataFrame:
    """``df`` plus ``nome = num / den`` rounded once to ``q`` places; 0 where ``den`` is 0 (DECISÃO G1)."""
    sn, sd = esc(df, num), esc(df, den)
    nao_zero = pl.col(den) != 0
    seguro = pl.when(nao_zero).then(pl.col(den)).otherwise(literal(1, sd))
    expr = pl.when(nao_zero).then(dividir(num, sn, seguro, sd, q)).otherwise(literal(ZERO, q))
    return df.with_columns(expr.cast(tipo_decimal(q)).alias(nome))


def zeros(df: pl.DataFrame, colunas: Sequence[str]) -> pl.DataFrame:
    """Nulls of Decimal columns (from left joins) become 0 at the column's scale."""
    return df.with_columns([pl.col(c).fill_null(literal(ZERO, esc(df, c))) for c in colunas if c in df.columns])


# ----------------------------------------------------------------------------------------------------
# The decimal twins (reference implementation and explanations)
# ----------------------------------------------------------------------------------------------------


def produto_decimal(a: Decimal, b: Decimal, cap: int) -> Decimal:
    """The twin of :func:`produto`: the exact product, rounded half-to-even to ``cap`` places if it has more."""
    p = CONTEXTO.multiply(a, b)
    if -int(p.as_tuple().exponent) > cap:  # type: ignore[operator]
        return p.quantize(Decimal(1).scaleb(-cap), context=CONTEXTO_QUANTIZE)
    return p


def quociente_decimal(num: Decimal, den: Decimal, q: int) -> Decimal:
    """The twin of :func:`quociente`: 0 when ``den`` is 0 (DECISÃO G1)."""
    return ZERO if den == 0 else dividir_decimal(num, den, q)


def soma(valores) -> Decimal:
    """Exact sum."""
    total = ZERO
    for v in valores:
        total = CONTEXTO.add(total, v)
    return total


__all__ = ["esc", "escala_produto", "mult", "produto", "produto_decimal", "quociente", "quociente_decimal", "soma",
           "zeros"]
