"""Workflow commands: registrar, validar, watch, webhook serve, diario."""

from __future__ import annotations

import csv
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..workflows import Diario, EstadoNotificacoes, Notificacao, ReceptorWebhook, registrar, vigiar
from ..workflows.notificacoes import como_linha_json, executar_gancho
from ..workflows.submissao import Andamento, ResultadoSubmissao
from ..workflows.validacao import planejar_validacao, validar
from .consultas import _lista
from .contexto import Contexto, pass_contexto
from .saida import emitir, stderr

COLUNAS_RESULTADO = [
    ("sequencial_controle", "seq."),
    ("referencia", "referência"),
    ("numero_contrato", "nº contrato"),
    ("status", "status"),
    ("codigo_contrato", "contrato"),
    ("origem", "origem"),
    ("descricao", "descrição"),
]
COLUNAS_PLANO = [
    ("contrato", "contrato"),
    ("inicio", "início"),
    ("valor", "valor"),
    ("unidade", "unid."),
    ("esperado", "esperado"),
    ("vendedor", "vendedor"),
    ("decisao", "decisão"),
    ("confirmado", "confirmado"),
    ("motivo", "motivo"),
]
COLUNAS_NOTIFICACAO = [
    ("evento", "evento"),
    ("contrato", "contrato"),
    ("tipo_montante", "tipo"),
    ("inicio", "início"),
    ("valor", "valor"),
    ("situacao_descricao", "situação"),
    ("transaction_id", "transactionId"),
]

opcao_diario = click.option(
    "--diario",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Arquivo do diário (padrão: pasta de dados do usuário).",
)


@contextmanager
def _andamento() -> Iterator[Andamento]:
    """Progress of a submission on stderr: a live spinner on a terminal, plain lines otherwise."""
    if not stderr.is_terminal:
        yield Andamento(
            ao_enviar=lambda envio: stderr.print(f"enviando arquivo ({len(envio.arquivo)} bytes)…"),
            ao_consultar=lambda r, t: stderr.print(
                f"processamento {r.codigo_processamento}: {'concluído' if r.finalizado else 'em processamento'} ({t:.0f}s)"
            ),
            ao_reconciliar=_avisar_reconciliacao,
        )
        return
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=stderr, transient=True
    ) as progresso:
        tarefa = progresso.add_task("preparando…", total=None)
        yield Andamento(
            ao_enviar=lambda envio: progresso.update(
                tarefa, description=f"enviando arquivo ({len(envio.arquivo)} bytes)"
            ),
            ao_consultar=lambda r, t: progresso.update(
                tarefa,
                description=f"processamento {r.codigo_processamento}: "
                f"{'concluído' if r.finalizado else 'aguardando a CCEE'}",
            ),
            ao_reconciliar=_avisar_reconciliacao,
        )


def _avisar_reconciliacao(achados: list[int], faltantes: list[int]) -> None:
    stderr.print(
        f"[yellow]retomando envio sem resposta: {len(achados)} contrato(s) já na CCEE, "
        f"{len(faltantes)} a reenviar[/yellow]"
    )


def _mostrar(resultado: ResultadoSubmissao, formato: str) -> None:
    if resultado.do_diario:
        stderr.print("[dim]este arquivo já foi processado; resultado do diário (nada foi reenviado)[/dim]")
    emitir(resultado.contratos, formato, COLUNAS_RESULTADO, titulo="resultado por contrato")
    if not resultado.sucesso:
        raise click.exceptions.Exit(4)


@click.command("registrar")
@click.argument("arquivo", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--timeout", type=float, default=600, show_default=True, help="Segundos aguardando o processamento.")
@click.option(
    "--carencia",
    type=float,
    default=30,
    show_default=True,
    help="Segundos procurando um envio sem resposta antes de reenviar.",
)
@opcao_diario
@pass_contexto
def registrar_cmd(ctx: Contexto, arquivo: Path, timeout: float, carencia: float, diario: Path | None) -> None:
    """Registra (ou edita) contratos de um arquivo ContratosCCEAL, com diário e retomada segura.

    Rodar de novo o mesmo comando retoma o envio: nunca registra o mesmo contrato duas vezes.
    """
    with Diario(diario) as d, _andamento() as andamento:
        resultado = registrar(
            ctx.client, arquivo.read_bytes(), diario=d, timeout=timeout, carencia=carencia, andamento=andamento
        )
    _mostrar(resultado, ctx.saida)


def _decimal(valor: str) -> Decimal:
    try:
        return Decimal(valor.replace(",", "."))
    except InvalidOperation:
        raise click.BadParameter(f"número inválido: {valor}") from None


@click.command("validar")
@click.option("--perfis", required=True, help="Perfis compradores (vírgula).")
@click.option("--periodo", help="AAAA-MM ou intervalo AAAA-MM..AAAA-MM.")
@click.option("--contraparte", "contrapartes", help="Só estes vendedores (perfil ou agente; vírgula).")
@click.option("--contratos", help="Só estes contratos (vírgula).")
@click.option(
    "--esperado",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV contrato,inicio,valor com os montantes esperados.",
)
@click.option("--tolerancia", default="0", show_default=True, help="Diferença aceita em relação ao esperado.")
@click.option("--dry-run", is_flag=True, help="Só mostra o que seria validado.")
@click.option("--timeout", type=float, default=600, show_default=True)
@opcao_diario
@pass_contexto
def validar_cmd(
    ctx: Contexto,
    perfis: str,
    periodo: str | None,
    contrapartes: str | None,
    contratos: str | None,
    esperado: Path | None,
    tolerancia: str,
    dry_run: bool,
    timeout: float,
    diario: Path | None,
) -> None:
    """Valida (tipoGeracao 24) os montantes pendentes dos contratos em que você é o comprador."""
    lista_perfis = _lista(perfis) or []
    plano = planejar_validacao(
        ctx.client,
        perfis=lista_perfis,
        periodo=periodo,
        contrapartes=_lista(contrapartes),
        contratos=_lista(contratos),
        esperados=esperado,
        tolerancia=_decimal(tolerancia),
    )
    n = len(plano.a_validar)
    if dry_run or n == 0:
        emitir(plano.itens, ctx.saida, COLUNAS_PLANO, titulo="montantes pendentes (simulação)" if dry_run else None)
        stderr.print(f"{n} montante(s) seriam validados" if dry_run else "nenhum montante a validar")
        return
    with Diario(diario) as d, _andamento() as andamento:
        resultado = validar(
            ctx.client, plano, diario=d, perfis=lista_perfis, periodo=periodo, timeout=timeout, andamento=andamento
        )
    emitir(resultado.plano.itens, ctx.saida, COLUNAS_PLANO, titulo="validação")
    stderr.print(f"{resultado.confirmados} de {n} montante(s) confirmados como validados")
    if resultado.confirmados < n:
        raise click.exceptions.Exit(4)


def _tratador(formato: str, gancho: str | None) -> Any:
    console = Console()
    campos = [c for c, _ in COLUNAS_NOTIFICACAO] + ["chave"]
    escritor = csv.DictWriter(sys.stdout, fieldnames=campos, extrasaction="ignore", lineterminator="\n")
    cabecalho = [formato == "csv"]

    def tratar(notificacao: Notificacao) -> None:
        if gancho:
            executar_gancho(gancho, notificacao)
        if formato == "json":
            click.echo(como_linha_json(notificacao))
        elif formato == "csv":
            if cabecalho[0]:
                escritor.writeheader()
                cabecalho[0] = False
            escritor.writerow(notificacao.model_dump(mode="json"))
            sys.stdout.flush()
        else:
            inicio = notificacao.inicio.strftime("%Y-%m-%d %H:%M") if notificacao.inicio else ""
            console.print(
                f"[bold]{notificacao.evento}[/bold] contrato={notificacao.contrato or '-'} "
                f"{notificacao.tipo_montante or ''} {inicio} {notificacao.valor if notificacao.valor is not None else ''}"
                f" {notificacao.situacao_descricao or ''}".rstrip()
            )

    return tratar


def _parar_em_sinais(parar: threading.Event) -> None:
    def _sinal(*_: object) -> None:
        parar.set()

    signal.signal(signal.SIGINT, _sinal)
    signal.signal(signal.SIGTERM, _sinal)


@click.command("watch")
@click.option("--perfis", help="Perfis (vírgula); padrão: todos os visíveis ao usuário.")
@click.option("--periodo", help="AAAA-MM ou intervalo.")
@click.option("--intervalo", type=float, default=300, show_default=True, help="Segundos entre consultas.")
@click.option("--gancho", help="Comando executado para cada novidade (JSON na entrada padrão).")
@click.option("--estado", type=click.Path(dir_okay=False, path_type=Path), help="Arquivo de estado.")
@click.option("--ciclos", type=int, help="Parar após N consultas (padrão: até Ctrl-C).")
@pass_contexto
def watch(
    ctx: Contexto,
    perfis: str | None,
    periodo: str | None,
    intervalo: float,
    gancho: str | None,
    estado: Path | None,
    ciclos: int | None,
) -> None:
    """Acompanha montantes não validados e informa cada novo pendente uma única vez.

    Saída em tabela, linhas JSON (-o json) ou CSV (-o csv). Sai com código 3 em falha de autenticação.
    """
    parar = threading.Event()
    _parar_em_sinais(parar)
    store = EstadoNotificacoes(estado)
    try:
        total = vigiar(
            ctx.client,
            store,
            _tratador(ctx.saida, gancho),
            intervalo=intervalo,
            parar=parar,
            ciclos=ciclos,
            perfis=_lista(perfis),
            periodo=periodo,
            ao_falhar=lambda exc: stderr.print(
                f"[yellow]consulta falhou: {exc}; nova tentativa em {intervalo:.0f}s[/yellow]"
            ),
        )
    finally:
        store.close()
    stderr.print(f"[dim]{total} novidade(s) informada(s)[/dim]")


@click.group()
def webhook() -> None:
    """Notificações por webhook da CCEE."""


@webhook.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--porta", type=int, default=8080, show_default=True)
@click.option("--caminho", default="/", show_default=True)
@click.option("--gancho", help="Comando executado para cada evento (JSON na entrada padrão).")
@click.option("--estado", type=click.Path(dir_okay=False, path_type=Path), help="Arquivo de estado.")
@click.option(
    "--certificado", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="PEM do servidor (HTTPS)."
)
@click.option("--chave", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Chave PEM do servidor.")
@pass_contexto
def webhook_serve(
    ctx: Contexto,
    host: str,
    porta: int,
    caminho: str,
    gancho: str | None,
    estado: Path | None,
    certificado: Path | None,
    chave: Path | None,
) -> None:
    """Recebe as notificações (CONTRATO.*, MONTANTE_ENERGIA.*) e responde 201."""
    store = EstadoNotificacoes(estado)
    receptor = ReceptorWebhook(
        _tratador(ctx.saida, gancho),
        store,
        host=host,
        porta=porta,
        caminho=caminho,
        certificado=certificado,
        chave=chave,
    )
    stderr.print(f"recebendo notificações em {receptor.url} (Ctrl-C para sair)")
    parar = threading.Event()
    _parar_em_sinais(parar)
    receptor.start()
    try:
        parar.wait()
    finally:
        receptor.stop()
        store.close()


@click.group("diario")
def diario_grupo() -> None:
    """O diário local de envios."""


@diario_grupo.command("listar")
@opcao_diario
@click.option("--abertas", is_flag=True, help="Só submissões não concluídas.")
@pass_contexto
def diario_listar(ctx: Contexto, diario: Path | None, abertas: bool) -> None:
    """Lista as submissões do diário e o estado de cada envio."""
    with Diario(diario) as d:
        linhas = []
        for sub in d.submissoes(abertas=True if abertas else None):
            envios = d.envios(sub.id)
            linhas.append(
                {
                    "id": sub.id,
                    "tipoGeracao": sub.tipo_geracao,
                    "estado": sub.estado,
                    "perfil": sub.perfil,
                    "envios": ", ".join(f"{e.estado.value}:{e.codigo_processamento or '-'}" for e in envios),
                    "contratos": len(sub.resultado or []),
                }
            )
    emitir(linhas, ctx.saida, [(k, k) for k in ("id", "tipoGeracao", "estado", "perfil", "envios", "contratos")])


COMANDOS = (registrar_cmd, validar_cmd, watch, webhook, diario_grupo)
