"""The simulator's state in SQLite (a file or ``:memory:``): schema, seeding and every query.

One connection guarded by a re-entrant lock serves all threads (HTTP handlers, the processing
worker); queries take milliseconds and answers are built outside the lock. Dates are stored as
naive Brasília ISO text (``2026-01-01T00:00:00``), so text comparison is time comparison; energy
values are stored as decimal text, never floats.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codigos as c
from .dados import Mercado

VERSAO_SCHEMA = "1"

COLUNAS: dict[str, tuple[str, ...]] = {
    "participante": (
        "codigo",
        "sigla",
        "nome_empresarial",
        "cnpj",
        "classe",
        "classe_descricao",
        "situacao",
        "situacao_descricao",
        "vigencia_inicio",
    ),
    "perfil": (
        "codigo",
        "agente",
        "sigla",
        "classe",
        "classe_descricao",
        "fonte",
        "fonte_descricao",
        "submercado",
        "principal",
        "varejista",
        "regime_cotas",
        "situacao",
        "situacao_descricao",
        "vigencia_inicio",
    ),
    "representacao": ("representante", "representado"),
    "ativo": (
        "codigo",
        "agente",
        "nome",
        "nome_reduzido",
        "tipo",
        "tipo_descricao",
        "ceg",
        "situacao",
        "situacao_descricao",
        "vigencia_inicio",
    ),
    "parcela": (
        "codigo",
        "ativo",
        "perfil",
        "agente",
        "nome",
        "nome_reduzido",
        "capacidade_total",
        "garantia_fisica",
        "submercado",
        "cnpj",
        "modalidade",
        "modalidade_descricao",
        "status",
        "status_descricao",
        "vigencia_inicio",
    ),
    "associacao": ("parcela", "contrato", "inicio", "fim"),
    "contrato": (
        "id",
        "codigo",
        "referencia",
        "observacao",
        "ambiente",
        "tipo",
        "subtipo",
        "tipo_cceal",
        "situacao",
        "inicio",
        "fim",
        "data_registro",
        "submercado",
        "vendedor",
        "comprador",
        "modulacao",
        "parcela",
    ),
    "montante": ("contrato", "tipo", "inicio", "fim", "patamar", "valor", "situacao", "data_validacao"),
}

_TIPOS_SQL = {
    "codigo": "INTEGER PRIMARY KEY",
    "id": "INTEGER PRIMARY KEY",
    "agente": "INTEGER",
    "perfil": "INTEGER",
    "classe": "INTEGER",
    "fonte": "INTEGER",
    "submercado": "INTEGER",
    "principal": "INTEGER",
    "varejista": "INTEGER",
    "regime_cotas": "INTEGER",
    "situacao": "INTEGER",
    "tipo": "INTEGER",
    "subtipo": "INTEGER",
    "tipo_cceal": "INTEGER",
    "vendedor": "INTEGER",
    "comprador": "INTEGER",
    "parcela": "INTEGER",
    "ativo": "INTEGER",
    "contrato": "INTEGER",
    "representante": "INTEGER",
    "representado": "INTEGER",
    "status": "INTEGER",
    "modalidade": "INTEGER",
}

_EXTRA_SQL = """
CREATE TABLE IF NOT EXISTS usuario (login TEXT PRIMARY KEY, agente INTEGER NOT NULL, sal BLOB NOT NULL,
                                    senha_hash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS processamento (codigo INTEGER PRIMARY KEY, agente INTEGER NOT NULL, perfil INTEGER,
                                          usuario TEXT, recebido_em TEXT NOT NULL, situacao TEXT NOT NULL,
                                          resultado TEXT, concluido_em TEXT);
CREATE TABLE IF NOT EXISTS meta (chave TEXT PRIMARY KEY, valor TEXT);
CREATE INDEX IF NOT EXISTS perfil_agente ON perfil(agente);
CREATE INDEX IF NOT EXISTS parcela_perfil ON parcela(perfil);
CREATE INDEX IF NOT EXISTS parcela_ativo ON parcela(ativo);
CREATE INDEX IF NOT EXISTS associacao_contrato ON associacao(contrato);
CREATE INDEX IF NOT EXISTS associacao_parcela ON associacao(parcela);
CREATE INDEX IF NOT EXISTS contrato_vendedor ON contrato(vendedor, id);
CREATE INDEX IF NOT EXISTS contrato_comprador ON contrato(comprador, id);
CREATE INDEX IF NOT EXISTS contrato_ambiente ON contrato(ambiente, id);
CREATE INDEX IF NOT EXISTS montante_contrato ON montante(contrato, tipo, inicio);
CREATE INDEX IF NOT EXISTS montante_pendente ON montante(situacao, contrato) WHERE situacao IN (10783, 10786);
"""

_ITERACOES_SENHA = 20_000


def _criar_tabela(nome: str) -> str:
    colunas = COLUNAS[nome]
    defs = []
    for col in colunas:
        tipo = _TIPOS_SQL.get(col, "TEXT")
        if "PRIMARY KEY" in tipo and col != colunas[0]:
            tipo = "TEXT" if (nome, col) == ("contrato", "codigo") else "INTEGER"
        defs.append(f"{col} {tipo}")
    if nome == "montante":
        defs.insert(0, "id INTEGER PRIMARY KEY")
    return f"CREATE TABLE IF NOT EXISTS {nome} ({', '.join(defs)})"


def hash_senha(senha: str, sal: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", senha.encode("utf-8"), sal, _ITERACOES_SENHA)


@dataclass
class Periodo:
    """A time filter as naive Brasília ISO text; either end may be open."""

    inicio: str | None = None
    fim: str | None = None


@dataclass
class FiltroContratos:
    ambiente: str | None = None
    tipos: list[tuple[int | None, int | None]] = field(default_factory=list)  # (tipo, subtipo)
    perfis: list[int] = field(default_factory=list)
    papel: str | None = None
    periodo: Periodo = field(default_factory=Periodo)
    nao_validados: bool = False


@dataclass
class FiltroMontantes:
    contratos: list[int] = field(default_factory=list)
    periodo: Periodo = field(default_factory=Periodo)
    tipos: list[str] = field(default_factory=list)
    ambiente: str | None = None
    nao_validados: bool = False
    perfis: list[int] = field(default_factory=list)


_CONTRATO_SELECT = """
SELECT c.*, pv.sigla AS vendedor_sigla, pv.agente AS vendedor_agente, av.sigla AS vendedor_agente_sigla,
       pc.sigla AS comprador_sigla, pc.agente AS comprador_agente, ac.sigla AS comprador_agente_sigla,
       EXISTS(SELECT 1 FROM montante m
              WHERE m.contrato = c.id AND m.situacao IN (10783, 10786)) AS nao_validados
FROM contrato c
LEFT JOIN perfil pv ON pv.codigo = c.vendedor LEFT JOIN participante av ON av.codigo = pv.agente
LEFT JOIN perfil pc ON pc.codigo = c.comprador LEFT JOIN participante ac ON ac.codigo = pc.agente
"""


def _marcas(valores: Sequence[Any]) -> str:
    return ",".join("?" * len(valores))


class Banco:
    """The simulator's database. ``caminho`` is a file path or ``":memory:"``."""

    def __init__(self, caminho: str | Path = ":memory:") -> None:
        self.caminho = str(caminho)
        self._lock = threading.RLock()
        self._con = sqlite3.connect(self.caminho, check_same_thread=False, isolation_level=None)
        self._con.row_factory = sqlite3.Row
        if self.caminho != ":memory:":
            self._con.execute("PRAGMA journal_mode=WAL")
            self._con.execute("PRAGMA synchronous=NORMAL")
        self._con.execute("PRAGMA foreign_keys=OFF")
        with self._lock:
            for nome in COLUNAS:
                self._con.execute(_criar_tabela(nome))
            self._con.executescript(_EXTRA_SQL)
            self._con.execute("INSERT OR IGNORE INTO meta VALUES ('versao', ?)", (VERSAO_SCHEMA,))

    def fechar(self) -> None:
        with self._lock:
            self._con.close()

    # -- plumbing --------------------------------------------------------------------------------

    @contextmanager
    def transacao(self) -> Iterator[sqlite3.Connection]:
        """Run several statements atomically (and alone)."""
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                yield self._con
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
            self._con.execute("COMMIT")

    def _todos(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._con.execute(sql, params).fetchall()

    def _um(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            return self._con.execute(sql, params).fetchone()

    def _escalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        linha = self._um(sql, params)
        return None if linha is None else linha[0]

    # -- seeding ---------------------------------------------------------------------------------

    @property
    def vazio(self) -> bool:
        return self._escalar("SELECT COUNT(*) FROM participante") == 0

    def carregar(self, mercado: Mercado) -> None:
        """Insert a whole market (streams generator rows in batches)."""
        with self.transacao() as con:
            for nome, linhas in (
                ("participante", mercado.participantes),
                ("perfil", mercado.perfis),
                ("representacao", mercado.representacoes),
                ("ativo", mercado.ativos),
                ("parcela", mercado.parcelas),
                ("associacao", mercado.associacoes),
                ("contrato", mercado.contratos),
                ("montante", mercado.montantes),
            ):
                self._inserir(con, nome, linhas)
            for extra in mercado.extras:
                contratos, montantes = extra()
                self._inserir(con, "contrato", contratos)
                self._inserir(con, "montante", montantes)
            for u in mercado.usuarios:
                sal = secrets.token_bytes(16)
                con.execute(
                    "INSERT OR REPLACE INTO usuario VALUES (?, ?, ?, ?)",
                    (u.login, u.agente, sal, hash_senha(u.senha, sal)),
                )
        with self._lock:
            self._con.execute("ANALYZE")

    @staticmethod
    def _inserir(con: sqlite3.Connection, nome: str, linhas: Iterable[tuple[Any, ...]]) -> None:
        colunas = COLUNAS[nome]
        con.executemany(f"INSERT INTO {nome} ({', '.join(colunas)}) VALUES ({_marcas(colunas)})", linhas)

    def contar(self, tabela: str) -> int:
        if tabela not in COLUNAS and tabela not in ("usuario", "processamento"):
            raise ValueError(tabela)
        return int(self._escalar(f"SELECT COUNT(*) FROM {tabela}"))

    # -- security --------------------------------------------------------------------------------

    def usuario(self, login: str) -> sqlite3.Row | None:
        return self._um("SELECT * FROM usuario WHERE login = ?", (login,))

    def agentes_representados(self, agente: int) -> list[int]:
        return [r[0] for r in self._todos("SELECT representado FROM representacao WHERE representante = ?", (agente,))]

    def perfis_de_agentes(self, agentes: Sequence[int]) -> list[int]:
        return [
            r[0]
            for r in self._todos(
                f"SELECT codigo FROM perfil WHERE agente IN ({_marcas(agentes)}) ORDER BY codigo",
                list(agentes),
            )
        ]

    def perfil(self, codigo: int) -> sqlite3.Row | None:
        return self._um("SELECT * FROM perfil WHERE codigo = ?", (codigo,))

    def perfil_principal(self, agente: int) -> int | None:
        return self._escalar(
            "SELECT codigo FROM perfil WHERE agente = ? ORDER BY principal DESC, codigo LIMIT 1", (agente,)
        )

    # -- registries (public) ---------------------------------------------------------------------

    def _pagina(
        self, sql_de: str, params: list[Any], ordem: str, colunas: str, offset: int, limite: int
    ) -> tuple[int, list[sqlite3.Row]]:
        with self._lock:
            total = self._con.execute(f"SELECT COUNT(*) {sql_de}", params).fetchone()[0]
            linhas = self._con.execute(
                f"SELECT {colunas} {sql_de} ORDER BY {ordem} LIMIT ? OFFSET ?", [*params, limite, offset]
            ).fetchall()
        return total, linhas

    def listar_participantes(
        self,
        *,
        codigos: Sequence[int] = (),
        cnpjs: Sequence[str] = (),
        sigla: str | None = None,
        classe: int | None = None,
        nome: str | None = None,
        vigente_em: str | None = None,
        offset: int = 0,
        limite: int = 50,
    ) -> tuple[int, list[sqlite3.Row]]:
        onde, p = ["1=1"], []
        if codigos:
            onde.append(f"codigo IN ({_marcas(codigos)})")
            p += list(codigos)
        if cnpjs:
            onde.append(f"cnpj IN ({_marcas(cnpjs)})")
            p += list(cnpjs)
        if sigla:
            onde.append("sigla LIKE ?")
            p.append(f"%{sigla}%")
        if classe is not None:
            onde.append("classe = ?")
            p.append(classe)
        if nome:
            onde.append("nome_empresarial LIKE ?")
            p.append(f"%{nome}%")
        if vigente_em:
            onde.append("(vigencia_inicio IS NULL OR vigencia_inicio <= ?)")
            p.append(vigente_em)
        return self._pagina(f"FROM participante WHERE {' AND '.join(onde)}", p, "codigo", "*", offset, limite)

    def perfis_de(self, agentes: Sequence[int]) -> dict[int, list[sqlite3.Row]]:
        por_agente: dict[int, list[sqlite3.Row]] = {}
        if agentes:
            for r in self._todos(
                f"SELECT * FROM perfil WHERE agente IN ({_marcas(agentes)}) ORDER BY codigo", list(agentes)
            ):
                por_agente.setdefault(r["agente"], []).append(r)
        return por_agente

    def listar_perfis(
        self,
        *,
        codigo: int | None = None,
        agente: int | None = None,
        sigla: str | None = None,
        classe: int | None = None,
        fonte: int | None = None,
        vigente_em: str | None = None,
        offset: int = 0,
        limite: int = 50,
    ) -> tuple[int, list[sqlite3.Row]]:
        onde, p = ["1=1"], []
        for coluna, valor in (("codigo", codigo), ("agente", agente), ("classe", classe), ("fonte", fonte)):
            if valor is not None:
                onde.append(f"{coluna} = ?")
                p.append(valor)
        if sigla:
            onde.append("sigla LIKE ?")
            p.append(f"%{sigla}%")
        if vigente_em:
            onde.append("(vigencia_inicio IS NULL OR vigencia_inicio <= ?)")
            p.append(vigente_em)
        return self._pagina(f"FROM perfil WHERE {' AND '.join(onde)}", p, "codigo", "*", offset, limite)

    def listar_ativos(
        self,
        *,
        nome: str | None = None,
        nome_reduzido: str | None = None,
        tipo: str | None = None,
        tipo_codigo: int | None = None,
        agente: int | None = None,
        vigente_em: str | None = None,
        offset: int = 0,
        limite: int = 50,
    ) -> tuple[int, list[sqlite3.Row]]:
        onde, p = ["1=1"], []
        if nome:
            onde.append("nome LIKE ?")
            p.append(f"%{nome}%")
        if nome_reduzido:
            onde.append("nome_reduzido LIKE ?")
            p.append(f"%{nome_reduzido}%")
        if tipo:
            onde.append("UPPER(tipo_descricao) = UPPER(?)")
            p.append(tipo)
        if tipo_codigo is not None:
            onde.append("tipo = ?")
            p.append(tipo_codigo)
        if agente is not None:
            onde.append("codigo IN (SELECT ativo FROM parcela WHERE agente = ?)")
            p.append(agente)
        if vigente_em:
            onde.append("(vigencia_inicio IS NULL OR vigencia_inicio <= ?)")
            p.append(vigente_em)
        return self._pagina(f"FROM ativo WHERE {' AND '.join(onde)}", p, "codigo", "*", offset, limite)

    def listar_parcelas(
        self,
        *,
        codigo: int | None = None,
        perfil: int | None = None,
        agente: int | None = None,
        ativo: int | None = None,
        cnpj: str | None = None,
        vigente_em: str | None = None,
        contratos: Sequence[int] = (),
        offset: int = 0,
        limite: int = 50,
    ) -> tuple[int, list[sqlite3.Row]]:
        onde, p = ["1=1"], []
        for coluna, valor in (
            ("codigo", codigo),
            ("perfil", perfil),
            ("agente", agente),
            ("ativo", ativo),
            ("cnpj", cnpj),
        ):
            if valor is not None:
                onde.append(f"{coluna} = ?")
                p.append(valor)
        if vigente_em:
            onde.append("(vigencia_inicio IS NULL OR vigencia_inicio <= ?)")
            p.append(vigente_em)
        if contratos:
            onde.append(f"codigo IN (SELECT parcela FROM associacao WHERE contrato IN ({_marcas(contratos)}))")
            p += list(contratos)
        return self._pagina(f"FROM parcela WHERE {' AND '.join(onde)}", p, "codigo", "*", offset, limite)

    def associacoes(
        self, parcelas: Sequence[int], visiveis: Sequence[int] | None, contratos: Sequence[int] = ()
    ) -> dict[int, list[sqlite3.Row]]:
        """Contract associations of parcels, only of contracts visible to the asker (and of ``contratos``)."""
        if not parcelas:
            return {}
        sql = (
            f"SELECT a.* FROM associacao a JOIN contrato c ON c.id = a.contrato "
            f"WHERE a.parcela IN ({_marcas(parcelas)})"
        )
        p: list[Any] = list(parcelas)
        if visiveis is not None:
            marcas = _marcas(visiveis)
            sql += f" AND (c.ambiente = 'REGULADO' OR c.vendedor IN ({marcas}) OR c.comprador IN ({marcas}))"
            p += list(visiveis) * 2
        if contratos:
            sql += f" AND a.contrato IN ({_marcas(contratos)})"
            p += list(contratos)
        por_parcela: dict[int, list[sqlite3.Row]] = {}
        for r in self._todos(sql + " ORDER BY a.parcela, a.contrato, a.inicio", p):
            por_parcela.setdefault(r["parcela"], []).append(r)
        return por_parcela

    # -- contracts -------------------------------------------------------------------------------

    @staticmethod
    def _visibilidade(visiveis: Sequence[int] | None, onde: list[str], p: list[Any]) -> None:
        """The access rule: ACR contracts are public, ACL ones need an own or represented party."""
        if visiveis is None:
            return
        onde.append(
            f"(c.ambiente = 'REGULADO' OR c.vendedor IN ({_marcas(visiveis)}) OR c.comprador IN ({_marcas(visiveis)}))"
        )
        p += list(visiveis) * 2

    @staticmethod
    def _periodo(alias: str, periodo: Periodo, onde: list[str], p: list[Any]) -> None:
        if periodo.fim:
            onde.append(f"{alias}.inicio < ?")
            p.append(periodo.fim)
        if periodo.inicio:
            onde.append(f"{alias}.fim > ?")
            p.append(periodo.inicio)

    def listar_contratos(
        self, f: FiltroContratos, visiveis: Sequence[int] | None, *, offset: int = 0, limite: int = 100
    ) -> tuple[int, list[sqlite3.Row]]:
        onde, p = ["1=1"], []
        self._visibilidade(visiveis, onde, p)
        if f.ambiente:
            onde.append("c.ambiente = ?")
            p.append(f.ambiente)
        if f.tipos:
            ors = []
            for tipo, subtipo in f.tipos:
                partes = []
                if tipo is not None:
                    partes.append("c.tipo = ?")
                    p.append(tipo)
                if subtipo is not None:
                    partes.append("c.subtipo = ?")
                    p.append(subtipo)
                ors.append("(" + (" AND ".join(partes) or "1=1") + ")")
            onde.append("(" + " OR ".join(ors) + ")")
        if f.perfis:
            marcas = _marcas(f.perfis)
            if f.papel == "VENDEDOR":
                onde.append(f"c.vendedor IN ({marcas})")
                p += f.perfis
            elif f.papel == "COMPRADOR":
                onde.append(f"c.comprador IN ({marcas})")
                p += f.perfis
            else:
                onde.append(f"(c.vendedor IN ({marcas}) OR c.comprador IN ({marcas}))")
                p += f.perfis * 2
        self._periodo("c", f.periodo, onde, p)
        if f.nao_validados:
            sub, sp = ["m.contrato = c.id", "m.situacao IN (10783, 10786)"], []
            self._periodo("m", f.periodo, sub, sp)
            onde.append(f"EXISTS (SELECT 1 FROM montante m WHERE {' AND '.join(sub)})")
            p += sp
        where = " AND ".join(onde)
        with self._lock:
            total = self._con.execute(f"SELECT COUNT(*) FROM contrato c WHERE {where}", p).fetchone()[0]
            linhas = self._con.execute(
                f"{_CONTRATO_SELECT} WHERE {where} ORDER BY c.id LIMIT ? OFFSET ?", [*p, limite, offset]
            ).fetchall()
        return total, linhas

    def contrato(self, id_: int) -> sqlite3.Row | None:
        return self._um(f"{_CONTRATO_SELECT} WHERE c.id = ?", (id_,))

    def montantes_de(
        self, contrato: int, periodo: Periodo, *, tipos: Sequence[str] = (), sem_horarios: bool = True
    ) -> list[sqlite3.Row]:
        onde, p = ["m.contrato = ?"], [contrato]
        self._periodo("m", periodo, onde, p)
        if tipos:
            onde.append(f"m.tipo IN ({_marcas(tipos)})")
            p += list(tipos)
        elif sem_horarios:
            onde.append("m.tipo <> 'MONTANTE_MODULARIZADO'")
        return self._todos(f"SELECT m.* FROM montante m WHERE {' AND '.join(onde)} ORDER BY m.tipo, m.inicio, m.id", p)

    def listar_montantes(
        self, f: FiltroMontantes, visiveis: Sequence[int] | None, *, offset: int = 0, limite: int = 500
    ) -> tuple[int, list[sqlite3.Row]]:
        onde, p = ["1=1"], []
        self._visibilidade(visiveis, onde, p)
        if f.contratos:
            onde.append(f"m.contrato IN ({_marcas(f.contratos)})")
            p += f.contratos
        if f.tipos:
            onde.append(f"m.tipo IN ({_marcas(f.tipos)})")
            p += f.tipos
        if f.ambiente:
            onde.append("c.ambiente = ?")
            p.append(f.ambiente)
        if f.nao_validados:
            onde.append("m.situacao IN (10783, 10786)")
        if f.perfis:
            marcas = _marcas(f.perfis)
            onde.append(f"(c.vendedor IN ({marcas}) OR c.comprador IN ({marcas}))")
            p += f.perfis * 2
        self._periodo("m", f.periodo, onde, p)
        return self._pagina(
            f"FROM montante m JOIN contrato c ON c.id = m.contrato WHERE {' AND '.join(onde)}",
            p,
            "m.contrato, m.tipo, m.inicio, m.id",
            "m.*",
            offset,
            limite,
        )

    # -- life cycle writes (call inside transacao()) ---------------------------------------------

    def proximo_id_contrato(self, con: sqlite3.Connection) -> int:
        return int(con.execute("SELECT COALESCE(MAX(id), 900000) + 1 FROM contrato").fetchone()[0])

    def inserir(self, con: sqlite3.Connection, tabela: str, linhas: Iterable[tuple[Any, ...]]) -> None:
        self._inserir(con, tabela, linhas)

    # -- processing ------------------------------------------------------------------------------

    def novo_processamento(
        self,
        agente: int,
        perfil: int | None,
        usuario: str,
        recebido_em: str,
        situacao: str = c.EM_PROCESSAMENTO,
    ) -> int:
        with self.transacao() as con:
            codigo = int(con.execute("SELECT COALESCE(MAX(codigo), 700000) + 1 FROM processamento").fetchone()[0])
            con.execute(
                "INSERT INTO processamento (codigo, agente, perfil, usuario, recebido_em, situacao) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (codigo, agente, perfil, usuario, recebido_em, situacao),
            )
        return codigo

    def processamento(self, codigo: int) -> sqlite3.Row | None:
        return self._um("SELECT * FROM processamento WHERE codigo = ?", (codigo,))

    def concluir_processamento(self, con: sqlite3.Connection, codigo: int, resultado: str, concluido_em: str) -> None:
        con.execute(
            "UPDATE processamento SET situacao = ?, resultado = ?, concluido_em = ? WHERE codigo = ?",
            (c.PROCESSADO, resultado, concluido_em, codigo),
        )

    def processamentos_pendentes(self) -> list[int]:
        return [
            r[0]
            for r in self._todos(
                "SELECT codigo FROM processamento WHERE situacao = ? ORDER BY codigo", (c.EM_PROCESSAMENTO,)
            )
        ]
