"""Python field <-> XML name mapping of the ContratosCCEAL file: the one place where names meet.

Names here are the canonical (unaccented) spellings; :mod:`.config` turns some of them into the
accented variants when asked and the parser accepts both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import models as m


@dataclass(frozen=True)
class Elemento:
    """An XML element: its name and its attributes (python field -> XML attribute), in file order."""

    nome: str
    atributos: Mapping[str, str]

    @property
    def por_xml(self) -> dict[str, str]:
        return {xml: campo for campo, xml in self.atributos.items()}


_SEQ = {"sequencial_controle": "sequencialControle"}
_NUMERO = {**_SEQ, "numero_contrato": "numeroContrato"}

RAIZ = Elemento(
    "ContratosCCEAL",
    {
        "tipo_geracao": "tipoGeracao",
        "tipo_cceal": "tipoCCEAL",
        "sistema_origem": "sistemaOrigem",
    },
)
CONTRATO_NOVO = Elemento(
    "Contrato",
    {
        **_SEQ,
        "tipo_gravacao": "tipoGravacao",
        "data_de_inicio": "dataDeInicio",
        "data_de_fim": "dataDeFim",
        "id_comprador": "idComprador",
        "id_vendedor": "idVendedor",
        "id_sub_mer_entrega": "idSubMerEntrega",
        "referencia": "referencia",
        "dir_aliv_exp": "dirAlivExp",
        "id_sub_mer_origem": "idSubMerOrigem",
        "part_ver_lastro": "partVerLastro",
        "observacao": "observacao",
        "contrato_cessao": "contratoCessao",
        "id_contrato_cessao": "idContratoCessao",
    },
)
EDICAO_CONTRATO = Elemento("Contrato", {**_NUMERO, "tipo_gravacao": "tipoGravacao"})
VALIDACAO_MONTANTES = Elemento("Contrato", _NUMERO)
FINALIZACAO = Elemento(
    "Contrato",
    {
        **_NUMERO,
        "data_finalizacao": "dataFinalizacao",
        "validar_finalizacao": "validarFinalizacao",
    },
)
CANCELAMENTO = Elemento(
    "Contrato",
    {
        **_NUMERO,
        "cancelar_contrato": "cancelarContrato",
        "validar_cancelamento": "validarCancelamento",
    },
)
MONTANTE_MEDIO = Elemento(
    "MontanteMedio",
    {
        "data_de_inicio": "dataDeInicio",
        "data_de_fim": "dataDeFim",
        "validar_montante": "validarMontante",
    },
)
MONTANTE_MEDIO_EDICAO = Elemento(
    "MontanteMedio",
    {
        "vigencia_de_inicio": "vigenciaDeInicio",
        "vigencia_de_fim": "vigenciaDeFim",
        "validar_montante": "validarMontante",
    },
)
VALIDACAO_MONTANTE_MEDIO = Elemento(
    "MontanteMedio",
    {
        "vigencia_de_inicio": "vigenciaDeInicio",
        "validar_montante": "validarMontante",
    },
)
#: The average amount sits in a child element of MontanteMedio (or of semana).
VALOR_MONTANTE_MEDIO = Elemento("MontanteMedioContratoCCEALFirme", {"montante_medio": "montanteMedio"})
SEMANA = Elemento("semana", {"semana": "semana", "validar_montante": "validarMontante"})
TIPO_MODULACAO = Elemento("TipoModulacao", {"tipo_modulacao": "tipoModulacao"})
LIMITE_MODULACAO = Elemento(
    "LimiteModulacao",
    {
        "limite_minimo_modulacao": "limiteMinimoModulacao",
        "limite_maximo_modulacao": "limiteMaximoModulacao",
    },
)
ATIVO_MODULACAO = Elemento(
    "AtivoAssociadoModulacao",
    {
        "id_ativo_associado_modulacao": "idAtivoAssociadoModulacao",
    },
)
MES_ANO = Elemento("MesAno", {"mes_ano": "mesAno"})
DIA = Elemento("Dia", {"dia": "dia"})
HORA = Elemento("Hora", {"hora": "hora", "montante_horario": "montanteHorario"})
PATAMAR = Elemento(
    "Semana",
    {
        "semana": "semana",
        "unidade_patamar": "unidadePatamar",
        "leve": "patamarLeve",
        "medio": "patamarMedio",
        "pesado": "patamarPesado",
    },
)

#: The ``Contrato`` element of each contract model.
CONTRATO_DE: dict[type, Elemento] = {
    m.ContratoNovo: CONTRATO_NOVO,
    m.EdicaoContrato: EDICAO_CONTRATO,
    m.ValidacaoMontantes: VALIDACAO_MONTANTES,
    m.FinalizacaoContrato: FINALIZACAO,
    m.CancelamentoContrato: CANCELAMENTO,
}
#: The ``MontanteMedio`` element of each amount-period model.
MONTANTE_DE: dict[type, Elemento] = {
    m.MontanteMedio: MONTANTE_MEDIO,
    m.MontanteMedioEdicao: MONTANTE_MEDIO_EDICAO,
    m.ValidacaoMontanteMedio: VALIDACAO_MONTANTE_MEDIO,
}


def _nomes(*elementos: Elemento, **filhos: str) -> dict[str, str]:
    nomes: dict[str, str] = {}
    for e in elementos:
        nomes.update(e.atributos)
    nomes.update(filhos)
    return nomes


_CONTEUDO = {
    "semanas": SEMANA.nome,
    "horarios": MES_ANO.nome,
    "patamares": PATAMAR.nome,
    "modulacao": TIPO_MODULACAO.nome,
}

#: Every model field's XML name (attribute, or element for collections), used in error messages.
NOMES_XML: dict[type, dict[str, str]] = {
    m.ArquivoCCEAL: _nomes(RAIZ, contratos="Contrato"),
    **{cls: _nomes(e, montantes="MontanteMedio") for cls, e in CONTRATO_DE.items()},
    m.MontanteMedio: _nomes(MONTANTE_MEDIO, VALOR_MONTANTE_MEDIO, **_CONTEUDO),
    m.MontanteMedioEdicao: _nomes(MONTANTE_MEDIO_EDICAO, VALOR_MONTANTE_MEDIO, **_CONTEUDO),
    m.ValidacaoMontanteMedio: _nomes(VALIDACAO_MONTANTE_MEDIO),
    m.Semana: _nomes(SEMANA, VALOR_MONTANTE_MEDIO, modulacao=TIPO_MODULACAO.nome),
    m.Modulacao: _nomes(TIPO_MODULACAO, ATIVO_MODULACAO, limite_modulacao=LIMITE_MODULACAO.nome),
    m.LimiteModulacao: _nomes(LIMITE_MODULACAO),
    m.MontanteHorario: _nomes(MES_ANO, DIA, HORA),
    m.MontantePatamar: _nomes(PATAMAR),
}


def nome_xml(modelo: type, campo: str) -> str:
    """The XML name of a model field (the field name itself if it has none)."""
    return NOMES_XML.get(modelo, {}).get(campo, campo)
