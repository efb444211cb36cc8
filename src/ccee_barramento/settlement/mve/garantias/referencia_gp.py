"""Seed 004 Anexo III §3.3.2 — Atualização do Valor de Referência da Garantia de Participação (command 110).

Output ``VLR_REF_GP_A`` (agente, processamento, ano): the value cmd 106 (issue 7, LOT_INI_DNEG_MVE) divides
the lodged GP by, for the year ``f`` of processing ``x``.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from ...exact import CONTEXTO, dividir, literal, tipo_decimal
from ...lineage import Explicacao, Termo, fmt
from ._exato import esc, quociente_decimal
from ._explica import explicacao
from .dados import Base, contador
from .esquema import REGISTRO, ErroGarantias

CMD110 = REGISTRO.comando(
    "110", "Atualização do Valor de Referência da Garantia de Participação", variavel="VLR_REF_GP_A",
    equacao="VLR_REF_GP_A[α,x,f+1] = VLR_REF_GP[α,x] * NIPCA[m-1] / NIPCA[m*]   (m = dezembro de f)",
    entradas=("VLR_REF_GP", "NIPCA", "PROCESSAMENTO_MVE"), indices=("agente", "processamento", "ano"),
    texto="Atualizado em dezembro, válido para os processamentos do ano seguinte: a linha é a do ano f do mês do "
          "processamento x (o que o cmd 106 usa). m* = mes_base de VLR_REF_GP. DECISÃO G5: se o índice de novembro "
          "for anterior a m*, vale VLR_REF_GP sem atualização.",
)


def vlr_ref_gp_a(base: Base, q: int) -> pl.DataFrame:
    """MVE cmd 110, every VLR_REF_GP row."""
    ref = base.tabela("VLR_REF_GP")
    dup = ref.filter(pl.struct("agente", "processamento").is_duplicated())
    if dup.height:
        raise ErroGarantias("VLR_REF_GP", f"chave repetida {(dup['agente'][0], dup['processamento'][0])}")
    df = ref.join(base.processamentos, on="processamento", how="left")
    sem = df.filter(pl.col("mes_proc").is_null())
    if sem.height:
        raise ErroGarantias("PROCESSAMENTO_MVE", f"processamento {sem['processamento'][0]!r} (VLR_REF_GP) sem linha")
    anteriores = df.filter(pl.col("anterior"))
    if anteriores.height:
        raise ErroGarantias("VLR_REF_GP", f"processamento {anteriores['processamento'][0]!r} é anterior às Garantias "
                                          "Financeiras (DECISÃO G21)")
    df = df.with_columns((pl.col("mes_proc") // 12).alias("_ano"), contador("mes_base").alias("_base"))
    df = df.with_columns(((pl.col("_ano") - 1) * 12 + 10).alias("_nov"))  # m-1: November of f-1
    nipca = base.tabela("NIPCA").select(contador("mes").alias("_m"), "NIPCA")
    df = (df.join(nipca.rename({"_m": "_nov", "NIPCA": "_n1"}), on="_nov", how="left")
          .join(nipca.rename({"_m": "_base", "NIPCA": "_n0"}), on="_base", how="left"))
    atualiza = pl.col("_nov") >= pl.col("_base")  # DECISÃO G5
    falta = df.filter(atualiza & (pl.col("_n1").is_null() | pl.col("_n0").is_null()))
    if falta.height:
        r = falta.row(0, named=True)
        mes = r["_nov"] if r["_n1"] is None else r["_base"]
        raise ErroGarantias("NIPCA", f"sem número-índice do IPCA para {mes // 12:04d}-{mes % 12 + 1:02d}")
    sr, s1, s0 = esc(df, "VLR_REF_GP"), esc(df, "_n1"), esc(df, "_n0")
    # MVE cmd 110: VLR_REF_GP_A = VLR_REF_GP * NIPCA[m-1] / NIPCA[m*]  (the product exact, one rounding)
    num = pl.col("VLR_REF_GP").cast(tipo_decimal(sr + s1)) * pl.col("_n1")
    seguro = pl.when(atualiza).then(pl.col("_n0")).otherwise(literal(1, s0))
    atualizado = dividir(num, sr + s1, seguro, s0, q)
    df = df.with_columns(
        pl.when(atualiza).then(atualizado).otherwise(pl.col("VLR_REF_GP").cast(tipo_decimal(q))).alias("VLR_REF_GP_A"),
        pl.col("_ano").cast(pl.String).str.zfill(4).alias("ano"))
    return df.select("agente", "processamento", "ano", "VLR_REF_GP_A").sort("agente", "processamento", "ano")


@REGISTRO.derivador("VLR_REF_GP_A")
def _explicar(resultado, chave: dict[str, str]) -> Explicacao:
    ref = resultado.entradas["VLR_REF_GP"].filter(
        (pl.col("agente") == chave["agente"]) & (pl.col("processamento") == chave["processamento"])).row(0, named=True)
    ano = int(chave["ano"])
    novembro, base_ = f"{ano - 1:04d}-11", ref["mes_base"]
    mes_proc = resultado.base.processamentos.filter(pl.col("processamento") == chave["processamento"])["mes_proc"][0]
    termos = [Termo("VLR_REF_GP", {"agente": chave["agente"], "processamento": chave["processamento"],
                                   "mes_base": base_}, ref["VLR_REF_GP"])]
    notas = [f"processamento {chave['processamento']} em {mes_proc // 12:04d}-{mes_proc % 12 + 1:02d}: ano f = {ano}; "
             f"m-1 = novembro de {ano - 1}; m* = {base_}"]
    if novembro >= base_:
        nipca = resultado.entradas["NIPCA"]
        n1 = nipca.filter(pl.col("mes") == novembro)["NIPCA"][0]
        n0 = nipca.filter(pl.col("mes") == base_)["NIPCA"][0]
        termos += [Termo("NIPCA", {"mes": novembro}, n1), Termo("NIPCA", {"mes": base_}, n0)]
        recalc = quociente_decimal(CONTEXTO.multiply(ref["VLR_REF_GP"], n1), n0,
                                   resultado.configuracao.precisao.escala_divisao)
        texto = f"VLR_REF_GP_A = {fmt(ref['VLR_REF_GP'])} * {fmt(n1)} / {fmt(n0)}"
    else:
        recalc: Decimal = ref["VLR_REF_GP"]
        texto = f"VLR_REF_GP_A = VLR_REF_GP = {fmt(ref['VLR_REF_GP'])}"
        notas.append("DECISÃO G5: novembro anterior ao mês-base: sem atualização")
    return explicacao(resultado, "VLR_REF_GP_A", chave, termos, recalc, texto, notas)


__all__ = ["vlr_ref_gp_a"]
