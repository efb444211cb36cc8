"""``CCEEClient``: one typed method per bus operation, for piloto, produção or a custom base URL."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, TypeVar

from . import catalog
from .config import Configuracao
from .models import (
    AtivoMedicao,
    Contrato,
    MontanteEnergia,
    ParcelaAtivo,
    ParticipanteMercado,
    Perfil,
    ResultadoProcessamento,
)
from .services.ativos import AtivosMedicao, ParcelasAtivo
from .services.base import Servico
from .services.cadastros import ParticipantesMercado, PerfisParticipanteMercado
from .services.contratos import Contratos
from .services.importacao import ImportarArquivo, ResultadoProcessamentoServico
from .services.montantes import MontantesEnergia
from .services.paginador import Paginador
from .transport.session import build_session
from .transport.soap import SoapService

S = TypeVar("S", bound=Servico)


class CCEEClient:
    """Client of the CCEE Plataforma de Integração.

    Build it from the environment (``CCEEClient()`` reads ``CCEE_*`` variables), from a
    :class:`Configuracao`, or with keyword overrides::

        with CCEEClient(ambiente="piloto", codigo_perfil_agente="12345") as ccee:
            for contrato in ccee.listar_contratos(periodo="2026-01", perfis=[12345], papel="VENDEDOR"):
                print(contrato.id, contrato.situacao)

    Every method accepts ``codigo_perfil_agente=`` to act for another of the user's profiles.
    Listings return a lazy :class:`Paginador` over all pages.
    """

    def __init__(self, config: Configuracao | None = None, **overrides: Any) -> None:
        if config is None:
            config = Configuracao.from_env(**overrides)
        elif overrides:
            config = config.com(**overrides)
        self.config = config
        self._session = build_session(config)
        self._servicos: dict[str, Servico] = {}
        self._lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> CCEEClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"CCEEClient(endpoint={self.config.endpoint_base!r}, usuario={self.config.usuario!r})"

    def _servico(self, spec: catalog.ServiceSpec, cls: type[S]) -> S:
        with self._lock:
            servico = self._servicos.get(spec.nome)
            if servico is None:
                servico = cls(SoapService(spec, self.config, self._session, wsdl_dir=self.config.wsdl_dir))
                self._servicos[spec.nome] = servico
        return servico  # type: ignore[return-value]

    @property
    def wsdl_dir(self) -> Path:
        return self.config.wsdl_dir or catalog.bundled_wsdl_dir()

    # -- registry look-ups (public) ------------------------------------------------------------

    def listar_participantes(self, **filtros: Any) -> Paginador[ParticipanteMercado]:
        """Participantes de mercado (filters: codigos, cnpjs, sigla, classe, nome_empresarial, periodo)."""
        return self._servico(catalog.PARTICIPANTE_MERCADO, ParticipantesMercado).listar(**filtros)

    def listar_perfis(self, **filtros: Any) -> Paginador[Perfil]:
        """Perfis de participantes (filters: codigo_agente, codigo_perfil, sigla, classe, periodo)."""
        return self._servico(catalog.PERFIL_PARTICIPANTE_MERCADO, PerfisParticipanteMercado).listar(**filtros)

    def listar_ativos_medicao(self, **filtros: Any) -> Paginador[AtivoMedicao]:
        """Ativos de medição (filters: tipo, nome, nome_reduzido, codigo_agente, periodo)."""
        return self._servico(catalog.ATIVO_MEDICAO, AtivosMedicao).listar(**filtros)

    def listar_parcelas_ativo(self, **filtros: Any) -> Paginador[ParcelaAtivo]:
        """Parcelas de ativo (filters: codigo_perfil, codigo_parcela, codigo_ativo, cnpj, contratos, periodo)."""
        return self._servico(catalog.PARCELA_ATIVO, ParcelasAtivo).listar(**filtros)

    def listar_ativos_associados_contrato(self, **filtros: Any) -> Paginador[ParcelaAtivo]:
        """ListarAtivoAssociadoContrato: parcelas associated with contracts (filters as listar_parcelas_ativo)."""
        return self._servico(catalog.PARCELA_ATIVO, ParcelasAtivo).associadas_contratos(**filtros)

    # -- contracts -------------------------------------------------------------------------------

    def listar_contratos(self, **filtros: Any) -> Paginador[Contrato]:
        """Contracts (filters: periodo, perfis, papel, ambiente, tipos, nao_validados)."""
        return self._servico(catalog.CONTRATO, Contratos).listar(**filtros)

    def obter_contrato(self, codigo_contrato: int | str, **filtros: Any) -> Contrato:
        """One contract (filters: periodo, ambiente)."""
        return self._servico(catalog.CONTRATO, Contratos).obter(codigo_contrato, **filtros)

    def listar_montantes_energia(self, **filtros: Any) -> Paginador[MontanteEnergia]:
        """Energy amounts (filters: contratos, perfis, periodo, tipos, ambiente, nao_validados)."""
        return self._servico(catalog.MONTANTE_ENERGIA, MontantesEnergia).listar(**filtros)

    def listar_montantes_nao_validados(self, **filtros: Any) -> Paginador[MontanteEnergia]:
        """Amounts waiting for the buyer (INSERIDO_NAO_VALIDADO 10783, AJUSTADO_NAO_VALIDADO 10786)."""
        filtros["nao_validados"] = True
        return self.listar_montantes_energia(**filtros)

    def importar_arquivo(self, arquivo: Any, *, codigo_perfil_agente: str | int | None = None) -> str:
        """Send a ContratosCCEAL file (bytes, text or a ``cceal`` model); returns the codigoProcessamento."""
        return self._servico(catalog.IMPORTAR_ARQUIVO, ImportarArquivo).importar(
            arquivo, codigo_perfil_agente=codigo_perfil_agente
        )

    def obter_resultado_processamento(
        self, codigo_processamento: str | int, *, codigo_perfil_agente: str | int | None = None
    ) -> ResultadoProcessamento:
        """The per-contract outcome of an importarArquivo processing (or its 'still processing' state)."""
        return self._servico(catalog.RESULTADO_PROCESSAMENTO, ResultadoProcessamentoServico).obter(
            codigo_processamento, codigo_perfil_agente=codigo_perfil_agente
        )
