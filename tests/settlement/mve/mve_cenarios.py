"""Small, readable input tables for the MVE reference tests (the spec's worked examples 1 and 2)."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

SE = "SE"
X1 = "X1"  # a processing held before the MVE Financial Guarantees (regime of cmds 45–51, 60–70)
X2 = "X2"  # a processing with Financial Guarantees (regime of cmds 71–75)
V1 = "V1"  # Jan–Dec 2026, annual (not multi-year)

P1 = (SE, X1, V1, "CE", "PF")  # spec example 1, product P1
P2 = (SE, X1, V1, "CNE", "PV")  # spec example 1, product P2


def tabela(nome: str, rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {nome: rows}


def prod_cols(prod: tuple) -> dict[str, str]:
    s, x, v, te, tp = prod
    return {"submercado": s, "processamento": x, "vigencia": v, "tipo_energia": te, "tipo_preco": tp}


def contrato(e: str, av: str, ac: str, prod: tuple, mv: str, *, preco: str | None = None,
             spread: str | None = None, lance: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The rows of one contract e (av -> ac) in VINC_V_MVE, VINC_C_MVE, MV_MVE_PRE and its price."""
    out: dict[str, list[dict[str, Any]]] = {
        "VINC_V_MVE": [{"contrato": e, "perfil_vendedor": av, **prod_cols(prod)}],
        "VINC_C_MVE": [{"contrato": e, "perfil_comprador": ac, **prod_cols(prod),
                        **({"lance_compra": lance} if lance else {})}],
        "MV_MVE_PRE": [{"contrato": e, "vigencia": prod[2], "MV_MVE_PRE": D(mv)}],
    }
    if preco is not None:
        out["PRECO_CT_MVE"] = [{"contrato": e, "vigencia": prod[2], "PRECO_CT_MVE": D(preco)}]
    if spread is not None:
        out["SPREAD_CT_MVE"] = [{"contrato": e, "vigencia": prod[2], "SPREAD_CT_MVE": D(spread)}]
    return out


def junta(*partes: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for p in partes:
        for k, v in p.items():
            out.setdefault(k, []).extend(v)
    return out


def base_comum(*, anterior_garantias: bool = True, vigencias: list[dict[str, Any]] | None = None,
               perfis: dict[str, str] | None = None) -> dict[str, list[dict[str, Any]]]:
    perfis = perfis or {"av1": "AV1", "av2": "AV2", "ac1": "AC1", "ac2": "AC2"}
    return {
        "A_ALPHA": [{"perfil": a, "agente": alfa} for a, alfa in perfis.items()],
        "VIGENCIA_MVE": vigencias or [{"vigencia": V1, "inicio": "2026-01", "fim": "2026-12"}],
        "PROCESSAMENTO_MVE": [
            {"processamento": X1, "mes_processamento": "2025-10", "anterior_garantias_financeiras": anterior_garantias},
            {"processamento": X2, "mes_processamento": "2025-10", "anterior_garantias_financeiras": False},
        ],
        "M_HORAS": [{"mes": "2026-03", "M_HORAS": 744}, {"mes": "2026-04", "M_HORAS": 720}],
        "PLD_MS": [{"submercado": SE, "mes": "2026-03", "PLD_MS": D("180.50")},
                   {"submercado": SE, "mes": "2026-04", "PLD_MS": D("150.00")}],
    }


def exemplo_1(*, anterior_garantias: bool = True) -> dict[str, list[dict[str, Any]]]:
    """Spec §6 example 1: March 2026 (744 h), PLD_MS[SE] = 180.50, products P1 (CE, PF) and P2 (CNE, PV).

    e1 av1->ac1 P1 6 MWm @250; e2 av1->ac2 P1 4 @240; e3 av2->ac1 P1 3 @250; e4 av2->ac2 P1 2 @240;
    e5 av1->ac1 P2 5 MWm, spread 15.00.
    """
    p1 = (SE, X1, V1, "CE", "PF") if anterior_garantias else (SE, X2, V1, "CE", "PF")
    p2 = (SE, X1, V1, "CNE", "PV") if anterior_garantias else (SE, X2, V1, "CNE", "PV")
    return junta(
        base_comum(),
        contrato("e1", "av1", "ac1", p1, "6", preco="250.00"),
        contrato("e2", "av1", "ac2", p1, "4", preco="240.00"),
        contrato("e3", "av2", "ac1", p1, "3", preco="250.00"),
        contrato("e4", "av2", "ac2", p1, "2", preco="240.00"),
        contrato("e5", "av1", "ac1", p2, "5", spread="15.00"),
    )


def valor(saidas: dict[str, list[dict[str, Any]]], nome: str, **indices: Any) -> D:
    """The single value of ``nome`` whose index columns match ``indices`` (KeyError if none)."""
    achados = [ln[nome] for ln in saidas[nome] if all(ln.get(k) == v for k, v in indices.items())]
    if len(achados) != 1:
        raise KeyError(f"{nome}{indices}: {len(achados)} linhas")
    return achados[0]


def linhas(saidas: dict[str, list[dict[str, Any]]], nome: str, **indices: Any) -> list[dict[str, Any]]:
    return [ln for ln in saidas[nome] if all(ln.get(k) == v for k, v in indices.items())]


def q(x: Any) -> D:
    """Quantize like the reference's outputs (12 places), computing in 34 digits."""
    import decimal

    from ccee_barramento.settlement.mve.referencia import CONTEXTO, QUANTUM_SAIDA

    with decimal.localcontext(CONTEXTO):
        return D(x).quantize(QUANTUM_SAIDA) if not isinstance(x, D) else x.quantize(QUANTUM_SAIDA)


def todas_as_horas(de: str = "2025-01", ate: str = "2029-12") -> list[dict[str, Any]]:
    """M_HORAS for every month of a range: days x 24 (no DST in Brazil since 2019)."""
    import calendar

    a0, m0 = map(int, de.split("-"))
    a1, m1 = map(int, ate.split("-"))
    out = []
    for i in range(a0 * 12 + m0 - 1, a1 * 12 + m1):
        ano, mes = divmod(i, 12)
        out.append({"mes": f"{ano:04d}-{mes + 1:02d}", "M_HORAS": calendar.monthrange(ano, mes + 1)[1] * 24})
    return out


def pld_constante(valor: str, submercado: str = SE, de: str = "2025-01", ate: str = "2029-12") -> list[dict[str, Any]]:
    return [{"submercado": submercado, "mes": ln["mes"], "PLD_MS": D(valor)} for ln in todas_as_horas(de, ate)]


def substitui(entradas: dict[str, list[dict[str, Any]]], **tabelas: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out = dict(entradas)
    out.update(tabelas)
    return out
