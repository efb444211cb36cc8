"""gerar_xml: bytes, declaration, spellings, separators, element order; the convenience constructors."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import cceal_fabricas as f
import pytest
from lxml import etree

from ccee_barramento.cceal import (
    ArquivoCCEAL,
    ConfigCCEAL,
    ErrosArquivoCCEAL,
    Submercado,
    TipoGeracao,
    TipoModulacao,
    cancelamento,
    edicao_por_periodo,
    finalizacao,
    gerar_xml,
    juntar,
    ler_xml,
    novo_contrato_mensal,
    novo_contrato_por_periodo,
    validacao_montantes,
    validar,
)
from ccee_barramento.errors import ConfigurationError

DECLARACAO = b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'


def test_declaracao_e_codificacao_iso_8859_1():
    a = f.arquivo(TipoGeracao.CRIAR_POR_PERIODO, f.novo(observacao="Observação: preço em R$ ç"))
    xml = gerar_xml(a)
    assert xml.startswith(DECLARACAO)
    assert "Observação: preço em R$ ç".encode("iso-8859-1") in xml
    assert "ç".encode("utf-8") not in xml
    assert etree.fromstring(xml).tag == "ContratosCCEAL"


def test_arquivo_por_periodo_padrao():
    a = novo_contrato_por_periodo(
        123,
        456,
        Submercado.NORDESTE,
        [("01/01/2026 00", "31/01/2026 23", "10,5"), (datetime(2026, 2, 1), "28/02/2026 23", Decimal("7.25"))],
        modulacao=TipoModulacao.FLAT,
        referencia="Lote 7",
    )
    assert (
        gerar_xml(a).decode("iso-8859-1")
        == """<?xml version="1.0" encoding="ISO-8859-1"?>
<ContratosCCEAL tipoGeracao="4" tipoCCEAL="1">
  <Contrato sequencialControle="1" tipoGravacao="C" dataDeInicio="01/01/2026 00" dataDeFim="28/02/2026 23" \
idComprador="123" idVendedor="456" idSubMerEntrega="3" referencia="Lote 7">
    <MontanteMedio dataDeInicio="01/01/2026 00" dataDeFim="31/01/2026 23">
      <MontanteMedioContratoCCEALFirme montanteMedio="10,500000"/>
      <TipoModulacao tipoModulacao="F"/>
    </MontanteMedio>
    <MontanteMedio dataDeInicio="01/02/2026 00" dataDeFim="28/02/2026 23">
      <MontanteMedioContratoCCEALFirme montanteMedio="7,250000"/>
      <TipoModulacao tipoModulacao="F"/>
    </MontanteMedio>
  </Contrato>
</ContratosCCEAL>
"""
    )


def test_variantes_de_grafia_separador_e_data():
    tg = TipoGeracao.CRIAR_DECLARADO_PATAMAR
    a = f.arquivo(tg, f.novo(tg, observacao="x"))
    xml = gerar_xml(
        a, ConfigCCEAL(separador_decimal=".", acentos=True, data_com_minutos=True, elemento_patamar="semana")
    ).decode("iso-8859-1")
    for trecho in (
        'tipoGravação="C"',
        'observação="x"',
        "<MontanteMédio ",
        "<MontanteMédioContratoCCEALFirme ",
        'dataDeInicio="01/01/2026 00:00:00"',
        'montanteMedio="10.500000"',
        '<semana semana="1" unidadePatamar="1" patamarLeve="1.500000" patamarMédio="2.500000"',
    ):
        assert trecho in xml
    assert ler_xml(xml.encode("iso-8859-1")) == a


def test_casas_decimais_por_campo_e_unidade():
    tg = TipoGeracao.EDITAR_DECLARADO_PATAMAR
    a = f.arquivo(
        tg,
        f.edicao(
            tg,
            montantes=[
                f.montante_edicao(
                    tg,
                    montante_medio=0,
                    patamares=[
                        f.patamar(unidade_patamar=0, leve=1, medio="2,5", pesado=None),
                        f.patamar(semana=2, unidade_patamar=1, leve="0,000001", medio=None, pesado=None),
                    ],
                )
            ],
        ),
    )
    xml = gerar_xml(a).decode()
    assert 'montanteMedio="0,000000"' in xml
    assert '<Semana semana="1" unidadePatamar="0" patamarLeve="1,000" patamarMedio="2,500"/>' in xml
    assert '<Semana semana="2" unidadePatamar="1" patamarLeve="0,000001"/>' in xml


def test_limites_de_modulacao_com_tres_casas():
    a = f.arquivo(TipoGeracao.CRIAR_POR_PERIODO)
    esperado = '<LimiteModulacao limiteMinimoModulacao="1,000" limiteMaximoModulacao="2,000"/>'
    assert esperado in gerar_xml(a).decode()


def test_horarios_agrupados_por_mes_e_dia():
    a = f.arquivo(
        TipoGeracao.CRIAR_DECLARADO_HORA,
        f.novo(
            TipoGeracao.CRIAR_DECLARADO_HORA,
            montantes=[
                f.montante(
                    TipoGeracao.CRIAR_DECLARADO_HORA,
                    horarios=[
                        f.horario(hora="22"),
                        f.horario(hora="23"),
                        f.horario(hora="23*"),
                        f.horario(dia=2, hora=0),
                        f.horario(mes_ano=date(2026, 2, 1), dia=1, hora="05"),
                    ],
                )
            ],
        ),
    )
    raiz = etree.fromstring(gerar_xml(a))
    meses = raiz.findall("Contrato/MontanteMedio/MesAno")
    assert [m.get("mesAno") for m in meses] == ["01/2026", "02/2026"]
    assert [[d.get("dia") for d in m] for m in meses] == [["01", "02"], ["01"]]
    assert [h.get("hora") for h in meses[0][0]] == ["22", "23", "23*"]
    assert ler_xml(gerar_xml(a)) == a


def test_ordem_dos_filhos_do_montante():
    """Value first, then weeks/hours/patamares, then the modulation (as in CCEE's DECLARADO example)."""
    tg = TipoGeracao.CRIAR_DECLARADO_HORA
    mod = f.modulacao(tipo_modulacao="C", id_ativo_associado_modulacao=77)
    a = f.arquivo(tg, f.novo(tg, montantes=[f.montante(tg, modulacao=mod)]))
    montante = etree.fromstring(gerar_xml(a)).find("Contrato/MontanteMedio")
    assert [filho.tag for filho in montante] == [
        "MontanteMedioContratoCCEALFirme",
        "MesAno",
        "TipoModulacao",
        "LimiteModulacao",
        "AtivoAssociadoModulacao",
    ]


def test_semanal_aninha_semana():
    a = f.arquivo(TipoGeracao.CRIAR_SEMANAL, f.novo(TipoGeracao.CRIAR_SEMANAL))
    semana = etree.fromstring(gerar_xml(a)).find("Contrato/MontanteMedio/semana")
    assert semana.get("semana") == "1"
    assert [filho.tag for filho in semana] == ["MontanteMedioContratoCCEALFirme", "TipoModulacao", "LimiteModulacao"]


def test_regras_conferidas_antes_de_gerar():
    with pytest.raises(ErrosArquivoCCEAL) as exc:
        gerar_xml(f.arquivo(TipoGeracao.CRIAR_POR_PERIODO, f.novo(id_vendedor=123)))
    assert exc.value.mensagens == [
        "Contrato sequencialControle=1, campo idVendedor: deve ser diferente de idComprador (recebido 123)"
    ]


def test_config_invalida():
    with pytest.raises(ConfigurationError, match='separador_decimal deve ser "," ou "."'):
        ConfigCCEAL(separador_decimal=";")
    with pytest.raises(ConfigurationError, match="elemento_semana deve ser 'semana' ou 'Semana'"):
        ConfigCCEAL(elemento_semana="Week")


# -- convenience constructors --------------------------------------------------------------------


def test_novo_contrato_mensal():
    a = novo_contrato_mensal(1, 2, 2, {"02/2028": "3,5", date(2028, 3, 15): 4})
    [c] = a.contratos
    assert a.tipo_geracao is TipoGeracao.CRIAR_MENSAL
    assert [(m.data_de_inicio, m.data_de_fim) for m in c.montantes] == [
        (datetime(2028, 2, 1, 0), datetime(2028, 2, 29, 23)),
        (datetime(2028, 3, 1, 0), datetime(2028, 3, 31, 23)),
    ]
    assert (c.data_de_inicio, c.data_de_fim) == (datetime(2028, 2, 1, 0), datetime(2028, 3, 31, 23))
    assert validar(a) == [] and ler_xml(gerar_xml(a)) == a
    with pytest.raises(ValueError, match="mês inválido, use MM/AAAA"):
        novo_contrato_mensal(1, 2, 2, [("13/2028", 1)])


def test_edicao_validacao_finalizacao_cancelamento():
    edicao = edicao_por_periodo(555, [("01/01/2026 00", "31/01/2026 23", 1)], modulacao="F")
    assert edicao.tipo_geracao is TipoGeracao.EDITAR_POR_PERIODO and validar(edicao) == []
    validacao = validacao_montantes(555, ["01/01/2026 00", datetime(2026, 2, 1)])
    assert b'<MontanteMedio vigenciaDeInicio="01/02/2026 00" validarMontante="X"/>' in gerar_xml(validacao)
    assert validacao.tipo_cceal is None
    assert b'dataFinalizacao="01/03/2026 00"/>' in gerar_xml(finalizacao(555, "01/03/2026 00"))
    assert b'validarFinalizacao="X"/>' in gerar_xml(finalizacao(555, validar=True))
    assert b'numeroContrato="555" cancelarContrato="X"/>' in gerar_xml(cancelamento(555))
    assert b'numeroContrato="555" validarCancelamento="X"/>' in gerar_xml(cancelamento(555, validar=True))
    for a in (edicao, validacao, finalizacao(555, validar=True), cancelamento(555)):
        assert ler_xml(gerar_xml(a)) == a


def test_juntar_renumera():
    a = juntar(validacao_montantes(1, ["01/01/2026 00"]), validacao_montantes(2, ["01/02/2026 00"]))
    assert [(c.sequencial_controle, c.numero_contrato) for c in a.contratos] == [(1, 1), (2, 2)]
    assert validar(a) == []
    with pytest.raises(ValueError, match="juntar exige a mesma operação"):
        juntar(cancelamento(1), validacao_montantes(2, ["01/02/2026 00"]))
    with pytest.raises(ValueError):
        juntar()


def test_arquivo_com_finalizacoes_e_cancelamentos_misturados():
    a = juntar(finalizacao(1, "01/03/2026 00"), cancelamento(2), cancelamento(3, validar=True))
    assert isinstance(a, ArquivoCCEAL) and len(a.contratos) == 3
    assert ler_xml(gerar_xml(a)) == a
