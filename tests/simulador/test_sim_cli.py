"""``ccee simulador`` prints the URL, the CA bundle and the demo credentials, then runs until stopped."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from click.testing import CliRunner

from ccee_barramento.cli.simulador import simulador


def test_imprime_url_ca_e_usuarios(tmp_path):
    resultado = CliRunner().invoke(simulador, ["--porta", "0", "--segundos", "0.2", "--diretorio", str(tmp_path)])
    assert resultado.exit_code == 0, resultado.output
    assert re.search(r"https://127\.0\.0\.1:\d+", resultado.output)
    assert str(tmp_path / "ca.pem") in resultado.output
    assert "serra.azul" in resultado.output and "demo-serra-azul" in resultado.output
    assert "não são segredos" in resultado.output
    assert "representa: 61006" in resultado.output
    assert "Simulador encerrado." in resultado.output


def test_mtls_nao_mostra_a_senha_do_pfx(tmp_path):
    resultado = CliRunner().invoke(
        simulador, ["--porta", "0", "--segundos", "0.2", "--mtls", "--diretorio", str(tmp_path)]
    )
    assert resultado.exit_code == 0, resultado.output
    arquivo = tmp_path / "cliente.pfx.senha"
    senha = arquivo.read_text().strip()
    assert senha and senha not in resultado.output
    assert str(arquivo) in resultado.output and str(tmp_path / "cliente.pfx") in resultado.output
    assert stat.S_IMODE(Path(arquivo).stat().st_mode) == 0o600


def test_taxa_invalida_e_recusada():
    resultado = CliRunner().invoke(simulador, ["--porta", "0", "--taxa-reset", "2"])
    assert resultado.exit_code != 0
