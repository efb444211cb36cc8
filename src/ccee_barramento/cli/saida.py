"""Render items as a rich table, JSON (a list of objects) or CSV, on stdout; progress goes to stderr."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..models.comum import Pagina
from ..services.paginador import Paginador

stderr = Console(stderr=True)


def como_dict(item: Any) -> dict[str, Any]:
    """A JSON-ready dict of a model (exact decimals as strings; empty ``extras`` omitted)."""
    if isinstance(item, BaseModel):
        dados = item.model_dump(mode="json", by_alias=True, exclude_none=True)
        _sem_extras_vazios(dados)
        return dados
    if isinstance(item, dict):
        return {k: _json(v) for k, v in item.items()}
    return {"valor": _json(item)}


def _sem_extras_vazios(dados: Any) -> None:
    if isinstance(dados, dict):
        if dados.get("extras") == {}:
            del dados["extras"]
        for valor in dados.values():
            _sem_extras_vazios(valor)
    elif isinstance(dados, list):
        for valor in dados:
            _sem_extras_vazios(valor)


def _json(valor: Any) -> Any:
    if isinstance(valor, Decimal):
        return str(valor)
    if isinstance(valor, datetime | date):
        return valor.isoformat()
    if isinstance(valor, BaseModel):
        return como_dict(valor)
    return valor


def achatar(dados: dict[str, Any], prefixo: str = "") -> dict[str, Any]:
    """``{"situacao": {"codigo": 1}}`` → ``{"situacao.codigo": 1}``; lists become JSON text."""
    plano: dict[str, Any] = {}
    for chave, valor in dados.items():
        nome = f"{prefixo}{chave}"
        if isinstance(valor, dict):
            plano.update(achatar(valor, nome + "."))
        elif isinstance(valor, list):
            plano[nome] = json.dumps(valor, ensure_ascii=False) if valor else ""
        else:
            plano[nome] = valor
    return plano


def com_progresso(paginador: Paginador[Any], descricao: str) -> Iterator[Any]:
    """Iterate a listing's items, with a page progress bar on stderr when it is a terminal."""
    if not stderr.is_terminal:
        yield from paginador
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    ) as progresso:
        tarefa = progresso.add_task(descricao, total=None)
        filtro = paginador._filtro
        for pagina in paginador.paginas():
            progresso.update(tarefa, total=pagina.total_paginas, advance=1)
            for item in _itens(pagina):
                if filtro is None or filtro(item):
                    yield item


def _itens(pagina: Pagina[Any]) -> list[Any]:
    return pagina.itens


def emitir(
    itens: Iterable[Any], formato: str, colunas: Sequence[tuple[str, str]] | None = None, titulo: str | None = None
) -> int:
    """Write the items; returns how many were written."""
    if formato == "json":
        return _json_lista(itens)
    linhas = [achatar(como_dict(i)) for i in itens]
    if formato == "csv":
        _csv(linhas)
    else:
        _tabela(linhas, colunas, titulo)
    return len(linhas)


def _json_lista(itens: Iterable[Any]) -> int:
    out = sys.stdout
    out.write("[")
    n = 0
    for item in itens:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(como_dict(item), ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    out.flush()
    return n


def _csv(linhas: list[dict[str, Any]]) -> None:
    campos: dict[str, None] = {}
    for linha in linhas:
        campos.update(dict.fromkeys(linha))
    writer = csv.DictWriter(sys.stdout, fieldnames=list(campos), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(linhas)


def _tabela(linhas: list[dict[str, Any]], colunas: Sequence[tuple[str, str]] | None, titulo: str | None) -> None:
    console = Console()
    if not linhas:
        console.print("[dim](nenhum item)[/dim]")
        return
    if colunas is None:
        nomes = list(linhas[0])[:10]
        colunas = [(n, n) for n in nomes]
    tabela = Table(title=titulo, show_lines=False, header_style="bold")
    for _, rotulo in colunas:
        tabela.add_column(rotulo)
    for linha in linhas:
        tabela.add_row(*("" if linha.get(chave) is None else str(linha.get(chave)) for chave, _ in colunas))
    console.print(tabela)
    stderr.print(f"[dim]{len(linhas)} item(ns)[/dim]")
