"""pytest fixtures that run your tests against the simulator over loopback HTTPS.

Enable them in your root ``conftest.py``::

    pytest_plugins = ["ccee_barramento.simulator.fixtures"]

    def test_meus_contratos(ccee_cliente):
        with ccee_cliente("serra.azul") as ccee:
            assert ccee.listar_contratos(periodo="2026-01").todos()

``ccee_simulador`` is one simulator per test session (demo market, answers checked against the XSDs);
``ccee_cliente(login, **config)`` opens a ``CCEEClient`` for a demo user (closed after the test).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ..client import CCEEClient
from .falhas import FalhasSimuladas
from .simulador import Simulador


@pytest.fixture(scope="session")
def ccee_simulador(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Simulador]:
    with Simulador(diretorio=tmp_path_factory.mktemp("ccee-simulador"), validar_respostas=True) as sim:
        yield sim


@pytest.fixture
def ccee_cliente(ccee_simulador: Simulador) -> Iterator[Callable[..., CCEEClient]]:
    abertos: list[CCEEClient] = []

    def abrir(login: str = "serra.azul", **config: Any) -> CCEEClient:
        cliente = CCEEClient(ccee_simulador.configuracao(login, **config))
        abertos.append(cliente)
        return cliente

    yield abrir
    for cliente in abertos:
        cliente.close()
    ccee_simulador.falhas = FalhasSimuladas()
