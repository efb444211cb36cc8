"""Wait for an importarArquivo processing to end, polling with exponential backoff."""

from __future__ import annotations

import time
from collections.abc import Callable

from ..client import CCEEClient
from ..errors import CCEEError
from ..models.processamento import ResultadoProcessamento


class ProcessamentoPendente(CCEEError):
    """The processing did not end within the timeout; run again later to resume polling it."""

    def __init__(self, codigo_processamento: str, decorrido: float) -> None:
        self.codigo_processamento = codigo_processamento
        self.decorrido = decorrido
        super().__init__(
            f"processamento {codigo_processamento} ainda em andamento após {decorrido:.0f}s; "
            "execute o mesmo comando de novo para retomar a consulta (o envio está no diário)"
        )


def aguardar_processamento(
    client: CCEEClient,
    codigo_processamento: str,
    *,
    codigo_perfil_agente: str | int | None = None,
    timeout: float = 600.0,
    intervalo_inicial: float = 1.0,
    intervalo_maximo: float = 30.0,
    ao_consultar: Callable[[ResultadoProcessamento, float], None] | None = None,
    dormir: Callable[[float], None] = time.sleep,
    relogio: Callable[[], float] = time.monotonic,
) -> ResultadoProcessamento:
    """Poll obterResultadoProcessamento (1 s, 2 s, 4 s … up to ``intervalo_maximo``) until it ends."""
    inicio = relogio()
    intervalo = intervalo_inicial
    while True:
        resultado = client.obter_resultado_processamento(
            codigo_processamento, codigo_perfil_agente=codigo_perfil_agente
        )
        decorrido = relogio() - inicio
        if ao_consultar is not None:
            ao_consultar(resultado, decorrido)
        if resultado.finalizado:
            return resultado
        if decorrido >= timeout:
            raise ProcessamentoPendente(codigo_processamento, decorrido)
        dormir(min(intervalo, max(0.0, timeout - decorrido)))
        intervalo = min(intervalo * 2, intervalo_maximo)
