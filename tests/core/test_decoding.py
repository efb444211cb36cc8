"""Answers are decoded by namespace URI, whatever the prefixes, and unknown elements are kept."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
import responses

from ccee_barramento import MalformedResponse
from ccee_barramento.models import Contrato, MontanteEnergia

from .soap import BASE, BM2, BO2, cabecalho, envelope, listar_contrato

URL = f"{BASE}/ws/v2/ContratoBSv2"


@pytest.mark.parametrize(
    "env,mh,bm,bo",
    [("soapenv", "mhv2", "bmv2", "bov2"), ("NS1", "hdr", "ns2", "ns3"), ("s", "mh", "x", "y")],
)
@responses.activate
def test_any_prefix_decodes_the_same(client, env, mh, bm, bo):
    body = listar_contrato([7, 8], bm=bm, bo=bo)
    responses.post(URL, body=envelope(body, header=cabecalho("tx-9", mh=mh), env=env, mh=mh))
    contratos = list(client.listar_contratos(periodo="2026-01"))
    assert [c.id for c in contratos] == [7, 8]
    assert contratos[0].comprador.codigo_perfil == 107
    assert contratos[0].periodo_vigencia.inicio == datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=-3)))
    assert contratos[0].situacao.codigo == 1


@responses.activate
def test_elements_in_a_wrong_namespace_are_not_mistaken_for_known_fields(client):
    # bov2:referencia is known; the same local name in another namespace must not fill the field.
    body = (
        f'<b:listarContratoResponse xmlns:b="{BM2}" xmlns:o="{BO2}" xmlns:z="urn:outro">'
        "<b:contratos><o:contrato><o:id>1</o:id><z:referencia>intrusa</z:referencia></o:contrato></b:contratos>"
        "</b:listarContratoResponse>"
    )
    responses.post(URL, body=envelope(body, header=cabecalho()))
    (contrato,) = client.listar_contratos()
    assert contrato.referencia is None
    assert contrato.extras == {"{urn:outro}referencia": "intrusa"}


@responses.activate
def test_unknown_elements_are_kept_in_extras(client):
    body = (
        f'<b:listarContratoResponse xmlns:b="{BM2}" xmlns:o="{BO2}"><b:contratos><o:contrato>'
        "<o:id>5</o:id><o:novoCampo>x</o:novoCampo><o:novoGrupo><o:a>1</o:a><o:a>2</o:a><o:b>3</o:b></o:novoGrupo>"
        "<o:situacao><o:codigo>1</o:codigo><o:cor>azul</o:cor></o:situacao>"
        "</o:contrato></b:contratos></b:listarContratoResponse>"
    )
    responses.post(URL, body=envelope(body, header=cabecalho()))
    (contrato,) = client.listar_contratos()
    assert contrato.id == 5
    assert contrato.extras == {"novoCampo": "x", "novoGrupo": {"a": ["1", "2"], "b": "3"}}
    assert contrato.situacao.extras == {"cor": "azul"}


@responses.activate
def test_amounts_are_exact_decimals_and_naive_dates_are_brasilia_time(client):
    body = (
        f'<b:listarMontanteEnergiaResponse xmlns:b="{BM2}" xmlns:o="{BO2}"><b:montantesEnergia>'
        "<o:montanteEnergia><o:contrato><o:id>9</o:id></o:contrato>"
        "<o:tipoMontanteEnergia><o:nome>MONTANTE_MEDIO</o:nome></o:tipoMontanteEnergia>"
        "<o:periodo><o:inicio>2026-03-01T00:00:00</o:inicio></o:periodo>"
        "<o:valor>12.345678</o:valor><o:unidadeMedida>MWm</o:unidadeMedida>"
        "<o:situacao><o:codigo>10783</o:codigo><o:descricao>INSERIDO_NAO_VALIDADO</o:descricao></o:situacao>"
        "</o:montanteEnergia></b:montantesEnergia></b:listarMontanteEnergiaResponse>"
    )
    responses.post(f"{BASE}/ws/v2/MontanteEnergiaBSv2", body=envelope(body, header=cabecalho()))
    (montante,) = client.listar_montantes_energia(contratos=[9])
    assert isinstance(montante, MontanteEnergia)
    assert montante.valor == Decimal("12.345678") and isinstance(montante.valor, Decimal)
    assert montante.periodo.inicio.utcoffset() == timedelta(hours=-3)
    assert montante.nao_validado and montante.codigo_contrato == 9
    assert montante.model_dump(mode="json")["valor"] == "12.345678"


@responses.activate
def test_a_wrongly_typed_value_is_a_clear_malformed_response(client):
    body = (
        f'<b:listarContratoResponse xmlns:b="{BM2}" xmlns:o="{BO2}"><b:contratos><o:contrato>'
        "<o:id>not-a-number</o:id></o:contrato></b:contratos></b:listarContratoResponse>"
    )
    responses.post(URL, body=envelope(body, header=cabecalho("tx-bad")))
    with pytest.raises(MalformedResponse) as err:
        list(client.listar_contratos())
    assert "Contrato" in str(err.value) and "id" in str(err.value)


@responses.activate
def test_answer_of_another_operation_is_rejected(client):
    body = f'<b:obterContratoResponse xmlns:b="{BM2}"/>'
    responses.post(URL, body=envelope(body, header=cabecalho()))
    with pytest.raises(MalformedResponse, match="listarContratoResponse"):
        list(client.listar_contratos())


def test_contrato_round_trips_through_its_aliases():
    contrato = Contrato.model_validate({"id": 3, "tipoCCEAL": 1, "periodoVigencia": {"inicio": "2026-01-01T00:00:00"}})
    again = Contrato.model_validate(contrato.model_dump(by_alias=True))
    assert again == contrato and again.tipo_cceal == 1
