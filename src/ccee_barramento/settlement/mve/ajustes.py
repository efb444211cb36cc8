"""MVE "Determinação dos ajustes" — adjustments for contracts registered before the Financial Guarantees,
commands 45–51, vectorized. Every ``[m-1]`` value comes from the carried state (or the input rows of the
previous month for the first month of a run).
"""

from __future__ import annotations

import polars as pl

from ._ops import esc, produto, quociente, somar_por, somar_uniao, vazio
from .dados import Base
from .esquema import REGISTRO

_PP = ("perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes")
_PAR = ("perfil_comprador", "perfil_vendedor", "submercado", "processamento", "vigencia", "tipo_energia",
        "tipo_preco", "mes")

REGISTRO.comando(
    "45", "Ajustes (texto)",
    texto="Os ajustes tratam ressarcimentos em aberto de liquidações anteriores e decisões administrativas ou "
          "judiciais, só para processamentos anteriores às Garantias Financeiras (AJUSTE_MVE de outro "
          "processamento é recusado).")
REGISTRO.comando(
    "46", "Valor inadimplido de ajustes, por perfil", variavel="VALOR_INAD_PERF_MVE",
    equacao="VALOR_INAD_PERF_MVE[a,m] = TOT_AJUSTES_MVE[a,m−1] × F_INAD_EFE_MVE[α,m−1]",
    entradas=("TOT_AJUSTES_MVE", "F_INAD_EFE_MVE", "A_ALPHA"), indices=("perfil", "mes"),
    texto="Linha para todo perfil com TOT_AJUSTES_MVE[m−1]; α = agente do perfil.")
REGISTRO.comando(
    "47", "Valor inadimplido de ajustes, por produto", variavel="VALOR_INAD_PROD_MVE",
    equacao="VALOR_INAD_PROD_MVE[a,PROD,m] = VALOR_INAD_PERF_MVE[a,m] × VLP_MVE_PROD_AJU[a,PROD,m−1] / "
            "Σ_PROD VLP_MVE_PROD_AJU[a,PROD,m−1]",
    entradas=("VALOR_INAD_PERF_MVE", "VLP_MVE_PROD_AJU", "PROCESSAMENTO_MVE"), indices=_PP,
    texto="DECISÃO D5: VLP_MVE_PROD_AJU do mês anterior. D6: só produtos de x anterior às garantias (numerador e "
          "denominador). D12: denominador 0 → 0. Só perfis com VALOR_INAD_PERF_MVE ≠ 0.")
REGISTRO.comando(
    "48", "Ajuste por inadimplência, par e produto", variavel="AJUSTE_INAD_MVE",
    equacao="AJUSTE_INAD_MVE[ac,av,PROD,m] = VALOR_INAD_PROD_MVE[ac,PROD,m] × F_VEND_MVE_PROD[av,PROD,m−1]",
    entradas=("VALOR_INAD_PROD_MVE", "F_VEND_MVE_PROD"), indices=_PAR, texto="D20 (índices ac/av).")
REGISTRO.comando(
    "49", "Ajuste final, par e produto", variavel="AJUSTE_MVE_F",
    equacao="AJUSTE_MVE_F[ac,av,PROD,m] = AJUSTE_INAD_MVE[ac,av,PROD,m] + AJUSTE_MVE[ac,av,PROD,m]",
    entradas=("AJUSTE_INAD_MVE", "AJUSTE_MVE"), indices=_PAR)
REGISTRO.comando(
    "50", "Ajustes por perfil e produto", variavel="AJUSTES_MVE_PROD",
    equacao="AJUSTES_MVE_PROD[a,PROD,m] = Σ_av AJUSTE_MVE_F[a,av,PROD,m] (comprador) | "
            "Σ_ac AJUSTE_MVE_F[ac,a,PROD,m] (vendedor)",
    entradas=("AJUSTE_MVE_F",), indices=_PP)
REGISTRO.comando(
    "51", "Total de ajustes do perfil", variavel="TOT_AJUSTES_MVE",
    equacao="TOT_AJUSTES_MVE[a,m] = Σ_{s,x,v,te,tp} AJUSTES_MVE_PROD[a,s,x,v,te,tp,m]",
    entradas=("AJUSTES_MVE_PROD",), indices=("perfil", "mes"))


def ajustes(base: Base, ant: dict[str, pl.DataFrame], ajuste_mve: pl.DataFrame, q: int, cap: int) -> dict[str, pl.DataFrame]:
    """MVE cmds 46–51. ``ant``: encoded values of m−1; ``ajuste_mve``: AJUSTE_MVE of m (ac, av, prod)."""
    # MVE cmd 45 (text): adjustments for still-open ressarcimento of earlier settlements and for administrative /
    # judicial decisions, only for "x anterior às garantias financeiras" (AJUSTE_MVE of another x is refused in
    # dados.preparar; cmd 47 keeps only those products).
    tot_1, f_1 = ant["TOT_AJUSTES_MVE"], ant["F_INAD_EFE_MVE"]
    if tot_1.height == 0 and ajuste_mve.height == 0:  # nothing to adjust this month
        i, pp, par = pl.Int64, {"pid": pl.Int64, "prod": pl.Int64}, {"ac": pl.Int64, "av": pl.Int64, "prod": pl.Int64}
        return {"VALOR_INAD_PERF_MVE": vazio({"pid": i}, "VALOR_INAD_PERF_MVE"),
                "VALOR_INAD_PROD_MVE": vazio(pp, "VALOR_INAD_PROD_MVE"), "AJUSTE_INAD_MVE": vazio(par, "AJUSTE_INAD_MVE"),
                "AJUSTE_MVE_F": vazio(par, "AJUSTE_MVE_F"), "AJUSTES_MVE_PROD": vazio(pp, "AJUSTES_MVE_PROD"),
                "TOT_AJUSTES_MVE": vazio({"pid": i}, "TOT_AJUSTES_MVE")}
    # MVE cmd 46: VALOR_INAD_PERF_MVE[a,m] = TOT_AJUSTES_MVE[a,m−1] × F_INAD_EFE_MVE[α,m−1]  (no row = 0)
    perf = tot_1.with_columns(base.agente_do_perfil.gather(tot_1["pid"]).alias("aid")).join(
        f_1, on="aid", how="left", maintain_order="left")
    st, sf = esc(perf, "TOT_AJUSTES_MVE"), esc(perf, "F_INAD_EFE_MVE")
    perf = perf.select("pid", produto("TOT_AJUSTES_MVE", st, pl.col("F_INAD_EFE_MVE").fill_null(0), sf, cap)
                       .alias("VALOR_INAD_PERF_MVE")).sort("pid")

    # MVE cmd 47: VALOR_INAD_PROD_MVE = VALOR_INAD_PERF_MVE × VLP_MVE_PROD_AJU[m−1] / Σ_PROD VLP_MVE_PROD_AJU[m−1]
    # DECISÃO D5 (m−1), D6 (only products of x before the guarantees, numerator and denominator), D12 (Σ = 0 → 0)
    anteriores = base.produtos.filter(pl.col("anterior"))["prod"]
    vlp_1 = ant["VLP_MVE_PROD_AJU"].filter(pl.col("prod").is_in(anteriores.implode()))
    vlp_1 = vlp_1.with_columns(pl.col("VLP_MVE_PROD_AJU").sum().over("pid").alias("_tot"))
    prod = vlp_1.join(perf.filter(pl.col("VALOR_INAD_PERF_MVE") != 0), on="pid", how="inner")
    sv, sa = esc(prod, "VALOR_INAD_PERF_MVE"), esc(prod, "VLP_MVE_PROD_AJU")
    prod = prod.with_columns(produto("VALOR_INAD_PERF_MVE", sv, "VLP_MVE_PROD_AJU", sa, cap).alias("_num"))
    prod = prod.select("pid", "prod", quociente("_num", esc(prod, "_num"), "_tot", esc(prod, "_tot"), q,
                                                 pl.col("_tot") != 0).alias("VALOR_INAD_PROD_MVE")).sort("pid", "prod")

    # MVE cmd 48: AJUSTE_INAD_MVE[ac,av,PROD,m] = VALOR_INAD_PROD_MVE[ac,PROD,m] × F_VEND_MVE_PROD[av,PROD,m−1]
    fv = ant["F_VEND_MVE_PROD"].rename({"pid": "av"})
    inad = prod.rename({"pid": "ac"}).join(fv, on="prod", how="inner")
    si, sfv = esc(inad, "VALOR_INAD_PROD_MVE"), esc(inad, "F_VEND_MVE_PROD")
    inad = inad.select("ac", "av", "prod", produto("VALOR_INAD_PROD_MVE", si, "F_VEND_MVE_PROD", sfv, cap)
                       .alias("AJUSTE_INAD_MVE")).sort("ac", "av", "prod")

    # MVE cmd 49: AJUSTE_MVE_F = AJUSTE_INAD_MVE + AJUSTE_MVE (union of the keys; no row = 0)
    chaves = ["ac", "av", "prod"]
    final = somar_uniao([(inad, "AJUSTE_INAD_MVE"), (ajuste_mve, "AJUSTE_MVE")], chaves, "AJUSTE_MVE_F")

    # MVE cmd 50: AJUSTES_MVE_PROD[a,PROD] = Σ_av AJUSTE_MVE_F (a = ac) ; Σ_ac AJUSTE_MVE_F (a = av)
    por_prod = somar_uniao([(final.rename({"ac": "pid"}), "AJUSTE_MVE_F"), (final.rename({"av": "pid"}), "AJUSTE_MVE_F")],
                           ["pid", "prod"], "AJUSTES_MVE_PROD")
    # MVE cmd 51: TOT_AJUSTES_MVE[a,m] = Σ_PROD AJUSTES_MVE_PROD[a,PROD,m]
    total = somar_por(por_prod, ["pid"], "AJUSTES_MVE_PROD", "TOT_AJUSTES_MVE")
    return {"VALOR_INAD_PERF_MVE": perf, "VALOR_INAD_PROD_MVE": prod, "AJUSTE_INAD_MVE": inad,
            "AJUSTE_MVE_F": final, "AJUSTES_MVE_PROD": por_prod, "TOT_AJUSTES_MVE": total}
