"""Every fault kind of the bus reaches the caller as its typed error with code, uri and transactionId."""

from __future__ import annotations

import pytest
import requests
import responses

from ccee_barramento import (
    BusConnectionError,
    BusFault,
    BusTimeout,
    HTTPStatusError,
    InvalidParametersFault,
    MalformedResponse,
    SchemaFault,
    SecurityFault,
    UnexpectedTechnicalFault,
)
from ccee_barramento.namespaces import FM_V1

from .soap import BASE, envelope, fault

URL = f"{BASE}/ws/v2/ContratoBSv2"


@pytest.mark.parametrize(
    "elemento,code,cls",
    [
        ("securityFault", "2001", SecurityFault),
        ("invalidParametersFault", "3006", InvalidParametersFault),
        ("unexpectedTechnicalFault", "4001", UnexpectedTechnicalFault),
        ("unexpectedSchemaFault", "5001", SchemaFault),
    ],
)
@responses.activate
def test_fault_elements_map_to_typed_errors(client, elemento, code, cls):
    responses.post(URL, body=fault(elemento, code, "mensagem do barramento", tid="tx-f"), status=500)
    with pytest.raises(cls) as err:
        client.obter_contrato(1)
    exc = err.value
    assert exc.error_code == code and exc.http_status == 500 and exc.transaction_id == "tx-f"
    assert exc.uri == "/ws/v2/X" and exc.fault_code == f"Server.{code}"
    assert exc.servico == "ContratoBSv2" and exc.operacao == "obterContrato"
    text = str(exc)
    assert f"CCEE {code}" in text and "tx-f" in text and "mensagem do barramento" in text


@responses.activate
def test_v1_services_faults_in_the_fm_namespace(client):
    responses.post(
        f"{BASE}/ws/cntr/ResultadoProcessamentoBSv1",
        body=fault("invalidParametersFault", "3010", "Processamento inexistente", fm=FM_V1),
        status=500,
    )
    with pytest.raises(InvalidParametersFault, match="Processamento inexistente"):
        client.obter_resultado_processamento("999")


@responses.activate
def test_fault_without_detail_is_typed_by_its_code_family(client):
    body = envelope(
        "<soapenv:Fault><faultcode>Server.2001</faultcode>"
        "<faultstring>Rejected: Usuario nao esta autorizado a usar o codigoPerfilAgente.</faultstring></soapenv:Fault>"
    )
    responses.post(URL, body=body, status=500)
    with pytest.raises(SecurityFault) as err:
        client.obter_contrato(1)
    assert err.value.error_code == "2001" and "autorizado" in str(err.value)


@responses.activate
def test_fault_with_status_200_is_still_a_fault(client):
    responses.post(URL, body=fault("invalidParametersFault", "3001", "Parametro invalido"), status=200)
    with pytest.raises(InvalidParametersFault):
        client.obter_contrato(1)


@responses.activate
def test_http_error_without_soap_body(client):
    responses.post(URL, body="<html>Bad gateway</html>", status=502)
    with pytest.raises(HTTPStatusError) as err:
        client.obter_contrato(1)
    assert err.value.http_status == 502
    assert len(responses.calls) == 3  # read operation: retried, then given up


@responses.activate
def test_http_404_is_not_retried(client):
    responses.post(URL, body="not found", status=404)
    with pytest.raises(HTTPStatusError):
        client.obter_contrato(1)
    assert len(responses.calls) == 1


@pytest.mark.parametrize(
    "body,match",
    [
        (b"<soapenv:Envelope xmlns:soapenv='http://schemas.xmlsoap.org/soap/envelope/'><soapenv:Bo", "bem formado"),
        (b"", "vazia"),
        (b"<html><body>ok</body></html>", "Envelope"),
        (b"<soapenv:Envelope xmlns:soapenv='http://schemas.xmlsoap.org/soap/envelope/'/>", "sem corpo"),
    ],
)
@responses.activate
def test_malformed_answers(client, body, match):
    responses.post(URL, body=body, status=200)
    with pytest.raises(MalformedResponse, match=match):
        client.obter_contrato(1)


@responses.activate
def test_connection_errors_and_timeouts(client):
    responses.post(URL, body=requests.exceptions.ConnectionError("Connection reset by peer"))
    with pytest.raises(BusConnectionError, match="reset"):
        client.obter_contrato(1)
    responses.replace(responses.POST, URL, body=requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(BusTimeout):
        client.obter_contrato(1)


def test_all_bus_errors_share_one_base():
    for cls in (SecurityFault, InvalidParametersFault, UnexpectedTechnicalFault, SchemaFault):
        assert issubclass(cls, BusFault)
