"""lxml builders of every answer and fault, with the namespace prefixes each real service uses.

The bus is not consistent about prefixes (the official samples show ``mh:``, ``mhv2:``, ``hdr:``,
``NS1:``...), so neither is the simulator: :data:`ESTILOS` gives each service its own, and clients
must match on namespace URIs. Builders take database rows (``sqlite3.Row`` or plain dicts; missing
keys count as empty), so a benchmark can build a 10,000-contract answer without HTTP::

    corpo = respostas.listar_contrato(linhas)
    dados = respostas.serializar(respostas.envelope("ContratoBSv2", corpo, paginacao=(1, 10_000, 1, 10_000)))
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from lxml import etree

from .. import namespaces as ns
from ..catalog import POR_NOME
from . import codigos as c
from .codigos import CodigoFalha

Linha = Mapping[str, Any]


@dataclass(frozen=True)
class Estilo:
    """Prefixes of one service's answers: envelope, MH header, BM message, BO objects."""

    mh: str
    bm: str
    bo: str
    env: str = "soapenv"
    versao_nula: bool = False  # ``<hdr:versao xsi:nil="true"/>`` as in some official answers


ESTILOS: dict[str, Estilo] = {
    "ImportarArquivoBSv1": Estilo(mh="hdr", bm="out", bo="bo"),
    "ResultadoProcessamentoBSv1": Estilo(mh="mh", bm="bm", bo="bo"),
    "ContratoBSv2": Estilo(mh="hdr", bm="bmv2", bo="bov2", versao_nula=True),
    "MontanteEnergiaBSv2": Estilo(mh="mhv2", bm="ns2", bo="ns3"),
    "ParcelaAtivoBSv2": Estilo(mh="mh", bm="bmv2", bo="bov2"),
    "ParticipanteMercadoBSv2": Estilo(mh="mhv2", bm="bmv2", bo="bov2"),
    "PerfilParticipanteMercadoBSv2": Estilo(mh="mh", bm="bmv2", bo="bov2"),
    "AtivoMedicaoBSv2": Estilo(mh="mhv2", bm="bmv2", bo="bov2"),
}
#: Faults come in an ``NS1:`` envelope with an ``fltv2:`` (FM/v2) or ``flt:`` (FM) detail,
#: as in the official fault sample.
ESTILO_FALHA_ENV = "NS1"

_SOAP_ENV = ns.SOAP_ENV


def novo_transaction_id() -> str:
    return str(uuid.uuid4())


def data_hora(valor: str | None) -> str | None:
    """Stored naive Brasília time → xsd:dateTime with the Brasília offset (no DST since 2019)."""
    if not valor:
        return None
    texto = valor if len(valor) > 10 else f"{valor}T00:00:00"
    return f"{texto[:19]}-03:00" if texto[:4] >= "2019" else f"{texto[:19]}{_offset_antigo(texto[:19])}"


@cache
def _offset_antigo(texto: str) -> str:
    from datetime import datetime

    from ..models.base import FUSO_CCEE

    delta = datetime.fromisoformat(texto).replace(tzinfo=FUSO_CCEE).utcoffset()
    minutos = int(delta.total_seconds() // 60) if delta else -180
    sinal = "-" if minutos < 0 else "+"
    return f"{sinal}{abs(minutos) // 60:02d}:{abs(minutos) % 60:02d}"


def _v(linha: Linha, chave: str) -> Any:
    try:
        return linha[chave]
    except (KeyError, IndexError):
        return None


def _booleano(valor: Any) -> str:
    return "true" if valor else "false"


class _Arvore:
    """Element factory of one service: Clark tags precomputed, ``None`` values skipped."""

    def __init__(self, servico: str) -> None:
        spec = POR_NOME[servico]
        self.servico = servico
        self.spec = spec
        self.estilo = ESTILOS[servico]
        self.nsv = spec.namespaces
        self._bo = self.nsv["bo"]
        self._bm = self.nsv["bm"]

    def resposta(self, operacao: str) -> etree._Element:
        e = self.estilo
        return etree.Element(f"{{{self._bm}}}{operacao}Response", nsmap={e.bm: self._bm, e.bo: self._bo})

    def bm(self, pai: etree._Element, local: str, texto: Any = None) -> etree._Element:
        el = etree.SubElement(pai, f"{{{self._bm}}}{local}")
        if texto is not None:
            el.text = str(texto)
        return el

    def bo(self, pai: etree._Element, local: str, texto: Any = None) -> etree._Element:
        el = etree.SubElement(pai, _tag(self._bo, local))
        if texto is not None:
            el.text = texto if isinstance(texto, str) else str(texto)
        return el

    def opc(self, pai: etree._Element, local: str, texto: Any) -> None:
        """A text child only when there is a value."""
        if texto is not None and texto != "":
            self.bo(pai, local, texto)

    def dominio(
        self,
        pai: etree._Element,
        local: str,
        codigo: Any,
        descricao: Any = None,
        *,
        id_: Any = None,
        nome: Any = None,
    ) -> None:
        if codigo is None and descricao is None and id_ is None and nome is None:
            return
        el = self.bo(pai, local)
        self.opc(el, "id", id_)
        self.opc(el, "codigo", codigo)
        self.opc(el, "nome", nome)
        self.opc(el, "descricao", descricao)

    def periodo(self, pai: etree._Element, local: str, inicio: str | None, fim: str | None = None) -> None:
        if not inicio and not fim:
            return
        el = self.bo(pai, local)
        self.opc(el, "inicio", data_hora(inicio))
        self.opc(el, "fim", data_hora(fim))

    def submercado(self, pai: etree._Element, id_: Any) -> None:
        if id_ is None:
            return
        el = self.bo(pai, "submercado")
        self.bo(el, "id", id_)
        self.opc(el, "nome", c.SUBMERCADOS.get(int(id_)))


@cache
def _tag(namespace: str, local: str) -> str:
    return f"{{{namespace}}}{local}"


@cache
def _arvore(servico: str) -> _Arvore:
    return _Arvore(servico)


# --------------------------------------------------------------------------- envelopes


def envelope(
    servico: str,
    corpo: etree._Element,
    *,
    transaction_id: str | None = None,
    paginacao: tuple[int, int, int, int] | None = None,
    versao: str | None = None,
    codigo_perfil_agente: int | str | None = None,
) -> etree._Element:
    """The whole answer: header (transactionId, paging totals) and ``corpo`` in the Body.

    ``paginacao`` is (numero, quantidadeItens of this page, totalPaginas, quantidadeTotalItens).
    """
    arvore = _arvore(servico)
    e = arvore.estilo
    mh = arvore.nsv["mh"]
    nsmap = {e.env: _SOAP_ENV, e.mh: mh}
    if e.versao_nula:
        nsmap["xsi"] = ns.XSI
    raiz = etree.Element(f"{{{_SOAP_ENV}}}Envelope", nsmap=nsmap)
    header = etree.SubElement(raiz, f"{{{_SOAP_ENV}}}Header")
    mensagem = etree.SubElement(header, f"{{{mh}}}messageHeader")
    if arvore.spec.versao == 1 and codigo_perfil_agente is not None:
        etree.SubElement(mensagem, f"{{{mh}}}codigoPerfilAgente").text = str(codigo_perfil_agente)
    etree.SubElement(mensagem, f"{{{mh}}}transactionId").text = transaction_id or novo_transaction_id()
    if arvore.spec.versao == 2:
        if e.versao_nula:
            etree.SubElement(mensagem, f"{{{mh}}}versao").set(f"{{{ns.XSI}}}nil", "true")
        else:
            etree.SubElement(mensagem, f"{{{mh}}}versao").text = versao or "2.1"
    if paginacao is not None:
        pag = etree.SubElement(header, f"{{{mh}}}paginacao")
        for local, valor in zip(  # noqa: B905 (4 names, 4 values)
            ("numero", "quantidadeItens", "totalPaginas", "quantidadeTotalItens"), paginacao
        ):
            etree.SubElement(pag, f"{{{mh}}}{local}").text = str(valor)
    etree.SubElement(raiz, f"{{{_SOAP_ENV}}}Body").append(corpo)
    return raiz


def fault(
    servico: str, codigo: CodigoFalha, mensagem: str | None = None, *, transaction_id: str | None = None
) -> etree._Element:
    """A SOAP 1.1 Fault: faultcode ``Server.<errorCode>`` and the FM element in ``detail``."""
    spec = POR_NOME[servico]
    fm = spec.namespaces["fm"]
    env = ESTILO_FALHA_ENV
    raiz = etree.Element(f"{{{_SOAP_ENV}}}Envelope", nsmap={env: _SOAP_ENV})
    corpo = etree.SubElement(raiz, f"{{{_SOAP_ENV}}}Body")
    falha = etree.SubElement(corpo, f"{{{_SOAP_ENV}}}Fault")
    mensagem = mensagem or codigo.mensagem
    etree.SubElement(falha, "faultcode").text = f"Server.{codigo.codigo}"
    etree.SubElement(falha, "faultstring").text = (
        f"Rejected: {mensagem}"
        if codigo.elemento == "securityFault" and not mensagem.startswith("Rejected")
        else codigo.mensagem
    )
    etree.SubElement(falha, "faultactor").text = codigo.codigo[0]
    detalhe = etree.SubElement(falha, "detail")
    prefixo = "fltv2" if spec.versao == 2 else "flt"
    elemento = etree.SubElement(detalhe, f"{{{fm}}}{codigo.elemento}", nsmap={prefixo: fm})
    etree.SubElement(elemento, f"{{{fm}}}errorCode").text = codigo.codigo
    etree.SubElement(elemento, f"{{{fm}}}message").text = mensagem
    etree.SubElement(elemento, f"{{{fm}}}uri").text = spec.caminho
    etree.SubElement(elemento, f"{{{fm}}}transactionId").text = transaction_id or novo_transaction_id()
    return raiz


def serializar(raiz: etree._Element) -> bytes:
    return etree.tostring(raiz, xml_declaration=True, encoding="UTF-8")


# --------------------------------------------------------------------------- cntr services (v1)


def importar_arquivo(codigo_processamento: int | str) -> etree._Element:
    a = _arvore("ImportarArquivoBSv1")
    corpo = a.resposta("importarArquivo")
    a.bm(corpo, "codigoProcessamento", codigo_processamento)
    return corpo


def resultado_processamento(
    codigo_processamento: int | str, situacao: str | None, detalhes: Sequence[Mapping[str, Any]] = ()
) -> etree._Element:
    """``detalhes``: dicts with sequencialControle, status, descricao, contrato (code or None)."""
    a = _arvore("ResultadoProcessamentoBSv1")
    corpo = a.resposta("obterResultadoProcessamento")
    resultado = a.bm(corpo, "resultadoProcessamento")
    a.bo(resultado, "codigoProcessamento", codigo_processamento)
    a.bo(resultado, "tipoProcessamento", c.IMPORTACAO_CONTRATOS)
    a.opc(resultado, "situacao", situacao)
    if detalhes:
        lista = a.bo(resultado, "ResultadosProcessamentoImportacaoContrato")
        for d in detalhes:
            item = a.bo(lista, "detalhe")
            a.opc(item, "sequencialControle", d.get("sequencialControle"))
            a.bo(item, "status", d["status"])
            a.opc(item, "descricao", d.get("descricao"))
            if d.get("contrato") is not None:
                a.bo(a.bo(item, "contrato"), "codigo", d["contrato"])
    return corpo


# --------------------------------------------------------------------------- contracts and amounts


def _parte(
    a: _Arvore, pai: etree._Element, local: str, perfil: Any, sigla: Any, agente: Any, sigla_agente: Any
) -> None:
    if perfil is None:
        return
    parte = a.bo(pai, local)
    p = a.bo(parte, "perfil")
    a.bo(p, "id", perfil)
    a.bo(p, "codigo", perfil)
    a.opc(p, "sigla", sigla)
    if agente is not None:
        pm = a.bo(parte, "participanteMercado")
        a.bo(pm, "codigo", agente)
        a.opc(pm, "sigla", sigla_agente)


def _contrato(a: _Arvore, pai: etree._Element, r: Linha, montantes: Iterable[Linha] | None) -> None:
    el = a.bo(pai, "contrato")
    id_ = _v(r, "id")
    a.bo(el, "id", id_)
    a.opc(el, "codigo", _v(r, "codigo") or id_)
    a.opc(el, "referencia", _v(r, "referencia"))
    a.opc(el, "observacao", _v(r, "observacao"))
    ambiente = _v(r, "ambiente")
    if ambiente:
        a.bo(a.bo(el, "ambienteContratacao"), "nome", ambiente)
    tipo = _v(r, "tipo")
    if tipo is not None:
        t = a.bo(el, "tipoContrato")
        nome, descricao = c.TIPOS_CONTRATO.get(int(tipo), (None, None))
        a.bo(t, "id", tipo)
        a.bo(t, "codigo", tipo)
        a.opc(t, "nome", nome)
        a.opc(t, "descricao", descricao)
        subtipo = _v(r, "subtipo")
        if subtipo is not None:
            st = a.bo(t, "subTipo")
            a.bo(st, "id", subtipo)
            a.bo(st, "codigo", subtipo)
            a.opc(st, "descricao", c.SUBTIPOS.get(int(subtipo)))
    a.opc(el, "tipoCCEAL", _v(r, "tipo_cceal"))
    situacao = _v(r, "situacao")
    if situacao is not None:
        a.dominio(el, "situacao", situacao, c.SITUACOES_CONTRATO.get(int(situacao)))
    a.periodo(el, "periodoVigencia", _v(r, "inicio"), _v(r, "fim"))
    a.opc(el, "dataRegistro", data_hora(_v(r, "data_registro")))
    a.submercado(el, _v(r, "submercado"))
    _parte(
        a,
        el,
        "comprador",
        _v(r, "comprador"),
        _v(r, "comprador_sigla"),
        _v(r, "comprador_agente"),
        _v(r, "comprador_agente_sigla"),
    )
    _parte(
        a,
        el,
        "vendedor",
        _v(r, "vendedor"),
        _v(r, "vendedor_sigla"),
        _v(r, "vendedor_agente"),
        _v(r, "vendedor_agente_sigla"),
    )
    modulacao = _v(r, "modulacao")
    if modulacao:
        m = a.bo(el, "modulacao")
        a.bo(m, "tipo", modulacao)
        a.opc(m, "descricao", c.MODULACOES.get(modulacao))
    parcela = _v(r, "parcela")
    if parcela is not None:
        a.bo(a.bo(el, "parcelaAtivo"), "codigo", parcela)
    nao_validados = _v(r, "nao_validados")
    if nao_validados is not None:
        a.bo(el, "montantesNaoValidados", _booleano(nao_validados))
    if montantes is not None:
        lista = a.bo(el, "montantesEnergia")
        for m in montantes:
            _montante(a, lista, m)


def _montante(a: _Arvore, pai: etree._Element, r: Linha) -> None:
    el = a.bo(pai, "montanteEnergia")
    a.opc(el, "id", _v(r, "id"))
    a.bo(a.bo(el, "contrato"), "id", _v(r, "contrato"))
    tipo = _v(r, "tipo")
    a.bo(a.bo(el, "tipoMontanteEnergia"), "nome", tipo)
    a.periodo(el, "periodo", _v(r, "inicio"), _v(r, "fim"))
    a.opc(el, "patamar", _v(r, "patamar"))
    a.opc(el, "valor", _v(r, "valor"))
    a.bo(el, "unidadeMedida", c.UNIDADE.get(tipo, "MWh"))
    situacao = _v(r, "situacao")
    if situacao is not None:
        a.dominio(el, "situacao", situacao, c.SITUACOES_MONTANTE.get(int(situacao)))
    a.opc(el, "dataValidacao", data_hora(_v(r, "data_validacao")))


def listar_contrato(linhas: Iterable[Linha]) -> etree._Element:
    """``listarContratoResponse`` with one ``contrato`` per row (rows of ``Banco.listar_contratos``)."""
    a = _arvore("ContratoBSv2")
    corpo = a.resposta("listarContrato")
    lista = a.bm(corpo, "contratos")
    for r in linhas:
        _contrato(a, lista, r, None)
    return corpo


def obter_contrato(linha: Linha | None, montantes: Iterable[Linha] = ()) -> etree._Element:
    a = _arvore("ContratoBSv2")
    corpo = a.resposta("obterContrato")
    if linha is not None:
        raiz = etree.Element("raiz")
        _contrato(a, raiz, linha, list(montantes))
        novo = raiz[0]
        novo.tag = f"{{{a.nsv['bm']}}}contrato"  # the answer's contrato is a BM element of BO type Contrato
        corpo.append(novo)
    return corpo


def listar_montante_energia(linhas: Iterable[Linha]) -> etree._Element:
    a = _arvore("MontanteEnergiaBSv2")
    corpo = a.resposta("listarMontanteEnergia")
    lista = a.bm(corpo, "montantesEnergia")
    for r in linhas:
        _montante(a, lista, r)
    return corpo


# --------------------------------------------------------------------------- registries


def listar_participante_mercado(
    linhas: Iterable[Linha], perfis: Mapping[int, Sequence[Linha]] | None = None
) -> etree._Element:
    a = _arvore("ParticipanteMercadoBSv2")
    corpo = a.resposta("listarParticipanteMercado")
    lista = a.bm(corpo, "participantesMercado")
    for r in linhas:
        el = a.bo(lista, "participanteMercado")
        pj = a.bo(a.bo(el, "parte"), "pessoaJuridica")
        ident = a.bo(a.bo(pj, "identificacoes"), "identificacao")
        a.opc(ident, "numero", _v(r, "cnpj"))
        a.bo(a.bo(ident, "tipo"), "codigo", "CNPJ")
        a.opc(pj, "nomeEmpresarial", _v(r, "nome_empresarial"))
        a.dominio(el, "classe", _v(r, "classe"), _v(r, "classe_descricao"))
        a.bo(el, "codigo", _v(r, "codigo"))
        a.periodo(el, "periodoVigencia", _v(r, "vigencia_inicio"))
        a.opc(el, "sigla", _v(r, "sigla"))
        a.dominio(el, "situacao", _v(r, "situacao"), _v(r, "situacao_descricao"))
        doagente = (perfis or {}).get(_v(r, "codigo"))
        if doagente:
            lp = a.bo(el, "perfis")
            for p in doagente:
                pe = a.bo(lp, "perfil")
                a.bo(pe, "codigo", _v(p, "codigo"))
                a.opc(pe, "sigla", _v(p, "sigla"))
    return corpo


def listar_perfil_participante_mercado(linhas: Iterable[Linha]) -> etree._Element:
    a = _arvore("PerfilParticipanteMercadoBSv2")
    corpo = a.resposta("listarPerfilParticipanteMercado")
    lista = a.bm(corpo, "perfis")
    for r in linhas:
        el = a.bo(lista, "perfil")
        a.dominio(el, "classe", _v(r, "classe"), _v(r, "classe_descricao"))
        a.bo(el, "codigo", _v(r, "codigo"))
        a.bo(el, "comercializadorVarejista", _booleano(_v(r, "varejista")))
        fonte = _v(r, "fonte")
        if fonte is not None:
            fe = a.bo(el, "fonteEnergia")
            a.dominio(fe, "tipo", None, _v(r, "fonte_descricao"), id_=fonte)
        a.periodo(el, "periodoVigencia", _v(r, "vigencia_inicio"))
        a.opc(el, "sigla", _v(r, "sigla"))
        a.dominio(el, "situacao", _v(r, "situacao"), _v(r, "situacao_descricao"))
        a.submercado(el, _v(r, "submercado"))
        a.bo(a.bo(el, "participanteMercado"), "codigo", _v(r, "agente"))
        a.bo(el, "perfilPrincipal", _booleano(_v(r, "principal")))
        a.bo(el, "regimeCotas", _booleano(_v(r, "regime_cotas")))
    return corpo


def listar_ativo_medicao(linhas: Iterable[Linha]) -> etree._Element:
    a = _arvore("AtivoMedicaoBSv2")
    corpo = a.resposta("listarAtivoMedicao")
    lista = a.bm(corpo, "ativosMedicao")
    for r in linhas:
        el = a.bo(lista, "ativo")
        a.bo(el, "codigo", _v(r, "codigo"))
        a.opc(el, "nome", _v(r, "nome"))
        a.opc(el, "nomeReduzido", _v(r, "nome_reduzido"))
        a.dominio(el, "tipo", _v(r, "tipo"), _v(r, "tipo_descricao"))
        a.opc(el, "ceg", _v(r, "ceg"))
        a.dominio(el, "situacao", _v(r, "situacao"), _v(r, "situacao_descricao"))
        a.periodo(el, "vigencia", _v(r, "vigencia_inicio"))
    return corpo


def listar_parcela_ativo(
    linhas: Iterable[Linha], associacoes: Mapping[int, Sequence[Linha]] | None = None
) -> etree._Element:
    """Parcels; those with visible contract associations carry ``modalidade`` and ``contratosAssociado``."""
    a = _arvore("ParcelaAtivoBSv2")
    corpo = a.resposta("listarParcelaAtivo")
    lista = a.bm(corpo, "parcelasAtivo")
    for r in linhas:
        el = a.bo(lista, "parcelaAtivo")
        codigo = _v(r, "codigo")
        a.bo(el, "codigo", codigo)
        assoc = (associacoes or {}).get(codigo)
        if assoc:
            a.dominio(el, "modalidade", _v(r, "modalidade") or 1, _v(r, "modalidade_descricao") or "Modulação")
            la = a.bo(el, "contratosAssociado")
            for x in assoc:
                ca = a.bo(la, "contratoAssociado")
                a.bo(ca, "id", _v(x, "contrato"))
                pa = a.bo(ca, "periodoAssociado")
                a.opc(pa, "inicio", data_hora(_v(x, "inicio")))
                a.opc(pa, "fim", data_hora(_v(x, "fim")))
        pm = a.bo(el, "participanteMercado")
        a.opc(pm, "codigo", _v(r, "agente"))
        a.bo(a.bo(a.bo(pm, "perfis"), "perfil"), "codigo", _v(r, "perfil"))
        a.bo(a.bo(el, "ativoMedicao"), "codigo", _v(r, "ativo"))
        a.opc(el, "capacidadeTotal", _v(r, "capacidade_total"))
        a.opc(el, "nomeReduzido", _v(r, "nome_reduzido"))
        a.opc(el, "nome", _v(r, "nome"))
        a.submercado(el, _v(r, "submercado"))
        a.opc(el, "garantiaFisica", _v(r, "garantia_fisica"))
        a.periodo(el, "vigencia", _v(r, "vigencia_inicio"))
        if _v(r, "cnpj"):
            ident = a.bo(el, "identificacao")
            a.bo(ident, "numero", _v(r, "cnpj"))
            a.bo(a.bo(ident, "tipo"), "codigo", "CNPJ")
        a.dominio(el, "status", _v(r, "status"), _v(r, "status_descricao"))
    return corpo
