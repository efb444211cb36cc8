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

from ..errors import CCEEError
from ..settlement.exact import Arredondamento
from ..settlement.liquidacao import Configuracao
from ..settlement.liquidacao import calcular as _calcular
from ._tabelas import ErroEntrada, arredondamento_de, chave_explain, explicar, mostrar, opcao_explain, opcoes_tabelas

CHAVES_EXPLAIN = ("perfil", "agente", "mes", "variavel")


@click.group("liquidacao")
def liquidacao() -> None:
    """Liquidação (Regras de Comercialização 2026.1.0): valores a liquidar, rateio da inadimplência e
    desligamento sem sucessão, calculados localmente e de forma exata."""


@liquidacao.command("calcular")
@opcoes_tabelas(
    meses="Meses a calcular: 2026-01..2026-03, 2026-02 ou 2026-01,2026-03 (padrão: os de RESULTADO).",
    arredondamento="Arredondamento das saídas: padrao (R$ 2 casas, fatores 10, half-even), nenhum, ou UNIDADE=CASAS,... "
                   "com modo=half_to_even|half_away_from_zero.")
@click.option("--sinal-dss", type=click.Choice(["debito", "literal"]), default="debito", show_default=True,
              help="Sinal de DEB_INAD_DSS (cmd 9): débito (≤ 0, padrão) ou o produto impresso (≥ 0).")
@opcao_explain("Explica as linhas desta chave: perfil=..., agente=..., mes=..., variavel=... (repetível).")
@click.option("--max-agentes", default=15, show_default=True, help="Agentes por mês no resumo.")
def calcular(entrada: Path, saida: Path | None, meses: str | None, formato: str, arredondamento: str,
             sinal_dss: str, explain: tuple[str, ...], max_agentes: int) -> None:
    """Calcula os comandos 1–10 (e 9.1) e o mapa de liquidação para os meses pedidos."""
    console = Console()
    arr = arredondamento_de(arredondamento, Arredondamento.de_texto)
    configuracao = Configuracao(arredondamento=arr, sinal_deb_inad_dss=sinal_dss)
    chave = chave_explain(explain, CHAVES_EXPLAIN) if explain else None
    try:
        resultado = _calcular(entrada, meses=meses, configuracao=configuracao)
    except CCEEError as exc:  # a table missing or malformed: one line naming it, exit 2
        raise ErroEntrada(str(exc)) from None
    mostrar(console, resultado.resumo(max_agentes), resultado, saida, formato)
    if chave is not None:
        explicar(console, resultado.explicar_linha, perfil=chave.get("perfil"), agente=chave.get("agente"),
                 mes=chave.get("mes"), variavel=chave.get("variavel"))


__all__ = ["liquidacao"]
