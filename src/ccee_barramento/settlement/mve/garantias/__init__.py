"""MVE guarantees (seed 004, version 2023.3.0, Anexo III, commands 110–144): Garantia de Participação (GP)
and Garantia de Fiel Cumprimento do Contrato (GFC).

* :func:`calcular` — the vectorized engine (polars, exact decimals): the reference value of the GP updated by
  IPCA (110), the GFC per product and in total (111–114), the return of the GP (115), its use for the fine
  for not lodging the GFC (116–120), the GFC drawn on default or disconnection per product and per pair
  (121–128), recomposition and excess (129–136), its use on non-recomposition (137–142), and the residual
  fines to settle bilaterally (143–144). Returns a :class:`ResultadoGarantias` (``.explicar``, ``.salvar``,
  ``.resumo``).
* :mod:`.referencia` — the per-row ``decimal.Decimal`` oracle of the same rules.
* :mod:`.anexo_i` — ties it to Anexo I: runs the MVE settlement of a month range and feeds its defaults,
  factors and rescission fines in.

Tables, calculation order and every decision (DECISÃO G1–G23): ``docs/mve-garantias.md``.
"""

from .anexo_i import calcular_com_anexo_i, entradas_do_anexo_i
from .esquema import ENTRADAS, SAIDAS, Configuracao, ErroGarantias
from .motor import calcular
from .resultado import EstadoGarantias, ResultadoGarantias

__all__ = ["ENTRADAS", "SAIDAS", "Configuracao", "ErroGarantias", "EstadoGarantias", "ResultadoGarantias",
           "calcular", "calcular_com_anexo_i", "entradas_do_anexo_i"]
