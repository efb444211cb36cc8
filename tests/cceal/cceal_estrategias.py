"""Hypothesis strategies of valid ContratosCCEAL files, for every operation (tipoGeracao)."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from ccee_barramento.cceal import ConfigCCEAL
from ccee_barramento.cceal.models import (
    ArquivoCCEAL,
    CancelamentoContrato,
    ContratoNovo,
    EdicaoContrato,
    FinalizacaoContrato,
    LimiteModulacao,
    Modulacao,
    MontanteHorario,
    MontanteMedio,
    MontanteMedioEdicao,
    MontantePatamar,
    Semana,
    ValidacaoMontanteMedio,
    ValidacaoMontantes,
)
from ccee_barramento.cceal.rules import MOJIBAKE
from ccee_barramento.cceal.tipos import (
    DireitoAlivioExposicao,
    ParticularidadeLastro,
    Submercado,
    TipoCCEAL,
    TipoGeracao,
    TipoGravacao,
    TipoModulacao,
    UnidadePatamar,
)

_LATIN1 = "".join(chr(c) for c in [*range(0x20, 0x7F), *range(0xA0, 0x100)]) + "\t\n\r"

datas = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2098, 12, 31, 23)).map(
    lambda d: d.replace(minute=0, second=0, microsecond=0)
)


@st.composite
def periodos(draw):
    inicio = draw(datas)
    return inicio, inicio + timedelta(hours=draw(st.integers(1, 24 * 400)))


def decimais(casas: int, inteiros: int, negativos: bool = False):
    """Exact decimals with up to ``casas`` places and ``inteiros`` integer digits (small values likelier)."""

    @st.composite
    def _d(draw):
        k = draw(st.integers(0, casas))
        limite = 10 ** (inteiros + k) - 1
        n = draw(st.integers(0, 10**6) | st.integers(0, limite))
        n = min(n, limite)
        sinal = "-" if negativos and draw(st.booleans()) else ""
        return Decimal(f"{sinal}{n}e-{k}")

    return _d()


def textos(limite: int | None):
    texto = st.text(alphabet=_LATIN1, min_size=1, max_size=limite or 60)
    texto = texto.filter(lambda t: not MOJIBAKE.search(t))
    return st.none() | texto


mwmedio = decimais(6, 22)
mwh = decimais(6, 22)
codigos_perfil = st.integers(1, 99999)
numeros_contrato = st.integers(1, 9_999_999_999)
parcelas = st.integers(1, 999_999_999)


@st.composite
def limites(draw):
    a = draw(st.none() | decimais(3, 25, negativos=True))
    b = draw(st.none() | decimais(3, 25, negativos=True))
    if a is not None and b is not None and a > b:
        a, b = b, a
    return LimiteModulacao(limite_minimo_modulacao=a, limite_maximo_modulacao=b)


@st.composite
def modulacoes(draw):
    tipo = draw(st.none() | st.sampled_from(TipoModulacao))
    parcela = draw(parcelas if tipo in (TipoModulacao.CARGA, TipoModulacao.GERACAO) else st.none() | parcelas)
    return Modulacao(
        tipo_modulacao=tipo, limite_modulacao=draw(st.none() | limites()), id_ativo_associado_modulacao=parcela
    )


@st.composite
def semanas(draw):
    numeros = draw(st.lists(st.integers(1, 60), min_size=1, max_size=5, unique=True))
    return [
        Semana(
            semana=n,
            montante_medio=draw(mwmedio),
            validar_montante=draw(st.booleans()),
            modulacao=draw(st.none() | modulacoes()),
        )
        for n in numeros
    ]


@st.composite
def horarios(draw):
    chaves = draw(
        st.lists(
            st.tuples(
                st.integers(2000, 2099),
                st.integers(1, 12),
                st.integers(1, 31),
                st.sampled_from([f"{h:02d}" for h in range(24)] + ["23*"]),
            ),
            min_size=1,
            max_size=30,
            unique=True,
        )
    )
    resultado = []
    for ano, mes, dia, hora in chaves:
        dia = min(dia, calendar.monthrange(ano, mes)[1])
        resultado.append((f"{mes:02d}/{ano}", dia, hora))
    resultado = list(dict.fromkeys(resultado))  # clamping days may repeat a key
    return [MontanteHorario(mes_ano=m, dia=d, hora=h, montante_horario=draw(mwh)) for m, d, h in resultado]


@st.composite
def patamares(draw):
    numeros = draw(st.lists(st.integers(1, 60), min_size=1, max_size=5, unique=True))
    resultado = []
    for n in numeros:
        unidade = draw(st.sampled_from(UnidadePatamar))
        valor = decimais(3, 25) if unidade is UnidadePatamar.MWH else decimais(6, 22)
        resultado.append(
            MontantePatamar(
                semana=n,
                unidade_patamar=unidade,
                leve=draw(st.none() | valor),
                medio=draw(st.none() | valor),
                pesado=draw(st.none() | valor),
            )
        )
    return resultado


@st.composite
def conteudos(draw, tg: TipoGeracao):
    """The fields of an amount period valid in operation ``tg``."""
    dados = dict(validar_montante=draw(st.booleans()))
    if tg.semanal:
        dados["semanas"] = draw(semanas())
        return dados
    dados["montante_medio"] = draw(mwmedio)
    dados["modulacao"] = draw(st.none() | modulacoes())
    if tg.declarado_hora:
        dados["horarios"] = draw(horarios())
    if tg.declarado_patamar:
        dados["patamares"] = draw(patamares())
    return dados


@st.composite
def contratos_novos(draw, tg: TipoGeracao):
    inicio, fim = draw(periodos())
    comprador, vendedor = draw(st.lists(codigos_perfil, min_size=2, max_size=2, unique=True))
    dir_aliv = draw(st.none() | st.sampled_from(DireitoAlivioExposicao))
    origem = st.sampled_from(Submercado)
    cessao = draw(st.booleans())
    montantes = []
    for _ in range(draw(st.integers(0 if tg is TipoGeracao.CRIAR_DADOS_GERAIS else 1, 3))):
        i, f = draw(periodos())
        montantes.append(MontanteMedio(data_de_inicio=i, data_de_fim=f, **draw(conteudos(tg))))
    gravacao = st.sampled_from(TipoGravacao)
    return ContratoNovo(
        tipo_gravacao=draw(st.none() | gravacao if tg is TipoGeracao.CRIAR_DADOS_GERAIS else gravacao),
        data_de_inicio=inicio,
        data_de_fim=fim,
        id_comprador=comprador,
        id_vendedor=vendedor,
        id_sub_mer_entrega=draw(st.sampled_from(Submercado)),
        referencia=draw(textos(30)),
        dir_aliv_exp=dir_aliv,
        id_sub_mer_origem=draw(origem if dir_aliv is DireitoAlivioExposicao.DIREITOS_ESPECIAIS else st.none() | origem),
        part_ver_lastro=draw(st.none() | st.sampled_from(ParticularidadeLastro)),
        observacao=draw(textos(255)),
        contrato_cessao=cessao,
        id_contrato_cessao=draw(numeros_contrato if cessao else st.none() | numeros_contrato),
        montantes=montantes,
    )


@st.composite
def edicoes(draw, tg: TipoGeracao):
    montantes = []
    for _ in range(draw(st.integers(1, 3))):
        i, f = draw(periodos())
        montantes.append(MontanteMedioEdicao(vigencia_de_inicio=i, vigencia_de_fim=f, **draw(conteudos(tg))))
    return EdicaoContrato(
        numero_contrato=draw(numeros_contrato),
        tipo_gravacao=draw(st.none() | st.sampled_from(TipoGravacao)),
        montantes=montantes,
    )


@st.composite
def validacoes(draw):
    inicios = draw(st.lists(datas, min_size=1, max_size=5, unique=True))
    return ValidacaoMontantes(
        numero_contrato=draw(numeros_contrato),
        montantes=[ValidacaoMontanteMedio(vigencia_de_inicio=d) for d in inicios],
    )


@st.composite
def finalizacoes_ou_cancelamentos(draw):
    numero = draw(numeros_contrato)
    if draw(st.booleans()):
        data = draw(st.none() | datas)
        validar = True if data is None else draw(st.booleans())
        return FinalizacaoContrato(numero_contrato=numero, data_finalizacao=data, validar_finalizacao=validar)
    cancelar = draw(st.booleans())
    return CancelamentoContrato(
        numero_contrato=numero,
        cancelar_contrato=cancelar,
        validar_cancelamento=True if not cancelar else draw(st.booleans()),
    )


def contratos(tg: TipoGeracao):
    if tg.criacao:
        return contratos_novos(tg)
    if tg.edicao:
        return edicoes(tg)
    if tg is TipoGeracao.VALIDAR_MONTANTE_MEDIO:
        return validacoes()
    return finalizacoes_ou_cancelamentos()


@st.composite
def arquivos(draw, tg: TipoGeracao | None = None):
    """A valid ArquivoCCEAL; contracts numbered in order or in a shuffled order."""
    tg = tg if tg is not None else draw(st.sampled_from(TipoGeracao))
    lista = draw(st.lists(contratos(tg), min_size=1, max_size=3))
    if draw(st.booleans()):
        ordem = draw(st.permutations(range(1, len(lista) + 1)))
        lista = [c.model_copy(update={"sequencial_controle": n}) for c, n in zip(lista, ordem)]
    tipo_cceal = TipoCCEAL.FIRME
    if tg is TipoGeracao.VALIDAR_MONTANTE_MEDIO or tg is TipoGeracao.FINALIZAR_OU_CANCELAR:
        tipo_cceal = draw(st.sampled_from([None, TipoCCEAL.FIRME]))
    return ArquivoCCEAL(tipo_geracao=tg, tipo_cceal=tipo_cceal, sistema_origem=draw(textos(None)), contratos=lista)


configs = st.builds(
    ConfigCCEAL,
    separador_decimal=st.sampled_from([",", "."]),
    acentos=st.booleans(),
    data_com_minutos=st.booleans(),
    elemento_semana=st.sampled_from(["semana", "Semana"]),
    elemento_patamar=st.sampled_from(["semana", "Semana"]),
)
