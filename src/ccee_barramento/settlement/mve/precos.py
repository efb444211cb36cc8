"""MVE §2.3.1–2.3.2 — contracts in supply and contract prices (commands 35–38), vectorized.

Cmd 35 is text (every contract in supply is valued). Cmd 36 runs once per run (``dados._preco_do_contrato``,
DECISÃO D1). Cmds 37–38 run per month over the contracts in supply: the IPCA-updated price of multi-year
contracts is the carried state when there is one (the seed's recursion), else its closed form — the
December in force in month m is the latest December d with inicio ≤ d < m (DECISÃO D2), and the update is
always applied to the ORIGINAL price: ``X · NIPCA[d−1] / NIPCA[m*]`` (one division, 16 places).
"""

from __future__ import annotations

import polars as pl

from ..chaves import CODIGO
from ._ops import dec, esc, produto, quociente
from .dados import Base
from .esquema import REGISTRO, ErroMVE
from .referencia import int_para_mes

CMD35 = REGISTRO.comando(
    "35", "Determinação dos valores a liquidar (texto)",
    texto="Os valores são necessários à liquidação específica do MVE e para efetivar os contratos pagos: todo "
          "contrato em suprimento no mês (vigência contém m, não rescindido antes de m — D14) é valorado (39–44).",
)
CMD36_P = REGISTRO.comando(
    "36", "Preço do contrato (preço fixo)", variavel="PRECO_CT_MVE",
    equacao="PRECO_CT_MVE[e,v] = PRECO_N_MVE[lc,s,x,v,te,tp]  (lc = lance de compra do comprador de e)",
    entradas=("PRECO_CT_MVE", "VINC_C_MVE", "PRECO_N_MVE"), indices=("contrato", "vigencia"),
    texto="DECISÃO D1: dado diretamente em PRECO_CT_MVE ou derivado do lance (VINC_C_MVE.lance_compra); se ambos, "
          "iguais.",
)
CMD36_S = REGISTRO.comando(
    "36 (PV)", "Spread do contrato (PLD + spread)", variavel="SPREAD_CT_MVE",
    equacao="SPREAD_CT_MVE[e,v] = SPREAD_N_MVE[lc,s,x,v,te,tp]",
    entradas=("SPREAD_CT_MVE", "VINC_C_MVE", "SPREAD_N_MVE"), indices=("contrato", "vigencia"),
    texto="Parte do comando 36 (tipo de preço PLD + spread). DECISÃO D1.",
)
CMD37_P = REGISTRO.comando(
    "37", "Preço atualizado pelo IPCA (plurianual)", variavel="PRECO_CT_MVE_A",
    equacao="dezembro: PRECO_CT_MVE_A[e,v,m+1] = PRECO_CT_MVE[e,v] × NIPCA[m−1] / NIPCA[m*]; "
            "outros meses: PRECO_CT_MVE_A[e,v,m+1] = PRECO_CT_MVE_A[e,v,m]",
    entradas=("PRECO_CT_MVE", "NIPCA", "PROCESSAMENTO_MVE", "VIGENCIA_MVE"), indices=("contrato", "vigencia", "mes"),
    texto="Só contratos plurianuais (D21). DECISÃO D2: a 1ª atualização é no primeiro dezembro ≥ início do "
          "suprimento, válida a partir de janeiro; sempre sobre o preço original. Estado carregado quando houver.",
)
CMD37_S = REGISTRO.comando(
    "37 (PV)", "Spread atualizado pelo IPCA (plurianual)", variavel="SPREAD_CT_MVE_A",
    equacao="dezembro: SPREAD_CT_MVE_A[e,v,m+1] = SPREAD_CT_MVE[e,v] × NIPCA[m−1] / NIPCA[m*]; "
            "outros meses: SPREAD_CT_MVE_A[e,v,m+1] = SPREAD_CT_MVE_A[e,v,m]",
    entradas=("SPREAD_CT_MVE", "NIPCA", "PROCESSAMENTO_MVE", "VIGENCIA_MVE"), indices=("contrato", "vigencia", "mes"),
    texto="Parte do comando 37 (PLD + spread). DECISÃO D2.",
)
CMD38_P = REGISTRO.comando(
    "38", "Preço do contrato no mês", variavel="PRECO_CT_MVE_M",
    equacao="PRECO_CT_MVE_M[e,v,m] = PRECO_CT_MVE_A[e,v,m] (plurianual) | PRECO_CT_MVE[e,v] (demais)",
    entradas=("PRECO_CT_MVE_A", "PRECO_CT_MVE"), indices=("contrato", "vigencia", "mes"),
)
CMD38_S = REGISTRO.comando(
    "38 (PV)", "Spread do contrato no mês", variavel="SPREAD_CT_MVE_M",
    equacao="SPREAD_CT_MVE_M[e,v,m] = SPREAD_CT_MVE_A[e,v,m] (plurianual) | SPREAD_CT_MVE[e,v] (demais)",
    entradas=("SPREAD_CT_MVE_A", "SPREAD_CT_MVE"), indices=("contrato", "vigencia", "mes"),
    texto="Parte do comando 38 (PLD + spread).",
)


def dezembro_em_vigor(mes: pl.Expr) -> pl.Expr:
    """The latest December strictly before month ``mes`` (month counters; December ≡ 11 mod 12)."""
    anterior = mes - 1
    return anterior - ((anterior % 12 + 1) % 12)


def em_suprimento(base: Base, m: int, resc_mes: pl.Series) -> pl.DataFrame:
    """MVE cmd 35 / "∀ v ∈ m, somente para contratos em suprimento": the contracts whose vigência contains m
    and that were not rescinded in an earlier month (DECISÃO D14: rescinded in m = settled in m)."""
    c = base.contratos.with_columns(resc_mes.alias("_resc"))
    return c.filter((pl.col("ini") <= m) & (pl.col("fim") >= m)
                    & (pl.col("_resc").is_null() | (pl.col("_resc") >= m))).drop("_resc")


def _nipca_por_mes(base: Base, meses: pl.Series) -> pl.Series:
    """NIPCA of each month counter (null where there is no row)."""
    tabela = pl.DataFrame({"_m": list(base.nipca), "_n": list(base.nipca.values())},
                          schema={"_m": CODIGO, "_n": base.tabelas["NIPCA"].schema["NIPCA"]}) if base.nipca else None
    df = pl.DataFrame({"_m": meses})
    if tabela is None:
        return pl.Series("_n", [None] * meses.len(), dtype=base.tabelas["NIPCA"].schema["NIPCA"])
    return df.join(tabela, on="_m", how="left", maintain_order="left")["_n"]


def atualizados(base: Base, df: pl.DataFrame, mes: pl.Expr | int, q: int, cap: int,
                usar: pl.Expr | None = None) -> pl.DataFrame:
    """``df`` (contract rows with ini, plur, mproc, PRECO, SPREAD, NIPCA_PROC) plus ``_PA`` / ``_SA``: the
    price and spread of cmd 37 in month ``mes`` in closed form (the original for other contracts or before
    the first update). ``usar``: rows whose value is needed (a missing NIPCA there is an error)."""
    mes_e = pl.lit(mes, dtype=CODIGO) if isinstance(mes, int) else mes
    df = df.with_columns(dezembro_em_vigor(mes_e).alias("_d"))
    df = df.with_columns((pl.col("plur") & (pl.col("_d") >= pl.col("ini"))).alias("_upd"))
    df = df.with_columns(_nipca_por_mes(base, df["_d"] - 1).alias("_N1"))
    precisa = pl.col("_upd") & (usar if usar is not None else pl.lit(True))
    # the reference reads NIPCA[d−1] first, then NIPCA[m*]
    falta = df.filter(precisa & pl.col("_N1").is_null())
    if falta.height:
        raise ErroMVE("NIPCA", f"sem número-índice do IPCA para o mês {int_para_mes(int(falta['_d'].min()) - 1)}")
    falta = df.filter(precisa & pl.col("NIPCA_PROC").is_null())
    if falta.height:
        raise ErroMVE("NIPCA", f"sem número-índice do IPCA para o mês {int_para_mes(int(falta['mproc'].min()))}")
    if not df["_upd"].any():  # no update in force: keep the original prices (and their scale)
        return df.with_columns(pl.col("PRECO").alias("_PA"), pl.col("SPREAD").alias("_SA")).drop("_d", "_upd", "_N1")
    sn, sp, ss = esc(df, "_N1"), esc(df, "PRECO"), esc(df, "SPREAD")
    sd = esc(df, "NIPCA_PROC")
    ok = pl.col("_upd") & pl.col("_N1").is_not_null() & pl.col("NIPCA_PROC").is_not_null() & (pl.col("NIPCA_PROC") != 0)
    # MVE cmd 37 (i): X_A = X[e,v] × NIPCA[m−1] / NIPCA[m*], the product exact, the quotient rounded once
    df = df.with_columns(
        produto("PRECO", sp, "_N1", sn, cap).alias("_PN"), produto("SPREAD", ss, "_N1", sn, cap).alias("_SN"))
    spn, ssn = esc(df, "_PN"), esc(df, "_SN")
    return df.with_columns(
        pl.when(ok).then(quociente("_PN", spn, "NIPCA_PROC", sd, q, ok)).otherwise(pl.col("PRECO")).alias("_PA"),
        pl.when(ok).then(quociente("_SN", ssn, "NIPCA_PROC", sd, q, ok)).otherwise(pl.col("SPREAD")).alias("_SA"),
    ).drop("_d", "_upd", "_N1", "_PN", "_SN")


def precos_do_mes(base: Base, ativos: pl.DataFrame, m: int, estado_a: pl.DataFrame, q: int, cap: int) -> pl.DataFrame:
    """MVE cmds 37–38 for the contracts in supply: columns PRECO_A, SPREAD_A (cmd 37, multi-year only),
    PRECO_M (PF), SPREAD_M (PV) (cmd 38)."""
    df = atualizados(base, ativos, m, q, cap, usar=pl.col("cid").is_in(estado_a["cid"].implode()).not_())
    df = df.join(estado_a.select("cid", pl.lit(True).alias("_est"), pl.col("PRECO_A").alias("_PE"),
                                 pl.col("SPREAD_A").alias("_SE")), on="cid", how="left", maintain_order="left")
    # MVE cmd 37: the value carried from month m−1 (computed there as "m+1") when present, else the closed form
    est = pl.col("_est").fill_null(False)
    df = df.with_columns(
        pl.when(est).then(pl.col("_PE")).otherwise(pl.col("_PA")).alias("PRECO_A"),
        pl.when(est).then(pl.col("_SE")).otherwise(pl.col("_SA")).alias("SPREAD_A"),
    )
    # MVE cmd 38: PRECO_CT_MVE_M = PRECO_CT_MVE_A (plurianual) | PRECO_CT_MVE ; same for the spread
    return df.with_columns(
        pl.when(pl.col("plur")).then(pl.col("PRECO_A")).otherwise(pl.col("PRECO")).alias("PRECO_M"),
        pl.when(pl.col("plur")).then(pl.col("SPREAD_A")).otherwise(pl.col("SPREAD")).alias("SPREAD_M"),
    ).drop("_PA", "_SA", "_est", "_PE", "_SE")


def proximos(base: Base, ativos: pl.DataFrame, m: int, q: int, cap: int) -> pl.DataFrame:
    """MVE cmd 37, the recursion step kept in the state: (cid, PRECO_A, SPREAD_A) valid in m+1 for the
    multi-year contracts in supply whose vigência goes past m: (i) December → X × NIPCA[m−1] / NIPCA[m*];
    (ii) other months → the value of m."""
    df = ativos.filter(pl.col("plur") & (pl.col("fim") >= m + 1))
    if m % 12 != 11 or df.height == 0:
        return df.select("cid", "PRECO_A", "SPREAD_A")
    n1 = base.nipca_de(m - 1)
    falta = df.filter(pl.col("NIPCA_PROC").is_null())
    if falta.height:
        raise ErroMVE("NIPCA", f"sem número-índice do IPCA para o mês {int_para_mes(int(falta['mproc'].min()))}")
    sn = max(0, -int(n1.as_tuple().exponent))  # type: ignore[operator]
    df = df.with_columns(dec(n1, sn).alias("_N1"))
    sp, ss, sd = esc(df, "PRECO"), esc(df, "SPREAD"), esc(df, "NIPCA_PROC")
    df = df.with_columns(produto("PRECO", sp, "_N1", sn, cap).alias("_PN"), produto("SPREAD", ss, "_N1", sn, cap).alias("_SN"))
    ok = pl.col("NIPCA_PROC") != 0  # null PRECO (PV) / SPREAD (PF) stay null
    return df.select(
        "cid",
        quociente("_PN", esc(df, "_PN"), "NIPCA_PROC", sd, q, ok).alias("PRECO_A"),
        quociente("_SN", esc(df, "_SN"), "NIPCA_PROC", sd, q, ok).alias("SPREAD_A"),
    )
