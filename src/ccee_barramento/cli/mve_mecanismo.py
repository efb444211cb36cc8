"""``ccee mve processar`` and ``ccee mve curvas``: the MVE mechanism (seed 004 §2.1, §2.2, Anexo II) over
local tables.

    ccee mve processar --entrada DIR --saida DIR [--formato csv|parquet] [--cceal DIR] [--sem-limites]
                       [--arredondamento padrao|nenhum|MWm=6,...] [--explain variavel=MV_MVE_PRE contrato=X-0001]
    ccee mve curvas --entrada DIR --produto P [--rodada N] --saida arquivo.png|svg

Reads one file per input table (layout in ``docs/mve-mecanismo.md``), writes one file per output table,
``LINHAGEM`` and the MVE settlement's contract tables (``liquidacao_mve/``), and with ``--cceal`` one
ContratosCCEAL file per seller. Errors in the inputs print one line naming the table and exit with code 2.
The two commands are attached to the ``ccee mve`` group by the CLI's main module.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from ..errors import CCEEError, InputError
from ..settlement.mve.mecanismo import Configuracao
from ..settlement.mve.mecanismo import processar as _processar
from ..settlement.mve.mecanismo.curvas import desenhar
from ..settlement.mve.mecanismo.esquema import arredondamento as _arredondamento


class _ErroEntrada(click.ClickException):
    exit_code = 2


def _configuracao(arredondamento: str, sem_limites: bool) -> Configuracao:
    try:
        arr = _arredondamento(arredondamento)
    except InputError as exc:
        raise click.BadParameter(exc.mensagem, param_hint="--arredondamento") from None
    return Configuracao(arredondamento=arr, limites="ignorar" if sem_limites else "aplicar")


def _chave(itens: tuple[str, ...]) -> dict[str, str]:
    chave: dict[str, str] = {}
    for item in itens:
        for parte in item.split():
            if "=" not in parte:
                raise click.BadParameter(f"{parte!r}: use CHAVE=VALOR", param_hint="--explain")
            k, v = parte.split("=", 1)
            chave[k.strip()] = v.strip()
    if "variavel" not in chave:
        raise click.BadParameter("informe variavel=NOME e as colunas da linha", param_hint="--explain")
    return chave


@click.command("processar")
@click.option("--entrada", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Pasta com uma tabela por arquivo (NOME.csv ou NOME.parquet).")
@click.option("--saida", type=click.Path(file_okay=False, path_type=Path),
              help="Pasta das tabelas de saída, LINHAGEM e liquidacao_mve/.")
@click.option("--formato", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True)
@click.option("--cceal", "cceal", type=click.Path(file_okay=False, path_type=Path),
              help="Pasta onde gravar CCEAL_<perfil_vendedor>.xml (um arquivo por vendedor).")
@click.option("--sem-limites", is_flag=True, help="Liquida o livro como ofertado, sem os limites (cmds 1–28, 100–103).")
@click.option("--arredondamento", default="padrao", show_default=True,
              help="Arredondamento das saídas: padrao (MWm e R$/MWh 6 casas, MWh 3, fatores 10), nenhum, ou UNIDADE=CASAS,...")
@click.option("--explain", "explain", multiple=True, metavar="variavel=NOME CHAVE=VALOR...",
              help="Explica uma linha: variavel=MV_MVE_PRE contrato=X1-0001.")
def processar(entrada: Path, saida: Path | None, formato: str, cceal: Path | None, sem_limites: bool,
              arredondamento: str, explain: tuple[str, ...]) -> None:
    """Limites de venda, liquidação do leilão rodada a rodada e os contratos CCEAL resultantes."""
    console = Console()
    cfg = _configuracao(arredondamento, sem_limites)
    chave = _chave(explain) if explain else None
    try:
        resultado = _processar(entrada, cfg)
        for item in resultado.resumo():
            console.print(item)
        if saida is not None:
            caminhos = resultado.salvar(saida, formato)
            console.print(f"[dim]{len(caminhos)} arquivo(s) gravado(s) em {saida}[/dim]")
        if cceal is not None:
            caminhos = resultado.salvar_cceal(cceal)
            console.print(f"[dim]{len(caminhos)} arquivo(s) CCEAL gravado(s) em {cceal}[/dim]")
    except CCEEError as exc:
        raise _ErroEntrada(str(exc)) from None
    if chave is not None:
        variavel = chave.pop("variavel")
        try:
            explicacao = resultado.explicar(variavel, **chave)
        except InputError as exc:
            raise click.UsageError(f"--explain: {exc}") from None
        console.print(explicacao.texto(), markup=False, highlight=False)


@click.command("curvas")
@click.option("--entrada", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Pasta com as tabelas de entrada.")
@click.option("--produto", required=True, help="Nome do produto (coluna produto de PRODUTOS_LEILAO).")
@click.option("--rodada", default=None, help="Rodada (padrão: a do produto).")
@click.option("--saida", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Arquivo .png ou .svg.")
@click.option("--sem-limites", is_flag=True, help="Liquida o livro sem os limites.")
def curvas(entrada: Path, produto: str, rodada: str | None, saida: Path, sem_limites: bool) -> None:
    """Desenha as curvas de oferta e demanda de um produto com o ponto de equilíbrio."""
    try:
        resultado = _processar(entrada, _configuracao("padrao", sem_limites))
        caminho = desenhar(resultado, produto, saida, rodada)
    except CCEEError as exc:
        raise _ErroEntrada(str(exc)) from None
    Console().print(f"curvas do produto {produto} gravadas em {caminho}")


__all__ = ["curvas", "processar"]
