"""Settings of the ContratosCCEAL writer: the uncertain points of the format, kept in one place.

The reader (``ler_xml``) accepts every variant below whatever the settings; the settings only
choose what ``gerar_xml`` writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ConfigurationError

#: Names that CCEE's examples spell with accents too (canonical -> accented).
GRAFIAS_ACENTUADAS: dict[str, str] = {
    "tipoGravacao": "tipoGravação",
    "observacao": "observação",
    "MontanteMedio": "MontanteMédio",
    "MontanteMedioContratoCCEALFirme": "MontanteMédioContratoCCEALFirme",
    "patamarMedio": "patamarMédio",
}
_SEM_ACENTO = {acentuado: canonico for canonico, acentuado in GRAFIAS_ACENTUADAS.items()}

#: The week element is spelled ``semana`` (CCEAL example) and ``Semana`` (CBR and Leilão examples).
GRAFIAS_SEMANA = ("semana", "Semana")


def canonico(nome: str) -> str:
    """The canonical (unaccented) spelling of an element or attribute name read from a file."""
    return _SEM_ACENTO.get(nome, nome)


@dataclass(frozen=True)
class ConfigCCEAL:
    """What ``gerar_xml`` writes where the public description of the format is ambiguous.

    - ``separador_decimal``: "," (the spec's examples, default) or ".".
    - ``acentos``: write ``tipoGravação``, ``observação``, ``MontanteMédio``,
      ``MontanteMédioContratoCCEALFirme``, ``patamarMédio`` instead of the unaccented names.
    - ``data_com_minutos``: write ``DD/MM/AAAA HH:MM:SS`` instead of the mask ``DD/MM/AAAA HH``.
    - ``elemento_semana``: name of the weekly amount element (operations 2 and 13).
    - ``elemento_patamar``: name of the per-patamar week element (operations 6 and 17).
    """

    separador_decimal: str = ","
    acentos: bool = False
    data_com_minutos: bool = False
    elemento_semana: str = "semana"
    elemento_patamar: str = "Semana"

    def __post_init__(self) -> None:
        if self.separador_decimal not in (",", "."):
            raise ConfigurationError(f'separador_decimal deve ser "," ou "." (recebido {self.separador_decimal!r})')
        for campo in ("elemento_semana", "elemento_patamar"):
            if getattr(self, campo) not in GRAFIAS_SEMANA:
                raise ConfigurationError(f"{campo} deve ser 'semana' ou 'Semana' (recebido {getattr(self, campo)!r})")

    def nome(self, canonico: str) -> str:
        """The spelling to write for a canonical element or attribute name."""
        return GRAFIAS_ACENTUADAS.get(canonico, canonico) if self.acentos else canonico
