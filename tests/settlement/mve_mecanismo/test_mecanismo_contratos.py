"""§2.2 output: the contract pairs as the MVE settlement's tables and as ContratosCCEAL files; the curves;
the CLI; and end to end: the demo's CCEALs registered in the simulator and fetched back."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner

from ccee_barramento.cceal import ler_xml, validar
from ccee_barramento.cli.mve_mecanismo import curvas
from ccee_barramento.cli.mve_mecanismo import processar as cli_processar
from ccee_barramento.settlement.mve.mecanismo import processar
from ccee_barramento.settlement.mve.mecanismo.curvas import desenhar

DEMO = Path(__file__).resolve().parents[3] / "src/ccee_barramento/settlement/dados_demo/mve_mecanismo"


@pytest.fixture(scope="module")
def r():
    return processar(DEMO)


def test_cmd_32_33_34_pares(r):
    # ANUAL: MONT_VEND_PROD[61007] = 5; met bids LC1 3, LC2 2 (Σ 5): F_LCOMP = 0.6, 0.4 (cmd 32)
    f = {x["lance_compra"]: x["F_LCOMP_MVE_TOT"] for x in r.exatas["F_LCOMP_MVE_TOT"].iter_rows(named=True)}
    assert f["LC1"] == D("0.6") and f["LC2"] == D("0.4")
    # cmd 32 (c): MV_MVE_NESP_PF = 5 × 0.6 = 3 and 5 × 0.4 = 2; (a), (b), (d) have no rows for this product
    nesp = {x["lance_compra"]: x["MV_MVE_NESP_PF"] for x in r.exatas["MV_MVE_NESP_PF"].iter_rows(named=True)}
    assert nesp == {"LC1": D(3), "LC2": D(2)}
    # T1 (CE, PV): 5 MWm sold; LC5 2, LC6 1.5, LC7 1.5 → cmd 32 (b)
    esp = {x["lance_compra"]: x["MV_MVE_ESP_PV"] for x in r.exatas["MV_MVE_ESP_PV"].iter_rows(named=True)}
    assert esp == {"LC5": D(2), "LC6": D("1.5"), "LC7": D("1.5")}
    # cmd 33 = the sum of the four; cmd 34: one contract per pair
    assert r.exatas["MV_RES_MVE"].height == 5
    pre = {x["contrato"]: (x["vigencia"], x["MV_MVE_PRE"]) for x in r.exatas["MV_MVE_PRE"].iter_rows(named=True)}
    assert pre["MVE-2026-10-0001"] == ("2027", D(3)) and pre["MVE-2026-10-0005"] == ("2027-T1", D("1.5"))


def test_tabelas_da_liquidacao_do_mve_sao_consumidas(r):
    from ccee_barramento.settlement import mve as liquidacao_mve

    t = r.tabelas_liquidacao()
    assert set(t) == {"A_ALPHA", "VIGENCIA_MVE", "PROCESSAMENTO_MVE", "VINC_V_MVE", "VINC_C_MVE", "MV_MVE_PRE",
                      "PRECO_CT_MVE", "SPREAD_CT_MVE", "PRECO_N_MVE", "SPREAD_N_MVE"}
    assert t["VINC_C_MVE"].columns == ["contrato", "perfil_comprador", "submercado", "processamento", "vigencia",
                                       "tipo_energia", "tipo_preco", "lance_compra"]
    horas = [{"mes": f"2027-{m:02d}", "M_HORAS": h} for m, h in enumerate(
        [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744], 1)]
    pld = [{"submercado": "SE", "mes": f"2027-{m:02d}", "PLD_MS": "100.00"} for m in range(1, 13)]
    entradas = {**t, "M_HORAS": horas, "PLD_MS": pld}
    res = liquidacao_mve.calcular(entradas, meses="2027-01")
    vlp = {x["contrato"]: x["VLP_MVE_PF_CT"] for x in res["VLP_MVE_PF_CT"].iter_rows(named=True)}
    # contract 0001: 3 MWm × 744 h × 230.00 R$/MWh = 513,360.00
    assert vlp["MVE-2026-10-0001"] == D("513360.00")


def test_cceal_um_arquivo_por_vendedor_flat(r, tmp_path):
    arquivos = r.arquivos_cceal()
    assert list(arquivos) == ["61007"]
    arq = arquivos["61007"]
    assert validar(arq) == []
    refs = [c.referencia for c in arq.contratos]
    assert refs == [f"MVE-2026-10-000{i}" for i in range(1, 6)]
    anual = arq.contratos[0]
    assert len(anual.montantes) == 12 and {m.montante_medio for m in anual.montantes} == {D(3)}
    assert {m.modulacao.tipo_modulacao.value for m in anual.montantes} == {"F"}
    (caminho,) = r.salvar_cceal(tmp_path)
    assert caminho.name == "CCEAL_61007.xml" and ler_xml(caminho.read_bytes()) == arq


def test_curvas_png_e_svg(r, tmp_path):
    png = desenhar(r, "ANUAL-2027-CNE-PF", tmp_path / "c.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = desenhar(r, "T1-2027-CE-PV", tmp_path / "c.svg")
    texto = svg.read_text()
    assert "<svg" in texto and "Demanda" in texto


def test_cli_processar_e_curvas(tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli_processar, ["--entrada", str(DEMO), "--saida", str(tmp_path / "s"), "--cceal",
                                        str(tmp_path / "x"), "--explain", "variavel=MV_MVE_PRE contrato=MVE-2026-10-0001"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "s" / "MV_MVE_PRE.csv").exists() and (tmp_path / "s" / "LINHAGEM.csv").exists()
    assert (tmp_path / "s" / "liquidacao_mve" / "VINC_C_MVE.csv").exists()
    assert (tmp_path / "x" / "CCEAL_61007.xml").exists()
    assert "confere" in res.output
    res = runner.invoke(curvas, ["--entrada", str(DEMO), "--produto", "T1-2027-CE-PV", "--saida", str(tmp_path / "c.png")])
    assert res.exit_code == 0, res.output and (tmp_path / "c.png").exists()
    res = runner.invoke(cli_processar, ["--entrada", str(tmp_path)])
    assert res.exit_code == 2 and "PROCESSAMENTO_MVE" in res.output


def test_ponta_a_ponta_no_simulador(r, tmp_path):
    from ccee_barramento import CCEEClient
    from ccee_barramento.models import Papel
    from ccee_barramento.simulator import Simulador
    from ccee_barramento.workflows import Diario, registrar

    arq = r.arquivos_cceal()["61007"]
    with Simulador(diretorio=tmp_path / "pki", atraso_processamento=0.05) as sim, \
            CCEEClient(sim.configuracao("luz.vale")) as c, Diario(tmp_path / "d.sqlite3") as diario:
        feito = registrar(c, arq, diario=diario, intervalo_inicial=0.05, intervalo_maximo=0.2, carencia=1.0)
        assert [x.status for x in feito.contratos] == ["SUCESSO"] * 5
        buscados = [x for x in c.listar_contratos(perfis=[61007], papel=Papel.VENDEDOR, periodo="2027-01..2027-12")
                    if (x.referencia or "").startswith("MVE-2026-10-")]
        assert len(buscados) == 5
        montantes = c.listar_montantes_energia(contratos=[x.codigo_contrato for x in buscados]).todos()
        assert r.conferir(buscados, montantes) == []
        # and a changed amount is reported
        outro = [m.model_copy(update={"valor": D("9")}) if m.valor == D(3) else m for m in montantes]
        assert any(d.campo.startswith("montante") for d in r.conferir(buscados, outro))
