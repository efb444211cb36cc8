"""Reading request elements by namespace URI: texts, codes, periods, booleans, paging."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from ..models.base import FUSO_CCEE
from . import codigos as c
from .banco import Periodo
from .erros import FalhaBarramento


class Leitor:
    """Finds children of a request by local names, in the service's BM (first step) and BO namespaces."""

    def __init__(self, bm: str, bo: str) -> None:
        self.bm, self.bo = bm, bo

    def _caminho(self, passos: str) -> str:
        partes = passos.split("/")
        return "/".join([f"{{{self.bm}}}{partes[0]}", *(f"{{{self.bo}}}{p}" for p in partes[1:])])

    def no(self, raiz: etree._Element, passos: str) -> etree._Element | None:
        return raiz.find(self._caminho(passos))

    def nos(self, raiz: etree._Element, passos: str) -> list[etree._Element]:
        return list(raiz.iterfind(self._caminho(passos)))

    def inteiro_bo(self, el: etree._Element, passos: str) -> int | None:
        """An integer below a BO element (every step in the BO namespace)."""
        achado = el.find("/".join(f"{{{self.bo}}}{p}" for p in passos.split("/")))
        texto = achado.text.strip() if achado is not None and achado.text else ""
        return _int(texto, passos) if texto else None

    def texto(self, raiz: etree._Element, passos: str) -> str | None:
        el = raiz.find(self._caminho(passos))
        if el is None or el.text is None:
            return None
        return el.text.strip() or None

    def textos(self, raiz: etree._Element, passos: str) -> list[str]:
        return [el.text.strip() for el in raiz.iterfind(self._caminho(passos)) if el.text and el.text.strip()]

    def inteiro(self, raiz: etree._Element, passos: str) -> int | None:
        texto = self.texto(raiz, passos)
        return None if texto is None else _int(texto, passos)

    def inteiros(self, raiz: etree._Element, passos: str) -> list[int]:
        return [_int(t, passos) for t in self.textos(raiz, passos)]

    def periodo(self, raiz: etree._Element, passos: str) -> Periodo:
        inicio = self.texto(raiz, f"{passos}/inicio")
        fim = self.texto(raiz, f"{passos}/fim")
        periodo = Periodo(instante(inicio) if inicio else None, instante(fim) if fim else None)
        if periodo.inicio and periodo.fim and periodo.fim <= periodo.inicio:
            raise FalhaBarramento(c.PARAMETRO_INVALIDO, f"{passos}: o fim deve ser posterior ao inicio.")
        return periodo

    def booleano(self, raiz: etree._Element, passos: str) -> bool:
        texto = (self.texto(raiz, passos) or "").lower()
        return texto in {"true", "1", "sim"}


def _int(texto: str, campo: str) -> int:
    try:
        return int(texto)
    except ValueError:
        raise FalhaBarramento(c.PARAMETRO_INVALIDO, f"{campo}: codigo numerico esperado, recebido {texto!r}.") from None


def instante(texto: str) -> str:
    """An xsd:dateTime from a request as naive Brasília ISO text (aware values are converted)."""
    valor = datetime.fromisoformat(texto.replace("Z", "+00:00"))
    if valor.tzinfo is not None:
        valor = valor.astimezone(FUSO_CCEE).replace(tzinfo=None)
    return valor.replace(microsecond=0).isoformat()


def agora() -> str:
    """Now, as naive Brasília ISO text (how the database stores times)."""
    return datetime.now(FUSO_CCEE).replace(tzinfo=None, microsecond=0).isoformat()


@dataclass(frozen=True)
class Pagina:
    """The page asked for (``paginacao`` header) and, once known, the totals to answer."""

    numero: int
    tamanho: int

    @property
    def offset(self) -> int:
        return (self.numero - 1) * self.tamanho

    def totais(self, itens_na_pagina: int, total: int) -> tuple[int, int, int, int]:
        return (self.numero, itens_na_pagina, math.ceil(total / self.tamanho) if total else 0, total)
