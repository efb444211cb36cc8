"""The pytest fixtures shipped for users' own suites work as documented."""

from __future__ import annotations


def test_fixture_de_usuario(ccee_simulador, ccee_cliente):
    ccee = ccee_cliente("rio.doce", tentativas=1)
    assert ccee.config.base_url == ccee_simulador.url
    assert {c.id for c in ccee.listar_contratos(perfis=[61005], papel="COMPRADOR")} >= {900001}
    assert ccee_simulador.respostas_invalidas == []
