"""Buyer: see what is pending, validate what matches the seller, confirm it left the pending list."""

from _conexao import cliente

from ccee_barramento.workflows import planejar_validacao, validar

with cliente("rio.doce") as ccee:
    plano = planejar_validacao(ccee, perfis=[61005], contrapartes=[61001])  # only SERRA AZUL's amounts
    for item in plano.itens:
        print(
            f"{item.contrato} {item.inicio:%Y-%m} {item.valor} {item.unidade}: {item.decisao.value} {item.motivo or ''}"
        )
    if plano.a_validar:
        resultado = validar(ccee, plano, perfis=[61005])
        print(f"{resultado.confirmados} de {len(plano.a_validar)} montante(s) validados e confirmados")
