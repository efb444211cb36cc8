"""Retries (reads only, with backoff), timeouts, request headers and the CDATA file transport."""

from __future__ import annotations

import pytest
import requests
import responses
from lxml import etree

from ccee_barramento import BusConnectionError, CCEEClient, catalog
from ccee_barramento.namespaces import BM_V1, MH_V1, WSSE
from ccee_barramento.services.contratos import Contratos

from .soap import BASE, cabecalho, envelope, listar_contrato

URL = f"{BASE}/ws/v2/ContratoBSv2"
IMPORTAR = f"{BASE}/ws/cntr/ImportarArquivoBSv1"


@responses.activate
def test_read_operations_retry_transient_failures_with_backoff(config):
    esperas: list[float] = []
    responses.post(URL, body=requests.exceptions.ConnectionError("reset"))
    responses.post(URL, body="<html/>", status=503)
    responses.post(URL, body=envelope(listar_contrato([1]), header=cabecalho()))
    with CCEEClient(config.com(backoff_base=0.5, backoff_max=8.0)) as client:
        client._servico(catalog.CONTRATO, Contratos).soap._sleep = esperas.append
        assert [c.id for c in client.listar_contratos()] == [1]
    assert len(responses.calls) == 3
    assert len(esperas) == 2 and 0 <= esperas[0] <= 0.5 and 0 <= esperas[1] <= 1.0


@responses.activate
def test_import_is_never_retried(client):
    responses.post(IMPORTAR, body=requests.exceptions.ConnectionError("reset"))
    with pytest.raises(BusConnectionError):
        client.importar_arquivo('<?xml version="1.0" encoding="ISO-8859-1"?><ContratosCCEAL/>')
    assert len(responses.calls) == 1


@responses.activate
def test_import_sends_the_file_in_cdata_with_v1_headers(client):
    body = f'<out:importarArquivoResponse xmlns:out="{BM_V1}"><out:codigoProcessamento>777</out:codigoProcessamento></out:importarArquivoResponse>'
    responses.post(
        IMPORTAR,
        body=envelope(
            body,
            header=f'<mh:messageHeader xmlns:mh="{MH_V1}"><mh:transactionId>t</mh:transactionId></mh:messageHeader>',
        ),
    )
    arquivo = '<?xml version="1.0" encoding="ISO-8859-1"?><ContratosCCEAL tipoGeracao="24" tipoCCEAL="1"><Contrato sequencialControle="1" numeroContrato="5"/></ContratosCCEAL>'
    assert client.importar_arquivo(arquivo.encode("iso-8859-1")) == "777"
    request = responses.calls[0].request
    assert request.headers["SOAPAction"] == '"importarArquivo"'
    assert request.headers["Content-Type"].startswith("text/xml")
    assert b"<![CDATA[" + arquivo.encode() + b"]]>" in request.body
    root = etree.fromstring(request.body)
    assert root.find(f".//{{{MH_V1}}}messageHeader/{{{MH_V1}}}codigoPerfilAgente").text == "123"
    assert root.find(f".//{{{MH_V1}}}versao") is None  # v1 services carry no versao
    assert root.find(f".//{{{WSSE}}}Username").text == "agente.teste"


@responses.activate
def test_profile_can_be_overridden_per_call(client):
    responses.post(URL, body=envelope(listar_contrato([]), header=cabecalho()))
    client.listar_contratos(codigo_perfil_agente=456).todos()
    assert b">456</" in responses.calls[0].request.body


def test_timeouts_come_from_configuration(config):
    with CCEEClient(config.com(timeout_conexao=1.5, timeout_leitura=7.0)) as client:
        with responses.RequestsMock() as mock:
            mock.post(URL, body=envelope(listar_contrato([]), header=cabecalho()))
            client.listar_contratos().todos()
            assert mock.calls[0].request.req_kwargs["timeout"] == (1.5, 7.0)


def test_endpoint_comes_from_configuration_not_from_the_wsdl():
    from ccee_barramento import Configuracao

    assert Configuracao(ambiente="piloto").endpoint("/ws/v2/ContratoBSv2") == (
        "https://piloto-servicos.ccee.org.br:443/ws/v2/ContratoBSv2"
    )
    assert Configuracao(ambiente="producao").wsdl_base == "https://servicos.ccee.org.br:442"
