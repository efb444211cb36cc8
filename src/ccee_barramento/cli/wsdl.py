"""``ccee wsdl sync``: fetch the live service contracts into a cache folder."""

from __future__ import annotations

from pathlib import Path

import click
import platformdirs

from ..wsdl_sync import sincronizar
from .contexto import Contexto, pass_contexto
from .saida import stderr


def pasta_padrao() -> Path:
    return Path(platformdirs.user_cache_dir("ccee-barramento")) / "wsdl"


@click.group()
def wsdl() -> None:
    """Contratos de serviço (WSDL/XSD)."""


@wsdl.command("sync")
@click.option(
    "--destino",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Pasta de destino (padrão: cache do usuário).",
)
@click.option("--servico", "servicos", multiple=True, help="Só este serviço (repetível).")
@pass_contexto
def sync(ctx: Contexto, destino: Path | None, servicos: tuple[str, ...]) -> None:
    """Baixa os WSDL/XSD publicados (porta 442) com o seu certificado; use depois com --wsdl-dir."""
    destino = destino or pasta_padrao()
    config = ctx.configuracao()
    resultado = sincronizar(config, destino, list(servicos) or None)
    for servico, arquivos in resultado.arquivos.items():
        stderr.print(f"{servico}: {len(arquivos)} arquivo(s)")
    click.echo(str(destino))
    stderr.print(f"[green]{resultado.total} arquivos em {destino}[/green] — use: ccee --wsdl-dir {destino} ...")
