"""``ccee webhook serve``: receive CCEE's webhook notifications (JSON) and answer 201.

Format (CCEE's webhook OpenAPI): ``{"eventoNotificacao": "CONTRATO.REGISTRADO", "metadados":
[{"nome": "ID_CONTRATO", "valor": "1234"}, ...], "transactionId": "<uuid>"}``. CCEE resends every
5 minutes for 24 hours until it gets 201, so an event is handled once per ``transactionId``:
a repeat is answered 201 without calling the handler again. A malformed body gets 400 with the
reason; a handler failure gets 500 (so CCEE retries later).
"""

from __future__ import annotations

import json
import logging
import re
import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .notificacoes import EstadoNotificacoes, Notificacao, entregar

log = logging.getLogger("ccee_barramento.webhook")

LIMITE_CORPO = 1_000_000
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_EVENTO = re.compile(r"^[A-Z_]+\.[A-Z_]+$")


class Metadado(BaseModel):
    model_config = ConfigDict(extra="allow")
    nome: str = Field(min_length=1)
    valor: str | None = None


class MensagemWebhook(BaseModel):
    """CCEE's webhook message (swagger ``Mensagem``)."""

    model_config = ConfigDict(extra="allow")
    eventoNotificacao: str  # noqa: N815 - CCEE's JSON name
    metadados: list[Metadado]
    transactionId: str  # noqa: N815

    @field_validator("eventoNotificacao")
    @classmethod
    def _evento(cls, valor: str) -> str:
        if not _EVENTO.match(valor):
            raise ValueError("esperado ENTIDADE.EVENTO, p.ex. CONTRATO.REGISTRADO")
        return valor

    @field_validator("transactionId")
    @classmethod
    def _uuid(cls, valor: str) -> str:
        if not _UUID.match(valor):
            raise ValueError("esperado um UUID")
        return valor


def notificacao_de_mensagem(mensagem: MensagemWebhook) -> Notificacao:
    metadados = {m.nome: (None if m.valor in (None, "null") else m.valor) for m in mensagem.metadados}
    contrato = metadados.get("ID_CONTRATO")
    return Notificacao(
        origem="webhook",
        evento=mensagem.eventoNotificacao,
        chave=f"webhook|{mensagem.transactionId}",
        contrato=int(contrato) if contrato and contrato.isdigit() else None,
        transaction_id=mensagem.transactionId,
        metadados=metadados,
    )


def ler_mensagem(corpo: bytes) -> MensagemWebhook:
    """Parse and check a webhook body; raises ValueError with a readable reason."""
    try:
        dados = json.loads(corpo.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"corpo não é JSON válido: {exc}") from None
    try:
        return MensagemWebhook.model_validate(dados)
    except ValidationError as exc:
        erro = exc.errors()[0]
        campo = ".".join(str(p) for p in erro["loc"]) or "corpo"
        raise ValueError(f"campo {campo}: {erro['msg']}") from None


class ReceptorWebhook:
    """An HTTP(S) server that feeds CCEE's notifications to ``tratar`` (the same handler as watch)."""

    def __init__(
        self,
        tratar: Callable[[Notificacao], None],
        estado: EstadoNotificacoes,
        *,
        host: str = "127.0.0.1",
        porta: int = 0,
        caminho: str = "/",
        certificado: Path | None = None,
        chave: Path | None = None,
    ) -> None:
        self.tratar = tratar
        self.estado = estado
        self.caminho = caminho
        self._lock = threading.Lock()
        receptor = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                receptor._post(self)

            def do_GET(self) -> None:  # noqa: N802
                self._responder(405, {"erro": "use POST"})

            def _responder(self, status: int, corpo: dict[str, Any]) -> None:
                dados = json.dumps(corpo, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(dados)))
                self.end_headers()
                self.wfile.write(dados)

            def log_message(self, formato: str, *args: Any) -> None:
                log.debug("webhook %s", formato % args)

        self._handler = Handler
        self.servidor = ThreadingHTTPServer((host, porta), Handler)
        self.servidor.daemon_threads = True
        self.tls = certificado is not None
        if certificado is not None:
            contexto = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            contexto.load_cert_chain(str(certificado), str(chave) if chave else None)
            self.servidor.socket = contexto.wrap_socket(self.servidor.socket, server_side=True)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, porta = self.servidor.server_address[:2]
        return f"{'https' if self.tls else 'http'}://{host}:{porta}{self.caminho}"

    def _post(self, req: Any) -> None:
        if req.path.split("?", 1)[0] != self.caminho:
            req._responder(404, {"erro": f"caminho desconhecido; use {self.caminho}"})
            return
        tamanho = int(req.headers.get("Content-Length") or 0)
        if tamanho <= 0 or tamanho > LIMITE_CORPO:
            req._responder(400 if tamanho <= 0 else 413, {"erro": "corpo ausente ou grande demais"})
            return
        corpo = req.rfile.read(tamanho)
        try:
            mensagem = ler_mensagem(corpo)
        except ValueError as exc:
            req._responder(400, {"erro": str(exc)})
            return
        notificacao = notificacao_de_mensagem(mensagem)
        try:
            with self._lock:
                entregar(notificacao, self.estado, self.tratar)
        except Exception as exc:  # the handler failed: 500 makes CCEE send it again later
            log.warning("falha ao tratar evento %s: %s", mensagem.transactionId, exc)
            req._responder(500, {"erro": "falha ao tratar a notificação; reenvie"})
            return
        req._responder(201, {"transactionId": mensagem.transactionId})

    def start(self) -> ReceptorWebhook:
        self._thread = threading.Thread(target=self.servidor.serve_forever, name="ccee-webhook", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.servidor.serve_forever()

    def stop(self) -> None:
        self.servidor.shutdown()
        self.servidor.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ReceptorWebhook:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
