"""Secrets (bus password, .pfx password) never reach logs, reprs, exceptions or the CLI's options."""

from __future__ import annotations

import logging

import pytest
import requests
import responses
from click.testing import CliRunner

from ccee_barramento import BusConnectionError, Configuracao, SecurityFault
from ccee_barramento.cli.main import cli

from .soap import BASE, cabecalho, envelope, fault, listar_contrato

SENHA = "senha-super-secreta"
URL = f"{BASE}/ws/v2/ContratoBSv2"


@responses.activate
def test_secrets_absent_from_debug_logs_and_errors(client, caplog):
    caplog.set_level(logging.DEBUG)
    responses.post(URL, body=envelope(listar_contrato([1]), header=cabecalho()))
    responses.post(URL, body=fault("securityFault", "2001", "Usuario nao esta autorizado"), status=500)
    responses.post(URL, body=requests.exceptions.ConnectionError("reset"))
    client.listar_contratos().todos()
    with pytest.raises(SecurityFault) as err1:
        client.listar_contratos().todos()
    with pytest.raises(BusConnectionError) as err2:
        client.obter_contrato(1)
    texto = caplog.text + str(err1.value) + repr(err1.value) + str(err2.value) + repr(client) + repr(client.config)
    assert "listarContrato" in caplog.text  # the debug log did record the calls
    assert SENHA not in texto


def test_configuration_repr_hides_secrets():
    config = Configuracao(base_url=BASE, usuario="u", senha=SENHA, certificado_senha="pfx-secreta")
    assert SENHA not in repr(config) and "pfx-secreta" not in repr(config)
    assert config.senha.get_secret_value() == SENHA


def test_secrets_come_from_the_environment_not_from_options():
    config = Configuracao.from_env(
        {"CCEE_BASE_URL": BASE, "CCEE_USUARIO": "u", "CCEE_SENHA": SENHA, "CCEE_CERTIFICADO_SENHA": "x"}
    )
    assert config.senha.get_secret_value() == SENHA
    opcoes = {o for p in cli.params for o in getattr(p, "opts", [])}
    assert not any("senha" in o or "password" in o for o in opcoes)
    resultado = CliRunner().invoke(cli, ["--senha", SENHA, "contratos", "listar"])
    assert resultado.exit_code != 0 and "No such option" in resultado.output
