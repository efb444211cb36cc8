"""The exception a handler raises to answer a bus fault (HTTP 500 with a SOAP Fault)."""

from __future__ import annotations

from .codigos import CodigoFalha


class FalhaBarramento(Exception):
    """Answer ``codigo`` (an FM fault) with an optional specific message."""

    def __init__(self, codigo: CodigoFalha, mensagem: str | None = None) -> None:
        self.codigo = codigo
        self.mensagem = mensagem or codigo.mensagem
        super().__init__(f"{codigo.elemento} {codigo.codigo}: {self.mensagem}")
