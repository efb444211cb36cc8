"""Seed 003 §2.2 — Determinação do Rateio da Inadimplência (commands 4, 5, 6, 7).

Commands 4 and 5 are text: the custodian covers a defaulter up to its guarantees (4) and the rest is
borne by the creditors in proportion to their net credits (5). The engine takes the default net of
guarantees as given (V_INAD, or INAD_NAO_COBERTA) and applies 5 in the local settlement map
(``mapa.py``) with the shares of command 7.
"""

from __future__ import annotations

import polars as pl

from ..chaves import denso
from ..exact import CONTEXTO, ZERO, dividir_decimal, escala_de, literal, zero
from ..lineage import Explicacao, Termo, filtrar, fmt, termo
from ._mantissas import dividir, somas_segmentadas
from .esquema import REGISTRO

CMD4 = REGISTRO.comando(
    "4", "Agente Custodiante como contraparte até o limite das Garantias",
    entradas=("V_INAD", "INAD_NAO_COBERTA"),
    texto="Texto sem equação. O motor recebe a inadimplência já líquida das garantias aportadas: V_INAD[α,m] "
          "(ou o total INAD_NAO_COBERTA[m]) é o que o custodiante não cobriu.",
)
CMD5 = REGISTRO.comando(
    "5", "Demais agentes respondem na proporção de seus créditos líquidos",
    entradas=("P_RAT_INAD", "INAD_NAO_COBERTA"),
    texto="Texto sem equação. Aplicado no mapa de liquidação local (fora da regra): "
          "RATEIO_INAD[α,m] = −P_RAT_INAD[α,m] × INAD_NAO_COBERTA[m], em centavos, pelo maior resto.",
)
CMD6 = REGISTRO.comando(
    "6", "Valor para Rateio da Inadimplência", variavel="V_RAT_INAD",
    equacao="V_RAT_INAD[α,m] = 0 se α ∈ ACER; senão max(0, V_TOT_LIQUI[α,m] − Σ_{a∈α} RES_EXCD_ER[a,m] "
            "− Σ_{a∈α} RES_ENC_CER[a,m] − Σ_{a∈α} CRED_IMP_ARG_URU[a,m])",
    entradas=("V_TOT_LIQUI", "RES_EXCD_ER", "RES_ENC_CER", "CRED_IMP_ARG_URU", "ACER"), indices=("agente", "mes"),
    texto="RES_EXED_ER da equação impressa é RES_EXCD_ER (DECISÃO L1). CRED_IMP_ARG_URU (ausente = 0) aplica a "
          "nota 'Importante' sobre importação da Argentina/Uruguai (DECISÃO L3).",
)
CMD7 = REGISTRO.comando(
    "7", "Percentual de Participação no Rateio da Inadimplência", variavel="P_RAT_INAD",
    equacao="P_RAT_INAD[α,m] = V_RAT_INAD[α,m] / Σ_α V_RAT_INAD[α,m]", entradas=("V_RAT_INAD",),
    indices=("agente", "mes"),
    texto="Fração de 1 (não ×100; DECISÃO L6), arredondada uma vez à escala de divisão. Sem credor "
          "(Σ = 0): 0 para todos (DECISÃO L7).",
)


def v_rat_inad(agentes: pl.DataFrame, acer: pl.Series, na: int) -> pl.DataFrame:
    """(ka, V_RAT_INAD) from the per-agent sums of ``apuracao.somas_por_agente``; ``acer``: the codes
    (aid) of the ACER agents; ka = j·NA + aid."""
    s = max(escala_de(agentes, c) for c in ("V_TOT_LIQUI", "_EXCLUIDO"))
    credito = pl.col("V_TOT_LIQUI") - pl.col("_EXCLUIDO")
    eh_acer = denso(na, acer, pl.repeat(True, acer.len(), eager=True), padrao=False)  # aid → α ∈ ACER
    return agentes.select(
        "ka",
        # Liquidação cmd 6: α ∈ ACER → 0; others → max(0, V_TOT_LIQUI − ΣRES_EXCD_ER − ΣRES_ENC_CER [− ΣCRED_IMP_ARG_URU])
        pl.when(pl.lit(eh_acer).gather(pl.col("ka") % na)).then(zero(s))
        .otherwise(pl.max_horizontal(credito, zero(s)))
        .alias("V_RAT_INAD"),
    )


def p_rat_inad(v_rat: pl.DataFrame, escala_q: int, na: int) -> pl.DataFrame:
    """(ka, P_RAT_INAD); ``v_rat`` is sorted by ka, so month by month."""
    s = escala_de(v_rat, "V_RAT_INAD")
    j = v_rat["ka"] // na
    fins = j.search_sorted(pl.int_range(1, (j.max() or 0) + 2, dtype=j.dtype, eager=True))  # type: ignore[operator]
    # Σ_α V_RAT_INAD[α,m] of each row's month
    total = somas_segmentadas(v_rat["V_RAT_INAD"], fins).gather(j).alias("_total")
    # Liquidação cmd 7: P_RAT_INAD[α,m] = V_RAT_INAD[α,m] / Σ_α V_RAT_INAD[α,m], rounded once
    if (total != 0).all():
        p_rat = dividir("V_RAT_INAD", s, "_total", s, escala_q)
    else:
        sem_credor = pl.col("_total") == 0
        denominador = pl.when(sem_credor).then(literal(1, s)).otherwise(pl.col("_total"))
        # DECISÃO L7: no creditor in the month (Σ V_RAT_INAD = 0) → P_RAT_INAD = 0 for every agent.
        p_rat = pl.when(sem_credor).then(zero(escala_q)).otherwise(dividir("V_RAT_INAD", s, denominador, s, escala_q))
    return v_rat.with_columns(total).select("ka", p_rat.alias("P_RAT_INAD"))


# ----------------------------------------------------------------------------------------------------
# Explanations
# ----------------------------------------------------------------------------------------------------


def _soma_do_agente(resultado, tabela: str, agente: str, mes: str) -> Termo:
    df = resultado.entradas.get(tabela)
    perfis, agentes = resultado.perfis_do_mes(mes)
    do_agente = [p for p, a in zip(perfis, agentes) if a == agente]
    total, n = ZERO, 0
    if df is not None:
        for v in filtrar(df, {"mes": mes}).filter(pl.col("perfil").is_in(do_agente))[tabela].to_list():
            total = CONTEXTO.add(total, v)
            n += 1
    return Termo(f"Σ_{{a∈α}} {tabela}", {"agente": agente, "mes": mes}, total, f"entrada, {n} perfil(is) com linha")


@REGISTRO.derivador("V_RAT_INAD")
def _explicar_v_rat(resultado, chave: dict[str, str]) -> Explicacao:
    agente, mes = chave["agente"], chave["mes"]
    valor, saida = resultado.valor_exato("V_RAT_INAD", chave), resultado.valor("V_RAT_INAD", chave)
    acer = resultado.entradas.get("ACER")
    if acer is not None and filtrar(acer, {"agente": agente}).height:
        return Explicacao(CMD6, chave, valor, saida, [], ZERO, "α ∈ ACER → V_RAT_INAD = 0")
    tv = termo("V_TOT_LIQUI", resultado.exatas["V_TOT_LIQUI"], chave, "cmd 3")
    somas = [_soma_do_agente(resultado, t, agente, mes) for t in ("RES_EXCD_ER", "RES_ENC_CER", "CRED_IMP_ARG_URU")]
    credito = tv.valor
    for t in somas:
        credito = CONTEXTO.subtract(credito, t.valor)
    recalc = max(ZERO, credito)
    sub = f"max(0, {fmt(tv.valor)} − {fmt(somas[0].valor)} − {fmt(somas[1].valor)} − {fmt(somas[2].valor)}) = max(0, {fmt(credito)})"
    return Explicacao(CMD6, chave, valor, saida, [tv, *somas], recalc, substituicao=f"V_RAT_INAD = {sub}")


@REGISTRO.derivador("P_RAT_INAD")
def _explicar_p_rat(resultado, chave: dict[str, str]) -> Explicacao:
    mes = chave["mes"]
    tv = termo("V_RAT_INAD", resultado.exatas["V_RAT_INAD"], chave, "cmd 6")
    todos = filtrar(resultado.exatas["V_RAT_INAD"], {"mes": mes})["V_RAT_INAD"].to_list()
    total = ZERO
    for v in todos:
        total = CONTEXTO.add(total, v)
    credores = sum(1 for v in todos if v > 0)
    ts = Termo("Σ_α V_RAT_INAD", {"mes": mes}, total, f"cmd 6, Σ de {len(todos)} agentes ({credores} credores)")
    q = resultado.configuracao.precisao.escala_divisao
    recalc = dividir_decimal(tv.valor, total, q) if total != 0 else ZERO
    notas = [f"quociente arredondado uma vez a {q} casas (half-even)"]
    if total == 0:
        notas.append("nenhum credor no mês: P_RAT_INAD = 0 (DECISÃO L7)")
    return Explicacao(CMD7, chave, resultado.valor_exato("P_RAT_INAD", chave), resultado.valor("P_RAT_INAD", chave),
                      [tv, ts], recalc, substituicao=f"P_RAT_INAD = {fmt(tv.valor)} / {fmt(total)}", notas=notas)
