"""Paging: the paginacao header, lazy iteration over all pages, limits, totals, concurrency."""

from __future__ import annotations

import threading

import pytest
import responses
from lxml import etree

from ccee_barramento import InputError
from ccee_barramento.namespaces import MH_V2

from .soap import BASE, cabecalho, envelope, listar_contrato

URL = f"{BASE}/ws/v2/ContratoBSv2"


def _pagina_pedida(request) -> tuple[int, int]:
    root = etree.fromstring(request.body)
    numero = root.find(f".//{{{MH_V2}}}paginacao/{{{MH_V2}}}numero")
    itens = root.find(f".//{{{MH_V2}}}paginacao/{{{MH_V2}}}quantidadeItens")
    return int(numero.text), int(itens.text)


def _servidor(total_itens: int, *, com_totais: bool = True, vistos: list | None = None):
    lock = threading.Lock()

    def callback(request):
        numero, itens = _pagina_pedida(request)
        with lock:
            if vistos is not None:
                vistos.append((numero, itens))
        ids = list(range((numero - 1) * itens + 1, min(numero * itens, total_itens) + 1))
        paginas = -(-total_itens // itens)
        header = cabecalho(
            f"tx-{numero}",
            numero=numero,
            itens=itens,
            total_paginas=paginas if com_totais else None,
            total_itens=total_itens if com_totais else None,
        )
        return 200, {"Content-Type": "text/xml"}, envelope(listar_contrato(ids), header=header)

    return callback


@responses.activate
def test_iterates_every_page_in_order_and_exposes_totals(client):
    vistos: list = []
    responses.add_callback(responses.POST, URL, callback=_servidor(23, vistos=vistos))
    paginador = client.listar_contratos(periodo="2026-01", tamanho_pagina=10)
    assert paginador.total_paginas == 3
    assert paginador.quantidade_total_itens == 23
    assert [c.id for c in paginador] == list(range(1, 24))
    assert vistos == [(1, 10), (2, 10), (3, 10)]  # page 1 fetched once, not twice


@responses.activate
def test_pages_fetched_concurrently_are_still_yielded_in_order(client):
    responses.add_callback(responses.POST, URL, callback=_servidor(95))
    paginador = client.listar_contratos(tamanho_pagina=5, concorrencia=4)
    ids = [c.id for c in paginador]
    assert ids == list(range(1, 96))
    assert len(responses.calls) == 19


@responses.activate
def test_without_totals_paging_stops_at_the_first_short_page(client):
    responses.add_callback(responses.POST, URL, callback=_servidor(12, com_totais=False))
    assert len(client.listar_contratos(tamanho_pagina=5).todos()) == 12
    assert len(responses.calls) == 3


@responses.activate
def test_each_page_carries_its_transaction_id(client):
    responses.add_callback(responses.POST, URL, callback=_servidor(4))
    paginas = list(client.listar_contratos(tamanho_pagina=2).paginas())
    assert [p.transaction_id for p in paginas] == ["tx-1", "tx-2"]


def test_page_size_above_the_service_limit_is_refused_before_sending(client):
    with pytest.raises(InputError) as err:
        client.listar_contratos(tamanho_pagina=101)
    assert err.value.campo == "tamanho_pagina" and "100" in str(err.value)


@responses.activate
def test_default_page_size_is_the_service_default(client):
    vistos: list = []
    responses.add_callback(
        responses.POST,
        f"{BASE}/ws/v2/MontanteEnergiaBSv2",
        callback=lambda r: (
            vistos.append(_pagina_pedida(r))
            or (
                200,
                {},
                envelope(
                    '<b:listarMontanteEnergiaResponse xmlns:b="http://xmlns.energia.org.br/BM/v2"/>',
                    header=cabecalho(numero=1, itens=500, total_paginas=0, total_itens=0),
                ),
            )
        ),
    )
    assert client.listar_montantes_energia(contratos=[1]).todos() == []
    assert vistos == [(1, 500)]


@responses.activate
def test_an_item_repeated_across_pages_is_yielded_once(client):
    # A contract registered between two page requests shifts the offset: page 2 repeats contract 2.
    responses.post(
        URL, body=envelope(listar_contrato([1, 2]), header=cabecalho(numero=1, itens=2, total_paginas=2, total_itens=4))
    )
    responses.post(
        URL, body=envelope(listar_contrato([2, 3]), header=cabecalho(numero=2, itens=2, total_paginas=2, total_itens=4))
    )
    assert [c.id for c in client.listar_contratos(tamanho_pagina=2)] == [1, 2, 3]
