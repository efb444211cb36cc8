"""Journaled, resumable submission of a ContratosCCEAL file: send once, poll, never register twice.

``submeter`` is what ``registrar`` (seller) and ``validar`` (buyer) run underneath:

1. the file is journaled (:mod:`.diario`) before anything is sent;
2. each send attempt is journaled as ENVIANDO before the request leaves, then ENVIADO with the
   ``codigoProcessamento``, then PROCESSADO with the per-contract outcome;
3. run again after a crash, a timeout or a lost answer, it resumes: an ENVIADO attempt is polled
   again; an attempt whose answer was lost (INCERTO, or ENVIANDO left by a killed process) is
   *reconciled* for create operations (tipoGeracao 1–6): each contract is looked up with
   listarContrato by its seller profile and ``referencia``, and only contracts not found are
   sent again (in a new file). Other operations (edit, validate, finalize) are idempotent and
   are simply sent again.

The residual risk is a lost answer whose processing is still queued at CCEE when the lookup runs:
the lookup is repeated for ``carencia`` seconds before anything is resent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..cceal import ArquivoCCEAL, ContratoNovo, gerar_xml, ler_xml
from ..client import CCEEClient
from ..errors import BusFault, InputError, TransportError
from ..models.contrato import Papel
from ..models.processamento import ResultadoProcessamento, StatusDetalhe
from .diario import Diario, Envio, EstadoEnvio, Submissao
from .processamento import aguardar_processamento

log = logging.getLogger("ccee_barramento.workflows")

#: Operations that create contracts: the only ones that must never be sent twice.
CRIACAO = frozenset({1, 2, 3, 4, 5, 6})


class ResultadoContrato(BaseModel):
    """The outcome for one contract of the submitted file."""

    sequencial_controle: int
    referencia: str | None = None
    numero_contrato: int | None = None
    status: str
    descricao: str | None = None
    codigo_contrato: int | None = None
    #: "processamento" (obterResultadoProcessamento) or "consulta" (found by listarContrato on a rerun).
    origem: str = "processamento"
    codigo_processamento: str | None = None

    @property
    def sucesso(self) -> bool:
        return self.status != StatusDetalhe.ERRO.value


class ResultadoSubmissao(BaseModel):
    submissao_id: int
    tipo_geracao: int
    contratos: list[ResultadoContrato]
    codigos_processamento: list[str]
    #: True when this run only read an earlier run's outcome from the journal.
    do_diario: bool = False

    @property
    def sucesso(self) -> bool:
        return all(c.sucesso for c in self.contratos)


@dataclass
class Andamento:
    """Callbacks for progress display (CLI spinners, logs)."""

    ao_enviar: Callable[[Envio], None] | None = None
    ao_consultar: Callable[[ResultadoProcessamento, float], None] | None = None
    ao_reconciliar: Callable[[list[int], list[int]], None] | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def submeter(
    client: CCEEClient,
    arquivo: ArquivoCCEAL,
    *,
    diario: Diario,
    codigo_perfil_agente: str | int | None = None,
    timeout: float = 600.0,
    intervalo_inicial: float = 1.0,
    intervalo_maximo: float = 30.0,
    carencia: float = 30.0,
    andamento: Andamento | None = None,
    dormir: Callable[[float], None] = time.sleep,
) -> ResultadoSubmissao:
    """Send ``arquivo`` once (journaled), wait for its processing and return the per-contract outcome."""
    andamento = andamento or Andamento()
    perfil = str(codigo_perfil_agente or client.config.codigo_perfil_agente or "") or None
    dados = gerar_xml(arquivo)
    tipo = int(arquivo.tipo_geracao)
    sub = diario.abrir(client.config.endpoint_base, perfil, tipo, dados)
    if sub.concluida:
        return _do_diario(sub)
    while True:
        envios = diario.envios(sub.id)
        ultimo = envios[-1] if envios else None
        if ultimo is None:
            todos = {c.sequencial_controle: c.sequencial_controle for c in arquivo.contratos}
            _enviar(client, diario, sub, dados, todos, perfil, andamento)
        elif ultimo.estado is EstadoEnvio.PROCESSADO:
            return _concluir(diario, sub, envios)
        elif ultimo.estado is EstadoEnvio.ENVIADO:
            resultado = aguardar_processamento(
                client,
                ultimo.codigo_processamento or "",
                codigo_perfil_agente=perfil,
                timeout=timeout,
                intervalo_inicial=intervalo_inicial,
                intervalo_maximo=intervalo_maximo,
                ao_consultar=andamento.ao_consultar,
                dormir=dormir,
            )
            _registrar_resultado(diario, ultimo, resultado)
        elif ultimo.estado is EstadoEnvio.REJEITADO:
            # An earlier run's attempt was refused or never left: nothing was processed, send it again.
            diario.marcar(ultimo.id, EstadoEnvio.PROCESSADO)
            _enviar(client, diario, sub, ultimo.arquivo, ultimo.sequenciais, perfil, andamento)
        else:
            # ENVIANDO left by a killed run, or INCERTO: the bus may or may not have the file.
            faltantes = _reconciliar(client, diario, sub, ultimo, perfil, carencia, andamento, dormir)
            if faltantes:
                novo, mapa = _subconjunto(ler_xml(ultimo.arquivo), faltantes, ultimo.sequenciais)
                _enviar(client, diario, sub, gerar_xml(novo), mapa, perfil, andamento)


def _enviar(
    client: CCEEClient,
    diario: Diario,
    sub: Submissao,
    dados: bytes,
    sequenciais: dict[int, int],
    perfil: str | None,
    andamento: Andamento,
) -> None:
    envio = diario.novo_envio(sub.id, dados, sequenciais)
    if andamento.ao_enviar:
        andamento.ao_enviar(envio)
    try:
        codigo = client.importar_arquivo(dados, codigo_perfil_agente=perfil)
    except (BusFault, InputError) as exc:
        diario.marcar(envio.id, EstadoEnvio.REJEITADO, erro=str(exc))
        raise
    except TransportError as exc:
        if exc.enviado is False:
            diario.marcar(envio.id, EstadoEnvio.REJEITADO, erro=f"não enviado: {exc}")
            raise
        diario.marcar(envio.id, EstadoEnvio.INCERTO, erro=str(exc))
        raise
    diario.marcar(envio.id, EstadoEnvio.ENVIADO, codigo_processamento=codigo)


def _registrar_resultado(diario: Diario, envio: Envio, resultado: ResultadoProcessamento) -> None:
    arquivo = ler_xml(envio.arquivo)
    contratos = {c.sequencial_controle: c for c in arquivo.contratos}
    por_seq: dict[int, list[Any]] = {s: [] for s in contratos}
    detalhes = list(resultado.detalhes)
    sem_seq = [d for d in detalhes if d.sequencial_controle is None]
    if sem_seq and len(sem_seq) == len(detalhes) and len(detalhes) == len(contratos):
        for seq, detalhe in zip(sorted(contratos), detalhes):  # documented fallback: file order
            por_seq[seq].append(detalhe)
    else:
        for detalhe in detalhes:
            seq = (
                detalhe.sequencial_controle
                if detalhe.sequencial_controle in por_seq
                else (next(iter(por_seq)) if len(por_seq) == 1 else None)
            )
            if seq is not None:
                por_seq[seq].append(detalhe)
    saida = []
    for seq, lista in por_seq.items():
        contrato = contratos[seq]
        status = _status(lista)
        saida.append(
            ResultadoContrato(
                sequencial_controle=envio.sequenciais.get(seq, seq),
                referencia=getattr(contrato, "referencia", None),
                numero_contrato=getattr(contrato, "numero_contrato", None),
                status=status,
                descricao=" | ".join(d.descricao for d in lista if d.descricao)
                or (None if lista else "sem detalhe no resultado do processamento"),
                codigo_contrato=next((d.codigo_contrato for d in lista if d.codigo_contrato is not None), None),
                codigo_processamento=resultado.codigo_processamento,
            ).model_dump()
        )
    diario.concluir_envio(envio.id, saida)


def _status(detalhes: list[Any]) -> str:
    valores = {str(getattr(d.status, "value", d.status)) for d in detalhes}
    for status in ("ERRO", "SUCESSO", "AVISO"):
        if status in valores:
            return status
    return "ERRO"


def _reconciliar(
    client: CCEEClient,
    diario: Diario,
    sub: Submissao,
    envio: Envio,
    perfil: str | None,
    carencia: float,
    andamento: Andamento,
    dormir: Callable[[float], None],
) -> list[int]:
    """Journal what a lost send left at CCEE; returns the contracts (sequenciais) to send again."""
    arquivo = ler_xml(envio.arquivo)
    if int(arquivo.tipo_geracao) not in CRIACAO:
        diario.concluir_envio(envio.id, [])  # idempotent operation: send it again whole
        return [c.sequencial_controle for c in arquivo.contratos]
    limite = time.monotonic() + carencia
    while True:
        achados = localizar(client, [c for c in arquivo.contratos if isinstance(c, ContratoNovo)], perfil)
        faltantes = [c.sequencial_controle for c in arquivo.contratos if c.sequencial_controle not in achados]
        if andamento.ao_reconciliar:
            andamento.ao_reconciliar(sorted(achados), faltantes)
        if not faltantes or time.monotonic() >= limite:
            break
        dormir(min(5.0, max(0.0, limite - time.monotonic())))
    resultados = [
        ResultadoContrato(
            sequencial_controle=envio.sequenciais.get(seq, seq),
            referencia=contrato.referencia,
            status=StatusDetalhe.SUCESSO.value,
            codigo_contrato=codigo,
            origem="consulta",
            descricao="contrato encontrado na CCEE (envio anterior cuja resposta se perdeu)",
        ).model_dump()
        for seq, (contrato, codigo) in achados.items()
    ]
    diario.concluir_envio(envio.id, resultados)
    if faltantes:
        diario.marcar(envio.id, EstadoEnvio.PROCESSADO, erro="reconciliado: contratos não encontrados reenviados")
        log.info("submissão %s: %d contrato(s) não encontrados serão reenviados", sub.id, len(faltantes))
    return faltantes


def localizar(
    client: CCEEClient, contratos: list[ContratoNovo], perfil: str | None
) -> dict[int, tuple[ContratoNovo, int]]:
    """Find registered contracts by seller profile, buyer, start and ``referencia`` (listarContrato)."""
    achados: dict[int, tuple[ContratoNovo, int]] = {}
    por_vendedor: dict[int, list[ContratoNovo]] = {}
    for contrato in contratos:
        if contrato.referencia:
            por_vendedor.setdefault(contrato.id_vendedor, []).append(contrato)
    for vendedor, lista in por_vendedor.items():
        inicio = min(c.data_de_inicio for c in lista)
        fim = max(c.data_de_fim for c in lista)
        registrados = client.listar_contratos(
            periodo=(inicio, fim), perfis=[vendedor], papel=Papel.VENDEDOR, codigo_perfil_agente=perfil
        )
        por_referencia: dict[str, list[Any]] = {}
        for registrado in registrados:
            if registrado.referencia:
                por_referencia.setdefault(registrado.referencia.strip(), []).append(registrado)
        for contrato in lista:
            for registrado in por_referencia.get((contrato.referencia or "").strip(), []):
                comprador = registrado.comprador.codigo_perfil if registrado.comprador else None
                if comprador in (None, contrato.id_comprador) and registrado.codigo_contrato is not None:
                    achados[contrato.sequencial_controle] = (contrato, registrado.codigo_contrato)
                    break
    return achados


def _subconjunto(
    arquivo: ArquivoCCEAL, sequenciais: list[int], mapa_anterior: dict[int, int]
) -> tuple[ArquivoCCEAL, dict[int, int]]:
    """A file with only some contracts, renumbered 1..k, and the new → original sequencial map."""
    escolhidos = [c for c in arquivo.contratos if c.sequencial_controle in set(sequenciais)]
    novos = tuple(c.model_copy(update={"sequencial_controle": i}) for i, c in enumerate(escolhidos, start=1))
    mapa = {i: mapa_anterior.get(c.sequencial_controle, c.sequencial_controle) for i, c in enumerate(escolhidos, 1)}
    return arquivo.model_copy(update={"contratos": novos}), mapa


def _concluir(diario: Diario, sub: Submissao, envios: list[Envio]) -> ResultadoSubmissao:
    por_seq: dict[int, dict[str, Any]] = {}
    codigos: list[str] = []
    for envio in envios:
        if envio.codigo_processamento:
            codigos.append(envio.codigo_processamento)
        for item in diario.resultado_envio(envio.id):
            por_seq[item["sequencial_controle"]] = item  # later attempts win
    resultado = [por_seq[s] for s in sorted(por_seq)]
    diario.concluir(sub.id, resultado)
    return ResultadoSubmissao(
        submissao_id=sub.id,
        tipo_geracao=sub.tipo_geracao,
        contratos=[ResultadoContrato(**r) for r in resultado],
        codigos_processamento=codigos,
    )


def _do_diario(sub: Submissao) -> ResultadoSubmissao:
    contratos = [ResultadoContrato(**r) for r in sub.resultado or []]
    codigos = sorted({c.codigo_processamento for c in contratos if c.codigo_processamento})
    return ResultadoSubmissao(
        submissao_id=sub.id,
        tipo_geracao=sub.tipo_geracao,
        contratos=contratos,
        codigos_processamento=codigos,
        do_diario=True,
    )
