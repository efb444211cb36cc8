"""ImportarArquivoBSv1 + ResultadoProcessamentoBSv1, by hand (``registrar`` does this with a journal)."""

import time
from decimal import Decimal

from _conexao import cliente

from ccee_barramento.cceal import Submercado, gerar_xml, novo_contrato_por_periodo

arquivo = novo_contrato_por_periodo(
    61005,
    61001,
    Submercado.SUDESTE,
    [("01/11/2026 00", "01/12/2026 00", Decimal("3.25"))],
    referencia="EXEMPLO-IMPORTAR",
)
with cliente("serra.azul") as ccee:
    codigo = ccee.importar_arquivo(gerar_xml(arquivo))
    print("codigoProcessamento", codigo)
    while not (resultado := ccee.obter_resultado_processamento(codigo)).finalizado:
        time.sleep(0.5)
    for detalhe in resultado.detalhes:
        print(detalhe.sequencial_controle, detalhe.status, detalhe.codigo_contrato, detalhe.descricao)
