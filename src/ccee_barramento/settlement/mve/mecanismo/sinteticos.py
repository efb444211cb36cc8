"""Synthetic inputs of the mechanism: bid books of any size (:func:`livro`: the clearing benchmark, property
tests) and markets with the whole §2.1 data on full hourly inputs (:func:`mercado`: many distributors, plants
of every branch of cmds 6–7, several processings, products, vigências and rounds; the limits benchmark and
the engine == reference tests) — deterministic for a seed."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

MESES_2027 = [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]


def _horas(anos: list[int]) -> list[dict[str, Any]]:
    linhas = []
    for f in anos:
        bissexto = f % 4 == 0 and (f % 100 != 0 or f % 400 == 0)
        for k, h in enumerate(MESES_2027):
            if k == 1 and bissexto:
                h = 696
            linhas.append({"mes": f"{f:04d}-{k + 1:02d}", "M_HORAS": Decimal(h)})
    return linhas


def livro(n_lances: int, n_produtos: int = 10, n_vendedores: int = 8, semente: int = 7,
          lote: str = "0.1") -> dict[str, list[dict[str, Any]]]:
    """A book of ``n_lances`` bids (≈ 10 % sale bids) over ``n_produtos`` annual 2027 products in one round (each
    its own vigência name, so every product is a distinct PROD),
    no limits (use ``Configuracao(limites="ignorar")``); prices on a grid so ties happen."""
    rnd = random.Random(semente)
    lote_d = Decimal(lote)
    produtos = [{"produto": f"P{k:03d}", "submercado": "SE", "processamento": "X1", "vigencia": f"2027-{k:03d}",
                 "tipo_energia": "CE" if k % 2 else "CNE", "tipo_preco": "PF" if k % 3 else "PV", "etapa": "1",
                 "rodada": "1", "LOTE": lote_d} for k in range(n_produtos)]
    vendedores = [str(61100 + i) for i in range(n_vendedores)]
    compradores = [str(62000 + i) for i in range(max(1, n_lances // 20))]
    vendas, compras = [], []
    n_v = max(n_produtos, n_lances // 10)
    for i in range(n_lances):
        p = produtos[rnd.randrange(n_produtos)]
        pv = p["tipo_preco"] == "PV"
        if i < n_v:
            preco = Decimal(rnd.randrange(-20 if pv else 150, 40 if pv else 300, 5))
            vendas.append({"lance_venda": f"V{i:07d}", "perfil_vendedor": rnd.choice(vendedores),
                           "produto": p["produto"], "QUANTIDADE": lote_d * rnd.randint(1, 200), "PRECO": preco})
        else:
            preco = Decimal(rnd.randrange(-20 if pv else 150, 40 if pv else 300, 5))
            compras.append({"lance_compra": f"C{i:07d}", "perfil_comprador": rnd.choice(compradores),
                            "produto": p["produto"], "QUANTIDADE": lote_d * rnd.randint(1, 30), "PRECO": preco})
    perfis = [{"perfil": a, "agente": "5" + a} for a in vendedores + compradores]
    return {
        "PROCESSAMENTO_MVE": [{"processamento": "X1", "mes_processamento": "2026-10",
                               "anterior_garantias_financeiras": "true"}],
        "VIGENCIA_MVE": [{"vigencia": f"2027-{k:03d}", "inicio": "2027-01", "fim": "2027-12", "tipo_vigencia": "anual"}
                         for k in range(n_produtos)],
        "A_ALPHA": perfis, "M_HORAS": _horas([2026, 2027]), "PRODUTOS_LEILAO": produtos,
        "LANCE_VENDA": vendas, "LANCE_COMPRA": compras,
    }


# ----------------------------------------------------------------------------------------------------
# A market with the §2.1 data on full hourly inputs
# ----------------------------------------------------------------------------------------------------

#: The processings of :func:`mercado`: (x, month, before the Financial Guarantees, products). A product is
#: (name, submarket, vigência, te, tp, round, lot). MVE-2027-05 is in the year of its products (f* = 2027:
#: EE_ANT_OP at March, EE_ANT_DG over January–February, F_COM_MVE at m−2 = March); MVE-2026-10 is the usual
#: autumn processing for the next year (as the demo).
PROCESSAMENTOS = {
    "MVE-2027-05": ("2027-05", "false", [
        ("A28-CNE-PF", "SE", "2028", "CNE", "PF", 1, "0.5"),
        ("A28-CE-PV", "SE", "2028", "CE", "PV", 1, "0.5"),
        ("P2829-CNE-PF", "SE", "2028-2029", "CNE", "PF", 1, "0.5"),
        ("A28-CNE-PF-S", "S", "2028", "CNE", "PF", 1, "0.5"),
        ("T3-CE-PF", "SE", "2027-T3", "CE", "PF", 2, "0.1"),
        ("T3-CNE-PV-S", "S", "2027-T3", "CNE", "PV", 2, "0.1"),
        ("M06-CNE-PF", "SE", "2027-06", "CNE", "PF", 3, "0.1"),
        ("M08-CE-PV", "SE", "2027-08", "CE", "PV", 3, "0.1"),
    ]),
    "MVE-2026-10": ("2026-10", "true", [
        ("A27-CNE-PF", "SE", "2027", "CNE", "PF", 1, "0.5"),
        ("A27-CE-PF-S", "S", "2027", "CE", "PF", 1, "0.5"),
        ("T1-CE-PV", "SE", "2027-T1", "CE", "PV", 2, "0.5"),
    ]),
}
VIGENCIAS = [("2027", "2027-01", "2027-12"), ("2028", "2028-01", "2028-12"), ("2028-2029", "2028-01", "2029-12"),
             ("2027-T1", "2027-01", "2027-03"), ("2027-T3", "2027-07", "2027-09"), ("2027-06", "2027-06", "2027-06"),
             ("2027-08", "2027-08", "2027-08")]
#: Windows with LIM_MVE_VIG per processing (3-month vigências and monthly ones outside them, DECISÃO MC3).
JANELAS = {"MVE-2027-05": ["2027-T3", "2027-06"], "MVE-2026-10": ["2027-T1"]}


def _mes(m: int) -> str:
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def _m(texto: str) -> int:
    return int(texto[:4]) * 12 + int(texto[5:7]) - 1


def _horas_mes(m: int) -> int:
    f, k = m // 12, m % 12
    if k == 1:
        return 696 if f % 4 == 0 and (f % 100 != 0 or f % 400 == 0) else 672
    return MESES_2027[k]


def _horario(chaves: dict[str, list[str]], meses: list[int], nome: str, base: int, modulo: int, escala: int,
             semente: int, horas: int | None = None) -> Any:
    """A table with one row per key × hour of the given months (``horas`` caps the hours per month): values
    ``base + (a pseudo-random integer mod modulo)`` at ``escala`` places, exact decimals."""
    import polars as pl

    n = len(next(iter(chaves.values()))) if chaves else 0
    chave = pl.DataFrame({k: pl.Series(k, v, dtype=pl.String) for k, v in chaves.items()}).with_row_index("_k")
    partes = []
    for m in meses:
        hs = _horas_mes(m) if horas is None else min(horas, _horas_mes(m))
        partes.append(pl.DataFrame({"hora": pl.int_range(1, hs + 1, eager=True, dtype=pl.Int64)})
                      .with_columns(pl.lit(_mes(m)).alias("mes"), pl.lit(m, dtype=pl.Int64).alias("_mm")))
    if not partes or n == 0:
        return pl.DataFrame(schema={**{k: pl.String for k in chaves}, "hora": pl.String, "mes": pl.String,
                                    nome: pl.Decimal(38, escala)})
    df = chave.join(pl.concat(partes), how="cross")
    mix = (pl.col("_k").cast(pl.Int64) * 7919 + pl.col("hora") * 104729 + pl.col("_mm") * 1299709 + semente * 15485863)
    mant = pl.lit(base, dtype=pl.Int64) + ((mix % 1_000_003) * (mix % 1_000_003) % 999_983) % modulo
    texto = pl.concat_str((mant // 10 ** escala).cast(pl.String), pl.lit("."),
                          (mant % 10 ** escala).cast(pl.String).str.zfill(escala)) if escala else mant.cast(pl.String)
    return df.select(*chaves, pl.col("hora").cast(pl.String), "mes", texto.cast(pl.Decimal(38, escala)).alias(nome))


def mercado(n_distribuidoras: int = 4, n_compradores: int = 6, lances_por_produto: int = 6, semente: int = 7,
            processamentos: tuple[str, ...] = ("MVE-2027-05", "MVE-2026-10"), horas: int | None = None
            ) -> dict[str, Any]:
    """A market with the whole §2.1 data on **full hourly inputs** and a book over several products,
    vigências (annual, multi-year, 3-month, monthly inside and outside a quarter) and rounds — deterministic
    for a seed. Tables as the engine takes them: the small ones as row lists, the hourly ones (TRC_H, FPC,
    TOGU, CAP, CAP_T_GF, F_COMERCIAL, UXP_GLF, F_PRC_GF) as polars DataFrames with exact decimals.

    ``n_distribuidoras`` sellers (each with consumption in SE, S or both, every hour of the 12 months of
    TRC_ANUAL_MVE of each processing; 1–3 special-energy contracts over plants of every branch of cmd 6/7;
    earlier surplus sales), ``n_compradores`` buyer profiles (two per agent, one a special consumer), about
    ``lances_por_produto`` bids per product. ``horas`` caps the hours per month (None = every hour).
    """
    import polars as pl

    rnd = random.Random(semente)
    D = Decimal
    dists = [str(61000 + i) for i in range(n_distribuidoras)]
    subs_de = {a: [s for s, ok in (("SE", i % 3 != 2), ("S", i % 3 != 0)) if ok] for i, a in enumerate(dists)}
    compradores = [str(62000 + i) for i in range(n_compradores)]
    agente = {a: "5" + a for a in dists} | {c: str(52000 + i // 2) for i, c in enumerate(compradores)}
    procs = {x: PROCESSAMENTOS[x] for x in processamentos}
    e: dict[str, Any] = {
        "PROCESSAMENTO_MVE": [{"processamento": x, "mes_processamento": m, "anterior_garantias_financeiras": a}
                              for x, (m, a, _) in procs.items()],
        "VIGENCIA_MVE": [{"vigencia": v, "inicio": i, "fim": f, "tipo_vigencia": ""} for v, i, f in VIGENCIAS],
        "A_ALPHA": [{"perfil": p, "agente": agente[p]} for p in dists + compradores],
        "M_HORAS": _horas([2024, 2025, 2026, 2027, 2028, 2029]),
        "PRODUTOS_LEILAO": [{"produto": n, "submercado": s, "processamento": x, "vigencia": v, "tipo_energia": te,
                             "tipo_preco": tp, "etapa": str(r), "rodada": str(r), "LOTE": D(lote)}
                            for x, (_, _, ps) in procs.items() for n, s, v, te, tp, r, lote in ps],
        "CONSUMIDOR_ESPECIAL": [{"perfil": c} for i, c in enumerate(compradores) if i % 2 == 1],
    }
    meses_x = {x: _m(m) for x, (m, _, _) in procs.items()}
    anos_x = {x: sorted({int(v[:4]) for _, _, v, *_ in ps} | {int(v[-4:]) for _, _, v, *_ in ps if len(v) == 9})
              for x, (_, _, ps) in procs.items()}
    # -- limits (cmds 9–10) and consumption: every hour of the 12 months ending 3 months before f*'s December
    e["LIM_MVE"] = [{"perfil": a, "processamento": x, "ano": str(f), "LIM_MVE": D(rnd.choice(["0.08", "0.1", "0.12"]))}
                    for x in procs for a in dists for f in anos_x[x]]
    e["LIM_MVE_VIG"] = [{"perfil": a, "processamento": x, "vigencia": w, "LIM_MVE_VIG": D(rnd.choice(["0.03", "0.05"]))}
                        for x in procs for a in dists for w in JANELAS[x]]
    meses_trc: set[int] = set()
    for x, m in meses_x.items():
        fref = m // 12 if m % 12 == 11 else m // 12 - 1
        meses_trc |= set(range(fref * 12 + 11 - 3 - 11, fref * 12 + 11 - 3 + 1))
    pares = [(a, s) for a in dists for s in subs_de[a]]
    e["TRC_H"] = _horario({"perfil": [a for a, _ in pares], "submercado": [s for _, s in pares]}, sorted(meses_trc),
                          "TRC_H", 50_000, 150_000, 3, semente, horas)
    # FPC at m−3 (only j* is read; every hour is given)
    e["FPC"] = _horario({"perfil": [a for a, _ in pares], "submercado": [s for _, s in pares]},
                        sorted({m - 3 for m in meses_x.values()}), "FPC", 40_000, 60_001, 5, semente + 1, horas)
    # -- plants and special-energy contracts (cmds 3–7)
    usinas = [f"U{k:04d}" for k in range(max(3, 2 * n_distribuidoras))]
    tipo = {u: ("hidraulica" if k % 3 == 0 else "outra") for k, u in enumerate(usinas)}
    hid = [u for u in usinas if tipo[u] == "hidraulica"]
    outras = [u for u in usinas if tipo[u] == "outra"]
    e["USINA_MVE"] = [{"usina": u, "tipo_usina": tipo[u]} for u in usinas]
    e["USINA_MRE"] = [{"usina": u} for k, u in enumerate(hid) if k % 2 == 0]
    # half of the plants have less physical guarantee than committed (FNC_PROD_MVE < 1, cmd 7 (e))
    e["GF"] = [{"usina": u, "GF": D(rnd.randint(3, 12) if k % 2 == 0 else rnd.randint(50, 400))}
               for k, u in enumerate(usinas)]
    e["NUB"] = [{"usina": u, "NUB": D(4)} for u in hid]
    e["GFIS_MOT"] = [{"usina": u, "unidades": n, "GFIS_MOT": D(rnd.randint(10, 40))} for u in hid for n in ("1", "2")]
    meses_op = sorted({m - 2 for m in meses_x.values()})
    e["TOGU"] = _horario({"usina": hid}, meses_op, "TOGU", 2, 4, 0, semente + 2, horas)  # 2..5 units
    e["CAP"] = pl.concat([_horario({"usina": usinas, "ponto": [f"G{i}" for _ in usinas]}, meses_op, "CAP", 10_000,
                                   30_000, 3, semente + 3 + i, horas) for i in (1, 2)])
    e["CAP_T_GF"] = _horario({"usina": usinas}, meses_op, "CAP_T_GF", 45_000, 20_000, 3, semente + 5, horas)
    # degradation inputs for the months Jan..m−3 of a processing in the year of its products (cmd 7 (c)–(f))
    meses_dg = sorted({mm for x, m in meses_x.items() if m // 12 in anos_x[x] for mm in range((m // 12) * 12, m - 2)})
    com_deg = [u for k, u in enumerate(usinas) if k % 4 != 3]
    e["F_COMERCIAL"] = _horario({"usina": com_deg}, meses_dg, "F_COMERCIAL", 5000, 5001, 4, semente + 6, horas)
    e["UXP_GLF"] = _horario({"usina": com_deg[::2]}, meses_dg, "UXP_GLF", 970_000, 30_000, 6, semente + 7, horas)
    e["F_PRC_GF"] = _horario({"usina": com_deg[1::2]}, meses_dg, "F_PRC_GF", 980_000, 20_000, 6, semente + 8, horas)
    e["F_DISP"] = [{"usina": u, "mes": _mes(mm), "F_DISP": D(rnd.choice(["0.95", "0.9", "1"]))}
                   for u in outras for mm in meses_dg]
    e["TOT_GF_PROD"] = [{"usina": u, "mes": _mes(mm), "TOT_GF_PROD": D(rnd.randint(0, 30))}
                        for u in usinas[::2] for mm in meses_dg]
    e["F_PDI_GF"] = [{"usina": u, "ano": str(f), "F_PDI_GF": D(rnd.choice(["0.98", "0.985", "0.99"]))}
                     for u in usinas for f in (2025, 2026)]
    # one plant exceeds its injected power at m−3 of each processing (cmd 5: not considered)
    e["F_PEN_LESP"] = [{"usina": usinas[-1], "mes": _mes(m - 3), "F_PEN_LESP": D(1)} for m in meses_x.values()] + [
        {"usina": usinas[0], "mes": _mes(mm), "F_PEN_LESP": D(0)} for mm in meses_dg]
    contratos, qm, qa, mmc, mv = [], [], [], [], []
    for i, a in enumerate(dists):
        for k in range(1 + i % 3):
            c, u = f"EE-{a}-{k}", usinas[(i + 3 * k) % len(usinas)]
            tp = ("CCEAR_Q", "CCEAR_D", "CBR")[(i + k) % 3]
            contratos.append({"contrato": c, "perfil": a, "usina": u, "tipo_contrato": tp})
            if tp in ("CCEAR_Q", "CCEAR_D"):
                qm += [{"contrato": c, "mes": _mes(mm), "QM": D(rnd.randint(2000, 9000))} for mm in range(2027 * 12, 2028 * 12)]
            if tp == "CCEAR_Q":
                qa += [{"contrato": c, "ano": str(f), "QA": D(rnd.randint(20000, 80000))} for f in (2027, 2028, 2029)]
            if tp == "CCEAR_D":
                mmc += [{"contrato": c, "mes": _mes(mm), "MMC": D(rnd.randint(20, 90)) / 10} for mm in range(2027 * 12, 2030 * 12)]
            if tp == "CBR":
                mv += [{"contrato": c, "mes": _mes(mm), "MV": D(rnd.randint(10, 60)) / 10} for mm in range(2027 * 12, 2030 * 12)]
    # earlier surplus sales (CVE; CE = CVE_ESP: cmds 8, 13, 19)
    cve = []
    for i, a in enumerate(dists):
        for k, s in enumerate(subs_de[a]):
            if (i + k) % 2 == 0:
                c = f"CVE-{a}-{s}"
                cve.append({"contrato": c, "perfil_vendedor": a, "submercado": s, "tipo_energia": ("CE", "CNE")[i % 2]})
                mv += [{"contrato": c, "mes": _mes(mm), "MV": D(rnd.randint(1, 20)) / 10} for mm in range(2027 * 12, 2029 * 12)]
    e.update({"CONTRATO_EE": contratos, "QM": qm, "QA": qa, "MMC": mmc, "MV": mv, "CVE": cve})
    # -- buyers' guarantees (cmd 106) for the processings with Financial Guarantees
    agentes_c = sorted({agente[c] for c in compradores})
    e["VLR_AP_GP_MVE"] = [{"agente": al, "processamento": x, "VLR_AP_GP_MVE": D(rnd.choice([0, 2, 8, 20, 40]) * 1_000_000)}
                          for x, (_, ant, _) in procs.items() if ant == "false" for al in agentes_c]
    e["VLR_REF_GP_A"] = [{"agente": al, "processamento": x, "ano": str(meses_x[x] // 12), "VLR_REF_GP_A": D("20.40")}
                         for x, (_, ant, _) in procs.items() if ant == "false" for al in agentes_c]
    # -- the book: sellers bid above and below their limits; buyers on a price grid (ties happen)
    vendas, compras = [], []
    for x, (_, _, ps) in procs.items():
        for n, s, v, te, tp, r, lote in ps:
            ld = D(lote)
            pv = tp == "PV"
            for b in range(max(1, lances_por_produto // 2)):
                a = rnd.choice([d for d in dists if s in subs_de[d]] or dists)
                vendas.append({"lance_venda": f"V-{n}-{b:04d}", "perfil_vendedor": a, "produto": n,
                               "QUANTIDADE": ld * rnd.randint(1, 40),
                               "PRECO": D(rnd.randrange(-20 if pv else 150, 40 if pv else 300, 5))})
            for b in range(lances_por_produto):
                compras.append({"lance_compra": f"C-{n}-{b:04d}", "perfil_comprador": rnd.choice(compradores),
                                "produto": n, "QUANTIDADE": ld * rnd.randint(1, 20),
                                "PRECO": D(rnd.randrange(-20 if pv else 150, 40 if pv else 300, 5))})
    e["LANCE_VENDA"], e["LANCE_COMPRA"] = vendas, compras
    return e


__all__ = ["PROCESSAMENTOS", "livro", "mercado"]
