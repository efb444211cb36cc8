"""``ccee``: the command line of ccee-barramento.

Errors print one line with the CCEE code and transactionId and exit non-zero (no traceback
unless ``--debug``). Exit codes: 2 usage/configuration/input, 3 authentication or authorization
(securityFault), 4 other bus faults, 5 transport failures, 1 anything else.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .. import __version__
from ..cceal.errors import ErroCCEAL
from ..errors import (
    BusFault,
    CCEEError,
    ConfigurationError,
    InputError,
    SecurityFault,
    TransportError,
)
from .consultas import ativos, cadastros, contratos, montantes
from .contexto import Contexto
from .demo import demo
from .fluxos import COMANDOS as FLUXOS
from .importacao import importar, resultado
from .liquidacao import liquidacao
from .mve import mve
from .mve_garantias import garantias
from .mve_mecanismo import curvas, processar
from .saida import stderr
from .simulador import simulador
from .wsdl import wsdl

EXIT_USO, EXIT_SEGURANCA, EXIT_FALHA, EXIT_TRANSPORTE = 2, 3, 4, 5


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="ccee")
@click.option("--ambiente", type=click.Choice(["piloto", "producao"]), help="Ambiente da CCEE (CCEE_AMBIENTE).")
@click.option("--base-url", help="URL base própria, p.ex. o simulador (CCEE_BASE_URL).")
@click.option("--perfil", help="codigoPerfilAgente desta chamada (CCEE_CODIGO_PERFIL_AGENTE).")
@click.option(
    "--output",
    "-o",
    "saida",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Formato da saída.",
)
@click.option(
    "--wsdl-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Pasta com WSDLs (p.ex. de 'ccee wsdl sync'); padrão: os do pacote.",
)
@click.option("--ca-bundle", type=click.Path(dir_okay=False, path_type=Path), help="CA bundle (CCEE_CA_BUNDLE).")
@click.option("--timeout", type=float, help="Timeout de leitura em segundos.")
@click.option("--concorrencia", type=int, help="Páginas buscadas em paralelo.")
@click.option("--debug", is_flag=True, help="Log detalhado e traceback nos erros.")
@click.pass_context
def cli(
    ctx: click.Context,
    ambiente: str | None,
    base_url: str | None,
    perfil: str | None,
    saida: str,
    wsdl_dir: Path | None,
    ca_bundle: Path | None,
    timeout: float | None,
    concorrencia: int | None,
    debug: bool,
) -> None:
    """Cliente da Plataforma de Integração da CCEE (barramento SOAP).

    Credenciais vêm do ambiente (CCEE_USUARIO, CCEE_SENHA, CCEE_CERTIFICADO, CCEE_CERTIFICADO_SENHA,
    CCEE_CODIGO_PERFIL_AGENTE) ou do chaveiro do sistema — nunca de argumentos.
    """
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    ctx.obj = Contexto(
        ambiente=ambiente,
        base_url=base_url,
        perfil=perfil,
        saida=saida,
        wsdl_dir=wsdl_dir,
        ca_bundle=ca_bundle,
        timeout=timeout,
        concorrencia=concorrencia,
        debug=debug,
    )


for comando in (
    contratos,
    montantes,
    ativos,
    cadastros,
    importar,
    resultado,
    wsdl,
    *FLUXOS,
    simulador,
    liquidacao,
    mve,
    demo,
):
    cli.add_command(comando)

for comando in (processar, curvas, garantias):
    mve.add_command(comando)


def _linha(exc: CCEEError) -> str:
    return f"erro: {exc}"


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``ccee`` console script."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="ccee", standalone_mode=False)
    except click.exceptions.Abort:
        stderr.print("interrompido")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except CCEEError as exc:
        if debug:
            raise
        click.echo(_linha(exc), err=True)  # one line, never wrapped
        if isinstance(exc, SecurityFault):
            sys.exit(EXIT_SEGURANCA)
        if isinstance(exc, BusFault):
            sys.exit(EXIT_FALHA)
        if isinstance(exc, TransportError):
            sys.exit(EXIT_TRANSPORTE)
        if isinstance(exc, ConfigurationError | InputError | ErroCCEAL):
            sys.exit(EXIT_USO)
        sys.exit(1)
    except KeyboardInterrupt:
        stderr.print("interrompido")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
