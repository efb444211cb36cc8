"""MVE §2.3.3–2.3.4 — values to receive (sellers, VINC_V_MVE) and to pay (buyers, VINC_C_MVE), cmds 39–44.

One pass over the contracts in supply: the contract value (``_CT``) is one exact product per row; the
per product (``_PROD``) and per profile sums are group-bys on integer codes (seller or buyer pid, prod).
The seller's and the buyer's value of a contract are the same number (the seed prints both formulas).
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from ._ops import agrupar, dec, esc, produto
from .dados import Base
from .esquema import REGISTRO

_ST = "∀ e em suprimento em m"
REGISTRO.comando(
    "39b", "Valor a receber por contrato, preço fixo", variavel="VLR_MVE_PF_CT",
    equacao="VLR_MVE_PF_CT[e,m] = MV_MVE_PRE[e,v] × M_HORAS[m] × PRECO_CT_MVE_M[e,v,m]",
    entradas=("MV_MVE_PRE", "M_HORAS", "PRECO_CT_MVE_M"), indices=("contrato", "mes"), texto=_ST)
REGISTRO.comando(
    "39a", "Valor a receber por produto, preço fixo", variavel="VLR_MVE_PF_PROD",
    equacao="VLR_MVE_PF_PROD[a,s,x,v,te,tp,m] = Σ_{e ∈ VINC_V_MVE, e ∈ a, produto} VLR_MVE_PF_CT[e,m]",
    entradas=("VLR_MVE_PF_CT", "VINC_V_MVE"),
    indices=("perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes"))
REGISTRO.comando(
    "39", "Valor a receber, preço fixo", variavel="VLR_MVE_PF",
    equacao="VLR_MVE_PF[a,m] = Σ_{s,x,v,te} VLR_MVE_PF_PROD[a,s,x,v,te,PF,m]", entradas=("VLR_MVE_PF_PROD",),
    indices=("perfil", "mes"), texto="Soma também em x (D20). Linha (0) para todo vendedor com contrato em suprimento.")
REGISTRO.comando(
    "40b", "Valor a receber por contrato, PLD + spread", variavel="VLR_MVE_PV_CT",
    equacao="VLR_MVE_PV_CT[e,m] = MV_MVE_PRE[e,v] × M_HORAS[m] × (PLD_MS[s,m] + SPREAD_CT_MVE_M[e,v,m])",
    entradas=("MV_MVE_PRE", "M_HORAS", "PLD_MS", "SPREAD_CT_MVE_M"), indices=("contrato", "mes"), texto=_ST)
REGISTRO.comando(
    "40a", "Valor a receber por produto, PLD + spread", variavel="VLR_MVE_PV_PROD",
    equacao="VLR_MVE_PV_PROD[a,s,x,v,te,tp,m] = Σ_{e ∈ VINC_V_MVE, e ∈ a, produto} VLR_MVE_PV_CT[e,m]",
    entradas=("VLR_MVE_PV_CT", "VINC_V_MVE"),
    indices=("perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes"))
REGISTRO.comando(
    "40", "Valor a receber, PLD + spread", variavel="VLR_MVE_PV",
    equacao="VLR_MVE_PV[a,m] = Σ_{s,x,v,te} VLR_MVE_PV_PROD[a,s,x,v,te,PV,m]", entradas=("VLR_MVE_PV_PROD",),
    indices=("perfil", "mes"))
REGISTRO.comando(
    "41", "Valor a receber do vendedor", variavel="VLR_MVE",
    equacao="VLR_MVE[a,m] = VLR_MVE_PF[a,m] + VLR_MVE_PV[a,m]", entradas=("VLR_MVE_PF", "VLR_MVE_PV"),
    indices=("perfil", "mes"))
REGISTRO.comando(
    "42b", "Valor a pagar por contrato, preço fixo", variavel="VLP_MVE_PF_CT",
    equacao="VLP_MVE_PF_CT[e,m] = MV_MVE_PRE[e,v] × M_HORAS[m] × PRECO_CT_MVE_M[e,v,m]",
    entradas=("MV_MVE_PRE", "M_HORAS", "PRECO_CT_MVE_M"), indices=("contrato", "mes"), texto=_ST)
REGISTRO.comando(
    "42a", "Valor a pagar por produto, preço fixo", variavel="VLP_MVE_PF_PROD",
    equacao="VLP_MVE_PF_PROD[a,s,x,v,te,tp,m] = Σ_{e ∈ VINC_C_MVE, e ∈ a, produto} VLP_MVE_PF_CT[e,m]",
    entradas=("VLP_MVE_PF_CT", "VINC_C_MVE"),
    indices=("perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes"))
REGISTRO.comando(
    "42", "Valor a pagar, preço fixo", variavel="VLP_MVE_PF",
    equacao="VLP_MVE_PF[a,m] = Σ_{s,x,v,te} VLP_MVE_PF_PROD[a,s,x,v,te,PF,m]", entradas=("VLP_MVE_PF_PROD",),
    indices=("perfil", "mes"))
REGISTRO.comando(
    "43b", "Valor a pagar por contrato, PLD + spread", variavel="VLP_MVE_PV_CT",
    equacao="VLP_MVE_PV_CT[e,m] = MV_MVE_PRE[e,v] × M_HORAS[m] × (PLD_MS[s,m] + SPREAD_CT_MVE_M[e,v,m])",
    entradas=("MV_MVE_PRE", "M_HORAS", "PLD_MS", "SPREAD_CT_MVE_M"), indices=("contrato", "mes"), texto=_ST)
REGISTRO.comando(
    "43a", "Valor a pagar por produto, PLD + spread", variavel="VLP_MVE_PV_PROD",
    equacao="VLP_MVE_PV_PROD[a,s,x,v,te,tp,m] = Σ_{e ∈ VINC_C_MVE, e ∈ a, produto} VLP_MVE_PV_CT[e,m]",
    entradas=("VLP_MVE_PV_CT", "VINC_C_MVE"),
    indices=("perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes"))
REGISTRO.comando(
    "43", "Valor a pagar, PLD + spread", variavel="VLP_MVE_PV",
    equacao="VLP_MVE_PV[a,m] = Σ_{s,x,v,te} VLP_MVE_PV_PROD[a,s,x,v,te,PV,m]", entradas=("VLP_MVE_PV_PROD",),
    indices=("perfil", "mes"))
REGISTRO.comando(
    "44", "Valor a pagar do comprador", variavel="VLP_MVE",
    equacao="VLP_MVE[a,m] = VLP_MVE_PV[a,m] + VLP_MVE_PF[a,m]", entradas=("VLP_MVE_PF", "VLP_MVE_PV"),
    indices=("perfil", "mes"))


def valores(base: Base, ativos: pl.DataFrame, m: int, horas: Decimal, cap: int) -> dict[str, pl.DataFrame]:
    """MVE cmds 39–44 on the contracts in supply (with PRECO_M / SPREAD_M of cmd 38).

    Returns the encoded tables: ``*_CT`` (cid), ``*_PROD`` (pid, prod), per profile (pid), and the
    contract rows with their value ``VAL`` (for cmds 56–57).
    """
    pld = base.pld_de(m)
    df = ativos.with_columns(pld.gather(ativos["sub"]).alias("PLD"))
    falta = df.filter(~pl.col("pf") & pl.col("PLD").is_null())
    if falta.height:
        raise base.erro_pld(int(falta["sub"][0]), m)
    sh = max(0, -int(horas.as_tuple().exponent))  # type: ignore[operator]
    # the price of each row: PRECO_CT_MVE_M (PF) or PLD_MS + SPREAD_CT_MVE_M (PV)
    df = df.with_columns(
        pl.when(pl.col("pf")).then(pl.col("PRECO_M")).otherwise(pl.col("PLD") + pl.col("SPREAD_M")).alias("_P"),
        dec(horas, sh).alias("_H"))
    smv = esc(df, "MV_MVE_PRE")
    df = df.with_columns(produto("MV_MVE_PRE", smv, "_H", sh, cap).alias("_MWh"))
    # MVE cmd 39 (b): VLR_MVE_PF_CT[e,m] = MV_MVE_PRE[e,v] × M_HORAS[m] × PRECO_CT_MVE_M[e,v,m]
    # MVE cmd 40 (b): VLR_MVE_PV_CT[e,m] = MV_MVE_PRE[e,v] × M_HORAS[m] × (PLD_MS[s,m] + SPREAD_CT_MVE_M[e,v,m])
    # MVE cmd 42 (b): VLP_MVE_PF_CT[e,m] = the same product as 39 (b), on the buyer's side (VINC_C_MVE)
    # MVE cmd 43 (b): VLP_MVE_PV_CT[e,m] = the same product as 40 (b), on the buyer's side
    df = df.with_columns(produto("_MWh", esc(df, "_MWh"), "_P", esc(df, "_P"), cap).alias("VAL")).drop("_H", "_MWh")
    pf, pv = df.filter(pl.col("pf")), df.filter(~pl.col("pf"))
    saida: dict[str, pl.DataFrame] = {
        "VLR_MVE_PF_CT": pf.select("cid", pl.col("VAL").alias("VLR_MVE_PF_CT")),
        "VLP_MVE_PF_CT": pf.select("cid", pl.col("VAL").alias("VLP_MVE_PF_CT")),
        "VLR_MVE_PV_CT": pv.select("cid", pl.col("VAL").alias("VLR_MVE_PV_CT")),
        "VLP_MVE_PV_CT": pv.select("cid", pl.col("VAL").alias("VLP_MVE_PV_CT")),
    }
    for lado, perfil, r in (("R", "vendedor", "VLR"), ("P", "comprador", "VLP")):
        # MVE cmd 39 (a) / 40 (a): VLR_MVE_PF_PROD / VLR_MVE_PV_PROD[a,PROD,m] = Σ_{e ∈ VINC_V_MVE, e ∈ a} *_CT[e,m]
        # MVE cmd 42 (a) / 43 (a): VLP_MVE_PF_PROD / VLP_MVE_PV_PROD[a,PROD,m] = Σ_{e ∈ VINC_C_MVE, e ∈ a} *_CT[e,m]
        por_prod = agrupar(df.rename({perfil: "pid"}), ["pid", "prod"], [pl.col("VAL").sum(), pl.col("pf").first()])
        saida[f"{r}_MVE_PF_PROD"] = por_prod.filter(pl.col("pf")).select("pid", "prod", pl.col("VAL").alias(f"{r}_MVE_PF_PROD"))
        saida[f"{r}_MVE_PV_PROD"] = por_prod.filter(~pl.col("pf")).select("pid", "prod", pl.col("VAL").alias(f"{r}_MVE_PV_PROD"))
        # MVE cmd 39 / 40: VLR_MVE_PF / VLR_MVE_PV[a,m] = Σ_{s,x,v,te} *_PROD (x too, D20; a row, maybe 0, for
        # every profile in supply); MVE cmd 42 / 43: VLP_MVE_PF / VLP_MVE_PV[a,m] likewise for buyers
        por_perfil = df.group_by(perfil).agg(
            pl.col("VAL").filter(pl.col("pf")).sum().alias("PF"), pl.col("VAL").filter(~pl.col("pf")).sum().alias("PV"),
        ).rename({perfil: "pid"}).sort("pid")
        saida[f"{r}_MVE_PF"] = por_perfil.select("pid", pl.col("PF").alias(f"{r}_MVE_PF"))
        saida[f"{r}_MVE_PV"] = por_perfil.select("pid", pl.col("PV").alias(f"{r}_MVE_PV"))
        # MVE cmd 41: VLR_MVE[a,m] = VLR_MVE_PF[a,m] + VLR_MVE_PV[a,m]
        # MVE cmd 44: VLP_MVE[a,m] = VLP_MVE_PV[a,m] + VLP_MVE_PF[a,m]
        saida[f"{r}_MVE"] = por_perfil.select("pid", (pl.col("PF") + pl.col("PV")).alias(f"{r}_MVE"))
        # VLR_MVE_PROD / VLP_MVE_PROD (cmds 57 (b) / 56 (b)): PF + PV per product (one of them per product)
        saida[f"{r}_MVE_PROD"] = por_prod.select("pid", "prod", pl.col("VAL").alias(f"{r}_MVE_PROD"))
    return saida
