"""Explanations of the MVE outputs: for one row, the command, the equation, the input values and an
independent recomputation with :mod:`decimal` (``resultado.explicar(variavel, contrato=..., mes=...)``).

Each *derivador* reads the run's input tables (after the engine's own reading: the last row of a repeated
key, DECISÃO E3), the exact output tables of the other commands and the ``[m−1]`` values the month used
(``resultado.anterior``), and recomputes the row with ``decimal.Decimal`` — quotients with
``exact.dividir_decimal`` (16 places), products with ``_ops.produto_decimal`` (exact up to 20 places,
DECISÃO E1) — never with the vectorized code. ``Explicacao.confere`` says whether both agree to the last digit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

import polars as pl

from ..exact import CONTEXTO, ZERO, dividir_decimal
from ..lineage import Explicacao, Termo, filtrar, fmt, listar
from ._ops import produto_decimal
from .esquema import PROD, REGISTRO
from .referencia import PF, int_para_mes, mes_para_int

Chave = dict[str, str]


# ----------------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------------


def _q(r) -> int:
    return r.configuracao.precisao.escala_divisao


def _cap(r) -> int:
    return r.configuracao.escala_produto


def _mul(r, a: Decimal, b: Decimal) -> Decimal:
    return produto_decimal(a, b, _cap(r))


def _div(r, a: Decimal, b: Decimal) -> Decimal:
    return dividir_decimal(a, b, _q(r))


def _soma(valores: Iterable[Decimal]) -> Decimal:
    total = ZERO
    for v in valores:
        total = CONTEXTO.add(total, v)
    return total


def _tab(r, nome: str) -> pl.DataFrame:
    """An input table as the engine read it (absent = empty; repeated keys resolved)."""
    return r.base.tabelas[nome]


def _exp(r, variavel: str, chave: Chave, termos: Sequence[Termo], recalculado: Decimal, substituicao: str,
         notas: Sequence[str] = ()) -> Explicacao:
    cmd = REGISTRO.por_variavel(variavel)
    listados, omitidos = listar(list(termos))
    return Explicacao(cmd, dict(chave), r.valor_exato(variavel, chave), r.valor(variavel, chave), listados,
                      recalculado, substituicao=substituicao, notas=list(notas), omitidos=omitidos)


def _um(df: pl.DataFrame, filtro: dict[str, Any], coluna: str) -> Decimal | None:
    linhas = filtrar(df, filtro)
    return linhas[coluna][-1] if linhas.height else None


def _termo(nome: str, chave: dict[str, Any], valor: Decimal | None, origem: str) -> Termo:
    if valor is None:
        return Termo(nome, {k: str(v) for k, v in chave.items()}, ZERO, f"{origem}; sem linha = 0")
    return Termo(nome, {k: str(v) for k, v in chave.items()}, valor, origem)


def _horas(r, mes: str) -> Termo:
    return _termo("M_HORAS", {"mes": mes}, _um(_tab(r, "M_HORAS"), {"mes": mes}, "M_HORAS"), "entrada")


def _pld(r, s: str, mes: str) -> Termo:
    return _termo("PLD_MS", {"submercado": s, "mes": mes}, _um(_tab(r, "PLD_MS"), {"submercado": s, "mes": mes}, "PLD_MS"),
                  "entrada")


def _nipca(r, mes: str) -> Termo:
    return _termo("NIPCA", {"mes": mes}, _um(_tab(r, "NIPCA"), {"mes": mes}, "NIPCA"), "entrada")


def _f_mres(r, x: str, mes: str) -> Termo:
    """F_MRES_CT[m,x]: the row of m, else the latest earlier row of x (DECISÃO D17)."""
    df = _tab(r, "F_MRES_CT").filter((pl.col("processamento") == x) & (pl.col("mes") <= mes)).sort("mes", maintain_order=True)
    if df.height == 0:
        return _termo("F_MRES_CT", {"processamento": x, "mes": mes}, None, "entrada")
    return Termo("F_MRES_CT", {"processamento": x, "mes": df["mes"][-1]}, df["F_MRES_CT"][-1],
                 "entrada" + ("" if df["mes"][-1] == mes else f" (em vigor em {mes}, D17)"))


def _saida(r, nome: str, chave: dict[str, Any], origem: str | None = None) -> Termo:
    return _termo(nome, chave, _um(r.exatas[nome], chave, nome), origem or f"cmd {REGISTRO.por_variavel(nome).numero}")


def _anterior(r, nome: str, chave: dict[str, Any], mes: str) -> Termo:
    df, origem = r.anterior(nome, mes)
    anterior = int_para_mes(mes_para_int(mes) - 1)
    return _termo(nome, {**chave, "mes": anterior}, _um(df, chave, nome), origem)


def _prod(chave: Chave) -> dict[str, str]:
    return {c: chave[c] for c in PROD}


def _linhas(r, nome: str, filtro: dict[str, Any], origem: str | None = None, ordem: Sequence[str] | None = None) -> list[Termo]:
    df = filtrar(r.exatas[nome], filtro)
    if ordem:
        df = df.sort(list(ordem))
    indices = [c for c in df.columns if c != nome]
    origem = origem or f"cmd {REGISTRO.por_variavel(nome).numero}"
    return [Termo(nome, {c: str(ln[c]) for c in indices}, ln[nome], origem) for ln in df.to_dicts()]


def _soma_exp(r, variavel: str, chave: Chave, termos: list[Termo], notas: Sequence[str] = ()) -> Explicacao:
    listados, omitidos = listar(termos)
    sub = " + ".join(fmt(t.valor) for t in listados) + (" + ..." if omitidos else "") if termos else "0 (sem termos)"
    return _exp(r, variavel, chave, termos, _soma(t.valor for t in termos), f"{variavel} = {sub}", notas)


def _contratos(r, **filtro: str) -> pl.DataFrame:
    return filtrar(r.contratos(), filtro)


_DERIVADORES: dict[str, Callable[[Any, Chave], Explicacao]] = {}


def _d(*variaveis: str):
    def registrar(f):
        for v in variaveis:
            REGISTRO.derivador(v)(lambda r, chave, _f=f, _v=v: _f(r, _v, chave))
        return f

    return registrar


# ----------------------------------------------------------------------------------------------------
# Cmds 36–38
# ----------------------------------------------------------------------------------------------------


@_d("PRECO_CT_MVE", "SPREAD_CT_MVE")
def _preco(r, v: str, chave: Chave) -> Explicacao:
    c = r.contrato(chave["contrato"])
    lance_nome = "PRECO_N_MVE" if v == "PRECO_CT_MVE" else "SPREAD_N_MVE"
    dado = _um(_tab(r, v), {"contrato": chave["contrato"]}, v)
    vinc = filtrar(_tab(r, "VINC_C_MVE"), {"contrato": chave["contrato"]})
    lc = vinc["lance_compra"][0] if vinc.height else ""
    lance = _um(_tab(r, lance_nome), {"lance_compra": lc, **{k: c[k] for k in PROD}}, lance_nome) if lc else None
    termos = []
    if dado is not None:
        termos.append(Termo(v, {"contrato": chave["contrato"]}, dado, "entrada (D1: dado)"))
    if lance is not None:
        termos.append(Termo(lance_nome, {"lance_compra": lc}, lance, "entrada (lance do comprador)"))
    valor = dado if dado is not None else (lance if lance is not None else ZERO)
    return _exp(r, v, chave, termos, valor, f"{v} = {fmt(valor)}",
                ["DECISÃO D1: dado em " + v + " ou pelo lance de compra; se ambos, iguais"])


def _atualizado(r, c: dict[str, Any], base_: str, mes: str) -> tuple[Decimal, list[Termo], str]:
    """Cmd 37 in closed form: X × NIPCA[d−1] / NIPCA[m*] with d the December in force (D2), else X."""
    x = c[base_]
    m = mes_para_int(mes)
    d = (m - 1) - (((m - 1) % 12 + 1) % 12)
    termos = [Termo(base_, {"contrato": c["contrato"]}, x, "cmd 36")]
    if not c["plurianual"] or d < c["inicio"]:
        return x, termos, f"{fmt(x)} (sem dezembro de atualização em vigor: D2)"
    n1, n2 = _nipca(r, int_para_mes(d - 1)), _nipca(r, int_para_mes(c["mes_proc"]))
    termos += [n1, n2]
    valor = _div(r, _mul(r, x, n1.valor), n2.valor)
    return valor, termos, f"{fmt(x)} × {fmt(n1.valor)} / {fmt(n2.valor)}  (dezembro {int_para_mes(d)})"


@_d("PRECO_CT_MVE_A", "SPREAD_CT_MVE_A")
def _preco_a(r, v: str, chave: Chave) -> Explicacao:
    c = r.contrato(chave["contrato"])
    base_ = v[:-2]
    mes = chave["mes"]
    if mes == r.meses[0] and r.estado_inicial is not None:
        est = _um(r.estado_inicial.tabelas.get(v, pl.DataFrame()), {"contrato": chave["contrato"], "mes": mes}, v) \
            if v in r.estado_inicial.tabelas else None
        if est is not None:
            t = Termo(v, {"contrato": chave["contrato"], "mes": mes}, est, f"estado de {int_para_mes(mes_para_int(mes) - 1)}")
            return _exp(r, v, chave, [t], est, f"{v} = {fmt(est)} (carregado)")
    valor, termos, sub = _atualizado(r, c, base_, mes)
    return _exp(r, v, chave, termos, valor, f"{v} = {sub}",
                ["o valor carregado de m−1 (recursão do cmd 37) é igual à forma fechada sobre o preço original"])


@_d("PRECO_CT_MVE_M", "SPREAD_CT_MVE_M")
def _preco_m(r, v: str, chave: Chave) -> Explicacao:
    c = r.contrato(chave["contrato"])
    if c["plurianual"]:
        t = _saida(r, v[:-2] + "_A", {"contrato": chave["contrato"], "mes": chave["mes"]})
    else:
        t = Termo(v[:-2], {"contrato": chave["contrato"]}, c[v[:-2]], "cmd 36")
    return _exp(r, v, chave, [t], t.valor, f"{v} = {t.rotulo()} = {fmt(t.valor)}")


# ----------------------------------------------------------------------------------------------------
# Cmds 39–44
# ----------------------------------------------------------------------------------------------------


@_d("VLR_MVE_PF_CT", "VLP_MVE_PF_CT", "VLR_MVE_PV_CT", "VLP_MVE_PV_CT")
def _valor_ct(r, v: str, chave: Chave) -> Explicacao:
    c = r.contrato(chave["contrato"])
    mes = chave["mes"]
    mv = Termo("MV_MVE_PRE", {"contrato": c["contrato"], "vigencia": c["vigencia"]}, c["MV_MVE_PRE"], "entrada")
    h = _horas(r, mes)
    energia = _mul(r, mv.valor, h.valor)
    if c["tipo_preco"] == PF:
        p = _saida(r, "PRECO_CT_MVE_M", {"contrato": c["contrato"], "mes": mes})
        valor = _mul(r, energia, p.valor)
        return _exp(r, v, chave, [mv, h, p], valor, f"{v} = {fmt(mv.valor)} × {fmt(h.valor)} × {fmt(p.valor)}")
    pld, s = _pld(r, c["submercado"], mes), _saida(r, "SPREAD_CT_MVE_M", {"contrato": c["contrato"], "mes": mes})
    valor = _mul(r, energia, CONTEXTO.add(pld.valor, s.valor))
    return _exp(r, v, chave, [mv, h, pld, s], valor,
                f"{v} = {fmt(mv.valor)} × {fmt(h.valor)} × ({fmt(pld.valor)} + {fmt(s.valor)})")


@_d("VLR_MVE_PF_PROD", "VLR_MVE_PV_PROD", "VLP_MVE_PF_PROD", "VLP_MVE_PV_PROD")
def _valor_prod(r, v: str, chave: Chave) -> Explicacao:
    lado = "perfil_vendedor" if v.startswith("VLR") else "perfil_comprador"
    contratos = _contratos(r, **{lado: chave["perfil"]}, **_prod(chave))["contrato"].to_list()
    fonte = v.replace("_PROD", "_CT")
    termos = [t for t in _linhas(r, fonte, {"mes": chave["mes"]}) if t.chave["contrato"] in set(contratos)]
    vinc = "VINC_V_MVE" if lado == "perfil_vendedor" else "VINC_C_MVE"
    return _soma_exp(r, v, chave, termos, [f"contratos de {chave['perfil']} no produto em {vinc}, em suprimento no mês"])


@_d("VLR_MVE_PF", "VLR_MVE_PV", "VLP_MVE_PF", "VLP_MVE_PV")
def _valor_perfil(r, v: str, chave: Chave) -> Explicacao:
    return _soma_exp(r, v, chave, _linhas(r, f"{v}_PROD", {"perfil": chave["perfil"], "mes": chave["mes"]}),
                     ["Σ em s, x, v, te (D20); 0 para perfil sem produto deste tipo de preço"])


@_d("VLR_MVE", "VLP_MVE")
def _valor_total(r, v: str, chave: Chave) -> Explicacao:
    termos = [_saida(r, f"{v}_PF", chave), _saida(r, f"{v}_PV", chave)]
    return _soma_exp(r, v, chave, termos)


# ----------------------------------------------------------------------------------------------------
# Cmds 46–51
# ----------------------------------------------------------------------------------------------------


@_d("VALOR_INAD_PERF_MVE")
def _valor_inad_perf(r, v: str, chave: Chave) -> Explicacao:
    a, mes = chave["perfil"], chave["mes"]
    tot = _anterior(r, "TOT_AJUSTES_MVE", {"perfil": a}, mes)
    f = _anterior(r, "F_INAD_EFE_MVE", {"agente": r.agente_de(a) or ""}, mes)
    valor = _mul(r, tot.valor, f.valor)
    return _exp(r, v, chave, [tot, f], valor, f"{v} = {fmt(tot.valor)} × {fmt(f.valor)}")


@_d("VALOR_INAD_PROD_MVE")
def _valor_inad_prod(r, v: str, chave: Chave) -> Explicacao:
    a, mes = chave["perfil"], chave["mes"]
    perf = _saida(r, "VALOR_INAD_PERF_MVE", {"perfil": a, "mes": mes})
    df, origem = r.anterior("VLP_MVE_PROD_AJU", mes)
    anteriores = set(filtrar(_tab(r, "PROCESSAMENTO_MVE"), {}).filter(
        pl.col("anterior_garantias_financeiras").str.to_lowercase().is_in(["true", "sim", "1"]))["processamento"].to_list())
    linhas = filtrar(df, {"perfil": a}).filter(pl.col("processamento").is_in(list(anteriores)))
    todos = [Termo("VLP_MVE_PROD_AJU", {**{c: ln[c] for c in PROD}, "perfil": a}, ln["VLP_MVE_PROD_AJU"], origem)
             for ln in linhas.to_dicts()]
    deste = [t for t in todos if all(t.chave[c] == chave[c] for c in PROD)]
    num = deste[0].valor if deste else ZERO
    den = _soma(t.valor for t in todos)
    valor = ZERO if den == 0 else _div(r, _mul(r, perf.valor, num), den)
    return _exp(r, v, chave, [perf, *deste, *[t for t in todos if t not in deste]], valor,
                f"{v} = {fmt(perf.valor)} × {fmt(num)} / {fmt(den)}",
                ["D5: VLP_MVE_PROD_AJU de m−1; D6: só produtos de x anterior às garantias; D12: Σ = 0 → 0"])


@_d("AJUSTE_INAD_MVE")
def _ajuste_inad(r, v: str, chave: Chave) -> Explicacao:
    mes = chave["mes"]
    vp = _saida(r, "VALOR_INAD_PROD_MVE", {"perfil": chave["perfil_comprador"], **_prod(chave), "mes": mes})
    fv = _anterior(r, "F_VEND_MVE_PROD", {"perfil": chave["perfil_vendedor"], **_prod(chave)}, mes)
    return _exp(r, v, chave, [vp, fv], _mul(r, vp.valor, fv.valor), f"{v} = {fmt(vp.valor)} × {fmt(fv.valor)}")


@_d("AJUSTE_MVE_F")
def _ajuste_f(r, v: str, chave: Chave) -> Explicacao:
    inad = _saida(r, "AJUSTE_INAD_MVE", chave)
    linhas = filtrar(_tab(r, "AJUSTE_MVE"), chave)
    aj = _termo("AJUSTE_MVE", chave, _soma(linhas["AJUSTE_MVE"].to_list()) if linhas.height else None, "entrada")
    return _soma_exp(r, v, chave, [inad, aj])


@_d("AJUSTES_MVE_PROD")
def _ajustes_prod(r, v: str, chave: Chave) -> Explicacao:
    a, filtro = chave["perfil"], {**_prod(chave), "mes": chave["mes"]}
    termos = _linhas(r, "AJUSTE_MVE_F", {**filtro, "perfil_comprador": a}) + \
        _linhas(r, "AJUSTE_MVE_F", {**filtro, "perfil_vendedor": a})
    return _soma_exp(r, v, chave, termos, ["Σ_av (perfil comprador) ou Σ_ac (perfil vendedor)"])


@_d("TOT_AJUSTES_MVE")
def _tot_ajustes(r, v: str, chave: Chave) -> Explicacao:
    return _soma_exp(r, v, chave, _linhas(r, "AJUSTES_MVE_PROD", chave))


# ----------------------------------------------------------------------------------------------------
# Cmds 52–54
# ----------------------------------------------------------------------------------------------------


@_d("V_TOT_REC_MVE", "V_TOT_PAG_MVE")
def _v_tot(r, v: str, chave: Chave) -> Explicacao:
    a, mes = chave["perfil"], chave["mes"]
    rec = v == "V_TOT_REC_MVE"
    termos = [_saida(r, "VLR_MVE" if rec else "VLP_MVE", chave),
              _anterior(r, "TOT_RESS_REC_MVE" if rec else "TOT_RESS_PAG_MVE", {"perfil": a}, mes)]
    papel = r.papel(a)
    notas = []
    if (rec and papel == 1) or (not rec and papel == 2):
        termos.append(_saida(r, "TOT_AJUSTES_MVE", chave))
    else:
        notas.append("DECISÃO D4: TOT_AJUSTES_MVE entra só do lado do papel do perfil (" +
                     ("vendedor" if papel == 1 else "comprador" if papel == 2 else "sem papel") + ")")
    return _soma_exp(r, v, chave, termos, notas)


@_d("TOT_LIQ_MVE")
def _tot_liq(r, v: str, chave: Chave) -> Explicacao:
    mes = chave["mes"]
    termos: list[Termo] = []
    total = ZERO
    partes = []
    for a in r.perfis_do_agente(chave["agente"]):
        rec = _um(r.exatas["V_TOT_REC_MVE"], {"perfil": a, "mes": mes}, "V_TOT_REC_MVE")
        if rec is None:
            continue
        pag = _um(r.exatas["V_TOT_PAG_MVE"], {"perfil": a, "mes": mes}, "V_TOT_PAG_MVE") or ZERO
        addc = _termo("ADDC_TOT_LIQ_MVE", {"perfil": a, "mes": mes},
                      _um(_tab(r, "ADDC_TOT_LIQ_MVE").group_by("perfil", "mes").agg(pl.col("ADDC_TOT_LIQ_MVE").sum()),
                          {"perfil": a, "mes": mes}, "ADDC_TOT_LIQ_MVE"), "entrada")
        termos += [Termo("V_TOT_REC_MVE", {"perfil": a, "mes": mes}, rec, "cmd 52"),
                   Termo("V_TOT_PAG_MVE", {"perfil": a, "mes": mes}, pag, "cmd 53"), addc]
        total = _soma([total, rec, -pag, addc.valor])
        partes.append(f"({fmt(rec)} − {fmt(pag)} + {fmt(addc.valor)})")
    return _exp(r, v, chave, termos, total, f"{v} = " + (" + ".join(partes) or "0"),
                [f"Aα: perfis de {chave['agente']} com linha no mês"])


# ----------------------------------------------------------------------------------------------------
# Cmds 56–59
# ----------------------------------------------------------------------------------------------------


@_d("VLP_MVE_PROD", "VLR_MVE_PROD")
def _v_prod(r, v: str, chave: Chave) -> Explicacao:
    termos = [_saida(r, f"{v[:7]}_PV_PROD", chave), _saida(r, f"{v[:7]}_PF_PROD", chave)]
    return _soma_exp(r, v, chave, termos)


@_d("VLP_MVE_PROD_AJU", "VLR_MVE_PROD_AJU")
def _v_prod_aju(r, v: str, chave: Chave) -> Explicacao:
    pag = v.startswith("VLP")
    a, mes = chave["perfil"], chave["mes"]
    termos = [_saida(r, v[:-4], chave), _anterior(r, "RESS_PAG_MVE" if pag else "RESS_REC_MVE",
                                                    {"perfil": a, **_prod(chave)}, mes)]
    notas = []
    if r.papel(a) == (2 if pag else 1):
        termos.append(_saida(r, "AJUSTES_MVE_PROD", chave))
    else:
        notas.append("DECISÃO D4: AJUSTES_MVE_PROD só entra do lado do papel do perfil")
    return _soma_exp(r, v, chave, termos, notas)


@_d("F_COMP_MVE_PROD")
def _f_comp(r, v: str, chave: Chave) -> Explicacao:
    aju = _saida(r, "VLP_MVE_PROD_AJU", chave)
    tot = _saida(r, "TOT_LIQ_MVE", {"agente": r.agente_de(chave["perfil"]) or "", "mes": chave["mes"]})
    if tot.valor < 0:
        valor = _div(r, aju.valor, -tot.valor)
        return _exp(r, v, chave, [aju, tot], valor, f"{v} = {fmt(aju.valor)} / ((−1) × {fmt(tot.valor)})")
    return _exp(r, v, chave, [aju, tot], ZERO, f"{v} = 0", ["DECISÃO D7: o agente não paga (TOT_LIQ_MVE ≥ 0)"])


@_d("F_VEND_MVE_PROD")
def _f_vend(r, v: str, chave: Chave) -> Explicacao:
    todos = _linhas(r, "VLR_MVE_PROD_AJU", {**_prod(chave), "mes": chave["mes"]})
    deste = [t for t in todos if t.chave["perfil"] == chave["perfil"]]
    num, den = (deste[0].valor if deste else ZERO), _soma(t.valor for t in todos)
    valor = ZERO if den == 0 else _div(r, num, den)
    return _exp(r, v, chave, deste + [t for t in todos if t not in deste], valor,
                f"{v} = {fmt(num)} / {fmt(den)}", ["Σ sobre os vendedores do produto; D12: Σ = 0 → 0"])


@_d("F_REL_VEND_COMP")
def _f_rel(r, v: str, chave: Chave) -> Explicacao:
    mes = chave["mes"]
    vend = {tuple(t.chave[c] for c in PROD): t for t in
            _linhas(r, "F_VEND_MVE_PROD", {"perfil": chave["perfil_vendedor"], "mes": mes})}
    termos, parcelas = [], []
    for t in _linhas(r, "F_COMP_MVE_PROD", {"perfil": chave["perfil_comprador"], "mes": mes}):
        k = tuple(t.chave[c] for c in PROD)
        if k in vend:
            termos += [vend[k], t]
            parcelas.append(_mul(r, vend[k].valor, t.valor))
    sub = " + ".join(f"{fmt(termos[2 * i].valor)} × {fmt(termos[2 * i + 1].valor)}" for i in range(len(parcelas)))
    return _exp(r, v, chave, termos, _soma(parcelas), f"{v} = {sub}", ["produtos comuns ao vendedor e ao comprador; "
                                                                       "cada produto de fatores a 20 casas (E1)"])


@_d("F_INAD_TOT")
def _f_inad_tot(r, v: str, chave: Chave) -> Explicacao:
    vend = set(r.perfis_do_agente(chave["agente_vendedor"]))
    comp = set(r.perfis_do_agente(chave["agente_comprador"]))
    termos = [t for t in _linhas(r, "F_REL_VEND_COMP", {"mes": chave["mes"]})
              if t.chave["perfil_vendedor"] in vend and t.chave["perfil_comprador"] in comp]
    return _soma_exp(r, v, chave, termos, ["α = agente vendedor, α* = agente comprador (D20)"])


# ----------------------------------------------------------------------------------------------------
# Cmds 63–65
# ----------------------------------------------------------------------------------------------------


def _pago(r, agente: str, mes: str, tot: Decimal) -> Termo:
    linhas = filtrar(_tab(r, "TOT_EFE_PAG_MVE"), {"agente": agente, "mes": mes})
    if linhas.height:
        return Termo("TOT_EFE_PAG_MVE", {"agente": agente, "mes": mes}, _soma(linhas["TOT_EFE_PAG_MVE"].to_list()), "entrada")
    return Termo("TOT_EFE_PAG_MVE", {"agente": agente, "mes": mes}, -tot if tot < 0 else ZERO,
                 "sem linha: pagou o devido (D8)")


@_d("VALOR_INAD_MVE")
def _valor_inad(r, v: str, chave: Chave) -> Explicacao:
    tot = _saida(r, "TOT_LIQ_MVE", chave)
    pago = _pago(r, chave["agente"], chave["mes"], tot.valor)
    valor = max(ZERO, CONTEXTO.subtract(-tot.valor, abs(pago.valor)))
    return _exp(r, v, chave, [tot, pago], valor, f"{v} = max(0; {fmt(-tot.valor)} − |{fmt(pago.valor)}|)")


@_d("F_INAD_EFE_MVE")
def _f_inad_efe(r, v: str, chave: Chave) -> Explicacao:
    vi, tot = _saida(r, "VALOR_INAD_MVE", chave), _saida(r, "TOT_LIQ_MVE", chave)
    if tot.valor < 0:
        return _exp(r, v, chave, [vi, tot], _div(r, vi.valor, -tot.valor),
                    f"{v} = {fmt(vi.valor)} / ((−1) × {fmt(tot.valor)})")
    return _exp(r, v, chave, [vi, tot], ZERO, f"{v} = 0", ["DECISÃO D7: o agente não paga (TOT_LIQ_MVE ≥ 0)"])


@_d("AJU_M_MVE")
def _aju(r, v: str, chave: Chave) -> Explicacao:
    c = r.contrato(chave["contrato"])
    f = _saida(r, "F_INAD_EFE_MVE", {"agente": c["agente_comprador"], "mes": chave["mes"]})
    mv = Termo("MV_MVE_PRE", {"contrato": c["contrato"], "vigencia": c["vigencia"]}, c["MV_MVE_PRE"], "entrada")
    linhas = filtrar(_tab(r, "ADDC_MV_MVE"), chave)
    addc = _termo("ADDC_MV_MVE", chave, _soma(linhas["ADDC_MV_MVE"].to_list()) if linhas.height else None, "entrada")
    bruto = CONTEXTO.subtract(_mul(r, f.valor, mv.valor), addc.valor)
    valor = min(max(bruto, ZERO), mv.valor)
    return _exp(r, v, chave, [f, mv, addc], valor, f"{v} = min(max({fmt(f.valor)} × {fmt(mv.valor)} − {fmt(addc.valor)}; 0); "
                                                    f"{fmt(mv.valor)})", ["DECISÃO D9: limitado a [0, MV_MVE_PRE]"])


@_d("MV")
def _mv(r, v: str, chave: Chave) -> Explicacao:
    c = r.contrato(chave["contrato"])
    mv = Termo("MV_MVE_PRE", {"contrato": c["contrato"], "vigencia": c["vigencia"]}, c["MV_MVE_PRE"], "entrada")
    aju = _saida(r, "AJU_M_MVE", {"contrato": c["contrato"], "mes": chave["mes"]})
    return _exp(r, v, chave, [mv, aju], CONTEXTO.subtract(mv.valor, aju.valor), f"{v} = {fmt(mv.valor)} − {fmt(aju.valor)}",
                ["nova vigência de um mês (v = m)"])


# ----------------------------------------------------------------------------------------------------
# Cmds 66–70
# ----------------------------------------------------------------------------------------------------


@_d("PRIC_RESS_CT_MVE")
def _pric_ress(r, v: str, chave: Chave) -> Explicacao:
    c = r.contrato(chave["contrato"])
    if c["tipo_preco"] == PF:
        p, pld = Termo("PRECO_CT_MVE", {"contrato": c["contrato"]}, c["PRECO_CT_MVE"], "cmd 36"), _pld(r, c["submercado"], chave["mes"])
        return _exp(r, v, chave, [p, pld], max(ZERO, CONTEXTO.subtract(p.valor, pld.valor)),
                    f"{v} = max(0; {fmt(p.valor)} − {fmt(pld.valor)})", ["D19: preço original; cmd 67: só com PLD < preço"])
    s = Termo("SPREAD_CT_MVE", {"contrato": c["contrato"]}, c["SPREAD_CT_MVE"], "cmd 36")
    return _exp(r, v, chave, [s], max(ZERO, s.valor), f"{v} = max(0; {fmt(s.valor)})")


@_d("RESS_P_MVE")
def _ress_p(r, v: str, chave: Chave) -> Explicacao:
    mes = chave["mes"]
    contratos = _contratos(r, perfil_comprador=chave["perfil_comprador"], perfil_vendedor=chave["perfil_vendedor"],
                           **_prod(chave))["contrato"].to_list()
    h = _horas(r, mes)
    termos, parcelas = [h], []
    for e in contratos:
        aju = _um(r.exatas["AJU_M_MVE"], {"contrato": e, "mes": mes}, "AJU_M_MVE")
        if aju is None:
            continue
        pric = _saida(r, "PRIC_RESS_CT_MVE", {"contrato": e, "mes": mes})
        termos += [Termo("AJU_M_MVE", {"contrato": e, "mes": mes}, aju, "cmd 64"), pric]
        parcelas.append(_mul(r, _mul(r, aju, h.valor), pric.valor))
    return _exp(r, v, chave, termos, _soma(parcelas), f"{v} = Σ_e AJU_M_MVE × {fmt(h.valor)} × PRIC_RESS_CT_MVE "
                                                      f"({len(parcelas)} contrato(s))")


@_d("RESS_INAD_P_MVE")
def _ress_inad(r, v: str, chave: Chave) -> Explicacao:
    mes = chave["mes"]
    par = {k: chave[k] for k in chave if k != "mes"}
    i1, p1 = _anterior(r, "RESS_INAD_P_MVE", par, mes), _anterior(r, "RESS_P_MVE", par, mes)
    f = _anterior(r, "F_INAD_EFE_MVE", {"agente": r.agente_de(chave["perfil_comprador"]) or ""}, mes)
    linhas = filtrar(_tab(r, "ENC_MOR_MVE"), chave)
    enc = _termo("ENC_MOR_MVE", chave, _soma(linhas["ENC_MOR_MVE"].to_list()) if linhas.height else None,
                 "entrada (Σ em mr)")
    valor = CONTEXTO.add(_mul(r, CONTEXTO.add(i1.valor, p1.valor), f.valor), enc.valor)
    return _exp(r, v, chave, [i1, p1, f, enc], valor,
                f"{v} = ({fmt(i1.valor)} + {fmt(p1.valor)}) × {fmt(f.valor)} + {fmt(enc.valor)}", ["DECISÃO D13"])


@_d("RESS_DEV_MVE_P")
def _ress_dev(r, v: str, chave: Chave) -> Explicacao:
    return _soma_exp(r, v, chave, [_saida(r, "RESS_INAD_P_MVE", chave), _saida(r, "RESS_P_MVE", chave)])


@_d("RESS_PAG_MVE", "RESS_REC_MVE", "M_PAG_MVE", "M_REC_MVE")
def _por_lado(r, v: str, chave: Chave) -> Explicacao:
    fonte = "RESS_DEV_MVE_P" if v.startswith("RESS") else "M_MVE"
    lado = "perfil_comprador" if "PAG" in v else "perfil_vendedor"
    return _soma_exp(r, v, chave, _linhas(r, fonte, {lado: chave["perfil"], **_prod(chave), "mes": chave["mes"]}))


@_d("TOT_RESS_PAG_MVE", "TOT_RESS_REC_MVE", "TM_PAG_MVE", "TM_REC_MVE")
def _totais_perfil(r, v: str, chave: Chave) -> Explicacao:
    fonte = {"TOT_RESS_PAG_MVE": "RESS_PAG_MVE", "TOT_RESS_REC_MVE": "RESS_REC_MVE", "TM_PAG_MVE": "M_PAG_MVE",
             "TM_REC_MVE": "M_REC_MVE"}[v]
    return _soma_exp(r, v, chave, _linhas(r, fonte, chave))


# ----------------------------------------------------------------------------------------------------
# Cmds 71–75
# ----------------------------------------------------------------------------------------------------


@_d("PRIC_MRC_MVE")
def _pric_mrc(r, v: str, chave: Chave) -> Explicacao:
    c = r.contrato(chave["contrato"])
    f = _f_mres(r, c["processamento"], int_para_mes(c["mes_proc"]))
    base_ = "PRECO_CT_MVE" if c["tipo_preco"] == PF else "SPREAD_CT_MVE"
    x = Termo(base_, {"contrato": c["contrato"]}, c[base_], "cmd 36")
    return _exp(r, v, chave, [f, x], max(ZERO, _mul(r, f.valor, x.valor)), f"{v} = max(0; {fmt(f.valor)} × {fmt(x.valor)})",
                ["m* = mês do processamento (D17); D10: ≥ 0"])


def _energia(r, c: dict[str, Any], meses: range, mes: str, mv_do_mes: bool) -> tuple[Decimal, list[Termo]]:
    """Σ MV[e,v] × V_HORAS[v] over ``meses`` (cmd 71: MV_MVE_PRE; cmd 75: the month's MV, D16)."""
    termos, parcelas = [], []
    reg = _tab(r, "MV")
    for mm in meses:
        texto = int_para_mes(mm)
        h = _horas(r, texto)
        mv = Termo("MV_MVE_PRE", {"contrato": c["contrato"]}, c["MV_MVE_PRE"], "entrada")
        if mv_do_mes:
            if texto == mes and (x := _um(r.exatas["MV"], {"contrato": c["contrato"], "mes": mes}, "MV")) is not None:
                mv = Termo("MV", {"contrato": c["contrato"], "vigencia": texto}, x, "cmd 65")
            elif (x := _um(reg, {"contrato": c["contrato"], "vigencia": texto}, "MV")) is not None:
                mv = Termo("MV", {"contrato": c["contrato"], "vigencia": texto}, x, "entrada (D16)")
            elif (x := _um(reg, {"contrato": c["contrato"], "vigencia": c["vigencia"]}, "MV")) is not None:
                mv = Termo("MV", {"contrato": c["contrato"], "vigencia": c["vigencia"]}, x, "entrada (D16)")
        termos += [mv, h]
        parcelas.append(_mul(r, mv.valor, h.valor))
    return _soma(parcelas), termos


def _janela(inicio: int, fim: int) -> range:
    return range(inicio, min(fim, inicio + 11) + 1)


@_d("M_MVE_NAGC", "M_MVE")
def _multa_par(r, v: str, chave: Chave) -> Explicacao:
    mes = chave["mes"]
    m = mes_para_int(mes)
    pric_nome = "PRIC_MRC_MVE" if v == "M_MVE_NAGC" else "PRIC_MD_MVE"
    contratos = _contratos(r, perfil_comprador=chave["perfil_comprador"], perfil_vendedor=chave["perfil_vendedor"],
                           **_prod(chave))
    termos, parcelas, partes = [], [], []
    for c in contratos.to_dicts():
        pric = _um(r.exatas[pric_nome], {"contrato": c["contrato"], "mes": mes}, pric_nome)
        if pric is None:
            continue
        if v == "M_MVE_NAGC":
            meses = _janela(c["inicio"], c["fim"])
        else:
            meses = _janela(max(m + 1 if c["tipo_preco"] == PF else m, c["inicio"]), c["fim"])
        energia, t = _energia(r, c, meses, mes, v == "M_MVE")
        termos += [Termo(pric_nome, {"contrato": c["contrato"], "mes": mes}, pric, "cmd 72" if v == "M_MVE_NAGC" else "cmd 75 (c)"),
                   *t]
        parcelas.append(_mul(r, energia, pric))
        janela = f"{int_para_mes(meses.start)}..{int_para_mes(meses.stop - 1)}" if len(meses) else "vazia"
        partes.append(f"{c['contrato']}: {fmt(energia)} MWh ({janela}) × {fmt(pric)}")
    return _exp(r, v, chave, termos, _soma(parcelas), f"{v} = " + " + ".join(partes),
                ["v_fim: suprimento limitado a 12 meses (D15)" if v == "M_MVE_NAGC" else
                 "per_rem: de max(m+1, início) (PF) ou max(m, início) (PV), até 12 meses (D18); MV do mês (D16)"])


@_d("M_PAG_NAGC")
def _m_pag_nagc(r, v: str, chave: Chave) -> Explicacao:
    perfis = set(r.perfis_do_agente(chave["agente"]))
    termos = [t for t in _linhas(r, "M_MVE_NAGC", {"processamento": chave["processamento"], "mes": chave["mes"]})
              if t.chave["perfil_comprador"] in perfis]
    return _soma_exp(r, v, chave, termos)


@_d("PRIC_MD_MVE")
def _pric_md(r, v: str, chave: Chave) -> Explicacao:
    c = r.contrato(chave["contrato"])
    mes = chave["mes"]
    m = mes_para_int(mes)
    f = _f_mres(r, c["processamento"], mes)
    notas = ["F_MRES_CT do mês de apuração (D17); D10: ≥ 0"]
    if c["tipo_preco"] == PF or not c["anterior"]:
        nome = "PRECO_CT_MVE_M" if c["tipo_preco"] == PF else "SPREAD_CT_MVE_M"
        x = _um(r.exatas[nome], {"contrato": c["contrato"], "mes": mes}, nome)
        if x is None:  # not in supply in m (not started): the original price
            base_ = nome[:-2]
            t = Termo(base_, {"contrato": c["contrato"]}, c[base_], "cmd 36 (contrato fora de suprimento no mês)")
        else:
            t = Termo(nome, {"contrato": c["contrato"], "mes": mes}, x, "cmd 38")
        valor = max(ZERO, _mul(r, f.valor, t.valor))
        return _exp(r, v, chave, [f, t], valor, f"{v} = max(0; {fmt(f.valor)} × {fmt(t.valor)})", notas)
    meses = range(c["inicio"], m + 1) if c["inicio"] <= m else range(m, m + 1)
    termos: list[Termo] = [f]
    soma = ZERO
    for mm in meses:
        pld = _pld(r, c["submercado"], int_para_mes(mm))
        s, ts, _ = _atualizado(r, c, "SPREAD_CT_MVE", int_para_mes(mm))
        termos += [pld, Termo("SPREAD_CT_MVE_M", {"contrato": c["contrato"], "mes": int_para_mes(mm)}, s, "cmd 37–38 (forma fechada)")]
        soma = _soma([soma, pld.valor, s])
    n = Decimal(len(meses))
    valor = max(ZERO, _div(r, _mul(r, f.valor, soma), n))
    return _exp(r, v, chave, termos, valor, f"{v} = max(0; {fmt(f.valor)} × {fmt(soma)} / {len(meses)})",
                notas + ["(c)(i) D11: média de PLD + spread do início da vigência ao mês da rescisão"])


@_d("TM_MVE")
def _tm_mve(r, v: str, chave: Chave) -> Explicacao:
    return _soma_exp(r, v, chave, _linhas(r, "M_MVE", chave))


__all__: list[str] = []
