"""Round trip: ler_xml(gerar_xml(a)) == a for every operation, every setting, both separators."""

from __future__ import annotations

import cceal_estrategias as e
import cceal_fabricas as f
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccee_barramento.cceal import ConfigCCEAL, gerar_xml, ler_xml, validar
from ccee_barramento.cceal.tipos import TipoGeracao

RAPIDO = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("tg", list(TipoGeracao), ids=lambda tg: f"tipoGeracao={tg.value}")
@RAPIDO
@given(data=st.data())
def test_ida_e_volta_por_operacao(tg, data):
    arquivo = data.draw(e.arquivos(tg))
    config = data.draw(e.configs)
    assert validar(arquivo) == []
    xml = gerar_xml(arquivo, config)
    assert ler_xml(xml) == arquivo
    assert ler_xml(xml.decode("iso-8859-1")) == arquivo  # already-decoded text reads the same


@RAPIDO
@given(arquivo=e.arquivos())
def test_mesmo_arquivo_com_virgula_ou_ponto(arquivo):
    virgula = gerar_xml(arquivo, ConfigCCEAL(separador_decimal=","))
    ponto = gerar_xml(arquivo, ConfigCCEAL(separador_decimal="."))
    assert ler_xml(virgula) == ler_xml(ponto) == arquivo
    assert gerar_xml(ler_xml(virgula)) == virgula  # and writing again is stable


VARIANTES = ConfigCCEAL(
    separador_decimal=".", acentos=True, data_com_minutos=True, elemento_semana="Semana", elemento_patamar="semana"
)


@pytest.mark.parametrize("tg", list(TipoGeracao), ids=lambda tg: f"tipoGeracao={tg.value}")
@pytest.mark.parametrize("config", [ConfigCCEAL(), VARIANTES], ids=["padrao", "variantes"])
def test_ida_e_volta_exemplos(tg, config):
    arquivo = f.arquivo(tg, f.contrato_valido(tg), f.contrato_valido(tg))
    assert ler_xml(gerar_xml(arquivo, config)) == arquivo


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arquivo=e.arquivos(), config=e.configs)
def test_ida_e_volta_longo(arquivo, config):
    assert ler_xml(gerar_xml(arquivo, config)) == arquivo
