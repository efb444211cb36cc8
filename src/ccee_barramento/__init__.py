"""ccee-barramento: SDK for the CCEE Plataforma de Integração (SOAP bus), with a local simulator and settlement rules."""

from .client import CCEEClient
from .config import Ambiente, Configuracao
from .errors import (
    BusConnectionError,
    BusError,
    BusFault,
    BusinessFault,
    BusTimeout,
    CCEEError,
    ConfigurationError,
    HTTPStatusError,
    InputError,
    InvalidParametersFault,
    MalformedResponse,
    SchemaFault,
    SecurityFault,
    TechnicalFault,
    TransportError,
    UnexpectedTechnicalFault,
)

__version__ = "0.1.0"

__all__ = [
    "Ambiente",
    "BusConnectionError",
    "BusError",
    "BusFault",
    "BusTimeout",
    "BusinessFault",
    "CCEEClient",
    "CCEEError",
    "ConfigurationError",
    "Configuracao",
    "HTTPStatusError",
    "InputError",
    "InvalidParametersFault",
    "MalformedResponse",
    "SchemaFault",
    "SecurityFault",
    "TechnicalFault",
    "TransportError",
    "UnexpectedTechnicalFault",
    "__version__",
]
