"""What the commands over local tables (``liquidacao calcular``, ``mve liquidar``, ``mve garantias``) share:
the options, the ``--explain`` key, input errors and the summary/files/explanations output."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

import click
from rich.console import Console

from ..errors import InputError
from ..settlement.exact import Arredondamento
from ..settlement.lineage import Explicacao

F = TypeVar("F", bound=Callable[..., Any])


def opcoes_tabelas(*, meses: str, arredondamento: str) -> Callable[[F], F]:
    """``--entrada``, ``--saida``, ``--meses``, ``--formato`` and ``--arredondamento`` (with these help texts)."""
    opcoes = [
        click.option("--entrada", "entrada", required=True,
                     type=click.Path(exists=True, file_okay=False, path_type=Path),
                     help="Pasta com uma tabela por arquivo (NOME.csv ou NOME.parquet)."),
        click.option("--saida", "saida", type=click.Path(file_okay=False, path_type=Path),
                     help="Pasta onde gravar as tabelas de saída (e LINHAGEM)."),
        click.option("--meses", help=meses),
        click.option("--formato", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True,
                     help="Formato dos arquivos de saída."),
        click.option("--arredondamento", default="padrao", show_default=True, help=arredondamento),
    ]

    def aplicar(f: F) -> F:
        for opcao in reversed(opcoes):
            f = opcao(f)
        return f

    return aplicar


def opcao_explain(ajuda: str) -> Callable[[F], F]:
    """``--explain CHAVE=VALOR...`` (repeatable)."""
    return click.option("--explain", "explain", multiple=True, metavar="CHAVE=VALOR...", help=ajuda)


class ErroEntrada(click.ClickException):
    """An input table missing or malformed: one line naming it, exit code 2."""

    exit_code = 2


def chave_explain(itens: tuple[str, ...], chaves: tuple[str, ...]) -> dict[str, str]:
    """``--explain`` items (``CHAVE=VALOR``, space-separated) as a key; ``chaves``: the keys accepted."""
    chave: dict[str, str] = {}
    for item in itens:
        for parte in item.split():
            if "=" not in parte:
                raise click.BadParameter(f"{parte!r}: use CHAVE=VALOR ({', '.join(chaves)})", param_hint="--explain")
            k, v = parte.split("=", 1)
            k = k.strip().lower()
            if k not in chaves:
                raise click.BadParameter(f"chave {k!r} desconhecida (use {', '.join(chaves)})", param_hint="--explain")
            chave[k] = v.strip()
    return chave


def arredondamento_de(texto: str, conversor: Callable[[str], Arredondamento]) -> Arredondamento:
    """``--arredondamento`` through the module's ``conversor``; a bad text is a usage error."""
    try:
        return conversor(texto)
    except InputError as exc:
        raise click.BadParameter(exc.mensagem, param_hint="--arredondamento") from None


def mostrar(console: Console, resumo: Iterable[Any], resultado: Any, saida: Path | None, formato: str) -> None:
    """Print the summary, then write the output tables to ``saida`` (if given)."""
    for item in resumo:
        console.print(item)
    if saida is not None:
        caminhos = resultado.salvar(saida, formato)
        console.print(f"[dim]{len(caminhos)} arquivo(s) gravado(s) em {saida}[/dim]")


def explicar(console: Console, metodo: Callable[..., list[Explicacao]], /, *args: Any, **kwargs: Any) -> None:
    """Print ``metodo(*args, **kwargs)``'s explanations; a key the result rejects is a usage error."""
    try:
        lista = metodo(*args, **kwargs)
    except InputError as exc:
        raise click.UsageError(f"--explain: {exc}") from None
    for e in lista:
        console.print()
        console.print(e.texto(), markup=False, highlight=False)


__all__ = ["ErroEntrada", "arredondamento_de", "chave_explain", "explicar", "mostrar", "opcao_explain",
           "opcoes_tabelas"]
