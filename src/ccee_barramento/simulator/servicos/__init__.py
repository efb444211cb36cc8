"""Operation handlers, one module per service family; :data:`OPERACOES` maps each SOAPAction to its handler.

A handler gets a :class:`Contexto` (database, session, request payload, page asked for) and returns a
:class:`Resultado` (the answer's Body element and, for listings, the paging totals), or raises
:class:`~ccee_barramento.simulator.erros.FalhaBarramento`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from ...catalog import ServiceSpec
from ..leitura import Leitor, Pagina

if TYPE_CHECKING:
    from ..banco import Banco
    from ..ciclo import Ciclo
    from ..seguranca import Sessao


@dataclass
class Contexto:
    spec: ServiceSpec
    operacao: str
    payload: etree._Element
    sessao: Sessao
    banco: Banco
    ciclo: Ciclo
    pagina: Pagina | None

    @property
    def leitor(self) -> Leitor:
        return Leitor(self.spec.namespaces["bm"], self.spec.namespaces["bo"])

    @property
    def pag(self) -> Pagina:
        return self.pagina or Pagina(1, self.spec.pagina_padrao or 50)


@dataclass
class Resultado:
    corpo: etree._Element
    paginacao: tuple[int, int, int, int] | None = None


Handler = Callable[[Contexto], Resultado]


def _operacoes() -> dict[str, Handler]:
    from . import ativos, cadastros, contratos, importacao, montantes

    return {
        "importarArquivo": importacao.importar_arquivo,
        "obterResultadoProcessamento": importacao.obter_resultado_processamento,
        "listarContrato": contratos.listar_contrato,
        "obterContrato": contratos.obter_contrato,
        "listarMontanteEnergia": montantes.listar_montante_energia,
        "listarParcelaAtivo": ativos.listar_parcela_ativo,
        "listarAtivoMedicao": ativos.listar_ativo_medicao,
        "listarParticipanteMercado": cadastros.listar_participante_mercado,
        "listarPerfilParticipanteMercado": cadastros.listar_perfil_participante_mercado,
    }


OPERACOES: dict[str, Handler] = _operacoes()
