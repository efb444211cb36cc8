"""Synthetic, consistent Liquidação inputs of any size (benchmark and tests), built vectorized.

``gerar(n_perfis, n_meses)`` returns engine tables (polars, exact Decimal) for ``n_perfis × n_meses``
profile-months: ~2.5 profiles per agent, one ACER, AJUSTES/RES_EXCD_ER/RES_ENC_CER/CRED_IMP_ARG_URU on
a fraction of the rows, a few defaulters per month (V_INAD), one of them disconnected without successor the
following month (ADSS), 90 % of the profiles in PAPRIDO, CONTRIB per agent-month and FP_E_RP from
one General Assembly. Pseudo-random values come from polars' hash of the row number, so a seed gives
the same tables every time (no float anywhere).
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from ..exact import literal, tipo_decimal
from ..runner import int_para_mes, mes_para_int


def _aleatorio(expr: pl.Expr, semente: int, modulo: int) -> pl.Expr:
    return (expr.hash(semente) % modulo).cast(pl.Int64)


def _reais(centavos: pl.Expr) -> pl.Expr:
    return centavos.cast(tipo_decimal(0)) * literal(Decimal("0.01"), 2)


def gerar(n_perfis: int, n_meses: int = 1, semente: int = 7, mes_inicial: str = "2026-01") -> dict[str, pl.DataFrame]:
    m0 = mes_para_int(mes_inicial)
    meses = [int_para_mes(m0 + i) for i in range(n_meses)]
    perfis = pl.DataFrame({"i": pl.int_range(0, n_perfis, eager=True)}).with_columns(
        perfil=pl.format("P{}", pl.col("i")), agente=pl.format("A{}", (pl.col("i") * 2) // 5)
    )
    n_agentes = (n_perfis * 2 + 4) // 5
    agentes = pl.DataFrame({"j": pl.int_range(0, n_agentes, eager=True)}).with_columns(agente=pl.format("A{}", pl.col("j")))
    mes_df = pl.DataFrame({"mes": meses, "k": list(range(n_meses))})

    linhas = perfis.join(mes_df, how="cross").with_columns(r=pl.col("i") * n_meses + pl.col("k"))
    tabelas: dict[str, pl.DataFrame] = {"PERFIS": perfis.select("perfil", "agente")}
    # RESULTADO: every profile-month, ±R$ 1,000,000.00
    tabelas["RESULTADO"] = linhas.select(
        "perfil", "mes", _reais(_aleatorio(pl.col("r"), semente, 200_000_001) - 100_000_000).alias("RESULTADO")
    )

    def fracao(nome: str, pct: int, s: int, maximo: int, sinal: bool) -> pl.DataFrame:
        sel = linhas.filter(_aleatorio(pl.col("r"), semente + s, 100) < pct)
        v = _aleatorio(pl.col("r"), semente + s + 1, maximo + 1)
        if sinal:
            v = v - maximo // 2
        return sel.select("perfil", "mes", _reais(v).alias(nome))

    tabelas["AJUSTES"] = fracao("AJUSTES", 10, 11, 2_000_000, True)
    tabelas["RES_EXCD_ER"] = fracao("RES_EXCD_ER", 30, 21, 5_000_000, False)
    tabelas["RES_ENC_CER"] = fracao("RES_ENC_CER", 5, 31, 10_000_000, True)
    tabelas["CRED_IMP_ARG_URU"] = fracao("CRED_IMP_ARG_URU", 1, 41, 3_000_000, False)
    tabelas["ACER"] = pl.DataFrame({"agente": ["A0"]})

    ag_mes = agentes.join(mes_df, how="cross").with_columns(r=pl.col("j") * n_meses + pl.col("k"))
    # V_INAD: ~0.5 % of the agents default each month
    inad = ag_mes.filter(_aleatorio(pl.col("r"), semente + 51, 1000) < 5)
    tabelas["V_INAD"] = inad.select(
        "agente", "mes", _reais(_aleatorio(pl.col("r"), semente + 52, 50_000_000) + 1).alias("V_INAD")
    )
    # ADSS: one of last month's defaulters is disconnected this month
    seguinte = {a: b for a, b in zip(meses, meses[1:])}
    adss = (
        inad.filter(pl.col("mes").is_in(list(seguinte)))
        .with_columns(pl.col("mes").replace_strict(seguinte, default=None).alias("mes"))
        .sort("mes", "agente")
        .group_by("mes", maintain_order=True)
        .head(1)
        .select("agente", "mes")
    )
    tabelas["ADSS"] = adss
    # PAPRIDO: 90 % of the profiles each month
    tabelas["PAPRIDO"] = linhas.filter(_aleatorio(pl.col("r"), semente + 61, 100) < 90).select("perfil", "mes")
    # CONTRIB (fraction, 10 places) per agent-month; FP_E_RP (6 places) from the first month's Assembly
    tabelas["CONTRIB"] = ag_mes.select(
        "agente", "mes",
        ((_aleatorio(pl.col("r"), semente + 71, 1_000_000) + 1).cast(tipo_decimal(0))
         * literal(Decimal("1E-10"), 10)).alias("CONTRIB"),
    )
    tabelas["FP_E_RP"] = perfis.select(
        "perfil", "agente", pl.lit(meses[0]).alias("mes"),
        ((_aleatorio(pl.col("i"), semente + 81, 1_000_000) + 1).cast(tipo_decimal(0))
         * literal(Decimal("0.000001"), 6)).alias("FP_E_RP"),
    )
    return tabelas


def como_linhas(tabelas: dict[str, pl.DataFrame]) -> dict[str, list[dict]]:
    """The same tables as lists of row dicts (the reference implementation's input)."""
    return {nome: df.to_dicts() for nome, df in tabelas.items()}
