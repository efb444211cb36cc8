"""Register CCEAL contracts (the seller's job): prepare, send once, wait, report per contract."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from ..cceal import ArquivoCCEAL, ContratoNovo, exigir_valido, ler_xml
from ..client import CCEEClient
from ..errors import InputError
from .diario import Diario
from .submissao import CRIACAO, ResultadoSubmissao, submeter

#: ``referencia`` holds at most 30 characters in the ContratosCCEAL file.
LIMITE_REFERENCIA = 30


def carimbar_referencias(arquivo: ArquivoCCEAL) -> ArquivoCCEAL:
    """Give every new contract without ``referencia`` a deterministic one (``CB<hash>-<seq>``).

    The reference is how a rerun finds a contract whose registration answer was lost, so every
    new contract needs one, unique in the file. It is derived from the file's content, so running
    the same input again yields the same references (and the same journal entry).
    """
    if int(arquivo.tipo_geracao) not in CRIACAO:
        return arquivo
    vistas: dict[str, int] = {}
    for contrato in arquivo.contratos:
        if isinstance(contrato, ContratoNovo) and contrato.referencia:
            ref = contrato.referencia.strip()
            if ref in vistas:
                raise InputError(
                    "referencia",
                    f"contratos sequencialControle={vistas[ref]} e {contrato.sequencial_controle} têm a mesma "
                    f"referência {ref!r}; ela identifica o contrato numa retomada e deve ser única",
                )
            vistas[ref] = contrato.sequencial_controle or 0
    digest = hashlib.sha256(arquivo.model_dump_json().encode()).digest()
    prefixo = "CB" + base64.b32encode(digest).decode()[:10]
    contratos = []
    for contrato in arquivo.contratos:
        if isinstance(contrato, ContratoNovo) and not contrato.referencia:
            contrato = contrato.model_copy(update={"referencia": f"{prefixo}-{contrato.sequencial_controle}"})
        contratos.append(contrato)
    return arquivo.model_copy(update={"contratos": tuple(contratos)})


def registrar(
    client: CCEEClient,
    arquivo: ArquivoCCEAL | bytes | str,
    *,
    diario: Diario | None = None,
    **opcoes: Any,
) -> ResultadoSubmissao:
    """Register (or edit) contracts: rules checked, journaled, sent once, processing awaited.

    Safe to re-run with the same input after a crash, a timeout or a lost answer: it resumes
    the journaled submission and never registers the same contract twice (see :mod:`.submissao`).
    Options: codigo_perfil_agente, timeout, intervalo_inicial, intervalo_maximo, carencia, andamento.
    """
    if not isinstance(arquivo, ArquivoCCEAL):
        arquivo = ler_xml(arquivo)
    tipo = int(arquivo.tipo_geracao)
    if tipo in (24, 25):
        raise InputError("tipoGeracao", f"registrar trata criação e edição; tipoGeracao {tipo} é validação/finalização")
    arquivo = carimbar_referencias(arquivo)
    exigir_valido(arquivo)
    proprio = diario is None
    diario = diario or Diario()
    try:
        return submeter(client, arquivo, diario=diario, **opcoes)
    finally:
        if proprio:
            diario.close()
