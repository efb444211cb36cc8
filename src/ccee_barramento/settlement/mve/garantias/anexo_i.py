"""Anexo III on top of the MVE settlement (§2.3 and Anexo I, commands 35–75): which tables flow in.

A month with a defaulting buyer flows through: its payment (TOT_EFE_PAG_MVE) short of TOT_LIQ_MVE gives
F_INAD_EFE_MVE (Anexo I cmd 63) → the GFC is drawn (cmd 121: F_INAD_EFE_MVE · VLP_MVE_PROD ·
(1 + PERC_MULTA_INAD_MVE)) and shared among the product's sellers by F_VEND_MVE_PROD (cmd 126) → if the buyer
does not recompose it (EVENTO_RESCISAO_MVE ``nao_recomposicao_gfc``), Anexo I rescinds the contract and
fines it (cmds 73, 75: M_MVE, M_PAG_MVE, RESCISAO_MVE) → the remaining GFC pays the fine (cmds 139–142) and
the rest is the residual fine per pair (cmds 143–144).

:func:`entradas_do_anexo_i` picks those tables from the Anexo I reference's inputs, outputs and state
(``settlement.mve.referencia.calcular_meses``); :func:`calcular_com_anexo_i` runs both.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Mapping, Sequence

from ...runner import intervalo_meses
from .esquema import Configuracao, ErroGarantias
from .motor import calcular
from .resultado import ResultadoGarantias

Linhas = Sequence[Mapping[str, Any]]

#: Inputs of Anexo I that Anexo III reads as they are (structure, hours, IPCA, events, payments).
DAS_ENTRADAS = ("A_ALPHA", "VIGENCIA_MVE", "PROCESSAMENTO_MVE", "VINC_V_MVE", "VINC_C_MVE", "MV_MVE_PRE", "M_HORAS",
                "NIPCA", "EVENTO_RESCISAO_MVE", "NAO_APORTE_GFC", "TOT_EFE_PAG_MVE")
#: Outputs of §2.3 / Anexo I that Anexo III reads (cmd 36 prices; cmds 37–38 monthly prices; cmds 56–57, 63,
#: 71, 73–75 values, factors, fines and rescissions).
DAS_SAIDAS = ("PRECO_CT_MVE", "SPREAD_CT_MVE", "PRECO_CT_MVE_M", "SPREAD_CT_MVE_M", "PRECO_CT_MVE_A",
              "F_INAD_EFE_MVE", "VLP_MVE_PROD", "F_VEND_MVE_PROD", "M_PAG_MVE", "M_MVE", "M_MVE_NAGC", "M_PAG_NAGC",
              "RESCISAO_MVE", "TM_PAG_MVE", "TM_REC_MVE", "TOT_LIQ_MVE")


def _linhas(tabela: Any, quantum: Decimal | None = None) -> list[dict[str, Any]]:
    """Row dicts of a table (polars or rows); with ``quantum``, decimals with more places are rounded to it
    (half-to-even) — the settlement's values enter at the precision of its output tables."""
    linhas = tabela.to_dicts() if hasattr(tabela, "to_dicts") else [dict(r) for r in tabela]
    if quantum is None:
        return linhas
    from ..referencia import CONTEXTO

    limite = quantum.as_tuple().exponent
    for r in linhas:
        for k, v in r.items():
            if isinstance(v, Decimal) and v.as_tuple().exponent < limite:  # type: ignore[operator]
                r[k] = v.quantize(quantum, context=CONTEXTO)
    return linhas


def entradas_do_anexo_i(entradas_anexo_i: Mapping[str, Any], saidas: Mapping[str, Any],
                        estado: Mapping[str, Any] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The Anexo III inputs that come from the MVE settlement.

    ``entradas_anexo_i``: the settlement's inputs; ``saidas``/``estado``: what ``referencia.calcular_meses``
    returned. PRECO_CT_MVE_A of the month after the last one (cmd 131 reads m+1) comes from the state.
    """
    from ..referencia import CASAS_DECIMAIS_SAIDA

    quantum = Decimal(1).scaleb(-CASAS_DECIMAIS_SAIDA)
    out: dict[str, list[dict[str, Any]]] = {}
    for nome in DAS_ENTRADAS:
        if nome in entradas_anexo_i:
            out[nome] = _linhas(entradas_anexo_i[nome])
    if "NIPCA" not in out and "IPCA" in entradas_anexo_i:  # the reference's alias (D23)
        out["NIPCA"] = [{"mes": r["mes"], "NIPCA": r.get("NIPCA", r.get("IPCA"))} for r in _linhas(entradas_anexo_i["IPCA"])]
    # the settlement's values at the precision of its output tables (12 places): the reference's outputs are
    # already; the vectorized engine's exact tables and both states are rounded once, half-to-even
    for nome in DAS_SAIDAS:
        if nome in saidas:
            out[nome] = _linhas(saidas[nome], quantum)
    if estado:
        vistos = {(r["contrato"], r["mes"]) for r in out.get("PRECO_CT_MVE_A", ())}
        extra = [r for r in _linhas(estado.get("PRECO_CT_MVE_A", ()), quantum) if (r["contrato"], r["mes"]) not in vistos]
        out.setdefault("PRECO_CT_MVE_A", []).extend(extra)
        rescindidos = {r["contrato"] for r in out.get("RESCISAO_MVE", ())}
        out.setdefault("RESCISAO_MVE", []).extend(
            {"contrato": r["contrato"], "mes": r["mes"], "motivo": r.get("motivo", "")}
            for r in _linhas(estado.get("RESCISAO_MVE", ())) if r["contrato"] not in rescindidos)
    return out


def calcular_com_anexo_i(
    entradas_anexo_i: Mapping[str, Linhas],
    entradas_garantias: Mapping[str, Any],
    meses: str | Iterable[str],
    configuracao: Configuracao | None = None,
    *,
    motor: str = "referencia",
) -> tuple[Mapping[str, Any], Mapping[str, Any], ResultadoGarantias]:
    """Run the MVE settlement (commands 35–75) and then Anexo III on its results.

    ``motor``: ``"referencia"`` (the exact per-row reference, ``mve.referencia.calcular_meses``) or
    ``"vetorizado"`` (the engine, ``mve.calcular``). ``entradas_garantias``: the tables only Anexo III has
    (VLR_REF_GP, VLR_AP_GP_MVE, V_HORAS_GC, INADIMPLENTE_12M_MVE, PERC_MULTA_INAD_MVE, LOT_INI_DNEG_MVE...).
    Returns (Anexo I outputs, Anexo I state, the guarantees result).
    """
    lista = intervalo_meses(meses) if isinstance(meses, str) else list(meses)
    if motor == "referencia":
        from .. import referencia as anexo_i

        saidas, estado = anexo_i.calcular_meses(entradas_anexo_i, lista)
    elif motor == "vetorizado":
        from .. import calcular as calcular_anexo_i

        resultado = calcular_anexo_i(entradas_anexo_i, meses=lista)
        saidas = resultado.exatas
        estado = resultado.estado.como_linhas() if resultado.estado is not None else {}
    else:
        raise ErroGarantias("motor", f"motor {motor!r} desconhecido (use referencia ou vetorizado)")
    entradas = {**entradas_do_anexo_i(entradas_anexo_i, saidas, estado), **entradas_garantias}
    return saidas, estado, calcular(entradas, meses=lista, configuracao=configuracao)


__all__ = ["DAS_ENTRADAS", "DAS_SAIDAS", "calcular_com_anexo_i", "entradas_do_anexo_i"]
