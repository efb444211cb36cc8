"""Paging metadata and the page container every listing returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Paginacao:
    """The ``paginacao`` header (MH/v2) of an answer."""

    numero: int
    quantidade_itens: int
    total_paginas: int | None = None
    quantidade_total_itens: int | None = None


@dataclass(frozen=True)
class Pagina(Generic[T]):
    """One page of a listing, with the bus's paging totals and the answer's transactionId."""

    itens: list[T]
    paginacao: Paginacao | None = None
    transaction_id: str | None = None
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def total_paginas(self) -> int:
        if self.paginacao and self.paginacao.total_paginas is not None:
            return self.paginacao.total_paginas
        return 1

    @property
    def quantidade_total_itens(self) -> int:
        if self.paginacao and self.paginacao.quantidade_total_itens is not None:
            return self.paginacao.quantidade_total_itens
        return len(self.itens)
