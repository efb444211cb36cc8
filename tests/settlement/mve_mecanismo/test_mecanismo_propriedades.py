"""Hypothesis properties of the mechanism on random books, and engine == reference on generated inputs."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccee_barramento.settlement.mve.mecanismo import Configuracao, processar, processar_referencia
from ccee_barramento.settlement.mve.mecanismo._base import arredondar_pares
from ccee_barramento.settlement.mve.mecanismo.motor import carregar

PERFIS_V = ["61101", "61102", "61103"]
PERFIS_C = ["62001", "62002", "62003", "62004"]


@st.composite
def mercados(draw):
    n_prod = draw(st.integers(1, 3))
    lote = draw(st.sampled_from(["1", "0.5", "0.1"]))
    produtos = []
    desloca = draw(st.integers(0, 3))
    for k in range(n_prod):
        produtos.append({"produto": f"P{k}", "submercado": "SE", "processamento": "X", "vigencia": "2027",
                         "tipo_energia": ["CE", "CNE"][(k + desloca) // 2 % 2], "tipo_preco": ["PF", "PV"][(k + desloca) % 2],
                         "etapa": "1", "rodada": str(draw(st.integers(1, 2))), "LOTE": lote})
    vendas, compras = [], []
    for i in range(draw(st.integers(0, 8))):
        vendas.append({"lance_venda": f"V{i}", "perfil_vendedor": draw(st.sampled_from(PERFIS_V)),
                       "produto": f"P{draw(st.integers(0, n_prod - 1))}",
                       "QUANTIDADE": str(D(lote) * draw(st.integers(1, 20))), "PRECO": str(draw(st.integers(-5, 12)) * 10)})
    for i in range(draw(st.integers(0, 12))):
        compras.append({"lance_compra": f"C{i}", "perfil_comprador": draw(st.sampled_from(PERFIS_C)),
                        "produto": f"P{draw(st.integers(0, n_prod - 1))}",
                        "QUANTIDADE": str(D(lote) * draw(st.integers(1, 15))), "PRECO": str(draw(st.integers(-5, 12)) * 10)})
    lim = [{"perfil": a, "processamento": "X", "ano": "2027", "LIM_MVE": str(draw(st.sampled_from(["0", "0.01", "0.1", "0.5"])))}
           for a in PERFIS_V]
    trc = [{"perfil": a, "submercado": "SE", "hora": "1", "mes": "2025-06", "TRC_H": "87600"} for a in PERFIS_V]
    return {
        "PROCESSAMENTO_MVE": [{"processamento": "X", "mes_processamento": "2026-10", "anterior_garantias_financeiras": "true"}],
        "VIGENCIA_MVE": [{"vigencia": "2027", "inicio": "2027-01", "fim": "2027-12", "tipo_vigencia": ""}],
        "A_ALPHA": [{"perfil": p, "agente": "5" + p} for p in PERFIS_V + PERFIS_C],
        "M_HORAS": [{"mes": f"{a}-{m:02d}", "M_HORAS": 730} for a in (2025, 2026, 2027) for m in range(1, 13)],
        "PRODUTOS_LEILAO": produtos, "LANCE_VENDA": vendas, "LANCE_COMPRA": compras, "LIM_MVE": lim, "TRC_H": trc,
    }


def _soma(df, chaves, valor):
    out = defaultdict(lambda: D(0))
    for r in df.iter_rows(named=True):
        out[tuple(r[c] for c in chaves)] += r[valor]
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mercados(), st.sampled_from(["aplicar", "ignorar"]))
def test_propriedades_do_leilao_e_dos_contratos(e, limites):
    r = processar(e, Configuracao(limites=limites))
    lances = r.exatas["RESULTADO_LANCE"]
    for x in lances.iter_rows(named=True):
        # allocated ≤ admitted ≤ offered, on both sides
        assert D(0) <= x["QUANT_ATENDIDA"] <= x["QUANT_ADMITIDA"] <= x["QUANTIDADE"]
    # per product the two sides trade the same quantity
    v = _soma(lances.filter(lances["lado"] == "V"), ["produto"], "QUANT_ATENDIDA")
    c = _soma(lances.filter(lances["lado"] == "C"), ["produto"], "QUANT_ATENDIDA")
    assert {k: x for k, x in v.items() if x} == {k: x for k, x in c.items() if x}
    # the seller's limit: allocated ≤ the product's availability at the start of its round (cmds 97–98a)
    if limites == "aplicar":
        prods = {p["produto"]: p for p in e["PRODUTOS_LEILAO"]}
        disp = {}
        for nome in ("QUANT_TOT_PLURI_DISP_MED", "QUANT_DISP_PLURI_EE_MED"):
            for x in r.exatas[nome].iter_rows(named=True):
                disp[(nome, x["perfil"], x["rodada"])] = x[nome]
        vend = _soma(r.exatas["MONT_VEND_PROD"], ["perfil", "tipo_energia", "tipo_preco"], "MONT_VEND_PROD")
        for (a, te, tp), total in vend.items():
            p = next(p for p in prods.values() if p["tipo_energia"] == te and p["tipo_preco"] == tp)
            nome = "QUANT_DISP_PLURI_EE_MED" if te == "CE" else "QUANT_TOT_PLURI_DISP_MED"
            assert total <= max(D(0), disp[(nome, a, p["rodada"])])
    # every contract's price is its buyer bid's price; a buyer bid's contracts add up to its met quantity
    ct = r.contratos()
    precos = {x["lance_compra"]: x["PRECO"] for x in e["LANCE_COMPRA"]}
    atendidos = {x["lance"]: x["QUANT_ATENDIDA"] for x in lances.filter(lances["lado"] == "C").iter_rows(named=True)}
    por_lance = _soma(ct, ["lance_compra"], "MV")
    for x in ct.iter_rows(named=True):
        assert D(x["PRECO"]) == D(precos[x["lance_compra"]])
    for b, n in atendidos.items():
        assert por_lance.get((b,), D(0)) == n
    por_vendedor = _soma(ct, ["perfil_vendedor", "produto"], "MV")
    for x in r.exatas["MONT_VEND_PROD"].iter_rows(named=True):
        prod = next(p["produto"] for p in e["PRODUTOS_LEILAO"] if p["tipo_energia"] == x["tipo_energia"]
                    and p["tipo_preco"] == x["tipo_preco"])
        assert por_vendedor.get((x["perfil"], prod), D(0)) == x["MONT_VEND_PROD"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mercados())
def test_motor_igual_a_referencia(e):
    cfg = Configuracao(limites="aplicar")
    r = processar(e, cfg)
    linhas = {n: df.to_dicts() for n, df in carregar(e, cfg).items()}
    ref = processar_referencia(linhas, cfg)
    for nome, df in r.exatas.items():
        assert _norm(df.to_dicts()) == _norm(ref.get(nome, [])), nome


def _norm(linhas):
    def val(v):
        return f"{v.normalize():f}" if isinstance(v, D) else v
    # rows ordered by their text: a column may hold None in some rows and text in others
    return sorted((tuple(sorted((k, val(v)) for k, v in x.items())) for x in linhas), key=repr)


@given(st.lists(st.integers(1, 40), min_size=1, max_size=5), st.lists(st.integers(1, 40), min_size=1, max_size=7),
       st.sampled_from([1, 10, 100000]))
def test_arredondamento_dos_pares_fecha_linhas_e_colunas(linhas, colunas, fator):
    # scale the columns so both margins add up to the same total
    total = sum(linhas)
    base = sum(colunas)
    colunas = [c * total for c in colunas]
    linhas = [s * base for s in linhas]
    total *= base
    x = arredondar_pares(linhas, colunas, total, fator)
    assert [sum(r) for r in x] == [s * fator for s in linhas]
    assert [sum(r[j] for r in x) for j in range(len(colunas))] == [c * fator for c in colunas]
    for i, s in enumerate(linhas):
        for j, d in enumerate(colunas):
            exato = D(s * d * fator) / D(total)
            assert abs(D(x[i][j]) - exato) < 1
