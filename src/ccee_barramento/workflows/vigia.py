"""``ccee watch``: poll unvalidated amounts and report each newly pending one exactly once."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from ..client import CCEEClient
from ..errors import SecurityFault, TransportError
from ..periodos import PeriodoLike
from .notificacoes import EstadoNotificacoes, Notificacao, entregar, notificacao_de_montante

log = logging.getLogger("ccee_barramento.workflows")


def pendentes(
    client: CCEEClient,
    *,
    perfis: Iterable[int | str] | None = None,
    periodo: PeriodoLike = None,
    tipos: Any = None,
    codigo_perfil_agente: str | int | None = None,
) -> list[Notificacao]:
    """Every amount currently waiting for validation, as notifications (not yet filtered by state)."""
    filtros: dict[str, Any] = {
        "perfis": list(perfis) if perfis else None,
        "periodo": periodo,
        "codigo_perfil_agente": codigo_perfil_agente,
    }
    if tipos is not None:
        filtros["tipos"] = tipos
    return [notificacao_de_montante(m) for m in client.listar_montantes_nao_validados(**filtros)]


def ciclo(client: CCEEClient, estado: EstadoNotificacoes, tratar: Callable[[Notificacao], None], **filtros: Any) -> int:
    """One poll: hand every new pending amount to ``tratar``; returns how many were new."""
    novas = 0
    for notificacao in pendentes(client, **filtros):
        try:
            if entregar(notificacao, estado, tratar):
                novas += 1
        except Exception as exc:  # the handler's failure must not stop the watch; retried next poll
            if isinstance(exc, SecurityFault):
                raise
            log.warning("falha ao tratar %s (nova tentativa no próximo ciclo): %s", notificacao.chave, exc)
    return novas


def vigiar(
    client: CCEEClient,
    estado: EstadoNotificacoes,
    tratar: Callable[[Notificacao], None],
    *,
    intervalo: float = 60.0,
    parar: threading.Event | None = None,
    ciclos: int | None = None,
    ao_falhar: Callable[[Exception], None] | None = None,
    **filtros: Any,
) -> int:
    """Poll every ``intervalo`` seconds until ``parar`` is set (or ``ciclos`` polls ran).

    Authentication/authorization failures (SecurityFault) end the watch; transport failures are
    reported to ``ao_falhar`` and the next poll tries again. Returns the number of notifications.
    """
    parar = parar or threading.Event()
    total = 0
    feitos = 0
    while not parar.is_set():
        try:
            total += ciclo(client, estado, tratar, **filtros)
        except TransportError as exc:
            if ao_falhar is not None:
                ao_falhar(exc)
            log.warning("consulta falhou, nova tentativa em %.0fs: %s", intervalo, exc)
        feitos += 1
        if ciclos is not None and feitos >= ciclos:
            break
        parar.wait(intervalo)
    return total
