"""Domain codes of the ContratosCCEAL file (values exactly as written in the file)."""

from __future__ import annotations

from enum import Enum, IntEnum


class TipoGeracao(IntEnum):
    """Root attribute ``tipoGeracao``: the operation of a CCEAL Firme file."""

    CRIAR_DADOS_GERAIS = 1
    CRIAR_SEMANAL = 2
    CRIAR_MENSAL = 3
    CRIAR_POR_PERIODO = 4
    CRIAR_DECLARADO_HORA = 5
    CRIAR_DECLARADO_PATAMAR = 6
    EDITAR_SEMANAL = 13
    EDITAR_MENSAL = 14
    EDITAR_POR_PERIODO = 15
    EDITAR_DECLARADO_HORA = 16
    EDITAR_DECLARADO_PATAMAR = 17
    VALIDAR_MONTANTE_MEDIO = 24
    FINALIZAR_OU_CANCELAR = 25

    @property
    def rotulo(self) -> str:
        return _ROTULOS_GERACAO[self]

    @property
    def criacao(self) -> bool:
        return self <= 6

    @property
    def edicao(self) -> bool:
        return 13 <= self <= 17

    @property
    def semanal(self) -> bool:
        return self in (TipoGeracao.CRIAR_SEMANAL, TipoGeracao.EDITAR_SEMANAL)

    @property
    def declarado_hora(self) -> bool:
        return self in (TipoGeracao.CRIAR_DECLARADO_HORA, TipoGeracao.EDITAR_DECLARADO_HORA)

    @property
    def declarado_patamar(self) -> bool:
        return self in (TipoGeracao.CRIAR_DECLARADO_PATAMAR, TipoGeracao.EDITAR_DECLARADO_PATAMAR)


_ROTULOS_GERACAO = {
    TipoGeracao.CRIAR_DADOS_GERAIS: "criar com dados gerais e montantes",
    TipoGeracao.CRIAR_SEMANAL: "criar semanal",
    TipoGeracao.CRIAR_MENSAL: "criar mensal",
    TipoGeracao.CRIAR_POR_PERIODO: "criar por período",
    TipoGeracao.CRIAR_DECLARADO_HORA: "criar DECLARADO por hora",
    TipoGeracao.CRIAR_DECLARADO_PATAMAR: "criar DECLARADO por patamar",
    TipoGeracao.EDITAR_SEMANAL: "editar semanal",
    TipoGeracao.EDITAR_MENSAL: "editar mensal",
    TipoGeracao.EDITAR_POR_PERIODO: "editar por período",
    TipoGeracao.EDITAR_DECLARADO_HORA: "editar DECLARADO por hora",
    TipoGeracao.EDITAR_DECLARADO_PATAMAR: "editar DECLARADO por patamar",
    TipoGeracao.VALIDAR_MONTANTE_MEDIO: "validar montante médio",
    TipoGeracao.FINALIZAR_OU_CANCELAR: "finalizar ou cancelar",
}


class TipoCCEAL(IntEnum):
    """Root attribute ``tipoCCEAL``. This module implements only FIRME."""

    FIRME = 1
    FLEXIVEL_CONSUMO = 2
    FLEXIVEL_GERACAO = 3
    FLEXIVEL_PRIORIDADE = 4

    @property
    def rotulo(self) -> str:
        return {
            1: "Firme",
            2: "Flexível por % de consumo",
            3: "Flexível por % de geração",
            4: "Flexível por prioridade",
        }[self.value]


class Submercado(IntEnum):
    """``idSubMerEntrega`` / ``idSubMerOrigem``."""

    SUDESTE = 1
    SUL = 2
    NORDESTE = 3
    NORTE = 4

    @property
    def rotulo(self) -> str:
        return {1: "Sudeste", 2: "Sul", 3: "Nordeste", 4: "Norte"}[self.value]


class TipoGravacao(str, Enum):
    """``tipoGravacao``: R rascunho (draft) or C concluído."""

    RASCUNHO = "R"
    CONCLUIDO = "C"

    @property
    def rotulo(self) -> str:
        return {"R": "rascunho", "C": "concluído"}[self.value]


class TipoModulacao(str, Enum):
    """``TipoModulacao/@tipoModulacao`` of CCEAL Firme."""

    FLAT = "F"
    GERACAO = "G"
    CARGA = "C"
    MRE = "M"

    @property
    def rotulo(self) -> str:
        return {"F": "flat", "G": "geração", "C": "carga", "M": "MRE"}[self.value]


class DireitoAlivioExposicao(IntEnum):
    """``dirAlivExp``."""

    AUTOPRODUCAO = 0
    DIREITOS_ESPECIAIS = 1

    @property
    def rotulo(self) -> str:
        return {0: "autoprodução", 1: "direitos especiais"}[self.value]


class ParticularidadeLastro(str, Enum):
    """``partVerLastro``: particularidade para verificação de lastro."""

    GERACAO_PROPRIA = "G"
    EXPORTACAO = "E"
    LASTRO_CCEAR_D = "D"

    @property
    def rotulo(self) -> str:
        rotulos = {"G": "geração própria", "E": "exportação", "D": "lastro de venda para CCEAR D"}
        return rotulos[self.value]


class UnidadePatamar(IntEnum):
    """``unidadePatamar``: 0 MWh (3 decimal places) or 1 MWmédio (6 places)."""

    MWH = 0
    MWMEDIO = 1

    @property
    def rotulo(self) -> str:
        return {0: "MWh", 1: "MWmédio"}[self.value]
