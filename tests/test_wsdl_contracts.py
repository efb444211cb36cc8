"""Our WSDL/XSD contracts (wsdl/) and the envelope validator (ccee_barramento.validation).

- every official request envelope and sample answer of our 8 services in CCEE's Postman collection
  validates (the collection is read where it lies, never copied: set CCEE_POSTMAN_COLLECTION to
  point elsewhere; those tests are skipped when it is absent);
- the official fault sample (FM/v2) validates against the v2 services;
- zeep loads every WSDL and every request it builds validates;
- our hand-written answers in tests/fixtures/respostas/ validate (they are also decoder fixtures);
- invalid envelopes raise EnvelopeInvalido naming the element, and nothing from lxml escapes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

RAIZ = Path(__file__).resolve().parents[1]
try:
    import ccee_barramento  # noqa: F401
except ModuleNotFoundError:  # a source checkout without `pip install -e .`
    sys.path.insert(0, str(RAIZ / "src"))

import zeep  # noqa: E402
from zeep.wsse.username import UsernameToken  # noqa: E402

from ccee_barramento import namespaces as ns  # noqa: E402
from ccee_barramento import validation  # noqa: E402
from ccee_barramento.catalog import (  # noqa: E402
    POR_CAMINHO,
    POR_NOME,
    SERVICOS,
    ServiceSpec,
    bundled_wsdl_dir,
)
from ccee_barramento.validation import (  # noqa: E402
    EnvelopeInvalido,
    WSDLInvalido,
    envelope_schema,
    operation_of,
    validate_envelope,
)

WSDL_DIR = bundled_wsdl_dir()
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "respostas"
COLECAO = Path(os.environ.get("CCEE_POSTMAN_COLLECTION", "/work/shared/reference/ccee-postman-collection.json"))
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/"
XSD = "http://www.w3.org/2001/XMLSchema"
FUSO = timezone(timedelta(hours=-3))
SEIS_TIPOS = (
    "MONTANTE_MEDIO",
    "MONTANTE_MODULARIZADO",
    "MONTANTE_ENERGIA_ANUAL",
    "MONTANTE_ENERGIA_MENSAL",
    "MONTANTE_ANO_CONTRATUAL",
    "MONTANTE_OBRIGACAO_ENTREGA",
)


# --------------------------------------------------------------------------- the Postman collection

#: ``{{nome}}`` and the collection's misspelled ``{[nome}}`` (value of testeCodigoPerfil).
PLACEHOLDER = re.compile(r"\{[{\[]\s*([A-Za-z_]\w*)\s*\}\}")
VALORES = {
    "AuthCodigoPerfilAgente": "12345",
    "AuthUsername": "usuario.barramento",
    "AuthPassword": "s3nha-secreta",
    "testeCodigoAgente": "71055",
    "testeCodigoPerfil": "86853",
    "testeCodigoContrato": "4501237",
    "testeCodigoAtivo": "987",
    "testeCodigoParcela": "789",
}
SEM_COMENTARIOS = etree.XMLParser(remove_comments=True, resolve_entities=False, no_network=True)


def _colecao() -> dict | None:
    try:
        return json.loads(COLECAO.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _folhas(itens: list[dict]):
    for item in itens:
        if "item" in item:
            yield from _folhas(item["item"])
        else:
            yield item


def _caminho(item: dict) -> str:
    url = item["request"]["url"]
    bruto = url.get("raw", "") if isinstance(url, dict) else url
    return re.sub(r"^\{\{host\}\}", "", bruto).split("?")[0]


def preencher(texto: str, variaveis: dict[str, str]) -> str:
    """Fill placeholders as Postman would (collection variables first), then with our test values."""

    def valor(m: re.Match[str]) -> str:
        nome = m.group(1)
        if nome in VALORES:
            return VALORES[nome]
        var = variaveis.get(nome)
        if var and not PLACEHOLDER.search(var):
            return var
        if var and var != m.group(0):  # the variable's value is itself a placeholder: expand it next round
            return var
        return "10001" if nome.lower().startswith("teste") else "1"

    for _ in range(5):
        novo = PLACEHOLDER.sub(valor, texto)
        if novo == texto:
            break
        texto = novo
    return texto


def _casos_postman():
    colecao = _colecao()
    if colecao is None:
        motivo = f"coleção Postman ausente ({COLECAO}); defina CCEE_POSTMAN_COLLECTION"
        skip = pytest.param(None, None, None, marks=pytest.mark.skip(reason=motivo))
        return [skip], [skip]
    variaveis = {v["key"]: v.get("value", "") for v in colecao.get("variable", [])}
    requisicoes, respostas = [], []
    for item in _folhas(colecao["item"]):
        spec = POR_CAMINHO.get(preencher(_caminho(item), variaveis))
        if spec is None:
            continue
        acao = next((h["value"] for h in item["request"].get("header", []) if h["key"] == "SOAPAction"), None)
        corpo = preencher(item["request"]["body"]["raw"], variaveis)
        requisicoes.append(pytest.param(spec, corpo, acao, id=item["name"]))
        for resposta in item.get("response", []):
            if resposta.get("code") == 200:
                nome = f"{item['name']} -> {resposta['name']}"
                respostas.append(pytest.param(spec, resposta["body"], None, id=nome))
    return requisicoes, respostas


REQUISICOES_POSTMAN, RESPOSTAS_POSTMAN = _casos_postman()


def test_placeholders_incluindo_o_erro_de_digitacao_da_colecao():
    variaveis = {"testeCodigoPerfil": "{[testeCodigoPerfil}}", "uriX": "/ws/v2/X"}
    texto = "<a>{{testeCodigoPerfil}}</a><b>{{ AuthCodigoPerfilAgente }}</b>{{uriX}}<c>{{testeOutro}}</c>"
    assert preencher(texto, variaveis) == "<a>86853</a><b>12345</b>/ws/v2/X<c>10001</c>"


@pytest.mark.parametrize(("spec", "corpo", "acao"), REQUISICOES_POSTMAN)
def test_requisicao_oficial_valida(spec: ServiceSpec, corpo: str, acao: str):
    assert not PLACEHOLDER.search(corpo), "placeholder não preenchido"
    envelope = etree.fromstring(corpo.encode("utf-8"), SEM_COMENTARIOS)
    validate_envelope(spec, envelope)
    assert operation_of(spec, envelope) == acao  # the collection's SOAPAction header


@pytest.mark.parametrize(("spec", "corpo", "_"), RESPOSTAS_POSTMAN)
def test_resposta_oficial_valida(spec: ServiceSpec, corpo: str, _):
    validate_envelope(spec, corpo.encode("utf-8"))


def test_colecao_cobre_os_oito_servicos():
    if _colecao() is None:
        pytest.skip(f"coleção Postman ausente ({COLECAO})")
    cobertos = {p.values[0].nome for p in REQUISICOES_POSTMAN}
    assert cobertos == {s.nome for s in SERVICOS}
    assert len(REQUISICOES_POSTMAN) >= 17 and len(RESPOSTAS_POSTMAN) >= 5


def _falha_oficial() -> str:
    colecao = _colecao()
    if colecao is None:
        pytest.skip(f"coleção Postman ausente ({COLECAO})")
    for item in _folhas(colecao["item"]):
        for resposta in item.get("response", []):
            if resposta.get("code") == 500 and ns.FM_V2 in resposta.get("body", ""):
                return resposta["body"]
    pytest.fail("a amostra oficial de falha (FM/v2) sumiu da coleção")


@pytest.mark.parametrize("spec", [s for s in SERVICOS if s.versao == 2], ids=lambda s: s.nome)
def test_falha_oficial_fm_v2_valida(spec: ServiceSpec):
    corpo = _falha_oficial()
    assert "Server.4001" in corpo and "unexpectedTechnicalFault" in corpo
    validate_envelope(spec, corpo.encode("utf-8"))


def test_falha_fm_v2_nao_valida_em_servico_v1():
    with pytest.raises(EnvelopeInvalido, match="unexpectedTechnicalFault"):
        validate_envelope("ImportarArquivoBSv1", _falha_oficial().encode("utf-8"))


# --------------------------------------------------------------------------- the WSDL files themselves


def _wsdl(spec: ServiceSpec) -> etree._Element:
    return etree.parse(str(spec.wsdl_path())).getroot()


@pytest.mark.parametrize("spec", SERVICOS, ids=lambda s: s.nome)
def test_wsdl_segue_o_estilo_da_ccee(spec: ServiceSpec):
    raiz = _wsdl(spec)
    q = {"w": WSDL_NS, "s": SOAP11}
    assert raiz.get("targetNamespace") == spec.namespaces["bs"]
    assert tuple(raiz.xpath("w:portType/w:operation/@name", namespaces=q)) == spec.operacoes
    endereco = raiz.xpath("string(w:service/w:port/s:address/@location)", namespaces=q)
    assert endereco.endswith(spec.caminho)
    importados = raiz.xpath("w:types/*[local-name()='schema']/*[local-name()='import']/@namespace", namespaces=q)
    n = spec.namespaces
    assert sorted(importados) == sorted([ns.WSSE, n["mh"], n["fm"], n["bm"]])
    esperados_entrada = ["Security", "MessageHeader"] + (["Paginacao"] if spec.versao == 2 else [])
    esperados_saida = ["MessageHeader"] + (["Paginacao"] if spec.versao == 2 else [])
    for op in raiz.xpath("w:binding/w:operation", namespaces=q):
        nome = op.get("name")
        assert op.xpath("string(s:operation/@soapAction)", namespaces=q) == nome
        assert op.xpath("s:operation/@style", namespaces=q) == ["document"]
        assert op.xpath("w:input/s:header/@part", namespaces=q) == esperados_entrada
        assert op.xpath("w:output/s:header/@part", namespaces=q) == esperados_saida
        assert op.xpath("w:input/s:body/@use", namespaces=q) == ["literal"]
        assert sorted(op.xpath("w:fault/@name", namespaces=q)) == [
            "InvalidParametersFaultMessage",
            "SecurityFaultMessage",
            "UnexpectedSchemaFaultMessage",
            "UnexpectedTechnicalFaultMessage",
        ]


def test_xsd_qualificados_e_documentados():
    for xsd in sorted(WSDL_DIR.rglob("*.xsd")):
        raiz = etree.parse(str(xsd)).getroot()
        if xsd.name == validation.ENVELOPE_XSD:
            assert raiz.get("targetNamespace") == ns.SOAP_ENV
            continue
        assert raiz.get("elementFormDefault") == "qualified", xsd
        assert raiz.get("attributeFormDefault") == "qualified", xsd
        assert raiz.get("targetNamespace", "").startswith(("http://xmlns.energia.org.br/", ns.WSSE)), xsd


def test_enum_tem_os_seis_tipos_de_montante():
    raiz = etree.parse(str(WSDL_DIR / "v2" / "bo-contrato.xsd")).getroot()
    valores = raiz.xpath(
        "xs:simpleType[@name='NomeTipoMontanteEnergia']/xs:restriction/xs:enumeration/@value",
        namespaces={"xs": XSD},
    )
    assert tuple(valores) == SEIS_TIPOS


# --------------------------------------------------------------------------- zeep

HOJE = datetime(2025, 1, 1, tzinfo=FUSO)
PERIODO = {"inicio": HOJE, "fim": datetime(2025, 2, 1, tzinfo=FUSO)}
#: The body of one request per operation of the catalog, as zeep keyword arguments.
CORPOS = {
    "importarArquivo": {
        "arquivo": '<?xml version="1.0" encoding="ISO-8859-1"?><ContratosCCEAL tipoGeracao="1" tipoCCEAL="1">'
        '<Contrato sequencialControle="1" dataDeInicio="01/01/2025 00" dataDeFim="01/01/2026 00" '
        'idComprador="86853" idVendedor="51220" idSubMerEntrega="1"/></ContratosCCEAL>'
    },
    "obterResultadoProcessamento": {
        "processamento": {"codigoProcessamento": "98765432", "tipoProcessamento": "IMPORTACAO_CONTRATOS"}
    },
    "listarContrato": {
        "ambienteContratacao": {"nome": "LIVRE"},
        "periodoReferencia": PERIODO,
        "tipos": {"tipoContrato": [{"id": 10185, "subTipo": {"id": 10777}}]},
        "perfis": {"perfil": [{"id": 86853}, {"id": 51220}]},
        "papel": "COMPRADOR",
        "listarMontantesNaoValidados": True,
    },
    "obterContrato": {
        "ambienteContratacao": {"nome": "REGULADO"},
        "contrato": {"id": 3100457},
        "periodoReferencia": PERIODO,
    },
    "listarMontanteEnergia": {
        "contratos": {"contrato": [{"id": 4501237}, {"id": 4501238}]},
        "periodoReferencia": PERIODO,
        "tipos": {"tipoMontanteEnergia": [{"nome": t} for t in SEIS_TIPOS]},
        "ambienteContratacao": {"nome": "LIVRE"},
        "listarMontantesNaoValidados": True,
        "perfis": {"perfil": [{"id": 86853}]},
    },
    "listarParcelaAtivo": {
        "periodoReferencia": {"inicio": HOJE},
        "parcelaAtivo": {"participanteMercado": {"perfis": {"perfil": [{"codigo": 86853}]}}},
        "contratos": {"contrato": [{"id": 4501238}]},
    },
    "listarParticipanteMercado": {
        "participantesMercado": {"participanteMercado": [{"codigo": 71055}]},
        "identificacoes": {"identificacao": [{"numero": "08070508000178"}]},
        "sigla": "CORINTHIANS",
    },
    "listarPerfilParticipanteMercado": {
        "perfilParticipanteMercado": {"classe": {"codigo": 12}, "participanteMercado": {"codigo": 71055}}
    },
    "listarAtivoMedicao": {
        "ativoMedicao": {
            "tipo": {"descricao": "CARGA"},
            "parcelasAtivo": {"parcelaAtivo": [{"participanteMercado": {"codigo": 71055}}]},
        }
    },
}
OPERACOES = [(s, op) for s in SERVICOS for op in s.operacoes]


@cache
def cliente(nome: str, com_wsse: bool = False) -> zeep.Client:
    wsse = UsernameToken(VALORES["AuthUsername"], VALORES["AuthPassword"]) if com_wsse else None
    return zeep.Client(str(POR_NOME[nome].wsdl_path()), wsse=wsse)


def cabecalhos(spec: ServiceSpec, seguranca: bool = True) -> dict:
    h: dict = {"MessageHeader": {"codigoPerfilAgente": VALORES["AuthCodigoPerfilAgente"], "versao": "2.1"}}
    if seguranca:
        token = {"Username": VALORES["AuthUsername"], "Password": VALORES["AuthPassword"]}
        h["Security"] = {"UsernameToken": token}
    if spec.versao == 2:
        h["Paginacao"] = {"numero": 1, "quantidadeItens": spec.pagina_padrao or 1}
    return h


def test_corpos_cobrem_todas_as_operacoes():
    assert set(CORPOS) == {op for _, op in OPERACOES}


@pytest.mark.parametrize(("spec", "op"), OPERACOES, ids=[f"{s.nome}.{op}" for s, op in OPERACOES])
def test_zeep_constroi_requisicao_valida(spec: ServiceSpec, op: str):
    c = cliente(spec.nome)
    binding_op = c.service._binding._operations[op]
    assert binding_op.soapaction == op
    envelope = c.create_message(c.service, op, **CORPOS[op], _soapheaders=cabecalhos(spec))
    validate_envelope(spec, envelope)
    assert operation_of(spec, envelope) == op
    header = envelope.find(ns.q(ns.SOAP_ENV, "Header"))
    nomes = {etree.QName(h).localname for h in header}
    assert nomes == {"Security", "messageHeader"} | ({"paginacao"} if spec.versao == 2 else set())
    # and the bytes zeep would send validate the same way
    validate_envelope(spec, etree.tostring(envelope, xml_declaration=True, encoding="utf-8"))


@pytest.mark.parametrize("spec", SERVICOS, ids=lambda s: s.nome)
def test_zeep_com_usernametoken_do_proprio_zeep(spec: ServiceSpec):
    """zeep's WSSE plugin sends Password with an unqualified Type attribute: it must validate too."""
    c = cliente(spec.nome, com_wsse=True)
    op = spec.operacoes[0]
    envelope = c.create_message(c.service, op, **CORPOS[op], _soapheaders=cabecalhos(spec, seguranca=False))
    senha = envelope.find(f".//{{{ns.WSSE}}}Password")
    assert senha is not None and senha.get("Type", "").endswith("#PasswordText")
    validate_envelope(spec, envelope)


@pytest.mark.parametrize(
    ("valor", "texto"),
    [(True, "true"), (False, "false"), ("Sim", "Sim"), ("Não", "Não"), ("Nao", "Nao"), ("1", "1")],
    ids=["True", "False", "Sim", "Nao-acentuado", "Nao", "1"],
)
@pytest.mark.parametrize("op", ["listarContrato", "listarMontanteEnergia"])
def test_listar_montantes_nao_validados_serializa_e_valida(op: str, valor, texto: str):
    spec = POR_NOME["ContratoBSv2" if op == "listarContrato" else "MontanteEnergiaBSv2"]
    c = cliente(spec.nome)
    envelope = c.create_message(c.service, op, listarMontantesNaoValidados=valor, _soapheaders=cabecalhos(spec))
    elemento = envelope.find(f".//{{{ns.BM_V2}}}listarMontantesNaoValidados")
    assert elemento.text == texto
    validate_envelope(spec, envelope)


def test_listar_montantes_nao_validados_recusa_outros_valores():
    spec = POR_NOME["ContratoBSv2"]
    c = cliente(spec.nome)
    envelope = c.create_message(c.service, "listarContrato", listarMontantesNaoValidados="talvez")
    with pytest.raises(EnvelopeInvalido, match="listarMontantesNaoValidados"):
        validate_envelope(spec, envelope)


# --------------------------------------------------------------------------- our sample answers

FIXTURES_XML = sorted(FIXTURES.rglob("*.xml"))


@pytest.mark.parametrize("arquivo", FIXTURES_XML, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_resposta_de_exemplo_valida(arquivo: Path):
    spec = POR_NOME[arquivo.parent.name]
    operacao = arquivo.stem.split("-", 1)[0]
    assert operacao in spec.operacoes, f"{arquivo.name}: nome deve ser <operacao>-<caso>.xml"
    dados = arquivo.read_bytes()
    validate_envelope(spec, dados)
    corpo = etree.fromstring(dados).find(ns.q(ns.SOAP_ENV, "Body"))[0]
    if corpo.tag != ns.q(ns.SOAP_ENV, "Fault"):
        assert corpo.tag == ns.q(spec.namespaces["bm"], f"{operacao}Response")


def test_respostas_de_exemplo_pedidas_existem():
    nomes = {f"{p.parent.name}/{p.stem.split('-', 1)[0]}" for p in FIXTURES_XML}
    assert {
        "ContratoBSv2/listarContrato",
        "ContratoBSv2/obterContrato",
        "MontanteEnergiaBSv2/listarMontanteEnergia",
        "ResultadoProcessamentoBSv1/obterResultadoProcessamento",
        "ImportarArquivoBSv1/importarArquivo",
    } <= nomes
    prefixos = set()
    for p in FIXTURES_XML:
        prefixos |= set(re.findall(r"<([A-Za-z]\w*):", p.read_text(encoding="utf-8")))
    assert {"hdr", "mhv2", "ns1", "NS1"} <= prefixos


def test_resposta_de_montantes_traz_os_seis_tipos():
    raiz = etree.parse(str(FIXTURES / "MontanteEnergiaBSv2" / "listarMontanteEnergia-tipos.xml"))
    tipos = {e.text for e in raiz.iter(ns.q(ns.BO_V2, "nome"))}
    assert tipos == set(SEIS_TIPOS)
    valores = [e.text for e in raiz.iter(ns.q(ns.BO_V2, "valor"))]
    assert any(len(v.partition(".")[2]) == 6 for v in valores)


def test_resultado_processamento_em_andamento_e_concluido():
    def ler(caso: str) -> etree._Element:
        arquivo = FIXTURES / "ResultadoProcessamentoBSv1" / f"obterResultadoProcessamento-{caso}.xml"
        return etree.parse(str(arquivo)).getroot()

    andamento, concluido = ler("em-processamento"), ler("processado")
    assert andamento.findtext(f".//{{{ns.BO_V1}}}situacao") == "EM_PROCESSAMENTO"
    assert andamento.find(f".//{{{ns.BO_V1}}}detalhe") is None
    assert concluido.findtext(f".//{{{ns.BO_V1}}}situacao") == "PROCESSADO"
    status = [e.text for e in concluido.iter(ns.q(ns.BO_V1, "status"))]
    assert status == ["SUCESSO", "AVISO", "ERRO"]


# --------------------------------------------------------------------------- invalid envelopes


def _envelope(corpo: str, versao: int = 2, cabecalho: str = "") -> bytes:
    n = ns.for_version(versao)
    return (
        f'<soapenv:Envelope xmlns:soapenv="{ns.SOAP_ENV}" xmlns:mh="{n["mh"]}" xmlns:bm="{n["bm"]}" '
        f'xmlns:bo="{n["bo"]}"><soapenv:Header><mh:messageHeader><mh:codigoPerfilAgente>12345'
        f"</mh:codigoPerfilAgente></mh:messageHeader>{cabecalho}</soapenv:Header>"
        f"<soapenv:Body>{corpo}</soapenv:Body></soapenv:Envelope>"
    ).encode("utf-8")


OBTER_OK = "<bm:obterContratoRequest><bm:contrato><bo:id>123</bo:id></bm:contrato></bm:obterContratoRequest>"


def test_envelope_minimo_valido():
    validate_envelope("ContratoBSv2", _envelope(OBTER_OK))
    assert operation_of("ContratoBSv2", _envelope(OBTER_OK)) == "obterContrato"


def test_elemento_desconhecido_no_corpo():
    corpo = OBTER_OK.replace("</bm:contrato>", "</bm:contrato><bm:elementoIntruso>1</bm:elementoIntruso>")
    with pytest.raises(EnvelopeInvalido) as exc:
        validate_envelope("ContratoBSv2", _envelope(corpo))
    assert "elementoIntruso" in str(exc.value)
    assert exc.value.servico == "ContratoBSv2"
    assert all(e.startswith("linha ") for e in exc.value.erros)
    assert "/bm:obterContratoRequest/bm:elementoIntruso" in exc.value.erros[0]


def test_elemento_global_desconhecido_no_corpo():
    envelope = _envelope("<bm:listarCoisaRequest/>")
    with pytest.raises(EnvelopeInvalido, match="listarCoisaRequest"):
        validate_envelope("ContratoBSv2", envelope)
    with pytest.raises(EnvelopeInvalido, match="listarCoisaRequest"):
        operation_of("ContratoBSv2", envelope)


def test_elemento_obrigatorio_ausente():
    with pytest.raises(EnvelopeInvalido, match=r"bmv2:contrato\b"):
        validate_envelope("ContratoBSv2", _envelope("<bm:obterContratoRequest/>"))
    corpo = OBTER_OK.replace("<bo:id>123</bo:id>", "")
    with pytest.raises(EnvelopeInvalido, match=r"bov2:id\b"):
        validate_envelope("ContratoBSv2", _envelope(corpo))
    processamento = (
        "<bm:obterResultadoProcessamentoRequest><bm:processamento><bo:codigoProcessamento>1"
        "</bo:codigoProcessamento></bm:processamento></bm:obterResultadoProcessamentoRequest>"
    )
    with pytest.raises(EnvelopeInvalido, match="tipoProcessamento"):
        validate_envelope("ResultadoProcessamentoBSv1", _envelope(processamento, versao=1))


def test_valor_e_cabecalho_invalidos():
    with pytest.raises(EnvelopeInvalido, match="bov2:id"):
        validate_envelope("ContratoBSv2", _envelope(OBTER_OK.replace("123", "abc")))
    paginacao = "<mh:paginacao><mh:numero>0</mh:numero><mh:quantidadeItens>10</mh:quantidadeItens></mh:paginacao>"
    with pytest.raises(EnvelopeInvalido, match="numero"):
        validate_envelope("ContratoBSv2", _envelope(OBTER_OK, cabecalho=paginacao))
    with pytest.raises(EnvelopeInvalido, match="Security"):
        seguranca = f'<x:Security xmlns:x="{ns.WSSE}"><x:Token/></x:Security>'
        validate_envelope("ContratoBSv2", _envelope(OBTER_OK, cabecalho=seguranca))


def test_versao_de_namespace_errada():
    # a BM/v1 body sent to a v2 service, and a v2 body sent to a v1 service
    with pytest.raises(EnvelopeInvalido, match="obterContratoRequest"):
        validate_envelope("ContratoBSv2", _envelope(OBTER_OK, versao=1))
    with pytest.raises(EnvelopeInvalido):
        corpo_v2 = "<bm:importarArquivo><bm:arquivo>x</bm:arquivo></bm:importarArquivo>"
        validate_envelope("ImportarArquivoBSv1", _envelope(corpo_v2))


@pytest.mark.parametrize(
    "entrada",
    [
        b"",
        b"\x00\x01",
        b"<a><b></a>",
        "<soapenv:Envelope",
        b"<a/>",
        '<?xml version="1.0" encoding="ISO-8859-1"?><a/>',
        b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>',
    ],
    ids=["vazio", "binario", "mal-formado", "texto-truncado", "nao-envelope", "texto-com-encoding", "soap12"],
)
def test_nada_do_lxml_escapa(entrada):
    with pytest.raises(EnvelopeInvalido) as exc:
        validate_envelope("ContratoBSv2", entrada)
    assert isinstance(exc.value, ValueError) and exc.value.erros
    with pytest.raises(EnvelopeInvalido):
        operation_of("ContratoBSv2", entrada)


def test_validacao_concorrente_nao_mistura_erros():
    """The simulator validates from several threads; each error list must be its own envelope's."""

    def validar(i: int) -> str | None:
        corpo = OBTER_OK if i % 2 else OBTER_OK.replace("</bm:contrato>", f"</bm:contrato><bm:intruso{i}/>")
        try:
            validate_envelope("ContratoBSv2", _envelope(corpo))
        except EnvelopeInvalido as exc:
            return " ".join(exc.erros)
        return None

    with ThreadPoolExecutor(max_workers=8) as pool:
        resultados = list(pool.map(validar, range(200)))
    for i, erros in enumerate(resultados):
        if i % 2:
            assert erros is None
        else:
            assert erros is not None and f"intruso{i}'" in erros
            assert set(re.findall(r"intruso\d+", erros)) == {f"intruso{i}"}


def test_mensagem_resume_muitos_erros():
    erro = EnvelopeInvalido("X", [f"linha {i}: /a: erro {i}" for i in range(8)])
    assert "e mais 3 erros" in str(erro) and len(erro.erros) == 8


# --------------------------------------------------------------------------- schema loading


def test_schema_em_cache_e_por_nome_ou_spec():
    spec = POR_NOME["ContratoBSv2"]
    assert envelope_schema(spec) is envelope_schema("ContratoBSv2")
    assert envelope_schema(spec) is not envelope_schema("MontanteEnergiaBSv2")
    assert isinstance(envelope_schema(spec), etree.XMLSchema)


def test_funciona_de_qualquer_diretorio(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    spec = POR_NOME["ParcelaAtivoBSv2"]
    contrato = validation._carregar.__wrapped__(spec.nome, str(spec.wsdl_path().resolve()))
    assert contrato.operacoes == {ns.q(ns.BM_V2, "listarParcelaAtivoRequest"): "listarParcelaAtivo"}
    assert contrato.schema.validate(etree.fromstring(_envelope("<bm:listarParcelaAtivoRequest/>")))


def test_wsdl_dir_de_usuario(tmp_path):
    """A folder with the <Servico>/<Servico>.wsdl layout (as `ccee wsdl sync` makes) is used instead."""
    pasta = tmp_path / "contratos com espaço"
    shutil.copytree(WSDL_DIR, pasta, ignore=shutil.ignore_patterns("*.md"))
    (pasta / validation.ENVELOPE_XSD).unlink()  # falls back to the bundled envelope schema
    schema = envelope_schema("ContratoBSv2", wsdl_dir=pasta)
    assert schema is not envelope_schema("ContratoBSv2")
    validate_envelope(POR_NOME["ContratoBSv2"], _envelope(OBTER_OK), wsdl_dir=pasta)
    validate_envelope(str(pasta / "ContratoBSv2" / "ContratoBSv2.wsdl"), _envelope(OBTER_OK))


def test_namespace_importado_de_varios_arquivos(tmp_path):
    """CCEE's real WSDLs import one namespace from several files; every file must count."""
    pasta = tmp_path / "Teste"
    pasta.mkdir()
    for nome, elemento in (("a.xsd", "pedido"), ("b.xsd", "resposta")):
        (pasta / nome).write_text(
            f'<xs:schema xmlns:xs="{XSD}" targetNamespace="urn:teste" elementFormDefault="qualified">'
            f'<xs:element name="{elemento}" type="xs:int"/></xs:schema>',
            encoding="utf-8",
        )
    (pasta / "Teste.wsdl").write_text(
        f"""<wsdl:definitions xmlns:wsdl="{WSDL_NS}" xmlns:soap11="{SOAP11}" xmlns:tns="urn:bs"
            xmlns:xsd="{XSD}" targetNamespace="urn:bs">
          <wsdl:types><xsd:schema>
            <xsd:import namespace="urn:teste" schemaLocation="a.xsd"/>
            <xsd:import namespace="urn:teste" schemaLocation="b.xsd"/>
          </xsd:schema></wsdl:types>
          <wsdl:message name="In"><wsdl:part xmlns:t="urn:teste" name="p" element="t:pedido"/></wsdl:message>
          <wsdl:message name="Out">
            <wsdl:part xmlns:t="urn:teste" name="r" element="t:resposta"/></wsdl:message>
          <wsdl:portType name="PT"><wsdl:operation name="fazer">
            <wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
          <wsdl:binding name="B" type="tns:PT">
            <soap11:binding transport="http://schemas.xmlsoap.org/soap/http"/>
            <wsdl:operation name="fazer"><soap11:operation soapAction="fazer"/>
              <wsdl:input><soap11:body use="literal"/></wsdl:input>
              <wsdl:output><soap11:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
        </wsdl:definitions>""",
        encoding="utf-8",
    )

    def env(elemento: str) -> bytes:
        corpo = f'<t:{elemento} xmlns:t="urn:teste">1</t:{elemento}>'
        return f'<s:Envelope xmlns:s="{ns.SOAP_ENV}"><s:Body>{corpo}</s:Body></s:Envelope>'.encode()

    validate_envelope("Teste", env("pedido"), wsdl_dir=tmp_path)
    validate_envelope("Teste", env("resposta"), wsdl_dir=tmp_path)
    assert operation_of("Teste", env("pedido"), wsdl_dir=tmp_path) == "fazer"


def test_schema_inline_no_wsdl(tmp_path):
    """A WSDL may declare elements in an inline xs:schema (importing others relative to the WSDL)."""
    pasta = tmp_path / "Inline"
    pasta.mkdir()
    (pasta / "bo.xsd").write_text(
        f'<xs:schema xmlns:xs="{XSD}" targetNamespace="urn:bo"><xs:simpleType name="T">'
        '<xs:restriction base="xs:int"/></xs:simpleType></xs:schema>',
        encoding="utf-8",
    )
    (pasta / "Inline.wsdl").write_text(
        f"""<wsdl:definitions xmlns:wsdl="{WSDL_NS}" xmlns:xsd="{XSD}" xmlns:bo="urn:bo"
            targetNamespace="urn:bs">
          <wsdl:types><xsd:schema targetNamespace="urn:bm" elementFormDefault="qualified">
            <xsd:import namespace="urn:bo" schemaLocation="bo.xsd"/>
            <xsd:element name="pedido" type="bo:T"/>
          </xsd:schema></wsdl:types>
        </wsdl:definitions>""",
        encoding="utf-8",
    )

    def env(valor: str) -> bytes:
        corpo = f'<b:pedido xmlns:b="urn:bm">{valor}</b:pedido>'
        return f'<s:Envelope xmlns:s="{ns.SOAP_ENV}"><s:Body>{corpo}</s:Body></s:Envelope>'.encode()

    validate_envelope(pasta / "Inline.wsdl", env("7"))
    with pytest.raises(EnvelopeInvalido, match="pedido"):
        validate_envelope(pasta / "Inline.wsdl", env("sete"))


def test_wsdl_ausente_ou_quebrado(tmp_path):
    with pytest.raises(FileNotFoundError):
        envelope_schema("NaoExisteBSv9", wsdl_dir=tmp_path)
    pasta = tmp_path / "Quebrado"
    pasta.mkdir()
    (pasta / "Quebrado.wsdl").write_text("<wsdl:definitions", encoding="utf-8")
    with pytest.raises(WSDLInvalido):
        envelope_schema("Quebrado", wsdl_dir=tmp_path)
    (pasta / "Quebrado.wsdl").write_text(
        f'<wsdl:definitions xmlns:wsdl="{WSDL_NS}"><wsdl:types><xs:schema xmlns:xs="{XSD}">'
        f'<xs:import namespace="urn:x" schemaLocation="x.xsd"/></xs:schema></wsdl:types></wsdl:definitions>',
        encoding="utf-8",
    )
    (pasta / "x.xsd").write_text(
        f'<xs:schema xmlns:xs="{XSD}" targetNamespace="urn:x"><xs:element name="a" type="xs:naoExiste"/></xs:schema>',
        encoding="utf-8",
    )
    with pytest.raises(WSDLInvalido, match="naoExiste") as exc:
        envelope_schema(str(pasta / "Quebrado.wsdl"))
    assert "x.xsd:1:" in exc.value.erros[0]
