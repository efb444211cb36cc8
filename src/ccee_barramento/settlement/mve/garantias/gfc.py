"""Seed 004 Anexo III §3.3.3 — Cálculo da Garantia de Fiel Cumprimento do Contrato (commands 111–114)."""

from __future__ import annotations

import polars as pl

from ...exact import CONTEXTO, literal, tipo_decimal
from ...lineage import Explicacao, Termo, fmt
from ._exato import esc, mult, produto_decimal, soma
from ._explica import de_agente, derivador_soma, explicacao
from .dados import Base
from .esquema import PF, PROD, REGISTRO, ErroGarantias

REGISTRO.comando(
    "111", "GFC exigida dos compradores vencedores",
    texto="A GFC é exigida dos vencedores de produtos com duração maior que 1 mês, com aporte integral para o "
          "registro do CCEAL. Aplicado: VLR_GC_PROD só para produtos não mensais de processamentos com garantias.",
)
REGISTRO.comando(
    "112", "Acionamento da GFC por produto",
    texto="Acionada por produto na inadimplência: I. pagamento do contrato e multa por inadimplência (preço fixo); "
          "II. multa por rescisão (todos), inclusive no desligamento. Aplicado nos cmds 121–128 e 137–142.",
)
CMD113 = REGISTRO.comando(
    "113", "Valor de Garantia de Fiel Cumprimento por produto", variavel="VLR_GC_PROD",
    equacao="VLR_GC_PROD[a,PROD] = V_HORAS_GC_A[α,x,v] * Σ_{e∈VINC_C_MVE, e∈a} MV[e,v] * PRECO_CT_MVE[e,v] "
            "(* (1 + PERC_MULTA_INAD_MVE[m]) trimestral/semestral PF) | ... * max(0; SPREAD_CT_MVE[e,v]) (PV)",
    entradas=("V_HORAS_GC_A", "MV_MVE_PRE", "PRECO_CT_MVE", "SPREAD_CT_MVE", "PERC_MULTA_INAD_MVE"),
    indices=("perfil", *PROD),
    texto="m = mês do processamento x. MV = MV_MVE_PRE (DECISÃO G3). Só produtos não mensais (Importante).",
)
CMD113A = REGISTRO.comando(
    "113 a", "Número de horas de referência atualizado", variavel="V_HORAS_GC_A",
    equacao="V_HORAS_GC_A[α,x,v] = V_HORAS[v] (inadimplente/descumprimento nos últimos 12 meses) | V_HORAS_GC[x,v]",
    entradas=("INADIMPLENTE_12M_MVE", "V_HORAS", "V_HORAS_GC", "M_HORAS"), indices=("agente", "processamento",
                                                                                   "vigencia"),
    texto="DECISÃO G4: o fato 'inadimplente nos últimos 12 meses' é o conjunto de entrada INADIMPLENTE_12M_MVE[α,x]. "
          "V_HORAS ausente = Σ M_HORAS da vigência.",
)
CMD114 = REGISTRO.comando(
    "114", "Valor Total de Garantia de Fiel Cumprimento", variavel="VLR_GC_TOT",
    equacao="VLR_GC_TOT[α,x] = Σ_{a∈α} Σ_{s,v,te,tp} VLR_GC_PROD[a,s,x,v,te,tp]", entradas=("VLR_GC_PROD",),
    indices=("agente", "processamento"),
)


def v_horas_gc_a(base: Base) -> pl.DataFrame:
    """MVE cmd 113 (a), one row per (α, x, v) of a buyer's non-monthly product."""
    chaves = base.produtos.select("agente", "processamento", "vigencia").unique()
    inad = base.tabela("INADIMPLENTE_12M_MVE").unique().with_columns(pl.lit(True).alias("_inad"))
    df = chaves.join(inad, on=["agente", "processamento"], how="left").join(
        base.tabela("V_HORAS_GC"), on=["processamento", "vigencia"], how="left")
    df = df.with_columns(pl.col("_inad").fill_null(False))
    falta = df.filter(~pl.col("_inad") & pl.col("V_HORAS_GC").is_null())
    if falta.height:
        r = falta.sort("processamento", "vigencia").row(0, named=True)
        raise ErroGarantias("V_HORAS_GC", f"sem horas de referência para o processamento {r['processamento']!r}, "
                                          f"vigência {r['vigencia']!r}")
    # V_HORAS[v]: the input row, else Σ M_HORAS over the vigência (only for the agents that need it)
    precisa = df.filter(pl.col("_inad"))["vigencia"].unique().to_list()
    vh = {}
    for v in precisa:
        if v in base.v_horas:
            vh[v] = base.v_horas[v]
        else:
            r = base.vigencias.filter(pl.col("vigencia") == v).row(0, named=True)
            vh[v] = base.horas_entre(r["inicio"], r["fim"])
    escala_vh = max([0] + [max(0, -int(x.as_tuple().exponent)) for x in vh.values()])  # type: ignore[operator]
    df = df.join(pl.DataFrame({"vigencia": list(vh), "_vh": list(vh.values())},
                              schema={"vigencia": pl.String, "_vh": tipo_decimal(escala_vh)}),
                 on="vigencia", how="left")
    s = max(esc(df, "V_HORAS_GC"), escala_vh)
    # MVE cmd 113 (a): V_HORAS_GC_A = V_HORAS[v] (defaulted in the last 12 months) | V_HORAS_GC[x,v]
    df = df.with_columns(pl.when(pl.col("_inad")).then(pl.col("_vh").cast(tipo_decimal(s)))
                         .otherwise(pl.col("V_HORAS_GC").cast(tipo_decimal(s))).alias("V_HORAS_GC_A"))
    return df.select("agente", "processamento", "vigencia", "V_HORAS_GC_A").sort("agente", "processamento", "vigencia")


def vlr_gc_prod(base: Base, horas: pl.DataFrame, cap: int) -> pl.DataFrame:
    """MVE cmd 113: VLR_GC_PROD per (buyer profile, product), and the product frame's H and VLR_GC_PROD."""
    chave = ["perfil", *PROD]
    c = base.contratos.filter(pl.col("tipo") != "mensal")
    sp = esc(c, "SPREAD")
    c = c.with_columns(pl.col("PRECO").fill_null(literal(0, esc(c, "PRECO"))),
                       pl.max_horizontal(pl.col("SPREAD").fill_null(literal(0, sp)), literal(0, sp)).alias("_spread"))
    c = mult(c, "MV", "PRECO", "_t_pf", cap)
    c = mult(c, "MV", "_spread", "_t_pv", cap)
    # Σ_{e ∈ VINC_C_MVE, e ∈ a} MV[e,v] * PRECO_CT_MVE[e,v]  |  MV[e,v] * max(0; SPREAD_CT_MVE[e,v])
    c = c.with_columns(pl.when(pl.col("tipo_preco") == PF).then(pl.col("_t_pf")).otherwise(pl.col("_t_pv")).alias("_t"))
    somas = c.group_by(chave).agg(pl.col("_t").sum())
    df = base.produtos.join(somas, on=chave, how="left").join(horas, on=["agente", "processamento", "vigencia"],
                                                              how="left")
    df = mult(df, "V_HORAS_GC_A", "_t", "_v", cap)
    # (1 + PERC_MULTA_INAD_MVE[m]) for quarterly and semiannual fixed-price products, m = month of x
    com_multa = (pl.col("tipo_preco") == PF) & pl.col("tipo").is_in(["trimestral", "semestral"])
    meses = df.filter(com_multa)["mes_proc"].unique().to_list()
    fatores = {m: CONTEXTO.add(1, base.perc_em(m)) for m in meses}
    s_f = max([0] + [max(0, -int(f.as_tuple().exponent)) for f in fatores.values()])  # type: ignore[operator]
    df = df.join(pl.DataFrame({"mes_proc": list(fatores), "_f": list(fatores.values())},
                              schema={"mes_proc": pl.Int64, "_f": tipo_decimal(s_f)}), on="mes_proc", how="left")
    df = df.with_columns(pl.col("_f").fill_null(literal(1, s_f)))
    df = mult(df, "_v", "_f", "_vm", cap)
    df = df.with_columns(pl.when(com_multa).then(pl.col("_vm")).otherwise(pl.col("_v")).alias("VLR_GC_PROD"))
    return df.select(*chave, "V_HORAS_GC_A", "VLR_GC_PROD")


def vlr_gc_tot(gc_prod: pl.DataFrame) -> pl.DataFrame:
    """MVE cmd 114: VLR_GC_TOT[α,x] = Σ_{a∈α} Σ VLR_GC_PROD."""
    return gc_prod.group_by("agente", "processamento").agg(pl.col("VLR_GC_PROD").sum().alias("VLR_GC_TOT")).sort(
        "agente", "processamento")


# ----------------------------------------------------------------------------------------------------
# Explanations
# ----------------------------------------------------------------------------------------------------


@REGISTRO.derivador("V_HORAS_GC_A")
def _explicar_horas(resultado, chave: dict[str, str]) -> Explicacao:
    inad = resultado.entradas.get("INADIMPLENTE_12M_MVE")
    flag = inad is not None and inad.filter((pl.col("agente") == chave["agente"])
                                            & (pl.col("processamento") == chave["processamento"])).height > 0
    if flag:
        base = resultado.base
        if chave["vigencia"] in base.v_horas:
            t = Termo("V_HORAS", {"vigencia": chave["vigencia"]}, base.v_horas[chave["vigencia"]])
        else:
            r = base.vigencias.filter(pl.col("vigencia") == chave["vigencia"]).row(0, named=True)
            t = Termo("V_HORAS", {"vigencia": chave["vigencia"]}, base.horas_entre(r["inicio"], r["fim"]),
                      "Σ M_HORAS da vigência")
        nota = "agente em INADIMPLENTE_12M_MVE: horas da vigência (majoradas)"
    else:
        v = resultado.entradas["V_HORAS_GC"].filter((pl.col("processamento") == chave["processamento"])
                                                    & (pl.col("vigencia") == chave["vigencia"]))["V_HORAS_GC"][0]
        t = Termo("V_HORAS_GC", {"processamento": chave["processamento"], "vigencia": chave["vigencia"]}, v)
        nota = "sem inadimplência nos últimos 12 meses: horas de referência do processamento"
    return explicacao(resultado, "V_HORAS_GC_A", chave, [t], t.valor, f"V_HORAS_GC_A = {t.nome} = {fmt(t.valor)}", [nota])


@REGISTRO.derivador("VLR_GC_PROD")
def _explicar_gc_prod(resultado, chave: dict[str, str]) -> Explicacao:
    cap = resultado.configuracao.escala_produto
    base = resultado.base
    filtro = [pl.col("perfil") == chave["perfil"]] + [pl.col(c) == chave[c] for c in PROD]
    contratos = base.contratos.filter(*filtro).sort("contrato")
    prod = base.produtos.filter(*filtro).row(0, named=True)
    h = resultado.valor_exato("V_HORAS_GC_A", {"agente": prod["agente"], "processamento": chave["processamento"],
                                                "vigencia": chave["vigencia"]})
    termos = [Termo("V_HORAS_GC_A", {"agente": prod["agente"], "processamento": chave["processamento"],
                                     "vigencia": chave["vigencia"]}, h, "cmd 113 a")]
    partes = []
    for r in contratos.to_dicts():
        termos.append(Termo("MV_MVE_PRE", {"contrato": r["contrato"]}, r["MV"]))
        if chave["tipo_preco"] == PF:
            termos.append(Termo("PRECO_CT_MVE", {"contrato": r["contrato"]}, r["PRECO"]))
            partes.append(produto_decimal(r["MV"], r["PRECO"], cap))
        else:
            termos.append(Termo("SPREAD_CT_MVE", {"contrato": r["contrato"]}, r["SPREAD"]))
            partes.append(produto_decimal(r["MV"], max(r["SPREAD"], 0), cap))
    recalc = produto_decimal(h, soma(partes), cap)
    texto = f"VLR_GC_PROD = {fmt(h)} * ({' + '.join(fmt(p) for p in partes)})"
    notas = [f"vigência {prod['tipo']}, {len(partes)} contrato(s) de compra do perfil no produto"]
    if chave["tipo_preco"] == PF and prod["tipo"] in ("trimestral", "semestral"):
        perc = base.perc_em(prod["mes_proc"])
        termos.append(Termo("PERC_MULTA_INAD_MVE", {"mes": f"{prod['mes_proc'] // 12:04d}-{prod['mes_proc'] % 12 + 1:02d}"},
                            perc, "entrada (em vigor no mês do processamento)"))
        recalc = produto_decimal(recalc, CONTEXTO.add(1, perc), cap)
        texto += f" * (1 + {fmt(perc)})"
    return explicacao(resultado, "VLR_GC_PROD", chave, termos, recalc, texto, notas)


derivador_soma("VLR_GC_TOT", "VLR_GC_PROD",
               lambda r, k: de_agente(r, "VLR_GC_PROD", k, "perfil", k["agente"], processamento=k["processamento"]),
               ("perfil", *PROD))

__all__ = ["v_horas_gc_a", "vlr_gc_prod", "vlr_gc_tot"]
