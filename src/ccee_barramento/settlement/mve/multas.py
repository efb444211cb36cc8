"""MVE Anexo I 3.1.3–3.1.4 — rescission fines (commands 71–75), vectorized.

Windows of months (the 12-month limited supply of cmd 71, the remaining periods of cmd 75, the months
averaged by cmd 75 (c)(i)) are exploded into (contract, month) rows and joined with M_HORAS, PLD_MS and
the registered amounts; F_MRES_CT is an as-of join (the latest row of the processing ≤ the month, D17).
"""

from __future__ import annotations

import polars as pl

from ..chaves import CODIGO
from ..exact import tipo_decimal
from ._ops import esc, produto, quociente, somar_por, vazio
from .dados import Base, texto_mes
from .esquema import REGISTRO, ErroMVE
from .precos import atualizados
from .referencia import (
    MOTIVO_DESLIGAMENTO,
    MOTIVO_INADIMPLENCIA,
    MOTIVO_NAO_APORTE_GFC,
    MOTIVO_NAO_RECOMPOSICAO,
    int_para_mes,
)

_PP = ("perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes")
_PAR = ("perfil_comprador", "perfil_vendedor", "submercado", "processamento", "vigencia", "tipo_energia",
        "tipo_preco", "mes")

REGISTRO.comando(
    "72", "Preço da multa por não aporte da GFC", variavel="PRIC_MRC_MVE",
    equacao="PRIC_MRC_MVE[e,v] = F_MRES_CT[m*,x] × PRECO_CT_MVE[e,v] (preço fixo) | × SPREAD_CT_MVE[e,v] (PLD + spread)",
    entradas=("F_MRES_CT", "PRECO_CT_MVE", "SPREAD_CT_MVE", "PROCESSAMENTO_MVE"), indices=("contrato", "vigencia", "mes"),
    texto="m* = mês do processamento x (D17: a linha de F_MRES_CT do mês ou a última anterior). DECISÃO D10: ≥ 0.")
REGISTRO.comando(
    "71a", "Multa por não aporte da GFC, par e produto", variavel="M_MVE_NAGC",
    equacao="M_MVE_NAGC[ac,av,PROD,m] = Σ_e (Σ_{v ∈ v_fim} MV[e,v] × V_HORAS[v]) × PRIC_MRC_MVE[e,v]",
    entradas=("MV_MVE_PRE", "M_HORAS", "PRIC_MRC_MVE", "NAO_APORTE_GFC"), indices=_PAR,
    texto="DECISÃO D15: contratos de compra de α no processamento x, não mensais; MV = MV_MVE_PRE (contrato "
          "preliminar); v_fim = o suprimento limitado a 12 meses do início. Os contratos são rescindidos (nao_aporte_gfc).")
REGISTRO.comando(
    "71", "Multa por não aporte da GFC", variavel="M_PAG_NAGC",
    equacao="M_PAG_NAGC[α,x,m] = Σ_{ac∈Aα} Σ_av Σ_{s,v,te,tp} M_MVE_NAGC[ac,av,s,x,v,te,tp,m]",
    entradas=("M_MVE_NAGC",), indices=("agente", "processamento", "mes"),
    texto="Uma linha por evento de NAO_APORTE_GFC do mês (0 se o agente não tem contrato a multar).")
REGISTRO.comando(
    "73", "Rescisão (gatilhos)", variavel="RESCISAO_MVE",
    equacao="rescindidos em m: (i) inadimplência (VALOR_INAD_MVE > 0): contratos PLD + spread ou mensais de preço fixo; "
            "(ii) não recomposição da GFC: preço fixo > 1 mês; (iii) desligamento: todos os contratos válidos",
    entradas=("VALOR_INAD_MVE", "EVENTO_RESCISAO_MVE"), indices=("contrato", "mes"),
    texto="DECISÃO D18: (i) e (ii) só com garantias e em vigor no mês; (iii) todos os válidos, inclusive antes das "
          "garantias e ainda não iniciados; desligamento_descumprimento_mve não gera multa por (iii). DECISÃO D14.")
REGISTRO.comando(
    "75c", "Preço da multa por descumprimento", variavel="PRIC_MD_MVE",
    equacao="PRIC_MD_MVE[e,v] = F_MRES_CT[m,x] × PRECO_CT_MVE_M[e,v,m] (PF) | "
            "F_MRES_CT[m,x] × Σ_{ini_v_fct}(PLD_MS + SPREAD_CT_MVE_M) / MESES_VIG (PV sem garantias, (i)) | "
            "F_MRES_CT[m,x] × SPREAD_CT_MVE_M[e,v,m] (PV com garantias, (ii))",
    entradas=("F_MRES_CT", "PRECO_CT_MVE_M", "SPREAD_CT_MVE_M", "PLD_MS"), indices=("contrato", "vigencia", "mes"),
    texto="DECISÃO D11: ini_v_fct = do início da vigência ao mês da rescisão (só m se antes do início). D17: F_MRES_CT do "
          "mês de apuração. D10: ≥ 0. A média é um quociente (16 casas).")
REGISTRO.comando(
    "75b", "Multa rescisória, par e produto", variavel="M_MVE",
    equacao="M_MVE[ac,av,PROD,m] = Σ_e (Σ_{v ∈ per_rem} MV[e,v] × V_HORAS[v]) × PRIC_MD_MVE[e,v]",
    entradas=("MV", "MV_MVE_PRE", "M_HORAS", "PRIC_MD_MVE"), indices=_PAR,
    texto="per_rem_pf de max(m+1, início), per_rem_pv de max(m, início), ambos até 12 meses (D18). MV de cada mês: o do "
          "cmd 65 no mês, senão MV registrado (mês, depois vigência), senão MV_MVE_PRE (D16).")
REGISTRO.comando(
    "75a", "Multa rescisória total do par", variavel="TM_MVE",
    equacao="TM_MVE[ac,av,m] = Σ_{s,x,v,te,tp} M_MVE[ac,av,PROD,m]", entradas=("M_MVE",),
    indices=("perfil_comprador", "perfil_vendedor", "mes"))
REGISTRO.comando(
    "75", "Multa a pagar por produto", variavel="M_PAG_MVE",
    equacao="M_PAG_MVE[a,PROD,m] = Σ_av M_MVE[a,av,PROD,m]", entradas=("M_MVE",), indices=_PP)
REGISTRO.comando(
    "75 (total)", "Total de multas a pagar", variavel="TM_PAG_MVE",
    equacao="TM_PAG_MVE[a,m] = Σ_{s,x,v,te,tp} M_PAG_MVE[a,PROD,m]", entradas=("M_PAG_MVE",), indices=("perfil", "mes"),
    texto="Parte do comando 75.")
REGISTRO.comando(
    "74a", "Multa a receber por produto", variavel="M_REC_MVE",
    equacao="M_REC_MVE[a,PROD,m] = Σ_ac M_MVE[ac,a,PROD,m]", entradas=("M_MVE",), indices=_PP)
REGISTRO.comando(
    "74", "Total de multas a receber", variavel="TM_REC_MVE",
    equacao="TM_REC_MVE[a,m] = Σ_{s,x,v,te,tp} M_REC_MVE[a,PROD,m]", entradas=("M_REC_MVE",), indices=("perfil", "mes"))


def janela(inicio: pl.Expr, fim: pl.Expr) -> pl.Expr:
    """The months from inicio to fim, "limitado a 12 meses" (at most 12 from inicio), as a list column."""
    ultimo = pl.min_horizontal(fim, inicio + 11)
    return pl.int_ranges(inicio, pl.max_horizontal(ultimo + 1, inicio), dtype=CODIGO)


def com_f_mres(base: Base, df: pl.DataFrame, mes: str) -> pl.DataFrame:
    """``df`` plus F_MRES_CT[mes, x]: the row of that month, else the latest earlier row of x (DECISÃO D17)."""
    if df.height == 0:
        return df.with_columns(pl.lit(None, dtype=base.f_mres.schema["F_MRES_CT"]).alias("F_MRES_CT"))
    ordem = df.with_row_index("_ordem").sort(mes)
    tabela = base.f_mres.rename({"m": "_fm_m"}).sort("_fm_m")
    achado = ordem.join_asof(tabela, left_on=mes, right_on="_fm_m", by="x", strategy="backward",
                             check_sortedness=False)  # both sorted by the month above
    falta = achado.filter(pl.col("F_MRES_CT").is_null())
    if falta.height:
        r = falta.sort("_ordem").row(0, named=True)
        raise ErroMVE("F_MRES_CT", f"sem fator para o processamento {base.processamentos.valores[int(r['x'])]!r} até o "
                                   f"mês {int_para_mes(int(r[mes]))}")
    return achado.sort("_ordem").drop("_ordem", *(["_fm_m"] if "_fm_m" in achado.columns else []))


def _horas(base: Base) -> pl.DataFrame:
    return pl.DataFrame({"mm": list(base.horas), "_H": list(base.horas.values())},
                        schema={"mm": CODIGO, "_H": base.tabelas["M_HORAS"].schema["M_HORAS"]})


def _energia(base: Base, df: pl.DataFrame, inicio: pl.Expr, cap: int, mv: pl.DataFrame | None = None) -> pl.DataFrame:
    """``df`` (one row per contract, with fim, MV_MVE_PRE) plus ``_energia`` = Σ_{mm ∈ janela(inicio, fim)} MV × M_HORAS.

    ``mv``: None → MV = MV_MVE_PRE (cmd 71); else the per-month amount of cmd 75 (DECISÃO D16): the cmd 65 value
    of that month (``mv`` rows: cid, mm, MV), else a registered MV row for the month, else for the contract's
    vigência, else MV_MVE_PRE."""
    ex = df.select("cid", "MV_MVE_PRE", janela(inicio, pl.col("fim")).alias("mm")).explode("mm").drop_nulls("mm")
    ex = ex.join(_horas(base), on="mm", how="left", maintain_order="left")
    falta = ex.filter(pl.col("_H").is_null())
    if falta.height:
        raise ErroMVE("M_HORAS", f"sem linha para o mês {int_para_mes(int(falta['mm'].min()))}")
    if mv is None:
        ex = ex.with_columns(pl.col("MV_MVE_PRE").alias("_mv"))
    else:
        reg = base.mv_registrado
        ex = ex.with_columns(texto_mes(pl.col("mm")).alias("_mes"),
                             base.vigencias_txt.gather(ex["cid"]).alias("_vig"))
        ex = ex.join(mv.select("cid", "mm", pl.col("MV").alias("_mv65")), on=["cid", "mm"], how="left",
                     maintain_order="left")
        ex = ex.join(reg.rename({"vigencia": "_mes", "MV": "_mv_mes"}), on=["cid", "_mes"], how="left",
                     maintain_order="left")
        ex = ex.join(reg.rename({"vigencia": "_vig", "MV": "_mv_vig"}), on=["cid", "_vig"], how="left",
                     maintain_order="left")
        ex = ex.with_columns(pl.coalesce("_mv65", "_mv_mes", "_mv_vig", "MV_MVE_PRE").alias("_mv"))
    ex = ex.with_columns(produto("_mv", esc(ex, "_mv"), "_H", esc(ex, "_H"), cap).alias("_e"))
    soma = ex.group_by("cid").agg(pl.col("_e").sum().alias("_energia"))
    saida = df.join(soma, on="cid", how="left", maintain_order="left")
    return saida.with_columns(pl.col("_energia").fill_null(0))


def _pares(df: pl.DataFrame, valor: str, nome: str) -> pl.DataFrame:
    return somar_por(df.rename({"comprador": "ac", "vendedor": "av"}), ["ac", "av", "prod"], valor, nome)


def nao_aporte(base: Base, m: int, resc_mes: pl.Series, cap: int) -> dict[str, pl.DataFrame]:
    """MVE cmds 71–72: the events of NAO_APORTE_GFC in m; their contracts are fined and rescinded."""
    ev = base.do_mes("NAO_APORTE_GFC", m)  # aid, x
    if ev.height == 0:
        i = pl.Int64
        return {"PRIC_MRC_MVE": vazio({"cid": i}, "PRIC_MRC_MVE"),
                "M_MVE_NAGC": vazio({"ac": i, "av": i, "prod": i}, "M_MVE_NAGC"),
                "M_PAG_NAGC": vazio({"aid": i, "x": i}, "M_PAG_NAGC"), "_rescindidos": pl.DataFrame(schema={"cid": i})}
    c = base.contratos.with_columns(resc_mes.alias("_resc"))
    # DECISÃO D15: the buyer agent's contracts of processing x, not monthly ("∀ v ≠ 1 mês"), not yet rescinded
    cand = c.join(ev.rename({"aid": "agente_c"}), on=["agente_c", "x"], how="inner").filter(
        ~pl.col("mensal") & pl.col("_resc").is_null()).drop("_resc").sort("cid")
    cand = com_f_mres(base, cand, "mproc")
    bruto = pl.when(pl.col("pf")).then(pl.col("PRECO")).otherwise(pl.col("SPREAD"))
    cand = cand.with_columns(bruto.alias("_X"))
    # MVE cmd 72: PRIC_MRC_MVE = F_MRES_CT[m*,x] × PRECO_CT_MVE (PF) | × SPREAD_CT_MVE (PV); DECISÃO D10: ≥ 0
    cand = cand.with_columns(produto("F_MRES_CT", esc(cand, "F_MRES_CT"), "_X", esc(cand, "_X"), cap).alias("_p"))
    cand = cand.with_columns(pl.when(pl.col("_p") > 0).then(pl.col("_p")).otherwise(0).alias("PRIC_MRC_MVE"))
    # MVE cmd 71 (a): (Σ_{v ∈ v_fim} MV_MVE_PRE × V_HORAS[v]) × PRIC_MRC_MVE, v_fim = supply limited to 12 months
    cand = _energia(base, cand, pl.col("ini"), cap)
    cand = cand.with_columns(produto("_energia", esc(cand, "_energia"), "PRIC_MRC_MVE", esc(cand, "PRIC_MRC_MVE"), cap)
                             .alias("_multa"))
    nagc = _pares(cand, "_multa", "M_MVE_NAGC")
    # MVE cmd 71: M_PAG_NAGC[α,x,m] = Σ M_MVE_NAGC over the agent's buyer profiles (a row per event, maybe 0)
    por_evento = somar_por(cand.rename({"agente_c": "aid"}), ["aid", "x"], "_multa", "M_PAG_NAGC")
    pag = ev.join(por_evento, on=["aid", "x"], how="left").with_columns(
        pl.col("M_PAG_NAGC").fill_null(0)).sort("aid", "x")
    return {"PRIC_MRC_MVE": cand.select("cid", "PRIC_MRC_MVE"), "M_MVE_NAGC": nagc, "M_PAG_NAGC": pag,
            "_rescindidos": cand.select("cid")}


def rescisoes(base: Base, m: int, ativos: pl.DataFrame, resc_mes: pl.Series, valor_inad: pl.DataFrame,
              nagc: pl.DataFrame) -> pl.DataFrame:
    """MVE cmd 73: (cid, motivo) of the contracts rescinded in m (cmd 71's included)."""
    ev = base.do_mes("EVENTO_RESCISAO_MVE", m)
    desligados = ev.filter(pl.col("desligamento"))["aid"].unique()
    sem_recomp = ev.filter(pl.col("nao_recomposicao"))["aid"].unique()
    inadimplentes = valor_inad.filter(pl.col("VALOR_INAD_MVE") > 0)["aid"]
    ja = nagc["cid"]
    # (iii) disconnection (not for an MVE breach): ALL valid contracts of the buyer — not ended, not rescinded —
    # including those before the guarantees and those whose supply has not started (DECISÃO D18)
    c = base.contratos.with_columns(resc_mes.alias("_resc"))
    deslig = c.filter(pl.col("agente_c").is_in(desligados.implode()) & (pl.col("fim") >= m) & pl.col("_resc").is_null()
                      & ~pl.col("cid").is_in(ja.implode()))["cid"]
    # (i) default in any amount: PV products or monthly PF; (ii) GFC not recomposed: PF longer than 1 month.
    # Only contracts with guarantees, in force in m (DECISÃO D18).
    resto = ativos.filter(~pl.col("anterior") & ~pl.col("cid").is_in(ja.implode()) & ~pl.col("cid").is_in(deslig.implode()))
    inad = pl.col("agente_c").is_in(inadimplentes.implode()) & (~pl.col("pf") | pl.col("mensal"))
    semr = pl.col("agente_c").is_in(sem_recomp.implode()) & pl.col("pf") & ~pl.col("mensal")
    outras = resto.filter(inad | semr).select(
        "cid", pl.when(inad).then(pl.lit(MOTIVO_INADIMPLENCIA)).otherwise(pl.lit(MOTIVO_NAO_RECOMPOSICAO)).alias("motivo"))
    return pl.concat([
        nagc.select("cid", pl.lit(MOTIVO_NAO_APORTE_GFC).alias("motivo")),
        pl.DataFrame({"cid": deslig}).with_columns(pl.lit(MOTIVO_DESLIGAMENTO).alias("motivo")),
        outras,
    ]).sort("cid")


def multa_rescisoria(base: Base, m: int, rescindidos: pl.DataFrame, precos_m: pl.DataFrame, mv65: pl.DataFrame,
                     q: int, cap: int) -> dict[str, pl.DataFrame]:
    """MVE cmds 74–75 for the contracts rescinded in m (except cmd 71's, fined there).

    ``precos_m``: (cid, PRECO_M, SPREAD_M) of cmd 38 in m for the contracts in supply (state-aware); a
    contract not in supply (not started yet) has its original price (no December of its supply before m).
    """
    df = rescindidos.filter(pl.col("motivo") != MOTIVO_NAO_APORTE_GFC).join(base.contratos, on="cid", how="inner")
    if df.height == 0:
        i, pp = pl.Int64, {"pid": pl.Int64, "prod": pl.Int64}
        return {"PRIC_MD_MVE": vazio({"cid": i}, "PRIC_MD_MVE"), "M_MVE": vazio({"ac": i, "av": i, "prod": i}, "M_MVE"),
                "TM_MVE": vazio({"ac": i, "av": i}, "TM_MVE"), "M_PAG_MVE": vazio(pp, "M_PAG_MVE"),
                "TM_PAG_MVE": vazio({"pid": i}, "TM_PAG_MVE"), "M_REC_MVE": vazio(pp, "M_REC_MVE"),
                "TM_REC_MVE": vazio({"pid": i}, "TM_REC_MVE")}
    df = df.join(precos_m, on="cid", how="left", maintain_order="left").with_columns(
        pl.coalesce("PRECO_M", "PRECO").alias("PRECO_M"), pl.coalesce("SPREAD_M", "SPREAD").alias("SPREAD_M"),
        pl.lit(m, dtype=CODIGO).alias("_m"))
    df = com_f_mres(base, df, "_m")  # F_MRES_CT[m,x], m = month of apuração (DECISÃO D17)
    sf = esc(df, "F_MRES_CT")
    media = _media_pld_spread(base, df.filter(~pl.col("pf") & pl.col("anterior")), m, q, cap)
    df = df.join(media, on="cid", how="left", maintain_order="left")
    df = df.with_columns(
        produto("F_MRES_CT", sf, "PRECO_M", esc(df, "PRECO_M"), cap).alias("_pf"),
        produto("F_MRES_CT", sf, "SPREAD_M", esc(df, "SPREAD_M"), cap).alias("_pvii"),
        produto("F_MRES_CT", sf, "_soma", esc(df, "_soma"), cap).alias("_fs"))
    df = df.with_columns(quociente("_fs", esc(df, "_fs"), "_n", 0, q, pl.col("_n").is_not_null()).alias("_pvi"))
    # MVE cmd 75 (c): PF → F × PRECO_CT_MVE_M ; PV before the guarantees → (i) F × mean(PLD + SPREAD_M) ;
    # PV with guarantees → (ii) F × SPREAD_CT_MVE_M ; DECISÃO D10: floored at 0
    bruto = pl.when(pl.col("pf")).then(pl.col("_pf")).when(pl.col("anterior")).then(pl.col("_pvi")).otherwise(pl.col("_pvii"))
    df = df.with_columns(pl.when(bruto > 0).then(bruto).otherwise(0).alias("PRIC_MD_MVE"))
    # per_rem_pf from max(m+1, start); per_rem_pv from max(m, start); both at most 12 months (DECISÃO D18)
    inicio = pl.max_horizontal(pl.col("ini"), pl.when(pl.col("pf")).then(m + 1).otherwise(m))
    df = _energia(base, df, inicio, cap, mv65.with_columns(pl.lit(m, dtype=CODIGO).alias("mm")))
    # MVE cmd 75 (b): M_MVE[ac,av,PROD,m] = Σ_e (Σ_{v ∈ per_rem} MV[e,v] × V_HORAS[v]) × PRIC_MD_MVE[e,v]
    df = df.with_columns(produto("_energia", esc(df, "_energia"), "PRIC_MD_MVE", esc(df, "PRIC_MD_MVE"), cap).alias("_multa"))
    m_mve = _pares(df, "_multa", "M_MVE")
    return {
        "PRIC_MD_MVE": df.select("cid", "PRIC_MD_MVE").sort("cid"),
        "M_MVE": m_mve,
        # MVE cmd 75 (a): TM_MVE[ac,av] = Σ_PROD M_MVE
        "TM_MVE": somar_por(m_mve, ["ac", "av"], "M_MVE", "TM_MVE"),
        # MVE cmd 75: M_PAG_MVE[a,PROD] = Σ_av M_MVE (a = ac); TM_PAG_MVE[a] = Σ_PROD M_PAG_MVE
        "M_PAG_MVE": (pag := somar_por(m_mve.rename({"ac": "pid"}), ["pid", "prod"], "M_MVE", "M_PAG_MVE")),
        "TM_PAG_MVE": somar_por(pag, ["pid"], "M_PAG_MVE", "TM_PAG_MVE"),
        # MVE cmd 74: M_REC_MVE[a,PROD] = Σ_ac M_MVE (a = av); TM_REC_MVE[a] = Σ_PROD M_REC_MVE
        "M_REC_MVE": (rec := somar_por(m_mve.rename({"av": "pid"}), ["pid", "prod"], "M_MVE", "M_REC_MVE")),
        "TM_REC_MVE": somar_por(rec, ["pid"], "M_REC_MVE", "TM_REC_MVE"),
    }


def _media_pld_spread(base: Base, df: pl.DataFrame, m: int, q: int, cap: int) -> pl.DataFrame:
    """(cid, _soma, _n): Σ_{mm ∈ ini_v_fct} (PLD_MS[s,mm] + SPREAD_CT_MVE_M[e,v,mm]) and the count of months
    (DECISÃO D11: from the start of the vigência to m; {m} if the contract had not started)."""
    if df.height == 0:
        return pl.DataFrame(schema={"cid": CODIGO, "_soma": base.tabelas["PLD_MS"].schema["PLD_MS"], "_n": tipo_decimal(0)})
    inicio = pl.when(pl.col("ini") <= m).then(pl.col("ini")).otherwise(m)
    ex = df.select("cid", "sub", "ini", "plur", "mproc", "PRECO", "SPREAD", "NIPCA_PROC",
                   pl.int_ranges(inicio, m + 1, dtype=CODIGO).alias("mm")).explode("mm")
    pld = pl.concat([pl.DataFrame({"sub": pl.int_range(0, s.len(), dtype=CODIGO, eager=True), "PLD": s,
                                   "mm": pl.repeat(mes, s.len(), dtype=CODIGO, eager=True)})
                     for mes, s in base.pld.items()]) if base.pld else None
    if pld is None:
        raise base.erro_pld(int(ex["sub"][0]), int(ex["mm"][0]))
    ex = ex.join(pld, on=["sub", "mm"], how="left", maintain_order="left")
    falta = ex.filter(pl.col("PLD").is_null())
    if falta.height:
        raise base.erro_pld(int(falta["sub"][0]), int(falta["mm"][0]))
    # SPREAD_CT_MVE_M of each month mm, closed form (no state), as the reference
    ex = atualizados(base, ex, pl.col("mm"), q, cap)
    ex = ex.with_columns((pl.col("PLD") + pl.col("_SA")).alias("_v"))
    return ex.group_by("cid").agg(pl.col("_v").sum().alias("_soma"), pl.len().cast(tipo_decimal(0)).alias("_n"))
