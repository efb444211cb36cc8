"""``ccee importar`` and ``ccee resultado``: raw file import and processing result."""

from __future__ import annotations

import time
from pathlib import Path

import click

from .contexto import Contexto, pass_contexto
from .saida import emitir, stderr

COLUNAS_DETALHE = [
    ("sequencialControle", "seq."),
    ("status", "status"),
    ("contrato.codigo", "contrato"),
    ("descricao", "descrição"),
]


@click.command("importar")
@click.argument("arquivo", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_contexto
def importar(ctx: Contexto, arquivo: Path) -> None:
    """Envia um arquivo ContratosCCEAL (importarArquivo) e mostra o codigoProcessamento.

    Para registrar com diário e retomada segura, use ``ccee registrar``.
    """
    codigo = ctx.client.importar_arquivo(arquivo.read_bytes())
    emitir([{"codigoProcessamento": codigo}], ctx.saida, [("codigoProcessamento", "codigoProcessamento")])


@click.command("resultado")
@click.argument("codigo")
@click.option(
    "--aguardar", type=float, default=0, show_default=True, help="Segundos para aguardar o fim do processamento."
)
@pass_contexto
def resultado(ctx: Contexto, codigo: str, aguardar: float) -> None:
    """Mostra o resultado de um processamento (obterResultadoProcessamento)."""
    limite = time.monotonic() + aguardar
    intervalo = 0.5
    while True:
        res = ctx.client.obter_resultado_processamento(codigo)
        if res.finalizado or time.monotonic() >= limite:
            break
        time.sleep(min(intervalo, max(0.0, limite - time.monotonic())))
        intervalo = min(intervalo * 2, 10)
    if not res.finalizado:
        stderr.print(f"processamento {codigo} ainda em andamento")
    emitir(res.detalhes, ctx.saida, COLUNAS_DETALHE, titulo=f"processamento {codigo}")
