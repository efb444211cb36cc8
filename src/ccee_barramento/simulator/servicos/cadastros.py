"""ParticipanteMercadoBSv2 and PerfilParticipanteMercadoBSv2: public registry look-ups."""

from __future__ import annotations

from .. import respostas
from . import Contexto, Resultado


def listar_participante_mercado(ctx: Contexto) -> Resultado:
    ler, req, pag = ctx.leitor, ctx.payload, ctx.pag
    total, linhas = ctx.banco.listar_participantes(
        codigos=ler.inteiros(req, "participantesMercado/participanteMercado/codigo"),
        cnpjs=ler.textos(req, "identificacoes/identificacao/numero"),
        sigla=ler.texto(req, "sigla"),
        classe=ler.inteiro(req, "classe/codigo"),
        nome=ler.texto(req, "nomeEmpresarial"),
        vigente_em=ler.periodo(req, "periodoReferencia").inicio,
        offset=pag.offset,
        limite=pag.tamanho,
    )
    perfis = ctx.banco.perfis_de([r["codigo"] for r in linhas])
    return Resultado(respostas.listar_participante_mercado(linhas, perfis), pag.totais(len(linhas), total))


def listar_perfil_participante_mercado(ctx: Contexto) -> Resultado:
    ler, req, pag = ctx.leitor, ctx.payload, ctx.pag
    base = "perfilParticipanteMercado"
    total, linhas = ctx.banco.listar_perfis(
        codigo=ler.inteiro(req, f"{base}/codigo") or ler.inteiro(req, f"{base}/id"),
        agente=ler.inteiro(req, f"{base}/participanteMercado/codigo"),
        sigla=ler.texto(req, f"{base}/sigla"),
        classe=ler.inteiro(req, f"{base}/classe/codigo"),
        fonte=ler.inteiro(req, f"{base}/fonteEnergia/tipo/id"),
        vigente_em=ler.periodo(req, f"{base}/periodoVigencia").inicio,
        offset=pag.offset,
        limite=pag.tamanho,
    )
    return Resultado(respostas.listar_perfil_participante_mercado(linhas), pag.totais(len(linhas), total))
