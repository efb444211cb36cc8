"""Convenience constructors of ``ArquivoCCEAL`` for the common jobs (one contract per file).

Combine several files of the same operation with :func:`juntar`. Values may be given as the
file writes them (``"01/01/2025 00"``, ``"1,5"``) or typed (``datetime``, ``Decimal``).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Union

from . import formato
from .models import (
    ArquivoCCEAL,
    CancelamentoContrato,
    ContratoNovo,
    EdicaoContrato,
    FinalizacaoContrato,
    Modulacao,
    MontanteMedio,
    MontanteMedioEdicao,
    ValidacaoMontanteMedio,
    ValidacaoMontantes,
)
from .tipos import Submercado, TipoGeracao, TipoGravacao, TipoModulacao

Data = Union[datetime, date, str]
Valor = Any  # Decimal | int | str (never float)
Periodo = tuple[Data, Data, Valor]


def _modulacao(modulacao: Modulacao | TipoModulacao | str | None) -> Modulacao | None:
    if modulacao is None or isinstance(modulacao, Modulacao):
        return modulacao
    return Modulacao(tipo_modulacao=modulacao)


def _contrato_novo(
    tipo_geracao: TipoGeracao,
    id_comprador: int,
    id_vendedor: int,
    submercado: Submercado | int,
    montantes: list[MontanteMedio],
    tipo_gravacao: TipoGravacao | str,
    data_de_inicio: Data | None,
    data_de_fim: Data | None,
    dados_gerais: dict[str, Any],
) -> ArquivoCCEAL:
    if data_de_inicio is None:
        data_de_inicio = min((m.data_de_inicio for m in montantes), default=None)
    if data_de_fim is None:
        data_de_fim = max((m.data_de_fim for m in montantes), default=None)
    contrato = ContratoNovo(
        tipo_gravacao=tipo_gravacao,
        data_de_inicio=data_de_inicio,
        data_de_fim=data_de_fim,
        id_comprador=id_comprador,
        id_vendedor=id_vendedor,
        id_sub_mer_entrega=submercado,
        montantes=montantes,
        **dados_gerais,
    )
    return ArquivoCCEAL(tipo_geracao=tipo_geracao, contratos=[contrato])


def novo_contrato_por_periodo(
    id_comprador: int,
    id_vendedor: int,
    submercado: Submercado | int,
    periodos: Iterable[Periodo],
    *,
    tipo_gravacao: TipoGravacao | str = TipoGravacao.CONCLUIDO,
    modulacao: Modulacao | TipoModulacao | str | None = None,
    data_de_inicio: Data | None = None,
    data_de_fim: Data | None = None,
    **dados_gerais: Any,
) -> ArquivoCCEAL:
    """Create a contract by period (tipoGeracao 4): ``periodos`` are ``(inicio, fim, MWmédio)``.

    The contract runs from the first start to the last end unless ``data_de_inicio``/``data_de_fim``
    say otherwise; ``dados_gerais`` takes the other ContratoNovo fields (referencia, observacao, ...).
    """
    mod = _modulacao(modulacao)
    montantes = [
        MontanteMedio(data_de_inicio=i, data_de_fim=f, montante_medio=v, modulacao=mod) for i, f, v in periodos
    ]
    return _contrato_novo(
        TipoGeracao.CRIAR_POR_PERIODO,
        id_comprador,
        id_vendedor,
        submercado,
        montantes,
        tipo_gravacao,
        data_de_inicio,
        data_de_fim,
        dados_gerais,
    )


def novo_contrato_mensal(
    id_comprador: int,
    id_vendedor: int,
    submercado: Submercado | int,
    meses: Mapping[Data, Valor] | Iterable[tuple[Data, Valor]],
    *,
    tipo_gravacao: TipoGravacao | str = TipoGravacao.CONCLUIDO,
    modulacao: Modulacao | TipoModulacao | str | None = None,
    **dados_gerais: Any,
) -> ArquivoCCEAL:
    """Create a monthly contract (tipoGeracao 3): ``meses`` maps a month (``"MM/AAAA"``, a date) to MWmédio.

    Each month becomes one MontanteMedio from day 1 hour 00 to the last day hour 23.
    """
    itens = meses.items() if isinstance(meses, Mapping) else meses
    mod = _modulacao(modulacao)
    montantes = []
    for mes, valor in itens:
        inicio, fim = _limites_do_mes(mes)
        montantes.append(MontanteMedio(data_de_inicio=inicio, data_de_fim=fim, montante_medio=valor, modulacao=mod))
    return _contrato_novo(
        TipoGeracao.CRIAR_MENSAL,
        id_comprador,
        id_vendedor,
        submercado,
        montantes,
        tipo_gravacao,
        None,
        None,
        dados_gerais,
    )


def edicao_por_periodo(
    numero_contrato: int,
    periodos: Iterable[Periodo],
    *,
    tipo_gravacao: TipoGravacao | str | None = TipoGravacao.CONCLUIDO,
    modulacao: Modulacao | TipoModulacao | str | None = None,
) -> ArquivoCCEAL:
    """Edit a contract's amounts by period (tipoGeracao 15): ``periodos`` are ``(inicio, fim, MWmédio)``."""
    mod = _modulacao(modulacao)
    montantes = [
        MontanteMedioEdicao(vigencia_de_inicio=i, vigencia_de_fim=f, montante_medio=v, modulacao=mod)
        for i, f, v in periodos
    ]
    contrato = EdicaoContrato(numero_contrato=numero_contrato, tipo_gravacao=tipo_gravacao, montantes=montantes)
    return ArquivoCCEAL(tipo_geracao=TipoGeracao.EDITAR_POR_PERIODO, contratos=[contrato])


def validacao_montantes(numero_contrato: int, periodos: Iterable[Data]) -> ArquivoCCEAL:
    """The buyer validates the average amounts of the periods starting at ``periodos`` (tipoGeracao 24)."""
    montantes = [ValidacaoMontanteMedio(vigencia_de_inicio=p) for p in periodos]
    contrato = ValidacaoMontantes(numero_contrato=numero_contrato, montantes=montantes)
    return ArquivoCCEAL(tipo_geracao=TipoGeracao.VALIDAR_MONTANTE_MEDIO, contratos=[contrato])


def finalizacao(numero_contrato: int, data_finalizacao: Data | None = None, *, validar: bool = False) -> ArquivoCCEAL:
    """Finalize a contract at ``data_finalizacao`` (seller) and/or validate the finalization (buyer)."""
    contrato = FinalizacaoContrato(
        numero_contrato=numero_contrato, data_finalizacao=data_finalizacao, validar_finalizacao=validar
    )
    return ArquivoCCEAL(tipo_geracao=TipoGeracao.FINALIZAR_OU_CANCELAR, contratos=[contrato])


def cancelamento(numero_contrato: int, *, validar: bool = False) -> ArquivoCCEAL:
    """Cancel a contract (seller), or with ``validar=True`` validate its cancellation (buyer)."""
    contrato = CancelamentoContrato(
        numero_contrato=numero_contrato, cancelar_contrato=not validar, validar_cancelamento=validar
    )
    return ArquivoCCEAL(tipo_geracao=TipoGeracao.FINALIZAR_OU_CANCELAR, contratos=[contrato])


def juntar(*arquivos: ArquivoCCEAL) -> ArquivoCCEAL:
    """One file with the contracts of several files of the same operation, renumbered 1..n."""
    if not arquivos:
        raise ValueError("juntar precisa de ao menos um ArquivoCCEAL")
    primeiro = arquivos[0]
    for a in arquivos[1:]:
        if (a.tipo_geracao, a.tipo_cceal) != (primeiro.tipo_geracao, primeiro.tipo_cceal):
            raise ValueError(
                f"juntar exige a mesma operação: tipoGeracao={primeiro.tipo_geracao.value} "
                f"e tipoGeracao={a.tipo_geracao.value}"
            )
    contratos = [c.model_copy(update={"sequencial_controle": None}) for a in arquivos for c in a.contratos]
    return ArquivoCCEAL(
        tipo_geracao=primeiro.tipo_geracao,
        tipo_cceal=primeiro.tipo_cceal,
        sistema_origem=primeiro.sistema_origem,
        contratos=contratos,
    )


def _limites_do_mes(mes: Data) -> tuple[datetime, datetime]:
    """First and last hour of a month given as ``"MM/AAAA"`` or a date."""
    if isinstance(mes, str):
        try:
            numero, ano = (int(p) for p in mes.strip().split("/"))
            primeiro = date(ano, numero, 1)
        except ValueError:
            raise ValueError(f"mês inválido, use MM/AAAA (recebido {formato.exibir(mes)})") from None
    elif isinstance(mes, date):
        primeiro = date(mes.year, mes.month, 1)
    else:
        raise ValueError(f"mês esperado como MM/AAAA ou date, não {type(mes).__name__}")
    ultimo = calendar.monthrange(primeiro.year, primeiro.month)[1]
    return (datetime(primeiro.year, primeiro.month, 1, 0), datetime(primeiro.year, primeiro.month, ultimo, 23))
