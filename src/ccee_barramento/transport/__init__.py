"""Transport layer: HTTPS session (mutual TLS), SOAP envelopes built by zeep from ``wsdl/``, faults."""

from .soap import SoapResponse, SoapService

__all__ = ["SoapResponse", "SoapService"]
