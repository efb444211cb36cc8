"""Registry look-ups: participantes de mercado and perfis (public: any profile may ask)."""

from __future__ import annotations

from typing import Any

from ..models.cadastro import ParticipanteMercado, Perfil
from ..periodos import PeriodoLike, periodo_referencia
from .base import Servico, codigo, lista_de
from .paginador import Paginador


class ParticipantesMercado(Servico):
    """ParticipanteMercadoBSv2.listarParticipanteMercado."""

    def listar(
        self,
        *,
        codigos: Any = None,
        cnpjs: Any = None,
        sigla: str | None = None,
        classe: int | None = None,
        nome_empresarial: str | None = None,
        periodo: PeriodoLike = None,
        tamanho_pagina: int | None = None,
        concorrencia: int | None = None,
        codigo_perfil_agente: str | int | None = None,
    ) -> Paginador[ParticipanteMercado]:
        corpo = {
            "participantesMercado": {
                "participanteMercado": [{"codigo": codigo(c, "codigos")} for c in lista_de(codigos, "codigos") or []]
            },
            "identificacoes": {"identificacao": [{"numero": str(n)} for n in lista_de(cnpjs, "cnpjs") or []]},
            "sigla": sigla,
            "classe": {"codigo": classe} if classe is not None else None,
            "nomeEmpresarial": nome_empresarial,
            "periodoReferencia": periodo_referencia(periodo),
        }
        return self._paginador(
            "listarParticipanteMercado",
            corpo,
            "participantesMercado",
            ParticipanteMercado,
            chave=lambda p: p.codigo,
            tamanho_pagina=tamanho_pagina,
            concorrencia=concorrencia,
            codigo_perfil_agente=codigo_perfil_agente,
        )


class PerfisParticipanteMercado(Servico):
    """PerfilParticipanteMercadoBSv2.listarPerfilParticipanteMercado."""

    def listar(
        self,
        *,
        codigo_agente: int | str | None = None,
        codigo_perfil: int | str | None = None,
        sigla: str | None = None,
        classe: int | None = None,
        periodo: PeriodoLike = None,
        tamanho_pagina: int | None = None,
        concorrencia: int | None = None,
        codigo_perfil_agente: str | int | None = None,
    ) -> Paginador[Perfil]:
        inicio = (periodo_referencia(periodo) or {}).get("inicio")
        corpo = {
            "perfilParticipanteMercado": {
                "classe": {"codigo": classe} if classe is not None else None,
                "codigo": codigo(codigo_perfil, "codigo_perfil") if codigo_perfil is not None else None,
                "periodoVigencia": {"inicio": inicio} if inicio else None,
                "sigla": sigla,
                "participanteMercado": (
                    {"codigo": codigo(codigo_agente, "codigo_agente")} if codigo_agente is not None else None
                ),
            }
        }
        return self._paginador(
            "listarPerfilParticipanteMercado",
            corpo,
            "perfis",
            Perfil,
            chave=lambda p: p.codigo_perfil,
            tamanho_pagina=tamanho_pagina,
            concorrencia=concorrencia,
            codigo_perfil_agente=codigo_perfil_agente,
        )
