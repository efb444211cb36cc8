"""The clearing on crafted bid books (cmds 84, 88, 89): all met, none met, partial at the margin, ties, several
bids of one agent, no crossing (Figures 10 and 11), and the special-energy restriction (cmd 81). Each book is
cleared by the reference loop and by the vectorized engine, which must agree."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ccee_barramento.settlement.mve.mecanismo import Configuracao, processar
from ccee_barramento.settlement.mve.mecanismo.leilao import limpar_vetorizado
from ccee_barramento.settlement.mve.mecanismo.referencia import liquidar_produto


def ambos(vendas, compras):
    ref = liquidar_produto(vendas, compras)
    (vet,) = limpar_vetorizado([(vendas, compras)])
    assert ref == vet
    return ref


def test_todos_atendidos_figura_10():
    # supply 10 lots at 100; demand 3 + 4 at 150/120: every buyer lot met, V1 partially (QTN = 7)
    lv, lc, q, pc, pv = ambos([("V1", D(100), 10)], [("C1", D(150), 3), ("C2", D(120), 4)])
    assert (lv, lc, q) == ({"V1": 7}, {"C1": 3, "C2": 4}, 7)
    assert (pc, pv) == (D(120), D(100))


def test_vendedores_esgotados_figura_11():
    # supply 5 at 90; demand C1 8 at 200: all sale lots met, C1 partially (QTN = 5)
    lv, lc, q, *_ = ambos([("V1", D(90), 5)], [("C1", D(200), 8)])
    assert (lv, lc, q) == ({"V1": 5}, {"C1": 5}, 5)


def test_nenhum_atendido():
    # best buyer 100 < cheapest seller 101: nothing trades
    lv, lc, q, pc, pv = ambos([("V1", D(101), 5)], [("C1", D(100), 5)])
    assert (lv, lc, q, pc, pv) == ({"V1": 0}, {"C1": 0}, 0, None, None)


def test_parcial_na_margem_e_preco_igual_negocia():
    # supply V1 4 @ 100, V2 6 @ 130; demand C1 5 @ 140, C2 5 @ 130, C3 5 @ 120
    # units 1–4: 140 ≥ 100; unit 5: 140 ≥ 130; units 6–10: 130 ≥ 130 (equal prices trade); 11+: 120 < 130
    lv, lc, q, pc, pv = ambos([("V1", D(100), 4), ("V2", D(130), 6)],
                              [("C1", D(140), 5), ("C2", D(130), 5), ("C3", D(120), 5)])
    assert q == 10 and lv == {"V1": 4, "V2": 6} and lc == {"C1": 5, "C2": 5, "C3": 0}


def test_empate_na_margem_rateio_proporcional_com_maior_resto():
    # supply 10 @ 50; demand at 80: C1 6, C2 3, C3 3 (12 lots for 10): pro rata 10×6/12 = 5, 10×3/12 = 2.5, 2.5
    # floors 5 + 2 + 2 = 9; the leftover lot goes to the largest remainder (C2 and C3 tie at 0.5): lowest id C2
    lv, lc, q, *_ = ambos([("V1", D(50), 10)], [("C1", D(80), 6), ("C3", D(80), 3), ("C2", D(80), 3)])
    assert lc == {"C1": 5, "C2": 3, "C3": 2} and q == 10 and sum(lc.values()) == q


def test_empate_de_vendedores_na_margem():
    # demand 7 @ 100; supply V1 5 @ 60 and V2 5 @ 60: 7 of 10 → 3.5 each; floors 3 + 3, leftover to V1 (id order)
    lv, lc, q, *_ = ambos([("V2", D(60), 5), ("V1", D(60), 5)], [("C1", D(100), 7)])
    assert lv == {"V1": 4, "V2": 3} and lc == {"C1": 7}


def test_varios_lances_do_mesmo_agente():
    # one buyer profile with three bids at different prices: each bid is met by its own price rank
    lv, lc, q, *_ = ambos([("V1", D(10), 6)], [("A-1", D(30), 2), ("A-2", D(20), 3), ("A-3", D(5), 4)])
    assert lc == {"A-1": 2, "A-2": 3, "A-3": 0} and q == 5


def _livro(compras, produto_te="CE"):
    return {
        "PROCESSAMENTO_MVE": [{"processamento": "X", "mes_processamento": "2026-10", "anterior_garantias_financeiras": "true"}],
        "VIGENCIA_MVE": [{"vigencia": "2027", "inicio": "2027-01", "fim": "2027-12", "tipo_vigencia": ""}],
        "A_ALPHA": [{"perfil": p, "agente": "5" + p} for p in ("61007", "61005", "61006")],
        "M_HORAS": [{"mes": f"{a}-{m:02d}", "M_HORAS": 720} for a in (2026, 2027) for m in range(1, 13)],
        "PRODUTOS_LEILAO": [{"produto": "P", "submercado": "SE", "processamento": "X", "vigencia": "2027",
                             "tipo_energia": produto_te, "tipo_preco": "PF", "etapa": "1", "rodada": "1", "LOTE": "1"}],
        "LANCE_VENDA": [{"lance_venda": "V1", "perfil_vendedor": "61007", "produto": "P", "QUANTIDADE": "10",
                         "PRECO": "100"}],
        "LANCE_COMPRA": compras,
        "CONSUMIDOR_ESPECIAL": [{"perfil": "61006"}],
    }


@pytest.mark.parametrize("te,atendido", [("CNE", "0"), ("CE", "4")])
def test_consumidor_especial_so_compra_energia_especial(te, atendido):
    compras = [{"lance_compra": "C1", "perfil_comprador": "61006", "produto": "P", "QUANTIDADE": "4", "PRECO": "200"},
               {"lance_compra": "C2", "perfil_comprador": "61005", "produto": "P", "QUANTIDADE": "3", "PRECO": "150"}]
    r = processar(_livro(compras, te), Configuracao(limites="ignorar"))
    lances = {x["lance"]: x for x in r.exatas["RESULTADO_LANCE"].iter_rows(named=True)}
    assert lances["C1"]["QUANT_ATENDIDA"] == D(atendido)
    assert lances["C1"]["motivo"] == ("consumidor_especial" if te == "CNE" else "")
    assert lances["C2"]["QUANT_ATENDIDA"] == D(3)


def test_lance_fora_do_lote_e_erro():
    from ccee_barramento.settlement.mve.mecanismo import ErroMecanismo

    compras = [{"lance_compra": "C1", "perfil_comprador": "61005", "produto": "P", "QUANTIDADE": "2.5", "PRECO": "150"}]
    with pytest.raises(ErroMecanismo) as exc:
        processar(_livro(compras), Configuracao(limites="ignorar"))
    assert exc.value.tabela == "LANCE_COMPRA"


def test_vendedor_sem_limite_e_erro_com_limites_aplicados():
    from ccee_barramento.settlement.mve.mecanismo import ErroMecanismo

    compras = [{"lance_compra": "C1", "perfil_comprador": "61005", "produto": "P", "QUANTIDADE": "2", "PRECO": "150"}]
    with pytest.raises(ErroMecanismo) as exc:
        processar(_livro(compras))
    assert exc.value.tabela == "LIM_MVE"
