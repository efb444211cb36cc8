"""Text <-> value conversions of the ContratosCCEAL file (numbers, dates, "X" flags, enums).

The readers accept what the models accept from Python and from a file (``str`` as written in
the file, or the typed value); they raise ``ValueError`` with a Portuguese message. The writers
produce the file's text. ``exibir`` renders any value for an error message, safely.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, localcontext
from enum import Enum
from typing import TypeVar

E = TypeVar("E", bound=Enum)

MASCARA_DATA = "DD/MM/AAAA HH"
_DATA = re.compile(r"(\d{2})/(\d{2})/(\d{4}) (\d{2})(?::(\d{2}):(\d{2}))?")
_INTEIRO = re.compile(r"-?\d{1,30}")
_DECIMAL = re.compile(r"(-?\d{1,40})(?:[.,](\d{1,40}))?")
_MAX_EXIBIR = 40
_CONTROLES = re.compile("[\x00-\x1f\x7f-\x9f]")


def ler_inteiro(valor: object) -> int:
    """An integer from ``int`` or a string of digits (floats and bools are refused)."""
    if isinstance(valor, bool) or isinstance(valor, float):
        raise ValueError(f"número inteiro esperado, não {type(valor).__name__}")
    if isinstance(valor, int):
        return valor
    if isinstance(valor, str):
        texto = valor.strip()
        if _INTEIRO.fullmatch(texto):
            return int(texto)
        if texto.lstrip("-").isdigit():
            raise ValueError("número inteiro longo demais (máximo 30 dígitos)")
        raise ValueError("número inteiro inválido")
    raise ValueError(f"número inteiro esperado, não {type(valor).__name__}")


def ler_decimal(valor: object) -> Decimal:
    """A Decimal from ``Decimal``, ``int`` or text with a comma or point separator (never float)."""
    if isinstance(valor, bool) or isinstance(valor, float):
        raise ValueError(f"use Decimal, str ou int, não {type(valor).__name__} (valores de energia são exatos)")
    if isinstance(valor, Decimal):
        if not valor.is_finite():
            raise ValueError(f"número decimal inválido ({valor})")
        return valor
    if isinstance(valor, int):
        return Decimal(valor)
    if isinstance(valor, str):
        texto = valor.strip()
        m = _DECIMAL.fullmatch(texto)
        if m:
            return Decimal(m.group(1) + ("." + m.group(2) if m.group(2) else ""))
        if re.fullmatch(r"-?\d+(?:[.,]\d+)?", texto):
            raise ValueError("número decimal longo demais (máximo 40 dígitos de cada lado)")
        raise ValueError("número decimal inválido, use 1234,567 ou 1234.567")
    raise ValueError(f"número decimal esperado, não {type(valor).__name__}")


def ler_data(valor: object) -> datetime:
    """A naive datetime from ``datetime``, ``date`` or ``DD/MM/AAAA HH`` (also ``HH:MM:SS``)."""
    if isinstance(valor, datetime):
        if valor.tzinfo is not None:
            raise ValueError("data com fuso horário não é aceita (use a hora local, sem tzinfo)")
        return valor
    if isinstance(valor, date):
        return datetime(valor.year, valor.month, valor.day)
    if isinstance(valor, str):
        m = _DATA.fullmatch(valor.strip())
        if m:
            dia, mes, ano, hora, minuto, segundo = m.groups()
            try:
                return datetime(int(ano), int(mes), int(dia), int(hora), int(minuto or 0), int(segundo or 0))
            except ValueError:
                pass
        raise ValueError(f"data inválida, use {MASCARA_DATA}")
    raise ValueError(f"data esperada, não {type(valor).__name__}")


def ler_marca(valor: object) -> bool:
    """A flag written ``"X"`` (set) or ``""`` (not set); Python code may pass a bool."""
    if isinstance(valor, bool):
        return valor
    if valor is None or valor == "":
        return False
    if valor == "X":
        return True
    raise ValueError('aceita somente "X" ou vazio')


def ler_enum(tipo: type[E], valor: object) -> E:
    """An enum member from the member itself or its value written as in the file."""
    if isinstance(valor, tipo):
        return valor
    if isinstance(valor, (bool, float)):
        raise ValueError("valor inválido")
    for membro in tipo:
        if valor == membro.value or (isinstance(valor, str) and valor.strip() == str(membro.value)):
            return membro
    aceitos = ", ".join(f"{m.value} {rotulo(m)}" for m in tipo)
    raise ValueError(f"valores aceitos: {aceitos}")


def rotulo(membro: Enum) -> str:
    """The Portuguese label of an enum member (its ``rotulo`` attribute, else its name)."""
    return getattr(membro, "rotulo", membro.name.lower())


def escrever_decimal(valor: Decimal, casas: int, separador: str = ",") -> str:
    """``valor`` with exactly ``casas`` decimal places and the given separator."""
    if valor == 0:  # also -0
        valor = Decimal(0)
    with localcontext() as ctx:
        ctx.prec = 200
        texto = format(valor.quantize(Decimal(1).scaleb(-casas)), "f")
    return texto.replace(".", separador)


def escrever_data(valor: datetime, com_minutos: bool = False) -> str:
    """``DD/MM/AAAA HH`` (or ``DD/MM/AAAA HH:MM:SS``)."""
    texto = f"{valor.day:02d}/{valor.month:02d}/{valor.year:04d} {valor.hour:02d}"
    return texto + f":{valor.minute:02d}:{valor.second:02d}" if com_minutos else texto


def escrever(valor: object, separador: str = ",", com_minutos: bool = False, casas: int | None = None) -> str | None:
    """The text of a scalar value in the file; None means "leave the attribute out"."""
    if valor is None or valor is False:
        return None
    if valor is True:
        return "X"
    if isinstance(valor, Enum):
        return str(valor.value)
    if isinstance(valor, datetime):
        return escrever_data(valor, com_minutos)
    if isinstance(valor, Decimal):
        if casas is None:
            raise ValueError("casas decimais não definidas")
        return escrever_decimal(valor, casas, separador)
    return str(valor)


def exibir(valor: object) -> str:
    """A short, safe rendering of a received value for error messages (comma as separator)."""
    if isinstance(valor, bool):
        return "X" if valor else "vazio"
    if isinstance(valor, Enum):
        valor = valor.value
    if isinstance(valor, datetime):
        if not (valor.minute or valor.second or valor.microsecond):
            return escrever_data(valor)
        fracao = f".{valor.microsecond:06d}" if valor.microsecond else ""
        return valor.strftime("%d/%m/%Y %H:%M:%S") + fracao
    if isinstance(valor, Decimal):
        # plain notation for ordinary values; scientific for huge exponents, never a huge expansion
        texto = (format(valor, "f") if _decimal_curto(valor) else str(valor)).replace(".", ",")
    elif isinstance(valor, int) and valor.bit_length() > 128:
        return "número com mais de 38 dígitos"
    else:
        texto = str(valor)
    total = len(texto)
    if total > _MAX_EXIBIR:
        texto = texto[:_MAX_EXIBIR]
    texto = _CONTROLES.sub(lambda m: f"\\x{ord(m.group()):02x}", texto)
    return texto + f"… ({total} caracteres)" if total > _MAX_EXIBIR else texto


def _decimal_curto(valor: Decimal) -> bool:
    if not valor.is_finite():
        return False
    return abs(valor.adjusted()) < _MAX_EXIBIR and -int(valor.as_tuple().exponent) < _MAX_EXIBIR


def digitos_inteiros(valor: Decimal) -> int:
    """How many digits a Decimal has before the separator (no str() of huge values)."""
    sinal, digitos, expoente = valor.as_tuple()
    digitos = tuple(digitos)
    while digitos and digitos[0] == 0:
        digitos = digitos[1:]
    return max(0, len(digitos) + int(expoente))


def casas_decimais(valor: Decimal) -> int:
    """How many significant decimal places a Decimal has (trailing zeros do not count)."""
    _, digitos, expoente = valor.as_tuple()
    expoente = int(expoente)
    digitos = list(digitos)
    while digitos and digitos[-1] == 0 and expoente < 0:
        digitos.pop()
        expoente += 1
    return max(0, -expoente)
