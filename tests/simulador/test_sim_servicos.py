"""Every service of the catalog answers the real client over loopback HTTPS, and the answers decode."""

from __future__ import annotations

from decimal import Decimal

from ccee_barramento.models import SituacaoMontante, TipoMontanteEnergia


def test_participantes_e_perfis(cliente):
    ccee = cliente("serra.azul")
    participantes = ccee.listar_participantes().todos()
    assert len(participantes) >= 6
    serra = next(p for p in participantes if p.codigo == 51001)
    assert serra.cnpj == "11222333000181"
    assert serra.nome_empresarial == "GERADORA SERRA AZUL S.A."
    assert str(serra.classe) == "Gerador"
    assert {p.codigo for p in serra.perfis} == {61001, 61002}
    assert [p.codigo for p in ccee.listar_participantes(sigla="VENTOS")] == [51002]
    assert [p.codigo for p in ccee.listar_participantes(codigos=[51004, 51005])] == [51004, 51005]
    assert [p.codigo for p in ccee.listar_participantes(cnpjs="44555666000154")] == [51004]

    perfis = ccee.listar_perfis(codigo_agente=51001).todos()
    assert [(p.codigo, p.perfil_principal) for p in perfis] == [(61001, True), (61002, False)]
    assert perfis[0].codigo_agente == 51001
    assert perfis[0].submercado.id == 1
    (varejista,) = ccee.listar_perfis(codigo_perfil=61004).todos()
    assert varejista.comercializador_varejista is True


def test_ativos_e_parcelas(cliente):
    ccee = cliente("alvorada")
    cargas = ccee.listar_ativos_medicao(tipo="carga").todos()
    assert cargas and all(str(a.tipo) == "Carga" for a in cargas)
    usinas = ccee.listar_ativos_medicao(tipo="usina", codigo_agente=51006).todos()
    assert [a.codigo for a in usinas] == [71006]
    assert usinas[0].ceg.startswith("UHE.")
    parcelas = ccee.listar_parcelas_ativo(codigo_perfil=61001).todos()
    assert [p.codigo for p in parcelas] == [81001]
    assert parcelas[0].codigo_ativo == 71001
    assert parcelas[0].garantia_fisica == Decimal("64.200")
    assert parcelas[0].submercado.id == 1


def test_contratos_livres_e_detalhe(cliente):
    ccee = cliente("serra.azul")
    contratos = ccee.listar_contratos(periodo="2026-01", perfis=[61001], papel="VENDEDOR").todos()
    assert {c.id for c in contratos} >= {900001, 900004}
    c = next(c for c in contratos if c.id == 900001)
    assert c.tipo_contrato.id == 10185 and c.tipo_contrato.sub_tipo.id == 10777
    assert c.vendedor.codigo_perfil == 61001 and c.vendedor.perfil.sigla == "SERRA AZUL"
    assert c.comprador.codigo_perfil == 61005 and c.comprador.participante_mercado.codigo == 51003
    assert c.ambiente == "LIVRE" and not c.regulado
    assert c.montantes_nao_validados is True
    assert c.periodo_vigencia.inicio.utcoffset().total_seconds() == -3 * 3600

    detalhe = ccee.obter_contrato(900001, periodo="2026-01..2026-06")
    assert detalhe.referencia == "SA-RIODOCE-2026"
    situacoes = [m.situacao.codigo for m in detalhe.montantes_energia]
    assert situacoes == [10784, 10784, 10784, 10786, 10783, 10783]


def test_contratos_regulados_e_tipos_de_montante(cliente):
    ccee = cliente("luz.vale")
    regulados = ccee.listar_contratos(ambiente="REGULADO", periodo="2026-03").todos()
    assert {c.id for c in regulados} == {800001, 800002, 800003}
    assert all(c.regulado for c in regulados)
    for tipo in (
        "MONTANTE_ENERGIA_ANUAL",
        "MONTANTE_ENERGIA_MENSAL",
        "MONTANTE_ANO_CONTRATUAL",
        "MONTANTE_OBRIGACAO_ENTREGA",
    ):
        montantes = ccee.listar_montantes_energia(contratos=[800001], tipos=tipo, ambiente="REGULADO").todos()
        assert montantes and all(m.tipo == TipoMontanteEnergia(tipo) for m in montantes)
        assert all(m.unidade_medida == "MWh" for m in montantes)
    (anual,) = ccee.listar_montantes_energia(contratos=[800001], tipos="MONTANTE_ENERGIA_ANUAL").todos()
    assert anual.valor == Decimal("438000")


def test_mve_e_declarado(cliente):
    ccee = cliente("ventos.sul")
    mve = ccee.listar_contratos(tipos=[10185]).todos()
    mve = [c for c in mve if c.tipo_contrato.sub_tipo and c.tipo_contrato.sub_tipo.id == 10790]
    assert [c.id for c in mve] == [900102]
    assert mve[0].tipo_contrato.sub_tipo.descricao == "CCEAL MVE"
    assert mve[0].vendedor.codigo_perfil == 61007  # the distributor sells its surplus

    horarios = ccee.listar_montantes_energia(
        contratos=[900004], periodo="2026-01", tipos="MONTANTE_MODULARIZADO"
    ).todos()
    assert len(horarios) == 31 * 24
    assert all(m.unidade_medida == "MWh" for m in horarios)
    media = sum(m.valor for m in horarios) / len(horarios)
    assert abs(media - Decimal("15")) < Decimal("0.5")


def test_montantes_nao_validados_do_comprador(cliente):
    ccee = cliente("rio.doce")
    pendentes = ccee.listar_montantes_nao_validados(perfis=[61005], periodo="2026-01..2026-12").todos()
    assert pendentes and all(m.nao_validado for m in pendentes)
    semeados = 900102  # other tests may register contracts on the shared simulator
    assert {m.codigo_contrato for m in pendentes if m.codigo_contrato <= semeados} == {900001, 900101}
    assert SituacaoMontante.AJUSTADO_NAO_VALIDADO in {m.situacao.codigo for m in pendentes}
    so_pendentes = ccee.listar_contratos(nao_validados=True, tipos=[10185]).todos()
    assert {c.id for c in so_pendentes if c.id <= semeados} == {900001, 900101}


def test_cada_resposta_traz_transaction_id(cliente):
    pagina = cliente("serra.azul").listar_participantes(tamanho_pagina=2).primeira
    assert pagina.transaction_id and len(pagina.transaction_id) == 36
    outra = cliente("serra.azul").listar_participantes(tamanho_pagina=2).primeira
    assert outra.transaction_id != pagina.transaction_id
