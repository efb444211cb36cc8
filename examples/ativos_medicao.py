"""AtivoMedicaoBSv2.listarAtivoMedicao: metered assets (usinas, cargas) of an agent."""

import sys

from _conexao import cliente

agente = int(sys.argv[1]) if len(sys.argv) > 1 else 51001
with cliente() as ccee:
    for ativo in ccee.listar_ativos_medicao(codigo_agente=agente):
        print(f"{ativo.codigo:>7}  {ativo.nome_reduzido or ativo.nome:<28} {ativo.tipo}  CEG {ativo.ceg or '-'}")
