"""One bus service: zeep builds the request envelope from our WSDL; we post it and read the answer.

zeep is used where it shines (serializing a request exactly as the XSD says, headers included);
answers are read by :mod:`ccee_barramento.decoding` by namespace URI, which is many times faster
than zeep's object layer and tolerant of elements the WSDL does not declare.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import urllib3
import zeep
import zeep.exceptions
from lxml import etree

from .. import decoding
from .. import namespaces as ns
from ..catalog import ServiceSpec
from ..config import Configuracao
from ..errors import (
    BusConnectionError,
    BusError,
    BusTimeout,
    ConfigurationError,
    HTTPStatusError,
    InputError,
    MalformedResponse,
    TransportError,
)
from ..models.comum import Paginacao
from .faults import fault_from_element

log = logging.getLogger("ccee_barramento.transport")

_SECURITY = ns.q(ns.WSSE, "Security")
_RETRY_STATUS = frozenset({502, 503, 504})
_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)")


@dataclass(frozen=True)
class SoapResponse:
    """A successful answer: the parsed envelope, its payload element and header data."""

    servico: str
    operacao: str
    envelope: etree._Element
    payload: etree._Element
    transaction_id: str | None
    paginacao: Paginacao | None
    http_status: int
    tamanho: int


class SoapService:
    """A bus service bound to an endpoint, a session and its WSDL."""

    def __init__(
        self,
        spec: ServiceSpec,
        config: Configuracao,
        session: requests.Session,
        *,
        wsdl_dir: str | Path | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.spec = spec
        self.config = config
        self.url = config.endpoint(spec.caminho)
        self._session = session
        self._sleep = sleep
        path = spec.wsdl_path(wsdl_dir if wsdl_dir is not None else config.wsdl_dir)
        if not path.is_file():
            raise ConfigurationError(f"WSDL de {spec.nome} não encontrado em {path}")
        try:
            self._client = zeep.Client(
                str(path),
                transport=zeep.Transport(session=session),
                settings=zeep.Settings(strict=True, xml_huge_tree=True),
            )
        except (zeep.exceptions.Error, etree.LxmlError, OSError, ValueError) as exc:
            raise ConfigurationError(f"WSDL de {spec.nome} inválido ({path}): {exc}") from None
        self._proxy = self._client.service
        binding = self._proxy._binding
        self._operations = binding._operations
        self._headers = {name: self._header_parts(op) for name, op in self._operations.items()}

    # -- envelope ------------------------------------------------------------------------------

    @staticmethod
    def _header_parts(operation: Any) -> dict[str, str]:
        """Map header element QName (Clark) → WSDL part name, so any WSDL naming works."""
        header = operation.input.header
        if header is None or getattr(header, "type", None) is None:
            return {}
        return {element.qname.text: name for name, element in header.type.elements}

    def _mh(self) -> str:
        return self.spec.namespaces["mh"]

    def cabecalhos(
        self,
        operacao: str,
        *,
        codigo_perfil_agente: str | int | None,
        pagina: int | None = None,
        tamanho_pagina: int | None = None,
    ) -> dict[str, Any]:
        """The SOAP header values (WSSE Security, messageHeader, paginacao) keyed by part name."""
        parts = self._headers.get(operacao, {})
        valores: dict[str, Any] = {}
        if _SECURITY in parts:
            senha = self.config.senha.get_secret_value() if self.config.senha else None
            valores[parts[_SECURITY]] = {"UsernameToken": {"Username": self.config.usuario, "Password": senha}}
        mh = self._mh()
        header_q = ns.q(mh, "messageHeader")
        if header_q in parts:
            perfil = codigo_perfil_agente if codigo_perfil_agente is not None else self.config.codigo_perfil_agente
            mensagem: dict[str, Any] = {"codigoPerfilAgente": None if perfil is None else str(perfil)}
            if self.spec.versao == 2:
                mensagem["versao"] = self.config.versao_v2
            valores[parts[header_q]] = mensagem
        pag_q = ns.q(mh, "paginacao")
        if pag_q in parts and pagina is not None:
            valores[parts[pag_q]] = {"numero": pagina, "quantidadeItens": tamanho_pagina}
        return valores

    def envelope(
        self,
        operacao: str,
        corpo: Mapping[str, Any],
        *,
        codigo_perfil_agente: str | int | None = None,
        pagina: int | None = None,
        tamanho_pagina: int | None = None,
    ) -> etree._Element:
        """The request envelope zeep builds from the WSDL (nothing is sent)."""
        if operacao not in self._operations:
            raise InputError("operacao", f"{self.spec.nome} não tem a operação {operacao!r}")
        headers = self.cabecalhos(
            operacao, codigo_perfil_agente=codigo_perfil_agente, pagina=pagina, tamanho_pagina=tamanho_pagina
        )
        try:
            return self._client.create_message(self._proxy, operacao, **corpo, _soapheaders=headers)
        except (TypeError, zeep.exceptions.Error) as exc:
            raise InputError(operacao, f"requisição inválida para {self.spec.nome}: {exc}") from None

    # -- call ----------------------------------------------------------------------------------

    def call(
        self,
        operacao: str,
        corpo: Mapping[str, Any],
        *,
        codigo_perfil_agente: str | int | None = None,
        pagina: int | None = None,
        tamanho_pagina: int | None = None,
        ajustar: Callable[[etree._Element], None] | None = None,
    ) -> SoapResponse:
        """Send one request and return its answer; faults and transport failures raise typed errors.

        ``ajustar`` may touch the built envelope before it is sent (e.g. to wrap a text in CDATA).

        Read operations are retried (exponential backoff with full jitter) on connection errors,
        timeouts, truncated answers and HTTP 502/503/504; importarArquivo is never retried.
        """
        envelope = self.envelope(
            operacao, corpo, codigo_perfil_agente=codigo_perfil_agente, pagina=pagina, tamanho_pagina=tamanho_pagina
        )
        if ajustar is not None:
            ajustar(envelope)
        data = etree.tostring(envelope, xml_declaration=True, encoding="utf-8")
        tentativas = self.config.tentativas if self.spec.leitura else 1
        for tentativa in range(1, tentativas + 1):
            try:
                return self._send(operacao, data)
            except BusError as exc:
                if tentativa >= tentativas or not _retryable(exc):
                    raise
                espera = random.uniform(
                    0, min(self.config.backoff_max, self.config.backoff_base * 2 ** (tentativa - 1))
                )
                log.info(
                    "%s.%s falhou (%s); nova tentativa %d/%d em %.2fs",
                    self.spec.nome,
                    operacao,
                    type(exc).__name__,
                    tentativa + 1,
                    tentativas,
                    espera,
                )
                self._sleep(espera)
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, operacao: str, data: bytes) -> SoapResponse:
        soap_action = self._operations[operacao].soapaction or operacao
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{soap_action}"'}
        contexto = {"servico": self.spec.nome, "operacao": operacao}
        inicio = time.perf_counter()
        try:
            resp = self._session.post(
                self.url, data=data, headers=headers, timeout=(self.config.timeout_conexao, self.config.timeout_leitura)
            )
            content = resp.content
        except requests.exceptions.ConnectTimeout as exc:
            raise BusTimeout(
                f"tempo esgotado conectando a {self.url}: {_reason(exc)}", enviado=False, **contexto
            ) from None
        except requests.exceptions.Timeout as exc:
            raise BusTimeout(f"tempo esgotado falando com {self.url}: {_reason(exc)}", **contexto) from None
        except requests.exceptions.SSLError as exc:
            raise BusConnectionError(f"falha TLS com {self.url}: {_reason(exc)}", enviado=False, **contexto) from None
        except requests.exceptions.ConnectionError as exc:
            raise BusConnectionError(
                f"falha de conexão com {self.url}: {_reason(exc)}", enviado=_nunca_conectou(exc), **contexto
            ) from None
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
            raise MalformedResponse(f"resposta interrompida de {self.url}: {_reason(exc)}", **contexto) from None
        except requests.exceptions.RequestException as exc:
            raise TransportError(f"falha HTTP com {self.url}: {_reason(exc)}", **contexto) from None
        resposta = self._read(operacao, resp.status_code, content)
        log.debug(
            "%s.%s -> HTTP %d em %.0f ms (%d bytes, transactionId=%s)",
            self.spec.nome,
            operacao,
            resp.status_code,
            (time.perf_counter() - inicio) * 1000,
            len(content),
            resposta.transaction_id,
        )
        return resposta

    def _read(self, operacao: str, status: int, content: bytes) -> SoapResponse:
        contexto: dict[str, Any] = {"servico": self.spec.nome, "operacao": operacao, "http_status": status}
        if not content.strip():
            if status == 200:
                raise MalformedResponse("resposta vazia do barramento", **contexto)
            raise HTTPStatusError(f"HTTP {status} sem corpo", **contexto)
        try:
            root = decoding.parse(content)
        except MalformedResponse as exc:
            if status != 200:
                raise HTTPStatusError(f"HTTP {status}; corpo não é SOAP ({exc.message})", **contexto) from None
            raise MalformedResponse(exc.message, **contexto) from None
        if root.tag != ns.q(ns.SOAP_ENV, "Envelope"):
            if status != 200:
                raise HTTPStatusError(f"HTTP {status}; corpo não é um envelope SOAP", **contexto)
            raise MalformedResponse(f"esperado soap:Envelope, recebido {root.tag}", **contexto)
        header = root.find(ns.q(ns.SOAP_ENV, "Header"))
        transaction_id, paginacao = _header_info(header)
        contexto["transaction_id"] = transaction_id
        body = root.find(ns.q(ns.SOAP_ENV, "Body"))
        payload = None if body is None else next((c for c in body if isinstance(c.tag, str)), None)
        if payload is not None and payload.tag == ns.q(ns.SOAP_ENV, "Fault"):
            raise fault_from_element(payload, **contexto)
        if status != 200:
            raise HTTPStatusError(f"HTTP {status} sem SOAP Fault", **contexto)
        if payload is None:
            raise MalformedResponse("envelope SOAP sem corpo", **contexto)
        return SoapResponse(
            servico=self.spec.nome,
            operacao=operacao,
            envelope=root,
            payload=payload,
            transaction_id=transaction_id,
            paginacao=paginacao,
            http_status=status,
            tamanho=len(content),
        )


def _header_info(header: etree._Element | None) -> tuple[str | None, Paginacao | None]:
    """transactionId and paginacao from the answer's header, whatever the MH prefix."""
    if header is None:
        return None, None
    transaction_id = None
    paginacao = None
    for child in header:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        if qname.namespace not in (ns.MH_V1, ns.MH_V2):
            continue
        if qname.localname == "messageHeader":
            tid = child.find(ns.q(qname.namespace, "transactionId"))
            transaction_id = tid.text.strip() if tid is not None and tid.text else None
        elif qname.localname == "paginacao":
            valores = {}
            for campo in ("numero", "quantidadeItens", "totalPaginas", "quantidadeTotalItens"):
                el = child.find(ns.q(qname.namespace, campo))
                if el is not None and el.text and el.text.strip().lstrip("-").isdigit():
                    valores[campo] = int(el.text)
            if "numero" in valores:
                paginacao = Paginacao(
                    numero=valores["numero"],
                    quantidade_itens=valores.get("quantidadeItens", 0),
                    total_paginas=valores.get("totalPaginas"),
                    quantidade_total_itens=valores.get("quantidadeTotalItens"),
                )
    return transaction_id, paginacao


def _nunca_conectou(exc: requests.exceptions.ConnectionError) -> bool | None:
    """False-for-"enviado" when the TCP connection was never established (refused, DNS)."""
    causa = exc.args[0] if exc.args else None
    motivo = getattr(causa, "reason", causa)
    if isinstance(motivo, urllib3.exceptions.NewConnectionError | urllib3.exceptions.NameResolutionError):
        return False
    return None


def _retryable(exc: BusError) -> bool:
    if isinstance(exc, HTTPStatusError):
        return exc.http_status in _RETRY_STATUS
    return isinstance(exc, (BusConnectionError, BusTimeout, MalformedResponse))


def _reason(exc: Exception) -> str:
    """A short reason without the nested exception reprs requests likes to produce."""
    texto = str(exc.args[0]) if exc.args else type(exc).__name__
    errno = _ERRNO.search(texto)
    if errno:
        return errno.group(1).strip()
    if "Caused by" in texto:
        texto = texto.split("Caused by", 1)[1].strip(" ()")
    return texto[:300]
