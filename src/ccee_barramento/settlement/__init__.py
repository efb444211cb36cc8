"""Settlement engine: CCEE's commercialization rules computed locally, exactly and vectorized.

The engine is shared by the rule modules (``liquidacao``; ``mve`` next):

* :mod:`.tables` — table specs (one table per seed variable; index columns ``perfil``/``agente``/``mes``),
  normalization of polars/pandas/Arrow/rows into exact-Decimal tables, CSV/Parquet I/O;
* :mod:`.exact` — scales, exact products, the division scale, output rounding (:class:`Arredondamento`);
* :mod:`.lineage` — per-command metadata and the re-derivation of one output row (``explicar``);
* :mod:`.runner` — the month-range runner carrying state between months;
* :mod:`.modelos` — SDK models (perfis, participantes, contratos) into engine tables.

The layout, the exactness policy and the benchmark are documented in ``docs/settlement.md``.
"""

from .exact import Arredondamento, Precisao
from .tables import ErroTabela, TabelaSpec

__all__ = ["Arredondamento", "ErroTabela", "Precisao", "TabelaSpec"]
