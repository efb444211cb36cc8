"""Every request the client builds validates against our XSDs, across filter combinations."""

from __future__ import annotations

import pytest
import responses

from ccee_barramento import catalog
from ccee_barramento.validation import operation_of, validate_envelope

from .soap import BASE, envelope

CASOS = [
    ("listar_participantes", {}),
    (
        "listar_participantes",
        {
            "codigos": [1, 2],
            "cnpjs": ["08070508000178"],
            "sigla": "RAIZEN",
            "classe": 12,
            "nome_empresarial": "RAIZEN ENERGIA S.A",
            "periodo": "2026-01",
        },
    ),
    ("listar_perfis", {"codigo_agente": 71055}),
    ("listar_perfis", {"codigo_perfil": 86853, "sigla": "X", "classe": 12, "periodo": "2026-01-01"}),
    ("listar_ativos_medicao", {"tipo": "carga", "codigo_agente": 10, "nome": "USINA", "periodo": "2026-02"}),
    (
        "listar_parcelas_ativo",
        {
            "codigo_perfil": 123,
            "codigo_ativo": 9,
            "cnpj": "12345678000199",
            "codigo_parcela": 987,
            "periodo": "2026-01",
        },
    ),
    ("listar_ativos_associados_contrato", {"contratos": [999, 1000]}),
    ("listar_contratos", {"periodo": "2026-01", "perfis": [123], "papel": "VENDEDOR"}),
    ("listar_contratos", {"periodo": "2026-01..2026-06", "ambiente": "REGULADO", "perfis": [1, 2]}),
    ("listar_contratos", {"nao_validados": True, "papel": "comprador", "tipos": [10185]}),
    ("listar_montantes_energia", {"contratos": [123, 456], "periodo": "2026-01"}),
    (
        "listar_montantes_energia",
        {"contratos": [1], "tipos": ["MONTANTE_ANO_CONTRATUAL", "MONTANTE_OBRIGACAO_ENTREGA"], "ambiente": "REGULADO"},
    ),
    ("listar_montantes_nao_validados", {"perfis": [123], "periodo": ("2026-01-01", "2026-03-01")}),
]


@pytest.mark.parametrize("metodo,filtros", CASOS, ids=[f"{m}-{i}" for i, (m, _) in enumerate(CASOS)])
def test_listing_requests_validate(client, metodo, filtros):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.POST, __import__("re").compile(f"{BASE}/ws/.*"), body=envelope(""), status=200)
        try:
            getattr(client, metodo)(**filtros).todos()
        except Exception:  # the empty answer is not what we test here
            pass
        chamada = mock.calls[0]  # reads are retried on the empty answer; all tries are identical
    caminho = chamada.request.url.removeprefix(BASE)
    spec = catalog.POR_CAMINHO[caminho]
    validate_envelope(spec, chamada.request.body)
    assert operation_of(spec, chamada.request.body) in spec.operacoes


@pytest.mark.parametrize(
    "acao",
    [
        lambda c: c.obter_contrato(123, periodo="2026-01"),
        lambda c: c.obter_contrato("77", ambiente="REGULADO"),
        lambda c: c.importar_arquivo('<?xml version="1.0" encoding="ISO-8859-1"?><ContratosCCEAL tipoGeracao="1"/>'),
        lambda c: c.obter_resultado_processamento(123),
    ],
    ids=["obter", "obter-acr", "importar", "resultado"],
)
def test_other_requests_validate(client, acao):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add(responses.POST, __import__("re").compile(f"{BASE}/ws/.*"), body=envelope(""), status=200)
        try:
            acao(client)
        except Exception:
            pass
        chamada = mock.calls[0]  # reads are retried on the empty answer; all tries are identical
    spec = catalog.POR_CAMINHO[chamada.request.url.removeprefix(BASE)]
    validate_envelope(spec, chamada.request.body)
