"""CCEE webhook notifications, in the real JSON format (``ccee-webhook-openapi.yaml``)::

    {"eventoNotificacao": "CONTRATO.REGISTRADO",
     "metadados": [{"nome": "ID_CONTRATO", "valor": "900103"},
                   {"nome": "DATA_ORIGEM_EVENTO", "valor": "2026-01-05T13:30:00.000Z"},
                   {"nome": "MES_REFERENCIA", "valor": "null"},
                   {"nome": "AMBIENTE_CONTRATACAO", "valor": "ACL"}],
     "transactionId": "<uuid4>"}

CCEE expects HTTP 201 and otherwise retries every 5 minutes for 24 hours; here the interval and the
number of attempts are settings (``intervalo``, ``tentativas``) so tests can use short ones.
"""

from __future__ import annotations

import heapq
import itertools
import json
import logging
import ssl
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from . import codigos as c

log = logging.getLogger("ccee_barramento.simulator.webhooks")


@dataclass(frozen=True)
class Inscricao:
    """A receiver URL; ``agente`` None receives every agent's events, ``eventos`` None every event."""

    url: str
    agente: int | None = None
    eventos: frozenset[str] | None = None

    def quer(self, evento: str, agentes: set[int]) -> bool:
        return (self.eventos is None or evento in self.eventos) and (self.agente is None or self.agente in agentes)


@dataclass
class Entrega:
    """One notification to one receiver, and what happened to it."""

    url: str
    mensagem: dict[str, Any]
    tentativas: int = 0
    status: list[int | str] = field(default_factory=list)
    entregue: bool = False


class Webhooks:
    """Registry of receivers and the delivery thread (retries until the receiver answers 201)."""

    def __init__(
        self,
        *,
        intervalo: float = 300.0,
        tentativas: int = 288,
        timeout: float = 5.0,
        contexto_ssl: ssl.SSLContext | None = None,
    ) -> None:
        self.intervalo = intervalo
        self.tentativas = tentativas
        self.timeout = timeout
        handlers: list[Any] = [urllib.request.ProxyHandler({})]  # never through the environment's proxy
        if contexto_ssl is not None:
            handlers.append(urllib.request.HTTPSHandler(context=contexto_ssl))
        self._abrir = urllib.request.build_opener(*handlers).open
        self._inscricoes: list[Inscricao] = []
        self.entregas: list[Entrega] = []
        self._fila: list[tuple[float, int, Entrega]] = []
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._parar = False

    # -- registry ------------------------------------------------------------------------------

    def registrar(self, url: str, *, agente: int | None = None, eventos: Iterable[str] | None = None) -> Inscricao:
        """Send the events (all, or ``eventos``) of ``agente`` (or of every agent) to ``url``."""
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"URL de webhook deve ser http(s): {url!r}")
        conjunto = None if eventos is None else frozenset(eventos)
        desconhecidos = (conjunto or frozenset()) - set(c.EVENTOS)
        if desconhecidos:
            raise ValueError(f"eventos desconhecidos: {', '.join(sorted(desconhecidos))}")
        inscricao = Inscricao(url, agente, conjunto)
        with self._cond:
            self._inscricoes.append(inscricao)
        return inscricao

    def remover(self, inscricao: Inscricao) -> None:
        with self._cond:
            self._inscricoes.remove(inscricao)

    @property
    def inscricoes(self) -> list[Inscricao]:
        with self._cond:
            return list(self._inscricoes)

    # -- publishing ----------------------------------------------------------------------------

    def publicar(self, evento: str, metadados: dict[str, Any], agentes: set[int]) -> list[Entrega]:
        """Queue ``evento`` for every receiver interested in one of ``agentes``."""
        with self._cond:
            destinos = [i.url for i in self._inscricoes if i.quer(evento, agentes)]
        if not destinos:
            return []
        origem = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        dados = {"ID_CONTRATO": None, "DATA_ORIGEM_EVENTO": origem, **metadados}
        mes = dados.get("MES_REFERENCIA")
        if mes and len(mes) == 7 and mes[4] == "-":  # AAAA-MM -> MM/AAAA
            dados["MES_REFERENCIA"] = f"{mes[5:]}/{mes[:4]}"
        entregas = []
        for url in destinos:
            mensagem = {
                "eventoNotificacao": evento,
                "metadados": [{"nome": k, "valor": "null" if v is None else str(v)} for k, v in dados.items()],
                "transactionId": str(uuid.uuid4()),
            }
            entregas.append(Entrega(url, mensagem))
        with self._cond:
            for entrega in entregas:
                self.entregas.append(entrega)
                heapq.heappush(self._fila, (time.monotonic(), next(self._seq), entrega))
            self._cond.notify_all()
        return entregas

    # -- delivery ------------------------------------------------------------------------------

    def iniciar(self) -> None:
        self._parar = False
        self._thread = threading.Thread(target=self._laco, name="ccee-sim-webhooks", daemon=True)
        self._thread.start()

    def parar(self) -> None:
        with self._cond:
            self._parar = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=self.timeout + 1)
            self._thread = None

    def _laco(self) -> None:
        while True:
            with self._cond:
                if self._parar:
                    return
                if not self._fila:
                    self._cond.wait()
                    continue
                quando, _, entrega = self._fila[0]
                espera = quando - time.monotonic()
                if espera > 0:
                    self._cond.wait(espera)
                    continue
                heapq.heappop(self._fila)
            self._enviar(entrega)

    def _enviar(self, entrega: Entrega) -> None:
        entrega.tentativas += 1
        corpo = json.dumps(entrega.mensagem, ensure_ascii=False).encode("utf-8")
        pedido = urllib.request.Request(
            entrega.url, data=corpo, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with self._abrir(pedido, timeout=self.timeout) as resposta:
                status: int | str = resposta.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except (urllib.error.URLError, OSError) as exc:
            status = type(exc).__name__
        entrega.status.append(status)
        if status == 201:
            entrega.entregue = True
            return
        if entrega.tentativas >= self.tentativas:
            log.warning(
                "webhook %s para %s desistido após %d tentativas",
                entrega.mensagem["eventoNotificacao"],
                entrega.url,
                entrega.tentativas,
            )
            return
        with self._cond:
            heapq.heappush(self._fila, (time.monotonic() + self.intervalo, next(self._seq), entrega))
            self._cond.notify_all()
