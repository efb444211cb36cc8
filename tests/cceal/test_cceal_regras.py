"""Every field rule of the ContratosCCEAL file: the bad value and the exact message (rules.validar)."""

from __future__ import annotations

from datetime import datetime

import cceal_fabricas as f
import pytest

from ccee_barramento.cceal import (
    ArquivoCCEAL,
    ErroRegraCCEAL,
    ErrosArquivoCCEAL,
    LimiteModulacao,
    ValidacaoMontanteMedio,
    exigir_valido,
    gerar_xml,
    validar,
)
from ccee_barramento.cceal.rules import REGRAS
from ccee_barramento.cceal.tipos import TipoGeracao as TG

P = TG.CRIAR_POR_PERIODO
C1 = "Contrato sequencialControle=1"
MM1 = "em MontanteMedio[1]"


def _semanal(**over):
    return f.arquivo(
        TG.EDITAR_SEMANAL, f.edicao(TG.EDITAR_SEMANAL, montantes=[f.montante_edicao(TG.EDITAR_SEMANAL, **over)])
    )


def _horas(*horarios):
    return f.arquivo(
        TG.EDITAR_DECLARADO_HORA,
        f.edicao(
            TG.EDITAR_DECLARADO_HORA, montantes=[f.montante_edicao(TG.EDITAR_DECLARADO_HORA, horarios=list(horarios))]
        ),
    )


def _patamares(*patamares):
    return f.arquivo(
        TG.EDITAR_DECLARADO_PATAMAR,
        f.edicao(
            TG.EDITAR_DECLARADO_PATAMAR,
            montantes=[f.montante_edicao(TG.EDITAR_DECLARADO_PATAMAR, patamares=list(patamares))],
        ),
    )


def _periodo(**over):
    return f.arquivo(P, f.novo(montantes=[f.montante(**over)]))


def _mod(**over):
    return _periodo(modulacao=f.modulacao(**over))


HORA = "em MontanteMedio[1]/MesAno[01/2026]/Dia[01]/Hora[00]"

# (codigo, arquivo, exact messages in order)
CASOS = [
    (
        "tipo_cceal",
        lambda: f.arquivo(P, tipo_cceal=2),
        ["Arquivo, campo tipoCCEAL: somente 1 (CCEAL Firme) é suportado (recebido 2)"],
    ),
    (
        "obrigatorio",
        lambda: f.arquivo(P, tipo_cceal=None),
        ["Arquivo, campo tipoCCEAL: obrigatório em tipoGeracao=4 (criar por período)"],
    ),
    (
        "arquivo_vazio",
        lambda: ArquivoCCEAL(tipo_geracao=4, contratos=[]),
        ["Arquivo, campo Contrato: o arquivo deve ter ao menos um Contrato"],
    ),
    (
        "texto_caracteres",
        lambda: f.arquivo(P, sistema_origem="a\x00b"),
        [
            "Arquivo, campo sistemaOrigem: caractere U+0000 na posição 2 não cabe no ISO-8859-1 ou é de controle "
            "(recebido a\\x00b)"
        ],
    ),
    (
        "sequencial_repetido",
        lambda: f.arquivo(P, f.novo(sequencial_controle=1), f.novo(sequencial_controle=1)),
        [f"{C1}, campo sequencialControle: repetido em outro Contrato do arquivo"],
    ),
    (
        "sequencial_contiguo",
        lambda: f.arquivo(P, f.novo(sequencial_controle=1), f.novo(sequencial_controle=3)),
        ["Arquivo, campo sequencialControle: deve ir de 1 a 2 sem lacunas (faltam 2)"],
    ),
    (
        "positivo",
        lambda: f.arquivo(P, f.novo(sequencial_controle=0)),
        ["Arquivo, campo sequencialControle: deve ser maior que 0 (recebido 0)"],
    ),
    (
        "tipo_contrato",
        lambda: f.arquivo(P, f.edicao()),
        [f"{C1}, campo Contrato: EdicaoContrato não corresponde a tipoGeracao=4 (criar por período); use ContratoNovo"],
    ),
    (
        "tipo_contrato",
        lambda: f.arquivo(TG.FINALIZAR_OU_CANCELAR, f.validacao()),
        [
            f"{C1}, campo Contrato: ValidacaoMontantes não corresponde a tipoGeracao=25 (finalizar ou cancelar); "
            "use FinalizacaoContrato ou CancelamentoContrato"
        ],
    ),
    (
        "obrigatorio",
        lambda: f.arquivo(P, f.novo(tipo_gravacao=None)),
        [f"{C1}, campo tipoGravacao: obrigatório em tipoGeracao=4 (criar por período)"],
    ),
    (
        "data_minima",
        lambda: f.arquivo(P, f.novo(data_de_inicio="31/12/1999 23")),
        [f"{C1}, campo dataDeInicio: deve ser maior ou igual a 01/01/2000 00 (recebido 31/12/1999 23)"],
    ),
    (
        "data_hora_cheia",
        lambda: f.arquivo(P, f.novo(data_de_fim=datetime(2026, 1, 31, 23, 30))),
        [f"{C1}, campo dataDeFim: preencha somente até a hora (DD/MM/AAAA HH) (recebido 31/01/2026 23:30:00)"],
    ),
    (
        "periodo",
        lambda: f.arquivo(P, f.novo(data_de_fim=f.INICIO)),
        [f"{C1}, campo dataDeFim: deve ser posterior a dataDeInicio (01/01/2026 00) (recebido 01/01/2026 00)"],
    ),
    (
        "positivo",
        lambda: f.arquivo(P, f.novo(id_comprador=0)),
        [f"{C1}, campo idComprador: deve ser maior que 0 (recebido 0)"],
    ),
    (
        "digitos",
        lambda: f.arquivo(P, f.novo(id_comprador=123456)),
        [f"{C1}, campo idComprador: no máximo 5 dígitos (recebido 123456)"],
    ),
    (
        "positivo",
        lambda: f.arquivo(P, f.novo(id_vendedor=-7)),
        [f"{C1}, campo idVendedor: deve ser maior que 0 (recebido -7)"],
    ),
    (
        "digitos",
        lambda: f.arquivo(P, f.novo(id_vendedor=100000)),
        [f"{C1}, campo idVendedor: no máximo 5 dígitos (recebido 100000)"],
    ),
    (
        "comprador_vendedor",
        lambda: f.arquivo(P, f.novo(id_vendedor=123)),
        [f"{C1}, campo idVendedor: deve ser diferente de idComprador (recebido 123)"],
    ),
    (
        "texto_tamanho",
        lambda: f.arquivo(P, f.novo(referencia="r" * 31)),
        [f"{C1}, campo referencia: no máximo 30 caracteres (tem 31) (recebido {'r' * 31})"],
    ),
    (
        "texto_tamanho",
        lambda: f.arquivo(P, f.novo(observacao="o" * 256)),
        [f"{C1}, campo observacao: no máximo 255 caracteres (tem 256) (recebido {'o' * 40}… (256 caracteres))"],
    ),
    (
        "texto_caracteres",
        lambda: f.arquivo(P, f.novo(observacao="custo €")),
        [
            f"{C1}, campo observacao: caractere U+20AC na posição 7 não cabe no ISO-8859-1 ou é de controle "
            "(recebido custo €)"
        ],
    ),
    (
        "texto_codificacao",
        lambda: f.arquivo(P, f.novo(referencia="PreÃ§o")),
        [
            f"{C1}, campo referencia: 'Ã§' na posição 4 parece texto UTF-8 lido como ISO-8859-1; grave o arquivo "
            "em "
            "ISO-8859-1 (recebido PreÃ§o)"
        ],
    ),
    (
        "submercado_origem",
        lambda: f.arquivo(P, f.novo(dir_aliv_exp=1)),
        [f"{C1}, campo idSubMerOrigem: obrigatório quando dirAlivExp=1 (direitos especiais)"],
    ),
    (
        "cessao",
        lambda: f.arquivo(P, f.novo(contrato_cessao=True)),
        [f"{C1}, campo idContratoCessao: obrigatório quando contratoCessao=X"],
    ),
    (
        "digitos",
        lambda: f.arquivo(P, f.novo(contrato_cessao=True, id_contrato_cessao=10**10)),
        [f"{C1}, campo idContratoCessao: no máximo 10 dígitos (recebido 10000000000)"],
    ),
    (
        "positivo",
        lambda: f.arquivo(P, f.novo(contrato_cessao=True, id_contrato_cessao=0)),
        [f"{C1}, campo idContratoCessao: deve ser maior que 0 (recebido 0)"],
    ),
    (
        "obrigatorio",
        lambda: f.arquivo(P, f.novo(montantes=[])),
        [f"{C1}, campo MontanteMedio: ao menos um MontanteMedio em tipoGeracao=4 (criar por período)"],
    ),
    (
        "casas_decimais",
        lambda: _periodo(montante_medio="1,1234567"),
        [f"{C1}, campo montanteMedio {MM1}: no máximo 6 casas decimais (recebido 1,1234567)"],
    ),
    (
        "nao_negativo",
        lambda: _periodo(montante_medio="-1"),
        [f"{C1}, campo montanteMedio {MM1}: deve ser maior ou igual a 0 (recebido -1)"],
    ),
    (
        "digitos_inteiros",
        lambda: _periodo(montante_medio="1" + "0" * 22),
        [f"{C1}, campo montanteMedio {MM1}: no máximo 22 dígitos antes da vírgula (recebido 1{'0' * 22})"],
    ),
    (
        "obrigatorio",
        lambda: _periodo(montante_medio=None),
        [f"{C1}, campo montanteMedio {MM1}: obrigatório em tipoGeracao=4 (criar por período)"],
    ),
    (
        "periodo",
        lambda: _periodo(data_de_fim="01/01/2026 00"),
        [f"{C1}, campo dataDeFim {MM1}: deve ser posterior a dataDeInicio (01/01/2026 00) (recebido 01/01/2026 00)"],
    ),
    (
        "data_minima",
        lambda: _periodo(data_de_inicio="01/01/1999 00"),
        [f"{C1}, campo dataDeInicio {MM1}: deve ser maior ou igual a 01/01/2000 00 (recebido 01/01/1999 00)"],
    ),
    (
        "parcela_modulacao",
        lambda: _mod(tipo_modulacao="C"),
        [
            f"{C1}, campo idAtivoAssociadoModulacao {MM1}: obrigatório quando tipoModulacao=C (carga); "
            "informe a parcela de ativo"
        ],
    ),
    (
        "parcela_modulacao",
        lambda: _mod(tipo_modulacao="G"),
        [
            f"{C1}, campo idAtivoAssociadoModulacao {MM1}: obrigatório quando tipoModulacao=G (geração); "
            "informe a parcela de ativo"
        ],
    ),
    (
        "digitos",
        lambda: _mod(tipo_modulacao="G", id_ativo_associado_modulacao=10**9),
        [f"{C1}, campo idAtivoAssociadoModulacao {MM1}: no máximo 9 dígitos (recebido 1000000000)"],
    ),
    (
        "positivo",
        lambda: _mod(id_ativo_associado_modulacao=0),
        [f"{C1}, campo idAtivoAssociadoModulacao {MM1}: deve ser maior que 0 (recebido 0)"],
    ),
    (
        "limites_modulacao",
        lambda: _mod(limite_modulacao=LimiteModulacao(limite_minimo_modulacao="3", limite_maximo_modulacao="2")),
        [f"{C1}, campo limiteMinimoModulacao {MM1}: deve ser menor ou igual a limiteMaximoModulacao (2) (recebido 3)"],
    ),
    (
        "casas_decimais",
        lambda: _mod(limite_modulacao=LimiteModulacao(limite_maximo_modulacao="2,0001")),
        [f"{C1}, campo limiteMaximoModulacao {MM1}: no máximo 3 casas decimais (recebido 2,0001)"],
    ),
    (
        "casas_decimais",
        lambda: _mod(limite_modulacao=LimiteModulacao(limite_minimo_modulacao="0,0001")),
        [f"{C1}, campo limiteMinimoModulacao {MM1}: no máximo 3 casas decimais (recebido 0,0001)"],
    ),
    (
        "digitos_inteiros",
        lambda: _mod(limite_modulacao=LimiteModulacao(limite_maximo_modulacao="9" * 26)),
        [f"{C1}, campo limiteMaximoModulacao {MM1}: no máximo 25 dígitos antes da vírgula (recebido {'9' * 26})"],
    ),
    (
        "nao_permitido",
        lambda: _periodo(semanas=[f.semana()]),
        [f"{C1}, campo semana {MM1}: não permitido em tipoGeracao=4 (criar por período)"],
    ),
    (
        "nao_permitido",
        lambda: _periodo(horarios=[f.horario()]),
        [f"{C1}, campo MesAno {MM1}: não permitido em tipoGeracao=4 (criar por período)"],
    ),
    (
        "nao_permitido",
        lambda: _periodo(patamares=[f.patamar()]),
        [f"{C1}, campo Semana {MM1}: não permitido em tipoGeracao=4 (criar por período)"],
    ),
    (
        "nao_permitido",
        lambda: _semanal(montante_medio="1", modulacao=f.modulacao(id_ativo_associado_modulacao=5)),
        [
            f"{C1}, campo montanteMedio {MM1}: não permitido em tipoGeracao=13 (editar semanal) "
            "(informe o montante em cada semana)"
        ]
        + [
            f"{C1}, campo {c} {MM1}: não permitido em tipoGeracao=13 (editar semanal) (informe a modulação em "
            "cada semana)"
            for c in ("tipoModulacao", "LimiteModulacao", "idAtivoAssociadoModulacao")
        ],
    ),
    (
        "obrigatorio",
        lambda: _semanal(semanas=[]),
        [f"{C1}, campo semana {MM1}: obrigatório em tipoGeracao=13 (editar semanal)"],
    ),
    (
        "positivo",
        lambda: _semanal(semanas=[f.semana(semana=0)]),
        [f"{C1}, campo semana em MontanteMedio[1]/semana[0]: deve ser maior que 0 (recebido 0)"],
    ),
    (
        "repetido",
        lambda: _semanal(semanas=[f.semana(), f.semana()]),
        [f"{C1}, campo semana {MM1}: informada mais de uma vez (recebido 1)"],
    ),
    (
        "casas_decimais",
        lambda: _semanal(semanas=[f.semana(montante_medio="0,0000001")]),
        [f"{C1}, campo montanteMedio em MontanteMedio[1]/semana[1]: no máximo 6 casas decimais (recebido 0,0000001)"],
    ),
    (
        "parcela_modulacao",
        lambda: _semanal(semanas=[f.semana(modulacao=f.modulacao(tipo_modulacao="C"))]),
        [
            f"{C1}, campo idAtivoAssociadoModulacao em MontanteMedio[1]/semana[1]: obrigatório quando "
            "tipoModulacao=C "
            "(carga); informe a parcela de ativo"
        ],
    ),
    (
        "obrigatorio",
        lambda: _horas(),
        [f"{C1}, campo MesAno {MM1}: obrigatório em tipoGeracao=16 (editar DECLARADO por hora) (MesAno/Dia/Hora)"],
    ),
    (
        "hora",
        lambda: _horas(f.horario(hora="24"), f.horario(hora="23*")),
        [
            f"{C1}, campo hora em MontanteMedio[1]/MesAno[01/2026]/Dia[01]/Hora[24]: aceita somente 00 a 23, ou "
            "23* "
            "(hora adicional do fim do horário de verão) (recebido 24)"
        ],
    ),
    (
        "hora",
        lambda: _horas(f.horario(hora="7")),
        [
            f"{C1}, campo hora em MontanteMedio[1]/MesAno[01/2026]/Dia[01]/Hora[7]: aceita somente 00 a 23, ou 23* "
            "(hora adicional do fim do horário de verão) (recebido 7)"
        ],
    ),
    (
        "repetido",
        lambda: _horas(f.horario(), f.horario()),
        [f"{C1}, campo hora em MontanteMedio[1]/MesAno[01/2026]/Dia[01]: informada mais de uma vez (recebido 00)"],
    ),
    (
        "dia",
        lambda: _horas(f.horario(dia=32)),
        [f"{C1}, campo dia em MontanteMedio[1]/MesAno[01/2026]/Dia[32]: aceita somente 01 a 31 (recebido 32)"],
    ),
    (
        "dia",
        lambda: _horas(f.horario(dia=0)),
        [f"{C1}, campo dia em MontanteMedio[1]/MesAno[01/2026]/Dia[00]: aceita somente 01 a 31 (recebido 0)"],
    ),
    (
        "dia",
        lambda: _horas(f.horario(mes_ano="02/2026", dia=29)),
        [f"{C1}, campo dia em MontanteMedio[1]/MesAno[02/2026]/Dia[29]: dia inexistente em 02/2026 (recebido 29)"],
    ),
    (
        "mes_ano",
        lambda: _horas(f.horario(mes_ano="13/2026"), f.horario(mes_ano="1/2026"), f.horario(mes_ano="12/1999")),
        [
            f"{C1}, campo mesAno em MontanteMedio[1]/MesAno[{m}]: use MM/AAAA, com mês de 01 a 12 e ano "
            f"maior ou igual a 2000 (recebido {m})"
            for m in ("13/2026", "1/2026", "12/1999")
        ],
    ),
    (
        "nao_negativo",
        lambda: _horas(f.horario(montante_horario="-0,5")),
        [f"{C1}, campo montanteHorario {HORA}: deve ser maior ou igual a 0 (recebido -0,5)"],
    ),
    (
        "casas_decimais",
        lambda: _horas(f.horario(montante_horario="0,1234567")),
        [f"{C1}, campo montanteHorario {HORA}: no máximo 6 casas decimais (recebido 0,1234567)"],
    ),
    (
        "digitos_inteiros",
        lambda: _horas(f.horario(montante_horario="1" + "0" * 22)),
        [f"{C1}, campo montanteHorario {HORA}: no máximo 22 dígitos antes da vírgula (recebido 1{'0' * 22})"],
    ),
    (
        "obrigatorio",
        lambda: f.arquivo(
            TG.CRIAR_DECLARADO_PATAMAR,
            f.novo(TG.CRIAR_DECLARADO_PATAMAR, montantes=[f.montante(TG.CRIAR_DECLARADO_PATAMAR, patamares=[])]),
        ),
        [
            f"{C1}, campo Semana {MM1}: obrigatório em tipoGeracao=6 (criar DECLARADO por patamar) "
            "(Semana com unidadePatamar e patamares)"
        ],
    ),
    (
        "casas_decimais",
        lambda: _patamares(f.patamar(unidade_patamar=0, leve="1,1234")),
        [
            f"{C1}, campo patamarLeve em MontanteMedio[1]/Semana[1]: no máximo 3 casas decimais para "
            "unidadePatamar=0 "
            "(MWh) (recebido 1,1234)"
        ],
    ),
    (
        "casas_decimais",
        lambda: _patamares(f.patamar(unidade_patamar=1, medio="1,1234567")),
        [
            f"{C1}, campo patamarMedio em MontanteMedio[1]/Semana[1]: no máximo 6 casas decimais para "
            "unidadePatamar=1 "
            "(MWmédio) (recebido 1,1234567)"
        ],
    ),
    (
        "nao_negativo",
        lambda: _patamares(f.patamar(pesado="-1")),
        [f"{C1}, campo patamarPesado em MontanteMedio[1]/Semana[1]: deve ser maior ou igual a 0 (recebido -1)"],
    ),
    (
        "digitos_inteiros",
        lambda: _patamares(f.patamar(unidade_patamar=0, leve="9" * 26)),
        [
            f"{C1}, campo patamarLeve em MontanteMedio[1]/Semana[1]: no máximo 25 dígitos antes da vírgula para "
            f"unidadePatamar=0 (MWh) (recebido {'9' * 26})"
        ],
    ),
    (
        "positivo",
        lambda: _patamares(f.patamar(semana=-1)),
        [f"{C1}, campo semana em MontanteMedio[1]/Semana[-1]: deve ser maior que 0 (recebido -1)"],
    ),
    (
        "repetido",
        lambda: _patamares(f.patamar(), f.patamar()),
        [f"{C1}, campo semana {MM1}: informada mais de uma vez (recebido 1)"],
    ),
    (
        "digitos",
        lambda: f.arquivo(TG.EDITAR_MENSAL, f.edicao(TG.EDITAR_MENSAL, numero_contrato=10**10)),
        [f"{C1}, campo numeroContrato: no máximo 10 dígitos (recebido 10000000000)"],
    ),
    (
        "obrigatorio",
        lambda: f.arquivo(TG.EDITAR_MENSAL, f.edicao(TG.EDITAR_MENSAL, montantes=[])),
        [f"{C1}, campo MontanteMedio: ao menos um MontanteMedio em tipoGeracao=14 (editar mensal)"],
    ),
    (
        "periodo",
        lambda: f.arquivo(
            TG.EDITAR_MENSAL,
            f.edicao(
                TG.EDITAR_MENSAL,
                montantes=[
                    f.montante_edicao(
                        TG.EDITAR_MENSAL, vigencia_de_inicio="01/02/2026 00", vigencia_de_fim="01/01/2026 00"
                    )
                ],
            ),
        ),
        [
            f"{C1}, campo vigenciaDeFim {MM1}: deve ser posterior a vigenciaDeInicio (01/02/2026 00) "
            "(recebido 01/01/2026 00)"
        ],
    ),
    (
        "data_minima",
        lambda: f.arquivo(
            TG.EDITAR_MENSAL,
            f.edicao(
                TG.EDITAR_MENSAL, montantes=[f.montante_edicao(TG.EDITAR_MENSAL, vigencia_de_inicio="01/01/1999 00")]
            ),
        ),
        [f"{C1}, campo vigenciaDeInicio {MM1}: deve ser maior ou igual a 01/01/2000 00 (recebido 01/01/1999 00)"],
    ),
    (
        "validar_montante",
        lambda: f.arquivo(
            TG.VALIDAR_MONTANTE_MEDIO,
            f.validacao(montantes=[ValidacaoMontanteMedio(vigencia_de_inicio=f.INICIO, validar_montante=False)]),
        ),
        [f'{C1}, campo validarMontante {MM1}: obrigatório ("X") quando vigenciaDeInicio é informado'],
    ),
    (
        "repetido",
        lambda: f.arquivo(
            TG.VALIDAR_MONTANTE_MEDIO, f.validacao(montantes=[ValidacaoMontanteMedio(vigencia_de_inicio=f.INICIO)] * 2)
        ),
        [f"{C1}, campo vigenciaDeInicio: informado mais de uma vez (recebido 01/01/2026 00)"],
    ),
    (
        "data_hora_cheia",
        lambda: f.arquivo(
            TG.VALIDAR_MONTANTE_MEDIO,
            f.validacao(montantes=[ValidacaoMontanteMedio(vigencia_de_inicio="01/01/2026 10:00:01")]),
        ),
        [
            f"{C1}, campo vigenciaDeInicio {MM1}: preencha somente até a hora (DD/MM/AAAA HH) (recebido 01/01/2026 "
            "10:00:01)"
        ],
    ),
    (
        "obrigatorio",
        lambda: f.arquivo(TG.VALIDAR_MONTANTE_MEDIO, f.validacao(montantes=[], numero_contrato=0)),
        [
            f"{C1}, campo numeroContrato: deve ser maior que 0 (recebido 0)",
            f"{C1}, campo MontanteMedio: ao menos um MontanteMedio em tipoGeracao=24 (validar montante médio)",
        ],
    ),
    (
        "finalizacao_cancelamento",
        lambda: f.arquivo(TG.FINALIZAR_OU_CANCELAR, f.finalizacao(data_finalizacao=None)),
        [f"{C1}, campo dataFinalizacao: informe dataFinalizacao ou validarFinalizacao"],
    ),
    (
        "finalizacao_cancelamento",
        lambda: f.arquivo(TG.FINALIZAR_OU_CANCELAR, f.cancelamento(cancelar_contrato=False)),
        [f"{C1}, campo cancelarContrato: informe cancelarContrato ou validarCancelamento"],
    ),
    (
        "data_minima",
        lambda: f.arquivo(TG.FINALIZAR_OU_CANCELAR, f.finalizacao(data_finalizacao="01/01/1990 00")),
        [f"{C1}, campo dataFinalizacao: deve ser maior ou igual a 01/01/2000 00 (recebido 01/01/1990 00)"],
    ),
    (
        "digitos",
        lambda: f.arquivo(TG.FINALIZAR_OU_CANCELAR, f.cancelamento(numero_contrato=12345678901)),
        [f"{C1}, campo numeroContrato: no máximo 10 dígitos (recebido 12345678901)"],
    ),
]


IDS = [f"{i:02d}-{c[0]}" for i, c in enumerate(CASOS)]


@pytest.mark.parametrize("codigo, fabrica, mensagens", CASOS, ids=IDS)
def test_regra(codigo, fabrica, mensagens):
    erros = validar(fabrica())
    assert [e.mensagem for e in erros] == mensagens
    assert codigo in {e.codigo for e in erros}
    for e in erros:
        assert isinstance(e, ErroRegraCCEAL) and isinstance(e, ValueError)
        assert e.campo in e.mensagem and e.regra in e.mensagem


def test_toda_regra_tem_caso():
    """Every rule of the catalog has a case here or (format rules) in test_cceal_ler."""
    cobertos = {c[0] for c in CASOS} | {"formato"}
    assert cobertos >= set(REGRAS), set(REGRAS) - cobertos


def test_mes_e_dia_invalidos_apontados_uma_vez():
    horas = [f.horario(mes_ano="13/2026", hora=f"{h:02d}") for h in range(24)]
    horas += [f.horario(mes_ano="02/2026", dia=30, hora=f"{h:02d}") for h in range(24)]
    assert [e.campo for e in validar(_horas(*horas))] == ["mesAno", "dia"]


def test_exemplo_do_enunciado():
    a = f.arquivo(P, f.novo(), f.novo(montantes=[f.montante(montante_medio="1,1234567")]))
    [erro] = validar(a)
    assert (erro.sequencial_controle, erro.campo, erro.regra, erro.valor) == (
        2,
        "montanteMedio",
        "no máximo 6 casas decimais",
        "1,1234567",
    )
    assert str(erro) == (
        "Contrato sequencialControle=2, campo montanteMedio em MontanteMedio[1]: "
        "no máximo 6 casas decimais (recebido 1,1234567)"
    )


def test_todas_as_violacoes_juntas():
    a = f.arquivo(P, f.novo(id_comprador=0, referencia="r" * 31), f.novo(montantes=[f.montante(montante_medio="-1")]))
    with pytest.raises(ErrosArquivoCCEAL) as exc:
        gerar_xml(a)
    assert [e.campo for e in exc.value] == ["idComprador", "referencia", "montanteMedio"]
    assert len(exc.value) == 3 and exc.value[2].sequencial_controle == 2
    assert str(exc.value).startswith(
        "3 erros no arquivo ContratosCCEAL:\n- Contrato sequencialControle=1, campo idComprador"
    )
    assert exc.value.mensagens == [e.mensagem for e in validar(a)]


def test_exigir_valido_passa_em_arquivo_valido():
    for tg in TG:
        exigir_valido(f.arquivo(tg))


def test_validar_recusa_o_que_nao_e_arquivo():
    with pytest.raises(TypeError):
        validar({"tipo_geracao": 4})  # type: ignore[arg-type]


def test_casos_validos_nos_limites():
    """Values right at each limit are accepted."""
    maximo = f.montante(
        montante_medio="9" * 22 + ",999999",
        data_de_inicio="01/01/2000 00",
        modulacao=f.modulacao(tipo_modulacao="C", id_ativo_associado_modulacao=999999999),
    )
    arquivos = [
        f.arquivo(
            P,
            f.novo(
                id_comprador=99999,
                id_vendedor=1,
                referencia="r" * 30,
                observacao="ç" * 255,
                data_de_inicio="01/01/2000 00",
                dir_aliv_exp=1,
                id_sub_mer_origem=4,
                contrato_cessao=True,
                id_contrato_cessao=9999999999,
                montantes=[maximo],
            ),
        ),
        _horas(
            f.horario(hora="23*", montante_horario="0,000001"),
            f.horario(hora="23"),
            f.horario(mes_ano="02/2028", dia=29, hora="00"),
        ),
        _patamares(f.patamar(unidade_patamar=0, leve="9" * 25 + ",999", medio=None, pesado="0")),
        f.arquivo(TG.CRIAR_DADOS_GERAIS, f.novo(TG.CRIAR_DADOS_GERAIS, tipo_gravacao=None, montantes=[])),
        f.arquivo(
            TG.FINALIZAR_OU_CANCELAR,
            f.finalizacao(data_finalizacao=None, validar_finalizacao=True),
            f.cancelamento(cancelar_contrato=False, validar_cancelamento=True),
        ),
        _mod(limite_modulacao=LimiteModulacao(limite_minimo_modulacao="2", limite_maximo_modulacao="2")),
    ]
    for a in arquivos:
        assert validar(a) == []
