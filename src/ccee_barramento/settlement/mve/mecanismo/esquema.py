"""Tables of the MVE mechanism (seed 004 §2.1 cmds 1–28, Anexo II cmds 76–103, Anexo III cmds 104–109,
§2.2 cmds 29–34) and its settings.

One table per seed variable, named exactly as the variable; index columns after the seed's indices:
``perfil`` (a), ``agente`` (α), ``submercado`` (s), ``processamento`` (x), ``ano`` (f, ``"2026"``),
``vigencia`` (v), ``mes`` (m / mr, ``"2026-03"``), ``hora`` (j: the hour of the month, ``"1"``..``"744"``),
``usina`` (p), ``ponto`` (i), ``contrato`` (e), ``rodada`` (rx), ``tipo_energia`` (te: CE/CNE),
``tipo_preco`` (tp: PF/PV), ``lance_venda`` (lv), ``lance_compra`` (lc), ``perfil_vendedor`` (av),
``perfil_comprador`` (ac), plus ``produto`` (the short name of a product) and ``etapa``. The value column is
named like the variable. Tables the seed does not name (the bid book, the products, the per-bid report)
are marked "fora da regra". Layout and every decision: ``docs/mve-mecanismo.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ....errors import InputError
from ...exact import CASAS_PADRAO, Arredondamento, Precisao
from ...lineage import Registro
from ...tables import Coluna, ErroTabela, TabelaSpec
from ._base import COLS_PROD, ESCALA_PRODUTO

MODULO = "MVE"
REGISTRO = Registro(MODULO)

MWH = "MWh"
MWM = "MWm"
PRECO = "R$/MWh"
FATOR = "fator"
HORAS = "h"
RS = "R$"

#: Output rounding by unit: the engine's defaults plus prices and MWmédio to 6 places (the CCEAL's).
CASAS_MECANISMO: Mapping[str, int] = {**CASAS_PADRAO, PRECO: 6, MWM: 6}

PROD = tuple(COLS_PROD)
ASXF = ("perfil", "submercado", "processamento", "ano")
ASXV = ("perfil", "submercado", "processamento", "vigencia")
ASXFR = ASXF + ("rodada",)
ASXVR = ASXV + ("rodada",)


class ErroMecanismo(ErroTabela):
    """An input table is missing, malformed or inconsistent; ``tabela`` names it."""


_v = TabelaSpec.variavel
_c = TabelaSpec.conjunto

#: Input tables. Missing optional tables mean zero (values) or the empty set (sets); the exceptions
#: (neutral factors = 1) are listed in the docs ("Missing rows").
ENTRADAS: dict[str, TabelaSpec] = {
    s.nome: s
    for s in [
        # -- structure (shared with the MVE settlement)
        TabelaSpec("PROCESSAMENTO_MVE", ("processamento", "mes_processamento", "anterior_garantias_financeiras"),
                   mensal=False, obrigatoria=True,
                   descricao="Processamentos x: mês do processamento e se é anterior às Garantias Financeiras"),
        TabelaSpec("VIGENCIA_MVE", ("vigencia", "inicio", "fim", "tipo_vigencia"), mensal=False, obrigatoria=True,
                   descricao="Vigências v: início e fim (AAAA-MM); tipo_vigencia opcional (pela duração)"),
        _c("A_ALPHA", ("perfil", "agente"), mensal=False, obrigatoria=True, descricao="Aα: perfil → agente"),
        _v("M_HORAS", (), HORAS, "Horas do mês", obrigatoria=True, comando="11, 14, 17, 20, 23, 26, 28, 96, 103"),
        # -- the auction (fora da regra: dados da plataforma de negociação, cmds 78, 82, 83, 86)
        TabelaSpec("PRODUTOS_LEILAO", ("produto",) + PROD + ("etapa", "rodada"), mensal=False, obrigatoria=True,
                   valores=(Coluna("LOTE", MWM),),
                   descricao="Produtos do processamento: PROD, etapa, rodada e o lote (MWmédio, cmd 82)"),
        TabelaSpec("LANCE_VENDA", ("lance_venda", "perfil_vendedor", "produto"), mensal=False,
                   valores=(Coluna("QUANTIDADE", MWM), Coluna("PRECO", PRECO)),
                   descricao="Lances de venda: quantidade (MWmédio, múltiplo do lote) e preço ou spread"),
        TabelaSpec("LANCE_COMPRA", ("lance_compra", "perfil_comprador", "produto"), mensal=False,
                   valores=(Coluna("QUANTIDADE", MWM), Coluna("PRECO", PRECO)),
                   descricao="Lances de compra: quantidade (MWmédio, múltiplo do lote) e preço ou spread"),
        _c("CONSUMIDOR_ESPECIAL", ("perfil",), mensal=False,
           descricao="Perfis compradores com consumidores especiais (cmd 81)"),
        # -- §2.1 limits: regulatory limit on consumption
        _v("LIM_MVE", ("perfil", "processamento", "ano"), FATOR, "Limite máximo para negociação no MVE", mensal=False,
           comando="9"),
        _v("LIM_MVE_VIG", ("perfil", "processamento", "vigencia"), FATOR,
           "Limite máximo para negociação no MVE na vigência (trimestral/mensal)", mensal=False, comando="10"),
        _v("TRC_H", ("perfil", "submercado", "hora"), MWH, "Consumo total horário", comando="9"),
        # -- §2.1 limits: special energy
        _c("CONTRATO_EE", ("contrato", "perfil", "usina", "tipo_contrato"), mensal=False,
           descricao="Contratos de compra (CCEAR_Q, CCEAR_D, CBR) de lastro especial (cmd 3) e a usina p"),
        _c("CVE", ("contrato", "perfil_vendedor", "submercado", "tipo_energia"), mensal=False,
           descricao="Contratos de venda de excedente de processamentos anteriores (EVA; CVE_ESP = tipo CE)"),
        _v("QM", ("contrato",), MWH, "Quantidade sazonalizada do contrato", comando="7"),
        _v("QA", ("contrato", "ano"), MWH, "Quantidade anual do contrato", mensal=False, comando="7"),
        _v("MMC", ("contrato",), MWM, "Montante médio contratado", comando="7"),
        _v("MV", ("contrato",), MWM, "Montante do contrato na vigência que contém o mês", comando="7, 8, 13, 19"),
        _v("FPC", ("perfil", "submercado", "hora"), FATOR, "Fator de proporção do consumo atendido", comando="7"),
        _c("USINA_MVE", ("usina", "tipo_usina"), mensal=False, descricao="Parcelas de usina: hidraulica ou outra"),
        _c("USINA_MRE", ("usina",), mensal=False, descricao="Usinas hidráulicas participantes do MRE"),
        _v("GF", ("usina",), MWM, "Garantia física", mensal=False, comando="6, 7"),
        _v("NUB", ("usina",), FATOR, "Número de unidades base", mensal=False, comando="6"),
        _v("GFIS_MOT", ("usina", "unidades"), MWM, "Garantia física de motorização com n unidades", mensal=False,
           comando="6"),
        _v("TOGU", ("usina", "hora"), FATOR, "Unidades geradoras em operação comercial", comando="6"),
        _v("CAP", ("usina", "ponto", "hora"), "MW", "Capacidade das unidades em operação comercial (PMAQ)",
           comando="6"),
        _v("CAP_T_GF", ("usina", "hora"), "MW", "Capacidade total associada à garantia física", comando="6"),
        _v("F_PDI_GF", ("usina", "ano"), FATOR, "Fator de perdas internas (ausente = 1)", mensal=False, comando="7"),
        _v("F_PEN_LESP", ("usina",), FATOR, "Ultrapassagem da potência injetada (0 ou 1)", comando="5, 7"),
        _v("F_DISP", ("usina",), FATOR, "Fator de disponibilidade (ausente = 1)", comando="7"),
        _v("TOT_GF_PROD", ("usina",), MWM, "Garantia física comprometida com produtos", comando="7"),
        _v("UXP_GLF", ("usina", "hora"), FATOR, "Fator de perdas de geração (ausente = 1)", comando="7"),
        _v("F_PRC_GF", ("usina", "hora"), FATOR, "Fator de perdas da rede compartilhada (ausente = 1)", comando="7"),
        _v("F_COMERCIAL", ("usina", "hora"), FATOR, "Fator de operação comercial (horas da degradação)",
           comando="7"),
        # -- Anexo III (cmd 106)
        _v("VLR_AP_GP_MVE", ("agente", "processamento"), RS, "Garantia de participação aportada", mensal=False,
           comando="106"),
        _v("VLR_REF_GP_A", ("agente", "processamento", "ano"), PRECO,
           "Valor de referência da GP atualizado (cmd 110, outra issue)", mensal=False, comando="106"),
    ]
}

#: Optional columns of input tables: table → {column: default}.
COLUNAS_OPCIONAIS = {"VIGENCIA_MVE": {"tipo_vigencia": ""},
                     "PROCESSAMENTO_MVE": {"anterior_garantias_financeiras": "false"},
                     "PRODUTOS_LEILAO": {"etapa": ""}}


def _saida(nome: str, indices: tuple[str, ...], unidade: str, descricao: str, comando: str,
           mensal: bool = False) -> TabelaSpec:
    return TabelaSpec.variavel(nome, indices, unidade, descricao, mensal=mensal, comando=comando)


_S = [
    # §2.1 — special energy (cmds 5–8)
    ("F_COM_MVE", ("usina", "hora"), FATOR, "Fator de operação comercial para MVE", "6", True),
    ("F_COM_MVE_M", ("usina",), FATOR, "Fator de operação comercial mensal para MVE", "6", True),
    ("F_DEG_M_MVE", ("usina",), FATOR, "Fator de degradação mensal para MVE", "7f", True),
    ("FNC_PROD_MVE", ("usina",), FATOR, "Fator de normalização do comprometimento para MVE", "7e", True),
    ("F_DNG_MVE", ("usina",), FATOR, "Fator de degradação para MVE", "7d", True),
    ("EE_ANT_DG", ("contrato", "processamento"), MWH, "Energia especial dos meses anteriores (degradações)", "7c",
     False),
    ("EE_ANT_OP", ("contrato", "processamento"), MWH, "Energia especial do mês m−2 (operação comercial)", "7b",
     False),
    ("EE_PREV_OP", ("contrato", "processamento", "ano"), MWH, "Energia especial prevista", "7a", False),
    ("MONT_EE", ASXF, MWH, "Montante de energia especial", "7", False),
    ("MONT_ATUAL_EE", ASXF, MWH, "Montante atualizado de energia especial", "8", False),
    # §2.1 — regulatory limit (cmds 9–11)
    ("TRC_ANUAL_MVE", ("perfil", "submercado", "ano"), MWH, "Consumo anual para fins do MVE", "9a", False),
    ("TRC_PRE_MVE", ASXF, MWH, "Consumo total preliminar para fins de MVE", "9", False),
    ("TRC_PRE_MVE_VIG", ASXV, MWH, "Consumo total preliminar na vigência (trimestral/mensal)", "10", False),
    ("TRC_PRE_MVE_MED", ASXV, MWM, "Consumo total preliminar na vigência, MWmédio", "11", False),
    # §2.1 — total (cmds 13–21)
    ("QUANT_TOT_DISP", ASXF, MWH, "Quantidade total disponível para venda", "13", False),
    ("QUANT_TOT_DISP_MED", ASXF, MWM, "Quantidade total disponível, MWmédio", "14", False),
    ("QUANT_TOT_DISP_V_MED", ASXV, MWM, "Quantidade total disponível na vigência, MWmédio", "15", False),
    ("QUANT_TOT_DISP_VIG", ASXV, MWH, "Quantidade total disponível na vigência (trimestral/mensal)", "16", False),
    ("QUANT_DISP_VIG_MED_P", ASXV, MWM, "Quantidade disponível trimestral preliminar, MWmédio", "17", False),
    ("QUANT_PRE_DISP_MENSAL", ASXV, MWH, "Quantidade preliminar disponível mensal", "18", False),
    ("QUANT_TOT_DISP_MENSAL", ASXV, MWH, "Quantidade total disponível mensal", "19", False),
    ("QUANT_TOT_DISP_MENSAL_MED", ASXV, MWM, "Quantidade total disponível mensal, MWmédio", "20", False),
    ("QUANT_TOT_DISP_VIG_MED", ASXV, MWM, "Quantidade total disponível trimestral, MWmédio", "21", False),
    # §2.1 — special (cmds 22–28)
    ("QUANT_DISP_EE", ASXF, MWH, "Quantidade disponível de energia especial", "22", False),
    ("QUANT_DISP_EE_MED", ASXF, MWM, "Quantidade disponível de energia especial, MWmédio", "23", False),
    ("QUANT_DISP_EE_V_MED", ASXV, MWM, "Energia especial disponível na vigência, MWmédio", "24", False),
    ("QUANT_DISP_EE_VIG", ASXV, MWH, "Energia especial disponível na vigência (trimestral/mensal)", "25", False),
    ("QUANT_DISP_EE_VIG_MED", ASXV, MWM, "Energia especial disponível trimestral, MWmédio", "26", False),
    ("QUANT_DISP_EE_MENSAL", ASXV, MWH, "Energia especial disponível mensal", "27", False),
    ("QUANT_MENSAL_MED", ASXV, MWM, "Energia especial disponível mensal, MWmédio", "28", False),
    # Anexo II — clearing (cmds 89–90)
    ("MONT_VEND_PROD_A", ("lance_venda", "perfil_vendedor") + PROD, MWM, "Montante vendido por lance de venda",
     "89", False),
    ("MONT_ADQ_PROD_A", ("lance_compra", "perfil_comprador") + PROD, MWM, "Montante adquirido por lance de compra",
     "89", False),
    ("PRECO_N_MVE", ("lance_compra",) + PROD, PRECO, "Preço de negociação do lance de compra (PF)", "89", False),
    ("SPREAD_N_MVE", ("lance_compra",) + PROD, PRECO, "Spread do lance de compra (PV)", "89", False),
    ("MONT_VEND_PROD", ("perfil",) + PROD, MWM, "Montante vendido no produto pelo perfil", "90", False),
    # Anexo II — seller's quantities after each round (cmds 92–99)
    ("QUANT_NEG_CE", ASXVR, MWM, "Quantidade negociada de energia especial", "92", False),
    ("QUANT_NEG_CNE", ASXVR, MWM, "Quantidade negociada de energia não especial", "92", False),
    ("QUANT_NEG_CE_PLU", ASXVR, MWM, "Quantidade negociada especial, anuais e plurianuais", "93", False),
    ("QUANT_NEG_CNE_PLU", ASXVR, MWM, "Quantidade negociada não especial, anuais e plurianuais", "93", False),
    ("QUANT_NEG_CE_VIG", ASXVR, MWM, "Quantidade negociada especial, trimestrais", "94", False),
    ("QUANT_NEG_CNE_VIG", ASXVR, MWM, "Quantidade negociada não especial, trimestrais", "94", False),
    ("QUANT_NEG_CE_M", ASXVR, MWM, "Quantidade negociada especial, mensais", "95", False),
    ("QUANT_NEG_CNE_M", ASXVR, MWM, "Quantidade negociada não especial, mensais", "95", False),
    ("QUANT_TOT_DISP_A", ASXFR, MWH, "Quantidade total disponível atualizada (início da rodada)", "96", False),
    ("QUANT_TOT_A_DISP_MED", ASXFR, MWM, "Quantidade total disponível atualizada, MWmédio", "96a", False),
    ("QUANT_TOT_PLURI_DISP_MED", ASXVR, MWM, "Total disponível para anuais e plurianuais, MWmédio", "97", False),
    ("QUANT_TOT_A_DISP_MENSAL", ASXVR, MWM, "Total disponível atualizado mensal, MWmédio", "97a", False),
    ("QUANT_TOT_A_DISP_VIG", ASXVR, MWM, "Total disponível atualizado trimestral, MWmédio", "98", False),
    ("QUANT_DISP_PLURI_EE_MED", ASXVR, MWM, "Especial disponível para anuais e plurianuais, MWmédio", "98a", False),
    ("QUANT_DISP_EE_A", ASXFR, MWH, "Especial disponível atualizada", "99", False),
    ("QUANT_DISP_EE_A_MED", ASXFR, MWM, "Especial disponível atualizada, MWmédio", "99a", False),
    ("QUANT_DISP_A_EE_VIG", ASXVR, MWM, "Especial disponível atualizada trimestral, MWmédio", "99b", False),
    ("QUANT_DISP_A_EE_MENSAL", ASXVR, MWM, "Especial disponível atualizada mensal, MWmédio", "99c", False),
    # Anexo II / III — buyer's lots (cmds 102–103, 106)
    ("LOT_INI_DNEG_MVE", ("agente", "processamento"), MWH, "Lotes iniciais disponíveis (MWh)", "106", False),
    ("LOT_NEG_MVE", ("agente", "processamento", "rodada"), MWH, "Lotes negociados na rodada (MWh)", "103", False),
    ("LOT_ATUAL_DNEG_MVE", ("agente", "processamento", "rodada"), MWH, "Lotes disponíveis após a rodada (MWh)",
     "102", False),
    # §2.2 — contract amounts (cmds 32–34)
    ("F_LCOMP_MVE_TOT", ("lance_compra",) + PROD, FATOR, "Fator de participação do lance do comprador", "32",
     False),
    ("MV_MVE_ESP_PF", ("perfil_vendedor", "lance_compra") + PROD, MWM, "Montante especial, preço fixo", "32a",
     False),
    ("MV_MVE_ESP_PV", ("perfil_vendedor", "lance_compra") + PROD, MWM, "Montante especial, preço variável",
     "32b", False),
    ("MV_MVE_NESP_PF", ("perfil_vendedor", "lance_compra") + PROD, MWM, "Montante não especial, preço fixo",
     "32c", False),
    ("MV_MVE_NESP_PV", ("perfil_vendedor", "lance_compra") + PROD, MWM, "Montante não especial, preço variável",
     "32d", False),
    ("MV_RES_MVE", ("perfil_vendedor", "lance_compra") + PROD, MWM, "Montante da vigência resultante do MVE", "33",
     False),
    ("MV_MVE_PRE", ("contrato", "vigencia"), MWM, "Montante preliminar da vigência do contrato", "34", False),
]

SAIDAS: dict[str, TabelaSpec] = {n: _saida(n, i, u, d, c, m) for n, i, u, d, c, m in _S}

#: Reports beyond the seed (several value columns).
SAIDAS["RESULTADO_LANCE"] = TabelaSpec(
    "RESULTADO_LANCE", ("lado", "lance", "perfil", "produto", "rodada", "motivo"), mensal=False,
    valores=(Coluna("QUANTIDADE", MWM), Coluna("QUANT_ADMITIDA", MWM), Coluna("QUANT_ATENDIDA", MWM),
             Coluna("PRECO", PRECO)),
    descricao="Fora da regra: cada lance, ofertado, admitido (limites, lotes, cmds 80–81) e atendido")
SAIDAS["EQUILIBRIO_MVE"] = TabelaSpec(
    "EQUILIBRIO_MVE", ("produto",) + PROD + ("rodada",), mensal=False,
    valores=(Coluna("QUANT_NEGOCIADA", MWM), Coluna("DEMANDA", MWM), Coluna("OFERTA", MWM),
             Coluna("PRECO_MARGINAL_COMPRA", PRECO), Coluna("PRECO_MARGINAL_VENDA", PRECO)),
    descricao="Fora da regra: o ponto de equilíbrio de cada produto (quantidade negociada e preços marginais)")

#: The contract tables for the MVE settlement (issue 6), same names and columns as its inputs.
TABELAS_LIQUIDACAO = ("A_ALPHA", "VIGENCIA_MVE", "PROCESSAMENTO_MVE", "VINC_V_MVE", "VINC_C_MVE", "MV_MVE_PRE",
                      "PRECO_CT_MVE", "SPREAD_CT_MVE", "PRECO_N_MVE", "SPREAD_N_MVE")
SAIDAS_CONTRATO: dict[str, TabelaSpec] = {
    "VINC_V_MVE": _c("VINC_V_MVE", ("contrato", "perfil_vendedor") + PROD, mensal=False,
                     descricao="Contratos do vendedor por produto (cmd 34)"),
    "VINC_C_MVE": _c("VINC_C_MVE", ("contrato", "perfil_comprador") + PROD + ("lance_compra",), mensal=False,
                     descricao="Contratos do comprador por produto e o lance de compra (cmd 34)"),
    "PRECO_CT_MVE": _v("PRECO_CT_MVE", ("contrato", "vigencia"), PRECO, "Preço do contrato (= PRECO_N_MVE)",
                       mensal=False, comando="36"),
    "SPREAD_CT_MVE": _v("SPREAD_CT_MVE", ("contrato", "vigencia"), PRECO, "Spread do contrato (= SPREAD_N_MVE)",
                        mensal=False, comando="36"),
}


@dataclass(frozen=True)
class Configuracao:
    """Settings of a mechanism run.

    ``limites``: ``"aplicar"`` (default) caps each seller's offer by its §2.1/Anexo II availability and each
    buyer's by its lots (cmds 100–103, processings with Financial Guarantees), and requires limit data
    (LIM_MVE) for every seller that bids; ``"ignorar"`` clears the book as offered (the limits are still
    computed when their data is there). ``defasagem_contabilizacao``: months between a month and the last
    accounted-and-certified one (3: cmd 7's "m−3"), used for the 12 months of TRC_ANUAL_MVE (DECISÃO MC9).
    ``casas_contrato``: places of a contract amount (6, the CCEAL's). ``arredondamento``: output rounding.
    """

    precisao: Precisao = field(default_factory=Precisao)
    arredondamento: Arredondamento = field(default_factory=lambda: Arredondamento(casas=dict(CASAS_MECANISMO)))
    limites: str = "aplicar"
    defasagem_contabilizacao: int = 3
    casas_contrato: int = 6
    escala_produto: int = ESCALA_PRODUTO

    def __post_init__(self) -> None:
        if self.limites not in ("aplicar", "ignorar"):
            raise InputError("limites", "use 'aplicar' ou 'ignorar'")
        if not 0 <= self.casas_contrato <= 6:
            raise InputError("casas_contrato", "use de 0 a 6 casas (o CCEAL aceita até 6)")
        if not 0 <= self.defasagem_contabilizacao <= 12:
            raise InputError("defasagem_contabilizacao", "use de 0 a 12 meses")

    @property
    def q(self) -> int:
        return self.precisao.escala_divisao


def arredondamento(texto: str | Arredondamento | None) -> Arredondamento:
    """The CLI form of the output rounding with the mechanism's defaults."""
    if isinstance(texto, Arredondamento):
        return texto
    return Arredondamento.de_texto(texto, padrao=CASAS_MECANISMO)


__all__ = ["ASXF", "ASXV", "CASAS_MECANISMO", "COLUNAS_OPCIONAIS", "Configuracao", "ENTRADAS", "ErroMecanismo",
           "MODULO", "PROD", "REGISTRO", "SAIDAS", "SAIDAS_CONTRATO", "TABELAS_LIQUIDACAO", "arredondamento"]
