"""Real HTTPS with the simulator's own CA, and mutual TLS with the issued client .pfx."""

from __future__ import annotations

import ssl
import stat

import pytest

from ccee_barramento import BusConnectionError, CCEEClient
from ccee_barramento.simulator import Simulador


@pytest.fixture(scope="module")
def sim_mtls(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with Simulador(mtls=True, diretorio=tmp_path_factory.mktemp("pki-mtls")) as s:
        yield s


def test_com_o_pfx_emitido_funciona(sim_mtls):
    config = sim_mtls.configuracao("ventos.sul")
    assert config.certificado == sim_mtls.certificados.cliente_pfx and config.certificado_senha is not None
    with CCEEClient(config) as ccee:
        assert ccee.listar_participantes(codigos=[51002]).todos()[0].sigla == "VENTOS DO SUL"


def test_sem_certificado_de_cliente_e_recusado_no_tls(sim_mtls):
    config = sim_mtls.configuracao("ventos.sul", tentativas=1).com(certificado=None, certificado_senha=None)
    with CCEEClient(config) as ccee, pytest.raises(BusConnectionError):
        ccee.listar_participantes().todos()


def test_sem_a_ca_do_simulador_o_servidor_nao_e_confiavel(sim, cliente):
    with CCEEClient(sim.configuracao("serra.azul", tentativas=1).com(ca_bundle=None)) as ccee:
        with pytest.raises(BusConnectionError):
            ccee.listar_participantes().todos()


def test_certificado_do_servidor_vale_para_127_0_0_1(sim):
    ctx = ssl.create_default_context(cafile=str(sim.ca_bundle))
    import socket

    with socket.create_connection(("127.0.0.1", sim.porta), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            assert tls.version() in ("TLSv1.2", "TLSv1.3")


def test_chaves_privadas_so_para_o_dono(sim_mtls):
    for caminho in (sim_mtls.certificados.servidor_chave, sim_mtls.certificados.cliente_pfx):
        assert stat.S_IMODE(caminho.stat().st_mode) == 0o600
    assert sim_mtls.certificados.cliente_senha not in repr(sim_mtls.certificados)
