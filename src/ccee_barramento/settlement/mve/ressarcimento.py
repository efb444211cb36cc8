"""MVE Anexo I 3.1.2 — ressarcimento to the sellers of the contracts reduced in the month (commands 66–70).

Cmd 67 (text): ressarcimento only when the submarket's PLD is BELOW the contract's sale price — the seed
(l. 3337–3338) and ``max(0; PRECO_CT_MVE − PLD_MS)`` of cmd 70; the issue's wording ("PLD exceeds the
price") is the opposite, and the seed wins (docs/mve.md, "Spec vs seed" 4).
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from ._ops import colunas_por_tipo, dec, esc, produto, somar_por, somar_uniao, vazio
from .dados import Base
from .esquema import REGISTRO

_PP = ("perfil", "submercado", "processamento", "vigencia", "tipo_energia", "tipo_preco", "mes")
_PAR = ("perfil_comprador", "perfil_vendedor", "submercado", "processamento", "vigencia", "tipo_energia",
        "tipo_preco", "mes")

REGISTRO.comando(
    "66", "Ressarcimento (texto)",
    texto="O comprador cujo contrato foi reduzido por inadimplência pode dever ressarcimento aos vendedores.")
REGISTRO.comando(
    "67", "Quando há ressarcimento (texto)",
    texto="Só quando o PLD médio do submercado é MENOR que o preço de venda do contrato (semente l. 3337–3338): é "
          "quando PRIC_RESS_CT_MVE > 0 (cmd 70). O texto do issue diz o contrário; vale a semente.")
REGISTRO.comando(
    "70", "Preço do ressarcimento", variavel="PRIC_RESS_CT_MVE",
    equacao="PRIC_RESS_CT_MVE[e,v] = max(0; PRECO_CT_MVE[e,v] − PLD_MS[s,m]) (preço fixo) | max(0; SPREAD_CT_MVE[e,v]) "
            "(PLD + spread)",
    entradas=("PRECO_CT_MVE", "SPREAD_CT_MVE", "PLD_MS", "AJU_M_MVE"), indices=("contrato", "vigencia", "mes"),
    texto="DECISÃO D19: preço ORIGINAL do contrato; calculado por mês (PLD_MS[s,m]). Linhas dos contratos de AJU_M_MVE.")
REGISTRO.comando(
    "68b", "Ressarcimento do par no mês", variavel="RESS_P_MVE",
    equacao="RESS_P_MVE[ac,av,PROD,m] = Σ_e AJU_M_MVE[e,m] × M_HORAS[m] × PRIC_RESS_CT_MVE[e,v]",
    entradas=("AJU_M_MVE", "M_HORAS", "PRIC_RESS_CT_MVE", "VINC_V_MVE", "VINC_C_MVE"), indices=_PAR)
REGISTRO.comando(
    "70b", "Ressarcimentos inadimplidos pendentes", variavel="RESS_INAD_P_MVE",
    equacao="RESS_INAD_P_MVE[ac,av,PROD,m] = (RESS_INAD_P_MVE[…,m−1] + RESS_P_MVE[…,m−1]) × F_INAD_EFE_MVE[α,m−1] "
            "+ Σ_mr ENC_MOR_MVE[…,m,mr]",
    entradas=("RESS_INAD_P_MVE", "RESS_P_MVE", "F_INAD_EFE_MVE", "ENC_MOR_MVE"), indices=_PAR,
    texto="DECISÃO D13: como impresso; α = agente do comprador. Linhas iguais a 0 não são carregadas.")
REGISTRO.comando(
    "70a", "Ressarcimento devido do par", variavel="RESS_DEV_MVE_P",
    equacao="RESS_DEV_MVE_P[ac,av,PROD,m] = RESS_INAD_P_MVE[ac,av,PROD,m] + RESS_P_MVE[ac,av,PROD,m]",
    entradas=("RESS_INAD_P_MVE", "RESS_P_MVE"), indices=_PAR)
REGISTRO.comando(
    "68a", "Ressarcimento a pagar por produto", variavel="RESS_PAG_MVE",
    equacao="RESS_PAG_MVE[a,PROD,m] = Σ_av RESS_DEV_MVE_P[a,av,PROD,m]", entradas=("RESS_DEV_MVE_P",), indices=_PP,
    texto="D20: a = ac (impresso \"a = av\").")
REGISTRO.comando(
    "68", "Total de ressarcimento a pagar", variavel="TOT_RESS_PAG_MVE",
    equacao="TOT_RESS_PAG_MVE[a,m] = Σ_{s,x,v,te,tp} RESS_PAG_MVE[a,PROD,m]", entradas=("RESS_PAG_MVE",),
    indices=("perfil", "mes"), texto="Cobrado em m+1 pelos cmds 53 e 56 (a).")
REGISTRO.comando(
    "69a", "Ressarcimento a receber por produto", variavel="RESS_REC_MVE",
    equacao="RESS_REC_MVE[a,PROD,m] = Σ_ac RESS_DEV_MVE_P[ac,a,PROD,m]", entradas=("RESS_DEV_MVE_P",), indices=_PP,
    texto="D20: a = av.")
REGISTRO.comando(
    "69", "Total de ressarcimento a receber", variavel="TOT_RESS_REC_MVE",
    equacao="TOT_RESS_REC_MVE[a,m] = Σ_{s,x,v,te,tp} RESS_REC_MVE[a,PROD,m]", entradas=("RESS_REC_MVE",),
    indices=("perfil", "mes"), texto="Recebido em m+1 pelos cmds 52 e 57 (a).")


def ressarcimento(base: Base, reduzidos: pl.DataFrame, m: int, horas: Decimal, ant: dict[str, pl.DataFrame],
                  enc: pl.DataFrame, cap: int) -> dict[str, pl.DataFrame]:
    """MVE cmds 68–70 (``reduzidos``: the contract rows of AJU_M_MVE; ``enc``: ENC_MOR_MVE of m)."""
    # MVE cmd 66 (text): a buyer whose contract was reduced for default may owe its sellers a ressarcimento.
    # MVE cmd 67 (text): only when the submarket's PLD is BELOW the sale price (the seed; the issue says the
    # opposite): exactly when PRIC_RESS_CT_MVE > 0 below.
    if reduzidos.height == 0 and enc.height == 0 and ant["RESS_INAD_P_MVE"].height == 0 and ant["RESS_P_MVE"].height == 0:
        i, pp, par = pl.Int64, {"pid": pl.Int64, "prod": pl.Int64}, {"ac": pl.Int64, "av": pl.Int64, "prod": pl.Int64}
        return {"PRIC_RESS_CT_MVE": vazio({"cid": i}, "PRIC_RESS_CT_MVE"), "RESS_P_MVE": vazio(par, "RESS_P_MVE"),
                "RESS_INAD_P_MVE": vazio(par, "RESS_INAD_P_MVE"), "RESS_DEV_MVE_P": vazio(par, "RESS_DEV_MVE_P"),
                "RESS_PAG_MVE": vazio(pp, "RESS_PAG_MVE"), "TOT_RESS_PAG_MVE": vazio({"pid": i}, "TOT_RESS_PAG_MVE"),
                "RESS_REC_MVE": vazio(pp, "RESS_REC_MVE"), "TOT_RESS_REC_MVE": vazio({"pid": i}, "TOT_RESS_REC_MVE")}
    df = reduzidos.with_columns(base.pld_de(m).gather(reduzidos["sub"]).alias("PLD"))
    falta = df.filter(pl.col("pf") & pl.col("PLD").is_null())
    if falta.height:
        raise base.erro_pld(int(falta["sub"][0]), m)
    # MVE cmd 70: PRIC_RESS_CT_MVE = max(0; PRECO_CT_MVE − PLD_MS[s,m]) (PF) | max(0; SPREAD_CT_MVE) (PV)
    # DECISÃO D19: the ORIGINAL price (not _M)
    bruto = pl.when(pl.col("pf")).then(pl.col("PRECO") - pl.col("PLD")).otherwise(pl.col("SPREAD"))
    df = df.with_columns(pl.when(bruto > 0).then(bruto).otherwise(0).alias("PRIC_RESS_CT_MVE"))
    sh = max(0, -int(horas.as_tuple().exponent))  # type: ignore[operator]
    df = df.with_columns(produto("AJU_M_MVE", esc(df, "AJU_M_MVE"), dec(horas, sh), sh, cap).alias("_e"))
    # MVE cmd 68 (b): RESS_P_MVE[ac,av,PROD,m] = Σ_e AJU_M_MVE[e,m] × M_HORAS[m] × PRIC_RESS_CT_MVE[e,v]
    df = df.with_columns(produto("_e", esc(df, "_e"), "PRIC_RESS_CT_MVE", esc(df, "PRIC_RESS_CT_MVE"), cap).alias("_r"))
    ress_p = somar_por(df.rename({"comprador": "ac", "vendedor": "av"}), ["ac", "av", "prod"], "_r", "RESS_P_MVE")

    # MVE cmd 70 (b): RESS_INAD_P_MVE = (RESS_INAD_P_MVE[m−1] + RESS_P_MVE[m−1]) × F_INAD_EFE_MVE[α,m−1] + Σ_mr ENC_MOR_MVE
    # (α = the buyer's agent). DECISÃO D13: as printed; pendencies equal to 0 are not carried.
    chaves = ["ac", "av", "prod"]
    partes = colunas_por_tipo([(ant["RESS_INAD_P_MVE"], "RESS_INAD_P_MVE", "I1"), (ant["RESS_P_MVE"], "RESS_P_MVE", "P1"),
                               (enc, "ENC_MOR_MVE", "ENC")], chaves)
    partes = partes.with_columns(base.agente_do_perfil.gather(partes["ac"]).alias("aid")).join(
        ant["F_INAD_EFE_MVE"], on="aid", how="left", maintain_order="left").with_columns(
        pl.col("F_INAD_EFE_MVE").fill_null(0), (pl.col("I1") + pl.col("P1")).alias("_s"))
    partes = partes.with_columns(
        (produto("_s", esc(partes, "_s"), "F_INAD_EFE_MVE", esc(partes, "F_INAD_EFE_MVE"), cap) + pl.col("ENC"))
        .alias("RESS_INAD_P_MVE"))
    inad = partes.filter(pl.col("RESS_INAD_P_MVE") != 0).select(*chaves, "RESS_INAD_P_MVE").sort(chaves)

    # MVE cmd 70 (a): RESS_DEV_MVE_P = RESS_INAD_P_MVE + RESS_P_MVE
    dev = somar_uniao([(inad, "RESS_INAD_P_MVE"), (ress_p, "RESS_P_MVE")], chaves, "RESS_DEV_MVE_P")
    # MVE cmd 68 (a): RESS_PAG_MVE[a,PROD] = Σ_av RESS_DEV_MVE_P[a,av,PROD]   (a = ac; D20)
    pag = somar_por(dev.rename({"ac": "pid"}), ["pid", "prod"], "RESS_DEV_MVE_P", "RESS_PAG_MVE")
    # MVE cmd 69 (a): RESS_REC_MVE[a,PROD] = Σ_ac RESS_DEV_MVE_P[ac,a,PROD]   (a = av)
    rec = somar_por(dev.rename({"av": "pid"}), ["pid", "prod"], "RESS_DEV_MVE_P", "RESS_REC_MVE")
    return {
        "PRIC_RESS_CT_MVE": df.select("cid", "PRIC_RESS_CT_MVE").sort("cid"),
        "RESS_P_MVE": ress_p, "RESS_INAD_P_MVE": inad, "RESS_DEV_MVE_P": dev, "RESS_PAG_MVE": pag,
        # MVE cmd 68: TOT_RESS_PAG_MVE[a] = Σ_PROD RESS_PAG_MVE ; cmd 69: TOT_RESS_REC_MVE[a] = Σ_PROD RESS_REC_MVE
        "TOT_RESS_PAG_MVE": somar_por(pag, ["pid"], "RESS_PAG_MVE", "TOT_RESS_PAG_MVE"),
        "RESS_REC_MVE": rec,
        "TOT_RESS_REC_MVE": somar_por(rec, ["pid"], "RESS_REC_MVE", "TOT_RESS_REC_MVE"),
    }

