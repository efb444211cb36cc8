"""Every official sample answer of the Postman collection decodes through the client into typed models."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import responses

from .soap import BASE, shared_dir

SHARED = shared_dir()
COLECAO = SHARED / "reference" / "ccee-postman-collection.json" if SHARED else None
pytestmark = pytest.mark.skipif(
    COLECAO is None or not COLECAO.is_file(),
    reason="a coleção Postman oficial não está nesta máquina (CCEE_SHARED_DIR)",
)


def _itens() -> dict[str, dict]:
    def walk(items, path=()):
        for it in items:
            if "item" in it:
                yield from walk(it["item"], (*path, it["name"]))
            else:
                yield " / ".join((*path, it["name"])), it

    return dict(walk(json.loads(Path(COLECAO).read_text())["item"])) if COLECAO else {}


def _amostra(nome: str) -> bytes:
    (item,) = [v for k, v in _itens().items() if k.endswith(nome)]
    (resposta,) = [r for r in item["response"] if r.get("code") == 200]
    return resposta["body"].encode()


@responses.activate
def test_listar_participantes(client):
    responses.post(f"{BASE}/ws/v2/ParticipanteMercadoBSv2", body=_amostra("Listar participantes"))
    participantes = client.listar_participantes()
    todos = participantes.todos()
    assert participantes.quantidade_total_itens == 9 and len(todos) == 9
    raizen = todos[0]
    assert (raizen.codigo, raizen.sigla, raizen.cnpj) == (9969, "RAIZEN ENERGIA", "08070508000178")
    assert raizen.nome_empresarial == "RAIZEN ENERGIA S.A" and raizen.classe.codigo == 12
    assert any(p.situacao.descricao == "Processo de Adesão Cancelado" for p in todos)
    assert all(p.extras == {} for p in todos)


@responses.activate
def test_listar_perfis(client):
    responses.post(f"{BASE}/ws/v2/PerfilParticipanteMercadoBSv2", body=_amostra("Listar perfis"))
    (perfil,) = client.listar_perfis(codigo_agente=71055).todos()
    assert (perfil.codigo, perfil.sigla, perfil.codigo_agente) == (86853, "SPORT CLUB CORINTHIANS", 71055)
    assert perfil.perfil_principal is True and perfil.comercializador_varejista is False
    assert perfil.submercado.nome == "Sudeste / Centro-Oeste"


@responses.activate
def test_listar_ativos_medicao(client):
    responses.post(f"{BASE}/ws/v2/AtivoMedicaoBSv2", body=_amostra("Listar ativos de medição"))
    ativos = client.listar_ativos_medicao(tipo="CARGA", tamanho_pagina=2)
    assert ativos.total_paginas == 50 and ativos.quantidade_total_itens == 100
    primeiro = ativos.primeira.itens[0]
    assert (primeiro.codigo, primeiro.ceg, primeiro.tipo.descricao) == (987, "UHE.YYZ", "Usina")
    assert primeiro.vigencia.inicio.isoformat() == "2015-01-01T00:00:00-02:00"


@responses.activate
def test_listar_parcelas(client):
    responses.post(f"{BASE}/ws/v2/ParcelaAtivoBSv2", body=_amostra("Listar parcelas de ativos"))
    parcelas = client.listar_parcelas_ativo(codigo_perfil=123, tamanho_pagina=2)
    p = parcelas.primeira.itens[0]
    assert p.garantia_fisica == Decimal("343.5") and p.capacidade_total == Decimal("324")
    assert p.codigo_ativo == 987 and p.identificacao.numero == "12345678000199"


@responses.activate
def test_parcelas_associadas_a_contratos(client):
    responses.post(f"{BASE}/ws/v2/ParcelaAtivoBSv2", body=_amostra("Listar parcelas associadas a contratos"))
    (parcela,) = client.listar_ativos_associados_contrato(codigo_perfil=123).todos()
    assert parcela.modalidade.descricao == "Modulação"
    (associado,) = parcela.contratos_associado
    assert associado.id == 999 and associado.periodo_associado.fim.month == 7


def test_the_official_fault_sample_is_typed():
    from ccee_barramento import UnexpectedTechnicalFault

    (item,) = [v for k, v in _itens().items() if k.endswith("CQ_EFE_CE e,j")]
    (falha,) = [r for r in item["response"] if r.get("code") == 500]
    from ccee_barramento import CCEEClient, Configuracao

    with responses.RequestsMock() as mock, CCEEClient(Configuracao(base_url=BASE, tentativas=1)) as c:
        mock.post(re.compile(f"{BASE}/.*"), body=falha["body"], status=500)
        with pytest.raises(UnexpectedTechnicalFault) as err:
            c.listar_ativos_medicao().todos()
    assert err.value.error_code == "4001" and err.value.uri == "/ws/v2/AtivoMedicaoBSv2"
    assert err.value.transaction_id == "a860bc34-7491-46c8-9b98-30fb6acff125"
    assert "nome reduzido" in err.value.message
