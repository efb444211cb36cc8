"""PerfilParticipanteMercadoBSv2.listarPerfilParticipanteMercado: the profiles of an agent."""

import sys

from _conexao import cliente

agente = int(sys.argv[1]) if len(sys.argv) > 1 else 51001
with cliente() as ccee:
    for perfil in ccee.listar_perfis(codigo_agente=agente):
        principal = "principal" if perfil.perfil_principal else ""
        print(
            f"{perfil.codigo:>7}  {perfil.sigla:<24} submercado {perfil.submercado.nome if perfil.submercado else '-'} {principal}"
        )
