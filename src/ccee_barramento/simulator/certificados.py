"""The simulator's own PKI: a CA, a server certificate for 127.0.0.1/localhost and a client .pfx.

Everything is generated with ``cryptography`` into one folder (a temporary one by default):

    ca.pem              the CA certificate (the client's ``ca_bundle``)
    servidor.pem        server certificate chain; servidor-chave.pem its key
    cliente.pfx         the demo agent's client certificate + key (PKCS#12, random password)

The .pfx mimics what CCEE asks of agents (RSA 2048, SHA-256, < 395 days). Its password is random
per generation and is only exposed through :meth:`Simulador.configuracao`.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

_VALIDADE = dt.timedelta(days=390)


@dataclass(frozen=True)
class Certificados:
    """Paths of the generated files and the client .pfx password."""

    diretorio: Path
    ca: Path
    servidor: Path
    servidor_chave: Path
    cliente_pfx: Path
    cliente_senha: str

    def __repr__(self) -> str:  # never show the password
        return f"Certificados(diretorio={str(self.diretorio)!r})"


def _nome(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ccee-barramento simulador"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _chave() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _emitir(
    sujeito: x509.Name,
    chave_publica: rsa.RSAPublicKey,
    emissor: x509.Name,
    chave_emissor: rsa.RSAPrivateKey,
    extensoes: list[tuple[x509.ExtensionType, bool]],
) -> x509.Certificate:
    agora = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    construtor = (
        x509.CertificateBuilder()
        .subject_name(sujeito)
        .issuer_name(emissor)
        .public_key(chave_publica)
        .serial_number(x509.random_serial_number())
        .not_valid_before(agora)
        .not_valid_after(agora + _VALIDADE)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(chave_publica), critical=False)
    )
    for extensao, critica in extensoes:
        construtor = construtor.add_extension(extensao, critical=critica)
    return construtor.sign(chave_emissor, hashes.SHA256())


def _gravar(caminho: Path, dados: bytes, privado: bool = False) -> None:
    caminho.write_bytes(dados)
    if privado:
        os.chmod(caminho, 0o600)


def gerar(diretorio: str | Path, *, agente: str = "AGENTE DEMO") -> Certificados:
    """Generate the CA, the server certificate and the client .pfx into ``diretorio``."""
    pasta = Path(diretorio)
    pasta.mkdir(parents=True, exist_ok=True)
    ca_chave, srv_chave, cli_chave = _chave(), _chave(), _chave()
    ca_nome = _nome("ccee-barramento simulador CA")
    uso_ca = x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )
    uso_folha = x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=True,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    ca = _emitir(
        ca_nome,
        ca_chave.public_key(),
        ca_nome,
        ca_chave,
        [(x509.BasicConstraints(ca=True, path_length=0), True), (uso_ca, True)],
    )
    aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_chave.public_key())
    servidor = _emitir(
        _nome("localhost"),
        srv_chave.public_key(),
        ca_nome,
        ca_chave,
        [
            (x509.BasicConstraints(ca=False, path_length=None), True),
            (uso_folha, True),
            (aki, False),
            (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False),
            (
                x509.SubjectAlternativeName(
                    [
                        x509.DNSName("localhost"),
                        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                        x509.IPAddress(ipaddress.ip_address("::1")),
                    ]
                ),
                False,
            ),
        ],
    )
    cliente = _emitir(
        _nome(f"{agente}:simulador"),
        cli_chave.public_key(),
        ca_nome,
        ca_chave,
        [
            (x509.BasicConstraints(ca=False, path_length=None), True),
            (uso_folha, True),
            (aki, False),
            (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False),
        ],
    )
    pem = serialization.Encoding.PEM
    senha = secrets.token_urlsafe(18)
    arquivos = Certificados(
        pasta,
        pasta / "ca.pem",
        pasta / "servidor.pem",
        pasta / "servidor-chave.pem",
        pasta / "cliente.pfx",
        senha,
    )
    _gravar(arquivos.ca, ca.public_bytes(pem))
    _gravar(arquivos.servidor, servidor.public_bytes(pem) + ca.public_bytes(pem))
    _gravar(
        arquivos.servidor_chave,
        srv_chave.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        privado=True,
    )
    _gravar(
        arquivos.cliente_pfx,
        pkcs12.serialize_key_and_certificates(
            b"cliente-simulador",
            cli_chave,
            cliente,
            [ca],
            serialization.BestAvailableEncryption(senha.encode("utf-8")),
        ),
        privado=True,
    )
    return arquivos
