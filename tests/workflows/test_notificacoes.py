"""watch and webhook: each pending amount or event reported once, across restarts; 201/400 as CCEE expects."""

from __future__ import annotations

import json
import sys
import threading
from decimal import Decimal

import pytest
import requests

from ccee_barramento import SecurityFault
from ccee_barramento.models import MontanteEnergia
from ccee_barramento.workflows import EstadoNotificacoes, ReceptorWebhook, vigiar
from ccee_barramento.workflows.notificacoes import ErroGancho, executar_gancho, notificacao_de_montante

EXEMPLO = {
    "eventoNotificacao": "CONTRATO.REGISTRADO",
    "metadados": [
        {"nome": "ID_CONTRATO", "valor": "1234"},
        {"nome": "DATA_ORIGEM_EVENTO", "valor": "2021-05-11T05:30:00.000Z"},
        {"nome": "MES_REFERENCIA", "valor": "null"},
        {"nome": "AMBIENTE_CONTRATACAO", "valor": "ACL"},
    ],
    "transactionId": "12345678-1234-1234-1234-123465789012",
}


def _montante(contrato: int, mes: int, situacao: int = 10783, valor: str = "1.5") -> MontanteEnergia:
    return MontanteEnergia.model_validate(
        {
            "contrato": {"id": contrato},
            "tipoMontanteEnergia": {"nome": "MONTANTE_MEDIO"},
            "periodo": {"inicio": f"2026-{mes:02d}-01T00:00:00-03:00"},
            "valor": valor,
            "unidadeMedida": "MWm",
            "situacao": {"codigo": situacao, "descricao": "INSERIDO_NAO_VALIDADO"},
        }
    )


class BusPendencias:
    def __init__(self) -> None:
        self.pendentes: list[MontanteEnergia] = []
        self.recusar = False

    def listar_montantes_nao_validados(self, **_: object) -> list[MontanteEnergia]:
        if self.recusar:
            raise SecurityFault("Usuario nao esta autorizado a usar o codigoPerfilAgente.", error_code="2001")
        return list(self.pendentes)


def test_watch_reports_each_pending_amount_once_across_a_restart(tmp_path):
    bus = BusPendencias()
    bus.pendentes = [_montante(1, 1), _montante(1, 2)]
    vistos: list = []
    estado = EstadoNotificacoes(tmp_path / "estado.sqlite3")
    assert vigiar(bus, estado, vistos.append, intervalo=0, ciclos=3) == 2
    estado.close()
    bus.pendentes.append(_montante(2, 1))
    bus.pendentes.append(_montante(1, 2, situacao=10786, valor="1.7"))  # seller edited: pending again
    estado = EstadoNotificacoes(tmp_path / "estado.sqlite3")  # a new process
    assert vigiar(bus, estado, vistos.append, intervalo=0, ciclos=2) == 2
    assert [(n.contrato, n.inicio.month, n.situacao) for n in vistos] == [
        (1, 1, 10783),
        (1, 2, 10783),
        (2, 1, 10783),
        (1, 2, 10786),
    ]
    assert vistos[-1].valor == Decimal("1.7")


def test_a_failing_handler_is_retried_on_the_next_poll(tmp_path):
    bus = BusPendencias()
    bus.pendentes = [_montante(1, 1)]
    chamadas: list = []

    def tratar(n):
        chamadas.append(n)
        if len(chamadas) == 1:
            raise RuntimeError("gancho caiu")

    estado = EstadoNotificacoes(":memory:")
    assert vigiar(bus, estado, tratar, intervalo=0, ciclos=2) == 1
    assert len(chamadas) == 2


def test_watch_ends_on_authentication_failure():
    bus = BusPendencias()
    bus.recusar = True
    with pytest.raises(SecurityFault):
        vigiar(bus, EstadoNotificacoes(":memory:"), lambda n: None, intervalo=0, ciclos=5)


def test_hook_gets_json_on_stdin_and_no_secrets(tmp_path, monkeypatch):
    monkeypatch.setenv("CCEE_SENHA", "nao-pode-vazar")
    saida = tmp_path / "saida.json"
    script = tmp_path / "gancho.py"
    script.write_text(
        "import json, os, sys\n"
        f"open({str(saida)!r}, 'w').write(json.dumps({{'stdin': json.load(sys.stdin), 'senha': os.environ.get('CCEE_SENHA'),"
        " 'evento': os.environ['CCEE_EVENTO'], 'contrato': os.environ['CCEE_CONTRATO']}))\n"
    )
    executar_gancho(f"{sys.executable} {script}", notificacao_de_montante(_montante(7, 3)))
    recebido = json.loads(saida.read_text())
    assert recebido["senha"] is None and recebido["evento"] == "MONTANTE_PENDENTE" and recebido["contrato"] == "7"
    assert recebido["stdin"]["valor"] == "1.5"
    with pytest.raises(ErroGancho, match="código 3"):
        executar_gancho(f"{sys.executable} -c 'import sys; sys.exit(3)'", notificacao_de_montante(_montante(7, 3)))


@pytest.fixture
def receptor():
    recebidas: list = []
    falhar = threading.Event()

    def tratar(n):
        if falhar.is_set():
            raise RuntimeError("indisponível")
        recebidas.append(n)

    with ReceptorWebhook(tratar, EstadoNotificacoes(":memory:"), caminho="/ccee") as r:
        r.recebidas, r.falhar = recebidas, falhar  # type: ignore[attr-defined]
        yield r


def test_webhook_accepts_the_real_format_with_201_once_per_transaction(receptor):
    for _ in range(2):  # CCEE resends until it gets 201
        resposta = requests.post(receptor.url, json=EXEMPLO, timeout=5)
        assert resposta.status_code == 201
    (n,) = receptor.recebidas
    assert n.evento == "CONTRATO.REGISTRADO" and n.contrato == 1234
    assert n.metadados["AMBIENTE_CONTRATACAO"] == "ACL" and n.metadados["MES_REFERENCIA"] is None


@pytest.mark.parametrize(
    "corpo,motivo",
    [
        (b"{not json", "JSON"),
        (json.dumps({**EXEMPLO, "transactionId": "abc"}).encode(), "transactionId"),
        (json.dumps({k: v for k, v in EXEMPLO.items() if k != "metadados"}).encode(), "metadados"),
        (json.dumps({**EXEMPLO, "eventoNotificacao": "registrado"}).encode(), "eventoNotificacao"),
        (json.dumps({**EXEMPLO, "metadados": [{"valor": "1"}]}).encode(), "metadados.0.nome"),
        (json.dumps([EXEMPLO]).encode(), "corpo"),
    ],
)
def test_webhook_rejects_malformed_bodies_with_400(receptor, corpo, motivo):
    resposta = requests.post(receptor.url, data=corpo, headers={"Content-Type": "application/json"}, timeout=5)
    assert resposta.status_code == 400 and motivo in resposta.json()["erro"]
    assert receptor.recebidas == []


def test_webhook_answers_500_when_the_handler_fails_so_ccee_retries(receptor):
    receptor.falhar.set()
    assert requests.post(receptor.url, json=EXEMPLO, timeout=5).status_code == 500
    receptor.falhar.clear()
    assert requests.post(receptor.url, json=EXEMPLO, timeout=5).status_code == 201
    assert len(receptor.recebidas) == 1


def test_webhook_unknown_path_and_method(receptor):
    assert requests.post(receptor.url.replace("/ccee", "/outro"), json=EXEMPLO, timeout=5).status_code == 404
    assert requests.get(receptor.url, timeout=5).status_code == 405


def test_an_unusable_state_path_is_a_configuration_error(tmp_path):
    from ccee_barramento import ConfigurationError
    from ccee_barramento.workflows import Diario

    bloqueio = tmp_path / "arquivo"
    bloqueio.write_text("não é pasta")
    with pytest.raises(ConfigurationError, match="diário"):
        Diario(bloqueio / "diario.sqlite3")
    with pytest.raises(ConfigurationError, match="notificações"):
        EstadoNotificacoes(bloqueio / "estado.sqlite3")
