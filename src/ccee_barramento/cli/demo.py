"""``ccee demo``: the README's first command."""

from __future__ import annotations

import sys

import click
from rich.console import Console

from ..demo import executar


@click.command("demo")
@click.option("--rapido", is_flag=True, help="Processamento simulado mais curto (CI).")
@click.option("--mtls", is_flag=True, help="Exige o certificado do agente (TLS mútuo), como a CCEE.")
def demo(rapido: bool, mtls: bool) -> None:
    """Demonstração completa contra o simulador embutido: cadastros, registro, validação, consultas, liquidação."""
    executar(Console(width=None if sys.stdout.isatty() else 120), rapido=rapido, mtls=mtls)
