"""Every code the simulator answers with, in one place: faults, contract and amount states, types.

Codes marked *ours* are not published by CCEE; they are the simulator's (and the SDK's) choice.
"""

from __future__ import annotations

from dataclasses import dataclass

# --------------------------------------------------------------------------- faults


@dataclass(frozen=True)
class CodigoFalha:
    """One bus fault: FM element, errorCode and the default message (faultstring too)."""

    elemento: str
    codigo: str
    mensagem: str


#: securityFault — bad user/password, missing credentials, or a codigoPerfilAgente the user may not use.
SEGURANCA = CodigoFalha("securityFault", "2001", "Usuario nao esta autorizado a usar o codigoPerfilAgente.")
CREDENCIAIS_INVALIDAS = CodigoFalha("securityFault", "2001", "Rejected: usuario ou senha invalidos.")
#: invalidParametersFault — a parameter is invalid (e.g. period end before its start). Ours.
PARAMETRO_INVALIDO = CodigoFalha("invalidParametersFault", "3001", "Parametro invalido.")
#: Unknown contract, or a free-market contract of a profile that is neither own nor represented. Ours.
CONTRATO_NAO_ENCONTRADO = CodigoFalha(
    "invalidParametersFault", "3002", "Contrato nao encontrado para os perfis proprios ou representados."
)
#: Unknown codigoProcessamento (or one imported by another agent). Ours.
PROCESSAMENTO_NAO_ENCONTRADO = CodigoFalha("invalidParametersFault", "3003", "Codigo de processamento nao encontrado.")
#: The ContratosCCEAL file cannot be read at all (not XML, unknown root...). Ours.
ARQUIVO_ILEGIVEL = CodigoFalha("invalidParametersFault", "3005", "Arquivo XML de contratos invalido.")
#: paginacao/quantidadeItens above the service's page limit (seed 000 cites Server.3006).
PAGINA_ACIMA_DO_LIMITE = CodigoFalha(
    "invalidParametersFault", "3006", "Quantidade de itens por pagina acima do limite do servico."
)
#: unexpectedTechnicalFault — injected, or any internal error (never a traceback).
FALHA_TECNICA = CodigoFalha("unexpectedTechnicalFault", "4001", "Erro retornado pelo provedor da informação")
#: unexpectedSchemaFault — the request does not validate against the service's XSD. Ours.
FALHA_SCHEMA = CodigoFalha("unexpectedSchemaFault", "4002", "Requisicao nao obedece ao XSD do servico.")

TABELA_FALHAS: tuple[CodigoFalha, ...] = (
    SEGURANCA,
    CREDENCIAIS_INVALIDAS,
    PARAMETRO_INVALIDO,
    CONTRATO_NAO_ENCONTRADO,
    PROCESSAMENTO_NAO_ENCONTRADO,
    ARQUIVO_ILEGIVEL,
    PAGINA_ACIMA_DO_LIMITE,
    FALHA_TECNICA,
    FALHA_SCHEMA,
)

# --------------------------------------------------------------------------- amounts

INSERIDO_NAO_VALIDADO = 10783
VALIDADO = 10784  # ours
AJUSTADO_NAO_VALIDADO = 10786
NAO_VALIDADOS = (INSERIDO_NAO_VALIDADO, AJUSTADO_NAO_VALIDADO)

SITUACOES_MONTANTE = {
    INSERIDO_NAO_VALIDADO: "INSERIDO_NAO_VALIDADO",
    VALIDADO: "VALIDADO",
    AJUSTADO_NAO_VALIDADO: "AJUSTADO_NAO_VALIDADO",
}

MONTANTE_MEDIO = "MONTANTE_MEDIO"
MONTANTE_MODULARIZADO = "MONTANTE_MODULARIZADO"
TIPOS_MONTANTE = (
    MONTANTE_MEDIO,
    MONTANTE_MODULARIZADO,
    "MONTANTE_ENERGIA_ANUAL",
    "MONTANTE_ENERGIA_MENSAL",
    "MONTANTE_ANO_CONTRATUAL",
    "MONTANTE_OBRIGACAO_ENTREGA",
)
#: Unit of each amount kind (average amounts in MWm, the others in MWh).
UNIDADE = {t: ("MWm" if t == MONTANTE_MEDIO else "MWh") for t in TIPOS_MONTANTE}

# --------------------------------------------------------------------------- contracts (ours)

RASCUNHO = 10801
REGISTRADO = 10802
CONTRATO_VALIDADO = 10803
FINALIZADO = 10804
CANCELADO = 10805

SITUACOES_CONTRATO = {
    RASCUNHO: "RASCUNHO",
    REGISTRADO: "REGISTRADO",
    CONTRATO_VALIDADO: "VALIDADO",
    FINALIZADO: "FINALIZADO",
    CANCELADO: "CANCELADO",
}

LIVRE = "LIVRE"
REGULADO = "REGULADO"

TIPO_ACL = 10185
SUBTIPO_CCEAL = 10777
#: CCEAL sold by a distributor through the Mecanismo de Venda de Excedentes. Ours.
SUBTIPO_CCEAL_MVE = 10790
TIPO_ACR = 10186

SUBTIPOS = {SUBTIPO_CCEAL: "CCEAL", SUBTIPO_CCEAL_MVE: "CCEAL MVE"}
TIPOS_CONTRATO = {
    TIPO_ACL: ("CCEAL", "Contrato de Comercializacao de Energia no Ambiente Livre"),
    TIPO_ACR: ("CCEAR", "Contrato de Comercializacao de Energia no Ambiente Regulado"),
}

SUBMERCADOS = {1: "SUDESTE/CENTRO-OESTE", 2: "SUL", 3: "NORDESTE", 4: "NORTE"}
MODULACOES = {"F": "Flat", "G": "Geracao", "C": "Carga", "M": "MRE"}

# --------------------------------------------------------------------------- processing and webhooks

EM_PROCESSAMENTO = "EM_PROCESSAMENTO"
PROCESSADO = "PROCESSADO"
IMPORTACAO_CONTRATOS = "IMPORTACAO_CONTRATOS"

EVENTOS = (
    "CONTRATO.REGISTRADO",
    "CONTRATO.VALIDADO",
    "CONTRATO.ATUALIZADO",
    "CONTRATO.CANCELADO",
    "CONTRATO.FINALIZADO",
    "MONTANTE_ENERGIA.AJUSTADO",
    "MONTANTE_ENERGIA.VALIDADO",
)
