"""Validate amounts (the buyer's job): list what is pending, select, submit tipoGeracao 24, confirm.

Selection: amounts of contracts where one of ``perfis`` is the buyer, still INSERIDO/AJUSTADO_NAO_VALIDADO,
optionally only from some sellers (``contrapartes``), some contracts, or matching an expected-amount
file within a tolerance (amounts that differ are reported as DIVERGENTE and left alone).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..cceal import ArquivoCCEAL, TipoGeracao, ValidacaoMontanteMedio, ValidacaoMontantes
from ..client import CCEEClient
from ..errors import InputError
from ..models.base import FUSO_CCEE
from ..models.contrato import Contrato, MontanteEnergia, Papel, TipoMontanteEnergia
from ..periodos import PeriodoLike, mes
from .diario import Diario
from .submissao import ResultadoSubmissao, submeter


class Decisao(str, Enum):
    VALIDAR = "VALIDAR"
    DIVERGENTE = "DIVERGENTE"
    SEM_ESPERADO = "SEM_ESPERADO"
    NAO_SELECIONADO = "NAO_SELECIONADO"
    NAO_COMPRADOR = "NAO_COMPRADOR"


class ItemValidacao(BaseModel):
    """One pending amount and what the plan does with it."""

    contrato: int
    inicio: datetime
    fim: datetime | None = None
    valor: Decimal | None = None
    unidade: str | None = None
    situacao: int | str | None = None
    vendedor: int | None = None
    comprador: int | None = None
    esperado: Decimal | None = None
    decisao: Decisao
    motivo: str | None = None
    confirmado: bool | None = None


class PlanoValidacao(BaseModel):
    itens: list[ItemValidacao]

    @property
    def a_validar(self) -> list[ItemValidacao]:
        return [i for i in self.itens if i.decisao is Decisao.VALIDAR]

    def arquivo(self) -> ArquivoCCEAL:
        """The tipoGeracao 24 file validating the selected amounts (one Contrato per contract)."""
        por_contrato: dict[int, list[datetime]] = {}
        for item in self.a_validar:
            por_contrato.setdefault(item.contrato, []).append(_hora_ccee(item.inicio))
        if not por_contrato:
            raise InputError("selecao", "nenhum montante selecionado para validar")
        contratos = tuple(
            ValidacaoMontantes(
                numero_contrato=numero,
                montantes=tuple(ValidacaoMontanteMedio(vigencia_de_inicio=i) for i in sorted(set(inicios))),
            )
            for numero, inicios in sorted(por_contrato.items())
        )
        return ArquivoCCEAL(tipo_geracao=TipoGeracao(24), contratos=contratos)


class ResultadoValidacao(BaseModel):
    plano: PlanoValidacao
    submissao: ResultadoSubmissao | None = None

    @property
    def confirmados(self) -> int:
        return sum(1 for i in self.plano.a_validar if i.confirmado)


def _hora_ccee(instante: datetime) -> datetime:
    """Brasília wall-clock time, hour precision, naive (the file's ``DD/MM/AAAA HH``)."""
    if instante.tzinfo is not None:
        instante = instante.astimezone(FUSO_CCEE).replace(tzinfo=None)
    return instante.replace(minute=0, second=0, microsecond=0)


def _chave(contrato: int, inicio: datetime) -> tuple[int, str]:
    return contrato, _hora_ccee(inicio).strftime("%Y-%m")


def ler_esperados(caminho: str | Path) -> dict[tuple[int, str], Decimal]:
    """Expected amounts: a CSV with columns ``contrato,inicio,valor`` (inicio AAAA-MM or a date; comma or point)."""
    esperados: dict[tuple[int, str], Decimal] = {}
    with open(caminho, newline="", encoding="utf-8-sig") as arquivo:
        delimitador = ";" if ";" in arquivo.readline() else ","
        arquivo.seek(0)
        leitor = csv.DictReader(arquivo, delimiter=delimitador)
        faltando = {"contrato", "inicio", "valor"} - set(leitor.fieldnames or [])
        if faltando:
            raise InputError("esperado", f"{caminho}: colunas ausentes: {', '.join(sorted(faltando))}")
        for n, linha in enumerate(leitor, start=2):
            try:
                contrato = int(linha["contrato"])
                texto = linha["inicio"].strip()
                inicio = mes(texto)[0] if len(texto) == 7 else datetime.fromisoformat(texto)
                valor = Decimal(linha["valor"].strip().replace(",", "."))
            except (ValueError, InvalidOperation, InputError):
                raise InputError("esperado", f"{caminho}, linha {n}: valores inválidos {dict(linha)}") from None
            esperados[_chave(contrato, inicio)] = valor
    return esperados


def planejar_validacao(
    client: CCEEClient,
    *,
    perfis: Iterable[int | str],
    periodo: PeriodoLike = None,
    contrapartes: Iterable[int | str] | None = None,
    contratos: Iterable[int | str] | None = None,
    esperados: Mapping[tuple[int, str], Decimal] | str | Path | None = None,
    tolerancia: Decimal | str | int = 0,
    codigo_perfil_agente: str | int | None = None,
) -> PlanoValidacao:
    """What would be validated, and why each other pending amount is left alone."""
    perfis = [int(p) for p in perfis]
    if not perfis:
        raise InputError("perfis", "informe ao menos um perfil comprador")
    tolerancia = Decimal(str(tolerancia))
    if tolerancia < 0:
        raise InputError("tolerancia", "deve ser >= 0")
    if isinstance(esperados, str | Path):
        esperados = ler_esperados(esperados)
    contra = {int(c) for c in contrapartes} if contrapartes else None
    so_contratos = {int(c) for c in contratos} if contratos else None
    de_compra: dict[int, Contrato] = {
        c.codigo_contrato: c
        for c in client.listar_contratos(
            periodo=periodo,
            perfis=perfis,
            papel=Papel.COMPRADOR,
            nao_validados=True,
            codigo_perfil_agente=codigo_perfil_agente,
        )
        if c.codigo_contrato is not None
    }
    pendentes = client.listar_montantes_nao_validados(
        perfis=perfis,
        periodo=periodo,
        tipos=TipoMontanteEnergia.MONTANTE_MEDIO,
        codigo_perfil_agente=codigo_perfil_agente,
    )
    itens = [_decidir(m, de_compra, set(perfis), contra, so_contratos, esperados, tolerancia) for m in pendentes]
    return PlanoValidacao(itens=[i for i in itens if i is not None])


def _decidir(
    m: MontanteEnergia,
    de_compra: dict[int, Contrato],
    perfis: set[int],
    contra: set[int] | None,
    so_contratos: set[int] | None,
    esperados: Mapping[tuple[int, str], Decimal] | None,
    tolerancia: Decimal,
) -> ItemValidacao | None:
    if m.codigo_contrato is None or m.periodo is None or m.periodo.inicio is None:
        return None
    contrato = de_compra.get(m.codigo_contrato)
    base: dict[str, Any] = {
        "contrato": m.codigo_contrato,
        "inicio": m.periodo.inicio,
        "fim": m.periodo.fim,
        "valor": m.valor,
        "unidade": m.unidade_medida,
        "situacao": m.situacao.codigo if m.situacao else None,
    }
    if contrato is None or (contrato.comprador and contrato.comprador.codigo_perfil not in perfis):
        return ItemValidacao(**base, decisao=Decisao.NAO_COMPRADOR, motivo="só o comprador valida os montantes")
    vendedor = contrato.vendedor.codigo_perfil if contrato.vendedor else None
    agente_vendedor = (
        contrato.vendedor.participante_mercado.codigo
        if contrato.vendedor and contrato.vendedor.participante_mercado
        else None
    )
    base.update(vendedor=vendedor, comprador=contrato.comprador.codigo_perfil if contrato.comprador else None)
    if so_contratos is not None and m.codigo_contrato not in so_contratos:
        return ItemValidacao(**base, decisao=Decisao.NAO_SELECIONADO, motivo="contrato fora da seleção")
    if contra is not None and vendedor not in contra and agente_vendedor not in contra:
        return ItemValidacao(**base, decisao=Decisao.NAO_SELECIONADO, motivo="contraparte fora da seleção")
    if esperados is not None:
        esperado = esperados.get(_chave(m.codigo_contrato, m.periodo.inicio))
        if esperado is None:
            return ItemValidacao(**base, decisao=Decisao.SEM_ESPERADO, motivo="sem valor esperado no arquivo")
        diferenca = abs((m.valor or Decimal(0)) - esperado)
        if diferenca > tolerancia:
            return ItemValidacao(
                **base,
                esperado=esperado,
                decisao=Decisao.DIVERGENTE,
                motivo=f"difere do esperado em {diferenca} (tolerância {tolerancia})",
            )
        return ItemValidacao(**base, esperado=esperado, decisao=Decisao.VALIDAR)
    return ItemValidacao(**base, decisao=Decisao.VALIDAR)


def validar(
    client: CCEEClient,
    plano: PlanoValidacao,
    *,
    diario: Diario | None = None,
    perfis: Iterable[int | str] = (),
    periodo: PeriodoLike = None,
    codigo_perfil_agente: str | int | None = None,
    **opcoes: Any,
) -> ResultadoValidacao:
    """Submit the plan's tipoGeracao 24 file (journaled) and confirm each amount left the pending list."""
    if not plano.a_validar:
        return ResultadoValidacao(plano=plano)
    proprio = diario is None
    diario = diario or Diario()
    try:
        submissao = submeter(
            client, plano.arquivo(), diario=diario, codigo_perfil_agente=codigo_perfil_agente, **opcoes
        )
    finally:
        if proprio:
            diario.close()
    contratos_ok = {c.numero_contrato for c in submissao.contratos if c.sucesso}
    ainda = {
        _chave(m.codigo_contrato, m.periodo.inicio)
        for m in client.listar_montantes_nao_validados(
            perfis=list(perfis) or None,
            contratos=sorted({i.contrato for i in plano.a_validar}),
            periodo=periodo,
            codigo_perfil_agente=codigo_perfil_agente,
        )
        if m.codigo_contrato is not None and m.periodo and m.periodo.inicio
    }
    for item in plano.a_validar:
        item.confirmado = item.contrato in contratos_ok and _chave(item.contrato, item.inicio) not in ainda
    return ResultadoValidacao(plano=plano, submissao=submissao)
