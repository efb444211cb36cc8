"""Factories of valid ContratosCCEAL models, one per operation; tests override single fields."""

from __future__ import annotations

from typing import Any

from ccee_barramento.cceal.models import (
    ArquivoCCEAL,
    CancelamentoContrato,
    ContratoNovo,
    EdicaoContrato,
    FinalizacaoContrato,
    LimiteModulacao,
    Modulacao,
    MontanteHorario,
    MontanteMedio,
    MontanteMedioEdicao,
    MontantePatamar,
    Semana,
    ValidacaoMontanteMedio,
    ValidacaoMontantes,
)
from ccee_barramento.cceal.tipos import TipoGeracao

INICIO, FIM = "01/01/2026 00", "31/01/2026 23"


def modulacao(**over: Any) -> Modulacao:
    dados = dict(
        tipo_modulacao="F",
        limite_modulacao=LimiteModulacao(limite_minimo_modulacao="1,000", limite_maximo_modulacao="2,000"),
    )
    return Modulacao(**{**dados, **over})


def semana(**over: Any) -> Semana:
    return Semana(**{**dict(semana=1, montante_medio="5,5", modulacao=modulacao()), **over})


def horario(**over: Any) -> MontanteHorario:
    return MontanteHorario(**{**dict(mes_ano="01/2026", dia=1, hora="00", montante_horario="1,5"), **over})


def patamar(**over: Any) -> MontantePatamar:
    dados = dict(semana=1, unidade_patamar=1, leve="1,5", medio="2,5", pesado="3,5")
    return MontantePatamar(**{**dados, **over})


def conteudo(tg: TipoGeracao) -> dict[str, Any]:
    """The content a valid amount period has in the operation ``tg``."""
    if tg.semanal:
        return dict(semanas=[semana()])
    dados: dict[str, Any] = dict(montante_medio="10,5")
    if tg.declarado_hora:
        dados["horarios"] = [horario(), horario(hora="01")]
    elif tg.declarado_patamar:
        dados["patamares"] = [patamar()]
    else:
        dados["modulacao"] = modulacao()
    return dados


def montante(tg: TipoGeracao = TipoGeracao.CRIAR_POR_PERIODO, **over: Any) -> MontanteMedio:
    return MontanteMedio(**{**dict(data_de_inicio=INICIO, data_de_fim=FIM, **conteudo(tg)), **over})


def montante_edicao(tg: TipoGeracao = TipoGeracao.EDITAR_POR_PERIODO, **over: Any) -> MontanteMedioEdicao:
    dados = dict(vigencia_de_inicio=INICIO, vigencia_de_fim=FIM, **conteudo(tg))
    return MontanteMedioEdicao(**{**dados, **over})


def novo(tg: TipoGeracao = TipoGeracao.CRIAR_POR_PERIODO, **over: Any) -> ContratoNovo:
    dados = dict(
        tipo_gravacao="C",
        data_de_inicio=INICIO,
        data_de_fim=FIM,
        id_comprador=123,
        id_vendedor=456,
        id_sub_mer_entrega=1,
        montantes=[montante(tg)],
    )
    return ContratoNovo(**{**dados, **over})


def edicao(tg: TipoGeracao = TipoGeracao.EDITAR_POR_PERIODO, **over: Any) -> EdicaoContrato:
    dados = dict(numero_contrato=987654, tipo_gravacao="C", montantes=[montante_edicao(tg)])
    return EdicaoContrato(**{**dados, **over})


def validacao(**over: Any) -> ValidacaoMontantes:
    dados = dict(numero_contrato=987654, montantes=[ValidacaoMontanteMedio(vigencia_de_inicio=INICIO)])
    return ValidacaoMontantes(**{**dados, **over})


def finalizacao(**over: Any) -> FinalizacaoContrato:
    return FinalizacaoContrato(**{**dict(numero_contrato=987654, data_finalizacao="01/03/2026 00"), **over})


def cancelamento(**over: Any) -> CancelamentoContrato:
    return CancelamentoContrato(**{**dict(numero_contrato=987654, cancelar_contrato=True), **over})


def contrato_valido(tg: TipoGeracao) -> Any:
    if tg.criacao:
        return novo(tg)
    if tg.edicao:
        return edicao(tg)
    if tg is TipoGeracao.VALIDAR_MONTANTE_MEDIO:
        return validacao()
    return finalizacao()


def arquivo(tg: TipoGeracao, *contratos: Any, **over: Any) -> ArquivoCCEAL:
    return ArquivoCCEAL(tipo_geracao=tg, contratos=list(contratos) or [contrato_valido(tg)], **over)
