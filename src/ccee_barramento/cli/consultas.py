"""Query commands: contratos, montantes, ativos, cadastros."""

from __future__ import annotations

from typing import Any

import click

from ..models.contrato import TipoMontanteEnergia
from .contexto import Contexto, pass_contexto
from .saida import com_progresso, emitir


def _lista(valor: str | None) -> list[str] | None:
    return [v.strip() for v in valor.split(",") if v.strip()] if valor else None


COLUNAS_CONTRATO = [
    ("id", "contrato"),
    ("referencia", "referência"),
    ("situacao.descricao", "situação"),
    ("periodoVigencia.inicio", "início"),
    ("periodoVigencia.fim", "fim"),
    ("vendedor.perfil.sigla", "vendedor"),
    ("comprador.perfil.sigla", "comprador"),
    ("submercado.nome", "submercado"),
    ("montantesNaoValidados", "não validados"),
]
COLUNAS_MONTANTE = [
    ("contrato.id", "contrato"),
    ("tipoMontanteEnergia.nome", "tipo"),
    ("periodo.inicio", "início"),
    ("periodo.fim", "fim"),
    ("patamar", "patamar"),
    ("valor", "valor"),
    ("unidadeMedida", "unidade"),
    ("situacao.descricao", "situação"),
]
COLUNAS_PARCELA = [
    ("codigo", "parcela"),
    ("nomeReduzido", "nome"),
    ("ativoMedicao.codigo", "ativo"),
    ("modalidade.descricao", "modalidade"),
    ("contratosAssociado", "contratos associados"),
    ("submercado.id", "submercado"),
    ("status.descricao", "status"),
]
COLUNAS_ATIVO = [
    ("codigo", "ativo"),
    ("nome", "nome"),
    ("nomeReduzido", "nome reduzido"),
    ("tipo.descricao", "tipo"),
    ("ceg", "CEG"),
    ("situacao.descricao", "situação"),
    ("vigencia.inicio", "vigência"),
]
COLUNAS_PARTICIPANTE = [
    ("codigo", "agente"),
    ("sigla", "sigla"),
    ("parte.pessoaJuridica.nomeEmpresarial", "nome empresarial"),
    ("classe.descricao", "classe"),
    ("situacao.descricao", "situação"),
]
COLUNAS_PERFIL = [
    ("codigo", "perfil"),
    ("sigla", "sigla"),
    ("participanteMercado.codigo", "agente"),
    ("classe.descricao", "classe"),
    ("submercado.nome", "submercado"),
    ("perfilPrincipal", "principal"),
    ("situacao.descricao", "situação"),
]

opcao_periodo = click.option(
    "--periodo", help="Mês AAAA-MM, intervalo AAAA-MM..AAAA-MM ou datas AAAA-MM-DD..AAAA-MM-DD."
)
opcao_pagina = click.option("--tamanho-pagina", type=int, help="Itens por página (até o limite do serviço).")


def _listar(ctx: Contexto, paginador: Any, descricao: str, colunas: Any) -> None:
    emitir(com_progresso(paginador, descricao), ctx.saida, colunas, titulo=descricao)


@click.group()
def contratos() -> None:
    """Contratos ACL e ACR (ContratoBSv2)."""


@contratos.command("listar")
@opcao_periodo
@click.option("--perfis", help="Códigos de perfil separados por vírgula (próprios ou representados).")
@click.option("--papel", type=click.Choice(["VENDEDOR", "COMPRADOR"], case_sensitive=False))
@click.option("--ambiente", type=click.Choice(["LIVRE", "REGULADO"], case_sensitive=False))
@click.option("--nao-validados", is_flag=True, help="Só contratos com montantes não validados (10783/10786).")
@opcao_pagina
@pass_contexto
def contratos_listar(
    ctx: Contexto,
    periodo: str | None,
    perfis: str | None,
    papel: str | None,
    ambiente: str | None,
    nao_validados: bool,
    tamanho_pagina: int | None,
) -> None:
    """Lista contratos (todas as páginas)."""
    paginador = ctx.client.listar_contratos(
        periodo=periodo,
        perfis=_lista(perfis),
        papel=papel,
        ambiente=ambiente,
        nao_validados=True if nao_validados else None,
        tamanho_pagina=tamanho_pagina,
    )
    _listar(ctx, paginador, "contratos", COLUNAS_CONTRATO)


@contratos.command("obter")
@click.argument("codigo")
@opcao_periodo
@click.option("--ambiente", type=click.Choice(["LIVRE", "REGULADO"], case_sensitive=False))
@pass_contexto
def contratos_obter(ctx: Contexto, codigo: str, periodo: str | None, ambiente: str | None) -> None:
    """Obtém um contrato pelo código."""
    contrato = ctx.client.obter_contrato(codigo, periodo=periodo, ambiente=ambiente)
    emitir([contrato], ctx.saida, COLUNAS_CONTRATO, titulo=f"contrato {codigo}")
    if ctx.saida == "table" and contrato.montantes_energia:
        emitir(contrato.montantes_energia, "table", COLUNAS_MONTANTE, titulo="montantes")


@click.group()
def montantes() -> None:
    """Montantes de energia dos contratos (MontanteEnergiaBSv2)."""


@montantes.command("listar")
@click.option("--contratos", "codigos", help="Códigos de contrato separados por vírgula.")
@click.option("--perfis", help="Códigos de perfil separados por vírgula.")
@opcao_periodo
@click.option(
    "--tipo",
    "tipos",
    multiple=True,
    type=click.Choice([t.value for t in TipoMontanteEnergia]),
    help="Tipo de montante (repetível); padrão MONTANTE_MEDIO.",
)
@click.option("--ambiente", type=click.Choice(["LIVRE", "REGULADO"], case_sensitive=False))
@click.option("--nao-validados", is_flag=True, help="Só montantes INSERIDO/AJUSTADO_NAO_VALIDADO.")
@opcao_pagina
@pass_contexto
def montantes_listar(
    ctx: Contexto,
    codigos: str | None,
    perfis: str | None,
    periodo: str | None,
    tipos: tuple[str, ...],
    ambiente: str | None,
    nao_validados: bool,
    tamanho_pagina: int | None,
) -> None:
    """Lista montantes (todas as páginas)."""
    paginador = ctx.client.listar_montantes_energia(
        contratos=_lista(codigos),
        perfis=_lista(perfis),
        periodo=periodo,
        tipos=list(tipos) or TipoMontanteEnergia.MONTANTE_MEDIO,
        ambiente=ambiente,
        nao_validados=True if nao_validados else None,
        tamanho_pagina=tamanho_pagina,
    )
    _listar(ctx, paginador, "montantes", COLUNAS_MONTANTE)


@click.group()
def ativos() -> None:
    """Ativos de medição e parcelas (AtivoMedicaoBSv2, ParcelaAtivoBSv2)."""


@ativos.command("medicao")
@click.option("--tipo", help="CARGA, USINA...")
@click.option("--nome")
@click.option("--nome-reduzido")
@click.option("--agente", help="Código do agente dono das parcelas.")
@opcao_pagina
@pass_contexto
def ativos_medicao(
    ctx: Contexto,
    tipo: str | None,
    nome: str | None,
    nome_reduzido: str | None,
    agente: str | None,
    tamanho_pagina: int | None,
) -> None:
    """Lista ativos de medição."""
    paginador = ctx.client.listar_ativos_medicao(
        tipo=tipo, nome=nome, nome_reduzido=nome_reduzido, codigo_agente=agente, tamanho_pagina=tamanho_pagina
    )
    _listar(ctx, paginador, "ativos de medição", COLUNAS_ATIVO)


@ativos.command("parcelas")
@click.option("--perfil", "codigo_perfil")
@click.option("--parcela", "codigo_parcela")
@click.option("--ativo", "codigo_ativo")
@click.option("--cnpj")
@opcao_pagina
@pass_contexto
def ativos_parcelas(
    ctx: Contexto,
    codigo_perfil: str | None,
    codigo_parcela: str | None,
    codigo_ativo: str | None,
    cnpj: str | None,
    tamanho_pagina: int | None,
) -> None:
    """Lista parcelas de ativos."""
    paginador = ctx.client.listar_parcelas_ativo(
        codigo_perfil=codigo_perfil,
        codigo_parcela=codigo_parcela,
        codigo_ativo=codigo_ativo,
        cnpj=cnpj,
        tamanho_pagina=tamanho_pagina,
    )
    _listar(ctx, paginador, "parcelas de ativo", COLUNAS_PARCELA)


@ativos.command("associados")
@click.option("--contratos", "codigos", help="Códigos de contrato separados por vírgula.")
@click.option("--perfil", "codigo_perfil")
@opcao_periodo
@opcao_pagina
@pass_contexto
def ativos_associados(
    ctx: Contexto, codigos: str | None, codigo_perfil: str | None, periodo: str | None, tamanho_pagina: int | None
) -> None:
    """Parcelas de ativo associadas a contratos (ListarAtivoAssociadoContrato)."""
    paginador = ctx.client.listar_ativos_associados_contrato(
        contratos=_lista(codigos), codigo_perfil=codigo_perfil, periodo=periodo, tamanho_pagina=tamanho_pagina
    )
    _listar(ctx, paginador, "parcelas associadas a contratos", COLUNAS_PARCELA)


@click.group()
def cadastros() -> None:
    """Consultas públicas de cadastro (participantes e perfis)."""


@cadastros.command("participantes")
@click.option("--codigos", help="Códigos de agente separados por vírgula.")
@click.option("--cnpj", "cnpjs", help="CNPJs separados por vírgula.")
@click.option("--sigla")
@click.option("--classe", type=int)
@opcao_pagina
@pass_contexto
def cadastros_participantes(
    ctx: Contexto,
    codigos: str | None,
    cnpjs: str | None,
    sigla: str | None,
    classe: int | None,
    tamanho_pagina: int | None,
) -> None:
    """Lista participantes de mercado."""
    paginador = ctx.client.listar_participantes(
        codigos=_lista(codigos), cnpjs=_lista(cnpjs), sigla=sigla, classe=classe, tamanho_pagina=tamanho_pagina
    )
    _listar(ctx, paginador, "participantes", COLUNAS_PARTICIPANTE)


@cadastros.command("perfis")
@click.option("--agente", "codigo_agente")
@click.option("--perfil", "codigo_perfil")
@click.option("--sigla")
@click.option("--classe", type=int)
@opcao_pagina
@pass_contexto
def cadastros_perfis(
    ctx: Contexto,
    codigo_agente: str | None,
    codigo_perfil: str | None,
    sigla: str | None,
    classe: int | None,
    tamanho_pagina: int | None,
) -> None:
    """Lista perfis de participantes de mercado."""
    paginador = ctx.client.listar_perfis(
        codigo_agente=codigo_agente,
        codigo_perfil=codigo_perfil,
        sigla=sigla,
        classe=classe,
        tamanho_pagina=tamanho_pagina,
    )
    _listar(ctx, paginador, "perfis", COLUNAS_PERFIL)
