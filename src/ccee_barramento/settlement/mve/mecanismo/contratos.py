"""§2.2 cmd 34 onwards: the contract pairs as (1) the MVE settlement's contract tables, (2) ContratosCCEAL
files (one per seller, flat monthly amounts over the vigência, ready for ``workflows.registrar``), and (3) a
check of the CCEALs fetched back from the bus against the mechanism's result.

The contract code of the mechanism (``contrato``, DECISÃO MC20) is ``<processamento>-<nnnn>``; it is the
CCEAL's ``referencia``, which is how a fetched contract is found again (the bus gives its own number).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

import polars as pl

from ....cceal import ArquivoCCEAL, TipoModulacao, gerar_xml, juntar, novo_contrato_mensal
from ...tables import normalizar
from ._base import SUBMERCADO_CCEAL, codigo_contrato, mes_int, mes_texto
from .esquema import PROD, SAIDAS_CONTRATO, ErroMecanismo

#: The pair table behind every contract output (one row per positive MV_RES_MVE).
COLUNAS_CONTRATO = ("contrato", "produto", "perfil_vendedor", "perfil_comprador", "lance_compra") + PROD


def contratos(exatas: Mapping[str, pl.DataFrame], entradas: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """One row per contract e (cmd 34): its pair, product, amount (MWmédio) and price or spread (cmd 84)."""
    mv = exatas["MV_RES_MVE"].filter(pl.col("MV_RES_MVE") > 0)
    prods = entradas["PRODUTOS_LEILAO"].select("produto", *PROD)
    comp = exatas["MONT_ADQ_PROD_A"].select("lance_compra", "perfil_comprador", *PROD)
    precos = pl.concat([
        exatas["PRECO_N_MVE"].rename({"PRECO_N_MVE": "PRECO"}).with_columns(pl.col("PRECO").cast(pl.String)),
        exatas["SPREAD_N_MVE"].rename({"SPREAD_N_MVE": "PRECO"}).with_columns(pl.col("PRECO").cast(pl.String)),
    ])
    df = (mv.join(prods, on=list(PROD), how="left").join(comp, on=["lance_compra", *PROD], how="left")
          .join(precos, on=["lance_compra", *PROD], how="left")
          .sort("processamento", "produto", "perfil_vendedor", "lance_compra"))
    df = df.with_columns(pl.int_range(1, pl.len() + 1).over("processamento").alias("_n"))
    codigos = [codigo_contrato(x, n) for x, n in zip(df["processamento"].to_list(), df["_n"].to_list())]
    return df.with_columns(pl.Series("contrato", codigos, dtype=pl.String)).select(
        *COLUNAS_CONTRATO, pl.col("MV_RES_MVE").alias("MV"), "PRECO")


def tabelas_liquidacao(exatas: Mapping[str, pl.DataFrame], entradas: Mapping[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The contract tables of the MVE settlement (``settlement.mve``; its docs/mve.md "Input tables"):
    A_ALPHA, VIGENCIA_MVE, PROCESSAMENTO_MVE, VINC_V_MVE, VINC_C_MVE, MV_MVE_PRE, PRECO_CT_MVE, SPREAD_CT_MVE,
    PRECO_N_MVE, SPREAD_N_MVE — same names and columns, so ``settlement.mve.calcular({**these, PLD_MS, ...})``
    values the contracts."""
    ct = contratos(exatas, entradas)
    pf = ct.filter(pl.col("tipo_preco") == "PF")
    pv = ct.filter(pl.col("tipo_preco") == "PV")
    perfis = set(ct["perfil_vendedor"].to_list()) | set(ct["perfil_comprador"].to_list())
    vigs = set(ct["vigencia"].to_list())
    procs = set(ct["processamento"].to_list())
    vig = entradas["VIGENCIA_MVE"].filter(pl.col("vigencia").is_in(list(vigs)))
    out = {
        "A_ALPHA": entradas["A_ALPHA"].filter(pl.col("perfil").is_in(list(perfis))).unique().sort("perfil"),
        "VIGENCIA_MVE": vig.sort("vigencia"),
        "PROCESSAMENTO_MVE": entradas["PROCESSAMENTO_MVE"].filter(pl.col("processamento").is_in(list(procs))),
        "VINC_V_MVE": ct.select("contrato", "perfil_vendedor", *PROD),
        "VINC_C_MVE": ct.select("contrato", "perfil_comprador", *PROD, "lance_compra"),
        "MV_MVE_PRE": exatas["MV_MVE_PRE"],
        "PRECO_CT_MVE": normalizar(pf.select("contrato", "vigencia", pl.col("PRECO").alias("PRECO_CT_MVE")),
                                   SAIDAS_CONTRATO["PRECO_CT_MVE"]),
        "SPREAD_CT_MVE": normalizar(pv.select("contrato", "vigencia", pl.col("PRECO").alias("SPREAD_CT_MVE")),
                                    SAIDAS_CONTRATO["SPREAD_CT_MVE"]),
        "PRECO_N_MVE": exatas["PRECO_N_MVE"],
        "SPREAD_N_MVE": exatas["SPREAD_N_MVE"],
    }
    return out


def _meses(vig: pl.DataFrame, v: str) -> list[int]:
    linha = vig.filter(pl.col("vigencia") == v).row(0, named=True)
    return list(range(mes_int(linha["inicio"]), mes_int(linha["fim"]) + 1))


def arquivos_cceal(exatas: Mapping[str, pl.DataFrame], entradas: Mapping[str, pl.DataFrame]) -> dict[str, ArquivoCCEAL]:
    """One ContratosCCEAL file (tipoGeracao 3, monthly) per seller profile: each contract flat (modulação F)
    with its MV_MVE_PRE in every month of the vigência, ``referencia`` = the mechanism's contract code."""
    ct = contratos(exatas, entradas)
    vig = entradas["VIGENCIA_MVE"]
    por_vendedor: dict[str, list[ArquivoCCEAL]] = {}
    for r in ct.iter_rows(named=True):
        if r["submercado"] not in SUBMERCADO_CCEAL:
            raise ErroMecanismo("PRODUTOS_LEILAO", f"submercado {r['submercado']!r} sem código CCEAL "
                                                   f"(use {sorted(SUBMERCADO_CCEAL)})")
        if len(r["contrato"]) > 30:
            raise ErroMecanismo("PROCESSAMENTO_MVE", f"código {r['contrato']!r} passa de 30 caracteres (referencia)")
        try:
            comprador, vendedor = int(r["perfil_comprador"]), int(r["perfil_vendedor"])
        except ValueError:
            raise ErroMecanismo("A_ALPHA", f"perfis {r['perfil_vendedor']!r}/{r['perfil_comprador']!r} não são "
                                           "códigos numéricos da CCEE") from None
        meses = [(f"{mes_texto(m)[5:]}/{mes_texto(m)[:4]}", r["MV"]) for m in _meses(vig, r["vigencia"])]
        rotulo = "preço" if r["tipo_preco"] == "PF" else "spread"
        obs = (f"MVE {r['processamento']} produto {r['produto']} {r['tipo_energia']} {r['tipo_preco']} "
               f"lance {r['lance_compra']} {rotulo} {r['PRECO']} R$/MWh")
        arq = novo_contrato_mensal(comprador, vendedor, SUBMERCADO_CCEAL[r["submercado"]], meses,
                                   modulacao=TipoModulacao.FLAT, referencia=r["contrato"], observacao=obs[:255])
        por_vendedor.setdefault(r["perfil_vendedor"], []).append(arq)
    return {v: juntar(*arqs) for v, arqs in sorted(por_vendedor.items())}


def salvar_cceal(exatas: Mapping[str, pl.DataFrame], entradas: Mapping[str, pl.DataFrame], diretorio: str | Path
                 ) -> list[Path]:
    """Write ``CCEAL_<perfil_vendedor>.xml`` per seller (validated by ``gerar_xml``)."""
    pasta = Path(diretorio)
    pasta.mkdir(parents=True, exist_ok=True)
    caminhos = []
    for vendedor, arq in arquivos_cceal(exatas, entradas).items():
        caminho = pasta / f"CCEAL_{vendedor}.xml"
        caminho.write_bytes(gerar_xml(arq))
        caminhos.append(caminho)
    return caminhos


@dataclass(frozen=True)
class Divergencia:
    contrato: str
    campo: str
    esperado: str
    obtido: str


def conferir(exatas: Mapping[str, pl.DataFrame], entradas: Mapping[str, pl.DataFrame], buscados: Iterable[Any],
             montantes: Iterable[Any] = ()) -> list[Divergencia]:
    """Compare the contracts fetched from the bus (``listar_contratos``; amounts inside them or given in
    ``montantes``, from ``listar_montantes_energia``) with the mechanism's: found by ``referencia``; parties,
    submarket and every monthly MONTANTE_MEDIO must match. Returns the differences (empty = all match)."""
    ct = contratos(exatas, entradas)
    vig = entradas["VIGENCIA_MVE"]
    por_ref = {}
    for c in buscados:
        if c.referencia:
            por_ref[c.referencia.strip()] = c
    extra: dict[int, list[Any]] = {}
    for m in montantes:
        if m.codigo_contrato is not None:
            extra.setdefault(m.codigo_contrato, []).append(m)
    saida: list[Divergencia] = []
    for r in ct.iter_rows(named=True):
        e = r["contrato"]
        c = por_ref.get(e)
        if c is None:
            saida.append(Divergencia(e, "contrato", "registrado", "não encontrado"))
            continue
        for campo, esperado, obtido in (
            ("vendedor", r["perfil_vendedor"], str(c.vendedor.codigo_perfil if c.vendedor else None)),
            ("comprador", r["perfil_comprador"], str(c.comprador.codigo_perfil if c.comprador else None)),
            ("submercado", str(SUBMERCADO_CCEAL.get(r["submercado"])), str(c.submercado.id if c.submercado else None)),
        ):
            if esperado != obtido:
                saida.append(Divergencia(e, campo, esperado, obtido))
        obtidos: dict[str, Decimal] = {}
        for m in list(c.montantes_energia) + extra.get(c.codigo_contrato, []):
            tipo = m.tipo.value if hasattr(m.tipo, "value") else m.tipo
            if tipo == "MONTANTE_MEDIO" and m.periodo is not None and isinstance(m.periodo.inicio, datetime):
                obtidos[f"{m.periodo.inicio.year:04d}-{m.periodo.inicio.month:02d}"] = Decimal(m.valor)
        for mm in _meses(vig, r["vigencia"]):
            mes = mes_texto(mm)
            if obtidos.get(mes) != r["MV"]:
                saida.append(Divergencia(e, f"montante {mes}", str(r["MV"]), str(obtidos.get(mes))))
    return saida


__all__ = ["COLUNAS_CONTRATO", "Divergencia", "arquivos_cceal", "conferir", "contratos", "salvar_cceal",
           "tabelas_liquidacao"]
