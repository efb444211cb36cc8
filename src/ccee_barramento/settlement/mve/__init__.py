"""MVE (Mecanismo de Venda de Excedentes, seed 004 version 2023.3.0) settlement rules, commands 35–75.

The vectorized engine (polars, exact decimals, integer-coded keys, lineage)::

    from ccee_barramento.settlement.mve import calcular

    resultado = calcular("entradas/", meses="2026-01..2026-06")
    resultado["TOT_LIQ_MVE"]                                   # polars DataFrame (agente, mes, TOT_LIQ_MVE)
    print(resultado.explicar("VLR_MVE_PF_CT", contrato="900101", mes="2026-03"))
    resultado.salvar("saida/", formato="parquet")
    proximo = calcular(entradas_de_julho, meses="2026-07", estado=resultado.estado)

Modules: ``esquema`` (tables, settings), ``dados`` (loading, validation, encoding), ``precos`` (cmds 35–38),
``valores`` (39–44), ``ajustes`` (45–51), ``totais`` (52–54), ``inadimplencia`` (55–59),
``ajuste_contratual`` (60–65), ``ressarcimento`` (66–70), ``multas`` (71–75), ``motor`` (the month step and
the run), ``resultado`` (result, state), ``explicacao`` (lineage), ``resumo``, ``contratos`` (fetched SDK
contracts → contract tables), ``demo``.

``referencia`` is the exact, per-row, ``decimal.Decimal`` reference implementation of the same commands
(``calcular_mes``, ``calcular_meses``: tables as lists of row dicts) — the specification of behaviour the
engine is checked against; ``sinteticos`` builds consistent random input tables of any size.

Tables, calculation order, every decision (D1–D24 of the reference, E1–E4 of the engine): ``docs/mve.md``.
"""

from ccee_barramento.settlement.mve.contratos import ContratosMVE, e_contrato_mve, tabelas_de_contratos
from ccee_barramento.settlement.mve.esquema import (  # noqa: I001
    ENTRADAS,
    REGISTRO,
    SAIDAS,
    Configuracao,
    ErroMVE,
)
from ccee_barramento.settlement.mve.motor import calcular
from ccee_barramento.settlement.mve.referencia import (
    CASAS_DECIMAIS_SAIDA,
    CONTEXTO,
    ErroEntradaMVE,
    calcular_mes,
    calcular_meses,
)
from ccee_barramento.settlement.mve.resultado import EstadoMVE, ResultadoMVE

COMANDOS = REGISTRO.comandos


def explicar(resultado: ResultadoMVE, variavel: str, **chave: str):
    """Same as ``resultado.explicar(variavel, contrato=..., mes=...)``."""
    return resultado.explicar(variavel, **chave)


__all__ = [
    "CASAS_DECIMAIS_SAIDA",
    "COMANDOS",
    "CONTEXTO",
    "ENTRADAS",
    "REGISTRO",
    "SAIDAS",
    "Configuracao",
    "ContratosMVE",
    "ErroEntradaMVE",
    "ErroMVE",
    "EstadoMVE",
    "ResultadoMVE",
    "calcular",
    "calcular_mes",
    "calcular_meses",
    "e_contrato_mve",
    "explicar",
    "tabelas_de_contratos",
]
