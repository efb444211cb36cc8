"""The engine's two shortcuts (``liquidacao/_mantissas.py``, ``liquidacao/_chaves.py``) give the same
exact numbers and codes as the plain path, on both sides of their guards: Int128 mantissa arithmetic
only when a bound proves it exact (else Decimal), and the hash join of ``perfil`` only when no hash
collides (else the text join)."""

from __future__ import annotations

import decimal
from decimal import Decimal as D

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from ccee_barramento.settlement.exact import dividir as dividir_exact
from ccee_barramento.settlement.exact import tipo_decimal
from ccee_barramento.settlement.liquidacao import calcular, motor, sinteticos
from ccee_barramento.settlement.liquidacao._chaves import (
    codigos,
    colisao,
    hashes_unicos,
    no_grid,
    posicoes,
    repetidas,
)
from ccee_barramento.settlement.liquidacao._mantissas import (
    LIMITE,
    produto,
    soma,
    somas_segmentadas,
)
from ccee_barramento.settlement.liquidacao._mantissas import dividir as dividir_mantissas


def _serie(valores, escala, nome="v"):
    return pl.Series(nome, [None if v is None else D(v) for v in valores]).cast(tipo_decimal(escala))


mantissas = st.integers(-(10**18), 10**18)
EXATO = decimal.Context(prec=100)  # the expected values in Python, with no rounding (default: 28 digits)

# ---------------------------------------------------------------------------------------- products


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(mantissas, mantissas), min_size=1, max_size=20), st.integers(0, 10), st.integers(0, 10),
       st.sampled_from([1, -1]))
def test_product_on_mantissas_is_the_exact_decimal_product(pares, sa, sb, sinal):
    a = _serie([D(x).scaleb(-sa) for x, _ in pares], sa)
    b = _serie([D(y).scaleb(-sb) for _, y in pares], sb)
    obtido = produto(a, sa, b, sb, sinal)
    assert obtido.dtype == tipo_decimal(sa + sb)
    with decimal.localcontext(EXATO):
        assert obtido.to_list() == [sinal * x * y for x, y in zip(a.to_list(), b.to_list())]


def test_product_falls_back_to_decimal_when_the_bound_does_not_prove_it():
    # max|a| · max|b| = 10⁴⁰ ≥ 10³⁸ (on different rows): the bound fails, every real product fits
    a, b = _serie([10**20, 3], 0), _serie([7, -(10**20)], 0)
    assert 10**20 * 10**20 >= LIMITE
    assert produto(a, 0, b, 0).to_list() == [D(7 * 10**20), D(-3 * 10**20)]
    assert produto(a, 0, b, 0, sinal=-1).to_list() == [D(-7 * 10**20), D(3 * 10**20)]


def test_product_keeps_nulls():
    assert produto(_serie(["1.5", None], 1), 1, _serie(["2", "3"], 0), 0).to_list() == [D("3.0"), None]


# -------------------------------------------------------------------------------------------- sums


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(mantissas, mantissas, mantissas), min_size=1, max_size=20), st.integers(0, 12),
       st.integers(0, 12), st.integers(0, 12))
def test_sum_of_mixed_scales_is_exact_at_the_largest_scale(linhas, e1, e2, e3):
    termos = [_serie([D(ln[i]).scaleb(-e) for ln in linhas], e) for i, e in enumerate((e1, e2, e3))]
    obtido = soma(*termos)
    assert obtido.dtype == tipo_decimal(max(e1, e2, e3))
    with decimal.localcontext(EXATO):
        assert obtido.to_list() == [x + y + z for x, y, z in zip(*(t.to_list() for t in termos))]


def test_sum_falls_back_to_decimal_near_38_digits():
    grande = 6 * 10**37  # the bound max|a| + max|b| ≈ 1.2·10³⁸ fails; each row's real sum fits
    a, b = _serie([grande, 1], 0), _serie([-grande + 5, 2], 0)
    assert soma(a, b).to_list() == [D(5), D(3)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(mantissas, max_size=5), min_size=1, max_size=8), st.integers(0, 12))
def test_segmented_sums_match_per_segment_sums(segmentos, e):
    valores = _serie([D(x).scaleb(-e) for seg in segmentos for x in seg], e)
    fins, fim = [], 0
    for seg in segmentos:  # empty segments included
        fim += len(seg)
        fins.append(fim)
    obtido = somas_segmentadas(valores, pl.Series(fins, dtype=pl.UInt32))
    assert obtido.dtype == tipo_decimal(e)
    with decimal.localcontext(EXATO):
        assert obtido.to_list() == [sum((D(x).scaleb(-e) for x in seg), D(0)) for seg in segmentos]


def test_segmented_sums_fall_back_to_group_by_when_the_bound_fails():
    grande = 9 * 10**37  # alone in its segment: n · max ≥ 10³⁸, yet every segment's sum fits
    valores = _serie([grande, 1, 2, 3], 0)
    obtido = somas_segmentadas(valores, pl.Series([1, 1, 4], dtype=pl.UInt32))
    assert obtido.to_list() == [D(grande), D(0), D(6)]


@settings(max_examples=100, deadline=None)
@given(st.integers(-(10**15), 10**15), st.integers(1, 10**15), st.integers(0, 8), st.integers(0, 8),
       st.integers(0, 16), st.booleans())
def test_division_on_reread_mantissas_equals_the_exact_division(n, d, sn, sd, q, negativo):
    d = -d if negativo else d
    df = pl.DataFrame([_serie([D(n).scaleb(-sn)], sn, "n"), _serie([D(d).scaleb(-sd)], sd, "d")])
    assert df.select(dividir_mantissas("n", sn, "d", sd, q)).item() == df.select(dividir_exact("n", sn, "d", sd, q)).item()


# ------------------------------------------------------------------------------------------ codes


def test_hash_codes_equal_text_codes_and_collisions_are_detected():
    dicionario = pl.Series(["61001", "61002", "61003"])
    tabela = pl.DataFrame({"perfil": ["61003", "61001", "99999", "61003"]})
    por_hash = codigos([tabela], "perfil", dicionario, hashes_unicos(dicionario))[0]
    por_texto = codigos([tabela], "perfil", dicionario, None)[0]
    assert por_hash.to_list() == por_texto.to_list() == [2, 0, None, 2]
    assert not tabela.select(colisao("perfil", dicionario, por_hash)).item()
    # a hash table that sends "61001" to the code of "61002" (what a collision looks like) is caught
    falsa = hashes_unicos(dicionario).with_columns(pl.Series("_codigo", [1, 0, 2]))
    errados = codigos([tabela], "perfil", dicionario, falsa)[0]
    assert tabela.select(colisao("perfil", dicionario, errados)).item()


def test_dictionary_with_a_repeated_hash_uses_the_text_join():
    assert hashes_unicos(pl.Series(["a", "a"])) is None


def test_positions_place_values_and_find_repeated_keys():
    indices = pl.Series([3, 0, 3, 5], dtype=pl.Int64)
    celulas = posicoes(indices, 6)
    assert repetidas(celulas, indices).to_list() == [3]
    sem_repeticao = pl.Series([3, 0, 5], dtype=pl.Int64)
    celulas = posicoes(sem_repeticao, 6)
    assert repetidas(celulas, sem_repeticao).len() == 0
    valores = _serie(["1.1", "2.2", "3.3"], 1)
    assert no_grid(valores, celulas).to_list() == [D("2.2"), None, None, D("1.1"), None, D("3.3")]
    assert no_grid(valores, celulas, D(0)).to_list() == [D("2.2"), 0, 0, D("1.1"), 0, D("3.3")]


def test_engine_gives_the_same_tables_when_every_profile_hash_collides(monkeypatch):
    """Force the collision path: a hash table that maps every profile to another's code. The engine must
    detect it and redo the encoding by text, giving the tables of the normal run."""
    tabelas = sinteticos.gerar(200, 2, semente=3)
    normal = calcular(tabelas).tabelas
    original = motor.hashes_unicos

    def embaralhados(textos: pl.Series):
        h = original(textos)
        return None if h is None else h.with_columns(pl.col("_codigo").reverse())

    monkeypatch.setattr(motor, "hashes_unicos", embaralhados)
    forcado = calcular(tabelas).tabelas
    assert normal.keys() == forcado.keys()
    for nome in normal:
        assert normal[nome].equals(forcado[nome]), nome


def test_engine_with_the_text_join_only_matches(monkeypatch):
    tabelas = sinteticos.gerar(150, 2, semente=11)
    normal = calcular(tabelas).tabelas
    monkeypatch.setattr(motor, "hashes_unicos", lambda textos: None)  # as if two profiles shared a hash
    outro = calcular(tabelas).tabelas
    for nome in normal:
        assert normal[nome].equals(outro[nome]), nome
