"""Where the examples connect: the real bus when CCEE_AMBIENTE/CCEE_BASE_URL is set, else the simulator.

    CCEE_AMBIENTE=piloto CCEE_USUARIO=... CCEE_SENHA=... CCEE_CERTIFICADO=agente.pfx \\
    CCEE_CERTIFICADO_SENHA=... CCEE_CODIGO_PERFIL_AGENTE=... python examples/contratos.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from ccee_barramento import CCEEClient


@contextmanager
def cliente(usuario_demo: str = "serra.azul") -> Iterator[CCEEClient]:
    """A client of the configured bus, or of an embedded simulator logged in as a demo user."""
    if os.environ.get("CCEE_AMBIENTE") or os.environ.get("CCEE_BASE_URL"):
        with CCEEClient() as ccee:
            yield ccee
        return
    from ccee_barramento.simulator import Simulador

    with Simulador(atraso_processamento=0.2) as sim, CCEEClient(sim.configuracao(usuario_demo)) as ccee:
        print(f"(sem CCEE_AMBIENTE: usando o simulador em {sim.url} como {usuario_demo})")
        yield ccee
