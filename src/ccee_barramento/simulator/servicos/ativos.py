"""AtivoMedicaoBSv2 and ParcelaAtivoBSv2 (public registries; contract associations follow the access rule)."""

from __future__ import annotations

from .. import respostas
from . import Contexto, Resultado


def listar_ativo_medicao(ctx: Contexto) -> Resultado:
    ler, req, pag = ctx.leitor, ctx.payload, ctx.pag
    base = "ativoMedicao"
    total, linhas = ctx.banco.listar_ativos(
        nome=ler.texto(req, f"{base}/nome"),
        nome_reduzido=ler.texto(req, f"{base}/nomeReduzido"),
        tipo=ler.texto(req, f"{base}/tipo/descricao"),
        tipo_codigo=ler.inteiro(req, f"{base}/tipo/codigo"),
        agente=ler.inteiro(req, f"{base}/parcelasAtivo/parcelaAtivo/participanteMercado/codigo"),
        vigente_em=ler.periodo(req, f"{base}/vigencia").inicio,
        offset=pag.offset,
        limite=pag.tamanho,
    )
    return Resultado(respostas.listar_ativo_medicao(linhas), pag.totais(len(linhas), total))


def listar_parcela_ativo(ctx: Contexto) -> Resultado:
    """Parcels; with ``contratos`` (assumption 6) only those associated with the asker's visible contracts."""
    ler, req, pag = ctx.leitor, ctx.payload, ctx.pag
    base = "parcelaAtivo"
    visiveis = ctx.sessao.perfis_autorizados
    contratos = ler.inteiros(req, "contratos/contrato/id")
    if contratos:
        contratos = [n for n in contratos if _visivel(ctx, n)]
        if not contratos:
            return Resultado(respostas.listar_parcela_ativo([]), pag.totais(0, 0))
    total, linhas = ctx.banco.listar_parcelas(
        codigo=ler.inteiro(req, f"{base}/codigo"),
        perfil=ler.inteiro(req, f"{base}/participanteMercado/perfis/perfil/codigo"),
        agente=ler.inteiro(req, f"{base}/participanteMercado/codigo"),
        ativo=ler.inteiro(req, f"{base}/ativoMedicao/codigo"),
        cnpj=ler.texto(req, f"{base}/identificacao/numero"),
        vigente_em=ler.periodo(req, "periodoReferencia").inicio,
        contratos=contratos,
        offset=pag.offset,
        limite=pag.tamanho,
    )
    associacoes = ctx.banco.associacoes([r["codigo"] for r in linhas], visiveis, contratos)
    return Resultado(respostas.listar_parcela_ativo(linhas, associacoes), pag.totais(len(linhas), total))


def _visivel(ctx: Contexto, contrato: int) -> bool:
    linha = ctx.banco.contrato(contrato)
    return linha is not None and (
        linha["ambiente"] == "REGULADO"
        or ctx.sessao.autorizado(linha["vendedor"])
        or ctx.sessao.autorizado(linha["comprador"])
    )
