"""Fault injection: latency, technical fault (HTTP 500, 4001), connection reset, truncated or malformed XML.

Each kind has its own rate in [0, 1]; all are 0 (off) by default. For one request at most one of
reset, technical fault, truncated and malformed happens (drawn in that order); latency is drawn
independently and delays whatever answer follows. ``semente`` makes the draws reproducible.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from enum import Enum


class Falha(str, Enum):
    RESET = "reset"
    TECNICA = "tecnica"
    TRUNCADA = "truncada"
    MALFORMADA = "malformada"


@dataclass(frozen=True)
class FalhasSimuladas:
    """Rates of the injected faults (0 = never, 1 = every request)."""

    latencia: tuple[float, float] = (0.0, 0.0)
    taxa_latencia: float = 0.0
    taxa_falha_tecnica: float = 0.0
    taxa_reset: float = 0.0
    taxa_truncada: float = 0.0
    taxa_malformada: float = 0.0
    semente: int | None = None

    def __post_init__(self) -> None:
        for nome in ("taxa_latencia", "taxa_falha_tecnica", "taxa_reset", "taxa_truncada", "taxa_malformada"):
            valor = getattr(self, nome)
            if not 0.0 <= valor <= 1.0:
                raise ValueError(f"{nome} deve estar entre 0 e 1 (recebido {valor})")
        minimo, maximo = self.latencia
        if minimo < 0 or maximo < minimo:
            raise ValueError(f"latencia deve ser (mínimo, máximo) com 0 <= mínimo <= máximo (recebido {self.latencia})")

    @property
    def ativas(self) -> bool:
        return any(
            (
                self.taxa_latencia,
                self.taxa_falha_tecnica,
                self.taxa_reset,
                self.taxa_truncada,
                self.taxa_malformada,
            )
        )


@dataclass
class Sorteio:
    """Draws the faults of each request from one :class:`FalhasSimuladas` (thread-safe)."""

    config: FalhasSimuladas = field(default_factory=FalhasSimuladas)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.config.semente)
        self._lock = threading.Lock()

    def sortear(self) -> tuple[float, Falha | None]:
        """(seconds of latency, the fault to inject or None)."""
        cfg = self.config
        if not cfg.ativas:
            return 0.0, None
        with self._lock:
            atraso = 0.0
            if cfg.taxa_latencia and self._rng.random() < cfg.taxa_latencia:
                atraso = self._rng.uniform(*cfg.latencia)
            for falha, taxa in (
                (Falha.RESET, cfg.taxa_reset),
                (Falha.TECNICA, cfg.taxa_falha_tecnica),
                (Falha.TRUNCADA, cfg.taxa_truncada),
                (Falha.MALFORMADA, cfg.taxa_malformada),
            ):
                if taxa and self._rng.random() < taxa:
                    return atraso, falha
        return atraso, None
