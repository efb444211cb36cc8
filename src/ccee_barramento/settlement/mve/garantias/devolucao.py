"""Seed 004 Anexo III §3.3.4 — Devolução da Garantia de Participação (command 115), and the GP left for the
rescission fine (command 117, §3.3.5)."""

from __future__ import annotations

import polars as pl

from ...exact import CONTEXTO, ZERO, literal
from ...lineage import Explicacao, fmt
from ._exato import esc
from ._explica import entrada, explicacao, saida
from .dados import Base
from .esquema import REGISTRO, ErroGarantias

CMD115 = REGISTRO.comando(
    "115", "Devolução da Garantia de Participação", variavel="VLR_DEV_GP_MVE",
    equacao="VLR_DEV_GP_MVE[α,x] = VLR_AP_GP_MVE[α,x] (não venceu, ou só produtos mensais) | "
            "max(0; VLR_AP_GP_MVE[α,x] - VLR_GC_TOT[α,x])",
    entradas=("VLR_AP_GP_MVE", "VLR_GC_TOT", "VINC_C_MVE", "MV_MVE_PRE"), indices=("agente", "processamento"),
    texto="DECISÃO G6: 'venceu' = tem contrato de compra não mensal em x com MV_MVE_PRE > 0.",
)
CMD117 = REGISTRO.comando(
    "117", "Valor disponível da GP para a rescisão contratual", variavel="VDP_RC_GP_MVE",
    equacao="VDP_RC_GP_MVE[α,x] = VLR_AP_GP_MVE[α,x] - VLR_DEV_GP_MVE[α,x]",
    entradas=("VLR_AP_GP_MVE", "VLR_DEV_GP_MVE"), indices=("agente", "processamento"),
    texto="DECISÃO G22: aportada a GFC, a parte retida da GP não é acionada; sua liberação está nos Procedimentos "
          "de Comercialização, fora da regra.",
)


def devolucao(base: Base, gc_tot: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """MVE cmds 115 and 117 for every VLR_AP_GP_MVE row."""
    ap = base.tabela("VLR_AP_GP_MVE")
    df = ap.join(base.processamentos, on="processamento", how="left")
    sem = df.filter(pl.col("mes_proc").is_null())
    if sem.height:
        raise ErroGarantias("PROCESSAMENTO_MVE", f"processamento {sem['processamento'][0]!r} (VLR_AP_GP_MVE) sem linha")
    ant = df.filter(pl.col("anterior"))
    if ant.height:
        raise ErroGarantias("VLR_AP_GP_MVE", f"processamento {ant['processamento'][0]!r} é anterior às Garantias "
                                             "Financeiras (DECISÃO G21)")
    vencedores = (base.produtos.filter(pl.col("vencedor")).select("agente", "processamento").unique()
                  .with_columns(pl.lit(True).alias("_venceu")))
    df = df.join(vencedores, on=["agente", "processamento"], how="left").join(
        gc_tot, on=["agente", "processamento"], how="left")
    df = df.with_columns(pl.col("_venceu").fill_null(False),
                         pl.col("VLR_GC_TOT").fill_null(literal(ZERO, esc(df, "VLR_GC_TOT"))))
    s = max(esc(df, "VLR_AP_GP_MVE"), esc(df, "VLR_GC_TOT"))
    # MVE cmd 115: AP when α did not win (or only monthly products); else max(0; AP - VLR_GC_TOT)
    df = df.with_columns(
        pl.when(pl.col("_venceu"))
        .then(pl.max_horizontal(pl.col("VLR_AP_GP_MVE") - pl.col("VLR_GC_TOT"), literal(ZERO, s)))
        .otherwise(pl.col("VLR_AP_GP_MVE").cast(pl.Decimal(38, s))).alias("VLR_DEV_GP_MVE"))
    # MVE cmd 117: VDP_RC_GP_MVE = VLR_AP_GP_MVE - VLR_DEV_GP_MVE
    df = df.with_columns((pl.col("VLR_AP_GP_MVE") - pl.col("VLR_DEV_GP_MVE")).alias("VDP_RC_GP_MVE"))
    df = df.sort("agente", "processamento")
    return (df.select("agente", "processamento", "VLR_DEV_GP_MVE"),
            df.select("agente", "processamento", "VDP_RC_GP_MVE"))


@REGISTRO.derivador("VLR_DEV_GP_MVE")
def _explicar_dev(resultado, chave: dict[str, str]) -> Explicacao:
    ap = entrada(resultado, "VLR_AP_GP_MVE", chave)
    venceu = resultado.base.produtos.filter((pl.col("agente") == chave["agente"])
                                            & (pl.col("processamento") == chave["processamento"])
                                            & pl.col("vencedor")).height > 0
    if not venceu:
        return explicacao(resultado, "VLR_DEV_GP_MVE", chave, [ap], ap.valor, f"VLR_DEV_GP_MVE = VLR_AP_GP_MVE = {fmt(ap.valor)}",
                          ["não venceu produto não mensal no processamento: devolução integral"])
    tot = saida(resultado, "VLR_GC_TOT", chave)
    recalc = max(ZERO, CONTEXTO.subtract(ap.valor, tot.valor))
    return explicacao(resultado, "VLR_DEV_GP_MVE", chave, [ap, tot], recalc,
                      f"VLR_DEV_GP_MVE = max(0; {fmt(ap.valor)} - {fmt(tot.valor)})")


@REGISTRO.derivador("VDP_RC_GP_MVE")
def _explicar_vdp(resultado, chave: dict[str, str]) -> Explicacao:
    ap = entrada(resultado, "VLR_AP_GP_MVE", chave)
    dev = saida(resultado, "VLR_DEV_GP_MVE", chave)
    return explicacao(resultado, "VDP_RC_GP_MVE", chave, [ap, dev], CONTEXTO.subtract(ap.valor, dev.valor),
                      f"VDP_RC_GP_MVE = {fmt(ap.valor)} - {fmt(dev.valor)}")


__all__ = ["devolucao"]
