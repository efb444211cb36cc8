"""Contracts: listarContrato and obterContrato (ContratoBSv2), ACL and ACR."""

from __future__ import annotations

from typing import Any

from .. import decoding
from ..errors import InputError, MalformedResponse
from ..models.contrato import (
    TIPO_CONTRATO_ACL,
    TIPO_CONTRATO_ACR,
    AmbienteContratacao,
    Contrato,
    Papel,
)
from ..periodos import PeriodoLike, periodo_referencia
from .base import Servico, booleano, codigo, lista_de
from .paginador import Paginador


def _ambiente(ambiente: AmbienteContratacao | str | None) -> dict[str, str] | None:
    if ambiente is None:
        return None
    try:
        return {"nome": AmbienteContratacao(str(getattr(ambiente, "value", ambiente)).upper()).value}
    except ValueError:
        raise InputError("ambiente", f"use LIVRE ou REGULADO, recebido {ambiente!r}") from None


def _tipos(ambiente: dict[str, str] | None, tipos: Any) -> dict[str, Any] | None:
    """Contract types: explicit codes; else the environment's type (ACL 10185, ACR 10186); else no filter.

    No subtype is sent by default: narrowing to CCEAL (10777) would hide other free-market contracts
    (e.g. those sold through the Mecanismo de Venda de Excedentes).
    """
    if tipos is not None:
        return {"tipoContrato": [{"id": codigo(t, "tipos")} for t in lista_de(tipos, "tipos") or []]}
    if ambiente and ambiente["nome"] == AmbienteContratacao.REGULADO.value:
        return {"tipoContrato": [{"codigo": TIPO_CONTRATO_ACR}]}
    if ambiente:
        return {"tipoContrato": [{"id": TIPO_CONTRATO_ACL}]}
    return None


class Contratos(Servico):
    """ContratoBSv2."""

    def listar(
        self,
        *,
        periodo: PeriodoLike = None,
        perfis: Any = None,
        papel: Papel | str | None = None,
        ambiente: AmbienteContratacao | str | None = None,
        tipos: Any = None,
        nao_validados: bool | str | None = None,
        tamanho_pagina: int | None = None,
        concorrencia: int | None = None,
        codigo_perfil_agente: str | int | None = None,
    ) -> Paginador[Contrato]:
        """Contracts of the given profiles (own or represented; ACR contracts are public)."""
        amb = _ambiente(ambiente)
        if papel is not None:
            try:
                papel = Papel(str(getattr(papel, "value", papel)).upper()).value
            except ValueError:
                raise InputError("papel", f"use VENDEDOR ou COMPRADOR, recebido {papel!r}") from None
        corpo = {
            "ambienteContratacao": amb,
            "periodoReferencia": periodo_referencia(periodo),
            "tipos": _tipos(amb, tipos),
            "perfis": {"perfil": [{"id": codigo(p, "perfis")} for p in lista_de(perfis, "perfis") or []]},
            "papel": papel,
            "listarMontantesNaoValidados": booleano(nao_validados),
        }
        return self._paginador(
            "listarContrato",
            corpo,
            "contratos",
            Contrato,
            chave=lambda c: c.codigo_contrato,
            tamanho_pagina=tamanho_pagina,
            concorrencia=concorrencia,
            codigo_perfil_agente=codigo_perfil_agente,
        )

    def obter(
        self,
        codigo_contrato: int | str,
        *,
        periodo: PeriodoLike = None,
        ambiente: AmbienteContratacao | str | None = None,
        codigo_perfil_agente: str | int | None = None,
    ) -> Contrato:
        """One contract with its details and amounts for the period."""
        corpo = {
            "ambienteContratacao": _ambiente(ambiente),
            "contrato": {"id": codigo(codigo_contrato, "codigo_contrato")},
            "periodoReferencia": periodo_referencia(periodo),
        }
        resposta = self._chamar("obterContrato", corpo, codigo_perfil_agente=codigo_perfil_agente)
        elemento = self._filho(resposta, "contrato")
        if elemento is None:
            raise MalformedResponse(
                f"obterContrato sem contrato na resposta (contrato {codigo_contrato})",
                servico=self.spec.nome,
                operacao="obterContrato",
                transaction_id=resposta.transaction_id,
            )
        return decoding.decode(elemento, Contrato, self._bo)
