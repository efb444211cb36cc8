"""What the result classes of the settlement modules share: rounded tables, lookup, lineage, files, values."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar, Iterator, Mapping

import polars as pl

from ..errors import InputError
from .lineage import Registro, valor_de
from .tables import Esquema, arredondar, escrever_diretorio, escrever_tabela


class ResultadoBase:
    """Mixin of a module's result dataclass (fields ``exatas``, ``configuracao``, ``meses``, ``_tabelas``).

    Subclasses set ``_SAIDAS`` (output name → schema), ``_REGISTRO`` (the lineage registry) and ``_MODULO``
    (the module in error messages, e.g. ``"do MVE"``).
    """

    _SAIDAS: ClassVar[Esquema]
    _REGISTRO: ClassVar[Registro]
    _MODULO: ClassVar[str]

    exatas: dict[str, pl.DataFrame]
    configuracao: Any
    meses: list[str]
    _tabelas: dict[str, pl.DataFrame] | None

    # -- tables
    @property
    def tabelas(self) -> dict[str, pl.DataFrame]:
        if self._tabelas is None:
            arr = self.configuracao.arredondamento
            nomes = list(self.exatas)
            consultas = [arredondar(self.exatas[n].lazy(), self._SAIDAS[n], arr) for n in nomes]
            self._tabelas = dict(zip(nomes, pl.collect_all(consultas)))  # the tables in parallel
        return self._tabelas

    def __getitem__(self, nome: str) -> pl.DataFrame:
        try:
            return self.tabelas[nome]
        except KeyError:
            raise InputError("tabela", f"{nome!r} não é saída {self._MODULO}; saídas: {list(self._SAIDAS)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.tabelas)

    def linhagem(self) -> pl.DataFrame:
        """One row per command: number, title, output variable, equation, inputs, note."""
        return self._REGISTRO.tabela()

    def salvar(self, diretorio: str | Path, formato: str = "csv", *, linhagem: bool = True) -> list[Path]:
        """Write every output table as ``NOME.csv``/``NOME.parquet`` (plus ``LINHAGEM``)."""
        caminhos = escrever_diretorio(self.tabelas, diretorio, formato)
        if linhagem:
            caminho = Path(diretorio) / f"LINHAGEM.{formato}"
            escrever_tabela(self.linhagem(), caminho)
            caminhos.append(caminho)
        return caminhos

    # -- single values
    def _tabela_de(self, variavel: str) -> str:
        """The output table holding ``variavel`` (by default its own)."""
        return variavel

    def valor(self, variavel: str, chave: Mapping[str, str]) -> Decimal | None:
        """The (rounded) output value of ``variavel`` at ``chave``; None if there is no such row."""
        return valor_de(self.tabelas[self._tabela_de(variavel)], variavel, chave)

    def valor_exato(self, variavel: str, chave: Mapping[str, str]) -> Decimal | None:
        return valor_de(self.exatas[self._tabela_de(variavel)], variavel, chave)

    # -- explanations
    def _mes_padrao(self, mes: str | None) -> str:
        if mes is not None:
            return mes
        if len(self.meses) == 1:
            return self.meses[0]
        raise InputError("mes", f"informe o mês (calculados: {self.meses[0]}..{self.meses[-1]})")


__all__ = ["ResultadoBase"]
