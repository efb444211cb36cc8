"""The jobs users script every month: register (seller), validate (buyer), watch, receive webhooks."""

from .diario import Diario
from .notificacoes import EstadoNotificacoes, Notificacao
from .processamento import ProcessamentoPendente, aguardar_processamento
from .registro import carimbar_referencias, registrar
from .submissao import ResultadoContrato, ResultadoSubmissao, submeter
from .validacao import Decisao, ItemValidacao, PlanoValidacao, ResultadoValidacao, planejar_validacao, validar
from .vigia import vigiar
from .webhook import ReceptorWebhook

__all__ = [
    "Decisao",
    "Diario",
    "EstadoNotificacoes",
    "ItemValidacao",
    "Notificacao",
    "PlanoValidacao",
    "ProcessamentoPendente",
    "ReceptorWebhook",
    "ResultadoContrato",
    "ResultadoSubmissao",
    "ResultadoValidacao",
    "aguardar_processamento",
    "carimbar_referencias",
    "planejar_validacao",
    "registrar",
    "submeter",
    "validar",
    "vigiar",
]
