"""One SOAP call, as the bus handles it: parse → XSD validation → WS-Security → paging → handler → answer.

Every answer and every fault carries a fresh uuid4 ``transactionId``. A request that does not parse or
validate against our XSDs gets unexpectedSchemaFault; bad credentials or a foreign codigoPerfilAgente
securityFault 2001; a page above the service's limit invalidParametersFault 3006; anything unexpected
unexpectedTechnicalFault 4001 (the traceback goes to the simulator's log, never to the client).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from lxml import etree

from .. import namespaces as ns
from ..catalog import ServiceSpec
from ..validation import EnvelopeInvalido, operation_of, validate_envelope
from . import codigos as c
from . import respostas
from .banco import Banco
from .ciclo import Ciclo
from .erros import FalhaBarramento
from .falhas import Sorteio
from .leitura import Pagina
from .seguranca import Seguranca
from .servicos import OPERACOES, Contexto

log = logging.getLogger("ccee_barramento.simulator")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
_HEADER = ns.q(ns.SOAP_ENV, "Header")
_BODY = ns.q(ns.SOAP_ENV, "Body")
#: Operations that answer one object, without paging totals.
_SEM_PAGINACAO = frozenset({"obterContrato"})


class Barramento:
    """The simulated bus behind the HTTP server."""

    def __init__(
        self,
        banco: Banco,
        ciclo: Ciclo,
        wsdl_dir: Path,
        *,
        host: str = "127.0.0.1",
        validar_respostas: bool = False,
    ) -> None:
        self.banco = banco
        self.ciclo = ciclo
        self.seguranca = Seguranca(banco)
        self.wsdl_dir = wsdl_dir
        self.host = host
        self.sorteio = Sorteio()
        self.validar_respostas = validar_respostas
        #: Answers that did not validate against our XSDs (only filled when ``validar_respostas``).
        self.respostas_invalidas: list[str] = []
        self._lock = threading.Lock()

    # -- entry points --------------------------------------------------------------------------

    def processar(self, spec: ServiceSpec, soap_action: str | None, corpo: bytes) -> tuple[int, bytes]:
        """(HTTP status, body) of one SOAP request to ``spec``."""
        tid = respostas.novo_transaction_id()
        try:
            status, envelope = 200, self._atender(spec, soap_action, corpo, tid)
        except FalhaBarramento as falha:
            status, envelope = (
                500,
                respostas.fault(spec.nome, falha.codigo, falha.mensagem, transaction_id=tid),
            )
        except Exception:
            log.exception("erro interno em %s (transactionId=%s)", spec.nome, tid)
            status, envelope = 500, respostas.fault(spec.nome, c.FALHA_TECNICA, transaction_id=tid)
        if self.validar_respostas:
            self._conferir(spec, envelope)
        return status, respostas.serializar(envelope)

    def falha_tecnica(self, spec: ServiceSpec) -> tuple[int, bytes]:
        """The injected technical fault (HTTP 500, unexpectedTechnicalFault 4001)."""
        return 500, respostas.serializar(respostas.fault(spec.nome, c.FALHA_TECNICA))

    def resposta_malformada(self, spec: ServiceSpec) -> bytes:
        """A 200 answer that is not well-formed XML (mismatched tags), as a broken proxy might send."""
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="{ns.SOAP_ENV}">'
            f"<soapenv:Body><resposta><item></resposta></soapenv:Envelope>"
        ).encode()

    # -- pipeline ------------------------------------------------------------------------------

    def _atender(self, spec: ServiceSpec, soap_action: str | None, corpo: bytes, tid: str) -> etree._Element:
        try:
            raiz = etree.fromstring(corpo, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise FalhaBarramento(c.FALHA_SCHEMA, f"Requisicao nao e XML bem formado: {exc.msg}") from None
        try:
            validate_envelope(spec, raiz, self.wsdl_dir)
            operacao = operation_of(spec, raiz, self.wsdl_dir)
        except EnvelopeInvalido as exc:
            raise FalhaBarramento(
                c.FALHA_SCHEMA, "Requisicao nao obedece ao XSD do servico: " + "; ".join(exc.erros[:5])
            ) from None
        acao = (soap_action or "").strip().strip('"')
        if acao and acao != operacao:
            raise FalhaBarramento(c.FALHA_SCHEMA, f"SOAPAction {acao!r} nao corresponde a operacao {operacao!r}.")
        header = raiz.find(_HEADER)
        sessao = self.seguranca.autenticar(header, spec.versao)
        pagina = self._pagina(spec, operacao, header)
        payload = next(ch for ch in raiz.find(_BODY) if isinstance(ch.tag, str))
        resultado = OPERACOES[operacao](Contexto(spec, operacao, payload, sessao, self.banco, self.ciclo, pagina))
        mh = spec.namespaces["mh"]
        versao = header.findtext(f"{{{mh}}}messageHeader/{{{mh}}}versao") if header is not None else None
        return respostas.envelope(
            spec.nome,
            resultado.corpo,
            transaction_id=tid,
            paginacao=resultado.paginacao,
            versao=(versao or "").strip() or None,
            codigo_perfil_agente=sessao.perfil,
        )

    @staticmethod
    def _pagina(spec: ServiceSpec, operacao: str, header: etree._Element | None) -> Pagina | None:
        if not spec.paginado or operacao in _SEM_PAGINACAO:
            return None
        mh = spec.namespaces["mh"]
        pag = header.find(f"{{{mh}}}paginacao") if header is not None else None
        if pag is None:
            return Pagina(1, spec.pagina_padrao or spec.limite_pagina or 50)
        numero = int(pag.findtext(f"{{{mh}}}numero") or 1)
        itens = int(pag.findtext(f"{{{mh}}}quantidadeItens") or 0)
        if itens < 1:
            raise FalhaBarramento(c.PARAMETRO_INVALIDO, "paginacao/quantidadeItens deve ser maior que zero.")
        if spec.limite_pagina is not None and itens > spec.limite_pagina:
            raise FalhaBarramento(
                c.PAGINA_ACIMA_DO_LIMITE,
                f"Quantidade de itens por pagina ({itens}) acima do limite de {spec.limite_pagina} "
                f"do servico {spec.nome}.",
            )
        return Pagina(numero, itens)

    def _conferir(self, spec: ServiceSpec, envelope: etree._Element) -> None:
        try:
            validate_envelope(spec, envelope, self.wsdl_dir)
        except EnvelopeInvalido as exc:
            log.error("resposta inválida de %s: %s", spec.nome, exc)
            with self._lock:
                self.respostas_invalidas.append(str(exc))
