"""Properties of the Liquidação engine on random markets (hypothesis), and engine == naive reference."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal as D

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from liquidacao_cenarios import mercados

from ccee_barramento.settlement import Arredondamento, ErroTabela
from ccee_barramento.settlement.liquidacao import Configuracao, calcular, referencia

CONFIG = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
Q = 16  # division scale (Precisao.escala_divisao)


def _rodar(entradas, meses, configuracao=None, **kw):
    """(engine result, reference outputs) — or both errors, which must name the same table."""
    cfg = configuracao or Configuracao()
    try:
        ref, _ = referencia.calcular_meses(entradas, meses, cfg, exatas=kw.pop("exatas", False))
    except ErroTabela as erro_ref:
        with pytest.raises(ErroTabela) as erro:
            calcular(entradas, meses, cfg, **kw)
        assert erro.value.tabela == erro_ref.tabela
        return None, None
    return calcular(entradas, meses, cfg, **kw), ref


def _linhas(df: pl.DataFrame) -> list[tuple]:
    return sorted(tuple(r.values()) for r in df.to_dicts())


def _ref(linhas: list[dict]) -> list[tuple]:
    return sorted(tuple(r.values()) for r in linhas)


@CONFIG
@given(mercados())
def test_engine_equals_the_naive_reference(caso):
    entradas, meses = caso
    r, ref = _rodar(entradas, meses)
    if r is None:
        return
    for nome, df in r.tabelas.items():
        assert _linhas(df) == _ref(ref[nome]), nome


@CONFIG
@given(mercados())
def test_engine_equals_the_reference_exact_and_other_roundings(caso):
    entradas, meses = caso
    for arr in (Arredondamento.nenhum(), Arredondamento.de_texto("R$=0,fator=4,modo=half_away_from_zero")):
        cfg = Configuracao(arredondamento=arr)
        r, ref = _rodar(entradas, meses, cfg)
        if r is None:
            return
        for nome, df in r.tabelas.items():
            assert _linhas(df) == _ref(ref[nome]), (nome, arr)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mercados())
def test_block_and_month_by_month_runs_agree(caso):
    entradas, meses = caso
    try:
        bloco = calcular(entradas, meses)
    except ErroTabela:
        return
    por_mes = calcular(entradas, meses, meses_por_bloco=1)
    for nome in bloco.tabelas:
        assert bloco.tabelas[nome].equals(por_mes.tabelas[nome]), nome
    # and running one call per month, carrying the state, gives the same tables
    estado, partes = None, defaultdict(list)
    for m in meses:
        um = calcular(entradas, [m], estado=estado)
        estado = um.estado
        for nome, df in um.tabelas.items():
            partes[nome].append(df)
    for nome in bloco.tabelas:
        assert pl.concat(partes[nome], how="vertical_relaxed").equals(bloco.tabelas[nome]), nome


def _p_rat_inad_sums_to_one_over_creditors_and_acer_gets_zero(r, entradas, meses):
    acer = {a["agente"] for a in entradas.get("ACER", [])}
    p = r.exatas["P_RAT_INAD"]
    v = r.exatas["V_RAT_INAD"]
    for m in meses:
        do_mes = p.filter(pl.col("mes") == m)
        credores = v.filter((pl.col("mes") == m) & (pl.col("V_RAT_INAD") > 0)).height
        soma = sum(do_mes["P_RAT_INAD"].to_list(), D(0))
        if credores:
            # each share is rounded once to Q places: the sum is 1 within n·½·10⁻ᵠ
            assert abs(soma - 1) <= D(credores) * D(1).scaleb(-Q) / 2
        else:
            assert soma == 0
    for linha in p.filter(pl.col("agente").is_in(list(acer))).to_dicts():
        assert linha["P_RAT_INAD"] == 0
    for linha in v.filter(pl.col("agente").is_in(list(acer))).to_dicts():
        assert linha["V_RAT_INAD"] == 0


def _v_tot_liqui_is_the_sum_of_its_profiles(r, entradas, meses):
    dono = {x["perfil"]: x["agente"] for x in entradas["PERFIS"]}
    somas: dict[tuple[str, str], D] = defaultdict(lambda: D(0))
    for linha in r.exatas["V_LIQUI"].to_dicts():
        somas[(dono[linha["perfil"]], linha["mes"])] += linha["V_LIQUI"]
    totais = {(x["agente"], x["mes"]): x["V_TOT_LIQUI"] for x in r.exatas["V_TOT_LIQUI"].to_dicts()}
    assert totais == dict(somas)


def _fd_inad_dss_sums_to_one_over_paprido(r, entradas, meses):
    papr = defaultdict(set)
    for x in entradas.get("PAPRIDO", []):
        papr[x["mes"]].add(x["perfil"])
    fd = r.exatas["FD_INAD_DSS"]
    for m in meses:
        do_mes = fd.filter(pl.col("mes") == m)
        dentro = do_mes.filter(pl.col("perfil").is_in(list(papr[m])))
        fora = do_mes.filter(~pl.col("perfil").is_in(list(papr[m])))
        assert all(x == 0 for x in fora["FD_INAD_DSS"].to_list())
        soma = sum(dentro["FD_INAD_DSS"].to_list(), D(0))
        if soma != 0:  # some PAPRIDO weight > 0
            assert abs(soma - 1) <= D(dentro.height) * D(1).scaleb(-Q) / 2


def _map_shares_add_up_to_the_default_and_aju_spreads_it(r, entradas, meses):
    mapa, inad = r["MAPA_LIQUIDACAO"], r["MAPA_INAD"]
    for m in meses:
        resumo = inad.filter(pl.col("mes") == m).row(0, named=True)
        rateio = sum(mapa.filter(pl.col("mes") == m)["RATEIO_INAD"].to_list(), D(0))
        assert -rateio == resumo["INAD_RATEADA"]
        assert resumo["INAD_RATEADA"] + resumo["INAD_NAO_RATEADA"] == resumo["INAD_NAO_COBERTA"]
        # the disconnected agents' default is spread whole (exact values): Σ AJU = −Σ V_INAD_DSS
        aju = sum(r.exatas["AJU_INAD_DSS"].filter(pl.col("mes") == m)["AJU_INAD_DSS"].to_list(), D(0))
        dss = sum(r.exatas["V_INAD_DSS"].filter(pl.col("mes") == m)["V_INAD_DSS"].to_list(), D(0))
        fd = sum(r.exatas["FD_INAD_DSS"].filter(pl.col("mes") == m)["FD_INAD_DSS"].to_list(), D(0))
        assert aju == -dss * fd  # Σ_a −FD_a·Σ_α V_α (FD sums to 1 up to the last place)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mercados())
def test_properties_p_rat_acer_v_tot_fd_and_map(caso):
    """P_RAT_INAD sums to 1 over creditors when any exists; ACER gets 0; V_TOT_LIQUI equals the sum of
    its profiles; FD_INAD_DSS sums to 1 over PAPRIDO; the map's shares add up to the default."""
    entradas, meses = caso
    try:
        r = calcular(entradas, meses)
    except ErroTabela:
        return
    _p_rat_inad_sums_to_one_over_creditors_and_acer_gets_zero(r, entradas, meses)
    _v_tot_liqui_is_the_sum_of_its_profiles(r, entradas, meses)
    _fd_inad_dss_sums_to_one_over_paprido(r, entradas, meses)
    _map_shares_add_up_to_the_default_and_aju_spreads_it(r, entradas, meses)


def test_outputs_are_sorted_by_month_then_index():
    from ccee_barramento.settlement.liquidacao import sinteticos

    r = calcular(sinteticos.gerar(300, 3))
    for nome, df in r.tabelas.items():
        chave = ["mes"] + [c for c in ("perfil", "agente") if c in df.columns]
        assert df.equals(df.sort(chave)), nome
