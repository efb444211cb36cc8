"""The SDK's models (what ``CCEEClient`` fetches) as engine tables, without hand work.

* :func:`perfis_de` — ``PERFIS`` (perfil, agente), the profile-to-agent map Aα, from fetched
  :class:`~ccee_barramento.models.Perfil`, :class:`~ccee_barramento.models.ParticipanteMercado` (with
  its ``perfis``), :class:`~ccee_barramento.models.Contrato` (buyer and seller sides) or
  :class:`~ccee_barramento.models.ParteContrato`, in any mix;
* :func:`siglas_de` — agent code → sigla, for display;
* :func:`montantes_de` — the contracts' energy amounts as the exact table ``MONTANTE``
  (contrato, perfil_vendedor, perfil_comprador, tipo, patamar, unidade, mes, MONTANTE in MWh/MWm);
* :func:`tabela` — any tables the user already has (pandas, Arrow, polars, rows) normalized to a spec.

Codes become text (``1001`` → ``"1001"``), values stay exact (the models hold ``Decimal``).
"""

from __future__ import annotations

from typing import Any, Iterable

import polars as pl

from ..models import Contrato, MontanteEnergia, ParteContrato, ParticipanteMercado, Perfil
from ..models.cadastro import PerfilResumo
from .exact import Precisao
from .tables import ErroTabela, TabelaSpec, normalizar

PERFIS = TabelaSpec.conjunto("PERFIS", ("perfil", "agente"), mensal=False, descricao="Aα: perfil → agente")
MONTANTE = TabelaSpec.variavel(
    "MONTANTE", ("contrato", "perfil_vendedor", "perfil_comprador", "tipo", "patamar", "unidade"), "MWh",
    "Montante de energia do contrato no mês (unidade na coluna unidade)",
)


def _pares(obj: Any) -> Iterable[tuple[Any, Any]]:
    """(perfil code, agent code) pairs an object states."""
    if isinstance(obj, Perfil):
        yield obj.codigo_perfil, obj.codigo_agente
    elif isinstance(obj, ParticipanteMercado):
        for p in obj.perfis:
            yield p.codigo_perfil, obj.codigo
    elif isinstance(obj, ParteContrato):
        agente = obj.participante_mercado.codigo if obj.participante_mercado else None
        yield obj.codigo_perfil, agente
    elif isinstance(obj, Contrato):
        for parte in (obj.comprador, obj.vendedor):
            if parte is not None:
                yield from _pares(parte)
    elif isinstance(obj, PerfilResumo):
        yield obj.codigo_perfil, None
    else:
        raise ErroTabela("PERFIS", f"não sei extrair perfis de {type(obj).__name__}")


def perfis_de(objetos: Iterable[Any]) -> pl.DataFrame:
    """PERFIS (perfil, agente) from fetched models; pairs without both codes are skipped, a profile
    stated with two different agents is an error."""
    mapa: dict[str, str] = {}
    for obj in objetos:
        for perfil, agente in _pares(obj):
            if perfil is None or agente is None:
                continue
            p, a = str(perfil), str(agente)
            if mapa.get(p, a) != a:
                raise ErroTabela("PERFIS", f"o perfil {p} aparece com os agentes {mapa[p]} e {a}")
            mapa[p] = a
    return pl.DataFrame({"perfil": list(mapa), "agente": list(mapa.values())}, schema={"perfil": pl.String, "agente": pl.String})


def siglas_de(objetos: Iterable[Any]) -> dict[str, str]:
    """Agent code → sigla, from participants, profiles or contracts."""
    siglas: dict[str, str] = {}

    def participante(pm: ParticipanteMercado | None) -> None:
        if pm is not None and pm.codigo is not None and pm.sigla:
            siglas.setdefault(str(pm.codigo), pm.sigla)

    for obj in objetos:
        if isinstance(obj, ParticipanteMercado):
            participante(obj)
        elif isinstance(obj, Perfil):
            participante(obj.participante_mercado)
        elif isinstance(obj, ParteContrato):
            participante(obj.participante_mercado)
        elif isinstance(obj, Contrato):
            for parte in (obj.comprador, obj.vendedor):
                if parte is not None:
                    participante(parte.participante_mercado)
    return siglas


def _mes(montante: MontanteEnergia) -> str | None:
    inicio = montante.periodo.inicio if montante.periodo else None
    return f"{inicio:%Y-%m}" if inicio else None


def montantes_de(objetos: Iterable[Contrato | MontanteEnergia], precisao: Precisao | None = None) -> pl.DataFrame:
    """The energy amounts of contracts (or loose amounts) as the exact table MONTANTE.

    A loose :class:`MontanteEnergia` has no parties: its profile columns are empty text. Amounts without
    a value or a period are skipped.
    """
    linhas = []
    for obj in objetos:
        if isinstance(obj, Contrato):
            vendedor = obj.vendedor.codigo_perfil if obj.vendedor else None
            comprador = obj.comprador.codigo_perfil if obj.comprador else None
            pares = [(obj.codigo_contrato, vendedor, comprador, m) for m in obj.montantes_energia]
        elif isinstance(obj, MontanteEnergia):
            pares = [(obj.codigo_contrato, None, None, obj)]
        else:
            raise ErroTabela("MONTANTE", f"não sei extrair montantes de {type(obj).__name__}")
        for contrato, vendedor, comprador, m in pares:
            mes = _mes(m)
            if m.valor is None or mes is None:
                continue
            tipo = m.tipo.value if hasattr(m.tipo, "value") else (m.tipo or "")
            linhas.append({
                "contrato": "" if contrato is None else str(contrato),
                "perfil_vendedor": "" if vendedor is None else str(vendedor),
                "perfil_comprador": "" if comprador is None else str(comprador),
                "tipo": str(tipo), "patamar": m.patamar or "", "unidade": m.unidade_medida or "",
                "mes": mes, "MONTANTE": m.valor,
            })
    if not linhas:
        return MONTANTE.vazia()
    return normalizar(linhas, MONTANTE, precisao)


def tabela(obj: Any, spec: TabelaSpec, precisao: Precisao | None = None) -> pl.DataFrame:
    """A table the user already has (pandas, Arrow, polars, rows) in the engine's form for ``spec``."""
    return normalizar(obj, spec, precisao)


__all__ = ["MONTANTE", "PERFIS", "montantes_de", "perfis_de", "siglas_de", "tabela"]
