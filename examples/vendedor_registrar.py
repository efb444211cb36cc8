"""Seller: register a monthly CCEAL with the journaled workflow (safe to run twice)."""

from decimal import Decimal

from _conexao import cliente

from ccee_barramento.cceal import Submercado, novo_contrato_mensal
from ccee_barramento.workflows import registrar

arquivo = novo_contrato_mensal(
    61005,
    61001,
    Submercado.SUDESTE,
    [("11/2026", Decimal("8.5")), ("12/2026", Decimal("8.5"))],
    referencia="EXEMPLO-VENDEDOR-NOV-DEZ",
)
with cliente("serra.azul") as ccee:
    resultado = registrar(ccee, arquivo)  # journal under the user's data dir
    for contrato in resultado.contratos:
        print(contrato.sequencial_controle, contrato.status, contrato.codigo_contrato, contrato.descricao)
    print("de novo, sem reenviar:", registrar(ccee, arquivo).do_diario)
