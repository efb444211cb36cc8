"""``ccee mve garantias``: the MVE guarantees (seed 004 Anexo III, commands 110–144) over local tables.

    ccee mve garantias --entrada DIR [--saida DIR] [--meses 2026-01..2026-03] [--formato csv|parquet]
                       [--arredondamento padrao|nenhum|R$=2,fator=10] [--residual-pv literal|liquido]
                       [--explain perfil=61005 mes=2026-03 [variavel=GCA_PROD]]

Reads one file per input table (the Anexo I tables it consumes — F_INAD_EFE_MVE, VLP_MVE_PROD, M_MVE... —
and its own: VLR_REF_GP, VLR_AP_GP_MVE, V_HORAS_GC...), writes one file per output table plus ``LINHAGEM``,
and prints what each buyer lodged and, per month, the draws, recomposition, excess and residual fines.
``--explain`` re-derives every output row at that key. Tables and decisions: ``docs/mve-garantias.md``.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from ..errors import CCEEError
from ..settlement.mve.garantias import Configuracao, calcular
from ..settlement.mve.garantias.esquema import RESIDUAL_PV, SAIDAS
from ..settlement.mve.garantias.esquema import arredondamento as _arredondamento
from ._tabelas import ErroEntrada, arredondamento_de, chave_explain, explicar, mostrar, opcao_explain, opcoes_tabelas

#: Keys ``--explain`` accepts: every index column of an output table, plus ``variavel``.
CHAVES_EXPLAIN = tuple(sorted({c for s in SAIDAS.values() for c in s.chave} | {"variavel"}))


@click.command("garantias")
@opcoes_tabelas(
    meses="Meses consecutivos: 2026-01..2026-03 ou 2026-02 (padrão: os das tabelas do Anexo I).",
    arredondamento="Arredondamento das saídas: padrao (R$ 2 casas, fatores 10, R$/MWh 6, half-even), nenhum, ou "
                   "UNIDADE=CASAS,... com modo=half_to_even|half_away_from_zero.")
@click.option("--residual-pv", type=click.Choice(list(RESIDUAL_PV)), default="literal", show_default=True,
              help="Multa residual (cmd 143) do preço variável: literal (a multa inteira, como impresso) ou liquido "
                   "(deduzida a parte paga pela GFC).")
@opcao_explain("Explica as linhas desta chave: perfil=..., agente=..., mes=..., variavel=... (repetível).")
def garantias(entrada: Path, saida: Path | None, meses: str | None, formato: str, arredondamento: str,
              residual_pv: str, explain: tuple[str, ...]) -> None:
    """Garantias do MVE (Anexo III, cmds 110–144): GP, GFC, acionamentos, recomposição, excedente e multas
    residuais, calculados localmente e de forma exata."""
    console = Console()
    if not console.is_terminal:  # a file or a pipe: wide enough for the summary's columns, never cut
        console = Console(width=160)
    arr = arredondamento_de(arredondamento, _arredondamento)
    chave = chave_explain(explain, CHAVES_EXPLAIN) if explain else None
    try:
        resultado = calcular(entrada, meses=meses, configuracao=Configuracao(arredondamento=arr, residual_pv=residual_pv))
    except CCEEError as exc:  # a table missing or malformed: one line naming it, exit 2
        raise ErroEntrada(str(exc).replace("\n", " ")) from None
    from ..settlement.mve.garantias.demo import DIRETORIO_DEMO, SIGLAS

    nomes = SIGLAS if entrada.resolve() == DIRETORIO_DEMO.resolve() else None
    mostrar(console, resultado.resumo(nomes), resultado, saida, formato)
    if chave is not None:
        variavel = chave.pop("variavel", None)
        explicar(console, resultado.explicar_chave, chave, variavel)


__all__ = ["garantias"]
