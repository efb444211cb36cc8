"""Demo of the MVE guarantees on the simulator's demo MVE contracts (``dados_demo/mve_garantias/``).

Seller LUZ DO VALE (profile 61007, agent 51005, a distributor); buyers METAL RIO DOCE (61005/51003) and
VENTOS DO SUL (61003/51002); contracts 900101 (5 MWm, fixed price 250.00 R$/MWh) and 900102 (3 MWm, PLD +
18.00 R$/MWh) of processing MVE-2025-12, supply 2026-01..2026-06 (the simulator's 2026-01-01 to
2026-07-01, end exclusive). METAL RIO DOCE pays 70 % of January and 40 % of March and does not recompose the
GFC in March: its GFC is drawn twice, the contract is rescinded and a residual fine is left to settle with
LUZ DO VALE. VENTOS DO SUL, majorated for a default in the 12 months before the processing, gets its excess
GFC back month by month. ``dados_demo/mve_garantias/LEIAME.md`` has the numbers.

:func:`entradas_anexo_i_demo` and :func:`entradas_garantias_demo` are the source of the demo files;
:func:`escrever_demo` runs the MVE settlement (Anexo I reference) and writes what Anexo III reads.
"""

from __future__ import annotations

import calendar
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import polars as pl

from ...runner import intervalo_meses
from ...tables import escrever_tabela
from .anexo_i import entradas_do_anexo_i
from .esquema import ENTRADAS
from .motor import calcular
from .resultado import ResultadoGarantias

DIRETORIO_DEMO = Path(__file__).resolve().parents[2] / "dados_demo" / "mve_garantias"
MESES_DEMO = "2026-01..2026-06"
PROCESSAMENTO = "MVE-2025-12"
VIGENCIA = "2026-S1"
SIGLAS = {"51005": "LUZ DO VALE", "51003": "METAL RIO DOCE", "51002": "VENTOS DO SUL"}

_PROD = {"submercado": "SE", "processamento": PROCESSAMENTO, "vigencia": VIGENCIA, "tipo_energia": "CNE"}


def _horas(de: int, ate: int) -> list[dict[str, Any]]:
    out = []
    for ano in range(de, ate + 1):
        for mes in range(1, 13):
            out.append({"mes": f"{ano:04d}-{mes:02d}", "M_HORAS": calendar.monthrange(ano, mes)[1] * 24})
    return out


def entradas_anexo_i_demo() -> dict[str, list[dict[str, Any]]]:
    """The MVE settlement inputs (commands 35–75) of the demo."""
    contratos = [("900101", "61005", "PF", D("5"), "PRECO_CT_MVE", D("250.00")),
                 ("900102", "61003", "PV", D("3"), "SPREAD_CT_MVE", D("18.00"))]
    t: dict[str, list[dict[str, Any]]] = {
        "A_ALPHA": [{"perfil": "61007", "agente": "51005"}, {"perfil": "61005", "agente": "51003"},
                    {"perfil": "61003", "agente": "51002"}],
        "VIGENCIA_MVE": [{"vigencia": VIGENCIA, "inicio": "2026-01", "fim": "2026-06"}],
        "PROCESSAMENTO_MVE": [{"processamento": PROCESSAMENTO, "mes_processamento": "2025-12",
                               "anterior_garantias_financeiras": "false"}],
        "VINC_V_MVE": [], "VINC_C_MVE": [], "MV_MVE_PRE": [], "PRECO_CT_MVE": [], "SPREAD_CT_MVE": [],
        "M_HORAS": _horas(2025, 2027),
        "PLD_MS": [{"submercado": "SE", "mes": f"2026-{m:02d}", "PLD_MS": p}
                   for m, p in zip(range(1, 8), (D("138.40"), D("152.10"), D("160.00"), D("118.75"), D("95.30"),
                                                 D("110.00"), D("145.00")))],
        "NIPCA": [{"mes": "2024-06", "NIPCA": D("7000.00")}, {"mes": "2024-11", "NIPCA": D("7140.00")},
                  {"mes": "2025-11", "NIPCA": D("7425.60")}],
        "F_MRES_CT": [{"processamento": PROCESSAMENTO, "mes": "2025-12", "F_MRES_CT": D("0.30")}],
        # METAL RIO DOCE pays 651,000.00 of 930,000.00 in January and 372,000.00 of 930,000.00 in March
        "TOT_EFE_PAG_MVE": [{"agente": "51003", "mes": "2026-01", "TOT_EFE_PAG_MVE": D("651000.00")},
                            {"agente": "51003", "mes": "2026-03", "TOT_EFE_PAG_MVE": D("372000.00")}],
        # ... and does not recompose the GFC drawn in March: the contract is rescinded (Anexo I cmd 73 ii)
        "EVENTO_RESCISAO_MVE": [{"agente": "51003", "mes": "2026-03", "motivo": "nao_recomposicao_gfc"}],
    }
    for e, ac, tp, mv, nome, preco in contratos:
        prod = {**_PROD, "tipo_preco": tp}
        t["VINC_V_MVE"].append({"contrato": e, "perfil_vendedor": "61007", **prod})
        t["VINC_C_MVE"].append({"contrato": e, "perfil_comprador": ac, **prod})
        t["MV_MVE_PRE"].append({"contrato": e, "vigencia": VIGENCIA, "MV_MVE_PRE": mv})
        t[nome].append({"contrato": e, "vigencia": VIGENCIA, nome: preco})
    return t


def entradas_garantias_demo() -> dict[str, list[dict[str, Any]]]:
    """The tables only Anexo III has."""
    return {
        "VLR_REF_GP": [{"agente": a, "processamento": PROCESSAMENTO, "mes_base": "2024-06", "VLR_REF_GP": D("20.00")}
                       for a in ("51002", "51003")],
        "VLR_AP_GP_MVE": [{"agente": "51003", "processamento": PROCESSAMENTO, "VLR_AP_GP_MVE": D("500000.00")},
                          {"agente": "51002", "processamento": PROCESSAMENTO, "VLR_AP_GP_MVE": D("300000.00")}],
        # issue 7's cmd 106: VLR_AP_GP_MVE / VLR_REF_GP_A (20.40), to 3 places
        "LOT_INI_DNEG_MVE": [{"agente": "51003", "processamento": PROCESSAMENTO, "LOT_INI_DNEG_MVE": D("24509.804")},
                             {"agente": "51002", "processamento": PROCESSAMENTO, "LOT_INI_DNEG_MVE": D("14705.882")}],
        "V_HORAS_GC": [{"processamento": PROCESSAMENTO, "vigencia": VIGENCIA, "V_HORAS_GC": 720}],
        "INADIMPLENTE_12M_MVE": [{"agente": "51002", "processamento": PROCESSAMENTO}],
        "PERC_MULTA_INAD_MVE": [{"mes": "2025-01", "PERC_MULTA_INAD_MVE": D("0.02")}],
    }


def entradas_demo_completas(meses: str = MESES_DEMO) -> dict[str, list[dict[str, Any]]]:
    """Everything Anexo III reads, the Anexo I part computed by the MVE settlement reference."""
    from .. import referencia as anexo_i

    entradas = entradas_anexo_i_demo()
    saidas, estado = anexo_i.calcular_meses(entradas, intervalo_meses(meses))
    return {**entradas_do_anexo_i(entradas, saidas, estado), **entradas_garantias_demo()}


def _texto(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, D):
        return format(v, "f")
    return str(v)


def escrever_demo(destino: str | Path = DIRETORIO_DEMO) -> list[Path]:
    """Write the demo input files (one CSV per table) to ``destino``."""
    pasta = Path(destino)
    caminhos = []
    for nome, linhas in entradas_demo_completas().items():
        if not linhas:
            continue
        spec = ENTRADAS[nome]
        colunas = list(spec.colunas)
        df = pl.DataFrame([{c: _texto(r.get(c)) for c in colunas} for r in linhas],
                          schema={c: pl.String for c in colunas})
        caminho = pasta / f"{nome}.csv"
        escrever_tabela(df.sort(colunas), caminho)
        caminhos.append(caminho)
    return caminhos


def calcular_demo(**kw: Any) -> ResultadoGarantias:
    """The guarantees of the demo files."""
    return calcular(DIRETORIO_DEMO, **kw)


__all__ = ["DIRETORIO_DEMO", "MESES_DEMO", "SIGLAS", "calcular_demo", "entradas_anexo_i_demo",
           "entradas_demo_completas", "entradas_garantias_demo", "escrever_demo"]
