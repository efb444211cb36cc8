"""MontanteEnergiaBSv2.listarMontanteEnergia (also serves listarMontantesNaoValidados).

Amounts of contracts the user may not see are silently left out, even when asked by contract id.
"""

from __future__ import annotations

from .. import respostas
from ..banco import FiltroMontantes
from . import Contexto, Resultado


def listar_montante_energia(ctx: Contexto) -> Resultado:
    ler, req, pag = ctx.leitor, ctx.payload, ctx.pag
    filtro = FiltroMontantes(
        contratos=ler.inteiros(req, "contratos/contrato/id"),
        periodo=ler.periodo(req, "periodoReferencia"),
        tipos=ler.textos(req, "tipos/tipoMontanteEnergia/nome"),
        ambiente=ler.texto(req, "ambienteContratacao/nome"),
        nao_validados=ler.booleano(req, "listarMontantesNaoValidados"),
        perfis=ler.inteiros(req, "perfis/perfil/id") or ler.inteiros(req, "perfis/perfil/codigo"),
    )
    total, linhas = ctx.banco.listar_montantes(
        filtro, ctx.sessao.perfis_autorizados, offset=pag.offset, limite=pag.tamanho
    )
    return Resultado(respostas.listar_montante_energia(linhas), pag.totais(len(linhas), total))
