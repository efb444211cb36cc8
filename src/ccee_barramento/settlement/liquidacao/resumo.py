"""Rich summary of a Liquidação run (CLI and ``ccee demo``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

import polars as pl
from rich.table import Table
from rich.text import Text

from ..resumo_base import pct as _pct
from ..resumo_base import rotulo as _rotulo
from ..resumo_base import rs as _rs

if TYPE_CHECKING:
    from .resultado import ResultadoLiquidacao


def resumo(resultado: "ResultadoLiquidacao", max_agentes: int = 15, nomes: Mapping[str, str] | None = None) -> list[Any]:
    """One table per month: agent (with its sigla from ``nomes``), V_TOT_LIQUI, P_RAT_INAD (in %),
    own uncovered default, share of the default, net position."""
    nomes = nomes or {}
    saida: list[Any] = []
    mapa = resultado["MAPA_LIQUIDACAO"]
    inad = resultado["MAPA_INAD"]
    dss = resultado["V_INAD_DSS"]
    for mes in resultado.meses:
        linhas = mapa.filter(pl.col("mes") == mes)
        total_agentes = linhas.height
        linhas = linhas.sort(pl.col("V_TOT_LIQUI").abs(), "agente", descending=[True, False]).head(max_agentes)
        tabela = Table(title=f"Mapa de liquidação — {mes}", header_style="bold", show_footer=False)
        tabela.add_column("agente")
        for rotulo in ("V_TOT_LIQUI (R$)", "P_RAT_INAD", "V_INAD (R$)", "RATEIO_INAD (R$)", "POSIÇÃO LÍQUIDA (R$)"):
            tabela.add_column(rotulo, justify="right", no_wrap=True)  # money is never cut
        for r in linhas.iter_rows(named=True):
            tabela.add_row(_rotulo(r["agente"], nomes), _rs(r["V_TOT_LIQUI"]), _pct(r["P_RAT_INAD"]),
                           _rs(r["V_INAD"]) if r["V_INAD"] else Text("—", style="dim"),
                           _rs(r["RATEIO_INAD"]), _rs(r["POSICAO_LIQUIDA"]))
        if total_agentes > max_agentes:
            tabela.caption = f"{max_agentes} de {total_agentes} agentes (maiores |V_TOT_LIQUI|)"
        saida.append(tabela)
        i = inad.filter(pl.col("mes") == mes)
        if i.height and i["INAD_NAO_COBERTA"][0] != 0:
            r = i.row(0, named=True)
            saida.append(Text.assemble(
                "  inadimplência não coberta: ", _rs(r["INAD_NAO_COBERTA"]), "; rateada aos credores: ",
                _rs(r["INAD_RATEADA"]), "; não rateada: ", _rs(r["INAD_NAO_RATEADA"])))
        d = dss.filter(pl.col("mes") == mes)
        for r in d.iter_rows(named=True):
            saida.append(Text.assemble(
                f"  desligado sem sucessão {r['agente']}: V_INAD_DSS = ", _rs(r["V_INAD_DSS"]),
                " (inadimplência do mês anterior) rateado aos perfis de PAPRIDO em AJU_INAD_DSS"))
    saida.append(Text(f"arredondamento de saída: {resultado.configuracao.arredondamento.descricao()}", style="dim"))
    return saida
