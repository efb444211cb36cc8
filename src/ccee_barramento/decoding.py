"""Decode bus answers into the domain models, by namespace URI, without zeep's object layer.

For each (model, namespace) pair a *plan* maps the Clark name of every known child element
(``{http://xmlns.energia.org.br/BO/v2}periodoVigencia``) to the field it fills and how: a text
value, a nested model, or a list wrapper (``perfis/perfil*``: every element child of the
wrapper is an item, whatever its name). One pass over the lxml tree builds plain dicts; one
pydantic ``TypeAdapter`` call per page validates them (in Rust). Elements the plan does not know
go to the model's ``extras`` mapping, so a new element in an answer is kept, never fatal.
Prefixes are never looked at: the bus answers with ``mh:``, ``mhv2:``, ``hdr:``, ``NS1:``...
"""

from __future__ import annotations

import gc
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar, Union

from lxml import etree
from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import MalformedResponse

M = TypeVar("M", bound=BaseModel)

_TEXT, _MODEL, _LIST, _TEXT_LIST = 0, 1, 2, 3

#: Clark name of a child element → (dict key, kind, sub-plan or None). Sub-plans are linked directly
#: (no lookup per element); the entry "\\0ns" holds the plan's namespace, for ``extras`` keys.
Plan = dict[str, tuple[str, int, Any]]

_PLANS: dict[tuple[type[BaseModel], str], Plan] = {}

#: Safe parser for answers: no entities, no network, large documents allowed.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)


def parse(data: bytes) -> etree._Element:
    """Parse an answer; a syntax error becomes :class:`MalformedResponse`."""
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as exc:
        raise MalformedResponse(f"resposta não é XML bem formado: {exc.msg}") from None


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner type, is_list) of ``X | None`` / ``list[X]`` / ``Annotated[X, ...]``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if models:
            return models[0], False
        lists = [a for a in args if typing.get_origin(a) is list]
        return _unwrap(lists[0]) if lists else (args[0], False)
    if origin is list:
        inner, _ = _unwrap(typing.get_args(annotation)[0])
        return inner, True
    return annotation, False


def plan_for(model: type[BaseModel], ns: str) -> Plan:
    """The decoding plan of ``model`` when its children are in namespace ``ns`` (built once, linked)."""
    plan = _PLANS.get((model, ns))
    if plan is not None:
        return plan
    plan = _PLANS[(model, ns)] = {}  # registered first: recursive models link to it
    for name, info in model.model_fields.items():
        if name == "extras":
            continue
        alias = info.alias or name
        inner, is_list = _unwrap(info.annotation)
        is_model = isinstance(inner, type) and issubclass(inner, BaseModel)
        sub = plan_for(inner, ns) if is_model else None
        kind = (_LIST if is_list else _MODEL) if is_model else (_TEXT_LIST if is_list else _TEXT)
        plan[f"{{{ns}}}{alias}"] = (alias, kind, sub)
    plan["\0ns"] = (ns, -1, None)  # not a Clark name: never matches an element
    return plan


def _acumular(destino: dict[str, Any], chave: str, valor: Any) -> None:
    """Store a value; a repeated key becomes a list of its values."""
    if chave in destino:
        anterior = destino[chave]
        destino[chave] = anterior + [valor] if isinstance(anterior, list) else [anterior, valor]
    else:
        destino[chave] = valor


def _generic(el: etree._Element) -> Any:
    """An unknown element as plain data: its text, or a dict of its children (lists when repeated)."""
    children = [c for c in el if isinstance(c.tag, str)]
    if not children:
        return el.text.strip() if el.text else None
    out: dict[str, Any] = {}
    for child in children:
        _acumular(out, etree.QName(child).localname, _generic(child))
    return out


def _extra(out: dict[str, Any], child: etree._Element, ns: str) -> None:
    qname = etree.QName(child)
    _acumular(out.setdefault("extras", {}), qname.localname if qname.namespace == ns else child.tag, _generic(child))


def to_dict(el: etree._Element, model: type[BaseModel], ns: str) -> dict[str, Any]:
    """One element's children as the dict ``model.model_validate`` expects (aliases as keys)."""
    return _to_dict(el, plan_for(model, ns))


def _to_dict(el: etree._Element, plan: Plan) -> dict[str, Any]:
    get = plan.get
    out: dict[str, Any] = {}
    for child in el[:]:
        entry = get(child.tag)  # type: ignore[arg-type]
        if entry is None:
            if child.tag.__class__ is str:
                _extra(out, child, plan["\0ns"][0])
            continue
        key, kind, sub = entry
        if kind == _TEXT:
            out[key] = child.text
        elif kind == _MODEL:
            out[key] = _to_dict(child, sub)
        elif kind == _LIST:
            out[key] = [_to_dict(item, sub) for item in child[:] if item.tag.__class__ is str]
        else:
            out[key] = [item.text for item in child[:] if item.tag.__class__ is str]
    return out


@cache
def _list_adapter(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def decode(el: etree._Element, model: type[M], ns: str) -> M:
    """Decode one element into ``model``."""
    try:
        return model.model_validate(to_dict(el, model, ns))
    except ValidationError as exc:
        raise MalformedResponse(_describe(exc, model.__name__)) from None


#: Pages larger than this are decoded with the cyclic GC paused (see :func:`gc_paused`).
GC_PAUSE_MIN_ITEMS = 500


@contextmanager
def gc_paused(enabled: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector while a large page is decoded.

    Decoding allocates hundreds of thousands of acyclic objects; with the collector running, each
    allocation burst makes CPython traverse everything alive again and again (2.5x slower on a
    10,000-contract answer). Nothing decoded here forms reference cycles. On the way out, the new
    objects are moved to the oldest generation with ``gc.freeze()``/``gc.unfreeze()`` (two O(1) list
    splices) instead of being traversed once more by the next young collection (~140 ms for 120,000
    objects); this is skipped if the application froze objects itself, so its frozen set is never touched.
    """
    was_enabled = gc.isenabled()
    if not (enabled and was_enabled):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def decode_list(wrapper: etree._Element | None, model: type[M], ns: str) -> list[M]:
    """Decode every element child of a list wrapper (``contratos/contrato*``) into ``model``."""
    if wrapper is None:
        return []
    items = [item for item in wrapper[:] if item.tag.__class__ is str]
    plan = plan_for(model, ns)
    with gc_paused(len(items) >= GC_PAUSE_MIN_ITEMS):
        rows = [_to_dict(item, plan) for item in items]
        try:
            return _list_adapter(model).validate_python(rows)
        except ValidationError as exc:
            raise MalformedResponse(_describe(exc, model.__name__)) from None


def _describe(exc: ValidationError, modelo: str) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    return f"valor inesperado na resposta ({modelo}.{where}): {first.get('msg')} (recebido {first.get('input')!r})"
