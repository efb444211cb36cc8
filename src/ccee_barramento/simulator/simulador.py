"""``Simulador``: the whole simulated bus in-process (HTTPS server, database, worker, webhooks)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalog import bundled_wsdl_dir
from ..config import Configuracao
from . import certificados
from .banco import Banco
from .barramento import Barramento
from .ciclo import Ciclo
from .dados import Mercado, carregar_mercado, gerar_mercado
from .falhas import FalhasSimuladas, Sorteio
from .servidor import ServidorHTTPS, contexto_servidor
from .webhooks import Webhooks

log = logging.getLogger("ccee_barramento.simulator")


@dataclass(frozen=True)
class UsuarioDemo:
    """A demo user of the simulator. Its password is not a secret: the simulator ships it."""

    login: str
    senha: str
    agente: int
    sigla: str
    perfis: tuple[int, ...]
    perfil_principal: int
    perfis_autorizados: tuple[int, ...]


class Simulador:
    """A faithful local CCEE bus on loopback HTTPS.

    ::

        with Simulador() as sim:
            with CCEEClient(sim.configuracao("serra.azul")) as ccee:
                contratos = ccee.listar_contratos(periodo="2026-01").todos()

    ``banco`` is ``":memory:"`` or a SQLite file (reused when it already holds a market); ``dados`` a
    market file (the shipped demo by default) or a :class:`Mercado`; ``contratos`` adds that many
    synthetic contracts with ``meses`` monthly amounts each. ``diretorio`` keeps the generated
    certificates (a temporary folder, removed on stop, by default).
    """

    def __init__(
        self,
        porta: int = 0,
        banco: str | Path = ":memory:",
        dados: str | Path | Mercado | None = None,
        mtls: bool = False,
        atraso_processamento: float = 0.2,
        falhas: FalhasSimuladas | None = None,
        diretorio: str | Path | None = None,
        *,
        contratos: int = 0,
        meses: int = 6,
        semente: int = 2026,
        host: str = "127.0.0.1",
        wsdl_dir: str | Path | None = None,
        validar_respostas: bool = False,
        webhook_intervalo: float = 300.0,
        webhook_tentativas: int = 288,
    ) -> None:
        self.porta_pedida = porta
        self.caminho_banco = str(banco)
        self.dados = dados
        self.mtls = mtls
        self.atraso_processamento = atraso_processamento
        self.diretorio = Path(diretorio) if diretorio is not None else None
        self.contratos_sinteticos = contratos
        self.meses = meses
        self.semente = semente
        self.host = host
        self.wsdl_dir = Path(wsdl_dir) if wsdl_dir is not None else bundled_wsdl_dir()
        self.validar_respostas = validar_respostas
        self._falhas = falhas or FalhasSimuladas()
        self.webhooks = Webhooks(intervalo=webhook_intervalo, tentativas=webhook_tentativas)
        self._temporario: Path | None = None
        self._servidor: ServidorHTTPS | None = None
        self.banco: Banco | None = None
        self.barramento: Barramento | None = None
        self.ciclo: Ciclo | None = None
        self.certificados: certificados.Certificados | None = None
        self._usuarios: dict[str, UsuarioDemo] = {}

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> Simulador:
        if self._servidor is not None:
            return self
        try:
            self._iniciar()
        except BaseException:
            self.stop()
            raise
        return self

    def _iniciar(self) -> None:
        pasta = self.diretorio
        if pasta is None:
            self._temporario = pasta = Path(tempfile.mkdtemp(prefix="ccee-simulador-"))
        self.certificados = certificados.gerar(pasta)
        mercado = self._mercado()
        self.banco = Banco(self.caminho_banco)
        if self.banco.vazio:
            self.banco.carregar(mercado)
        self.ciclo = Ciclo(self.banco, self.webhooks.publicar, atraso=self.atraso_processamento)
        self.barramento = Barramento(
            self.banco, self.ciclo, self.wsdl_dir, host=self.host, validar_respostas=self.validar_respostas
        )
        self.barramento.sorteio = Sorteio(self._falhas)
        self._usuarios = self._carregar_usuarios(mercado)
        ctx = contexto_servidor(
            self.certificados.servidor, self.certificados.servidor_chave, self.certificados.ca, self.mtls
        )
        self._servidor = ServidorHTTPS(self.barramento, ctx, self.host, self.porta_pedida)
        self.barramento.host = f"{self.host}:{self._servidor.porta}"
        self.ciclo.iniciar()
        self.webhooks.iniciar()
        self._servidor.iniciar()
        log.info("simulador do barramento CCEE em %s", self.url)

    def _mercado(self) -> Mercado:
        if isinstance(self.dados, Mercado):
            base = self.dados
        else:
            base = carregar_mercado(self.dados)
        if self.contratos_sinteticos:
            return gerar_mercado(self.contratos_sinteticos, self.meses, self.semente, base=base)
        return base

    def _carregar_usuarios(self, mercado: Mercado) -> dict[str, UsuarioDemo]:
        assert self.banco is not None and self.barramento is not None
        siglas = {p[0]: p[1] for p in mercado.participantes}
        usuarios = {}
        for u in mercado.usuarios:
            perfis = tuple(self.banco.perfis_de_agentes([u.agente]))
            principal = self.banco.perfil_principal(u.agente)
            autorizados = self.barramento.seguranca.perfis_autorizados(u.agente)
            usuarios[u.login] = UsuarioDemo(
                u.login,
                u.senha,
                u.agente,
                siglas.get(u.agente, ""),
                perfis,
                principal or perfis[0],
                autorizados,
            )
        return usuarios

    def stop(self) -> None:
        if self._servidor is not None:
            self._servidor.parar()
            self._servidor = None
        if self.ciclo is not None:
            self.ciclo.parar()
        self.webhooks.parar()
        if self.banco is not None:
            self.banco.fechar()
            self.banco = None
        if self._temporario is not None:
            shutil.rmtree(self._temporario, ignore_errors=True)
            self._temporario = None

    def __enter__(self) -> Simulador:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what clients need ---------------------------------------------------------------------

    def _exigir(self) -> ServidorHTTPS:
        if self._servidor is None:
            raise RuntimeError("o simulador não está em execução (use start() ou with Simulador() as sim)")
        return self._servidor

    @property
    def porta(self) -> int:
        return self._exigir().porta

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.porta}"

    @property
    def ca_bundle(self) -> Path:
        self._exigir()
        assert self.certificados is not None
        return self.certificados.ca

    @property
    def usuarios(self) -> dict[str, UsuarioDemo]:
        """The demo users (login → user); their passwords are the simulator's own, not secrets."""
        return dict(self._usuarios)

    def usuario(self, login: str) -> UsuarioDemo:
        try:
            return self._usuarios[login]
        except KeyError:
            raise KeyError(
                f"usuário de demonstração desconhecido: {login!r} (há: {', '.join(self._usuarios)})"
            ) from None

    def configuracao(self, usuario: str | None = None, **mudancas: Any) -> Configuracao:
        """A client configuration for ``usuario`` (default: the first demo user), ready for ``CCEEClient``."""
        self._exigir()
        assert self.certificados is not None
        u = self.usuario(usuario) if usuario else next(iter(self._usuarios.values()))
        valores: dict[str, Any] = {
            "base_url": self.url,
            "ca_bundle": self.certificados.ca,
            "usuario": u.login,
            "senha": u.senha,
            "codigo_perfil_agente": str(u.perfil_principal),
            "backoff_base": 0.05,
            "backoff_max": 0.5,
        }
        if self.mtls:
            valores["certificado"] = self.certificados.cliente_pfx
            valores["certificado_senha"] = self.certificados.cliente_senha
        valores.update(mudancas)
        return Configuracao(**valores)

    # -- test and demo controls ----------------------------------------------------------------

    @property
    def falhas(self) -> FalhasSimuladas:
        return self._falhas

    @falhas.setter
    def falhas(self, valor: FalhasSimuladas | None) -> None:
        self._falhas = valor or FalhasSimuladas()
        if self.barramento is not None:
            self.barramento.sorteio = Sorteio(self._falhas)

    def processar_pendentes(self) -> int:
        """Finish every queued importarArquivo processing now (returns how many)."""
        if self.ciclo is None:
            return 0
        return self.ciclo.processar_pendentes()

    @property
    def respostas_invalidas(self) -> list[str]:
        """Answers that failed XSD validation (recorded only with ``validar_respostas=True``)."""
        return list(self.barramento.respostas_invalidas) if self.barramento else []

    def __repr__(self) -> str:
        estado = self.url if self._servidor is not None else "parado"
        return f"Simulador({estado}, banco={self.caminho_banco!r}, mtls={self.mtls})"
