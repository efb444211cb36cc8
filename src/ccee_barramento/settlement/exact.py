"""Exactness policy of the settlement engine: decimal scales, the division scale and output rounding.

Every value (R$, MWh, factors) is an exact decimal from input to output: a polars ``Decimal(38, s)``
column in the engine (a 128-bit integer with a decimal scale ``s``), a :class:`decimal.Decimal` in the
per-row reference implementations. No binary floating point is used anywhere in the settlement code.

The policy (documented in ``docs/settlement.md``, "Exactness"):

* **Inputs** keep their own scale: a CSV value ``"1234.5"`` becomes ``Decimal(38, 1)``, never rounded.
  More than :attr:`Precisao.escala_max_entrada` decimal places is an error.
* **Sums and differences** are exact (polars uses the larger scale of the operands; so does
  :mod:`decimal` when the context has enough digits).
* **Products** are exact: :func:`multiplicar` gives the product the scale ``s1 + s2`` (polars 2.1 alone
  keeps ``max(s1, s2)`` and rounds; the helper casts one operand first so nothing is rounded).
* **Quotients** are the only rounded intermediates: :func:`dividir` returns the exact quotient rounded
  once, half-to-even, to :attr:`Precisao.escala_divisao` decimal places (16 by default). The reference
  implementation rounds the same way with :func:`dividir_decimal` (integer arithmetic), so both agree to
  the last digit.
* **Outputs** are rounded once, at the output, by :class:`Arredondamento` (R$ to 2 places — centavos,
  the unit of CCEE's settlement map; factors to 10 places; MWh to 3 places; half-to-even, as in
  ABNT NBR 5891). ``Arredondamento.nenhum()`` keeps the exact values.

Overflow (a value that does not fit 38 digits) raises; it never wraps or turns into null.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Mapping

import polars as pl

from ..errors import InputError

#: Polars' Decimal precision (128-bit): every engine column is ``Decimal(PRECISAO_MAXIMA, scale)``.
PRECISAO_MAXIMA = 38

#: Rounding modes: polars name -> :mod:`decimal` constant.
MODOS = {
    "half_to_even": decimal.ROUND_HALF_EVEN,
    "half_away_from_zero": decimal.ROUND_HALF_UP,  # decimal's HALF_UP rounds ties away from zero
}

#: Context of the reference implementations: enough digits that sums/products of inputs are exact.
CONTEXTO = decimal.Context(
    prec=80,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow, decimal.Inexact],
)

ZERO = Decimal(0)
UM = Decimal(1)


@dataclass(frozen=True)
class Precisao:
    """Scales of the intermediates.

    ``escala_divisao``: decimal places of every quotient (factors such as P_RAT_INAD, FD_INAD_DSS),
    rounded once, half-to-even. 16 places keep a share of R$ 10¹² exact to the centavo
    (10¹² × 10⁻¹⁶ = 10⁻⁴). ``escala_max_entrada``: the most decimal places an input value may have.
    """

    escala_divisao: int = 16
    escala_max_entrada: int = 18

    def __post_init__(self) -> None:
        if not 0 <= self.escala_divisao <= 30:
            raise InputError("escala_divisao", "use de 0 a 30 casas decimais")
        if not 0 <= self.escala_max_entrada <= 30:
            raise InputError("escala_max_entrada", "use de 0 a 30 casas decimais")


#: Default unit → decimal places of the output.
CASAS_PADRAO: Mapping[str, int] = {"R$": 2, "fator": 10, "MWh": 3}


@dataclass(frozen=True)
class Arredondamento:
    """Rounding applied once, to the output tables only (never to intermediates or carried state).

    ``casas`` maps a unit (a table's ``unidade``: ``"R$"``, ``"fator"``, ``"MWh"``...) to decimal places;
    a unit absent from it is not rounded. ``modo`` is ``"half_to_even"`` (default; ABNT NBR 5891) or
    ``"half_away_from_zero"``.
    """

    casas: Mapping[str, int] = field(default_factory=lambda: dict(CASAS_PADRAO))
    modo: str = "half_to_even"

    def __post_init__(self) -> None:
        if self.modo not in MODOS:
            raise InputError("arredondamento", f"modo {self.modo!r} desconhecido (use {', '.join(MODOS)})")
        for unidade, n in self.casas.items():
            if not isinstance(n, int) or not 0 <= n <= 30:
                raise InputError("arredondamento", f"casas decimais inválidas para {unidade!r}: {n!r}")

    @classmethod
    def nenhum(cls) -> "Arredondamento":
        """No rounding: the outputs keep their exact scale."""
        return cls(casas={})

    @classmethod
    def de_texto(cls, texto: str | None, padrao: Mapping[str, int] | None = None) -> "Arredondamento":
        """Parse the CLI form.

        ``"padrao"`` (or empty) → the default; ``"nenhum"`` → no rounding; otherwise comma-separated
        ``UNIDADE=CASAS`` items that override the default, plus an optional ``modo=...``:
        ``"R$=2,fator=12"``, ``"R$=2,modo=half_away_from_zero"``. A bare number sets R$ only.
        ``padrao``: the module's default places by unit (``CASAS_PADRAO`` when omitted; MVE adds its
        price and MWmédio units).
        """
        base = dict(CASAS_PADRAO if padrao is None else padrao)
        if texto is None or texto.strip().lower() in ("", "padrao", "padrão"):
            return cls(casas=base)
        texto = texto.strip()
        if texto.lower() == "nenhum":
            return cls.nenhum()
        casas = base
        modo = "half_to_even"
        for item in texto.split(","):
            item = item.strip()
            if not item:
                continue
            if "=" not in item:
                if item.isdigit():
                    casas["R$"] = int(item)
                    continue
                raise InputError("arredondamento", f"item {item!r}: use UNIDADE=CASAS, modo=..., 'padrao' ou 'nenhum'")
            chave, valor = (p.strip() for p in item.split("=", 1))
            if chave == "modo":
                modo = valor
            elif valor.lower() == "nenhum":
                casas.pop(chave, None)
            elif valor.isdigit():
                casas[chave] = int(valor)
            else:
                raise InputError("arredondamento", f"casas decimais inválidas em {item!r}")
        return cls(casas=casas, modo=modo)

    def casas_de(self, unidade: str) -> int | None:
        return self.casas.get(unidade)

    def descricao(self) -> str:
        if not self.casas:
            return "nenhum (valores exatos)"
        partes = ", ".join(f"{u}: {n} casas" for u, n in self.casas.items())
        return f"{partes}; {self.modo}"

    # -- engine side
    def expr(self, coluna: str, unidade: str) -> pl.Expr:
        """The rounded output column (``Decimal(38, casas)``), or the column itself.

        polars' cast to a smaller scale rounds half-to-even (checked by the tests), so that mode is one
        cast; half-away-from-zero rounds first.
        """
        n = self.casas_de(unidade)
        if n is None:
            return pl.col(coluna)
        c = pl.col(coluna) if self.modo == "half_to_even" else pl.col(coluna).round(n, mode=self.modo)  # type: ignore[arg-type]
        return c.cast(pl.Decimal(PRECISAO_MAXIMA, n))

    # -- reference side
    def decimal(self, valor: Decimal, unidade: str) -> Decimal:
        n = self.casas_de(unidade)
        if n is None:
            return valor
        return valor.quantize(Decimal(1).scaleb(-n), rounding=MODOS[self.modo], context=CONTEXTO_QUANTIZE)


CONTEXTO_QUANTIZE = decimal.Context(prec=80, Emax=999_999, Emin=-999_999, traps=[decimal.InvalidOperation])


# ----------------------------------------------------------------------------------------------------
# Engine helpers (polars)
# ----------------------------------------------------------------------------------------------------


def tipo_decimal(escala: int) -> pl.Decimal:
    return pl.Decimal(PRECISAO_MAXIMA, escala)


def escala(dtype: pl.DataType) -> int:
    """The scale of a Decimal dtype (0 for integers); anything else is a programming error."""
    if isinstance(dtype, pl.Decimal):
        return int(dtype.scale or 0)
    if dtype.is_integer():
        return 0
    raise TypeError(f"coluna não decimal: {dtype}")


def escala_de(df: pl.DataFrame | pl.LazyFrame, coluna: str) -> int:
    schema = df.collect_schema() if isinstance(df, pl.LazyFrame) else df.schema
    return escala(schema[coluna])


def literal(valor: Decimal | int | str, escala_: int | None = None) -> pl.Expr:
    """An exact decimal literal (its own scale unless ``escala_`` is given)."""
    d = valor if isinstance(valor, Decimal) else Decimal(valor)
    s = max(0, -d.as_tuple().exponent) if escala_ is None else escala_  # type: ignore[operator]
    return pl.lit(d, dtype=tipo_decimal(s))


def zero(escala_: int = 0) -> pl.Expr:
    return pl.lit(ZERO, dtype=tipo_decimal(escala_))


def multiplicar(a: str | pl.Expr, escala_a: int, b: str | pl.Expr, escala_b: int) -> pl.Expr:
    """Exact product with scale ``escala_a + escala_b``.

    polars 2.1 gives ``Decimal * Decimal`` the scale ``max(s1, s2)`` and rounds the rest away; casting
    one operand to ``s1 + s2`` first makes the product exact (overflow past 38 digits raises).
    """
    ea = pl.col(a) if isinstance(a, str) else a
    eb = pl.col(b) if isinstance(b, str) else b
    return ea.cast(tipo_decimal(escala_a + escala_b)) * eb


def dividir(num: str | pl.Expr, escala_num: int, den: str | pl.Expr, escala_den: int, escala_q: int) -> pl.Expr:
    """``num / den`` rounded once, half-to-even, to ``escala_q`` places. ``den == 0`` raises in polars:
    callers decide what a zero denominator means before dividing (see each command).

    polars divides two ``Decimal(38, q)`` into a ``Decimal(38, q)``, rounding the exact quotient
    half-to-even (checked by the tests against :func:`dividir_decimal`). To get there without rounding
    or overflowing, both operands are brought to their common scale s (exact) and their integer
    mantissas N, D re-read as decimals of scale q (N·10⁻ᵠ / D·10⁻ᵠ = N/D): same ratio, mantissas
    unchanged, one rounding. (Casting to q instead could overflow 38 digits when s < q, and would round
    when s > q; dividing at scale s > q and rounding again would round twice.)
    """
    en = pl.col(num) if isinstance(num, str) else num
    ed = pl.col(den) if isinstance(den, str) else den
    s = max(escala_num, escala_den)
    if escala_num == escala_den == escala_q:
        return en / ed
    um_q = literal(Decimal(1).scaleb(-escala_q), escala_q)

    def mantissa(e: pl.Expr, sc: int) -> pl.Expr:
        if sc < s:
            e = e.cast(tipo_decimal(s))
        return e.to_physical().cast(tipo_decimal(0)) * um_q

    return mantissa(en, escala_num) / mantissa(ed, escala_den)


def uniformizar(dfs: Iterable[pl.DataFrame]) -> list[pl.DataFrame]:
    """Cast each Decimal column to the largest scale it has among ``dfs`` (exact), so they can be
    concatenated: ``pl.concat`` alone casts to the first frame's scale and may round."""
    dfs = list(dfs)
    escalas: dict[str, int] = {}
    for df in dfs:
        for nome, dtype in df.schema.items():
            if isinstance(dtype, pl.Decimal):
                escalas[nome] = max(escalas.get(nome, 0), int(dtype.scale or 0))
    saida = []
    for df in dfs:
        casts = [
            pl.col(n).cast(tipo_decimal(s)) for n, s in escalas.items()
            if n in df.schema and df.schema[n] != tipo_decimal(s)
        ]
        saida.append(df.with_columns(casts) if casts else df)
    return saida


def concatenar(dfs: Iterable[pl.DataFrame], how: str = "vertical") -> pl.DataFrame:
    """``pl.concat`` with Decimal scales unified first (exact)."""
    dfs = [df for df in dfs]
    if not dfs:
        return pl.DataFrame()
    return pl.concat(uniformizar(dfs), how=how)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------------------
# Reference helpers (decimal.Decimal)
# ----------------------------------------------------------------------------------------------------


def dividir_decimal(num: Decimal, den: Decimal, escala_q: int) -> Decimal:
    """Exact ``num / den`` rounded once, half-to-even, to ``escala_q`` places (integer arithmetic)."""
    if den == 0:
        raise ZeroDivisionError("divisão por zero")
    sn = max(0, -int(num.as_tuple().exponent))
    sd = max(0, -int(den.as_tuple().exponent))
    s = max(sn, sd)
    n = int(num.scaleb(s, context=CONTEXTO_QUANTIZE))
    d = int(den.scaleb(s, context=CONTEXTO_QUANTIZE))
    n *= 10**escala_q
    if d < 0:
        n, d = -n, -d
    q, r = divmod(abs(n), d)
    dobro = 2 * r
    if dobro > d or (dobro == d and q % 2 == 1):
        q += 1
    if n < 0:
        q = -q
    return Decimal(q).scaleb(-escala_q, context=CONTEXTO_QUANTIZE)


def decimal_exato(valor: object, onde: str) -> Decimal:
    """A value from a row dict as an exact Decimal (int, str or Decimal; floats are refused)."""
    if isinstance(valor, bool):
        raise InputError(onde, f"booleano {valor!r} não é um valor numérico")
    if isinstance(valor, Decimal):
        if not valor.is_finite():
            raise InputError(onde, f"valor não finito {valor!r}")
        return valor
    if isinstance(valor, int):
        return Decimal(valor)
    if isinstance(valor, str):
        try:
            d = Decimal(valor.strip())
        except decimal.InvalidOperation:
            raise InputError(onde, f"{valor!r} não é um número decimal") from None
        if not d.is_finite():
            raise InputError(onde, f"valor não finito {valor!r}")
        return d
    raise InputError(onde, f"tipo {type(valor).__name__} não é aceito (use Decimal, int ou str; nunca ponto flutuante)")
