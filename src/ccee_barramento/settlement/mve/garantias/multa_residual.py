"""Seed 004 Anexo III §3.3.9 — Valores residuais de multa por rescisão (commands 143–144), and GCR_TOT, the
output of 3.3.11 that no equation defines (DECISÃO G15)."""

from __future__ import annotations

import polars as pl

from ...exact import CONTEXTO, ZERO, concatenar, literal
from ...lineage import Explicacao, fmt
from ._exato import esc, mult, produto_decimal, zeros
from ._explica import de_agente, derivador_soma, entrada, explicacao, saida
from .dados import Base
from .esquema import PAR, PF, PROD, REGISTRO
from .uso_gfc import eventos

CMD143 = REGISTRO.comando(
    "143", "Multa remanescente por produto após a GFC", variavel="M_REM_PROD_GC",
    equacao="M_REM_PROD_GC[ac,av,PROD,m] = M_MVE[ac,av,PROD,m] (mensais e preço variável) | "
            "M_MVE[ac,av,PROD,m] - GCA_PROD_R_VC[ac,av,PROD] (preço fixo mais de 1 mês)",
    entradas=("M_MVE", "GCA_PROD_R_VC", "GCA_PROD", "F_M_REC_PROD_R"), indices=PAR + ("mes",),
    texto="Uma linha por M_MVE de processamento com garantias. DECISÃO G14: residual_pv='literal' (padrão) como "
          "impresso — no PV a multa inteira fica bilateral mesmo quando a GFC pagou parte dela (cmd 121 II); "
          "'liquido' deduz, em todo produto com GFC no mês, a parte do par na multa paga pela GFC "
          "((acionamento da multa no cmd 121 + GCA_PROD_R) × F_M_REC_PROD_R).",
)
CMD144 = REGISTRO.comando(
    "144", "Multa remanescente bilateral após a GFC", variavel="M_REM_GC",
    equacao="M_REM_GC[α,α*,x,m] = Σ_{ac∈Aα} Σ_{av∈Aα*} Σ_{s,v,te,tp} M_REM_PROD_GC[ac,av,s,x,v,te,tp,m]",
    entradas=("M_REM_PROD_GC",), indices=("agente_comprador", "agente_vendedor", "processamento", "mes"),
    texto="O valor a acertar bilateralmente entre comprador α e vendedor α*.",
)
CMDGCR = REGISTRO.comando(
    "3.3.11", "GFC a receber total (saída sem equação)", variavel="GCR_TOT",
    equacao="GCR_TOT[α,α*,x,m] = GCA_VC[α*,α,x,m] + GCA_R_VC[α*,α,x,m]   (α = vendedor, α* = comprador)",
    entradas=("GCA_VC", "GCA_R_VC"), indices=("agente_vendedor", "agente_comprador", "processamento", "mes"),
    texto="DECISÃO G15: a tabela de saída lista GCR_TOT ('a receber pelo agente vendedor α do comprador α*, no mês "
          "m') sem equação; é o que o vendedor recebe da GFC do comprador: acionamentos dos cmds 128 e 142.",
)


def multa_residual(base: Base, multas: pl.DataFrame, p: pl.DataFrame, r_vc: pl.DataFrame, residual_pv: str,
                   cap: int) -> dict[str, pl.DataFrame]:
    """MVE cmds 143–144. ``multas``: the month's M_MVE with F_M_REC_PROD_R; ``p``: the product frame."""
    vig = base.vigencias.select("vigencia", "tipo")
    df = multas.join(vig, on="vigencia", how="left").join(r_vc, on=PAR, how="left")
    df = zeros(df, ["GCA_PROD_R_VC"])
    # the fine the GFC paid for the product (DECISÃO G14): cmd 121's draw when it is a fine + cmd 140's
    paga = p.with_columns(
        pl.when(pl.col("desl") | (pl.col("inad") & (pl.col("tipo_preco") != PF))).then(pl.col("GCA_PROD"))
        .otherwise(literal(ZERO, esc(p, "GCA_PROD"))).alias("_m")).with_columns(
        (pl.col("_m") + pl.col("GCA_PROD_R")).alias("_paga"), pl.lit(True).alias("_ativo")).select(
        pl.col("perfil").alias("perfil_comprador"), *PROD, "_paga", "_ativo")
    df = df.join(paga, on=["perfil_comprador", *PROD], how="left")
    df = zeros(df, ["_paga"]).with_columns(pl.col("_ativo").fill_null(False))
    df = mult(df, "_paga", "F_M_REC_PROD_R", "_deduz", cap)
    s = max(esc(df, "M_MVE"), esc(df, "_deduz"), esc(df, "GCA_PROD_R_VC"))
    sem_gfc = (pl.col("tipo") == "mensal") | (pl.col("tipo_preco") != PF)
    liquido = pl.lit(residual_pv == "liquido") & pl.col("_ativo")
    # MVE cmd 143
    df = df.with_columns(
        pl.when(liquido).then(pl.col("M_MVE") - pl.col("_deduz"))
        .when(sem_gfc).then(pl.col("M_MVE").cast(pl.Decimal(38, s)))
        .otherwise(pl.col("M_MVE") - pl.col("GCA_PROD_R_VC")).alias("M_REM_PROD_GC")).sort(*PAR)
    # MVE cmd 144
    vc = df.group_by("agente_comprador", "agente_vendedor", "processamento").agg(
        pl.col("M_REM_PROD_GC").sum().alias("M_REM_GC")).sort("agente_comprador", "agente_vendedor", "processamento")
    return {"M_REM_PROD_GC": df.select(*PAR, "M_REM_PROD_GC"), "M_REM_GC": vc}


def gcr_tot(gca_vc: pl.DataFrame, gca_r_vc: pl.DataFrame) -> pl.DataFrame:
    """GCR_TOT (DECISÃO G15) = GCA_VC + GCA_R_VC, with the seller first."""
    partes = [gca_vc.rename({"GCA_VC": "GCR_TOT"}), gca_r_vc.rename({"GCA_R_VC": "GCR_TOT"})]
    junto = concatenar([d.select("agente_vendedor", "agente_comprador", "processamento", "GCR_TOT") for d in partes])
    return junto.group_by("agente_vendedor", "agente_comprador", "processamento").agg(pl.col("GCR_TOT").sum()).sort(
        "agente_vendedor", "agente_comprador", "processamento")


# ----------------------------------------------------------------------------------------------------
# Explanations
# ----------------------------------------------------------------------------------------------------


@REGISTRO.derivador("M_REM_PROD_GC")
def _explicar_rem(resultado, chave: dict[str, str]) -> Explicacao:
    cap = resultado.configuracao.escala_produto
    multa = entrada(resultado, "M_MVE", chave, "Anexo I cmd 75 b")
    k = {"perfil": chave["perfil_comprador"], **{c: chave[c] for c in PROD}, "mes": chave["mes"]}
    ativo = resultado.valor_exato("GCA_PROD", k) is not None
    tipo = resultado.base.vigencias.filter(pl.col("vigencia") == chave["vigencia"])["tipo"][0]
    if resultado.configuracao.residual_pv == "liquido" and ativo:
        g, r = saida(resultado, "GCA_PROD", k), saida(resultado, "GCA_PROD_R", k)
        desl, inad, _ = eventos(resultado, resultado.agente_de(chave["perfil_comprador"]), chave["mes"])
        multa_121 = g.valor if (desl or (inad and chave["tipo_preco"] != PF)) else ZERO
        f = saida(resultado, "F_M_REC_PROD_R", chave)
        deduz = produto_decimal(CONTEXTO.add(multa_121, r.valor), f.valor, cap)
        return explicacao(resultado, "M_REM_PROD_GC", chave, [multa, g, r, f], CONTEXTO.subtract(multa.valor, deduz),
                          f"M_REM_PROD_GC = {fmt(multa.valor)} - ({fmt(multa_121)} + {fmt(r.valor)}) * {fmt(f.valor)}",
                          ["DECISÃO G14 (liquido): deduz a parte do par na multa paga pela GFC"])
    if tipo == "mensal" or chave["tipo_preco"] != PF:
        return explicacao(resultado, "M_REM_PROD_GC", chave, [multa], multa.valor, f"M_REM_PROD_GC = M_MVE = {fmt(multa.valor)}",
                          ["produto mensal ou de preço variável (como impresso)"])
    rvc = saida(resultado, "GCA_PROD_R_VC", chave)
    return explicacao(resultado, "M_REM_PROD_GC", chave, [multa, rvc], CONTEXTO.subtract(multa.valor, rvc.valor),
                      f"M_REM_PROD_GC = {fmt(multa.valor)} - {fmt(rvc.valor)}")


derivador_soma("M_REM_GC", "M_REM_PROD_GC",
               lambda r, k: de_agente(r, "M_REM_PROD_GC", k, "perfil_comprador", k["agente_comprador"],
                                      processamento=k["processamento"], mes=k["mes"]).filter(
                   pl.col("perfil_vendedor").is_in(r.perfis_de(k["agente_vendedor"]))), PAR)


@REGISTRO.derivador("GCR_TOT")
def _explicar_gcr(resultado, chave: dict[str, str]) -> Explicacao:
    k = {"agente_comprador": chave["agente_comprador"], "agente_vendedor": chave["agente_vendedor"],
         "processamento": chave["processamento"], "mes": chave["mes"]}
    a, b = saida(resultado, "GCA_VC", k), saida(resultado, "GCA_R_VC", k)
    return explicacao(resultado, "GCR_TOT", chave, [a, b], CONTEXTO.add(a.valor, b.valor),
                      f"GCR_TOT = {fmt(a.valor)} + {fmt(b.valor)}", ["DECISÃO G15: GCA_VC (cmd 128) + GCA_R_VC (cmd 142)"])


__all__ = ["gcr_tot", "multa_residual"]
