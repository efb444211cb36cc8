"""``ccee mve``: the MVE settlement (seed 004, commands 35–75) over local tables.

    ccee mve liquidar --entrada DIR [--saida DIR] [--meses 2026-01..2026-03] [--formato csv|parquet]
                      [--arredondamento padrao|nenhum|R$=2,fator=10] [--explain contrato=900101 mes=2026-03]

Reads one file per input table (``MV_MVE_PRE.csv``, ``PLD_MS.parquet``...; layout in ``docs/mve.md``),
writes one file per output table plus ``LINHAGEM``, and prints the summary. ``--explain KEY=VAL...``
re-derives the rows at that key (``contrato=``, ``perfil=``, ``agente=``, ``mes=``... and optionally
``variavel=``). Errors in the inputs print one line naming the table and exit with code 2.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from ..errors import CCEEError, InputError
from ..settlement.mve import calcular as _calcular
from ..settlement.mve.esquema import arredondamento as _arredondamento
from ..settlement.mve.resultado import CHAVES

CHAVES_EXPLAIN = (*CHAVES, "variavel")


def _chave_explain(itens: tuple[str, ...]) -> dict[str, str]:
    chave: dict[str, str] = {}
    for item in itens:
        for parte in item.split():
            if "=" not in parte:
                raise click.BadParameter(f"{parte!r}: use CHAVE=VALOR ({', '.join(CHAVES_EXPLAIN)})", param_hint="--explain")
            k, v = parte.split("=", 1)
            k = k.strip().lower()
            if k not in CHAVES_EXPLAIN:
                raise click.BadParameter(f"chave {k!r} desconhecida (use {', '.join(CHAVES_EXPLAIN)})", param_hint="--explain")
            chave[k] = v.strip()
    return chave


class _ErroEntrada(click.ClickException):
    exit_code = 2


@click.group("mve")
def mve() -> None:
    """Mecanismo de Venda de Excedentes (Regras 2023.3.0): valores a liquidar, inadimplência, ajuste contratual,
    ressarcimento e multas dos contratos MVE, calculados localmente e de forma exata."""


@mve.command("liquidar")
@click.option("--entrada", "entrada", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Pasta com uma tabela por arquivo (NOME.csv ou NOME.parquet).")
@click.option("--saida", "saida", type=click.Path(file_okay=False, path_type=Path),
              help="Pasta onde gravar as tabelas de saída (e LINHAGEM).")
@click.option("--meses", help="Meses consecutivos: 2026-01..2026-03 ou 2026-02 (padrão: o suprimento dos contratos "
                              "dentro de M_HORAS).")
@click.option("--formato", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True,
              help="Formato dos arquivos de saída.")
@click.option("--arredondamento", default="padrao", show_default=True,
              help="Arredondamento das saídas: padrao (R$ 2 casas, fator 10, R$/MWh e MWm 6; half-even), nenhum, ou "
                   "UNIDADE=CASAS,... com modo=half_to_even|half_away_from_zero.")
@click.option("--explain", "explain", multiple=True, metavar="CHAVE=VALOR...",
              help="Explica as linhas desta chave: contrato=, perfil=, agente=, mes=, variavel=... (repetível).")
@click.option("--max-linhas", default=15, show_default=True, help="Agentes e contratos por mês no resumo.")
def liquidar(entrada: Path, saida: Path | None, meses: str | None, formato: str, arredondamento: str,
             explain: tuple[str, ...], max_linhas: int) -> None:
    """Calcula os comandos 35–75 (§2.3 e Anexo I) para os meses pedidos."""
    console = Console()
    try:
        arr = _arredondamento(arredondamento)
    except InputError as exc:
        raise click.BadParameter(exc.mensagem, param_hint="--arredondamento") from None
    chave = _chave_explain(explain) if explain else None
    try:
        resultado = _calcular(entrada, meses=meses, arredondamento=arr)
    except CCEEError as exc:  # a table missing or malformed: one line naming it, exit 2
        raise _ErroEntrada(str(exc)) from None
    for item in resultado.resumo(max_linhas):
        console.print(item)
    if saida is not None:
        caminhos = resultado.salvar(saida, formato)
        console.print(f"[dim]{len(caminhos)} arquivo(s) gravado(s) em {saida}[/dim]")
    if chave is not None:
        variavel = chave.pop("variavel", None)
        try:
            explicacoes = resultado.explicar_linha(variavel=variavel, **chave)
        except InputError as exc:
            raise click.UsageError(f"--explain: {exc}") from None
        for e in explicacoes:
            console.print()
            console.print(e.texto(), markup=False, highlight=False)


__all__ = ["mve"]
