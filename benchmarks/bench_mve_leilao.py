"""Benchmarks of the MVE mechanism (seed 004), vectorized engine vs naive reference, in one run.

1. **Clearing** (Anexo II, cmds 84, 88, 89): a book of 100,000 bids cleared by the vectorized engine
   (``mecanismo.leilao``, every product at once in polars) and by the naive reference
   (``referencia.liquidar_produto``: one product at a time, Python loops over ``Decimal``).
2. **Limits** (§2.1, cmds 1–28) of many distributors on full hourly data (``sinteticos.mercado``: every hour
   of TRC_H over the 12 months of each processing, FPC, TOGU/CAP/CAP_T_GF at m−2, F_COMERCIAL/UXP_GLF/F_PRC_GF
   over the degradation months; two processings, eight products over annual, multi-year, 3-month and monthly
   vigências): ``limites.calcular`` (whole tables in polars) vs ``referencia.Limites`` (row by row with
   ``Decimal``), and the whole mechanism on the same market (``motor.executar`` vs
   ``referencia.processar_referencia``: limits, rounds, contract amounts).

    python benchmarks/bench_mve_leilao.py [--parte tudo|leilao|limites] [--lances 100000] [--produtos 50]
                                          [--distribuidoras 60] [--repeticoes 3] [--repeticoes-ref 1]

Clearing: both sides start from the same book — the engine's input tables LANCE_VENDA, LANCE_COMPRA and
PRODUTOS_LEILAO (polars, exact decimals, as ``motor.carregar`` gives them) — and end with the lots met per
bid: the engine with ``leilao.liquidar_tabelas`` (lots from the decimals as integer mantissas, every product
cleared at once); the naive side reads the rows (``to_dicts``), computes each bid's lots with ``Decimal`` and
clears product after product with ``referencia.liquidar_produto``. Prints both times, their ratio and
whether the allocations (lots per bid, lots traded and marginal prices per product) agree.

Limits: both sides start from the engine's normalized input tables; the reference reads them as rows
(``to_dicts``, part of its time, as in the clearing benchmark). Prints both times (the engine: median of
``--repeticoes``; the reference: median of ``--repeticoes-ref``), their ratio and whether every output table
is equal, value for value, to the last digit.
"""

from __future__ import annotations

import argparse
import decimal
import statistics
import time
from decimal import Decimal

from ccee_barramento.settlement.exact import CONTEXTO
from ccee_barramento.settlement.mve.mecanismo import Configuracao, calendario, limites, referencia, sinteticos
from ccee_barramento.settlement.mve.mecanismo.leilao import liquidar_tabelas
from ccee_barramento.settlement.mve.mecanismo.motor import carregar
from ccee_barramento.settlement.mve.mecanismo.motor import executar as executar_motor
from ccee_barramento.settlement.mve.mecanismo.referencia import liquidar_produto


def tabelas(n_lances: int, n_produtos: int, semente: int = 7) -> dict:
    """The book of ``sinteticos.livro`` as the engine's normalized input tables."""
    return carregar(sinteticos.livro(n_lances, n_produtos, semente=semente), Configuracao(limites="ignorar"))


def vetorizado(t: dict) -> dict:
    v, c, eq = liquidar_tabelas(t["LANCE_VENDA"], t["LANCE_COMPRA"], t["PRODUTOS_LEILAO"])
    return {"V": dict(zip(v["lance"].to_list(), v["atendidos"].to_list())),
            "C": dict(zip(c["lance"].to_list(), c["atendidos"].to_list())),
            "eq": {p: (q, pc, pv) for p, q, pc, pv in eq.select("produto", "Q", "preco_c", "preco_v").iter_rows()}}


def ingenuo(t: dict) -> dict:
    lote = {r["produto"]: r["LOTE"] for r in t["PRODUTOS_LEILAO"].to_dicts()}
    livro: dict = {p: ([], []) for p in lote}
    for r in t["LANCE_VENDA"].to_dicts():
        livro[r["produto"]][0].append((r["lance_venda"], r["PRECO"], int(r["QUANTIDADE"] / lote[r["produto"]])))
    for r in t["LANCE_COMPRA"].to_dicts():
        livro[r["produto"]][1].append((r["lance_compra"], r["PRECO"], int(r["QUANTIDADE"] / lote[r["produto"]])))
    saida: dict = {"V": {}, "C": {}, "eq": {}}
    for p, (vendas, compras) in livro.items():
        lv, lc, q, pc, pv = liquidar_produto(vendas, compras)
        saida["V"].update(lv)
        saida["C"].update(lc)
        saida["eq"][p] = (q, pc, pv)
    return saida


def medir(funcao, *args, repeticoes: int = 3) -> tuple[float, object]:
    tempos, resultado = [], None
    for _ in range(repeticoes):
        t0 = time.perf_counter()
        resultado = funcao(*args)
        tempos.append(time.perf_counter() - t0)
    return statistics.median(tempos), resultado


def executar(n_lances: int = 100_000, n_produtos: int = 50, repeticoes: int = 3, imprimir: bool = True) -> dict:
    t = tabelas(n_lances, n_produtos)
    t_vet, r_vet = medir(vetorizado, t, repeticoes=repeticoes)
    t_ing, r_ing = medir(ingenuo, t, repeticoes=repeticoes)
    iguais = r_vet == r_ing
    res = {"lances": t["LANCE_VENDA"].height + t["LANCE_COMPRA"].height, "produtos": t["PRODUTOS_LEILAO"].height,
           "vetorizado_s": t_vet, "ingenuo_s": t_ing, "razao": t_ing / t_vet, "iguais": iguais,
           "negociado_lotes": sum(q for q, _, _ in r_vet["eq"].values())}
    if imprimir:
        print(f"livro: {res['lances']:,} lances em {res['produtos']} produtos; {res['negociado_lotes']:,} lotes negociados")
        print(f"motor vetorizado (polars): {t_vet:.3f} s (mediana de {repeticoes})")
        print(f"referência ingênua (Decimal, produto a produto): {t_ing:.3f} s (mediana de {repeticoes})")
        print(f"razão ingênua / vetorizado: {res['razao']:.1f}x")
        print(f"alocações idênticas: {'sim' if iguais else 'NÃO'}")
    return res


# ----------------------------------------------------------------------------------------------------
# §2.1 limits of many distributors on full hourly data
# ----------------------------------------------------------------------------------------------------


def tabelas_mercado(n_distribuidoras: int, semente: int = 7, lances_por_produto: int = 40) -> dict:
    """The market of ``sinteticos.mercado`` (every hour) as the engine's normalized input tables."""
    return carregar(sinteticos.mercado(n_distribuidoras, n_compradores=max(6, n_distribuidoras // 2),
                                       lances_por_produto=lances_por_produto, semente=semente), Configuracao())


def limites_vetorizado(t: dict, cfg: Configuracao) -> dict:
    """§2.1 on the engine, as ``motor.executar`` runs it: key checks and hour counters (``preparar``), the
    calendar, the sellers (LIM_MVE profiles of processings with products) and ``limites.calcular``."""
    prods = t["PRODUTOS_LEILAO"]
    subs = prods.select("processamento", "submercado").unique()
    vend = (limites.tabela(t, "LIM_MVE").select("processamento", "perfil").unique()
            .join(prods.select("processamento").unique(), on="processamento", how="semi"))
    return limites.calcular(t, limites.preparar(t), calendario.construir(t), cfg, vend, subs)


def limites_referencia(t: dict, cfg: Configuracao) -> dict:
    """§2.1 on the reference: the rows (``to_dicts``), ``referencia.Estrutura`` and ``referencia.Limites``, per
    processing, as ``referencia.processar_referencia`` runs them."""
    linhas = {n: df.to_dicts() for n, df in t.items()}
    with decimal.localcontext(CONTEXTO):
        est = referencia.Estrutura(linhas)
        lim = referencia.Limites(linhas, est, cfg)
        for x in sorted(est.proc):
            prods = [p for p in est.produtos.values() if p["processamento"] == x]
            com_limite = sorted({r["perfil"] for r in linhas.get("LIM_MVE", []) if r["processamento"] == x})
            if prods and com_limite:
                lim.calcular(x, com_limite, sorted({p["submercado"] for p in prods}))
    return dict(lim.out)


def _normalizadas(linhas: list) -> list:
    """Rows as sorted tuples, decimals by value with every digit (an 80-digit context: nothing rounded)."""
    ctx = decimal.Context(prec=80)

    def val(v):
        return format(v.normalize(ctx), "f") if isinstance(v, Decimal) else ("" if v is None else str(v))

    return sorted(tuple(sorted((k, val(v)) for k, v in r.items())) for r in linhas)


def iguais(vet: dict, ref: dict, nomes) -> list[str]:
    """The tables whose rows differ (empty: every table equal)."""
    return [n for n in nomes if _normalizadas(vet[n].to_dicts() if n in vet else []) != _normalizadas(ref.get(n, []))]


def executar_limites(n_distribuidoras: int = 60, repeticoes: int = 3, repeticoes_ref: int = 1, imprimir: bool = True,
                     completo: bool = True) -> dict:
    cfg = Configuracao()
    t = tabelas_mercado(n_distribuidoras)
    horarias = {n: t[n].height for n in ("TRC_H", "FPC", "TOGU", "CAP", "CAP_T_GF", "F_COMERCIAL", "UXP_GLF", "F_PRC_GF")}
    t_vet, r_vet = medir(limites_vetorizado, t, cfg, repeticoes=repeticoes)
    t_ref, r_ref = medir(limites_referencia, t, cfg, repeticoes=repeticoes_ref)
    difs = iguais(r_vet, r_ref, limites.SAIDAS_LIMITES)
    res = {"distribuidoras": n_distribuidoras, "linhas_horarias": sum(horarias.values()), "horarias": horarias,
           "linhas_saida": sum(df.height for df in r_vet.values()), "vetorizado_s": t_vet, "ingenuo_s": t_ref,
           "razao": t_ref / t_vet, "iguais": not difs, "diferentes": difs}
    if completo:
        from ccee_barramento.settlement.mve.mecanismo.esquema import SAIDAS

        def referencia_completa(t_: dict) -> dict:
            return referencia.processar_referencia({n: df.to_dicts() for n, df in t_.items()}, cfg)

        tc_vet, rc_vet = medir(executar_motor, t, cfg, repeticoes=repeticoes)
        tc_ref, rc_ref = medir(referencia_completa, t, repeticoes=repeticoes_ref)
        difs_c = iguais(rc_vet, rc_ref, SAIDAS)
        res.update({"completo_vetorizado_s": tc_vet, "completo_ingenuo_s": tc_ref, "completo_razao": tc_ref / tc_vet,
                    "completo_iguais": not difs_c, "completo_diferentes": difs_c,
                    "lances": t["LANCE_VENDA"].height + t["LANCE_COMPRA"].height})
    if imprimir:
        print(f"mercado: {n_distribuidoras} distribuidoras, 2 processamentos, {t['PRODUTOS_LEILAO'].height} produtos; "
              f"{res['linhas_horarias']:,} linhas horárias ({', '.join(f'{k} {v:,}' for k, v in horarias.items())})")
        print(f"§2.1 limites (cmds 1–28), {res['linhas_saida']:,} linhas de saída:")
        print(f"  motor vetorizado (limites.calcular): {t_vet:.3f} s (mediana de {repeticoes})")
        print(f"  referência ingênua (referencia.Limites, Decimal): {t_ref:.3f} s (mediana de {repeticoes_ref})")
        print(f"  razão ingênua / vetorizado: {res['razao']:.1f}x")
        print(f"  tabelas idênticas (dígito a dígito): {'sim' if res['iguais'] else 'NÃO ' + ', '.join(difs)}")
        if completo:
            print(f"mecanismo completo (limites, {res['lances']:,} lances em rodadas, contratos):")
            print(f"  motor vetorizado (motor.executar): {res['completo_vetorizado_s']:.3f} s (mediana de {repeticoes})")
            print(f"  referência ingênua (processar_referencia): {res['completo_ingenuo_s']:.3f} s "
                  f"(mediana de {repeticoes_ref})")
            print(f"  razão ingênua / vetorizado: {res['completo_razao']:.1f}x")
            print(f"  tabelas idênticas (dígito a dígito): "
                  f"{'sim' if res['completo_iguais'] else 'NÃO ' + ', '.join(res['completo_diferentes'])}")
    return res


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parte", choices=["tudo", "leilao", "limites"], default="tudo")
    ap.add_argument("--lances", type=int, default=100_000)
    ap.add_argument("--produtos", type=int, default=50)
    ap.add_argument("--distribuidoras", type=int, default=60)
    ap.add_argument("--repeticoes", type=int, default=3)
    ap.add_argument("--repeticoes-ref", type=int, default=1)
    a = ap.parse_args()
    if a.parte in ("tudo", "leilao"):
        print("== liquidação do livro (cmds 84, 88, 89) ==")
        executar(a.lances, a.produtos, a.repeticoes)
    if a.parte in ("tudo", "limites"):
        print("== limites de venda (§2.1) e mecanismo completo, dados horários ==")
        executar_limites(a.distribuidoras, a.repeticoes, a.repeticoes_ref)
