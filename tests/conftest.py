"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ccee_barramento import CCEEClient, Configuracao

BASE = "https://bus.test"


def _shared_dir() -> Path | None:
    """The read-only reference folder (official Postman collection, seeds) when this machine has it."""
    candidatos = [os.environ.get("CCEE_SHARED_DIR"), Path(__file__).resolve().parents[2] / "shared", "/work/shared"]
    for candidato in candidatos:
        if candidato and (Path(candidato) / "reference").is_dir():
            return Path(candidato)
    return None


SHARED = _shared_dir()


@pytest.fixture
def config() -> Configuracao:
    return Configuracao(
        base_url=BASE, usuario="agente.teste", senha="senha-super-secreta", codigo_perfil_agente="123",
        tentativas=3, backoff_base=0.0,
    )


@pytest.fixture
def client(config: Configuracao):
    with CCEEClient(config) as c:
        yield c
