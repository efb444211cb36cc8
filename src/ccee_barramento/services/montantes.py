"""Energy amounts: listarMontanteEnergia (MontanteEnergiaBSv2), all six kinds, and the unvalidated filter."""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..models.contrato import MontanteEnergia, TipoMontanteEnergia
from ..periodos import PeriodoLike, periodo_referencia
from .base import Servico, booleano, codigo, lista_de
from .contratos import _ambiente
from .paginador import Paginador


def _tipo(valor: Any) -> str:
    try:
        return TipoMontanteEnergia(str(getattr(valor, "value", valor)).upper()).value
    except ValueError:
        validos = ", ".join(t.value for t in TipoMontanteEnergia)
        raise InputError("tipos", f"tipo de montante desconhecido {valor!r} (use {validos})") from None


def _chave_montante(m: MontanteEnergia) -> tuple[Any, ...] | None:
    """An amount is one per contract, kind, period start and patamar (its ``id`` when the bus sends one)."""
    if m.id is not None:
        return ("id", m.id)
    if m.codigo_contrato is None or m.periodo is None or m.periodo.inicio is None:
        return None
    return (m.codigo_contrato, m.tipo, m.periodo.inicio, m.patamar)


class MontantesEnergia(Servico):
    """MontanteEnergiaBSv2."""

    def listar(
        self,
        *,
        contratos: Any = None,
        periodo: PeriodoLike = None,
        tipos: Any = TipoMontanteEnergia.MONTANTE_MEDIO,
        ambiente: Any = None,
        nao_validados: bool | str | None = None,
        perfis: Any = None,
        tamanho_pagina: int | None = None,
        concorrencia: int | None = None,
        codigo_perfil_agente: str | int | None = None,
    ) -> Paginador[MontanteEnergia]:
        """Amounts of the given contracts (or profiles) and kinds; ``nao_validados`` keeps 10783/10786."""
        corpo = {
            "contratos": {"contrato": [{"id": codigo(c, "contratos")} for c in lista_de(contratos, "contratos") or []]},
            "periodoReferencia": periodo_referencia(periodo),
            "tipos": {"tipoMontanteEnergia": [{"nome": _tipo(t)} for t in lista_de(tipos, "tipos") or []]},
            "ambienteContratacao": _ambiente(ambiente),
            "listarMontantesNaoValidados": booleano(nao_validados),
            "perfis": {"perfil": [{"id": codigo(p, "perfis")} for p in lista_de(perfis, "perfis") or []]},
        }
        return self._paginador(
            "listarMontanteEnergia",
            corpo,
            "montantesEnergia",
            MontanteEnergia,
            chave=_chave_montante,
            tamanho_pagina=tamanho_pagina,
            concorrencia=concorrencia,
            codigo_perfil_agente=codigo_perfil_agente,
        )
