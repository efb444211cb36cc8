"""ContratosCCEAL file -> models, for files written by :func:`gerar_xml` or by CCEE's generator.

Accepts the accented spellings (``tipoGravação``, ``observação``, ``MontanteMédio``...), ``semana`` or
``Semana``, a comma or a point as decimal separator, dates with ``HH`` or ``HH:MM:SS``, and empty
attributes as "not informed". Raises, never a raw lxml exception:

- :class:`ErroLeituraCCEAL` when the file cannot be read (not XML, bad encoding, DOCTYPE,
  unknown or repeated element, unknown attribute, stray text), naming the line and element;
- :class:`ErrosArquivoCCEAL` with every field that cannot be typed (bad number, date, code, missing
  required attribute), each an :class:`ErroRegraCCEAL` with code ``formato`` or ``obrigatorio``.

Business rules are not checked here: call :func:`ccee_barramento.cceal.rules.validar` on the result.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from pydantic import BaseModel, ValidationError

from .. import namespaces
from . import formato
from . import mapeamento as mp
from .config import GRAFIAS_SEMANA, canonico
from .errors import ErroLeituraCCEAL, ErroRegraCCEAL, ErrosArquivoCCEAL
from .models import (
    ArquivoCCEAL,
    CancelamentoContrato,
    ContratoNovo,
    EdicaoContrato,
    FinalizacaoContrato,
    LimiteModulacao,
    Modulacao,
    MontanteHorario,
    MontanteMedio,
    MontanteMedioEdicao,
    MontantePatamar,
    Semana,
    ValidacaoMontanteMedio,
    ValidacaoMontantes,
)
from .rules import grupos_finalizacao_cancelamento
from .tipos import TipoGeracao

__all__ = ["LIMITE_BYTES", "ler_xml"]

#: Largest file accepted by default (a year of hourly amounts of one contract is about 0.5 MB).
LIMITE_BYTES = 64 * 1024 * 1024

_OUTRAS_RAIZES = {
    "ContratosCBR",
    "ContratosCCEARQ",
    "ContratosLeilaoAjuste",
    "ContratosProinfa",
    "ReducaoContratual",
}
_DECLARACAO_TEXTO = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")
_LATIN1 = {"ISO-8859-1", "ISO8859-1", "ISO_8859-1", "LATIN1", "LATIN-1", "L1"}
_DECLARACAO_BYTES = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_SEMANA = "semana"  # canonical key of the week element, whatever its case
_ATRIBUTOS_PATAMAR = {"unidadePatamar", "patamarLeve", "patamarMedio", "patamarPesado"}
_FINALIZACAO_OU_CANCELAMENTO = mp.Elemento("Contrato", {**mp.FINALIZACAO.atributos, **mp.CANCELAMENTO.atributos})
_GRUPO_FINALIZACAO = ("data_finalizacao", "validar_finalizacao")
_GRUPO_CANCELAMENTO = ("cancelar_contrato", "validar_cancelamento")
_FILHOS_MONTANTE = (
    mp.VALOR_MONTANTE_MEDIO.nome,
    mp.TIPO_MODULACAO.nome,
    mp.LIMITE_MODULACAO.nome,
    mp.ATIVO_MODULACAO.nome,
)


def ler_xml(data: bytes | str, *, limite_bytes: int = LIMITE_BYTES) -> ArquivoCCEAL:
    """The :class:`ArquivoCCEAL` written in ``data`` (bytes as sent, or already decoded text)."""
    return _Leitor().arquivo(_carregar(data, limite_bytes))


# -- bytes -> element tree ------------------------------------------------------------------------


def _carregar(data: bytes | str, limite_bytes: int) -> etree._Element:
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if isinstance(data, str):
        entrada: bytes | str = _DECLARACAO_TEXTO.sub("", data, count=1)
    elif isinstance(data, bytes):
        entrada = data
    else:
        raise ErroLeituraCCEAL(f"esperado bytes ou str, não {type(data).__name__}")
    if len(entrada) > limite_bytes:
        raise ErroLeituraCCEAL(f"arquivo maior que o limite de {limite_bytes} bytes")
    if not entrada.strip():
        raise ErroLeituraCCEAL("arquivo vazio")
    if ("<!DOCTYPE" if isinstance(entrada, str) else b"<!DOCTYPE") in entrada:  # type: ignore[operator]
        raise ErroLeituraCCEAL("DOCTYPE não é aceito no arquivo")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )
    try:
        raiz = etree.fromstring(entrada, parser)
    except etree.XMLSyntaxError as e:
        mensagem = f"XML malformado: {e.msg}{_dica_codificacao(entrada)}"
        raise ErroLeituraCCEAL(mensagem, linha=e.lineno) from None
    except (ValueError, LookupError, TypeError) as e:
        raise ErroLeituraCCEAL(f"XML ilegível: {e}") from None
    if raiz is None:
        raise ErroLeituraCCEAL("documento sem elemento raiz")
    if raiz.getroottree().docinfo.doctype:  # DOCTYPE in an encoding the byte check cannot see
        raise ErroLeituraCCEAL("DOCTYPE não é aceito no arquivo")
    return raiz


def _dica_codificacao(entrada: bytes | str) -> str:
    """Why an unreadable file may be unreadable: UTF-8 bytes under an ISO-8859-1 declaration."""
    if isinstance(entrada, str) or entrada.isascii():
        return ""
    declaracao = _DECLARACAO_BYTES.match(entrada)
    if not declaracao or declaracao.group(1).decode("ascii").upper() not in _LATIN1:
        return ""
    try:
        entrada.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    return " (o arquivo declara ISO-8859-1, mas seus bytes estão em UTF-8: grave-o em ISO-8859-1)"


# -- element tree -> models -----------------------------------------------------------------------


class _Leitor:
    """Walks one file, collecting field errors; structure errors raise at once."""

    def __init__(self) -> None:
        self.erros: list[ErroRegraCCEAL] = []
        self.seq: int | None = None

    # file and contracts

    def arquivo(self, raiz: etree._Element) -> ArquivoCCEAL:
        nome = _nome(raiz)
        if nome != mp.RAIZ.nome:
            detalhe = "não é tratada por este módulo" if nome in _OUTRAS_RAIZES else "desconhecida"
            raise ErroLeituraCCEAL(
                f"raiz <{nome}> {detalhe}; esperado <{mp.RAIZ.nome}>", linha=raiz.sourceline, elemento=nome
            )
        dados = self._atributos(raiz, mp.RAIZ)
        tg = self._tipo_geracao(dados.pop("tipo_geracao", None))
        contratos = [self.contrato(filho, tg) for filho in self._filhos(raiz, {"Contrato"})]
        self.seq = None
        arquivo = self._modelo(
            ArquivoCCEAL,
            {
                **dados,
                "tipo_geracao": tg,
                "tipo_cceal": dados.get("tipo_cceal"),
                "contratos": contratos,
            },
            raiz,
            "",
            posicao=0,
        )
        if self.erros:
            raise ErrosArquivoCCEAL(self.erros)
        assert isinstance(arquivo, ArquivoCCEAL)
        return arquivo

    def _tipo_geracao(self, texto: str | None) -> TipoGeracao:
        if texto is None:
            erro = ErroRegraCCEAL(None, "tipoGeracao", "obrigatório", codigo="obrigatorio")
            raise ErrosArquivoCCEAL([erro])
        try:
            return formato.ler_enum(TipoGeracao, texto)
        except ValueError as e:
            raise ErrosArquivoCCEAL(
                [ErroRegraCCEAL(None, "tipoGeracao", str(e), valor=formato.exibir(texto), codigo="formato")]
            ) from None

    def contrato(self, no: etree._Element, tg: TipoGeracao) -> Any:
        if tg is TipoGeracao.FINALIZAR_OU_CANCELAR:
            return self._finalizacao(no)
        if tg.criacao:
            elemento, modelo = mp.CONTRATO_NOVO, ContratoNovo
        elif tg.edicao:
            elemento, modelo = mp.EDICAO_CONTRATO, EdicaoContrato
        else:
            elemento, modelo = mp.VALIDACAO_MONTANTES, ValidacaoMontantes
        dados = self._atributos(no, elemento)
        self._sequencial(dados)
        posicao = len(self.erros)
        filhos = self._filhos(no, {"MontanteMedio"})
        if modelo is ValidacaoMontantes:
            montantes = [self.validacao(f, i) for i, f in enumerate(filhos, 1)]
        else:
            montantes = [self.montante(f, tg, i) for i, f in enumerate(filhos, 1)]
        return self._modelo(modelo, {**dados, "montantes": montantes}, no, "", posicao)

    def _sequencial(self, dados: dict[str, Any]) -> None:
        try:
            self.seq = formato.ler_inteiro(dados["sequencial_controle"])
        except (KeyError, ValueError):
            self.seq = None

    def _finalizacao(self, no: etree._Element) -> Any:
        dados = self._atributos(no, _FINALIZACAO_OU_CANCELAMENTO)
        self._sequencial(dados)
        self._filhos(no, set())
        grupo_f = [mp.FINALIZACAO.atributos[c] for c in _GRUPO_FINALIZACAO if c in dados]
        grupo_c = [mp.CANCELAMENTO.atributos[c] for c in _GRUPO_CANCELAMENTO if c in dados]
        erros = grupos_finalizacao_cancelamento(self.seq, grupo_f, grupo_c, no.sourceline)
        if erros:
            self.erros.extend(erros)
            return None
        modelo = FinalizacaoContrato if grupo_f else CancelamentoContrato
        return self._modelo(modelo, dados, no, "")

    # amount periods

    def validacao(self, no: etree._Element, i: int) -> Any:
        dados = self._atributos(no, mp.VALIDACAO_MONTANTE_MEDIO)
        self._filhos(no, set())
        dados.setdefault("validar_montante", False)  # absent from the file: not validated (a rule says so)
        return self._modelo(ValidacaoMontanteMedio, dados, no, f"MontanteMedio[{i}]")

    def montante(self, no: etree._Element, tg: TipoGeracao, i: int) -> Any:
        caminho = f"MontanteMedio[{i}]"
        elemento, modelo = (
            (mp.MONTANTE_MEDIO, MontanteMedio) if tg.criacao else (mp.MONTANTE_MEDIO_EDICAO, MontanteMedioEdicao)
        )
        dados = self._atributos(no, elemento)
        posicao = len(self.erros)
        filhos = self._filhos(no, {*_FILHOS_MONTANTE, _SEMANA, mp.MES_ANO.nome})
        dados.update(self._conteudo_unico(no, filhos, caminho))
        semanas, patamares = [], []
        for j, f in enumerate((f for f in filhos if _nome(f) == _SEMANA), 1):
            if self._e_patamar(f, tg):
                patamares.append(self.patamar(f, f"{caminho}/Semana[{j}]"))
            else:
                semanas.append(self.semana(f, f"{caminho}/semana[{j}]"))
        horarios: list[Any] = []
        for k, f in enumerate((f for f in filhos if _nome(f) == mp.MES_ANO.nome), 1):
            horarios.extend(self.mes_ano(f, f"{caminho}/MesAno[{k}]"))
        dados.update(semanas=semanas, patamares=patamares, horarios=horarios)
        return self._modelo(modelo, dados, no, caminho, posicao)

    def _conteudo_unico(self, no: etree._Element, filhos: list[etree._Element], caminho: str) -> dict[str, Any]:
        """``montante_medio`` and ``modulacao`` from the single-occurrence children of an amount."""
        unicos: dict[str, etree._Element] = {}
        for f in filhos:
            nome = _nome(f)
            if nome in _FILHOS_MONTANTE:
                if nome in unicos:
                    raise ErroLeituraCCEAL(
                        f"elemento <{nome}> repetido em <{_nome(no)}>", linha=f.sourceline, elemento=f.tag
                    )
                unicos[nome] = f
                self._filhos(f, set())
        dados: dict[str, Any] = {}
        if mp.VALOR_MONTANTE_MEDIO.nome in unicos:  # an empty montanteMedio counts as not informed
            dados.update(self._atributos(unicos[mp.VALOR_MONTANTE_MEDIO.nome], mp.VALOR_MONTANTE_MEDIO))
        modulacao: dict[str, Any] = {}
        if mp.TIPO_MODULACAO.nome in unicos:
            modulacao.update(self._atributos(unicos[mp.TIPO_MODULACAO.nome], mp.TIPO_MODULACAO))
        if mp.ATIVO_MODULACAO.nome in unicos:
            modulacao.update(self._atributos(unicos[mp.ATIVO_MODULACAO.nome], mp.ATIVO_MODULACAO))
        if mp.LIMITE_MODULACAO.nome in unicos:
            f = unicos[mp.LIMITE_MODULACAO.nome]
            limite = self._modelo(LimiteModulacao, self._atributos(f, mp.LIMITE_MODULACAO), f, caminho)
            if limite is not None:
                modulacao["limite_modulacao"] = limite
        if modulacao:
            mod = self._modelo(Modulacao, modulacao, no, caminho)
            if mod is not None:
                dados["modulacao"] = mod
        return dados

    def semana(self, no: etree._Element, caminho: str) -> Any:
        dados = self._atributos(no, mp.SEMANA)
        posicao = len(self.erros)
        filhos = self._filhos(no, set(_FILHOS_MONTANTE))
        dados.update(self._conteudo_unico(no, filhos, caminho))
        return self._modelo(Semana, dados, no, caminho, posicao)

    def patamar(self, no: etree._Element, caminho: str) -> Any:
        self._filhos(no, set())
        return self._modelo(MontantePatamar, self._atributos(no, mp.PATAMAR), no, caminho)

    def _e_patamar(self, no: etree._Element, tg: TipoGeracao) -> bool:
        if tg.semanal or tg.declarado_patamar:
            return tg.declarado_patamar
        return any(canonico(a) in _ATRIBUTOS_PATAMAR for a in no.attrib)

    def mes_ano(self, no: etree._Element, caminho: str) -> list[Any]:
        """The hours under one ``MesAno``; month and day are checked once, not per hour."""
        dados = self._atributos(no, mp.MES_ANO)
        dias = self._filhos(no, {mp.DIA.nome})
        if "mes_ano" not in dados:
            self._erro_obrigatorio("mesAno", no, caminho)
            return []
        if not dias:
            self._erro_obrigatorio("Dia", no, caminho)
        horarios = []
        for d, no_dia in enumerate(dias, 1):
            aqui = f"{caminho}/Dia[{d}]"
            dia = self._atributos(no_dia, mp.DIA).get("dia")
            horas = self._filhos(no_dia, {mp.HORA.nome})
            if dia is None:
                self._erro_obrigatorio("dia", no_dia, aqui)
                continue
            try:
                formato.ler_inteiro(dia)
            except ValueError as e:
                self.erros.append(
                    ErroRegraCCEAL(
                        self.seq,
                        "dia",
                        str(e),
                        valor=formato.exibir(dia),
                        local=aqui,
                        linha=no_dia.sourceline,
                        codigo="formato",
                    )
                )
                continue
            if not horas:
                self._erro_obrigatorio("Hora", no_dia, aqui)
            for h, no_hora in enumerate(horas, 1):
                self._filhos(no_hora, set())
                valores = {"mes_ano": dados["mes_ano"], "dia": dia, **self._atributos(no_hora, mp.HORA)}
                horarios.append(self._modelo(MontanteHorario, valores, no_hora, f"{aqui}/Hora[{h}]"))
        return horarios

    # generic helpers

    def _atributos(self, no: etree._Element, elemento: mp.Elemento) -> dict[str, Any]:
        """Raw text of the known, non-empty attributes, by python field; unknown ones raise."""
        por_xml = elemento.por_xml
        dados: dict[str, Any] = {}
        vistos: set[str] = set()
        for nome, valor in no.attrib.items():
            if nome.startswith("{"):
                if nome.startswith("{" + namespaces.XSI + "}"):
                    continue
                raise ErroLeituraCCEAL(
                    f"atributo com namespace não é aceito: {nome}", linha=no.sourceline, elemento=str(no.tag)
                )
            campo = por_xml.get(canonico(nome))
            if campo is None:
                aceitos = ", ".join(por_xml)
                raise ErroLeituraCCEAL(
                    f"atributo desconhecido {nome!r} (aceitos: {aceitos})", linha=no.sourceline, elemento=str(no.tag)
                )
            if campo in vistos:
                raise ErroLeituraCCEAL(
                    f"atributo {nome!r} informado duas vezes (com e sem acento)",
                    linha=no.sourceline,
                    elemento=str(no.tag),
                )
            vistos.add(campo)
            if valor.strip():
                dados[campo] = valor
        return dados

    def _filhos(self, no: etree._Element, aceitos: set[str]) -> list[etree._Element]:
        """The child elements (all of known names); stray text or unknown elements raise."""
        if no.text and no.text.strip():
            raise ErroLeituraCCEAL(
                f"texto inesperado: {formato.exibir(no.text.strip())}", linha=no.sourceline, elemento=str(no.tag)
            )
        filhos = []
        for f in no:
            if not isinstance(f.tag, str):
                raise ErroLeituraCCEAL("referência a entidade não é aceita", linha=f.sourceline)
            if f.tail and f.tail.strip():
                raise ErroLeituraCCEAL(
                    f"texto inesperado: {formato.exibir(f.tail.strip())}", linha=f.sourceline, elemento=str(no.tag)
                )
            if _nome(f) not in aceitos:
                esperado = ", ".join(f"<{a}>" for a in sorted(aceitos)) or "nenhum"
                raise ErroLeituraCCEAL(
                    f"elemento desconhecido dentro de <{no.tag}> (aceitos: {esperado})",
                    linha=f.sourceline,
                    elemento=str(f.tag),
                )
            filhos.append(f)
        return filhos

    def _modelo(
        self,
        modelo: type[BaseModel],
        dados: dict[str, Any],
        no: etree._Element,
        caminho: str,
        posicao: int | None = None,
    ) -> Any:
        """``modelo(**dados)``, or None with its field errors collected (at ``posicao``, to keep file order).

        Children that failed (None) are left out, so the parent still reports its own fields; no
        model has a required child, and the file is refused at the end if anything failed.
        """
        limpos = {c: [x for x in v if x is not None] if isinstance(v, list) else v for c, v in dados.items()}
        try:
            return modelo.model_validate(limpos)
        except ValidationError as e:
            novos = self._traduzir(modelo, limpos, e, no, caminho)
            fim = len(self.erros) if posicao is None else posicao
            self.erros[fim:fim] = novos
            return None

    def _traduzir(
        self, modelo: type[BaseModel], dados: dict[str, Any], e: ValidationError, no: etree._Element, caminho: str
    ) -> list[ErroRegraCCEAL]:
        erros = []
        for err in e.errors():
            campo = str(err["loc"][0]) if err["loc"] else ""
            xml = mp.nome_xml(modelo, campo)
            if err["type"] == "missing":
                regra, codigo, valor = "obrigatório", "obrigatorio", None
            else:
                causa = (err.get("ctx") or {}).get("error")
                regra = str(causa) if causa is not None else err["msg"]
                codigo = "formato"
                bruto = dados.get(campo)
                valor = formato.exibir(bruto) if isinstance(bruto, str) else None
            erros.append(
                ErroRegraCCEAL(
                    self.seq, xml, regra, valor=valor, local=caminho or None, linha=no.sourceline, codigo=codigo
                )
            )
        return erros

    def _erro_obrigatorio(self, campo: str, no: etree._Element, caminho: str) -> None:
        self.erros.append(
            ErroRegraCCEAL(
                self.seq, campo, "obrigatório", local=caminho or None, linha=no.sourceline, codigo="obrigatorio"
            )
        )


def _nome(no: etree._Element) -> str:
    """Canonical name of an element (unaccented; both spellings of the week element give 'semana')."""
    nome = canonico(str(no.tag))
    return _SEMANA if nome in GRAFIAS_SEMANA else nome
