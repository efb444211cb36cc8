"""Errors of the ContratosCCEAL file module.

ErroCCEAL (CCEEError, ValueError)
├── ErroRegraCCEAL       one field rule violated (sequencial_controle, campo, regra, ...)
├── ErrosArquivoCCEAL    every violation found in one file (iterable of ErroRegraCCEAL)
└── ErroLeituraCCEAL     the file cannot be read at all (not XML, bad encoding, unknown element)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import CCEEError


class ErroCCEAL(CCEEError, ValueError):
    """Base of the errors of ``ccee_barramento.cceal``."""


class ErroRegraCCEAL(ErroCCEAL):
    """A field rule of the ContratosCCEAL file was violated.

    ``sequencial_controle`` is None for rules of the file itself (root attributes, numbering).
    ``local`` locates nested elements (``MontanteMedio[1]/semana[2]``), ``linha`` the line when the
    error comes from a file; ``valor`` is the value received, already rendered as text; ``codigo``
    names the rule (see ``rules.REGRAS``).
    """

    def __init__(
        self,
        sequencial_controle: int | None,
        campo: str,
        regra: str,
        *,
        valor: str | None = None,
        local: str | None = None,
        codigo: str = "",
        linha: int | None = None,
    ) -> None:
        self.sequencial_controle = sequencial_controle
        self.campo = campo
        self.regra = regra
        self.valor = valor
        self.local = local
        self.codigo = codigo
        self.linha = linha
        super().__init__(self.mensagem)

    @property
    def mensagem(self) -> str:
        onde = (
            "Arquivo"
            if self.sequencial_controle is None
            else (f"Contrato sequencialControle={self.sequencial_controle}")
        )
        campo = (
            f"campo {self.campo}"
            + (f" em {self.local}" if self.local else "")
            + (f" (linha {self.linha})" if self.linha is not None else "")
        )
        recebido = "" if self.valor is None else f" (recebido {self.valor})"
        return f"{onde}, {campo}: {self.regra}{recebido}"

    def __str__(self) -> str:
        return self.mensagem

    def __reduce__(self):  # keeps keyword-only attributes when pickled (e.g. across processes)
        return (
            _reconstruir,
            (self.sequencial_controle, self.campo, self.regra, self.valor, self.local, self.codigo, self.linha),
        )


def _reconstruir(seq, campo, regra, valor, local, codigo, linha):  # type: ignore[no-untyped-def]
    return ErroRegraCCEAL(seq, campo, regra, valor=valor, local=local, codigo=codigo, linha=linha)


class ErrosArquivoCCEAL(ErroCCEAL):
    """All rule violations of one file, in file order. Iterate it, index it or read ``erros``."""

    #: How many messages ``str()`` lists (all of them stay in ``erros``).
    LISTADOS = 200

    def __init__(self, erros: Iterable[ErroRegraCCEAL]) -> None:
        self.erros: list[ErroRegraCCEAL] = list(erros)
        n = len(self.erros)
        linhas = [f"{n} {'erro' if n == 1 else 'erros'} no arquivo ContratosCCEAL:"]
        linhas += [f"- {e.mensagem}" for e in self.erros[: self.LISTADOS]]
        if n > self.LISTADOS:
            linhas.append(f"- ... e mais {n - self.LISTADOS}")
        super().__init__("\n".join(linhas))

    def __iter__(self) -> Iterator[ErroRegraCCEAL]:
        return iter(self.erros)

    def __len__(self) -> int:
        return len(self.erros)

    def __getitem__(self, i: int) -> ErroRegraCCEAL:
        return self.erros[i]

    @property
    def mensagens(self) -> list[str]:
        return [e.mensagem for e in self.erros]

    def __reduce__(self):
        return (ErrosArquivoCCEAL, (self.erros,))


class ErroLeituraCCEAL(ErroCCEAL):
    """The bytes are not a readable ContratosCCEAL file (malformed XML, encoding, unknown element...)."""

    def __init__(self, mensagem: str, *, linha: int | None = None, elemento: str | None = None) -> None:
        self.linha = linha
        self.elemento = elemento
        self.motivo = mensagem
        partes = []
        if linha is not None:
            partes.append(f"linha {linha}")
        if elemento:
            partes.append(f"elemento <{elemento}>")
        prefixo = ", ".join(partes)
        super().__init__(
            f"Arquivo ContratosCCEAL ilegível ({prefixo}): {mensagem}"
            if prefixo
            else f"Arquivo ContratosCCEAL ilegível: {mensagem}"
        )

    def __reduce__(self):
        return (_reconstruir_leitura, (self.motivo, self.linha, self.elemento))


def _reconstruir_leitura(motivo: str, linha: int | None, elemento: str | None) -> ErroLeituraCCEAL:
    return ErroLeituraCCEAL(motivo, linha=linha, elemento=elemento)
