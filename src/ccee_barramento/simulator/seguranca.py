"""WS-Security as the bus does it: UsernameToken checked, then ``codigoPerfilAgente`` authorized.

A user belongs to one agent. It may act with (and see the free-market contracts of) every profile
of its own agent and of the agents its agent represents; anything else is securityFault 2001.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from dataclasses import dataclass

from lxml import etree

from .. import namespaces as ns
from . import codigos as c
from .banco import Banco, hash_senha
from .erros import FalhaBarramento

_USERNAME = f"{{{ns.WSSE}}}Security/{{{ns.WSSE}}}UsernameToken/{{{ns.WSSE}}}Username"
_PASSWORD = f"{{{ns.WSSE}}}Security/{{{ns.WSSE}}}UsernameToken/{{{ns.WSSE}}}Password"


@dataclass(frozen=True)
class Sessao:
    """Who is asking: the user, its agent, the acting profile and every profile it may use."""

    login: str
    agente: int
    perfil: int
    perfis_autorizados: tuple[int, ...]

    def autorizado(self, perfil: int) -> bool:
        return perfil in self.perfis_autorizados


class Seguranca:
    """Authenticates requests against the ``usuario`` table (authorizations cached per agent)."""

    def __init__(self, banco: Banco) -> None:
        self._banco = banco
        self._cache: dict[int, tuple[int, ...]] = {}
        self._senhas: dict[tuple[str, bytes], bool] = {}  # fast digest of a verified password -> ok
        self._lock = threading.Lock()

    def perfis_autorizados(self, agente: int) -> tuple[int, ...]:
        with self._lock:
            perfis = self._cache.get(agente)
        if perfis is None:
            agentes = [agente, *self._banco.agentes_representados(agente)]
            perfis = tuple(self._banco.perfis_de_agentes(agentes))
            with self._lock:
                self._cache[agente] = perfis
        return perfis

    def autenticar(self, header: etree._Element | None, versao: int) -> Sessao:
        """The session of a request's SOAP header, or :class:`FalhaBarramento` (securityFault 2001)."""
        if header is None:
            raise FalhaBarramento(c.CREDENCIAIS_INVALIDAS, "Rejected: cabecalho de seguranca ausente.")
        login = _texto(header.find(_USERNAME))
        senha = _texto(header.find(_PASSWORD)) or ""
        if not login:
            raise FalhaBarramento(c.CREDENCIAIS_INVALIDAS, "Rejected: UsernameToken ausente.")
        usuario = self._banco.usuario(login)
        if usuario is None or not self._senha_confere(senha, usuario["sal"], usuario["senha_hash"]):
            raise FalhaBarramento(c.CREDENCIAIS_INVALIDAS)
        mh = ns.for_version(versao)["mh"]
        texto_perfil = _texto(header.find(f"{{{mh}}}messageHeader/{{{mh}}}codigoPerfilAgente"))
        autorizados = self.perfis_autorizados(usuario["agente"])
        try:
            perfil = int(texto_perfil) if texto_perfil else None
        except ValueError:
            perfil = None
        if perfil is None or perfil not in autorizados:
            raise FalhaBarramento(c.SEGURANCA)
        return Sessao(login, usuario["agente"], perfil, autorizados)

    def _senha_confere(self, senha: str, sal: bytes, esperado: bytes) -> bool:
        chave = (hashlib.sha256(bytes(sal) + senha.encode("utf-8")).hexdigest(), bytes(esperado))
        with self._lock:
            conhecido = self._senhas.get(chave)
        if conhecido is None:
            conhecido = hmac.compare_digest(hash_senha(senha, sal), esperado)
            with self._lock:
                if len(self._senhas) > 1024:
                    self._senhas.clear()
                self._senhas[chave] = conhecido
        return conhecido


def _texto(el: etree._Element | None) -> str | None:
    if el is None or el.text is None:
        return None
    return el.text.strip() or None
