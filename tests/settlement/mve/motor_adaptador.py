"""The vectorized engine behind the reference's interface, to run the reference's hand-computed tests on it.

``calcular_mes`` / ``calcular_meses`` take and return the reference's shapes (tables as lists of row dicts,
values quantized to the reference's 12 output places); the state is the engine's ``EstadoMVE``.
:func:`reexecutar` executes a test module's source again with those two functions in its globals, so the
same test functions (same hand computations) run on the engine under another module name.

:func:`comparar` (``settlement.mve.equivalencia``) checks the engine's exact tables against the reference's
rows: same tables, same rows in the same order, values equal at the output rounding of their unit (R$ 2,
fator 10, R$/MWh and MWm 6); a last-place difference is accepted only where the two exact values differ by
less than 1e-9 — the reference divides at 34 significant digits, the engine rounds each quotient to 16
places and each product by a factor to 20 (DECISÃO E1), which can put two values on either side of a
rounding tie.
"""

from __future__ import annotations

import decimal
from pathlib import Path
from typing import Any, Mapping

from ccee_barramento.settlement.mve import equivalencia, referencia
from ccee_barramento.settlement.mve.motor import calcular

AQUI = Path(__file__).resolve().parent


def linhas_de(resultado) -> dict[str, list[dict[str, Any]]]:
    """The engine's exact tables as the reference's rows (values quantized to 12 places)."""
    saida: dict[str, list[dict[str, Any]]] = {}
    with decimal.localcontext(referencia.CONTEXTO):
        for nome, df in resultado.exatas.items():
            linhas = df.to_dicts()
            if nome != "RESCISAO_MVE":
                for ln in linhas:
                    ln[nome] = ln[nome].quantize(referencia.QUANTUM_SAIDA)
            saida[nome] = linhas
    return saida


def calcular_mes(entradas: Mapping[str, Any], mes: str, estado_anterior=None):
    referencia.mes_para_int(mes)  # same error as the reference for a malformed month
    r = calcular(entradas, [mes], estado=estado_anterior, meses_por_bloco=1)
    return linhas_de(r), r.estado


def calcular_meses(entradas: Mapping[str, Any], meses, estado_inicial=None):
    r = calcular(entradas, list(meses), estado=estado_inicial)
    return linhas_de(r), r.estado


def reexecutar(modulo: str, destino: dict[str, Any], excluidos: Mapping[str, str] | None = None) -> None:
    """Execute ``tests/settlement/mve/<modulo>.py`` into ``destino`` with the engine's functions; the tests
    named in ``excluidos`` (reference-specific) are skipped with the reason given."""
    import pytest

    caminho = AQUI / f"{modulo}.py"
    codigo = compile(caminho.read_text(encoding="utf-8"), str(caminho), "exec")
    nome, doc = destino["__name__"], destino.get("__doc__")
    exec(codigo, destino)  # noqa: S102 - our own test source
    destino["__name__"], destino["__doc__"] = nome, doc
    destino["calcular_mes"] = calcular_mes
    destino["calcular_meses"] = calcular_meses
    for teste, motivo in (excluidos or {}).items():
        if teste not in destino:
            raise KeyError(f"{modulo}.{teste} não existe")
        destino[teste] = pytest.mark.skip(reason=motivo)(destino[teste])


# ----------------------------------------------------------------------------------------------------
# Equivalence with the reference: ccee_barramento.settlement.mve.equivalencia (also used by the benchmark)
# ----------------------------------------------------------------------------------------------------

comparar = equivalencia.comparar
