"""Download the live WSDL + XSD set of every catalog service into a local folder (``ccee wsdl sync``).

CCEE publishes each service's WSDL on port 442 (``https://host:442/ws/...?wsdl``) behind the same
mutual TLS as the endpoints. Every ``schemaLocation``/``location`` is fetched relative to the document
that cites it, saved under the service's folder with a flat file name, and rewritten to that name,
so the folder works offline: ``CCEEClient(wsdl_dir=...)`` / ``ccee --wsdl-dir``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from lxml import etree

from . import catalog
from .config import Configuracao
from .errors import BusConnectionError, BusTimeout, ConfigurationError, HTTPStatusError, MalformedResponse
from .transport.session import build_session

_XSD = "http://www.w3.org/2001/XMLSchema"
_WSDL = "http://schemas.xmlsoap.org/wsdl/"
_REFS = (
    (f"{{{_XSD}}}import", "schemaLocation"),
    (f"{{{_XSD}}}include", "schemaLocation"),
    (f"{{{_XSD}}}redefine", "schemaLocation"),
    (f"{{{_WSDL}}}import", "location"),
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)


@dataclass
class ResultadoSync:
    destino: Path
    arquivos: dict[str, list[Path]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.arquivos.values())


def _nome_local(url: str, servico: str) -> str:
    partes = urlsplit(url)
    consulta = parse_qs(partes.query)
    if "wsdl" in partes.query.lower() and not consulta.get("xsd"):
        return f"{servico}.wsdl"
    bruto = (consulta.get("xsd") or [partes.path.rsplit("/", 1)[-1]])[0]
    nome = re.sub(r"[^A-Za-z0-9_.-]+", "_", bruto).strip("_") or "schema"
    return nome if nome.endswith((".xsd", ".wsdl")) else f"{nome}.xsd"


def sincronizar(config: Configuracao, destino: Path, servicos: list[str] | None = None) -> ResultadoSync:
    """Fetch the WSDL set of each service (all catalog services by default) into ``destino/<Servico>/``."""
    session = build_session(config)
    resultado = ResultadoSync(destino=destino)
    specs = [catalog.POR_NOME[s] for s in servicos] if servicos else list(catalog.SERVICOS)
    try:
        for spec in specs:
            pasta = destino / spec.nome
            pasta.mkdir(parents=True, exist_ok=True)
            url = f"{config.wsdl_base}{spec.caminho}?wsdl"
            salvos: dict[str, str] = {}
            _baixar(session, config, url, spec.nome, pasta, salvos)
            resultado.arquivos[spec.nome] = [pasta / n for n in salvos.values()]
    finally:
        session.close()
    return resultado


def _baixar(
    session: requests.Session, config: Configuracao, url: str, servico: str, pasta: Path, salvos: dict[str, str]
) -> str:
    if url in salvos:
        return salvos[url]
    nome = _nome_local(url, servico)
    usados = set(salvos.values())
    base, ext = nome.rsplit(".", 1)
    n = 1
    while nome in usados:
        n += 1
        nome = f"{base}_{n}.{ext}"
    salvos[url] = nome
    documento = _get(session, config, url)
    for tag, atributo in _REFS:
        for elemento in documento.iter(tag):
            ref = elemento.get(atributo)
            if ref:
                elemento.set(atributo, _baixar(session, config, urljoin(url, ref), servico, pasta, salvos))
    (pasta / nome).write_bytes(etree.tostring(documento, xml_declaration=True, encoding="utf-8"))
    return nome


def _get(session: requests.Session, config: Configuracao, url: str) -> etree._Element:
    try:
        resp = session.get(url, timeout=(config.timeout_conexao, config.timeout_leitura))
    except requests.exceptions.Timeout:
        raise BusTimeout(f"tempo esgotado baixando {url}") from None
    except requests.exceptions.SSLError as exc:
        raise BusConnectionError(
            f"falha TLS baixando {url} (certificado?): {exc.args[0] if exc.args else ''}"
        ) from None
    except requests.exceptions.ConnectionError:
        raise BusConnectionError(f"falha de conexão baixando {url}") from None
    if resp.status_code != 200:
        raise HTTPStatusError(f"HTTP {resp.status_code} baixando {url}", http_status=resp.status_code)
    try:
        return etree.fromstring(resp.content, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise MalformedResponse(f"{url} não é XML: {exc.msg}") from None


def verificar(destino: Path) -> list[str]:
    """Names of catalog services whose WSDL is missing from a synced folder."""
    if not destino.is_dir():
        raise ConfigurationError(f"pasta de WSDLs não encontrada: {destino}")
    return [s.nome for s in catalog.SERVICOS if not s.wsdl_path(destino).is_file()]
