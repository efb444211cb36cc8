"""Cell formats shared by the rich summaries of the settlement modules."""

from __future__ import annotations

from decimal import Decimal
from typing import Mapping

from rich.text import Text


def rs(valor: Decimal | None) -> Text:
    """Money, Brazilian style (``1.234,56``): red below zero, green above, a dim dash for None."""
    if valor is None:
        return Text("—", style="dim")
    texto = f"{valor:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return Text(texto, style="red" if valor < 0 else ("green" if valor > 0 else ""))


def pct(valor: Decimal | None) -> str:
    """A factor as a percentage with 4 places (a dash for None or zero)."""
    if valor is None or valor == 0:
        return "—"
    return f"{valor * 100:.4f}".replace(".", ",") + " %"


def rotulo(codigo: str, nomes: Mapping[str, str]) -> str:
    """An agent code with its sigla from ``nomes`` when known."""
    return f"{codigo} {nomes[codigo]}" if codigo in nomes else str(codigo)


__all__ = ["pct", "rotulo", "rs"]
