"""Fixtures: the simulator in-process over loopback HTTPS, and real ``CCEEClient``s talking to it."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator

import pytest

from ccee_barramento import CCEEClient
from ccee_barramento.simulator import FalhasSimuladas, Simulador

Cliente = Callable[..., CCEEClient]


def _fabrica(sim: Simulador) -> Iterator[Cliente]:
    abertos: list[CCEEClient] = []

    def cliente(login: str = "serra.azul", **mudancas: object) -> CCEEClient:
        c = CCEEClient(sim.configuracao(login, **mudancas))
        abertos.append(c)
        return c

    yield cliente
    for c in abertos:
        c.close()


@pytest.fixture(scope="session")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Simulador]:
    """One simulator with the demo market for read-only tests; every answer it builds is XSD-checked."""
    with Simulador(diretorio=tmp_path_factory.mktemp("pki"), validar_respostas=True) as s:
        yield s
        assert s.respostas_invalidas == [], "o simulador produziu respostas fora do XSD"


@pytest.fixture
def cliente(sim: Simulador) -> Iterator[Cliente]:
    """``cliente("ventos.sul", tentativas=1)``: a client of the shared simulator as a demo user."""
    yield from _fabrica(sim)


@pytest.fixture
def sim_novo(tmp_path) -> Iterator[Simulador]:  # type: ignore[no-untyped-def]
    """A fresh simulator (own database) for tests that change state or inject faults."""
    with Simulador(
        diretorio=tmp_path / "pki",
        validar_respostas=True,
        atraso_processamento=60,
        webhook_intervalo=0.1,
        webhook_tentativas=5,
    ) as s:
        yield s
        s.falhas = FalhasSimuladas()
        assert s.respostas_invalidas == []


@pytest.fixture
def cliente_novo(sim_novo: Simulador) -> Iterator[Cliente]:
    yield from _fabrica(sim_novo)


class ReceptorWebhook:
    """A local HTTP receiver of webhook notifications; answers the queued statuses, then 201."""

    def __init__(self) -> None:
        self.recebidas: list[dict[str, object]] = []
        self.statuses: list[int] = []
        self.evento = threading.Condition()
        receptor = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                corpo = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                status = receptor.statuses.pop(0) if receptor.statuses else 201
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                with receptor.evento:
                    receptor.recebidas.append(
                        {"status": status, "corpo": corpo, "content_type": self.headers["Content-Type"]}
                    )
                    receptor.evento.notify_all()

            def log_message(self, *args: object) -> None:
                pass

        self.servidor = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.servidor.server_address[1]}/ccee/webhook"
        threading.Thread(target=self.servidor.serve_forever, daemon=True).start()

    def esperar(self, quantidade: int, timeout: float = 10.0) -> list[dict[str, object]]:
        with self.evento:
            self.evento.wait_for(lambda: len(self.recebidas) >= quantidade, timeout)
            return list(self.recebidas)

    def fechar(self) -> None:
        self.servidor.shutdown()
        self.servidor.server_close()


@pytest.fixture
def receptor() -> Iterator[ReceptorWebhook]:
    r = ReceptorWebhook()
    yield r
    r.fechar()


# The fixtures shipped for users' suites (``pytest_plugins = ["ccee_barramento.simulator.fixtures"]``).
from ccee_barramento.simulator.fixtures import ccee_cliente, ccee_simulador  # noqa: E402, F401
