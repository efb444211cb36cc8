"""Equivalence of the vectorized engine with the per-row reference (tests and the benchmark).

Same output tables (names, columns), same rows in the same order, and values equal at the output rounding
of their unit (R$ 2, fator 10, R$/MWh and MWm 6 places, half-to-even). Where the rounded values differ, the
exact values must differ by less than ``tolerancia`` (1e-9): the reference divides at 34 significant
digits, the engine rounds each quotient to 16 places and each product by a factor to 20 (DECISÃO E1), which
can put the two on either side of a rounding tie; nothing else may differ. Vectorized (polars), so the
benchmark compares millions of rows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

import polars as pl

from .esquema import CASAS_MVE, SAIDAS
from .referencia import CASAS_DECIMAIS_SAIDA

TOLERANCIA = Decimal("1e-9")


def _casas(nome: str) -> int | None:
    spec = SAIDAS[nome]
    return CASAS_MVE.get(spec.valores[0].unidade) if spec.valores else None


def _referencia(nome: str, linhas: list[dict[str, Any]], colunas: list[str]) -> pl.DataFrame:
    dados: dict[str, pl.Series] = {}
    for c in colunas:
        valores = [ln[c] for ln in linhas]
        if c == nome and nome != "RESCISAO_MVE":
            dados[c] = pl.Series(c, valores, dtype=pl.Decimal(38, CASAS_DECIMAIS_SAIDA))
        else:
            dados[c] = pl.Series(c, valores, dtype=pl.String)
    return pl.DataFrame(dados)


def comparar(exatas: Mapping[str, pl.DataFrame] | Any, saidas_ref: Mapping[str, list[dict[str, Any]]],
             tolerancia: Decimal = TOLERANCIA, maximo: int = 20) -> list[str]:
    """Differences between the engine's exact tables (a ``ResultadoMVE`` or its ``exatas``) and the reference's
    outputs (``referencia.calcular_meses``); an empty list means equivalent."""
    tabelas = exatas.exatas if hasattr(exatas, "exatas") else exatas
    problemas: list[str] = []
    for nome in SAIDAS:
        motor = tabelas[nome]
        linhas = saidas_ref.get(nome, [])
        valor = "motivo" if nome == "RESCISAO_MVE" else nome
        chaves = [c for c in motor.columns if c != valor]
        if motor.height != len(linhas):
            problemas.append(f"{nome}: {motor.height} linhas no motor, {len(linhas)} na referência")
            continue
        if not linhas:
            continue
        ref = _referencia(nome, linhas, motor.columns)
        if not motor.select(chaves).equals(ref.select(chaves)):
            so_motor = motor.select(chaves).join(ref.select(chaves), on=chaves, how="anti").head(3).rows()
            so_ref = ref.select(chaves).join(motor.select(chaves), on=chaves, how="anti").head(3).rows()
            problemas.append(f"{nome}: linhas ou ordem diferentes; só no motor {so_motor}, só na referência {so_ref}")
            continue
        if nome == "RESCISAO_MVE":
            if not motor["motivo"].equals(ref["motivo"]):
                problemas.append(f"{nome}: motivos diferentes")
            continue
        casas = _casas(nome)
        junto = pl.DataFrame({"m": motor[nome], "r": ref[nome]})
        if casas is not None:
            iguais = pl.col("m").cast(pl.Decimal(38, casas)) == pl.col("r").cast(pl.Decimal(38, casas))
        else:
            iguais = pl.col("m") == pl.col("r")
        longe = (pl.col("m") - pl.col("r")).abs() >= pl.lit(tolerancia, dtype=pl.Decimal(38, 12))
        ruins = junto.with_row_index("_i").filter(~iguais & longe)
        for ln in ruins.head(maximo).iter_rows(named=True):
            chave = motor.select(chaves).row(ln["_i"])
            problemas.append(f"{nome}{chave}: motor {ln['m']} != referência {ln['r']}")
    return problemas


__all__ = ["TOLERANCIA", "comparar"]
