"""The outcome of an importarArquivo processing (ResultadoProcessamentoBSv1)."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .base import ModeloCCEE, Referencia


class StatusDetalhe(str, Enum):
    AVISO = "AVISO"
    SUCESSO = "SUCESSO"
    ERRO = "ERRO"


class SituacaoProcessamento(str, Enum):
    EM_PROCESSAMENTO = "EM_PROCESSAMENTO"
    PROCESSADO = "PROCESSADO"


TIPO_IMPORTACAO_CONTRATOS = "IMPORTACAO_CONTRATOS"


class DetalheProcessamento(ModeloCCEE):
    """The result for one contract of the imported file."""

    sequencial_controle: int | None = None
    status: StatusDetalhe | str | None = None
    descricao: str | None = None
    contrato: Referencia | None = None

    @property
    def codigo_contrato(self) -> int | None:
        chave = self.contrato.chave if self.contrato else None
        try:
            return int(chave) if chave is not None else None
        except ValueError:
            return None

    @property
    def erro(self) -> bool:
        return self.status == StatusDetalhe.ERRO


class ResultadoProcessamento(ModeloCCEE):
    """What obterResultadoProcessamento answered for one codigoProcessamento."""

    codigo_processamento: str | None = None
    tipo_processamento: str | None = None
    situacao: SituacaoProcessamento | str | None = None
    detalhes: list[DetalheProcessamento] = Field(
        default_factory=list, alias="ResultadosProcessamentoImportacaoContrato"
    )

    @property
    def finalizado(self) -> bool:
        """True once the bus has the per-contract outcome (see wsdl/README.md, assumption 5)."""
        if self.situacao == SituacaoProcessamento.EM_PROCESSAMENTO:
            return False
        return bool(self.detalhes) or self.situacao == SituacaoProcessamento.PROCESSADO

    @property
    def sucesso(self) -> bool:
        return self.finalizado and not any(d.erro for d in self.detalhes)
