"""The supply and demand curves of one product with its clearing point, as a PNG or SVG (matplotlib, Agg).

Quantities and prices stay exact ``Decimal`` up to the drawing: only the coordinates handed to matplotlib
are converted to binary floating point (numpy parses their decimal text) — a picture, never an input to
any computation.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import polars as pl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ....errors import InputError
from .resultado import ResultadoMecanismo


def _degraus(lances: list[tuple[Decimal, Decimal]]) -> tuple[list[Decimal], list[Decimal]]:
    """(x, y) of a step curve: each bid a horizontal step of its quantity at its price."""
    xs, ys = [Decimal(0)], []
    acum = Decimal(0)
    for preco, qtd in lances:
        ys.append(preco)
        acum += qtd
        xs.append(acum)
    return xs, ys + ys[-1:] if ys else []


def _para_desenho(valores: list[Decimal]) -> np.ndarray:
    # drawing boundary: exact decimals → binary floating point for matplotlib only (numpy parses the text)
    return np.asarray([str(v) for v in valores], dtype=np.float64)


def desenhar(resultado: ResultadoMecanismo, produto: str, saida: str | Path, rodada: str | None = None) -> Path:
    """Draw product ``produto`` (its round, or ``rodada``) to ``saida`` (``.png`` or ``.svg``)."""
    caminho = Path(saida)
    if caminho.suffix.lower() not in (".png", ".svg"):
        raise InputError("saida", "use um arquivo .png ou .svg")
    eq = resultado.exatas["EQUILIBRIO_MVE"].filter(pl.col("produto") == produto)
    if rodada is not None:
        eq = eq.filter(pl.col("rodada") == str(rodada))
    if eq.height == 0:
        raise InputError("produto", f"produto {produto!r} sem resultado (produtos: "
                                    f"{sorted(set(resultado.exatas['EQUILIBRIO_MVE']['produto'].to_list()))})")
    ponto = eq.row(0, named=True)
    lances = resultado.exatas["RESULTADO_LANCE"].filter(
        (pl.col("produto") == produto) & (pl.col("rodada") == ponto["rodada"]) & (pl.col("QUANT_ADMITIDA") > 0))
    vendas = sorted((r["PRECO"], r["QUANT_ADMITIDA"]) for r in lances.filter(pl.col("lado") == "V").iter_rows(named=True))
    compras = sorted(((r["PRECO"], r["QUANT_ADMITIDA"]) for r in lances.filter(pl.col("lado") == "C").iter_rows(named=True)),
                     reverse=True)
    rotulo_preco = "Preço (R$/MWh)" if ponto["tipo_preco"] == "PF" else "Spread sobre o PLD (R$/MWh)"
    fig = Figure(figsize=(8, 5))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    for dados, cor, nome in ((vendas, "tab:blue", "Oferta (lances de venda, preço crescente)"),
                             (compras, "tab:orange", "Demanda (lances de compra, preço decrescente)")):
        if dados:
            xs, ys = _degraus(dados)
            ax.step(_para_desenho(xs), _para_desenho(ys), where="post", color=cor, label=nome)
    q = ponto["QUANT_NEGOCIADA"]
    if q and q > 0:
        pc = ponto["PRECO_MARGINAL_COMPRA"]
        ax.axvline(_para_desenho([q])[0], color="gray", linestyle="--", linewidth=1)
        ax.plot(_para_desenho([q]), _para_desenho([pc]), "o", color="black",
                label=f"Equilíbrio: {q.normalize():f} MWmédio negociados")
        ax.annotate(f"Quantidade negociada = {q.normalize():f} MWmédio\nÚltimo lance de compra atendido: "
                    f"{pc.normalize():f} R$/MWh", xy=(_para_desenho([q])[0], _para_desenho([pc])[0]),
                    xytext=(10, 10), textcoords="offset points", fontsize=8)
    ax.set_xlabel("Quantidade acumulada (MWmédio)")
    ax.set_ylabel(rotulo_preco)
    ax.set_title(f"Produto {produto} — rodada {ponto['rodada']} — {ponto['vigencia']} "
                 f"{ponto['tipo_energia']} {ponto['tipo_preco']} ({ponto['submercado']})")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best", fontsize=8)
    caminho.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(caminho, format=caminho.suffix[1:].lower())
    return caminho


__all__ = ["desenhar"]
