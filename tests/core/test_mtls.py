"""Mutual TLS over real loopback HTTPS with a throwaway CA (trustme): .pfx in memory, PEM pair, refusal."""

from __future__ import annotations

import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from ccee_barramento import BusConnectionError, CCEEClient, Configuracao

from .soap import cabecalho, envelope, listar_contrato

RESPOSTA = envelope(listar_contrato([42]), header=cabecalho("tx-mtls"))


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        peer = self.connection.getpeercert()
        self.server.vistos.append(dict(x[0] for x in peer["subject"]) if peer else None)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(RESPOSTA)))
        self.end_headers()
        self.wfile.write(RESPOSTA)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def pki(tmp_path: Path):
    ca = trustme.CA()
    servidor = ca.issue_cert("127.0.0.1", "localhost")
    cliente = ca.issue_cert("agente-teste.example", common_name="AGENTE TESTE")
    ca_pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_pem))
    return ca, servidor, cliente, ca_pem


@pytest.fixture
def servidor_mtls(pki):
    ca, cert, _, _ = pki
    contexto = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(contexto)
    ca.configure_trust(contexto)
    contexto.verify_mode = ssl.CERT_REQUIRED
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.socket = contexto.wrap_socket(httpd.socket, server_side=True)
    httpd.vistos = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _pfx(cliente: trustme.LeafCert, senha: bytes, destino: Path) -> Path:
    chave = serialization.load_pem_private_key(cliente.private_key_pem.bytes(), password=None)
    certs = [x509.load_pem_x509_certificate(b.bytes()) for b in cliente.cert_chain_pems]
    dados = pkcs12.serialize_key_and_certificates(
        b"agente", chave, certs[0], certs[1:], serialization.BestAvailableEncryption(senha)
    )
    destino.write_bytes(dados)
    return destino


def _config(httpd, ca_pem: Path, **kw: object) -> Configuracao:
    porta = httpd.server_address[1]
    return Configuracao(
        base_url=f"https://127.0.0.1:{porta}", usuario="u", senha="s", ca_bundle=ca_pem, tentativas=1, **kw
    )


def test_pfx_client_certificate_is_presented(servidor_mtls, pki, tmp_path):
    _, _, cliente, ca_pem = pki
    pfx = _pfx(cliente, b"pfx-senha", tmp_path / "agente.pfx")
    with CCEEClient(_config(servidor_mtls, ca_pem, certificado=pfx, certificado_senha="pfx-senha")) as client:
        assert [c.id for c in client.listar_contratos()] == [42]
    assert [v["commonName"] for v in servidor_mtls.vistos] == ["AGENTE TESTE"]


def test_pem_pair_is_presented(servidor_mtls, pki, tmp_path):
    _, _, cliente, ca_pem = pki
    cert, chave = tmp_path / "c.pem", tmp_path / "k.pem"
    cliente.cert_chain_pems[0].write_to_path(str(cert))
    cliente.private_key_pem.write_to_path(str(chave))
    with CCEEClient(_config(servidor_mtls, ca_pem, certificado_pem=cert, chave_pem=chave)) as client:
        assert len(client.listar_contratos().todos()) == 1


def test_without_client_certificate_the_handshake_is_refused(servidor_mtls, pki):
    *_, ca_pem = pki
    with CCEEClient(_config(servidor_mtls, ca_pem)) as client, pytest.raises(BusConnectionError):
        client.listar_contratos().todos()


def test_untrusted_server_is_refused(servidor_mtls, pki, tmp_path):
    _, _, cliente, _ = pki
    outra_ca = tmp_path / "outra.pem"
    trustme.CA().cert_pem.write_to_path(str(outra_ca))
    pfx = _pfx(cliente, b"x", tmp_path / "a.pfx")
    with CCEEClient(_config(servidor_mtls, outra_ca, certificado=pfx, certificado_senha="x")) as client:
        with pytest.raises(BusConnectionError, match="TLS"):
            client.listar_contratos().todos()
