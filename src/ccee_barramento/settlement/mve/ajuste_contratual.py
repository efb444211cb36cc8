"""MVE Anexo I 3.1.1 — contract adjustment after a buyer's default (commands 60–65), vectorized."""

from __future__ import annotations

import polars as pl

from ._ops import esc, produto, quociente
from .esquema import REGISTRO

REGISTRO.comando(
    "60", "Ajuste de contratos (texto)",
    texto="Os ajustes de contrato por inadimplência aplicam-se só a contratos registrados antes das Garantias "
          "Financeiras (o cmd 64 os filtra).")
REGISTRO.comando(
    "61", "Redução proporcional (texto)",
    texto="Os contratos de compra do agente inadimplente são reduzidos proporcionalmente; só os vendedores dos seus "
          "produtos são afetados (o cmd 68 liga cada redução ao seu vendedor).")
REGISTRO.comando(
    "62", "Sem prioridade entre produtos (texto)",
    texto="Um fator por agente, o mesmo para todos os seus contratos (cmd 64).")
REGISTRO.comando(
    "63a", "Valor da inadimplência", variavel="VALOR_INAD_MVE",
    equacao="VALOR_INAD_MVE[α,m] = max(0; (−1) × TOT_LIQ_MVE[α,m] − |TOT_EFE_PAG_MVE[α,m]|)",
    entradas=("TOT_LIQ_MVE", "TOT_EFE_PAG_MVE"), indices=("agente", "mes"),
    texto="DECISÃO D8: agente sem linha em TOT_EFE_PAG_MVE = pagou o devido (cálculo ex-ante); 0 = não pagou.")
REGISTRO.comando(
    "63", "Fator da inadimplência efetiva", variavel="F_INAD_EFE_MVE",
    equacao="F_INAD_EFE_MVE[α,m] = VALOR_INAD_MVE[α,m] / ((−1) × TOT_LIQ_MVE[α,m])",
    entradas=("VALOR_INAD_MVE", "TOT_LIQ_MVE"), indices=("agente", "mes"),
    texto="DECISÃO D7: 0 para agente que não paga (TOT_LIQ_MVE ≥ 0).")
REGISTRO.comando(
    "64", "Ajuste do montante do contrato", variavel="AJU_M_MVE",
    equacao="AJU_M_MVE[e,m] = F_INAD_EFE_MVE[α,m] × MV_MVE_PRE[e,v] − ADDC_MV_MVE[e,m]",
    entradas=("F_INAD_EFE_MVE", "MV_MVE_PRE", "ADDC_MV_MVE"), indices=("contrato", "mes"),
    texto="∀ e anterior às garantias, em suprimento, cujo comprador α inadimpliu ou com ADDC_MV_MVE. DECISÃO D9: "
          "limitado a [0, MV_MVE_PRE].")
REGISTRO.comando(
    "65", "Montante final do contrato", variavel="MV",
    equacao="MV[e,v=m] = MV_MVE_PRE[e,v] − AJU_M_MVE[e,m]", entradas=("MV_MVE_PRE", "AJU_M_MVE"),
    indices=("contrato", "vigencia", "mes"), texto="Só contratos efetivamente reduzidos; nova vigência de um mês (v = m).")


def inadimplencia_efetiva(tot_liq: pl.DataFrame, pagos: pl.DataFrame, q: int) -> dict[str, pl.DataFrame]:
    """MVE cmd 63 for every agent of TOT_LIQ_MVE (``pagos``: TOT_EFE_PAG_MVE of m by aid)."""
    # MVE cmd 60 (text): contract adjustments for default only for contracts before the guarantees (cmd 64 filters).
    # MVE cmd 61 (text): the defaulting buyer's purchase contracts are reduced; only their sellers are affected.
    # MVE cmd 62 (text): no priority among products — one factor per agent, the same for all its contracts.
    df = tot_liq.join(pagos, on="aid", how="left", maintain_order="left")
    st = esc(df, "TOT_LIQ_MVE")
    deve = -pl.col("TOT_LIQ_MVE")
    paga = pl.col("TOT_LIQ_MVE") < 0
    # DECISÃO D8: no payment row = paid what was due (−TOT_LIQ_MVE if it pays, else 0)
    pago = pl.when(pl.col("TOT_EFE_PAG_MVE").is_not_null()).then(pl.col("TOT_EFE_PAG_MVE")) \
        .when(paga).then(deve).otherwise(0)
    # MVE cmd 63 (a): VALOR_INAD_MVE = max(0; (−1) × TOT_LIQ_MVE − |TOT_EFE_PAG_MVE|)
    df = df.with_columns((deve - pago.abs()).alias("_d"))
    df = df.with_columns(pl.when(pl.col("_d") > 0).then(pl.col("_d")).otherwise(0).alias("VALOR_INAD_MVE"))
    # MVE cmd 63: F_INAD_EFE_MVE = VALOR_INAD_MVE / ((−1) × TOT_LIQ_MVE); DECISÃO D7: 0 if it does not pay
    sv = esc(df, "VALOR_INAD_MVE")
    df = df.with_columns(quociente("VALOR_INAD_MVE", sv, deve, st, q, paga).alias("F_INAD_EFE_MVE"))
    return {"VALOR_INAD_MVE": df.select("aid", "VALOR_INAD_MVE"), "F_INAD_EFE_MVE": df.select("aid", "F_INAD_EFE_MVE")}


def ajuste_de_montante(ativos: pl.DataFrame, f_inad: pl.DataFrame, addc_mv: pl.DataFrame, cap: int) -> dict[str, pl.DataFrame]:
    """MVE cmds 64–65 on the contracts in supply registered before the guarantees. Returns AJU_M_MVE (cid)
    and MV (cid; vigência = the month) plus the contract rows with AJU (for cmds 68–70)."""
    df = ativos.filter(pl.col("anterior")).join(
        f_inad.rename({"aid": "agente_c"}), on="agente_c", how="left", maintain_order="left").join(
        addc_mv, on="cid", how="left", maintain_order="left")
    df = df.with_columns(pl.col("F_INAD_EFE_MVE").fill_null(0)).filter(
        (pl.col("F_INAD_EFE_MVE") != 0) | pl.col("ADDC_MV_MVE").is_not_null())
    sf, smv = esc(df, "F_INAD_EFE_MVE"), esc(df, "MV_MVE_PRE")
    # MVE cmd 64: AJU_M_MVE[e,m] = F_INAD_EFE_MVE[α,m] × MV_MVE_PRE[e,v] − ADDC_MV_MVE[e,m]
    df = df.with_columns((produto("F_INAD_EFE_MVE", sf, "MV_MVE_PRE", smv, cap)
                          - pl.col("ADDC_MV_MVE").fill_null(0)).alias("_aju"))
    # DECISÃO D9: bounded to [0, MV_MVE_PRE] (MV "positivos ou zero"; an ADDC can undo, never create energy)
    df = df.with_columns(
        pl.when(pl.col("_aju") < 0).then(0).when(pl.col("_aju") > pl.col("MV_MVE_PRE")).then(pl.col("MV_MVE_PRE"))
        .otherwise(pl.col("_aju")).alias("AJU_M_MVE"))
    # MVE cmd 65: MV[e, v = m] = MV_MVE_PRE[e,v] − AJU_M_MVE[e,m], only for contracts actually reduced
    mv = df.filter(pl.col("AJU_M_MVE") != 0).select("cid", (pl.col("MV_MVE_PRE") - pl.col("AJU_M_MVE")).alias("MV"))
    return {"AJU_M_MVE": df.select("cid", "AJU_M_MVE"), "MV": mv, "_contratos": df}
