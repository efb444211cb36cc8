"""Month-range runner: runs a module's step over the months in order, carrying state between steps.

A module provides a *step*::

    def passo(bloco: Bloco, estado: E | None) -> tuple[dict[str, pl.DataFrame], E]

``bloco`` is a run of consecutive months of the range (in ascending order) with the input rows of those
months (:meth:`Bloco.tabela`) and every input whole (:meth:`Bloco.tabela_completa`, for rules that read
``X[m-1]`` or the latest row ≤ m). The step returns the block's output tables (with a ``mes`` column)
and the state the next block needs. :func:`executar_meses` calls the step block after block, in month
order, carrying ``estado``, and concatenates each output across blocks (Decimal scales unified, exact).

``meses_por_bloco=1`` gives the classic month-by-month loop. A module whose only month-to-month state is
lagged inputs (Liquidação: command 8 reads V_INAD[α,m-1], an input) can take the whole range as one
block (``None``) and compute it vectorized; its tests check that both give the same tables. A block
reads its months' rows with one filter per table, so the cost stays linear in rows for blocks of many
months; month-by-month runs over long ranges are O(rows × blocks) — use them for checks, not bulk.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Generic, Iterable, Mapping, TypeVar

import polars as pl

from ..errors import InputError
from .exact import concatenar
from .tables import MES, Esquema

E = TypeVar("E")

_RE_MES = re.compile(r"^(\d{4})-(\d{2})$")


def mes_para_int(mes: str) -> int:
    """``"2026-03"`` → a month counter (``2026*12 + 2``)."""
    m = _RE_MES.match(mes.strip()) if isinstance(mes, str) else None
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError("mes", f"mês inválido {mes!r} (use AAAA-MM)")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def int_para_mes(i: int) -> str:
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def mes_anterior(mes: str) -> str:
    return int_para_mes(mes_para_int(mes) - 1)


def intervalo_meses(texto: str) -> list[str]:
    """``"2026-01..2026-03"`` → the three months; ``"2026-02"`` → one; ``"2026-01,2026-03"`` → a list."""
    texto = texto.strip()
    if ".." in texto:
        a, b = (p.strip() for p in texto.split("..", 1))
        ia, ib = mes_para_int(a), mes_para_int(b)
        if ib < ia:
            raise InputError("meses", f"intervalo invertido {texto!r} (use INICIO..FIM)")
        return [int_para_mes(i) for i in range(ia, ib + 1)]
    meses = [int_para_mes(mes_para_int(p)) for p in texto.split(",") if p.strip()]
    if not meses:
        raise InputError("meses", "nenhum mês informado")
    return sorted(set(meses), key=mes_para_int)


def meses_da_tabela(df: pl.DataFrame) -> list[str]:
    """The months present in a monthly table, ascending."""
    if MES not in df.columns or df.height == 0:
        return []
    return sorted(df[MES].unique().to_list(), key=mes_para_int)


def mes_vigente(meses_da_tabela_: list[str], mes: str) -> str | None:
    """For a table in force until replaced (``vigencia="ate"``): its latest month ≤ ``mes``."""
    contadores = [mes_para_int(m) for m in meses_da_tabela_]
    i = bisect.bisect_right(contadores, mes_para_int(mes))
    return meses_da_tabela_[i - 1] if i else None


class Particoes:
    """The inputs of a run, with per-month access; a table is split by month only when asked to."""

    def __init__(self, tabelas: Mapping[str, pl.DataFrame], esquema: Esquema) -> None:
        self.esquema = esquema
        self.tabelas = {n: (tabelas[n] if n in tabelas else s.vazia()) for n, s in esquema.items()}
        self._por_mes: dict[str, dict[str, pl.DataFrame]] = {}
        self._meses: dict[str, list[str]] = {}

    def _partes(self, nome: str) -> dict[str, pl.DataFrame]:
        if nome not in self._por_mes:
            df = self.tabelas[nome]
            self._por_mes[nome] = {k[0]: p for k, p in df.partition_by(MES, as_dict=True).items()}  # type: ignore[misc]
        return self._por_mes[nome]

    def meses(self, nome: str) -> list[str]:
        """The months present in a monthly table, ascending."""
        if nome not in self._meses:
            self._meses[nome] = meses_da_tabela(self.tabelas[nome])
        return self._meses[nome]

    def tem_mes(self, nome: str, mes: str) -> bool:
        return mes in self.meses(nome)

    def dos_meses(self, nome: str, meses: list[str]) -> pl.DataFrame:
        """Rows of ``nome`` whose month is in ``meses`` (static tables: all rows)."""
        spec = self.esquema[nome]
        df = self.tabelas[nome]
        if not spec.mensal or set(self.meses(nome)) <= set(meses):
            return df
        return df.filter(pl.col(MES).is_in(meses))

    def com_indice(self, nome: str, indices: Mapping[str, int], coluna: str = "j") -> pl.DataFrame:
        """Rows of ``nome`` whose month is a key of ``indices``, plus ``coluna`` = that month's index
        (Int64; one pass, no text parsing)."""
        df = self.dos_meses(nome, list(indices))
        return df.with_columns(pl.col(MES).replace_strict(dict(indices), return_dtype=pl.Int64).alias(coluna))

    def do_mes(self, nome: str, mes: str) -> pl.DataFrame:
        """Rows in force in ``mes`` (by the table's ``vigencia``)."""
        spec = self.esquema[nome]
        if not spec.mensal:
            return self.tabelas[nome]
        if spec.vigencia == "ate":
            vigente = mes_vigente(self.meses(nome), mes)
            return self._partes(nome)[vigente] if vigente else spec.vazia()
        return self._partes(nome).get(mes, spec.vazia()) if self.tem_mes(nome, mes) else spec.vazia()

    def mes_vigente(self, nome: str, mes: str) -> str | None:
        return mes_vigente(self.meses(nome), mes)


@dataclass
class Bloco:
    """A run of consecutive months of the range, given to a module's step."""

    meses: list[str]
    particoes: Particoes

    def tabela(self, nome: str) -> pl.DataFrame:
        """The rows of the block's months (static tables: all rows)."""
        return self.particoes.dos_meses(nome, self.meses)

    def tabela_completa(self, nome: str) -> pl.DataFrame:
        return self.particoes.tabelas[nome]


@dataclass
class Execucao(Generic[E]):
    """Outputs of a month range (each table concatenated across blocks) and the final state."""

    saidas: dict[str, pl.DataFrame]
    estado: E | None
    meses: list[str] = field(default_factory=list)


def blocos(meses: Iterable[str], meses_por_bloco: int | None) -> list[list[str]]:
    """The months in ascending order, cut into blocks of consecutive months (a gap starts a new block)."""
    ordem = sorted({int_para_mes(mes_para_int(m)) for m in meses}, key=mes_para_int)
    if not ordem:
        raise InputError("meses", "nenhum mês a calcular")
    if meses_por_bloco is not None and meses_por_bloco < 1:
        raise InputError("meses_por_bloco", "use um inteiro ≥ 1 ou None")
    saida: list[list[str]] = []
    for m in ordem:
        atual = saida[-1] if saida else None
        if (atual is None or mes_para_int(m) != mes_para_int(atual[-1]) + 1
                or (meses_por_bloco is not None and len(atual) >= meses_por_bloco)):
            saida.append([m])
        else:
            atual.append(m)
    return saida


def executar_meses(
    passo: Callable[[Bloco, E | None], tuple[dict[str, pl.DataFrame], E]],
    tabelas: Mapping[str, pl.DataFrame],
    esquema: Esquema,
    meses: Iterable[str],
    estado: E | None = None,
    meses_por_bloco: int | None = None,
) -> Execucao[E]:
    """Run ``passo`` block after block in ascending month order, carrying ``estado`` between blocks."""
    particoes = Particoes(tabelas, esquema)
    por_tabela: dict[str, list[pl.DataFrame]] = {}
    todos: list[str] = []
    for bloco in blocos(meses, meses_por_bloco):
        saidas, estado = passo(Bloco(bloco, particoes), estado)
        todos.extend(bloco)
        for nome, df in saidas.items():
            por_tabela.setdefault(nome, []).append(df)
    return Execucao({n: concatenar(dfs) for n, dfs in por_tabela.items()}, estado, todos)
