"""Exact decimal operations of the MVE engine on polars columns (and their ``decimal`` twins).

* sums and differences: exact (polars keeps the larger scale);
* products (:func:`produto`): exact when the scale of the exact product (s1 + s2) is at most
  ``escala_produto`` (20); otherwise rounded once, half-to-even, to ``escala_produto`` places (DECISÃO E1:
  a money value times a factor, a factor times a factor — the reference rounds those at its 34th
  significant digit instead);
* quotients (:func:`quociente`): rounded once, half-to-even, to the division scale (16), through
  ``exact.dividir``; a zero denominator is guarded by the caller's condition.

The derivadores of the explanations recompute every row with :func:`produto_decimal` and
``exact.dividir_decimal``, which give the same numbers digit for digit.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Iterable, Sequence

import polars as pl

from ..exact import CONTEXTO, CONTEXTO_QUANTIZE, concatenar, dividir, escala, literal, multiplicar, tipo_decimal, zero


def esc(df: pl.DataFrame, coluna: str) -> int:
    return escala(df.schema[coluna])


def produto(a: str | pl.Expr, sa: int, b: str | pl.Expr, sb: int, cap: int) -> pl.Expr:
    """``a × b``: exact (scale sa + sb) when sa + sb ≤ cap, else rounded once, half-to-even, to cap places.

    polars 2.1 multiplies two decimals at the larger of their scales, rounding the exact product once
    (half-to-even) — so bringing one operand to ``cap`` (an exact cast up) gives the product at ``cap``
    places with one rounding (the tests check it against :func:`produto_decimal`).
    """
    ea = pl.col(a) if isinstance(a, str) else a
    eb = pl.col(b) if isinstance(b, str) else b
    if sa + sb <= cap:
        return multiplicar(ea, sa, eb, sb)
    if max(sa, sb) > cap:  # pragma: no cover - inputs have at most escala_max_entrada (18) places
        raise AssertionError(f"escala de operando acima de {cap}")
    if sa <= sb:
        return ea.cast(tipo_decimal(cap)) * eb
    return ea * eb.cast(tipo_decimal(cap))


def escala_produto(sa: int, sb: int, cap: int) -> int:
    return sa + sb if sa + sb <= cap else cap


def produto_decimal(a: Decimal, b: Decimal, cap: int) -> Decimal:
    """The decimal twin of :func:`produto` (values carry their column's scale)."""
    p = CONTEXTO.multiply(a, b)
    if -int(p.as_tuple().exponent) > cap:  # type: ignore[operator]
        return p.quantize(Decimal(1).scaleb(-cap), rounding=ROUND_HALF_EVEN, context=CONTEXTO_QUANTIZE)
    return p


def quociente(num: str | pl.Expr, sn: int, den: str | pl.Expr, sd: int, q: int, quando: pl.Expr | None = None,
              senao: object = 0) -> pl.Expr:
    """``num / den`` rounded once to ``q`` places where ``quando`` holds (the denominator must be ≠ 0 there);
    ``senao`` (0) elsewhere. Without ``quando`` the denominator must never be 0."""
    ed = pl.col(den) if isinstance(den, str) else den
    if quando is None:
        return dividir(num, sn, ed, sd, q)
    seguro = pl.when(quando).then(ed).otherwise(literal(1, sd))
    return pl.when(quando).then(dividir(num, sn, seguro, sd, q)).otherwise(literal(Decimal(senao), q))  # type: ignore[arg-type]


def dec(valor: Decimal | int, escala_: int | None = None) -> pl.Expr:
    """An exact literal."""
    return literal(Decimal(valor) if isinstance(valor, int) else valor, escala_)


def _bases(dfs: Sequence[pl.DataFrame], chaves: list[str]) -> list[int] | None:
    """For each key column, 1 + its largest code over ``dfs`` (codes are ≥ 0); None if the packed key would
    not fit 62 bits."""
    bases = []
    for c in chaves:
        maximo = max((int(v) for df in dfs if df.height and (v := df[c].max()) is not None), default=0)
        bases.append(maximo + 1)
    total = 1
    for b in bases:
        total *= b
    return bases if total < (1 << 62) else None


def empacotar(chaves: list[str], bases: list[int]) -> pl.Expr:
    """Several code columns packed in one Int64 (mixed radix): sorting it sorts by (c1, c2, ...)."""
    e = pl.col(chaves[0]).cast(pl.Int64)
    for c, b in zip(chaves[1:], bases[1:]):
        e = e * b + pl.col(c)
    return e.alias("_k")


def desempacotar(chaves: list[str], bases: list[int]) -> list[pl.Expr]:
    saida = []
    divisor = 1
    for c, b in reversed(list(zip(chaves, bases))):
        saida.append(((pl.col("_k") // divisor) % b if c != chaves[0] else pl.col("_k") // divisor).alias(c))
        divisor *= b
    return list(reversed(saida))


def agrupar(df: pl.DataFrame, chaves: list[str], aggs: list[pl.Expr], outros: Sequence[pl.DataFrame] = ()) -> pl.DataFrame:
    """``df.group_by(chaves).agg(aggs)`` sorted by the keys; several integer keys are packed into one Int64
    first (one hash and one integer sort instead of a multi-column one)."""
    if len(chaves) == 1 or df.height == 0:
        return df.group_by(chaves).agg(aggs).sort(chaves)
    bases = _bases([df, *outros], chaves)
    if bases is None:  # pragma: no cover - more than 2**62 cells
        return df.group_by(chaves).agg(aggs).sort(chaves)
    g = df.with_columns(empacotar(chaves, bases)).group_by("_k").agg(aggs).sort("_k")
    return g.with_columns(desempacotar(chaves, bases)).select(*chaves, pl.exclude([*chaves, "_k"]))


def somar_uniao(partes: Sequence[tuple[pl.DataFrame, str]], chaves: list[str], nome: str) -> pl.DataFrame:
    """Union of the keys of ``partes`` (frame, value column), with the sum of their values (exact), sorted."""
    frames = [df.select(*chaves, pl.col(col).alias(nome)) for df, col in partes if df.height]
    if not frames:
        escala_ = max([0] + [esc(df, col) for df, col in partes])
        return pl.DataFrame(schema={**{c: pl.Int64 for c in chaves}, nome: tipo_decimal(escala_)})
    junto = concatenar(frames) if len(frames) > 1 else frames[0]
    return agrupar(junto, chaves, [pl.col(nome).sum()])


def somar_por(df: pl.DataFrame, chaves: list[str], valor: str, nome: str | None = None) -> pl.DataFrame:
    """``Σ valor`` per key, sorted by key."""
    return agrupar(df, chaves, [pl.col(valor).sum().alias(nome or valor)])


def colunas_por_tipo(partes: Iterable[tuple[pl.DataFrame, str, str]], chave: str | list[str]) -> pl.DataFrame:
    """Several (frame, value column, output name) on one key, full outer: one row per key, each output
    column the sum of its part (0 where the part has no row). Scales are unified per output column."""
    chaves = [chave] if isinstance(chave, str) else list(chave)
    partes = [(df.select(*chaves, pl.col(col).alias("_v")), nome) for df, col, nome in partes]
    nomes = [n for _, n in partes]
    escalas = {n: esc(df, "_v") for df, n in partes}
    s = max(escalas.values()) if escalas else 0
    frames = [df.with_columns(pl.lit(i, dtype=pl.Int8).alias("_k")) for i, (df, _) in enumerate(partes)]
    if not any(f.height for f in frames):
        return pl.DataFrame(schema={**{c: pl.Int64 for c in chaves}, **{n: tipo_decimal(escalas[n]) for n in nomes}})
    junto = pl.concat([f.with_columns(pl.col("_v").cast(tipo_decimal(s))) for f in frames if f.height])
    return agrupar(junto.rename({"_k": "_tipo"}), chaves, [
        pl.col("_v").filter(pl.col("_tipo") == i).sum().cast(tipo_decimal(escalas[n])).alias(n)
        for i, n in enumerate(nomes)])


def vazio(chaves: dict[str, pl.DataType], nome: str, escala_: int = 0) -> pl.DataFrame:
    return pl.DataFrame(schema={**chaves, nome: tipo_decimal(escala_)})


__all__ = ["colunas_por_tipo", "dec", "esc", "escala_produto", "produto", "produto_decimal", "quociente",
           "somar_por", "somar_uniao", "vazio", "zero"]
