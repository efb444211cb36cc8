"""ContratosCCEAL files for ``importarArquivo``: typed models -> XML and back, with every field rule.

    arquivo = novo_contrato_por_periodo(123, 456, Submercado.SUDESTE,
                                        [("01/01/2026 00", "31/01/2026 23", "10,5")])
    dados = gerar_xml(arquivo)            # bytes, ISO-8859-1, rules checked first
    assert ler_xml(dados) == arquivo      # round trip
    erros = validar(ler_xml(upload))      # every violation of an uploaded file

The format as implemented, and its uncertain points, are described in docs/cceal.md.
"""

from .builder import (
    cancelamento,
    edicao_por_periodo,
    finalizacao,
    gerar_xml,
    juntar,
    novo_contrato_mensal,
    novo_contrato_por_periodo,
    validacao_montantes,
)
from .config import ConfigCCEAL
from .errors import ErroCCEAL, ErroLeituraCCEAL, ErroRegraCCEAL, ErrosArquivoCCEAL
from .models import (
    ArquivoCCEAL,
    CancelamentoContrato,
    ContratoNovo,
    DireitoAlivioExposicao,
    EdicaoContrato,
    FinalizacaoContrato,
    LimiteModulacao,
    Modulacao,
    MontanteHorario,
    MontanteMedio,
    MontanteMedioEdicao,
    MontantePatamar,
    ParticularidadeLastro,
    Semana,
    Submercado,
    TipoCCEAL,
    TipoGeracao,
    TipoGravacao,
    TipoModulacao,
    UnidadePatamar,
    ValidacaoMontanteMedio,
    ValidacaoMontantes,
)
from .parser import ler_xml
from .rules import exigir_valido, validar

__all__ = [
    "ArquivoCCEAL",
    "CancelamentoContrato",
    "ConfigCCEAL",
    "ContratoNovo",
    "DireitoAlivioExposicao",
    "EdicaoContrato",
    "ErroCCEAL",
    "ErroLeituraCCEAL",
    "ErroRegraCCEAL",
    "ErrosArquivoCCEAL",
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
    "cancelamento",
    "edicao_por_periodo",
    "exigir_valido",
    "finalizacao",
    "gerar_xml",
    "juntar",
    "ler_xml",
    "novo_contrato_mensal",
    "novo_contrato_por_periodo",
    "validacao_montantes",
    "validar",
]
