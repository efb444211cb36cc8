"""Turn what callers pass as a period (a month, dates, datetimes) into the bus's ``periodoReferencia``.

The bus works in Brasília wall-clock time and the official envelopes send naive datetimes
(``2019-01-01T00:00:00`` to ``2019-02-01T00:00:00`` for January), so aware datetimes are converted
to Brasília time and sent naive; a month ``"2026-01"`` becomes [first day, first day of next month).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any, Union

from .errors import InputError
from .models.base import FUSO_CCEE, Periodo

Instante = Union[date, datetime, str]
PeriodoLike = Union[str, date, datetime, tuple[Any, Any], Periodo, None]

_MES = re.compile(r"^(\d{4})-(\d{2})$")


def mes(texto: str) -> tuple[datetime, datetime]:
    """``"2026-01"`` → (2026-01-01 00:00, 2026-02-01 00:00), naive Brasília time."""
    m = _MES.match(texto.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError("periodo", f"mês inválido {texto!r} (use AAAA-MM)")
    ano, num = int(m.group(1)), int(m.group(2))
    inicio = datetime(ano, num, 1)
    fim = datetime(ano + (num == 12), num % 12 + 1, 1)
    return inicio, fim


def instante(valor: Instante, campo: str = "periodo") -> datetime:
    """A date/datetime/ISO string as a naive Brasília datetime."""
    if isinstance(valor, str):
        try:
            valor = datetime.fromisoformat(valor.strip())
        except ValueError:
            raise InputError(campo, f"data inválida {valor!r} (use AAAA-MM-DD ou AAAA-MM-DDTHH:MM:SS)") from None
    if isinstance(valor, datetime):
        if valor.tzinfo is not None:
            valor = valor.astimezone(FUSO_CCEE).replace(tzinfo=None)
        return valor
    if isinstance(valor, date):
        return datetime.combine(valor, time())
    raise InputError(campo, f"tipo de data não suportado: {type(valor).__name__}")


def periodo_referencia(periodo: PeriodoLike, campo: str = "periodo") -> dict[str, datetime] | None:
    """The ``periodoReferencia`` value for zeep, or None when no period was given."""
    if periodo is None:
        return None
    if isinstance(periodo, Periodo):
        periodo = (periodo.inicio, periodo.fim)
    if isinstance(periodo, str):
        if _MES.match(periodo.strip()):
            inicio, fim = mes(periodo)
            return {"inicio": inicio, "fim": fim}
        if ".." in periodo:
            a, b = periodo.split("..", 1)
            inicio = mes(a)[0] if _MES.match(a.strip()) else instante(a, campo)
            fim = mes(b)[1] if _MES.match(b.strip()) else instante(b, campo)
            return _ordenado(inicio, fim, campo)
        return {"inicio": instante(periodo, campo)}
    if isinstance(periodo, tuple):
        if len(periodo) != 2:
            raise InputError(campo, "use (início, fim)")
        inicio = instante(periodo[0], campo) if periodo[0] is not None else None
        fim = instante(periodo[1], campo) if periodo[1] is not None else None
        if inicio is None:
            return {"fim": fim} if fim else None
        if fim is None:
            return {"inicio": inicio}
        return _ordenado(inicio, fim, campo)
    if isinstance(periodo, datetime | date):
        if isinstance(periodo, datetime):
            return {"inicio": instante(periodo, campo)}
        return {"inicio": instante(periodo, campo), "fim": instante(periodo, campo).replace(hour=23)}
    raise InputError(campo, f"período não reconhecido: {periodo!r}")


def _ordenado(inicio: datetime, fim: datetime, campo: str) -> dict[str, datetime]:
    if fim <= inicio:
        raise InputError(campo, f"o fim ({fim:%Y-%m-%d %H:%M}) deve ser posterior ao início ({inicio:%Y-%m-%d %H:%M})")
    return {"inicio": inicio, "fim": fim}
