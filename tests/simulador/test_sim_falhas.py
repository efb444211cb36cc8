"""Each injected fault reaches the real client as the right typed error."""

from __future__ import annotations

import pytest

from ccee_barramento import (
    BusConnectionError,
    BusTimeout,
    MalformedResponse,
    UnexpectedTechnicalFault,
)
from ccee_barramento.cceal import novo_contrato_mensal
from ccee_barramento.simulator import FalhasSimuladas


def test_falha_tecnica_4001(sim_novo, cliente_novo):
    sim_novo.falhas = FalhasSimuladas(taxa_falha_tecnica=1.0)
    with pytest.raises(UnexpectedTechnicalFault) as erro:
        cliente_novo("serra.azul", tentativas=1).listar_participantes().todos()
    assert erro.value.http_status == 500 and erro.value.error_code == "4001"
    assert erro.value.transaction_id and erro.value.fault_code == "Server.4001"


def test_reset_de_conexao(sim_novo, cliente_novo):
    sim_novo.falhas = FalhasSimuladas(taxa_reset=1.0)
    with pytest.raises(BusConnectionError):
        cliente_novo("serra.azul", tentativas=1).listar_contratos().todos()


def test_importar_arquivo_nunca_e_repetido(sim_novo, cliente_novo):
    sim_novo.falhas = FalhasSimuladas(taxa_reset=1.0)
    with pytest.raises(BusConnectionError):
        cliente_novo("serra.azul", tentativas=5).importar_arquivo(
            novo_contrato_mensal(61005, 61001, 1, {"01/2026": "1"})
        )
    assert sim_novo.banco.contar("processamento") == 0


def test_resposta_truncada(sim_novo, cliente_novo):
    sim_novo.falhas = FalhasSimuladas(taxa_truncada=1.0)
    with pytest.raises(MalformedResponse):
        cliente_novo("serra.azul", tentativas=1).listar_perfis().todos()


def test_resposta_malformada(sim_novo, cliente_novo):
    sim_novo.falhas = FalhasSimuladas(taxa_malformada=1.0)
    with pytest.raises(MalformedResponse) as erro:
        cliente_novo("serra.azul", tentativas=1).listar_ativos_medicao().todos()
    assert erro.value.http_status == 200


def test_latencia_alem_do_timeout_de_leitura(sim_novo, cliente_novo):
    sim_novo.falhas = FalhasSimuladas(latencia=(0.6, 0.6), taxa_latencia=1.0)
    with pytest.raises(BusTimeout):
        cliente_novo("serra.azul", tentativas=1, timeout_leitura=0.2).listar_participantes().todos()
    sim_novo.falhas = FalhasSimuladas(latencia=(0.05, 0.1), taxa_latencia=1.0)
    assert cliente_novo("serra.azul", timeout_leitura=5).listar_participantes().todos()


def test_leituras_se_recuperam_com_novas_tentativas(sim_novo, cliente_novo):
    sim_novo.falhas = FalhasSimuladas(taxa_reset=0.3, taxa_truncada=0.1, taxa_falha_tecnica=0.0, semente=7)
    ccee = cliente_novo("serra.azul", tentativas=8, backoff_base=0.01)
    for _ in range(10):
        assert len(ccee.listar_participantes().todos()) == 7


def test_falhas_desligadas_por_padrao_e_taxas_validas(sim_novo):
    assert not sim_novo.falhas.ativas
    with pytest.raises(ValueError):
        FalhasSimuladas(taxa_reset=1.5)
    with pytest.raises(ValueError):
        FalhasSimuladas(latencia=(2.0, 1.0))
