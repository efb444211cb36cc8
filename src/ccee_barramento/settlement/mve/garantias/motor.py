"""The guarantees engine: static commands once (110, 113–115, 117), then month by month (118–144).

Month m, in order (``docs/mve-garantias.md``, "Calculation order"):
118–120 (GP executed for the fine for not lodging the GFC) → 122 (balance) → 121 → 123 → 124–125 →
139–140 → 141 f (F_M_REC_PROD_R) → 131 a → 131 → 132–133 → 134 a → 134 → 135–136 → 126–128 → 141–142 →
143–144 → GCR_TOT. Each month is vectorized over products and pairs; the months run in order through
``runner.executar_meses`` (``meses_por_bloco=1``: cmd 122 reads the balance, the IPCA adjustment and the
excess of m-1, and the GP drawn so far carries over).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Mapping

import polars as pl

from ...exact import Arredondamento, concatenar
from ...runner import Bloco, executar_meses, int_para_mes, intervalo_meses, mes_para_int
from . import devolucao, execucao_gp, gfc, multa_residual, nao_recomposicao, recomposicao, referencia_gp, uso_gfc
from .dados import Base, carregar, contador, preparar
from .esquema import ANTERIORES, ENTRADAS, SAIDAS, Configuracao, ErroGarantias
from .esquema import arredondamento as _arredondamento
from .resultado import EstadoGarantias, ResultadoGarantias

CHAVE = uso_gfc.CHAVE


def estaticas(base: Base, cfg: Configuracao) -> dict[str, pl.DataFrame]:
    """MVE cmds 110, 113, 114, 115, 117."""
    q, cap = cfg.precisao.escala_divisao, cfg.escala_produto
    horas = gfc.v_horas_gc_a(base)
    gc_prod = gfc.vlr_gc_prod(base, horas, cap)
    gc_tot = gfc.vlr_gc_tot(base.produtos.select(*CHAVE, "agente").join(gc_prod, on=CHAVE, how="left"))
    dev, vdp = devolucao.devolucao(base, gc_tot)
    return {
        "VLR_REF_GP_A": referencia_gp.vlr_ref_gp_a(base, q),
        "V_HORAS_GC_A": horas,
        "VLR_GC_PROD": gc_prod.select(*CHAVE, "VLR_GC_PROD").sort(CHAVE),
        "VLR_GC_TOT": gc_tot,
        "VLR_DEV_GP_MVE": dev,
        "VDP_RC_GP_MVE": vdp,
    }


def _anterior_das_entradas(base: Base, m: int) -> pl.DataFrame | None:
    """GC_PROD_ATUAL, AJU_IPCA, EXC_GC_PROD of month m-1 from the input tables (a run without state)."""
    partes = [base.do_mes(n, m - 1) for n in ANTERIORES]
    if not partes[0].height:
        return None
    df = partes[0]
    for n, t in zip(ANTERIORES[1:], partes[1:]):
        df = df.join(t, on=CHAVE, how="left")
    return df.with_columns([pl.col(n).fill_null(0) for n in ANTERIORES[1:]])


def _gp_inicial(base: Base, m: int) -> pl.DataFrame:
    """GP drawn before the run (VAC_RC_GP_MVE input rows of earlier months)."""
    vac = base.tabela("VAC_RC_GP_MVE").filter(contador("mes") < m)
    return vac.group_by("agente", "processamento").agg(pl.col("VAC_RC_GP_MVE").sum().alias("GP_ACIONADA")).sort(
        "agente", "processamento")


def calcular_mes(base: Base, cfg: Configuracao, m: int, estado: EstadoGarantias | None,
                 est: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], EstadoGarantias]:
    q, cap = cfg.precisao.escala_divisao, cfg.escala_produto
    if estado is None:
        anterior, usada = _anterior_das_entradas(base, m), _gp_inicial(base, m)
    else:
        anterior, usada = estado.GC_PROD_ATUAL, estado.GP_ACIONADA
    # §3.3.5 — cmds 118–120
    saidas, usada = execucao_gp.execucao_gp(base, m, est["VDP_RC_GP_MVE"], usada, q, cap)
    # §3.3.6 — cmds 122, 121, 123, 124, 125
    p = uso_gfc.produtos_do_mes(base, m, anterior, est)
    p = uso_gfc.gca(base, p, m, cap)
    saidas["GCA_PRE"], saidas["GCA_TOT"] = uso_gfc.por_agente(p, "GCA_PROD", "GCA_PRE", "GCA_TOT")
    # §3.3.8 — cmds 139, 140 (cmd 134 needs them) and the seller factor of cmd 141 (cmd 126 may need it)
    p = nao_recomposicao.remanescente(p)
    multas = nao_recomposicao.fator_rescisao(nao_recomposicao.multas_do_mes(base, m), q)
    # §3.3.7 — cmds 131 a, 131, 132, 133, 134 a, 134, 135, 136
    p = recomposicao.aju_ipca(base, p, m, cap)
    saidas["RECOMP_GC_PRE"], saidas["RECOMP_GC_TOT"] = uso_gfc.por_agente(p, "RECOMP_GC_PROD", "RECOMP_GC_PRE",
                                                                         "RECOMP_GC_TOT")
    p = recomposicao.excedente(base, p, m, cap)
    saidas["EXC_GC_PRE"], saidas["EXC_GC_TOT"] = uso_gfc.por_agente(p, "EXC_GC_PROD", "EXC_GC_PRE", "EXC_GC_TOT")
    # §3.3.6 — cmds 126–128; §3.3.8 — cmds 141–142; §3.3.9 — cmds 143–144; GCR_TOT
    saidas.update(uso_gfc.gca_vc(base, p, m, multas.select(*nao_recomposicao.PAR, "F_M_REC_PROD_R"), cap))
    saidas.update(nao_recomposicao.gca_r_vc(p, multas, cap))
    saidas.update(multa_residual.multa_residual(base, multas, p, saidas["GCA_PROD_R_VC"], cfg.residual_pv, cap))
    saidas["GCR_TOT"] = multa_residual.gcr_tot(saidas["GCA_VC"], saidas["GCA_R_VC"])
    saidas["F_M_REC_PROD_R"] = multas.select(*nao_recomposicao.PAR, "F_M_REC_PROD_R")
    for nome in ("GCA_PROD_PRE", "GC_PROD_ATUAL", "GCA_PROD", "AJU_IPCA", "RECOMP_GC_PROD", "VMAX_IF_MVE",
                 "EXC_GC_PROD", "GC_PROD_REM", "GCA_PROD_R"):
        saidas[nome] = p.select(*CHAVE, nome)
    mes = int_para_mes(m)
    saidas = {n: df.with_columns(pl.lit(mes).alias("mes")).select(*SAIDAS[n].colunas) for n, df in saidas.items()}
    # state for m+1: the balances of the products that go on (cmd 122), the GP drawn so far (DECISÃO G7)
    seguem = p.filter(~pl.col("termina")).select(*CHAVE, "GC_PROD_ATUAL", "AJU_IPCA", "EXC_GC_PROD")
    novo = EstadoGarantias(mes, seguem, usada, base.contratos.filter(pl.col("resc") <= m)
                           .select("contrato", pl.col("resc").alias("r")))
    return saidas, novo


def passo(base: Base, cfg: Configuracao, est: dict[str, pl.DataFrame]):
    """The step of a block of consecutive months, for :func:`runner.executar_meses`."""

    def calcular_bloco(bloco: Bloco, estado: EstadoGarantias | None):
        partes: dict[str, list[pl.DataFrame]] = {}
        for mes in bloco.meses:
            saidas, estado = calcular_mes(base, cfg, mes_para_int(mes), estado, est)
            for n, df in saidas.items():
                partes.setdefault(n, []).append(df)
        return {n: concatenar(dfs) for n, dfs in partes.items()}, estado

    return calcular_bloco


_MENSAIS_ANEXO_I = ("F_INAD_EFE_MVE", "VLP_MVE_PROD", "F_VEND_MVE_PROD", "M_PAG_MVE", "M_MVE", "M_MVE_NAGC",
                    "M_PAG_NAGC", "RESCISAO_MVE", "EVENTO_RESCISAO_MVE", "NAO_APORTE_GFC")


def meses_padrao(base: Base) -> list[str]:
    """Without ``meses``: from the first to the last month of the Anexo I inputs; without them, the months of
    supply of the products with GFC."""
    meses = set()
    for n in _MENSAIS_ANEXO_I:
        meses.update(base.tabela(n)["mes"].unique().to_list())
    if meses:
        ordem = sorted(meses, key=mes_para_int)
        return intervalo_meses(f"{ordem[0]}..{ordem[-1]}")
    if base.produtos.height:
        a, b = base.produtos["inicio"].min(), base.produtos["fim"].max()
        return [int_para_mes(i) for i in range(a, b + 1)]  # type: ignore[arg-type, operator]
    raise ErroGarantias("F_INAD_EFE_MVE", "nenhum mês a calcular: informe meses= (ou --meses)")


def calcular(
    entradas: str | Path | Mapping[str, Any],
    meses: str | Iterable[str] | None = None,
    estado: EstadoGarantias | None = None,
    configuracao: Configuracao | None = None,
    *,
    arredondamento: Arredondamento | str | None = None,
) -> ResultadoGarantias:
    """Run Anexo III (commands 110–144) over a range of consecutive months.

    ``entradas``: a directory of ``NOME.csv``/``NOME.parquet`` files or a mapping name → table (polars,
    pandas, pyarrow, list of row dicts). ``meses``: ``"2026-01..2026-03"``, a list, or None (the months of
    the Anexo I inputs). ``estado``: the ``ResultadoGarantias.estado`` of the previous run (balances, GP
    drawn, rescissions), for month-by-month runs. ``arredondamento``: shortcut for the output rounding.
    """
    cfg = configuracao or Configuracao()
    if arredondamento is not None:
        cfg = replace(cfg, arredondamento=_arredondamento(arredondamento))
    tabelas = carregar(entradas, cfg.precisao)
    base = preparar(tabelas, estado.RESCISOES if estado is not None else None)
    if meses is None:
        lista = meses_padrao(base)
    elif isinstance(meses, str):
        lista = intervalo_meses(meses)
    else:
        lista = sorted({int_para_mes(mes_para_int(m)) for m in meses}, key=mes_para_int)
    ints = [mes_para_int(m) for m in lista]
    if not ints:
        raise ErroGarantias("meses", "nenhum mês a calcular")
    if any(b != a + 1 for a, b in zip(ints, ints[1:])):
        raise ErroGarantias("meses", "os meses devem ser consecutivos")
    if estado is not None and mes_para_int(estado.mes) != ints[0] - 1:
        raise ErroGarantias("estado", f"o estado é do mês {estado.mes}, esperado {int_para_mes(ints[0] - 1)}")
    try:
        est = estaticas(base, cfg)
        execucao = executar_meses(passo(base, cfg, est), tabelas, ENTRADAS, lista, estado, meses_por_bloco=1)
    except pl.exceptions.ComputeError as exc:  # decimal overflow (a value past 38 digits)
        raise ErroGarantias("entradas", f"estouro de precisão decimal (38 dígitos): {str(exc).splitlines()[0]}") from None
    exatas = {**est, **execucao.saidas}
    for nome, spec in SAIDAS.items():
        if nome not in exatas:
            exatas[nome] = spec.vazia()
    exatas = {n: exatas[n] for n in SAIDAS}
    return ResultadoGarantias(exatas=exatas, entradas=tabelas, base=base, configuracao=cfg, meses=execucao.meses,
                              estado=execucao.estado, estado_inicial=estado)


__all__ = ["calcular", "calcular_mes", "estaticas", "meses_padrao", "passo"]
