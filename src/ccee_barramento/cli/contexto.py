"""Per-invocation state of the CLI: global options and a lazily built client."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..client import CCEEClient
from ..config import Configuracao


@dataclass
class Contexto:
    """Global options of ``ccee``; secrets are never options (they come from the environment/keyring)."""

    ambiente: str | None = None
    base_url: str | None = None
    perfil: str | None = None
    saida: str = "table"
    wsdl_dir: Path | None = None
    ca_bundle: Path | None = None
    timeout: float | None = None
    concorrencia: int | None = None
    debug: bool = False
    _client: CCEEClient | None = field(default=None, repr=False)

    def configuracao(self, **extra: Any) -> Configuracao:
        overrides: dict[str, Any] = {
            "ambiente": self.ambiente,
            "base_url": self.base_url,
            "codigo_perfil_agente": self.perfil,
            "wsdl_dir": self.wsdl_dir,
            "ca_bundle": self.ca_bundle,
            "timeout_leitura": self.timeout,
            "concorrencia_paginas": self.concorrencia,
        }
        overrides.update(extra)
        return Configuracao.from_env(**overrides)

    @property
    def client(self) -> CCEEClient:
        if self._client is None:
            self._client = CCEEClient(self.configuracao())
            click.get_current_context().call_on_close(self._client.close)
        return self._client


pass_contexto = click.make_pass_decorator(Contexto)
