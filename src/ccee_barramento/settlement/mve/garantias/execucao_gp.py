"""Seed 004 Anexo III §3.3.5 — Acionamento da Garantia de Participação para pagamento de multa por rescisão
contratual (commands 116, 118–120; command 117 is in ``devolucao``).

The fine comes from Anexo I (cmd 71: M_PAG_NAGC, M_MVE_NAGC) in the month the buyer does not lodge the GFC.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from ...exact import CONTEXTO, ZERO, literal
from ...lineage import Explicacao, Termo, filtrar, fmt
from ._exato import esc, mult, produto_decimal, quociente, quociente_decimal, soma, zeros
from ._explica import de_agente, derivador_soma, entrada, explicacao, saida
from .dados import Base
from .esquema import PAR, PROD, REGISTRO, ErroGarantias

REGISTRO.comando(
    "116", "Execução da GP quando a GFC não é aportada",
    texto="Não aportada a GFC, em qualquer montante, a GP é executada para a multa por rescisão dos contratos não "
          "registrados, no limite do disponível; o que faltar é multa remanescente (cmds 118–120). A multa é a do "
          "Anexo I (cmd 71) no mês do evento NAO_APORTE_GFC.",
)
CMD118 = REGISTRO.comando(
    "118", "Valor de acionamento da GP para a rescisão", variavel="VAC_RC_GP_MVE",
    equacao="VAC_RC_GP_MVE[α,x,m] = min(VDP_RC_GP_MVE[α,x]; M_PAG_NAGC[α,x,m])",
    entradas=("VDP_RC_GP_MVE", "M_PAG_NAGC"), indices=("agente", "processamento", "mes"),
    texto="DECISÃO G7: o disponível é VDP_RC_GP_MVE menos o já acionado em meses anteriores (estado), para que a GP "
          "acionada nunca passe da aportada.",
)
CMD119 = REGISTRO.comando(
    "119", "Multa a pagar remanescente", variavel="M_PAG_REM",
    equacao="M_PAG_REM[α,x,m] = max(0; M_PAG_NAGC[α,x,m] - VAC_RC_GP_MVE[α,x,m])",
    entradas=("M_PAG_NAGC", "VAC_RC_GP_MVE"), indices=("agente", "processamento", "mes"),
)
CMD120B = REGISTRO.comando(
    "120 b", "Fator de pagamento de multa por produto", variavel="F_M_PAG_PROD",
    equacao="F_M_PAG_PROD[a,PROD,m] = Σ_av M_MVE_NAGC[ac,av,PROD,m] / M_PAG_NAGC[α,x,m]   (a = ac)",
    entradas=("M_MVE_NAGC", "M_PAG_NAGC"), indices=("perfil", *PROD, "mes"),
    texto="DECISÃO G1: denominador 0 → fator 0.",
)
CMD120C = REGISTRO.comando(
    "120 c", "Fator de recebimento de multa por produto", variavel="F_M_REC_PROD",
    equacao="F_M_REC_PROD[a,PROD,m] = Σ_ac M_MVE_NAGC[ac,av,PROD,m] / Σ_ac Σ_av M_MVE_NAGC[ac,av,PROD,m]   (a = av)",
    entradas=("M_MVE_NAGC",), indices=("perfil", *PROD, "mes"),
    texto="Participação do vendedor no produto (todos os compradores do produto), como impresso.",
)
CMD120A = REGISTRO.comando(
    "120 a", "Multa a pagar remanescente por produto", variavel="M_PAG_REM_PROD",
    equacao="M_PAG_REM_PROD[ac,av,PROD,m] = M_PAG_REM[α,x,m] * F_M_PAG_PROD[ac,PROD,m] * F_M_REC_PROD[av,PROD,m]",
    entradas=("M_PAG_REM", "F_M_PAG_PROD", "F_M_REC_PROD"), indices=PAR + ("mes",),
    texto="Uma linha por comprador do produto × vendedor do produto (como impresso: com dois compradores no mesmo "
          "produto, um vendedor recebe parte da multa de um comprador com quem não contratou).",
)
CMD120 = REGISTRO.comando(
    "120", "Multa a pagar remanescente bilateral", variavel="M_PAG_REM_VC",
    equacao="M_PAG_REM_VC[α,α*,x,m] = Σ_{ac∈Aα} Σ_{av∈Aα*} Σ_{s,v,te,tp} M_PAG_REM_PROD[ac,av,s,x,v,te,tp,m]",
    entradas=("M_PAG_REM_PROD",), indices=("agente_comprador", "agente_vendedor", "processamento", "mes"),
    texto="α = comprador, α* = vendedor. Importante (fora da regra): o crédito da distribuidora com inadimplência "
          "anterior na CCEE abate seus débitos.",
)


def _garantias(base: Base, df: pl.DataFrame, tabela: str) -> None:
    x = df.select("processamento").unique().join(base.processamentos, on="processamento", how="left")
    sem = x.filter(pl.col("anterior").is_null())
    if sem.height:
        raise ErroGarantias("PROCESSAMENTO_MVE", f"processamento {sem['processamento'][0]!r} ({tabela}) sem linha")
    ant = x.filter(pl.col("anterior"))
    if ant.height:
        raise ErroGarantias(tabela, f"processamento {ant['processamento'][0]!r} é anterior às Garantias Financeiras "
                                    "(DECISÃO G21)")


def execucao_gp(base: Base, m: int, vdp: pl.DataFrame, usada: pl.DataFrame, q: int, cap: int
                ) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """MVE cmds 118–120 of month m. ``usada``: (agente, processamento, GP_ACIONADA) drawn before m."""
    chave = ["agente", "processamento"]
    nagc = base.do_mes("M_PAG_NAGC", m)
    _garantias(base, nagc, "M_PAG_NAGC")
    df = nagc.join(vdp, on=chave, how="left").join(usada, on=chave, how="left")
    df = zeros(df, ["VDP_RC_GP_MVE", "GP_ACIONADA"])
    # MVE cmd 118: VAC_RC_GP_MVE = min(VDP_RC_GP_MVE - (already drawn, DECISÃO G7); M_PAG_NAGC)
    df = df.with_columns(pl.min_horizontal(pl.col("VDP_RC_GP_MVE") - pl.col("GP_ACIONADA"),
                                           pl.col("M_PAG_NAGC")).alias("VAC_RC_GP_MVE"))
    s = max(esc(df, "M_PAG_NAGC"), esc(df, "VAC_RC_GP_MVE"))
    # MVE cmd 119: M_PAG_REM = max(0; M_PAG_NAGC - VAC_RC_GP_MVE)
    df = df.with_columns(pl.max_horizontal(pl.col("M_PAG_NAGC") - pl.col("VAC_RC_GP_MVE"), literal(ZERO, s))
                         .alias("M_PAG_REM")).sort(chave)
    nova = pl.concat([usada.with_columns(pl.col("GP_ACIONADA").cast(pl.Decimal(38, max(esc(usada, "GP_ACIONADA"),
                                                                                        esc(df, "VAC_RC_GP_MVE"))))),
                      df.select(*chave, pl.col("VAC_RC_GP_MVE").cast(pl.Decimal(38, max(esc(usada, "GP_ACIONADA"),
                                                                                        esc(df, "VAC_RC_GP_MVE"))))
                                .alias("GP_ACIONADA"))])
    nova = nova.group_by(chave).agg(pl.col("GP_ACIONADA").sum()).sort(chave)

    mn = base.do_mes("M_MVE_NAGC", m)
    _garantias(base, mn, "M_MVE_NAGC")
    ag = base.perfis.select("perfil", "agente")
    for col in ("perfil_comprador", "perfil_vendedor"):
        falta = mn.join(ag, left_on=col, right_on="perfil", how="anti")
        if falta.height:
            raise ErroGarantias("A_ALPHA", f"perfil {falta[col][0]!r} (M_MVE_NAGC) sem agente")
    # MVE cmd 120 (b)
    comp = mn.group_by("perfil_comprador", *PROD).agg(pl.col("M_MVE_NAGC").sum().alias("_num")).rename(
        {"perfil_comprador": "perfil"}).join(ag, on="perfil", how="left").join(
        nagc, on=chave, how="left")
    comp = quociente(zeros(comp, ["M_PAG_NAGC"]), "_num", "M_PAG_NAGC", "F_M_PAG_PROD", q).sort("perfil", *PROD)
    # MVE cmd 120 (c)
    total = mn.group_by(*PROD).agg(pl.col("M_MVE_NAGC").sum().alias("_den"))
    vend = mn.group_by("perfil_vendedor", *PROD).agg(pl.col("M_MVE_NAGC").sum().alias("_num")).join(
        total, on=list(PROD), how="left")
    vend = quociente(vend, "_num", "_den", "F_M_REC_PROD", q).rename({"perfil_vendedor": "perfil"}).sort("perfil", *PROD)
    # MVE cmd 120 (a): M_PAG_REM[α,x] * F_M_PAG_PROD[ac] * F_M_REC_PROD[av], every buyer × seller of the product
    rem = comp.join(df.select(*chave, "M_PAG_REM"), on=chave, how="left")
    rem = mult(zeros(rem, ["M_PAG_REM"]), "M_PAG_REM", "F_M_PAG_PROD", "_r", cap)
    pares = rem.select(pl.col("perfil").alias("perfil_comprador"), pl.col("agente").alias("agente_comprador"),
                       *PROD, "_r").join(
        vend.select(pl.col("perfil").alias("perfil_vendedor"), *PROD, "F_M_REC_PROD"), on=list(PROD), how="inner")
    pares = mult(pares, "_r", "F_M_REC_PROD", "M_PAG_REM_PROD", cap).join(
        ag.rename({"perfil": "perfil_vendedor", "agente": "agente_vendedor"}), on="perfil_vendedor", how="left")
    pares = pares.sort(*PAR)
    # MVE cmd 120: Σ per (buyer agent, seller agent, x)
    vc = pares.group_by("agente_comprador", "agente_vendedor", "processamento").agg(
        pl.col("M_PAG_REM_PROD").sum().alias("M_PAG_REM_VC")).sort("agente_comprador", "agente_vendedor", "processamento")
    saidas = {
        "VAC_RC_GP_MVE": df.select(*chave, "VAC_RC_GP_MVE"),
        "M_PAG_REM": df.select(*chave, "M_PAG_REM"),
        "F_M_PAG_PROD": comp.select("perfil", *PROD, "F_M_PAG_PROD"),
        "F_M_REC_PROD": vend.select("perfil", *PROD, "F_M_REC_PROD"),
        "M_PAG_REM_PROD": pares.select(*PAR, "M_PAG_REM_PROD"),
        "M_PAG_REM_VC": vc,
    }
    return saidas, nova


# ----------------------------------------------------------------------------------------------------
# Explanations
# ----------------------------------------------------------------------------------------------------


def _acionada_antes(resultado, chave: dict[str, str]) -> Decimal:
    """GP drawn for (α, x) before the month (earlier run months, and the run's initial state)."""
    anteriores = resultado.exatas["VAC_RC_GP_MVE"].filter(
        (pl.col("agente") == chave["agente"]) & (pl.col("processamento") == chave["processamento"])
        & (pl.col("mes") < chave["mes"]))
    return CONTEXTO.add(soma(anteriores["VAC_RC_GP_MVE"].to_list()),
                        resultado.gp_acionada_inicial(chave["agente"], chave["processamento"]))


@REGISTRO.derivador("VAC_RC_GP_MVE")
def _explicar_vac(resultado, chave: dict[str, str]) -> Explicacao:
    k = {"agente": chave["agente"], "processamento": chave["processamento"]}
    vdp = saida(resultado, "VDP_RC_GP_MVE", k)
    antes = _acionada_antes(resultado, chave)
    multa = entrada(resultado, "M_PAG_NAGC", chave, "Anexo I cmd 71")
    termos = [vdp, Termo("GP já acionada", k, antes, "meses anteriores (DECISÃO G7)"), multa]
    recalc = min(CONTEXTO.subtract(vdp.valor, antes), multa.valor)
    return explicacao(resultado, "VAC_RC_GP_MVE", chave, termos, recalc,
                      f"VAC_RC_GP_MVE = min({fmt(vdp.valor)} - {antes}; {fmt(multa.valor)})")


@REGISTRO.derivador("M_PAG_REM")
def _explicar_rem(resultado, chave: dict[str, str]) -> Explicacao:
    multa = entrada(resultado, "M_PAG_NAGC", chave, "Anexo I cmd 71")
    vac = saida(resultado, "VAC_RC_GP_MVE", chave)
    return explicacao(resultado, "M_PAG_REM", chave, [multa, vac], max(ZERO, CONTEXTO.subtract(multa.valor, vac.valor)),
                      f"M_PAG_REM = max(0; {fmt(multa.valor)} - {fmt(vac.valor)})")


def _nagc(resultado, chave: dict[str, str], **filtro: str) -> pl.DataFrame:
    prod = {c: chave[c] for c in PROD}
    return filtrar(resultado.entradas.get("M_MVE_NAGC", pl.DataFrame()), {**prod, "mes": chave["mes"], **filtro})


@REGISTRO.derivador("F_M_PAG_PROD")
def _explicar_f_pag(resultado, chave: dict[str, str]) -> Explicacao:
    linhas = _nagc(resultado, chave, perfil_comprador=chave["perfil"])
    termos = [Termo("M_MVE_NAGC", {"perfil_vendedor": r["perfil_vendedor"]}, r["M_MVE_NAGC"], "Anexo I cmd 71 a")
              for r in linhas.sort("perfil_vendedor").to_dicts()]
    alfa = resultado.agente_de(chave["perfil"])
    den = entrada(resultado, "M_PAG_NAGC", {"agente": alfa, "processamento": chave["processamento"],
                                             "mes": chave["mes"]}, "Anexo I cmd 71")
    num = soma(t.valor for t in termos)
    recalc = quociente_decimal(num, den.valor, resultado.configuracao.precisao.escala_divisao)
    return explicacao(resultado, "F_M_PAG_PROD", chave, termos + [den], recalc, f"F_M_PAG_PROD = {fmt(num)} / {fmt(den.valor)}")


@REGISTRO.derivador("F_M_REC_PROD")
def _explicar_f_rec(resultado, chave: dict[str, str]) -> Explicacao:
    todas = _nagc(resultado, chave)
    termos = [Termo("M_MVE_NAGC", {"perfil_comprador": r["perfil_comprador"], "perfil_vendedor": r["perfil_vendedor"]},
                    r["M_MVE_NAGC"], "Anexo I cmd 71 a") for r in todas.sort("perfil_comprador", "perfil_vendedor").to_dicts()]
    num = soma(t.valor for t in termos if t.chave["perfil_vendedor"] == chave["perfil"])
    den = soma(t.valor for t in termos)
    recalc = quociente_decimal(num, den, resultado.configuracao.precisao.escala_divisao)
    return explicacao(resultado, "F_M_REC_PROD", chave, termos, recalc, f"F_M_REC_PROD = {fmt(num)} / {fmt(den)}",
                      ["numerador: as linhas do vendedor; denominador: todas as linhas do produto"])


@REGISTRO.derivador("M_PAG_REM_PROD")
def _explicar_rem_prod(resultado, chave: dict[str, str]) -> Explicacao:
    cap = resultado.configuracao.escala_produto
    prod = {c: chave[c] for c in PROD}
    alfa = resultado.agente_de(chave["perfil_comprador"])
    rem = saida(resultado, "M_PAG_REM", {"agente": alfa, "processamento": chave["processamento"], "mes": chave["mes"]})
    fp = saida(resultado, "F_M_PAG_PROD", {"perfil": chave["perfil_comprador"], **prod, "mes": chave["mes"]})
    fr = saida(resultado, "F_M_REC_PROD", {"perfil": chave["perfil_vendedor"], **prod, "mes": chave["mes"]})
    recalc = produto_decimal(produto_decimal(rem.valor, fp.valor, cap), fr.valor, cap)
    return explicacao(resultado, "M_PAG_REM_PROD", chave, [rem, fp, fr], recalc,
                      f"M_PAG_REM_PROD = {fmt(rem.valor)} * {fmt(fp.valor)} * {fmt(fr.valor)}")


derivador_soma("M_PAG_REM_VC", "M_PAG_REM_PROD",
               lambda r, k: de_agente(r, "M_PAG_REM_PROD", k, "perfil_comprador", k["agente_comprador"],
                                      processamento=k["processamento"], mes=k["mes"]).filter(
                   pl.col("perfil_vendedor").is_in(r.perfis_de(k["agente_vendedor"]))),
               PAR)

__all__ = ["execucao_gp"]
