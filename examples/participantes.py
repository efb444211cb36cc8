"""ParticipanteMercadoBSv2.listarParticipanteMercado: the market's agents (a public look-up)."""

from _conexao import cliente

with cliente() as ccee:
    participantes = ccee.listar_participantes()
    print(f"{participantes.quantidade_total_itens} participantes em {participantes.total_paginas} página(s)")
    for p in participantes:
        print(f"{p.codigo:>7}  {p.sigla:<24} {p.cnpj or '':<15} {p.classe} / {p.situacao}")
