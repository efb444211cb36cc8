"""Dictionary encoding of index columns: text keys ↔ dense integer codes.

The engine joins and groups on integers, not text: each index dimension (``perfil``, ``agente``...) is
encoded once per run by a :class:`Dicionario` — its distinct values sorted, the code of a value being its
position — so codes sort like the text and decoding is a gather (O(n), no hashing). A month is encoded
as its offset ``j`` from a base month (:class:`Meses`), and a (row, month) pair as one Int64 key
``j·n + code``: sorting that key orders the rows by month, then by index text, and with dense codes a
table can be placed on its grid by :func:`denso` (a scatter) instead of joined. See
``docs/settlement.md`` ("Engine").
"""

from __future__ import annotations

from typing import Iterable

import polars as pl

from .runner import int_para_mes
from .tables import MES

CODIGO = pl.Int64


class Dicionario:
    """Sorted distinct values of one index dimension; code = position."""

    def __init__(self, nome: str, valores: Iterable[pl.Series]) -> None:
        self.nome = nome
        series = [s.cast(pl.String) for s in valores if s.len()]
        todos = pl.concat(series) if series else pl.Series(nome, [], dtype=pl.String)
        self.valores: pl.Series = todos.unique().sort().rename(nome)
        self.n = self.valores.len()
        self.frame = pl.DataFrame({nome: self.valores, f"_{nome}_cod": pl.int_range(0, self.n, eager=True, dtype=CODIGO)})

    @property
    def coluna_codigo(self) -> str:
        return f"_{self.nome}_cod"

    def codificar(self, df: pl.DataFrame | pl.LazyFrame, coluna: str | None = None,
                  alias: str | None = None) -> pl.DataFrame | pl.LazyFrame:
        """``df`` plus the code of ``coluna`` (null when the value is not in the dictionary)."""
        coluna = coluna or self.nome
        alvo = self.frame.lazy() if isinstance(df, pl.LazyFrame) else self.frame
        saida = df.join(alvo, left_on=coluna, right_on=self.nome, how="left")  # type: ignore[arg-type]
        return saida.rename({self.coluna_codigo: alias}) if alias else saida

    def decodificar(self, codigos: pl.Series) -> pl.Series:
        return self.valores.gather(codigos)


class Meses:
    """Months of a run as offsets ``j = contador(mes) − base``."""

    def __init__(self, primeiro: int, ultimo: int) -> None:
        self.base = primeiro
        self.n = ultimo - primeiro + 1
        self.textos = pl.Series(MES, [int_para_mes(primeiro + j) for j in range(self.n)], dtype=pl.String)

    def decodificar(self, j: pl.Series) -> pl.Series:
        return self.textos.gather(j)


def nulos(n: int, dtype: pl.DataType, nome: str = "") -> pl.Series:
    """A Series of ``n`` nulls."""
    return pl.repeat(None, n, dtype=dtype, eager=True).rename(nome)


def denso(n: int, indices: pl.Series, valores: pl.Series, padrao: object = None) -> pl.Series:
    """A Series of length ``n`` holding ``valores`` at ``indices`` (``padrao`` — null by default — elsewhere).

    With dense codes (``chave``) this places a table on its grid without hashing: O(n + rows).
    Indices must be unique (check with :func:`repetidos`).
    """
    dtype = valores.dtype
    base = nulos(n, dtype, valores.name) if padrao is None else pl.repeat(padrao, n, dtype=dtype, eager=True).rename(valores.name)
    if indices.len():
        base.scatter(indices, valores)
    return base


def repetidos(indices: pl.Series, n: int | None = None) -> pl.Series:
    """The indices that appear more than once (empty if none).

    With the grid size ``n``: scatter each row's position to its cell and read it back — a row whose
    cell holds another position was overwritten by a repeat (O(n + rows), no sort). Without: sort.
    """
    if indices.len() < 2:
        return indices.clear()
    if n is not None:
        posicao = pl.int_range(0, indices.len(), dtype=CODIGO, eager=True)
        celulas = pl.repeat(-1, n, dtype=CODIGO, eager=True)
        celulas.scatter(indices, posicao)
        sobrescritas = celulas.gather(indices) != posicao
        return indices.filter(sobrescritas).unique() if sobrescritas.any() else indices.clear()
    ordenados = indices if indices.is_sorted() else indices.sort()
    iguais = ordenados.slice(1) == ordenados.slice(0, ordenados.len() - 1)
    if not iguais.any():
        return ordenados.clear()
    return ordenados.slice(1).filter(iguais).unique()
