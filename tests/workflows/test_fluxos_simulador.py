"""Workflows end to end against the simulator over loopback HTTPS, including a real kill -9."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from ccee_barramento import CCEEClient, MalformedResponse
from ccee_barramento.cceal import Submercado, gerar_xml, novo_contrato_mensal
from ccee_barramento.models import Papel
from ccee_barramento.simulator import FalhasSimuladas, Simulador
from ccee_barramento.workflows import (
    Diario,
    EstadoNotificacoes,
    ReceptorWebhook,
    planejar_validacao,
    registrar,
    validar,
    vigiar,
)
from ccee_barramento.workflows.validacao import Decisao

VENDEDOR, COMPRADOR = 61001, 61005
RAPIDO = {"intervalo_inicial": 0.05, "intervalo_maximo": 0.2, "carencia": 1.0}


def _arquivo(referencia: str, meses=("11/2026", "12/2026"), valor="4.5"):
    return novo_contrato_mensal(
        COMPRADOR, VENDEDOR, Submercado.SUDESTE, [(m, Decimal(valor)) for m in meses], referencia=referencia
    )


@pytest.fixture
def sim(tmp_path):
    with Simulador(diretorio=tmp_path / "pki", atraso_processamento=0.1, webhook_intervalo=0.1) as s:
        yield s


def _com_referencia(client: CCEEClient, referencia: str) -> list:
    return [
        c
        for c in client.listar_contratos(perfis=[VENDEDOR], papel=Papel.VENDEDOR, periodo="2026-01..2027-12")
        if c.referencia == referencia
    ]


def test_seller_registers_and_buyer_validates_end_to_end(sim, tmp_path):
    with (
        CCEEClient(sim.configuracao("serra.azul")) as vendedor,
        CCEEClient(sim.configuracao("rio.doce")) as comprador,
        Diario(tmp_path / "d.sqlite3") as diario,
    ):
        resultado = registrar(vendedor, _arquivo("E2E-1"), diario=diario, **RAPIDO)
        (contrato,) = resultado.contratos
        assert contrato.status == "SUCESSO" and contrato.codigo_contrato
        plano = planejar_validacao(comprador, perfis=[COMPRADOR], contratos=[contrato.codigo_contrato])
        assert [
            (i.inicio.month, i.valor, i.decisao) for i in plano.itens if i.contrato == contrato.codigo_contrato
        ] == [(11, Decimal("4.5"), Decisao.VALIDAR), (12, Decimal("4.5"), Decisao.VALIDAR)]
        feito = validar(comprador, plano, diario=diario, perfis=[COMPRADOR], **RAPIDO)
        assert feito.confirmados == 2
        restantes = comprador.listar_montantes_nao_validados(contratos=[contrato.codigo_contrato]).todos()
        assert restantes == []


def test_buyer_selects_by_expected_amounts_with_tolerance(sim, tmp_path):
    with (
        CCEEClient(sim.configuracao("serra.azul")) as vendedor,
        CCEEClient(sim.configuracao("rio.doce")) as comprador,
        Diario(tmp_path / "d.sqlite3") as diario,
    ):
        codigo = registrar(vendedor, _arquivo("E2E-TOL"), diario=diario, **RAPIDO).contratos[0].codigo_contrato
        esperado = tmp_path / "esperado.csv"
        esperado.write_text(f"contrato;inicio;valor\n{codigo};2026-11;4,49\n{codigo};2026-12;4,40\n")
        plano = planejar_validacao(
            comprador, perfis=[COMPRADOR], contratos=[codigo], esperados=esperado, tolerancia="0.05"
        )
        decisoes = {i.inicio.month: i.decisao for i in plano.itens if i.contrato == codigo}
        assert decisoes == {11: Decisao.VALIDAR, 12: Decisao.DIVERGENTE}
        validar(comprador, plano, diario=diario, perfis=[COMPRADOR], **RAPIDO)
        pendentes = comprador.listar_montantes_nao_validados(contratos=[codigo]).todos()
        assert [m.periodo.inicio.month for m in pendentes] == [12]  # the divergent one was left alone


def test_lost_answer_then_rerun_leaves_exactly_one_contract(sim, tmp_path):
    """The bus processes the import but the answer is cut: the rerun finds the contract, sends nothing."""
    with CCEEClient(sim.configuracao("serra.azul", tentativas=1)) as client, Diario(tmp_path / "d.sqlite3") as diario:
        sim.falhas = FalhasSimuladas(taxa_truncada=1.0)
        with pytest.raises(MalformedResponse):
            registrar(client, _arquivo("E2E-PERDIDA"), diario=diario, **RAPIDO)
        sim.falhas = None
        sim.processar_pendentes()
        resultado = registrar(client, _arquivo("E2E-PERDIDA"), diario=diario, **RAPIDO)
        assert [c.origem for c in resultado.contratos] == ["consulta"]
        assert len(_com_referencia(client, "E2E-PERDIDA")) == 1


def _ambiente(sim: Simulador, usuario: str) -> dict[str, str]:
    cfg = sim.configuracao(usuario)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCEE_")}
    env.update(
        CCEE_BASE_URL=cfg.base_url,
        CCEE_CA_BUNDLE=str(cfg.ca_bundle),
        CCEE_USUARIO=cfg.usuario,
        CCEE_SENHA=cfg.senha.get_secret_value(),
        CCEE_CODIGO_PERFIL_AGENTE=cfg.codigo_perfil_agente,
    )
    return env


def _estado_envio(diario: Path) -> str | None:
    if not diario.exists():
        return None
    try:
        with sqlite3.connect(f"file:{diario}?mode=ro", uri=True) as db:
            row = db.execute("SELECT estado FROM envios ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def _ccee(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ccee_barramento", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _esperar_estado(diario: Path, estado: str, processo: subprocess.Popen, limite: float = 30) -> None:
    fim = time.monotonic() + limite
    while _estado_envio(diario) != estado:
        assert processo.poll() is None, processo.stderr.read().decode()
        assert time.monotonic() < fim, f"o envio nunca chegou a {estado}"
        time.sleep(0.02)


@pytest.mark.parametrize("momento", ["ENVIANDO", "ENVIADO"])
def test_process_killed_between_send_and_result_then_rerun_leaves_one_contract(sim, tmp_path, momento):
    arquivo = tmp_path / "contrato.xml"
    referencia = f"E2E-KILL-{momento}"
    arquivo.write_bytes(gerar_xml(_arquivo(referencia)))
    diario = tmp_path / "diario.sqlite3"
    env = _ambiente(sim, "serra.azul")
    args = ["registrar", str(arquivo), "--diario", str(diario), "--carencia", "3", "--timeout", "30"]
    if momento == "ENVIANDO":
        sim.falhas = FalhasSimuladas(latencia=(1.5, 1.5), taxa_latencia=1.0)  # the import is in flight
    else:
        sim.ciclo.atraso = 5.0  # the processing is slow: the run is polling when killed
    processo = _ccee(args, env)
    _esperar_estado(diario, momento, processo)
    if momento == "ENVIADO":
        time.sleep(0.3)
    processo.send_signal(signal.SIGKILL)
    processo.wait(timeout=10)
    sim.falhas = None
    sim.ciclo.atraso = 0.1
    time.sleep(2.0 if momento == "ENVIANDO" else 0)  # the server still handles the orphaned request
    sim.processar_pendentes()
    de_novo = subprocess.run([sys.executable, "-m", "ccee_barramento", *args], env=env, capture_output=True, timeout=60)
    assert de_novo.returncode == 0, de_novo.stderr.decode()
    with CCEEClient(sim.configuracao("serra.azul")) as client:
        assert len(_com_referencia(client, referencia)) == 1


def test_watch_reports_new_pending_amounts_once_across_restarts(sim, tmp_path):
    estado_path = tmp_path / "watch.sqlite3"
    vistos: list = []
    with CCEEClient(sim.configuracao("rio.doce")) as comprador, CCEEClient(sim.configuracao("serra.azul")) as vendedor:
        antes = vigiar(
            comprador, EstadoNotificacoes(estado_path), vistos.append, intervalo=0, ciclos=1, perfis=[COMPRADOR]
        )
        assert antes == len(vistos) > 0
        registrar(vendedor, _arquivo("E2E-WATCH", meses=("11/2027",)), diario=Diario(tmp_path / "d.sqlite3"), **RAPIDO)
        depois = vigiar(
            comprador, EstadoNotificacoes(estado_path), vistos.append, intervalo=0, ciclos=2, perfis=[COMPRADOR]
        )
    assert depois == 1 and vistos[-1].inicio.year == 2027 and vistos[-1].situacao == 10783


def test_simulator_webhooks_reach_our_receiver(sim, tmp_path):
    recebidas: list = []
    with (
        ReceptorWebhook(recebidas.append, EstadoNotificacoes(":memory:")) as receptor,
        CCEEClient(sim.configuracao("serra.azul")) as client,
    ):
        sim.webhooks.registrar(receptor.url)
        registrar(client, _arquivo("E2E-HOOK"), diario=Diario(tmp_path / "d.sqlite3"), **RAPIDO)
        fim = time.monotonic() + 10
        while not any(n.evento == "CONTRATO.REGISTRADO" for n in recebidas) and time.monotonic() < fim:
            time.sleep(0.05)
    registrado = next(n for n in recebidas if n.evento == "CONTRATO.REGISTRADO")
    assert registrado.contrato is not None and registrado.transaction_id
