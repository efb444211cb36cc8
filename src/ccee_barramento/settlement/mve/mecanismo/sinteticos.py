"""Synthetic inputs of the mechanism: bid books of any size (benchmark, property tests) and a small market
with the §2.1 data (limits from consumption) — deterministic for a seed."""

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


__all__ = ["livro"]
