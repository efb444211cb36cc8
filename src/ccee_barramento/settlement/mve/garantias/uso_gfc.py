"""Seed 004 Anexo III §3.3.6 — Utilização da GFC em caso de inadimplência ou desligamento (commands 121–128).

The month's product frame (one row per buyer profile's product with GFC rows in the month, DECISÃO G8) is
built here: the events of Anexo I (default factor, disconnection, non-recomposition, rescissions), the
values it computed (VLP_MVE_PROD, M_PAG_MVE) and the balance GC_PROD_ATUAL (cmd 122).
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from ...exact import CONTEXTO, ZERO, concatenar, literal, tipo_decimal
from ...lineage import Explicacao, Termo, filtrar, fmt
from ...runner import int_para_mes
from ._exato import esc, mult, produto_decimal, zeros
from ._explica import de_agente, derivador_soma, entrada, explicacao, saida
from .dados import Base
from .esquema import MOTIVO_DESLIGAMENTO, MOTIVO_NAO_RECOMPOSICAO, PAR, PF, PROD, REGISTRO, ErroGarantias

CHAVE = ["perfil", *PROD]

CMD121 = REGISTRO.comando(
    "121", "GFC acionada preliminar por produto", variavel="GCA_PROD_PRE",
    equacao="GCA_PROD_PRE[a,PROD,m] = M_PAG_MVE[a,PROD,m] (desligamento, exceto por descumprimento no MVE) | "
            "(F_INAD_EFE_MVE[α,m] * VLP_MVE_PROD[a,PROD,m]) * (1 + PERC_MULTA_INAD_MVE[m]) (inadimplência, PF) | "
            "M_PAG_MVE[a,PROD,m] (inadimplência, PV); ∀ v ≠ 1 mês",
    entradas=("EVENTO_RESCISAO_MVE", "F_INAD_EFE_MVE", "VLP_MVE_PROD", "M_PAG_MVE", "PERC_MULTA_INAD_MVE"),
    indices=(*CHAVE, "mes"),
    texto="Inadimplência = F_INAD_EFE_MVE[α,m] > 0 (Anexo I cmd 63). DECISÃO G16: o desligamento vem primeiro; "
          "desligamento por descumprimento no MVE não é 'desligamento' aqui. Sem evento: 0.",
)
CMD122 = REGISTRO.comando(
    "122", "Garantia do produto atualizada", variavel="GC_PROD_ATUAL",
    equacao="GC_PROD_ATUAL[a,PROD,m] = VLR_GC_PROD[a,PROD] (primeiro mês do produto) | "
            "GC_PROD_ATUAL[m-1] + AJU_IPCA[m-1] - EXC_GC_PROD[m-1]",
    entradas=("VLR_GC_PROD", "GC_PROD_ATUAL", "AJU_IPCA", "EXC_GC_PROD"), indices=(*CHAVE, "mes"),
    texto="DECISÃO G8: meses do produto = vigência (enquanto algum contrato não foi rescindido; o mês da rescisão "
          "inclusive) e o mês da rescisão anterior ao suprimento; GFC não aportada (NAO_APORTE_GFC) = sem linhas. "
          "Como impresso, o saldo supõe a recomposição do acionado (spec M48).",
)
CMD123 = REGISTRO.comando(
    "123", "GFC acionada por produto", variavel="GCA_PROD",
    equacao="GCA_PROD[a,PROD,m] = min(GCA_PROD_PRE[a,PROD,m]; GC_PROD_ATUAL[a,PROD,m])",
    entradas=("GCA_PROD_PRE", "GC_PROD_ATUAL"), indices=(*CHAVE, "mes"),
)
CMD124 = REGISTRO.comando(
    "124", "GFC acionada preliminar do agente", variavel="GCA_PRE",
    equacao="GCA_PRE[α,x,v,m] = Σ_{a∈α} Σ_{s,te,tp} GCA_PROD[a,s,x,v,te,tp,m]", entradas=("GCA_PROD",),
    indices=("agente", "processamento", "vigencia", "mes"),
)
CMD125 = REGISTRO.comando(
    "125", "GFC acionada total", variavel="GCA_TOT", equacao="GCA_TOT[α,m] = Σ_x Σ_v GCA_PRE[α,x,v,m]",
    entradas=("GCA_PRE",), indices=("agente", "mes"),
    texto="Tabela de saída impressa [α,x]; a equação e a descrição dizem [α,m] (DECISÃO G18).",
)
CMD126 = REGISTRO.comando(
    "126", "GFC acionada por par vendedor/comprador e produto", variavel="GCA_PROD_VC",
    equacao="GCA_PROD_VC[ac,av,PROD,m] = (F_INAD_EFE_MVE[α,m] * VLP_MVE_PROD[ac,PROD,m]) * F_VEND_MVE_PROD[av,PROD,m] "
            "(PF) | GCA_PROD[ac,PROD,m] * F_VEND_MVE_PROD[av,PROD,m] (PV)",
    entradas=("F_INAD_EFE_MVE", "VLP_MVE_PROD", "GCA_PROD", "F_VEND_MVE_PROD", "F_M_REC_PROD_R"),
    indices=PAR + ("mes",),
    texto="DECISÃO G9: PF = min(F_INAD_EFE_MVE·VLP_MVE_PROD; GCA_PROD) · F_VEND (o vendedor não recebe mais do que "
          "foi acionado); no desligamento o acionado (a multa) é dividido como no PV; sem F_VEND_MVE_PROD no mês "
          "(antes do suprimento), pela participação na multa (F_M_REC_PROD_R). Linhas só com GCA_PROD ≠ 0.",
)
CMD127 = REGISTRO.comando(
    "127", "GFC acionada bilateral preliminar", variavel="GCA_VC_PRE",
    equacao="GCA_VC_PRE[α,α*,x,v,m] = Σ_{ac∈Aα} Σ_{av∈Aα*} Σ_{s,te,tp} GCA_PROD_VC[ac,av,s,x,v,te,tp,m]",
    entradas=("GCA_PROD_VC",), indices=("agente_comprador", "agente_vendedor", "processamento", "vigencia", "mes"),
)
CMD128 = REGISTRO.comando(
    "128", "GFC acionada bilateral no mês", variavel="GCA_VC",
    equacao="GCA_VC[α,α*,x,m] = Σ_v GCA_VC_PRE[α,α*,x,v,m]", entradas=("GCA_VC_PRE",),
    indices=("agente_comprador", "agente_vendedor", "processamento", "mes"),
)


def produtos_do_mes(base: Base, m: int, anterior: pl.DataFrame | None, estaticas: dict[str, pl.DataFrame]
                    ) -> pl.DataFrame:
    """The products with GFC rows in month m, with the month's events and Anexo I values, and GC_PROD_ATUAL.

    ``anterior``: (perfil, PROD, GC_PROD_ATUAL, AJU_IPCA, EXC_GC_PROD) of month m-1 (state or input rows).
    """
    p = base.produtos.filter(pl.col("aportada") & (pl.col("primeiro") <= m) & (m <= pl.col("ultimo")))
    p = p.join(estaticas["VLR_GC_PROD"], on=CHAVE, how="left").join(
        estaticas["V_HORAS_GC_A"], on=["agente", "processamento", "vigencia"], how="left")
    ev = base.do_mes("EVENTO_RESCISAO_MVE", m)
    desl = ev.filter(pl.col("motivo") == MOTIVO_DESLIGAMENTO).select("agente").unique().with_columns(
        pl.lit(True).alias("desl"))
    nrec = ev.filter(pl.col("motivo") == MOTIVO_NAO_RECOMPOSICAO).select("agente").unique().with_columns(
        pl.lit(True).alias("nrec"))
    p = (p.join(desl, on="agente", how="left").join(nrec, on="agente", how="left")
         .join(base.do_mes("F_INAD_EFE_MVE", m), on="agente", how="left")
         .join(base.do_mes("VLP_MVE_PROD", m), on=CHAVE, how="left")
         .join(base.do_mes("M_PAG_MVE", m), on=CHAVE, how="left"))
    p = zeros(p, ["F_INAD_EFE_MVE", "VLP_MVE_PROD", "M_PAG_MVE"]).with_columns(
        pl.col("desl").fill_null(False), pl.col("nrec").fill_null(False),
        (pl.col("F_INAD_EFE_MVE") > 0).alias("inad"),
        (pl.col("resc") == m).fill_null(False).alias("rescindido"))
    p = p.with_columns((pl.col("rescindido") | (pl.col("fim") == m)).alias("termina"))

    # MVE cmd 122: the first month of the product starts at VLR_GC_PROD; the others carry m-1
    if anterior is None:
        anterior = pl.DataFrame(schema={**{c: pl.String for c in CHAVE}, "GC_PROD_ATUAL": tipo_decimal(0),
                                        "AJU_IPCA": tipo_decimal(0), "EXC_GC_PROD": tipo_decimal(0)})
    a1 = anterior.select(*CHAVE, pl.col("GC_PROD_ATUAL").alias("_a1"), pl.col("AJU_IPCA").alias("_j1"),
                         pl.col("EXC_GC_PROD").alias("_e1"), pl.lit(True).alias("_tem"))
    p = p.join(a1, on=CHAVE, how="left")
    falta = p.filter((pl.col("primeiro") != m) & pl.col("_tem").is_null())
    if falta.height:
        r = falta.row(0, named=True)
        raise ErroGarantias("GC_PROD_ATUAL", f"sem saldo do mês {int_para_mes(m - 1)} para o produto "
                                             f"{tuple(r[c] for c in CHAVE)} (calcule desde o 1º mês do produto ou "
                                             "passe o estado)")
    p = zeros(p, ["_a1", "_j1", "_e1"])
    p = p.with_columns(pl.when(pl.col("primeiro") == m).then(pl.col("VLR_GC_PROD"))
                       .otherwise(pl.col("_a1") + pl.col("_j1") - pl.col("_e1")).alias("GC_PROD_ATUAL"))
    return p.drop("_a1", "_j1", "_e1", "_tem").sort(CHAVE)


def gca(base: Base, p: pl.DataFrame, m: int, cap: int) -> pl.DataFrame:
    """MVE cmds 121 and 123 on the month's product frame."""
    pf = pl.col("tipo_preco") == PF
    p = mult(p, "F_INAD_EFE_MVE", "VLP_MVE_PROD", "_nao_pago", cap)
    precisa_perc = p.filter(pl.col("inad") & pf & ~pl.col("desl")).height > 0
    perc = CONTEXTO.add(1, base.perc_em(m)) if precisa_perc else Decimal(1)
    p = p.with_columns(literal(perc).alias("_1perc"))
    p = mult(p, "_nao_pago", "_1perc", "_pre_pf", cap)
    s = max(esc(p, "M_PAG_MVE"), esc(p, "_pre_pf"))
    # MVE cmd 121 (DECISÃO G16: disconnection first)
    p = p.with_columns(
        pl.when(pl.col("desl")).then(pl.col("M_PAG_MVE").cast(tipo_decimal(s)))
        .when(pl.col("inad") & pf).then(pl.col("_pre_pf").cast(tipo_decimal(s)))
        .when(pl.col("inad")).then(pl.col("M_PAG_MVE").cast(tipo_decimal(s)))
        .otherwise(literal(ZERO, s)).alias("GCA_PROD_PRE"))
    # MVE cmd 123: GCA_PROD = min(GCA_PROD_PRE; GC_PROD_ATUAL)
    return p.with_columns(pl.min_horizontal("GCA_PROD_PRE", "GC_PROD_ATUAL").alias("GCA_PROD")).drop("_1perc", "_pre_pf")


def por_agente(p: pl.DataFrame, coluna: str, pre: str, tot: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The Σ of a product column per (α, x, v) and per α (cmds 124/125, 132/133, 135/136)."""
    porv = p.group_by("agente", "processamento", "vigencia").agg(pl.col(coluna).sum().alias(pre)).sort(
        "agente", "processamento", "vigencia")
    total = porv.group_by("agente").agg(pl.col(pre).sum().alias(tot)).sort("agente")
    return porv, total


def gca_vc(base: Base, p: pl.DataFrame, m: int, f_r: pl.DataFrame, cap: int) -> dict[str, pl.DataFrame]:
    """MVE cmds 126–128. ``f_r``: F_M_REC_PROD_R of the month (the fallback split, DECISÃO G9)."""
    d = p.filter(pl.col("GCA_PROD") != 0)
    s = max(esc(d, "_nao_pago"), esc(d, "GCA_PROD"))
    # DECISÃO G9: fixed price (not a disconnection): min(F_INAD_EFE_MVE * VLP_MVE_PROD; GCA_PROD); else GCA_PROD
    d = d.with_columns(
        pl.when((pl.col("tipo_preco") == PF) & ~pl.col("desl"))
        .then(pl.min_horizontal("_nao_pago", "GCA_PROD").cast(tipo_decimal(s)))
        .otherwise(pl.col("GCA_PROD").cast(tipo_decimal(s))).alias("_base_vc"))
    d = d.select("perfil", "agente", *PROD, "_base_vc")
    fv = base.do_mes("F_VEND_MVE_PROD", m).rename({"perfil": "perfil_vendedor", "F_VEND_MVE_PROD": "_f"})
    com = d.join(fv, on=list(PROD), how="inner")
    sem = d.join(fv.select(*PROD).unique(), on=list(PROD), how="anti").join(
        f_r.rename({"perfil_comprador": "perfil", "F_M_REC_PROD_R": "_f"}), on=["perfil", *PROD], how="inner")
    pares = concatenar([com.select("perfil", "agente", "perfil_vendedor", *PROD, "_base_vc", "_f"),
                        sem.select("perfil", "agente", "perfil_vendedor", *PROD, "_base_vc", "_f")])
    ag = base.perfis.select(pl.col("perfil").alias("perfil_vendedor"), pl.col("agente").alias("agente_vendedor"))
    falta = pares.join(ag, on="perfil_vendedor", how="anti")
    if falta.height:
        raise ErroGarantias("A_ALPHA", f"perfil {falta['perfil_vendedor'][0]!r} (F_VEND_MVE_PROD) sem agente")
    pares = mult(pares, "_base_vc", "_f", "GCA_PROD_VC", cap).join(ag, on="perfil_vendedor", how="left")
    pares = pares.rename({"perfil": "perfil_comprador", "agente": "agente_comprador"}).sort(*PAR)
    pre = pares.group_by("agente_comprador", "agente_vendedor", "processamento", "vigencia").agg(
        pl.col("GCA_PROD_VC").sum().alias("GCA_VC_PRE")).sort("agente_comprador", "agente_vendedor", "processamento",
                                                              "vigencia")
    vc = pre.group_by("agente_comprador", "agente_vendedor", "processamento").agg(
        pl.col("GCA_VC_PRE").sum().alias("GCA_VC")).sort("agente_comprador", "agente_vendedor", "processamento")
    return {"GCA_PROD_VC": pares.select(*PAR, "GCA_PROD_VC"), "GCA_VC_PRE": pre, "GCA_VC": vc}


# ----------------------------------------------------------------------------------------------------
# Explanations
# ----------------------------------------------------------------------------------------------------


def eventos(resultado, agente: str, mes: str) -> tuple[bool, bool, bool]:
    """(desligamento, inadimplência, não recomposição) of agent α in the month."""
    ev = filtrar(resultado.entradas.get("EVENTO_RESCISAO_MVE", pl.DataFrame()), {"agente": agente, "mes": mes})
    motivos = set(ev["motivo"].to_list()) if ev.height else set()
    f = entrada(resultado, "F_INAD_EFE_MVE", {"agente": agente, "mes": mes}).valor
    return MOTIVO_DESLIGAMENTO in motivos, f > 0, MOTIVO_NAO_RECOMPOSICAO in motivos


@REGISTRO.derivador("GCA_PROD_PRE")
def _explicar_pre(resultado, chave: dict[str, str]) -> Explicacao:
    cap = resultado.configuracao.escala_produto
    alfa = resultado.agente_de(chave["perfil"])
    desl, inad, _ = eventos(resultado, alfa, chave["mes"])
    multa = entrada(resultado, "M_PAG_MVE", chave, "Anexo I cmd 75")
    if desl:
        return explicacao(resultado, "GCA_PROD_PRE", chave, [multa], multa.valor,
                          f"GCA_PROD_PRE = M_PAG_MVE = {fmt(multa.valor)}", [f"{alfa} desligado no mês (EVENTO_RESCISAO_MVE)"])
    f = entrada(resultado, "F_INAD_EFE_MVE", {"agente": alfa, "mes": chave["mes"]}, "Anexo I cmd 63")
    if inad and chave["tipo_preco"] == PF:
        vlp = entrada(resultado, "VLP_MVE_PROD", chave, "§2.3 cmd 56 b")
        perc = resultado.base.perc_em(resultado.mes_int(chave["mes"]))
        t = Termo("PERC_MULTA_INAD_MVE", {"mes": chave["mes"]}, perc, "entrada (em vigor no mês)")
        recalc = produto_decimal(produto_decimal(f.valor, vlp.valor, cap), CONTEXTO.add(1, perc), cap)
        return explicacao(resultado, "GCA_PROD_PRE", chave, [f, vlp, t], recalc,
                          f"GCA_PROD_PRE = ({fmt(f.valor)} * {fmt(vlp.valor)}) * (1 + {fmt(perc)})", ["inadimplência, preço fixo"])
    if inad:
        return explicacao(resultado, "GCA_PROD_PRE", chave, [f, multa], multa.valor,
                          f"GCA_PROD_PRE = M_PAG_MVE = {fmt(multa.valor)}", ["inadimplência, preço variável"])
    return explicacao(resultado, "GCA_PROD_PRE", chave, [f], ZERO, "GCA_PROD_PRE = 0",
                      ["sem inadimplência nem desligamento no mês"])


@REGISTRO.derivador("GC_PROD_ATUAL")
def _explicar_atual(resultado, chave: dict[str, str]) -> Explicacao:
    k = {c: chave[c] for c in CHAVE}
    if resultado.primeiro_mes(k) == chave["mes"]:
        t = saida(resultado, "VLR_GC_PROD", k)
        return explicacao(resultado, "GC_PROD_ATUAL", chave, [t], t.valor, f"GC_PROD_ATUAL = VLR_GC_PROD = {fmt(t.valor)}",
                          ["primeiro mês do produto"])
    anterior = resultado.anterior(k, chave["mes"])
    termos = [Termo(n, {**k, "mes": anterior["mes"]}, anterior[n], anterior["origem"])
              for n in ("GC_PROD_ATUAL", "AJU_IPCA", "EXC_GC_PROD")]
    recalc = CONTEXTO.subtract(CONTEXTO.add(termos[0].valor, termos[1].valor), termos[2].valor)
    return explicacao(resultado, "GC_PROD_ATUAL", chave, termos, recalc,
                      f"GC_PROD_ATUAL = {termos[0].valor} + {termos[1].valor} - {termos[2].valor}")


@REGISTRO.derivador("GCA_PROD")
def _explicar_gca(resultado, chave: dict[str, str]) -> Explicacao:
    pre, atual = saida(resultado, "GCA_PROD_PRE", chave), saida(resultado, "GC_PROD_ATUAL", chave)
    return explicacao(resultado, "GCA_PROD", chave, [pre, atual], min(pre.valor, atual.valor),
                      f"GCA_PROD = min({fmt(pre.valor)}; {fmt(atual.valor)})")


derivador_soma("GCA_PRE", "GCA_PROD",
               lambda r, k: de_agente(r, "GCA_PROD", k, "perfil", k["agente"], processamento=k["processamento"],
                                      vigencia=k["vigencia"], mes=k["mes"]), CHAVE)
derivador_soma("GCA_TOT", "GCA_PRE", lambda r, k: filtrar(r.exatas["GCA_PRE"], k),
               ("agente", "processamento", "vigencia"))


@REGISTRO.derivador("GCA_PROD_VC")
def _explicar_vc(resultado, chave: dict[str, str]) -> Explicacao:
    cap = resultado.configuracao.escala_produto
    k = {"perfil": chave["perfil_comprador"], **{c: chave[c] for c in PROD}, "mes": chave["mes"]}
    alfa = resultado.agente_de(chave["perfil_comprador"])
    desl, _, _ = eventos(resultado, alfa, chave["mes"])
    gca_ = saida(resultado, "GCA_PROD", k)
    termos = [gca_]
    notas = []
    if chave["tipo_preco"] == PF and not desl:
        f = entrada(resultado, "F_INAD_EFE_MVE", {"agente": alfa, "mes": chave["mes"]}, "Anexo I cmd 63")
        vlp = entrada(resultado, "VLP_MVE_PROD", k, "§2.3 cmd 56 b")
        termos += [f, vlp]
        base_vc = min(produto_decimal(f.valor, vlp.valor, cap), gca_.valor)
        texto = f"min({fmt(f.valor)} * {fmt(vlp.valor)}; {fmt(gca_.valor)})"
        notas.append("DECISÃO G9: a parcela do contrato não paga, limitada ao acionado")
    else:
        base_vc, texto = gca_.valor, str(gca_.valor)
    fv = entrada(resultado, "F_VEND_MVE_PROD", {"perfil": chave["perfil_vendedor"], **{c: chave[c] for c in PROD},
                                                "mes": chave["mes"]}, "§2.3 cmd 57")
    fonte_vend = filtrar(resultado.entradas.get("F_VEND_MVE_PROD", pl.DataFrame()),
                         {**{c: chave[c] for c in PROD}, "mes": chave["mes"]})
    if fonte_vend.height == 0:
        fv = saida(resultado, "F_M_REC_PROD_R", chave)
        notas.append("sem F_VEND_MVE_PROD do produto no mês: participação na multa (DECISÃO G9)")
    termos.append(fv)
    return explicacao(resultado, "GCA_PROD_VC", chave, termos, produto_decimal(base_vc, fv.valor, cap),
                      f"GCA_PROD_VC = {texto} * {fmt(fv.valor)}", notas)


derivador_soma("GCA_VC_PRE", "GCA_PROD_VC",
               lambda r, k: de_agente(r, "GCA_PROD_VC", k, "perfil_comprador", k["agente_comprador"],
                                      processamento=k["processamento"], vigencia=k["vigencia"], mes=k["mes"]).filter(
                   pl.col("perfil_vendedor").is_in(r.perfis_de(k["agente_vendedor"]))), PAR)
derivador_soma("GCA_VC", "GCA_VC_PRE", lambda r, k: filtrar(r.exatas["GCA_VC_PRE"], k),
               ("agente_comprador", "agente_vendedor", "processamento", "vigencia"))

__all__ = ["CHAVE", "gca", "gca_vc", "por_agente", "produtos_do_mes"]
