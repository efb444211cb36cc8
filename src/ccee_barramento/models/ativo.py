"""Assets (ativos de medição) and their parcels (parcelas de ativo), including contract associations."""

from __future__ import annotations

from pydantic import Field

from .base import DataHora, Dominio, ModeloCCEE, Numero, Periodo, Referencia, Submercado
from .cadastro import Identificacao, ParticipanteMercado


class ContratoAssociado(ModeloCCEE):
    """A contract a parcela is associated with, and for which period."""

    id: int | None = None
    periodo_associado: Periodo | None = None


class ParcelaAtivo(ModeloCCEE):
    """A parcel of an asset; with ``contratos_associado`` when it modulates contracts."""

    codigo: int | None = None
    modalidade: Dominio | None = None
    contratos_associado: list[ContratoAssociado] = Field(default_factory=list)
    participante_mercado: ParticipanteMercado | None = None
    ativo_medicao: Referencia | None = None
    capacidade_total: Numero | None = None
    nome_reduzido: str | None = None
    nome: str | None = None
    submercado: Submercado | None = None
    garantia_fisica: Numero | None = None
    vigencia: Periodo | None = None
    identificacao: Identificacao | None = None
    status: Dominio | None = None

    @property
    def codigo_ativo(self) -> int | str | None:
        return self.ativo_medicao.chave if self.ativo_medicao else None


class AtivoMedicao(ModeloCCEE):
    """A metered asset (usina, carga...)."""

    codigo: int | None = None
    nome: str | None = None
    nome_reduzido: str | None = None
    tipo: Dominio | None = None
    ceg: str | None = None
    situacao: Dominio | None = None
    vigencia: Periodo | None = None
    parcelas_ativo: list[ParcelaAtivo] = Field(default_factory=list)


__all__ = ["AtivoMedicao", "ContratoAssociado", "DataHora", "ParcelaAtivo"]
