"""The vectorized engine (``calendario``, ``limites``, ``rodadas``, ``montantes``; ``motor.executar``) against the
row-by-row reference (``referencia.processar_referencia``), table for table, row for row, digit for digit.

Both sides divide at the same scale (``Precisao.escala_divisao``, 16) and round products at the same place (20),
so the **exact** values are compared — not the output rounding: every digit of every value (decimals compared
by value in an 80-digit context, so 1.50 and 1.5 are the same number and nothing is rounded on the way). Cases:
the demo, the hand-computed cases of the other test files (cmd 6 branches, the processing-year split, spec
example 4, crafted books), ``sinteticos.mercado`` on full hourly inputs, other division scales, and the input
errors (same table named). The hypothesis-generated markets are in ``test_mecanismo_vetorizado_propriedades``.
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal as D
from pathlib import Path

import polars as pl
import pytest

from ccee_barramento.settlement.exact import CONTEXTO, Precisao
from ccee_barramento.settlement.mve.mecanismo import (
    REGISTRO,
    SAIDAS,
    Configuracao,
    ErroMecanismo,
    calendario,
    limites,
    motor,
    processar,
    processar_referencia,
    referencia,
    sinteticos,
)
from ccee_barramento.settlement.mve.mecanismo.comandos import IMPLEMENTACAO
from ccee_barramento.settlement.mve.mecanismo.leilao import limpar_vetorizado
from ccee_barramento.settlement.mve.mecanismo.motor import carregar, executar

from .test_mecanismo_especial import entradas as entradas_especial
from .test_mecanismo_especial import entradas_exemplo_4
from .test_mecanismo_leilao import _livro

DEMO = Path(__file__).resolve().parents[3] / "src/ccee_barramento/settlement/dados_demo/mve_mecanismo"
_CTX = decimal.Context(prec=80)


def normalizadas(linhas):
    """Rows as sorted tuples; decimals by value with every digit (80-digit context: nothing rounded)."""
    def val(v):
        return format(v.normalize(_CTX), "f") if isinstance(v, D) else ("" if v is None else str(v))
    return sorted(tuple(sorted((k, val(v)) for k, v in r.items())) for r in linhas)


def ambos(e, cfg=None):
    cfg = cfg or Configuracao()
    t = carregar(e, cfg)
    return executar(t, cfg), processar_referencia({n: df.to_dicts() for n, df in t.items()}, cfg)


def assert_iguais(vet, ref, nomes=SAIDAS):
    for nome in nomes:
        a, b = normalizadas(vet[nome].to_dicts()), normalizadas(ref.get(nome, []))
        if a != b:
            so_a, so_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
            pytest.fail(f"{nome}: {len(a)} linhas no motor, {len(b)} na referência; só no motor {so_a[:2]}, "
                        f"só na referência {so_b[:2]}")


def _compras_leilao():
    return [{"lance_compra": "C1", "perfil_comprador": "61006", "produto": "P", "QUANTIDADE": "4", "PRECO": "200"},
            {"lance_compra": "C2", "perfil_comprador": "61005", "produto": "P", "QUANTIDADE": "3", "PRECO": "150"},
            {"lance_compra": "C3", "perfil_comprador": "61005", "produto": "P", "QUANTIDADE": "5", "PRECO": "100"}]


# ----------------------------------------------------------------------------------------------------
# Hand-computed cases
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limites_", ["aplicar", "ignorar"])
def test_demo_igual_a_referencia(limites_):
    vet, ref = ambos(DEMO, Configuracao(limites=limites_))
    assert_iguais(vet, ref)
    assert vet["QUANT_TOT_DISP_MED"]["QUANT_TOT_DISP_MED"].to_list() == [D(10)]  # test_mecanismo_limites, cmd 14


@pytest.mark.parametrize("caso", ["especial", "exemplo_4"])
def test_casos_calculados_a_mao_iguais(caso):
    e = entradas_especial() if caso == "especial" else entradas_exemplo_4()
    vet, ref = ambos(e)
    assert_iguais(vet, ref)
    if caso == "especial":  # cmd 6, hydro in motorization: (a) 0.5, TOGU = NUB 1, (b) 0.75
        f = {r["hora"]: r["F_COM_MVE"] for r in vet["F_COM_MVE"].iter_rows(named=True)}
        assert f == {"1": D("0.5"), "2": D(1), "3": D("0.75")}
    else:  # spec example 4, cmd 13: 150,000 − 2 × 8,760
        assert vet["QUANT_TOT_DISP"].filter(pl.col("ano") == "2027")["QUANT_TOT_DISP"][0] == D(132480)


@pytest.mark.parametrize("te", ["CE", "CNE"])
@pytest.mark.parametrize("limites_", ["aplicar", "ignorar"])
def test_livros_do_leilao_iguais(te, limites_):
    e = _livro(_compras_leilao(), te)
    if limites_ == "aplicar":  # give the seller a limit: 10 MWm in 2027
        e["LIM_MVE"] = [{"perfil": "61007", "processamento": "X", "ano": "2027", "LIM_MVE": "0.1"}]
        e["TRC_H"] = [{"perfil": "61007", "submercado": "SE", "hora": "1", "mes": "2025-06", "TRC_H": "864000"}]
        e["M_HORAS"] = [{"mes": f"{a}-{m:02d}", "M_HORAS": 720} for a in (2025, 2026, 2027) for m in range(1, 13)]
    vet, ref = ambos(e, Configuracao(limites=limites_))
    assert_iguais(vet, ref)


def test_limites_do_livro_cortam_o_lance_de_venda():
    # LIM_MVE 0.01 × 864,000 MWh = 8,640 MWh = 1 MWm in 2027 (8,640 h): V1's 10 lots are cut to 1 (cmd 97, MC16)
    e = _livro(_compras_leilao(), "CNE")
    e["LIM_MVE"] = [{"perfil": "61007", "processamento": "X", "ano": "2027", "LIM_MVE": "0.01"}]
    e["TRC_H"] = [{"perfil": "61007", "submercado": "SE", "hora": "1", "mes": "2025-06", "TRC_H": "864000"}]
    e["M_HORAS"] = [{"mes": f"{a}-{m:02d}", "M_HORAS": 720} for a in (2025, 2026, 2027) for m in range(1, 13)]
    vet, ref = ambos(e)
    assert_iguais(vet, ref)
    v1 = vet["RESULTADO_LANCE"].filter(pl.col("lance") == "V1").row(0, named=True)
    assert (v1["motivo"], v1["QUANT_ADMITIDA"], v1["QUANT_ATENDIDA"]) == ("limite", D(1), D(1))


# ----------------------------------------------------------------------------------------------------
# Synthetic markets with full hourly inputs
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limites_", ["aplicar", "ignorar"])
def test_sinteticos_com_todas_as_horas(limites_):
    """Two distributors, every hour of TRC_H over the 12 months of each processing (2 × 8,760 per
    distributor-submarket), FPC at m−3, TOGU/CAP/CAP_T_GF at m−2, F_COMERCIAL/UXP_GLF/F_PRC_GF over the
    degradation months; two processings, eleven products, three rounds."""
    e = sinteticos.mercado(n_distribuidoras=2, semente=11)
    assert e["TRC_H"].height == 3 * 2 * 8760  # (61000, SE), (61001, SE), (61001, S) × 2 years of hours
    vet, ref = ambos(e, Configuracao(limites=limites_))
    assert_iguais(vet, ref)
    # the hourly paths are really exercised: F_COM_MVE at every hour of m−2 (744 in March and in August)
    por_mes = vet["F_COM_MVE"].group_by("usina", "mes").len()
    assert por_mes.height >= 2 and set(por_mes["len"].to_list()) == {744}
    assert vet["F_DEG_M_MVE"].filter(pl.col("F_DEG_M_MVE") > 0).height > 0
    assert vet["EE_ANT_DG"].filter(pl.col("EE_ANT_DG") > 0).height > 0
    assert set(vet["FNC_PROD_MVE"]["FNC_PROD_MVE"].to_list()) - {D(1)}  # some plant over-committed (cmd 7 (e))


@pytest.mark.parametrize("semente", [1, 2, 3, 4])
def test_sinteticos_varios_mercados(semente):
    e = sinteticos.mercado(n_distribuidoras=3 + semente, n_compradores=4 + semente, lances_por_produto=3 + 4 * semente,
                           semente=semente, horas=36)
    vet, ref = ambos(e)
    assert_iguais(vet, ref)
    motivos = set(vet["RESULTADO_LANCE"]["motivo"].to_list())
    assert {"limite", "consumidor_especial"} <= motivos


def test_limites_de_muitas_distribuidoras_todas_as_horas():
    """§2.1 alone (``limites.calcular`` vs ``referencia.Limites``) on 8 distributors × every hour."""
    cfg = Configuracao()
    t = carregar(sinteticos.mercado(n_distribuidoras=8, semente=5), cfg)
    prods = t["PRODUTOS_LEILAO"]
    vend = t["LIM_MVE"].select("processamento", "perfil").unique()
    vet = limites.calcular(t, limites.preparar(t), calendario.construir(t), cfg, vend,
                           prods.select("processamento", "submercado").unique())
    linhas = {n: df.to_dicts() for n, df in t.items()}
    with decimal.localcontext(CONTEXTO):
        est = referencia.Estrutura(linhas)
        lim = referencia.Limites(linhas, est, cfg)
        for x in sorted(est.proc):
            lim.calcular(x, sorted({r["perfil"] for r in linhas["LIM_MVE"] if r["processamento"] == x}),
                         sorted({p["submercado"] for p in est.produtos.values() if p["processamento"] == x}))
    assert_iguais(vet, lim.out, limites.SAIDAS_LIMITES)
    assert sum(df.height for df in vet.values()) > 10_000


def test_tres_processamentos_dois_com_o_mesmo_f_estrela():
    """A third processing (November 2026, f* = 2025 as October's): all processings run at once in the engine
    (``processamento`` is a column), one after the other in the reference. TRC_ANUAL_MVE has no processing index
    in the seed, so both emit the row of f* = 2025 once per processing (docs, "Open")."""
    e = sinteticos.mercado(n_distribuidoras=3, horas=10)
    x2 = "MVE-2026-11"
    e["PROCESSAMENTO_MVE"].append({"processamento": x2, "mes_processamento": "2026-11",
                                   "anterior_garantias_financeiras": "true"})
    e["PRODUTOS_LEILAO"].append({**e["PRODUTOS_LEILAO"][-1], "produto": "T1-B", "processamento": x2, "rodada": "4"})
    for nome in ("LIM_MVE", "LIM_MVE_VIG"):
        e[nome] += [{**r, "processamento": x2} for r in e[nome] if r["processamento"] == "MVE-2026-10"]
    e["LANCE_VENDA"].append({**e["LANCE_VENDA"][-1], "lance_venda": "VB", "produto": "T1-B"})
    e["LANCE_COMPRA"].append({**e["LANCE_COMPRA"][-1], "lance_compra": "CB", "produto": "T1-B"})
    vet, ref = ambos(e)
    assert_iguais(vet, ref)
    assert set(vet["QUANT_TOT_DISP_A"]["rodada"].to_list()) == {"1", "2", "3", "4", "5"}
    trc = vet["TRC_ANUAL_MVE"].filter(pl.col("ano") == "2025")
    assert trc.height > trc.unique().height  # (a, SE, 2025) of both processings


@pytest.mark.parametrize("escala", [10, 20])
def test_outra_escala_de_divisao(escala):
    """Both sides divide at ``Precisao.escala_divisao``: still digit for digit at another scale."""
    cfg = Configuracao(precisao=Precisao(escala_divisao=escala))
    vet, ref = ambos(sinteticos.mercado(n_distribuidoras=3, horas=24, semente=9), cfg)
    assert_iguais(vet, ref)
    assert vet["QUANT_TOT_DISP_MED"].schema["QUANT_TOT_DISP_MED"].scale == escala


def test_casas_do_contrato():
    vet, ref = ambos(sinteticos.mercado(n_distribuidoras=3, horas=12, semente=4), Configuracao(casas_contrato=1))
    assert_iguais(vet, ref)


# ----------------------------------------------------------------------------------------------------
# processar uses the vectorized engine; explanations; lineage
# ----------------------------------------------------------------------------------------------------


def test_processar_usa_o_motor_vetorizado(monkeypatch):
    e = sinteticos.mercado(n_distribuidoras=2, horas=12)
    r_vet = processar(e)
    r_hib = processar(e, limpar=limpar_vetorizado)  # the previous path (reference + vectorized clearing)
    for nome in SAIDAS:
        assert normalizadas(r_vet.exatas[nome].to_dicts()) == normalizadas(r_hib.exatas[nome].to_dicts()), nome

    def proibido(*a, **k):
        raise AssertionError("processar não deve chamar a referência")

    monkeypatch.setattr(motor, "processar_referencia", proibido)
    r = processar(e)
    assert r.exatas["QUANT_TOT_DISP"].height and r["MV_MVE_PRE"].height


def test_explicar_confere_em_cada_tabela():
    """``explicar`` recomputes a row with the reference: the engine's exact value must match it, for a row of
    every output variable (the whole §2.1 chain, the rounds and the contracts)."""
    r = processar(sinteticos.mercado(n_distribuidoras=2, horas=6, semente=3))
    vistos = 0
    for nome in SAIDAS:
        if nome in ("RESULTADO_LANCE", "EQUILIBRIO_MVE") or r.exatas[nome].height == 0:
            continue
        linha = r.exatas[nome].row(r.exatas[nome].height // 2, named=True)
        chave = {k: linha[k] for k in SAIDAS[nome].chave}
        if r.exatas[nome].filter(*[pl.col(k) == v for k, v in chave.items()]).height != 1:
            continue  # TRC_ANUAL_MVE of two processings with the same f* (no processamento column)
        assert r.explicar(nome, **chave).confere, (nome, chave)
        vistos += 1
    assert vistos >= 50


def test_linhagem_de_todos_os_comandos():
    variaveis = set(REGISTRO.variaveis())
    assert [n for n in SAIDAS if n not in variaveis] == ["RESULTADO_LANCE", "EQUILIBRIO_MVE"]  # reports, not the seed
    assert set(REGISTRO.comandos) <= set(IMPLEMENTACAO)
    assert {IMPLEMENTACAO[n] for n in ("9", "13", "22", "28")} == {"limites.calcular"}
    assert IMPLEMENTACAO["96"] == IMPLEMENTACAO["103"] == "rodadas.executar"
    lin = processar(DEMO).linhagem()
    assert "implementacao" in lin.columns and lin.filter(pl.col("implementacao") == "").height == 0
    # every command is cited ("# MVE cmd N") in the vectorized module that computes it, with the seed's variables
    raiz = Path(limites.__file__).parent
    texto = {m: (raiz / f"{m}.py").read_text() for m in ("limites", "rodadas", "montantes")}
    for modulo, numeros in (("limites", range(1, 29)), ("montantes", range(29, 35)), ("rodadas", range(76, 110))):
        for n in numeros:
            assert re.search(rf"MVE cmd {n}(?![0-9])", texto[modulo]), (modulo, n)
    for var in ("TRC_PRE_MVE", "QUANT_TOT_DISP_VIG_MED", "QUANT_MENSAL_MED", "F_DNG_MVE", "EE_ANT_DG", "MONT_EE"):
        assert var in texto["limites"]
    for var in ("QUANT_NEG_CE", "QUANT_TOT_A_DISP_VIG", "QUANT_DISP_A_EE_MENSAL", "LOT_ATUAL_DNEG_MVE", "LOT_NEG_MVE"):
        assert var in texto["rodadas"]


# ----------------------------------------------------------------------------------------------------
# Input errors: the same table named by both sides
# ----------------------------------------------------------------------------------------------------


def _sem(e, nome, filtro):
    e[nome] = [r for r in e[nome] if not filtro(r)]
    return e


def _horas(e, nome, df_fn):
    e[nome] = df_fn(e[nome])
    return e


ERROS = {
    "LIM_MVE_VIG": lambda e: _sem(e, "LIM_MVE_VIG", lambda r: r["vigencia"] == "2027-06" and r["perfil"] == "61001"),
    "LIM_MVE": lambda e: _sem(e, "LIM_MVE", lambda r: r["ano"] == "2029" and r["perfil"] == "61000"),
    "USINA_MVE": lambda e: _sem(e, "USINA_MVE", lambda r: r["usina"] == "U0001"),
    # cmd 6 (c): a zero total capacity at an hour of a plant in scope (U0001, "outra")
    "CAP_T_GF": lambda e: _horas(e, "CAP_T_GF", lambda df: df.with_columns(
        pl.when((pl.col("usina") == "U0001") & (pl.col("hora") == "7")).then(D(0)).otherwise(pl.col("CAP_T_GF"))
        .alias("CAP_T_GF"))),
    # cmd 6 (a): hydro U0000 with 2 units of 4 in operation and GFIS_MOT[2], but no GF
    "GF": lambda e: _horas(_sem(e, "GF", lambda r: r["usina"] == "U0000"), "TOGU", lambda df: df.with_columns(
        pl.when((pl.col("usina") == "U0000") & (pl.col("hora") == "1")).then(D(2)).otherwise(pl.col("TOGU"))
        .alias("TOGU"))),
    "TRC_H": lambda e: _horas(e, "TRC_H", lambda df: pl.concat([df, df.slice(3, 1)])),
    "CAP": lambda e: _horas(e, "CAP", lambda df: pl.concat([df, df.slice(5, 1)])),
    "QM": lambda e: {**e, "QM": e["QM"] + e["QM"][:1]},
    "CONTRATO_EE": lambda e: {**e, "CONTRATO_EE": e["CONTRATO_EE"] + [{**e["CONTRATO_EE"][0], "usina": "U0002"}]},
    "M_HORAS": lambda e: _sem(e, "M_HORAS", lambda r: r["mes"] == "2029-07"),
    "A_ALPHA": lambda e: _sem(e, "A_ALPHA", lambda r: r["perfil"] == "62001"),
    "VLR_REF_GP_A": lambda e: {**e, "VLR_REF_GP_A": [], "VLR_AP_GP_MVE": [{**r, "VLR_AP_GP_MVE": D(1000)}
                                                                          for r in e["VLR_AP_GP_MVE"]]},
    "LANCE_VENDA": lambda e: {**e, "LANCE_VENDA": [{**e["LANCE_VENDA"][0], "QUANTIDADE": D("0.25")}] + e["LANCE_VENDA"][1:]},
    "LANCE_COMPRA": lambda e: {**e, "LANCE_COMPRA": [{**e["LANCE_COMPRA"][0], "QUANTIDADE": D("-0.5")}] + e["LANCE_COMPRA"][1:]},
}


@pytest.mark.parametrize("tabela", sorted(ERROS))
def test_erros_nomeiam_a_mesma_tabela(tabela):
    e = ERROS[tabela](sinteticos.mercado(n_distribuidoras=2, horas=8))
    cfg = Configuracao()
    with pytest.raises(ErroMecanismo) as ref:
        t = carregar(e, cfg)
        processar_referencia({n: df.to_dicts() for n, df in t.items()}, cfg)
    with pytest.raises(ErroMecanismo) as vet:
        processar(e, cfg)
    assert ref.value.tabela == vet.value.tabela == tabela


def test_lote_com_casas_demais_e_vendedor_sem_limite():
    e = sinteticos.mercado(n_distribuidoras=2, horas=4)
    for cfg, tabela in ((Configuracao(casas_contrato=0), "PRODUTOS_LEILAO"), (Configuracao(), "LIM_MVE")):
        e2 = dict(e)
        if tabela == "LIM_MVE":
            e2["LIM_MVE"] = [r for r in e["LIM_MVE"] if r["perfil"] != e["LANCE_VENDA"][0]["perfil_vendedor"]]
        with pytest.raises(ErroMecanismo) as ref:
            t = carregar(e2, cfg)
            processar_referencia({n: df.to_dicts() for n, df in t.items()}, cfg)
        with pytest.raises(ErroMecanismo) as vet:
            processar(e2, cfg)
        assert ref.value.tabela == vet.value.tabela == tabela
