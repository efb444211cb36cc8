"""``ccee mve garantias`` (CliRunner), the demo files, the Python API's inputs and outputs."""

from __future__ import annotations

import shutil
from decimal import Decimal as D
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from garantias_cenarios import exemplo_3

from ccee_barramento.cli.mve_garantias import garantias
from ccee_barramento.settlement.mve.garantias import ErroGarantias, calcular
from ccee_barramento.settlement.mve.garantias.demo import DIRETORIO_DEMO, calcular_demo, escrever_demo
from ccee_barramento.settlement.tables import ErroTabela

SRC = Path(__file__).resolve().parents[3] / "src" / "ccee_barramento"


def test_arquivos_demo_sao_os_gerados_pelo_demo(tmp_path):
    # the committed demo files are exactly what demo.escrever_demo writes from the Anexo I reference
    escrever_demo(tmp_path)
    gerados = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert gerados == sorted(p.name for p in DIRETORIO_DEMO.glob("*.csv"))
    for nome in gerados:
        assert (tmp_path / nome).read_text() == (DIRETORIO_DEMO / nome).read_text(), nome
    assert (DIRETORIO_DEMO / "LEIAME.md").is_file()


def test_demo_mostra_acionamento_e_multa_residual():
    r = calcular_demo()
    assert r.meses == [f"2026-0{i}" for i in range(1, 7)]
    assert r.valor("M_REM_GC", {"agente_comprador": "51003", "agente_vendedor": "51005",
                                "processamento": "MVE-2025-12", "mes": "2026-03"}) == D("470160.00")
    assert r.valor("GCA_TOT", {"agente": "51003", "mes": "2026-01"}) == D("284580.00")
    # VENTOS DO SUL gets its whole GFC (234,576.00) back as excess over the six months
    exc = r["EXC_GC_TOT"].filter(pl.col("agente") == "51002")["EXC_GC_TOT"].to_list()
    assert sum(exc) == D("234576.00")


def test_cli_no_diretorio_demo(tmp_path):
    res = CliRunner().invoke(garantias, ["--entrada", str(DIRETORIO_DEMO), "--saida", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "METAL RIO DOCE" in res.output and "LUZ DO VALE" in res.output
    assert "470.160,00" in res.output  # the residual fine of March
    assert "906.840,00" in res.output  # what LUZ DO VALE received from the GFC in March
    saidas = {p.stem for p in (tmp_path / "out").glob("*.csv")}
    assert {"GCA_PROD", "M_REM_GC", "GCR_TOT", "VLR_REF_GP_A", "LINHAGEM"} <= saidas
    linhagem = pl.read_csv(tmp_path / "out" / "LINHAGEM.csv", infer_schema=False)
    assert "143" in linhagem["comando"].to_list()
    # exact decimal text, rounded to centavos at the output
    m = pl.read_csv(tmp_path / "out" / "M_REM_GC.csv", infer_schema=False)
    assert m["M_REM_GC"].to_list() == ["470160.00"]


def test_cli_explain_parquet_e_meses(tmp_path):
    res = CliRunner().invoke(garantias, [
        "--entrada", str(DIRETORIO_DEMO), "--meses", "2026-01..2026-03", "--formato", "parquet",
        "--saida", str(tmp_path), "--explain", "perfil=61005 mes=2026-03 variavel=M_REM_PROD_GC"])
    assert res.exit_code == 0, res.output
    assert "MVE cmd 143" in res.output and "confere" in res.output and "NÃO CONFERE" not in res.output
    assert "M_MVE" in res.output and "GCA_PROD_R_VC" in res.output
    df = pl.read_parquet(tmp_path / "GCA_PROD.parquet")
    assert isinstance(df.schema["GCA_PROD"], pl.Decimal) and df.schema["GCA_PROD"].scale == 2


def test_cli_erro_de_entrada_e_uma_linha_com_a_tabela_e_codigo_2(tmp_path):
    pasta = tmp_path / "in"
    shutil.copytree(DIRETORIO_DEMO, pasta)
    (pasta / "A_ALPHA.csv").unlink()
    res = CliRunner().invoke(garantias, ["--entrada", str(pasta)])
    assert res.exit_code == 2
    linhas = [x for x in res.output.strip().splitlines() if x]
    assert len(linhas) == 1 and "A_ALPHA" in linhas[0]
    (pasta / "A_ALPHA.csv").write_text((DIRETORIO_DEMO / "A_ALPHA.csv").read_text())
    (pasta / "VLR_AP_GP_MVE.csv").write_text("agente,processamento,VLR_AP_GP_MVE\n51003,MVE-2025-12,1e5\n")
    res = CliRunner().invoke(garantias, ["--entrada", str(pasta)])
    assert res.exit_code == 2 and "VLR_AP_GP_MVE" in res.output


def test_cli_chave_de_explain_desconhecida():
    res = CliRunner().invoke(garantias, ["--entrada", str(DIRETORIO_DEMO), "--explain", "cor=azul"])
    assert res.exit_code == 2 and "--explain" in res.output


def test_api_aceita_polars_arrow_pandas_e_recusa_ponto_flutuante():
    import pyarrow as pa

    e = exemplo_3()
    base = calcular(e, meses="2026-05")
    variantes = [{**e, "M_MVE_NAGC": pl.DataFrame(e["M_MVE_NAGC"]).to_arrow()},
                 {**e, "M_PAG_NAGC": pl.DataFrame(e["M_PAG_NAGC"])}]
    try:
        variantes.append({**e, "M_PAG_NAGC": pl.DataFrame(e["M_PAG_NAGC"]).to_pandas()})
    except ImportError:  # pandas is optional
        pass
    for entradas in variantes:
        r = calcular(entradas, meses="2026-05")
        assert r.exatas["M_PAG_REM_VC"].to_dicts() == base.exatas["M_PAG_REM_VC"].to_dicts()
    com_float = {**e, "VLR_AP_GP_MVE": pa.table({"agente": ["BC"], "processamento": ["X2"],
                                                 "VLR_AP_GP_MVE": [300000.0]})}
    with pytest.raises(ErroTabela) as exc:
        calcular(com_float, meses="2026-05")
    assert exc.value.tabela == "VLR_AP_GP_MVE"
    with pytest.raises(ErroGarantias) as exc:
        calcular({**e, "VLR_AP_GP": []}, meses="2026-05")  # a typo must not silently mean "empty"
    assert exc.value.tabela == "VLR_AP_GP"


def test_arredondamento_e_valores_exatos():
    r = calcular(exemplo_3(), meses="2026-05", arredondamento="nenhum")
    exato = r["M_PAG_REM_PROD"]["M_PAG_REM_PROD"].to_list()
    assert any(len(str(v).split(".")[1]) > 2 for v in exato)
    r2 = calcular(exemplo_3(), meses="2026-05")
    assert r2.exatas["M_PAG_REM_PROD"].to_dicts() == r.exatas["M_PAG_REM_PROD"].to_dicts()
    assert r2["F_M_PAG_PROD"].schema["F_M_PAG_PROD"].scale == 10  # factors: 10 places at the output


def test_sem_ponto_flutuante_no_codigo():
    arquivos = list((SRC / "settlement" / "mve" / "garantias").glob("*.py")) + [SRC / "cli" / "mve_garantias.py"]
    for arq in arquivos:
        assert "float(" not in arq.read_text(), arq
