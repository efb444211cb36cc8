"""An embedded simulator of the CCEE bus (Plataforma de Integração) for development and tests.

A real SOAP 1.1 server over loopback HTTPS (optionally mutual TLS) for every service of the catalog,
driven by the same ``wsdl/`` contracts as the client: requests are validated against our XSDs,
authenticated (WSSE UsernameToken + ``codigoPerfilAgente``) and answered from an SQLite database
seeded with a fictitious demo market (``dados/mercado_demo.json``) or a synthetic one of any size::

    from ccee_barramento import CCEEClient
    from ccee_barramento.simulator import Simulador

    with Simulador() as sim:
        with CCEEClient(sim.configuracao("serra.azul")) as ccee:
            for contrato in ccee.listar_contratos(periodo="2026-01"):
                print(contrato.id, contrato.situacao)

Run it standalone with ``ccee simulador``. Codes the simulator answers with (see :mod:`.codigos`):

* faults — securityFault 2001 (credentials, or "Usuario nao esta autorizado a usar o
  codigoPerfilAgente."); invalidParametersFault 3001 parameter, 3002 contract not found or not
  visible, 3003 processing not found, 3005 unreadable ContratosCCEAL file, 3006 page above the
  service limit; unexpectedTechnicalFault 4001; unexpectedSchemaFault 4002;
* amounts — 10783 INSERIDO_NAO_VALIDADO, 10786 AJUSTADO_NAO_VALIDADO (seed 000), 10784 VALIDADO (ours);
* contracts — ACL tipoContrato 10185 with subTipo 10777 (CCEAL); **subTipo 10790 "CCEAL MVE"** is
  our code for CCEAL sold by a distributor through the Mecanismo de Venda de Excedentes; ACR 10186;
  contract states 10801 RASCUNHO, 10802 REGISTRADO, 10803 VALIDADO, 10804 FINALIZADO,
  10805 CANCELADO (ours).
"""

from .dados import Mercado, carregar_mercado, gerar_mercado
from .falhas import FalhasSimuladas
from .simulador import Simulador, UsuarioDemo
from .webhooks import Webhooks

__all__ = [
    "FalhasSimuladas",
    "Mercado",
    "Simulador",
    "UsuarioDemo",
    "Webhooks",
    "carregar_mercado",
    "gerar_mercado",
]
