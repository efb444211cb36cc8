"""The ``ccee`` command against the simulator: JSON/CSV output over all pages, one-line errors, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from ccee_barramento.simulator import Simulador


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    with Simulador(diretorio=tmp_path_factory.mktemp("pki")) as s:
        yield s


def ccee(sim, *args, usuario="serra.azul"):
    cfg = sim.configuracao(usuario)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCEE_")}
    env.update(
        CCEE_BASE_URL=cfg.base_url,
        CCEE_CA_BUNDLE=str(cfg.ca_bundle),
        CCEE_USUARIO=cfg.usuario,
        CCEE_SENHA=cfg.senha.get_secret_value(),
        CCEE_CODIGO_PERFIL_AGENTE=cfg.codigo_perfil_agente,
        CCEE_TENTATIVAS="1",
    )
    return subprocess.run(
        [sys.executable, "-m", "ccee_barramento", *args], env=env, capture_output=True, timeout=60, text=True
    )


def test_json_output_is_one_list_over_all_pages(sim):
    r = ccee(sim, "-o", "json", "cadastros", "perfis", "--tamanho-pagina", "2")
    assert r.returncode == 0, r.stderr
    perfis = json.loads(r.stdout)
    assert len(perfis) == 10 and {p["codigo"] for p in perfis} >= {61001, 61005}


def test_csv_output_is_flat(sim):
    r = ccee(sim, "-o", "csv", "contratos", "listar", "--perfis", "61001", "--papel", "VENDEDOR")
    assert r.returncode == 0, r.stderr
    linhas = list(csv.DictReader(io.StringIO(r.stdout)))
    assert linhas and "periodoVigencia.inicio" in linhas[0] and "vendedor.perfil.id" in linhas[0]


def test_table_output(sim):
    r = ccee(sim, "montantes", "listar", "--contratos", "900001", "--periodo", "2026-01..2026-03")
    assert r.returncode == 0 and "900001" in r.stdout and "MWm" in r.stdout


def test_security_fault_is_one_line_with_code_and_transaction_id(sim):
    r = ccee(sim, "--perfil", "61005", "contratos", "listar")  # rio.doce's profile, asked by serra.azul
    assert r.returncode == 3
    (linha,) = [linha for linha in r.stderr.splitlines() if linha.strip()]
    assert linha.startswith("erro: CCEE 2001") and "transactionId=" in linha and "Traceback" not in r.stderr


def test_input_error_exits_2(sim):
    r = ccee(sim, "contratos", "listar", "--periodo", "2026-13")
    assert r.returncode == 2 and "mês inválido" in r.stderr


def test_debug_shows_the_traceback(sim):
    r = ccee(sim, "--debug", "--perfil", "61005", "contratos", "listar")
    assert (
        r.returncode != 0
        and "Traceback" in r.stderr
        and sim.configuracao("serra.azul").senha.get_secret_value() not in r.stderr
    )


def test_a_file_breaking_a_ccee_rule_is_refused_before_sending(sim, tmp_path):
    arquivo = tmp_path / "ruim.xml"
    arquivo.write_bytes(
        b'<?xml version="1.0" encoding="ISO-8859-1"?><ContratosCCEAL tipoGeracao="4" tipoCCEAL="1">'
        b'<Contrato sequencialControle="1" tipoGravacao="C" dataDeInicio="01/01/2026 00" dataDeFim="01/02/2026 00"'
        b' idComprador="61005" idVendedor="61005" idSubMerEntrega="1"/></ContratosCCEAL>'
    )
    r = ccee(sim, "registrar", str(arquivo), "--diario", str(tmp_path / "d.sqlite3"))
    assert r.returncode == 2 and "sequencialControle=1" in r.stderr and "Traceback" not in r.stderr


def test_a_file_that_is_not_xml_is_a_clear_error(sim, tmp_path):
    arquivo = tmp_path / "lixo.xml"
    arquivo.write_bytes(b"isto nao e xml")
    r = ccee(sim, "registrar", str(arquivo), "--diario", str(tmp_path / "d.sqlite3"))
    assert r.returncode == 2 and r.stderr.startswith("erro:") and "Traceback" not in r.stderr


def test_watch_writes_csv_once_per_pending_amount(sim, tmp_path):
    estado = tmp_path / "w.sqlite3"
    primeira = ccee(
        sim,
        "-o",
        "csv",
        "watch",
        "--perfis",
        "61005",
        "--ciclos",
        "1",
        "--intervalo",
        "0",
        "--estado",
        str(estado),
        usuario="rio.doce",
    )
    linhas = list(csv.DictReader(io.StringIO(primeira.stdout)))
    assert primeira.returncode == 0 and linhas and {linha["evento"] for linha in linhas} == {"MONTANTE_PENDENTE"}
    segunda = ccee(
        sim,
        "-o",
        "csv",
        "watch",
        "--perfis",
        "61005",
        "--ciclos",
        "1",
        "--intervalo",
        "0",
        "--estado",
        str(estado),
        usuario="rio.doce",
    )
    assert segunda.returncode == 0 and segunda.stdout == ""  # nothing new since the first run
