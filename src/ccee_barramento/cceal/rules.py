"""Field rules of the ContratosCCEAL file (CCEAL Firme), checked on the models.

``validar(arquivo)`` returns every violation, in file order, as :class:`ErroRegraCCEAL`;
``exigir_valido(arquivo)`` raises them together as :class:`ErrosArquivoCCEAL`. ``REGRAS`` lists
the rules by code (the ``codigo`` of each error). Type and format rules (enum values, masks,
"X" flags) are enforced by the models and reported by the parser with the code ``formato``.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from . import formato
from .errors import ErroRegraCCEAL, ErrosArquivoCCEAL
from .mapeamento import nome_xml
from .models import (
    ArquivoCCEAL,
    CancelamentoContrato,
    Contrato,
    ContratoNovo,
    EdicaoContrato,
    FinalizacaoContrato,
    Modulacao,
    MontanteHorario,
    MontanteMedio,
    MontanteMedioEdicao,
    MontantePatamar,
    Semana,
    ValidacaoMontantes,
)
from .tipos import DireitoAlivioExposicao, TipoCCEAL, TipoGeracao, TipoModulacao, UnidadePatamar

REGRAS: dict[str, str] = {
    "formato": 'valor no formato do campo (número, data DD/MM/AAAA HH, "X" ou vazio, código aceito)',
    "obrigatorio": "campo obrigatório (na operação, ou sempre)",
    "nao_permitido": "campo ou elemento não permitido na operação (tipoGeracao)",
    "arquivo_vazio": "o arquivo tem ao menos um Contrato",
    "tipo_cceal": "somente tipoCCEAL=1 (CCEAL Firme)",
    "tipo_contrato": "o tipo de Contrato corresponde a tipoGeracao",
    "sequencial_repetido": "sequencialControle único",
    "sequencial_contiguo": "sequencialControle de 1 a n sem lacunas",
    "positivo": "códigos, números de contrato e semanas maiores que 0",
    "digitos": "códigos de perfil até 5 dígitos, contratos até 10, parcela até 9",
    "texto_tamanho": "referencia até 30 caracteres, observacao até 255",
    "texto_caracteres": "texto somente com caracteres ISO-8859-1 imprimíveis",
    "texto_codificacao": "texto sem sinais de UTF-8 lido como ISO-8859-1 ('Ã§' no lugar de 'ç')",
    "data_minima": "datas maiores ou iguais a 01/01/2000 00",
    "data_hora_cheia": "datas preenchidas somente até a hora",
    "periodo": "início anterior ao fim",
    "nao_negativo": "montantes maiores ou iguais a 0",
    "casas_decimais": "MWmédio e MWh horário até 6 casas, limites de modulação até 3, patamar 3 (MWh) ou 6 (MWmédio)",
    "digitos_inteiros": "números com até 28 dígitos no total (22 inteiros com 6 casas, 25 com 3)",
    "limites_modulacao": "limiteMinimoModulacao menor ou igual a limiteMaximoModulacao",
    "comprador_vendedor": "idComprador diferente de idVendedor",
    "submercado_origem": "idSubMerOrigem obrigatório para direitos especiais (dirAlivExp=1)",
    "parcela_modulacao": "idAtivoAssociadoModulacao obrigatório para modulação C (carga) ou G (geração)",
    "cessao": "idContratoCessao obrigatório quando contratoCessao=X",
    "mes_ano": "mesAno MM/AAAA com mês 01 a 12 e ano maior ou igual a 2000",
    "dia": "dia de 01 a 31 e existente no mês",
    "hora": "hora de 00 a 23, ou 23* (hora adicional do fim do horário de verão)",
    "repetido": "semana, hora ou período informado uma única vez",
    "validar_montante": 'validarMontante="X" em cada período validado (tipoGeracao 24)',
    "finalizacao_cancelamento": "finalizar (dataFinalizacao/validarFinalizacao) ou cancelar "
    "(cancelarContrato/validarCancelamento), nunca os dois, ao menos um",
}


@dataclass(frozen=True)
class EspecDecimal:
    """Decimal places and integer digits allowed for an amount (``28,6`` -> 22 integer digits)."""

    casas: int
    inteiros: int
    nao_negativo: bool = True


DECIMAIS: dict[str, EspecDecimal] = {
    "montanteMedio": EspecDecimal(6, 22),
    "montanteHorario": EspecDecimal(6, 22),
    "limiteMinimoModulacao": EspecDecimal(3, 25, nao_negativo=False),
    "limiteMaximoModulacao": EspecDecimal(3, 25, nao_negativo=False),
}
DECIMAIS_PATAMAR: dict[UnidadePatamar, EspecDecimal] = {
    UnidadePatamar.MWH: EspecDecimal(3, 25),
    UnidadePatamar.MWMEDIO: EspecDecimal(6, 22),
}
#: Codes that must be > 0, with their maximum number of digits (None: no limit).
CODIGOS: dict[str, int | None] = {
    "sequencialControle": None,
    "idComprador": 5,
    "idVendedor": 5,
    "numeroContrato": 10,
    "idContratoCessao": 10,
    "idAtivoAssociadoModulacao": 9,
    "semana": None,
}
TEXTOS: dict[str, int | None] = {"referencia": 30, "observacao": 255, "sistemaOrigem": None}
DATA_MINIMA = datetime(2000, 1, 1, 0)

_HORA = re.compile(r"(?:[01]\d|2[0-3]|23\*)")
_MES_ANO = re.compile(r"(\d{2})/(\d{4})")
_CONTROLES_PERMITIDOS = frozenset("\t\n\r")
#: 'Ã' or 'Â' followed by U+00A0..U+00BF: how UTF-8 Portuguese reads as ISO-8859-1 ('Ã§', 'Ã£', 'Âº').
MOJIBAKE = re.compile("[\u00c2\u00c3][\u00a0-\u00bf]")

_CONTRATO_DA_OPERACAO: dict[str, tuple[type, ...]] = {
    "criacao": (ContratoNovo,),
    "edicao": (EdicaoContrato,),
    "validacao": (ValidacaoMontantes,),
    "finalizacao": (FinalizacaoContrato, CancelamentoContrato),
}


def casas_decimais(campo: str, unidade: UnidadePatamar | None = None) -> int:
    """Decimal places the writer uses for an amount attribute."""
    if unidade is not None:
        return DECIMAIS_PATAMAR[unidade].casas
    return DECIMAIS[campo].casas


def validar(arquivo: ArquivoCCEAL) -> list[ErroRegraCCEAL]:
    """Every rule violation of ``arquivo``, in file order (empty list: the file is valid)."""
    if not isinstance(arquivo, ArquivoCCEAL):
        raise TypeError(f"validar espera ArquivoCCEAL, não {type(arquivo).__name__}")
    return list(_arquivo(arquivo))


def exigir_valido(arquivo: ArquivoCCEAL) -> None:
    """Raise :class:`ErrosArquivoCCEAL` with every violation, if there is any."""
    erros = validar(arquivo)
    if erros:
        raise ErrosArquivoCCEAL(erros)


def grupos_finalizacao_cancelamento(
    seq: int | None, finalizacao: Iterable[str], cancelamento: Iterable[str], linha: int | None = None
) -> list[ErroRegraCCEAL]:
    """Operation 25 read from a file: the informed attributes of each group must not mix."""
    finalizacao, cancelamento = list(finalizacao), list(cancelamento)
    codigo = "finalizacao_cancelamento"
    if finalizacao and cancelamento:
        regra = f"não pode ser informado junto com {' e '.join(finalizacao)} (finalizar e cancelar se excluem)"
        return [ErroRegraCCEAL(seq, campo, regra, codigo=codigo, linha=linha) for campo in cancelamento]
    if not finalizacao and not cancelamento:
        regra = (
            "informe dataFinalizacao ou validarFinalizacao (finalizar), "
            "ou cancelarContrato ou validarCancelamento (cancelar)"
        )
        return [ErroRegraCCEAL(seq, "dataFinalizacao", regra, codigo=codigo, linha=linha)]
    return []


# -- file --------------------------------------------------------------------------------------


def _arquivo(a: ArquivoCCEAL) -> Iterator[ErroRegraCCEAL]:
    tg = a.tipo_geracao
    if a.tipo_cceal is None:
        if tg.criacao or tg.edicao:
            yield _erro(None, "tipoCCEAL", "obrigatorio", f"obrigatório em {_operacao(tg)}")
    elif a.tipo_cceal is not TipoCCEAL.FIRME:
        yield _erro(None, "tipoCCEAL", "tipo_cceal", "somente 1 (CCEAL Firme) é suportado", a.tipo_cceal)
    if a.sistema_origem is not None:
        yield from _texto(None, "sistemaOrigem", a.sistema_origem)
    if not a.contratos:
        yield _erro(None, "Contrato", "arquivo_vazio", "o arquivo deve ter ao menos um Contrato")
    yield from _sequenciais(a)
    for c in a.contratos:
        yield from _contrato(c, tg)


def _sequenciais(a: ArquivoCCEAL) -> Iterator[ErroRegraCCEAL]:
    numeros = [c.sequencial_controle for c in a.contratos]
    contagem = Counter(numeros)
    for n in sorted({n for n, k in contagem.items() if k > 1 and n is not None}):
        yield _erro(n, "sequencialControle", "sequencial_repetido", "repetido em outro Contrato do arquivo")
    faltam = sorted(set(range(1, len(numeros) + 1)) - set(numeros))
    if faltam and all(n is not None and n > 0 for n in numeros) and len(contagem) == len(numeros):
        lista = ", ".join(str(n) for n in faltam[:10]) + (", ..." if len(faltam) > 10 else "")
        yield _erro(
            None,
            "sequencialControle",
            "sequencial_contiguo",
            f"deve ir de 1 a {len(numeros)} sem lacunas (faltam {lista})",
        )


def _contrato(c: Contrato, tg: TipoGeracao) -> Iterator[ErroRegraCCEAL]:
    seq = c.sequencial_controle
    esperados = _CONTRATO_DA_OPERACAO[_familia(tg)]
    if not isinstance(c, esperados):
        nomes = " ou ".join(t.__name__ for t in esperados)
        yield _erro(
            seq, "Contrato", "tipo_contrato", f"{type(c).__name__} não corresponde a {_operacao(tg)}; use {nomes}"
        )
        return
    yield from _campos_simples(seq, c)
    if isinstance(c, ContratoNovo):
        yield from _contrato_novo(c, tg)
    elif isinstance(c, EdicaoContrato):
        yield from _montantes(seq, c.montantes, tg, obrigatorio=True)
    elif isinstance(c, ValidacaoMontantes):
        yield from _validacao(c, tg)
    elif isinstance(c, FinalizacaoContrato):
        if c.data_finalizacao is None and not c.validar_finalizacao:
            yield _erro(
                seq, "dataFinalizacao", "finalizacao_cancelamento", "informe dataFinalizacao ou validarFinalizacao"
            )
    elif isinstance(c, CancelamentoContrato):
        if not c.cancelar_contrato and not c.validar_cancelamento:
            yield _erro(
                seq, "cancelarContrato", "finalizacao_cancelamento", "informe cancelarContrato ou validarCancelamento"
            )


def _contrato_novo(c: ContratoNovo, tg: TipoGeracao) -> Iterator[ErroRegraCCEAL]:
    seq = c.sequencial_controle
    if c.tipo_gravacao is None and tg is not TipoGeracao.CRIAR_DADOS_GERAIS:
        yield _erro(seq, "tipoGravacao", "obrigatorio", f"obrigatório em {_operacao(tg)}")
    yield from _periodo(seq, "dataDeInicio", c.data_de_inicio, "dataDeFim", c.data_de_fim)
    if c.id_comprador == c.id_vendedor:
        yield _erro(seq, "idVendedor", "comprador_vendedor", "deve ser diferente de idComprador", c.id_vendedor)
    if c.dir_aliv_exp is DireitoAlivioExposicao.DIREITOS_ESPECIAIS and c.id_sub_mer_origem is None:
        yield _erro(seq, "idSubMerOrigem", "submercado_origem", "obrigatório quando dirAlivExp=1 (direitos especiais)")
    if c.contrato_cessao and c.id_contrato_cessao is None:
        yield _erro(seq, "idContratoCessao", "cessao", "obrigatório quando contratoCessao=X")
    yield from _montantes(seq, c.montantes, tg, obrigatorio=tg is not TipoGeracao.CRIAR_DADOS_GERAIS)


def _validacao(c: ValidacaoMontantes, tg: TipoGeracao) -> Iterator[ErroRegraCCEAL]:
    seq = c.sequencial_controle
    if not c.montantes:
        yield _erro(seq, "MontanteMedio", "obrigatorio", f"ao menos um MontanteMedio em {_operacao(tg)}")
    for i, mm in enumerate(c.montantes, start=1):
        local = f"MontanteMedio[{i}]"
        yield from _campos_simples(seq, mm, local)
        if not mm.validar_montante:
            yield _erro(
                seq,
                "validarMontante",
                "validar_montante",
                'obrigatório ("X") quando vigenciaDeInicio é informado',
                local=local,
            )
    for inicio in _repetidos(mm.vigencia_de_inicio for mm in c.montantes):
        yield _erro(seq, "vigenciaDeInicio", "repetido", "informado mais de uma vez", inicio)


# -- amount periods -------------------------------------------------------------------------------


def _montantes(
    seq: int | None,
    montantes: tuple[MontanteMedio, ...] | tuple[MontanteMedioEdicao, ...],
    tg: TipoGeracao,
    *,
    obrigatorio: bool,
) -> Iterator[ErroRegraCCEAL]:
    if obrigatorio and not montantes:
        yield _erro(seq, "MontanteMedio", "obrigatorio", f"ao menos um MontanteMedio em {_operacao(tg)}")
    for i, mm in enumerate(montantes, start=1):
        local = f"MontanteMedio[{i}]"
        yield from _campos_simples(seq, mm, local)
        if isinstance(mm, MontanteMedio):
            yield from _periodo(seq, "dataDeInicio", mm.data_de_inicio, "dataDeFim", mm.data_de_fim, local)
        else:
            yield from _periodo(
                seq, "vigenciaDeInicio", mm.vigencia_de_inicio, "vigenciaDeFim", mm.vigencia_de_fim, local
            )
        yield from _conteudo(seq, mm, tg, local)


def _conteudo(
    seq: int | None, mm: MontanteMedio | MontanteMedioEdicao, tg: TipoGeracao, local: str
) -> Iterator[ErroRegraCCEAL]:
    """What an amount period must, may and must not carry in the operation ``tg``."""
    proibido = f"não permitido em {_operacao(tg)}"
    exigido = f"obrigatório em {_operacao(tg)}"
    if tg.semanal:
        if mm.montante_medio is not None:
            yield _erro(
                seq, "montanteMedio", "nao_permitido", proibido + " (informe o montante em cada semana)", local=local
            )
        for campo in _partes(mm.modulacao):
            yield _erro(seq, campo, "nao_permitido", proibido + " (informe a modulação em cada semana)", local=local)
        if not mm.semanas:
            yield _erro(seq, "semana", "obrigatorio", exigido, local=local)
    else:
        if mm.montante_medio is None:
            yield _erro(seq, "montanteMedio", "obrigatorio", exigido, local=local)
        if mm.semanas:
            yield _erro(seq, "semana", "nao_permitido", proibido, local=local)
    if tg.declarado_hora and not mm.horarios:
        yield _erro(seq, "MesAno", "obrigatorio", exigido + " (MesAno/Dia/Hora)", local=local)
    if mm.horarios and not tg.declarado_hora:
        yield _erro(seq, "MesAno", "nao_permitido", proibido, local=local)
    if tg.declarado_patamar and not mm.patamares:
        yield _erro(seq, "Semana", "obrigatorio", exigido + " (Semana com unidadePatamar e patamares)", local=local)
    if mm.patamares and not tg.declarado_patamar:
        yield _erro(seq, "Semana", "nao_permitido", proibido, local=local)
    yield from _modulacao(seq, mm.modulacao, local)
    for s in mm.semanas:
        yield from _semana(seq, s, f"{local}/semana[{s.semana}]")
    for n in _repetidos(s.semana for s in mm.semanas):
        yield _erro(seq, "semana", "repetido", "informada mais de uma vez", n, local)
    yield from _horarios(seq, mm.horarios, local)
    for p in mm.patamares:
        yield from _patamar(seq, p, f"{local}/Semana[{p.semana}]")
    for n in _repetidos(p.semana for p in mm.patamares):
        yield _erro(seq, "semana", "repetido", "informada mais de uma vez", n, local)


def _semana(seq: int | None, s: Semana, local: str) -> Iterator[ErroRegraCCEAL]:
    yield from _campos_simples(seq, s, local)
    yield from _modulacao(seq, s.modulacao, local)


def _modulacao(seq: int | None, mod: Modulacao | None, local: str) -> Iterator[ErroRegraCCEAL]:
    if mod is None:
        return
    yield from _campos_simples(seq, mod, local)
    por_ativo = mod.tipo_modulacao in (TipoModulacao.CARGA, TipoModulacao.GERACAO)
    if por_ativo and mod.id_ativo_associado_modulacao is None:
        yield _erro(
            seq,
            "idAtivoAssociadoModulacao",
            "parcela_modulacao",
            f"obrigatório quando tipoModulacao={mod.tipo_modulacao.value} "
            f"({mod.tipo_modulacao.rotulo}); informe a parcela de ativo",
            local=local,
        )
    lim = mod.limite_modulacao
    if lim is not None:
        yield from _campos_simples(seq, lim, local)
        minimo, maximo = lim.limite_minimo_modulacao, lim.limite_maximo_modulacao
        if minimo is not None and maximo is not None and minimo > maximo:
            yield _erro(
                seq,
                "limiteMinimoModulacao",
                "limites_modulacao",
                f"deve ser menor ou igual a limiteMaximoModulacao ({formato.exibir(maximo)})",
                minimo,
                local,
            )


def _horarios(seq: int | None, horarios: tuple[MontanteHorario, ...], local: str) -> Iterator[ErroRegraCCEAL]:
    """Month and day are checked once each (a bad month is not reported for each of its hours)."""
    meses: dict[str, bool] = {}
    dias: set[tuple[str, int]] = set()
    for h in horarios:
        mes = f"{local}/MesAno[{formato.exibir(h.mes_ano)}]"
        dia = f"{mes}/Dia[{_dois_digitos(h.dia)}]"
        yield from _campos_simples(seq, h, f"{dia}/Hora[{formato.exibir(h.hora)}]")
        if h.mes_ano not in meses:
            meses[h.mes_ano] = _mes_ano_valido(h.mes_ano)
            if not meses[h.mes_ano]:
                yield _erro(
                    seq,
                    "mesAno",
                    "mes_ano",
                    "use MM/AAAA, com mês de 01 a 12 e ano maior ou igual a 2000",
                    h.mes_ano,
                    mes,
                )
        if meses[h.mes_ano] and (h.mes_ano, h.dia) not in dias:
            dias.add((h.mes_ano, h.dia))
            mes_num, ano = (int(p) for p in h.mes_ano.split("/"))
            if not 1 <= h.dia <= 31:
                yield _erro(seq, "dia", "dia", "aceita somente 01 a 31", h.dia, dia)
            elif h.dia > calendar.monthrange(ano, mes_num)[1]:
                yield _erro(seq, "dia", "dia", f"dia inexistente em {h.mes_ano}", h.dia, dia)
        if not _HORA.fullmatch(h.hora):
            yield _erro(
                seq,
                "hora",
                "hora",
                "aceita somente 00 a 23, ou 23* (hora adicional do fim do horário de verão)",
                h.hora,
                f"{dia}/Hora[{formato.exibir(h.hora)}]",
            )
    for mes_ano, d, hora in _repetidos((h.mes_ano, h.dia, h.hora) for h in horarios):
        yield _erro(
            seq,
            "hora",
            "repetido",
            "informada mais de uma vez",
            hora,
            f"{local}/MesAno[{formato.exibir(mes_ano)}]/Dia[{_dois_digitos(d)}]",
        )


def _mes_ano_valido(texto: str) -> bool:
    m = _MES_ANO.fullmatch(texto)
    return bool(m) and 1 <= int(m.group(1)) <= 12 and int(m.group(2)) >= 2000


def _dois_digitos(n: int) -> str:
    return f"{n:02d}" if 0 <= n < 100 else formato.exibir(n)


def _patamar(seq: int | None, p: MontantePatamar, local: str) -> Iterator[ErroRegraCCEAL]:
    yield from _campos_simples(seq, p, local)
    espec = DECIMAIS_PATAMAR[p.unidade_patamar]
    for campo in ("leve", "medio", "pesado"):
        valor = getattr(p, campo)
        if valor is not None:
            unidade = f" para unidadePatamar={p.unidade_patamar.value} ({p.unidade_patamar.rotulo})"
            yield from _decimal(seq, nome_xml(MontantePatamar, campo), valor, espec, local, unidade)


# -- single fields --------------------------------------------------------------------------------


def _campos_simples(seq: int | None, modelo: object, local: str | None = None) -> Iterator[ErroRegraCCEAL]:
    """Rules that depend on one field only, found by the field's XML name."""
    tipo = type(modelo)
    for campo in tipo.model_fields:  # type: ignore[attr-defined]
        valor = getattr(modelo, campo)
        if valor is None or isinstance(valor, (tuple, bool)):
            continue
        xml = nome_xml(tipo, campo)
        if isinstance(valor, datetime):
            yield from _data(seq, xml, valor, local)
        elif isinstance(valor, Decimal) and xml in DECIMAIS:
            yield from _decimal(seq, xml, valor, DECIMAIS[xml], local)
        elif isinstance(valor, int) and xml in CODIGOS:
            yield from _codigo(seq, xml, valor, CODIGOS[xml], local)
        elif isinstance(valor, str) and xml in TEXTOS:
            yield from _texto(seq, xml, valor, local)


def _codigo(
    seq: int | None, campo: str, valor: int, digitos: int | None, local: str | None
) -> Iterator[ErroRegraCCEAL]:
    if campo == "sequencialControle":
        seq = valor if valor > 0 else None
    if valor <= 0:
        yield _erro(seq, campo, "positivo", "deve ser maior que 0", valor, local)
    elif digitos is not None and valor >= 10**digitos:
        yield _erro(seq, campo, "digitos", f"no máximo {digitos} dígitos", valor, local)


def _texto(seq: int | None, campo: str, valor: str, local: str | None = None) -> Iterator[ErroRegraCCEAL]:
    limite = TEXTOS[campo]
    if limite is not None and len(valor) > limite:
        yield _erro(seq, campo, "texto_tamanho", f"no máximo {limite} caracteres (tem {len(valor)})", valor, local)
    for pos, ch in enumerate(valor, start=1):
        cod = ord(ch)
        if cod > 0xFF or ((cod < 0x20 or 0x7F <= cod < 0xA0) and ch not in _CONTROLES_PERMITIDOS):
            yield _erro(
                seq,
                campo,
                "texto_caracteres",
                f"caractere U+{cod:04X} na posição {pos} não cabe no ISO-8859-1 ou é de controle",
                valor,
                local,
            )
            return
    suspeito = MOJIBAKE.search(valor)
    if suspeito:
        yield _erro(
            seq,
            campo,
            "texto_codificacao",
            f"'{suspeito.group()}' na posição {suspeito.start() + 1} parece texto UTF-8 lido como "
            "ISO-8859-1; grave o arquivo em ISO-8859-1",
            valor,
            local,
        )


def _data(seq: int | None, campo: str, valor: datetime, local: str | None) -> Iterator[ErroRegraCCEAL]:
    if valor.minute or valor.second or valor.microsecond:
        yield _erro(seq, campo, "data_hora_cheia", "preencha somente até a hora (DD/MM/AAAA HH)", valor, local)
    if valor < DATA_MINIMA:
        yield _erro(seq, campo, "data_minima", "deve ser maior ou igual a 01/01/2000 00", valor, local)


def _periodo(
    seq: int | None, campo_inicio: str, inicio: datetime, campo_fim: str, fim: datetime, local: str | None = None
) -> Iterator[ErroRegraCCEAL]:
    if fim <= inicio:
        yield _erro(
            seq, campo_fim, "periodo", f"deve ser posterior a {campo_inicio} ({formato.exibir(inicio)})", fim, local
        )


def _decimal(
    seq: int | None, campo: str, valor: Decimal, espec: EspecDecimal, local: str | None, contexto: str = ""
) -> Iterator[ErroRegraCCEAL]:
    if espec.nao_negativo and valor < 0:
        yield _erro(seq, campo, "nao_negativo", "deve ser maior ou igual a 0", valor, local)
    if formato.casas_decimais(valor) > espec.casas:
        yield _erro(seq, campo, "casas_decimais", f"no máximo {espec.casas} casas decimais{contexto}", valor, local)
    if formato.digitos_inteiros(valor) > espec.inteiros:
        yield _erro(
            seq,
            campo,
            "digitos_inteiros",
            f"no máximo {espec.inteiros} dígitos antes da vírgula{contexto}",
            valor,
            local,
        )


# -- helpers --------------------------------------------------------------------------------------


_SEM_VALOR = object()


def _erro(
    seq: int | None, campo: str, codigo: str, regra: str, valor: object = _SEM_VALOR, local: str | None = None
) -> ErroRegraCCEAL:
    texto = None if valor is _SEM_VALOR else formato.exibir(valor)
    return ErroRegraCCEAL(seq, campo, regra, valor=texto, local=local, codigo=codigo)


def _familia(tg: TipoGeracao) -> str:
    if tg.criacao:
        return "criacao"
    if tg.edicao:
        return "edicao"
    return "validacao" if tg is TipoGeracao.VALIDAR_MONTANTE_MEDIO else "finalizacao"


def _operacao(tg: TipoGeracao) -> str:
    return f"tipoGeracao={tg.value} ({tg.rotulo})"


def _partes(mod: Modulacao | None) -> list[str]:
    """XML names of the informed parts of a modulation."""
    if mod is None:
        return []
    partes = []
    if mod.tipo_modulacao is not None:
        partes.append("tipoModulacao")
    if mod.limite_modulacao is not None:
        partes.append("LimiteModulacao")
    if mod.id_ativo_associado_modulacao is not None:
        partes.append("idAtivoAssociadoModulacao")
    return partes


def _repetidos(valores: Iterable) -> list:  # type: ignore[type-arg]
    """Values that appear more than once, in order of first appearance."""
    contagem = Counter(valores)
    return [v for v, n in contagem.items() if n > 1]
