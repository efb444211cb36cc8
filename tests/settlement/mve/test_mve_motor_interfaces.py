"""Interfaces of the vectorized MVE engine: table I/O (CSV/Parquet round trip, aliases, floats refused),
lineage and explanations, the carried state, output rounding, and the exact-product rule (DECISÃO E1)."""

from __future__ import annotations

import decimal
import random
from decimal import Decimal as D

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from mve_cenarios import (
    P1,
    P2,
    SE,
    X1,
    base_comum,
    contrato,
    exemplo_1,
    junta,
    pld_constante,
    prod_cols,
    substitui,
    todas_as_horas,
)
from test_mve_propriedades import MESES, mercados

from ccee_barramento.errors import InputError
from ccee_barramento.settlement.exact import Arredondamento, dividir_decimal
from ccee_barramento.settlement.mve import (
    REGISTRO,
    SAIDAS,
    ErroEntradaMVE,
    ErroMVE,
    EstadoMVE,
    calcular,
    calcular_mes,
)
from ccee_barramento.settlement.mve import sinteticos as gen
from ccee_barramento.settlement.mve._ops import produto, produto_decimal
from ccee_barramento.settlement.mve.demo import DIRETORIO_DEMO
from ccee_barramento.settlement.mve.referencia import VARIAVEIS
from ccee_barramento.settlement.tables import ErroTabela

MAR, ABR = "2026-03", "2026-04"
PAGO = [{"agente": "AC1", "mes": MAR, "TOT_EFE_PAG_MVE": D("1800945.00")}]


# ------------------------------------------------------------------------------------------- tables


def test_saidas_com_os_nomes_e_colunas_da_referencia():
    r = calcular(exemplo_1(), MAR)
    ref, _ = calcular_mes(exemplo_1(), MAR)
    assert list(r.exatas) == list(VARIAVEIS) == list(SAIDAS)
    for nome, var in VARIAVEIS.items():
        esperado = list(var.indices) + (["mes"] if var.mensal else []) + (["motivo"] if nome == "RESCISAO_MVE" else [nome])
        assert r.exatas[nome].columns == esperado, nome
        if ref[nome]:
            assert list(ref[nome][0]) == esperado, nome


def test_ida_e_volta_csv_e_parquet(tmp_path):
    entradas = calcular(DIRETORIO_DEMO).entradas
    for formato in ("csv", "parquet"):
        pasta = tmp_path / formato
        pasta.mkdir()
        for nome, df in entradas.items():
            df.write_csv(pasta / f"{nome}.csv") if formato == "csv" else df.write_parquet(pasta / f"{nome}.parquet")
        r = calcular(pasta)
        base = calcular(DIRETORIO_DEMO)
        for nome in r.exatas:
            assert r.exatas[nome].equals(base.exatas[nome]), (formato, nome)
        # outputs: exact decimals in both formats (Parquet DECIMAL keeps the rounded scale)
        saida = tmp_path / f"saida_{formato}"
        r.salvar(saida, formato)
        lido = pl.read_csv(saida / "TOT_LIQ_MVE.csv", infer_schema=False) if formato == "csv" \
            else pl.read_parquet(saida / "TOT_LIQ_MVE.parquet")
        valor = lido.filter((pl.col("agente") == "51003") & (pl.col("mes") == "2026-03"))["TOT_LIQ_MVE"][0]
        assert D(str(valor)) == D("-801288.00")
        linhagem = pl.read_csv(saida / "LINHAGEM.csv") if formato == "csv" else pl.read_parquet(saida / "LINHAGEM.parquet")
        assert {str(n) for n in range(35, 76)} <= {c.split(" ")[0].rstrip("abc") for c in linhagem["comando"].to_list()}


def test_entradas_polars_pandas_arrow_e_aliases():
    ent = exemplo_1()
    base = calcular(ent, MAR)
    como_polars = {n: pl.DataFrame([{k: (str(v) if isinstance(v, D) else v) for k, v in ln.items()} for ln in linhas])
                   for n, linhas in ent.items()}
    r = calcular(como_polars, MAR)
    assert r.exatas["VLP_MVE"].equals(base.exatas["VLP_MVE"])
    r = calcular({n: df.to_arrow() for n, df in como_polars.items()}, MAR)
    assert r.exatas["F_COMP_MVE_PROD"].equals(base.exatas["F_COMP_MVE_PROD"])
    # IPCA and ADDC_LIQ_MVE are accepted names (value column under either name); both names is an error
    ent2 = substitui(ent, ADDC_LIQ_MVE=[{"perfil": "av1", "mes": MAR, "ADDC_LIQ_MVE": D("1000.00")}],
                     IPCA=[{"mes": "2025-10", "IPCA": D("7000")}])
    assert calcular(ent2, MAR).valor_exato("TOT_LIQ_MVE", {"agente": "AV1", "mes": MAR}) == D("2558500.00")
    with pytest.raises(ErroMVE, match="NIPCA"):
        calcular(substitui(ent2, NIPCA=[{"mes": "2025-10", "NIPCA": D("7000")}]), MAR)


def test_erros_nomeiam_a_tabela():
    ent = exemplo_1()
    del ent["A_ALPHA"]
    with pytest.raises(ErroMVE) as exc:
        calcular(ent, MAR)
    assert exc.value.tabela == "A_ALPHA" and isinstance(exc.value, ErroTabela) and isinstance(exc.value, ErroEntradaMVE)
    with pytest.raises(ErroMVE, match="PLD_MSS"):
        calcular({**exemplo_1(), "PLD_MSS": []}, MAR)  # an unknown name never silently means "empty"
    flutuante = {**exemplo_1(), "PLD_MS": pl.DataFrame({"submercado": ["SE"], "mes": [MAR], "PLD_MS": [180.5]})}
    with pytest.raises(ErroMVE, match="PLD_MS.*ponto flutuante"):
        calcular(flutuante, MAR)
    with pytest.raises(ErroMVE, match="consecutivos"):
        calcular(exemplo_1(), [MAR, "2026-05"])


def test_linha_repetida_a_ultima_vale_decisao_e3():
    # DECISÃO E3 (as the reference): in a lookup table the last row of a repeated key wins; flow inputs are summed
    ent = substitui(exemplo_1(), PLD_MS=exemplo_1()["PLD_MS"] + [{"submercado": SE, "mes": MAR, "PLD_MS": D("100.00")}],
                    TOT_EFE_PAG_MVE=PAGO + [{"agente": "AC1", "mes": MAR, "TOT_EFE_PAG_MVE": D("100")}])
    r = calcular(ent, MAR)
    ref, _ = calcular_mes(ent, MAR)
    # e5 = 5 x 744 x (100.00 + 15.00) = 427,800.00 ; AC1 owes e1 + e3 + e5 = 1,116,000 + 558,000 + 427,800
    # = 2,101,800.00 and paid 1,800,945 + 100 = 1,801,045.00 -> VALOR_INAD_MVE = 300,755.00
    assert r.valor_exato("VLR_MVE_PV_CT", {"contrato": "e5", "mes": MAR}) == D("427800") == \
        [ln["VLR_MVE_PV_CT"] for ln in ref["VLR_MVE_PV_CT"]][0]
    assert r.valor_exato("VALOR_INAD_MVE", {"agente": "AC1", "mes": MAR}) == D("300755.00")


# ------------------------------------------------------------------------------------------- lineage


def test_linhagem_registra_todo_comando_de_35_a_75():
    numeros = {c.numero.split(" ")[0].rstrip("abc") for c in REGISTRO.comandos.values()}
    assert {str(n) for n in range(35, 76)} <= numeros
    assert set(REGISTRO.variaveis()) == set(VARIAVEIS)


def test_explicacao_mostra_comando_equacao_e_valores():
    r = calcular(substitui(exemplo_1(), TOT_EFE_PAG_MVE=PAGO), [MAR, ABR])
    e = r.explicar("F_COMP_MVE_PROD", perfil="ac1", tipo_preco="PF", mes=MAR)  # the other indices are implied
    texto = str(e)
    assert "MVE cmd 56" in texto and "VLP_MVE_PROD_AJU[a,PROD,m] / ((−1) × TOT_LIQ_MVE[α,m])" in texto
    assert "1674000.00 / ((−1) × -2401260.00)" in texto and e.confere
    # 1,674,000 / 2,401,260 rounded once to 16 places
    assert e.recalculado == dividir_decimal(D(1674000), D(2401260), 16)
    e = r.explicar("RESS_INAD_P_MVE", perfil_comprador="ac1", perfil_vendedor="av1", tipo_preco="PF", mes=ABR)
    assert e.confere and "(0 + 77562.00) × 0.25" in str(e)
    assert [t.origem for t in e.termos][:3] == ["cmd 70b, 2026-03; sem linha = 0", "cmd 68b, 2026-03", "cmd 63, 2026-03"]
    linhas = r.explicar_linha(contrato="e1", mes=MAR)
    assert [x.variavel for x in linhas][:4] == ["PRECO_CT_MVE", "PRECO_CT_MVE_M", "VLR_MVE_PF_CT", "VLP_MVE_PF_CT"]
    assert {"AJU_M_MVE", "MV", "PRIC_RESS_CT_MVE"} <= {x.variavel for x in linhas} and all(x.confere for x in linhas)
    with pytest.raises(InputError, match="linhas"):
        r.explicar("F_COMP_MVE_PROD", perfil="ac1", mes=MAR)  # two products: say which
    with pytest.raises(InputError, match="mês"):
        r.explicar("VLR_MVE", perfil="av1")  # two months computed
    with pytest.raises(InputError):
        r.explicar("VLR_MVE", perfil="zz", mes=MAR)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mercados())
def test_toda_linha_de_saida_e_rederivada_pela_sua_explicacao(ent):
    r = calcular(ent, MESES)
    for variavel in REGISTRO.variaveis():
        if variavel == "RESCISAO_MVE":
            continue
        var = VARIAVEIS[variavel]
        for linha in r.exatas[variavel].head(4).to_dicts():
            chave = {k: linha[k] for k in var.indices + (("mes",) if var.mensal else ())}
            e = r.explicar(variavel, **chave)
            assert e.confere, str(e)


@pytest.mark.parametrize("semente", [0, 1])
def test_explicacoes_conferem_nos_sinteticos(semente):
    ent = gen.gerar_entradas(300, 4, semente, mes_inicial="2026-11", fracao_inadimplentes=0.3)
    r = calcular(ent, gen.meses("2026-11", 4))
    for variavel in REGISTRO.variaveis():
        if variavel == "RESCISAO_MVE":
            continue
        var = VARIAVEIS[variavel]
        for linha in r.exatas[variavel].head(6).to_dicts():
            e = r.explicar(variavel, **{k: linha[k] for k in var.indices + (("mes",) if var.mensal else ())})
            assert e.confere, str(e)


# ------------------------------------------------------------------------------------------- state


VP = "VP"
PP = (SE, X1, VP, "CE", "PF")


def _plurianual():
    nipca = [{"mes": "2025-10", "NIPCA": D("7000.00")}, {"mes": "2026-11", "NIPCA": D("7315.00")},
             {"mes": "2027-11", "NIPCA": D("7600.00")}]
    return junta(base_comum(vigencias=[{"vigencia": VP, "inicio": "2026-01", "fim": "2028-12"}]),
                 contrato("p1", "av1", "ac1", PP, "2", preco="250.00"),
                 {"M_HORAS": todas_as_horas(), "PLD_MS": pld_constante("100.00"), "NIPCA": nipca})


def test_estado_carrega_o_preco_atualizado_a_16_casas():
    # engine analogue of the reference's test_cmd_37_estado_e_forma_fechada_coincidem: the state carries
    # PRECO_CT_MVE_A[Jan 2027] = 250.00 x 7315 / 7000 = 261.25 (exact here); in Jan 2028 250 x 7600 / 7000 is
    # rounded once to 16 places (the engine's division scale), and the state keeps it unrounded by the output
    ent = _plurianual()
    r = calcular(ent, ["2026-11", "2026-12"])
    assert r.estado.tabelas["PRECO_CT_MVE_A"].to_dicts() == [
        {"contrato": "p1", "vigencia": VP, "mes": "2027-01", "PRECO_CT_MVE_A": D("261.25")}]
    com_estado = calcular(ent, "2027-01", estado=r.estado)
    direto = calcular(ent, "2027-01")
    assert com_estado.exatas["VLR_MVE_PF_CT"].equals(direto.exatas["VLR_MVE_PF_CT"])
    r = calcular(ent, ["2027-12"])
    (linha,) = r.estado.tabelas["PRECO_CT_MVE_A"].to_dicts()
    assert linha["PRECO_CT_MVE_A"] == dividir_decimal(D("250.00") * D("7600.00"), D("7000.00"), 16) == D("271.4285714285714286")


def test_estado_guarda_fatores_sem_arredondar_a_saida():
    r = calcular(exemplo_1(), MAR)
    f = r.estado.tabelas["F_VEND_MVE_PROD"].filter((pl.col("perfil") == "av1") & (pl.col("tipo_preco") == "PF"))
    assert f["F_VEND_MVE_PROD"][0] == D("0.6666666666666667")  # 16 places, while the output has 10
    assert r["F_VEND_MVE_PROD"].filter((pl.col("perfil") == "av1") & (pl.col("tipo_preco") == "PF"))["F_VEND_MVE_PROD"][0] \
        == D("0.6666666667")


def test_estado_de_outro_mes_e_estado_em_arquivo(tmp_path):
    ent = substitui(exemplo_1(), TOT_EFE_PAG_MVE=PAGO)
    r = calcular(ent, MAR)
    with pytest.raises(ErroMVE, match="ESTADO_MVE"):
        calcular(ent, "2026-05", estado=r.estado)
    r.estado.salvar(tmp_path)
    lido = EstadoMVE.ler(tmp_path)
    abril = calcular(ent, ABR, estado=lido)
    junto = calcular(ent, [MAR, ABR])
    for nome in ("V_TOT_PAG_MVE", "RESS_INAD_P_MVE", "VLP_MVE_PROD_AJU"):
        assert abril.exatas[nome].to_dicts() == junto.exatas[nome].filter(pl.col("mes") == ABR).to_dicts()
    # the reference's state format is accepted too (its 34-digit factors exceed nothing here: F = 0.25)
    _, estado_ref = calcular_mes(ent, MAR)
    ref_abril = calcular(ent, ABR, estado=EstadoMVE.de({n: v for n, v in estado_ref.items() if n != "F_VEND_MVE_PROD"}))
    assert ref_abril.valor_exato("V_TOT_PAG_MVE", {"perfil": "ac1", "mes": ABR}) == D("2344293.00")


# ------------------------------------------------------------------------------------------- rounding


def test_arredondamento_de_saida_por_unidade():
    r = calcular(exemplo_1(), MAR)
    assert r["F_COMP_MVE_PROD"].schema["F_COMP_MVE_PROD"] == pl.Decimal(38, 10)
    assert r["VLR_MVE"].schema["VLR_MVE"] == pl.Decimal(38, 2)
    assert r["PRECO_CT_MVE_M"].schema["PRECO_CT_MVE_M"] == pl.Decimal(38, 6)
    assert r.valor("F_COMP_MVE_PROD", {"perfil": "ac1", **prod_cols(P1), "mes": MAR}) == D("0.6971340046")
    nenhum = calcular(exemplo_1(), MAR, arredondamento="nenhum")
    assert nenhum.valor("F_COMP_MVE_PROD", {"perfil": "ac1", **prod_cols(P1), "mes": MAR}) == D("0.6971340046475600")
    doze = calcular(exemplo_1(), MAR, arredondamento="fator=12")
    assert doze.valor("F_COMP_MVE_PROD", {"perfil": "ac1", **prod_cols(P2), "mes": MAR}) == D("0.302865995352")
    assert Arredondamento.de_texto("R$=3").casas["R$"] == 3 and "R$/MWh" not in Arredondamento.de_texto("R$=3").casas


def test_produto_arredondado_uma_vez_a_20_casas_decisao_e1():
    rnd = random.Random(5)
    a = [D(rnd.randrange(-10**20, 10**20)).scaleb(-16) for _ in range(400)] + [D("0.5E-16"), D("1.5E-16"), D("-2.5E-16")]
    b = [D(rnd.randrange(0, 10**16)).scaleb(-16) for _ in range(400)] + [D("0.0001"), D("0.0001"), D("0.0001")]
    df = pl.DataFrame({"a": a, "b": b}, schema={"a": pl.Decimal(38, 16), "b": pl.Decimal(38, 16)})
    engine = df.select(produto("a", 16, "b", 16, 20).alias("p"))["p"].to_list()
    with decimal.localcontext() as ctx:
        ctx.prec = 80
        esperado = [(x * y).quantize(D("1e-20"), rounding=decimal.ROUND_HALF_EVEN) for x, y in zip(a, b)]
    assert engine == esperado == [produto_decimal(x, y, 20) for x, y in zip(a, b)]
    exato = pl.DataFrame({"a": [D("1.25")], "b": [D("3.5")]}, schema={"a": pl.Decimal(38, 2), "b": pl.Decimal(38, 1)})
    assert exato.select(produto("a", 2, "b", 1, 20))[:, 0].to_list() == [D("4.375")]


def test_mes_mal_formado():
    with pytest.raises(ErroEntradaMVE, match="YYYY-MM"):
        calcular(exemplo_1(), "2026-3")
