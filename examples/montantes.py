"""MontanteEnergiaBSv2.listarMontanteEnergia: amounts of a contract, and everything still not validated."""

from _conexao import cliente

from ccee_barramento.models import TipoMontanteEnergia

with cliente("rio.doce") as ccee:
    for m in ccee.listar_montantes_energia(
        contratos=[900001], periodo="2026-01..2026-06", tipos=TipoMontanteEnergia.MONTANTE_MEDIO
    ):
        print(f"contrato {m.codigo_contrato}  {m.periodo.inicio:%Y-%m}  {m.valor} {m.unidade_medida}  {m.situacao}")
    pendentes = ccee.listar_montantes_nao_validados(perfis=[61005]).todos()
    print(f"{len(pendentes)} montante(s) aguardando a validação do comprador (10783/10786)")
