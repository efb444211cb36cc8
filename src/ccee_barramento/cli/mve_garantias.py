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

from ..errors import CCEEError, InputError
from ..settlement.mve.garantias import Configuracao, calcular
from ..settlement.mve.garantias.esquema import RESIDUAL_PV, SAIDAS
from ..settlement.mve.garantias.esquema import arredondamento as _arredondamento

#: Keys ``--explain`` accepts: every index column of an output table, plus ``variavel``.
CHAVES_EXPLAIN = tuple(sorted({c for s in SAIDAS.values() for c in s.chave} | {"variavel"}))


def _chave_explain(itens: tuple[str, ...]) -> dict[str, str]:
    chave: dict[str, str] = {}
    for item in itens:
        for parte in item.split():
            if "=" not in parte:
                raise click.BadParameter(f"{parte!r}: use CHAVE=VALOR ({', '.join(CHAVES_EXPLAIN)})",
                                         param_hint="--explain")
            k, v = parte.split("=", 1)
            k = k.strip().lower()
            if k not in CHAVES_EXPLAIN:
                raise click.BadParameter(f"chave {k!r} desconhecida (use {', '.join(CHAVES_EXPLAIN)})",
                                         param_hint="--explain")
            chave[k] = v.strip()
    return chave


class _ErroEntrada(click.ClickException):
    """An input table missing or malformed: one line naming it, exit code 2."""

    exit_code = 2


@click.command("garantias")
@click.option("--entrada", "entrada", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Pasta com uma tabela por arquivo (NOME.csv ou NOME.parquet).")
@click.option("--saida", "saida", type=click.Path(file_okay=False, path_type=Path),
              help="Pasta onde gravar as tabelas de saída (e LINHAGEM).")
@click.option("--meses", help="Meses consecutivos: 2026-01..2026-03 ou 2026-02 (padrão: os das tabelas do Anexo I).")
@click.option("--formato", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True,
              help="Formato dos arquivos de saída.")
@click.option("--arredondamento", default="padrao", show_default=True,
              help="Arredondamento das saídas: padrao (R$ 2 casas, fatores 10, R$/MWh 6, half-even), nenhum, ou "
                   "UNIDADE=CASAS,... com modo=half_to_even|half_away_from_zero.")
@click.option("--residual-pv", type=click.Choice(list(RESIDUAL_PV)), default="literal", show_default=True,
              help="Multa residual (cmd 143) do preço variável: literal (a multa inteira, como impresso) ou liquido "
                   "(deduzida a parte paga pela GFC).")
@click.option("--explain", "explain", multiple=True, metavar="CHAVE=VALOR...",
              help="Explica as linhas desta chave: perfil=..., agente=..., mes=..., variavel=... (repetível).")
def garantias(entrada: Path, saida: Path | None, meses: str | None, formato: str, arredondamento: str,
              residual_pv: str, explain: tuple[str, ...]) -> None:
    """Garantias do MVE (Anexo III, cmds 110–144): GP, GFC, acionamentos, recomposição, excedente e multas
    residuais, calculados localmente e de forma exata."""
    console = Console()
    if not console.is_terminal:  # a file or a pipe: wide enough for the summary's columns, never cut
        console = Console(width=160)
    try:
        arr = _arredondamento(arredondamento)
    except InputError as exc:
        raise click.BadParameter(exc.mensagem, param_hint="--arredondamento") from None
    chave = _chave_explain(explain) if explain else None
    try:
        resultado = calcular(entrada, meses=meses, configuracao=Configuracao(arredondamento=arr, residual_pv=residual_pv))
    except CCEEError as exc:  # a table missing or malformed: one line naming it, exit 2
        raise _ErroEntrada(str(exc).replace("\n", " ")) from None
    from ..settlement.mve.garantias.demo import DIRETORIO_DEMO, SIGLAS

    nomes = SIGLAS if entrada.resolve() == DIRETORIO_DEMO.resolve() else None
    for item in resultado.resumo(nomes):
        console.print(item)
    if saida is not None:
        caminhos = resultado.salvar(saida, formato)
        console.print(f"[dim]{len(caminhos)} arquivo(s) gravado(s) em {saida}[/dim]")
    if chave is not None:
        variavel = chave.pop("variavel", None)
        try:
            explicacoes = resultado.explicar_chave(chave, variavel)
        except InputError as exc:
            raise click.UsageError(f"--explain: {exc}") from None
        for e in explicacoes:
            console.print()
            console.print(e.texto(), markup=False, highlight=False)


__all__ = ["garantias"]
