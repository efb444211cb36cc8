"""SOAP 1.1 over HTTP as the bus speaks it: status codes, faults, XSD validation, prefixes, WSDL serving."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from lxml import etree

from ccee_barramento import CCEEClient, catalog
from ccee_barramento import namespaces as ns
from ccee_barramento.cceal import gerar_xml, novo_contrato_mensal
from ccee_barramento.simulator import respostas
from ccee_barramento.transport.session import build_session
from ccee_barramento.transport.soap import SoapService
from ccee_barramento.validation import validate_envelope

SOAP_ENV = ns.SOAP_ENV


@pytest.fixture
def http(sim) -> Iterator[requests.Session]:  # type: ignore[no-untyped-def]
    s = requests.Session()
    s.verify = str(sim.ca_bundle)
    s.trust_env = False
    yield s
    s.close()


def _post(http: requests.Session, sim: Any, caminho: str, corpo: bytes, acao: str) -> requests.Response:
    return http.post(
        sim.url + caminho,
        data=corpo,
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{acao}"'},
    )


def _envelope(sim: Any, spec: catalog.ServiceSpec, operacao: str, corpo: dict[str, Any], **kw: Any) -> bytes:
    config = sim.configuracao("luz.vale")
    sessao = build_session(config)
    try:
        env = SoapService(spec, config, sessao).envelope(operacao, corpo, **kw)
    finally:
        sessao.close()
    return etree.tostring(env, xml_declaration=True, encoding="utf-8")


def _fault(resposta: requests.Response) -> tuple[etree._Element, dict[str, str]]:
    raiz = etree.fromstring(resposta.content)
    falha = raiz.find(f"{{{SOAP_ENV}}}Body/{{{SOAP_ENV}}}Fault")
    assert falha is not None
    detalhe = falha.find("detail")[0]
    campos = {etree.QName(c).localname: c.text for c in detalhe}
    campos["elemento"] = etree.QName(detalhe).localname
    campos["faultcode"] = falha.findtext("faultcode")
    return raiz, campos


_CORPOS: dict[str, dict[str, Any]] = {
    "listarContrato": {"ambienteContratacao": {"nome": "REGULADO"}},
    "obterContrato": {"contrato": {"id": 800001}},
    "listarMontanteEnergia": {"contratos": {"contrato": [{"id": 800001}]}},
    "listarParcelaAtivo": {},
    "listarParticipanteMercado": {},
    "listarPerfilParticipanteMercado": {},
    "listarAtivoMedicao": {},
    "obterResultadoProcessamento": {
        "processamento": {"codigoProcessamento": "1", "tipoProcessamento": "IMPORTACAO_CONTRATOS"}
    },
}


@pytest.mark.parametrize(
    "spec,operacao",
    [(s, o) for s in catalog.SERVICOS for o in s.operacoes],
    ids=lambda x: getattr(x, "nome", x),
)
def test_toda_resposta_valida_no_xsd_do_servico(sim, http, spec, operacao):
    if operacao == "importarArquivo":
        xml = gerar_xml(novo_contrato_mensal(61005, 61007, 1, {"01/2026": "1"})).decode("latin-1")
        corpo = {"arquivo": xml}
    else:
        corpo = _CORPOS[operacao]
    pagina = {"pagina": 1, "tamanho_pagina": 3} if spec.paginado and operacao != "obterContrato" else {}
    resposta = _post(http, sim, spec.caminho, _envelope(sim, spec, operacao, corpo, **pagina), operacao)
    assert resposta.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert resposta.status_code in (200, 500)
    validate_envelope(spec, resposta.content)
    raiz = etree.fromstring(resposta.content)
    if resposta.status_code == 200:
        tid = raiz.findtext(f".//{{{spec.namespaces['mh']}}}transactionId")
    else:
        tid = _fault(resposta)[1]["transactionId"]
    assert tid and len(tid) == 36


def test_envelope_invalido_e_unexpected_schema_fault(sim, http):
    corpo = _envelope(sim, catalog.CONTRATO, "listarContrato", {"papel": "VENDEDOR"}, pagina=1, tamanho_pagina=5)
    corpo = corpo.replace(b">VENDEDOR<", b">INTERMEDIARIO<")
    resposta = _post(http, sim, catalog.CONTRATO.caminho, corpo, "listarContrato")
    assert resposta.status_code == 500
    raiz, campos = _fault(resposta)
    assert campos["elemento"] == "unexpectedSchemaFault" and campos["faultcode"] == "Server.4002"
    assert "papel" in campos["message"] and "INTERMEDIARIO" in campos["message"]
    assert campos["uri"] == "/ws/v2/ContratoBSv2" and len(campos["transactionId"]) == 36
    validate_envelope(catalog.CONTRATO, resposta.content)
    assert (
        raiz.prefix == "NS1" and etree.QName(raiz.find(f".//{{{ns.FM_V2}}}unexpectedSchemaFault")).namespace == ns.FM_V2
    )


def test_corpo_que_nao_e_xml_e_soap_action_errada(sim, http):
    resposta = _post(http, sim, catalog.ATIVO_MEDICAO.caminho, b"<nao-fecha>", "listarAtivoMedicao")
    assert resposta.status_code == 500 and _fault(resposta)[1]["elemento"] == "unexpectedSchemaFault"
    corpo = _envelope(sim, catalog.ATIVO_MEDICAO, "listarAtivoMedicao", {}, pagina=1, tamanho_pagina=2)
    resposta = _post(http, sim, catalog.ATIVO_MEDICAO.caminho, corpo, "listarParcelaAtivo")
    assert resposta.status_code == 500 and "SOAPAction" in _fault(resposta)[1]["message"]


def test_falha_v1_usa_o_namespace_fm(sim, http):
    corpo = _envelope(
        sim,
        catalog.RESULTADO_PROCESSAMENTO,
        "obterResultadoProcessamento",
        _CORPOS["obterResultadoProcessamento"],
    )
    resposta = _post(http, sim, catalog.RESULTADO_PROCESSAMENTO.caminho, corpo, "obterResultadoProcessamento")
    raiz = etree.fromstring(resposta.content)
    detalhe = raiz.find(f".//{{{ns.FM_V1}}}invalidParametersFault")
    assert detalhe is not None and detalhe.prefix == "flt"


@pytest.mark.parametrize(
    "servico,mh,bm",
    [
        ("ContratoBSv2", "hdr", "bmv2"),
        ("MontanteEnergiaBSv2", "mhv2", "ns2"),
        ("ParcelaAtivoBSv2", "mh", "bmv2"),
        ("ImportarArquivoBSv1", "hdr", "out"),
    ],
)
def test_prefixos_variam_por_servico_como_no_barramento(servico, mh, bm):
    spec = catalog.POR_NOME[servico]
    corpo = {
        "ContratoBSv2": lambda: respostas.listar_contrato([]),
        "MontanteEnergiaBSv2": lambda: respostas.listar_montante_energia([]),
        "ParcelaAtivoBSv2": lambda: respostas.listar_parcela_ativo([]),
        "ImportarArquivoBSv1": lambda: respostas.importar_arquivo(1),
    }[servico]()
    raiz = respostas.envelope(servico, corpo, paginacao=(1, 0, 0, 0) if spec.paginado else None)
    texto = respostas.serializar(raiz).decode()
    assert f"<{mh}:messageHeader>" in texto and f"<{bm}:{corpo.tag.split('}')[1]}" in texto
    validate_envelope(spec, raiz)


def test_metodos_e_caminhos_errados(sim, http):
    assert http.get(sim.url + "/ws/v2/ContratoBSv2").status_code == 405
    resposta = http.put(sim.url + "/ws/v2/ContratoBSv2", data=b"x")
    assert resposta.status_code == 405 and "POST" in resposta.headers["Allow"]
    for metodo in (http.get, http.post):
        resposta = metodo(sim.url + "/ws/v2/NaoExisteBSv2")
        assert resposta.status_code == 404 and resposta.headers["Content-Type"].startswith("text/plain")


def test_wsdl_e_xsd_servidos_com_locais_reescritos(sim, http):
    resposta = http.get(sim.url + "/ws/v2/ContratoBSv2?wsdl")
    assert resposta.status_code == 200
    wsdl = etree.fromstring(resposta.content)
    locais = [el.get("schemaLocation") for el in wsdl.iter("{http://www.w3.org/2001/XMLSchema}import")]
    assert locais and all(loc.startswith("?xsd=") for loc in locais)
    endereco = wsdl.find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address").get("location")
    assert endereco == sim.url + "/ws/v2/ContratoBSv2"
    for local in locais:
        xsd = http.get(sim.url + "/ws/v2/ContratoBSv2" + local)
        assert xsd.status_code == 200 and b"schema" in xsd.content
    assert http.get(sim.url + "/ws/v2/ContratoBSv2?xsd=../../pyproject.toml").status_code == 404
    assert http.get(sim.url + "/ws/v2/ContratoBSv2?xsd=../wsdl/ContratoBSv2/ContratoBSv2.wsdl").status_code == 404


def test_wsdl_sync_contra_o_simulador(sim, tmp_path):
    from ccee_barramento.wsdl_sync import sincronizar

    resultado = sincronizar(sim.configuracao("serra.azul"), tmp_path / "wsdl")
    assert set(resultado.arquivos) == {s.nome for s in catalog.SERVICOS}
    with CCEEClient(sim.configuracao("serra.azul", wsdl_dir=tmp_path / "wsdl")) as ccee:
        assert {c.id for c in ccee.listar_contratos(ambiente="REGULADO")} == {800001, 800002, 800003}


def test_resposta_de_10000_contratos_sem_http(sim):
    from ccee_barramento.simulator.banco import Banco, FiltroContratos
    from ccee_barramento.simulator.dados import gerar_mercado

    banco = Banco()
    try:
        banco.carregar(gerar_mercado(10_000, meses=1))
        total, linhas = banco.listar_contratos(FiltroContratos(), None, limite=10_000)
        assert total >= 10_000 and len(linhas) == 10_000
        raiz = respostas.envelope("ContratoBSv2", respostas.listar_contrato(linhas), paginacao=(1, 10_000, 2, total))
        validate_envelope(catalog.CONTRATO, raiz)
        assert len(respostas.serializar(raiz)) > 5_000_000
    finally:
        banco.fechar()
