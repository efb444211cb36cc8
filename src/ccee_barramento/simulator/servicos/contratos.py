"""ContratoBSv2: listarContrato and obterContrato, under seed 000's access rule.

A free-market (ACL) contract is visible only when its seller or buyer is a profile the user owns or
represents; regulated (ACR) contracts are public. Without ``perfis``, a listing covers every contract
visible to the user; ``papel`` without ``perfis`` applies to the user's own and represented profiles.
"""

from __future__ import annotations

from lxml import etree

from .. import codigos as c
from .. import respostas
from ..banco import FiltroContratos
from ..erros import FalhaBarramento
from . import Contexto, Resultado


def listar_contrato(ctx: Contexto) -> Resultado:
    ler, req, pag = ctx.leitor, ctx.payload, ctx.pag
    tipos = [_tipo(ctx, tipo) for tipo in ler.nos(req, "tipos/tipoContrato")]
    perfis = ler.inteiros(req, "perfis/perfil/id") or ler.inteiros(req, "perfis/perfil/codigo")
    papel = ler.texto(req, "papel")
    if papel and not perfis:
        perfis = list(ctx.sessao.perfis_autorizados)
    filtro = FiltroContratos(
        ambiente=ler.texto(req, "ambienteContratacao/nome"),
        tipos=tipos,
        perfis=perfis,
        papel=papel,
        periodo=ler.periodo(req, "periodoReferencia"),
        nao_validados=ler.booleano(req, "listarMontantesNaoValidados"),
    )
    total, linhas = ctx.banco.listar_contratos(
        filtro, ctx.sessao.perfis_autorizados, offset=pag.offset, limite=pag.tamanho
    )
    return Resultado(respostas.listar_contrato(linhas), pag.totais(len(linhas), total))


def _tipo(ctx: Contexto, el: etree._Element) -> tuple[int | None, int | None]:
    """(tipo, subtipo) of one ``tipoContrato`` filter; ``id`` or ``codigo`` may name either."""
    ler = ctx.leitor
    return (
        ler.inteiro_bo(el, "id") or ler.inteiro_bo(el, "codigo"),
        ler.inteiro_bo(el, "subTipo/id") or ler.inteiro_bo(el, "subTipo/codigo"),
    )


def obter_contrato(ctx: Contexto) -> Resultado:
    ler, req = ctx.leitor, ctx.payload
    numero = ler.inteiro(req, "contrato/id")
    linha = ctx.banco.contrato(numero) if numero is not None else None
    ambiente = ler.texto(req, "ambienteContratacao/nome")
    visivel = linha is not None and (
        linha["ambiente"] == c.REGULADO
        or ctx.sessao.autorizado(linha["vendedor"])
        or ctx.sessao.autorizado(linha["comprador"])
    )
    if not visivel or (ambiente and linha["ambiente"] != ambiente):
        raise FalhaBarramento(
            c.CONTRATO_NAO_ENCONTRADO,
            f"Contrato {numero} nao encontrado para os perfis proprios ou representados.",
        )
    montantes = ctx.banco.montantes_de(numero, ler.periodo(req, "periodoReferencia"))
    return Resultado(respostas.obter_contrato(linha, montantes))
