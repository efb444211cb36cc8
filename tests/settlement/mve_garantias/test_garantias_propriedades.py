"""Properties of the guarantees over generated markets (``garantias.sinteticos``), and the vectorized engine
equal to the per-row reference on them:

* a drawn guarantee never exceeds what was lodged (per product: each month's draws ≤ the balance; over the run,
  Σ draws ≤ the first balance + Σ recompositions; the GP: Σ VAC_RC_GP_MVE ≤ VDP_RC_GP_MVE ≤ VLR_AP_GP_MVE)
  nor what is owed (GCA_PROD ≤ GCA_PROD_PRE, GCA_PROD_R ≤ M_PAG_MVE, VAC_RC_GP_MVE ≤ M_PAG_NAGC, per pair
  GCA_PROD_R_VC ≤ M_MVE and the pair shares ≤ the draw);
* recomposition plus excess reconcile with the balance: GC_PROD_ATUAL[m+1] = GC_PROD_ATUAL[m] − GCA_PROD −
  GCA_PROD_R + RECOMP_GC_PROD − EXC_GC_PROD while the product goes on, and the same expression is 0 in the
  month it ends.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal as D

import polars as pl
import pytest
from garantias_cenarios import rodar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccee_barramento.settlement.mve.garantias import Configuracao, sinteticos
from ccee_barramento.settlement.runner import int_para_mes, mes_para_int

CHAVE = ["perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco"]
PAR = ["perfil_comprador", "perfil_vendedor", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco"]
TOL = D("1e-8")  # products of factors rounded at 16–20 places: far below a centavo


def _produtos(r) -> pl.DataFrame:
    df = r.exatas["GC_PROD_ATUAL"]
    for n in ("GCA_PROD_PRE", "GCA_PROD", "GCA_PROD_R", "RECOMP_GC_PROD", "EXC_GC_PROD", "AJU_IPCA", "VMAX_IF_MVE",
              "GC_PROD_REM"):
        df = df.join(r.exatas[n], on=[*CHAVE, "mes"], how="left")
    return df


def verificar(r, entradas) -> None:
    p = _produtos(r)
    ultimo_mes = r.meses[-1]
    fim = {v["vigencia"]: mes_para_int(v["fim"]) for v in entradas["VIGENCIA_MVE"]}
    m_pag = {tuple(x[c] for c in (*CHAVE, "mes")): x["M_PAG_MVE"] for x in entradas.get("M_PAG_MVE", [])}
    linhas = {tuple(x[c] for c in (*CHAVE, "mes")): x for x in p.to_dicts()}
    por_produto = defaultdict(list)
    for k, x in sorted(linhas.items(), key=lambda kv: kv[0][-1]):
        # drawn ≤ lodged (the balance) and ≤ owed
        assert 0 <= x["GCA_PROD"] <= x["GC_PROD_ATUAL"]
        assert x["GCA_PROD"] <= x["GCA_PROD_PRE"]
        assert 0 <= x["GCA_PROD_R"] <= m_pag.get(k, D(0))
        assert x["GCA_PROD"] + x["GCA_PROD_R"] <= x["GC_PROD_ATUAL"]
        assert 0 <= x["EXC_GC_PROD"] <= x["GC_PROD_ATUAL"]
        assert x["GC_PROD_REM"] == x["GC_PROD_ATUAL"] - x["GCA_PROD"]
        por_produto[k[:-1]].append(x)
    for k, meses in por_produto.items():
        # what was lodged: the first balance of the run plus every recomposition asked; what was drawn
        aportado = meses[0]["GC_PROD_ATUAL"] + sum(x["RECOMP_GC_PROD"] for x in meses)
        sacado = sum(x["GCA_PROD"] + x["GCA_PROD_R"] for x in meses)
        assert sacado <= aportado  # a drawn guarantee never exceeds what was lodged
        for i, x in enumerate(meses):
            saldo = x["GC_PROD_ATUAL"] - x["GCA_PROD"] - x["GCA_PROD_R"] + x["RECOMP_GC_PROD"] - x["EXC_GC_PROD"]
            if i + 1 < len(meses):
                # recomposition plus excess reconcile with the balance (cmd 122)
                assert meses[i + 1]["GC_PROD_ATUAL"] == saldo
                if x["RECOMP_GC_PROD"] == 0:
                    assert x["GCA_PROD"] == 0 and x["AJU_IPCA"] == 0
            elif x["mes"] != ultimo_mes or mes_para_int(x["mes"]) == fim[k[3]]:
                assert saldo == 0, (k, x)  # the product ended: all drawn or returned

    # pairs: shares never exceed the draw; per pair the fine paid ≤ the fine
    vc = r.exatas["GCA_PROD_VC"].group_by(*CHAVE[1:], "perfil_comprador", "mes").agg(pl.col("GCA_PROD_VC").sum())
    for x in vc.to_dicts():
        k = (x["perfil_comprador"], *(x[c] for c in CHAVE[1:]), x["mes"])
        assert x["GCA_PROD_VC"] <= linhas[k]["GCA_PROD"] + TOL
    m_mve = {tuple(x[c] for c in (*PAR, "mes")): x["M_MVE"] for x in entradas.get("M_MVE", [])}
    for x in r.exatas["GCA_PROD_R_VC"].to_dicts():
        assert 0 <= x["GCA_PROD_R_VC"] <= m_mve[tuple(x[c] for c in (*PAR, "mes"))] + TOL
    for x in r.exatas["M_REM_PROD_GC"].to_dicts():
        assert x["M_REM_PROD_GC"] >= -TOL

    # the GP: drawn ≤ fine, Σ over months ≤ available ≤ lodged
    ap = {(x["agente"], x["processamento"]): x["VLR_AP_GP_MVE"] for x in entradas.get("VLR_AP_GP_MVE", [])}
    vdp = {(x["agente"], x["processamento"]): x["VDP_RC_GP_MVE"] for x in r.exatas["VDP_RC_GP_MVE"].to_dicts()}
    nagc = {(x["agente"], x["processamento"], x["mes"]): x["M_PAG_NAGC"] for x in entradas.get("M_PAG_NAGC", [])}
    total = defaultdict(D)
    for x in r.exatas["VAC_RC_GP_MVE"].to_dicts():
        k = (x["agente"], x["processamento"])
        assert 0 <= x["VAC_RC_GP_MVE"] <= nagc[(*k, x["mes"])]
        total[k] += x["VAC_RC_GP_MVE"]
    for k, v in total.items():
        assert v <= vdp.get(k, D(0)) <= ap.get(k, D(0))
    for k, v in vdp.items():
        assert 0 <= v <= ap[k]
    # the remaining fine is shared exactly among the pairs (up to the factors' rounding)
    rem = {(x["agente"], x["processamento"], x["mes"]): x["M_PAG_REM"] for x in r.exatas["M_PAG_REM"].to_dicts()}
    soma_vc = defaultdict(D)
    for x in r.exatas["M_PAG_REM_VC"].to_dicts():
        soma_vc[(x["agente_comprador"], x["processamento"], x["mes"])] += x["M_PAG_REM_VC"]
    for k, v in soma_vc.items():
        if nagc.get(k, 0) > 0:
            assert abs(v - rem[k]) <= TOL


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(semente=st.integers(0, 10**9), n_contratos=st.integers(1, 9), residual=st.sampled_from(["literal", "liquido"]))
def test_propriedades_e_motor_igual_a_referencia(semente, n_contratos, residual):
    entradas, meses = sinteticos.gerar(semente, n_contratos=n_contratos)
    r = rodar(entradas, meses, Configuracao(residual_pv=residual))  # engine == reference, exact tables
    verificar(r, entradas)


def test_mes_a_mes_com_estado_igual_ao_intervalo():
    from ccee_barramento.settlement.mve.garantias import calcular

    for semente in range(6):
        entradas, meses = sinteticos.gerar(semente)
        inteiro = calcular(entradas, meses=meses)
        estado, partes = None, defaultdict(list)
        for m in meses:
            parcial = calcular(entradas, meses=[m], estado=estado)
            estado = parcial.estado
            for n, df in parcial.exatas.items():
                if "mes" in df.columns:
                    partes[n].append(df)
        for n, dfs in partes.items():
            assert pl.concat(dfs, how="vertical_relaxed").to_dicts() == inteiro.exatas[n].to_dicts(), n


@pytest.mark.parametrize("semente", range(4))
def test_sobre_o_anexo_i_sintetico(semente):
    """The Anexo I generator of the MVE settlement → its exact reference → Anexo III (engine == reference)."""
    from ccee_barramento.settlement.mve import referencia as anexo_i
    from ccee_barramento.settlement.mve import sinteticos as sint_i
    from ccee_barramento.settlement.mve.garantias import referencia
    from ccee_barramento.settlement.mve.garantias.anexo_i import entradas_do_anexo_i

    e = sint_i.gerar_entradas(50, 3, semente)
    meses = ["2026-01", "2026-02", "2026-03"]
    saidas, estado = anexo_i.calcular_meses(e, meses)
    g = entradas_do_anexo_i(e, saidas, estado)
    com = [x["processamento"] for x in e["PROCESSAMENTO_MVE"] if not x["anterior_garantias_financeiras"]]
    g["V_HORAS_GC"] = [{"processamento": x, "vigencia": v["vigencia"], "V_HORAS_GC": 720} for x in com
                       for v in e["VIGENCIA_MVE"]]
    g["PERC_MULTA_INAD_MVE"] = [{"mes": "2020-01", "PERC_MULTA_INAD_MVE": D("0.02")}]
    g["VLR_AP_GP_MVE"] = [{"agente": a, "processamento": x, "VLR_AP_GP_MVE": D("100000")}
                          for a in sorted({r["agente"] for r in e["A_ALPHA"] if r["agente"].startswith("C")})[:5]
                          for x in com]
    # products already in supply before January start from their lodged value (nothing happened before)
    base = referencia.preparar(g)
    for k, p in base.produtos.items():
        if p.aportada and p.inicio < mes_para_int("2026-01") <= p.fim:
            g.setdefault("GC_PROD_ATUAL", []).append({"perfil": k[0], **dict(zip(CHAVE[1:], k[1:])),
                                                      "mes": int_para_mes(mes_para_int("2026-01") - 1),
                                                      "GC_PROD_ATUAL": p.VLR_GC_PROD})
    r = rodar(g, meses)
    assert r.exatas["GCA_PROD"].filter(pl.col("GCA_PROD") > 0).height > 0  # the generator's defaults draw
    verificar(r, g)
