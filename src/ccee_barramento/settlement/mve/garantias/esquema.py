"""Tables of the MVE guarantees (seed 004, Anexo III, commands 110–144) and the settings of a run.

One table per seed variable, named exactly like it; index columns named after the seed's indices
(``docs/settlement.md``, "Table layout"; ``docs/mve-garantias.md`` lists every table):

=====================  ========================================================================
seed index              column
=====================  ========================================================================
a (perfil de agente)    ``perfil`` (a buyer's profile in the per-product tables)
α (agente)              ``agente``; in bilateral tables ``agente_comprador`` (α, the buyer) and
                        ``agente_vendedor`` (α*, the seller) — cmds 120, 127, 128, 142, 144
ac, av                  ``perfil_comprador``, ``perfil_vendedor``
e, v                    ``contrato``, ``vigencia``
s, x, te, tp            ``submercado``, ``processamento``, ``tipo_energia`` (CE/CNE), ``tipo_preco`` (PF/PV)
f (ano de apuração)     ``ano`` ("YYYY")
m (mês de apuração)     ``mes`` ("YYYY-MM")
m* (mês-base, cmd 110)  ``mes_base`` (a column of VLR_REF_GP)
=====================  ========================================================================

A product is PROD = (s, x, v, te, tp). The structural tables (A_ALPHA, VIGENCIA_MVE, PROCESSAMENTO_MVE,
VINC_V_MVE, VINC_C_MVE, MV_MVE_PRE) are the Anexo I reference's (``docs/mve.md``); the tables flowing in
from Anexo I are its outputs, same names and columns. Decisions are tagged ``DECISÃO Gn`` beside the
code and listed in ``docs/mve-garantias.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ....errors import InputError
from ...exact import CASAS_PADRAO, Arredondamento, Precisao
from ...lineage import Registro
from ...tables import ErroTabela, TabelaSpec

MODULO = "MVE"
REGISTRO = Registro(MODULO)

RS = "R$"
FATOR = "fator"
PRECO = "R$/MWh"
MWM = "MWm"
MWH = "MWh"
HORAS = "h"
INDICE = "índice"

#: Output rounding by unit (R$ 2, fator 10, MWh 3 as the engine; prices and MWmédio 6; hours 3).
CASAS_GARANTIAS = {**CASAS_PADRAO, PRECO: 6, MWM: 6, HORAS: 3}

PF, PV = "PF", "PV"  # tipo de preço: preço fixo / preço variável (PLD + spread)
CE, CNE = "CE", "CNE"  # tipo de energia: convencional especial / não especial
TIPOS_PRECO = (PF, PV)
TIPOS_ENERGIA = (CE, CNE)
TIPOS_VIGENCIA = ("mensal", "trimestral", "semestral", "anual", "plurianual", "outra")

MOTIVO_DESLIGAMENTO = "desligamento"  # Anexo I cmd 73 (iii): disconnection not for an MVE breach
MOTIVO_NAO_RECOMPOSICAO = "nao_recomposicao_gfc"  # Anexo I cmd 73 (ii)
MOTIVO_DESLIGAMENTO_MVE = "desligamento_descumprimento_mve"
MOTIVOS_EVENTO = (MOTIVO_NAO_RECOMPOSICAO, MOTIVO_DESLIGAMENTO, MOTIVO_DESLIGAMENTO_MVE)

RESIDUAL_PV = ("literal", "liquido")

PROD = ("submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco")
P = ("perfil",)
A = ("agente",)
AX = ("agente", "processamento")
AXV = ("agente", "processamento", "vigencia")
PP = P + PROD
PAR = ("perfil_comprador", "perfil_vendedor") + PROD
EV = ("contrato", "vigencia")
VC = ("agente_comprador", "agente_vendedor", "processamento")  # α = buyer, α* = seller (cmds 120, 128, 142, 144)
VCV = VC + ("vigencia",)
GCR = ("agente_vendedor", "agente_comprador", "processamento")  # GCR_TOT: α = seller, α* = buyer (3.3.11)


class ErroGarantias(ErroTabela):
    """An input table is missing, malformed or inconsistent; ``tabela`` names it."""


_v = TabelaSpec.variavel
_c = TabelaSpec.conjunto

#: Input tables. Missing optional value tables mean zero and missing sets the empty set, except where a
#: command needs a row (an hour count, an IPCA number, a reference value...): then the error names the table.
ENTRADAS: dict[str, TabelaSpec] = {
    s.nome: s
    for s in [
        # -- structure (the Anexo I tables, docs/mve.md)
        _c("A_ALPHA", ("perfil", "agente"), mensal=False, obrigatoria=True, descricao="Aα: perfil → agente"),
        TabelaSpec("VIGENCIA_MVE", ("vigencia", "inicio", "fim", "tipo_vigencia"), mensal=False, obrigatoria=True,
                   descricao="Vigências v: início e fim (AAAA-MM); tipo_vigencia opcional (derivado da duração)"),
        TabelaSpec("PROCESSAMENTO_MVE", ("processamento", "mes_processamento", "anterior_garantias_financeiras"),
                   mensal=False, obrigatoria=True,
                   descricao="Processamentos x: mês em que foi realizado e se é anterior às Garantias Financeiras"),
        _c("VINC_V_MVE", ("contrato", "perfil_vendedor") + PROD, mensal=False, obrigatoria=True,
           descricao="Contratos de venda do MVE por produto"),
        _c("VINC_C_MVE", ("contrato", "perfil_comprador") + PROD, mensal=False, obrigatoria=True,
           descricao="Contratos de compra do MVE por produto"),
        _v("MV_MVE_PRE", EV, MWM, "Montante do contrato (MV[e,v], DECISÃO G3)", mensal=False, obrigatoria=True,
           comando="113, 131, 134"),
        _v("PRECO_CT_MVE", EV, PRECO, "Preço do contrato (cmd 36, Anexo I)", mensal=False, comando="113"),
        _v("SPREAD_CT_MVE", EV, PRECO, "Spread do contrato (cmd 36, Anexo I)", mensal=False, comando="113"),
        _v("M_HORAS", (), HORAS, "Horas do mês (V_HORAS e ms_fim)", comando="113, 134"),
        _v("V_HORAS", ("vigencia",), HORAS, "Horas da vigência (ausente: Σ M_HORAS da vigência)", mensal=False,
           comando="113, 134"),
        _v("V_HORAS_GC", ("processamento", "vigencia"), HORAS, "Horas de referência da GFC", mensal=False,
           comando="113"),
        _c("INADIMPLENTE_12M_MVE", AX, mensal=False,
           descricao="Agentes inadimplentes ou com descumprimento no MVE nos 12 meses anteriores ao processamento x "
                     "(DECISÃO G4)"),
        _v("PERC_MULTA_INAD_MVE", (), FATOR, "Percentual de multa por inadimplência (vale até o próximo)",
           vigencia="ate", comando="113, 121, 134"),
        _v("NIPCA", (), INDICE, "Número-índice do IPCA", comando="110"),
        TabelaSpec.variavel("VLR_REF_GP", AX + ("mes_base",), PRECO,
                            "Valor de referência da GP (ANEEL) e o mês-base m* do regulamento", mensal=False,
                            comando="110"),
        _v("VLR_AP_GP_MVE", AX, RS, "Valor aportado de Garantia de Participação", mensal=False, comando="115, 117"),
        _v("LOT_INI_DNEG_MVE", AX, MWH, "Lotes iniciais (cmd 106, issue 7): informativo, usado só no resumo",
           mensal=False, comando="106"),
        # -- from Anexo I / §2.3 (outputs of the MVE settlement of the month)
        _v("F_INAD_EFE_MVE", A, FATOR, "Fator da inadimplência efetiva (cmd 63)", comando="121, 126"),
        _v("VLP_MVE_PROD", PP, RS, "Valor a pagar por produto (cmd 56b)", comando="121, 126"),
        _v("F_VEND_MVE_PROD", PP, FATOR, "Fator do vendedor por produto (cmd 57)", comando="126"),
        _v("M_PAG_MVE", PP, RS, "Multa rescisória a pagar por produto (cmd 75)", comando="121, 140"),
        _v("M_MVE", PAR, RS, "Multa rescisória por par e produto (cmd 75 b)", comando="141, 143"),
        _v("M_MVE_NAGC", PAR, RS, "Multa por não aporte da GFC por par e produto (cmd 71 a)", comando="120"),
        _v("M_PAG_NAGC", AX, RS, "Multa por não aporte da GFC do agente (cmd 71)", comando="118–120"),
        _v("PRECO_CT_MVE_M", EV, PRECO, "Preço do contrato no mês (cmd 38)", comando="134"),
        _v("SPREAD_CT_MVE_M", EV, PRECO, "Spread do contrato no mês (cmd 38)", comando="134"),
        _v("PRECO_CT_MVE_A", EV, PRECO, "Preço atualizado pelo IPCA (cmd 37; meses m e m+1)", comando="131"),
        _c("RESCISAO_MVE", ("contrato", "motivo"), descricao="Contratos rescindidos no mês (cmds 71, 73)", unica=False),
        _c("EVENTO_RESCISAO_MVE", ("agente", "motivo"), descricao="Desligamento / não recomposição da GFC no mês",
           unica=False),
        _c("NAO_APORTE_GFC", AX, descricao="GFC do processamento x não aportada (cmd 71)", unica=False),
        # -- listed in 3.3.10 but used by no equation of Anexo III (accepted, ignored; DECISÃO G17)
        _v("TM_PAG_MVE", P, RS, "Total de multas a pagar (não usado)"),
        _v("TM_REC_MVE", P, RS, "Total de multas a receber (não usado)"),
        _v("TOT_EFE_PAG_MVE", A, RS, "Total efetivamente pago (não usado)"),
        _v("TOT_LIQ_MVE", A, RS, "Total a liquidar (não usado)"),
        # -- values of the month before the run (without ``estado``)
        _v("GC_PROD_ATUAL", PP, RS, "GFC atualizada do mês anterior ao 1º da execução", comando="122"),
        _v("AJU_IPCA", PP, RS, "Ajuste do IPCA do mês anterior ao 1º da execução", comando="122"),
        _v("EXC_GC_PROD", PP, RS, "Excedente do mês anterior ao 1º da execução", comando="122"),
        _v("VAC_RC_GP_MVE", AX, RS, "GP já acionada em meses anteriores (DECISÃO G7)", comando="118"),
    ]
}

#: Optional columns of input tables ("" when absent).
COLUNAS_OPCIONAIS = {"VIGENCIA_MVE": ("tipo_vigencia",), "RESCISAO_MVE": ("motivo",)}

#: Input tables holding the values of the month before the run (only the rows of that month are read).
ANTERIORES = ("GC_PROD_ATUAL", "AJU_IPCA", "EXC_GC_PROD")

_o = TabelaSpec.variavel

#: Output tables in calculation order: (spec, command).
SAIDAS: dict[str, TabelaSpec] = {
    s.nome: s
    for s in [
        _o("VLR_REF_GP_A", AX + ("ano",), PRECO, "Valor de referência da GP atualizado (ano f)", mensal=False,
           comando="110"),
        _o("V_HORAS_GC_A", AXV, HORAS, "Horas de referência atualizadas da GFC", mensal=False, comando="113"),
        _o("VLR_GC_PROD", PP, RS, "Valor da GFC por produto", mensal=False, comando="113"),
        _o("VLR_GC_TOT", AX, RS, "Valor total da GFC do agente no processamento", mensal=False, comando="114"),
        _o("VLR_DEV_GP_MVE", AX, RS, "GP devolvida", mensal=False, comando="115"),
        _o("VDP_RC_GP_MVE", AX, RS, "GP disponível para a multa rescisória", mensal=False, comando="117"),
        _o("VAC_RC_GP_MVE", AX, RS, "GP acionada para a multa por não aporte da GFC", comando="118"),
        _o("M_PAG_REM", AX, RS, "Multa remanescente após a GP", comando="119"),
        _o("F_M_PAG_PROD", PP, FATOR, "Fator de pagamento de multa por produto (comprador)", comando="120 b"),
        _o("F_M_REC_PROD", PP, FATOR, "Fator de recebimento de multa por produto (vendedor)", comando="120 c"),
        _o("M_PAG_REM_PROD", PAR, RS, "Multa remanescente por par e produto", comando="120 a"),
        _o("M_PAG_REM_VC", VC, RS, "Multa remanescente bilateral (α comprador, α* vendedor)", comando="120"),
        _o("GCA_PROD_PRE", PP, RS, "GFC acionada preliminar por produto", comando="121"),
        _o("GC_PROD_ATUAL", PP, RS, "GFC do produto atualizada (saldo)", comando="122"),
        _o("GCA_PROD", PP, RS, "GFC acionada por produto", comando="123"),
        _o("GCA_PRE", AXV, RS, "GFC acionada preliminar do agente por vigência", comando="124"),
        _o("GCA_TOT", A, RS, "GFC acionada total do agente", comando="125"),
        _o("GCA_PROD_VC", PAR, RS, "GFC acionada por par e produto", comando="126"),
        _o("GCA_VC_PRE", VCV, RS, "GFC acionada bilateral por vigência", comando="127"),
        _o("GCA_VC", VC, RS, "GFC acionada bilateral", comando="128"),
        _o("AJU_IPCA", PP, RS, "Ajuste da GFC pela atualização do preço (IPCA)", comando="131 a"),
        _o("RECOMP_GC_PROD", PP, RS, "Recomposição da GFC por produto", comando="131"),
        _o("RECOMP_GC_PRE", AXV, RS, "Recomposição da GFC do agente por vigência", comando="132"),
        _o("RECOMP_GC_TOT", A, RS, "Recomposição total da GFC do agente", comando="133"),
        _o("VMAX_IF_MVE", PP, RS, "Valor máximo de impacto financeiro (meses seguintes)", comando="134 a"),
        _o("EXC_GC_PROD", PP, RS, "Excedente de GFC por produto (devolvido)", comando="134"),
        _o("EXC_GC_PRE", AXV, RS, "Excedente de GFC do agente por vigência", comando="135"),
        _o("EXC_GC_TOT", A, RS, "Excedente total de GFC do agente", comando="136"),
        _o("GC_PROD_REM", PP, RS, "GFC remanescente", comando="139"),
        _o("GCA_PROD_R", PP, RS, "GFC acionada para a multa rescisória (não recomposição)", comando="140"),
        _o("F_M_REC_PROD_R", PAR, FATOR,
           "Fator do vendedor na multa rescisória do comprador (fora da regra: DECISÃO G12)", comando="141"),
        _o("GCA_PROD_R_VC", PAR, RS, "GFC acionada para a rescisão por par e produto", comando="141"),
        _o("GCA_R_VC", VC, RS, "GFC acionada para a rescisão bilateral", comando="142"),
        _o("M_REM_PROD_GC", PAR, RS, "Multa remanescente por par e produto após a GFC", comando="143"),
        _o("M_REM_GC", VC, RS, "Multa remanescente bilateral após a GFC (a acertar entre as partes)", comando="144"),
        _o("GCR_TOT", GCR, RS, "GFC a receber total (α vendedor, α* comprador; DECISÃO G15)", comando="3.3.11"),
    ]
}


@dataclass(frozen=True)
class Configuracao:
    """Settings of a guarantees run.

    ``precisao.escala_divisao``: places of every quotient (16; cmd 110's IPCA ratio, cmds 120's and 141's
    factors). ``escala_produto`` (DECISÃO G2): a product whose exact scale would pass it (money × factor,
    factor × factor) is rounded once, half-to-even, to that many places (20), as the MVE engine does.
    ``arredondamento``: output rounding by unit. ``residual_pv`` (DECISÃO G14): ``"literal"`` — cmd 143
    as printed, the residual fine of a variable-price product is the whole M_MVE even when its GFC paid part
    of it; ``"liquido"`` — the fine paid by the GFC (cmd 121's draw of a rescission fine, cmd 140's draw) is
    deducted for every product.
    """

    precisao: Precisao = field(default_factory=Precisao)
    arredondamento: Arredondamento = field(default_factory=lambda: Arredondamento(casas=dict(CASAS_GARANTIAS)))
    escala_produto: int = 20
    residual_pv: str = "literal"

    def __post_init__(self) -> None:
        if not self.precisao.escala_divisao <= self.escala_produto <= 30:
            raise InputError("escala_produto", "use de escala_divisao a 30 casas decimais")
        if self.precisao.escala_max_entrada > self.escala_produto:
            raise InputError("escala_produto", "deve ser ≥ escala_max_entrada")
        if self.residual_pv not in RESIDUAL_PV:
            raise InputError("residual_pv", f"use {' ou '.join(RESIDUAL_PV)}")


def arredondamento(texto: str | Arredondamento | None) -> Arredondamento:
    """The CLI form of the output rounding with this module's defaults."""
    if isinstance(texto, Arredondamento):
        return texto
    return Arredondamento.de_texto(texto, padrao=CASAS_GARANTIAS)


def tipo_vigencia(n_meses: int) -> str:
    """The kind of a vigência from its length (the Anexo I reference's rule, D21/D24)."""
    return {1: "mensal", 3: "trimestral", 6: "semestral", 12: "anual"}.get(
        n_meses, "plurianual" if n_meses > 12 else "outra")


__all__ = [
    "A", "AX", "AXV", "CASAS_GARANTIAS", "COLUNAS_OPCIONAIS", "Configuracao", "ENTRADAS", "ErroGarantias", "EV",
    "GCR", "MODULO", "PAR", "PP", "PROD", "REGISTRO", "SAIDAS", "VC", "VCV", "arredondamento", "tipo_vigencia",
]
