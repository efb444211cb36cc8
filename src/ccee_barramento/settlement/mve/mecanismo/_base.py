"""Codes, calendar and exact-arithmetic helpers shared by the MVE mechanism's reference and engine.

Both implementations (``referencia`` per row with :mod:`decimal`, the vectorized ``limites``/``leilao``/
``montantes``) use these few definitions so that they agree on *what* is computed (which months a
vigência has, which vigências are monthly, how a product is rounded); each computes the values on its own.

Exactness (``docs/mve-mecanismo.md``, "Exactness"): sums and differences are exact; a product is exact
when its scale (s1 + s2) is at most ``ESCALA_PRODUTO`` (20), otherwise rounded once, half-to-even, to 20
places (the rule of the MVE settlement, its DECISÃO E1); every quotient is rounded once, half-to-even,
to ``Precisao.escala_divisao`` (16) places. Quantities traded in the mechanism are whole lots, so the
clearing itself is integer arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Iterable, Sequence

from ...exact import CONTEXTO, CONTEXTO_QUANTIZE, dividir_decimal
from ...runner import int_para_mes, mes_para_int

CE = "CE"  # tipo de energia: convencional especial
CNE = "CNE"  # tipo de energia: convencional não especial
PF = "PF"  # tipo de preço: preço fixo
PV = "PV"  # tipo de preço: PLD + spread
TIPOS_ENERGIA = (CE, CNE)
TIPOS_PRECO = (PF, PV)
#: Contract kinds of the distributor's special-energy purchases (cmd 7): quantity CCEAR, availability
#: CCEAR and regulated bilateral contract.
CCEAR_Q, CCEAR_D, CBR = "CCEAR_Q", "CCEAR_D", "CBR"
TIPOS_CONTRATO_EE = (CCEAR_Q, CCEAR_D, CBR)
HIDRAULICA, OUTRA = "hidraulica", "outra"
TIPOS_USINA = (HIDRAULICA, OUTRA)
TIPOS_VIGENCIA = ("mensal", "trimestral", "semestral", "anual", "plurianual", "outra")

#: The five indices of a product, PROD = (s, x, v, te, tp) — the settlement's ``COLS_PROD``.
COLS_PROD = ("submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco")
#: Submarket code of the engine → ``idSubMerEntrega`` of the CCEAL (the settlement's SUBMERCADOS).
SUBMERCADO_CCEAL = {"SE": 1, "S": 2, "NE": 3, "N": 4}

ESCALA_PRODUTO = 20
#: Places of a contract amount (MWmédio): the most the ContratosCCEAL file carries (docs/cceal.md).
CASAS_CONTRATO = 6

MENSAL, TRIMESTRAL, PLURI = "M", "T", "P"


def classe(tipo_vigencia: str) -> str:
    """Which limits a vigência draws on: monthly (cmds 18–20, 27–28, 95, 97a, 99c), 3-month (16–17, 21,
    25–26, 94, 98, 99b) or the annual path (15, 24, 93, 97, 98a) — annual, multi-year and, DECISÃO MC6,
    any other intra-annual length (semiannual...), which cmd 15 groups with the annual ones."""
    return {"mensal": MENSAL, "trimestral": TRIMESTRAL}.get(tipo_vigencia, PLURI)


def tipo_vigencia(n_meses: int) -> str:
    return {1: "mensal", 3: "trimestral", 6: "semestral", 12: "anual"}.get(
        n_meses, "plurianual" if n_meses > 12 else "outra")


def meses(inicio: int, fim: int) -> range:
    return range(inicio, fim + 1)


def ano_de(m: int) -> int:
    return m // 12


def mes_texto(m: int) -> str:
    return int_para_mes(m)


def mes_int(texto: str) -> int:
    return mes_para_int(texto)


@dataclass(frozen=True)
class Vigencia:
    nome: str
    inicio: int  # month counter
    fim: int
    tipo: str

    @property
    def classe(self) -> str:
        return classe(self.tipo)

    @property
    def meses(self) -> range:
        return meses(self.inicio, self.fim)

    @property
    def anos(self) -> list[int]:
        return sorted({ano_de(m) for m in self.meses})

    def contem(self, m: int) -> bool:
        return self.inicio <= m <= self.fim


# ----------------------------------------------------------------------------------------------------
# Exact arithmetic (decimal side; the polars side mirrors it in limites.py)
# ----------------------------------------------------------------------------------------------------


def escala_de(d: Decimal) -> int:
    return max(0, -int(d.as_tuple().exponent))  # type: ignore[arg-type]


def produto(a: Decimal, b: Decimal, cap: int = ESCALA_PRODUTO) -> Decimal:
    """``a × b`` exact when its scale is ≤ cap, else rounded once, half-to-even, to cap places."""
    p = CONTEXTO.multiply(a, b)
    if escala_de(p) > cap:
        return p.quantize(Decimal(1).scaleb(-cap), rounding=ROUND_HALF_EVEN, context=CONTEXTO_QUANTIZE)
    return p


def quociente(num: Decimal, den: Decimal, q: int) -> Decimal:
    """``num / den`` rounded once, half-to-even, to q places (``exact.dividir_decimal``)."""
    return dividir_decimal(num, den, q)


def soma(valores: Iterable[Decimal]) -> Decimal:
    total = Decimal(0)
    for v in valores:
        total = CONTEXTO.add(total, v)
    return total


def minimo(*valores: Decimal) -> Decimal:
    return min(valores)


# ----------------------------------------------------------------------------------------------------
# Controlled rounding of the contract pairs (cmd 32–34; docs "Pairs and their rounding")
# ----------------------------------------------------------------------------------------------------


def arredondar_pares(linhas: Sequence[int], colunas: Sequence[int], total: int, fator: int) -> list[list[int]]:
    """Integer amounts x[i][j] (in units of 10⁻⁶ MWmédio) of the pairs (seller i, buy bid j) of one product.

    ``linhas[i]``: seller i's sold lots (MONT_VEND_PROD), ``colunas[j]``: bid j's bought lots
    (MONT_ADQ_PROD_A), both summing to ``total`` lots; ``fator``: units per lot. The exact pair amount
    (cmd 32) is c = linhas[i] × colunas[j] × fator / total units. The result rounds every c down or up
    (|x − c| < 1 unit) so that **each row sums to linhas[i]·fator and each column to colunas[j]·fator
    exactly**: floors first, then the row deficits are placed one unit per cell by Ryser's greedy
    construction — rows by decreasing deficit (ties: row order), each row bumping the columns with the
    largest remaining column deficit (ties: larger fractional part of c, then column order). Such a 0/1
    matrix exists because the fractional parts themselves have those margins; the greedy finds it
    (Gale–Ryser). Deterministic.
    """
    n, k = len(linhas), len(colunas)
    if total <= 0:
        return [[0] * k for _ in range(n)]
    x = [[0] * k for _ in range(n)]
    frac = [[0] * k for _ in range(n)]
    deficit_linha = [0] * n
    deficit_coluna = [c * fator for c in colunas]
    for i, s in enumerate(linhas):
        alvo = s * fator
        soma_i = 0
        for j, d in enumerate(colunas):
            q, r = divmod(s * d * fator, total)
            x[i][j] = q
            frac[i][j] = r
            soma_i += q
            deficit_coluna[j] -= q
        deficit_linha[i] = alvo - soma_i
    ordem_linhas = sorted(range(n), key=lambda i: (-deficit_linha[i], i))
    for i in ordem_linhas:
        r = deficit_linha[i]
        if r == 0:
            continue
        escolhidas = sorted(range(k), key=lambda j: (-deficit_coluna[j], -frac[i][j], j))[:r]
        for j in escolhidas:
            if deficit_coluna[j] <= 0:  # pragma: no cover - impossible by Gale–Ryser
                raise AssertionError("arredondamento dos pares: déficit de coluna esgotado")
            x[i][j] += 1
            deficit_coluna[j] -= 1
    if any(deficit_coluna):  # pragma: no cover - impossible by Gale–Ryser
        raise AssertionError("arredondamento dos pares: colunas não fecham")
    return x


__all__ = [
    "CBR", "CCEAR_D", "CCEAR_Q", "CE", "CNE", "COLS_PROD", "ESCALA_PRODUTO", "MENSAL", "PF", "PLURI", "PV",
    "SUBMERCADO_CCEAL", "TIPOS_CONTRATO_EE", "TIPOS_ENERGIA", "TIPOS_PRECO", "TIPOS_USINA", "TRIMESTRAL",
    "Vigencia", "ano_de", "arredondar_pares", "classe", "mes_int", "mes_texto", "produto", "quociente", "soma",
    "tipo_vigencia",
]


def codigo_contrato(processamento: str, n: int) -> str:
    """The preliminary code of the n-th contract of a processing (DECISÃO MC20): ``<processamento>-<nnnn>``,
    numbered over (produto, perfil_vendedor, lance_compra); it is also the CCEAL's ``referencia`` (≤ 30)."""
    return f"{processamento}-{n:04d}"
