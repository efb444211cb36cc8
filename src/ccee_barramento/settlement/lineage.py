"""Lineage: which command produced each output, by which equation, from which inputs — and, for one
row, the re-derivation with the input values.

A module registers one :class:`Comando` per numbered command of its seed (text-only commands too, so
an auditor finds every number) in a :class:`Registro`, and, for each computed variable, a *derivador*:
a function that, given the run's exact tables and one row's key, gathers the input values
(:class:`Termo`) and recomputes the value with :mod:`decimal` independently of the vectorized engine.
:meth:`Registro.explicar` returns an :class:`Explicacao` whose text shows the command number, the
equation, each input value and whether the recomputation matches the engine's value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Mapping, Sequence

import polars as pl

from ..errors import InputError

#: How many terms of a long sum an explanation lists (all of them are used in the recomputation).
MAX_TERMOS_LISTADOS = 12


@dataclass(frozen=True)
class Comando:
    """One numbered command of a seed."""

    modulo: str  # "Liquidação"
    numero: str  # "2", "9.1"
    titulo: str
    variavel: str | None = None  # the output variable, None for text-only commands
    equacao: str = ""
    entradas: tuple[str, ...] = ()
    indices: tuple[str, ...] = ()
    texto: str = ""  # the rule, for text-only commands; or a note on how the engine reads it

    @property
    def rotulo(self) -> str:
        return f"{self.modulo} cmd {self.numero}"


@dataclass(frozen=True)
class Termo:
    """One input value used to compute a row."""

    nome: str
    chave: Mapping[str, str]
    valor: Decimal
    origem: str = "entrada"  # "entrada", "cmd N", "ausente = 0", "Σ de n linhas"...

    def rotulo(self) -> str:
        idx = ", ".join(f"{k}={v}" for k, v in self.chave.items())
        return f"{self.nome}[{idx}]"


@dataclass
class Explicacao:
    """The re-derivation of one output row."""

    comando: Comando
    chave: dict[str, str]
    valor: Decimal | None  # the engine's exact value
    valor_saida: Decimal | None  # the value in the output table (rounded)
    termos: list[Termo]
    recalculado: Decimal
    substituicao: str = ""
    notas: list[str] = field(default_factory=list)
    omitidos: int = 0

    @property
    def variavel(self) -> str:
        return self.comando.variavel or ""

    @property
    def confere(self) -> bool:
        return self.valor is not None and self.valor == self.recalculado

    def texto(self) -> str:
        idx = ", ".join(f"{k}={v}" for k, v in self.chave.items())
        linhas = [f"{self.variavel}[{idx}] = {_fmt(self.valor_saida)}    ({self.comando.rotulo}: {self.comando.titulo})"]
        linhas.append(f"  equação:  {self.comando.equacao}")
        if self.substituicao:
            linhas.append(f"  valores:  {self.substituicao}")
        for termo in self.termos:
            linhas.append(f"    {termo.rotulo()} = {_fmt(termo.valor)}    [{termo.origem}]")
        if self.omitidos:
            linhas.append(f"    ... e mais {self.omitidos} termo(s), usados no recálculo")
        for nota in self.notas:
            linhas.append(f"  nota: {nota}")
        marca = "confere" if self.confere else "NÃO CONFERE"
        linhas.append(f"  valor exato: {_fmt(self.valor)}; recalculado com decimal.Decimal: {_fmt(self.recalculado)} ({marca})")
        return "\n".join(linhas)

    def __str__(self) -> str:
        return self.texto()


def fmt(valor: Decimal | None) -> str:
    """A decimal for reading: exact digits, trailing zeros past the 2nd decimal place dropped
    (``-67500.000000000000000000`` → ``-67500.00``; ``0.6511627906976744`` unchanged)."""
    if valor is None:
        return "—"
    texto = format(valor, "f")
    if "." in texto:
        inteiro, frac = texto.split(".")
        frac = frac.rstrip("0")
        texto = f"{inteiro}.{frac.ljust(2, '0')}"
    return texto


_fmt = fmt


Derivador = Callable[[Any, dict[str, str]], Explicacao]


class Registro:
    """The commands of one module and the derivadores of its variables."""

    def __init__(self, modulo: str) -> None:
        self.modulo = modulo
        self.comandos: dict[str, Comando] = {}
        self._derivadores: dict[str, Derivador] = {}

    def comando(self, numero: str, titulo: str, **kw: Any) -> Comando:
        cmd = Comando(self.modulo, numero, titulo, **kw)
        self.comandos[numero] = cmd
        return cmd

    def por_variavel(self, variavel: str) -> Comando:
        for cmd in self.comandos.values():
            if cmd.variavel == variavel:
                return cmd
        raise InputError("variavel", f"{variavel!r} não é saída de {self.modulo}; saídas: {self.variaveis()}")

    def variaveis(self) -> list[str]:
        return [c.variavel for c in self.comandos.values() if c.variavel]

    def derivador(self, variavel: str) -> Callable[[Derivador], Derivador]:
        def registrar(funcao: Derivador) -> Derivador:
            self._derivadores[variavel] = funcao
            return funcao

        return registrar

    def explicar(self, resultado: Any, variavel: str, chave: dict[str, str]) -> Explicacao:
        self.por_variavel(variavel)
        try:
            funcao = self._derivadores[variavel]
        except KeyError:
            raise InputError("variavel", f"{variavel} não tem explicação registrada") from None
        return funcao(resultado, chave)

    def tabela(self) -> pl.DataFrame:
        """The lineage table: one row per command (written as ``LINHAGEM`` next to the outputs)."""
        return pl.DataFrame(
            {
                "modulo": [c.modulo for c in self.comandos.values()],
                "comando": [c.numero for c in self.comandos.values()],
                "titulo": [c.titulo for c in self.comandos.values()],
                "variavel": [c.variavel or "" for c in self.comandos.values()],
                "equacao": [c.equacao for c in self.comandos.values()],
                "entradas": [" ".join(c.entradas) for c in self.comandos.values()],
                "nota": [c.texto for c in self.comandos.values()],
            }
        )


# ----------------------------------------------------------------------------------------------------
# Helpers for derivadores
# ----------------------------------------------------------------------------------------------------


def filtrar(df: pl.DataFrame, chave: Mapping[str, str]) -> pl.DataFrame:
    exprs = [pl.col(k) == v for k, v in chave.items() if k in df.columns]
    return df.filter(*exprs) if exprs else df


def valor_de(df: pl.DataFrame | None, coluna: str, chave: Mapping[str, str]) -> Decimal | None:
    """The value of ``coluna`` at ``chave`` (None if no row)."""
    if df is None or df.height == 0:
        return None
    linhas = filtrar(df, chave)
    if linhas.height == 0:
        return None
    if linhas.height > 1:
        raise InputError(coluna, f"mais de uma linha para {dict(chave)}")
    return linhas[coluna][0]


def termo(nome: str, df: pl.DataFrame | None, chave: Mapping[str, str], origem: str = "entrada",
          coluna: str | None = None) -> Termo:
    """A term read from ``df`` at ``chave``; a missing row is 0 (and says so)."""
    v = valor_de(df, coluna or nome, chave)
    if v is None:
        return Termo(nome, dict(chave), Decimal(0), f"{origem}; sem linha = 0")
    return Termo(nome, dict(chave), v, origem)


def listar(termos: Sequence[Termo]) -> tuple[list[Termo], int]:
    """The terms to print and how many were left out."""
    if len(termos) <= MAX_TERMOS_LISTADOS:
        return list(termos), 0
    return list(termos[:MAX_TERMOS_LISTADOS]), len(termos) - MAX_TERMOS_LISTADOS
