"""The catalog of bus services this SDK speaks: name, endpoint path, version, operations, page limits.

The WSDL files themselves live in ``wsdl/`` (shipped inside the wheel as ``ccee_barramento/wsdl``);
a user with the real CCEE WSDLs can point ``wsdl_dir`` at a folder made by ``ccee wsdl sync``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from . import namespaces as ns


@dataclass(frozen=True)
class ServiceSpec:
    """One bus service (a ``*BSv1``/``*BSv2`` WSDL)."""

    nome: str
    caminho: str
    versao: int
    operacoes: tuple[str, ...]
    #: Largest ``paginacao/quantidadeItens`` the service accepts (None: the service is not paged).
    limite_pagina: int | None = None
    #: Page size the client asks for when the caller does not say.
    pagina_padrao: int | None = None
    leitura: bool = True
    namespaces: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def paginado(self) -> bool:
        return self.limite_pagina is not None

    def wsdl_path(self, wsdl_dir: str | Path | None = None) -> Path:
        base = Path(wsdl_dir) if wsdl_dir is not None else bundled_wsdl_dir()
        return base / self.nome / f"{self.nome}.wsdl"


def _spec(nome: str, caminho: str, versao: int, operacoes: tuple[str, ...], **kw: object) -> ServiceSpec:
    return ServiceSpec(nome, caminho, versao, operacoes, namespaces=ns.for_version(versao), **kw)  # type: ignore[arg-type]


IMPORTAR_ARQUIVO = _spec("ImportarArquivoBSv1", "/ws/cntr/ImportarArquivoBSv1", 1, ("importarArquivo",), leitura=False)
RESULTADO_PROCESSAMENTO = _spec(
    "ResultadoProcessamentoBSv1", "/ws/cntr/ResultadoProcessamentoBSv1", 1, ("obterResultadoProcessamento",)
)
CONTRATO = _spec(
    "ContratoBSv2",
    "/ws/v2/ContratoBSv2",
    2,
    ("listarContrato", "obterContrato"),
    limite_pagina=100,
    pagina_padrao=100,
)
MONTANTE_ENERGIA = _spec(
    "MontanteEnergiaBSv2",
    "/ws/v2/MontanteEnergiaBSv2",
    2,
    ("listarMontanteEnergia",),
    limite_pagina=500,
    pagina_padrao=500,
)
PARCELA_ATIVO = _spec(
    "ParcelaAtivoBSv2", "/ws/v2/ParcelaAtivoBSv2", 2, ("listarParcelaAtivo",), limite_pagina=50, pagina_padrao=50
)
PARTICIPANTE_MERCADO = _spec(
    "ParticipanteMercadoBSv2",
    "/ws/v2/ParticipanteMercadoBSv2",
    2,
    ("listarParticipanteMercado",),
    limite_pagina=50,
    pagina_padrao=50,
)
PERFIL_PARTICIPANTE_MERCADO = _spec(
    "PerfilParticipanteMercadoBSv2",
    "/ws/v2/PerfilParticipanteMercadoBSv2",
    2,
    ("listarPerfilParticipanteMercado",),
    limite_pagina=50,
    pagina_padrao=50,
)
ATIVO_MEDICAO = _spec(
    "AtivoMedicaoBSv2", "/ws/v2/AtivoMedicaoBSv2", 2, ("listarAtivoMedicao",), limite_pagina=50, pagina_padrao=50
)

SERVICOS: tuple[ServiceSpec, ...] = (
    IMPORTAR_ARQUIVO,
    RESULTADO_PROCESSAMENTO,
    CONTRATO,
    MONTANTE_ENERGIA,
    PARCELA_ATIVO,
    PARTICIPANTE_MERCADO,
    PERFIL_PARTICIPANTE_MERCADO,
    ATIVO_MEDICAO,
)

POR_NOME: dict[str, ServiceSpec] = {s.nome: s for s in SERVICOS}
POR_CAMINHO: dict[str, ServiceSpec] = {s.caminho: s for s in SERVICOS}


@cache
def bundled_wsdl_dir() -> Path:
    """The service contracts shipped with the package (falls back to the source tree's ``wsdl/``)."""
    packaged = resources.files("ccee_barramento").joinpath("wsdl")
    if packaged.is_dir():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parents[2] / "wsdl"
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError("the bundled wsdl/ folder is missing from this installation of ccee-barramento")
