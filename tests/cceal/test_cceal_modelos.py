"""The models' boundary: exact types in (Decimal never float), file text accepted, no unknown fields."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timezone
from decimal import Decimal

import cceal_fabricas as f
import pytest
from pydantic import ValidationError

from ccee_barramento.cceal import (
    ArquivoCCEAL,
    ErroLeituraCCEAL,
    ErroRegraCCEAL,
    ErrosArquivoCCEAL,
    LimiteModulacao,
    Modulacao,
    MontanteHorario,
    MontanteMedio,
    Submercado,
    TipoCCEAL,
    TipoGeracao,
    TipoGravacao,
    TipoModulacao,
    validar,
)
from ccee_barramento.errors import CCEEError


@pytest.mark.parametrize("valor", [1.5, float("nan"), True])
def test_energia_recusa_float_e_bool(valor):
    with pytest.raises(ValidationError) as exc:
        f.montante(montante_medio=valor)
    assert "montante_medio" in str(exc.value)
    assert repr(valor) not in str(exc.value)  # received values stay out of the error text


@pytest.mark.parametrize("valor", ["NaN", Decimal("NaN"), Decimal("Infinity"), "1,2,3", "", "abc"])
def test_energia_recusa_nao_numero(valor):
    campo = "montante_horario"
    with pytest.raises(ValidationError):
        f.horario(**{campo: valor})


@pytest.mark.parametrize(
    "valor, esperado",
    [
        ("10,5", Decimal("10.5")),
        ("10.5", Decimal("10.5")),
        (" 7 ", Decimal(7)),
        (3, Decimal(3)),
        (Decimal("0.000001"), Decimal("0.000001")),
        ("-1,25", Decimal("-1.25")),
    ],
)
def test_energia_aceita_texto_int_e_decimal(valor, esperado):
    assert f.montante(montante_medio=valor).montante_medio == esperado


@pytest.mark.parametrize("valor", [1.0, True, "1.0", "um"])
def test_inteiro_recusa_float_bool_e_texto_nao_numerico(valor):
    with pytest.raises(ValidationError):
        f.novo(id_comprador=valor)


@pytest.mark.parametrize(
    "valor, esperado",
    [
        ("01/02/2026 13", datetime(2026, 2, 1, 13)),
        ("01/02/2026 13:00:00", datetime(2026, 2, 1, 13)),
        (date(2026, 2, 1), datetime(2026, 2, 1)),
        (datetime(2026, 2, 1, 5), datetime(2026, 2, 1, 5)),
    ],
)
def test_datas_aceitas(valor, esperado):
    assert f.novo(data_de_inicio=valor).data_de_inicio == esperado


@pytest.mark.parametrize(
    "valor",
    [
        "2026-02-01",
        "01/02/2026",
        "1/2/2026 13",
        "31/02/2026 00",
        "01/02/2026 24",
        datetime(2026, 2, 1, tzinfo=timezone.utc),
        1767225600,
    ],
)
def test_datas_recusadas(valor):
    with pytest.raises(ValidationError):
        f.novo(data_de_inicio=valor)


def test_enums_aceitam_o_codigo_do_arquivo():
    c = f.novo(tipo_gravacao="R", id_sub_mer_entrega="4", dir_aliv_exp=1, id_sub_mer_origem=Submercado.SUL)
    assert (c.tipo_gravacao, c.id_sub_mer_entrega, c.id_sub_mer_origem) == (
        TipoGravacao.RASCUNHO,
        Submercado.NORTE,
        Submercado.SUL,
    )
    with pytest.raises(ValidationError, match="valores aceitos: R rascunho, C concluído"):
        f.novo(tipo_gravacao="r")


def test_texto_vazio_e_nenhum():
    assert f.novo(referencia="", observacao="  ").referencia is None
    assert f.novo(observacao="  ").observacao is None


def test_modulacao_e_limite_vazios_viram_nenhum():
    m = f.montante(modulacao=Modulacao(limite_modulacao=LimiteModulacao()))
    assert m.modulacao is None
    assert Modulacao(tipo_modulacao="M", limite_modulacao=LimiteModulacao()).limite_modulacao is None


def test_hora_e_mes_ano_aceitam_int_e_date():
    h = MontanteHorario(mes_ano=date(2026, 3, 9), dia="09", hora=7, montante_horario=1)
    assert (h.mes_ano, h.dia, h.hora) == ("03/2026", 9, "07")


def test_modelos_imutaveis_e_sem_campos_desconhecidos():
    c = f.novo()
    with pytest.raises(ValidationError):
        c.id_comprador = 5  # type: ignore[misc]
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        f.novo(idComprador=5)


def test_numeracao_automatica_e_explicita():
    a = ArquivoCCEAL(tipo_geracao=4, contratos=[f.novo(), f.novo()])
    assert [c.sequencial_controle for c in a.contratos] == [1, 2]
    b = ArquivoCCEAL(tipo_geracao=4, contratos=[f.novo(sequencial_controle=2), f.novo(sequencial_controle=1)])
    assert [c.sequencial_controle for c in b.contratos] == [2, 1] and validar(b) == []


def test_tipo_cceal_padrao_por_operacao():
    assert ArquivoCCEAL(tipo_geracao=4, contratos=[f.novo()]).tipo_cceal is TipoCCEAL.FIRME
    assert ArquivoCCEAL(tipo_geracao=24, contratos=[f.validacao()]).tipo_cceal is None
    explicito = ArquivoCCEAL(tipo_geracao="25", tipo_cceal=1, contratos=[f.finalizacao()])
    assert explicito.tipo_cceal is TipoCCEAL.FIRME
    assert (
        ArquivoCCEAL(
            tipo_geracao=TipoGeracao.CRIAR_SEMANAL, tipo_cceal=None, contratos=[f.novo(TipoGeracao.CRIAR_SEMANAL)]
        ).tipo_cceal
        is None
    )


def test_modelos_sao_hashaveis_e_comparaveis():
    assert f.arquivo(TipoGeracao.CRIAR_DECLARADO_HORA) == f.arquivo(TipoGeracao.CRIAR_DECLARADO_HORA)
    assert len({f.arquivo(TipoGeracao.CRIAR_MENSAL), f.arquivo(TipoGeracao.CRIAR_MENSAL)}) == 1


def test_hierarquia_e_pickle_dos_erros():
    erro = ErroRegraCCEAL(
        2,
        "montanteMedio",
        "no máximo 6 casas decimais",
        valor="1,1234567",
        local="MontanteMedio[1]",
        codigo="casas_decimais",
        linha=9,
    )
    assert isinstance(erro, ValueError) and isinstance(erro, CCEEError)
    for e in (erro, ErrosArquivoCCEAL([erro]), ErroLeituraCCEAL("x", linha=3, elemento="Hora")):
        copia = pickle.loads(pickle.dumps(e))
        assert str(copia) == str(e) and type(copia) is type(e)
    assert str(erro) == (
        "Contrato sequencialControle=2, campo montanteMedio em MontanteMedio[1] (linha 9): "
        "no máximo 6 casas decimais (recebido 1,1234567)"
    )
    assert pickle.loads(pickle.dumps(erro)).codigo == "casas_decimais"


def test_tipo_modulacao_por_codigo():
    assert (
        MontanteMedio(
            data_de_inicio=f.INICIO,
            data_de_fim=f.FIM,
            montante_medio=1,
            modulacao=Modulacao(tipo_modulacao="G", id_ativo_associado_modulacao="12"),
        ).modulacao.tipo_modulacao
        is TipoModulacao.GERACAO
    )
