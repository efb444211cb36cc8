"""The shipped demo market, synthetic markets, the SQLite file and the 100,000-contract load."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from ccee_barramento import CCEEClient
from ccee_barramento.cceal import novo_contrato_mensal
from ccee_barramento.simulator import Simulador, carregar_mercado, gerar_mercado
from ccee_barramento.simulator import codigos as c
from ccee_barramento.simulator.banco import Banco


@pytest.fixture(scope="module")
def demo() -> Banco:
    banco = Banco()
    banco.carregar(carregar_mercado())
    yield banco
    banco.fechar()


def _todos(banco: Banco, sql: str) -> list:  # type: ignore[type-arg]
    return banco._todos(sql)


def test_mercado_de_demonstracao(demo):
    classes = Counter(r["classe_descricao"] for r in _todos(demo, "SELECT * FROM participante"))
    assert sum(classes.values()) >= 6
    assert {"Gerador", "Comercializador", "Consumidor Livre", "Consumidor Especial", "Distribuidor"} <= set(classes)
    perfis = Counter(r["agente"] for r in _todos(demo, "SELECT * FROM perfil"))
    assert max(perfis.values()) >= 2
    principal = {(r["agente"], r["principal"]) for r in _todos(demo, "SELECT * FROM perfil WHERE agente = 51001")}
    assert principal == {(51001, 1), (51001, 0)}
    assert [tuple(r) for r in _todos(demo, "SELECT * FROM representacao")] == [(51002, 51004)]
    assert demo.contar("usuario") == len(perfis)
    assert {r["tipo_descricao"] for r in _todos(demo, "SELECT * FROM ativo")} == {"Usina", "Carga"}
    assert demo.contar("associacao") >= 2


def test_contratos_e_montantes_de_demonstracao(demo):
    contratos = _todos(demo, "SELECT * FROM contrato")
    assert {r["subtipo"] for r in contratos if r["ambiente"] == "LIVRE"} == {
        c.SUBTIPO_CCEAL,
        c.SUBTIPO_CCEAL_MVE,
    }
    mve = [r for r in contratos if r["subtipo"] == c.SUBTIPO_CCEAL_MVE]
    assert mve and all(r["vendedor"] == 61007 for r in mve)  # the distributor
    assert any(r["ambiente"] == "REGULADO" and r["tipo"] == c.TIPO_ACR for r in contratos)
    meses = {r["inicio"][:7] for r in _todos(demo, "SELECT inicio FROM montante WHERE tipo = 'MONTANTE_MEDIO'")}
    assert len({m for m in meses if m.startswith("2026")}) >= 6
    situacoes = {r["situacao"] for r in _todos(demo, "SELECT situacao FROM montante")}
    assert situacoes == {c.INSERIDO_NAO_VALIDADO, c.AJUSTADO_NAO_VALIDADO, c.VALIDADO}
    tipos = {r["tipo"] for r in _todos(demo, "SELECT DISTINCT tipo FROM montante")}
    assert tipos == set(c.TIPOS_MONTANTE)


def test_mercado_sintetico_deterministico():
    a, b = gerar_mercado(200, meses=4, semente=5), gerar_mercado(200, meses=4, semente=5)
    linhas_a = [list(x) for x in a.extras[0]()]
    linhas_b = [list(x) for x in b.extras[0]()]
    assert linhas_a == linhas_b
    contratos, montantes = linhas_a
    assert len(contratos) == 200 and len(montantes) == 800


def test_banco_em_arquivo_persiste_entre_execucoes(tmp_path):
    arquivo = tmp_path / "barramento.sqlite3"
    with Simulador(banco=arquivo, diretorio=tmp_path / "pki", atraso_processamento=60) as sim:
        with CCEEClient(sim.configuracao("serra.azul")) as ccee:
            codigo = ccee.importar_arquivo(
                novo_contrato_mensal(61005, 61001, 1, {"07/2026": "2"}, referencia="PERSISTE")
            )
            sim.processar_pendentes()
            contrato = ccee.obter_resultado_processamento(codigo).detalhes[0].codigo_contrato
    with Simulador(banco=arquivo, diretorio=tmp_path / "pki") as sim:
        with CCEEClient(sim.configuracao("rio.doce")) as comprador:
            assert comprador.obter_contrato(contrato).referencia == "PERSISTE"
        with CCEEClient(sim.configuracao("serra.azul")) as vendedor:
            assert vendedor.obter_resultado_processamento(codigo).sucesso


def test_arquivo_de_dados_alternativo(tmp_path):
    import json

    from ccee_barramento.simulator.dados import DEMO

    dados = json.loads(DEMO.read_text(encoding="utf-8"))
    dados["contratos"] = [x for x in dados["contratos"] if x["ambiente"] == "REGULADO"]
    arquivo = tmp_path / "mercado.json"
    arquivo.write_text(json.dumps(dados), encoding="utf-8")
    with (
        Simulador(dados=arquivo, diretorio=tmp_path / "pki") as sim,
        CCEEClient(sim.configuracao("luz.vale")) as ccee,
    ):
        assert {x.id for x in ccee.listar_contratos(tipos=[10185, 10186])} == {800001, 800002, 800003}


@pytest.mark.slow
def test_cem_mil_contratos(tmp_path):
    inicio = time.perf_counter()
    with Simulador(contratos=100_000, meses=6, diretorio=tmp_path) as sim:
        carga = time.perf_counter() - inicio
        assert sim.banco.contar("contrato") >= 100_000
        assert carga < 60, f"carga de 100.000 contratos levou {carga:.1f}s"
        with CCEEClient(sim.configuracao("serra.azul")) as ccee:
            assert ccee.listar_contratos(tamanho_pagina=100).primeira.itens  # warm-up (WSDL, TLS)
            tempos = []
            for pagina in range(1, 6):
                t0 = time.perf_counter()
                itens = ccee.listar_contratos(tamanho_pagina=100).pagina(pagina).itens
                tempos.append(time.perf_counter() - t0)
                assert len(itens) == 100
            print(
                f"\n100.000 contratos: carga {carga:.1f}s; página de 100 em {min(tempos) * 1000:.0f} ms "
                f"(mediana {sorted(tempos)[2] * 1000:.0f} ms)"
            )
            assert sorted(tempos)[2] < 2.0
