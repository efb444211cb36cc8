"""Seed 004 Anexo III §3.3.7 — Recomposição e Excedente da GFC (commands 129–136).

Balance of a product's GFC in month m (what the tests check): GC_PROD_ATUAL[m+1] = GC_PROD_ATUAL[m] −
GCA_PROD[m] + RECOMP_GC_PROD[m] − EXC_GC_PROD[m] while the product goes on; in the month it ends by rescission,
GC_PROD_ATUAL = GCA_PROD + GCA_PROD_R + EXC_GC_PROD (everything drawn or returned).
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from ...exact import CONTEXTO, ZERO, concatenar, literal, tipo_decimal
from ...lineage import Explicacao, Termo, filtrar, fmt
from ...runner import int_para_mes
from ._exato import esc, mult, produto_decimal, soma, zeros
from ._explica import de_agente, derivador_soma, explicacao, saida
from .dados import Base
from .esquema import PF, PROD, REGISTRO, ErroGarantias
from .uso_gfc import CHAVE, eventos

REGISTRO.comando(
    "129", "Recomposição só para preço fixo maior que 1 mês",
    texto="Só há recomposição da GFC para produtos de preço fixo maiores que 1 mês (DECISÃO G10: RECOMP_GC_PROD = 0 "
          "para preço variável).",
)
REGISTRO.comando(
    "130", "Sobra de recurso antes do fim do suprimento",
    texto="Antes do fim do suprimento pode haver sobra disponibilizada ao agente: o excedente do cmd 134.",
)
CMD131A = REGISTRO.comando(
    "131 a", "Ajuste da GFC pela atualização do preço pelo IPCA", variavel="AJU_IPCA",
    equacao="AJU_IPCA[a,PROD,m] = V_HORAS_GC_A[α,x,v] * Σ_{e∈VINC_C_MVE} MV[e,v] * "
            "(PRECO_CT_MVE_A[e,v,m+1] - PRECO_CT_MVE_A[e,v,m])",
    entradas=("V_HORAS_GC_A", "MV_MVE_PRE", "PRECO_CT_MVE_A"), indices=(*CHAVE, "mes"),
    texto="DECISÃO G10: só produtos plurianuais de preço fixo (o preço do PV não existe), contratos em vigor após m, "
          "e só quando o produto segue para m+1 (0 no último mês, na rescisão e no desligamento).",
)
CMD131 = REGISTRO.comando(
    "131", "Recomposição da GFC por produto", variavel="RECOMP_GC_PROD",
    equacao="RECOMP_GC_PROD[a,PROD,m] = GCA_PROD + AJU_IPCA (plurianual) | GCA_PROD (demais)",
    entradas=("GCA_PROD", "AJU_IPCA"), indices=(*CHAVE, "mes"),
    texto="DECISÃO G10: 0 para preço variável (cmd 129), no desligamento (Importante) e quando o produto é "
          "rescindido no mês.",
)
CMD132 = REGISTRO.comando(
    "132", "Recomposição preliminar do agente", variavel="RECOMP_GC_PRE",
    equacao="RECOMP_GC_PRE[α,x,v,m] = Σ_{a∈α} Σ_{s,te,tp} RECOMP_GC_PROD[a,s,x,v,te,tp,m]",
    entradas=("RECOMP_GC_PROD",), indices=("agente", "processamento", "vigencia", "mes"),
)
CMD133 = REGISTRO.comando(
    "133", "Recomposição total da GFC", variavel="RECOMP_GC_TOT",
    equacao="RECOMP_GC_TOT[α,m] = Σ_x Σ_v RECOMP_GC_PRE[α,x,v,m]", entradas=("RECOMP_GC_PRE",),
    indices=("agente", "mes"),
)
CMD134A = REGISTRO.comando(
    "134 a", "Valor máximo de impacto financeiro", variavel="VMAX_IF_MVE",
    equacao="VMAX_IF_MVE[a,PROD,m] = (Σ_e Σ_{v∈ms_fim} MV[e,v] * V_HORAS[v] * PRECO_CT_MVE_M[e,v,m]) * "
            "(1 + PERC_MULTA_INAD_MVE[m]) (PF) | Σ_e Σ_{v∈ms_fim} MV[e,v] * V_HORAS[v] * SPREAD_CT_MVE_M[e,v,m] (PV)",
    entradas=("MV_MVE_PRE", "M_HORAS", "PRECO_CT_MVE_M", "SPREAD_CT_MVE_M", "PERC_MULTA_INAD_MVE"),
    indices=(*CHAVE, "mes"),
    texto="DECISÃO G11: ms_fim = de max(m+1, início do suprimento) ao fim; só contratos em vigor após m; spread "
          "limitado a ≥ 0 (como no cmd 113), senão o excedente passaria do saldo. DECISÃO G19: sem PRECO_CT_MVE_M "
          "de um produto não plurianual, o preço original (cmd 38).",
)
CMD134 = REGISTRO.comando(
    "134", "Excedente de GFC por produto", variavel="EXC_GC_PROD",
    equacao="EXC_GC_PROD[a,PROD,m] = max(GC_PROD_ATUAL - GCA_PROD; 0) (desligamento) | "
            "max(GC_PROD_ATUAL - VMAX_IF_MVE; 0) (demais casos)",
    entradas=("GC_PROD_ATUAL", "GCA_PROD", "VMAX_IF_MVE", "GC_PROD_REM", "GCA_PROD_R"), indices=(*CHAVE, "mes"),
    texto="DECISÃO G11: produto rescindido no mês (sem ser desligamento): a sobra após os dois acionamentos, "
          "max(GC_PROD_REM - GCA_PROD_R; 0).",
)
CMD135 = REGISTRO.comando(
    "135", "Excedente preliminar do agente", variavel="EXC_GC_PRE",
    equacao="EXC_GC_PRE[α,x,v,m] = Σ_{a∈α} Σ_{s,te,tp} EXC_GC_PROD[a,s,x,v,te,tp,m]", entradas=("EXC_GC_PROD",),
    indices=("agente", "processamento", "vigencia", "mes"),
)
CMD136 = REGISTRO.comando(
    "136", "Excedente total de GFC", variavel="EXC_GC_TOT", equacao="EXC_GC_TOT[α,m] = Σ_x Σ_v EXC_GC_PRE[α,x,v,m]",
    entradas=("EXC_GC_PRE",), indices=("agente", "mes"),
)


def _contratos_em_vigor(base: Base, p: pl.DataFrame, m: int) -> pl.DataFrame:
    """The contracts of the month's products still in force after m (not rescinded by m)."""
    return base.contratos.join(p.select(CHAVE), on=CHAVE, how="inner").filter(
        pl.col("resc").is_null() | (pl.col("resc") > m))


def aju_ipca(base: Base, p: pl.DataFrame, m: int, cap: int) -> pl.DataFrame:
    """MVE cmd 131 (a) on the month's product frame (DECISÃO G10)."""
    alvo = p.filter((pl.col("tipo_preco") == PF) & (pl.col("tipo") == "plurianual") & ~pl.col("termina")
                    & ~pl.col("desl"))
    c = _contratos_em_vigor(base, alvo, m).select(*CHAVE, "contrato", "MV")
    pa = base.tabela("PRECO_CT_MVE_A").with_columns(pl.col("mes").str.slice(0, 4).cast(pl.Int64) * 12
                                                    + pl.col("mes").str.slice(5, 2).cast(pl.Int64) - 1)
    a0 = pa.filter(pl.col("mes") == m).select("contrato", "vigencia", pl.col("PRECO_CT_MVE_A").alias("_a0"))
    a1 = pa.filter(pl.col("mes") == m + 1).select("contrato", "vigencia", pl.col("PRECO_CT_MVE_A").alias("_a1"))
    c = c.join(a0, on=["contrato", "vigencia"], how="left").join(a1, on=["contrato", "vigencia"], how="left")
    falta = c.filter(pl.col("_a0").is_null() | pl.col("_a1").is_null())
    if falta.height:
        r = falta.sort("contrato").row(0, named=True)
        mes = m if r["_a0"] is None else m + 1
        raise ErroGarantias("PRECO_CT_MVE_A", f"sem preço atualizado do contrato {r['contrato']!r} no mês "
                                              f"{int_para_mes(mes)} (cmd 131 usa os meses m e m+1)")
    c = c.with_columns((pl.col("_a1") - pl.col("_a0")).alias("_d"))
    c = mult(c, "MV", "_d", "_t", cap)
    somas = c.group_by(CHAVE).agg(pl.col("_t").sum())
    alvo = alvo.select(*CHAVE, "V_HORAS_GC_A").join(somas, on=CHAVE, how="left")
    alvo = mult(zeros(alvo, ["_t"]), "V_HORAS_GC_A", "_t", "AJU_IPCA", cap).select(*CHAVE, "AJU_IPCA")
    p = zeros(p.join(alvo, on=CHAVE, how="left"), ["AJU_IPCA"])
    # MVE cmd 131: RECOMP_GC_PROD = GCA_PROD + AJU_IPCA; 0 for PV, disconnection, rescission (DECISÃO G10)
    s = max(esc(p, "GCA_PROD"), esc(p, "AJU_IPCA"))
    return p.with_columns(
        pl.when((pl.col("tipo_preco") == PF) & ~pl.col("desl") & ~pl.col("rescindido"))
        .then(pl.col("GCA_PROD") + pl.col("AJU_IPCA")).otherwise(literal(ZERO, s)).alias("RECOMP_GC_PROD"))


def _preco_m(base: Base, c: pl.DataFrame, m: int, nome: str, original: str) -> pl.DataFrame:
    """PRECO_CT_MVE_M / SPREAD_CT_MVE_M of month m as ``_pm`` (DECISÃO G19: the original price when absent for
    a product that is not multi-year)."""
    pm = base.do_mes(nome, m).rename({nome: "_pm"})
    c = c.join(pm, on=["contrato", "vigencia"], how="left")
    falta = c.filter(pl.col("_pm").is_null() & (pl.col("tipo") == "plurianual"))
    if falta.height:
        raise ErroGarantias(nome, f"sem valor do contrato {falta.sort('contrato')['contrato'][0]!r} no mês "
                                  f"{int_para_mes(m)}")
    s = max(esc(c, "_pm"), esc(c, original))
    return c.with_columns(pl.col("_pm").cast(tipo_decimal(s)).fill_null(pl.col(original).cast(tipo_decimal(s))))


def excedente(base: Base, p: pl.DataFrame, m: int, cap: int) -> pl.DataFrame:
    """MVE cmds 134 (a) and 134 on the month's product frame (needs GC_PROD_REM and GCA_PROD_R)."""
    # hours of ms_fim per product (DECISÃO G11: from max(m+1, start of supply) to the end)
    janelas = p.select("inicio", "fim").unique().to_dicts()
    horas = {(j["inicio"], j["fim"]): (base.horas_entre(max(m + 1, j["inicio"]), j["fim"])
                                       if max(m + 1, j["inicio"]) <= j["fim"] else ZERO) for j in janelas}
    s_h = max([0] + [max(0, -int(h.as_tuple().exponent)) for h in horas.values()])  # type: ignore[operator]
    fut = pl.DataFrame({"inicio": [k[0] for k in horas], "fim": [k[1] for k in horas], "_hf": list(horas.values())},
                       schema={"inicio": pl.Int64, "fim": pl.Int64, "_hf": tipo_decimal(s_h)})
    c = _contratos_em_vigor(base, p, m).join(fut, on=["inicio", "fim"], how="left").filter(pl.col("_hf") != 0)
    c = mult(c, "MV", "_hf", "_energia", cap)
    pf, pv = c.filter(pl.col("tipo_preco") == PF), c.filter(pl.col("tipo_preco") != PF)
    pf = mult(_preco_m(base, pf, m, "PRECO_CT_MVE_M", "PRECO"), "_energia", "_pm", "_t", cap)
    pv = _preco_m(base, pv, m, "SPREAD_CT_MVE_M", "SPREAD")
    pv = mult(pv.with_columns(pl.max_horizontal("_pm", literal(ZERO, esc(pv, "_pm"))).alias("_pm")),
              "_energia", "_pm", "_t", cap)
    termos = concatenar([df.select(*CHAVE, "_t") for df in (pf, pv)])
    somas = termos.group_by(CHAVE).agg(pl.col("_t").sum(), pl.len().alias("_n"))
    p = p.join(somas, on=CHAVE, how="left")
    p = zeros(p, ["_t"]).with_columns(pl.col("_n").fill_null(0))
    precisa = p.filter((pl.col("tipo_preco") == PF) & (pl.col("_n") > 0)).height > 0
    fator = CONTEXTO.add(1, base.perc_em(m)) if precisa else Decimal(1)
    p = mult(p.with_columns(literal(fator).alias("_1perc")), "_t", "_1perc", "_tm", cap)
    s = max(esc(p, "_t"), esc(p, "_tm"))
    # MVE cmd 134 (a): (Σ ...) * (1 + PERC_MULTA_INAD_MVE[m]) for fixed price
    p = p.with_columns(pl.when((pl.col("tipo_preco") == PF) & (pl.col("_n") > 0)).then(pl.col("_tm").cast(tipo_decimal(s)))
                       .otherwise(pl.col("_t").cast(tipo_decimal(s))).alias("VMAX_IF_MVE"))
    zero = literal(ZERO, 0)
    # MVE cmd 134 (DECISÃO G11 for a rescission in the month)
    p = p.with_columns(
        pl.when(pl.col("desl")).then(pl.max_horizontal(pl.col("GC_PROD_ATUAL") - pl.col("GCA_PROD"), zero))
        .when(pl.col("rescindido")).then(pl.max_horizontal(pl.col("GC_PROD_REM") - pl.col("GCA_PROD_R"), zero))
        .otherwise(pl.max_horizontal(pl.col("GC_PROD_ATUAL") - pl.col("VMAX_IF_MVE"), zero)).alias("EXC_GC_PROD"))
    return p.drop("_t", "_n", "_1perc", "_tm")


# ----------------------------------------------------------------------------------------------------
# Explanations
# ----------------------------------------------------------------------------------------------------


def _contratos(resultado, chave: dict[str, str]) -> list[dict]:
    filtro = [pl.col("perfil") == chave["perfil"]] + [pl.col(c) == chave[c] for c in PROD]
    return resultado.base.contratos.filter(*filtro).sort("contrato").to_dicts()


@REGISTRO.derivador("AJU_IPCA")
def _explicar_aju(resultado, chave: dict[str, str]) -> Explicacao:
    cap = resultado.configuracao.escala_produto
    m = resultado.mes_int(chave["mes"])
    valor = resultado.valor_exato("AJU_IPCA", chave)
    alfa = resultado.agente_de(chave["perfil"])
    h = saida(resultado, "V_HORAS_GC_A", {"agente": alfa, "processamento": chave["processamento"],
                                          "vigencia": chave["vigencia"]})
    pa = resultado.entradas.get("PRECO_CT_MVE_A")
    termos, partes = [h], []
    for c in _contratos(resultado, chave):
        if c["resc"] is not None and c["resc"] <= m:
            continue
        v0 = filtrar(pa, {"contrato": c["contrato"], "mes": int_para_mes(m)}) if pa is not None else None
        v1 = filtrar(pa, {"contrato": c["contrato"], "mes": int_para_mes(m + 1)}) if pa is not None else None
        if v0 is None or v1 is None or not v0.height or not v1.height:
            continue
        a0, a1 = v0["PRECO_CT_MVE_A"][0], v1["PRECO_CT_MVE_A"][0]
        termos += [Termo("MV_MVE_PRE", {"contrato": c["contrato"]}, c["MV"]),
                   Termo("PRECO_CT_MVE_A", {"contrato": c["contrato"], "mes": int_para_mes(m)}, a0, "Anexo I cmd 37"),
                   Termo("PRECO_CT_MVE_A", {"contrato": c["contrato"], "mes": int_para_mes(m + 1)}, a1, "Anexo I cmd 37")]
        partes.append(produto_decimal(c["MV"], CONTEXTO.subtract(a1, a0), cap))
    if valor == 0 and not partes:
        return explicacao(resultado, "AJU_IPCA", chave, [h], ZERO, "AJU_IPCA = 0",
                          ["DECISÃO G10: não plurianual de preço fixo, ou o produto termina no mês"])
    recalc = produto_decimal(h.valor, soma(partes), cap)
    return explicacao(resultado, "AJU_IPCA", chave, termos, recalc,
                      f"AJU_IPCA = {fmt(h.valor)} * ({' + '.join(fmt(x) for x in partes)})")


@REGISTRO.derivador("RECOMP_GC_PROD")
def _explicar_recomp(resultado, chave: dict[str, str]) -> Explicacao:
    gca_, aju = saida(resultado, "GCA_PROD", chave), saida(resultado, "AJU_IPCA", chave)
    desl, _, _ = eventos(resultado, resultado.agente_de(chave["perfil"]), chave["mes"])
    rescindido = resultado.rescindido_em({c: chave[c] for c in CHAVE}) == chave["mes"]
    if chave["tipo_preco"] != PF or desl or rescindido:
        motivo = "preço variável" if chave["tipo_preco"] != PF else ("desligamento" if desl else "rescindido no mês")
        return explicacao(resultado, "RECOMP_GC_PROD", chave, [gca_, aju], ZERO, "RECOMP_GC_PROD = 0",
                          [f"DECISÃO G10: sem recomposição ({motivo})"])
    return explicacao(resultado, "RECOMP_GC_PROD", chave, [gca_, aju], CONTEXTO.add(gca_.valor, aju.valor),
                      f"RECOMP_GC_PROD = {fmt(gca_.valor)} + {fmt(aju.valor)}")


@REGISTRO.derivador("VMAX_IF_MVE")
def _explicar_vmax(resultado, chave: dict[str, str]) -> Explicacao:
    cap = resultado.configuracao.escala_produto
    base = resultado.base
    m = resultado.mes_int(chave["mes"])
    termos, partes = [], []
    for c in _contratos(resultado, chave):
        ini = max(m + 1, c["inicio"])
        if (c["resc"] is not None and c["resc"] <= m) or ini > c["fim"]:
            continue
        h = base.horas_entre(ini, c["fim"])
        nome = "PRECO_CT_MVE_M" if chave["tipo_preco"] == PF else "SPREAD_CT_MVE_M"
        linha = filtrar(resultado.entradas.get(nome, pl.DataFrame()), {"contrato": c["contrato"], "mes": chave["mes"]})
        if linha.height:
            preco, origem = linha[nome][0], "Anexo I cmd 38"
        else:
            preco, origem = (c["PRECO"] if chave["tipo_preco"] == PF else c["SPREAD"]), "preço original (DECISÃO G19)"
        if chave["tipo_preco"] != PF:
            preco = max(preco, ZERO)
        termos += [Termo("MV_MVE_PRE", {"contrato": c["contrato"]}, c["MV"]),
                   Termo("V_HORAS[ms_fim]", {"de": int_para_mes(ini), "ate": int_para_mes(c["fim"])}, h, "Σ M_HORAS"),
                   Termo(nome, {"contrato": c["contrato"], "mes": chave["mes"]}, preco, origem)]
        partes.append(produto_decimal(produto_decimal(c["MV"], h, cap), preco, cap))
    recalc = soma(partes)
    texto = f"VMAX_IF_MVE = {' + '.join(fmt(x) for x in partes) or '0'}"
    if chave["tipo_preco"] == PF and partes:
        perc = base.perc_em(m)
        termos.append(Termo("PERC_MULTA_INAD_MVE", {"mes": chave["mes"]}, perc, "entrada (em vigor no mês)"))
        recalc = produto_decimal(recalc, CONTEXTO.add(1, perc), cap)
        texto = f"VMAX_IF_MVE = ({' + '.join(fmt(x) for x in partes)}) * (1 + {fmt(perc)})"
    return explicacao(resultado, "VMAX_IF_MVE", chave, termos, recalc, texto,
                      ["ms_fim: do mês seguinte (ou do início do suprimento) ao fim; contratos em vigor após o mês"])


@REGISTRO.derivador("EXC_GC_PROD")
def _explicar_exc(resultado, chave: dict[str, str]) -> Explicacao:
    atual = saida(resultado, "GC_PROD_ATUAL", chave)
    desl, _, _ = eventos(resultado, resultado.agente_de(chave["perfil"]), chave["mes"])
    if desl:
        g = saida(resultado, "GCA_PROD", chave)
        return explicacao(resultado, "EXC_GC_PROD", chave, [atual, g], max(CONTEXTO.subtract(atual.valor, g.valor), ZERO),
                          f"EXC_GC_PROD = max({fmt(atual.valor)} - {fmt(g.valor)}; 0)", ["desligamento"])
    if resultado.rescindido_em({c: chave[c] for c in CHAVE}) == chave["mes"]:
        rem, r = saida(resultado, "GC_PROD_REM", chave), saida(resultado, "GCA_PROD_R", chave)
        return explicacao(resultado, "EXC_GC_PROD", chave, [rem, r], max(CONTEXTO.subtract(rem.valor, r.valor), ZERO),
                          f"EXC_GC_PROD = max({fmt(rem.valor)} - {fmt(r.valor)}; 0)",
                          ["DECISÃO G11: produto rescindido no mês: a sobra após os acionamentos"])
    vmax = saida(resultado, "VMAX_IF_MVE", chave)
    return explicacao(resultado, "EXC_GC_PROD", chave, [atual, vmax], max(CONTEXTO.subtract(atual.valor, vmax.valor), ZERO),
                      f"EXC_GC_PROD = max({fmt(atual.valor)} - {fmt(vmax.valor)}; 0)")


for _var, _fonte in (("RECOMP_GC_PRE", "RECOMP_GC_PROD"), ("EXC_GC_PRE", "EXC_GC_PROD")):
    derivador_soma(_var, _fonte, lambda r, k, f=_fonte: de_agente(r, f, k, "perfil", k["agente"],
                                                                  processamento=k["processamento"],
                                                                  vigencia=k["vigencia"], mes=k["mes"]), CHAVE)
derivador_soma("RECOMP_GC_TOT", "RECOMP_GC_PRE", lambda r, k: filtrar(r.exatas["RECOMP_GC_PRE"], k),
               ("agente", "processamento", "vigencia"))
derivador_soma("EXC_GC_TOT", "EXC_GC_PRE", lambda r, k: filtrar(r.exatas["EXC_GC_PRE"], k),
               ("agente", "processamento", "vigencia"))

__all__ = ["aju_ipca", "excedente"]
