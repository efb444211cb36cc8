"""The shared engine: exact decimals, division and rounding policy, tables I/O, months, the runner."""

from __future__ import annotations

import decimal
import subprocess
from decimal import ROUND_HALF_EVEN
from decimal import Decimal as D
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ccee_barramento.errors import InputError
from ccee_barramento.settlement import Arredondamento, ErroTabela
from ccee_barramento.settlement.chaves import Dicionario, denso, repetidos
from ccee_barramento.settlement.exact import concatenar, dividir, dividir_decimal, multiplicar, tipo_decimal
from ccee_barramento.settlement.liquidacao import ENTRADAS, calcular
from ccee_barramento.settlement.runner import blocos, intervalo_meses, mes_anterior, mes_vigente
from ccee_barramento.settlement.tables import (
    TabelaSpec,
    carregar_entradas,
    escrever_diretorio,
    ler_diretorio,
    normalizar,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "ccee_barramento"
decimais = st.builds(lambda n, e: D(n).scaleb(-e), st.integers(-10**20, 10**20), st.integers(0, 12))


def _serie(valores, escala):
    return pl.Series([D(v) for v in valores]).cast(tipo_decimal(escala))


# ------------------------------------------------------------------------------------------- exact


@settings(max_examples=200, deadline=None)
@given(decimais, decimais.filter(lambda d: d != 0), st.integers(0, 20))
def test_division_rounds_once_half_even_like_the_integer_reference(n, d, q):
    assume(abs(n) < abs(d) * D(10) ** (36 - q))  # the quotient must fit Decimal(38, q) (the engine's are ≤ 1)
    sn, sd = max(0, -n.as_tuple().exponent), max(0, -d.as_tuple().exponent)
    df = pl.DataFrame({"n": _serie([n], sn), "d": _serie([d], sd)})
    obtido = df.select(dividir("n", sn, "d", sd, q)).item()
    assert obtido == dividir_decimal(n, d, q)
    # and dividir_decimal is the correctly rounded quotient (checked with 200 significant digits)
    with decimal.localcontext(decimal.Context(prec=200)):
        assert dividir_decimal(n, d, q) == (n / d).quantize(D(1).scaleb(-q), rounding=ROUND_HALF_EVEN)


def test_half_even_ties_in_division_and_output_casts():
    # 1/8 = 0.125 → 0.12 and 3/8 = 0.375 → 0.38 at 2 places (ties to even); −1/8 → −0.12
    df = pl.DataFrame({"n": _serie(["1", "3", "-1"], 0), "d": _serie(["8", "8", "8"], 0)})
    assert df.select(dividir("n", 0, "d", 0, 2)).to_series().to_list() == [D("0.12"), D("0.38"), D("-0.12")]
    # the output rounding relies on polars' cast rounding half-to-even
    arr = Arredondamento()
    s = pl.DataFrame({"v": _serie(["0.005", "0.015", "0.025", "-0.015", "2.675"], 3)})
    assert s.select(arr.expr("v", "R$")).to_series().to_list() == [D("0.00"), D("0.02"), D("0.02"), D("-0.02"), D("2.68")]
    fora = Arredondamento(modo="half_away_from_zero")
    assert s.select(fora.expr("v", "R$")).to_series().to_list() == [D("0.01"), D("0.02"), D("0.03"), D("-0.02"), D("2.68")]


@settings(max_examples=100, deadline=None)
@given(decimais, decimais)
def test_products_are_exact(a, b):
    sa, sb = max(0, -a.as_tuple().exponent), max(0, -b.as_tuple().exponent)
    df = pl.DataFrame({"a": _serie([a], sa), "b": _serie([b], sb)})
    with decimal.localcontext(decimal.Context(prec=100)):  # the default 28 digits would round a*b
        esperado = a * b
    if abs(esperado).scaleb(sa + sb) >= D(10) ** 38:  # does not fit 38 digits: an error, never a wrong number
        with pytest.raises(pl.exceptions.ComputeError):
            df.select(multiplicar("a", sa, "b", sb))
        return
    assert df.select(multiplicar("a", sa, "b", sb)).item() == esperado


def test_division_with_scales_above_the_quotient_scale_rounds_once():
    # 1.00000000000000000005 / 3 at 16 places (numerator scale 20 > 16): the exact quotient
    # 0.33333333333333333335 rounds once to 0.3333333333333333 (not twice)
    df = pl.DataFrame({"n": _serie(["1.00000000000000000005"], 20), "d": _serie(["3"], 0)})
    assert df.select(dividir("n", 20, "d", 0, 16)).item() == D("0.3333333333333333")


def test_concat_keeps_every_digit():
    # pl.concat alone casts to the first frame's scale and rounds 1.25 → 1.2; concatenar widens the scale
    a = pl.DataFrame({"v": _serie(["1.5"], 1)})
    b = pl.DataFrame({"v": _serie(["1.25"], 2)})
    assert concatenar([a, b])["v"].to_list() == [D("1.50"), D("1.25")]


def test_rounding_setting_text():
    assert Arredondamento.de_texto("padrao").casas == {"R$": 2, "fator": 10, "MWh": 3}
    assert Arredondamento.de_texto("nenhum").casas == {}
    arr = Arredondamento.de_texto("R$=0,fator=4,modo=half_away_from_zero")
    assert arr.casas["R$"] == 0 and arr.casas["fator"] == 4 and arr.modo == "half_away_from_zero"
    with pytest.raises(InputError):
        Arredondamento.de_texto("R$=dois")
    with pytest.raises(InputError):
        Arredondamento.de_texto("modo=para_cima")


def test_no_binary_float_in_settlement_code():
    # the CI hook greps for float( in the settlement code; money never goes through a float
    achados = subprocess.run(["grep", "-rn", "float(", str(SRC / "settlement")], capture_output=True, text=True).stdout
    assert achados == ""


# ------------------------------------------------------------------------------------------- tables

SPEC = TabelaSpec.variavel("RESULTADO", ("perfil",), "R$")


def test_csv_values_are_read_exactly_at_their_own_scale(tmp_path):
    (tmp_path / "RESULTADO.csv").write_text("perfil,mes,RESULTADO\n1,2026-01,0.1\n2,2026-01,-12345678901234567890.123456\n"
                                            "3,2026-01,7\n")
    df = ler_diretorio(tmp_path, {"RESULTADO": SPEC})["RESULTADO"]
    assert df.schema["RESULTADO"] == tipo_decimal(6)
    assert df["RESULTADO"].to_list() == [D("0.1"), D("-12345678901234567890.123456"), D("7")]
    assert df["perfil"].dtype == pl.String


@pytest.mark.parametrize("texto", ["1,5", "1e3", "abc", "--1"])
def test_csv_non_decimal_text_is_an_error_naming_the_table(tmp_path, texto):
    (tmp_path / "RESULTADO.csv").write_text(f'perfil,mes,RESULTADO\n1,2026-01,"{texto}"\n')
    with pytest.raises(ErroTabela) as erro:
        ler_diretorio(tmp_path, {"RESULTADO": SPEC})
    assert erro.value.tabela == "RESULTADO"


def test_floats_are_refused_and_arrow_decimals_kept():
    with pytest.raises(ErroTabela, match="ponto flutuante"):
        normalizar(pl.DataFrame({"perfil": ["1"], "mes": ["2026-01"], "RESULTADO": [1.5]}), SPEC)
    arrow = pa.table({"perfil": pa.array([1, 2]), "mes": ["2026-01", "2026-01"],
                      "RESULTADO": pa.array([D("1.50"), D("-2.25")], type=pa.decimal128(20, 2))})
    df = normalizar(arrow, SPEC)
    assert df["perfil"].to_list() == ["1", "2"] and df["RESULTADO"].to_list() == [D("1.50"), D("-2.25")]


def test_pandas_tables_are_accepted():
    pd = pytest.importorskip("pandas")
    df = normalizar(pd.DataFrame({"perfil": [1], "mes": ["2026-01"], "RESULTADO": [D("3.10")]}), SPEC)
    assert df["RESULTADO"].to_list() == [D("3.10")]


def test_rows_dates_and_bad_months():
    from datetime import date

    df = normalizar([{"perfil": 7, "mes": date(2026, 3, 1), "RESULTADO": "1.10", "extra": "ignorada"}], SPEC)
    assert df.columns == ["perfil", "mes", "RESULTADO"] and df.row(0) == ("7", "2026-03", D("1.10"))
    with pytest.raises(ErroTabela, match="mes"):
        normalizar([{"perfil": 7, "mes": "2026-13", "RESULTADO": "1"}], SPEC)
    with pytest.raises(ErroTabela, match="faltam"):
        normalizar([{"perfil": 7, "RESULTADO": "1"}], SPEC)
    with pytest.raises(ErroTabela, match="vazios"):
        normalizar([{"perfil": 7, "mes": "2026-01", "RESULTADO": None}], SPEC)


def test_csv_and_parquet_round_trip_exactly(tmp_path):
    df = normalizar([{"perfil": "1", "mes": "2026-01", "RESULTADO": "-0.000000000000000001"}], SPEC)
    for formato in ("csv", "parquet"):
        escrever_diretorio({"RESULTADO": df}, tmp_path / formato, formato)
        lido = ler_diretorio(tmp_path / formato, {"RESULTADO": SPEC})["RESULTADO"]
        assert lido["RESULTADO"].to_list() == [D("-0.000000000000000001")]


def test_missing_tables_policy():
    # required tables (PERFIS, RESULTADO) are errors naming them; the others mean zero / empty set
    with pytest.raises(ErroTabela) as erro:
        carregar_entradas({"RESULTADO": []}, ENTRADAS)
    assert erro.value.tabela == "PERFIS"
    with pytest.raises(ErroTabela) as erro:
        carregar_entradas({"PERFIS": [{"perfil": "1", "agente": "A"}], "RESULTADOS": []}, ENTRADAS)
    assert erro.value.tabela == "RESULTADOS"  # an unknown name is not silently "empty"
    r = calcular({"PERFIS": [{"perfil": "1", "agente": "A"}],
                  "RESULTADO": [{"perfil": "1", "mes": "2026-01", "RESULTADO": "5"}]})
    assert r["V_TOT_LIQUI"]["V_TOT_LIQUI"].to_list() == [D("5.00")]


def test_both_csv_and_parquet_of_a_table_is_an_error(tmp_path):
    (tmp_path / "RESULTADO.csv").write_text("perfil,mes,RESULTADO\n")
    (tmp_path / "RESULTADO.parquet").write_bytes(b"")
    with pytest.raises(ErroTabela, match="deixe só um"):
        ler_diretorio(tmp_path, {"RESULTADO": SPEC})


def test_consistency_errors_name_the_table():
    base = {"PERFIS": [{"perfil": "1", "agente": "A"}], "RESULTADO": [{"perfil": "1", "mes": "2026-01", "RESULTADO": "5"}]}
    casos = {
        "PERFIS": {**base, "PERFIS": base["PERFIS"] + [{"perfil": "1", "agente": "B"}]},  # one profile, two agents
        "RESULTADO": {**base, "RESULTADO": base["RESULTADO"] * 2},  # repeated key
        "V_INAD": {**base, "V_INAD": [{"agente": "A", "mes": "2026-01", "V_INAD": "1"}] * 2},
    }
    for tabela, entradas in casos.items():
        with pytest.raises(ErroTabela) as erro:
            calcular(entradas)
        assert erro.value.tabela == tabela
    fora = {**base, "AJUSTES": [{"perfil": "9", "mes": "2026-01", "AJUSTES": "1"}]}
    with pytest.raises(ErroTabela) as erro:
        calcular(fora)
    assert erro.value.tabela == "PERFIS" and "9" in str(erro.value)


def test_overflow_is_an_error_not_a_wrong_number():
    grande = "9" * 36
    entradas = {"PERFIS": [{"perfil": "1", "agente": "A"}, {"perfil": "2", "agente": "A"}],
                "RESULTADO": [{"perfil": p, "mes": "2026-01", "RESULTADO": grande} for p in ("1", "2")]}
    with pytest.raises(ErroTabela, match="estouro"):
        calcular(entradas)


# ------------------------------------------------------------------------------------------- months and runner


def test_months():
    assert intervalo_meses("2025-11..2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert intervalo_meses("2026-03,2026-01") == ["2026-01", "2026-03"]
    assert mes_anterior("2026-01") == "2025-12"
    assert mes_vigente(["2025-04", "2026-04"], "2026-03") == "2025-04"
    assert mes_vigente(["2025-04"], "2025-03") is None
    assert blocos(["2026-01", "2026-02", "2026-04"], None) == [["2026-01", "2026-02"], ["2026-04"]]
    assert blocos(["2026-01", "2026-02", "2026-03"], 2) == [["2026-01", "2026-02"], ["2026-03"]]
    with pytest.raises(InputError):
        intervalo_meses("2026-03..2026-01")


def test_dictionary_codes_sort_like_the_text_and_dense_helpers():
    d = Dicionario("perfil", [pl.Series(["b", "a", "c", "a"])])
    assert d.valores.to_list() == ["a", "b", "c"]
    cod = d.codificar(pl.DataFrame({"perfil": ["c", "x"]}), alias="pid")
    assert cod["pid"].to_list() == [2, None]
    assert denso(4, pl.Series([3, 0]), pl.Series([D("1.5"), D("2")])).to_list() == [D("2.0"), None, None, D("1.5")]
    assert repetidos(pl.Series([5, 1, 5, 2]), 6).to_list() == [5]
    assert repetidos(pl.Series([5, 1, 5, 2])).to_list() == [5]
    assert repetidos(pl.Series([3, 1]), 4).len() == 0
