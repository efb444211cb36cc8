"""The SDK's exception hierarchy. Nothing from zeep, lxml or requests escapes the public API.

CCEEError
├── ConfigurationError          missing or inconsistent settings (no credentials, bad .pfx, ...)
├── InputError                  a caller's argument is invalid (names the field)
├── BusFault                    the bus answered a SOAP Fault (errorCode, message, uri, transactionId)
│   ├── BusinessFault
│   │   ├── SecurityFault               securityFault (e.g. 2001: perfil not authorized)
│   │   └── InvalidParametersFault      invalidParametersFault (e.g. 3006)
│   └── TechnicalFault
│       ├── UnexpectedTechnicalFault    unexpectedTechnicalFault (e.g. 4001)
│       └── SchemaFault                 unexpectedSchemaFault (request did not match the XSD)
└── TransportError              the answer never arrived whole
    ├── BusConnectionError      refused, reset, TLS failure
    ├── BusTimeout              connect or read timeout
    ├── HTTPStatusError         a non-200 status without a SOAP Fault
    └── MalformedResponse       truncated or invalid XML, or an unexpected body
"""

from __future__ import annotations


class CCEEError(Exception):
    """Base of every error raised by ccee-barramento."""


class ConfigurationError(CCEEError):
    """The client cannot be configured as asked (the message says which setting)."""


class InputError(CCEEError, ValueError):
    """A caller's argument is invalid."""

    def __init__(self, campo: str, mensagem: str) -> None:
        self.campo = campo
        self.mensagem = mensagem
        super().__init__(f"{campo}: {mensagem}")


class BusError(CCEEError):
    """Common attributes of errors raised while talking to the bus."""

    def __init__(
        self,
        message: str,
        *,
        servico: str | None = None,
        operacao: str | None = None,
        http_status: int | None = None,
        transaction_id: str | None = None,
    ) -> None:
        self.message = message
        self.servico = servico
        self.operacao = operacao
        self.http_status = http_status
        self.transaction_id = transaction_id
        super().__init__(message)

    @property
    def onde(self) -> str:
        return ".".join(p for p in (self.servico, self.operacao) if p)

    def __str__(self) -> str:
        parts = [self.message]
        if self.onde:
            parts.append(f"[{self.onde}]")
        if self.http_status is not None:
            parts.append(f"HTTP {self.http_status}")
        if self.transaction_id:
            parts.append(f"transactionId={self.transaction_id}")
        return " ".join(parts)


class BusFault(BusError):
    """A SOAP Fault answered by the bus."""

    #: Local name of the FM fault element this class stands for.
    fault_element: str | None = None

    def __init__(
        self,
        message: str,
        *,
        error_code: str | None = None,
        uri: str | None = None,
        fault_code: str | None = None,
        fault_string: str | None = None,
        **kw: object,
    ) -> None:
        self.error_code = error_code
        self.uri = uri
        self.fault_code = fault_code
        self.fault_string = fault_string
        super().__init__(message, **kw)  # type: ignore[arg-type]

    def __str__(self) -> str:
        code = f"CCEE {self.error_code}: " if self.error_code else ""
        return code + super().__str__()


class BusinessFault(BusFault):
    """A business rule of the bus refused the request."""


class SecurityFault(BusinessFault):
    """The user, password or codigoPerfilAgente was refused (securityFault)."""

    fault_element = "securityFault"


class InvalidParametersFault(BusinessFault):
    """The request's parameters were refused (invalidParametersFault)."""

    fault_element = "invalidParametersFault"


class TechnicalFault(BusFault):
    """The bus or the provider behind it failed."""


class UnexpectedTechnicalFault(TechnicalFault):
    """unexpectedTechnicalFault (e.g. 4001, 'Erro retornado pelo provedor da informação')."""

    fault_element = "unexpectedTechnicalFault"


class SchemaFault(TechnicalFault):
    """unexpectedSchemaFault: the request did not match the service's XSD."""

    fault_element = "unexpectedSchemaFault"


class TransportError(BusError):
    """The answer never arrived whole.

    ``enviado`` is False when the request certainly never reached the bus (connection refused,
    connect timeout, TLS handshake failure) and None when it may have (reset, read timeout, a cut
    answer): a non-idempotent operation must then be reconciled before it is sent again.
    """

    def __init__(self, message: str, *, enviado: bool | None = None, **kw: object) -> None:
        self.enviado = enviado
        super().__init__(message, **kw)  # type: ignore[arg-type]


class BusConnectionError(TransportError):
    """Connection refused or reset, or the TLS handshake failed."""


class BusTimeout(TransportError):
    """The connect or read timeout ran out."""


class HTTPStatusError(TransportError):
    """A non-200 HTTP status that carries no SOAP Fault."""


class MalformedResponse(TransportError):
    """The answer is not a well-formed SOAP envelope of the expected shape."""


FAULT_CLASSES: dict[str, type[BusFault]] = {
    cls.fault_element: cls  # type: ignore[misc]
    for cls in (SecurityFault, InvalidParametersFault, UnexpectedTechnicalFault, SchemaFault)
}
