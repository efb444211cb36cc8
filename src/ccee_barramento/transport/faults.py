"""SOAP Fault → typed exception, by namespace URI (FM or FM/v2) and fault element name."""

from __future__ import annotations

from lxml import etree

from .. import namespaces as ns
from ..errors import (
    FAULT_CLASSES,
    BusFault,
    BusinessFault,
    InvalidParametersFault,
    SecurityFault,
    TechnicalFault,
    UnexpectedTechnicalFault,
)

#: errorCode families of the bus when a Fault carries no FM detail (e.g. "Server.2001").
_POR_FAMILIA: dict[str, type[BusFault]] = {
    "2": SecurityFault,
    "3": InvalidParametersFault,
    "4": UnexpectedTechnicalFault,
}


def _text(el: etree._Element | None) -> str | None:
    if el is None or el.text is None:
        return None
    return el.text.strip() or None


def _child(parent: etree._Element, local: str) -> etree._Element | None:
    """A child by local name, in no namespace or any namespace (SOAP 1.1 Fault children are unqualified)."""
    for child in parent:
        if isinstance(child.tag, str) and etree.QName(child).localname == local:
            return child
    return None


def fault_from_element(fault: etree._Element, **contexto: object) -> BusFault:
    """Build the typed error for a ``soapenv:Fault`` element."""
    fault_code = _text(_child(fault, "faultcode"))
    fault_string = _text(_child(fault, "faultstring"))
    detail = _child(fault, "detail")
    fm: etree._Element | None = None
    if detail is not None:
        for child in detail:
            if isinstance(child.tag, str) and etree.QName(child).namespace in ns.FM_ALL:
                fm = child
                break
    error_code = message = uri = transaction_id = None
    cls: type[BusFault] | None = None
    if fm is not None:
        fm_ns = etree.QName(fm).namespace
        cls = FAULT_CLASSES.get(etree.QName(fm).localname)
        error_code = _text(fm.find(ns.q(fm_ns, "errorCode")))
        message = _text(fm.find(ns.q(fm_ns, "message")))
        uri = _text(fm.find(ns.q(fm_ns, "uri")))
        transaction_id = _text(fm.find(ns.q(fm_ns, "transactionId")))
    if error_code is None and fault_code:
        error_code = fault_code.rsplit(".", 1)[-1] if "." in fault_code else None
    if cls is None:
        cls = _POR_FAMILIA.get((error_code or "")[:1]) or (
            TechnicalFault if fault_code and "Server" in fault_code and error_code is None else BusinessFault
        )
    if transaction_id and "transaction_id" not in contexto:
        contexto["transaction_id"] = transaction_id
    elif transaction_id:
        contexto["transaction_id"] = contexto["transaction_id"] or transaction_id
    return cls(
        message or fault_string or "o barramento respondeu uma falha sem mensagem",
        error_code=error_code,
        uri=uri,
        fault_code=fault_code,
        fault_string=fault_string,
        **contexto,  # type: ignore[arg-type]
    )
