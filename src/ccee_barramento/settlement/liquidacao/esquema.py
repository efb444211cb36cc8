"""Tables of the Liquidação module (seed 003, Regras de Comercialização 2026.1.0) and its settings.

Every name is the seed's. The two tables the seed does not name are marked: ``CRED_IMP_ARG_URU``
(DECISÃO L3) and the map of the "beyond the seed" stage (``INAD_NAO_COBERTA``, ``MAPA_LIQUIDACAO``,
``MAPA_INAD``). The decisions (DECISÃO Ln) are listed in ``docs/settlement.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import InputError
from ..exact import Arredondamento, Precisao
from ..lineage import Registro
from ..tables import Coluna, TabelaSpec

MODULO = "Liquidação"
REGISTRO = Registro(MODULO)

RS = "R$"
FATOR = "fator"

P = ("perfil",)
A = ("agente",)

#: Input tables. Missing optional tables mean zero (values) or the empty set (sets).
ENTRADAS: dict[str, TabelaSpec] = {
    s.nome: s
    for s in [
        TabelaSpec.conjunto(
            "PERFIS", ("perfil", "agente"), mensal=False, obrigatoria=True,
            descricao="Aα: perfil de agente a → agente principal α (um agente por perfil)",
        ),
        TabelaSpec.variavel("RESULTADO", P, RS, "Resultado Final do perfil no mês (+ credor, − devedor)",
                            obrigatoria=True, comando="2"),
        TabelaSpec.variavel("AJUSTES", P, RS, "Ajustes por decisões judiciais/administrativas provisórias",
                            comando="1, 2"),
        TabelaSpec.variavel("RES_EXCD_ER", P, RS, "Restituição de excedentes da CONER (≥ 0)", comando="6",
                            nomes_errados=("RES_EXED_ER",)),
        TabelaSpec.variavel("RES_ENC_CER", P, RS, "Resultado dos encargos de CER por disponibilidade", comando="6"),
        TabelaSpec.variavel("CRED_IMP_ARG_URU", P, RS,
                            "Créditos de importação interruptível da Argentina/Uruguai (fora da regra; DECISÃO L3)",
                            comando="6"),
        TabelaSpec.conjunto("ACER", A, mensal=False, descricao="Agente associado à Contratação da Energia de Reserva"),
        TabelaSpec.variavel("V_INAD", A, RS, "Inadimplência do agente na liquidação do MCP, não coberta (≥ 0)",
                            comando="8, mapa"),
        TabelaSpec.conjunto("ADSS", A, descricao="Agentes desligados por descumprimento, no mês do desligamento"),
        TabelaSpec.conjunto("PAPRIDO", P, descricao="Perfis que participam do rateio da inadimplência dos desligados"),
        TabelaSpec.variavel("CONTRIB", A, FATOR, "Percentual de Contribuição do agente (fração)", comando="9.1"),
        TabelaSpec.variavel("FP_E_RP", ("perfil", "agente"), FATOR,
                            "Fator de participação de energia do perfil no seu agente principal, "
                            "no mês da Assembleia Geral (vale até a próxima)", vigencia="ate", comando="9.1"),
        TabelaSpec(
            "INAD_NAO_COBERTA", (), valores=(Coluna("INAD_NAO_COBERTA", RS),),
            descricao="Inadimplência do mês não coberta por garantias (fora da regra; padrão: Σ V_INAD do mês)",
            comando="mapa",
        ),
    ]
}

#: Output tables, in calculation order.
SAIDAS: dict[str, TabelaSpec] = {
    s.nome: s
    for s in [
        TabelaSpec.variavel("V_INAD_DSS", A, RS, "Inadimplência do desligado sem sucessão (cmd 8)", comando="8"),
        TabelaSpec.variavel("FD_INAD_DSS", P, FATOR, "Fator de distribuição da inadimplência dos desligados",
                            comando="9.1"),
        TabelaSpec.variavel("DEB_INAD_DSS", ("perfil", "agente"), RS,
                            "Débito do perfil referente ao agente desligado α (coluna agente = o desligado)",
                            comando="9"),
        TabelaSpec.variavel("AJU_INAD_DSS", P, RS, "Ajuste de inadimplência por desligamento sem sucessão",
                            comando="10"),
        TabelaSpec.variavel("V_LIQUI", P, RS, "Valor a ser liquidado do perfil", comando="2"),
        TabelaSpec.variavel("V_TOT_LIQUI", A, RS, "Valor total a ser liquidado do agente", comando="3"),
        TabelaSpec.variavel("V_RAT_INAD", A, RS, "Valor para rateio da inadimplência", comando="6"),
        TabelaSpec.variavel("P_RAT_INAD", A, FATOR, "Percentual de participação no rateio (fração de 1)",
                            comando="7"),
        TabelaSpec(
            "MAPA_LIQUIDACAO", A,
            valores=(Coluna("V_TOT_LIQUI", RS), Coluna("P_RAT_INAD", FATOR), Coluna("V_INAD", RS),
                     Coluna("RATEIO_INAD", RS), Coluna("POSICAO_LIQUIDA", RS)),
            descricao="Mapa de liquidação local: posição, rateio da inadimplência e posição líquida (fora da regra)",
            comando="4, 5 (mapa)",
        ),
        TabelaSpec(
            "MAPA_INAD", (),
            valores=(Coluna("INAD_NAO_COBERTA", RS), Coluna("INAD_RATEADA", RS), Coluna("INAD_NAO_RATEADA", RS)),
            descricao="Inadimplência não coberta do mês, quanto foi rateado aos credores e o que sobrou",
            comando="5 (mapa)",
        ),
    ]
}

SINAIS_DSS = ("debito", "literal")


@dataclass(frozen=True)
class Configuracao:
    """Settings of a Liquidação run.

    ``sinal_deb_inad_dss`` (DECISÃO L5): ``"debito"`` (default) makes DEB_INAD_DSS = −V_INAD_DSS × FD_INAD_DSS,
    ≤ 0 as the seed's output table says, so the default of the disconnected agents *reduces* V_LIQUI;
    ``"literal"`` keeps the printed product (≥ 0).
    """

    precisao: Precisao = field(default_factory=Precisao)
    arredondamento: Arredondamento = field(default_factory=Arredondamento)
    sinal_deb_inad_dss: str = "debito"

    def __post_init__(self) -> None:
        if self.sinal_deb_inad_dss not in SINAIS_DSS:
            raise InputError("sinal_deb_inad_dss", f"use {' ou '.join(SINAIS_DSS)}")

    @property
    def sinal(self) -> int:
        return -1 if self.sinal_deb_inad_dss == "debito" else 1
