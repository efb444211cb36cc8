"""ParcelaAtivoBSv2.listarParcelaAtivo, and the parcels associated with contracts (ListarAtivoAssociadoContrato)."""

import sys

from _conexao import cliente

perfil = int(sys.argv[1]) if len(sys.argv) > 1 else 61001
with cliente() as ccee:
    print("parcelas do perfil", perfil)
    for parcela in ccee.listar_parcelas_ativo(codigo_perfil=perfil):
        print(
            f"  {parcela.codigo:>7}  {parcela.nome_reduzido or parcela.nome:<28} garantia física {parcela.garantia_fisica}"
        )
    print("parcelas associadas a contratos (modulação por carga/geração)")
    for parcela in ccee.listar_ativos_associados_contrato(codigo_perfil=perfil):
        for associado in parcela.contratos_associado:
            periodo = associado.periodo_associado
            print(
                f"  parcela {parcela.codigo} ({parcela.modalidade}) → contrato {associado.id}"
                f" {periodo.inicio:%Y-%m}..{periodo.fim:%Y-%m}"
                if periodo and periodo.inicio and periodo.fim
                else ""
            )
