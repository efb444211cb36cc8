"""Lazy iteration over every page of a listing, optionally fetching pages concurrently."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

from ..models.comum import Pagina

T = TypeVar("T")

log = logging.getLogger("ccee_barramento.paginacao")

#: Safety stop when the bus gives no totals and keeps answering full pages.
MAX_PAGINAS = 100_000


class Paginador(Generic[T]):
    """All items of a listing, page by page, fetched only when iterated.

    ``total_paginas`` and ``quantidade_total_itens`` come from the first page's ``paginacao``
    header. With ``concorrencia > 1`` the following pages are fetched by that many threads,
    and items are still yielded in page order. An item ``filtro`` (client-side) never changes
    how pages are fetched.
    """

    def __init__(
        self,
        buscar: Callable[[int, int], Pagina[T]],
        *,
        tamanho_pagina: int,
        concorrencia: int = 1,
        ao_receber_pagina: Callable[[Pagina[T]], None] | None = None,
        filtro: Callable[[T], bool] | None = None,
        chave: Callable[[T], Hashable] | None = None,
    ) -> None:
        self._buscar = buscar
        self._filtro = filtro
        self._chave = chave
        self.tamanho_pagina = tamanho_pagina
        self.concorrencia = max(1, concorrencia)
        self._ao_receber = ao_receber_pagina
        self._primeira: Pagina[T] | None = None

    def pagina(self, numero: int) -> Pagina[T]:
        """Fetch one page (1-based)."""
        if numero == 1 and self._primeira is not None:
            return self._primeira
        pagina = self._buscar(numero, self.tamanho_pagina)
        if numero == 1:
            self._primeira = pagina
        if self._ao_receber is not None:
            self._ao_receber(pagina)
        return pagina

    @property
    def primeira(self) -> Pagina[T]:
        return self.pagina(1)

    @property
    def total_paginas(self) -> int:
        return self.primeira.total_paginas

    @property
    def quantidade_total_itens(self) -> int:
        return self.primeira.quantidade_total_itens

    def paginas(self) -> Iterator[Pagina[T]]:
        """Every page in order."""
        primeira = self.primeira
        yield primeira
        if primeira.paginacao is None or primeira.paginacao.total_paginas is None:
            yield from self._sem_total(primeira)
            return
        total = primeira.paginacao.total_paginas
        if total <= 1:
            return
        if self.concorrencia == 1:
            for numero in range(2, total + 1):
                yield self.pagina(numero)
            return
        yield from self._concorrente(range(2, total + 1))

    def _sem_total(self, anterior: Pagina[T]) -> Iterator[Pagina[T]]:
        numero = 1
        while len(anterior.itens) >= self.tamanho_pagina and numero < MAX_PAGINAS:
            numero += 1
            anterior = self.pagina(numero)
            if not anterior.itens:
                return
            yield anterior

    def _concorrente(self, numeros: range) -> Iterator[Pagina[T]]:
        pool = ThreadPoolExecutor(max_workers=self.concorrencia, thread_name_prefix="ccee-pagina")
        pendentes: deque[Future[Pagina[T]]] = deque()
        restantes = iter(numeros)
        try:
            for numero in restantes:
                pendentes.append(pool.submit(self.pagina, numero))
                if len(pendentes) >= self.concorrencia:
                    break
            while pendentes:
                pagina = pendentes.popleft().result()
                proximo = next(restantes, None)
                if proximo is not None:
                    pendentes.append(pool.submit(self.pagina, proximo))
                yield pagina
        finally:
            for futuro in pendentes:
                futuro.cancel()
            pool.shutdown(wait=True, cancel_futures=True)

    def __iter__(self) -> Iterator[T]:
        """Every item once: the bus pages by offset, so data changing between two page requests can
        repeat an item on the next page; with a ``chave`` (natural key) repeats are dropped."""
        filtro, chave = self._filtro, self._chave
        vistos: set[Hashable] = set()
        for pagina in self.paginas():
            for item in pagina.itens:
                if filtro is not None and not filtro(item):
                    continue
                if chave is not None:
                    k = chave(item)
                    if k is not None:
                        if k in vistos:
                            log.debug("item repetido entre páginas descartado: %r", k)
                            continue
                        vistos.add(k)
                yield item

    def todos(self) -> list[T]:
        """Every item of every page."""
        return list(self)
