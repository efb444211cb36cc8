"""A defaulting buyer across three months, from the MVE settlement (Anexo I, its exact reference) to the
residual fine per pair (Anexo III): every figure, and its lineage (the explanation of each row).

The simulator's demo MVE contracts (``garantias.demo``): seller LUZ DO VALE (61007/51005); buyers METAL RIO DOCE
(61005/51003, contract 900101: 5 MWm, fixed price 250.00, semiannual Jan–Jun 2026) and VENTOS DO SUL
(61003/51002, contract 900102: 3 MWm at PLD + 18.00). METAL RIO DOCE pays 70 % of January, all of February,
40 % of March, and does not recompose the GFC drawn in March.

    default (Anexo I cmd 63: F_INAD_EFE_MVE) → GFC drawn (cmds 121–123) and shared (126–128) → recomposition
    asked (131–133) → not recomposed: rescission and fine (Anexo I cmds 73, 75: M_MVE) → remaining GFC pays the
    fine (139–142) → residual fine per pair (143–144)

Run with ``pytest -s`` to read every explanation.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from garantias_cenarios import rodar

from ccee_barramento.settlement.mve.garantias import SAIDAS
from ccee_barramento.settlement.mve.garantias.anexo_i import calcular_com_anexo_i, entradas_do_anexo_i
from ccee_barramento.settlement.mve.garantias.demo import (
    PROCESSAMENTO,
    VIGENCIA,
    entradas_anexo_i_demo,
    entradas_garantias_demo,
)
from ccee_barramento.settlement.mve.garantias.esquema import REGISTRO

MESES = "2026-01..2026-03"
J, F, M = "2026-01", "2026-02", "2026-03"
X = PROCESSAMENTO
PF = {"submercado": "SE", "processamento": X, "vigencia": VIGENCIA, "tipo_energia": "CNE", "tipo_preco": "PF"}
PV = {**PF, "tipo_preco": "PV"}
METAL = {"perfil": "61005", **PF}
VENTOS = {"perfil": "61003", **PV}
PAR = {"perfil_comprador": "61005", "perfil_vendedor": "61007", **PF}
AGENTES = {"agente_comprador": "51003", "agente_vendedor": "51005", "processamento": X}

#: (variable, key, value, what the explanation must show as its inputs' origins) — every figure of the story
FIGURAS = [
    # static (cmds 110, 113–115, 117)
    ("VLR_REF_GP_A", {"agente": "51003", "processamento": X, "ano": "2025"}, "20.40", ["NIPCA"]),
    ("V_HORAS_GC_A", {"agente": "51003", "processamento": X, "vigencia": VIGENCIA}, "720", ["V_HORAS_GC"]),
    ("V_HORAS_GC_A", {"agente": "51002", "processamento": X, "vigencia": VIGENCIA}, "4344", ["V_HORAS"]),
    ("VLR_GC_PROD", METAL, "918000", ["PERC_MULTA_INAD_MVE", "PRECO_CT_MVE"]),  # 720 × 5 × 250 × 1.02
    ("VLR_GC_PROD", VENTOS, "234576", ["SPREAD_CT_MVE"]),  # 4,344 × 3 × 18
    ("VLR_DEV_GP_MVE", {"agente": "51003", "processamento": X}, "0", ["VLR_GC_TOT"]),  # max(0; 500,000 − 918,000)
    ("VLR_DEV_GP_MVE", {"agente": "51002", "processamento": X}, "65424", ["VLR_GC_TOT"]),  # 300,000 − 234,576
    ("VDP_RC_GP_MVE", {"agente": "51003", "processamento": X}, "500000", ["VLR_DEV_GP_MVE"]),
    # January: 70 % paid → F_INAD_EFE_MVE = 0.3
    ("GC_PROD_ATUAL", {**METAL, "mes": J}, "918000", ["VLR_GC_PROD"]),
    ("GCA_PROD_PRE", {**METAL, "mes": J}, "284580", ["Anexo I cmd 63", "§2.3 cmd 56 b"]),  # 0.3 × 930,000 × 1.02
    ("GCA_PROD", {**METAL, "mes": J}, "284580", ["cmd 121", "cmd 122"]),
    ("GCA_PROD_VC", {**PAR, "mes": J}, "279000", ["§2.3 cmd 57", "Anexo I cmd 63"]),  # 0.3 × 930,000 × 1
    ("GCA_VC", {**AGENTES, "mes": J}, "279000", ["cmd 127"]),
    ("GCA_TOT", {"agente": "51003", "mes": J}, "284580", ["cmd 124"]),
    ("RECOMP_GC_PROD", {**METAL, "mes": J}, "284580", ["cmd 123"]),
    ("RECOMP_GC_TOT", {"agente": "51003", "mes": J}, "284580", ["cmd 132"]),
    ("VMAX_IF_MVE", {**METAL, "mes": J}, "4590000", ["Σ M_HORAS"]),  # 5 × 3,600 × 250 × 1.02
    ("EXC_GC_PROD", {**METAL, "mes": J}, "0", ["cmd 134 a"]),
    ("GCR_TOT", {"agente_vendedor": "51005", "agente_comprador": "51003", "processamento": X, "mes": J}, "279000",
     ["cmd 128", "cmd 142"]),
    ("EXC_GC_PROD", {**VENTOS, "mes": J}, "40176", ["cmd 134 a"]),  # 234,576 − 3 × 3,600 × 18
    # February: paid in full; the January draw was recomposed, so the balance is whole again
    ("GC_PROD_ATUAL", {**METAL, "mes": F}, "918000", ["mês anterior"]),  # 918,000 + 0 − 0
    ("GCA_PROD", {**METAL, "mes": F}, "0", ["cmd 121"]),
    ("VMAX_IF_MVE", {**METAL, "mes": F}, "3733200", ["Σ M_HORAS"]),  # 5 × 2,928 × 250 × 1.02
    ("GC_PROD_ATUAL", {**VENTOS, "mes": F}, "194400", ["mês anterior"]),  # 234,576 − 40,176
    # March: 40 % paid (F_INAD_EFE_MVE = 0.6) and no recomposition → rescission, fine 819,000 (Anexo I cmd 75)
    ("GCA_PROD_PRE", {**METAL, "mes": M}, "569160", ["Anexo I cmd 63"]),  # 0.6 × 930,000 × 1.02
    ("GCA_PROD", {**METAL, "mes": M}, "569160", ["cmd 121"]),
    ("GCA_PROD_VC", {**PAR, "mes": M}, "558000", ["§2.3 cmd 57"]),  # 0.6 × 930,000 × 1
    ("GC_PROD_REM", {**METAL, "mes": M}, "348840", ["cmd 122", "cmd 123"]),  # 918,000 − 569,160
    ("GCA_PROD_R", {**METAL, "mes": M}, "348840", ["Anexo I cmd 75"]),  # min(348,840; 819,000)
    ("F_M_REC_PROD_R", {**PAR, "mes": M}, "1", ["Anexo I cmd 75 b"]),
    ("GCA_PROD_R_VC", {**PAR, "mes": M}, "348840", ["cmd 140", "cmd 141 f"]),
    ("GCA_R_VC", {**AGENTES, "mes": M}, "348840", ["cmd 141"]),
    ("RECOMP_GC_PROD", {**METAL, "mes": M}, "0", ["cmd 123"]),  # rescinded: nothing to recompose
    ("EXC_GC_PROD", {**METAL, "mes": M}, "0", ["cmd 139", "cmd 140"]),  # nothing left: 348,840 − 348,840
    ("M_REM_PROD_GC", {**PAR, "mes": M}, "470160", ["Anexo I cmd 75 b", "cmd 141"]),  # 819,000 − 348,840
    ("M_REM_GC", {**AGENTES, "mes": M}, "470160", ["cmd 143"]),
    ("GCR_TOT", {"agente_vendedor": "51005", "agente_comprador": "51003", "processamento": X, "mes": M}, "906840",
     ["cmd 128", "cmd 142"]),  # 558,000 + 348,840
    ("EXC_GC_PROD", {**VENTOS, "mes": M}, "40176", ["cmd 134 a"]),
]


@pytest.fixture(scope="module")
def cenario():
    return calcular_com_anexo_i(entradas_anexo_i_demo(), entradas_garantias_demo(), MESES)


def test_anexo_i_da_o_que_as_garantias_leem(cenario):
    saidas, _, _ = cenario

    def v(nome, **k):
        return [r[nome] for r in saidas[nome] if all(r[c] == x for c, x in k.items())]

    # Anexo I cmd 63: METAL RIO DOCE owes 930,000 (5 × 744 × 250) and pays 651,000 in January, 372,000 in March
    assert v("F_INAD_EFE_MVE", agente="51003", mes=J) == [D("0.3")]
    assert v("F_INAD_EFE_MVE", agente="51003", mes=F) == [0]
    assert v("F_INAD_EFE_MVE", agente="51003", mes=M) == [D("0.6")]
    assert v("VLP_MVE_PROD", perfil="61005", mes=J) == [D("930000")]
    # Anexo I cmds 73 (ii) and 75: rescinded in March; fine = 5 × (720 + 744 + 720) × (0.30 × 250.00) = 819,000
    assert [r["contrato"] for r in saidas["RESCISAO_MVE"]] == ["900101"]
    assert v("M_MVE", perfil_comprador="61005", mes=M) == [D("819000")]


@pytest.mark.parametrize("variavel,chave,valor,origens", FIGURAS, ids=[f"{f[0]}-{f[1].get('mes', 'estatico')}-"
                                                                       f"{f[1].get('perfil', f[1].get('agente', ''))}"
                                                                       for f in FIGURAS])
def test_cada_figura_e_sua_linhagem(cenario, variavel, chave, valor, origens):
    _, _, r = cenario
    e = r.explicar(variavel, **chave)
    print()
    print(e.texto())
    assert e.valor == D(valor)
    assert e.confere  # recomputed in decimal.Decimal from the run's tables, independently of the engine
    assert e.comando.rotulo.startswith("MVE cmd")
    texto = e.texto()
    for origem in origens:
        assert origem in texto, (origem, texto)


def test_todas_as_linhas_de_todas_as_saidas_se_explicam(cenario):
    _, _, r = cenario
    n = 0
    for nome in SAIDAS:
        indices = REGISTRO.por_variavel(nome).indices
        for linha in r.exatas[nome].to_dicts():
            e = r.explicar(nome, **{i: linha[i] for i in indices})
            assert e.confere, e.texto()
            n += 1
    assert n > 80


def test_motor_igual_a_referencia_no_cenario():
    from ccee_barramento.settlement.mve import referencia as anexo_i
    from ccee_barramento.settlement.runner import intervalo_meses

    entradas = entradas_anexo_i_demo()
    saidas, estado = anexo_i.calcular_meses(entradas, intervalo_meses(MESES))
    rodar({**entradas_do_anexo_i(entradas, saidas, estado), **entradas_garantias_demo()}, MESES)


def test_o_saldo_da_gfc_fecha(cenario):
    _, _, r = cenario
    # METAL RIO DOCE's GFC: lodged 918,000; January draw 284,580 recomposed; March: 569,160 for the default +
    # 348,840 for the fine = 918,000, nothing returned; LUZ DO VALE received 279,000 + 906,840 and still has
    # 470,160 to collect from METAL RIO DOCE bilaterally
    gcr = sum(r.exatas["GCR_TOT"]["GCR_TOT"].to_list())
    assert gcr == D("1185840")
    assert r.valor("M_REM_GC", {**AGENTES, "mes": M}) == D("470160.00")


def test_linhagem_cobre_os_comandos_110_a_144(cenario):
    _, _, r = cenario
    numeros = {int(c.split()[0]) for c in r.linhagem()["comando"].to_list() if c.split()[0].isdigit()}
    assert set(range(110, 145)) <= numeros


def test_o_motor_vetorizado_do_anexo_i_leva_as_mesmas_garantias():
    """The same story with the MVE settlement's vectorized engine instead of its reference: its exact tables
    enter at the reference's output precision (12 places), and every guarantee figure is the same."""
    pytest.importorskip("ccee_barramento.settlement.mve.motor")
    ref = calcular_com_anexo_i(entradas_anexo_i_demo(), entradas_garantias_demo(), MESES)[2]
    vet = calcular_com_anexo_i(entradas_anexo_i_demo(), entradas_garantias_demo(), MESES, motor="vetorizado")[2]
    for nome in SAIDAS:
        assert vet.exatas[nome].to_dicts() == ref.exatas[nome].to_dicts(), nome
