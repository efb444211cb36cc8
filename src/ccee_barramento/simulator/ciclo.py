"""The contract life cycle: importarArquivo → queue → worker → per-contract results.

``importar`` reads the ContratosCCEAL file (:func:`ccee_barramento.cceal.ler_xml`), checks its field
rules (:func:`ccee_barramento.cceal.validar`) and queues the processing; a worker thread runs it after
``atraso`` seconds (``processar_pendentes`` runs everything now). Each contract of the file becomes one
``detalhe`` (SUCESSO, AVISO or ERRO) with its ``sequencialControle`` and, on success, the contract code.

Business rules applied per contract:

* create (tipoGeracao 1-6): only the seller registers (``idVendedor`` must be the user's own or
  represented profile); amounts are split per month and start INSERIDO_NAO_VALIDADO (10783);
* edit (13-17): only the seller; the edited months become AJUSTADO_NAO_VALIDADO (10786);
* validate (24): only the buyer; pending amounts of each period become VALIDADO (10784), and the
  contract VALIDADO once nothing is pending;
* finalize/cancel (25): the seller finalizes (``dataFinalizacao``) or cancels; the buyer validates
  the finalization or the cancellation.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from lxml import etree

from ..cceal import ler_xml, validar
from ..cceal.errors import ErroLeituraCCEAL, ErroRegraCCEAL, ErrosArquivoCCEAL
from ..cceal.models import (
    ArquivoCCEAL,
    CancelamentoContrato,
    ContratoNovo,
    EdicaoContrato,
    FinalizacaoContrato,
    MontanteMedio,
    MontanteMedioEdicao,
    ValidacaoMontantes,
)
from ..cceal.tipos import TipoGravacao
from . import codigos as c
from .banco import Banco
from .erros import FalhaBarramento
from .leitura import agora
from .seguranca import Sessao

log = logging.getLogger("ccee_barramento.simulator")

Evento = tuple[str, int, str | None]  # (evento, contrato, mês de referência AAAA-MM ou None)
Publicar = Callable[[str, dict[str, Any], set[int]], None]

_CONTRATO_ENCERRADO = (c.CANCELADO, c.FINALIZADO)


class ErroContrato(Exception):
    """A business rule refused one contract of the file (becomes an ERRO detalhe)."""


@dataclass
class _Trabalho:
    codigo: int
    sessao: Sessao
    arquivo: ArquivoCCEAL | None
    erros: dict[int | None, list[str]]
    sequenciais: list[int]
    pronto_em: float


@dataclass
class _Saida:
    detalhes: list[dict[str, Any]] = field(default_factory=list)
    eventos: list[tuple[Evento, set[int], str]] = field(default_factory=list)


def _fim_exclusivo(d: datetime) -> datetime:
    """Exclusive end of a file date: hour masks include their last hour (``31/01/2026 23``).

    An end at hour 00 (``01/02/2026 00``) is already exclusive.
    """
    return d if d.hour == 0 and d.minute == 0 else d.replace(minute=0, second=0) + timedelta(hours=1)


def _meses(inicio: datetime, fim: datetime) -> Iterator[tuple[datetime, datetime]]:
    """[inicio, fim) cut at month boundaries."""
    atual = inicio
    while atual < fim:
        seguinte = datetime(atual.year + (atual.month == 12), atual.month % 12 + 1, 1)
        yield atual, min(seguinte, fim)
        atual = seguinte


def _decimal(valor: Decimal) -> str:
    return format(valor.quantize(Decimal("0.000001")), "f")


class Ciclo:
    """Processing queue and worker of the importarArquivo life cycle."""

    def __init__(self, banco: Banco, publicar: Publicar | None = None, *, atraso: float = 0.2) -> None:
        self.banco = banco
        self.atraso = atraso
        self._publicar = publicar
        self._fila: dict[int, _Trabalho] = {}
        self._cond = threading.Condition()
        self._processando = threading.Lock()
        self._thread: threading.Thread | None = None
        self._parar = False

    # -- worker --------------------------------------------------------------------------------

    def iniciar(self) -> None:
        self._parar = False
        self._thread = threading.Thread(target=self._laco, name="ccee-sim-processamento", daemon=True)
        self._thread.start()

    def parar(self) -> None:
        with self._cond:
            self._parar = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _laco(self) -> None:
        while True:
            with self._cond:
                if self._parar:
                    return
                agora_ = time.monotonic()
                prontos = [t for t in self._fila.values() if t.pronto_em <= agora_]
                if not prontos:
                    proximo = min((t.pronto_em for t in self._fila.values()), default=None)
                    self._cond.wait(None if proximo is None else max(0.0, proximo - agora_))
                    continue
            for trabalho in sorted(prontos, key=lambda t: t.codigo):
                self._executar(trabalho)

    def processar_pendentes(self) -> int:
        """Run every queued processing now (in the caller's thread); returns how many ran."""
        with self._cond:
            trabalhos = sorted(self._fila.values(), key=lambda t: t.codigo)
        for trabalho in trabalhos:
            self._executar(trabalho)
        return len(trabalhos)

    def _executar(self, trabalho: _Trabalho) -> None:
        with self._processando:
            with self._cond:
                if self._fila.pop(trabalho.codigo, None) is None:
                    return  # another thread ran it
            try:
                saida = self._processar(trabalho)
            except Exception:  # never leave a processing stuck: report the failure per contract
                log.exception("falha interna no processamento %s", trabalho.codigo)
                saida = _Saida(
                    [
                        {
                            "sequencialControle": s,
                            "status": "ERRO",
                            "descricao": "Erro interno no processamento do contrato.",
                        }
                        for s in trabalho.sequenciais
                    ]
                )
            with self.banco.transacao() as con:
                self.banco.concluir_processamento(con, trabalho.codigo, json.dumps(saida.detalhes), agora())
        for (evento, contrato, mes), agentes, ambiente in saida.eventos:
            if self._publicar is not None:
                self._publicar(
                    evento,
                    {"ID_CONTRATO": str(contrato), "MES_REFERENCIA": mes, "AMBIENTE_CONTRATACAO": ambiente},
                    agentes,
                )

    # -- public API ----------------------------------------------------------------------------

    def importar(self, sessao: Sessao, texto: str) -> int:
        """Read and check the file, queue its processing; returns the codigoProcessamento."""
        arquivo: ArquivoCCEAL | None = None
        erros: dict[int | None, list[str]] = {}
        try:
            arquivo = ler_xml(texto)
        except ErroLeituraCCEAL as exc:
            raise FalhaBarramento(c.ARQUIVO_ILEGIVEL, str(exc)) from None
        except ErrosArquivoCCEAL as exc:
            _agrupar(exc.erros, erros)
        else:
            _agrupar(validar(arquivo), erros)
        sequenciais = (
            [int(ct.sequencial_controle or i) for i, ct in enumerate(arquivo.contratos, 1)]
            if arquivo is not None
            else _sequenciais_brutos(texto)
        )
        codigo = self.banco.novo_processamento(sessao.agente, sessao.perfil, sessao.login, agora())
        with self._cond:
            self._fila[codigo] = _Trabalho(
                codigo, sessao, arquivo, erros, sequenciais, time.monotonic() + max(0.0, self.atraso)
            )
            self._cond.notify_all()
        return codigo

    def resultado(self, sessao: Sessao, codigo: int) -> tuple[str, list[dict[str, Any]]]:
        """(situacao, detalhes) of a processing the asking agent imported."""
        linha = self.banco.processamento(codigo)
        if linha is None or (linha["agente"] != sessao.agente and linha["perfil"] not in sessao.perfis_autorizados):
            raise FalhaBarramento(c.PROCESSAMENTO_NAO_ENCONTRADO, f"Codigo de processamento {codigo} nao encontrado.")
        if linha["situacao"] != c.PROCESSADO:
            return c.EM_PROCESSAMENTO, []
        return c.PROCESSADO, json.loads(linha["resultado"] or "[]")

    # -- processing ----------------------------------------------------------------------------

    def _processar(self, t: _Trabalho) -> _Saida:
        saida = _Saida()
        do_arquivo = t.erros.get(None, [])
        if t.arquivo is None:  # fields could not even be typed
            for seq in t.sequenciais:
                mensagens = do_arquivo + t.erros.get(seq, [])
                saida.detalhes.append(
                    _erro(
                        seq,
                        "; ".join(mensagens)
                        if mensagens
                        else "Contrato nao processado: o arquivo tem erros de formato.",
                    )
                )
            return saida
        for i, contrato in enumerate(t.arquivo.contratos, 1):
            seq = int(contrato.sequencial_controle or i)
            mensagens = do_arquivo + t.erros.get(seq, [])
            if mensagens:
                saida.detalhes.append(_erro(seq, "; ".join(mensagens)))
                continue
            try:
                with self.banco.transacao() as con:
                    detalhe, eventos = self._contrato(con, t.sessao, t.arquivo, contrato)
            except ErroContrato as exc:
                saida.detalhes.append(_erro(seq, str(exc)))
                continue
            detalhe["sequencialControle"] = seq
            saida.detalhes.append(detalhe)
            saida.eventos.extend(eventos)
        return saida

    def _contrato(
        self, con: sqlite3.Connection, s: Sessao, arquivo: ArquivoCCEAL, ct: Any
    ) -> tuple[dict[str, Any], list[tuple[Evento, set[int], str]]]:
        if isinstance(ct, ContratoNovo):
            return self._registrar(con, s, ct)
        if isinstance(ct, EdicaoContrato):
            return self._editar(con, s, ct)
        if isinstance(ct, ValidacaoMontantes):
            return self._validar(con, s, ct)
        if isinstance(ct, (FinalizacaoContrato, CancelamentoContrato)):
            return self._encerrar(con, s, ct)
        raise ErroContrato(f"Operacao tipoGeracao={arquivo.tipo_geracao.value} nao suportada pelo simulador.")

    def _existente(self, con: sqlite3.Connection, s: Sessao, numero: int) -> sqlite3.Row:
        linha = con.execute("SELECT * FROM contrato WHERE id = ?", (numero,)).fetchone()
        if (
            linha is None
            or linha["ambiente"] != c.LIVRE
            or not (s.autorizado(linha["vendedor"]) or s.autorizado(linha["comprador"]))
        ):
            raise ErroContrato(f"Contrato {numero} nao encontrado para os perfis proprios ou representados.")
        return linha

    def _agentes(self, con: sqlite3.Connection, *perfis: int) -> set[int]:
        marcas = ",".join("?" * len(perfis))
        return {r[0] for r in con.execute(f"SELECT agente FROM perfil WHERE codigo IN ({marcas})", perfis)}

    def _registrar(self, con: sqlite3.Connection, s: Sessao, ct: ContratoNovo):  # type: ignore[no-untyped-def]
        if not s.autorizado(ct.id_vendedor):
            raise ErroContrato(
                f"Somente o vendedor pode registrar o contrato: o perfil vendedor {ct.id_vendedor} "
                "nao e proprio nem representado pelo usuario."
            )
        if ct.id_comprador == ct.id_vendedor:
            raise ErroContrato("Comprador e vendedor devem ser perfis distintos.")
        if con.execute("SELECT 1 FROM perfil WHERE codigo = ?", (ct.id_comprador,)).fetchone() is None:
            raise ErroContrato(f"Perfil comprador {ct.id_comprador} nao cadastrado na CCEE.")
        modulacao = next((m.modulacao for m in ct.montantes if m.modulacao is not None), None)
        tipo_mod = modulacao.tipo_modulacao.value if modulacao and modulacao.tipo_modulacao else None
        parcela = modulacao.id_ativo_associado_modulacao if modulacao else None
        if parcela is not None and con.execute("SELECT 1 FROM parcela WHERE codigo = ?", (parcela,)).fetchone() is None:
            raise ErroContrato(f"Parcela de ativo {parcela} nao cadastrada (AtivoAssociadoModulacao).")
        inicio, fim = ct.data_de_inicio, _fim_exclusivo(ct.data_de_fim)
        id_ = self.banco.proximo_id_contrato(con)
        rascunho = ct.tipo_gravacao == TipoGravacao.RASCUNHO
        self.banco.inserir(
            con,
            "contrato",
            [
                (
                    id_,
                    str(id_),
                    ct.referencia,
                    ct.observacao,
                    c.LIVRE,
                    c.TIPO_ACL,
                    c.SUBTIPO_CCEAL,
                    1,
                    c.RASCUNHO if rascunho else c.REGISTRADO,
                    inicio.isoformat(),
                    fim.isoformat(),
                    agora(),
                    int(ct.id_sub_mer_entrega),
                    ct.id_vendedor,
                    ct.id_comprador,
                    tipo_mod,
                    parcela,
                )
            ],
        )
        if parcela is not None:
            self.banco.inserir(con, "associacao", [(parcela, id_, inicio.isoformat(), fim.isoformat())])
        for mm in ct.montantes:
            self.banco.inserir(
                con,
                "montante",
                _linhas_montante(id_, mm, mm.data_de_inicio, mm.data_de_fim, c.INSERIDO_NAO_VALIDADO),
            )
        agentes = self._agentes(con, ct.id_vendedor, ct.id_comprador)
        descricao = "Contrato gravado como rascunho." if rascunho else "Contrato registrado com sucesso."
        return (
            {"status": "AVISO" if rascunho else "SUCESSO", "descricao": descricao, "contrato": id_},
            [(("CONTRATO.REGISTRADO", id_, None), agentes, "ACL")],
        )

    def _editar(self, con: sqlite3.Connection, s: Sessao, ct: EdicaoContrato):  # type: ignore[no-untyped-def]
        linha = self._existente(con, s, ct.numero_contrato)
        if not s.autorizado(linha["vendedor"]):
            raise ErroContrato("Somente o vendedor pode editar o contrato.")
        if linha["situacao"] in _CONTRATO_ENCERRADO:
            raise ErroContrato(
                f"Contrato {linha['id']} {c.SITUACOES_CONTRATO[linha['situacao']]} nao pode ser editado."
            )
        id_ = linha["id"]
        eventos: list[tuple[Evento, set[int], str]] = []
        agentes = self._agentes(con, linha["vendedor"], linha["comprador"])
        for mm in ct.montantes:
            inicio, fim = mm.vigencia_de_inicio, _fim_exclusivo(mm.vigencia_de_fim)
            if inicio.isoformat() < linha["inicio"] or fim.isoformat() > linha["fim"]:
                raise ErroContrato(
                    f"Periodo {inicio:%d/%m/%Y %H} a {mm.vigencia_de_fim:%d/%m/%Y %H} fora da vigencia do contrato."
                )
            for nova in _linhas_montante(id_, mm, inicio, mm.vigencia_de_fim, c.AJUSTADO_NAO_VALIDADO):
                _, tipo, ini, fi, patamar, valor, _sit, _dv = nova
                cur = con.execute(
                    "UPDATE montante SET valor = ?, situacao = ?, data_validacao = NULL "
                    "WHERE contrato = ? AND tipo = ? "
                    "AND inicio = ? AND fim = ? AND COALESCE(patamar, '') = COALESCE(?, '')",
                    (valor, c.AJUSTADO_NAO_VALIDADO, id_, tipo, ini, fi, patamar),
                )
                if cur.rowcount == 0:
                    self.banco.inserir(con, "montante", [nova[:6] + (c.INSERIDO_NAO_VALIDADO, None)])
                if tipo == c.MONTANTE_MEDIO:
                    eventos.append((("MONTANTE_ENERGIA.AJUSTADO", id_, ini[:7]), agentes, "ACL"))
        if linha["situacao"] == c.CONTRATO_VALIDADO:
            con.execute("UPDATE contrato SET situacao = ? WHERE id = ?", (c.REGISTRADO, id_))
        eventos.insert(0, (("CONTRATO.ATUALIZADO", id_, None), agentes, "ACL"))
        return {
            "status": "SUCESSO",
            "descricao": "Montantes do contrato ajustados.",
            "contrato": id_,
        }, eventos

    def _validar(self, con: sqlite3.Connection, s: Sessao, ct: ValidacaoMontantes):  # type: ignore[no-untyped-def]
        linha = self._existente(con, s, ct.numero_contrato)
        if not s.autorizado(linha["comprador"]):
            raise ErroContrato("Somente o comprador pode validar os montantes do contrato.")
        if linha["situacao"] == c.RASCUNHO:
            raise ErroContrato("Contrato em rascunho nao pode ser validado.")
        if linha["situacao"] == c.CANCELADO:
            raise ErroContrato("Contrato cancelado nao pode ser validado.")
        id_, validados, sem_pendencia = linha["id"], 0, []
        agentes = self._agentes(con, linha["vendedor"], linha["comprador"])
        eventos: list[tuple[Evento, set[int], str]] = []
        quando = agora()
        for vm in ct.montantes:
            v = vm.vigencia_de_inicio.isoformat()
            medio = con.execute(
                "SELECT inicio, fim FROM montante "
                "WHERE contrato = ? AND tipo = ? AND inicio <= ? AND fim > ? "
                "ORDER BY inicio LIMIT 1",
                (id_, c.MONTANTE_MEDIO, v, v),
            ).fetchone()
            if medio is not None:
                ini, fim = medio["inicio"], medio["fim"]
            else:
                d = vm.vigencia_de_inicio
                ini = datetime(d.year, d.month, 1).isoformat()
                fim = datetime(d.year + (d.month == 12), d.month % 12 + 1, 1).isoformat()
            cur = con.execute(
                "UPDATE montante SET situacao = ?, data_validacao = ? "
                "WHERE contrato = ? AND situacao IN (10783, 10786) "
                "AND inicio >= ? AND fim <= ?",
                (c.VALIDADO, quando, id_, ini, fim),
            )
            if cur.rowcount:
                validados += cur.rowcount
                eventos.append((("MONTANTE_ENERGIA.VALIDADO", id_, ini[:7]), agentes, "ACL"))
            else:
                sem_pendencia.append(f"{vm.vigencia_de_inicio:%d/%m/%Y %H}")
        if not validados:
            raise ErroContrato(
                "Nao ha montantes nao validados no(s) periodo(s) informado(s): " + ", ".join(sem_pendencia) + "."
            )
        pendentes = con.execute(
            "SELECT COUNT(*) FROM montante WHERE contrato = ? AND situacao IN (10783, 10786)", (id_,)
        ).fetchone()[0]
        if not pendentes and linha["situacao"] == c.REGISTRADO:
            con.execute("UPDATE contrato SET situacao = ? WHERE id = ?", (c.CONTRATO_VALIDADO, id_))
            eventos.append((("CONTRATO.VALIDADO", id_, None), agentes, "ACL"))
        if sem_pendencia:
            return (
                {
                    "status": "AVISO",
                    "contrato": id_,
                    "descricao": f"{validados} montante(s) validado(s); sem montantes pendentes em "
                    + ", ".join(sem_pendencia)
                    + ".",
                },
                eventos,
            )
        return {
            "status": "SUCESSO",
            "descricao": f"{validados} montante(s) validado(s).",
            "contrato": id_,
        }, eventos

    def _encerrar(self, con: sqlite3.Connection, s: Sessao, ct: Any):  # type: ignore[no-untyped-def]
        linha = self._existente(con, s, ct.numero_contrato)
        id_ = linha["id"]
        agentes = self._agentes(con, linha["vendedor"], linha["comprador"])
        if isinstance(ct, FinalizacaoContrato) and ct.data_finalizacao is not None:
            if not s.autorizado(linha["vendedor"]):
                raise ErroContrato("Somente o vendedor pode finalizar o contrato.")
            if linha["situacao"] in _CONTRATO_ENCERRADO:
                raise ErroContrato(f"Contrato {id_} ja esta {c.SITUACOES_CONTRATO[linha['situacao']]}.")
            fim = _fim_exclusivo(ct.data_finalizacao).isoformat()
            if not linha["inicio"] < fim <= linha["fim"]:
                raise ErroContrato("dataFinalizacao fora da vigencia do contrato.")
            con.execute("DELETE FROM montante WHERE contrato = ? AND inicio >= ?", (id_, fim))
            con.execute("UPDATE montante SET fim = ? WHERE contrato = ? AND fim > ?", (fim, id_, fim))
            con.execute("UPDATE contrato SET situacao = ?, fim = ? WHERE id = ?", (c.FINALIZADO, fim, id_))
            return (
                {"status": "SUCESSO", "descricao": "Contrato finalizado.", "contrato": id_},
                [(("CONTRATO.FINALIZADO", id_, None), agentes, "ACL")],
            )
        if isinstance(ct, CancelamentoContrato) and ct.cancelar_contrato:
            if not s.autorizado(linha["vendedor"]):
                raise ErroContrato("Somente o vendedor pode cancelar o contrato.")
            if linha["situacao"] in _CONTRATO_ENCERRADO:
                raise ErroContrato(f"Contrato {id_} ja esta {c.SITUACOES_CONTRATO[linha['situacao']]}.")
            con.execute("UPDATE contrato SET situacao = ? WHERE id = ?", (c.CANCELADO, id_))
            return (
                {"status": "SUCESSO", "descricao": "Contrato cancelado.", "contrato": id_},
                [(("CONTRATO.CANCELADO", id_, None), agentes, "ACL")],
            )
        # the buyer validates the seller's finalization or cancellation
        esperado = c.FINALIZADO if isinstance(ct, FinalizacaoContrato) else c.CANCELADO
        acao = "finalizacao" if esperado == c.FINALIZADO else "cancelamento"
        if not s.autorizado(linha["comprador"]):
            raise ErroContrato(f"Somente o comprador pode validar o {acao} do contrato.")
        if linha["situacao"] != esperado:
            raise ErroContrato(f"Nao ha {acao} do contrato {id_} a validar.")
        return {"status": "SUCESSO", "descricao": f"Validacao do {acao} registrada.", "contrato": id_}, []


def _linhas_montante(
    contrato: int,
    mm: MontanteMedio | MontanteMedioEdicao,
    inicio: datetime,
    fim_mascara: datetime,
    situacao: int,
) -> list[tuple[Any, ...]]:
    """Amount rows of one MontanteMedio: monthly MONTANTE_MEDIO plus declared hourly/patamar rows."""
    fim = _fim_exclusivo(fim_mascara)
    linhas: list[tuple[Any, ...]] = []
    valor = mm.montante_medio
    if valor is None and mm.semanas:
        valor = sum((s.montante_medio for s in mm.semanas), Decimal(0)) / len(mm.semanas)
    if valor is not None:
        for a, b in _meses(inicio, fim):
            linhas.append(
                (
                    contrato,
                    c.MONTANTE_MEDIO,
                    a.isoformat(),
                    b.isoformat(),
                    None,
                    _decimal(valor),
                    situacao,
                    None,
                )
            )
    vistos: set[str] = set()
    for h in mm.horarios:
        mes, ano = (int(x) for x in h.mes_ano.split("/"))
        hora = datetime(ano, mes, h.dia, int(h.hora.rstrip("*")))
        chave = hora.isoformat()
        if chave in vistos:  # "23*": the extra hour when daylight saving ended (not in use since 2019)
            continue
        vistos.add(chave)
        linhas.append(
            (
                contrato,
                c.MONTANTE_MODULARIZADO,
                chave,
                (hora + timedelta(hours=1)).isoformat(),
                None,
                _decimal(h.montante_horario),
                situacao,
                None,
            )
        )
    for p in mm.patamares:
        for patamar, v in (("LEVE", p.leve), ("MEDIO", p.medio), ("PESADO", p.pesado)):
            if v is not None:
                linhas.append(
                    (
                        contrato,
                        c.MONTANTE_MODULARIZADO,
                        inicio.isoformat(),
                        fim.isoformat(),
                        patamar,
                        _decimal(v),
                        situacao,
                        None,
                    )
                )
    return linhas


def _erro(seq: int | None, descricao: str) -> dict[str, Any]:
    return {"sequencialControle": seq, "status": "ERRO", "descricao": descricao[:2000]}


def _agrupar(erros: list[ErroRegraCCEAL], destino: dict[int | None, list[str]]) -> None:
    for e in erros:
        destino.setdefault(e.sequencial_controle, []).append(e.mensagem)


def _sequenciais_brutos(texto: str) -> list[int]:
    """sequencialControle of each Contrato of a file whose fields could not be typed."""
    try:
        dados = texto.encode("latin-1", errors="replace") if isinstance(texto, str) else texto
        dados = dados.split(b"?>", 1)[1] if dados.lstrip().startswith(b"<?xml") else dados
        raiz = etree.fromstring(dados, etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, ValueError):
        return [1]
    sequenciais = []
    for i, no in enumerate(raiz.iter("Contrato"), 1):
        try:
            sequenciais.append(int(no.get("sequencialControle") or i))
        except ValueError:
            sequenciais.append(i)
    return sequenciais or [1]
