"""MVE §2.3.5 — totals to receive, to pay and to settle (commands 52–54), vectorized.

One full-outer combination per profile of the month (VLR_MVE, VLP_MVE, the previous month's
ressarcimento totals, TOT_AJUSTES_MVE and ADDC_TOT_LIQ_MVE), then one group-by per agent.
"""

from __future__ import annotations

import polars as pl

from ._ops import colunas_por_tipo, somar_por
from .dados import Base
from .esquema import REGISTRO, ErroMVE

REGISTRO.comando(
    "52", "Valor total a receber", variavel="V_TOT_REC_MVE",
    equacao="V_TOT_REC_MVE[a,m] = VLR_MVE[a,m] + TOT_RESS_REC_MVE[a,m−1] + TOT_AJUSTES_MVE[a,m]",
    entradas=("VLR_MVE", "TOT_RESS_REC_MVE", "TOT_AJUSTES_MVE"), indices=("perfil", "mes"),
    texto="DECISÃO D4: TOT_AJUSTES_MVE entra aqui só para perfis vendedores. Linha para todo perfil com "
          "contrato em suprimento, ressarcimento carregado, ajuste ou ADDC no mês.")
REGISTRO.comando(
    "53", "Valor total a pagar", variavel="V_TOT_PAG_MVE",
    equacao="V_TOT_PAG_MVE[a,m] = VLP_MVE[a,m] + TOT_RESS_PAG_MVE[a,m−1] + TOT_AJUSTES_MVE[a,m]",
    entradas=("VLP_MVE", "TOT_RESS_PAG_MVE", "TOT_AJUSTES_MVE"), indices=("perfil", "mes"),
    texto="DECISÃO D4: TOT_AJUSTES_MVE entra aqui só para perfis compradores.")
REGISTRO.comando(
    "54", "Total a liquidar do agente", variavel="TOT_LIQ_MVE",
    equacao="TOT_LIQ_MVE[α,m] = Σ_{a∈Aα} (V_TOT_REC_MVE[a,m] − V_TOT_PAG_MVE[a,m] + ADDC_TOT_LIQ_MVE[a,m])",
    entradas=("V_TOT_REC_MVE", "V_TOT_PAG_MVE", "ADDC_TOT_LIQ_MVE", "A_ALPHA"), indices=("agente", "mes"),
    texto="+ recebe, − paga.")


def totais(base: Base, vlr: pl.DataFrame, vlp: pl.DataFrame, ant: dict[str, pl.DataFrame],
           tot_aj: pl.DataFrame, addc: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """MVE cmds 52–54 (``addc``: ADDC_TOT_LIQ_MVE of m, by pid)."""
    perfis = colunas_por_tipo([
        (vlr, "VLR_MVE", "VLR"), (vlp, "VLP_MVE", "VLP"), (ant["TOT_RESS_REC_MVE"], "TOT_RESS_REC_MVE", "REC1"),
        (ant["TOT_RESS_PAG_MVE"], "TOT_RESS_PAG_MVE", "PAG1"), (tot_aj, "TOT_AJUSTES_MVE", "AJ"),
        (addc, "ADDC_TOT_LIQ_MVE", "ADDC"),
    ], "pid")
    perfis = perfis.with_columns(base.agente_do_perfil.gather(perfis["pid"]).alias("aid"),
                                 base.papel.gather(perfis["pid"]).alias("_papel"))
    sem = perfis.filter(pl.col("aid").is_null())
    if sem.height:
        raise ErroMVE("A_ALPHA", f"perfil {base.perfis.valores[int(sem['pid'][0])]!r} sem agente")
    # DECISÃO D4 (spec M21): TOT_AJUSTES_MVE counts on the receiving side of a seller profile and on the paying
    # side of a buyer profile (printed in both 52 and 53, where it would cancel in 54).
    aj_v = pl.when(pl.col("_papel") == 1).then(pl.col("AJ")).otherwise(0)
    aj_c = pl.when(pl.col("_papel") == 2).then(pl.col("AJ")).otherwise(0)
    perfis = perfis.with_columns(
        # MVE cmd 52: V_TOT_REC_MVE[a,m] = VLR_MVE[a,m] + TOT_RESS_REC_MVE[a,m−1] + TOT_AJUSTES_MVE[a,m]
        (pl.col("VLR") + pl.col("REC1") + aj_v).alias("V_TOT_REC_MVE"),
        # MVE cmd 53: V_TOT_PAG_MVE[a,m] = VLP_MVE[a,m] + TOT_RESS_PAG_MVE[a,m−1] + TOT_AJUSTES_MVE[a,m]
        (pl.col("VLP") + pl.col("PAG1") + aj_c).alias("V_TOT_PAG_MVE"),
    )
    # MVE cmd 54: TOT_LIQ_MVE[α,m] = Σ_{a∈Aα} (V_TOT_REC_MVE − V_TOT_PAG_MVE + ADDC_TOT_LIQ_MVE)
    perfis = perfis.with_columns((pl.col("V_TOT_REC_MVE") - pl.col("V_TOT_PAG_MVE") + pl.col("ADDC")).alias("_liq"))
    agentes = somar_por(perfis, ["aid"], "_liq", "TOT_LIQ_MVE")
    return {"V_TOT_REC_MVE": perfis.select("pid", "V_TOT_REC_MVE"), "V_TOT_PAG_MVE": perfis.select("pid", "V_TOT_PAG_MVE"),
            "TOT_LIQ_MVE": agentes}
