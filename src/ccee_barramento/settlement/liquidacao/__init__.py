"""Liquidação (seed 003, Regras de Comercialização 2026.1.0): commands 1–10 and 9.1, plus the local
settlement map.

    from ccee_barramento.settlement.liquidacao import calcular

    resultado = calcular("entradas/", meses="2026-01..2026-03")
    resultado["V_TOT_LIQUI"]                       # polars DataFrame (agente, mes, V_TOT_LIQUI)
    print(resultado.explicar("V_LIQUI", perfil="a1", mes="2026-01"))
    resultado.salvar("saida/", formato="parquet")

Modules: ``apuracao`` (cmds 1–3), ``rateio`` (4–7), ``desligamento`` (8, 9.1, 9, 10), ``mapa`` (beyond
the seed), ``motor`` (the monthly step and the month-range run), ``referencia`` (a naive per-row
``decimal.Decimal`` implementation of the same rules, for tests and the benchmark). Tables, decisions
and benchmark: ``docs/settlement.md``.
"""

from . import apuracao, desligamento, mapa, rateio  # noqa: F401  (registers every command)
from .esquema import ENTRADAS, REGISTRO, SAIDAS, Configuracao
from .motor import calcular
from .resultado import EstadoLiquidacao, ResultadoLiquidacao

COMANDOS = REGISTRO.comandos


def explicar(resultado: ResultadoLiquidacao, variavel: str, **chave: str):
    """Same as ``resultado.explicar(variavel, perfil=..., agente=..., mes=...)``."""
    return resultado.explicar(variavel, **chave)


__all__ = [
    "COMANDOS",
    "ENTRADAS",
    "REGISTRO",
    "SAIDAS",
    "Configuracao",
    "EstadoLiquidacao",
    "ResultadoLiquidacao",
    "calcular",
    "explicar",
]
