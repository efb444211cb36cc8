"""Anexo II / III — the rounds of the mechanism, vectorized inside each round (cmds 80–81, 89–90, 92–103, 106).

The sequence of rounds is the algorithm (cmds 87, 91, 108–109: a round's products are cleared with the
availability at its start, and the balances are updated before the next), so :func:`executar` loops over the
round numbers — of every processing at once (``processamento`` is a column of every table). Inside a round
everything is a whole-table operation, with no Python loop over bids, sellers or agents:

1. the state at the start of the round is emitted (cmds 96–99: QUANT_TOT_DISP_A, …, QUANT_DISP_A_EE_VIG);
2. admission (DECISÃO MC16, cmds 80–81, 100–101, 107): buy bids of an agent in bid-id order while their MWh
   fit LOT_ATUAL_DNEG_MVE (a running sum per agent, ``cum_sum().over``), sale bids of a seller in a product in
   bid-id order up to its availability in whole lots; special consumers' bids in CNE products get 0;
3. the clearing of every product of the round at once (``leilao.liquidar``, cmds 84, 88, 89);
4. the round's outputs (cmds 89–90: MONT_VEND_PROD_A, MONT_ADQ_PROD_A, PRECO_N_MVE / SPREAD_N_MVE,
   MONT_VEND_PROD; RESULTADO_LANCE, EQUILIBRIO_MVE) and the updates (cmds 92–95 QUANT_NEG_*, 96–99 the
   availabilities of the next round, DECISÃO MC17; 102–103 the buyers' lots) as joins and group-bys.

After the last round the balances are emitted once more (``rodada`` = last + 1). The reference
(``referencia._processar``) does the same per product, bid and seller with ``Decimal``; the tests check the
two give the same tables digit for digit.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from ...exact import tipo_decimal
from ._base import CE, CNE, MENSAL, PF, PLURI, TRIMESTRAL
from ._exato import dec, esc, inteiro, juntar, maior_que_zero, menor, piso, produto, quociente
from .calendario import Calendario
from .esquema import Configuracao, ErroMecanismo
from .leilao import liquidar
from .limites import tabela

Frame = pl.DataFrame
ASX = ["processamento", "perfil", "submercado"]
PRODC = ["submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco"]
SUFIXO = {PLURI: "_PLU", TRIMESTRAL: "_VIG", MENSAL: "_M"}


class Saidas:
    """Output frames per table, concatenated at the end (scales unified, exact)."""

    def __init__(self) -> None:
        self.partes: dict[str, list[Frame]] = {}

    def add(self, nome: str, df: Frame) -> None:
        self.partes.setdefault(nome, []).append(df)

    def tabelas(self) -> dict[str, Frame]:
        return {n: juntar(dfs) for n, dfs in self.partes.items()}


def _lotes(df: Frame, nome: str, id_: str) -> Frame:
    """MVE cmd 82: QUANTIDADE / LOTE in whole lots (the lot in MWmédio): integer mantissas at a common scale; a quantity that is not a
    positive multiple of the lot is an error naming the table."""
    s = max(esc(df, "QUANTIDADE"), esc(df, "LOTE"))
    mq = pl.col("QUANTIDADE").cast(tipo_decimal(s)).to_physical()
    ml = pl.col("LOTE").cast(tipo_decimal(s)).to_physical()
    df = df.with_columns(mq.alias("_mq"), ml.alias("_ml"))
    ruins = df.filter((pl.col("_mq") % pl.col("_ml") != 0) | (pl.col("_mq") <= 0))
    if ruins.height:
        x = ruins.row(0, named=True)
        raise ErroMecanismo(nome, f"lance {x[id_]!r}: quantidade {x['QUANTIDADE']} não é um múltiplo positivo do lote "
                                  f"{x['LOTE']}")
    return df.with_columns((pl.col("_mq") // pl.col("_ml")).cast(pl.Int64).alias("_nl")).drop("_mq", "_ml")


def _rodada(n: int) -> pl.Expr:
    return pl.lit(str(n)).alias("rodada")


def executar(t: dict[str, Frame], cal: Calendario, cfg: Configuracao, lim: dict[str, Frame],
             vendedores: Frame, subs: Frame) -> dict[str, Frame]:
    """Every round of every processing: admission, clearing, outputs and updates (module docstring). ``lim``:
    the §2.1 tables of ``limites.calcular``; ``vendedores`` (processamento, perfil): the profiles with limits;
    ``subs`` (processamento, submercado). Returns the output tables of cmds 89–103, 106 and the bid/clearing
    reports, plus ``_LOTES_V`` / ``_LOTES_C`` (lots met per sale bid and per buy bid) for §2.2."""
    # MVE cmd 76: one processing as the normative and its calendar say; MVE cmd 77: the limits of §2.1 (``lim``)
    # are the preliminary availability published before it; MVE cmd 78: PRODUTOS_LEILAO gives each product's
    # composition (PROD, lot); MVE cmd 79: its stage (etapa); MVE cmd 83: one or more bids per product; MVE cmd 86:
    # the bids (LANCE_VENDA, LANCE_COMPRA) are the platform's; MVE cmd 108: the products of a round (``rodada``)
    # are processed in parallel
    q, cap = cfg.q, cfg.escala_produto
    aplicar = cfg.limites == "aplicar"
    out = Saidas()
    xs = sorted(cal.por_x)
    proc = pl.DataFrame({"processamento": xs, "_mx": [cal.proc[x][0] for x in xs],
                         "_anterior": [cal.proc[x][1] for x in xs]},
                        schema={"processamento": pl.String, "_mx": pl.Int64, "_anterior": pl.Boolean})
    classes = pl.DataFrame({"vigencia": list(cal.vig), "_classe": [v.classe for v in cal.vig.values()]},
                           schema={"vigencia": pl.String, "_classe": pl.String})
    prods = (t["PRODUTOS_LEILAO"].join(proc, on="processamento").sort("produto")
             .with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("_p"), pl.col("rodada").cast(pl.Int64).alias("_rod"))
             .join(classes, on="vigencia", how="left").join(cal.vh, on="vigencia", how="left"))
    agente = tabela(t, "A_ALPHA").unique("perfil", keep="last", maintain_order=True).select("perfil", "agente")
    especiais = tabela(t, "CONSUMIDOR_ESPECIAL").select("perfil").unique()
    pc = ["produto", "_p", "_rod", "LOTE", "VH", "_classe", "_anterior", "_mx", *PRODC]
    vendas = tabela(t, "LANCE_VENDA").join(prods.select(pc), on="produto")
    compras = (tabela(t, "LANCE_COMPRA").join(prods.select(pc), on="produto")
               .join(especiais.with_columns(pl.lit(True).alias("_esp")), left_on="perfil_comprador", right_on="perfil",
                     how="left").join(agente, left_on="perfil_comprador", right_on="perfil", how="left")
               .with_columns(pl.col("_esp").fill_null(False)))
    sem = compras.filter(pl.col("agente").is_null())
    if sem.height:
        raise ErroMecanismo("A_ALPHA", f"perfil comprador {sem.sort('processamento')['perfil_comprador'][0]!r} sem agente")
    # cmds 100–103 read V_HORAS of the vigência of every product with buy bids
    for x in xs:
        vs = set(compras.filter(pl.col("processamento") == x)["vigencia"].to_list())
        cal.exigir_meses(m for v in sorted(vs) for m in cal.vig[v].meses)

    # MVE cmd 104: the Participation Guarantee is lodged before the mechanism (VLR_AP_GP_MVE[α,x]); MVE cmd 105:
    # one guarantee per agent and processing;
    # MVE cmd 106: LOT_INI_DNEG_MVE[α,x] = VLR_AP_GP_MVE[α,x] / VLR_REF_GP_A[α,x,f] (processings with Financial
    # Guarantees; DECISÃO MC22: no guarantee → 0 lots)
    agentes_c = compras.filter(~pl.col("_anterior")).select("processamento", "agente", "_mx").unique()
    ap = tabela(t, "VLR_AP_GP_MVE").select("agente", "processamento", "VLR_AP_GP_MVE")
    ref = tabela(t, "VLR_REF_GP_A").select("agente", "processamento", pl.col("ano").alias("_ft"), "VLR_REF_GP_A")
    lot = (agentes_c.with_columns((pl.col("_mx") // 12).cast(pl.String).alias("_ft"))
           .join(ap, on=["agente", "processamento"], how="left").join(ref, on=["agente", "processamento", "_ft"], how="left")
           .with_columns(pl.col("VLR_AP_GP_MVE").fill_null(0)))
    ruins = lot.filter((pl.col("VLR_REF_GP_A").is_null() | (pl.col("VLR_REF_GP_A") == 0)) & (pl.col("VLR_AP_GP_MVE") != 0))
    if ruins.height:
        x = ruins.sort("processamento", "agente").row(0, named=True)
        raise ErroMecanismo("VLR_REF_GP_A", f"agente {x['agente']!r}, processamento {x['processamento']!r}: sem valor de "
                                            "referência para o ano do processamento")
    tem_ref = pl.col("VLR_REF_GP_A").is_not_null() & (pl.col("VLR_REF_GP_A") != 0)
    lot = lot.with_columns(pl.col("VLR_REF_GP_A").fill_null(1))
    lot = lot.with_columns(pl.when(tem_ref).then(quociente(lot, "VLR_AP_GP_MVE", "VLR_REF_GP_A", q))
                           .otherwise(dec(0, q)).alias("LOT_INI_DNEG_MVE"))
    out.add("LOT_INI_DNEG_MVE", lot.select("agente", "processamento", "LOT_INI_DNEG_MVE"))
    lot = lot.select("processamento", "agente", pl.col("LOT_INI_DNEG_MVE").alias("_disp"))

    # -- the availability at the start of round 1 (cmds 96–99, "antes da primeira rodada")
    AS = vendedores.join(subs, on="processamento").select(ASX)
    anos = cal.anos.select("processamento", pl.col("ano").alias("_f"), "H_ANO")
    if lim:
        sa = (lim["QUANT_TOT_DISP"].select(*ASX, pl.col("ano").cast(pl.Int64).alias("_f"), pl.col("QUANT_TOT_DISP").alias("_tot"))
              .join(lim["MONT_ATUAL_EE"].select(*ASX, pl.col("ano").cast(pl.Int64).alias("_f"),
                                                pl.col("MONT_ATUAL_EE").alias("_ee")), on=[*ASX, "_f"])
              .join(anos, on=["processamento", "_f"]))
        sp = lim["QUANT_TOT_DISP_V_MED"].join(lim["QUANT_DISP_EE_V_MED"], on=[*ASX, "vigencia"]).rename(
            {"QUANT_TOT_DISP_V_MED": "_pl", "QUANT_DISP_EE_V_MED": "_ple"})
        sm = (lim["QUANT_TOT_DISP_MENSAL_MED"].join(lim["QUANT_MENSAL_MED"], on=[*ASX, "vigencia"])
              .rename({"QUANT_TOT_DISP_MENSAL_MED": "_me", "QUANT_MENSAL_MED": "_mee"})
              .join(cal.mensais.select("processamento", "vigencia", "mes", "ano"), on=["processamento", "vigencia"]))
        st = lim["QUANT_DISP_EE_VIG_MED"].rename({"QUANT_DISP_EE_VIG_MED": "_tre"})
    else:
        d0 = tipo_decimal(0)
        sa = pl.DataFrame(schema={**{c: pl.String for c in ASX}, "_f": pl.Int64, "_tot": d0, "_ee": d0, "H_ANO": d0})
        sp = pl.DataFrame(schema={**{c: pl.String for c in ASX}, "vigencia": pl.String, "_pl": d0, "_ple": d0})
        sm = pl.DataFrame(schema={**{c: pl.String for c in ASX}, "vigencia": pl.String, "_me": d0, "_mee": d0,
                                  "mes": pl.Int64, "ano": pl.Int64})
        st = pl.DataFrame(schema={**{c: pl.String for c in ASX}, "vigencia": pl.String, "_tre": d0})

    def tri_tot(sm_: Frame) -> Frame:
        # MVE cmd 98: QUANT_TOT_A_DISP_VIG[w] = min_{v*∈w} QUANT_TOT_A_DISP_MENSAL[v*]
        return (st.select(*ASX, "vigencia").join(cal.tri_mes, on=["processamento", "vigencia"])
                .join(sm_.select(*ASX, pl.col("vigencia").alias("vigencia_mensal"), "_me"), on=[*ASX, "vigencia_mensal"])
                .group_by(*ASX, "vigencia").agg(pl.col("_me").min().alias("_trt")))

    def emitir(xs_: list[str], rotulo: Any) -> None:
        """The balances at the start of round ``rotulo`` (cmds 96–99) of the processings ``xs_``."""
        f = pl.col("processamento").is_in(xs_)
        a = sa.filter(f)
        # MVE cmd 96: QUANT_TOT_DISP_A (rx = 1: QUANT_TOT_DISP); MVE cmd 99: QUANT_DISP_EE_A (rx = 1: MONT_ATUAL_EE);
        # MVE cmd 97: QUANT_TOT_PLURI_DISP_MED; MVE cmd 98: QUANT_TOT_A_DISP_VIG; 97 (a), 98 (a), 99 (b)(c) likewise
        out.add("QUANT_TOT_DISP_A", a.select(*ASX, pl.col("_f").cast(pl.String).alias("ano"), rotulo,
                                             pl.col("_tot").alias("QUANT_TOT_DISP_A")))
        out.add("QUANT_TOT_A_DISP_MED", a.select(*ASX, pl.col("_f").cast(pl.String).alias("ano"), rotulo,
                                                 quociente(a, "_tot", "H_ANO", q).alias("QUANT_TOT_A_DISP_MED")))  # 96 (a)
        out.add("QUANT_DISP_EE_A", a.select(*ASX, pl.col("_f").cast(pl.String).alias("ano"), rotulo,
                                            pl.col("_ee").alias("QUANT_DISP_EE_A")))  # cmd 99
        out.add("QUANT_DISP_EE_A_MED", a.select(*ASX, pl.col("_f").cast(pl.String).alias("ano"), rotulo,
                                                quociente(a, "_ee", "H_ANO", q).alias("QUANT_DISP_EE_A_MED")))  # 99 (a)
        p = sp.filter(f)
        out.add("QUANT_TOT_PLURI_DISP_MED", p.select(*ASX, "vigencia", rotulo, pl.col("_pl").alias("QUANT_TOT_PLURI_DISP_MED")))
        out.add("QUANT_DISP_PLURI_EE_MED", p.select(*ASX, "vigencia", rotulo, pl.col("_ple").alias("QUANT_DISP_PLURI_EE_MED")))
        m = sm.filter(f)
        out.add("QUANT_TOT_A_DISP_MENSAL", m.select(*ASX, "vigencia", rotulo, pl.col("_me").alias("QUANT_TOT_A_DISP_MENSAL")))
        out.add("QUANT_DISP_A_EE_MENSAL", m.select(*ASX, "vigencia", rotulo, pl.col("_mee").alias("QUANT_DISP_A_EE_MENSAL")))
        out.add("QUANT_TOT_A_DISP_VIG", tri_tot(m).select(*ASX, "vigencia", rotulo, pl.col("_trt").alias("QUANT_TOT_A_DISP_VIG")))
        out.add("QUANT_DISP_A_EE_VIG", st.filter(f).select(*ASX, "vigencia", rotulo, pl.col("_tre").alias("QUANT_DISP_A_EE_VIG")))

    rodadas_x = {x: sorted(set(prods.filter(pl.col("processamento") == x)["_rod"].to_list())) for x in xs}
    lotes_v, lotes_c = [], []
    # MVE cmd 87: round after round, each product of the round processed with the balances at its start;
    # MVE cmd 91: the sellers' balances are updated during the processing (cmds 92–99); MVE cmd 109: the buyers' lots too
    for n in sorted({r for rs in rodadas_x.values() for r in rs}):
        xs_n = [x for x in xs if n in rodadas_x[x]]
        emitir(xs_n, _rodada(n))
        pn = prods.filter(pl.col("_rod") == n)

        # -- buyers (DECISÃO MC16): MVE cmd 100: the Participation Guarantee gives the buyer's lots (MWh);
        # MVE cmd 101: the lots are used up during the round, bid after bid (bid-id order; prefix rule);
        # MVE cmd 107: one budget per agent and processing, shared by all its bids in every product
        c = _lotes(compras.filter(pl.col("_rod") == n), "LANCE_COMPRA", "lance_compra")
        esp_cne = pl.col("_esp") & (pl.col("tipo_energia") == CNE)  # MVE cmd 81
        c = c.join(lot, on=["processamento", "agente"], how="left").with_columns(pl.col("_disp").fill_null(0))
        c = c.with_columns(produto(c, "LOTE", "VH", cap).alias("_mwh"), inteiro("_nl").alias("_nld"))
        c = c.with_columns(pl.when(esp_cne).then(dec(0, 0)).otherwise(produto(c, "_mwh", "_nld", cap)).alias("_need"))
        c = c.sort("processamento", "agente", "lance_compra").with_columns(
            pl.col("_need").cum_sum().over("processamento", "agente").alias("_cum"))
        c = c.with_columns((pl.col("_cum") - pl.col("_need")).alias("_ant"), (pl.col("_disp") - (pl.col("_cum") - pl.col("_need")))
                           .alias("_resto"))
        c = c.with_columns(piso(c, "_resto", "_mwh").cast(pl.Int64).alias("_cabe"))
        limitado = pl.lit(not aplicar) | pl.col("_anterior")
        c = c.with_columns(
            pl.when(esp_cne).then(0)
            .when(limitado | (pl.col("_mwh") <= 0) | (pl.col("_cum") <= pl.col("_disp"))).then(pl.col("_nl"))
            .when(pl.col("_ant") <= pl.col("_disp")).then(pl.min_horizontal("_nl", pl.max_horizontal(pl.lit(0), "_cabe")))
            .otherwise(0).cast(pl.Int64).alias("_adm"))
        c = c.with_columns(pl.when(esp_cne).then(pl.lit("consumidor_especial"))
                           .when(pl.col("_adm") == pl.col("_nl")).then(pl.lit("")).otherwise(pl.lit("lotes")).alias("motivo"))

        # -- sellers (DECISÃO MC16): the product's availability at the start of the round (cmds 96–99); MVE cmd 80:
        # a distributor sells only in the submarket of its load — elsewhere its limit is 0 (DECISÃO MC18); MVE cmd
        # 12: CE products draw on the special-energy limits, CNE products on the total ones
        v = _lotes(vendas.filter(pl.col("_rod") == n), "LANCE_VENDA", "lance_venda")
        if aplicar:
            disp = juntar([
                sp.select(*ASX, "vigencia", pl.col("_pl").alias("_dt"), pl.col("_ple").alias("_de")),
                tri_tot(sm).join(st, on=[*ASX, "vigencia"]).select(*ASX, "vigencia", pl.col("_trt").alias("_dt"),
                                                                   pl.col("_tre").alias("_de")),
                sm.select(*ASX, "vigencia", pl.col("_me").alias("_dt"), pl.col("_mee").alias("_de"))])
            v = v.join(disp, left_on=["processamento", "perfil_vendedor", "submercado", "vigencia"],
                       right_on=ASX[:1] + ["perfil", "submercado", "vigencia"], how="left")
            v = v.with_columns(maior_que_zero(pl.when(pl.col("tipo_energia") == CE).then(pl.col("_de"))
                                              .otherwise(pl.col("_dt"))).alias("_disp"))
            v = v.with_columns(piso(v, "_disp", "LOTE").cast(pl.Int64).alias("_lim"))
            v = v.sort("_p", "perfil_vendedor", "lance_venda").with_columns(
                (pl.col("_nl").cum_sum().over("_p", "perfil_vendedor") - pl.col("_nl")).alias("_ant"))
            v = v.with_columns(pl.min_horizontal("_nl", pl.max_horizontal(pl.lit(0), pl.col("_lim") - pl.col("_ant")))
                               .cast(pl.Int64).alias("_adm"))
        else:
            v = v.with_columns(pl.col("_nl").alias("_adm"))
        v = v.with_columns(pl.when(pl.col("_adm") == pl.col("_nl")).then(pl.lit("")).otherwise(pl.lit("limite")).alias("motivo"))

        # -- MVE cmd 88: the supply and demand curves of every product of the round, cleared at once (``leilao``);
        # MVE cmd 84: discriminatory price (each buy bid's own); MVE cmd 85: PLD + spread, negative spreads allowed
        lv, lc, eq = liquidar(
            v.filter(pl.col("_adm") > 0).select("_p", pl.col("lance_venda").alias("lance"), "PRECO", pl.col("_adm").alias("lotes")),
            c.filter(pl.col("_adm") > 0).select("_p", pl.col("lance_compra").alias("lance"), "PRECO", pl.col("_adm").alias("lotes")))
        v = (v.join(lv.select("_p", pl.col("lance").alias("lance_venda"), "atendidos"), on=["_p", "lance_venda"], how="left")
             .with_columns(pl.col("atendidos").fill_null(0)))
        c = (c.join(lc.select("_p", pl.col("lance").alias("lance_compra"), "atendidos"), on=["_p", "lance_compra"], how="left")
             .with_columns(pl.col("atendidos").fill_null(0)))
        lotes_v.append(v.select("_p", "produto", "processamento", "perfil_vendedor", "lance_venda", "atendidos"))
        lotes_c.append(c.select("_p", "produto", "processamento", "perfil_comprador", "lance_compra", "atendidos"))

        # EQUILIBRIO_MVE (beyond the seed): traded quantity, demand, supply and marginal prices per product
        dem = c.filter(pl.col("_adm") > 0).group_by("_p").agg(pl.col("_adm").sum().alias("_dem"))
        ofe = v.filter(pl.col("_adm") > 0).group_by("_p").agg(pl.col("_adm").sum().alias("_ofe"))
        e = (pn.join(eq, on="_p", how="left").join(dem, on="_p", how="left").join(ofe, on="_p", how="left")
             .with_columns(inteiro("Q").fill_null(0).alias("_q"), inteiro("_dem").fill_null(0).alias("_dem"),
                           inteiro("_ofe").fill_null(0).alias("_ofe")))
        out.add("EQUILIBRIO_MVE", e.select("produto", *PRODC, _rodada(n), produto(e, "_q", "LOTE", cap).alias("QUANT_NEGOCIADA"),
                                           produto(e, "_dem", "LOTE", cap).alias("DEMANDA"),
                                           produto(e, "_ofe", "LOTE", cap).alias("OFERTA"),
                                           pl.col("preco_c").alias("PRECO_MARGINAL_COMPRA"),
                                           pl.col("preco_v").alias("PRECO_MARGINAL_VENDA")))
        # MVE cmd 89: LV Atendido = MONT_VEND_PROD_A; LC Atendido = MONT_ADQ_PROD_A
        v = v.with_columns(inteiro("atendidos").alias("_atd"), inteiro("_adm").alias("_admd"))
        v = v.with_columns(produto(v, "_atd", "LOTE", cap).alias("MONT_VEND_PROD_A"),
                           produto(v, "_admd", "LOTE", cap).alias("QUANT_ADMITIDA"))
        out.add("MONT_VEND_PROD_A", v.select("lance_venda", "perfil_vendedor", *PRODC, "MONT_VEND_PROD_A"))
        out.add("RESULTADO_LANCE", v.select(pl.lit("V").alias("lado"), pl.col("lance_venda").alias("lance"),
                                            pl.col("perfil_vendedor").alias("perfil"), "produto", _rodada(n), "motivo",
                                            "QUANTIDADE", "QUANT_ADMITIDA", pl.col("MONT_VEND_PROD_A").alias("QUANT_ATENDIDA"),
                                            "PRECO"))
        c = c.with_columns(inteiro("atendidos").alias("_atd"), inteiro("_adm").alias("_admd"))
        c = c.with_columns(produto(c, "_atd", "LOTE", cap).alias("MONT_ADQ_PROD_A"),
                           produto(c, "_admd", "LOTE", cap).alias("QUANT_ADMITIDA"))
        out.add("MONT_ADQ_PROD_A", c.select("lance_compra", "perfil_comprador", *PRODC, "MONT_ADQ_PROD_A"))
        # MVE cmds 84, 89: the met buy bid's own price (PF) or spread (PV)
        met = c.filter(pl.col("atendidos") > 0)
        out.add("PRECO_N_MVE", met.filter(pl.col("tipo_preco") == PF).select("lance_compra", *PRODC,
                                                                            pl.col("PRECO").alias("PRECO_N_MVE")))
        out.add("SPREAD_N_MVE", met.filter(pl.col("tipo_preco") != PF).select("lance_compra", *PRODC,
                                                                             pl.col("PRECO").alias("SPREAD_N_MVE")))
        out.add("RESULTADO_LANCE", c.select(pl.lit("C").alias("lado"), pl.col("lance_compra").alias("lance"),
                                            pl.col("perfil_comprador").alias("perfil"), "produto", _rodada(n), "motivo",
                                            "QUANTIDADE", "QUANT_ADMITIDA", pl.col("MONT_ADQ_PROD_A").alias("QUANT_ATENDIDA"),
                                            "PRECO"))
        # MVE cmd 90: MONT_VEND_PROD[a,PROD] = Σ_{lv∈a} MONT_VEND_PROD_A (every seller with a bid in the product)
        mvp = v.group_by("_p", "perfil_vendedor").agg(pl.col("atendidos").sum().alias("_n"), *[pl.first(c_) for c_ in
                                                                                                ["LOTE", *PRODC]])
        mvp = mvp.with_columns(inteiro("_n").alias("_nd"))
        mvp = mvp.with_columns(produto(mvp, "_nd", "LOTE", cap).alias("MONT_VEND_PROD"))
        out.add("MONT_VEND_PROD", mvp.select(pl.col("perfil_vendedor").alias("perfil"), *PRODC, "MONT_VEND_PROD"))

        # The quantities each seller negotiated in the round, per vigência and energy type: MVE cmd 92:
        # QUANT_NEG_CE/CNE = Σ_tp MONT_VEND_PROD; MVE cmd 93: QUANT_NEG_*_PLU (annual and multi-year); MVE cmd 94:
        # QUANT_NEG_*_VIG (3-month); MVE cmd 95: QUANT_NEG_*_M (monthly)
        neg = (mvp.group_by(pl.col("processamento"), pl.col("perfil_vendedor").alias("perfil"), "submercado", "vigencia")
               .agg(pl.col("MONT_VEND_PROD").filter(pl.col("tipo_energia") == CE).sum().alias("_nce"),
                    pl.col("MONT_VEND_PROD").filter(pl.col("tipo_energia") == CNE).sum().alias("_ncne")))
        vs = pn.select("processamento", "submercado", "vigencia", "_classe").unique()
        ng = (AS.filter(pl.col("processamento").is_in(xs_n)).join(vs, on=["processamento", "submercado"])
              .join(neg, on=[*ASX, "vigencia"], how="left")
              .with_columns(pl.col("_nce").fill_null(0), pl.col("_ncne").fill_null(0)))
        for te, col in ((CE, "_nce"), (CNE, "_ncne")):
            out.add(f"QUANT_NEG_{te}", ng.select(*ASX, "vigencia", _rodada(n), pl.col(col).alias(f"QUANT_NEG_{te}")))  # cmd 92
            for classe, sufixo in SUFIXO.items():  # cmds 93–95
                nome = f"QUANT_NEG_{te}{sufixo}"
                out.add(nome, ng.filter(pl.col("_classe") == classe).select(*ASX, "vigencia", _rodada(n), pl.col(col).alias(nome)))

        # MVE cmds 96–99: the availability for the next round (DECISÃO MC17: the caps use the post-round values)
        neg = neg.with_columns((pl.col("_nce") + pl.col("_ncne")).alias("_nt"))
        vf = neg.join(cal.vh_ano, on="vigencia")
        vf = vf.with_columns(produto(vf, "_nt", "VH_ANO", cap).alias("_vt"), produto(vf, "_nce", "VH_ANO", cap).alias("_vce"))
        vf = vf.group_by(*ASX, pl.col("ano").alias("_f")).agg(pl.col("_vt").sum(), pl.col("_vce").sum())
        em_n = pl.col("processamento").is_in(xs_n)
        a = (sa.join(vf, on=[*ASX, "_f"], how="left").with_columns(pl.col("_vt").fill_null(0), pl.col("_vce").fill_null(0)))
        # MVE cmd 96: QUANT_TOT_DISP_A[rx+1] = QUANT_TOT_DISP_A[rx] − Σ_v (QUANT_NEG_CE + QUANT_NEG_CNE) × V_HORAS[v*]
        a = a.with_columns(pl.when(em_n).then(pl.col("_tot") - pl.col("_vt")).otherwise(pl.col("_tot")).alias("_tot2"))
        # MVE cmd 99: QUANT_DISP_EE_A[rx+1] = min(QUANT_TOT_DISP_A[rx+1]; QUANT_DISP_EE_A[rx] − Σ QUANT_NEG_CE × V_HORAS)
        a = a.with_columns(pl.when(em_n).then(menor("_tot2", pl.col("_ee") - pl.col("_vce"))).otherwise(pl.col("_ee"))
                           .alias("_ee2"))
        # MVE cmd 96 (a): QUANT_TOT_A_DISP_MED; MVE cmd 99 (a): QUANT_DISP_EE_A_MED — in MWmédio
        a = a.with_columns(quociente(a, "_tot2", "H_ANO", q).alias("_tm"), quociente(a, "_ee2", "H_ANO", q).alias("_em"))
        novo_sa = a.select(*ASX, "_f", "H_ANO", pl.col("_tot2").alias("_tot"), pl.col("_ee2").alias("_ee"))
        med = a.select(*ASX, "_f", "_tm", "_em")
        # MVE cmd 97: QUANT_TOT_PLURI_DISP_MED = min_{f∈v} QUANT_TOT_A_DISP_MED; MVE cmd 98 (a): QUANT_DISP_PLURI_EE_MED =
        # min(QUANT_TOT_PLURI_DISP_MED; min_{f∈v} QUANT_DISP_EE_A_MED)
        p = (sp.join(cal.pluri, on=["processamento", "vigencia"]).join(med, left_on=[*ASX, "ano"], right_on=[*ASX, "_f"])
             .group_by(*ASX, "vigencia").agg(pl.col("_tm").min().alias("_pl2"), pl.col("_em").min().alias("_eem")))
        p = sp.join(p, on=[*ASX, "vigencia"], how="left")
        novo_sp = p.select(*ASX, "vigencia",
                           pl.when(em_n).then(pl.col("_pl2")).otherwise(pl.col("_pl")).alias("_pl"),
                           pl.when(em_n).then(menor("_pl2", "_eem")).otherwise(pl.col("_ple")).alias("_ple"))
        # MVE cmd 97 (a): QUANT_TOT_A_DISP_MENSAL = min(QUANT_TOT_A_DISP_MED[f]; anterior − QUANT_NEG_*_M − QUANT_NEG_*_VIG)
        nt = neg.select(*ASX, "vigencia", "_nt", "_nce")
        vq = (sm.select(*ASX, "vigencia").join(cal.mensal_tri, on=["processamento", "vigencia"])
              .join(nt.select(*ASX, pl.col("vigencia").alias("tri"), pl.col("_nt").alias("_q")), on=[*ASX, "tri"])
              .group_by(*ASX, "vigencia").agg(pl.col("_q").sum()))
        m = (sm.join(nt, on=[*ASX, "vigencia"], how="left").join(vq, on=[*ASX, "vigencia"], how="left")
             .join(med.select(*ASX, pl.col("_f").alias("ano"), "_tm"), on=[*ASX, "ano"], how="left")
             .with_columns(pl.col("_nt").fill_null(0), pl.col("_nce").fill_null(0), pl.col("_q").fill_null(0)))
        m = m.with_columns(pl.when(em_n).then(menor("_tm", pl.col("_me") - pl.col("_nt") - pl.col("_q")))
                           .otherwise(pl.col("_me")).alias("_me2"))
        # MVE cmd 99 (c): QUANT_DISP_A_EE_MENSAL = min(QUANT_TOT_A_DISP_MENSAL; anterior − QUANT_NEG_CE_M)
        m = m.with_columns(pl.when(em_n).then(menor("_me2", pl.col("_mee") - pl.col("_nce"))).otherwise(pl.col("_mee"))
                           .alias("_mee2"))
        novo_sm = m.select(*ASX, "vigencia", pl.col("_me2").alias("_me"), pl.col("_mee2").alias("_mee"), "mes", "ano")
        # MVE cmd 99 (b): QUANT_DISP_A_EE_VIG = min(QUANT_TOT_A_DISP_VIG; anterior − QUANT_NEG_CE_VIG)
        w = (st.join(tri_tot(novo_sm), on=[*ASX, "vigencia"], how="left")
             .join(nt.select(*ASX, "vigencia", "_nce"), on=[*ASX, "vigencia"], how="left")
             .with_columns(pl.col("_nce").fill_null(0)))
        novo_st = w.select(*ASX, "vigencia", pl.when(em_n).then(menor("_trt", pl.col("_tre") - pl.col("_nce")))
                           .otherwise(pl.col("_tre")).alias("_tre"))
        sa, sp, sm, st = novo_sa, novo_sp, novo_sm, novo_st

        # MVE cmds 102–103: the buyers' lots after the round (processings with Financial Guarantees)
        c = c.with_columns(produto(c, "MONT_ADQ_PROD_A", "VH", cap).alias("_mwh_neg"))
        adq = c.group_by("processamento", "agente").agg(pl.col("_mwh_neg").sum().alias("LOT_NEG_MVE"))
        ln = (lot.filter(pl.col("processamento").is_in(xs_n)).join(adq, on=["processamento", "agente"], how="left")
              .with_columns(pl.col("LOT_NEG_MVE").fill_null(0)))
        ln = ln.with_columns((pl.col("_disp") - pl.col("LOT_NEG_MVE")).alias("LOT_ATUAL_DNEG_MVE"))
        # MVE cmd 103: LOT_NEG_MVE[α,x,rx] = Σ_{a∈α} Σ_lc MONT_ADQ_PROD_A × V_HORAS[v]; MVE cmd 102:
        # LOT_ATUAL_DNEG_MVE[α,x,rx] = LOT_ATUAL_DNEG_MVE[rx−1] (or LOT_INI_DNEG_MVE) − LOT_NEG_MVE
        out.add("LOT_NEG_MVE", ln.select("agente", "processamento", _rodada(n), "LOT_NEG_MVE"))
        out.add("LOT_ATUAL_DNEG_MVE", ln.select("agente", "processamento", _rodada(n), "LOT_ATUAL_DNEG_MVE"))
        lot = juntar([lot.filter(~pl.col("processamento").is_in(xs_n)),
                      ln.select("processamento", "agente", pl.col("LOT_ATUAL_DNEG_MVE").alias("_disp"))])

    # the balances after the last round (rodada = R + 1)
    for x in xs:
        if rodadas_x[x]:
            emitir([x], _rodada(rodadas_x[x][-1] + 1))
    tabelas = out.tabelas()
    tabelas["_LOTES_V"] = juntar(lotes_v) if lotes_v else pl.DataFrame()
    tabelas["_LOTES_C"] = juntar(lotes_c) if lotes_c else pl.DataFrame()
    tabelas["_PRODUTOS"] = prods
    return tabelas


__all__ = ["executar"]
