"""Fetched SDK contracts → the engine's contract tables; the demo (from the simulator) and the CLI.

Demo (``dados_demo/mve``, 2026-01..2026-06): 900101 LUZ DO VALE (61007, agent 51005) → METAL RIO DOCE
(61005, 51003), 5 MWm, fixed price 215.40, processing MVE-2025-11 before the guarantees; 900102 LUZ DO VALE →
VENTOS DO SUL (61003, 51002), 3 MWm, PLD + 18.50, processing MVE-2025-12 with guarantees. PLD_MS[SE]: Jan 98.55,
Mar 145.80, Jun 238.40.
"""

from __future__ import annotations

import importlib.util
from datetime import datetime
from decimal import Decimal as D
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from ccee_barramento.cli.mve import mve
from ccee_barramento.models import Contrato, MontanteEnergia, Perfil
from ccee_barramento.settlement.mve import ErroMVE, calcular
from ccee_barramento.settlement.mve.contratos import e_contrato_mve, tabelas_de_contratos
from ccee_barramento.settlement.mve.demo import (
    DIRETORIO_DEMO,
    TABELAS_DE_CONTRATOS,
    buscar,
    calcular_demo,
    entradas_demo,
)

RAIZ = Path(__file__).resolve().parents[3]


def _contrato(codigo: int, vendedor: int, comprador: int, subtipo: int = 10790, submercado: int = 1) -> Contrato:
    return Contrato.model_validate({
        "id": codigo,
        "tipoContrato": {"id": 10185, "subTipo": {"id": subtipo}},
        "submercado": {"id": submercado},
        "periodoVigencia": {"inicio": "2026-01-01T00:00:00", "fim": "2026-04-01T00:00:00"},
        "vendedor": {"perfil": {"codigo": vendedor}, "participanteMercado": {"codigo": vendedor - 10000, "sigla": "DIST"}},
        "comprador": {"perfil": {"codigo": comprador}, "participanteMercado": {"codigo": comprador - 10000}},
    })


def _montante(codigo: int, mes: int, valor: str) -> MontanteEnergia:
    inicio = datetime(2026, mes, 1)
    fim = datetime(2026, mes + 1, 1)
    return MontanteEnergia.model_validate({
        "contrato": {"id": codigo}, "tipoMontanteEnergia": {"nome": "MONTANTE_MEDIO"},
        "periodo": {"inicio": inicio.isoformat(), "fim": fim.isoformat()}, "valor": valor, "unidadeMedida": "MWm",
    })


PRODUTOS = {"7001": {"processamento": "X1", "tipo_energia": "CE", "tipo_preco": "PF"},
            "7002": {"processamento": "X1", "tipo_energia": "CNE", "tipo_preco": "PV"}}


def test_contratos_buscados_viram_tabelas_do_motor():
    contratos = [_contrato(7001, 20001, 30001), _contrato(7002, 20001, 30002, submercado=2),
                 _contrato(7003, 20001, 30001, subtipo=10777)]  # a plain CCEAL: left out by e_contrato_mve
    montantes = [_montante(7001, m, "2.500") for m in (1, 2, 3)] + [_montante(7002, m, "1.000000") for m in (1, 2, 3)]
    outro = Perfil.model_validate({"codigo": 30001, "participanteMercado": {"codigo": 20001, "sigla": "COMPRADOR"}})
    mve_ = tabelas_de_contratos(contratos, montantes, [outro], produtos=PRODUTOS)
    assert [e_contrato_mve(c) for c in contratos] == [True, True, False] and mve_.ignorados == ["7003"]
    t = mve_.tabelas
    assert t["VINC_V_MVE"].to_dicts() == [
        {"contrato": "7001", "perfil_vendedor": "20001", "submercado": "SE", "processamento": "X1",
         "vigencia": "2026-01..2026-03", "tipo_energia": "CE", "tipo_preco": "PF"},
        {"contrato": "7002", "perfil_vendedor": "20001", "submercado": "S", "processamento": "X1",
         "vigencia": "2026-01..2026-03", "tipo_energia": "CNE", "tipo_preco": "PV"}]
    assert t["VINC_C_MVE"]["perfil_comprador"].to_list() == ["30001", "30002"]
    # fim 2026-04-01 is exclusive: the vigência is Jan–Mar
    assert t["VIGENCIA_MVE"].select("vigencia", "inicio", "fim").rows() == [("2026-01..2026-03", "2026-01", "2026-03")]
    assert t["MV_MVE_PRE"]["MV_MVE_PRE"].to_list() == [D("2.500"), D("1.000000")]
    assert sorted(t["A_ALPHA"].rows()) == [("20001", "10001"), ("30001", "20001"), ("30002", "20002")]
    # MWm x the hours of each amount's period = MWh, exact: Jan 2.5 x 744 = 1,860 ; Feb 2.5 x 672 = 1,680
    e = mve_.energia.filter(pl.col("contrato") == "7001")
    assert e["HORAS"].to_list() == [744, 672, 744] and e["ENERGIA"].to_list() == [D("1860.000"), D("1680.000"), D("1860.000")]
    assert mve_.M_HORAS.rows() == [("2026-01", 744), ("2026-02", 672), ("2026-03", 744)]
    assert mve_.siglas["10001"] == "DIST"


def test_contratos_buscados_erros():
    c = _contrato(7001, 20001, 30001)
    with pytest.raises(ErroMVE, match="PRODUTO_MVE"):
        tabelas_de_contratos([c], [_montante(7001, 1, "2")], produtos={})
    with pytest.raises(ErroMVE, match="MV_MVE_PRE.*diferentes"):  # an MVE product has one amount per contract
        tabelas_de_contratos([c], [_montante(7001, 1, "2"), _montante(7001, 2, "3")], produtos=PRODUTOS)
    with pytest.raises(ErroMVE, match="MV_MVE_PRE"):
        tabelas_de_contratos([c], [], produtos=PRODUTOS)
    with pytest.raises(ErroMVE, match="submercado"):
        tabelas_de_contratos([_contrato(7001, 20001, 30001, submercado=9)], [_montante(7001, 1, "2")], produtos=PRODUTOS)


def test_tabelas_convertidas_rodam_no_motor():
    contratos = [_contrato(7001, 20001, 30001)]
    mve_ = tabelas_de_contratos(contratos, [_montante(7001, m, "2.5") for m in (1, 2, 3)], produtos=PRODUTOS)
    r = calcular({**mve_.tabelas, "M_HORAS": mve_.M_HORAS,
                  "PROCESSAMENTO_MVE": [{"processamento": "X1", "mes_processamento": "2025-10",
                                         "anterior_garantias_financeiras": "true"}],
                  "PRECO_CT_MVE": [{"contrato": "7001", "vigencia": "2026-01..2026-03", "PRECO_CT_MVE": "200.00"}]})
    assert r.meses == ["2026-01", "2026-02", "2026-03"]
    # 2.5 MWm x 672 h x 200.00 = 336,000.00 in February
    assert r.valor_exato("VLR_MVE_PF_CT", {"contrato": "7001", "mes": "2026-02"}) == D("336000")


# ------------------------------------------------------------------------------------------- demo


def test_demo_diretorio():
    r, siglas = calcular_demo()
    assert r.meses == [f"2026-0{m}" for m in range(1, 7)] and siglas == {}
    # January: 900101 = 5 x 744 x 215.40 = 801,288.00 ; 900102 = 3 x 744 x (98.55 + 18.50) = 261,255.60
    assert r.valor("VLR_MVE_PF_CT", {"contrato": "900101", "mes": "2026-01"}) == D("801288.00")
    assert r.valor("VLP_MVE_PV_CT", {"contrato": "900102", "mes": "2026-01"}) == D("261255.60")
    assert r.valor("TOT_LIQ_MVE", {"agente": "51005", "mes": "2026-01"}) == D("1062543.60")
    # March: 51003 pays 600,966.00 of 801,288.00 -> VALOR_INAD_MVE = 200,322.00, F = 0.25; 900101 (before the
    # guarantees) is reduced by 0.25 x 5 = 1.25 MWm (MV = 3.75 for 2026-03) and 51005 gets a ressarcimento of
    # 1.25 x 744 x max(0, 215.40 − 145.80) = 1.25 x 744 x 69.60 = 64,728.00, charged to 51003 in April
    assert r.valor("F_INAD_EFE_MVE", {"agente": "51003", "mes": "2026-03"}) == D("0.25")
    assert r.valor("MV", {"contrato": "900101", "vigencia": "2026-03", "mes": "2026-03"}) == D("3.75")
    assert r.valor("TOT_RESS_REC_MVE", {"perfil": "61007", "mes": "2026-03"}) == D("64728.00")
    # April: 900101 = 5 x 720 x 215.40 = 775,440.00 + 64,728.00 = 840,168.00 to pay
    assert r.valor("V_TOT_PAG_MVE", {"perfil": "61005", "mes": "2026-04"}) == D("840168.00")
    # June: 51002 pays 500,000.00 of 3 x 720 x (238.40 + 18.50) = 554,904.00: the PLD + spread contract with
    # guarantees is rescinded (cmd 73 i) and fined 0.30 x 18.50 = 5.55 R$/MWh x 3 x 720 h = 11,988.00 (cmd 75)
    assert r.valor("VALOR_INAD_MVE", {"agente": "51002", "mes": "2026-06"}) == D("54904.00")
    assert r["RESCISAO_MVE"].rows() == [("900102", "2026-06", "inadimplencia")]
    assert r.valor("TM_PAG_MVE", {"perfil": "61003", "mes": "2026-06"}) == D("11988.00")
    assert r.valor("TM_REC_MVE", {"perfil": "61007", "mes": "2026-06"}) == D("11988.00")


def test_demo_com_o_simulador():
    from ccee_barramento.client import CCEEClient
    from ccee_barramento.models.contrato import TipoMontanteEnergia
    from ccee_barramento.simulator import Simulador

    with Simulador() as sim, CCEEClient(sim.configuracao("luz.vale")) as c:
        contratos = c.listar_contratos(periodo="2026-01..2026-12").todos()
        codigos = [k.id for k in contratos if e_contrato_mve(k)]
        montantes = c.listar_montantes_energia(contratos=codigos, tipos=TipoMontanteEnergia.MONTANTE_MEDIO).todos()
        perfis = c.listar_perfis().todos()
        assert [len(x) for x in buscar(c)] == [len(contratos), len(montantes), len(perfis)]  # what ccee demo calls
    assert sorted(codigos) == [900101, 900102] and len(montantes) == 12
    r, siglas = calcular_demo(contratos, montantes, perfis)
    assert siglas["51005"] == "LUZ DO VALE" and siglas["51003"] == "METAL RIO DOCE"
    # the demo directory's contract tables are what the simulator's contracts convert to
    demo = entradas_demo()
    convertido = tabelas_de_contratos(contratos, montantes, perfis, produtos=DIRETORIO_DEMO / "PRODUTO_MVE.csv")
    for nome in TABELAS_DE_CONTRATOS:
        a = convertido.tabelas[nome].select(demo[nome].columns)
        assert sorted(map(str, a.rows())) == sorted(map(str, demo[nome].rows())), nome
    # and the hours of the fetched amounts' periods agree with M_HORAS
    horas = dict(demo["M_HORAS"].rows())
    assert all(horas[m] == h for m, h in convertido.M_HORAS.rows())
    base, _ = calcular_demo()
    for nome in r.exatas:
        assert r.exatas[nome].equals(base.exatas[nome]), nome


# ------------------------------------------------------------------------------------------- CLI


def test_cli_na_demo_grava_tabelas_e_explica(tmp_path):
    res = CliRunner().invoke(mve, ["liquidar", "--entrada", str(DIRETORIO_DEMO), "--saida", str(tmp_path),
                                   "--explain", "contrato=900101 mes=2026-03"], terminal_width=160)
    assert res.exit_code == 0, res.output
    assert "MVE — valores a liquidar 2026-03" in res.output and "200.322,00" in res.output
    assert "MVE cmd 64" in res.output and "confere" in res.output and "NÃO CONFERE" not in res.output
    nomes = {p.stem for p in tmp_path.glob("*.csv")}
    assert {"VLR_MVE_PF_CT", "TOT_LIQ_MVE", "F_INAD_TOT", "AJU_M_MVE", "M_MVE", "LINHAGEM"} <= nomes
    lido = pl.read_csv(tmp_path / "TOT_LIQ_MVE.csv", infer_schema=False)
    assert lido.filter((pl.col("agente") == "51003") & (pl.col("mes") == "2026-03"))["TOT_LIQ_MVE"].to_list() == ["-801288.00"]


def test_cli_parquet_meses_arredondamento_e_erros(tmp_path):
    res = CliRunner().invoke(mve, ["liquidar", "--entrada", str(DIRETORIO_DEMO), "--saida", str(tmp_path),
                                   "--formato", "parquet", "--arredondamento", "nenhum", "--meses", "2026-02..2026-03",
                                   "--explain", "variavel=F_INAD_EFE_MVE agente=51003 mes=2026-03"])
    assert res.exit_code == 0, res.output
    f = pl.read_parquet(tmp_path / "F_INAD_EFE_MVE.parquet")
    assert f.schema["F_INAD_EFE_MVE"] == pl.Decimal(38, 16) and set(f["mes"].to_list()) == {"2026-02", "2026-03"}
    assert "200322.00 / ((−1) × -801288.00)" in res.output
    vazio = tmp_path / "vazio"
    vazio.mkdir()
    res = CliRunner().invoke(mve, ["liquidar", "--entrada", str(vazio)])
    assert res.exit_code == 2 and "A_ALPHA" in res.output  # one line naming the table
    res = CliRunner().invoke(mve, ["liquidar", "--entrada", str(DIRETORIO_DEMO), "--meses", "2026-01,2026-03"])
    assert res.exit_code == 2 and "consecutivos" in res.output
    res = CliRunner().invoke(mve, ["liquidar", "--entrada", str(DIRETORIO_DEMO), "--explain", "cor=azul"])
    assert res.exit_code == 2
    res = CliRunner().invoke(mve, ["liquidar", "--entrada", str(DIRETORIO_DEMO), "--arredondamento", "R$=x"])
    assert res.exit_code == 2


# ------------------------------------------------------------------------------------------- benchmark


@pytest.mark.slow
def test_benchmark_roda_e_o_motor_vence_o_laco_ingenuo():
    spec = importlib.util.spec_from_file_location("bench_mve", RAIZ / "benchmarks" / "bench_mve.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)  # type: ignore[union-attr]
    r = bench.medir(contratos=3000, meses=4, repeticoes=1)
    assert r["saidas_equivalentes"]
    assert r["razao"] > 1  # only a ratio: absolute times depend on the machine
