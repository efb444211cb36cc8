"""The vectorized MVE engine: the month step (commands 35–75 in the reference's order) and the run.

Order inside month m (``docs/mve.md``, "Calculation order"): contracts in supply (35) → prices 37–38 →
values 39–44 → adjustments 46–51 → totals 52–54 → factors 56–59 → default 63 → contract adjustment 64–65 →
ressarcimento 70, 68 (b), 70 (b), 70 (a), 68–69 → fines 71–72 → rescissions 73 → fines 74–75 → state.
Cmd 36 runs once per run (``dados.preparar``).

The month-to-month state really flows (the previous month's factors, ressarcimento and adjustments enter
month m; a rescission in m removes the contract from m+1), so months are computed in order; each month is
vectorized over all contracts, profiles and products (joins and group-bys on integer codes). Inside a block
of months the state stays encoded; between blocks (``meses_por_bloco``) and runs it is an
:class:`~.resultado.EstadoMVE` with text keys — the same tables as the reference's ``estado``. Cost:
O(contracts · months + rows of the inputs); no Python loop per row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

import polars as pl

from ..chaves import CODIGO
from ..exact import Arredondamento, concatenar, tipo_decimal
from ..runner import Bloco, executar_meses

# each command module registers its commands (lineage, LINHAGEM) when imported; explicacao the derivadores
from . import (
    ajuste_contratual,
    ajustes,
    explicacao,  # noqa: F401
    inadimplencia,
    multas,
    precos,
    ressarcimento,
    totais,
    valores,
)
from .dados import Base, carregar, meses_de, preparar, texto_mes
from .esquema import COLUNAS_SAIDA, ENTRADAS, ESTADO, PROD, REGISTRO, SAIDAS, Configuracao, ErroMVE
from .esquema import arredondamento as _arredondamento
from .referencia import CARREGADAS_M1, VARIAVEIS, int_para_mes, mes_para_int
from .resultado import EstadoMVE, ResultadoMVE


def _ordenar_comandos() -> None:
    """The lineage in the seed's order (35, 36, 36 (PV), 37, ..., 75), whatever the import order."""
    def chave(numero: str) -> tuple[int, str]:
        digitos = "".join(ch for ch in numero if ch.isdigit())
        return int(digitos), numero[len(digitos):]

    ordem = sorted(REGISTRO.comandos, key=chave)
    comandos = dict(REGISTRO.comandos)
    REGISTRO.comandos.clear()
    REGISTRO.comandos.update({n: comandos[n] for n in ordem})


_ordenar_comandos()

#: Index column → the code column of the encoded tables.
CODIGOS = {"perfil": "pid", "perfil_comprador": "ac", "perfil_vendedor": "av", "agente": "aid",
           "agente_vendedor": "aav", "agente_comprador": "aac", "contrato": "cid", "processamento": "x"}


@dataclass
class Anterior:
    """The values of month m−1 (encoded), the IPCA-updated prices valid in m, and the rescissions so far."""

    valores: dict[str, pl.DataFrame]
    precos_a: pl.DataFrame  # cid, PRECO_A, SPREAD_A
    resc_mes: pl.Series  # by cid: month of rescission (null: none)
    resc_motivo: pl.Series  # by cid
    resc_outros: pl.DataFrame  # contrato, m, motivo: rescissions of contracts not in this run


# ----------------------------------------------------------------------------------------------------
# Encoding and decoding of keyed tables
# ----------------------------------------------------------------------------------------------------


def _tem_produto(indices: tuple[str, ...]) -> bool:
    return "submercado" in indices


def codificar(base: Base, nome: str, df: pl.DataFrame) -> pl.DataFrame:
    """A table of variable ``nome`` with text keys → code columns + value (rows with unknown keys dropped)."""
    indices = VARIAVEIS[nome].indices
    out = df
    produto_ = _tem_produto(indices)
    if produto_:
        out = out.join(base.produtos.select(*PROD, "prod"), on=list(PROD), how="left")
    cods = []
    for idx in indices:
        if (produto_ and idx in PROD) or idx == "vigencia":
            continue
        cod = CODIGOS[idx]
        dicionario = {"pid": base.perfis, "ac": base.perfis, "av": base.perfis, "aid": base.agentes,
                      "aav": base.agentes, "aac": base.agentes, "x": base.processamentos}.get(cod)
        if dicionario is not None:
            out = dicionario.codificar(out, idx, cod)
        cods.append(cod)
    if produto_:
        cods.append("prod")
    return out.select(*cods, nome).drop_nulls(cods).sort(cods)


def decodificar(base: Base, nome: str, df: pl.DataFrame) -> pl.DataFrame:
    """Encoded rows (codes, ``m``, value) of output ``nome`` → the reference's columns, text keys."""
    var = VARIAVEIS[nome]
    colunas: list[pl.Series | pl.Expr] = []
    produto_ = _tem_produto(var.indices)
    meses_txt = _textos_de_mes(df["m"]) if "m" in df.columns else None
    for idx in var.indices:
        if produto_ and idx in PROD:
            colunas.append(base.produtos[idx].gather(df["prod"]).alias(idx))
        elif idx == "vigencia":
            if nome == "MV":  # cmd 65: a new one-month vigência, v = m
                colunas.append(meses_txt.alias("vigencia"))  # type: ignore[union-attr]
            else:
                colunas.append(base.vigencias_txt.gather(df["cid"]).alias("vigencia"))
        else:
            cod = CODIGOS[idx]
            valores_ = {"pid": base.perfis.valores, "ac": base.perfis.valores, "av": base.perfis.valores,
                        "aid": base.agentes.valores, "aav": base.agentes.valores, "aac": base.agentes.valores,
                        "cid": base.contratos_txt, "x": base.processamentos.valores}[cod]
            colunas.append(valores_.gather(df[cod]).alias(idx))
    if var.mensal:
        colunas.append(meses_txt.alias("mes"))  # type: ignore[union-attr]
    colunas.append(df["motivo" if nome == "RESCISAO_MVE" else nome])
    return pl.DataFrame(colunas).select(COLUNAS_SAIDA[nome])


def _textos_de_mes(m: pl.Series) -> pl.Series:
    """Month counters → "YYYY-MM" by a gather on the few distinct months (not one format per row)."""
    if m.len() == 0:
        return pl.Series("mes", [], dtype=pl.String)
    lo, hi = int(m.min()), int(m.max())  # type: ignore[arg-type]
    textos = pl.Series("mes", [int_para_mes(i) for i in range(lo, hi + 1)], dtype=pl.String)
    return textos.gather(m - lo)


def _chaves_codigo(nome: str) -> list[str]:
    indices = VARIAVEIS[nome].indices
    produto_ = _tem_produto(indices)
    cods = [CODIGOS[i] for i in indices if not (produto_ and i in PROD) and i != "vigencia"]
    return cods + (["prod"] if produto_ else [])


# ----------------------------------------------------------------------------------------------------
# State
# ----------------------------------------------------------------------------------------------------


def _vazio_codificado(base: Base, nome: str) -> pl.DataFrame:
    return pl.DataFrame(schema={**{c: CODIGO for c in _chaves_codigo(nome)}, nome: tipo_decimal(0)})


def _rescisoes(base: Base, linhas: pl.DataFrame) -> tuple[pl.Series, pl.Series, pl.DataFrame]:
    """(month by cid, motivo by cid, rows of other contracts) from rows (contrato, m, motivo); later rows win."""
    ctr = pl.DataFrame({"contrato": base.contratos_txt, "cid": pl.int_range(0, base.nc, dtype=CODIGO, eager=True)})
    linhas = linhas.unique("contrato", keep="last", maintain_order=True)
    conhecidos = linhas.join(ctr, on="contrato", how="inner")
    mes = pl.Series("resc", [None] * base.nc, dtype=CODIGO)
    motivo = pl.Series("motivo", [None] * base.nc, dtype=pl.String)
    if conhecidos.height:
        mes.scatter(conhecidos["cid"], conhecidos["m"])
        motivo.scatter(conhecidos["cid"], conhecidos["motivo"])
    return mes, motivo, linhas.join(ctr, on="contrato", how="anti").select("contrato", "m", "motivo")


def anterior_inicial(base: Base, m0: int, estado: EstadoMVE | None) -> Anterior:
    """The state before month m0: the carried :class:`EstadoMVE`, or (without it) the input rows whose
    ``mes`` is m0−1 of the ``[m−1]`` tables, the IPCA prices in closed form, and RESCISAO_MVE of the inputs."""
    iniciais = base.rescisoes_iniciais
    if estado is None:
        anterior = int_para_mes(m0 - 1)
        valores_ = {n: codificar(base, n, base.tabelas[n].filter(pl.col("mes") == anterior))
                    if n in base.tabelas else _vazio_codificado(base, n) for n in CARREGADAS_M1}
        mes, motivo, outros = _rescisoes(base, iniciais)  # type: ignore[arg-type]
        return Anterior(valores_, _precos_vazios(), mes, motivo, outros)
    if estado.mes != int_para_mes(m0 - 1):
        raise ErroMVE("ESTADO_MVE", f"estado_anterior é do mês {estado.mes!r}, esperado {int_para_mes(m0 - 1)!r}")
    t = estado.tabelas
    valores_ = {n: codificar(base, n, t[n]) if n in t and t[n].height else _vazio_codificado(base, n)
                for n in CARREGADAS_M1}
    alvo = int_para_mes(m0)
    ctr = pl.DataFrame({"contrato": base.contratos_txt, "cid": pl.int_range(0, base.nc, dtype=CODIGO, eager=True)})
    pa = t.get("PRECO_CT_MVE_A", ESTADO["PRECO_CT_MVE_A"].vazia()).filter(pl.col("mes") == alvo)
    sa = t.get("SPREAD_CT_MVE_A", ESTADO["SPREAD_CT_MVE_A"].vazia()).filter(pl.col("mes") == alvo)
    precos_a = pa.select("contrato", pl.col("PRECO_CT_MVE_A").alias("PRECO_A")).join(
        sa.select("contrato", pl.col("SPREAD_CT_MVE_A").alias("SPREAD_A")), on="contrato", how="full", coalesce=True
    ).join(ctr, on="contrato", how="inner").select("cid", "PRECO_A", "SPREAD_A")
    resc = t.get("RESCISAO_MVE")
    todas = iniciais if resc is None or resc.height == 0 else pl.concat([  # type: ignore[list-item]
        iniciais, resc.select("contrato", meses_de(resc, "mes", "ESTADO_MVE").alias("m"), "motivo")])
    mes, motivo, outros = _rescisoes(base, todas)  # type: ignore[arg-type]
    return Anterior(valores_, precos_a, mes, motivo, outros)


def _precos_vazios() -> pl.DataFrame:
    return pl.DataFrame(schema={"cid": CODIGO, "PRECO_A": tipo_decimal(0), "SPREAD_A": tipo_decimal(0)})


def estado_de(base: Base, m: int, ant: Anterior) -> EstadoMVE:
    """The decoded state after month m (what month m+1 needs), as the reference's ``estado``."""
    tabelas: dict[str, pl.DataFrame] = {}
    for nome in CARREGADAS_M1:
        df = ant.valores[nome].with_columns(pl.lit(m, dtype=CODIGO).alias("m"))
        tabelas[nome] = decodificar(base, nome, df)
    prox = ant.precos_a.with_columns(pl.lit(m + 1, dtype=CODIGO).alias("m"))
    for nome, col in (("PRECO_CT_MVE_A", "PRECO_A"), ("SPREAD_CT_MVE_A", "SPREAD_A")):
        df = prox.filter(pl.col(col).is_not_null()).select("cid", "m", pl.col(col).alias(nome)).sort("cid")
        tabelas[nome] = decodificar(base, nome, df)
    cid = pl.int_range(0, base.nc, dtype=CODIGO, eager=True)
    resc = pl.DataFrame({"contrato": base.contratos_txt, "m": ant.resc_mes, "motivo": ant.resc_motivo, "_c": cid}) \
        .filter(pl.col("m").is_not_null()).drop("_c")
    todas = pl.concat([resc, ant.resc_outros.select("contrato", "m", "motivo")]).sort("contrato")
    tabelas["RESCISAO_MVE"] = todas.select("contrato", texto_mes(pl.col("m")).alias("mes"), "motivo")
    tabelas["ESTADO_MVE"] = pl.DataFrame({"mes": [int_para_mes(m)]})
    return EstadoMVE(int_para_mes(m), tabelas)


# ----------------------------------------------------------------------------------------------------
# One month
# ----------------------------------------------------------------------------------------------------


def calcular_mes(base: Base, cfg: Configuracao, m: int, ant: Anterior) -> tuple[dict[str, pl.DataFrame], Anterior]:
    """Commands 35–75 of month m (encoded outputs) and the state for m+1."""
    q, cap = cfg.precisao.escala_divisao, cfg.escala_produto
    horas = base.h(m)  # M_HORAS[m] is read by cmds 39–44 and 68 every month
    # MVE cmd 35: the contracts in supply; cmds 37–38: their prices
    ativos = precos.em_suprimento(base, m, ant.resc_mes)
    ativos = precos.precos_do_mes(base, ativos, m, ant.precos_a, q, cap)
    saidas: dict[str, pl.DataFrame] = {
        "PRECO_CT_MVE_A": ativos.filter(pl.col("plur") & pl.col("PRECO_A").is_not_null()).select(
            "cid", pl.col("PRECO_A").alias("PRECO_CT_MVE_A")),
        "SPREAD_CT_MVE_A": ativos.filter(pl.col("plur") & pl.col("SPREAD_A").is_not_null()).select(
            "cid", pl.col("SPREAD_A").alias("SPREAD_CT_MVE_A")),
        "PRECO_CT_MVE_M": ativos.filter(pl.col("pf")).select("cid", pl.col("PRECO_M").alias("PRECO_CT_MVE_M")),
        "SPREAD_CT_MVE_M": ativos.filter(~pl.col("pf")).select("cid", pl.col("SPREAD_M").alias("SPREAD_CT_MVE_M")),
    }
    proximos = precos.proximos(base, ativos, m, q, cap)
    # MVE cmds 39–44
    v = valores.valores(base, ativos, m, horas, cap)
    saidas.update(v)
    # MVE cmds 45–51
    aj = ajustes.ajustes(base, ant.valores, base.do_mes("AJUSTE_MVE", m), q, cap)
    saidas.update(aj)
    # MVE cmds 52–54
    addc = base.do_mes("ADDC_TOT_LIQ_MVE", m)
    tt = totais.totais(base, v["VLR_MVE"], v["VLP_MVE"], ant.valores, aj["TOT_AJUSTES_MVE"], addc)
    saidas.update(tt)
    # MVE cmds 55–59
    saidas.update(inadimplencia.fatores(base, v, ant.valores, aj["AJUSTES_MVE_PROD"], tt["TOT_LIQ_MVE"], q, cap))
    # MVE cmds 60–65
    ie = ajuste_contratual.inadimplencia_efetiva(tt["TOT_LIQ_MVE"], base.do_mes("TOT_EFE_PAG_MVE", m), q)
    saidas.update(ie)
    am = ajuste_contratual.ajuste_de_montante(ativos, ie["F_INAD_EFE_MVE"], base.do_mes("ADDC_MV_MVE", m), cap)
    saidas["AJU_M_MVE"], saidas["MV"] = am["AJU_M_MVE"], am["MV"]
    # MVE cmds 66–70
    rs = ressarcimento.ressarcimento(base, am["_contratos"], m, horas, ant.valores, base.do_mes("ENC_MOR_MVE", m), cap)
    saidas.update(rs)
    # MVE cmds 71–75
    ng = multas.nao_aporte(base, m, ant.resc_mes, cap)
    saidas.update({k: d for k, d in ng.items() if not k.startswith("_")})
    novas = multas.rescisoes(base, m, ativos, ant.resc_mes, ie["VALOR_INAD_MVE"], ng["_rescindidos"])
    saidas["RESCISAO_MVE"] = novas
    saidas.update(multas.multa_rescisoria(base, m, novas, ativos.select("cid", "PRECO_M", "SPREAD_M"), am["MV"], q, cap))

    # the state for m+1
    resc_mes, resc_motivo = ant.resc_mes.clone(), ant.resc_motivo.clone()
    if novas.height:
        resc_mes.scatter(novas["cid"], pl.repeat(m, novas.height, dtype=CODIGO, eager=True))
        resc_motivo.scatter(novas["cid"], novas["motivo"])
    carregados = {n: saidas[n] for n in CARREGADAS_M1}
    return saidas, Anterior(carregados, proximos, resc_mes, resc_motivo, ant.resc_outros)


# ----------------------------------------------------------------------------------------------------
# Blocks of months and the run
# ----------------------------------------------------------------------------------------------------

MENSAIS = [n for n, v in VARIAVEIS.items() if v.mensal]


def passo(base: Base, cfg: Configuracao):
    """The step of a block of consecutive months, for :func:`runner.executar_meses`."""

    def calcular_bloco(bloco: Bloco, estado: EstadoMVE | None) -> tuple[dict[str, pl.DataFrame], EstadoMVE]:
        meses = [mes_para_int(x) for x in bloco.meses]
        ant = anterior_inicial(base, meses[0], estado)
        partes: dict[str, list[pl.DataFrame]] = {n: [] for n in MENSAIS}
        for m in meses:
            saidas, ant = calcular_mes(base, cfg, m, ant)
            for nome in MENSAIS:
                df = saidas[nome]
                if df.height:
                    partes[nome].append(df.with_columns(pl.lit(m, dtype=CODIGO).alias("m")))
        resultado: dict[str, pl.DataFrame] = {}
        for nome in MENSAIS:
            if partes[nome]:
                resultado[nome] = decodificar(base, nome, concatenar(partes[nome]))
            else:
                resultado[nome] = SAIDAS[nome].vazia().select(COLUNAS_SAIDA[nome])
        return resultado, estado_de(base, meses[-1], ant)

    return calcular_bloco


def estaticas(base: Base) -> dict[str, pl.DataFrame]:
    """MVE cmd 36 outputs (no month index): PRECO_CT_MVE of the PF contracts, SPREAD_CT_MVE of the PV ones."""
    c = base.contratos
    saida = {}
    for nome, col in (("PRECO_CT_MVE", "PRECO"), ("SPREAD_CT_MVE", "SPREAD")):
        df = c.filter(pl.col(col).is_not_null())
        saida[nome] = pl.DataFrame([base.contratos_txt.gather(df["cid"]).alias("contrato"),
                                    base.vigencias_txt.gather(df["cid"]).alias("vigencia"), df[col].alias(nome)])
    return saida


def meses_padrao(base: Base) -> list[str]:
    """Without ``meses``: from the first to the last month in which some contract is in supply, within the
    months of M_HORAS."""
    c = base.contratos
    if c.height == 0 or not base.horas:
        raise ErroMVE("M_HORAS", "não há mês a calcular (nenhum contrato ou nenhuma linha de M_HORAS)")
    ini = max(int(c["ini"].min()), min(base.horas))  # type: ignore[arg-type]
    fim = min(int(c["fim"].max()), max(base.horas))  # type: ignore[arg-type]
    if fim < ini:
        raise ErroMVE("M_HORAS", "os meses de M_HORAS não cobrem o suprimento de nenhum contrato")
    return [int_para_mes(m) for m in range(ini, fim + 1)]


def _lista_meses(meses: str | Iterable[str]) -> list[str]:
    if isinstance(meses, str):
        texto = meses.strip()
        if ".." in texto:
            a, b = (p.strip() for p in texto.split("..", 1))
            ia, ib = mes_para_int(a), mes_para_int(b)
            if ib < ia:
                raise ErroMVE("meses", f"intervalo invertido {texto!r} (use INICIO..FIM)")
            return [int_para_mes(i) for i in range(ia, ib + 1)]
        meses = [p.strip() for p in texto.split(",") if p.strip()]
    lista = [int_para_mes(mes_para_int(m)) for m in meses]
    if not lista:
        raise ErroMVE("meses", "nenhum mês informado")
    ints = [mes_para_int(m) for m in lista]
    if any(b != a + 1 for a, b in zip(ints, ints[1:])):
        raise ErroMVE("meses", "os meses devem ser consecutivos e em ordem crescente (o estado passa de mês a mês)")
    return lista


def calcular(
    entradas: str | Path | Mapping[str, Any],
    meses: str | Iterable[str] | None = None,
    configuracao: Configuracao | None = None,
    estado: EstadoMVE | Mapping[str, Any] | None = None,
    *,
    arredondamento: Arredondamento | str | None = None,
    meses_por_bloco: int | None = None,
) -> ResultadoMVE:
    """Run MVE commands 35–75 over consecutive months.

    ``entradas``: a directory of ``NOME.csv``/``NOME.parquet`` files or a mapping table name → table (polars,
    pandas, pyarrow, list of row dicts) — the tables of ``docs/mve.md``. ``meses``: ``"2026-01..2026-03"``, a
    list of consecutive months, or None (the contracts' supply within M_HORAS). ``estado``: the
    ``ResultadoMVE.estado`` of the previous month's run (or the reference's ``estado`` tables). ``arredondamento``:
    the output rounding (an :class:`Arredondamento` or its CLI text). ``meses_por_bloco``: months per block
    of the runner (None: one block, the state kept encoded between months; 1: the state decoded between
    months — same tables).
    """
    configuracao = configuracao or Configuracao()
    if arredondamento is not None:
        configuracao = replace(configuracao, arredondamento=_arredondamento(arredondamento))
    tabelas = carregar(entradas, configuracao.precisao)
    estado_inicial = EstadoMVE.de(estado) if estado is not None and not isinstance(estado, EstadoMVE) else estado
    base = preparar(tabelas, estado_inicial.tabelas if estado_inicial is not None else None)
    lista = meses_padrao(base) if meses is None else _lista_meses(meses)
    try:
        execucao = executar_meses(passo(base, configuracao), tabelas, ENTRADAS, lista, estado_inicial,
                                  meses_por_bloco)
    except pl.exceptions.ComputeError as exc:  # decimal overflow (a value past 38 digits)
        primeira = str(exc).splitlines()[0]
        raise ErroMVE("entradas", f"estouro de precisão decimal (38 dígitos): {primeira}") from None
    exatas = {**estaticas(base), **execucao.saidas}
    exatas = {n: exatas[n] for n in SAIDAS}
    return ResultadoMVE(exatas=exatas, entradas=tabelas, configuracao=configuracao, meses=execucao.meses,
                        estado=execucao.estado, estado_inicial=estado_inicial, base=base)


__all__ = ["Anterior", "calcular", "calcular_mes", "codificar", "decodificar", "estaticas", "meses_padrao", "passo"]
