"""docs/cceal.md stays true: every example file is valid and is exactly what gerar_xml writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ccee_barramento.cceal import TipoGeracao, gerar_xml, ler_xml, validar
from ccee_barramento.cceal.rules import REGRAS

DOC = Path(__file__).resolve().parents[2] / "docs" / "cceal.md"
TEXTO = DOC.read_text(encoding="utf-8")
EXEMPLOS = re.findall(r"```xml\n(.*?)```", TEXTO, flags=re.S)


OPERACOES = [int(re.search(r'tipoGeracao="(\d+)"', e).group(1)) for e in EXEMPLOS]


@pytest.mark.parametrize("exemplo", EXEMPLOS, ids=[str(tg) for tg in OPERACOES])
def test_exemplo_valido_e_identico_ao_gerado(exemplo):
    dados = exemplo.encode("iso-8859-1")
    arquivo = ler_xml(dados)
    assert validar(arquivo) == []
    assert gerar_xml(arquivo) == dados


def test_uma_secao_com_exemplo_por_operacao():
    assert set(OPERACOES) == {tg.value for tg in TipoGeracao}
    for tg in TipoGeracao:
        assert f"### tipoGeracao {tg.value} " in TEXTO


def test_todas_as_regras_documentadas():
    assert f"The {len(REGRAS)} rules, by code" in TEXTO
    for codigo in REGRAS:
        assert f"| `{codigo}` |" in TEXTO
