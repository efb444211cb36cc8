"""``ccee simulador``: run the embedded CCEE bus simulator until Ctrl-C."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from ..simulator import FalhasSimuladas, Simulador


def _taxa(nome: str) -> click.Option:
    return click.option(
        f"--taxa-{nome}",
        type=click.FloatRange(0, 1),
        default=0.0,
        show_default=True,
        help=f"Fração das requisições com falha '{nome}' injetada.",
    )


@click.command("simulador")
@click.option(
    "--porta",
    type=click.IntRange(0, 65535),
    default=8443,
    show_default=True,
    help="Porta HTTPS em 127.0.0.1 (0: uma porta livre).",
)
@click.option(
    "--dados",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Arquivo JSON do mercado (padrão: o mercado de demonstração embutido).",
)
@click.option(
    "--banco",
    default=":memory:",
    show_default=True,
    help="Banco SQLite: um arquivo (reaproveitado se já existir) ou :memory:.",
)
@click.option("--mtls", is_flag=True, help="Exige certificado de cliente (TLS mútuo); emite um .pfx de demonstração.")
@click.option(
    "--contratos",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="Contratos sintéticos adicionais (ex.: 100000 para testes de carga).",
)
@click.option(
    "--meses",
    type=click.IntRange(1, 120),
    default=6,
    show_default=True,
    help="Meses de montantes de cada contrato sintético.",
)
@click.option(
    "--diretorio",
    type=click.Path(file_okay=False, path_type=Path),
    help="Pasta dos certificados gerados (padrão: uma pasta temporária).",
)
@click.option(
    "--atraso-processamento",
    type=click.FloatRange(0),
    default=2.0,
    show_default=True,
    help="Segundos até um importarArquivo ser processado.",
)
@click.option(
    "--latencia",
    type=(float, float),
    default=(0.0, 0.0),
    show_default=True,
    help="Latência injetada (mínimo máximo, em segundos), com --taxa-latencia.",
)
@_taxa("latencia")
@_taxa("tecnica")
@_taxa("reset")
@_taxa("truncada")
@_taxa("malformada")
@click.option("--segundos", type=float, default=None, hidden=True, help="Encerra após N segundos (testes).")
def simulador(
    porta: int,
    dados: Path | None,
    banco: str,
    mtls: bool,
    contratos: int,
    meses: int,
    diretorio: Path | None,
    atraso_processamento: float,
    latencia: tuple[float, float],
    taxa_latencia: float,
    taxa_tecnica: float,
    taxa_reset: float,
    taxa_truncada: float,
    taxa_malformada: float,
    segundos: float | None,
) -> None:
    """Simulador local do barramento CCEE (HTTPS em 127.0.0.1), com mercado de demonstração."""
    try:
        falhas = FalhasSimuladas(
            latencia=latencia,
            taxa_latencia=taxa_latencia,
            taxa_falha_tecnica=taxa_tecnica,
            taxa_reset=taxa_reset,
            taxa_truncada=taxa_truncada,
            taxa_malformada=taxa_malformada,
        )
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    sim = Simulador(
        porta=porta,
        banco=banco,
        dados=dados,
        mtls=mtls,
        atraso_processamento=atraso_processamento,
        falhas=falhas,
        diretorio=diretorio,
        contratos=contratos,
        meses=meses,
    )
    try:
        sim.start()
    except OSError as exc:
        raise click.ClickException(
            f"não foi possível iniciar o simulador na porta {porta}: {exc.strerror or exc}"
        ) from None
    try:
        _apresentar(sim)
        parar = threading.Event()
        try:
            parar.wait(segundos)
        except KeyboardInterrupt:
            pass
    finally:
        sim.stop()
        click.echo("Simulador encerrado.")


def _gravar_senha_pfx(sim: Simulador) -> Path:
    """The demo .pfx password goes to a 0600 file beside it, never to the terminal."""
    assert sim.certificados is not None
    caminho = sim.certificados.diretorio / "cliente.pfx.senha"
    caminho.write_text(sim.certificados.cliente_senha + "\n", encoding="utf-8")
    caminho.chmod(0o600)
    return caminho


def _apresentar(sim: Simulador) -> None:
    assert sim.certificados is not None
    click.echo(f"Simulador do barramento CCEE em {sim.url}")
    click.echo(f"  CA bundle (CCEE_CA_BUNDLE): {sim.ca_bundle}")
    if sim.mtls:
        arquivo_senha = _gravar_senha_pfx(sim)
        click.echo(f"  TLS mútuo: certificado do cliente (CCEE_CERTIFICADO): {sim.certificados.cliente_pfx}")
        click.echo(f"  senha do .pfx (CCEE_CERTIFICADO_SENHA) no arquivo {arquivo_senha}")
    click.echo(f"  WSDL: {sim.url}/ws/v2/ContratoBSv2?wsdl")
    click.echo("")
    click.echo("Usuários de demonstração (senhas do simulador, não são segredos reais):")
    for u in sim.usuarios.values():
        outros = ", ".join(str(p) for p in u.perfis_autorizados if p not in u.perfis)
        extra = f"  representa: {outros}" if outros else ""
        click.echo(
            f"  {u.login:<16} senha {u.senha:<22} agente {u.agente} {u.sigla:<16} "
            f"perfis {', '.join(str(p) for p in u.perfis)}{extra}"
        )
    primeiro = next(iter(sim.usuarios.values()))
    click.echo("")
    click.echo("Exemplo:")
    click.echo(f"  export CCEE_BASE_URL={sim.url} CCEE_CA_BUNDLE={sim.ca_bundle}")
    click.echo(
        f"  export CCEE_USUARIO={primeiro.login} CCEE_SENHA={primeiro.senha} "
        f"CCEE_CODIGO_PERFIL_AGENTE={primeiro.perfil_principal}"
    )
    click.echo("Ctrl-C encerra.")
