"""Beyond the seed: the local "mapa de liquidação".

Given the month's default not covered by guarantees (command 4: ``INAD_NAO_COBERTA[m]``, or by default
Σ_α V_INAD[α,m]), allocate it to the creditors by P_RAT_INAD (command 5) and show each agent's net
position::

    RATEIO_INAD[α,m]     = −(P_RAT_INAD[α,m] × INAD_NAO_COBERTA[m]), in whole centavos (largest remainder)
    POSICAO_LIQUIDA[α,m] = V_TOT_LIQUI[α,m] + RATEIO_INAD[α,m]

Allocation (DECISÃO M1): the amount is converted to units of the output's R$ places (centavos by
default; the total itself is rounded half-to-even to that unit first). Each creditor gets
⌊P × total⌋ units; the units left over go one each to the largest fractional parts (ties: agente
ascending). So the shares add up to the total exactly, to the centavo, and each differs from the exact
proportional share by less than one centavo. With no creditor the whole amount stays unallocated
(``MAPA_INAD.INAD_NAO_RATEADA``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Mapping

import polars as pl

from ..chaves import denso
from ..exact import CONTEXTO, CONTEXTO_QUANTIZE, ZERO, escala, escala_de, literal, tipo_decimal, zero
from ..lineage import Explicacao, Termo, filtrar, fmt, termo
from ._chaves import no_grid, posicoes
from ._mantissas import decimal_de, mantissa, negativo, produto, soma
from .esquema import REGISTRO

CMD_MAPA_RATEIO = REGISTRO.comando(
    "mapa.1", "Rateio da inadimplência não coberta entre os credores (fora da regra; aplica o cmd 5)",
    variavel="RATEIO_INAD",
    equacao="RATEIO_INAD[α,m] = −(P_RAT_INAD[α,m] × INAD_NAO_COBERTA[m]) em centavos, pelo maior resto",
    entradas=("P_RAT_INAD", "INAD_NAO_COBERTA", "V_INAD"), indices=("agente", "mes"),
    texto="INAD_NAO_COBERTA[m] = tabela de entrada, ou Σ_α V_INAD[α,m] (DECISÃO M1).",
)
CMD_MAPA_POSICAO = REGISTRO.comando(
    "mapa.2", "Posição líquida do agente no mapa de liquidação (fora da regra)", variavel="POSICAO_LIQUIDA",
    equacao="POSICAO_LIQUIDA[α,m] = V_TOT_LIQUI[α,m] + RATEIO_INAD[α,m]", entradas=("V_TOT_LIQUI", "RATEIO_INAD"),
    indices=("agente", "mes"),
)


def unidade_alocacao(casas_rs: int | None) -> int:
    """Decimal places of the allocation unit: the output's R$ places, 2 (centavos) when not rounding."""
    return 2 if casas_rs is None else casas_rs


def em_unidades(total: Decimal, casas: int) -> int:
    """The total in whole allocation units (rounded half-to-even once)."""
    return int(total.scaleb(casas, context=CONTEXTO_QUANTIZE).quantize(Decimal(1), context=CONTEXTO_QUANTIZE))


def mapa_liquidacao(
    agentes: pl.DataFrame, p_rat: pl.DataFrame, v_inad: pl.Series, v_inad_mes: pl.DataFrame, totais: pl.DataFrame,
    na: int, casas: int,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(MAPA_LIQUIDACAO rows sorted by ka, MAPA_INAD rows sorted by j).

    ``agentes``: (ka, V_TOT_LIQUI) sorted by ka; ``p_rat``: (ka, P_RAT_INAD) in the same rows; ``v_inad``:
    V_INAD dense on the agent-month grid, and ``v_inad_mes`` its rows (ka, V_INAD) in the block's months;
    ``totais``: (j, INAD_NAO_COBERTA, _unidades) — the month's uncovered default and it in whole
    allocation units (``em_unidades``). The map lists every agent with a V_TOT_LIQUI or a V_INAD row.
    """
    st, sp, si = escala_de(agentes, "V_TOT_LIQUI"), escala_de(p_rat, "P_RAT_INAD"), escala(v_inad.dtype)
    base = agentes.select("ka", "V_TOT_LIQUI").with_columns(
        p_rat["P_RAT_INAD"], v_inad.gather(agentes["ka"]).fill_null(Decimal(0)).cast(tipo_decimal(si)).alias("V_INAD"))
    so_inad = v_inad_mes.select("ka", "V_INAD").filter(~_entre(v_inad_mes["ka"], agentes["ka"]))
    if so_inad.height:  # defaulters without a profile row in the month: V_TOT_LIQUI = 0, no share
        base = pl.concat([base, so_inad.select("ka", zero(st).alias("V_TOT_LIQUI"), zero(sp).alias("P_RAT_INAD"),
                                                pl.col("V_INAD").cast(tipo_decimal(si)))]).sort("ka")
    unidades = denso(int(totais["j"].max()) + 1 if totais.height else 1, totais["j"], totais["_unidades"], padrao=0)
    # Liquidação cmd 5 (mapa): bruto = P_RAT_INAD × total in allocation units (exact); piso = ⌊bruto⌋.
    # Only creditors (P_RAT_INAD > 0) get a share; the others' is 0.
    credores = base.select("ka", "P_RAT_INAD").with_row_index("_linha").filter(pl.col("P_RAT_INAD") > 0)
    credores = credores.with_columns((pl.col("ka") // na).alias("j"))
    credores = credores.with_columns(unidades.gather(credores["j"]).alias("_unidades"))
    bruto = produto(credores["P_RAT_INAD"], sp, credores["_unidades"].cast(tipo_decimal(0)), 0)
    credores = credores.with_columns(
        mantissa(bruto).alias("_bruto"), bruto.cast(pl.Int128).alias("_piso"))  # bruto ≥ 0: the cast truncates = floor
    credores = credores.with_columns(
        # the fractional part, as a mantissa at bruto's scale (same order as the Decimal)
        (pl.col("_bruto") - pl.col("_piso") * pl.lit(10**sp, dtype=pl.Int128)).alias("_frac"),
        (pl.col("_unidades") - pl.col("_piso").sum().over("j")).alias("_resto"),
    )
    # the units left over go one each to the largest fractional parts (ties: agente ascending, the rows'
    # order); when the rounded shares overshoot (resto < 0) one unit is taken from the smallest fractional
    # parts of the shares with a unit instead. ``_ordem`` ranks the eligible shares of each month (an
    # ordinal rank keeps ties in the rows' order); the others rank after them and get nothing.
    sobra = pl.col("_resto") >= 0
    elegivel = sobra | (pl.col("_piso") > 0)
    chave = pl.when(~elegivel).then(pl.lit(10**sp, dtype=pl.Int128)) \
        .when(sobra).then(pl.lit(0, dtype=pl.Int128) - pl.col("_frac")).otherwise(pl.col("_frac"))
    if sp <= 18:  # |chave| ≤ 10^sp fits Int64, which ranks faster (same order)
        chave = chave.cast(pl.Int64)
    credores = credores.with_columns(chave.rank("ordinal").over("j").alias("_ordem")).select(
        "_linha", "j", (pl.col("_piso") + pl.when(elegivel & (pl.col("_ordem") <= pl.col("_resto").abs()))
                        .then(pl.when(sobra).then(1).otherwise(-1)).otherwise(0).cast(pl.Int128)).alias("_u"))
    # RATEIO_INAD = −units in R$ (the unit is 10^-casas: the units are its mantissa); 0 for the others
    u = no_grid(credores["_u"], posicoes(credores["_linha"], base.height), 0)
    mapa = base.with_columns(decimal_de(negativo(u), casas).alias("RATEIO_INAD"))
    mapa = mapa.with_columns(soma(mapa["V_TOT_LIQUI"], mapa["RATEIO_INAD"]).alias("POSICAO_LIQUIDA"))
    um = literal(Decimal(1).scaleb(-casas), casas)
    rateado = credores.group_by("j").agg(pl.col("_u").sum())
    resumo = (
        totais.join(rateado, on="j", how="left")
        .with_columns((pl.col("_u").fill_null(0).cast(tipo_decimal(0)) * um).alias("INAD_RATEADA"))
        .with_columns((pl.col("INAD_NAO_COBERTA") - pl.col("INAD_RATEADA")).alias("INAD_NAO_RATEADA"))
        .select("j", "INAD_NAO_COBERTA", "INAD_RATEADA", "INAD_NAO_RATEADA")
        .sort("j")
    )
    return mapa, resumo


def _entre(chaves: pl.Series, ordenadas: pl.Series) -> pl.Series:
    """Whether each of ``chaves`` is in ``ordenadas`` (ascending): a binary search, no hash table."""
    if ordenadas.len() == 0:
        return pl.repeat(False, chaves.len(), eager=True)
    pos = ordenadas.search_sorted(chaves).cast(pl.Int64)
    return (pos < ordenadas.len()) & (ordenadas.gather(pos.clip(upper_bound=ordenadas.len() - 1)) == chaves)


def alocar(p_rat: Mapping[str, Decimal], total: Decimal, casas: int) -> dict[str, int]:
    """The same allocation with :mod:`decimal` (reference and explanations): agente → units."""
    unidades = em_unidades(total, casas)
    credores = {a: p for a, p in p_rat.items() if p > 0}
    if unidades == 0 or not credores:
        return {a: 0 for a in p_rat}
    piso, frac = {}, {}
    for a, p in p_rat.items():
        bruto = CONTEXTO.multiply(p, Decimal(unidades))
        piso[a] = int(bruto)  # bruto ≥ 0: int() truncates = floor
        frac[a] = CONTEXTO.subtract(bruto, Decimal(piso[a]))
    resto = unidades - sum(piso.values())
    if resto >= 0:
        ordem = sorted(credores, key=lambda a: (-frac[a], a))
        for a in ordem[:resto]:
            piso[a] += 1
    else:
        ordem = sorted((a for a in p_rat if piso[a] > 0), key=lambda a: (frac[a], a))
        for a in ordem[: -resto]:
            piso[a] -= 1
    return piso


# ----------------------------------------------------------------------------------------------------
# Explanations
# ----------------------------------------------------------------------------------------------------


def _total_usado(resultado, mes: str) -> Termo:
    ent = resultado.entradas
    inad = ent.get("INAD_NAO_COBERTA")
    if inad is not None and filtrar(inad, {"mes": mes}).height:
        return termo("INAD_NAO_COBERTA", inad, {"mes": mes})
    total, n = ZERO, 0
    if "V_INAD" in ent:
        for v in filtrar(ent["V_INAD"], {"mes": mes})["V_INAD"].to_list():
            total = CONTEXTO.add(total, v)
            n += 1
    return Termo("INAD_NAO_COBERTA", {"mes": mes}, total, f"Σ_α V_INAD[α,m] de {n} agente(s) (DECISÃO M1)")


@REGISTRO.derivador("RATEIO_INAD")
def _explicar_rateio(resultado, chave: dict[str, str]) -> Explicacao:
    agente, mes = chave["agente"], chave["mes"]
    tt = _total_usado(resultado, mes)
    p_mes = {r["agente"]: r["P_RAT_INAD"] for r in filtrar(resultado.exatas["P_RAT_INAD"], {"mes": mes}).to_dicts()}
    tp = Termo("P_RAT_INAD", dict(chave), p_mes.get(agente, ZERO), "cmd 7")
    casas = unidade_alocacao(resultado.configuracao.arredondamento.casas_de("R$"))
    unidades = alocar(p_mes, tt.valor, casas)
    recalc = -Decimal(unidades.get(agente, 0)).scaleb(-casas)
    bruto = CONTEXTO.multiply(tp.valor, tt.valor)
    return Explicacao(
        CMD_MAPA_RATEIO, chave, resultado.valor_exato("RATEIO_INAD", chave), resultado.valor("RATEIO_INAD", chave),
        [tp, tt], recalc, substituicao=f"RATEIO_INAD = −({fmt(tp.valor)} × {fmt(tt.valor)}) = −{fmt(bruto)} → {fmt(recalc)}",
        notas=[f"alocado em unidades de {Decimal(1).scaleb(-casas)} R$ pelo maior resto entre {len(p_mes)} agentes; "
               "a soma dos rateios do mês é igual ao total"],
    )


@REGISTRO.derivador("POSICAO_LIQUIDA")
def _explicar_posicao(resultado, chave: dict[str, str]) -> Explicacao:
    tv = termo("V_TOT_LIQUI", resultado.exatas["MAPA_LIQUIDACAO"], chave, "cmd 3")
    tr = termo("RATEIO_INAD", resultado.exatas["MAPA_LIQUIDACAO"], chave, "mapa.1")
    recalc = CONTEXTO.add(tv.valor, tr.valor)
    return Explicacao(
        CMD_MAPA_POSICAO, chave, resultado.valor_exato("POSICAO_LIQUIDA", chave),
        resultado.valor("POSICAO_LIQUIDA", chave), [tv, tr], recalc,
        substituicao=f"POSICAO_LIQUIDA = {fmt(tv.valor)} + {fmt(tr.valor)}",
    )
