"""Contract registration and validation files: importarArquivo and obterResultadoProcessamento."""

from __future__ import annotations

from typing import Any

from lxml import etree

from .. import decoding
from ..errors import InputError, MalformedResponse
from ..models.processamento import TIPO_IMPORTACAO_CONTRATOS, ResultadoProcessamento
from .base import Servico


def _texto_arquivo(arquivo: Any) -> str:
    """The ContratosCCEAL file as text for the CDATA (bytes are decoded per their XML declaration)."""
    if hasattr(arquivo, "contratos") and hasattr(arquivo, "tipo_geracao"):
        from ..cceal.builder import gerar_xml

        arquivo = gerar_xml(arquivo)
    if isinstance(arquivo, bytes):
        cabecalho = arquivo[:100].lower()
        codificacao = "iso-8859-1" if b"iso-8859-1" in cabecalho or b"latin" in cabecalho else "utf-8"
        try:
            arquivo = arquivo.decode(codificacao)
        except UnicodeDecodeError:
            raise InputError("arquivo", f"o arquivo não está em {codificacao.upper()}") from None
    if not isinstance(arquivo, str) or not arquivo.strip():
        raise InputError("arquivo", "arquivo ContratosCCEAL vazio")
    if "]]>" in arquivo:
        raise InputError("arquivo", "o arquivo não pode conter ']]>' (ele viaja em CDATA)")
    return arquivo


class ImportarArquivo(Servico):
    """ImportarArquivoBSv1.importarArquivo — never retried (it is not idempotent)."""

    def importar(self, arquivo: Any, *, codigo_perfil_agente: str | int | None = None) -> str:
        """Send a ContratosCCEAL file; returns the asynchronous ``codigoProcessamento``."""
        texto = _texto_arquivo(arquivo)

        def em_cdata(envelope: etree._Element) -> None:
            # zeep writes xsd:string as escaped text; the official envelope carries the file in CDATA.
            for elemento in envelope.iter(f"{{{self._bm}}}arquivo"):
                elemento.text = etree.CDATA(texto)

        resposta = self._chamar(
            "importarArquivo", {"arquivo": texto}, codigo_perfil_agente=codigo_perfil_agente, ajustar=em_cdata
        )
        elemento = self._filho(resposta, "codigoProcessamento")
        if elemento is None or not (elemento.text or "").strip():
            raise MalformedResponse(
                "importarArquivo respondeu sem codigoProcessamento",
                servico=self.spec.nome,
                operacao="importarArquivo",
                transaction_id=resposta.transaction_id,
            )
        return elemento.text.strip()


class ResultadoProcessamentoServico(Servico):
    """ResultadoProcessamentoBSv1.obterResultadoProcessamento."""

    def obter(
        self, codigo_processamento: str | int, *, codigo_perfil_agente: str | int | None = None
    ) -> ResultadoProcessamento:
        codigo = str(codigo_processamento).strip()
        if not codigo:
            raise InputError("codigo_processamento", "vazio")
        corpo = {"processamento": {"codigoProcessamento": codigo, "tipoProcessamento": TIPO_IMPORTACAO_CONTRATOS}}
        resposta = self._chamar("obterResultadoProcessamento", corpo, codigo_perfil_agente=codigo_perfil_agente)
        elemento = self._filho(resposta, "resultadoProcessamento")
        if elemento is None:
            return ResultadoProcessamento(codigo_processamento=codigo)
        resultado = decoding.decode(elemento, ResultadoProcessamento, self._bo)
        if resultado.codigo_processamento is None:
            resultado = resultado.model_copy(update={"codigo_processamento": codigo})
        return resultado
