"""Helpers that build bus answers for unit tests (prefixes chosen per test, like the real bus)."""

from __future__ import annotations

import os
from pathlib import Path

BASE = "https://bus.test"


def shared_dir() -> Path | None:
    """The read-only reference folder (official Postman collection, seeds) when this machine has it."""
    candidatos = [os.environ.get("CCEE_SHARED_DIR"), Path(__file__).resolve().parents[3] / "shared", "/work/shared"]
    for candidato in candidatos:
        if candidato and (Path(candidato) / "reference").is_dir():
            return Path(candidato)
    return None


SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
MH2 = "http://xmlns.energia.org.br/MH/v2"
BM2 = "http://xmlns.energia.org.br/BM/v2"
BO2 = "http://xmlns.energia.org.br/BO/v2"
FM2 = "http://xmlns.energia.org.br/FM/v2"


def envelope(body: str, *, header: str = "", env: str = "soapenv", mh: str = "mhv2", extra_ns: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<{env}:Envelope xmlns:{env}="{SOAP}" xmlns:{mh}="{MH2}" {extra_ns}>'
        f"<{env}:Header>{header}</{env}:Header><{env}:Body>{body}</{env}:Body></{env}:Envelope>"
    ).encode()


def cabecalho(
    transaction_id: str = "tx-1",
    *,
    numero: int | None = None,
    itens: int | None = None,
    total_paginas: int | None = None,
    total_itens: int | None = None,
    mh: str = "mhv2",
) -> str:
    pag = ""
    if numero is not None:
        pag = (
            f"<{mh}:paginacao><{mh}:numero>{numero}</{mh}:numero><{mh}:quantidadeItens>{itens}</{mh}:quantidadeItens>"
            + (f"<{mh}:totalPaginas>{total_paginas}</{mh}:totalPaginas>" if total_paginas is not None else "")
            + (
                f"<{mh}:quantidadeTotalItens>{total_itens}</{mh}:quantidadeTotalItens>"
                if total_itens is not None
                else ""
            )
            + f"</{mh}:paginacao>"
        )
    return f"<{mh}:messageHeader><{mh}:transactionId>{transaction_id}</{mh}:transactionId></{mh}:messageHeader>{pag}"


def fault(
    elemento: str,
    code: str,
    message: str,
    *,
    tid: str = "a860bc34",
    fm: str = FM2,
    uri: str = "/ws/v2/X",
    env: str = "NS1",
) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{env}:Envelope xmlns:{env}="{SOAP}"><{env}:Body><{env}:Fault>'
        f"<faultcode>Server.{code}</faultcode><faultstring>Erro</faultstring><faultactor>4</faultactor><detail>"
        f'<flt:{elemento} xmlns:flt="{fm}"><flt:errorCode>{code}</flt:errorCode><flt:message>{message}</flt:message>'
        f"<flt:uri>{uri}</flt:uri><flt:transactionId>{tid}</flt:transactionId></flt:{elemento}>"
        f"</detail></{env}:Fault></{env}:Body></{env}:Envelope>"
    ).encode()


def contrato(i: int, bo: str = "bov2") -> str:
    return (
        f"<{bo}:contrato><{bo}:id>{i}</{bo}:id><{bo}:referencia>REF {i}</{bo}:referencia>"
        f"<{bo}:situacao><{bo}:codigo>1</{bo}:codigo><{bo}:descricao>REGISTRADO</{bo}:descricao></{bo}:situacao>"
        f"<{bo}:periodoVigencia><{bo}:inicio>2026-01-01T00:00:00-03:00</{bo}:inicio>"
        f"<{bo}:fim>2027-01-01T00:00:00-03:00</{bo}:fim></{bo}:periodoVigencia>"
        f"<{bo}:comprador><{bo}:perfil><{bo}:id>{100 + i}</{bo}:id><{bo}:sigla>COMPRADORA</{bo}:sigla></{bo}:perfil></{bo}:comprador>"
        f"<{bo}:vendedor><{bo}:perfil><{bo}:id>200</{bo}:id></{bo}:perfil></{bo}:vendedor>"
        f"</{bo}:contrato>"
    )


def listar_contrato(ids: list[int], *, bm: str = "bmv2", bo: str = "bovv") -> str:
    itens = "".join(contrato(i, bo) for i in ids)
    return (
        f'<{bm}:listarContratoResponse xmlns:{bm}="{BM2}" xmlns:{bo}="{BO2}">'
        f"<{bm}:contratos>{itens}</{bm}:contratos></{bm}:listarContratoResponse>"
    )
