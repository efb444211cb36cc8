"""HTTPS transport of the simulator: stdlib ``ThreadingHTTPServer`` with ``ssl``, SOAP 1.1 over HTTP/1.1.

* ``POST <endpoint>``: a SOAP call, dispatched by path (the catalog's endpoints); 200 with the answer or
  500 with a SOAP Fault, ``Content-Type: text/xml; charset=utf-8``.
* ``GET <endpoint>?wsdl`` serves our WSDL and ``GET <endpoint>?xsd=<relative path>`` its XSDs, with
  every ``schemaLocation`` rewritten to ``?xsd=`` URLs and the service address pointing here.
* Wrong method on an endpoint: 405 (``Allow: POST``); unknown path: 404; both with plain-text bodies.

The TLS handshake runs in the connection's worker thread, so a slow or failing client never blocks
the accept loop; with mutual TLS a client without a certificate signed by the simulator's CA is
refused during the handshake. Injected faults that need the socket (reset, truncated answer) are
applied here.
"""

from __future__ import annotations

import logging
import socket
import ssl
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from ..catalog import POR_CAMINHO, ServiceSpec
from .falhas import Falha

if TYPE_CHECKING:
    from .barramento import Barramento

log = logging.getLogger("ccee_barramento.simulator.http")

TIPO_SOAP = "text/xml; charset=utf-8"
LIMITE_CORPO = 64 * 1024 * 1024
_XSD = "http://www.w3.org/2001/XMLSchema"
_SOAP_WSDL = "http://schemas.xmlsoap.org/wsdl/soap/"


def contexto_servidor(certificado: Path, chave: Path, ca: Path, mtls: bool) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(str(certificado), str(chave))
    if mtls:
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_verify_locations(str(ca))
    return ctx


class _Servidor(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False

    def __init__(self, endereco: tuple[str, int], barramento: Barramento, ctx: ssl.SSLContext) -> None:
        self.barramento = barramento
        self.ctx = ctx
        super().__init__(endereco, _Handler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        request.settimeout(30)
        try:
            tls = self.ctx.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            log.debug("handshake TLS recusado de %s: %s", client_address, exc)
            return
        try:
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            try:
                tls.close()
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("conexão de %s encerrada com erro", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ccee-barramento-simulador"
    sys_version = ""
    timeout = 30
    server: _Servidor

    def log_message(self, formato: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), formato % args)

    # -- plain answers ---------------------------------------------------------------------------

    def _responder(self, status: int, corpo: bytes, tipo: str = TIPO_SOAP, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", tipo)
        self.send_header("Content-Length", str(len(corpo)))
        for chave, valor in (extra or {}).items():
            self.send_header(chave, valor)
        self.end_headers()
        self.wfile.write(corpo)

    def _texto(self, status: int, texto: str, extra: dict[str, str] | None = None) -> None:
        self._responder(status, (texto + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def _spec(self) -> ServiceSpec | None:
        return POR_CAMINHO.get(urlsplit(self.path).path.rstrip("/") or "/")

    # -- methods ---------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802
        self._descartar_corpo()
        spec = self._spec()
        if spec is None:
            self._texto(404, f"404 Not Found: {urlsplit(self.path).path}")
            return
        consulta = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        base = f"https://{self.headers.get('Host') or self.server.barramento.host}"
        if "wsdl" in consulta or "WSDL" in consulta:
            self._responder(200, servir_wsdl(spec, self.server.barramento.wsdl_dir, base))
            return
        if "xsd" in consulta:
            dados = servir_xsd(spec, self.server.barramento.wsdl_dir, consulta["xsd"][0])
            if dados is None:
                self._texto(404, f"404 Not Found: xsd={consulta['xsd'][0]}")
            else:
                self._responder(200, dados)
            return
        self._texto(405, "405 Method Not Allowed: use POST (SOAP 1.1) ou GET ?wsdl", {"Allow": "POST, GET"})

    def _descartar_corpo(self) -> None:
        """Drain a body we will not use, so the kept-alive connection stays in sync (or close it)."""
        try:
            tamanho = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            tamanho = -1
        if 0 <= tamanho <= LIMITE_CORPO and "chunked" not in (self.headers.get("Transfer-Encoding") or "").lower():
            self.rfile.read(tamanho)
        else:
            self.close_connection = True

    def _metodo_invalido(self) -> None:
        self._descartar_corpo()
        if self._spec() is None:
            self._texto(404, f"404 Not Found: {urlsplit(self.path).path}")
        else:
            self._texto(405, f"405 Method Not Allowed: {self.command}", {"Allow": "POST, GET"})

    do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _metodo_invalido  # noqa: N815

    def do_POST(self) -> None:  # noqa: N802
        spec = self._spec()
        if spec is None:
            self._descartar_corpo()
            self._texto(404, f"404 Not Found: {urlsplit(self.path).path}")
            return
        corpo = self._ler_corpo()
        if corpo is None:
            return
        barramento = self.server.barramento
        atraso, falha = barramento.sorteio.sortear()
        if atraso:
            time.sleep(atraso)
        if falha is Falha.RESET:
            self._resetar()
            return
        if falha is Falha.TECNICA:
            status, dados = barramento.falha_tecnica(spec)
        elif falha is Falha.MALFORMADA:
            status, dados = 200, barramento.resposta_malformada(spec)
        else:
            status, dados = barramento.processar(spec, self.headers.get("SOAPAction"), corpo)
        if falha is Falha.TRUNCADA:
            self._truncar(status, dados)
            return
        self._responder(status, dados)

    # -- helpers ---------------------------------------------------------------------------------

    def _ler_corpo(self) -> bytes | None:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            partes = []
            while True:
                linha = self.rfile.readline()
                tamanho = int(linha.split(b";", 1)[0].strip() or b"0", 16)
                if tamanho == 0:
                    self.rfile.readline()
                    break
                partes.append(self.rfile.read(tamanho))
                self.rfile.readline()
            return b"".join(partes)
        try:
            tamanho = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            tamanho = -1
        if tamanho < 0 or tamanho > LIMITE_CORPO:
            self.close_connection = True
            self._texto(413 if tamanho > 0 else 400, "requisição sem Content-Length válido ou grande demais")
            return None
        return self.rfile.read(tamanho)

    def _resetar(self) -> None:
        """Abort the connection with a TCP RST (SO_LINGER 0), no answer."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        try:  # detach: the handler's file objects would otherwise keep the descriptor open
            socket.socket(fileno=self.connection.detach()).close()
        except OSError:
            pass

    def _truncar(self, status: int, dados: bytes) -> None:
        """Announce the whole answer, send half of it, close the connection."""
        self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", TIPO_SOAP)
        self.send_header("Content-Length", str(len(dados)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(dados[: max(1, len(dados) // 2)])
        self.wfile.flush()


class ServidorHTTPS:
    """Runs :class:`_Servidor` in a background thread on ``host:porta`` (0 = a free port)."""

    def __init__(self, barramento: Barramento, ctx: ssl.SSLContext, host: str = "127.0.0.1", porta: int = 0) -> None:
        self._srv = _Servidor((host, porta), barramento, ctx)
        self.host = host
        self.porta = self._srv.server_address[1]
        self._thread = threading.Thread(
            target=self._srv.serve_forever,
            kwargs={"poll_interval": 0.2},
            name=f"ccee-sim-https-{self.porta}",
            daemon=True,
        )

    def iniciar(self) -> None:
        self._thread.start()

    def parar(self) -> None:
        self._srv.shutdown()
        self._srv.server_close()
        self._thread.join(timeout=5)


# --------------------------------------------------------------------------- WSDL and XSD serving


def _reescrever(doc: etree._Element, pasta_doc: Path, raiz: Path) -> None:
    """schemaLocation="../v2/bo.xsd" → "?xsd=v2/bo.xsd" (relative to the WSDL folder root)."""
    for el in doc.iter(f"{{{_XSD}}}import", f"{{{_XSD}}}include"):
        local = el.get("schemaLocation")
        if local and "://" not in local:
            alvo = (pasta_doc / local).resolve()
            try:
                el.set("schemaLocation", f"?xsd={alvo.relative_to(raiz).as_posix()}")
            except ValueError:
                pass


def servir_wsdl(spec: ServiceSpec, wsdl_dir: Path, base: str) -> bytes:
    caminho = spec.wsdl_path(wsdl_dir)
    doc = etree.parse(str(caminho), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    _reescrever(doc, caminho.parent, wsdl_dir.resolve())
    for endereco in doc.iter(f"{{{_SOAP_WSDL}}}address"):
        endereco.set("location", base + spec.caminho)
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8")


def servir_xsd(spec: ServiceSpec, wsdl_dir: Path, relativo: str) -> bytes | None:
    raiz = wsdl_dir.resolve()
    caminho = (raiz / relativo).resolve()
    if caminho.suffix != ".xsd" or not caminho.is_file() or raiz not in caminho.parents:
        return None
    doc = etree.parse(str(caminho), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    _reescrever(doc, caminho.parent, raiz)
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8")
