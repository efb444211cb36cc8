"""Tables of the vectorized MVE engine (seed 004, version 2023.3.0, commands 35–75) and its settings.

The names, index columns and meaning of every table are the reference's (``referencia.VARIAVEIS`` and
``docs/mve.md``): one table per seed variable, index columns ``contrato`` (e), ``perfil`` (a), ``agente``
(α), ``perfil_comprador`` (ac), ``perfil_vendedor`` (av), ``submercado`` (s), ``processamento`` (x),
``vigencia`` (v), ``tipo_energia`` (te), ``tipo_preco`` (tp), ``mes`` (m), value column named like the
variable, sets as tables of their members. The decisions D1–D24 of the reference stand; the engine adds
E1–E4 (``docs/mve.md``, "Vectorized engine").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ...errors import InputError
from ..exact import CASAS_PADRAO, Arredondamento, Precisao
from ..lineage import Registro
from ..tables import ErroTabela, TabelaSpec
from .referencia import CARREGADAS_M1, COLS_PROD, VARIAVEIS, ErroEntradaMVE

MODULO = "MVE"
REGISTRO = Registro(MODULO)

RS = "R$"
FATOR = "fator"
PRECO = "R$/MWh"
MWM = "MWm"
HORAS = "h"
INDICE = "índice"

#: Output rounding of the MVE units not in the engine's default (docs/mve.md, "Output rounding"):
#: prices (IPCA-updated and fine prices have many places) and amounts in MWmédio to 6 places.
CASAS_MVE: Mapping[str, int] = {**CASAS_PADRAO, PRECO: 6, MWM: 6}

P = ("perfil",)
A = ("agente",)
E = ("contrato",)
EV = ("contrato", "vigencia")
PROD = tuple(COLS_PROD)
PP = ("perfil",) + PROD  # perfil + product
PAR = ("perfil_comprador", "perfil_vendedor") + PROD  # pair + product

_UNIDADES = {"R$": RS, "-": FATOR, "R$/MWh": PRECO, "MWmédio": MWM}


class ErroMVE(ErroTabela, ErroEntradaMVE):
    """An input table is missing, malformed or inconsistent; ``tabela`` names it.

    Both an :class:`~ccee_barramento.settlement.tables.ErroTabela` (the engine's) and a
    :class:`~ccee_barramento.settlement.mve.referencia.ErroEntradaMVE` (the reference's), so callers of
    either implementation catch it the same way.
    """


def _saida(nome: str) -> TabelaSpec:
    var = VARIAVEIS[nome]
    if nome == "RESCISAO_MVE":  # not a number: the motivo of each contract rescinded in the month
        return TabelaSpec.conjunto(nome, ("contrato", "motivo"), mensal=True, descricao=var.descricao,
                                   comando=var.comando, unica=False)
    return TabelaSpec.variavel(nome, var.indices, _UNIDADES[var.unidade], var.descricao, mensal=var.mensal,
                               comando=var.comando)


#: Output tables (the reference's ``VARIAVEIS``, same names, index columns and order).
SAIDAS: dict[str, TabelaSpec] = {nome: _saida(nome) for nome in VARIAVEIS}

#: Column order of each output table (index columns, ``mes`` if monthly, value), as the reference's rows.
COLUNAS_SAIDA: dict[str, tuple[str, ...]] = {
    nome: var.indices + (("mes",) if var.mensal else ()) + (("motivo",) if nome == "RESCISAO_MVE" else (nome,))
    for nome, var in VARIAVEIS.items()
}

_v = TabelaSpec.variavel
_c = TabelaSpec.conjunto

#: Input tables. Missing optional tables mean zero (values) or the empty set (sets), except
#: TOT_EFE_PAG_MVE (D8: no row = paid in full). ``(m-1)`` tables are read only for the first month of a
#: run without ``estado`` (rows of the previous month).
ENTRADAS: dict[str, TabelaSpec] = {
    s.nome: s
    for s in [
        _c("A_ALPHA", ("perfil", "agente"), mensal=False, obrigatoria=True, descricao="Aα: perfil → agente"),
        TabelaSpec("VIGENCIA_MVE", ("vigencia", "inicio", "fim", "tipo_vigencia"), mensal=False, obrigatoria=True,
                   descricao="Vigências v: início e fim (AAAA-MM); tipo_vigencia opcional (D24)"),
        TabelaSpec("PROCESSAMENTO_MVE", ("processamento", "mes_processamento", "anterior_garantias_financeiras"),
                   mensal=False, obrigatoria=True,
                   descricao="Processamentos x: mês m* e se são anteriores às Garantias Financeiras"),
        _c("VINC_V_MVE", ("contrato", "perfil_vendedor") + PROD, mensal=False, obrigatoria=True,
           descricao="Contratos do vendedor por produto"),
        _c("VINC_C_MVE", ("contrato", "perfil_comprador") + PROD + ("lance_compra",), mensal=False,
           obrigatoria=True, descricao="Contratos do comprador por produto (lance_compra opcional)"),
        _v("MV_MVE_PRE", EV, MWM, "Montante do contrato preliminar", mensal=False, obrigatoria=True, comando="39–44"),
        _v("M_HORAS", (), HORAS, "Horas do mês", obrigatoria=True, comando="39–44, 68, 71, 75"),
        _v("PLD_MS", ("submercado",), PRECO, "PLD médio mensal do submercado", comando="40, 43, 70, 75"),
        _v("PRECO_CT_MVE", EV, PRECO, "Preço do contrato (D1: dado ou pelo lance)", mensal=False, comando="36"),
        _v("SPREAD_CT_MVE", EV, PRECO, "Spread do contrato (D1: dado ou pelo lance)", mensal=False, comando="36"),
        _v("PRECO_N_MVE", ("lance_compra",) + PROD, PRECO, "Preço do lance de compra", mensal=False, comando="36"),
        _v("SPREAD_N_MVE", ("lance_compra",) + PROD, PRECO, "Spread do lance de compra", mensal=False, comando="36"),
        _v("NIPCA", (), INDICE, "Número-índice do IPCA (alias IPCA)", comando="37"),
        _v("ADDC_TOT_LIQ_MVE", P, RS, "Ajuste de decisões sobre o total a liquidar (alias ADDC_LIQ_MVE)", comando="54"),
        _v("AJUSTE_MVE", PAR, RS, "Ajustes por decisões (+ = o comprador deve ao vendedor)", comando="49"),
        _v("TOT_EFE_PAG_MVE", A, RS, "Total efetivamente pago (D8: sem linha = pago)", comando="63"),
        _v("ADDC_MV_MVE", E, MWM, "Ajuste de decisões sobre o montante", comando="64"),
        _v("ENC_MOR_MVE", PAR + ("mes_referencia",), RS, "Encargos moratórios (somados em mr)", comando="70"),
        _v("F_MRES_CT", ("processamento",), FATOR, "Fator da multa rescisória (D17)", comando="72, 75"),
        _v("MV", EV, MWM, "Montante registrado (vigência do contrato ou um mês AAAA-MM; D16)", mensal=False,
           comando="75"),
        _c("NAO_APORTE_GFC", ("agente", "processamento"), descricao="Evento: GFC não aportada (D15)", unica=False),
        _c("EVENTO_RESCISAO_MVE", ("agente", "motivo"), descricao="Evento de rescisão (D18)", unica=False),
        _c("RESCISAO_MVE", ("contrato", "motivo"), descricao="Contratos rescindidos antes do 1º mês", unica=False),
        # (m-1) values, read only for the first month of a run without ``estado``
        *(TabelaSpec.variavel(n, VARIAVEIS[n].indices, _UNIDADES[VARIAVEIS[n].unidade],
                              f"{VARIAVEIS[n].descricao} (mês anterior)", comando=VARIAVEIS[n].comando)
          for n in CARREGADAS_M1),
    ]
}

#: Documented aliases of input tables (and of their value column): name → canonical name.
ALIASES = {"IPCA": "NIPCA", "ADDC_LIQ_MVE": "ADDC_TOT_LIQ_MVE"}

#: Optional columns of input tables (absent or empty = ""): table → columns.
COLUNAS_OPCIONAIS = {"VIGENCIA_MVE": ("tipo_vigencia",), "VINC_C_MVE": ("lance_compra",), "RESCISAO_MVE": ("motivo",)}

#: Monthly flow inputs whose repeated keys are summed (as the reference does); in the lookup tables the
#: last row of a repeated key wins (DECISÃO E3, ``dados.ULTIMA_VALE``).
SOMADAS = ("ADDC_TOT_LIQ_MVE", "AJUSTE_MVE", "TOT_EFE_PAG_MVE", "ADDC_MV_MVE", "ENC_MOR_MVE")

#: State tables (what month m+1 needs from month m), same names and columns as the reference's ``estado``.
ESTADO: dict[str, TabelaSpec] = {
    **{n: SAIDAS[n] for n in CARREGADAS_M1},
    "PRECO_CT_MVE_A": SAIDAS["PRECO_CT_MVE_A"],
    "SPREAD_CT_MVE_A": SAIDAS["SPREAD_CT_MVE_A"],
    "RESCISAO_MVE": ENTRADAS["RESCISAO_MVE"],
    "ESTADO_MVE": TabelaSpec.conjunto("ESTADO_MVE", (), descricao="Mês do estado"),
}


@dataclass(frozen=True)
class Configuracao:
    """Settings of an MVE run.

    ``precisao.escala_divisao``: places of every quotient (16). ``escala_produto`` (DECISÃO E1): a
    product whose exact scale would exceed it (a money value times a factor, a factor times a factor) is
    rounded once, half-to-even, to that many places (20); products of inputs stay exact. ``arredondamento``:
    output rounding by unit (R$ 2, fator 10, MWh 3, R$/MWh 6, MWm 6, half-to-even).
    """

    precisao: Precisao = field(default_factory=Precisao)
    arredondamento: Arredondamento = field(default_factory=lambda: Arredondamento(casas=dict(CASAS_MVE)))
    escala_produto: int = 20

    def __post_init__(self) -> None:
        if not self.precisao.escala_divisao <= self.escala_produto <= 30:
            raise InputError("escala_produto", "use de escala_divisao a 30 casas decimais")
        if self.precisao.escala_max_entrada > self.escala_produto:
            raise InputError("escala_produto", "deve ser ≥ escala_max_entrada")


def arredondamento(texto: str | Arredondamento | None) -> Arredondamento:
    """The CLI form of the output rounding with MVE's defaults (``padrao``, ``nenhum``, ``R$=2,fator=12``...)."""
    if isinstance(texto, Arredondamento):
        return texto
    return Arredondamento.de_texto(texto, padrao=CASAS_MVE)


__all__ = [
    "ALIASES", "CASAS_MVE", "COLUNAS_SAIDA", "Configuracao", "ENTRADAS", "ESTADO", "ErroMVE", "MODULO", "PAR",
    "PP", "PROD", "REGISTRO", "SAIDAS", "arredondamento",
]
