"""Rich summary of a guarantees run (CLI ``ccee mve garantias``): what each buyer lodged and what is at risk,
and per month the draws, recomposition, excess, and what each seller receives or must still collect."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Mapping

import polars as pl
from rich.table import Table
from rich.text import Text

from ...resumo_base import rotulo as _nome
from ...resumo_base import rs as _rs

if TYPE_CHECKING:
    from .resultado import ResultadoGarantias


def _num(valor: Decimal | None, casas: int = 3) -> str:
    if valor is None:
        return "—"
    return f"{valor:,.{casas}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _mapa(df: pl.DataFrame, chaves: list[str], coluna: str) -> dict[tuple, Decimal]:
    return {tuple(r[c] for c in chaves): r[coluna] for r in df.to_dicts()}


def resumo(resultado: "ResultadoGarantias", nomes: Mapping[str, str] | None = None) -> list[Any]:
    nomes = nomes or {}
    saida: list[Any] = []
    r = resultado
    ax = ["agente", "processamento"]
    ap = _mapa(r.entradas.get("VLR_AP_GP_MVE", pl.DataFrame(schema={"agente": pl.String, "processamento": pl.String,
                                                                    "VLR_AP_GP_MVE": pl.Decimal(38, 2)})),
               ax, "VLR_AP_GP_MVE")
    lotes = r.entradas.get("LOT_INI_DNEG_MVE")
    lotes_m = _mapa(lotes, ax, "LOT_INI_DNEG_MVE") if lotes is not None else {}
    ref = {(a, x): v for (a, x, _), v in _mapa(r["VLR_REF_GP_A"], ["agente", "processamento", "ano"],
                                               "VLR_REF_GP_A").items()}
    gc = _mapa(r["VLR_GC_TOT"], ax, "VLR_GC_TOT")
    dev = _mapa(r["VLR_DEV_GP_MVE"], ax, "VLR_DEV_GP_MVE")
    vdp = _mapa(r["VDP_RC_GP_MVE"], ax, "VDP_RC_GP_MVE")
    chaves = sorted(set(ap) | set(gc) | set(ref))
    if chaves:
        t = Table(title="Garantias por comprador e processamento (cmds 110–117)", header_style="bold")
        t.add_column("agente")
        t.add_column("proc.")
        for rotulo in ("GP aportada", "VLR_REF_GP_A", "lotes (MWh)", "GFC a aportar", "GP devolvida", "GP retida"):
            t.add_column(rotulo, justify="right", no_wrap=True)
        for k in chaves:
            t.add_row(_nome(k[0], nomes), k[1], _rs(ap.get(k)), _num(ref.get(k), 6), _num(lotes_m.get(k)),
                      _rs(gc.get(k)), _rs(dev.get(k)), _rs(vdp.get(k)))
        saida.append(t)

    for mes in r.meses:
        def do_mes(nome: str) -> pl.DataFrame:
            return r[nome].filter(pl.col("mes") == mes)

        atual = do_mes("GC_PROD_ATUAL").join(r.base.perfis, on="perfil", how="left").group_by("agente").agg(
            pl.col("GC_PROD_ATUAL").sum())
        linhas: dict[str, dict[str, Decimal]] = {}
        for nome, df, col in (("saldo", atual, "GC_PROD_ATUAL"), ("acionada", do_mes("GCA_TOT"), "GCA_TOT"),
                              ("recompor", do_mes("RECOMP_GC_TOT"), "RECOMP_GC_TOT"),
                              ("excedente", do_mes("EXC_GC_TOT"), "EXC_GC_TOT")):
            for row in df.to_dicts():
                linhas.setdefault(row["agente"], {})[nome] = row[col]
        rescisao = do_mes("GCA_PROD_R").join(r.base.perfis, on="perfil", how="left").group_by("agente").agg(
            pl.col("GCA_PROD_R").sum())
        for row in rescisao.to_dicts():
            linhas.setdefault(row["agente"], {})["rescisao"] = row["GCA_PROD_R"]
        gp = do_mes("VAC_RC_GP_MVE").group_by("agente").agg(pl.col("VAC_RC_GP_MVE").sum())
        for row in gp.to_dicts():
            linhas.setdefault(row["agente"], {})["gp"] = row["VAC_RC_GP_MVE"]
        if linhas:
            t = Table(title=f"GFC dos compradores — {mes}", header_style="bold")
            t.add_column("comprador")
            for rotulo in ("saldo (122)", "acionada (125)", "p/ rescisão (140)", "a recompor (133)",
                           "excedente (136)", "GP acionada (118)"):
                t.add_column(rotulo, justify="right", no_wrap=True)
            for a in sorted(linhas):
                v = linhas[a]
                t.add_row(_nome(a, nomes), _rs(v.get("saldo")), _rs(v.get("acionada")), _rs(v.get("rescisao")),
                          _rs(v.get("recompor")), _rs(v.get("excedente")), _rs(v.get("gp")))
            saida.append(t)
        pares: dict[tuple, dict[str, Decimal]] = {}
        for nome, df, col in (("gfc", do_mes("GCR_TOT"), "GCR_TOT"), ("gp", do_mes("M_PAG_REM_VC"), "M_PAG_REM_VC"),
                              ("multa", do_mes("M_REM_GC"), "M_REM_GC")):
            for row in df.to_dicts():
                k = (row["agente_comprador"], row["agente_vendedor"], row["processamento"])
                pares.setdefault(k, {})[nome] = row[col]
        if pares:
            t = Table(title=f"Vendedores: recebido da GFC e multas a acertar bilateralmente — {mes}",
                      header_style="bold")
            for rotulo in ("comprador", "vendedor", "proc."):
                t.add_column(rotulo)
            for rotulo in ("GFC recebida (GCR_TOT)", "multa rem. não aporte (120)", "multa rem. após GFC (144)"):
                t.add_column(rotulo, justify="right", no_wrap=True)
            for k in sorted(pares):
                v = pares[k]
                t.add_row(_nome(k[0], nomes), _nome(k[1], nomes), k[2], _rs(v.get("gfc")), _rs(v.get("gp")),
                          _rs(v.get("multa")))
            saida.append(t)
    saida.append(Text(f"arredondamento de saída: {r.configuracao.arredondamento.descricao()}; "
                      f"multa residual PV: {r.configuracao.residual_pv}", style="dim"))
    return saida


__all__ = ["resumo"]
