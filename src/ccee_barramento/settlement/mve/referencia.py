"""Exact, per-row reference implementation of MVE commands 35–75 (seed 004, version 2023.3.0).

Scope: §2.3 "Determinação dos Valores a Liquidar" (commands 35–59) and Anexo I "Cálculo da Multa por
Rescisão, Ajuste Contratual e Ressarcimento aos Vendedores" (commands 60–75). Earlier results the commands
need (contract amounts MV_MVE_PRE of §2.2/Anexo II, bid prices of Anexo II, PLD, IPCA, payments made) are
input tables.

Interface (engine-agnostic, so a vectorized engine can be checked against it row by row)::

    saidas, estado = calcular_mes(entradas, "2026-03", estado_anterior=None)
    saidas, estado = calcular_meses(entradas, ["2026-03", "2026-04"])

``entradas`` maps a table name (the seed variable name, e.g. ``"MV_MVE_PRE"``, ``"PLD_MS"``, ``"NIPCA"``)
to a list of row dicts. Index columns use the names ``contrato``, ``perfil``, ``agente``,
``perfil_comprador``, ``perfil_vendedor``, ``submercado``, ``processamento``, ``vigencia``,
``tipo_energia``, ``tipo_preco``, ``mes`` ("YYYY-MM"); the value column is named exactly like the
variable. Sets (VINC_V_MVE, VINC_C_MVE, A_ALPHA) are tables of their members. ``saidas`` has the same
shape, one table per computed variable (see ``VARIAVEIS``). The full table list, the calculation order and
every decision taken where the seed is ambiguous are in ``docs/mve.md``; each decision is also noted
beside the code as ``DECISÃO Dn``.

Exactness: values are ``decimal.Decimal`` (floats are refused). All arithmetic runs in ``CONTEXTO``
(34 significant digits, ROUND_HALF_EVEN, traps on invalid operation / division by zero / overflow).
Sums and products of the inputs are exact; only divisions (factors, the IPCA ratio) round, at the 34th
significant digit, and intermediates are never quantized. Output values (and only them) are quantized
to ``CASAS_DECIMAIS_SAIDA`` (12) decimal places, ROUND_HALF_EVEN. The carried state keeps full precision.

Codes: ``tipo_preco`` is ``"PF"`` (preço fixo) or ``"PV"`` (preço variável, PLD + spread);
``tipo_energia`` is ``"CE"`` (convencional especial) or ``"CNE"`` (convencional não especial).
"""

from __future__ import annotations

import decimal
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Mapping, Sequence

try:  # the SDK's error hierarchy, when present
    from ccee_barramento.errors import InputError as _ErroBase
except Exception:  # pragma: no cover - fallback while the hierarchy is being written
    _ErroBase = None  # type: ignore[assignment]


if _ErroBase is not None:

    class ErroEntradaMVE(_ErroBase):  # type: ignore[misc,valid-type]
        """An input table is missing, malformed or inconsistent (``tabela`` names it)."""

        def __init__(self, tabela: str, mensagem: str) -> None:
            self.tabela = tabela
            super().__init__(tabela, mensagem)

else:  # pragma: no cover

    class ErroEntradaMVE(ValueError):  # type: ignore[no-redef]
        """An input table is missing, malformed or inconsistent (``tabela`` names it)."""

        def __init__(self, tabela: str, mensagem: str) -> None:
            self.tabela = tabela
            self.mensagem = mensagem
            super().__init__(f"{tabela}: {mensagem}")


# ----------------------------------------------------------------------------------------------------
# Precision
# ----------------------------------------------------------------------------------------------------

#: Context of every operation: 34 significant digits (IEEE 754 decimal128), ROUND_HALF_EVEN.
CONTEXTO = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
#: The single quantization setting: every output value is quantized to this many decimal places.
CASAS_DECIMAIS_SAIDA = 12
QUANTUM_SAIDA = Decimal(1).scaleb(-CASAS_DECIMAIS_SAIDA)
ZERO = Decimal(0)
UM = Decimal(1)

PF = "PF"  # tipo de preço: preço fixo
PV = "PV"  # tipo de preço: preço variável (PLD + spread)
CE = "CE"  # tipo de energia: convencional especial
CNE = "CNE"  # tipo de energia: convencional não especial
TIPOS_PRECO = (PF, PV)
TIPOS_ENERGIA = (CE, CNE)
TIPOS_VIGENCIA = ("mensal", "trimestral", "semestral", "anual", "plurianual", "outra")

#: The five indices of a product: PROD = (s, x, v, te, tp).
COLS_PROD = ("submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco")

MOTIVO_INADIMPLENCIA = "inadimplencia"  # cmd 73 (i)
MOTIVO_NAO_RECOMPOSICAO = "nao_recomposicao_gfc"  # cmd 73 (ii)
MOTIVO_DESLIGAMENTO = "desligamento"  # cmd 73 (iii)
MOTIVO_DESLIGAMENTO_MVE = "desligamento_descumprimento_mve"  # cmd 73 (iii) exception: no fine here
MOTIVO_NAO_APORTE_GFC = "nao_aporte_gfc"  # cmd 71
MOTIVOS_EVENTO = (MOTIVO_NAO_RECOMPOSICAO, MOTIVO_DESLIGAMENTO, MOTIVO_DESLIGAMENTO_MVE)


# ----------------------------------------------------------------------------------------------------
# Table registry: name -> index columns (without "mes"), has "mes", command, unit, description
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variavel:
    nome: str
    indices: tuple[str, ...]
    mensal: bool
    comando: str
    unidade: str
    descricao: str


_P = ("perfil",) + COLS_PROD
_PAR = ("perfil_comprador", "perfil_vendedor") + COLS_PROD

VARIAVEIS: dict[str, Variavel] = {
    v.nome: v
    for v in [
        Variavel("PRECO_CT_MVE", ("contrato", "vigencia"), False, "36", "R$/MWh", "Preço do contrato (PF)"),
        Variavel("SPREAD_CT_MVE", ("contrato", "vigencia"), False, "36", "R$/MWh", "Spread do contrato (PV)"),
        Variavel("PRECO_CT_MVE_A", ("contrato", "vigencia"), True, "37", "R$/MWh", "Preço atualizado (plurianual)"),
        Variavel("SPREAD_CT_MVE_A", ("contrato", "vigencia"), True, "37", "R$/MWh", "Spread atualizado (plurianual)"),
        Variavel("PRECO_CT_MVE_M", ("contrato", "vigencia"), True, "38", "R$/MWh", "Preço do contrato no mês (PF)"),
        Variavel("SPREAD_CT_MVE_M", ("contrato", "vigencia"), True, "38", "R$/MWh", "Spread do contrato no mês (PV)"),
        Variavel("VLR_MVE_PF_CT", ("contrato",), True, "39", "R$", "Valor a receber, contrato PF"),
        Variavel("VLR_MVE_PF_PROD", _P, True, "39", "R$", "Valor a receber, produto PF, vendedor"),
        Variavel("VLR_MVE_PF", ("perfil",), True, "39", "R$", "Valor a receber PF, vendedor"),
        Variavel("VLR_MVE_PV_CT", ("contrato",), True, "40", "R$", "Valor a receber, contrato PV"),
        Variavel("VLR_MVE_PV_PROD", _P, True, "40", "R$", "Valor a receber, produto PV, vendedor"),
        Variavel("VLR_MVE_PV", ("perfil",), True, "40", "R$", "Valor a receber PV, vendedor"),
        Variavel("VLR_MVE", ("perfil",), True, "41", "R$", "Valor a receber, vendedor"),
        Variavel("VLP_MVE_PF_CT", ("contrato",), True, "42", "R$", "Valor a pagar, contrato PF"),
        Variavel("VLP_MVE_PF_PROD", _P, True, "42", "R$", "Valor a pagar, produto PF, comprador"),
        Variavel("VLP_MVE_PF", ("perfil",), True, "42", "R$", "Valor a pagar PF, comprador"),
        Variavel("VLP_MVE_PV_CT", ("contrato",), True, "43", "R$", "Valor a pagar, contrato PV"),
        Variavel("VLP_MVE_PV_PROD", _P, True, "43", "R$", "Valor a pagar, produto PV, comprador"),
        Variavel("VLP_MVE_PV", ("perfil",), True, "43", "R$", "Valor a pagar PV, comprador"),
        Variavel("VLP_MVE", ("perfil",), True, "44", "R$", "Valor a pagar, comprador"),
        Variavel("VALOR_INAD_PERF_MVE", ("perfil",), True, "46", "R$", "Inadimplência de ajustes, por perfil"),
        Variavel("VALOR_INAD_PROD_MVE", _P, True, "47", "R$", "Inadimplência de ajustes, por produto"),
        Variavel("AJUSTE_INAD_MVE", _PAR, True, "48", "R$", "Ajuste por inadimplência, par e produto"),
        Variavel("AJUSTE_MVE_F", _PAR, True, "49", "R$", "Ajuste final, par e produto"),
        Variavel("AJUSTES_MVE_PROD", _P, True, "50", "R$", "Ajustes por perfil e produto"),
        Variavel("TOT_AJUSTES_MVE", ("perfil",), True, "51", "R$", "Total de ajustes do perfil"),
        Variavel("V_TOT_REC_MVE", ("perfil",), True, "52", "R$", "Valor total a receber"),
        Variavel("V_TOT_PAG_MVE", ("perfil",), True, "53", "R$", "Valor total a pagar"),
        Variavel("TOT_LIQ_MVE", ("agente",), True, "54", "R$", "Total a liquidar (+ recebe, - paga)"),
        Variavel("VLP_MVE_PROD", _P, True, "56b", "R$", "Valor a pagar por produto"),
        Variavel("VLP_MVE_PROD_AJU", _P, True, "56a", "R$", "Valor a pagar ajustado por produto"),
        Variavel("F_COMP_MVE_PROD", _P, True, "56", "-", "Fator do comprador por produto"),
        Variavel("VLR_MVE_PROD", _P, True, "57b", "R$", "Valor a receber por produto"),
        Variavel("VLR_MVE_PROD_AJU", _P, True, "57a", "R$", "Valor a receber ajustado por produto"),
        Variavel("F_VEND_MVE_PROD", _P, True, "57", "-", "Fator do vendedor por produto"),
        Variavel("F_REL_VEND_COMP", ("perfil_vendedor", "perfil_comprador"), True, "58", "-",
                 "Fator relacional vendedor-comprador"),
        Variavel("F_INAD_TOT", ("agente_vendedor", "agente_comprador"), True, "59", "-",
                 "Fator de inadimplência total (α vendedor, α* comprador)"),
        Variavel("VALOR_INAD_MVE", ("agente",), True, "63a", "R$", "Valor da inadimplência"),
        Variavel("F_INAD_EFE_MVE", ("agente",), True, "63", "-", "Fator da inadimplência efetiva"),
        Variavel("AJU_M_MVE", ("contrato",), True, "64", "MWmédio", "Ajuste do montante do contrato"),
        Variavel("MV", ("contrato", "vigencia"), True, "65", "MWmédio", "Montante final (vigência = mês)"),
        Variavel("PRIC_RESS_CT_MVE", ("contrato", "vigencia"), True, "70", "R$/MWh", "Preço do ressarcimento"),
        Variavel("RESS_P_MVE", _PAR, True, "68b", "R$", "Ressarcimento do par no mês"),
        Variavel("RESS_INAD_P_MVE", _PAR, True, "70b", "R$", "Ressarcimentos inadimplidos pendentes"),
        Variavel("RESS_DEV_MVE_P", _PAR, True, "70a", "R$", "Ressarcimento devido do par"),
        Variavel("RESS_PAG_MVE", _P, True, "68a", "R$", "Ressarcimento a pagar por produto"),
        Variavel("TOT_RESS_PAG_MVE", ("perfil",), True, "68", "R$", "Total de ressarcimento a pagar"),
        Variavel("RESS_REC_MVE", _P, True, "69a", "R$", "Ressarcimento a receber por produto"),
        Variavel("TOT_RESS_REC_MVE", ("perfil",), True, "69", "R$", "Total de ressarcimento a receber"),
        Variavel("PRIC_MRC_MVE", ("contrato", "vigencia"), True, "72", "R$/MWh", "Preço da multa (não aporte GFC)"),
        Variavel("M_MVE_NAGC", _PAR, True, "71a", "R$", "Multa por não aporte da GFC, par e produto"),
        Variavel("M_PAG_NAGC", ("agente", "processamento"), True, "71", "R$", "Multa por não aporte da GFC"),
        Variavel("RESCISAO_MVE", ("contrato",), True, "73", "-", "Contratos rescindidos no mês (motivo)"),
        Variavel("PRIC_MD_MVE", ("contrato", "vigencia"), True, "75c", "R$/MWh", "Preço da multa por descumprimento"),
        Variavel("M_MVE", _PAR, True, "75b", "R$", "Multa rescisória, par e produto"),
        Variavel("TM_MVE", ("perfil_comprador", "perfil_vendedor"), True, "75a", "R$", "Multa rescisória total do par"),
        Variavel("M_PAG_MVE", _P, True, "75", "R$", "Multa a pagar por produto"),
        Variavel("TM_PAG_MVE", ("perfil",), True, "75", "R$", "Total de multas a pagar"),
        Variavel("M_REC_MVE", _P, True, "74", "R$", "Multa a receber por produto"),
        Variavel("TM_REC_MVE", ("perfil",), True, "74", "R$", "Total de multas a receber"),
    ]
}

#: Previous-month values the seed reads as ``[m-1]`` (carried in ``estado``; or read from ``entradas``
#: rows with ``mes`` = m-1 when no ``estado_anterior`` is given).
CARREGADAS_M1 = (
    "TOT_AJUSTES_MVE",  # cmd 46
    "F_INAD_EFE_MVE",  # cmds 46, 70b
    "VLP_MVE_PROD_AJU",  # cmd 47 (DECISÃO D5: m-1)
    "F_VEND_MVE_PROD",  # cmd 48
    "RESS_PAG_MVE",  # cmd 56a
    "RESS_REC_MVE",  # cmd 57a
    "TOT_RESS_PAG_MVE",  # cmd 53
    "TOT_RESS_REC_MVE",  # cmd 52
    "RESS_INAD_P_MVE",  # cmd 70b
    "RESS_P_MVE",  # cmd 70b
)

_ALIASES = {"NIPCA": ("IPCA",), "ADDC_TOT_LIQ_MVE": ("ADDC_LIQ_MVE",)}


# ----------------------------------------------------------------------------------------------------
# Small helpers: months, decimals, table access
# ----------------------------------------------------------------------------------------------------

_RE_MES = re.compile(r"^(\d{4})-(\d{2})$")


def mes_para_int(mes: str, tabela: str = "mes") -> int:
    """``"2026-03"`` -> 2026*12 + 2 (a month counter)."""
    if not isinstance(mes, str) or not (ok := _RE_MES.match(mes)) or not 1 <= int(ok.group(2)) <= 12:
        raise ErroEntradaMVE(tabela, f"mês inválido {mes!r} (use 'YYYY-MM')")
    return int(ok.group(1)) * 12 + int(ok.group(2)) - 1


def int_para_mes(i: int) -> str:
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def _e_dezembro(i: int) -> bool:
    return i % 12 == 11


def _dec(valor: Any, tabela: str, coluna: str) -> Decimal:
    if isinstance(valor, Decimal):
        if not valor.is_finite():
            raise ErroEntradaMVE(tabela, f"coluna {coluna}: valor não finito {valor!r}")
        return valor
    if isinstance(valor, bool) or isinstance(valor, float):
        raise ErroEntradaMVE(tabela, f"coluna {coluna}: {type(valor).__name__} não é aceito (use Decimal, int ou str)")
    if isinstance(valor, int):
        return Decimal(valor)
    if isinstance(valor, str):
        try:
            d = Decimal(valor)
        except decimal.InvalidOperation:
            raise ErroEntradaMVE(tabela, f"coluna {coluna}: {valor!r} não é um número decimal") from None
        if not d.is_finite():
            raise ErroEntradaMVE(tabela, f"coluna {coluna}: valor não finito {valor!r}")
        return d
    raise ErroEntradaMVE(tabela, f"coluna {coluna}: tipo {type(valor).__name__} não é aceito")


def _bool(valor: Any, tabela: str, coluna: str) -> bool:
    if isinstance(valor, bool):
        return valor
    if isinstance(valor, int) and valor in (0, 1):
        return bool(valor)
    if isinstance(valor, str) and valor.strip().lower() in ("true", "false", "sim", "nao", "não", "1", "0"):
        return valor.strip().lower() in ("true", "sim", "1")
    raise ErroEntradaMVE(tabela, f"coluna {coluna}: {valor!r} não é booleano")


def _tabela(entradas: Mapping[str, Sequence[Mapping[str, Any]]], nome: str) -> tuple[str, Sequence[Mapping[str, Any]] | None]:
    """(name actually used, rows) — the seed name first, then its documented aliases."""
    for n in (nome,) + _ALIASES.get(nome, ()):
        if n in entradas:
            return n, entradas[n]
    return nome, None


def _obrigatoria(entradas: Mapping[str, Any], nome: str) -> Sequence[Mapping[str, Any]]:
    _, linhas = _tabela(entradas, nome)
    if linhas is None:
        raise ErroEntradaMVE(nome, "tabela obrigatória ausente das entradas")
    return linhas


def _col(linha: Mapping[str, Any], coluna: str, tabela: str) -> Any:
    try:
        return linha[coluna]
    except KeyError:
        raise ErroEntradaMVE(tabela, f"linha sem a coluna '{coluna}': {dict(linha)!r}") from None


def _valor(linha: Mapping[str, Any], tabela: str, nome_valor: str | None = None) -> Decimal:
    """The value column is named like the variable; an alias table may use its own name."""
    nome_valor = nome_valor or tabela
    for n in (nome_valor,) + _ALIASES.get(nome_valor, ()):
        if n in linha:
            return _dec(linha[n], tabela, n)
    raise ErroEntradaMVE(tabela, f"linha sem a coluna de valor '{nome_valor}': {dict(linha)!r}")


def _soma(destino: dict, chave: Any, valor: Decimal) -> None:
    destino[chave] = destino[chave] + valor if chave in destino else valor


def _divide(num: Decimal, den: Decimal) -> Decimal:
    """DECISÃO D12 (zero denominators, spec M57): a factor whose denominator is 0 is 0."""
    return ZERO if den == 0 else num / den


# ----------------------------------------------------------------------------------------------------
# Static inputs, indexed once
# ----------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Contrato:
    """One MVE contract e, as a member of VINC_V_MVE (seller) and VINC_C_MVE (buyer)."""

    contrato: str
    vigencia: str
    perfil_vendedor: str
    perfil_comprador: str
    agente_vendedor: str
    agente_comprador: str
    prod: tuple[str, str, str, str, str]
    inicio: int
    fim: int
    tipo_vigencia: str
    anterior_garantias: bool
    mes_processamento: int
    MV_MVE_PRE: Decimal
    PRECO_CT_MVE: Decimal | None
    SPREAD_CT_MVE: Decimal | None
    lance_compra: str | None

    @property
    def submercado(self) -> str:
        return self.prod[0]

    @property
    def processamento(self) -> str:
        return self.prod[1]

    @property
    def tipo_preco(self) -> str:
        return self.prod[4]

    @property
    def plurianual(self) -> bool:
        return self.tipo_vigencia == "plurianual"

    @property
    def mensal(self) -> bool:
        return self.tipo_vigencia == "mensal"


@dataclass
class Base:
    contratos: list[Contrato]
    por_id: dict[str, Contrato]
    perfil_agente: dict[str, str]
    papel: dict[str, str]  # perfil -> "V" (vendedor) | "C" (comprador)
    M_HORAS: dict[int, Decimal]
    PLD_MS: dict[tuple[str, int], Decimal]
    NIPCA: dict[int, Decimal]
    F_MRES_CT: dict[str, list[tuple[int, Decimal]]]
    MV_registrado: dict[tuple[str, str], Decimal]
    processamentos: dict[str, tuple[int, bool]]
    entradas: Mapping[str, Sequence[Mapping[str, Any]]]
    # monthly inputs, indexed by month counter
    ADDC_TOT_LIQ_MVE: dict[int, dict[tuple, Decimal]] = field(default_factory=dict)
    AJUSTE_MVE: dict[int, dict[tuple, Decimal]] = field(default_factory=dict)
    TOT_EFE_PAG_MVE: dict[int, dict[tuple, Decimal]] = field(default_factory=dict)
    ADDC_MV_MVE: dict[int, dict[tuple, Decimal]] = field(default_factory=dict)
    ENC_MOR_MVE: dict[int, dict[tuple, Decimal]] = field(default_factory=dict)
    NAO_APORTE_GFC: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    EVENTO_RESCISAO_MVE: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    RESCISOES_INICIAIS: dict[str, tuple[int, str]] = field(default_factory=dict)
    contratos_do_agente_comprador: dict[str, list[Contrato]] = field(default_factory=dict)

    def horas(self, m: int) -> Decimal:
        try:
            return self.M_HORAS[m]
        except KeyError:
            raise ErroEntradaMVE("M_HORAS", f"sem linha para o mês {int_para_mes(m)}") from None

    def pld(self, s: str, m: int) -> Decimal:
        try:
            return self.PLD_MS[(s, m)]
        except KeyError:
            raise ErroEntradaMVE("PLD_MS", f"sem linha para submercado {s!r}, mês {int_para_mes(m)}") from None

    def nipca(self, m: int) -> Decimal:
        try:
            return self.NIPCA[m]
        except KeyError:
            raise ErroEntradaMVE("NIPCA", f"sem número-índice do IPCA para o mês {int_para_mes(m)}") from None

    def f_mres_ct(self, m: int, x: str) -> Decimal:
        """F_MRES_CT[m,x]. DECISÃO D17: the row of month m, or else the latest row of x before m."""
        melhor = None
        for mes, valor in self.F_MRES_CT.get(x, ()):
            if mes <= m:
                melhor = valor
        if melhor is None:
            raise ErroEntradaMVE("F_MRES_CT", f"sem fator para o processamento {x!r} até o mês {int_para_mes(m)}")
        return melhor


def _tipo_vigencia(n_meses: int) -> str:
    return {1: "mensal", 3: "trimestral", 6: "semestral", 12: "anual"}.get(
        n_meses, "plurianual" if n_meses > 12 else "outra"
    )


def _prod_de(linha: Mapping[str, Any], tabela: str) -> tuple[str, str, str, str, str]:
    prod = tuple(str(_col(linha, c, tabela)) for c in COLS_PROD)
    if prod[3] not in TIPOS_ENERGIA:
        raise ErroEntradaMVE(tabela, f"tipo_energia {prod[3]!r} inválido (use {TIPOS_ENERGIA})")
    if prod[4] not in TIPOS_PRECO:
        raise ErroEntradaMVE(tabela, f"tipo_preco {prod[4]!r} inválido (use {TIPOS_PRECO})")
    return prod  # type: ignore[return-value]


def preparar(entradas: Mapping[str, Sequence[Mapping[str, Any]]]) -> Base:
    """Validate and index the static input tables (done once for a multi-month run)."""
    with decimal.localcontext(CONTEXTO):
        return _preparar(entradas)


def _preparar(entradas: Mapping[str, Sequence[Mapping[str, Any]]]) -> Base:
    # Set A_alpha: the profiles of each agent.
    perfil_agente: dict[str, str] = {}
    for ln in _obrigatoria(entradas, "A_ALPHA"):
        a, alfa = str(_col(ln, "perfil", "A_ALPHA")), str(_col(ln, "agente", "A_ALPHA"))
        if perfil_agente.setdefault(a, alfa) != alfa:
            raise ErroEntradaMVE("A_ALPHA", f"perfil {a!r} em dois agentes")

    # Vigências v: start and end months; the kind (mensal/.../plurianual) is given or derived.
    vigencias: dict[str, tuple[int, int, str]] = {}
    for ln in _obrigatoria(entradas, "VIGENCIA_MVE"):
        v = str(_col(ln, "vigencia", "VIGENCIA_MVE"))
        ini = mes_para_int(_col(ln, "inicio", "VIGENCIA_MVE"), "VIGENCIA_MVE")
        fim = mes_para_int(_col(ln, "fim", "VIGENCIA_MVE"), "VIGENCIA_MVE")
        if fim < ini:
            raise ErroEntradaMVE("VIGENCIA_MVE", f"vigência {v!r} termina antes de começar")
        tipo = ln.get("tipo_vigencia") or _tipo_vigencia(fim - ini + 1)
        if tipo not in TIPOS_VIGENCIA:
            raise ErroEntradaMVE("VIGENCIA_MVE", f"tipo_vigencia {tipo!r} inválido (use {TIPOS_VIGENCIA})")
        vigencias[v] = (ini, fim, tipo)

    # Processings x: month m* and whether they predate the MVE Financial Guarantees.
    processamentos: dict[str, tuple[int, bool]] = {}
    for ln in _obrigatoria(entradas, "PROCESSAMENTO_MVE"):
        x = str(_col(ln, "processamento", "PROCESSAMENTO_MVE"))
        processamentos[x] = (
            mes_para_int(_col(ln, "mes_processamento", "PROCESSAMENTO_MVE"), "PROCESSAMENTO_MVE"),
            _bool(_col(ln, "anterior_garantias_financeiras", "PROCESSAMENTO_MVE"), "PROCESSAMENTO_MVE",
                  "anterior_garantias_financeiras"),
        )

    # Contract membership in the product sets.
    vend: dict[str, tuple[str, tuple]] = {}
    for ln in _obrigatoria(entradas, "VINC_V_MVE"):
        e = str(_col(ln, "contrato", "VINC_V_MVE"))
        if e in vend:
            raise ErroEntradaMVE("VINC_V_MVE", f"contrato {e!r} repetido")
        vend[e] = (str(_col(ln, "perfil_vendedor", "VINC_V_MVE")), _prod_de(ln, "VINC_V_MVE"))
    comp: dict[str, tuple[str, tuple, str | None]] = {}
    for ln in _obrigatoria(entradas, "VINC_C_MVE"):
        e = str(_col(ln, "contrato", "VINC_C_MVE"))
        if e in comp:
            raise ErroEntradaMVE("VINC_C_MVE", f"contrato {e!r} repetido")
        lc = ln.get("lance_compra")
        comp[e] = (str(_col(ln, "perfil_comprador", "VINC_C_MVE")), _prod_de(ln, "VINC_C_MVE"),
                   None if lc is None else str(lc))
    if set(vend) != set(comp):
        falta = sorted(set(vend) ^ set(comp))[:5]
        raise ErroEntradaMVE("VINC_C_MVE", f"contratos que não estão em VINC_V_MVE e VINC_C_MVE: {falta}")

    # DECISÃO D3: a profile is a seller (distributor) or a buyer, never both (seed §1: sellers are the
    # distributors, buyers the other agents); M21's role split of TOT_AJUSTES_MVE relies on it.
    papel: dict[str, str] = {}
    for e, (av, _) in vend.items():
        papel[av] = "V"
    for e, (ac, _, _) in comp.items():
        if papel.get(ac) == "V":
            raise ErroEntradaMVE("VINC_C_MVE", f"perfil {ac!r} é vendedor e comprador (DECISÃO D3)")
        papel[ac] = "C"

    mv_pre: dict[str, tuple[str, Decimal]] = {}
    for ln in _obrigatoria(entradas, "MV_MVE_PRE"):
        e = str(_col(ln, "contrato", "MV_MVE_PRE"))
        if e in mv_pre:
            raise ErroEntradaMVE("MV_MVE_PRE", f"contrato {e!r} com mais de uma linha")
        mv_pre[e] = (str(_col(ln, "vigencia", "MV_MVE_PRE")), _valor(ln, "MV_MVE_PRE"))

    def _por_contrato(nome: str) -> dict[str, Decimal]:
        _, linhas = _tabela(entradas, nome)
        out: dict[str, Decimal] = {}
        for ln in linhas or ():
            out[str(_col(ln, "contrato", nome))] = _valor(ln, nome)
        return out

    preco_ct, spread_ct = _por_contrato("PRECO_CT_MVE"), _por_contrato("SPREAD_CT_MVE")

    def _por_lance(nome: str) -> dict[tuple, Decimal]:
        _, linhas = _tabela(entradas, nome)
        out: dict[tuple, Decimal] = {}
        for ln in linhas or ():
            out[(str(_col(ln, "lance_compra", nome)), _prod_de(ln, nome))] = _valor(ln, nome)
        return out

    preco_n, spread_n = _por_lance("PRECO_N_MVE"), _por_lance("SPREAD_N_MVE")

    contratos: list[Contrato] = []
    for e in sorted(vend):
        av, prod = vend[e]
        ac, prod_c, lc = comp[e]
        if prod != prod_c:
            raise ErroEntradaMVE("VINC_C_MVE", f"contrato {e!r}: produto {prod_c} difere do de VINC_V_MVE {prod}")
        if e not in mv_pre:
            raise ErroEntradaMVE("MV_MVE_PRE", f"sem montante para o contrato {e!r}")
        v, mv = mv_pre[e]
        if v != prod[2]:
            raise ErroEntradaMVE("MV_MVE_PRE", f"contrato {e!r}: vigência {v!r} difere da do produto {prod[2]!r}")
        if v not in vigencias:
            raise ErroEntradaMVE("VIGENCIA_MVE", f"vigência {v!r} (contrato {e!r}) sem linha")
        x = prod[1]
        if x not in processamentos:
            raise ErroEntradaMVE("PROCESSAMENTO_MVE", f"processamento {x!r} (contrato {e!r}) sem linha")
        for a in (av, ac):
            if a not in perfil_agente:
                raise ErroEntradaMVE("A_ALPHA", f"perfil {a!r} (contrato {e!r}) sem agente")
        preco = spread = None
        if prod[4] == PF:
            # MVE cmd 36: PRECO_CT_MVE[e,v] = PRECO_N_MVE[lc,s,x,v,te,tp] (fixed price)
            preco = _preco_do_contrato(e, lc, prod, preco_ct, preco_n, "PRECO_CT_MVE", "PRECO_N_MVE")
        else:
            # MVE cmd 36: SPREAD_CT_MVE[e,v] = SPREAD_N_MVE[lc,s,x,v,te,tp] (PLD + spread)
            spread = _preco_do_contrato(e, lc, prod, spread_ct, spread_n, "SPREAD_CT_MVE", "SPREAD_N_MVE")
        ini, fim, tipo = vigencias[v]
        contratos.append(
            Contrato(
                contrato=e, vigencia=v, perfil_vendedor=av, perfil_comprador=ac,
                agente_vendedor=perfil_agente[av], agente_comprador=perfil_agente[ac], prod=prod,
                inicio=ini, fim=fim, tipo_vigencia=tipo, anterior_garantias=processamentos[x][1],
                mes_processamento=processamentos[x][0], MV_MVE_PRE=mv, PRECO_CT_MVE=preco,
                SPREAD_CT_MVE=spread, lance_compra=lc,
            )
        )

    M_HORAS = {mes_para_int(_col(ln, "mes", "M_HORAS"), "M_HORAS"): _valor(ln, "M_HORAS")
               for ln in _tabela(entradas, "M_HORAS")[1] or ()}
    if "M_HORAS" not in entradas:
        raise ErroEntradaMVE("M_HORAS", "tabela obrigatória ausente das entradas")
    PLD_MS = {(str(_col(ln, "submercado", "PLD_MS")), mes_para_int(_col(ln, "mes", "PLD_MS"), "PLD_MS")):
              _valor(ln, "PLD_MS") for ln in _tabela(entradas, "PLD_MS")[1] or ()}
    nome_ipca, linhas_ipca = _tabela(entradas, "NIPCA")
    NIPCA = {mes_para_int(_col(ln, "mes", nome_ipca), nome_ipca): _valor(ln, "NIPCA") for ln in linhas_ipca or ()}
    F_MRES: dict[str, list[tuple[int, Decimal]]] = defaultdict(list)
    for ln in _tabela(entradas, "F_MRES_CT")[1] or ():
        F_MRES[str(_col(ln, "processamento", "F_MRES_CT"))].append(
            (mes_para_int(_col(ln, "mes", "F_MRES_CT"), "F_MRES_CT"), _valor(ln, "F_MRES_CT")))
    for lst in F_MRES.values():
        lst.sort(key=lambda t: t[0])
    MV_reg = {(str(_col(ln, "contrato", "MV")), str(_col(ln, "vigencia", "MV"))): _valor(ln, "MV")
              for ln in _tabela(entradas, "MV")[1] or ()}

    base = Base(
        contratos=contratos, por_id={c.contrato: c for c in contratos}, perfil_agente=perfil_agente, papel=papel,
        M_HORAS=M_HORAS, PLD_MS=PLD_MS, NIPCA=NIPCA, F_MRES_CT=dict(F_MRES), MV_registrado=MV_reg,
        processamentos=processamentos, entradas=entradas,
    )
    for c in contratos:
        base.contratos_do_agente_comprador.setdefault(c.agente_comprador, []).append(c)

    # Monthly inputs.
    def _mensal(nome: str, cols: tuple[str, ...]) -> dict[int, dict[tuple, Decimal]]:
        n, linhas = _tabela(entradas, nome)
        out: dict[int, dict[tuple, Decimal]] = defaultdict(dict)
        for ln in linhas or ():
            m = mes_para_int(_col(ln, "mes", n), n)
            chave = tuple(str(_col(ln, c, n)) for c in cols)
            _soma(out[m], chave, _valor(ln, n, nome))
        return dict(out)

    base.ADDC_TOT_LIQ_MVE = _mensal("ADDC_TOT_LIQ_MVE", ("perfil",))
    base.AJUSTE_MVE = _mensal("AJUSTE_MVE", _PAR[:2] + COLS_PROD)
    base.TOT_EFE_PAG_MVE = _mensal("TOT_EFE_PAG_MVE", ("agente",))
    base.ADDC_MV_MVE = _mensal("ADDC_MV_MVE", ("contrato",))
    base.ENC_MOR_MVE = _mensal("ENC_MOR_MVE", _PAR)  # summed over mr (mes_referencia)
    for m, linhas in base.AJUSTE_MVE.items():
        for (ac, av, *prod) in linhas:
            if prod[1] not in processamentos:
                raise ErroEntradaMVE("PROCESSAMENTO_MVE", f"processamento {prod[1]!r} (AJUSTE_MVE) sem linha")
            if not processamentos[prod[1]][1]:
                raise ErroEntradaMVE("AJUSTE_MVE", f"processamento {prod[1]!r} tem garantias financeiras: "
                                     "os ajustes (cmds 49–51) são só para x anterior às garantias")
            if papel.setdefault(ac, "C") != "C" or papel.setdefault(av, "V") != "V":
                raise ErroEntradaMVE("AJUSTE_MVE", f"papéis trocados no par ({ac!r}, {av!r})")
            for a in (ac, av):
                if a not in perfil_agente:
                    raise ErroEntradaMVE("A_ALPHA", f"perfil {a!r} (AJUSTE_MVE) sem agente")
    for nome, tabela in (("ADDC_TOT_LIQ_MVE", base.ADDC_TOT_LIQ_MVE),):
        for linhas in tabela.values():
            for (a,) in linhas:
                if a not in perfil_agente:
                    raise ErroEntradaMVE("A_ALPHA", f"perfil {a!r} ({nome}) sem agente")
    for ln in _tabela(entradas, "NAO_APORTE_GFC")[1] or ():
        m = mes_para_int(_col(ln, "mes", "NAO_APORTE_GFC"), "NAO_APORTE_GFC")
        x = str(_col(ln, "processamento", "NAO_APORTE_GFC"))
        if processamentos.get(x, (0, False))[1]:
            raise ErroEntradaMVE("NAO_APORTE_GFC", f"processamento {x!r} é anterior às garantias financeiras")
        base.NAO_APORTE_GFC.setdefault(m, set()).add((str(_col(ln, "agente", "NAO_APORTE_GFC")), x))
    for ln in _tabela(entradas, "EVENTO_RESCISAO_MVE")[1] or ():
        m = mes_para_int(_col(ln, "mes", "EVENTO_RESCISAO_MVE"), "EVENTO_RESCISAO_MVE")
        motivo = str(_col(ln, "motivo", "EVENTO_RESCISAO_MVE"))
        if motivo not in MOTIVOS_EVENTO:
            raise ErroEntradaMVE("EVENTO_RESCISAO_MVE", f"motivo {motivo!r} inválido (use {MOTIVOS_EVENTO})")
        base.EVENTO_RESCISAO_MVE.setdefault(m, []).append((str(_col(ln, "agente", "EVENTO_RESCISAO_MVE")), motivo))
    for ln in _tabela(entradas, "RESCISAO_MVE")[1] or ():
        e = str(_col(ln, "contrato", "RESCISAO_MVE"))
        base.RESCISOES_INICIAIS[e] = (mes_para_int(_col(ln, "mes", "RESCISAO_MVE"), "RESCISAO_MVE"),
                                      str(ln.get("motivo", "")))
    return base


def _preco_do_contrato(e, lc, prod, dado: dict, lances: dict, nome_ct: str, nome_n: str) -> Decimal:
    """MVE cmd 36. DECISÃO D1: PRECO_CT_MVE/SPREAD_CT_MVE may be given (2.3.7 lists them as inputs) or
    derived from the buyer's bid (lance_compra in VINC_C_MVE); when both exist they must agree."""
    derivado = lances.get((lc, prod)) if lc is not None else None
    if e in dado:
        if derivado is not None and derivado != dado[e]:
            raise ErroEntradaMVE(nome_ct, f"contrato {e!r}: {dado[e]} difere de {nome_n}[{lc}] = {derivado}")
        return dado[e]
    if derivado is None:
        raise ErroEntradaMVE(nome_ct, f"sem valor para o contrato {e!r} (nem {nome_n} via lance_compra)")
    return derivado


# ----------------------------------------------------------------------------------------------------
# Previous-month values (state)
# ----------------------------------------------------------------------------------------------------


def _ler_tabela(nome: str, linhas: Iterable[Mapping[str, Any]], m1: int | None) -> dict[tuple, Decimal]:
    var = VARIAVEIS[nome]
    out: dict[tuple, Decimal] = {}
    for ln in linhas:
        if m1 is not None and mes_para_int(_col(ln, "mes", nome), nome) != m1:
            continue
        out[tuple(str(_col(ln, c, nome)) for c in var.indices)] = _valor(ln, nome)
    return out


@dataclass
class Anterior:
    """Values of month m-1 (``valores``), the IPCA-updated prices valid for m, and terminations so far."""

    valores: dict[str, dict[tuple, Decimal]]
    preco_a: dict[str, Decimal]
    spread_a: dict[str, Decimal]
    rescisoes: dict[str, tuple[int, str]]


def _anterior(base: Base, m: int, estado: Mapping[str, Sequence[Mapping[str, Any]]] | None) -> Anterior:
    if estado is None:
        # First month of a run: previous-month values may come as input rows with mes = m-1.
        valores = {n: _ler_tabela(n, _tabela(base.entradas, n)[1] or (), m - 1) for n in CARREGADAS_M1}
        return Anterior(valores, {}, {}, dict(base.RESCISOES_INICIAIS))
    meta = estado.get("ESTADO_MVE") or [{}]
    if meta[0].get("mes") != int_para_mes(m - 1):
        raise ErroEntradaMVE("ESTADO_MVE", f"estado_anterior é do mês {meta[0].get('mes')!r}, "
                             f"esperado {int_para_mes(m - 1)!r}")
    valores = {n: _ler_tabela(n, estado.get(n, ()), None) for n in CARREGADAS_M1}
    preco_a = {str(ln["contrato"]): _dec(ln["PRECO_CT_MVE_A"], "ESTADO_MVE", "PRECO_CT_MVE_A")
               for ln in estado.get("PRECO_CT_MVE_A", ()) if ln["mes"] == int_para_mes(m)}
    spread_a = {str(ln["contrato"]): _dec(ln["SPREAD_CT_MVE_A"], "ESTADO_MVE", "SPREAD_CT_MVE_A")
                for ln in estado.get("SPREAD_CT_MVE_A", ()) if ln["mes"] == int_para_mes(m)}
    rescisoes = dict(base.RESCISOES_INICIAIS)
    for ln in estado.get("RESCISAO_MVE", ()):
        rescisoes[str(ln["contrato"])] = (mes_para_int(ln["mes"]), str(ln.get("motivo", "")))
    return Anterior(valores, preco_a, spread_a, rescisoes)


# ----------------------------------------------------------------------------------------------------
# §2.3.1–2.3.2: contract prices (cmds 35–38)
# ----------------------------------------------------------------------------------------------------

# MVE cmd 35 (text): the values are needed for the MVE-specific settlement and to make contracts effective
# once paid. Its checkable consequence is that every contract in supply is valued (cmds 39–44).


def em_suprimento(c: Contrato, m: int, rescisoes: Mapping[str, tuple[int, str]]) -> bool:
    """"∀ v ∈ m, somente para contratos em suprimento": v contains m and the contract was not terminated
    in an earlier month. DECISÃO D14: a contract terminated in month m is still settled in m."""
    if not c.inicio <= m <= c.fim:
        return False
    r = rescisoes.get(c.contrato)
    return r is None or r[0] >= m


def _dezembro_de_atualizacao(c: Contrato, m: int) -> int | None:
    """The December whose update is in force in month m: the latest December d with inicio <= d < m.

    MVE cmd 37 + "Importante": PRECO_CT_MVE_A starts, equal to PRECO_CT_MVE, in the month before supply
    starts; "a atualização pelo IPCA ocorrerá apenas a partir do final do primeiro ano de suprimento,
    válido para o mês subsequente". DECISÃO D2: the first update is the December that closes the first
    calendar year of supply (the first December >= inicio), valid from the next January; a December
    before supply starts (e.g. the one just before a January start) never updates.
    """
    d = m - 1
    while d >= c.inicio:
        if _e_dezembro(d):
            return d
        d -= 1
    return None


def comando_37_preco_atualizado(base: Base, c: Contrato, m: int, ant: Anterior) -> tuple[Decimal | None, Decimal | None]:
    """MVE cmd 37: PRECO_CT_MVE_A[e,v,m] / SPREAD_CT_MVE_A[e,v,m] (multi-year products only).

    (i) December:  X_A[e,v,m+1] = X[e,v] * NIPCA[m-1] / NIPCA[m*]   (m* = month of processing x)
    (ii) other:    X_A[e,v,m+1] = X_A[e,v,m]
    The value carried in the state (computed last month as "m+1") is used when present; otherwise the
    recursion is unrolled (the December rule applies to the original price, so this is exact).
    """
    if not c.plurianual:
        # Only multi-year products have an updated price (cmd 38 uses the traded one for the others); without
        # this, an annual product crossing December would demand NIPCA rows it never uses (fixed with the
        # vectorized engine: NIPCA is read only for multi-year contracts, as docs/mve.md says).
        return c.PRECO_CT_MVE, c.SPREAD_CT_MVE
    if c.contrato in ant.preco_a or c.contrato in ant.spread_a:
        return ant.preco_a.get(c.contrato), ant.spread_a.get(c.contrato)
    d = _dezembro_de_atualizacao(c, m)
    if d is None:
        return c.PRECO_CT_MVE, c.SPREAD_CT_MVE
    return _atualiza(base, c, d)


def _atualiza(base: Base, c: Contrato, dezembro: int) -> tuple[Decimal | None, Decimal | None]:
    # MVE cmd 37 (i): X[e,v] * NIPCA[m-1] / NIPCA[m*], evaluated left to right (one rounding).
    num, den = base.nipca(dezembro - 1), base.nipca(c.mes_processamento)
    preco = None if c.PRECO_CT_MVE is None else c.PRECO_CT_MVE * num / den
    spread = None if c.SPREAD_CT_MVE is None else c.SPREAD_CT_MVE * num / den
    return preco, spread


def comando_37_proximo_mes(base: Base, c: Contrato, m: int, atual: tuple) -> tuple[Decimal | None, Decimal | None]:
    """MVE cmd 37, the recursion step: X_A[e,v,m+1] from month m (kept in the state)."""
    if _e_dezembro(m) and m >= c.inicio:
        return _atualiza(base, c, m)  # (i)
    return atual  # (ii)


def comando_38_preco_mes(c: Contrato, preco_a: Decimal | None, spread_a: Decimal | None) -> tuple:
    """MVE cmd 38: PRECO_CT_MVE_M / SPREAD_CT_MVE_M = the _A value for multi-year products, else the
    originally traded PRECO_CT_MVE / SPREAD_CT_MVE."""
    if c.plurianual:
        return preco_a, spread_a
    return c.PRECO_CT_MVE, c.SPREAD_CT_MVE


# ----------------------------------------------------------------------------------------------------
# The monthly calculation
# ----------------------------------------------------------------------------------------------------


class _Mes:
    """Working tables of one month, keyed by index tuples (see VARIAVEIS for the column order)."""

    def __init__(self) -> None:
        self.t: dict[str, dict[tuple, Any]] = defaultdict(dict)

    def __getitem__(self, nome: str) -> dict[tuple, Any]:
        return self.t[nome]


def comando_39_a_44(base: Base, m: int, ativos: list[Contrato], precos: dict[str, tuple], r: _Mes) -> None:
    """MVE cmds 39–44: values to receive (sellers, VINC_V_MVE) and to pay (buyers, VINC_C_MVE)."""
    H = base.horas(m)
    for c in ativos:
        preco_m, spread_m = precos[c.contrato]
        if c.tipo_preco == PF:
            # MVE cmd 39 (b): VLR_MVE_PF_CT[e,m] = MV_MVE_PRE[e,v] * M_HORAS[m] * PRECO_CT_MVE_M[e,v,m]
            vlr = c.MV_MVE_PRE * H * preco_m
            # MVE cmd 42 (b): VLP_MVE_PF_CT[e,m] = MV_MVE_PRE[e,v] * M_HORAS[m] * PRECO_CT_MVE_M[e,v,m]
            vlp = c.MV_MVE_PRE * H * preco_m
            r["VLR_MVE_PF_CT"][(c.contrato,)] = vlr
            r["VLP_MVE_PF_CT"][(c.contrato,)] = vlp
            # MVE cmd 39 (a): VLR_MVE_PF_PROD[a,PROD,m] = sum_{e in VINC_V_MVE, e in a} VLR_MVE_PF_CT[e,m]
            _soma(r["VLR_MVE_PF_PROD"], (c.perfil_vendedor,) + c.prod, vlr)
            # MVE cmd 42 (a): VLP_MVE_PF_PROD[a,PROD,m] = sum_{e in VINC_C_MVE, e in a} VLP_MVE_PF_CT[e,m]
            _soma(r["VLP_MVE_PF_PROD"], (c.perfil_comprador,) + c.prod, vlp)
        else:
            pld = base.pld(c.submercado, m)
            # MVE cmd 40 (b): VLR_MVE_PV_CT[e,m] = MV_MVE_PRE[e,v] * M_HORAS[m] * (PLD_MS[s,m] + SPREAD_CT_MVE_M[e,v,m])
            vlr = c.MV_MVE_PRE * H * (pld + spread_m)
            # MVE cmd 43 (b): VLP_MVE_PV_CT[e,m] = MV_MVE_PRE[e,v] * M_HORAS[m] * (PLD_MS[s,m] + SPREAD_CT_MVE_M[e,v,m])
            vlp = c.MV_MVE_PRE * H * (pld + spread_m)
            r["VLR_MVE_PV_CT"][(c.contrato,)] = vlr
            r["VLP_MVE_PV_CT"][(c.contrato,)] = vlp
            # MVE cmd 40 (a) / 43 (a): per product
            _soma(r["VLR_MVE_PV_PROD"], (c.perfil_vendedor,) + c.prod, vlr)
            _soma(r["VLP_MVE_PV_PROD"], (c.perfil_comprador,) + c.prod, vlp)
        r["VLR_MVE_PF"].setdefault((c.perfil_vendedor,), ZERO)
        r["VLR_MVE_PV"].setdefault((c.perfil_vendedor,), ZERO)
        r["VLP_MVE_PF"].setdefault((c.perfil_comprador,), ZERO)
        r["VLP_MVE_PV"].setdefault((c.perfil_comprador,), ZERO)
    # MVE cmd 39: VLR_MVE_PF[a,m] = sum_{s,x,v,te} VLR_MVE_PF_PROD[a,s,x,v,te,tp=PF,m]   (x sum implied, M15)
    for (a, *_), val in r["VLR_MVE_PF_PROD"].items():
        _soma(r["VLR_MVE_PF"], (a,), val)
    # MVE cmd 40: VLR_MVE_PV[a,m] = sum_{s,x,v,te} VLR_MVE_PV_PROD[a,s,x,v,te,tp=PV,m]
    for (a, *_), val in r["VLR_MVE_PV_PROD"].items():
        _soma(r["VLR_MVE_PV"], (a,), val)
    # MVE cmd 41: VLR_MVE[a,m] = VLR_MVE_PF[a,m] + VLR_MVE_PV[a,m]
    for k in r["VLR_MVE_PF"]:
        r["VLR_MVE"][k] = r["VLR_MVE_PF"][k] + r["VLR_MVE_PV"][k]
    # MVE cmd 42: VLP_MVE_PF[a,m] = sum_{s,x,v,te} VLP_MVE_PF_PROD[a,s,x,v,te,tp=PF,m]
    for (a, *_), val in r["VLP_MVE_PF_PROD"].items():
        _soma(r["VLP_MVE_PF"], (a,), val)
    # MVE cmd 43: VLP_MVE_PV[a,m] = sum_{s,x,v,te} VLP_MVE_PV_PROD[a,s,x,v,te,tp=PV,m]
    for (a, *_), val in r["VLP_MVE_PV_PROD"].items():
        _soma(r["VLP_MVE_PV"], (a,), val)
    # MVE cmd 44: VLP_MVE[a,m] = VLP_MVE_PV[a,m] + VLP_MVE_PF[a,m]
    for k in r["VLP_MVE_PF"]:
        r["VLP_MVE"][k] = r["VLP_MVE_PV"][k] + r["VLP_MVE_PF"][k]


def _e_anterior(base: Base, x: str) -> bool:
    return base.processamentos.get(x, (0, False))[1]


def comando_46_a_51(base: Base, m: int, ant: Anterior, r: _Mes) -> None:
    """MVE cmds 45–51: adjustments for contracts registered before the Financial Guarantees."""
    # MVE cmd 45 (text): adjustments treat still-open ressarcimento of earlier settlements and
    # administrative/judicial decisions; only "x anterior às garantias financeiras" (checked in preparar).
    tot_aj_1 = ant.valores["TOT_AJUSTES_MVE"]
    f_inad_1 = ant.valores["F_INAD_EFE_MVE"]
    vlp_aju_1 = ant.valores["VLP_MVE_PROD_AJU"]
    f_vend_1 = ant.valores["F_VEND_MVE_PROD"]

    # MVE cmd 46: VALOR_INAD_PERF_MVE[a,m] = TOT_AJUSTES_MVE[a,m-1] * F_INAD_EFE_MVE[α,m-1]
    for (a,), tot in tot_aj_1.items():
        alfa = base.perfil_agente.get(a)
        r["VALOR_INAD_PERF_MVE"][(a,)] = tot * f_inad_1.get((alfa,), ZERO)

    # MVE cmd 47: VALOR_INAD_PROD_MVE[a,PROD,m] = VALOR_INAD_PERF_MVE[a,m] * VLP_MVE_PROD_AJU[a,PROD,m-1]
    #                                            / sum_{PROD} VLP_MVE_PROD_AJU[a,PROD,m-1]
    # DECISÃO D5: printed with [m], which is circular (47->48->49->50->56a->47); the text says
    # "considerando o mês anterior", so m-1. DECISÃO D6: only products of x anterior às garantias, and the
    # denominator sums the same products, so the shares add to 1.
    por_perfil: dict[str, list[tuple[tuple, Decimal]]] = defaultdict(list)
    for (a, *prod), val in vlp_aju_1.items():
        if _e_anterior(base, prod[1]):
            por_perfil[a].append((tuple(prod), val))
    for (a,), valor_perf in r["VALOR_INAD_PERF_MVE"].items():
        if valor_perf == 0:
            continue
        linhas = por_perfil.get(a, [])
        total = sum((v for _, v in linhas), ZERO)
        for prod, val in linhas:
            r["VALOR_INAD_PROD_MVE"][(a,) + prod] = ZERO if total == 0 else valor_perf * val / total

    # MVE cmd 48: AJUSTE_INAD_MVE[ac,av,PROD,m] = VALOR_INAD_PROD_MVE[ac,PROD,m] * F_VEND_MVE_PROD[av,PROD,m-1]
    # (printed with a single "a"; read ac on the first factor and av on the second, spec M19)
    vendedores_1: dict[tuple, list[tuple[str, Decimal]]] = defaultdict(list)
    for (av, *prod), f in f_vend_1.items():
        vendedores_1[tuple(prod)].append((av, f))
    for (ac, *prod), valor_prod in r["VALOR_INAD_PROD_MVE"].items():
        for av, f in vendedores_1.get(tuple(prod), ()):
            r["AJUSTE_INAD_MVE"][(ac, av) + tuple(prod)] = valor_prod * f

    # MVE cmd 49: AJUSTE_MVE_F[ac,av,PROD,m] = AJUSTE_INAD_MVE[ac,av,PROD,m] + AJUSTE_MVE[ac,av,PROD,m]
    ajuste_mve = base.AJUSTE_MVE.get(m, {})
    for k in sorted(set(r["AJUSTE_INAD_MVE"]) | set(ajuste_mve)):
        r["AJUSTE_MVE_F"][k] = r["AJUSTE_INAD_MVE"].get(k, ZERO) + ajuste_mve.get(k, ZERO)

    # MVE cmd 50: AJUSTES_MVE_PROD[a,PROD,m] = sum_{av} AJUSTE_MVE_F (a = ac) ; = sum_{ac} AJUSTE_MVE_F (a = av)
    for (ac, av, *prod), val in r["AJUSTE_MVE_F"].items():
        _soma(r["AJUSTES_MVE_PROD"], (ac,) + tuple(prod), val)
        _soma(r["AJUSTES_MVE_PROD"], (av,) + tuple(prod), val)

    # MVE cmd 51: TOT_AJUSTES_MVE[a,m] = sum_{s,x,v,te,tp} AJUSTES_MVE_PROD[a,s,x,v,te,tp,m]
    for (a, *_), val in r["AJUSTES_MVE_PROD"].items():
        _soma(r["TOT_AJUSTES_MVE"], (a,), val)


def comando_52_a_54(base: Base, m: int, ant: Anterior, r: _Mes) -> None:
    """MVE cmds 52–54: totals to receive, to pay, and the agent's total to settle."""
    rec_1 = ant.valores["TOT_RESS_REC_MVE"]
    pag_1 = ant.valores["TOT_RESS_PAG_MVE"]
    addc = base.ADDC_TOT_LIQ_MVE.get(m, {})
    perfis = set(r["VLR_MVE"]) | set(r["VLP_MVE"]) | set(rec_1) | set(pag_1) | set(r["TOT_AJUSTES_MVE"]) | set(addc)
    for k in sorted(perfis):
        (a,) = k
        if a not in base.perfil_agente:
            raise ErroEntradaMVE("A_ALPHA", f"perfil {a!r} sem agente")
        aj = r["TOT_AJUSTES_MVE"].get(k, ZERO)
        # DECISÃO D4 (spec M21): TOT_AJUSTES_MVE is printed in both 52 and 53, where it would cancel in 54;
        # it counts on the receiving side for a seller profile and on the paying side for a buyer profile.
        papel = base.papel.get(a)
        # MVE cmd 52: V_TOT_REC_MVE[a,m] = VLR_MVE[a,m] + TOT_RESS_REC_MVE[a,m-1] + TOT_AJUSTES_MVE[a,m]
        r["V_TOT_REC_MVE"][k] = r["VLR_MVE"].get(k, ZERO) + rec_1.get(k, ZERO) + (aj if papel == "V" else ZERO)
        # MVE cmd 53: V_TOT_PAG_MVE[a,m] = VLP_MVE[a,m] + TOT_RESS_PAG_MVE[a,m-1] + TOT_AJUSTES_MVE[a,m]
        r["V_TOT_PAG_MVE"][k] = r["VLP_MVE"].get(k, ZERO) + pag_1.get(k, ZERO) + (aj if papel == "C" else ZERO)
    # MVE cmd 54: TOT_LIQ_MVE[α,m] = sum_{a in Aα} (V_TOT_REC_MVE[a,m] - V_TOT_PAG_MVE[a,m] + ADDC_TOT_LIQ_MVE[a,m])
    for k in sorted(r["V_TOT_REC_MVE"]):
        alfa = base.perfil_agente[k[0]]
        _soma(r["TOT_LIQ_MVE"], (alfa,), r["V_TOT_REC_MVE"][k] - r["V_TOT_PAG_MVE"][k] + addc.get(k, ZERO))


def comando_56_a_59(base: Base, m: int, ant: Anterior, r: _Mes) -> None:
    """MVE cmds 55–59: the default-sharing factors of the month."""
    # MVE cmd 55 (text): (a) before the Financial Guarantees the debt is bilateral: only the sellers of the
    # products in which the defaulting buyer took part bear it; (b) with guarantees, the GFC is used or the
    # contract is rescinded. The factors below are the reference for that sharing.
    ress_pag_1 = ant.valores["RESS_PAG_MVE"]
    ress_rec_1 = ant.valores["RESS_REC_MVE"]

    # MVE cmd 56 (b): VLP_MVE_PROD[a,PROD,m] = VLP_MVE_PV_PROD[a,PROD,m] + VLP_MVE_PF_PROD[a,PROD,m]
    for k in sorted(set(r["VLP_MVE_PV_PROD"]) | set(r["VLP_MVE_PF_PROD"])):
        r["VLP_MVE_PROD"][k] = r["VLP_MVE_PV_PROD"].get(k, ZERO) + r["VLP_MVE_PF_PROD"].get(k, ZERO)
    # MVE cmd 57 (b): VLR_MVE_PROD[a,PROD,m] = VLR_MVE_PV_PROD[a,PROD,m] + VLR_MVE_PF_PROD[a,PROD,m]
    for k in sorted(set(r["VLR_MVE_PV_PROD"]) | set(r["VLR_MVE_PF_PROD"])):
        r["VLR_MVE_PROD"][k] = r["VLR_MVE_PV_PROD"].get(k, ZERO) + r["VLR_MVE_PF_PROD"].get(k, ZERO)

    aj_comp = {k: v for k, v in r["AJUSTES_MVE_PROD"].items() if base.papel.get(k[0]) == "C"}
    aj_vend = {k: v for k, v in r["AJUSTES_MVE_PROD"].items() if base.papel.get(k[0]) == "V"}
    # MVE cmd 56 (a): VLP_MVE_PROD_AJU[a,PROD,m] = VLP_MVE_PROD[a,PROD,m] + RESS_PAG_MVE[a,PROD,m-1]
    #                                               + AJUSTES_MVE_PROD[a,PROD,m]
    for k in sorted(set(r["VLP_MVE_PROD"]) | set(ress_pag_1) | set(aj_comp)):
        r["VLP_MVE_PROD_AJU"][k] = r["VLP_MVE_PROD"].get(k, ZERO) + ress_pag_1.get(k, ZERO) + aj_comp.get(k, ZERO)
    # MVE cmd 57 (a): VLR_MVE_PROD_AJU[a,PROD,m] = VLR_MVE_PROD[a,PROD,m] + RESS_REC_MVE[a,PROD,m-1]
    #                                               + AJUSTES_MVE_PROD[a,PROD,m]
    for k in sorted(set(r["VLR_MVE_PROD"]) | set(ress_rec_1) | set(aj_vend)):
        r["VLR_MVE_PROD_AJU"][k] = r["VLR_MVE_PROD"].get(k, ZERO) + ress_rec_1.get(k, ZERO) + aj_vend.get(k, ZERO)

    # MVE cmd 56: F_COMP_MVE_PROD[a,PROD,m] = VLP_MVE_PROD_AJU[a,PROD,m] / ((-1) * TOT_LIQ_MVE[α,m])
    # DECISÃO D7 (spec M24): only an agent that pays (TOT_LIQ_MVE < 0) can default; otherwise the factor is 0.
    for k, val in r["VLP_MVE_PROD_AJU"].items():
        tot = r["TOT_LIQ_MVE"].get((base.perfil_agente[k[0]],), ZERO)
        r["F_COMP_MVE_PROD"][k] = val / ((-1) * tot) if tot < 0 else ZERO

    # MVE cmd 57: F_VEND_MVE_PROD[a,PROD,m] = VLR_MVE_PROD_AJU[a,PROD,m] / sum_{a'} VLR_MVE_PROD_AJU[a',PROD,m]
    total_prod: dict[tuple, Decimal] = {}
    for (a, *prod), val in r["VLR_MVE_PROD_AJU"].items():
        _soma(total_prod, tuple(prod), val)
    for (a, *prod), val in r["VLR_MVE_PROD_AJU"].items():
        r["F_VEND_MVE_PROD"][(a,) + tuple(prod)] = _divide(val, total_prod[tuple(prod)])

    # MVE cmd 58: F_REL_VEND_COMP[av,ac,m] = sum_{s,x,v,te,tp} F_VEND_MVE_PROD[av,PROD,m] * F_COMP_MVE_PROD[ac,PROD,m]
    vend_prod: dict[tuple, list[tuple[str, Decimal]]] = defaultdict(list)
    for (av, *prod), f in r["F_VEND_MVE_PROD"].items():
        vend_prod[tuple(prod)].append((av, f))
    for (ac, *prod), fc in sorted(r["F_COMP_MVE_PROD"].items()):
        for av, fv in vend_prod.get(tuple(prod), ()):
            _soma(r["F_REL_VEND_COMP"], (av, ac), fv * fc)

    # MVE cmd 59: F_INAD_TOT[α,α*,m] = sum_{ac in Aα*} sum_{av in Aα} F_REL_VEND_COMP[av,ac,m]
    # (α = seller agent, α* = buyer agent, per "Onde" and the sum subscripts; spec M27)
    for (av, ac), f in sorted(r["F_REL_VEND_COMP"].items()):
        _soma(r["F_INAD_TOT"], (base.perfil_agente[av], base.perfil_agente[ac]), f)


def comando_63(base: Base, m: int, r: _Mes) -> None:
    """MVE cmds 60–63: effective default factor of each buyer agent."""
    # MVE cmd 60 (text): contract adjustments for default apply only to contracts registered before the
    # Financial Guarantees (cmd 64 filters them).
    # MVE cmd 61 (text): the defaulting agent's purchase contracts are reduced proportionally; only the sellers
    # of its products are affected (cmd 68 pairs each reduction with its own seller).
    # MVE cmd 62 (text): no priority among products: one factor per agent, the same for every contract (cmd 64).
    pagos = base.TOT_EFE_PAG_MVE.get(m, {})
    for (alfa,), tot in sorted(r["TOT_LIQ_MVE"].items()):
        # DECISÃO D8: an agent with no TOT_EFE_PAG_MVE row is taken to have paid in full (an ex-ante run);
        # a missing payment is entered as an explicit row (0 = paid nothing).
        pago = pagos.get((alfa,), (-1) * tot if tot < 0 else ZERO)
        # MVE cmd 63 (a): VALOR_INAD_MVE[α,m] = max(0; (-1) * TOT_LIQ_MVE[α,m] - |TOT_EFE_PAG_MVE[α,m]|)
        valor = max(ZERO, (-1) * tot - abs(pago))
        r["VALOR_INAD_MVE"][(alfa,)] = valor
        # MVE cmd 63: F_INAD_EFE_MVE[α,m] = VALOR_INAD_MVE[α,m] / ((-1) * TOT_LIQ_MVE[α,m])
        # DECISÃO D7: 0 for an agent that does not pay (TOT_LIQ_MVE >= 0).
        r["F_INAD_EFE_MVE"][(alfa,)] = valor / ((-1) * tot) if tot < 0 else ZERO


def comando_64_65(base: Base, m: int, ativos: list[Contrato], r: _Mes) -> None:
    """MVE cmds 64–65: reduction of the defaulting buyer's pre-guarantee contracts and final amount."""
    addc = base.ADDC_MV_MVE.get(m, {})
    for c in ativos:
        if not c.anterior_garantias:
            continue  # "∀ e anterior às garantias financeiras"
        f = r["F_INAD_EFE_MVE"].get((c.agente_comprador,), ZERO)
        ajuste_addc = addc.get((c.contrato,))
        if f == 0 and ajuste_addc is None:
            continue
        # MVE cmd 64: AJU_M_MVE[e,m] = F_INAD_EFE_MVE[α,m] * MV_MVE_PRE[e,v] - ADDC_MV_MVE[e,m]
        aju = f * c.MV_MVE_PRE - (ajuste_addc or ZERO)
        # DECISÃO D9: bounded to [0, MV_MVE_PRE] so that 0 <= MV <= MV_MVE_PRE (MV "positivos ou zero";
        # an administrative ADDC_MV_MVE can undo the reduction, not create energy).
        aju = min(max(aju, ZERO), c.MV_MVE_PRE)
        r["AJU_M_MVE"][(c.contrato,)] = aju
        if aju != 0:
            # MVE cmd 65: MV[e,v] = MV_MVE_PRE[e,v] - AJU_M_MVE[e,m], with v = m (a new one-month vigência,
            # "Importante" of 3.1.2).
            r["MV"][(c.contrato, int_para_mes(m))] = c.MV_MVE_PRE - aju


def comando_66_a_70(base: Base, m: int, ant: Anterior, r: _Mes) -> None:
    """MVE cmds 66–70: reimbursement (ressarcimento) to the sellers of reduced contracts."""
    # MVE cmd 66 (text): a buyer whose contract was reduced for default may owe the sellers a ressarcimento.
    # MVE cmd 67 (text): only when the submarket's average PLD is BELOW the contract's sale price
    # (PRIC_RESS_CT_MVE > 0 exactly then, cmd 70).
    H = base.horas(m)
    for (e,), aju in sorted(r["AJU_M_MVE"].items()):
        c = base.por_id[e]
        if c.tipo_preco == PF:
            # MVE cmd 70: PRIC_RESS_CT_MVE[e,v] = max(0; PRECO_CT_MVE[e,v] - PLD_MS[s,m])   (preço fixo)
            pric = max(ZERO, c.PRECO_CT_MVE - base.pld(c.submercado, m))
        else:
            # MVE cmd 70: PRIC_RESS_CT_MVE[e,v] = max(0; SPREAD_CT_MVE[e,v])   (preço variável)
            pric = max(ZERO, c.SPREAD_CT_MVE)
        r["PRIC_RESS_CT_MVE"][(e, c.vigencia)] = pric
        # MVE cmd 68 (b): RESS_P_MVE[ac,av,PROD,m] = sum_{e in VINC_C_MVE} sum_{e in VINC_V_MVE}
        #                                            AJU_M_MVE[e,m] * M_HORAS[m] * PRIC_RESS_CT_MVE[e,v]
        _soma(r["RESS_P_MVE"], (c.perfil_comprador, c.perfil_vendedor) + c.prod, aju * H * pric)

    inad_1 = ant.valores["RESS_INAD_P_MVE"]
    p_1 = ant.valores["RESS_P_MVE"]
    f_inad_1 = ant.valores["F_INAD_EFE_MVE"]
    enc = base.ENC_MOR_MVE.get(m, {})
    # MVE cmd 70 (b): RESS_INAD_P_MVE[ac,av,PROD,m] = (RESS_INAD_P_MVE[...,m-1] + RESS_P_MVE[...,m-1])
    #                                                 * F_INAD_EFE_MVE[α,m-1] + ENC_MOR_MVE[...,m,mr]
    # (α = the buyer's agent; ENC_MOR_MVE summed over mr.) Implemented as printed (spec M32 on timing).
    for k in sorted(set(inad_1) | set(p_1) | set(enc)):
        alfa = base.perfil_agente.get(k[0])
        val = (inad_1.get(k, ZERO) + p_1.get(k, ZERO)) * f_inad_1.get((alfa,), ZERO) + enc.get(k, ZERO)
        if val != 0:  # zero pendencies are not carried forward
            r["RESS_INAD_P_MVE"][k] = val
    # MVE cmd 70 (a): RESS_DEV_MVE_P[ac,av,PROD,m] = RESS_INAD_P_MVE[ac,av,PROD,m] + RESS_P_MVE[ac,av,PROD,m]
    for k in sorted(set(r["RESS_INAD_P_MVE"]) | set(r["RESS_P_MVE"])):
        r["RESS_DEV_MVE_P"][k] = r["RESS_INAD_P_MVE"].get(k, ZERO) + r["RESS_P_MVE"].get(k, ZERO)
    for (ac, av, *prod), val in r["RESS_DEV_MVE_P"].items():
        # MVE cmd 68 (a): RESS_PAG_MVE[a,PROD,m] = sum_{av} RESS_DEV_MVE_P[ac,av,PROD,m]   (a = ac; printed
        # "a = av", swapped with 69 — spec M30)
        _soma(r["RESS_PAG_MVE"], (ac,) + tuple(prod), val)
        # MVE cmd 69 (a): RESS_REC_MVE[a,PROD,m] = sum_{ac} RESS_DEV_MVE_P[ac,av,PROD,m]   (a = av)
        _soma(r["RESS_REC_MVE"], (av,) + tuple(prod), val)
    # MVE cmd 68: TOT_RESS_PAG_MVE[a,m] = sum_{s,x,v,te,tp} RESS_PAG_MVE[a,PROD,m]
    for (a, *_), val in r["RESS_PAG_MVE"].items():
        _soma(r["TOT_RESS_PAG_MVE"], (a,), val)
    # MVE cmd 69: TOT_RESS_REC_MVE[a,m] = sum_{s,x,v,te,tp} RESS_REC_MVE[a,PROD,m]
    for (a, *_), val in r["RESS_REC_MVE"].items():
        _soma(r["TOT_RESS_REC_MVE"], (a,), val)


def _janela(inicio: int, fim: int) -> range:
    """Months from inicio to fim, "limitado a 12 meses" (at most 12 months from inicio)."""
    return range(inicio, min(fim, inicio + 11) + 1)


def comando_71_72(base: Base, m: int, ant: Anterior, r: _Mes, novas: dict[str, str]) -> None:
    """MVE cmds 71–72: rescission fine for not lodging the Garantia de Fiel Cumprimento (GFC)."""
    eventos = base.NAO_APORTE_GFC.get(m, set())
    for alfa, x in sorted(eventos):
        r["M_PAG_NAGC"][(alfa, x)] = ZERO
        for c in base.contratos_do_agente_comprador.get(alfa, ()):
            if c.processamento != x or c.mensal:  # "∀ v ≠ 1 mês"
                continue
            if c.contrato in ant.rescisoes or c.contrato in novas:
                continue
            # MVE cmd 72: PRIC_MRC_MVE[e,v] = F_MRES_CT[m,x] * PRECO_CT_MVE[e,v] (PF) | * SPREAD_CT_MVE[e,v] (PV),
            # m = month of processing x. DECISÃO D10: floored at 0 (fines are "positivos ou zero").
            base_preco = c.PRECO_CT_MVE if c.tipo_preco == PF else c.SPREAD_CT_MVE
            pric = max(ZERO, base.f_mres_ct(c.mes_processamento, x) * base_preco)
            r["PRIC_MRC_MVE"][(c.contrato, c.vigencia)] = pric
            # MVE cmd 71 (a): M_MVE_NAGC[ac,av,PROD,m] = sum_e ( sum_{v in v_fim} MV[e,v] * V_HORAS[v] ) * PRIC_MRC_MVE[e,v]
            # e is the preliminary contract, so MV = MV_MVE_PRE (spec M33); v_fim = supply, at most 12 months.
            energia = sum((c.MV_MVE_PRE * base.horas(mm) for mm in _janela(c.inicio, c.fim)), ZERO)
            multa = energia * pric
            _soma(r["M_MVE_NAGC"], (c.perfil_comprador, c.perfil_vendedor) + c.prod, multa)
            # MVE cmd 71: M_PAG_NAGC[α,x,m] = sum_{ac in Aα} sum_{av} sum_{s,v,te,tp} M_MVE_NAGC[ac,av,s,x,v,te,tp,m]
            r["M_PAG_NAGC"][(alfa, x)] += multa
            # DECISÃO D15: the preliminary contract is never registered: rescinded (motivo nao_aporte_gfc).
            novas[c.contrato] = MOTIVO_NAO_APORTE_GFC


def comando_73_rescisoes(base: Base, m: int, ant: Anterior, ativos: list[Contrato], r: _Mes,
                         novas: dict[str, str]) -> None:
    """MVE cmd 73 (text, triggers): which contracts are rescinded in month m."""
    inadimplentes = {alfa for (alfa,), v in r["VALOR_INAD_MVE"].items() if v > 0}
    eventos = base.EVENTO_RESCISAO_MVE.get(m, [])
    desligados = {alfa for alfa, motivo in eventos if motivo == MOTIVO_DESLIGAMENTO}
    sem_recomposicao = {alfa for alfa, motivo in eventos if motivo == MOTIVO_NAO_RECOMPOSICAO}
    # (iii) disconnection (except for breach of MVE obligations): ALL valid contracts of the buyer
    # ("Importante" of 3.1.4), including those registered before the guarantees ("Importante" of cmd 73)
    # and those whose supply has not started.
    for alfa in sorted(desligados):
        for c in base.contratos_do_agente_comprador.get(alfa, ()):
            if c.fim >= m and c.contrato not in ant.rescisoes and c.contrato not in novas:
                novas[c.contrato] = MOTIVO_DESLIGAMENTO
    # Other causes: only contracts in force in the month, and only those with Financial Guarantees.
    for c in ativos:
        if c.anterior_garantias or c.contrato in novas:
            continue
        # (i) default in any amount: variable-price products, or monthly fixed-price products
        if c.agente_comprador in inadimplentes and (c.tipo_preco == PV or c.mensal):
            novas[c.contrato] = MOTIVO_INADIMPLENCIA
        # (ii) GFC not recomposed: fixed-price products longer than 1 month
        elif c.agente_comprador in sem_recomposicao and c.tipo_preco == PF and not c.mensal:
            novas[c.contrato] = MOTIVO_NAO_RECOMPOSICAO
    for e, motivo in novas.items():
        r["RESCISAO_MVE"][(e,)] = motivo


def _mv_no_mes(base: Base, c: Contrato, mm: int, r: _Mes) -> Decimal:
    """MV[e,v] of month mm: this month's cmd 65 value, else a registered MV (monthly vigência first, then
    the contract's vigência), else MV_MVE_PRE (DECISÃO D16)."""
    mes = int_para_mes(mm)
    if (c.contrato, mes) in r["MV"]:
        return r["MV"][(c.contrato, mes)]
    for chave in ((c.contrato, mes), (c.contrato, c.vigencia)):
        if chave in base.MV_registrado:
            return base.MV_registrado[chave]
    return c.MV_MVE_PRE


def comando_74_75(base: Base, m: int, ant: Anterior, r: _Mes, novas: dict[str, str]) -> None:
    """MVE cmds 74–75: rescission fine for default, non-recomposition of the GFC or disconnection."""
    for e in sorted(novas):
        if novas[e] == MOTIVO_NAO_APORTE_GFC:
            continue  # fined by cmd 71
        c = base.por_id[e]
        f = base.f_mres_ct(m, c.processamento)  # F_MRES_CT[m,x], m = month of apuração (DECISÃO D17)
        if c.tipo_preco == PF:
            # MVE cmd 75 (c): PRIC_MD_MVE[e,v] = F_MRES_CT[m,x] * PRECO_CT_MVE_M[e,v,m]
            preco_m, _ = comando_38_preco_mes(c, *comando_37_preco_atualizado(base, c, m, ant))
            pric = f * preco_m
            # per_rem_pf: from the month after termination (or supply start, if later), at most 12 months
            janela = _janela(max(m + 1, c.inicio), c.fim)
        else:
            if c.anterior_garantias:
                # MVE cmd 75 (c)(i): PRIC_MD_MVE[e,v] = F_MRES_CT[m,x] *
                #     sum_{m' in ini_v_fct} (PLD_MS[s,m'] + SPREAD_CT_MVE_M[e,v,m']) / MESES_VIG[e,v]
                # DECISÃO D11 (spec M34): ini_v_fct = months from the start of the vigência to the termination
                # month m; MESES_VIG = their count; if the contract is rescinded before supply, just {m}.
                meses = list(range(c.inicio, m + 1)) or [m]
                soma = ZERO
                for mm in meses:
                    _, spread_mm = comando_38_preco_mes(c, *comando_37_preco_atualizado(base, c, mm, _SEM_ESTADO))
                    soma += base.pld(c.submercado, mm) + spread_mm
                pric = f * soma / Decimal(len(meses))
            else:
                # MVE cmd 75 (c)(ii): PRIC_MD_MVE[e,v] = F_MRES_CT[m,x] * SPREAD_CT_MVE_M[e,v,m]
                _, spread_m = comando_38_preco_mes(c, *comando_37_preco_atualizado(base, c, m, ant))
                pric = f * spread_m
            # per_rem_pv: from the termination month (or supply start, if later), at most 12 months
            janela = _janela(max(m, c.inicio), c.fim)
        pric = max(ZERO, pric)  # DECISÃO D10
        r["PRIC_MD_MVE"][(e, c.vigencia)] = pric
        # MVE cmd 75 (b): M_MVE[ac,av,PROD,m] = sum_e ( sum_{v in per_rem} MV[e,v] * V_HORAS[v] ) * PRIC_MD_MVE[e,v]
        energia = sum((_mv_no_mes(base, c, mm, r) * base.horas(mm) for mm in janela), ZERO)
        _soma(r["M_MVE"], (c.perfil_comprador, c.perfil_vendedor) + c.prod, energia * pric)
    for (ac, av, *prod), val in sorted(r["M_MVE"].items()):
        # MVE cmd 74 (a): M_REC_MVE[a,PROD,m] = sum_{ac} M_MVE[ac,av,PROD,m]   (a = av)
        _soma(r["M_REC_MVE"], (av,) + tuple(prod), val)
        # MVE cmd 75 (a'): M_PAG_MVE[a,PROD,m] = sum_{av} M_MVE[ac,av,PROD,m]   (a = ac)
        _soma(r["M_PAG_MVE"], (ac,) + tuple(prod), val)
        # MVE cmd 75 (a): TM_MVE[ac,av,m] = sum_{s,x,v,te,tp} M_MVE[ac,av,PROD,m]
        _soma(r["TM_MVE"], (ac, av), val)
    # MVE cmd 74: TM_REC_MVE[a,m] = sum_{s,x,v,te,tp} M_REC_MVE[a,PROD,m]
    for (a, *_), val in r["M_REC_MVE"].items():
        _soma(r["TM_REC_MVE"], (a,), val)
    # MVE cmd 75: TM_PAG_MVE[a,m] = sum_{s,x,v,te,tp} M_PAG_MVE[a,PROD,m]
    for (a, *_), val in r["M_PAG_MVE"].items():
        _soma(r["TM_PAG_MVE"], (a,), val)


_SEM_ESTADO = Anterior({n: {} for n in CARREGADAS_M1}, {}, {}, {})


def _calcular(base: Base, m: int, ant: Anterior) -> tuple[_Mes, dict[str, Any]]:
    r = _Mes()
    with decimal.localcontext(CONTEXTO):
        ativos = [c for c in base.contratos if em_suprimento(c, m, ant.rescisoes)]
        # §2.3.2: MVE cmds 37–38 for the contracts in supply; next month's _A goes to the state.
        precos: dict[str, tuple] = {}
        proximo_a: dict[str, tuple] = {}
        for c in ativos:
            a = comando_37_preco_atualizado(base, c, m, ant)
            if c.plurianual:
                if a[0] is not None:
                    r["PRECO_CT_MVE_A"][(c.contrato, c.vigencia)] = a[0]
                if a[1] is not None:
                    r["SPREAD_CT_MVE_A"][(c.contrato, c.vigencia)] = a[1]
                if m + 1 <= c.fim:
                    proximo_a[c.contrato] = comando_37_proximo_mes(base, c, m, a)
            precos[c.contrato] = comando_38_preco_mes(c, *a)
            if c.tipo_preco == PF:
                r["PRECO_CT_MVE_M"][(c.contrato, c.vigencia)] = precos[c.contrato][0]
            else:
                r["SPREAD_CT_MVE_M"][(c.contrato, c.vigencia)] = precos[c.contrato][1]
        comando_39_a_44(base, m, ativos, precos, r)
        comando_46_a_51(base, m, ant, r)
        comando_52_a_54(base, m, ant, r)
        comando_56_a_59(base, m, ant, r)
        comando_63(base, m, r)
        comando_64_65(base, m, ativos, r)
        comando_66_a_70(base, m, ant, r)
        novas: dict[str, str] = {}
        comando_71_72(base, m, ant, r, novas)
        comando_73_rescisoes(base, m, ant, ativos, r, novas)
        comando_74_75(base, m, ant, r, novas)

    estado: dict[str, Any] = {"ESTADO_MVE": [{"mes": int_para_mes(m)}]}
    for nome in CARREGADAS_M1:
        estado[nome] = _linhas(nome, r[nome], m, quantizar=False)
    estado["PRECO_CT_MVE_A"] = [
        {"contrato": e, "vigencia": base.por_id[e].vigencia, "mes": int_para_mes(m + 1), "PRECO_CT_MVE_A": p}
        for e, (p, _) in sorted(proximo_a.items()) if p is not None
    ]
    estado["SPREAD_CT_MVE_A"] = [
        {"contrato": e, "vigencia": base.por_id[e].vigencia, "mes": int_para_mes(m + 1), "SPREAD_CT_MVE_A": s}
        for e, (_, s) in sorted(proximo_a.items()) if s is not None
    ]
    rescisoes = dict(ant.rescisoes)
    for e, motivo in novas.items():
        rescisoes[e] = (m, motivo)
    estado["RESCISAO_MVE"] = [{"contrato": e, "mes": int_para_mes(mm), "motivo": mot}
                              for e, (mm, mot) in sorted(rescisoes.items())]
    return r, estado


def _q(valor: Decimal) -> Decimal:
    return valor.quantize(QUANTUM_SAIDA, context=CONTEXTO)


def _linhas(nome: str, tabela: Mapping[tuple, Any], m: int, quantizar: bool = True) -> list[dict[str, Any]]:
    var = VARIAVEIS[nome]
    mes = int_para_mes(m)
    out = []
    for chave in sorted(tabela):
        linha: dict[str, Any] = dict(zip(var.indices, chave))
        if var.mensal:
            linha["mes"] = mes
        valor = tabela[chave]
        if nome == "RESCISAO_MVE":
            linha["motivo"] = valor
        else:
            linha[nome] = _q(valor) if quantizar else valor
        out.append(linha)
    return out


def _saidas(base: Base, r: _Mes, m: int, com_estaticas: bool = True) -> dict[str, list[dict[str, Any]]]:
    saidas: dict[str, list[dict[str, Any]]] = {}
    for nome, var in VARIAVEIS.items():
        if not var.mensal:
            continue
        saidas[nome] = _linhas(nome, r[nome], m)
    if com_estaticas:
        saidas.update(saidas_estaticas(base))
    return saidas


def saidas_estaticas(base: Base) -> dict[str, list[dict[str, Any]]]:
    """MVE cmd 36 outputs (no month index): PRECO_CT_MVE and SPREAD_CT_MVE of every contract."""
    return {
        "PRECO_CT_MVE": [{"contrato": c.contrato, "vigencia": c.vigencia, "PRECO_CT_MVE": _q(c.PRECO_CT_MVE)}
                         for c in base.contratos if c.PRECO_CT_MVE is not None],
        "SPREAD_CT_MVE": [{"contrato": c.contrato, "vigencia": c.vigencia, "SPREAD_CT_MVE": _q(c.SPREAD_CT_MVE)}
                          for c in base.contratos if c.SPREAD_CT_MVE is not None],
    }


# ----------------------------------------------------------------------------------------------------
# Public entry points
# ----------------------------------------------------------------------------------------------------

Tabelas = dict[str, list[dict[str, Any]]]


def calcular_mes(
    entradas: Mapping[str, Sequence[Mapping[str, Any]]],
    mes: str,
    estado_anterior: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    *,
    _base: Base | None = None,
) -> tuple[Tabelas, Tabelas]:
    """Commands 35–75 for accounting month ``mes`` ("YYYY-MM").

    ``estado_anterior`` is the ``estado`` returned for the previous month. Without it, the previous-month
    values the seed uses (``[m-1]``: TOT_AJUSTES_MVE, F_INAD_EFE_MVE, RESS_*_MVE, ...) are read from
    ``entradas`` rows whose ``mes`` is the previous month (absent = zero), earlier rescissions from the
    ``RESCISAO_MVE`` input table, and IPCA-updated prices from ``NIPCA``.

    Returns ``(saidas, estado)``: one table per computed variable (values quantized to
    ``CASAS_DECIMAIS_SAIDA`` places) and the full-precision state for the next month.
    """
    base = _base or preparar(entradas)
    m = mes_para_int(mes)
    ant = _anterior(base, m, estado_anterior)
    r, estado = _calcular(base, m, ant)
    return _saidas(base, r, m), estado


def calcular_meses(
    entradas: Mapping[str, Sequence[Mapping[str, Any]]],
    meses: Sequence[str],
    estado_inicial: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> tuple[Tabelas, Tabelas]:
    """Consecutive months in order, carrying the state; the tables of every month are concatenated (each
    row has its ``mes``). Cmd 36 tables (no month index) appear once. Returns ``(saidas, estado_final)``."""
    ints = [mes_para_int(x) for x in meses]
    if any(b != a + 1 for a, b in zip(ints, ints[1:])):
        raise ErroEntradaMVE("meses", "os meses devem ser consecutivos e em ordem crescente")
    base = preparar(entradas)
    saidas: Tabelas = {n: [] for n, v in VARIAVEIS.items() if v.mensal}
    estado = estado_inicial
    for m in ints:
        ant = _anterior(base, m, estado)
        r, estado = _calcular(base, m, ant)
        for nome, linhas in _saidas(base, r, m, com_estaticas=False).items():
            saidas[nome].extend(linhas)
    saidas.update(saidas_estaticas(base))
    return saidas, estado or {}
