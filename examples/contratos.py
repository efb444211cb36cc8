"""ContratoBSv2: list my contracts as seller (listarContrato), then fetch one (obterContrato); ACR is public."""

from _conexao import cliente

from ccee_barramento.models import Papel

with cliente("serra.azul") as ccee:
    meus = ccee.listar_contratos(periodo="2026-01..2026-12", perfis=[61001], papel=Papel.VENDEDOR)
    for contrato in meus:
        print(
            f"{contrato.id}  {contrato.referencia:<24} → {contrato.comprador.perfil.sigla:<20} {contrato.situacao}"
            f"{'  (montantes não validados)' if contrato.montantes_nao_validados else ''}"
        )
    primeiro = meus.primeira.itens[0]
    detalhe = ccee.obter_contrato(primeiro.id, periodo="2026-01")
    print("obterContrato:", detalhe.id, detalhe.tipo_contrato, detalhe.periodo_vigencia)
    regulados = ccee.listar_contratos(periodo="2026-01", ambiente="REGULADO", perfis=[61007])
    print(f"{regulados.quantidade_total_itens} contratos regulados (consulta pública)")
