"""The contract life cycle through importarArquivo / obterResultadoProcessamento, and its webhooks."""

from __future__ import annotations

import time

import pytest

from ccee_barramento import InvalidParametersFault
from ccee_barramento.cceal import (
    cancelamento,
    edicao_por_periodo,
    finalizacao,
    novo_contrato_mensal,
    validacao_montantes,
)
from ccee_barramento.models import SituacaoMontante

VENDEDOR, COMPRADOR = 61001, 61005


def _processar(sim, ccee, arquivo):  # type: ignore[no-untyped-def]
    codigo = ccee.importar_arquivo(arquivo)
    sim.processar_pendentes()
    resultado = ccee.obter_resultado_processamento(codigo)
    assert resultado.finalizado
    return resultado


def _registrar(sim, ccee, meses=None, **dados):  # type: ignore[no-untyped-def]
    meses = meses or {"01/2026": "10,5", "02/2026": "11", "03/2026": "9,75"}
    resultado = _processar(sim, ccee, novo_contrato_mensal(COMPRADOR, VENDEDOR, 1, meses, **dados))
    (detalhe,) = resultado.detalhes
    assert detalhe.status == "SUCESSO", detalhe.descricao
    return detalhe.codigo_contrato


def test_registro_validacao_e_ajuste(sim_novo, cliente_novo):
    vendedor, comprador = cliente_novo("serra.azul"), cliente_novo("rio.doce")
    codigo = vendedor.importar_arquivo(
        novo_contrato_mensal(COMPRADOR, VENDEDOR, 1, {"01/2026": "10,5", "02/2026": "11"}, referencia="CICLO-1")
    )
    em_andamento = vendedor.obter_resultado_processamento(codigo)
    assert em_andamento.situacao == "EM_PROCESSAMENTO" and not em_andamento.detalhes and not em_andamento.finalizado

    assert sim_novo.processar_pendentes() == 1
    resultado = vendedor.obter_resultado_processamento(codigo)
    assert resultado.situacao == "PROCESSADO" and resultado.sucesso
    (detalhe,) = resultado.detalhes
    assert detalhe.sequencial_controle == 1 and detalhe.status == "SUCESSO"
    contrato = detalhe.codigo_contrato
    assert contrato > 900102  # new registrations get increasing codes

    registrado = comprador.obter_contrato(contrato)
    assert registrado.referencia == "CICLO-1" and str(registrado.situacao) == "REGISTRADO"
    pendentes = comprador.listar_montantes_nao_validados(perfis=[COMPRADOR], contratos=[contrato]).todos()
    assert [(m.periodo.inicio.month, m.situacao.codigo) for m in pendentes] == [(1, 10783), (2, 10783)]
    assert contrato in {c.id for c in comprador.listar_contratos(nao_validados=True, perfis=[COMPRADOR])}

    validado = _processar(sim_novo, comprador, validacao_montantes(contrato, ["01/01/2026 00"]))
    assert validado.detalhes[0].status == "SUCESSO" and validado.detalhes[0].codigo_contrato == contrato
    por_mes = {m.periodo.inicio.month: m for m in comprador.listar_montantes_energia(contratos=[contrato])}
    assert por_mes[1].situacao.codigo == SituacaoMontante.VALIDADO and por_mes[1].data_validacao is not None
    assert por_mes[2].situacao.codigo == SituacaoMontante.INSERIDO_NAO_VALIDADO

    ajuste = _processar(sim_novo, vendedor, edicao_por_periodo(contrato, [("01/01/2026 00", "31/01/2026 23", "12,25")]))
    assert ajuste.detalhes[0].status == "SUCESSO"
    (janeiro,) = comprador.listar_montantes_energia(contratos=[contrato], periodo="2026-01").todos()
    assert janeiro.situacao.codigo == SituacaoMontante.AJUSTADO_NAO_VALIDADO and str(janeiro.valor) == "12.250000"

    tudo = _processar(sim_novo, comprador, validacao_montantes(contrato, ["01/01/2026 00", "01/02/2026 00"]))
    assert tudo.detalhes[0].status == "SUCESSO"
    assert not comprador.listar_montantes_nao_validados(contratos=[contrato]).todos()
    assert str(comprador.obter_contrato(contrato).situacao) == "VALIDADO"


def test_somente_vendedor_registra_e_somente_comprador_valida(sim_novo, cliente_novo):
    vendedor, comprador = cliente_novo("serra.azul"), cliente_novo("rio.doce")
    recusado = _processar(sim_novo, comprador, novo_contrato_mensal(COMPRADOR, VENDEDOR, 1, {"01/2026": "1"}))
    assert recusado.detalhes[0].status == "ERRO" and "Somente o vendedor" in recusado.detalhes[0].descricao
    assert not recusado.sucesso and recusado.detalhes[0].codigo_contrato is None

    contrato = _registrar(sim_novo, vendedor)
    pelo_vendedor = _processar(sim_novo, vendedor, validacao_montantes(contrato, ["01/01/2026 00"]))
    assert pelo_vendedor.detalhes[0].status == "ERRO"
    assert "Somente o comprador" in pelo_vendedor.detalhes[0].descricao
    pelo_comprador = _processar(
        sim_novo, comprador, edicao_por_periodo(contrato, [("01/01/2026 00", "31/01/2026 23", "2")])
    )
    assert pelo_comprador.detalhes[0].status == "ERRO" and "Somente o vendedor" in pelo_comprador.detalhes[0].descricao
    estranho = _processar(sim_novo, cliente_novo("alvorada"), validacao_montantes(contrato, ["01/01/2026 00"]))
    assert "nao encontrado" in estranho.detalhes[0].descricao


def test_representante_registra_pelo_representado(sim_novo, cliente_novo):
    ventos = cliente_novo("ventos.sul")
    arquivo = novo_contrato_mensal(61003, 61004, 1, {"04/2026": "2"})
    assert _processar(sim_novo, ventos, arquivo).detalhes[0].status == "SUCESSO"
    # validating for the represented buyer (61006) of contract 900003
    validacao = _processar(sim_novo, ventos, validacao_montantes(900003, ["01/03/2026 00"]))
    assert validacao.detalhes[0].status == "SUCESSO"


def test_regras_do_arquivo_viram_erro_por_contrato(sim_novo, cliente_novo):
    vendedor = cliente_novo("serra.azul")
    arquivo = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<ContratosCCEAL tipoGeracao="4" tipoCCEAL="1">'
        '<Contrato sequencialControle="1" tipoGravacao="C" '
        'dataDeInicio="01/01/2026 00" dataDeFim="31/01/2026 23" '
        'idComprador="61005" idVendedor="61001" idSubMerEntrega="1" referencia="OK">'
        '<MontanteMedio dataDeInicio="01/01/2026 00" dataDeFim="31/01/2026 23">'
        '<MontanteMedioContratoCCEALFirme montanteMedio="1,5"/></MontanteMedio></Contrato>'
        '<Contrato sequencialControle="2" tipoGravacao="C" '
        'dataDeInicio="01/02/2026 00" dataDeFim="01/01/2026 00" '
        'idComprador="61005" idVendedor="61001" idSubMerEntrega="1" referencia="RUIM">'
        '<MontanteMedio dataDeInicio="01/02/2026 00" dataDeFim="28/02/2026 23">'
        '<MontanteMedioContratoCCEALFirme montanteMedio="1,5"/></MontanteMedio></Contrato>'
        "</ContratosCCEAL>"
    )
    resultado = _processar(sim_novo, vendedor, arquivo.encode("latin-1"))
    ok, ruim = resultado.detalhes
    assert (ok.sequencial_controle, ok.status) == (1, "SUCESSO") and ok.codigo_contrato
    assert (ruim.sequencial_controle, ruim.status) == (2, "ERRO")
    assert "sequencialControle=2" in ruim.descricao and "dataDeFim" in ruim.descricao


def test_rascunho_gera_aviso(sim_novo, cliente_novo):
    resultado = _processar(
        sim_novo,
        cliente_novo("serra.azul"),
        novo_contrato_mensal(COMPRADOR, VENDEDOR, 1, {"05/2026": "3"}, tipo_gravacao="R"),
    )
    assert resultado.detalhes[0].status == "AVISO" and resultado.sucesso


def test_finalizar_e_cancelar(sim_novo, cliente_novo):
    vendedor, comprador = cliente_novo("serra.azul"), cliente_novo("rio.doce")
    contrato = _registrar(sim_novo, vendedor)
    fim = _processar(sim_novo, vendedor, finalizacao(contrato, "01/03/2026 00"))
    assert fim.detalhes[0].status == "SUCESSO"
    finalizado = comprador.obter_contrato(contrato)
    assert str(finalizado.situacao) == "FINALIZADO" and finalizado.periodo_vigencia.fim.month == 3
    assert [m.periodo.inicio.month for m in comprador.listar_montantes_energia(contratos=[contrato])] == [
        1,
        2,
    ]
    assert _processar(sim_novo, comprador, finalizacao(contrato, validar=True)).detalhes[0].status == "SUCESSO"

    outro = _registrar(sim_novo, vendedor)
    assert _processar(sim_novo, comprador, cancelamento(outro)).detalhes[0].status == "ERRO"
    assert _processar(sim_novo, vendedor, cancelamento(outro)).detalhes[0].status == "SUCESSO"
    assert str(comprador.obter_contrato(outro).situacao) == "CANCELADO"
    assert _processar(sim_novo, comprador, cancelamento(outro, validar=True)).detalhes[0].status == "SUCESSO"
    assert (
        _processar(sim_novo, vendedor, edicao_por_periodo(outro, [("01/01/2026 00", "31/01/2026 23", "1")]))
        .detalhes[0]
        .status
        == "ERRO"
    )


def test_processamento_assincrono_pelo_worker(tmp_path):
    from ccee_barramento import CCEEClient
    from ccee_barramento.simulator import Simulador

    with (
        Simulador(diretorio=tmp_path, atraso_processamento=0.2) as sim,
        CCEEClient(sim.configuracao("serra.azul")) as ccee,
    ):
        codigo = ccee.importar_arquivo(novo_contrato_mensal(COMPRADOR, VENDEDOR, 1, {"06/2026": "4"}))
        assert not ccee.obter_resultado_processamento(codigo).finalizado
        limite = time.monotonic() + 10
        while not (resultado := ccee.obter_resultado_processamento(codigo)).finalizado:
            assert time.monotonic() < limite
            time.sleep(0.05)
        assert resultado.detalhes[0].status == "SUCESSO"


def test_codigos_de_processamento_desconhecidos_ou_alheios(sim_novo, cliente_novo):
    vendedor = cliente_novo("serra.azul", tentativas=1)
    codigo = vendedor.importar_arquivo(novo_contrato_mensal(COMPRADOR, VENDEDOR, 1, {"01/2026": "1"}))
    with pytest.raises(InvalidParametersFault) as erro:
        cliente_novo("alvorada", tentativas=1).obter_resultado_processamento(codigo)
    assert erro.value.error_code == "3003"
    with pytest.raises(InvalidParametersFault):
        vendedor.obter_resultado_processamento("999999")


def test_arquivo_ilegivel_e_recusado_na_hora(cliente_novo):
    with pytest.raises(InvalidParametersFault) as erro:
        cliente_novo("serra.azul", tentativas=1).importar_arquivo("isto não é XML")
    assert erro.value.error_code == "3005" and erro.value.transaction_id


def test_webhooks_no_formato_da_ccee_com_retentativa(sim_novo, cliente_novo, receptor):
    receptor.statuses = [500]  # the first delivery fails: CCEE retries until a 201
    sim_novo.webhooks.registrar(
        receptor.url, agente=51003, eventos=["CONTRATO.REGISTRADO", "MONTANTE_ENERGIA.VALIDADO"]
    )
    vendedor, comprador = cliente_novo("serra.azul"), cliente_novo("rio.doce")
    contrato = _registrar(sim_novo, vendedor, {"01/2026": "1"})
    _processar(sim_novo, comprador, validacao_montantes(contrato, ["01/01/2026 00"]))
    recebidas = receptor.esperar(3)
    assert sorted(r["status"] for r in recebidas) == [201, 201, 500]
    corpos = [r["corpo"] for r in recebidas if r["status"] == 201]
    assert {c["eventoNotificacao"] for c in corpos} == {"CONTRATO.REGISTRADO", "MONTANTE_ENERGIA.VALIDADO"}
    registrado = next(c for c in corpos if c["eventoNotificacao"] == "CONTRATO.REGISTRADO")
    assert set(registrado) == {"eventoNotificacao", "metadados", "transactionId"}
    metadados = {m["nome"]: m["valor"] for m in registrado["metadados"]}
    assert metadados["ID_CONTRATO"] == str(contrato)
    assert metadados["AMBIENTE_CONTRATACAO"] == "ACL" and metadados["MES_REFERENCIA"] == "null"
    assert metadados["DATA_ORIGEM_EVENTO"].endswith("Z")
    validado = next(c for c in corpos if c["eventoNotificacao"] == "MONTANTE_ENERGIA.VALIDADO")
    assert {m["nome"]: m["valor"] for m in validado["metadados"]}["MES_REFERENCIA"] == "01/2026"
    assert recebidas[0]["content_type"] == "application/json"
    entregas = [e for e in sim_novo.webhooks.entregas if e.mensagem["eventoNotificacao"] == "CONTRATO.REGISTRADO"]
    assert entregas[0].entregue and entregas[0].tentativas == 2
