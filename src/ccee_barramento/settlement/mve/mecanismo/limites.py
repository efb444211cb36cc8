"""§2.1 — limits available for sale (seed 004 cmds 1–28), vectorized in polars over whole tables.

Every seller a (a profile with LIM_MVE rows for processing x, cmd 1), every submarket s of x's products
(DECISÃO MC18) and every year f / vigência v of x's calendar (``calendario``) is one row of a table; every
processing is computed at once (``processamento`` is a column). The hourly inputs (TRC_H, FPC, TOGU, CAP,
CAP_T_GF, F_COMERCIAL, UXP_GLF, F_PRC_GF) are encoded once (``chaves.Dicionario`` for perfil, submercado and
usina; months and hours as integers), filtered to the months each command reads and aggregated with one
group-by each; nothing loops over rows, sellers, plants or hours in Python.

Exactness (``docs/mve-mecanismo.md``, "Exactness"; ``_exato``): sums exact, products exact up to 20 places
else rounded once half-to-even to 20, quotients rounded once half-to-even to ``Precisao.escala_divisao``
(16) — the same numbers as the reference (``referencia.Limites``), digit for digit. Missing rows: zero,
except the neutral factors (DECISÃO MC10). Each step cites its command (``# MVE cmd N``) with the seed's
variable names; the ambiguities are the decisions MC3–MC15 of the docs.

``calcular(t, cal, cfg, vendedores, subs)`` returns the output tables of cmds 6–28 (one per seed variable,
text index columns, exact values; ``ano`` as text) keyed by name.
"""

from __future__ import annotations

import polars as pl

from ...chaves import Dicionario, repetidos
from ...exact import tipo_decimal
from ._base import CBR, CCEAR_D, CCEAR_Q, CE, HIDRAULICA, TRIMESTRAL
from ._exato import dec, juntar, maior_que_zero, menor, produto, quociente
from .calendario import Calendario
from .esquema import ENTRADAS, Configuracao, ErroMecanismo

Frame = pl.DataFrame

#: Value tables whose index must be a key (the reference's ``_idx``), in the reference's order.
UNICAS = (("LIM_MVE", ("perfil", "processamento", "ano")), ("LIM_MVE_VIG", ("perfil", "processamento", "vigencia")),
          ("QM", ("contrato", "mes")), ("QA", ("contrato", "ano")), ("MMC", ("contrato", "mes")),
          ("MV", ("contrato", "mes")), ("GF", ("usina",)), ("NUB", ("usina",)), ("GFIS_MOT", ("usina", "unidades")),
          ("F_PDI_GF", ("usina", "ano")), ("F_PEN_LESP", ("usina", "mes")), ("F_DISP", ("usina", "mes")),
          ("TOT_GF_PROD", ("usina", "mes")))
#: Hourly tables: (table, index columns besides mes and hora).
HORARIAS = (("TRC_H", ("perfil", "submercado")), ("FPC", ("perfil", "submercado")), ("TOGU", ("usina",)),
            ("CAP_T_GF", ("usina",)), ("UXP_GLF", ("usina",)), ("F_PRC_GF", ("usina",)), ("F_COMERCIAL", ("usina",)))

#: Output tables of §2.1 (cmds 6–28) and their index columns in the engine.
SAIDAS_LIMITES = ("F_COM_MVE", "F_COM_MVE_M", "F_DEG_M_MVE", "FNC_PROD_MVE", "F_DNG_MVE", "EE_PREV_OP", "EE_ANT_OP",
                  "EE_ANT_DG", "MONT_EE", "MONT_ATUAL_EE", "TRC_ANUAL_MVE", "TRC_PRE_MVE", "TRC_PRE_MVE_VIG",
                  "TRC_PRE_MVE_MED", "QUANT_TOT_DISP", "QUANT_TOT_DISP_MED", "QUANT_TOT_DISP_V_MED",
                  "QUANT_TOT_DISP_VIG", "QUANT_DISP_VIG_MED_P", "QUANT_PRE_DISP_MENSAL", "QUANT_TOT_DISP_MENSAL",
                  "QUANT_TOT_DISP_MENSAL_MED", "QUANT_TOT_DISP_VIG_MED", "QUANT_DISP_EE", "QUANT_DISP_EE_MED",
                  "QUANT_DISP_EE_V_MED", "QUANT_DISP_EE_VIG", "QUANT_DISP_EE_VIG_MED", "QUANT_DISP_EE_MENSAL",
                  "QUANT_MENSAL_MED")

ASX = ["processamento", "perfil", "submercado"]


# ----------------------------------------------------------------------------------------------------
# Reading the tables
# ----------------------------------------------------------------------------------------------------


def tabela(t: dict[str, Frame], nome: str) -> Frame:
    """An input table, or its empty form (a missing optional table is zero / the empty set)."""
    df = t.get(nome)
    return df if df is not None else ENTRADAS[nome].vazia()


def mes_num(coluna: str = "mes") -> pl.Expr:
    """``"AAAA-MM"`` → month counter (``AAAA·12 + MM − 1``, as ``runner.mes_para_int``)."""
    return (pl.col(coluna).str.slice(0, 4).cast(pl.Int64) * 12 + pl.col(coluna).str.slice(5, 2).cast(pl.Int64) - 1)


def mes_txt(coluna: str = "_m") -> pl.Expr:
    """Month counter → ``"AAAA-MM"``."""
    return pl.concat_str((pl.col(coluna) // 12).cast(pl.String).str.zfill(4), pl.lit("-"),
                         (pl.col(coluna) % 12 + 1).cast(pl.String).str.zfill(2))


def _repetida(df: Frame, chaves: list[str], nome: str, mostrar: list[str] | None = None) -> None:
    """A repeated key is an error naming the table (the reference's ``_idx`` / ``_horario``).

    Each key column becomes a dense integer (text: its dense rank; integers: the offset from the minimum), the
    columns are packed into one Int64 (mixed radix) and the repeats found by ``chaves.repetidos`` on that grid —
    a scatter, O(rows + cells), no hashing — when the grid is small (hourly tables: keys × months × hours);
    otherwise by hashing the packed key."""
    if df.height < 2:
        return
    partes = []
    for c in chaves:
        if df.schema[c].is_integer():
            partes.append((pl.col(c) - pl.col(c).min()).cast(pl.Int64).alias(c))
        else:
            partes.append((pl.col(c).rank("dense").cast(pl.Int64) - 1).alias(c))
    dens = df.select(partes)
    bases = [int(b) + 1 for b in dens.max().row(0)]
    total = 1
    for b in bases:
        total *= b
    if total < (1 << 62):
        chave = pl.col(chaves[0])
        for c, b in zip(chaves[1:], bases[1:]):
            chave = chave * b + pl.col(c)
        k = dens.select(chave.alias("_k")).to_series()
        repetida = repetidos(k, total).len() > 0 if total <= max(8 * df.height, 1 << 22) else bool(k.is_duplicated().any())
    else:  # pragma: no cover - more than 2**62 cells
        repetida = bool(df.select(pl.struct(*chaves).is_duplicated().any()).item())
    if repetida:
        k = df.filter(pl.struct(*chaves).is_duplicated()).row(0, named=True)
        raise ErroMecanismo(nome, f"chave repetida {tuple(k[c] for c in (mostrar or chaves))}")


def _hora() -> pl.Expr:
    return pl.col("hora").cast(pl.Int64).alias("_h")


def _com_hora(df: Frame, nome: str) -> Frame:
    """The hour (``int(hora)``, as the reference reads it) and month counters of an hourly table."""
    try:
        try:
            return df.with_columns(_hora(), mes_num().alias("_m"))
        except pl.exceptions.InvalidOperationError:  # " 1": the reference's int() strips blanks
            return df.with_columns(pl.col("hora").str.strip_chars().cast(pl.Int64).alias("_h"), mes_num().alias("_m"))
    except pl.exceptions.InvalidOperationError:
        raise ErroMecanismo(nome, "hora deve ser um número inteiro (1..744)") from None


def _horaria(t: dict[str, Frame], nome: str, chaves: tuple[str, ...]) -> Frame:
    df = _com_hora(tabela(t, nome), nome)
    _repetida(df, [*chaves, "_m", "_h"], nome, [*chaves, "mes", "hora"])
    return df


def preparar(t: dict[str, Frame]) -> dict[str, Frame]:
    """Check the keys the reference checks (repeated keys, a contract with two plants) and add the month and
    hour counters to the hourly tables: the hourly tables keyed by name, plus ``CAP`` and ``CONTRATO_EE``."""
    for nome, chaves in UNICAS:
        _repetida(tabela(t, nome), list(chaves), nome)
    h = {nome: _horaria(t, nome, chaves) for nome, chaves in HORARIAS}
    cap = _com_hora(tabela(t, "CAP"), "CAP")
    _repetida(cap, ["usina", "ponto", "_m", "hora"], "CAP", ["usina", "ponto", "mes", "hora"])  # hour as text
    h["CAP"] = cap
    ce = tabela(t, "CONTRATO_EE").unique(maintain_order=True)
    duas = ce.group_by("contrato").agg(pl.col("usina").n_unique().alias("_n")).filter(pl.col("_n") > 1)
    if duas.height:
        raise ErroMecanismo("CONTRATO_EE", f"contrato {duas.sort('contrato')['contrato'][0]!r} com duas usinas "
                                           "(DECISÃO MC12)")
    h["CONTRATO_EE"] = ce.with_row_index("_r")
    return h


def _codificar(df: Frame, dic: Dicionario, coluna: str) -> Frame:
    """The rows of ``df`` whose ``coluna`` is in the dictionary, with its integer code ``_<nome>_cod``."""
    return dic.codificar(df, coluna).filter(pl.col(dic.coluna_codigo).is_not_null())


def _ultima_hora(df: Frame, chaves: list[str], valor: str) -> Frame:
    """The value at the last hour present of each key (j*, DECISÃO MC8)."""
    return df.group_by(chaves).agg(pl.col(valor).sort_by("_h").last())


# ----------------------------------------------------------------------------------------------------
# Plants: cmd 6 (F_COM_MVE, F_COM_MVE_M) and cmd 7 (d)(e)(f) (F_DEG_M_MVE, FNC_PROD_MVE, F_DNG_MVE)
# ----------------------------------------------------------------------------------------------------


def _razao(linhas: Frame, h: dict[str, Frame], q: int) -> Frame:
    """MVE cmd 6 (b)/(c): min(1; Σ_i CAP[p,i,j] / CAP_T_GF[p,j]) at the hours ``linhas`` (_u, _m, _h)."""
    capt = h["CAP_T_GF"].select("_u", "_m", "_h", "CAP_T_GF")
    caps = h["CAP"].group_by("_u", "_m", "_h").agg(pl.col("CAP").sum())
    r = linhas.join(capt, on=["_u", "_m", "_h"], how="left").join(caps, on=["_u", "_m", "_h"], how="left")
    ruins = r.filter(pl.col("CAP_T_GF").is_null() | (pl.col("CAP_T_GF") == 0))
    if ruins.height:
        x = ruins.sort("usina", "_m", "_h").row(0, named=True)
        raise ErroMecanismo("CAP_T_GF", f"usina {x['usina']!r}, mês {x['_m'] // 12:04d}-{x['_m'] % 12 + 1:02d}, hora "
                                        f"{x['_h']}: capacidade total ausente ou 0")
    r = r.with_columns(pl.col("CAP").fill_null(0))
    r = r.with_columns(quociente(r, "CAP", "CAP_T_GF", q).alias("_c"))
    return r.select("usina", "_u", "_m", "_h", menor(dec(1, 0), "_c").cast(tipo_decimal(q)).alias("F_COM_MVE"))


def f_com_mve(pedidos: Frame, h: dict[str, Frame], t: dict[str, Frame], q: int) -> Frame:
    """MVE cmd 6: F_COM_MVE[p,j] at every hour j of the plant-months ``pedidos`` (usina, _u, _m) — hydro
    plants at their TOGU hours, others at their CAP_T_GF hours (DECISÃO MC7)."""
    tipos = tabela(t, "USINA_MVE").unique("usina", keep="last", maintain_order=True)
    r = pedidos.join(tipos, on="usina", how="left")
    sem = r.filter(pl.col("tipo_usina").is_null())
    if sem.height:
        raise ErroMecanismo("USINA_MVE", f"usina {sem.sort('usina')['usina'][0]!r} sem linha (tipo hidraulica ou outra)")
    hid = r.filter(pl.col("tipo_usina") == HIDRAULICA).select("_u", "_m")
    outras = r.filter(pl.col("tipo_usina") != HIDRAULICA).select("_u", "_m")
    # hydro: TOGU < NUB with GFIS_MOT[p, TOGU] → (a) GFIS_MOT / GF; TOGU < NUB without → (b); TOGU ≥ NUB → 1
    tg = h["TOGU"].join(hid, on=["_u", "_m"], how="semi").join(tabela(t, "NUB").select("usina", "NUB"), on="usina",
                                                                how="left")
    tg = tg.with_columns((pl.col("NUB").is_not_null() & (pl.col("TOGU") < pl.col("NUB"))).fill_null(False).alias("_mot"),
                         # the unit count as text, like GFIS_MOT's index (format(TOGU.normalize(), "f"))
                         pl.col("TOGU").cast(pl.String).str.replace(r"(\.\d*?)0+$", "$1").str.replace(r"\.$", "")
                         .alias("unidades"))
    tg = tg.join(tabela(t, "GFIS_MOT"), on=["usina", "unidades"], how="left")
    a = tg.filter(pl.col("_mot") & pl.col("GFIS_MOT").is_not_null()).join(tabela(t, "GF"), on="usina", how="left")
    ruins = a.filter(pl.col("GF").is_null() | (pl.col("GF") == 0))
    if ruins.height:
        raise ErroMecanismo("GF", f"usina {ruins.sort('usina')['usina'][0]!r}: garantia física ausente ou 0")
    partes = [
        # MVE cmd 6 (a): F_COM_MVE = GFIS_MOT[p, n = TOGU] / GF[p]
        a.select("usina", "_u", "_m", "_h", quociente(a, "GFIS_MOT", "GF", q).alias("F_COM_MVE")),
        # MVE cmd 6 (b), TOGU < NUB without GFIS_MOT: min(1; Σ CAP / CAP_T_GF)
        _razao(tg.filter(pl.col("_mot") & pl.col("GFIS_MOT").is_null()).select("usina", "_u", "_m", "_h"), h, q),
        # MVE cmd 6 (b), otherwise: 1
        tg.filter(~pl.col("_mot")).select("usina", "_u", "_m", "_h", dec(1, q).alias("F_COM_MVE")),
        # MVE cmd 6 (c): other plants, min(1; Σ CAP / CAP_T_GF) at their CAP_T_GF hours
        _razao(h["CAP_T_GF"].join(outras, on=["_u", "_m"], how="semi").select("usina", "_u", "_m", "_h"), h, q),
    ]
    return juntar([p.with_columns(pl.col("F_COM_MVE").cast(tipo_decimal(q))) for p in partes])


def f_com_mve_m(pedidos: Frame, fcom: Frame, horas: Frame, q: int) -> Frame:
    """MVE cmd 6: F_COM_MVE_M[p,mr] = Σ_{j∈mr} F_COM_MVE[p,j] / M_HORAS[mr] for the plant-months ``pedidos``."""
    s = fcom.group_by("_u", "_m").agg(pl.col("F_COM_MVE").sum().alias("_s"))
    r = pedidos.join(s, on=["_u", "_m"], how="left").with_columns(pl.col("_s").fill_null(0)).join(horas, on="_m")
    return r.select("usina", "_u", "_m", quociente(r, "_s", "M_HORAS", q).alias("F_COM_MVE_M"))


def f_dng_mve(pedidos: Frame, h: dict[str, Frame], t: dict[str, Frame], horas: Frame, horas_ano: Frame,
              q: int, cap: int) -> dict[str, Frame]:
    """MVE cmd 7 (f) F_DEG_M_MVE, (e) FNC_PROD_MVE and (d) F_DNG_MVE for the plant-months ``pedidos``
    (usina, _u, _m) — the months Jan..m−3 of the processing year of the plants in scope."""
    chave = ["_u", "_m", "_h"]
    # MVE cmd 7 (f): F_DEG_M_MVE = Σ_{j∈mr} UXP_GLF × F_PRC_GF × F_COMERCIAL / M_HORAS (DECISÃO MC10: missing = 1;
    # the hours are the F_COMERCIAL rows)
    fc = (h["F_COMERCIAL"].join(pedidos.select("_u", "_m"), on=["_u", "_m"], how="semi")
          .join(h["UXP_GLF"].select(*chave, "UXP_GLF"), on=chave, how="left")
          .join(h["F_PRC_GF"].select(*chave, "F_PRC_GF"), on=chave, how="left")
          .with_columns(pl.col("UXP_GLF").fill_null(1), pl.col("F_PRC_GF").fill_null(1)))
    fc = fc.with_columns(produto(fc, "UXP_GLF", "F_PRC_GF", cap).alias("_t1"))
    fc = fc.with_columns(produto(fc, "_t1", "F_COMERCIAL", cap).alias("_t"))
    r = (pedidos.join(fc.group_by("_u", "_m").agg(pl.col("_t").sum()), on=["_u", "_m"], how="left")
         .with_columns(pl.col("_t").fill_null(0)).join(horas, on="_m"))
    r = r.with_columns(quociente(r, "_t", "M_HORAS", q).alias("F_DEG_M_MVE"), (pl.col("_m") // 12).alias("_f"))
    # MVE cmd 7 (e): FNC_PROD_MVE = min(1; GF / (TOT_GF_PROD + Σ_{m∈f} Σ_{ECCEARQ} QM / Σ_{m∈f} M_HORAS))
    ccearq = h["CONTRATO_EE"].filter(pl.col("tipo_contrato") == CCEAR_Q).select("contrato", "usina")
    qm = tabela(t, "QM").with_columns((mes_num() // 12).alias("_f"))
    qm_ano = (ccearq.join(qm, on="contrato").group_by("usina", "_f").agg(pl.col("QM").sum().alias("_qm")))
    r = (r.join(qm_ano, on=["usina", "_f"], how="left").join(horas_ano, on="_f", how="left")
         .join(tabela(t, "TOT_GF_PROD").with_columns(mes_num().alias("_m")).select("usina", "_m", "TOT_GF_PROD"),
               on=["usina", "_m"], how="left")
         .join(tabela(t, "GF"), on="usina", how="left")
         .with_columns(pl.col("_qm").fill_null(0), pl.col("TOT_GF_PROD").fill_null(0), pl.col("GF").fill_null(0)))
    if r.filter(pl.col("H_ANO").is_null()).height:  # pragma: no cover - the caller checked M_HORAS
        raise ErroMecanismo("M_HORAS", "ano sem os 12 meses")
    r = r.with_columns(quociente(r, "_qm", "H_ANO", q).alias("_qmh"))
    r = r.with_columns((pl.col("TOT_GF_PROD") + pl.col("_qmh")).alias("_den"))
    r = r.with_columns(quociente(r, "GF", "_den", q, quando=pl.col("_den") != 0).alias("_g"))
    # DECISÃO MC11: nothing committed (denominator 0) → 1
    r = r.with_columns(pl.when(pl.col("_den") == 0).then(dec(1, q)).otherwise(menor(dec(1, 0), "_g"))
                       .cast(tipo_decimal(q)).alias("FNC_PROD_MVE"))
    # MVE cmd 7 (d): F_DNG_MVE = [F_DISP ×] FNC_PROD_MVE × F_DEG_M_MVE × (1 − F_PEN_LESP) (MRE hydro: no F_DISP)
    mre = tabela(t, "USINA_MRE").select("usina").unique().with_columns(pl.lit(True).alias("_mre"))
    r = (r.join(tabela(t, "F_PEN_LESP").with_columns(mes_num().alias("_m")).select("usina", "_m", "F_PEN_LESP"),
                on=["usina", "_m"], how="left")
         .join(tabela(t, "F_DISP").with_columns(mes_num().alias("_m")).select("usina", "_m", "F_DISP"),
               on=["usina", "_m"], how="left")
         .join(mre, on="usina", how="left")
         .with_columns(pl.col("F_PEN_LESP").fill_null(0), pl.col("F_DISP").fill_null(1), pl.col("_mre").fill_null(False)))
    r = r.with_columns(produto(r, "FNC_PROD_MVE", "F_DEG_M_MVE", cap).alias("_b"),
                       (dec(1, 0) - pl.col("F_PEN_LESP")).alias("_1p"))
    r = r.with_columns(produto(r, "F_DISP", "_b", cap).alias("_bd"))
    r = r.with_columns(pl.when(pl.col("_mre")).then(pl.col("_b")).otherwise(pl.col("_bd")).alias("_b2"))
    r = r.with_columns(produto(r, "_b2", "_1p", cap).alias("F_DNG_MVE"))
    return {n: r.select("usina", "_u", "_m", n) for n in ("F_DEG_M_MVE", "FNC_PROD_MVE", "F_DNG_MVE")}


# ----------------------------------------------------------------------------------------------------
# The chain
# ----------------------------------------------------------------------------------------------------


def calcular(t: dict[str, Frame], h: dict[str, Frame], cal: Calendario, cfg: Configuracao, vendedores: Frame,
             subs: Frame) -> dict[str, Frame]:
    """Cmds 1–28 for the sellers ``vendedores`` (processamento, perfil: profiles with LIM_MVE rows for x) and
    the submarkets ``subs`` (processamento, submercado) of each processing's products. ``h``: :func:`preparar`."""
    q, cap = cfg.q, cfg.escala_produto
    # MVE cmd 1: the limits of each seller a (vendedores) in each submarket s (DECISÃO MC18) of processing x;
    # MVE cmd 2: computed once, before the negotiation — the rounds update them (``rodadas``, cmds 91–99);
    # MVE cmd 12: two limits, total (cmds 13–21, for CNE products) and special energy (22–28, for CE products)
    AS = vendedores.join(subs, on="processamento").select(ASX)
    xs = sorted(set(AS["processamento"].to_list()))
    if not xs:
        return {}
    for x in xs:  # cmds 7–28 read M_HORAS of every month of the years of x's products
        cal.exigir_meses(cal.meses_dos_anos(x))
    # MVE cmd 4: the processing month m of x (PROCESSAMENTO_MVE.mes_processamento) dates m−1, m−2, m−3 and f*
    procs = pl.DataFrame({"processamento": xs, "_mx": [cal.proc[x][0] for x in xs]},
                         schema={"processamento": pl.String, "_mx": pl.Int64}).with_columns(
        (pl.col("_mx") // 12).alias("_fstar"))
    horas = cal.horas_df
    horas_ano = (horas.group_by(pl.col("_m") // 12).agg(pl.col("M_HORAS").sum().alias("H_ANO"), pl.len().alias("_n"))
                 .rename({"_m": "_f"}).filter(pl.col("_n") == 12).drop("_n"))
    anos = cal.anos.filter(pl.col("processamento").is_in(xs)).select("processamento", pl.col("ano").alias("_f"), "H_ANO")
    out: dict[str, Frame] = {}

    # -- key coding of the hourly tables (chaves.Dicionario): sellers, submarkets and the plants in scope
    dic_a = Dicionario("perfil", [AS["perfil"]])
    dic_s = Dicionario("submercado", [AS["submercado"]])

    # ------------------------------------------------------------------------------------------------
    # MVE cmds 3, 5, 7: the special-energy contracts in scope (CONTRATO_EE rows of x's sellers)
    # ------------------------------------------------------------------------------------------------
    # MVE cmd 3: CONTRATO_EE lists the CCEAR/CBR purchases backed by special plants (classified upstream)
    ce = h["CONTRATO_EE"].join(vendedores, on="perfil").join(procs, on="processamento")
    # MVE cmd 5: plants with F_PEN_LESP[p, m−3] = 1 are not considered (DECISÃO MC12: they contribute 0)
    pen = tabela(t, "F_PEN_LESP").with_columns(mes_num().alias("_m3")).select("usina", "_m3", "F_PEN_LESP")
    ce = (ce.with_columns((pl.col("_mx") - 3).alias("_m3")).join(pen, on=["usina", "_m3"], how="left")
          .filter(pl.col("F_PEN_LESP").fill_null(0) != 1).drop("F_PEN_LESP", "_m3"))
    # F_PDI_GF[p, f*−1] (DECISÃO MC10: missing = 1; MC13: the year before the processing's)
    pdi = tabela(t, "F_PDI_GF").select("usina", pl.col("ano").alias("_fp"), "F_PDI_GF")
    ce = (ce.with_columns((pl.col("_fstar") - 1).cast(pl.String).alias("_fp"))
          .join(pdi, on=["usina", "_fp"], how="left").with_columns(pl.col("F_PDI_GF").fill_null(1)).drop("_fp"))
    dic_u = Dicionario("usina", [ce["usina"]])
    ce = _codificar(ce, dic_u, "usina").rename({dic_u.coluna_codigo: "_u"})
    hp = {n: _codificar(h[n], dic_u, "usina").rename({dic_u.coluna_codigo: "_u"})
          for n in ("TOGU", "CAP_T_GF", "CAP", "UXP_GLF", "F_PRC_GF", "F_COMERCIAL")}
    hp["CONTRATO_EE"] = h["CONTRATO_EE"]
    # contracts of processings whose own year f* is among the years of its products (cmd 7 (b)(c))
    ce_f = ce.join(anos.select("processamento", pl.col("_f").alias("_fstar")), on=["processamento", "_fstar"],
                   how="semi")

    # MVE cmd 6: F_COM_MVE at m−2 (for F_COM_MVE[p,j*]) and F_COM_MVE_M[p, m−2] (when m−2 is in f*)
    ped_com = ce.select("usina", "_u", (pl.col("_mx") - 2).alias("_m")).unique()
    fcom = f_com_mve(ped_com, hp, t, q)
    ped_comm = (ce_f.filter((pl.col("_mx") - 2) // 12 == pl.col("_fstar"))
                .select("usina", "_u", (pl.col("_mx") - 2).alias("_m")).unique())
    fcomm = f_com_mve_m(ped_comm, fcom, horas, q)
    # MVE cmd 7 (c)–(f): the degradation factors of the months Jan f* .. m−3
    ped_dng = (ce_f.select("usina", "_u", pl.int_ranges(pl.col("_fstar") * 12, pl.col("_mx") - 2).alias("_m"))
               .explode("_m").drop_nulls("_m").unique())
    dng = f_dng_mve(ped_dng, hp, t, horas, horas_ano, q, cap)
    out["F_COM_MVE"] = fcom.select("usina", pl.col("_h").cast(pl.String).alias("hora"), mes_txt().alias("mes"),
                                   "F_COM_MVE")
    out["F_COM_MVE_M"] = fcomm.select("usina", mes_txt().alias("mes"), "F_COM_MVE_M")
    for nome, df in dng.items():
        out[nome] = df.select("usina", mes_txt().alias("mes"), nome)

    # MVE cmd 7 (a): EE_PREV_OP[e,x,f] = energia × F_COM_MVE[p,j*] × F_PDI_GF[p,f*−1]; j* = the last hour of m−2
    # present (DECISÃO MC8; no hours → 0)
    fcj = _ultima_hora(fcom, ["_u", "_m"], "F_COM_MVE").rename({"F_COM_MVE": "_fcj"})
    ce = (ce.with_columns((pl.col("_mx") - 2).alias("_m")).join(fcj, on=["_u", "_m"], how="left")
          .with_columns(pl.col("_fcj").fill_null(0)).drop("_m"))
    cea = ce.join(anos.select("processamento", "_f"), on="processamento")
    # the months of f summed in energia: f = f*: max(m−1, Jan f*)..Dec f* (DECISÃO MC13); other years: Jan..Dec
    meses = cea.with_columns(
        pl.int_ranges(pl.when(pl.col("_f") == pl.col("_fstar")).then(pl.max_horizontal(pl.col("_mx") - 1, pl.col("_f") * 12))
                      .otherwise(pl.col("_f") * 12), pl.col("_f") * 12 + 12).alias("_m")).explode("_m").drop_nulls("_m")
    mensal = {n: tabela(t, n).with_columns(mes_num().alias("_m")).select("contrato", "_m", n) for n in ("QM", "MV", "MMC")}
    meses = (meses.select("processamento", "_r", "contrato", "tipo_contrato", "_f", "_fstar", "_m")
             .join(mensal["QM"], on=["contrato", "_m"], how="left").join(mensal["MV"], on=["contrato", "_m"], how="left")
             .join(mensal["MMC"], on=["contrato", "_m"], how="left").join(horas, on="_m", how="left")
             .with_columns(pl.col("QM").fill_null(0), pl.col("MV").fill_null(0), pl.col("MMC").fill_null(0)))
    meses = meses.with_columns(produto(meses, "MV", "M_HORAS", cap).alias("_mvh"),
                               produto(meses, "MMC", "M_HORAS", cap).alias("_mmch"))
    no_ano = pl.col("_f") == pl.col("_fstar")
    tipo = pl.col("tipo_contrato")
    # MVE cmd 7 (a): f*: Σ QM (CCEAR_Q, CCEAR_D) | Σ MV × M_HORAS (CBR); other years: QA (CCEAR_Q) |
    # Σ MV × M_HORAS (CBR) | Σ MMC × M_HORAS (CCEAR_D)
    meses = meses.with_columns(
        pl.when(no_ano & tipo.is_in([CCEAR_Q, CCEAR_D])).then(pl.col("QM")).when(no_ano).then(pl.col("_mvh"))
        .when(tipo == CCEAR_Q).then(dec(0, 0)).when(tipo == CBR).then(pl.col("_mvh")).otherwise(pl.col("_mmch"))
        .alias("_e"))
    energia = meses.group_by("processamento", "_r", "_f").agg(pl.col("_e").sum())
    qa = tabela(t, "QA").select("contrato", pl.col("ano").alias("_ft"), "QA")
    cea = (cea.join(energia, on=["processamento", "_r", "_f"], how="left")
           .join(qa, left_on=["contrato", pl.col("_f").cast(pl.String)], right_on=["contrato", "_ft"], how="left")
           .with_columns(pl.col("_e").fill_null(0), pl.col("QA").fill_null(0)))
    cea = cea.with_columns(pl.when(~no_ano & (tipo == CCEAR_Q)).then(pl.col("QA")).otherwise(pl.col("_e")).alias("_en"))
    cea = cea.with_columns(produto(cea, "_en", "_fcj", cap).alias("_p1"))
    cea = cea.with_columns(produto(cea, "_p1", "F_PDI_GF", cap).alias("EE_PREV_OP"))
    out["EE_PREV_OP"] = cea.select("contrato", "processamento", pl.col("_f").cast(pl.String).alias("ano"), "EE_PREV_OP")

    # MVE cmd 7 (b): EE_ANT_OP[e,x] = QM[e,m−2] × F_COM_MVE_M[p,m−2] × F_PDI_GF (m−2 in f*; else 0)
    op = (ce_f.with_columns((pl.col("_mx") - 2).alias("_m"))
          .join(mensal["QM"], on=["contrato", "_m"], how="left").join(fcomm.select("_u", "_m", "F_COM_MVE_M"),
                                                                    on=["_u", "_m"], how="left")
          .with_columns(pl.col("QM").fill_null(0), pl.col("F_COM_MVE_M").fill_null(0)))
    op = op.with_columns(produto(op, "QM", "F_COM_MVE_M", cap).alias("_o1"))
    op = op.with_columns(produto(op, "_o1", "F_PDI_GF", cap).alias("_o2"))
    op = op.with_columns(pl.when(pl.col("_m") // 12 == pl.col("_fstar")).then(pl.col("_o2")).otherwise(dec(0, 0))
                         .alias("EE_ANT_OP"))
    # MVE cmd 7 (c): EE_ANT_DG[e,x] = Σ_{mr ∈ Jan f*..m−3} QM[e,mr] × F_PDI_GF × F_DNG_MVE[p,mr]
    dg = (ce_f.select("processamento", "_r", "contrato", "_u", "F_PDI_GF",
                      pl.int_ranges(pl.col("_fstar") * 12, pl.col("_mx") - 2).alias("_m")).explode("_m")
          .drop_nulls("_m").join(mensal["QM"], on=["contrato", "_m"], how="left")
          .join(dng["F_DNG_MVE"].select("_u", "_m", "F_DNG_MVE"), on=["_u", "_m"], how="left")
          .with_columns(pl.col("QM").fill_null(0)))
    dg = dg.with_columns(produto(dg, "QM", "F_PDI_GF", cap).alias("_d1"))
    dg = dg.with_columns(produto(dg, "_d1", "F_DNG_MVE", cap).alias("_d"))
    op = (op.join(dg.group_by("processamento", "_r").agg(pl.col("_d").sum().alias("EE_ANT_DG")),
                  on=["processamento", "_r"], how="left").with_columns(pl.col("EE_ANT_DG").fill_null(0)))
    out["EE_ANT_OP"] = op.select("contrato", "processamento", "EE_ANT_OP")
    out["EE_ANT_DG"] = op.select("contrato", "processamento", "EE_ANT_DG")
    # MVE cmd 7: Σ_e (EE_PREV_OP + EE_ANT_OP + EE_ANT_DG) in f*, Σ_e EE_PREV_OP in the other years, per (a, f)
    tot = (cea.join(op.select("processamento", "_r", pl.col("_fstar").alias("_f"),
                              (pl.col("EE_ANT_OP") + pl.col("EE_ANT_DG")).alias("_ant")),
                    on=["processamento", "_r", "_f"], how="left").with_columns(pl.col("_ant").fill_null(0))
           .with_columns((pl.col("EE_PREV_OP") + pl.col("_ant")).alias("_tot"))
           .group_by("processamento", "perfil", "_f").agg(pl.col("_tot").sum()))

    # MVE cmd 7: FPC[a,s,j*], j* = the last hour of m−3 present (DECISÃO MC8; no rows → 0)
    fpc = h["FPC"].filter(pl.col("_m").is_in((procs["_mx"] - 3).implode()))
    fpc = _codificar(_codificar(fpc, dic_a, "perfil"), dic_s, "submercado")
    alvo = (_codificar(_codificar(AS, dic_a, "perfil"), dic_s, "submercado").join(procs, on="processamento")
            .with_columns((pl.col("_mx") - 3).alias("_m")))
    ka, ks = dic_a.coluna_codigo, dic_s.coluna_codigo
    fpc = _ultima_hora(fpc.join(alvo.select(ka, ks, "_m").unique(), on=[ka, ks, "_m"], how="semi"), [ka, ks, "_m"], "FPC")
    asf = AS.join(anos, on="processamento")
    mont = (alvo.join(fpc, on=[ka, ks, "_m"], how="left").select(*ASX, pl.col("FPC").fill_null(0))
            .join(asf, on=ASX).join(tot, on=["processamento", "perfil", "_f"], how="left")
            .with_columns(pl.col("_tot").fill_null(0)))
    # MVE cmd 7: MONT_EE[a,s,x,f] = Σ_e (...) × FPC[a,s,j*]
    anual = mont.with_columns(produto(mont, "_tot", "FPC", cap).alias("MONT_EE")).select(*ASX, "_f", "H_ANO", "MONT_EE")

    # ------------------------------------------------------------------------------------------------
    # MVE cmd 9 (a): TRC_ANUAL_MVE[a,s,f*] = Σ_{m∈12M} Σ_{j∈m} TRC_H[a,s,j]; f* = the last December ≤ the
    # processing, 12M = the 12 months ending defasagem (3) months before it (DECISÃO MC9)
    # ------------------------------------------------------------------------------------------------
    janela12 = []
    for x in xs:
        m = cal.proc[x][0]
        fref = m // 12 if m % 12 == 11 else m // 12 - 1
        ultimo = fref * 12 + 11 - cfg.defasagem_contabilizacao
        janela12 += [(x, k, fref) for k in range(ultimo - 11, ultimo + 1)]
    m12 = pl.DataFrame({"processamento": [a for a, _, _ in janela12], "_m": [b for _, b, _ in janela12],
                        "_fref": [c for _, _, c in janela12]},
                       schema={"processamento": pl.String, "_m": pl.Int64, "_fref": pl.Int64})
    trc = (h["TRC_H"].lazy().filter(pl.col("_m").is_in(m12["_m"].unique().implode()))
           .group_by("perfil", "submercado", "_m").agg(pl.col("TRC_H").sum()).collect())
    trc = _codificar(_codificar(trc, dic_a, "perfil"), dic_s, "submercado").select(ka, ks, "_m", "TRC_H")
    trc = (alvo.select(*ASX, ka, ks).join(m12, on="processamento").join(trc, on=[ka, ks, "_m"], how="left")
           .group_by(*ASX, "_fref").agg(pl.col("TRC_H").sum().alias("TRC_ANUAL_MVE"))
           .with_columns(pl.col("TRC_ANUAL_MVE").fill_null(0)))
    out["TRC_ANUAL_MVE"] = trc.select("perfil", "submercado", pl.col("_fref").cast(pl.String).alias("ano"),
                                      "TRC_ANUAL_MVE")

    # MVE cmd 9: TRC_PRE_MVE[a,s,x,f] = LIM_MVE[a,x,f] × TRC_ANUAL_MVE[a,s,f*]
    lim = tabela(t, "LIM_MVE").select("perfil", "processamento", pl.col("ano").alias("_ft"), "LIM_MVE")
    anual = (anual.join(trc.select(*ASX, "TRC_ANUAL_MVE"), on=ASX)
             .join(lim, left_on=["perfil", "processamento", pl.col("_f").cast(pl.String)],
                   right_on=["perfil", "processamento", "_ft"], how="left"))
    sem = anual.filter(pl.col("LIM_MVE").is_null())
    if sem.height:
        x = sem.sort("processamento", "perfil", "_f").row(0, named=True)
        raise ErroMecanismo("LIM_MVE", f"perfil {x['perfil']!r}, processamento {x['processamento']!r}, ano {x['_f']}: "
                                       "sem limite")
    anual = anual.with_columns(produto(anual, "LIM_MVE", "TRC_ANUAL_MVE", cap).alias("TRC_PRE_MVE"))

    # Σ_{CVE} MV[e,m] × M_HORAS[m] of the seller's earlier surplus sales in s (cmds 8, 13, 19): per month, all
    # types (CVE) and the special ones (CVE_ESP, tipo_energia CE)
    cve = (tabela(t, "CVE").unique(maintain_order=True).join(AS.select("perfil", "submercado").unique(),
                                                              left_on=["perfil_vendedor", "submercado"],
                                                              right_on=["perfil", "submercado"], how="semi"))
    vm = cve.join(mensal["MV"], on="contrato").join(horas, on="_m")
    vm = vm.with_columns(produto(vm, "MV", "M_HORAS", cap).alias("_v"))
    vm = (vm.group_by(pl.col("perfil_vendedor").alias("perfil"), "submercado", "_m")
          .agg(pl.col("_v").sum().alias("_vend"), pl.col("_v").filter(pl.col("tipo_energia") == CE).sum().alias("_vce")))
    va = vm.group_by("perfil", "submercado", (pl.col("_m") // 12).alias("_f")).agg(pl.col("_vend").sum(),
                                                                                   pl.col("_vce").sum())
    anual = (anual.join(va, on=["perfil", "submercado", "_f"], how="left")
             .with_columns(pl.col("_vend").fill_null(0), pl.col("_vce").fill_null(0)))
    # MVE cmd 13: QUANT_TOT_DISP = max(0; TRC_PRE_MVE − Σ_{CVE} MV × V_HORAS[v*])
    anual = anual.with_columns(maior_que_zero(pl.col("TRC_PRE_MVE") - pl.col("_vend")).alias("QUANT_TOT_DISP"),
                               # MVE cmd 8: MONT_ATUAL_EE = max(0; MONT_EE − Σ_{CVE_ESP} MV × V_HORAS[v*])
                               maior_que_zero(pl.col("MONT_EE") - pl.col("_vce")).alias("MONT_ATUAL_EE"))
    # MVE cmd 14: QUANT_TOT_DISP_MED = QUANT_TOT_DISP / Σ_{m∈f} M_HORAS
    # MVE cmd 22: QUANT_DISP_EE = min(MONT_ATUAL_EE; QUANT_TOT_DISP)
    anual = anual.with_columns(quociente(anual, "QUANT_TOT_DISP", "H_ANO", q).alias("QUANT_TOT_DISP_MED"),
                               menor("MONT_ATUAL_EE", "QUANT_TOT_DISP").alias("QUANT_DISP_EE"))
    # MVE cmd 23: QUANT_DISP_EE_MED = QUANT_DISP_EE / Σ_{m∈f} M_HORAS
    anual = anual.with_columns(quociente(anual, "QUANT_DISP_EE", "H_ANO", q).alias("QUANT_DISP_EE_MED"))
    ano_txt = pl.col("_f").cast(pl.String).alias("ano")
    for nome in ("MONT_EE", "MONT_ATUAL_EE", "TRC_PRE_MVE", "QUANT_TOT_DISP", "QUANT_TOT_DISP_MED", "QUANT_DISP_EE",
                 "QUANT_DISP_EE_MED"):
        out[nome] = anual.select(*ASX, ano_txt, nome)

    # MVE cmd 15: QUANT_TOT_DISP_V_MED[v] = min_{f∈v} QUANT_TOT_DISP_MED[f]; MVE cmd 24: QUANT_DISP_EE_V_MED[v] =
    # min_{f∈v} QUANT_DISP_EE_MED[f] — the annual path (DECISÃO MC5; MC6: intra-annual vigências too)
    plu = (AS.join(cal.pluri, on="processamento").join(anual.select(*ASX, "_f", "QUANT_TOT_DISP_MED", "QUANT_DISP_EE_MED"),
                                                       left_on=[*ASX, "ano"], right_on=[*ASX, "_f"])
           .group_by(*ASX, "vigencia").agg(pl.col("QUANT_TOT_DISP_MED").min().alias("QUANT_TOT_DISP_V_MED"),
                                           pl.col("QUANT_DISP_EE_MED").min().alias("QUANT_DISP_EE_V_MED")))
    out["QUANT_TOT_DISP_V_MED"] = plu.select(*ASX, "vigencia", "QUANT_TOT_DISP_V_MED")
    out["QUANT_DISP_EE_V_MED"] = plu.select(*ASX, "vigencia", "QUANT_DISP_EE_V_MED")

    # ------------------------------------------------------------------------------------------------
    # MVE cmds 10, 11, 16, 17, 25, 26: the regulatory windows w (3-month vigências; monthly ones outside them,
    # DECISÃO MC3)
    # ------------------------------------------------------------------------------------------------
    limv = tabela(t, "LIM_MVE_VIG").select("perfil", "processamento", pl.col("vigencia").alias("janela"), "LIM_MVE_VIG")
    win = (AS.join(cal.jan, on="processamento").join(trc.select(*ASX, "TRC_ANUAL_MVE"), on=ASX)
           .join(limv, on=["perfil", "processamento", "janela"], how="left"))
    sem = win.filter(pl.col("LIM_MVE_VIG").is_null())
    if sem.height:
        x = sem.sort("processamento", "perfil", "janela").row(0, named=True)
        raise ErroMecanismo("LIM_MVE_VIG", f"perfil {x['perfil']!r}, processamento {x['processamento']!r}, vigência "
                                           f"{x['janela']!r}: sem limite")
    # MVE cmd 10: TRC_PRE_MVE_VIG[a,s,x,v] = LIM_MVE_VIG[a,x,v] × TRC_ANUAL_MVE[a,s,f*]
    win = win.with_columns(produto(win, "LIM_MVE_VIG", "TRC_ANUAL_MVE", cap).alias("TRC_PRE_MVE_VIG"))
    # MVE cmd 11: TRC_PRE_MVE_MED = TRC_PRE_MVE_VIG / Σ_{m∈v} M_HORAS
    win = win.with_columns(quociente(win, "TRC_PRE_MVE_VIG", "VH", q).alias("TRC_PRE_MVE_MED"))
    # MVE cmd 16: QUANT_TOT_DISP_VIG = min(TRC_PRE_MVE_VIG; QUANT_TOT_DISP[f]) (DECISÃO MC14: f = the year of w)
    win = win.join(anual.select(*ASX, pl.col("_f").alias("ano"), "QUANT_TOT_DISP", "QUANT_DISP_EE"), on=[*ASX, "ano"])
    win = win.with_columns(menor("TRC_PRE_MVE_VIG", "QUANT_TOT_DISP").alias("QUANT_TOT_DISP_VIG"))
    # MVE cmd 25: QUANT_DISP_EE_VIG = min(QUANT_TOT_DISP_VIG; QUANT_DISP_EE[f])
    win = win.with_columns(menor("QUANT_TOT_DISP_VIG", "QUANT_DISP_EE").alias("QUANT_DISP_EE_VIG"))
    # MVE cmd 17: QUANT_DISP_VIG_MED_P = QUANT_TOT_DISP_VIG / Σ_{m∈v} M_HORAS; MVE cmd 26: QUANT_DISP_EE_VIG_MED =
    # QUANT_DISP_EE_VIG / Σ_{m∈v} M_HORAS (3-month vigências)
    win = win.with_columns(quociente(win, "QUANT_TOT_DISP_VIG", "VH", q).alias("QUANT_DISP_VIG_MED_P"),
                           quociente(win, "QUANT_DISP_EE_VIG", "VH", q).alias("QUANT_DISP_EE_VIG_MED"))
    vig_txt = pl.col("janela").alias("vigencia")
    for nome in ("TRC_PRE_MVE_VIG", "TRC_PRE_MVE_MED", "QUANT_TOT_DISP_VIG", "QUANT_DISP_EE_VIG"):
        out[nome] = win.select(*ASX, vig_txt, nome)
    tri = win.filter(pl.col("classe") == TRIMESTRAL)
    for nome in ("QUANT_DISP_VIG_MED_P", "QUANT_DISP_EE_VIG_MED"):
        out[nome] = tri.select(*ASX, vig_txt, nome)

    # ------------------------------------------------------------------------------------------------
    # MVE cmds 18–20, 27–28: the monthly vigências
    # ------------------------------------------------------------------------------------------------
    men = AS.join(cal.mensais, on="processamento")
    cand = (men.join(cal.janelas, on=["processamento", "vigencia"])
            .join(win.select(*ASX, "janela", "QUANT_TOT_DISP_VIG", "TRC_PRE_MVE_MED"), on=[*ASX, "janela"]))
    cand = cand.with_columns(produto(cand, "TRC_PRE_MVE_MED", "H", cap).alias("_tm"))
    # MVE cmd 18: QUANT_PRE_DISP_MENSAL = min(QUANT_TOT_DISP_VIG[w]; TRC_PRE_MVE_MED[w] × M_HORAS[m]) — min over
    # the month's windows (DECISÃO MC3)
    cand = (cand.with_columns(menor("QUANT_TOT_DISP_VIG", "_tm").alias("_c"))
            .group_by(*ASX, "vigencia").agg(pl.col("_c").min().alias("QUANT_PRE_DISP_MENSAL")))
    men = (men.join(cand, on=[*ASX, "vigencia"])
           .join(vm.select("perfil", "submercado", pl.col("_m").alias("mes"), "_vend"), on=["perfil", "submercado", "mes"],
                 how="left").with_columns(pl.col("_vend").fill_null(0))
           .join(anual.select(*ASX, pl.col("_f").alias("ano"), "QUANT_DISP_EE"), on=[*ASX, "ano"]))
    # MVE cmd 19: QUANT_TOT_DISP_MENSAL = max(0; QUANT_PRE_DISP_MENSAL − Σ_{CVE} MV × V_HORAS) (DECISÃO MC15)
    men = men.with_columns(maior_que_zero(pl.col("QUANT_PRE_DISP_MENSAL") - pl.col("_vend")).alias("QUANT_TOT_DISP_MENSAL"))
    # MVE cmd 20: QUANT_TOT_DISP_MENSAL_MED = QUANT_TOT_DISP_MENSAL / M_HORAS[m]
    # MVE cmd 27: QUANT_DISP_EE_MENSAL = min(QUANT_DISP_EE[f]; QUANT_TOT_DISP_MENSAL)
    men = men.with_columns(quociente(men, "QUANT_TOT_DISP_MENSAL", "H", q).alias("QUANT_TOT_DISP_MENSAL_MED"),
                           menor("QUANT_DISP_EE", "QUANT_TOT_DISP_MENSAL").alias("QUANT_DISP_EE_MENSAL"))
    # MVE cmd 28: QUANT_MENSAL_MED = QUANT_DISP_EE_MENSAL / M_HORAS[m]
    men = men.with_columns(quociente(men, "QUANT_DISP_EE_MENSAL", "H", q).alias("QUANT_MENSAL_MED"))
    for nome in ("QUANT_PRE_DISP_MENSAL", "QUANT_TOT_DISP_MENSAL", "QUANT_TOT_DISP_MENSAL_MED", "QUANT_DISP_EE_MENSAL",
                 "QUANT_MENSAL_MED"):
        out[nome] = men.select(*ASX, "vigencia", nome)

    # MVE cmd 21: QUANT_TOT_DISP_VIG_MED[w] = min_{v*∈w} QUANT_TOT_DISP_MENSAL_MED[v*]
    tv = (AS.join(cal.tri_mes, on="processamento")
          .join(men.select(*ASX, pl.col("vigencia").alias("vigencia_mensal"), "QUANT_TOT_DISP_MENSAL_MED"),
                on=[*ASX, "vigencia_mensal"])
          .group_by(*ASX, "vigencia").agg(pl.col("QUANT_TOT_DISP_MENSAL_MED").min().alias("QUANT_TOT_DISP_VIG_MED")))
    out["QUANT_TOT_DISP_VIG_MED"] = tv
    return out


__all__ = ["SAIDAS_LIMITES", "calcular", "f_com_mve", "f_com_mve_m", "f_dng_mve", "mes_num", "mes_txt", "preparar",
           "tabela"]
