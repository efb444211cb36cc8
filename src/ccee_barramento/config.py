"""Client configuration: environment, endpoints, credentials and timeouts.

Secrets (bus password, .pfx password) come from environment variables or the system keyring,
never from command-line arguments. They are held as :class:`pydantic.SecretStr`, so they never
show in reprs, logs or exceptions.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from .errors import ConfigurationError

KEYRING_SERVICE = "ccee-barramento"


class Ambiente(str, Enum):
    """CCEE environments (seed 000: endpoints on port 443, WSDLs on port 442)."""

    PILOTO = "piloto"
    PRODUCAO = "producao"

    @property
    def host(self) -> str:
        return _HOSTS[self]


_HOSTS = {
    Ambiente.PILOTO: "piloto-servicos.ccee.org.br",
    Ambiente.PRODUCAO: "servicos.ccee.org.br",
}

PORTA_SERVICOS = 443
PORTA_WSDL = 442


@dataclass(frozen=True)
class Configuracao:
    """Everything the client needs to reach the bus. Build it with :meth:`from_env` or directly."""

    ambiente: Ambiente | None = None
    base_url: str | None = None
    usuario: str | None = None
    senha: SecretStr | None = field(default=None, repr=False)
    codigo_perfil_agente: str | None = None
    certificado: Path | None = None
    certificado_senha: SecretStr | None = field(default=None, repr=False)
    certificado_pem: Path | None = None
    chave_pem: Path | None = None
    ca_bundle: Path | None = None
    wsdl_dir: Path | None = None
    timeout_conexao: float = 10.0
    timeout_leitura: float = 120.0
    tentativas: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    concorrencia_paginas: int = 1
    versao_v2: str = "2.1"

    def __post_init__(self) -> None:
        if self.ambiente is None and not self.base_url:
            object.__setattr__(self, "ambiente", Ambiente.PILOTO)
        if isinstance(self.ambiente, str) and not isinstance(self.ambiente, Ambiente):
            try:
                object.__setattr__(self, "ambiente", Ambiente(self.ambiente.lower()))
            except ValueError:
                raise ConfigurationError(f"ambiente inválido: {self.ambiente!r} (use 'piloto' ou 'producao')") from None
        for name in ("senha", "certificado_senha"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, SecretStr(value))
        for name in ("certificado", "certificado_pem", "chave_pem", "ca_bundle", "wsdl_dir"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, Path(value).expanduser())
        if self.certificado and (self.certificado_pem or self.chave_pem):
            raise ConfigurationError("use o certificado .pfx/.p12 ou o par PEM (certificado + chave), não ambos")
        if bool(self.certificado_pem) != bool(self.chave_pem):
            raise ConfigurationError("o certificado PEM precisa da chave PEM (CCEE_CERTIFICADO_PEM e CCEE_CHAVE_PEM)")
        if self.tentativas < 1:
            raise ConfigurationError("tentativas deve ser >= 1")
        if self.concorrencia_paginas < 1:
            raise ConfigurationError("concorrencia_paginas deve ser >= 1")

    # -- endpoints -------------------------------------------------------------------------------

    @property
    def endpoint_base(self) -> str:
        """Base URL of the service endpoints (``https://host:443`` or the custom base URL)."""
        if self.base_url:
            return self.base_url.rstrip("/")
        assert self.ambiente is not None
        return f"https://{self.ambiente.host}:{PORTA_SERVICOS}"

    @property
    def wsdl_base(self) -> str:
        """Base URL where the bus publishes its WSDLs (port 442 on the CCEE hosts)."""
        if self.base_url:
            return self.base_url.rstrip("/")
        assert self.ambiente is not None
        return f"https://{self.ambiente.host}:{PORTA_WSDL}"

    def endpoint(self, caminho: str) -> str:
        return self.endpoint_base + caminho

    # -- construction ----------------------------------------------------------------------------

    def com(self, **mudancas: Any) -> Configuracao:
        """A copy with some settings changed."""
        return replace(self, **mudancas)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Configuracao:
        """Read ``CCEE_*`` variables; explicit keyword arguments win over the environment.

        Variables: CCEE_AMBIENTE, CCEE_BASE_URL, CCEE_USUARIO, CCEE_SENHA, CCEE_CODIGO_PERFIL_AGENTE,
        CCEE_CERTIFICADO, CCEE_CERTIFICADO_SENHA, CCEE_CERTIFICADO_PEM, CCEE_CHAVE_PEM,
        CCEE_CA_BUNDLE, CCEE_WSDL_DIR, CCEE_TIMEOUT (read timeout, seconds), CCEE_TENTATIVAS.
        When CCEE_SENHA or CCEE_CERTIFICADO_SENHA is absent, the system keyring is asked
        (service ``ccee-barramento``, user ``<usuario>`` / ``certificado:<usuario>``).
        """
        env = os.environ if environ is None else environ
        valores: dict[str, Any] = {}
        mapa = {
            "ambiente": "CCEE_AMBIENTE",
            "base_url": "CCEE_BASE_URL",
            "usuario": "CCEE_USUARIO",
            "senha": "CCEE_SENHA",
            "codigo_perfil_agente": "CCEE_CODIGO_PERFIL_AGENTE",
            "certificado": "CCEE_CERTIFICADO",
            "certificado_senha": "CCEE_CERTIFICADO_SENHA",
            "certificado_pem": "CCEE_CERTIFICADO_PEM",
            "chave_pem": "CCEE_CHAVE_PEM",
            "ca_bundle": "CCEE_CA_BUNDLE",
            "wsdl_dir": "CCEE_WSDL_DIR",
        }
        for nome, var in mapa.items():
            if env.get(var):
                valores[nome] = env[var]
        if env.get("CCEE_TIMEOUT"):
            valores["timeout_leitura"] = _number("CCEE_TIMEOUT", env["CCEE_TIMEOUT"])
        if env.get("CCEE_TENTATIVAS"):
            valores["tentativas"] = int(_number("CCEE_TENTATIVAS", env["CCEE_TENTATIVAS"]))
        valores.update({k: v for k, v in overrides.items() if v is not None})
        usuario = valores.get("usuario")
        if usuario and "senha" not in valores:
            segredo = _keyring_get(usuario)
            if segredo is not None:
                valores["senha"] = segredo
        if usuario and valores.get("certificado") and "certificado_senha" not in valores:
            segredo = _keyring_get(f"certificado:{usuario}")
            if segredo is not None:
                valores["certificado_senha"] = segredo
        conhecidos = {f.name for f in fields(cls)}
        desconhecidos = set(valores) - conhecidos
        if desconhecidos:
            raise ConfigurationError(f"configuração desconhecida: {', '.join(sorted(desconhecidos))}")
        return cls(**valores)


def _number(var: str, texto: str) -> float:
    try:
        return float(texto)
    except ValueError:
        raise ConfigurationError(f"{var} deve ser um número (recebido {texto!r})") from None


def _keyring_get(usuario: str) -> str | None:
    """Ask the system keyring, if the optional ``keyring`` package is installed and has a backend."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, usuario)
    except (KeyringError, RuntimeError):
        return None
