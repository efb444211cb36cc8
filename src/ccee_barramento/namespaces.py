"""Namespace URIs of the CCEE bus. Code matches on these URIs, never on prefixes."""

from __future__ import annotations

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

_BASE = "http://xmlns.energia.org.br"

MH_V1 = f"{_BASE}/MH/v1"
BM_V1 = f"{_BASE}/BM/v1"
BO_V1 = f"{_BASE}/BO/v1"
BS_V1 = f"{_BASE}/BS/v1"
FM_V1 = f"{_BASE}/FM"

MH_V2 = f"{_BASE}/MH/v2"
BM_V2 = f"{_BASE}/BM/v2"
BO_V2 = f"{_BASE}/BO/v2"
BS_V2 = f"{_BASE}/BS/v2"
FM_V2 = f"{_BASE}/FM/v2"

#: Every namespace a fault detail may come in (the bus mixes FM and FM/v2).
FM_ALL = frozenset({FM_V1, FM_V2})


def for_version(versao: int) -> dict[str, str]:
    """The MH/BM/BO/BS/FM namespaces of a service version (1 for ``cntr`` services, 2 for ``v2``)."""
    if versao == 1:
        return {"mh": MH_V1, "bm": BM_V1, "bo": BO_V1, "bs": BS_V1, "fm": FM_V1}
    if versao == 2:
        return {"mh": MH_V2, "bm": BM_V2, "bo": BO_V2, "bs": BS_V2, "fm": FM_V2}
    raise ValueError(f"versão de serviço desconhecida: {versao}")


def q(ns: str, local: str) -> str:
    """Clark notation ``{ns}local`` as lxml uses it."""
    return f"{{{ns}}}{local}"
