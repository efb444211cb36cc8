"""Assets and parcels, including the parcels associated with contracts (ListarAtivoAssociadoContrato)."""

from __future__ import annotations

from typing import Any

from ..models.ativo import AtivoMedicao, ParcelaAtivo
from ..periodos import PeriodoLike, periodo_referencia
from .base import Servico, codigo, lista_de
from .paginador import Paginador


class AtivosMedicao(Servico):
    """AtivoMedicaoBSv2.listarAtivoMedicao."""

    def listar(
        self,
        *,
        tipo: str | None = None,
        nome: str | None = None,
        nome_reduzido: str | None = None,
        codigo_agente: int | str | None = None,
        periodo: PeriodoLike = None,
        tamanho_pagina: int | None = None,
        concorrencia: int | None = None,
        codigo_perfil_agente: str | int | None = None,
    ) -> Paginador[AtivoMedicao]:
        inicio = (periodo_referencia(periodo) or {}).get("inicio")
        parcelas = None
        if codigo_agente is not None:
            parcelas = {"parcelaAtivo": [{"participanteMercado": {"codigo": codigo(codigo_agente, "codigo_agente")}}]}
        corpo = {
            "ativoMedicao": {
                "nome": nome,
                "nomeReduzido": nome_reduzido,
                "tipo": {"descricao": tipo.upper()} if tipo else None,
                "vigencia": {"inicio": inicio} if inicio else None,
                "parcelasAtivo": parcelas,
            }
        }
        return self._paginador(
            "listarAtivoMedicao",
            corpo,
            "ativosMedicao",
            AtivoMedicao,
            chave=lambda a: a.codigo,
            tamanho_pagina=tamanho_pagina,
            concorrencia=concorrencia,
            codigo_perfil_agente=codigo_perfil_agente,
        )


class ParcelasAtivo(Servico):
    """ParcelaAtivoBSv2.listarParcelaAtivo (also answers the parcels associated with contracts)."""

    def listar(
        self,
        *,
        codigo_perfil: int | str | None = None,
        codigo_parcela: int | str | None = None,
        codigo_ativo: int | str | None = None,
        cnpj: str | None = None,
        contratos: Any = None,
        periodo: PeriodoLike = None,
        tamanho_pagina: int | None = None,
        concorrencia: int | None = None,
        codigo_perfil_agente: str | int | None = None,
    ) -> Paginador[ParcelaAtivo]:
        inicio = (periodo_referencia(periodo) or {}).get("inicio")
        participante = None
        if codigo_perfil is not None:
            participante = {"perfis": {"perfil": [{"codigo": codigo(codigo_perfil, "codigo_perfil")}]}}
        corpo = {
            "periodoReferencia": {"inicio": inicio} if inicio else None,
            "parcelaAtivo": {
                "codigo": codigo(codigo_parcela, "codigo_parcela") if codigo_parcela is not None else None,
                "participanteMercado": participante,
                "ativoMedicao": {"codigo": codigo(codigo_ativo, "codigo_ativo")} if codigo_ativo is not None else None,
                "identificacao": {"numero": str(cnpj)} if cnpj else None,
            },
            "contratos": {"contrato": [{"id": codigo(c, "contratos")} for c in lista_de(contratos, "contratos") or []]},
        }
        return self._paginador(
            "listarParcelaAtivo",
            corpo,
            "parcelasAtivo",
            ParcelaAtivo,
            chave=lambda p: p.codigo,
            tamanho_pagina=tamanho_pagina,
            concorrencia=concorrencia,
            codigo_perfil_agente=codigo_perfil_agente,
        )

    def associadas_contratos(self, **filtros: Any) -> Paginador[ParcelaAtivo]:
        """ListarAtivoAssociadoContrato: the parcels associated with contracts.

        Asks with the ``contratos`` filter when given and keeps only parcels that carry
        ``contratosAssociado`` (wsdl/README.md, assumption 6), so it works on either reading.
        """
        paginador = self.listar(**filtros)
        paginador._filtro = lambda parcela: bool(parcela.contratos_associado)
        return paginador
