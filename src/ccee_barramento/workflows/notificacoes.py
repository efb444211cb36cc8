"""What ``ccee watch`` and ``ccee webhook serve`` report: one notification per new pending amount or event.

Both feed the same handler (a Python callback, a hook command, a table or JSON lines) and share one
state store, so each pending amount or webhook event is reported exactly once, across restarts.
A notification is marked as seen only after its handler succeeded (at-least-once to the handler,
exactly-once when the handler succeeds).
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import threading
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, Field

from ..errors import CCEEError
from ..models.contrato import MontanteEnergia
from .diario import abrir_sqlite

#: Environment variables never passed to hook commands.
SEGREDOS = frozenset({"CCEE_SENHA", "CCEE_CERTIFICADO_SENHA"})


class Notificacao(BaseModel):
    """A newly pending amount (watch) or a CCEE webhook event."""

    origem: str
    evento: str
    chave: str
    contrato: int | None = None
    tipo_montante: str | None = None
    inicio: datetime | None = None
    fim: datetime | None = None
    valor: Decimal | None = None
    unidade: str | None = None
    situacao: int | str | None = None
    situacao_descricao: str | None = None
    transaction_id: str | None = None
    metadados: dict[str, str | None] = Field(default_factory=dict)
    recebido_em: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))


def notificacao_de_montante(m: MontanteEnergia) -> Notificacao:
    """A pending amount; its key changes when its state or value changes (an edit is a new pending)."""
    inicio = m.periodo.inicio if m.periodo else None
    fim = m.periodo.fim if m.periodo else None
    situacao = m.situacao.codigo if m.situacao else None
    tipo = m.tipo_montante_energia.nome if m.tipo_montante_energia else None
    chave = "|".join(
        str(x)
        for x in (
            "montante",
            m.codigo_contrato,
            tipo,
            inicio.isoformat() if inicio else "",
            m.patamar or "",
            situacao,
            m.valor,
        )
    )
    return Notificacao(
        origem="watch",
        evento="MONTANTE_PENDENTE",
        chave=chave,
        contrato=m.codigo_contrato,
        tipo_montante=tipo,
        inicio=inicio,
        fim=fim,
        valor=m.valor,
        unidade=m.unidade_medida,
        situacao=situacao,
        situacao_descricao=m.situacao.descricao if m.situacao else None,
    )


class EstadoNotificacoes:
    """Keys already reported (SQLite under the user's data dir, or a given path)."""

    def __init__(self, caminho: str | Path | None = None) -> None:
        self.caminho = (
            Path(caminho) if caminho else Path(platformdirs.user_data_dir("ccee-barramento")) / "notificacoes.sqlite3"
        )
        self._db = abrir_sqlite(self.caminho, "estado de notificações")
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS vistas (chave TEXT PRIMARY KEY, evento TEXT, vista_em TEXT NOT NULL)"
            )

    def ja_vista(self, chave: str) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM vistas WHERE chave = ?", (chave,)).fetchone() is not None

    def marcar(self, notificacao: Notificacao) -> bool:
        """Record as reported; False if it already was."""
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO vistas(chave, evento, vista_em) VALUES (?, ?, ?)",
                (notificacao.chave, notificacao.evento, datetime.now(timezone.utc).isoformat()),
            )
            return cur.rowcount == 1

    def total(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM vistas").fetchone()[0]

    def close(self) -> None:
        self._db.close()


class ErroGancho(CCEEError):
    """The hook command failed; the notification stays unreported and is retried."""


def executar_gancho(comando: str, notificacao: Notificacao, *, timeout: float = 60.0) -> None:
    """Run a hook command with the notification as JSON on stdin (and CCEE_EVENTO/CCEE_CONTRATO set).

    The command runs without a shell; the bus and certificate passwords are removed from its environment.
    """
    env = {k: v for k, v in os.environ.items() if k not in SEGREDOS}
    env["CCEE_EVENTO"] = notificacao.evento
    env["CCEE_CHAVE"] = notificacao.chave
    if notificacao.contrato is not None:
        env["CCEE_CONTRATO"] = str(notificacao.contrato)
    try:
        processo = subprocess.run(
            shlex.split(comando),
            input=notificacao.model_dump_json().encode(),
            env=env,
            timeout=timeout,
            capture_output=True,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ErroGancho(f"gancho {comando!r} falhou: {exc}") from None
    if processo.returncode != 0:
        saida = processo.stderr.decode(errors="replace").strip()[-300:]
        raise ErroGancho(f"gancho {comando!r} saiu com código {processo.returncode}: {saida}")


def como_linha_json(notificacao: Notificacao) -> str:
    return json.dumps(notificacao.model_dump(mode="json", exclude_none=True), ensure_ascii=False)


def entregar(notificacao: Notificacao, estado: EstadoNotificacoes, tratar: Any) -> bool:
    """Hand a notification to ``tratar`` once; returns True if it was new and handled."""
    if estado.ja_vista(notificacao.chave):
        return False
    tratar(notificacao)
    return estado.marcar(notificacao)
