"""The demo's MVE settlement: the demo input tables plus the MVE contracts fetched from the simulator.

``ccee demo`` calls :func:`calcular_demo` with what it fetched: the contracts (those marked MVE —
tipoContrato/subTipo 10790 — are kept), their MONTANTE_MEDIO amounts and the registry's profiles. They
become the contract tables (A_ALPHA, VIGENCIA_MVE, VINC_V_MVE, VINC_C_MVE, MV_MVE_PRE) through
``contratos.tabelas_de_contratos`` with the demo's PRODUTO_MVE; prices, PLD, IPCA, processings and payments
come from ``dados_demo/mve/`` (described in its ``LEIAME.md``). The demo directory also holds the contract
tables as converted from the simulator, so ``ccee mve liquidar --entrada <dados_demo/mve>`` gives the same
settlement without the bus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import polars as pl

from .contratos import tabelas_de_contratos
from .dados import carregar
from .esquema import ErroMVE
from .motor import calcular
from .resultado import ResultadoMVE

DIRETORIO_DEMO = Path(__file__).resolve().parent.parent / "dados_demo" / "mve"
#: The contract tables ``calcular_demo`` replaces with the fetched contracts.
TABELAS_DE_CONTRATOS = ("A_ALPHA", "VIGENCIA_MVE", "VINC_V_MVE", "VINC_C_MVE", "MV_MVE_PRE")


def entradas_demo() -> dict[str, pl.DataFrame]:
    """The demo input tables (engine form)."""
    return carregar(DIRETORIO_DEMO)


def produtos_demo() -> Path:
    """PRODUTO_MVE of the demo: the product (processing, energy type, price type) of each MVE contract."""
    return DIRETORIO_DEMO / "PRODUTO_MVE.csv"


def buscar(client: Any, periodo: str = "2026-01..2026-12") -> tuple[list[Any], list[Any], list[Any]]:
    """(contracts, their MONTANTE_MEDIO amounts, profiles) of the MVE contracts visible to ``client`` — in the
    simulator, a client of the seller ``luz.vale`` (LUZ DO VALE, profile 61007) sees both demo contracts."""
    from ...models.contrato import TipoMontanteEnergia
    from .contratos import e_contrato_mve

    contratos = client.listar_contratos(periodo=periodo).todos()
    codigos = [c.codigo_contrato for c in contratos if e_contrato_mve(c)]
    montantes = client.listar_montantes_energia(contratos=codigos, tipos=TipoMontanteEnergia.MONTANTE_MEDIO).todos() \
        if codigos else []
    return contratos, montantes, client.listar_perfis().todos()


def calcular_demo(contratos: Iterable[Any] = (), montantes: Iterable[Any] = (), perfis: Iterable[Any] = (),
                  **kw: Any) -> tuple[ResultadoMVE, dict[str, str]]:
    """(the demo's MVE settlement, agent code → sigla).

    ``contratos``: fetched ``Contrato`` objects (MVE ones are kept); ``montantes``: their fetched
    ``MontanteEnergia``; ``perfis``: fetched ``Perfil`` / ``ParticipanteMercado``. Without contracts, the demo
    directory's own contract tables are used. ``kw`` goes to ``motor.calcular`` (meses, arredondamento...).
    """
    tabelas = entradas_demo()
    contratos = list(contratos)
    siglas: dict[str, str] = {}
    if contratos:
        mve = tabelas_de_contratos(contratos, montantes, perfis, produtos=produtos_demo())
        if mve.tabelas["VINC_V_MVE"].height == 0:
            raise ErroMVE("VINC_V_MVE", "nenhum contrato MVE (subTipo 10790) entre os contratos buscados")
        tabelas.update({n: mve.tabelas[n] for n in TABELAS_DE_CONTRATOS})
        siglas = mve.siglas
    return calcular(tabelas, **kw), siglas


__all__ = ["DIRETORIO_DEMO", "TABELAS_DE_CONTRATOS", "buscar", "calcular_demo", "entradas_demo", "produtos_demo"]
