"""The local journal of submissions (SQLite under the user's data dir).

Every ContratosCCEAL file is written here *before* it is sent, and every send attempt (``envio``)
is recorded with its state, so a crash, a timeout or a lost answer never loses track of it:

    submissao  chave (sha256 of endpoint, perfil and file) · estado ABERTA|CONCLUIDA · resultado
    envio      one importarArquivo attempt: ENVIANDO (written before the request) → ENVIADO
               (codigoProcessamento known) → PROCESSADO; or REJEITADO (a fault, or the request never
               left: nothing was processed, a later run sends it again) or INCERTO (the answer was
               lost: the bus may have it, so a later run reconciles first).

SQLite runs in WAL mode with ``synchronous=FULL``: a state written before a send survives a kill.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

import platformdirs

from ..errors import ConfigurationError

_ESQUEMA = """
CREATE TABLE IF NOT EXISTS submissoes (
    id INTEGER PRIMARY KEY,
    chave TEXT NOT NULL UNIQUE,
    endpoint TEXT NOT NULL,
    perfil TEXT,
    tipo_geracao INTEGER NOT NULL,
    arquivo BLOB NOT NULL,
    estado TEXT NOT NULL,
    resultado TEXT,
    criada_em TEXT NOT NULL,
    atualizada_em TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS envios (
    id INTEGER PRIMARY KEY,
    submissao_id INTEGER NOT NULL REFERENCES submissoes(id),
    arquivo BLOB NOT NULL,
    sequenciais TEXT NOT NULL,
    estado TEXT NOT NULL,
    codigo_processamento TEXT,
    erro TEXT,
    resultado TEXT,
    criado_em TEXT NOT NULL,
    atualizado_em TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS envios_submissao ON envios(submissao_id);
"""


class EstadoEnvio(str, Enum):
    ENVIANDO = "ENVIANDO"
    ENVIADO = "ENVIADO"
    PROCESSADO = "PROCESSADO"
    REJEITADO = "REJEITADO"
    INCERTO = "INCERTO"


@dataclass(frozen=True)
class Envio:
    id: int
    submissao_id: int
    arquivo: bytes
    #: sequencialControle in this sent file → sequencialControle in the submission's file.
    sequenciais: dict[int, int]
    estado: EstadoEnvio
    codigo_processamento: str | None
    erro: str | None


@dataclass(frozen=True)
class Submissao:
    id: int
    chave: str
    endpoint: str
    perfil: str | None
    tipo_geracao: int
    arquivo: bytes
    estado: str
    resultado: list[dict[str, Any]] | None

    @property
    def concluida(self) -> bool:
        return self.estado == "CONCLUIDA"


def caminho_padrao() -> Path:
    return Path(platformdirs.user_data_dir("ccee-barramento")) / "diario.sqlite3"


def chave_submissao(endpoint: str, perfil: str | None, arquivo: bytes) -> str:
    h = hashlib.sha256()
    for parte in (endpoint.encode(), b"\0", (perfil or "").encode(), b"\0", arquivo):
        h.update(parte)
    return h.hexdigest()


def abrir_sqlite(caminho: Path, papel: str) -> sqlite3.Connection:
    """Open (creating its folder) a local SQLite store in WAL mode; failures become ConfigurationError."""
    try:
        if str(caminho) != ":memory:":
            caminho.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(caminho), check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        return db
    except (OSError, sqlite3.Error) as exc:
        raise ConfigurationError(f"não foi possível abrir o {papel} em {caminho}: {exc}") from None


def _agora() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Diario:
    """The journal. Safe to share between threads of one process."""

    def __init__(self, caminho: str | Path | None = None) -> None:
        self.caminho = Path(caminho) if caminho is not None else caminho_padrao()
        self._db = abrir_sqlite(self.caminho, "diário")
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        with self._lock:
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_ESQUEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Diario:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- submissions ---------------------------------------------------------------------------

    def abrir(self, endpoint: str, perfil: str | None, tipo_geracao: int, arquivo: bytes) -> Submissao:
        """The submission of this file (created, and committed, if it is new)."""
        chave = chave_submissao(endpoint, perfil, arquivo)
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO submissoes(chave, endpoint, perfil, tipo_geracao, arquivo, estado, criada_em,"
                " atualizada_em) VALUES (?, ?, ?, ?, ?, 'ABERTA', ?, ?)",
                (chave, endpoint, perfil, tipo_geracao, arquivo, _agora(), _agora()),
            )
            return self._submissao("chave = ?", chave)

    def submissao(self, id_: int) -> Submissao:
        with self._lock:
            return self._submissao("id = ?", id_)

    def _submissao(self, onde: str, valor: Any) -> Submissao:
        row = self._db.execute(f"SELECT * FROM submissoes WHERE {onde}", (valor,)).fetchone()
        if row is None:
            raise KeyError(valor)
        return Submissao(
            id=row["id"],
            chave=row["chave"],
            endpoint=row["endpoint"],
            perfil=row["perfil"],
            tipo_geracao=row["tipo_geracao"],
            arquivo=row["arquivo"],
            estado=row["estado"],
            resultado=json.loads(row["resultado"]) if row["resultado"] else None,
        )

    def concluir(self, submissao_id: int, resultado: list[dict[str, Any]]) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE submissoes SET estado = 'CONCLUIDA', resultado = ?, atualizada_em = ? WHERE id = ?",
                (json.dumps(resultado, ensure_ascii=False), _agora(), submissao_id),
            )

    def submissoes(self, *, abertas: bool | None = None) -> list[Submissao]:
        sql = "SELECT id FROM submissoes"
        if abertas is not None:
            sql += " WHERE estado " + ("!= 'CONCLUIDA'" if abertas else "= 'CONCLUIDA'")
        with self._lock:
            ids = [r["id"] for r in self._db.execute(sql + " ORDER BY id")]
            return [self._submissao("id = ?", i) for i in ids]

    # -- send attempts -------------------------------------------------------------------------

    def novo_envio(self, submissao_id: int, arquivo: bytes, sequenciais: dict[int, int]) -> Envio:
        """Record an attempt as ENVIANDO; call this before the request leaves."""
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO envios(submissao_id, arquivo, sequenciais, estado, criado_em, atualizado_em)"
                " VALUES (?, ?, ?, 'ENVIANDO', ?, ?)",
                (submissao_id, arquivo, json.dumps(sequenciais), _agora(), _agora()),
            )
            return self._envio(cur.lastrowid)

    def marcar(
        self, envio_id: int, estado: EstadoEnvio, *, codigo_processamento: str | None = None, erro: str | None = None
    ) -> Envio:
        with self._lock:
            self._db.execute(
                "UPDATE envios SET estado = ?, codigo_processamento = COALESCE(?, codigo_processamento),"
                " erro = COALESCE(?, erro), atualizado_em = ? WHERE id = ?",
                (estado.value, codigo_processamento, erro, _agora(), envio_id),
            )
            return self._envio(envio_id)

    def concluir_envio(self, envio_id: int, resultado: list[dict[str, Any]]) -> None:
        """Store the per-contract outcome of an attempt and mark it PROCESSADO."""
        with self._lock:
            self._db.execute(
                "UPDATE envios SET estado = 'PROCESSADO', resultado = ?, atualizado_em = ? WHERE id = ?",
                (json.dumps(resultado, ensure_ascii=False), _agora(), envio_id),
            )

    def resultado_envio(self, envio_id: int) -> list[dict[str, Any]]:
        with self._lock:
            row = self._db.execute("SELECT resultado FROM envios WHERE id = ?", (envio_id,)).fetchone()
        return json.loads(row["resultado"]) if row and row["resultado"] else []

    def envios(self, submissao_id: int) -> list[Envio]:
        with self._lock:
            ids = [
                r["id"]
                for r in self._db.execute("SELECT id FROM envios WHERE submissao_id = ? ORDER BY id", (submissao_id,))
            ]
            return [self._envio(i) for i in ids]

    def _envio(self, envio_id: int | None) -> Envio:
        row = self._db.execute("SELECT * FROM envios WHERE id = ?", (envio_id,)).fetchone()
        return Envio(
            id=row["id"],
            submissao_id=row["submissao_id"],
            arquivo=row["arquivo"],
            sequenciais={int(k): v for k, v in json.loads(row["sequenciais"]).items()},
            estado=EstadoEnvio(row["estado"]),
            codigo_processamento=row["codigo_processamento"],
            erro=row["erro"],
        )
