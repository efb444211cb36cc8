"""MVE §2.3.6 — default-sharing factors of the month (commands 55–59), vectorized.

The per-product tables are (pid, prod); the buyer/seller pair factor joins the buyers' and the sellers'
factors on the product code, then groups by (seller, buyer) and by their agents.
"""

from __future__ import annotations

import polars as pl

from ._ops import esc, produto, quociente, somar_por, somar_uniao
from .dados import Base
from .esquema import REGISTRO, ErroMVE

_PP = ("perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes")

REGISTRO.comando(
    "55", "Inadimplência: dívida bilateral (texto)",
    texto="(a) antes das Garantias Financeiras a dívida é bilateral: só os vendedores dos produtos em que o "
          "comprador inadimplente participou a suportam (fatores 56–59); (b) com garantias, usa-se a GFC ou o "
          "contrato é rescindido (Anexo I, cmds 71–75).")
REGISTRO.comando(
    "56b", "Valor a pagar por produto", variavel="VLP_MVE_PROD",
    equacao="VLP_MVE_PROD[a,PROD,m] = VLP_MVE_PV_PROD[a,PROD,m] + VLP_MVE_PF_PROD[a,PROD,m]",
    entradas=("VLP_MVE_PV_PROD", "VLP_MVE_PF_PROD"), indices=_PP)
REGISTRO.comando(
    "56a", "Valor a pagar ajustado por produto", variavel="VLP_MVE_PROD_AJU",
    equacao="VLP_MVE_PROD_AJU[a,PROD,m] = VLP_MVE_PROD[a,PROD,m] + RESS_PAG_MVE[a,PROD,m−1] + AJUSTES_MVE_PROD[a,PROD,m]",
    entradas=("VLP_MVE_PROD", "RESS_PAG_MVE", "AJUSTES_MVE_PROD"), indices=_PP,
    texto="DECISÃO D4: AJUSTES_MVE_PROD só de perfis compradores.")
REGISTRO.comando(
    "56", "Fator do comprador por produto", variavel="F_COMP_MVE_PROD",
    equacao="F_COMP_MVE_PROD[a,PROD,m] = VLP_MVE_PROD_AJU[a,PROD,m] / ((−1) × TOT_LIQ_MVE[α,m])",
    entradas=("VLP_MVE_PROD_AJU", "TOT_LIQ_MVE"), indices=_PP,
    texto="DECISÃO D7: 0 quando o agente não paga (TOT_LIQ_MVE ≥ 0). Quociente arredondado uma vez (16 casas).")
REGISTRO.comando(
    "57b", "Valor a receber por produto", variavel="VLR_MVE_PROD",
    equacao="VLR_MVE_PROD[a,PROD,m] = VLR_MVE_PV_PROD[a,PROD,m] + VLR_MVE_PF_PROD[a,PROD,m]",
    entradas=("VLR_MVE_PV_PROD", "VLR_MVE_PF_PROD"), indices=_PP)
REGISTRO.comando(
    "57a", "Valor a receber ajustado por produto", variavel="VLR_MVE_PROD_AJU",
    equacao="VLR_MVE_PROD_AJU[a,PROD,m] = VLR_MVE_PROD[a,PROD,m] + RESS_REC_MVE[a,PROD,m−1] + AJUSTES_MVE_PROD[a,PROD,m]",
    entradas=("VLR_MVE_PROD", "RESS_REC_MVE", "AJUSTES_MVE_PROD"), indices=_PP,
    texto="DECISÃO D4: AJUSTES_MVE_PROD só de perfis vendedores.")
REGISTRO.comando(
    "57", "Fator do vendedor por produto", variavel="F_VEND_MVE_PROD",
    equacao="F_VEND_MVE_PROD[a,PROD,m] = VLR_MVE_PROD_AJU[a,PROD,m] / Σ_{a'} VLR_MVE_PROD_AJU[a',PROD,m]",
    entradas=("VLR_MVE_PROD_AJU",), indices=_PP, texto="DECISÃO D12: Σ = 0 → 0.")
REGISTRO.comando(
    "58", "Fator relacional vendedor-comprador", variavel="F_REL_VEND_COMP",
    equacao="F_REL_VEND_COMP[av,ac,m] = Σ_{s,x,v,te,tp} F_VEND_MVE_PROD[av,PROD,m] × F_COMP_MVE_PROD[ac,PROD,m]",
    entradas=("F_VEND_MVE_PROD", "F_COMP_MVE_PROD"), indices=("perfil_vendedor", "perfil_comprador", "mes"),
    texto="D20. Cada produto de dois fatores é arredondado a 20 casas (DECISÃO E1).")
REGISTRO.comando(
    "59", "Fator de inadimplência total", variavel="F_INAD_TOT",
    equacao="F_INAD_TOT[α,α*,m] = Σ_{ac∈Aα*} Σ_{av∈Aα} F_REL_VEND_COMP[av,ac,m]",
    entradas=("F_REL_VEND_COMP", "A_ALPHA"), indices=("agente_vendedor", "agente_comprador", "mes"),
    texto="D20: α = agente vendedor, α* = agente comprador.")


def fatores(base: Base, v: dict[str, pl.DataFrame], ant: dict[str, pl.DataFrame], aj_prod: pl.DataFrame,
            tot_liq: pl.DataFrame, q: int, cap: int) -> dict[str, pl.DataFrame]:
    """MVE cmds 56–59 (``v``: the tables of cmds 39–44, with VLP_MVE_PROD / VLR_MVE_PROD of 56 (b) / 57 (b))."""
    # MVE cmd 55 (text): (a) before the Financial Guarantees the debt is bilateral — only the sellers of the
    # products the defaulting buyer took part in bear it (the factors below pair them by product); (b) with
    # guarantees the GFC is used or the contract rescinded (cmds 71–75).
    # MVE cmd 56 (b) / 57 (b): VLP_MVE_PROD = VLP_MVE_PV_PROD + VLP_MVE_PF_PROD (valores.py, one per product)
    papel = base.papel.gather(aj_prod["pid"])
    aj_comp, aj_vend = aj_prod.filter(papel == 2), aj_prod.filter(papel == 1)
    chaves = ["pid", "prod"]
    # MVE cmd 56 (a): VLP_MVE_PROD_AJU = VLP_MVE_PROD + RESS_PAG_MVE[m−1] + AJUSTES_MVE_PROD (buyers, D4)
    vlp_aju = somar_uniao([(v["VLP_MVE_PROD"], "VLP_MVE_PROD"), (ant["RESS_PAG_MVE"], "RESS_PAG_MVE"),
                           (aj_comp, "AJUSTES_MVE_PROD")], chaves, "VLP_MVE_PROD_AJU")
    # MVE cmd 57 (a): VLR_MVE_PROD_AJU = VLR_MVE_PROD + RESS_REC_MVE[m−1] + AJUSTES_MVE_PROD (sellers, D4)
    vlr_aju = somar_uniao([(v["VLR_MVE_PROD"], "VLR_MVE_PROD"), (ant["RESS_REC_MVE"], "RESS_REC_MVE"),
                           (aj_vend, "AJUSTES_MVE_PROD")], chaves, "VLR_MVE_PROD_AJU")

    # MVE cmd 56: F_COMP_MVE_PROD = VLP_MVE_PROD_AJU / ((−1) × TOT_LIQ_MVE[α,m]); DECISÃO D7: 0 unless α pays
    comp = vlp_aju.with_columns(base.agente_do_perfil.gather(vlp_aju["pid"]).alias("aid"))
    if comp.filter(pl.col("aid").is_null()).height:
        p = comp.filter(pl.col("aid").is_null())["pid"][0]
        raise ErroMVE("A_ALPHA", f"perfil {base.perfis.valores[int(p)]!r} sem agente")
    comp = comp.join(tot_liq, on="aid", how="left", maintain_order="left").with_columns(
        pl.col("TOT_LIQ_MVE").fill_null(0))
    st = esc(comp, "TOT_LIQ_MVE")
    paga = pl.col("TOT_LIQ_MVE") < 0
    comp = comp.select("pid", "prod", quociente("VLP_MVE_PROD_AJU", esc(comp, "VLP_MVE_PROD_AJU"), -pl.col("TOT_LIQ_MVE"),
                                                 st, q, paga).alias("F_COMP_MVE_PROD"))

    # MVE cmd 57: F_VEND_MVE_PROD = VLR_MVE_PROD_AJU / Σ_{a'} VLR_MVE_PROD_AJU[a',PROD]; DECISÃO D12: Σ = 0 → 0
    vend = vlr_aju.with_columns(pl.col("VLR_MVE_PROD_AJU").sum().over("prod").alias("_tot"))
    vend = vend.select("pid", "prod", quociente("VLR_MVE_PROD_AJU", esc(vend, "VLR_MVE_PROD_AJU"), "_tot",
                                                 esc(vend, "_tot"), q, pl.col("_tot") != 0).alias("F_VEND_MVE_PROD"))

    # MVE cmd 58: F_REL_VEND_COMP[av,ac] = Σ_PROD F_VEND_MVE_PROD[av,PROD] × F_COMP_MVE_PROD[ac,PROD]
    rel = vend.rename({"pid": "av"}).join(comp.rename({"pid": "ac"}), on="prod", how="inner")
    rel = rel.with_columns(produto("F_VEND_MVE_PROD", esc(rel, "F_VEND_MVE_PROD"), "F_COMP_MVE_PROD",
                                   esc(rel, "F_COMP_MVE_PROD"), cap).alias("_p"))
    rel = somar_por(rel, ["av", "ac"], "_p", "F_REL_VEND_COMP")
    # MVE cmd 59: F_INAD_TOT[α,α*] = Σ_{ac∈Aα*} Σ_{av∈Aα} F_REL_VEND_COMP[av,ac]  (α seller, α* buyer; D20)
    tot = rel.with_columns(base.agente_do_perfil.gather(rel["av"]).alias("aav"),
                           base.agente_do_perfil.gather(rel["ac"]).alias("aac"))
    tot = somar_por(tot, ["aav", "aac"], "F_REL_VEND_COMP", "F_INAD_TOT")
    return {"VLP_MVE_PROD_AJU": vlp_aju, "VLR_MVE_PROD_AJU": vlr_aju, "F_COMP_MVE_PROD": comp.sort(chaves),
            "F_VEND_MVE_PROD": vend.sort(chaves), "F_REL_VEND_COMP": rel, "F_INAD_TOT": tot}
