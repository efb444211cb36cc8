"""ImportarArquivoBSv1 and ResultadoProcessamentoBSv1: the asynchronous contract life cycle."""

from __future__ import annotations

from .. import codigos as c
from .. import respostas
from ..erros import FalhaBarramento
from . import Contexto, Resultado


def importar_arquivo(ctx: Contexto) -> Resultado:
    texto = ctx.leitor.no(ctx.payload, "arquivo")
    conteudo = (texto.text or "").strip() if texto is not None else ""
    if not conteudo:
        raise FalhaBarramento(c.ARQUIVO_ILEGIVEL, "O elemento arquivo esta vazio.")
    return Resultado(respostas.importar_arquivo(ctx.ciclo.importar(ctx.sessao, conteudo)))


def obter_resultado_processamento(ctx: Contexto) -> Resultado:
    bo = ctx.spec.namespaces["bo"]
    processamento = ctx.leitor.no(ctx.payload, "processamento")
    el = processamento.find(f"{{{bo}}}codigoProcessamento") if processamento is not None else None
    texto = (el.text or "").strip() if el is not None else ""
    if not texto.isdigit():
        raise FalhaBarramento(c.PROCESSAMENTO_NAO_ENCONTRADO, f"Codigo de processamento {texto!r} nao encontrado.")
    situacao, detalhes = ctx.ciclo.resultado(ctx.sessao, int(texto))
    return Resultado(respostas.resultado_processamento(texto, situacao, detalhes))
