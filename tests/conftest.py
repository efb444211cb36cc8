"""Shared fixtures."""

from __future__ import annotations

import pytest

from ccee_barramento import CCEEClient, Configuracao

BASE = "https://bus.test"


@pytest.fixture
def config() -> Configuracao:
    return Configuracao(
        base_url=BASE,
        usuario="agente.teste",
        senha="senha-super-secreta",
        codigo_perfil_agente="123",
        tentativas=3,
        backoff_base=0.0,
    )


@pytest.fixture
def client(config: Configuracao):
    with CCEEClient(config) as c:
        yield c
