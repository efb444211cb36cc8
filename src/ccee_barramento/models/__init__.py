"""Typed domain models of the bus's answers (pydantic v2). Money and energy are ``Decimal``."""

from .ativo import AtivoMedicao, ContratoAssociado, ParcelaAtivo
from .base import FUSO_CCEE, Dominio, ModeloCCEE, Periodo, Referencia, Submercado
from .cadastro import Identificacao, ParticipanteMercado, Perfil, PerfilResumo, PessoaJuridica
from .comum import Pagina, Paginacao
from .contrato import (
    NAO_VALIDADOS,
    SUBTIPO_CCEAL,
    TIPO_CONTRATO_ACL,
    TIPO_CONTRATO_ACR,
    AmbienteContratacao,
    Contrato,
    Modulacao,
    MontanteEnergia,
    Papel,
    ParteContrato,
    SituacaoMontante,
    TipoContrato,
    TipoMontanteEnergia,
)
from .processamento import (
    TIPO_IMPORTACAO_CONTRATOS,
    DetalheProcessamento,
    ResultadoProcessamento,
    SituacaoProcessamento,
    StatusDetalhe,
)

__all__ = [
    "FUSO_CCEE",
    "NAO_VALIDADOS",
    "SUBTIPO_CCEAL",
    "TIPO_CONTRATO_ACL",
    "TIPO_CONTRATO_ACR",
    "TIPO_IMPORTACAO_CONTRATOS",
    "AmbienteContratacao",
    "AtivoMedicao",
    "Contrato",
    "ContratoAssociado",
    "DetalheProcessamento",
    "Dominio",
    "Identificacao",
    "ModeloCCEE",
    "Modulacao",
    "MontanteEnergia",
    "Pagina",
    "Paginacao",
    "Papel",
    "ParcelaAtivo",
    "ParteContrato",
    "ParticipanteMercado",
    "Perfil",
    "PerfilResumo",
    "Periodo",
    "PessoaJuridica",
    "Referencia",
    "ResultadoProcessamento",
    "SituacaoMontante",
    "SituacaoProcessamento",
    "StatusDetalhe",
    "Submercado",
    "TipoContrato",
    "TipoMontanteEnergia",
]
