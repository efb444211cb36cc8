"""MVE (Mecanismo de Venda de Excedentes, seed 004 version 2023.3.0) settlement rules.

``referencia`` is the exact, per-row, ``decimal.Decimal`` reference implementation of commands 35–75
(§2.3 "Determinação dos Valores a Liquidar" and Anexo I "Multa por Rescisão, Ajuste Contratual e
Ressarcimento aos Vendedores"). It is engine-agnostic: tables in, tables out, so a vectorized engine can
be checked against it row by row. ``sinteticos`` builds consistent random input tables of any size.

The tables, the calculation order and every reading of an ambiguous passage are in ``docs/mve.md``.
"""

from ccee_barramento.settlement.mve.referencia import (
    CASAS_DECIMAIS_SAIDA,
    CONTEXTO,
    ErroEntradaMVE,
    calcular_mes,
    calcular_meses,
)

__all__ = [
    "CASAS_DECIMAIS_SAIDA",
    "CONTEXTO",
    "ErroEntradaMVE",
    "calcular_mes",
    "calcular_meses",
]
