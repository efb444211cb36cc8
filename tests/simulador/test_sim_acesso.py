"""Seed 000's access rule and WS-Security: own and represented profiles only, ACR and registries public."""

from __future__ import annotations

import pytest

from ccee_barramento import CCEEClient, InvalidParametersFault, SecurityFault


def _ids(paginador) -> set[int]:  # type: ignore[no-untyped-def]
    return {c.id for c in paginador}


def test_own_represented_and_foreign_contracts(cliente):
    ventos = cliente("ventos.sul")
    vistos = _ids(ventos.listar_contratos(tipos=[10185]))
    assert {900002, 900004, 900006, 900007} <= vistos  # own: seller 61003/61004, buyer 61003
    assert 900003 in vistos  # represented: BOA COMPRA (61006) is the buyer
    assert 900102 in vistos  # MVE contract where it buys
    assert not vistos & {900001, 900005, 900101}  # other agents' free-market contracts

    # naming a foreign profile does not open its contracts either
    assert _ids(ventos.listar_contratos(perfis=[61010], tipos=[10185])) == {900006}
    assert _ids(cliente("alvorada").listar_contratos(perfis=[61001], tipos=[10185])) == set()


def test_obter_contrato_alheio_e_recusado(cliente):
    with pytest.raises(InvalidParametersFault) as erro:
        cliente("ventos.sul", tentativas=1).obter_contrato(900005)
    assert erro.value.error_code == "3002"
    assert erro.value.http_status == 500 and erro.value.transaction_id
    assert cliente("ventos.sul").obter_contrato(900003).id == 900003  # represented


def test_montantes_de_contrato_alheio_nao_aparecem(cliente):
    ventos = cliente("ventos.sul")
    assert ventos.listar_montantes_energia(contratos=[900005]).todos() == []
    assert (
        ventos.listar_montantes_energia(contratos=[900005, 900002], periodo="2026-01").todos()[0].codigo_contrato
        == 900002
    )
    assert cliente("alvorada").listar_montantes_energia(contratos=[900005], periodo="2026-01").todos()


def test_contratos_regulados_sao_publicos(cliente):
    alvorada = cliente("alvorada")  # no part in any ACR contract
    assert _ids(alvorada.listar_contratos(ambiente="REGULADO", perfis=[61007])) == {800001, 800002, 800003}
    assert alvorada.obter_contrato(800001, ambiente="REGULADO").regulado
    assert alvorada.listar_montantes_energia(contratos=[800001], tipos="MONTANTE_ENERGIA_MENSAL").todos()


def test_cadastros_sao_publicos(cliente):
    alvorada = cliente("alvorada")
    assert len(alvorada.listar_perfis().todos()) >= 10
    assert {p.codigo for p in alvorada.listar_parcelas_ativo(codigo_perfil=61006)} == {81004, 81005}


def test_associacoes_de_parcelas_seguem_a_regra(cliente):
    ventos = cliente("ventos.sul")
    (parcela,) = ventos.listar_ativos_associados_contrato(contratos=[900003]).todos()
    assert parcela.codigo == 81004 and [c.id for c in parcela.contratos_associado] == [900003]
    assert ventos.listar_ativos_associados_contrato(contratos=[900005]).todos() == []
    # without the filter, foreign associations are not shown either
    associadas = {p.codigo for p in ventos.listar_ativos_associados_contrato()}
    assert associadas == {81004}
    assert {p.codigo for p in cliente("alvorada").listar_ativos_associados_contrato()} == {81007}


def test_perfil_representado_pode_ser_usado(cliente):
    ventos = cliente("ventos.sul", codigo_perfil_agente="61006")
    assert 900003 in _ids(ventos.listar_contratos(tipos=[10185]))


def test_perfil_nao_autorizado_e_security_fault_2001(cliente):
    boa_compra = cliente("boa.compra", codigo_perfil_agente="61003", tentativas=1)  # represented BY 61003's agent
    with pytest.raises(SecurityFault) as erro:
        boa_compra.listar_participantes().todos()
    assert erro.value.error_code == "2001"
    assert erro.value.message == "Usuario nao esta autorizado a usar o codigoPerfilAgente."
    assert erro.value.http_status == 500
    assert erro.value.transaction_id and len(erro.value.transaction_id) == 36
    assert erro.value.uri == "/ws/v2/ParticipanteMercadoBSv2"


def test_senha_errada_e_security_fault(sim, cliente):
    with pytest.raises(SecurityFault) as erro:
        cliente("serra.azul", senha="errada", tentativas=1).listar_contratos().todos()
    assert erro.value.error_code == "2001"
    assert "senha" in erro.value.message
    assert erro.value.transaction_id
    with CCEEClient(sim.configuracao("serra.azul", tentativas=1).com(usuario="ninguem")) as desconhecido:
        with pytest.raises(SecurityFault):
            desconhecido.obter_resultado_processamento("1")


def test_cntr_faults_vem_no_namespace_fm_v1(cliente):
    with pytest.raises(SecurityFault) as erro:
        cliente("serra.azul", codigo_perfil_agente="61010", tentativas=1).obter_resultado_processamento("1")
    assert erro.value.error_code == "2001" and erro.value.uri == "/ws/cntr/ResultadoProcessamentoBSv1"
