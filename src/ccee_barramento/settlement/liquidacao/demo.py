"""The demo's settlement: the demo input tables plus, when given, the profile map of fetched contracts.

``ccee demo`` calls :func:`calcular_demo` with the contracts (and registry objects) it fetched from the
simulator: their profiles and agents enter PERFIS (overriding the demo map for the same profile), and
the agents' siglas label the summary. The demo tables use the simulator's demo market: profiles 61001,
61002, 61003, 61005, 61008, 61009, 61010 of agents 51001, 51002, 51003, 51006, 51007, and the ACER
(agent 50900, profile 60900, not a simulator participant); see ``dados_demo/liquidacao/LEIAME.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import polars as pl

from ..modelos import perfis_de, siglas_de
from ..tables import ler_diretorio
from .esquema import ENTRADAS
from .motor import calcular
from .resultado import ResultadoLiquidacao

#: The demo's reserve-energy agent: not a simulator participant, so no fetched sigla names it.
AGENTE_ACER = "50900"

DIRETORIO_DEMO = Path(__file__).resolve().parent.parent / "dados_demo" / "liquidacao"


def entradas_demo() -> dict[str, pl.DataFrame]:
    """The demo input tables (engine form)."""
    return ler_diretorio(DIRETORIO_DEMO, ENTRADAS)


def calcular_demo(objetos: Iterable[Any] = (), **kw: Any) -> tuple[ResultadoLiquidacao, dict[str, str]]:
    """(the demo settlement, agent code → sigla). ``objetos``: fetched Contrato/Perfil/ParticipanteMercado."""
    objetos = list(objetos)
    tabelas = entradas_demo()
    if objetos:
        buscados = perfis_de(objetos)
        demo = tabelas["PERFIS"].join(buscados, on="perfil", how="anti")
        tabelas["PERFIS"] = pl.concat([demo, buscados])
    return calcular(tabelas, **kw), {AGENTE_ACER: "ACER (energia de reserva)", **siglas_de(objetos)}


__all__ = ["DIRETORIO_DEMO", "calcular_demo", "entradas_demo"]
