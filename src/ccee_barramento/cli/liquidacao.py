"""``ccee liquidacao``: the Liquidação module (seed 003) over local tables.

    ccee liquidacao calcular --entrada DIR --saida DIR [--meses 2026-01..2026-03] [--formato csv|parquet]
                             [--arredondamento padrao|nenhum|R$=2,fator=10] [--explain perfil=1001 mes=2026-02]

Reads one file per input table (``RESULTADO.csv``, ``PERFIS.parquet``...), writes one file per output
table plus ``LINHAGEM`` (command, equation and inputs of each output), and prints the settlement map.
``--explain KEY=VAL...`` re-derives the rows at that key (``perfil=``, ``agente=``, ``mes=``, optionally
``variavel=``). Layout and decisions: ``docs/settlement.md``.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from ..errors import CCEEError, InputError
from ..settlement.exact import Arredondamento
from ..settlement.liquidacao import Configuracao
from ..settlement.liquidacao import calcular as _calcular

CHAVES_EXPLAIN = ("perfil", "agente", "mes", "variavel")


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


@click.group("liquidacao")
def liquidacao() -> None:
    """Liquidação (Regras de Comercialização 2026.1.0): valores a liquidar, rateio da inadimplência e
    desligamento sem sucessão, calculados localmente e de forma exata."""


@liquidacao.command("calcular")
@click.option("--entrada", "entrada", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Pasta com uma tabela por arquivo (NOME.csv ou NOME.parquet).")
@click.option("--saida", "saida", type=click.Path(file_okay=False, path_type=Path),
              help="Pasta onde gravar as tabelas de saída (e LINHAGEM).")
@click.option("--meses", help="Meses a calcular: 2026-01..2026-03, 2026-02 ou 2026-01,2026-03 (padrão: os de RESULTADO).")
@click.option("--formato", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True,
              help="Formato dos arquivos de saída.")
@click.option("--arredondamento", default="padrao", show_default=True,
              help="Arredondamento das saídas: padrao (R$ 2 casas, fatores 10, half-even), nenhum, ou UNIDADE=CASAS,... "
                   "com modo=half_to_even|half_away_from_zero.")
@click.option("--sinal-dss", type=click.Choice(["debito", "literal"]), default="debito", show_default=True,
              help="Sinal de DEB_INAD_DSS (cmd 9): débito (≤ 0, padrão) ou o produto impresso (≥ 0).")
@click.option("--explain", "explain", multiple=True, metavar="CHAVE=VALOR...",
              help="Explica as linhas desta chave: perfil=..., agente=..., mes=..., variavel=... (repetível).")
@click.option("--max-agentes", default=15, show_default=True, help="Agentes por mês no resumo.")
def calcular(entrada: Path, saida: Path | None, meses: str | None, formato: str, arredondamento: str,
             sinal_dss: str, explain: tuple[str, ...], max_agentes: int) -> None:
    """Calcula os comandos 1–10 (e 9.1) e o mapa de liquidação para os meses pedidos."""
    console = Console()
    try:
        arr = Arredondamento.de_texto(arredondamento)
    except InputError as exc:
        raise click.BadParameter(exc.mensagem, param_hint="--arredondamento") from None
    configuracao = Configuracao(arredondamento=arr, sinal_deb_inad_dss=sinal_dss)
    chave = _chave_explain(explain) if explain else None
    try:
        resultado = _calcular(entrada, meses=meses, configuracao=configuracao)
    except CCEEError as exc:  # a table missing or malformed: one line naming it, exit 2
        raise _ErroEntrada(str(exc)) from None
    for item in resultado.resumo(max_agentes):
        console.print(item)
    if saida is not None:
        caminhos = resultado.salvar(saida, formato)
        console.print(f"[dim]{len(caminhos)} arquivo(s) gravado(s) em {saida}[/dim]")
    if chave is not None:
        try:
            explicacoes = resultado.explicar_linha(
                perfil=chave.get("perfil"), agente=chave.get("agente"), mes=chave.get("mes"), variavel=chave.get("variavel"))
        except InputError as exc:
            raise click.UsageError(f"--explain: {exc}") from None
        for e in explicacoes:
            console.print()
            console.print(e.texto(), markup=False, highlight=False)


__all__ = ["liquidacao"]
