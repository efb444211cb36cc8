"""Seed 004 Anexo III §3.3.8 — Utilização da GFC em caso de não recomposição (commands 137–142)."""

from __future__ import annotations

import polars as pl

from ...exact import CONTEXTO, ZERO, literal
from ...lineage import Explicacao, Termo, filtrar, fmt
from ._exato import esc, mult, produto_decimal, quociente, quociente_decimal, soma
from ._explica import de_agente, derivador_soma, entrada, explicacao, saida
from .dados import Base
from .esquema import PAR, PF, PROD, REGISTRO, ErroGarantias
from .uso_gfc import CHAVE, eventos

REGISTRO.comando(
    "137", "Recomposição integral após a inadimplência",
    texto="Produto de preço fixo maior que 1 mês com inadimplência: a GFC deve ser integralmente recomposta "
          "(RECOMP_GC_PROD, cmd 131).",
)
REGISTRO.comando(
    "138", "Rescisão por não recomposição",
    texto="Sem a recomposição há rescisão (Anexo I cmd 73 ii, evento nao_recomposicao_gfc no mês do acionamento não "
          "recomposto) e a GFC remanescente paga a multa rescisória (cmds 139–142).",
)
CMD139 = REGISTRO.comando(
    "139", "GFC remanescente", variavel="GC_PROD_REM",
    equacao="GC_PROD_REM[a,PROD,m] = GC_PROD_ATUAL[a,PROD,m] - GCA_PROD[a,PROD,m]",
    entradas=("GC_PROD_ATUAL", "GCA_PROD"), indices=(*CHAVE, "mes"),
)
CMD140 = REGISTRO.comando(
    "140", "GFC acionada para pagamento da rescisão", variavel="GCA_PROD_R",
    equacao="GCA_PROD_R[a,PROD,m] = min(GC_PROD_REM[a,PROD,m]; M_PAG_MVE[a,PROD,m])",
    entradas=("GC_PROD_REM", "M_PAG_MVE", "EVENTO_RESCISAO_MVE"), indices=(*CHAVE, "mes"),
    texto="DECISÃO G13: só no evento de não recomposição (§3.3.8), preço fixo, fora de desligamento; senão 0 (a "
          "multa do desligamento e a do PV inadimplente já são acionadas no cmd 121: sem isso seriam pagas duas vezes).",
)
CMD141F = REGISTRO.comando(
    "141 f", "Fator do vendedor na multa rescisória do comprador (fora da regra)", variavel="F_M_REC_PROD_R",
    equacao="F_M_REC_PROD_R[ac,av,PROD,m] = M_MVE[ac,av,PROD,m] / Σ_av' M_MVE[ac,av',PROD,m]",
    entradas=("M_MVE",), indices=PAR + ("mes",),
    texto="DECISÃO G12: o cmd 141 imprime F_M_REC_PROD, definido (cmd 120 c) pela multa de não aporte M_MVE_NAGC, "
          "que é zero para os produtos cuja GFC foi aportada — os únicos com GFC a acionar. Usa-se a participação do "
          "vendedor na multa rescisória do comprador, o que mantém M_REM_PROD_GC ≥ 0 por par.",
)
CMD141 = REGISTRO.comando(
    "141", "GFC acionada para a rescisão por par e produto", variavel="GCA_PROD_R_VC",
    equacao="GCA_PROD_R_VC[ac,av,PROD] = GCA_PROD_R[a,PROD,m] * F_M_REC_PROD[a*,PROD,m]   (a = ac, a* = av)",
    entradas=("GCA_PROD_R", "F_M_REC_PROD_R"), indices=PAR + ("mes",),
    texto="Fator: F_M_REC_PROD_R (DECISÃO G12). Indexado também pelo mês (DECISÃO G18).",
)
CMD142 = REGISTRO.comando(
    "142", "GFC acionada para a rescisão bilateral", variavel="GCA_R_VC",
    equacao="GCA_R_VC[α,α*,x] = Σ_{ac∈Aα} Σ_{av∈Aα*} Σ_{s,v,te,tp} GCA_PROD_R_VC[ac,av,s,x,v,te,tp]",
    entradas=("GCA_PROD_R_VC",), indices=("agente_comprador", "agente_vendedor", "processamento", "mes"),
)


def remanescente(p: pl.DataFrame) -> pl.DataFrame:
    """MVE cmds 139–140 on the month's product frame."""
    p = p.with_columns((pl.col("GC_PROD_ATUAL") - pl.col("GCA_PROD")).alias("GC_PROD_REM"))
    s = max(esc(p, "GC_PROD_REM"), esc(p, "M_PAG_MVE"))
    aplica = pl.col("nrec") & (pl.col("tipo_preco") == PF) & ~pl.col("desl")  # DECISÃO G13
    return p.with_columns(pl.when(aplica).then(pl.min_horizontal("GC_PROD_REM", "M_PAG_MVE"))
                          .otherwise(literal(ZERO, s)).alias("GCA_PROD_R"))


def multas_do_mes(base: Base, m: int) -> pl.DataFrame:
    """M_MVE rows of month m from processings with guarantees (Anexo III applies only to them, DECISÃO G21)."""
    mm = base.do_mes("M_MVE", m).join(base.processamentos.filter(~pl.col("anterior")).select("processamento"),
                                      on="processamento", how="semi")
    ag = base.perfis.select("perfil", "agente")
    for col in ("perfil_comprador", "perfil_vendedor"):
        falta = mm.join(ag, left_on=col, right_on="perfil", how="anti")
        if falta.height:
            raise ErroGarantias("A_ALPHA", f"perfil {falta[col][0]!r} (M_MVE) sem agente")
    return (mm.join(ag.rename({"perfil": "perfil_comprador", "agente": "agente_comprador"}), on="perfil_comprador")
            .join(ag.rename({"perfil": "perfil_vendedor", "agente": "agente_vendedor"}), on="perfil_vendedor")
            .sort(*PAR))


def fator_rescisao(multas: pl.DataFrame, q: int) -> pl.DataFrame:
    """F_M_REC_PROD_R (DECISÃO G12): the seller's share of the buyer's rescission fine in the product."""
    total = multas.group_by("perfil_comprador", *PROD).agg(pl.col("M_MVE").sum().alias("_den"))
    df = multas.join(total, on=["perfil_comprador", *PROD], how="left")
    return quociente(df, "M_MVE", "_den", "F_M_REC_PROD_R", q).drop("_den")


def gca_r_vc(p: pl.DataFrame, multas: pl.DataFrame, cap: int) -> dict[str, pl.DataFrame]:
    """MVE cmds 141–142: the pairs of M_MVE of the products with GFC rows in the month."""
    pares = multas.join(p.select(pl.col("perfil").alias("perfil_comprador"), *PROD, "GCA_PROD_R"),
                        on=["perfil_comprador", *PROD], how="inner")
    pares = mult(pares, "GCA_PROD_R", "F_M_REC_PROD_R", "GCA_PROD_R_VC", cap).sort(*PAR)
    vc = pares.group_by("agente_comprador", "agente_vendedor", "processamento").agg(
        pl.col("GCA_PROD_R_VC").sum().alias("GCA_R_VC")).sort("agente_comprador", "agente_vendedor", "processamento")
    return {"GCA_PROD_R_VC": pares.select(*PAR, "GCA_PROD_R_VC"), "GCA_R_VC": vc}


# ----------------------------------------------------------------------------------------------------
# Explanations
# ----------------------------------------------------------------------------------------------------


@REGISTRO.derivador("GC_PROD_REM")
def _explicar_rem(resultado, chave: dict[str, str]) -> Explicacao:
    a, g = saida(resultado, "GC_PROD_ATUAL", chave), saida(resultado, "GCA_PROD", chave)
    return explicacao(resultado, "GC_PROD_REM", chave, [a, g], CONTEXTO.subtract(a.valor, g.valor),
                      f"GC_PROD_REM = {fmt(a.valor)} - {fmt(g.valor)}")


@REGISTRO.derivador("GCA_PROD_R")
def _explicar_gca_r(resultado, chave: dict[str, str]) -> Explicacao:
    rem = saida(resultado, "GC_PROD_REM", chave)
    multa = entrada(resultado, "M_PAG_MVE", chave, "Anexo I cmd 75")
    desl, _, nrec = eventos(resultado, resultado.agente_de(chave["perfil"]), chave["mes"])
    if nrec and chave["tipo_preco"] == PF and not desl:
        return explicacao(resultado, "GCA_PROD_R", chave, [rem, multa], min(rem.valor, multa.valor),
                          f"GCA_PROD_R = min({fmt(rem.valor)}; {fmt(multa.valor)})", ["não recomposição da GFC no mês"])
    return explicacao(resultado, "GCA_PROD_R", chave, [rem, multa], ZERO, "GCA_PROD_R = 0",
                      ["DECISÃO G13: sem evento de não recomposição (ou PV, ou desligamento)"])


@REGISTRO.derivador("F_M_REC_PROD_R")
def _explicar_f_r(resultado, chave: dict[str, str]) -> Explicacao:
    linhas = filtrar(resultado.entradas["M_MVE"], {"perfil_comprador": chave["perfil_comprador"],
                                                   **{c: chave[c] for c in PROD}, "mes": chave["mes"]})
    termos = [Termo("M_MVE", {"perfil_vendedor": r["perfil_vendedor"]}, r["M_MVE"], "Anexo I cmd 75 b")
              for r in linhas.sort("perfil_vendedor").to_dicts()]
    num = soma(t.valor for t in termos if t.chave["perfil_vendedor"] == chave["perfil_vendedor"])
    den = soma(t.valor for t in termos)
    return explicacao(resultado, "F_M_REC_PROD_R", chave, termos,
                      quociente_decimal(num, den, resultado.configuracao.precisao.escala_divisao),
                      f"F_M_REC_PROD_R = {fmt(num)} / {fmt(den)}")


@REGISTRO.derivador("GCA_PROD_R_VC")
def _explicar_r_vc(resultado, chave: dict[str, str]) -> Explicacao:
    cap = resultado.configuracao.escala_produto
    k = {"perfil": chave["perfil_comprador"], **{c: chave[c] for c in PROD}, "mes": chave["mes"]}
    r, f = saida(resultado, "GCA_PROD_R", k), saida(resultado, "F_M_REC_PROD_R", chave)
    return explicacao(resultado, "GCA_PROD_R_VC", chave, [r, f], produto_decimal(r.valor, f.valor, cap),
                      f"GCA_PROD_R_VC = {fmt(r.valor)} * {fmt(f.valor)}")


derivador_soma("GCA_R_VC", "GCA_PROD_R_VC",
               lambda r, k: de_agente(r, "GCA_PROD_R_VC", k, "perfil_comprador", k["agente_comprador"],
                                      processamento=k["processamento"], mes=k["mes"]).filter(
                   pl.col("perfil_vendedor").is_in(r.perfis_de(k["agente_vendedor"]))), PAR)

__all__ = ["fator_rescisao", "gca_r_vc", "multas_do_mes", "remanescente"]
