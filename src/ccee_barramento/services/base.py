"""What every typed service shares: calling an operation and decoding its answer by namespace URI."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from lxml import etree
from pydantic import BaseModel

from .. import decoding
from ..errors import InputError, MalformedResponse
from ..models.comum import Pagina
from ..transport.soap import SoapResponse, SoapService
from .paginador import Paginador

M = TypeVar("M", bound=BaseModel)


class Servico:
    """Base of the typed services: one :class:`SoapService` plus decoding helpers."""

    def __init__(self, soap: SoapService) -> None:
        self.soap = soap
        self.spec = soap.spec
        self._bm = soap.spec.namespaces["bm"]
        self._bo = soap.spec.namespaces["bo"]

    def _chamar(self, operacao: str, corpo: Mapping[str, Any], **kw: Any) -> SoapResponse:
        resposta = self.soap.call(operacao, _sem_vazios(corpo), **kw)
        esperado = f"{{{self._bm}}}{operacao}Response"
        if resposta.payload.tag != esperado:
            raise MalformedResponse(
                f"esperado {esperado} na resposta, recebido {resposta.payload.tag}",
                servico=self.spec.nome,
                operacao=operacao,
                transaction_id=resposta.transaction_id,
                http_status=resposta.http_status,
            )
        return resposta

    def _filho(self, resposta: SoapResponse, local: str) -> etree._Element | None:
        return resposta.payload.find(f"{{{self._bm}}}{local}")

    def _pagina(
        self,
        operacao: str,
        corpo: Mapping[str, Any],
        lista: str,
        modelo: type[M],
        *,
        numero: int,
        tamanho: int,
        codigo_perfil_agente: str | int | None,
    ) -> Pagina[M]:
        resposta = self._chamar(
            operacao, corpo, codigo_perfil_agente=codigo_perfil_agente, pagina=numero, tamanho_pagina=tamanho
        )
        itens = decoding.decode_list(self._filho(resposta, lista), modelo, self._bo)
        return Pagina(itens=itens, paginacao=resposta.paginacao, transaction_id=resposta.transaction_id)

    def _paginador(
        self,
        operacao: str,
        corpo: Mapping[str, Any],
        lista: str,
        modelo: type[M],
        *,
        tamanho_pagina: int | None,
        concorrencia: int | None,
        codigo_perfil_agente: str | int | None,
        ao_receber_pagina: Any = None,
        filtro: Any = None,
        chave: Any = None,
    ) -> Paginador[M]:
        tamanho = self._tamanho(tamanho_pagina)

        def buscar(numero: int, tamanho: int) -> Pagina[M]:
            return self._pagina(
                operacao,
                corpo,
                lista,
                modelo,
                numero=numero,
                tamanho=tamanho,
                codigo_perfil_agente=codigo_perfil_agente,
            )

        return Paginador(
            buscar,
            tamanho_pagina=tamanho,
            concorrencia=concorrencia or self.soap.config.concorrencia_paginas,
            ao_receber_pagina=ao_receber_pagina,
            filtro=filtro,
            chave=chave,
        )

    def _tamanho(self, tamanho_pagina: int | None) -> int:
        limite = self.spec.limite_pagina or 1
        if tamanho_pagina is None:
            return self.spec.pagina_padrao or limite
        if not 1 <= tamanho_pagina <= limite:
            raise InputError("tamanho_pagina", f"{self.spec.nome} aceita de 1 a {limite} itens por página")
        return tamanho_pagina


def _sem_vazios(valor: Any) -> Any:
    """Drop None and empty containers so zeep omits optional elements instead of sending them empty."""
    if isinstance(valor, Mapping):
        limpo = {k: _sem_vazios(v) for k, v in valor.items()}
        return {k: v for k, v in limpo.items() if v is not None and v != {} and v != []}
    if isinstance(valor, list):
        return [_sem_vazios(v) for v in valor if v is not None]
    return valor


def lista_de(valores: Any, campo: str) -> list[Any] | None:
    """Accept one value or an iterable of values (None → None)."""
    if valores is None:
        return None
    if isinstance(valores, str | int | bytes) or not hasattr(valores, "__iter__"):
        return [valores]
    lista = list(valores)
    if not lista:
        raise InputError(campo, "lista vazia")
    return lista


def codigo(valor: Any, campo: str) -> int:
    """A positive integer code (perfil, agente, contrato...)."""
    try:
        numero = int(str(valor).strip())
    except ValueError:
        raise InputError(campo, f"código numérico esperado, recebido {valor!r}") from None
    if numero <= 0:
        raise InputError(campo, f"código deve ser positivo, recebido {numero}")
    return numero


def booleano(valor: bool | str | None) -> str | None:
    """The bus's boolean filter (``true``/``false``); accepts the guide's ``Sim``/``Não`` too."""
    if valor is None:
        return None
    if isinstance(valor, str):
        texto = valor.strip().lower()
        if texto in {"sim", "s", "true", "1"}:
            return "true"
        if texto in {"não", "nao", "n", "false", "0"}:
            return "false"
        raise InputError("nao_validados", f"use sim/não ou true/false, recebido {valor!r}")
    return "true" if valor else "false"
