"""Paging as the bus does it: numero, quantidadeItens, totalPaginas, quantidadeTotalItens; page limits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ccee_barramento import CCEEClient, InvalidParametersFault, catalog
from ccee_barramento.simulator import Simulador
from ccee_barramento.transport.session import build_session
from ccee_barramento.transport.soap import SoapService


@pytest.fixture(scope="module")
def sim_grande(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Simulador]:
    with Simulador(diretorio=tmp_path_factory.mktemp("pki-pag"), contratos=600, meses=3, validar_respostas=True) as s:
        yield s
        assert s.respostas_invalidas == []


@pytest.fixture(scope="module")
def ccee(sim_grande: Simulador) -> Iterator[CCEEClient]:
    with CCEEClient(sim_grande.configuracao("serra.azul")) as c:
        yield c


def test_totais_e_iteracao_por_varias_paginas(ccee):
    paginador = ccee.listar_contratos(tipos=[10185], tamanho_pagina=7)
    primeira = paginador.primeira
    total = paginador.quantidade_total_itens
    assert total > 7 * 3
    assert primeira.paginacao.numero == 1 and primeira.paginacao.quantidade_itens == 7
    assert paginador.total_paginas == -(-total // 7)
    ids = [c.id for c in paginador]
    assert len(ids) == total == len(set(ids))
    assert ids == sorted(ids)
    ultima = paginador.pagina(paginador.total_paginas)
    assert ultima.paginacao.quantidade_itens == total - 7 * (paginador.total_paginas - 1)
    alem = paginador.pagina(paginador.total_paginas + 1)
    assert alem.itens == [] and alem.paginacao.quantidade_total_itens == total


def test_paginas_em_paralelo_dao_o_mesmo_resultado(ccee):
    sequencial = [c.id for c in ccee.listar_contratos(tipos=[10185], tamanho_pagina=25)]
    paralelo = [c.id for c in ccee.listar_contratos(tipos=[10185], tamanho_pagina=25, concorrencia=4)]
    assert paralelo == sequencial


def test_montantes_em_varias_paginas(ccee):
    paginador = ccee.listar_montantes_energia(tamanho_pagina=40)
    assert paginador.primeira.paginacao.quantidade_itens == 40
    assert paginador.total_paginas >= 2
    assert len(paginador.todos()) == paginador.quantidade_total_itens > 40


def test_consulta_sem_resultados(ccee):
    vazio = ccee.listar_contratos(periodo="2050-01")  # after every demo contract, ACR included
    assert vazio.todos() == [] and vazio.quantidade_total_itens == 0 and vazio.total_paginas == 0


@pytest.mark.parametrize("spec", [s for s in catalog.SERVICOS if s.paginado], ids=lambda s: s.nome)
def test_pagina_acima_do_limite_e_3006(sim_grande, spec):
    config = sim_grande.configuracao("serra.azul", tentativas=1)
    sessao = build_session(config)
    try:
        servico = SoapService(spec, config, sessao)
        operacao = spec.operacoes[0]
        with pytest.raises(InvalidParametersFault) as erro:
            servico.call(operacao, {}, pagina=1, tamanho_pagina=spec.limite_pagina + 1)
        assert erro.value.error_code == "3006"
        assert str(spec.limite_pagina) in erro.value.message
        assert servico.call(operacao, {}, pagina=1, tamanho_pagina=spec.limite_pagina).paginacao.numero == 1
    finally:
        sessao.close()
