"""The HTTPS session: mutual TLS with a .pfx/.p12 (kept in memory) or PEM files, and the CA bundle."""

from __future__ import annotations

from pathlib import Path

import requests
from requests.adapters import HTTPAdapter

from ..config import Configuracao
from ..errors import ConfigurationError

USER_AGENT = "ccee-barramento (+https://pypi.org/project/ccee-barramento/)"


def build_session(config: Configuracao, pool_size: int | None = None) -> requests.Session:
    """A :class:`requests.Session` that presents the agent's certificate and trusts the right CAs."""
    pool = max(pool_size or config.concorrencia_paginas, 4)
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.trust_env = False  # proxies/CA from the environment must be explicit settings here
    if config.certificado is not None:
        adapter: HTTPAdapter = _pkcs12_adapter(config, pool)
    else:
        adapter = HTTPAdapter(pool_connections=pool, pool_maxsize=pool, max_retries=0)
        if config.certificado_pem is not None and config.chave_pem is not None:
            for path in (config.certificado_pem, config.chave_pem):
                if not Path(path).is_file():
                    raise ConfigurationError(f"arquivo não encontrado: {path}")
            session.cert = (str(config.certificado_pem), str(config.chave_pem))
    session.mount("https://", adapter)
    session.mount("http://", HTTPAdapter(pool_connections=pool, pool_maxsize=pool, max_retries=0))
    if config.ca_bundle is not None:
        if not Path(config.ca_bundle).is_file():
            raise ConfigurationError(f"CA bundle não encontrado: {config.ca_bundle}")
        session.verify = str(config.ca_bundle)
    else:
        session.verify = True
    return session


def _pkcs12_adapter(config: Configuracao, pool: int) -> HTTPAdapter:
    """Load the .pfx into an SSL context in memory (its key never touches disk unencrypted)."""
    from requests_pkcs12 import Pkcs12Adapter

    path = Path(config.certificado)  # type: ignore[arg-type]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigurationError(f"não foi possível ler o certificado {path}: {exc.strerror}") from None
    senha = config.certificado_senha.get_secret_value() if config.certificado_senha else None
    try:
        return Pkcs12Adapter(
            pkcs12_data=data,
            pkcs12_password=senha,
            pool_connections=pool,
            pool_maxsize=pool,
            max_retries=0,
        )
    except ValueError as exc:
        # cryptography says "Invalid password or PKCS12 data"; requests_pkcs12 says "expired".
        motivo = "certificado expirado" if "expired" in str(exc) else "senha incorreta ou arquivo .pfx inválido"
        raise ConfigurationError(f"certificado {path.name}: {motivo} (CCEE_CERTIFICADO_SENHA)") from None
