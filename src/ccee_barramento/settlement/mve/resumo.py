"""Rich summary of an MVE run (CLI ``ccee mve liquidar`` and ``ccee demo``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Mapping

import polars as pl
from rich.table import Table
from rich.text import Text

from ..resumo_base import pct as _pct
from ..resumo_base import rotulo as _rotulo
from ..resumo_base import rs as _rs

if TYPE_CHECKING:
    from .resultado import ResultadoMVE


def _num(valor: Decimal | None, casas: int = 6) -> str:
    if valor is None:
        return "—"
    texto = format(valor.normalize() if valor == valor.to_integral_value() else valor, "f")
    if "." in texto:
        inteiro, frac = texto.split(".")
        texto = inteiro + "," + frac[:casas].rstrip("0").ljust(2, "0")
    return texto


def resumo(resultado: "ResultadoMVE", max_linhas: int = 15, nomes: Mapping[str, str] | None = None) -> list[Any]:
    """Per month: the agents' totals to settle (cmd 54), their default (cmd 63) and, when there are any, the
    contracts reduced (cmds 64–65), ressarcimento (68–70), rescissions and fines (71–75)."""
    nomes = nomes or {}
    r = resultado
    saida: list[Any] = []
    contratos = r.contratos()
    for mes in r.meses:
        tot = r["TOT_LIQ_MVE"].filter(pl.col("mes") == mes)
        inad = r["VALOR_INAD_MVE"].filter(pl.col("mes") == mes).join(
            r["F_INAD_EFE_MVE"].filter(pl.col("mes") == mes), on=["agente", "mes"], how="left")
        linhas = tot.join(inad, on=["agente", "mes"], how="left").sort(pl.col("TOT_LIQ_MVE").abs(), "agente",
                                                                        descending=[True, False])
        total = linhas.height
        tabela = Table(title=f"MVE — valores a liquidar {mes}", header_style="bold")
        tabela.add_column("agente")
        for rotulo in ("TOT_LIQ_MVE (R$)", "VALOR_INAD_MVE (R$)", "F_INAD_EFE_MVE"):
            tabela.add_column(rotulo, justify="right", no_wrap=True)
        for ln in linhas.head(max_linhas).iter_rows(named=True):
            tabela.add_row(_rotulo(ln["agente"], nomes), _rs(ln["TOT_LIQ_MVE"]),
                           _rs(ln["VALOR_INAD_MVE"]) if ln["VALOR_INAD_MVE"] else Text("—", style="dim"),
                           _pct(ln["F_INAD_EFE_MVE"]))
        if total > max_linhas:
            tabela.caption = f"{max_linhas} de {total} agentes (maiores |TOT_LIQ_MVE|); + recebe, − paga"
        else:
            tabela.caption = "+ recebe, − paga"
        saida.append(tabela)

        # contracts of the month: price, value, adjustment, rescission
        valores = pl.concat([r[n].filter(pl.col("mes") == mes).rename({n: "valor"}) for n in ("VLR_MVE_PF_CT", "VLR_MVE_PV_CT")])
        if valores.height:
            precos = pl.concat([
                r["PRECO_CT_MVE_M"].filter(pl.col("mes") == mes).select("contrato", pl.col("PRECO_CT_MVE_M").alias("preco")),
                r["SPREAD_CT_MVE_M"].filter(pl.col("mes") == mes).select("contrato", pl.col("SPREAD_CT_MVE_M").alias("preco")),
            ], how="vertical_relaxed")
            ct = valores.join(contratos.select("contrato", "perfil_vendedor", "perfil_comprador", "agente_vendedor",
                                               "agente_comprador", "tipo_preco"), on="contrato", how="left") \
                .join(precos, on="contrato", how="left") \
                .join(r["AJU_M_MVE"].filter(pl.col("mes") == mes).select("contrato", "AJU_M_MVE"), on="contrato", how="left") \
                .join(r["RESCISAO_MVE"].filter(pl.col("mes") == mes).select("contrato", "motivo"), on="contrato", how="left") \
                .sort(pl.col("valor").abs(), "contrato", descending=[True, False])
            tc = Table(title=f"contratos MVE em suprimento — {mes}", header_style="bold")
            largura = max(8, max(len(e) for e in ct["contrato"].to_list()))
            tc.add_column("contrato", no_wrap=True, min_width=min(largura, 14))
            tc.add_column("vendedor → comprador")
            tc.add_column("tp", no_wrap=True)
            for rotulo in ("preço/spread", "valor (R$)", "AJU_M (MWm)"):
                tc.add_column(rotulo, justify="right", no_wrap=True)
            tc.add_column("rescisão")
            for ln in ct.head(max_linhas).iter_rows(named=True):
                partes = f"{_rotulo(ln['agente_vendedor'], nomes)} → {_rotulo(ln['agente_comprador'], nomes)}"
                tc.add_row(ln["contrato"], partes, ln["tipo_preco"], _num(ln["preco"]), _rs(ln["valor"]),
                           _num(ln["AJU_M_MVE"]) if ln["AJU_M_MVE"] is not None else "—", ln["motivo"] or "")
            rodape = "tp: PF preço fixo (preço), PV PLD + spread (spread), R$/MWh"
            tc.caption = (f"{max_linhas} de {ct.height} contratos (maiores valores); " if ct.height > max_linhas else "") + rodape
            saida.append(tc)

        for nome, texto in (("TOT_RESS_PAG_MVE", "ressarcimento a pagar (cobrado no mês seguinte)"),
                            ("TM_PAG_MVE", "multa rescisória a pagar"), ("M_PAG_NAGC", "multa por não aporte da GFC")):
            df = r[nome].filter(pl.col("mes") == mes)
            chave = "perfil" if "perfil" in df.columns else "agente"
            for ln in df.iter_rows(named=True):
                if ln[nome]:
                    agente = r.agente_de(ln[chave]) if chave == "perfil" else ln[chave]
                    quem = f"perfil {ln[chave]} ({_rotulo(agente, nomes)})" if chave == "perfil" else _rotulo(agente, nomes)
                    saida.append(Text.assemble(f"  {texto}: {quem}: ", _rs(ln[nome])))
    saida.append(Text(f"arredondamento de saída: {r.configuracao.arredondamento.descricao()}", style="dim"))
    return saida
