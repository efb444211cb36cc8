"""Models -> ContratosCCEAL file (ISO-8859-1 bytes), built with lxml after checking every rule.

Structure written where the public notes are unclear (docs/cceal.md lists every such choice):

- the average amount sits in ``MontanteMedio/MontanteMedioContratoCCEALFirme/@montanteMedio``;
- weekly operations (2 and 13) nest ``semana`` in the period, each week with its own amount and
  modulation; DECLARADO per patamar (6 and 17) nests one ``Semana`` per week carrying
  ``unidadePatamar``, ``patamarLeve``, ``patamarMedio``, ``patamarPesado``;
- DECLARADO per hour (5 and 16) nests ``MesAno/Dia/Hora``, consecutive hours sharing month and day;
- children of ``MontanteMedio`` in this order: value; weeks, hours or patamares; ``TipoModulacao``,
  ``LimiteModulacao``, ``AtivoAssociadoModulacao``.

The convenience constructors for the common jobs (:mod:`.atalhos`) are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from itertools import groupby
from typing import Any

from lxml import etree

from . import formato
from . import mapeamento as mp
from .atalhos import (
    cancelamento,
    edicao_por_periodo,
    finalizacao,
    juntar,
    novo_contrato_mensal,
    novo_contrato_por_periodo,
    validacao_montantes,
)
from .config import ConfigCCEAL
from .models import ArquivoCCEAL, Modulacao, MontanteHorario, MontantePatamar, Semana, ValidacaoMontanteMedio
from .rules import casas_decimais, exigir_valido

__all__ = [
    "DECLARACAO_XML",
    "cancelamento",
    "edicao_por_periodo",
    "finalizacao",
    "gerar_xml",
    "juntar",
    "novo_contrato_mensal",
    "novo_contrato_por_periodo",
    "validacao_montantes",
]

DECLARACAO_XML = b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'


def gerar_xml(arquivo: ArquivoCCEAL, config: ConfigCCEAL = ConfigCCEAL()) -> bytes:  # noqa: B008 (frozen)
    """The ContratosCCEAL file of ``arquivo``; raises ``ErrosArquivoCCEAL`` if any rule is violated."""
    exigir_valido(arquivo)
    raiz = _Escritor(config).arquivo(arquivo)
    corpo = etree.tostring(raiz, encoding="ISO-8859-1", xml_declaration=False, pretty_print=True)
    return DECLARACAO_XML + corpo


class _Escritor:
    """Builds the element tree of one file with one configuration."""

    def __init__(self, config: ConfigCCEAL) -> None:
        self.cfg = config

    def arquivo(self, a: ArquivoCCEAL) -> etree._Element:
        raiz = etree.Element(self.cfg.nome(mp.RAIZ.nome))
        self._atributos(raiz, mp.RAIZ, a)
        for c in a.contratos:
            elemento = mp.CONTRATO_DE[type(c)]
            no = self._filho(raiz, elemento.nome, elemento, c)
            for mm in getattr(c, "montantes", ()):
                self.montante(no, mm)
        return raiz

    def montante(self, pai: etree._Element, mm: Any) -> None:
        no = self._filho(pai, mp.MONTANTE_DE[type(mm)].nome, mp.MONTANTE_DE[type(mm)], mm)
        if isinstance(mm, ValidacaoMontanteMedio):
            return
        self._valor_montante(no, mm)
        for s in mm.semanas:
            self.semana(no, s)
        self.horarios(no, mm.horarios)
        for p in mm.patamares:
            self.patamar(no, p)
        self.modulacao(no, mm.modulacao)

    def semana(self, pai: etree._Element, s: Semana) -> None:
        no = self._filho(pai, self.cfg.elemento_semana, mp.SEMANA, s)
        self._valor_montante(no, s)
        self.modulacao(no, s.modulacao)

    def horarios(self, pai: etree._Element, horarios: Iterable[MontanteHorario]) -> None:
        """Consecutive hours of the same month and day share their MesAno and Dia elements."""
        for _, do_mes in groupby(horarios, key=lambda h: h.mes_ano):
            do_mes = list(do_mes)
            no_mes = self._filho(pai, mp.MES_ANO.nome, mp.MES_ANO, do_mes[0])
            for _, do_dia in groupby(do_mes, key=lambda h: h.dia):
                do_dia = list(do_dia)
                no_dia = etree.SubElement(no_mes, mp.DIA.nome)
                no_dia.set(mp.DIA.atributos["dia"], f"{do_dia[0].dia:02d}")
                for h in do_dia:
                    self._filho(no_dia, mp.HORA.nome, mp.HORA, h)

    def patamar(self, pai: etree._Element, p: MontantePatamar) -> None:
        self._filho(pai, self.cfg.elemento_patamar, mp.PATAMAR, p, unidade=p.unidade_patamar)

    def modulacao(self, pai: etree._Element, mod: Modulacao | None) -> None:
        if mod is None:
            return
        if mod.tipo_modulacao is not None:
            self._filho(pai, mp.TIPO_MODULACAO.nome, mp.TIPO_MODULACAO, mod)
        if mod.limite_modulacao is not None:
            self._filho(pai, mp.LIMITE_MODULACAO.nome, mp.LIMITE_MODULACAO, mod.limite_modulacao)
        if mod.id_ativo_associado_modulacao is not None:
            self._filho(pai, mp.ATIVO_MODULACAO.nome, mp.ATIVO_MODULACAO, mod)

    def _valor_montante(self, pai: etree._Element, montante: Any) -> None:
        """The average amount goes in its own child element."""
        if montante.montante_medio is not None:
            self._filho(pai, mp.VALOR_MONTANTE_MEDIO.nome, mp.VALOR_MONTANTE_MEDIO, montante)

    def _filho(
        self, pai: etree._Element, nome: str, elemento: mp.Elemento, modelo: object, unidade: Any = None
    ) -> etree._Element:
        no = etree.SubElement(pai, self.cfg.nome(nome))
        self._atributos(no, elemento, modelo, unidade)
        return no

    def _atributos(self, no: etree._Element, elemento: mp.Elemento, modelo: object, unidade: Any = None) -> None:
        for campo, xml in elemento.atributos.items():
            texto = self._texto(xml, getattr(modelo, campo), unidade)
            if texto is not None:
                no.set(self.cfg.nome(xml), texto)

    def _texto(self, xml: str, valor: object, unidade: Any = None) -> str | None:
        casas = casas_decimais(xml, unidade) if isinstance(valor, Decimal) else None
        return formato.escrever(valor, self.cfg.separador_decimal, self.cfg.data_com_minutos, casas)
