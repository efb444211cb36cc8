"""Validate whole SOAP envelopes of a bus service against that service's WSDL (lxml only).

For each service a *wrapper schema* is built in memory: it imports ``soap-envelope.xsd`` (our SOAP
1.1 envelope, whose Header and Body children are validated strictly against global elements) and
exactly the namespaces the service's WSDL imports in ``wsdl:types``, with their ``schemaLocation``
resolved relative to the WSDL file. One ``XMLSchema.validate`` call then checks a whole request,
answer or fault envelope: WSSE ``Security``, MH ``messageHeader``/``paginacao``, the BM message and
FM fault details.

libxml2 reads only the first ``xs:import`` of a namespace. Our contracts import each namespace once;
CCEE's real WSDLs (``ccee wsdl sync``) import some namespaces from several files, so when that happens
the wrapper imports a generated schema that includes all of them (served by an lxml resolver, never
written to disk).

Nothing from lxml escapes: an envelope that does not parse or validate raises :class:`EnvelopeInvalido`;
a WSDL set that cannot be read or compiled raises :class:`WSDLInvalido`.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Union
from urllib.parse import urljoin

from lxml import etree

from . import namespaces as ns
from .catalog import POR_NOME, ServiceSpec, bundled_wsdl_dir

__all__ = ["EnvelopeInvalido", "WSDLInvalido", "envelope_schema", "operation_of", "validate_envelope"]

WSDL = "http://schemas.xmlsoap.org/wsdl/"
XSD = "http://www.w3.org/2001/XMLSchema"
_SOAP_BINDINGS = ("http://schemas.xmlsoap.org/wsdl/soap/", "http://schemas.xmlsoap.org/wsdl/soap12/")
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"

#: Name of our SOAP 1.1 envelope schema, looked up in the WSDL folder first, then in the bundled one.
ENVELOPE_XSD = "soap-envelope.xsd"

#: How many errors :class:`EnvelopeInvalido` puts in its message (all of them stay in ``erros``).
_ERROS_NA_MENSAGEM = 5

Servico = Union[ServiceSpec, str, "os.PathLike[str]"]
Envelope = Union[bytes, bytearray, memoryview, str, etree._Element, etree._ElementTree]

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")

# Readable prefixes for the namespaces of the bus in error messages (``{uri}local`` -> ``bmv2:local``).
_PREFIXOS = {
    ns.SOAP_ENV: "soapenv",
    ns.WSSE: "wsse",
    ns.MH_V1: "mh",
    ns.BM_V1: "bm",
    ns.BO_V1: "bo",
    ns.FM_V1: "fm",
    ns.MH_V2: "mhv2",
    ns.BM_V2: "bmv2",
    ns.BO_V2: "bov2",
    ns.FM_V2: "fmv2",
}
_CLARK = re.compile(r"\{([^{}]*)\}")


class EnvelopeInvalido(ValueError):
    """A SOAP envelope does not parse or does not match its service's contract.

    ``erros`` lists every problem as ``linha N: <element path>: <message>``.
    """

    def __init__(self, servico: str, erros: list[str]) -> None:
        self.servico = servico
        self.erros = list(erros) or ["envelope inválido"]
        resumo = "; ".join(self.erros[:_ERROS_NA_MENSAGEM])
        resto = len(self.erros) - _ERROS_NA_MENSAGEM
        if resto > 0:
            resumo += f" (e mais {resto} erro{'s' if resto > 1 else ''})"
        super().__init__(f"envelope inválido para {servico}: {resumo}")


class WSDLInvalido(ValueError):
    """A service's WSDL or one of its schemas cannot be read or compiled."""

    def __init__(self, servico: str, caminho: Path, erros: list[str]) -> None:
        self.servico = servico
        self.caminho = caminho
        self.erros = list(erros) or ["contrato inválido"]
        super().__init__(f"contrato WSDL de {servico} inválido ({caminho}): " + "; ".join(self.erros[:3]))


@dataclass(frozen=True)
class _Contrato:
    """What validation needs from one WSDL: its compiled wrapper schema and its request elements."""

    nome: str
    schema: etree.XMLSchema
    #: Clark name of each operation's input body element -> operation name.
    operacoes: dict[str, str]
    lock: threading.Lock


# --------------------------------------------------------------------------- public API


def envelope_schema(servico: Servico, wsdl_dir: str | os.PathLike[str] | None = None) -> etree.XMLSchema:
    """The schema that validates a whole SOAP envelope of ``servico`` (cached per WSDL file).

    ``servico`` is a :class:`ServiceSpec`, a service name (``"ContratoBSv2"``) or the path of a
    ``.wsdl`` file; ``wsdl_dir`` is a folder with the ``<Servico>/<Servico>.wsdl`` layout (default:
    the contracts bundled with the package).
    """
    return _contrato(servico, wsdl_dir).schema


def validate_envelope(servico: Servico, envelope: Envelope, wsdl_dir: str | os.PathLike[str] | None = None) -> None:
    """Raise :class:`EnvelopeInvalido` unless ``envelope`` is a valid envelope of ``servico``.

    ``envelope`` is the raw XML (bytes or text) or an lxml element/tree (e.g. zeep's
    ``create_message`` result). Requests, answers and SOAP faults are all accepted.
    """
    contrato = _contrato(servico, wsdl_dir)
    raiz = _raiz(contrato.nome, envelope)
    with contrato.lock:  # an XMLSchema's error_log belongs to the object: one validation at a time
        valido = contrato.schema.validate(raiz)
        erros = [_formatar(e) for e in contrato.schema.error_log] if not valido else []
    if not valido:
        raise EnvelopeInvalido(contrato.nome, erros)


def operation_of(servico: Servico, envelope: Envelope, wsdl_dir: str | os.PathLike[str] | None = None) -> str:
    """The operation of ``servico`` whose request element is the Body's child (read from the WSDL)."""
    contrato = _contrato(servico, wsdl_dir)
    raiz = _raiz(contrato.nome, envelope)
    body = raiz.find(ns.q(ns.SOAP_ENV, "Body"))
    if body is None:
        raise EnvelopeInvalido(contrato.nome, [f"linha {raiz.sourceline or 0}: envelope sem soapenv:Body"])
    filho = next((c for c in body if isinstance(c.tag, str)), None)
    if filho is None:
        raise EnvelopeInvalido(contrato.nome, [f"linha {body.sourceline or 0}: soapenv:Body vazio"])
    operacao = contrato.operacoes.get(filho.tag)
    if operacao is None:
        esperados = ", ".join(sorted(_abreviar(t) for t in contrato.operacoes))
        raise EnvelopeInvalido(
            contrato.nome,
            [
                f"linha {filho.sourceline or 0}: {_abreviar(filho.tag)} não é a requisição de nenhuma "
                f"operação de {contrato.nome} (esperado: {esperados})"
            ],
        )
    return operacao


# --------------------------------------------------------------------------- loading the contracts


def _contrato(servico: Servico, wsdl_dir: str | os.PathLike[str] | None) -> _Contrato:
    nome, caminho = _localizar(servico, wsdl_dir)
    return _carregar(nome, str(caminho.resolve()))


def _localizar(servico: Servico, wsdl_dir: str | os.PathLike[str] | None) -> tuple[str, Path]:
    """(service name, WSDL path) of a ServiceSpec, a service name or a WSDL path."""
    if isinstance(servico, ServiceSpec):
        return servico.nome, servico.wsdl_path(wsdl_dir)
    if isinstance(servico, os.PathLike) or (isinstance(servico, str) and servico.lower().endswith(".wsdl")):
        caminho = Path(servico)
        return caminho.stem, caminho
    if isinstance(servico, str):
        spec = POR_NOME.get(servico)
        if spec is not None:
            return spec.nome, spec.wsdl_path(wsdl_dir)
        base = Path(wsdl_dir) if wsdl_dir is not None else bundled_wsdl_dir()
        return servico, base / servico / f"{servico}.wsdl"
    raise TypeError(f"serviço deve ser ServiceSpec, nome ou caminho de WSDL, não {type(servico).__name__}")


@lru_cache(maxsize=64)
def _carregar(nome: str, caminho_wsdl: str) -> _Contrato:
    caminho = Path(caminho_wsdl)
    if not caminho.is_file():
        raise FileNotFoundError(f"WSDL de {nome} não encontrado: {caminho}")
    try:
        wsdl = etree.parse(str(caminho), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise WSDLInvalido(nome, caminho, [f"linha {exc.lineno or 0}: {exc.msg}"]) from None
    base = caminho.as_uri()
    documentos: dict[str, str] = {}
    locais = _imports(wsdl, base, documentos)
    envelope_xsd = caminho.parent.parent / ENVELOPE_XSD
    if not envelope_xsd.is_file():
        envelope_xsd = bundled_wsdl_dir() / ENVELOPE_XSD
    imports = [(ns.SOAP_ENV, envelope_xsd.resolve().as_uri())]
    for i, (namespace, uris) in enumerate(locais.items()):
        if len(uris) == 1:
            imports.append((namespace, uris[0]))
        else:  # several files for one namespace: import one generated schema that includes them all
            url = f"urn:ccee-barramento:agregado:{i}"
            documentos[url] = _schema_agregado(namespace, uris)
            imports.append((namespace, url))
    wrapper = etree.Element(ns.q(XSD, "schema"), nsmap={"xs": XSD})
    for namespace, uri in imports:
        etree.SubElement(wrapper, ns.q(XSD, "import"), namespace=namespace, schemaLocation=uri)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    parser.resolvers.add(_Documentos(documentos))
    raiz = etree.fromstring(etree.tostring(wrapper), parser, base_url=f"urn:ccee-barramento:envelope:{nome}")
    try:
        schema = etree.XMLSchema(raiz)
    except etree.XMLSchemaParseError as exc:
        erros = [f"{e.filename}:{e.line}: {_abreviar(e.message)}" for e in exc.error_log] or [str(exc)]
        raise WSDLInvalido(nome, caminho, erros) from None
    return _Contrato(nome, schema, _operacoes(wsdl), threading.Lock())


def _imports(wsdl: etree._ElementTree, base: str, documentos: dict[str, str]) -> dict[str, list[str]]:
    """Namespace -> absolute schema URIs the WSDL's ``wsdl:types`` imports (in order, no repeats).

    An inline ``xs:schema`` that declares components is served as a generated document.
    """
    locais: dict[str, list[str]] = {}
    for n, schema in enumerate(wsdl.getroot().iterfind(f"{{{WSDL}}}types/{{{XSD}}}schema")):
        for imp in schema.iterfind(f"{{{XSD}}}import"):
            namespace, local = imp.get("namespace", ""), imp.get("schemaLocation")
            if local:
                uris = locais.setdefault(namespace, [])
                uri = urljoin(base, local)
                if uri not in uris:
                    uris.append(uri)
        declara = any(
            isinstance(c.tag, str) and etree.QName(c).localname not in ("import", "annotation") for c in schema
        )
        if declara and schema.get("targetNamespace"):
            copia = etree.fromstring(etree.tostring(schema))  # keeps the in-scope namespace declarations
            for ref in copia.iter(f"{{{XSD}}}import", f"{{{XSD}}}include"):
                if ref.get("schemaLocation"):
                    ref.set("schemaLocation", urljoin(base, ref.get("schemaLocation")))
            url = f"urn:ccee-barramento:inline:{n}"
            documentos[url] = etree.tostring(copia, encoding="unicode")
            locais.setdefault(schema.get("targetNamespace"), []).append(url)
    return locais


def _schema_agregado(namespace: str, uris: list[str]) -> str:
    raiz = etree.Element(ns.q(XSD, "schema"), nsmap={"xs": XSD}, targetNamespace=namespace)
    for uri in uris:
        etree.SubElement(raiz, ns.q(XSD, "include"), schemaLocation=uri)
    return etree.tostring(raiz, encoding="unicode")


class _Documentos(etree.Resolver):
    """Serves the generated schema documents; every other URL goes to libxml2's own loader."""

    def __init__(self, documentos: dict[str, str]) -> None:
        super().__init__()
        self._documentos = documentos

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        texto = self._documentos.get(url)
        return None if texto is None else self.resolve_string(texto, context, base_url=url)


def _operacoes(wsdl: etree._ElementTree) -> dict[str, str]:
    """Clark name of each operation's request body element -> operation name, from messages and bindings."""
    raiz = wsdl.getroot()
    mensagens = {m.get("name"): m for m in raiz.iterfind(f"{{{WSDL}}}message")}
    port_types = {p.get("name"): p for p in raiz.iterfind(f"{{{WSDL}}}portType")}
    resultado: dict[str, str] = {}
    for binding in raiz.iterfind(f"{{{WSDL}}}binding"):
        port_type = port_types.get(_local(binding.get("type", "")))
        if port_type is None:
            continue
        abstratas = {o.get("name"): o for o in port_type.iterfind(f"{{{WSDL}}}operation")}
        for operacao in binding.iterfind(f"{{{WSDL}}}operation"):
            nome = operacao.get("name")
            entrada = abstratas.get(nome)
            entrada = entrada.find(f"{{{WSDL}}}input") if entrada is not None else None
            mensagem = mensagens.get(_local(entrada.get("message", ""))) if entrada is not None else None
            if mensagem is None:
                continue
            corpo, cabecalhos = None, set()
            for soap in _SOAP_BINDINGS:
                corpo = corpo if corpo is not None else operacao.find(f"{{{WSDL}}}input/{{{soap}}}body")
                cabecalhos |= {h.get("part") for h in operacao.iterfind(f"{{{WSDL}}}input/{{{soap}}}header")}
            partes_corpo = corpo.get("parts") if corpo is not None else None
            for parte in mensagem.iterfind(f"{{{WSDL}}}part"):
                if partes_corpo is not None and parte.get("name") not in partes_corpo.split():
                    continue
                if partes_corpo is None and parte.get("name") in cabecalhos:
                    continue
                elemento = _qname(parte, parte.get("element"))
                if elemento:
                    resultado.setdefault(elemento, nome)
    return resultado


def _local(qname: str) -> str:
    return qname.rpartition(":")[2]


def _qname(contexto: etree._Element, valor: str | None) -> str | None:
    """Clark name of a prefixed QName attribute value, resolved in ``contexto``'s namespace scope."""
    if not valor:
        return None
    prefixo, _, local = valor.rpartition(":")
    uri = contexto.nsmap.get(prefixo or None)
    return f"{{{uri}}}{local}" if uri else local


# --------------------------------------------------------------------------- envelopes and messages


def _parser() -> etree.XMLParser:
    """A safe parser for envelopes (no entities, no DTD, no network; big answers allowed), one per call."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def _raiz(nome: str, envelope: Envelope) -> etree._Element:
    """The envelope's root element; unparsable input becomes :class:`EnvelopeInvalido`."""
    if isinstance(envelope, etree._ElementTree):
        raiz = envelope.getroot()
    elif isinstance(envelope, etree._Element):
        raiz = envelope
    elif isinstance(envelope, (bytes, bytearray, memoryview, str)):
        try:
            if isinstance(envelope, str):
                raiz = etree.fromstring(_XML_DECL.sub("", envelope, count=1), _parser())
            else:
                raiz = etree.fromstring(bytes(envelope), _parser())
        except etree.XMLSyntaxError as exc:  # exc.error_log may hold older global entries: use exc itself
            raise EnvelopeInvalido(nome, [f"linha {exc.lineno or 0}: XML mal formado: {exc.msg}"]) from None
        except ValueError as exc:  # e.g. a text with an encoding declaration lxml refuses
            raise EnvelopeInvalido(nome, [f"linha 0: XML ilegível: {exc}"]) from None
    else:
        raise TypeError(f"envelope deve ser bytes, str ou elemento lxml, não {type(envelope).__name__}")
    if not isinstance(raiz.tag, str) or raiz.tag != ns.q(ns.SOAP_ENV, "Envelope"):
        achado = _abreviar(raiz.tag) if isinstance(raiz.tag, str) else "nó não elemento"
        if achado.startswith(f"{{{SOAP12_ENV}}}"):
            achado += " (envelope SOAP 1.2; o barramento usa SOAP 1.1)"
        erro = f"linha {raiz.sourceline or 0}: /: a raiz deve ser soapenv:Envelope (SOAP 1.1), não {achado}"
        raise EnvelopeInvalido(nome, [erro])
    return raiz


def _abreviar(texto: str) -> str:
    """Replace the bus's namespace URIs in Clark names by readable prefixes."""
    return _CLARK.sub(lambda m: f"{_PREFIXOS[m.group(1)]}:" if m.group(1) in _PREFIXOS else m.group(0), texto)


def _formatar(erro: etree._LogEntry) -> str:
    caminho = getattr(erro, "path", None) or "?"
    return f"linha {erro.line}: {caminho}: {_abreviar(erro.message)}"
