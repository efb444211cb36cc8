"""Seed 003 §2.3 — Rateio da Inadimplência em Casos de Desligamento Sem Sucessão (commands 8, 9.1, 9, 10).

Order inside month m: 8 → 9.1 → 9 → 10; AJU_INAD_DSS then enters command 2 of the same month.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

import polars as pl

from ..exact import CONTEXTO, ZERO, dividir_decimal, escala, escala_de, literal, tipo_decimal, zero
from ..lineage import Explicacao, Termo, filtrar, fmt, listar, termo
from ..runner import mes_anterior
from ._mantissas import dividir, maior_abs, maiores_abs, produto, somas_segmentadas
from .esquema import REGISTRO

CMD8 = REGISTRO.comando(
    "8", "Valor da Inadimplência de Agentes Desligados Sem Sucessão", variavel="V_INAD_DSS",
    equacao="V_INAD_DSS[α,m] = V_INAD[α,m-1]  ∀ α ∈ ADSS", entradas=("ADSS", "V_INAD"), indices=("agente", "mes"),
    texto="V_INAD[α,m-1] vem da tabela V_INAD (linhas do mês anterior) ou do estado carregado da execução anterior; "
          "sem linha = 0.",
)
CMD9_1 = REGISTRO.comando(
    "9.1", "Fator de Distribuição da Inadimplência dos Agentes Desligados Sem Sucessão", variavel="FD_INAD_DSS",
    equacao="FD_INAD_DSS[a,m] = CONTRIB[α,m]·FP_E_RP[a,α,m] / Σ_{a∈PAPRIDO}(CONTRIB[α,m]·FP_E_RP[a,α,m]) "
            "se a ∈ PAPRIDO; senão 0  (α = agente principal de a)",
    entradas=("PAPRIDO", "PERFIS", "CONTRIB", "FP_E_RP"), indices=("perfil", "mes"),
    texto="Quociente arredondado uma vez (half-even) à escala de divisão. FP_E_RP: linhas do último mês de "
          "Assembleia ≤ m (DECISÃO L10).",
)
CMD9 = REGISTRO.comando(
    "9", "Débito de Inadimplência por Desligamento de Agentes sem Sucessão", variavel="DEB_INAD_DSS",
    equacao="DEB_INAD_DSS[a,α,m] = −V_INAD_DSS[α,m] × FD_INAD_DSS[a,m]  (α ∈ ADSS; sinal de débito, DECISÃO L5)",
    entradas=("V_INAD_DSS", "FD_INAD_DSS"), indices=("perfil", "agente", "mes"),
    texto="Linhas para a ∈ PAPRIDO × α ∈ ADSS; demais = 0. Com sinal_deb_inad_dss='literal' o sinal é +.",
)
CMD10 = REGISTRO.comando(
    "10", "Ajuste de Inadimplência por Desligamento sem Sucessão", variavel="AJU_INAD_DSS",
    equacao="AJU_INAD_DSS[a,m] = Σ_{α∈ADSS} DEB_INAD_DSS[a,α,m]", entradas=("DEB_INAD_DSS",),
    indices=("perfil", "mes"),
)


# ----------------------------------------------------------------------------------------------------
# Vectorized commands, on encoded frames (see motor.py): j is the month offset (j = 0 the month before the
# block), pid/aid the profile/agent codes; g = (j-1)·NP + pid indexes the profile-month grid and
# ka = j·NA + aid the agent-month grid; "dense" Series hold one value per grid cell (null = no row).
# ----------------------------------------------------------------------------------------------------


def v_inad_dss(adss: pl.DataFrame, v_inad: pl.Series, na: int) -> pl.DataFrame:
    """(ka, j, aid, V_INAD_DSS) for every α ∈ ADSS of each month.

    ``adss``: (ka, j, aid) of the ADSS members; ``v_inad``: V_INAD dense on the agent-month grid, the
    month before the block included (input rows, or the carried state).
    """
    s = escala(v_inad.dtype)
    # Liquidação cmd 8: V_INAD_DSS[α,m] = V_INAD[α,m-1], ∀ α ∈ ADSS (no V_INAD row = 0); (α, m-1) is ka − NA
    anterior = v_inad.gather(adss["ka"] - na).fill_null(Decimal(0)).cast(tipo_decimal(s))
    return adss.select("ka", "j", "aid").with_columns(anterior.alias("V_INAD_DSS"))


def fd_inad_dss(
    paprido: pl.DataFrame, contrib: pl.Series, fp_e_rp: pl.Series, fins_mes: pl.Series, na: int, escala_q: int,
    erro: Callable[[str, pl.DataFrame], None],
) -> tuple[pl.DataFrame, pl.Series]:
    """((g, j, pid, FD_INAD_DSS) of the PAPRIDO profiles, Σ_{PAPRIDO} weight per month j).

    ``paprido``: (g, j, pid, aid, kfp) in ascending g (month by month; ``fins_mes[j]`` ends month j's
    rows) — kfp indexes ``fp_e_rp`` (dense on (Assembly, profile)) at the profile's row in force in the
    month; ``contrib``: CONTRIB dense on the agent-month grid. Profiles outside PAPRIDO have
    FD_INAD_DSS = 0. ``erro(tabela, rows)`` raises the error naming the table.
    """
    base = paprido.with_columns(
        pl.lit(contrib).gather(pl.col("j") * na + pl.col("aid")).alias("CONTRIB"),
        pl.lit(fp_e_rp).gather(pl.col("kfp")).alias("FP_E_RP"),
    )
    for tabela in ("CONTRIB", "FP_E_RP"):
        if base[tabela].null_count():
            erro(tabela, base.filter(pl.col(tabela).is_null()))
    sc, sf = escala(contrib.dtype), escala(fp_e_rp.dtype)
    sw = sc + sf
    # Liquidação cmd 9.1: peso[a] = CONTRIB[α,m] × FP_E_RP[a,α,m] (exact), Σ over PAPRIDO per month
    peso = produto(base["CONTRIB"], sc, base["FP_E_RP"], sf, limites=tuple(maiores_abs(contrib, fp_e_rp))).alias("_peso")
    totais = somas_segmentadas(peso, fins_mes)
    base = base.select("g", "j", "pid", peso, totais.gather(base["j"]).alias("_peso_total"))
    # Liquidação cmd 9.1: FD_INAD_DSS[a,m] = peso[a] / Σ_{PAPRIDO} peso, rounded once to escala_q places
    if (base["_peso_total"] != 0).all():
        fd = dividir("_peso", sw, "_peso_total", sw, escala_q)
    else:
        sem_peso = pl.col("_peso_total") == 0
        denominador = pl.when(sem_peso).then(literal(1, sw)).otherwise(pl.col("_peso_total"))
        # DECISÃO L7b: Σ = 0 (all weights 0) → FD_INAD_DSS = 0 (the engine refuses a default left unspread)
        fd = pl.when(sem_peso).then(zero(escala_q)).otherwise(dividir("_peso", sw, denominador, sw, escala_q))
    return base.select("g", "j", "pid", fd.alias("FD_INAD_DSS")), totais


def deb_inad_dss(fd: pl.DataFrame, v_dss: pl.DataFrame, sinal: int, maior_fd: int) -> pl.DataFrame:
    """(g, j, pid, aid, DEB_INAD_DSS): every PAPRIDO profile × every α ∈ ADSS of the same month
    (``aid`` is the disconnected agent); ``maior_fd``: max |mantissa| of FD_INAD_DSS."""
    sv, sf = escala_de(v_dss, "V_INAD_DSS"), escala_de(fd, "FD_INAD_DSS")
    # fd is in g order and v_dss in aid order: keeping both orders gives the rows in (g, aid) order
    linhas = fd.join(v_dss.select("j", "aid", "V_INAD_DSS"), on="j", how="inner", maintain_order="left_right")
    # Liquidação cmd 9: DEB_INAD_DSS[a,α,m] = V_INAD_DSS[α,m] × FD_INAD_DSS[a,m], as a debit (DECISÃO L5)
    limites = (maior_abs(v_dss["V_INAD_DSS"]), maior_fd)
    deb = produto(linhas["V_INAD_DSS"], sv, linhas["FD_INAD_DSS"], sf, sinal, limites).alias("DEB_INAD_DSS")
    return linhas.select("g", "j", "pid", "aid", deb)


def aju_inad_dss(fd: pl.DataFrame, total_dss: pl.Series, escala_total: int, sinal: int, maior_fd: int) -> pl.Series:
    """AJU_INAD_DSS of the PAPRIDO rows ``fd`` (g, j, FD_INAD_DSS) from the month's Σ_{α∈ADSS} V_INAD_DSS
    (``total_dss``, one value per month j); outside PAPRIDO FD_INAD_DSS = 0, so AJU_INAD_DSS = 0.
    ``maior_fd``: max |mantissa| of FD_INAD_DSS.

    Liquidação cmd 10: AJU_INAD_DSS[a,m] = Σ_{α∈ADSS} DEB_INAD_DSS[a,α,m] = Σ_α ±V_INAD_DSS[α,m]·FD_INAD_DSS[a,m]
    = ±FD_INAD_DSS[a,m] · Σ_α V_INAD_DSS[α,m]. Every product and sum is exact, so the factored form is the
    same number to the last digit (the tests check it against the reference's Σ of DEB_INAD_DSS rows);
    it avoids a group-by over the PAPRIDO × ADSS rows.
    """
    sf = escala_de(fd, "FD_INAD_DSS")
    total = total_dss.cast(tipo_decimal(escala_total)).gather(fd["j"])
    limites = (maior_fd, maior_abs(total_dss))
    return produto(fd["FD_INAD_DSS"], sf, total, escala_total, sinal, limites).alias("AJU_INAD_DSS")


# ----------------------------------------------------------------------------------------------------
# Explanations (re-derivation of one row with decimal.Decimal)
# ----------------------------------------------------------------------------------------------------


def v_inad_anterior_usado(resultado, agente: str, mes: str) -> Termo:
    """The V_INAD[α,m-1] command 8 used: the input rows of m-1, or the carried state."""
    anterior = mes_anterior(mes)
    entradas = resultado.entradas.get("V_INAD")
    if entradas is not None and entradas.filter(pl.col("mes") == anterior).height:
        return termo("V_INAD", entradas, {"agente": agente, "mes": anterior})
    estado = resultado.estado_inicial
    if estado is not None and estado.mes == anterior:
        return termo("V_INAD", estado.V_INAD, {"agente": agente}, origem=f"estado carregado ({anterior})")
    return Termo("V_INAD", {"agente": agente, "mes": anterior}, ZERO, "sem linha = 0")


@REGISTRO.derivador("V_INAD_DSS")
def _explicar_v_inad_dss(resultado, chave: dict[str, str]) -> Explicacao:
    agente, mes = chave["agente"], chave["mes"]
    t = v_inad_anterior_usado(resultado, agente, mes)
    membro = filtrar(resultado.entradas.get("ADSS", pl.DataFrame()), chave).height > 0
    return Explicacao(
        CMD8, chave, resultado.valor_exato("V_INAD_DSS", chave), resultado.valor("V_INAD_DSS", chave), [t],
        recalculado=t.valor if membro else ZERO,
        substituicao=f"V_INAD_DSS = {fmt(t.valor)}" if membro else "α ∉ ADSS[m]: sem linha",
    )


def _pesos_paprido(resultado, mes: str) -> tuple[dict[str, tuple[str, Decimal, Decimal, str]], Decimal]:
    """perfil → (agente, CONTRIB, FP_E_RP, mês do FP_E_RP) for PAPRIDO[m], and Σ CONTRIB·FP_E_RP."""
    ent = resultado.entradas
    papr = list(dict.fromkeys(filtrar(ent["PAPRIDO"], {"mes": mes})["perfil"].to_list())) if "PAPRIDO" in ent else []
    perfis = dict(zip(*resultado.perfis_do_mes(mes)))
    contrib = {r["agente"]: r["CONTRIB"] for r in filtrar(ent["CONTRIB"], {"mes": mes}).to_dicts()} if papr else {}
    mes_fp = resultado.mes_vigente("FP_E_RP", mes)
    fp = {}
    if papr and mes_fp is not None:
        fp = {(r["perfil"], r["agente"]): r["FP_E_RP"] for r in filtrar(ent["FP_E_RP"], {"mes": mes_fp}).to_dicts()}
    pesos = {}
    total = ZERO
    for p in papr:
        ag = perfis[p]
        c, f = contrib[ag], fp[(p, ag)]
        pesos[p] = (ag, c, f, mes_fp or "")
        total = CONTEXTO.add(total, CONTEXTO.multiply(c, f))
    return pesos, total


@REGISTRO.derivador("FD_INAD_DSS")
def _explicar_fd(resultado, chave: dict[str, str]) -> Explicacao:
    perfil, mes = chave["perfil"], chave["mes"]
    pesos, total = _pesos_paprido(resultado, mes)
    q = resultado.configuracao.precisao.escala_divisao
    valor, saida = resultado.valor_exato("FD_INAD_DSS", chave), resultado.valor("FD_INAD_DSS", chave)
    if perfil not in pesos:
        return Explicacao(CMD9_1, chave, valor, saida, [], ZERO, "a ∉ PAPRIDO[m] → FD_INAD_DSS = 0")
    ag, c, f, mes_fp = pesos[perfil]
    peso = CONTEXTO.multiply(c, f)
    termos = [
        Termo("CONTRIB", {"agente": ag, "mes": mes}, c),
        Termo("FP_E_RP", {"perfil": perfil, "agente": ag, "mes": mes_fp}, f, "entrada (Assembleia vigente)"),
        Termo("Σ_{PAPRIDO} CONTRIB·FP_E_RP", {"mes": mes}, total, f"Σ de {len(pesos)} perfis"),
    ]
    recalc = dividir_decimal(peso, total, q) if total != 0 else ZERO
    return Explicacao(CMD9_1, chave, valor, saida, termos, recalc,
                      substituicao=f"FD_INAD_DSS = {fmt(c)} × {fmt(f)} / {fmt(total)} = {fmt(peso)} / {fmt(total)}",
                      notas=[f"quociente arredondado uma vez a {q} casas (half-even)"])


@REGISTRO.derivador("DEB_INAD_DSS")
def _explicar_deb(resultado, chave: dict[str, str]) -> Explicacao:
    perfil, agente, mes = chave["perfil"], chave["agente"], chave["mes"]
    tv = termo("V_INAD_DSS", resultado.exatas["V_INAD_DSS"], {"agente": agente, "mes": mes}, "cmd 8")
    tf = termo("FD_INAD_DSS", resultado.exatas["FD_INAD_DSS"], {"perfil": perfil, "mes": mes}, "cmd 9.1")
    sinal = resultado.configuracao.sinal
    recalc = CONTEXTO.multiply(tv.valor, tf.valor)
    recalc = -recalc if sinal < 0 else recalc
    s = "−" if sinal < 0 else ""
    return Explicacao(CMD9, chave, resultado.valor_exato("DEB_INAD_DSS", chave), resultado.valor("DEB_INAD_DSS", chave),
                      [tv, tf], recalc, substituicao=f"DEB_INAD_DSS = {s}{fmt(tv.valor)} × {fmt(tf.valor)}")


@REGISTRO.derivador("AJU_INAD_DSS")
def _explicar_aju(resultado, chave: dict[str, str]) -> Explicacao:
    deb = filtrar(resultado.exatas["DEB_INAD_DSS"], chave)
    termos = [Termo("DEB_INAD_DSS", {"perfil": r["perfil"], "agente": r["agente"], "mes": r["mes"]},
                    r["DEB_INAD_DSS"], "cmd 9") for r in deb.to_dicts()]
    recalc = ZERO
    for t in termos:
        recalc = CONTEXTO.add(recalc, t.valor)
    listados, omitidos = listar(termos)
    sub = " + ".join(fmt(t.valor) for t in listados) or "0 (nenhum α ∈ ADSS ou a ∉ PAPRIDO)"
    return Explicacao(CMD10, chave, resultado.valor_exato("AJU_INAD_DSS", chave), resultado.valor("AJU_INAD_DSS", chave),
                      listados, recalc, substituicao=f"AJU_INAD_DSS = {sub}", omitidos=omitidos)


__all__ = ["aju_inad_dss", "deb_inad_dss", "fd_inad_dss", "v_inad_dss"]
