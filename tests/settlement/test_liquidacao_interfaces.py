"""Lineage (explanations), the CLI, the conversion of SDK models, the demo inputs and the benchmark."""

from __future__ import annotations

import importlib.util
from decimal import Decimal as D
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from liquidacao_cenarios import M0, M1, exemplo1, exemplo2, mercados

from ccee_barramento.cli.liquidacao import liquidacao
from ccee_barramento.errors import InputError
from ccee_barramento.models import Contrato, ParticipanteMercado, Perfil
from ccee_barramento.settlement import ErroTabela
from ccee_barramento.settlement.liquidacao import REGISTRO, calcular
from ccee_barramento.settlement.liquidacao.demo import DIRETORIO_DEMO, calcular_demo
from ccee_barramento.settlement.modelos import montantes_de, perfis_de, siglas_de

RAIZ = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------------------------------- lineage


def test_explain_shows_command_equation_and_input_values():
    t = exemplo1()
    t["V_INAD"] = [{"agente": "ALPHA3", "mes": M0, "V_INAD": D("300000.00")}]
    r = calcular(t)
    e = r.explicar("V_RAT_INAD", agente="ALPHA1", mes=M0)
    assert e.comando.numero == "6" and e.confere
    texto = str(e)
    assert "Liquidação cmd 6" in texto and "max(0, 850000.00 − 50000.00 − 100000.00 − 0)" in texto
    e = r.explicar("P_RAT_INAD", agente="ALPHA1", mes=M0)
    assert "700000.00 / 1075000.00" in str(e) and e.recalculado == D("0.6511627906976744")
    e = r.explicar("V_TOT_LIQUI", agente="ALPHA1", mes=M0)
    assert [t.chave["perfil"] for t in e.termos] == ["a1", "a2"]


def test_explain_row_of_a_profile_covers_its_variables_and_debts():
    r = calcular(exemplo2())
    variaveis = [e.variavel for e in r.explicar_linha(perfil="b1", mes=M1)]
    assert variaveis == ["V_LIQUI", "AJU_INAD_DSS", "FD_INAD_DSS", "DEB_INAD_DSS", "DEB_INAD_DSS"]
    assert all(e.confere for e in r.explicar_linha(perfil="b1", mes=M1))
    e = r.explicar("FD_INAD_DSS", perfil="b4", mes=M1)  # outside PAPRIDO
    assert e.recalculado == 0 and "PAPRIDO" in e.substituicao
    assert r.explicar("V_LIQUI", perfil="b1").chave["mes"] == M1  # one month computed: it is the default
    with pytest.raises(InputError):
        calcular(exemplo2(), meses=[M0, M1]).explicar("V_LIQUI", perfil="b1")  # two: say which
    with pytest.raises(InputError):
        r.explicar("V_LIQUI", perfil="zz", mes=M1)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mercados(max_agentes=3))
def test_every_output_row_is_rederived_by_its_explanation(caso):
    entradas, meses = caso
    try:
        r = calcular(entradas, meses)
    except ErroTabela:
        return
    for variavel in REGISTRO.variaveis():
        tabela = r._tabela_de(variavel)
        cmd = REGISTRO.por_variavel(variavel)
        for linha in r.exatas[tabela].head(6).to_dicts():
            chave = {k: linha[k] for k in cmd.indices}
            e = r.explicar(variavel, **chave)
            assert e.confere, str(e)


def test_lineage_table_lists_every_command():
    linhagem = calcular(exemplo1()).linhagem()
    assert {"1", "2", "3", "4", "5", "6", "7", "8", "9", "9.1", "10"} <= set(linhagem["comando"].to_list())


# ------------------------------------------------------------------------------------------- CLI


def test_cli_on_the_demo_writes_tables_and_explains(tmp_path):
    res = CliRunner().invoke(liquidacao, [
        "calcular", "--entrada", str(DIRETORIO_DEMO), "--saida", str(tmp_path), "--meses", "2026-01..2026-03",
        "--explain", "perfil=61001 mes=2026-02",
    ])
    assert res.exit_code == 0, res.output
    assert "Mapa de liquidação — 2026-02" in res.output
    assert "Liquidação cmd 10" in res.output and "confere" in res.output
    nomes = {p.stem for p in tmp_path.glob("*.csv")}
    assert {"V_LIQUI", "V_TOT_LIQUI", "P_RAT_INAD", "DEB_INAD_DSS", "MAPA_LIQUIDACAO", "LINHAGEM"} <= nomes
    lido = pl.read_csv(tmp_path / "V_TOT_LIQUI.csv", infer_schema=False)
    assert lido.filter((pl.col("agente") == "51001") & (pl.col("mes") == "2026-01"))["V_TOT_LIQUI"].to_list() == ["1070000.00"]


def test_cli_parquet_rounding_and_errors(tmp_path):
    res = CliRunner().invoke(liquidacao, ["calcular", "--entrada", str(DIRETORIO_DEMO), "--saida", str(tmp_path),
                                          "--formato", "parquet", "--arredondamento", "nenhum", "--meses", "2026-02"])
    assert res.exit_code == 0, res.output
    fd = pl.read_parquet(tmp_path / "FD_INAD_DSS.parquet")
    assert fd.schema["FD_INAD_DSS"] == pl.Decimal(38, 16)  # exact, not rounded
    vazio = tmp_path / "vazio"
    vazio.mkdir()
    res = CliRunner().invoke(liquidacao, ["calcular", "--entrada", str(vazio)])
    assert res.exit_code == 2 and "PERFIS" in res.output
    res = CliRunner().invoke(liquidacao, ["calcular", "--entrada", str(DIRETORIO_DEMO), "--explain", "cor=azul"])
    assert res.exit_code == 2
    res = CliRunner().invoke(liquidacao, ["calcular", "--entrada", str(DIRETORIO_DEMO), "--arredondamento", "R$=x"])
    assert res.exit_code == 2


# ------------------------------------------------------------------------------------------- models and demo


def _contrato() -> Contrato:
    return Contrato.model_validate({
        "id": 77,
        "comprador": {"perfil": {"codigo": 1001}, "participanteMercado": {"codigo": 101, "sigla": "COMPRADORA"}},
        "vendedor": {"perfil": {"codigo": 2001}, "participanteMercado": {"codigo": 102, "sigla": "VENDEDORA"}},
        "montantesEnergia": [
            {"tipoMontanteEnergia": {"nome": "MONTANTE_ENERGIA_MENSAL"}, "periodo": {"inicio": "2026-02-01T00:00:00"},
             "valor": "744.125", "unidadeMedida": "MWh"},
        ],
    })


def test_fetched_models_become_engine_tables():
    perfil = Perfil.model_validate({"codigo": 3001, "participanteMercado": {"codigo": 103, "sigla": "TERCEIRA"}})
    participante = ParticipanteMercado.model_validate({"codigo": 104, "perfis": [{"codigo": 4001}]})
    perfis = perfis_de([_contrato(), perfil, participante])
    assert sorted(perfis.rows()) == [("1001", "101"), ("2001", "102"), ("3001", "103"), ("4001", "104")]
    assert siglas_de([_contrato(), perfil]) == {"101": "COMPRADORA", "102": "VENDEDORA", "103": "TERCEIRA"}
    montantes = montantes_de([_contrato()])
    assert montantes.row(0, named=True)["MONTANTE"] == D("744.125")  # exact MWh
    assert montantes.row(0, named=True)["mes"] == "2026-02" and montantes["perfil_vendedor"][0] == "2001"
    conflito = Perfil.model_validate({"codigo": 1001, "participanteMercado": {"codigo": 999}})
    with pytest.raises(ErroTabela):
        perfis_de([_contrato(), conflito])


def test_demo_settles_with_the_demo_tables_and_fetched_contracts():
    r, siglas = calcular_demo([_contrato()])
    assert r.meses == ["2026-01", "2026-02", "2026-03"]
    assert siglas["101"] == "COMPRADORA"  # the fetched contract's own agent
    # January: 51007 defaults R$ 260,000.00; creditors 51001 (1,070,000 − 35,000 − 40,000 = 995,000) and
    # 51002 (407,500 − 12,000 = 395,500); 50900 is the ACER. 51001 bears 995,000 / 1,390,500 of it.
    assert r.valor("V_TOT_LIQUI", {"agente": "51001", "mes": "2026-01"}) == D("1070000.00")
    assert r.valor("V_RAT_INAD", {"agente": "51001", "mes": "2026-01"}) == D("995000.00")
    assert r.valor("V_RAT_INAD", {"agente": "50900", "mes": "2026-01"}) == 0
    assert r.valor("RATEIO_INAD", {"agente": "51001", "mes": "2026-01"}) == D("-186048.18")
    # February: 51007 disconnected, its January default spread over PAPRIDO (Σ AJU = −260,000.00)
    assert r.valor("V_INAD_DSS", {"agente": "51007", "mes": "2026-02"}) == D("260000.00")
    assert sum(r["AJU_INAD_DSS"].filter(pl.col("mes") == "2026-02")["AJU_INAD_DSS"].to_list()) == D("-260000.00")


# ------------------------------------------------------------------------------------------- benchmark


@pytest.mark.slow
def test_benchmark_runs_and_the_engine_beats_the_naive_loop():
    spec = importlib.util.spec_from_file_location("bench_liquidacao", RAIZ / "benchmarks" / "bench_liquidacao.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)  # type: ignore[union-attr]
    r = bench.medir(perfis=5000, meses=3, repeticoes=1)
    assert r["saidas_identicas"]
    assert r["razao"] > 1  # only a ratio: absolute times depend on the machine
