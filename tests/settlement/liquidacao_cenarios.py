"""Small input tables for the Liquidação tests: the spec's worked examples and a hypothesis strategy."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from hypothesis import strategies as st

M0, M1 = "2026-01", "2026-02"


def exemplo1() -> dict[str, list[dict[str, Any]]]:
    """Spec §6 example 1 (month 2026-01): 5 profiles, 4 agents, ALPHA4 is the ACER, ALPHA3 the debtor."""
    return {
        "PERFIS": [{"perfil": p, "agente": a} for p, a in
                   [("a1", "ALPHA1"), ("a2", "ALPHA1"), ("a3", "ALPHA2"), ("a4", "ALPHA3"), ("a5", "ALPHA4")]],
        "RESULTADO": [{"perfil": p, "mes": M0, "RESULTADO": D(v)} for p, v in
                      [("a1", "1000000.00"), ("a2", "-200000.00"), ("a3", "400000.00"), ("a4", "-1500000.00"),
                       ("a5", "460000.00")]],
        "AJUSTES": [{"perfil": "a1", "mes": M0, "AJUSTES": D("50000.00")},
                    {"perfil": "a3", "mes": M0, "AJUSTES": D("-10000.00")}],
        "RES_EXCD_ER": [{"perfil": p, "mes": M0, "RES_EXCD_ER": D(v)} for p, v in
                        [("a1", "30000.00"), ("a2", "20000.00"), ("a3", "15000.00")]],
        "RES_ENC_CER": [{"perfil": "a2", "mes": M0, "RES_ENC_CER": D("100000.00")}],
        "ACER": [{"agente": "ALPHA4"}],
    }


def exemplo2() -> dict[str, list[dict[str, Any]]]:
    """Spec §6 example 2 (month 2026-02): ADSS = {ALPHA_X, ALPHA_Y} with their January defaults."""
    return {
        "PERFIS": [{"perfil": p, "agente": a} for p, a in
                   [("b1", "BETA1"), ("b2", "BETA1"), ("b3", "BETA2"), ("b4", "BETA3")]],
        "RESULTADO": [{"perfil": p, "mes": M1, "RESULTADO": D(v)} for p, v in
                      [("b1", "500000.00"), ("b2", "-80000.00"), ("b3", "250000.00"), ("b4", "90000.00")]],
        "V_INAD": [{"agente": "ALPHA_X", "mes": M0, "V_INAD": D("120000.00")},
                   {"agente": "ALPHA_Y", "mes": M0, "V_INAD": D("30000.00")}],
        "ADSS": [{"agente": "ALPHA_X", "mes": M1}, {"agente": "ALPHA_Y", "mes": M1}],
        "PAPRIDO": [{"perfil": p, "mes": M1} for p in ("b1", "b2", "b3")],
        "CONTRIB": [{"agente": a, "mes": M1, "CONTRIB": D(v)} for a, v in
                    [("BETA1", "0.012"), ("BETA2", "0.008"), ("BETA3", "0.005")]],
        "FP_E_RP": [{"perfil": p, "agente": a, "mes": "2025-04", "FP_E_RP": D(v)} for p, a, v in
                    [("b1", "BETA1", "0.75"), ("b2", "BETA1", "0.25"), ("b3", "BETA2", "1.00"), ("b4", "BETA3", "1.00")]],
    }


def valor(resultado, tabela: str, coluna: str | None = None, exato: bool = False, **chave: str) -> D:
    """One value of an output table (rounded by default)."""
    df = resultado.exatas[tabela] if exato else resultado[tabela]
    for k, v in chave.items():
        df = df.filter(df[k] == v)
    assert df.height == 1, (tabela, chave, df)
    return df[coluna or tabela][0]


# ----------------------------------------------------------------------------------------------------
# hypothesis: small random markets over 1–3 months
# ----------------------------------------------------------------------------------------------------

MESES = ["2026-01", "2026-02", "2026-03"]


def _dinheiro(minimo: int = -10**7, maximo: int = 10**7, casas: int = 2) -> st.SearchStrategy[D]:
    return st.builds(lambda n, c: D(n).scaleb(-c), st.integers(minimo * 10**casas, maximo * 10**casas),
                     st.sampled_from(range(casas + 1)))


@st.composite
def mercados(draw: st.DrawFn, max_agentes: int = 5) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """(input rows, months to compute). Every PAPRIDO owner has CONTRIB and every profile has FP_E_RP
    (weights may be 0), so the only possible refusal is a disconnected agent's default with no weight."""
    n_meses = draw(st.integers(1, 3))
    meses = MESES[:n_meses]
    n_agentes = draw(st.integers(1, max_agentes))
    agentes = [f"A{i}" for i in range(n_agentes)]
    perfis: list[tuple[str, str]] = []
    for a in agentes:
        for k in range(draw(st.integers(1, 3))):
            perfis.append((f"{a}p{k}", a))
    externos = [f"X{i}" for i in range(draw(st.integers(0, 2)))]  # defaulters outside PERFIS
    t: dict[str, list[dict[str, Any]]] = {"PERFIS": [{"perfil": p, "agente": a} for p, a in perfis]}
    nomes = {"RESULTADO": (95, -10**7), "AJUSTES": (30, -10**6), "RES_EXCD_ER": (30, 0), "RES_ENC_CER": (20, -10**6),
             "CRED_IMP_ARG_URU": (10, 0)}
    for nome, (pct, minimo) in nomes.items():
        t[nome] = [
            {"perfil": p, "mes": m, nome: draw(_dinheiro(minimo, 10**7))}
            for m in meses for p, _ in perfis if draw(st.integers(0, 99)) < pct
        ]
    if not t["RESULTADO"]:
        t["RESULTADO"] = [{"perfil": perfis[0][0], "mes": meses[0], "RESULTADO": D("1.00")}]
    t["ACER"] = [{"agente": a} for a in agentes if draw(st.integers(0, 9)) == 0]
    anteriores = ["2025-12"] + meses
    t["V_INAD"] = [
        {"agente": a, "mes": m, "V_INAD": draw(_dinheiro(0, 10**6))}
        for m in anteriores for a in agentes + externos if draw(st.integers(0, 9)) < 3
    ]
    t["ADSS"] = [{"agente": a, "mes": m} for m in meses for a in agentes + externos if draw(st.integers(0, 9)) < 2]
    t["PAPRIDO"] = [{"perfil": p, "mes": m} for m in meses for p, _ in perfis if draw(st.integers(0, 9)) < 7]
    casas = draw(st.integers(0, 10))
    t["CONTRIB"] = [
        {"agente": a, "mes": m, "CONTRIB": D(draw(st.integers(1, 10**6))).scaleb(-casas)} for m in meses for a in agentes
    ]
    assembleias = sorted({"2025-04", draw(st.sampled_from(["2025-04", "2025-10", meses[-1]]))})
    t["FP_E_RP"] = [
        {"perfil": p, "agente": a, "mes": am, "FP_E_RP": D(draw(st.integers(0, 10**4))).scaleb(-draw(st.integers(0, 6)))}
        for am in assembleias for p, a in perfis
    ]
    if draw(st.booleans()):
        t["INAD_NAO_COBERTA"] = [{"mes": meses[0], "INAD_NAO_COBERTA": draw(_dinheiro(0, 10**6))}]
    return {n: v for n, v in t.items() if v or n in ("PERFIS", "RESULTADO")}, meses
