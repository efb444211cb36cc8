"""Small, readable inputs for the guarantees tests (the spec's example 3 and a defaulting buyer)."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

SE = "SE"
X2 = "X2"  # a processing with Financial Guarantees, held in 2026-05
Q = "Q"  # quarterly Jul–Sep 2026 (2,208 h)
A = "A"  # annual 2027 (8,760 h)

Tabelas = dict[str, list[dict[str, Any]]]


def prod_cols(s: str, x: str, v: str, te: str, tp: str) -> dict[str, str]:
    return {"submercado": s, "processamento": x, "vigencia": v, "tipo_energia": te, "tipo_preco": tp}


def junta(*partes: Tabelas) -> Tabelas:
    out: Tabelas = {}
    for p in partes:
        for k, v in p.items():
            out.setdefault(k, []).extend(v)
    return out


def contrato(e: str, av: str, ac: str, prod: dict[str, str], mv: str, *, preco: str | None = None,
             spread: str | None = None) -> Tabelas:
    out: Tabelas = {
        "VINC_V_MVE": [{"contrato": e, "perfil_vendedor": av, **prod}],
        "VINC_C_MVE": [{"contrato": e, "perfil_comprador": ac, **prod}],
        "MV_MVE_PRE": [{"contrato": e, "vigencia": prod["vigencia"], "MV_MVE_PRE": D(mv)}],
    }
    if preco is not None:
        out["PRECO_CT_MVE"] = [{"contrato": e, "vigencia": prod["vigencia"], "PRECO_CT_MVE": D(preco)}]
    if spread is not None:
        out["SPREAD_CT_MVE"] = [{"contrato": e, "vigencia": prod["vigencia"], "SPREAD_CT_MVE": D(spread)}]
    return out


def horas(de: str = "2025-01", ate: str = "2029-12") -> list[dict[str, Any]]:
    import calendar

    a0, m0 = map(int, de.split("-"))
    a1, m1 = map(int, ate.split("-"))
    out = []
    for i in range(a0 * 12 + m0 - 1, a1 * 12 + m1):
        ano, mes = divmod(i, 12)
        out.append({"mes": f"{ano:04d}-{mes + 1:02d}", "M_HORAS": calendar.monthrange(ano, mes + 1)[1] * 24})
    return out


PQ = prod_cols(SE, X2, Q, "CNE", "PF")
PA = prod_cols(SE, X2, A, "CNE", "PV")


def exemplo_3() -> Tabelas:
    """Spec §6 example 3: buyer bc (agent BC) in processing X2; Q quarterly PF (av1 1.5 MWm, av2 0.5 MWm at
    260.00), A annual PV (av1 0.5 MWm, spread 12.00); V_HORAS_GC 720 h (Q) and 1,464 h (A); PERC 0.02; GP
    lodged 300,000.00; the GFC is not lodged in 2026-05, and Anexo I cmd 71 gives the fines."""
    return junta(
        {
            "A_ALPHA": [{"perfil": "bc", "agente": "BC"}, {"perfil": "av1", "agente": "AV1"},
                        {"perfil": "av2", "agente": "AV2"}],
            "VIGENCIA_MVE": [{"vigencia": Q, "inicio": "2026-07", "fim": "2026-09"},
                             {"vigencia": A, "inicio": "2027-01", "fim": "2027-12"}],
            "PROCESSAMENTO_MVE": [{"processamento": X2, "mes_processamento": "2026-05",
                                   "anterior_garantias_financeiras": False}],
            "M_HORAS": horas(),
            "V_HORAS_GC": [{"processamento": X2, "vigencia": Q, "V_HORAS_GC": 720},
                           {"processamento": X2, "vigencia": A, "V_HORAS_GC": 1464}],
            "PERC_MULTA_INAD_MVE": [{"mes": "2025-01", "PERC_MULTA_INAD_MVE": D("0.02")}],
            "VLR_AP_GP_MVE": [{"agente": "BC", "processamento": X2, "VLR_AP_GP_MVE": D("300000.00")}],
            "NAO_APORTE_GFC": [{"agente": "BC", "processamento": X2, "mes": "2026-05"}],
            "M_MVE_NAGC": [
                {"perfil_comprador": "bc", "perfil_vendedor": "av1", **PQ, "mes": "2026-05", "M_MVE_NAGC": D("258336.00")},
                {"perfil_comprador": "bc", "perfil_vendedor": "av2", **PQ, "mes": "2026-05", "M_MVE_NAGC": D("86112.00")},
                {"perfil_comprador": "bc", "perfil_vendedor": "av1", **PA, "mes": "2026-05", "M_MVE_NAGC": D("15768.00")},
            ],
            "M_PAG_NAGC": [{"agente": "BC", "processamento": X2, "mes": "2026-05", "M_PAG_NAGC": D("360216.00")}],
        },
        contrato("eq1", "av1", "bc", PQ, "1.5", preco="260.00"),
        contrato("eq2", "av2", "bc", PQ, "0.5", preco="260.00"),
        contrato("ea1", "av1", "bc", PA, "0.5", spread="12.00"),
    )


def valor(saidas: Tabelas, nome: str, **indices: Any) -> D:
    achados = [ln[nome] for ln in saidas[nome] if all(ln.get(k) == v for k, v in indices.items())]
    if len(achados) != 1:
        raise KeyError(f"{nome}{indices}: {len(achados)} linhas")
    return achados[0]


def linhas(saidas: Tabelas, nome: str, **indices: Any) -> list[dict[str, Any]]:
    return [ln for ln in saidas[nome] if all(ln.get(k) == v for k, v in indices.items())]


# ----------------------------------------------------------------------------------------------------
# A small market with guarantees (processing X, held 2025-12) for the command tests
# ----------------------------------------------------------------------------------------------------

X = "X"
#: vigências: S semiannual Jan–Jun 2026 (4,344 h), T quarterly Jan–Mar 2026, A annual 2026, P multi-year
#: 2026–2027, M monthly Jan 2026
VIGENCIAS = {"S": ("2026-01", "2026-06"), "T": ("2026-01", "2026-03"), "A": ("2026-01", "2026-12"),
             "P": ("2026-01", "2027-12"), "M": ("2026-01", "2026-01"), "F": ("2026-04", "2026-09")}
PERFIS = {"c1": "C1", "c2": "C2", "c3": "C1", "v1": "V1", "v2": "V2"}


def prod(v: str, tp: str, te: str = "CNE", x: str = X) -> dict[str, str]:
    return prod_cols(SE, x, v, te, tp)


def mercado(*contratos: Tabelas, v_horas_gc: int = 720, perc: str = "0.02", **extra: list[dict[str, Any]]) -> Tabelas:
    """The structure plus the given contracts; ``extra`` adds or replaces tables."""
    base: Tabelas = {
        "A_ALPHA": [{"perfil": a, "agente": alfa} for a, alfa in PERFIS.items()],
        "VIGENCIA_MVE": [{"vigencia": v, "inicio": i, "fim": f} for v, (i, f) in VIGENCIAS.items()],
        "PROCESSAMENTO_MVE": [{"processamento": X, "mes_processamento": "2025-12",
                               "anterior_garantias_financeiras": False},
                              {"processamento": "X0", "mes_processamento": "2025-06",
                               "anterior_garantias_financeiras": True}],
        "M_HORAS": horas(),
        "V_HORAS_GC": [{"processamento": X, "vigencia": v, "V_HORAS_GC": v_horas_gc} for v in VIGENCIAS],
        "PERC_MULTA_INAD_MVE": [{"mes": "2025-01", "PERC_MULTA_INAD_MVE": D(perc)}],
        "VINC_V_MVE": [], "VINC_C_MVE": [], "MV_MVE_PRE": [],
    }
    out = junta(base, *contratos)
    out.update(extra)
    return out


def linha_prod(perfil: str, p: dict[str, str], mes: str, nome: str, v: str) -> dict[str, Any]:
    return {"perfil": perfil, **p, "mes": mes, nome: D(v)}


def multa(ac: str, av: str, p: dict[str, str], mes: str, v: str) -> dict[str, Any]:
    return {"perfil_comprador": ac, "perfil_vendedor": av, **p, "mes": mes, "M_MVE": D(v)}


def com_m_pag(t: Tabelas) -> Tabelas:
    """M_PAG_MVE = Σ_av M_MVE (Anexo I cmd 75), from the M_MVE rows."""
    somas: dict[tuple, D] = {}
    for r in t.get("M_MVE", []):
        k = (r["perfil_comprador"],) + tuple(r[c] for c in ("submercado", "processamento", "vigencia", "tipo_energia",
                                                             "tipo_preco", "mes"))
        somas[k] = somas.get(k, D(0)) + r["M_MVE"]
    cols = ("perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes")
    return {**t, "M_PAG_MVE": [{**dict(zip(cols, k)), "M_PAG_MVE": v} for k, v in somas.items()]}


def rodar(entradas: Tabelas, meses: str | list[str], configuracao=None):
    """The engine and the reference on the same inputs: the exact tables must be identical. Returns the
    engine's result."""
    from ccee_barramento.settlement.mve.garantias import calcular, referencia
    from ccee_barramento.settlement.runner import intervalo_meses

    lista = intervalo_meses(meses) if isinstance(meses, str) else meses
    r = calcular(entradas, meses=lista, configuracao=configuracao)
    s, _ = referencia.calcular_meses(entradas, lista, configuracao, exatas=True)
    for nome, linhas_ref in s.items():
        assert r.exatas[nome].to_dicts() == linhas_ref, nome
    return r


def um(r, nome: str, **indices: Any) -> D:
    """The exact value of ``nome`` at the row matching ``indices`` (exactly one)."""
    import polars as pl

    df = r.exatas[nome].filter(*(pl.col(k) == v for k, v in indices.items()))
    assert df.height == 1, f"{nome}{indices}: {df.height} linhas"
    return df[nome][0]


def nenhum(r, nome: str, **indices: Any) -> bool:
    import polars as pl

    return r.exatas[nome].filter(*(pl.col(k) == v for k, v in indices.items())).height == 0
