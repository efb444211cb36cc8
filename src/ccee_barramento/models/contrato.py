"""Contracts (ContratoBSv2) and energy amounts (MontanteEnergiaBSv2)."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .base import Codigo, DataHora, Dominio, ModeloCCEE, Numero, Periodo, Referencia, Submercado
from .cadastro import ParticipanteMercado, PerfilResumo


class AmbienteContratacao(str, Enum):
    LIVRE = "LIVRE"
    REGULADO = "REGULADO"


class Papel(str, Enum):
    """The role of the asking profile in the contracts listed."""

    VENDEDOR = "VENDEDOR"
    COMPRADOR = "COMPRADOR"


class TipoMontanteEnergia(str, Enum):
    """The six amount kinds of ListarMontanteEnergia."""

    MONTANTE_MEDIO = "MONTANTE_MEDIO"
    MONTANTE_MODULARIZADO = "MONTANTE_MODULARIZADO"
    MONTANTE_ENERGIA_ANUAL = "MONTANTE_ENERGIA_ANUAL"
    MONTANTE_ENERGIA_MENSAL = "MONTANTE_ENERGIA_MENSAL"
    MONTANTE_ANO_CONTRATUAL = "MONTANTE_ANO_CONTRATUAL"
    MONTANTE_OBRIGACAO_ENTREGA = "MONTANTE_OBRIGACAO_ENTREGA"


class SituacaoMontante(int, Enum):
    """Amount states (seed 000). 10784 VALIDADO is this SDK's and its simulator's code."""

    INSERIDO_NAO_VALIDADO = 10783
    VALIDADO = 10784
    AJUSTADO_NAO_VALIDADO = 10786


#: States of amounts still waiting for the buyer's validation.
NAO_VALIDADOS = frozenset({SituacaoMontante.INSERIDO_NAO_VALIDADO, SituacaoMontante.AJUSTADO_NAO_VALIDADO})

#: Contract type codes seen in the official envelopes.
TIPO_CONTRATO_ACL = 10185
SUBTIPO_CCEAL = 10777
TIPO_CONTRATO_ACR = 10186


class SubTipoContrato(ModeloCCEE):
    id: int | None = None
    codigo: int | None = None
    descricao: str | None = None


class TipoContrato(ModeloCCEE):
    id: int | None = None
    codigo: int | None = None
    nome: str | None = None
    descricao: str | None = None
    sub_tipo: SubTipoContrato | None = None


class ParteContrato(ModeloCCEE):
    """One side of a contract: the profile and its agent."""

    perfil: PerfilResumo | None = None
    participante_mercado: ParticipanteMercado | None = None

    @property
    def codigo_perfil(self) -> int | None:
        return self.perfil.codigo_perfil if self.perfil else None


class Modulacao(ModeloCCEE):
    tipo: str | None = None
    descricao: str | None = None


class MontanteEnergia(ModeloCCEE):
    """One energy amount of a contract: kind, period, (patamar), value, unit and state."""

    id: int | None = None
    contrato: Referencia | None = None
    tipo_montante_energia: Dominio | None = None
    periodo: Periodo | None = None
    patamar: str | None = None
    valor: Numero | None = None
    unidade_medida: str | None = None
    situacao: Dominio | None = None
    data_validacao: DataHora | None = None

    @property
    def codigo_contrato(self) -> int | None:
        chave = self.contrato.chave if self.contrato else None
        return int(chave) if chave is not None else None

    @property
    def tipo(self) -> TipoMontanteEnergia | str | None:
        nome = self.tipo_montante_energia.nome if self.tipo_montante_energia else None
        try:
            return TipoMontanteEnergia(nome) if nome else None
        except ValueError:
            return nome

    @property
    def nao_validado(self) -> bool:
        return self.situacao is not None and self.situacao.codigo in NAO_VALIDADOS


class Contrato(ModeloCCEE):
    """A contract registered at CCEE (ACL or ACR)."""

    id: int | None = None
    codigo: Codigo | None = None
    referencia: str | None = None
    observacao: str | None = None
    ambiente_contratacao: Dominio | None = None
    tipo_contrato: TipoContrato | None = None
    tipo_cceal: int | None = Field(default=None, alias="tipoCCEAL")
    situacao: Dominio | None = None
    periodo_vigencia: Periodo | None = None
    data_registro: DataHora | None = None
    submercado: Submercado | None = None
    comprador: ParteContrato | None = None
    vendedor: ParteContrato | None = None
    modulacao: Modulacao | None = None
    parcela_ativo: Referencia | None = None
    montantes_nao_validados: bool | None = None
    montantes_energia: list[MontanteEnergia] = Field(default_factory=list)

    @property
    def codigo_contrato(self) -> int | None:
        if self.id is not None:
            return self.id
        try:
            return int(self.codigo) if self.codigo is not None else None
        except ValueError:
            return None

    @property
    def ambiente(self) -> str | None:
        return self.ambiente_contratacao.nome if self.ambiente_contratacao else None

    @property
    def regulado(self) -> bool:
        return self.ambiente == AmbienteContratacao.REGULADO.value or (
            self.tipo_contrato is not None and TIPO_CONTRATO_ACR in (self.tipo_contrato.id, self.tipo_contrato.codigo)
        )
