"""§2.2 — the contract amounts of each product (cmds 32–34) from the rounds' allocations.

* cmd 32: F_LCOMP_MVE_TOT[lc] = MONT_ADQ_PROD_A[lc] / Σ_lc MONT_ADQ_PROD_A — one vectorized quotient per met
  buy bid (in lots: the lot size cancels), rounded once to 16 places;
* cmds 32 (a)–(d), 33: the pair amounts MONT_VEND_PROD[av] × F_LCOMP_MVE_TOT[lc] by the controlled rounding of
  ``_base.arredondar_pares`` (DECISÃO MC19). That rounding is a greedy sequential construction (Ryser), not a
  table formula, so it runs once per product on its integer margins — the only per-product Python step; the
  pairs' tables around it are built whole;
* cmd 34: one contract per positive pair, numbered per processing over (produto, seller, bid) (DECISÃO MC20).
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from ...exact import literal, multiplicar, tipo_decimal
from ._base import CE, CNE, PF, PV, arredondar_pares
from ._exato import inteiro, quociente
from .esquema import Configuracao, ErroMecanismo

Frame = pl.DataFrame
PRODC = ["submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco"]
FAMILIA = {(CE, PF): "MV_MVE_ESP_PF", (CE, PV): "MV_MVE_ESP_PV", (CNE, PF): "MV_MVE_NESP_PF",
           (CNE, PV): "MV_MVE_NESP_PV"}


def calcular(cfg: Configuracao, prods: Frame, lotes_v: Frame, lotes_c: Frame) -> dict[str, Frame]:
    """F_LCOMP_MVE_TOT, MV_MVE_ESP_PF/_PV, MV_MVE_NESP_PF/_PV, MV_RES_MVE and MV_MVE_PRE. ``prods``: the products
    (``_p``, produto, PROD, LOTE); ``lotes_v`` / ``lotes_c``: lots met per sale / buy bid (``rodadas``)."""
    # MVE cmd 29: the amounts are determined product by product; MVE cmd 30: each pair becomes a CCEAL registered
    # in the SCL (``contratos``); MVE cmd 31: each distributor's amount with each buyer, in MWmédio (cmds 32–33)
    casas, q = cfg.casas_contrato, cfg.q
    # the lot in units of 10^-casas MWm must be whole (a contract amount has at most 6 places)
    fatores: dict[int, int] = {}
    for p, produto_, lote in prods.select("_p", "produto", "LOTE").sort("produto").iter_rows():
        f = lote.scaleb(casas)
        if f != f.to_integral_value():
            raise ErroMecanismo("PRODUTOS_LEILAO", f"lote {lote} com mais de {casas} casas")
        fatores[p] = int(f)
    info = prods.select("_p", "produto", *PRODC)
    if lotes_c.height == 0:
        compras = pl.DataFrame(schema={"_p": pl.Int64, "lance_compra": pl.String, "atendidos": pl.Int64})
    else:
        compras = lotes_c.filter(pl.col("atendidos") > 0).select("_p", "lance_compra", "atendidos")
    if lotes_v.height == 0:
        vend = pl.DataFrame(schema={"_p": pl.Int64, "perfil_vendedor": pl.String, "atendidos": pl.Int64})
    else:
        vend = (lotes_v.group_by("_p", "perfil_vendedor").agg(pl.col("atendidos").sum())
                .filter(pl.col("atendidos") > 0))
    compras = compras.sort("_p", "lance_compra")
    vend = vend.sort("_p", "perfil_vendedor")
    # MVE cmd 32: F_LCOMP_MVE_TOT = MONT_ADQ_PROD_A[lc] / Σ_lc MONT_ADQ_PROD_A (lots; the lot size cancels)
    fl = compras.with_columns(pl.col("atendidos").sum().over("_p").alias("_tot")).with_columns(
        inteiro("atendidos").alias("_n"), inteiro("_tot").alias("_t"))
    fl = fl.with_columns(quociente(fl, "_n", "_t", q).alias("F_LCOMP_MVE_TOT"))
    out: dict[str, Frame] = {"F_LCOMP_MVE_TOT": fl.join(info, on="_p").select("lance_compra", *PRODC, "F_LCOMP_MVE_TOT")}
    # MVE cmds 32 (a)–(d), 33: the pairs, by the controlled rounding of each product's margins (DECISÃO MC19)
    lc = compras.group_by("_p", maintain_order=True).agg(pl.col("lance_compra"), pl.col("atendidos"))
    lv = vend.group_by("_p", maintain_order=True).agg(pl.col("perfil_vendedor"), pl.col("atendidos"))
    margens = lc.join(lv, on="_p", suffix="_v").sort("_p")
    ps, avs, lcs, xs = [], [], [], []
    for p, ids_c, n_c, ids_v, n_v in margens.select("_p", "lance_compra", "atendidos", "perfil_vendedor",
                                                       "atendidos_v").iter_rows():
        x_ij = arredondar_pares(n_v, n_c, sum(n_c), fatores[p])
        for i, a in enumerate(ids_v):
            ps += [p] * len(ids_c)
            avs += [a] * len(ids_c)
            lcs += list(ids_c)
            xs += x_ij[i]
    pares = pl.DataFrame({"_p": pl.Series(ps, dtype=pl.Int64), "perfil_vendedor": pl.Series(avs, dtype=pl.String),
                          "lance_compra": pl.Series(lcs, dtype=pl.String), "_x": pl.Series(xs, dtype=pl.Int64)})
    # the amount in MWmédio: x units of 10^-casas, exact
    pares = pares.with_columns(multiplicar(inteiro("_x"), 0, literal(Decimal(1).scaleb(-casas), casas), casas)
                               .cast(tipo_decimal(casas)).alias("MV_RES_MVE")).join(info, on="_p")
    for (te, tp), nome in FAMILIA.items():  # MVE cmd 32 (a)–(d): only the product's own family is non-zero
        out[nome] = (pares.filter((pl.col("tipo_energia") == te) & (pl.col("tipo_preco") == tp))
                     .select("perfil_vendedor", "lance_compra", *PRODC, pl.col("MV_RES_MVE").alias(nome)))
    out["MV_RES_MVE"] = pares.select("perfil_vendedor", "lance_compra", *PRODC, "MV_RES_MVE")  # MVE cmd 33
    # MVE cmd 34: one CCEAL e per positive MV_RES_MVE; MV_MVE_PRE[e,v] = MV_RES_MVE (DECISÃO MC20: codes
    # <processamento>-<nnnn> over (produto, seller, bid) within the processing)
    pos = (pares.filter(pl.col("_x") > 0).sort("processamento", "produto", "perfil_vendedor", "lance_compra")
           .with_columns(pl.int_range(1, pl.len() + 1).over("processamento").alias("_n")))
    out["MV_MVE_PRE"] = pos.select(pl.concat_str("processamento", pl.lit("-"), pl.col("_n").cast(pl.String).str.zfill(4))
                                   .alias("contrato"), "vigencia", pl.col("MV_RES_MVE").alias("MV_MVE_PRE"))
    return out


__all__ = ["calcular"]
