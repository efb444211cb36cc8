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

from ..errors import CCEEError
from ..settlement.mve import calcular as _calcular
from ..settlement.mve.esquema import arredondamento as _arredondamento
from ..settlement.mve.resultado import CHAVES
from ._tabelas import ErroEntrada, arredondamento_de, chave_explain, explicar, mostrar, opcao_explain, opcoes_tabelas

CHAVES_EXPLAIN = (*CHAVES, "variavel")


@click.group("mve")
def mve() -> None:
    """Mecanismo de Venda de Excedentes (Regras 2023.3.0): valores a liquidar, inadimplência, ajuste contratual,
    ressarcimento e multas dos contratos MVE, calculados localmente e de forma exata."""


@mve.command("liquidar")
@opcoes_tabelas(
    meses="Meses consecutivos: 2026-01..2026-03 ou 2026-02 (padrão: o suprimento dos contratos dentro de M_HORAS).",
    arredondamento="Arredondamento das saídas: padrao (R$ 2 casas, fator 10, R$/MWh e MWm 6; half-even), nenhum, ou "
                   "UNIDADE=CASAS,... com modo=half_to_even|half_away_from_zero.")
@opcao_explain("Explica as linhas desta chave: contrato=, perfil=, agente=, mes=, variavel=... (repetível).")
@click.option("--max-linhas", default=15, show_default=True, help="Agentes e contratos por mês no resumo.")
def liquidar(entrada: Path, saida: Path | None, meses: str | None, formato: str, arredondamento: str,
             explain: tuple[str, ...], max_linhas: int) -> None:
    """Calcula os comandos 35–75 (§2.3 e Anexo I) para os meses pedidos."""
    console = Console()
    arr = arredondamento_de(arredondamento, _arredondamento)
    chave = chave_explain(explain, CHAVES_EXPLAIN) if explain else None
    try:
        resultado = _calcular(entrada, meses=meses, arredondamento=arr)
    except CCEEError as exc:  # a table missing or malformed: one line naming it, exit 2
        raise ErroEntrada(str(exc)) from None
    mostrar(console, resultado.resumo(max_linhas), resultado, saida, formato)
    if chave is not None:
        variavel = chave.pop("variavel", None)
        explicar(console, resultado.explicar_linha, variavel=variavel, **chave)


__all__ = ["mve"]
