"""Helpers of the explanations (``resultado.explicar``): gather one row's inputs and recompute it in Decimal.

Each computed variable has a *derivador* (``REGISTRO.derivador``) in its section module; it reads the
run's exact tables (inputs and upstream outputs), recomputes the row with the ``_exato`` decimal twins —
independently of the polars code — and lists every value used with its origin.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Iterable, Mapping, Sequence

import polars as pl

from ...lineage import Explicacao, Termo, filtrar, fmt, listar, termo
from ._exato import soma
from .esquema import REGISTRO


def explicacao(resultado: Any, variavel: str, chave: Mapping[str, str], termos: Sequence[Termo], recalculado: Decimal,
               substituicao: str = "", notas: Iterable[str] = ()) -> Explicacao:
    listados, omitidos = listar(list(termos))
    return Explicacao(REGISTRO.por_variavel(variavel), dict(chave), resultado.valor_exato(variavel, chave),
                      resultado.valor(variavel, chave), listados, recalculado, substituicao=substituicao,
                      notas=list(notas), omitidos=omitidos)


def entrada(resultado: Any, nome: str, chave: Mapping[str, str], origem: str = "entrada") -> Termo:
    """An input value (no row = 0, said so)."""
    return termo(nome, resultado.entradas.get(nome), chave, origem)


def saida(resultado: Any, nome: str, chave: Mapping[str, str]) -> Termo:
    """An upstream output value, with its command as origin (no row = 0, said so)."""
    return termo(nome, resultado.exatas.get(nome), chave, f"cmd {REGISTRO.por_variavel(nome).numero}")


def sub(chave: Mapping[str, str], *colunas: str) -> dict[str, str]:
    return {c: chave[c] for c in colunas}


def agentes(resultado: Any) -> dict[str, str]:
    """perfil → agente (A_ALPHA)."""
    return dict(resultado.base.perfis.select("perfil", "agente").iter_rows())


def derivador_soma(variavel: str, fonte: str, selecionar: Callable[[Any, Mapping[str, str]], pl.DataFrame],
                   indices: Sequence[str]) -> None:
    """Register the derivador of ``variavel = Σ fonte`` over the rows ``selecionar`` picks."""

    @REGISTRO.derivador(variavel)
    def _derivar(resultado: Any, chave: dict[str, str]) -> Explicacao:
        linhas = selecionar(resultado, chave)
        origem = f"cmd {REGISTRO.por_variavel(fonte).numero}"
        termos = [Termo(fonte, {c: r[c] for c in indices}, r[fonte], origem) for r in linhas.to_dicts()]
        total = soma(t.valor for t in termos)
        mostrados = " + ".join(fmt(t.valor) for t in termos[:12]) + (" + ..." if len(termos) > 12 else "")
        return explicacao(resultado, variavel, chave, termos, total, f"{variavel} = {mostrados or '0'}",
                          [f"{len(termos)} linha(s) de {fonte}"])


def de_agente(resultado: Any, fonte: str, chave: Mapping[str, str], coluna_perfil: str, agente: str,
              **filtros: str) -> pl.DataFrame:
    """Rows of output ``fonte`` matching ``filtros`` whose ``coluna_perfil`` belongs to ``agente``."""
    mapa = agentes(resultado)
    df = filtrar(resultado.exatas[fonte], filtros)
    perfis = [p for p, a in mapa.items() if a == agente]
    return df.filter(pl.col(coluna_perfil).is_in(perfis))


__all__ = ["agentes", "de_agente", "derivador_soma", "entrada", "explicacao", "saida", "sub"]
