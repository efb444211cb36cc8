"""Seed 003 §2.1 — Apuração dos Valores a Liquidar (commands 1, 2, 3)."""

from __future__ import annotations

import polars as pl

from ..exact import CONTEXTO, ZERO, escala, tipo_decimal, zero
from ..lineage import Explicacao, Termo, filtrar, fmt, listar, termo
from .esquema import REGISTRO

CMD1 = REGISTRO.comando(
    "1", "Ajustes para cumprir decisões judiciais ou administrativas provisórias",
    entradas=("AJUSTES",),
    texto="Os ajustes vêm de mecanismo auxiliar de cálculo da CCEE: são a tabela de entrada AJUSTES[a,m] "
          "(ausente = 0), somada no comando 2.",
)
CMD2 = REGISTRO.comando(
    "2", "Valor a ser Liquidado", variavel="V_LIQUI",
    equacao="V_LIQUI[a,m] = RESULTADO[a,m] + AJUSTES[a,m] + AJU_INAD_DSS[a,m]",
    entradas=("RESULTADO", "AJUSTES", "AJU_INAD_DSS"), indices=("perfil", "mes"),
    texto="Perfis do mês: os que aparecem em RESULTADO, AJUSTES, RES_EXCD_ER, RES_ENC_CER, CRED_IMP_ARG_URU ou "
          "PAPRIDO; termo sem linha = 0.",
)
CMD3 = REGISTRO.comando(
    "3", "Valor Total a ser Liquidado", variavel="V_TOT_LIQUI",
    equacao="V_TOT_LIQUI[α,m] = Σ_{a∈Aα} V_LIQUI[a,m]", entradas=("V_LIQUI", "PERFIS"), indices=("agente", "mes"),
)

#: Per-profile input tables summed per profile, and their value column.
TERMOS_POR_PERFIL = ("RESULTADO", "AJUSTES", "RES_EXCD_ER", "RES_ENC_CER", "CRED_IMP_ARG_URU")


def v_liqui() -> pl.Expr:
    """V_LIQUI of each row of the profile-month grid (a term without an input row is 0 on the grid)."""
    # Liquidação cmd 1: AJUSTES[a,m] is an input (CCEE's auxiliary mechanism); no row = 0.
    # Liquidação cmd 2: V_LIQUI[a,m] = RESULTADO[a,m] + AJUSTES[a,m] + AJU_INAD_DSS[a,m]
    return (pl.col("RESULTADO") + pl.col("AJUSTES") + pl.col("AJU_INAD_DSS")).alias("V_LIQUI")


def somas_por_agente(base: pl.DataFrame, excluidos: list[pl.DataFrame]) -> pl.DataFrame:
    """(ka, V_TOT_LIQUI, _EXCLUIDO) per agent-month, sorted by ka: the Σ_{a∈Aα} of commands 3 and 6.

    ``base``: (ka, V_LIQUI) per profile-month; ``excluidos``: the rows (ka, value) of RES_EXCD_ER,
    RES_ENC_CER and CRED_IMP_ARG_URU keyed by their profile's agent-month. _EXCLUIDO is the sum of the
    three Σ_{a∈α} of command 6 (exact, so summing them together changes nothing).
    """
    agentes = base.group_by("ka").agg(
        # Liquidação cmd 3: V_TOT_LIQUI[α,m] = Σ_{a∈Aα} V_LIQUI[a,m]
        pl.col("V_LIQUI").sum().alias("V_TOT_LIQUI"),
    ).sort("ka")
    partes = [df.rename({df.columns[1]: "_EXCLUIDO"}) for df in excluidos if df.height]
    s = max([0] + [escala(df.schema["_EXCLUIDO"]) for df in partes])
    if not partes:
        return agentes.with_columns(zero(s).alias("_EXCLUIDO"))
    # Liquidação cmd 6: Σ_{a∈α} RES_EXCD_ER[a,m] + Σ_{a∈α} RES_ENC_CER[a,m] (+ DECISÃO L3's import credits)
    soma = pl.concat([df.with_columns(pl.col("_EXCLUIDO").cast(tipo_decimal(s))) for df in partes]) \
        .group_by("ka").agg(pl.col("_EXCLUIDO").sum())
    return agentes.join(soma, on="ka", how="left", maintain_order="left").with_columns(
        pl.col("_EXCLUIDO").fill_null(zero(s)))


# ----------------------------------------------------------------------------------------------------
# Explanations
# ----------------------------------------------------------------------------------------------------


@REGISTRO.derivador("V_LIQUI")
def _explicar_v_liqui(resultado, chave: dict[str, str]) -> Explicacao:
    ent = resultado.entradas
    termos = [
        termo("RESULTADO", ent.get("RESULTADO"), chave),
        termo("AJUSTES", ent.get("AJUSTES"), chave, "entrada (cmd 1)"),
        termo("AJU_INAD_DSS", resultado.exatas["AJU_INAD_DSS"], chave, "cmd 10"),
    ]
    recalc = ZERO
    for t in termos:
        recalc = CONTEXTO.add(recalc, t.valor)
    sub = " + ".join(fmt(t.valor) for t in termos)
    return Explicacao(CMD2, chave, resultado.valor_exato("V_LIQUI", chave), resultado.valor("V_LIQUI", chave),
                      termos, recalc, substituicao=f"V_LIQUI = {sub}")


@REGISTRO.derivador("V_TOT_LIQUI")
def _explicar_v_tot(resultado, chave: dict[str, str]) -> Explicacao:
    agente, mes = chave["agente"], chave["mes"]
    perfis, agentes = resultado.perfis_do_mes(mes)
    do_agente = {p for p, a in zip(perfis, agentes) if a == agente}
    linhas = filtrar(resultado.exatas["V_LIQUI"], {"mes": mes}).filter(pl.col("perfil").is_in(list(do_agente)))
    termos = [Termo("V_LIQUI", {"perfil": r["perfil"], "mes": mes}, r["V_LIQUI"], "cmd 2")
              for r in linhas.sort("perfil").to_dicts()]
    recalc = ZERO
    for t in termos:
        recalc = CONTEXTO.add(recalc, t.valor)
    listados, omitidos = listar(termos)
    sub = " + ".join(fmt(t.valor) for t in listados) + (" + ..." if omitidos else "")
    return Explicacao(CMD3, chave, resultado.valor_exato("V_TOT_LIQUI", chave), resultado.valor("V_TOT_LIQUI", chave),
                      listados, recalc, substituicao=f"V_TOT_LIQUI = {sub}", omitidos=omitidos,
                      notas=[f"Aα = {len(do_agente)} perfil(is) de {agente} em PERFIS; {len(termos)} com linha no mês"])
