"""Seed 003 §2.1 — Apuração dos Valores a Liquidar (commands 1, 2, 3)."""

from __future__ import annotations

import polars as pl

from ..exact import CONTEXTO, ZERO, escala, tipo_decimal
from ..lineage import Explicacao, Termo, filtrar, fmt, listar, termo
from ._chaves import no_grid, posicoes
from ._mantissas import soma, somas_inteiras, somas_segmentadas
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
#: The ones command 6 subtracts per agent.
TERMOS_EXCLUIDOS = ("RES_EXCD_ER", "RES_ENC_CER", "CRED_IMP_ARG_URU")


def resultado_mais_ajustes(resultado: pl.Series, ajustes: pl.Series) -> pl.Series:
    """RESULTADO + AJUSTES of each cell of the profile-month grid: the terms of command 2 that do not wait
    for §2.3 (exact; a term without an input row is 0 on the grid)."""
    # Liquidação cmd 1: AJUSTES[a,m] is an input (CCEE's auxiliary mechanism); no row = 0.
    return soma(resultado, ajustes)


def v_liqui(resultado_ajustes: pl.Series, aju_inad_dss: pl.Series) -> pl.Series:
    """V_LIQUI of each cell of the profile-month grid, from :func:`resultado_mais_ajustes`."""
    # Liquidação cmd 2: V_LIQUI[a,m] = RESULTADO[a,m] + AJUSTES[a,m] + AJU_INAD_DSS[a,m]
    return soma(resultado_ajustes, aju_inad_dss).alias("V_LIQUI")


def por_agente(coluna: pl.Series, ordem: pl.Series, fins: pl.Series) -> pl.Series:
    """Σ over each agent-month's profiles of a profile-month grid column (exact): ``ordem`` lists the grid's
    cells agent by agent and ``fins`` ends each agent-month's run (``Grade.por_agente``). A cell without a
    row is 0, so summing every cell of the run is the Σ over the agent's profiles of the month."""
    return somas_segmentadas(coluna.gather(ordem), fins)


def excluidos(entradas: dict[str, pl.DataFrame], np_: int, na: int, aid_do_pid: pl.Series) -> pl.DataFrame | None:
    """(ka, _EXCLUIDO) per agent-month: the sum over the agent's profiles of RES_EXCD_ER, RES_ENC_CER and
    CRED_IMP_ARG_URU (exact, at their largest scale); None when the three have no row in the block.
    ``entradas``: the tables' (g, value) rows on the profile-month grid of ``np_`` profiles."""
    partes = [entradas[n] for n in TERMOS_EXCLUIDOS if entradas[n].height]
    if not partes:
        return None
    s = max(escala(df.schema[df.columns[1]]) for df in partes)
    linhas = pl.concat([df.select("g", pl.col(df.columns[1]).cast(tipo_decimal(s)).alias("_EXCLUIDO")) for df in partes])
    ka = (pl.col("g") // np_ + 1) * na + pl.lit(aid_do_pid).gather(pl.col("g") % np_)
    # Liquidação cmd 6: Σ_{a∈α} RES_EXCD_ER[a,m] + Σ_{a∈α} RES_ENC_CER[a,m] (+ DECISÃO L3's import credits)
    return linhas.group_by(ka.alias("ka")).agg(pl.col("_EXCLUIDO").sum())


def somas_por_agente(resultado_ajustes: pl.Series, aju_inad_dss: pl.Series, excluido: pl.DataFrame | None,
                     ordem: pl.Series, fins: pl.Series, ka: pl.Series, n_a: int,
                     presente: pl.Series | None) -> pl.DataFrame:
    """(ka, V_TOT_LIQUI, _EXCLUIDO) per agent-month, sorted by ka: the Σ_{a∈Aα} of commands 3 and 6.

    ``resultado_ajustes``: Σ_{a∈Aα} (RESULTADO + AJUSTES) per agent-month (:func:`por_agente`, computed
    while §2.3 runs); ``aju_inad_dss`` and ``presente`` (None: every cell) are on the profile-month grid;
    ``ordem``, ``fins``, ``ka``: ``Grade.por_agente``. Agent-months without a profile are left out.
    ``excluido``: :func:`excluidos` (agent-months on a grid of ``n_a`` cells); _EXCLUIDO is the sum of the
    three Σ_{a∈α} of command 6 (exact, so summing them together changes nothing), 0 where the agent has
    none.
    """
    # Liquidação cmd 3: V_TOT_LIQUI[α,m] = Σ_{a∈Aα} V_LIQUI[a,m]
    #   = Σ_{a∈Aα} (RESULTADO + AJUSTES)[a,m] + Σ_{a∈Aα} AJU_INAD_DSS[a,m]   (exact sums: the same number)
    colunas = [ka.alias("ka"), soma(resultado_ajustes, por_agente(aju_inad_dss, ordem, fins)).alias("V_TOT_LIQUI")]
    if excluido is None:
        colunas.append(pl.repeat(ZERO, ka.len(), dtype=tipo_decimal(0), eager=True).alias("_EXCLUIDO"))
    else:
        no_agente = posicoes(excluido["ka"], n_a).gather(ka)
        colunas.append(no_grid(excluido["_EXCLUIDO"], no_agente, ZERO).alias("_EXCLUIDO"))
    agentes = pl.DataFrame(colunas)
    if presente is not None:
        agentes = agentes.filter(somas_inteiras(presente.gather(ordem), fins) > 0)
    return agentes


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
