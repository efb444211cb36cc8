"""Typed models of the ContratosCCEAL file (CCEAL Firme, ``tipoCCEAL=1``).

Models check types only (energy as ``Decimal`` never float, dates as naive ``datetime``, codes as
enums); the business rules of the file live in :mod:`ccee_barramento.cceal.rules`. Every scalar
field also accepts the text written in the file (``"1,5"``, ``"01/01/2025 00"``, ``"X"``).
Python names are snake_case; their XML names are listed in :mod:`ccee_barramento.cceal.mapeamento`.

Shape of a file (see docs/cceal.md)::

    ArquivoCCEAL(tipo_geracao, tipo_cceal, contratos=(...))
      ContratoNovo         tipoGeracao 1-6  general data + MontanteMedio(data_de_inicio, data_de_fim)
      EdicaoContrato       tipoGeracao 13-17 numero_contrato + MontanteMedioEdicao(vigencia_de_*)
      ValidacaoMontantes   tipoGeracao 24   numero_contrato + ValidacaoMontanteMedio(vigencia_de_inicio)
      FinalizacaoContrato / CancelamentoContrato   tipoGeracao 25
    An amount period holds: montante_medio, modulacao (Modulacao/LimiteModulacao), and, by operation,
    semanas (Semana, weekly), horarios (MontanteHorario, DECLARADO per hour) or
    patamares (MontantePatamar, DECLARADO per patamar).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Annotated, Any, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator, model_validator

from . import formato
from .tipos import (
    DireitoAlivioExposicao,
    ParticularidadeLastro,
    Submercado,
    TipoCCEAL,
    TipoGeracao,
    TipoGravacao,
    TipoModulacao,
    UnidadePatamar,
)

__all__ = [
    "ArquivoCCEAL",
    "CancelamentoContrato",
    "Contrato",
    "ContratoNovo",
    "DireitoAlivioExposicao",
    "EdicaoContrato",
    "FinalizacaoContrato",
    "LimiteModulacao",
    "Modulacao",
    "MontanteHorario",
    "MontanteMedio",
    "MontanteMedioEdicao",
    "MontantePatamar",
    "ParticularidadeLastro",
    "Semana",
    "Submercado",
    "TipoCCEAL",
    "TipoGeracao",
    "TipoGravacao",
    "TipoModulacao",
    "UnidadePatamar",
    "ValidacaoMontanteMedio",
    "ValidacaoMontantes",
]


def _vazio(valor: Any) -> Any:
    """An empty attribute (``""``) means "not informed"."""
    return None if isinstance(valor, str) and valor.strip() == "" else valor


def _texto(valor: Any) -> Any:
    if not isinstance(valor, str):
        raise ValueError(f"texto esperado, não {type(valor).__name__}")
    return valor


def _hora(valor: Any) -> Any:
    """``hora`` as written in the file (``"00"``..``"23"``, ``"23*"``); an int becomes two digits."""
    if isinstance(valor, int) and not isinstance(valor, bool):
        return f"{valor:02d}"
    if isinstance(valor, str):
        return valor.strip()
    raise ValueError(f"hora esperada como texto (00 a 23 ou 23*), não {type(valor).__name__}")


def _mes_ano(valor: Any) -> Any:
    """``mesAno`` as written in the file (``MM/AAAA``); a ``date`` gives its month."""
    if isinstance(valor, date):
        return f"{valor.month:02d}/{valor.year:04d}"
    if isinstance(valor, str):
        return valor.strip()
    raise ValueError(f"mês/ano esperado como texto MM/AAAA, não {type(valor).__name__}")


def _enum(tipo: type) -> BeforeValidator:
    return BeforeValidator(partial(formato.ler_enum, tipo))


Inteiro = Annotated[int, BeforeValidator(formato.ler_inteiro)]
Energia = Annotated[Decimal, BeforeValidator(formato.ler_decimal)]
DataHora = Annotated[datetime, BeforeValidator(formato.ler_data)]
Marca = Annotated[bool, BeforeValidator(formato.ler_marca)]
Texto = Annotated[str, BeforeValidator(_texto)]

InteiroOpc = Annotated[Optional[Inteiro], BeforeValidator(_vazio)]
EnergiaOpc = Annotated[Optional[Energia], BeforeValidator(_vazio)]
DataHoraOpc = Annotated[Optional[DataHora], BeforeValidator(_vazio)]
TextoOpc = Annotated[Optional[Texto], BeforeValidator(_vazio)]

SubmercadoCod = Annotated[Submercado, _enum(Submercado)]
SubmercadoOpc = Annotated[Optional[SubmercadoCod], BeforeValidator(_vazio)]
TipoGravacaoOpc = Annotated[Optional[Annotated[TipoGravacao, _enum(TipoGravacao)]], BeforeValidator(_vazio)]
TipoModulacaoOpc = Annotated[Optional[Annotated[TipoModulacao, _enum(TipoModulacao)]], BeforeValidator(_vazio)]
DireitoAlivioOpc = Annotated[
    Optional[Annotated[DireitoAlivioExposicao, _enum(DireitoAlivioExposicao)]], BeforeValidator(_vazio)
]
LastroOpc = Annotated[Optional[Annotated[ParticularidadeLastro, _enum(ParticularidadeLastro)]], BeforeValidator(_vazio)]
UnidadePatamarCod = Annotated[UnidadePatamar, _enum(UnidadePatamar)]
TipoGeracaoCod = Annotated[TipoGeracao, _enum(TipoGeracao)]
TipoCCEALOpc = Annotated[Optional[Annotated[TipoCCEAL, _enum(TipoCCEAL)]], BeforeValidator(_vazio)]


class ModeloCCEAL(BaseModel):
    """Base of the file's models: immutable, no unknown fields, received values kept out of reprs."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


class LimiteModulacao(ModeloCCEAL):
    """``LimiteModulacao``: minimum and maximum amounts of the modulation, in MWh (3 places)."""

    limite_minimo_modulacao: EnergiaOpc = None
    limite_maximo_modulacao: EnergiaOpc = None

    @property
    def vazio(self) -> bool:
        return self.limite_minimo_modulacao is None and self.limite_maximo_modulacao is None


class Modulacao(ModeloCCEAL):
    """``TipoModulacao`` + ``LimiteModulacao`` + ``AtivoAssociadoModulacao`` of an amount."""

    tipo_modulacao: TipoModulacaoOpc = None
    limite_modulacao: Optional[LimiteModulacao] = None
    id_ativo_associado_modulacao: InteiroOpc = None

    @field_validator("limite_modulacao")
    @classmethod
    def _limite_vazio(cls, v: LimiteModulacao | None) -> LimiteModulacao | None:
        return None if v is not None and v.vazio else v

    @property
    def vazia(self) -> bool:
        return (
            self.tipo_modulacao is None
            and self.limite_modulacao is None
            and (self.id_ativo_associado_modulacao is None)
        )


class _ComModulacao(ModeloCCEAL):
    """An amount that may carry a modulation (an empty one counts as none)."""

    modulacao: Optional[Modulacao] = None

    @field_validator("modulacao")
    @classmethod
    def _modulacao_vazia(cls, v: Modulacao | None) -> Modulacao | None:
        return None if v is not None and v.vazia else v


class Semana(_ComModulacao):
    """``semana``: the average amount of one week (weekly operations 2 and 13)."""

    semana: Inteiro
    montante_medio: Energia
    validar_montante: Marca = False


class MontanteHorario(ModeloCCEAL):
    """``MesAno/Dia/Hora``: the declared amount of one hour, in MWh (operations 5 and 16)."""

    mes_ano: Annotated[str, BeforeValidator(_mes_ano)]
    dia: Inteiro
    hora: Annotated[str, BeforeValidator(_hora)]
    montante_horario: Energia


class MontantePatamar(ModeloCCEAL):
    """``Semana``: the declared amounts of one week per patamar (operations 6 and 17)."""

    semana: Inteiro
    unidade_patamar: UnidadePatamarCod
    leve: EnergiaOpc = None
    medio: EnergiaOpc = None
    pesado: EnergiaOpc = None


class _ConteudoMontante(_ComModulacao):
    """What an amount period carries; which parts are allowed depends on ``tipoGeracao``."""

    montante_medio: EnergiaOpc = None
    validar_montante: Marca = False
    semanas: tuple[Semana, ...] = ()
    horarios: tuple[MontanteHorario, ...] = ()
    patamares: tuple[MontantePatamar, ...] = ()


class MontanteMedio(_ConteudoMontante):
    """``MontanteMedio`` of a new contract (``dataDeInicio``/``dataDeFim``), operations 1-6."""

    data_de_inicio: DataHora
    data_de_fim: DataHora


class MontanteMedioEdicao(_ConteudoMontante):
    """``MontanteMedio`` of an edit (``vigenciaDeInicio``/``vigenciaDeFim``), operations 13-17."""

    vigencia_de_inicio: DataHora
    vigencia_de_fim: DataHora


class ValidacaoMontanteMedio(ModeloCCEAL):
    """``MontanteMedio`` of operation 24: the period (by its start) the buyer validates."""

    vigencia_de_inicio: DataHora
    validar_montante: Marca = True


class ContratoNovo(ModeloCCEAL):
    """``Contrato`` of a create operation (``tipoGeracao`` 1-6): general data and amounts."""

    sequencial_controle: InteiroOpc = None
    tipo_gravacao: TipoGravacaoOpc = None
    data_de_inicio: DataHora
    data_de_fim: DataHora
    id_comprador: Inteiro
    id_vendedor: Inteiro
    id_sub_mer_entrega: SubmercadoCod
    referencia: TextoOpc = None
    dir_aliv_exp: DireitoAlivioOpc = None
    id_sub_mer_origem: SubmercadoOpc = None
    part_ver_lastro: LastroOpc = None
    observacao: TextoOpc = None
    contrato_cessao: Marca = False
    id_contrato_cessao: InteiroOpc = None
    montantes: tuple[MontanteMedio, ...] = ()


class EdicaoContrato(ModeloCCEAL):
    """``Contrato`` of an edit (``tipoGeracao`` 13-17)."""

    sequencial_controle: InteiroOpc = None
    numero_contrato: Inteiro
    tipo_gravacao: TipoGravacaoOpc = None
    montantes: tuple[MontanteMedioEdicao, ...] = ()


class ValidacaoMontantes(ModeloCCEAL):
    """``Contrato`` of operation 24: the buyer validates average amounts, one period each."""

    sequencial_controle: InteiroOpc = None
    numero_contrato: Inteiro
    montantes: tuple[ValidacaoMontanteMedio, ...] = ()


class FinalizacaoContrato(ModeloCCEAL):
    """``Contrato`` of operation 25, finalization group: ``dataFinalizacao`` and/or ``validarFinalizacao``."""

    sequencial_controle: InteiroOpc = None
    numero_contrato: Inteiro
    data_finalizacao: DataHoraOpc = None
    validar_finalizacao: Marca = False


class CancelamentoContrato(ModeloCCEAL):
    """``Contrato`` of operation 25, cancellation: ``cancelarContrato`` and/or ``validarCancelamento``."""

    sequencial_controle: InteiroOpc = None
    numero_contrato: Inteiro
    cancelar_contrato: Marca = False
    validar_cancelamento: Marca = False


Contrato = Union[ContratoNovo, EdicaoContrato, ValidacaoMontantes, FinalizacaoContrato, CancelamentoContrato]


class ArquivoCCEAL(ModeloCCEAL):
    """A ContratosCCEAL file: one operation (``tipoGeracao``) applied to one or more contracts.

    Contracts without ``sequencial_controle`` are numbered by position (1..n). ``tipo_cceal`` left
    out is 1 (Firme) for operations 1-17 and absent for 24 and 25.
    """

    tipo_geracao: TipoGeracaoCod
    tipo_cceal: TipoCCEALOpc = None
    sistema_origem: TextoOpc = None
    contratos: tuple[Contrato, ...]

    @model_validator(mode="before")
    @classmethod
    def _tipo_cceal_padrao(cls, dados: Any) -> Any:
        """Left out, ``tipo_cceal`` is FIRME for create/edit and absent for 24/25 (as CCEE's examples)."""
        if isinstance(dados, dict) and "tipo_cceal" not in dados:
            try:
                tg = formato.ler_enum(TipoGeracao, dados.get("tipo_geracao"))
            except ValueError:
                return dados
            dados = {**dados, "tipo_cceal": TipoCCEAL.FIRME if tg.criacao or tg.edicao else None}
        return dados

    @field_validator("contratos")
    @classmethod
    def _numerar(cls, contratos: tuple[Contrato, ...]) -> tuple[Contrato, ...]:
        return tuple(
            c.model_copy(update={"sequencial_controle": i}) if c.sequencial_controle is None else c
            for i, c in enumerate(contratos, start=1)
        )
