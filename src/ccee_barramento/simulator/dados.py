"""The simulator's market: the shipped demo file and synthetic markets of any size.

``carregar_mercado()`` reads ``dados/mercado_demo.json`` (or another file of the same shape) into a
:class:`Mercado` of plain rows; ``gerar_mercado(contratos=100_000)`` adds that many synthetic contracts
(with their monthly amounts) to the demo market. Contract and amount rows are generators, so a
100,000-contract market streams into SQLite without being held in memory.

Row layouts are the column lists of :data:`ccee_barramento.simulator.banco.COLUNAS`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import codigos as c

DEMO = Path(__file__).with_name("dados") / "mercado_demo.json"

Linha = tuple[Any, ...]

_SITUACAO_AGENTE = (4282, "Aderido")
_ATIVO = (1, "ATIVO")
_TIPOS_ATIVO = {"usina": (1, "Usina"), "carga": (2, "Carga")}


@dataclass
class Usuario:
    """A demo user of the bus (simulator only: these are not real credentials)."""

    login: str
    senha: str
    agente: int


@dataclass
class Mercado:
    """Everything the database is seeded with. ``contratos``/``montantes`` may be generators."""

    participantes: list[Linha] = field(default_factory=list)
    perfis: list[Linha] = field(default_factory=list)
    representacoes: list[Linha] = field(default_factory=list)
    usuarios: list[Usuario] = field(default_factory=list)
    ativos: list[Linha] = field(default_factory=list)
    parcelas: list[Linha] = field(default_factory=list)
    associacoes: list[Linha] = field(default_factory=list)
    contratos: Iterable[Linha] = field(default_factory=list)
    montantes: Iterable[Linha] = field(default_factory=list)
    #: Extra row sources appended after the file's rows (synthetic markets).
    extras: list[Callable[[], tuple[Iterator[Linha], Iterator[Linha]]]] = field(default_factory=list)


# --------------------------------------------------------------------------- the demo file


def carregar_mercado(caminho: str | Path | None = None) -> Mercado:
    """Read a market file (the shipped demo by default)."""
    caminho = Path(caminho) if caminho is not None else DEMO
    try:
        dados = json.loads(caminho.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"arquivo de dados do simulador ilegível: {caminho}: {exc}") from None
    return _mercado(dados)


def _mercado(d: dict[str, Any]) -> Mercado:
    classes = {int(k): v for k, v in d.get("classes", {}).items()}
    fontes = {int(k): v for k, v in d.get("fontes", {}).items()}
    m = Mercado()
    agente_do_perfil: dict[int, int] = {}
    for p in d["participantes"]:
        classe = int(p["classe"])
        m.participantes.append(
            (
                p["codigo"],
                p["sigla"],
                p["nomeEmpresarial"],
                p["cnpj"],
                classe,
                classes.get(classe, str(classe)),
                *_SITUACAO_AGENTE,
                p.get("vigenciaInicio"),
            )
        )
        for representado in p.get("representa", []):
            m.representacoes.append((p["codigo"], representado))
        if p.get("usuario"):
            m.usuarios.append(Usuario(p["usuario"]["login"], p["usuario"]["senha"], p["codigo"]))
        for pf in p["perfis"]:
            fonte = int(pf.get("fonte", 1))
            agente_do_perfil[pf["codigo"]] = p["codigo"]
            m.perfis.append(
                (
                    pf["codigo"],
                    p["codigo"],
                    pf["sigla"],
                    classe,
                    classes.get(classe, str(classe)),
                    fonte,
                    fontes.get(fonte, str(fonte)),
                    int(pf.get("submercado", 1)),
                    int(bool(pf.get("principal"))),
                    int(bool(pf.get("varejista"))),
                    int(bool(pf.get("regimeCotas"))),
                    *_ATIVO,
                    pf.get("vigenciaInicio", p.get("vigenciaInicio")),
                )
            )
    for a in d.get("ativos", []):
        tipo = _TIPOS_ATIVO.get(a["tipo"].lower(), (9, a["tipo"]))
        agente = None
        for pa in a.get("parcelas", []):
            agente = agente_do_perfil.get(pa["perfil"])
            modalidade = (1, pa["modalidade"]) if pa.get("modalidade") else (None, None)
            m.parcelas.append(
                (
                    pa["codigo"],
                    a["codigo"],
                    pa["perfil"],
                    agente,
                    pa["nome"],
                    pa["nomeReduzido"],
                    pa.get("capacidadeTotal"),
                    pa.get("garantiaFisica"),
                    int(pa.get("submercado", 1)),
                    pa.get("cnpj"),
                    *modalidade,
                    *_ATIVO,
                    pa.get("vigenciaInicio", a.get("vigenciaInicio")),
                )
            )
        m.ativos.append(
            (
                a["codigo"],
                agente,
                a["nome"],
                a["nomeReduzido"],
                *tipo,
                a.get("ceg"),
                1,
                "Ativo",
                a.get("vigenciaInicio"),
            )
        )
    contratos: list[Linha] = []
    montantes: list[Linha] = []
    for ct in d.get("contratos", []):
        contratos.append(_contrato(ct))
        for assoc in ct.get("associacoes", []):
            m.associacoes.append((assoc["parcela"], ct["id"], assoc["inicio"], assoc["fim"]))
        for grupo in ct.get("montantes", []):
            montantes.extend(_montantes(ct["id"], grupo))
        if ct.get("declarado"):
            montantes.extend(_declarados(ct["id"], ct["declarado"]))
    m.contratos, m.montantes = contratos, montantes
    return m


def _contrato(ct: dict[str, Any]) -> Linha:
    regulado = ct.get("ambiente") == c.REGULADO
    return (
        ct["id"],
        str(ct["id"]),
        ct.get("referencia"),
        ct.get("observacao") or None,
        c.REGULADO if regulado else c.LIVRE,
        c.TIPO_ACR if regulado else c.TIPO_ACL,
        None if regulado else int(ct.get("subtipo", c.SUBTIPO_CCEAL)),
        None if regulado else 1,
        int(ct.get("situacao", c.REGISTRADO)),
        ct["inicio"],
        ct["fim"],
        ct.get("dataRegistro"),
        int(ct.get("submercado", 1)),
        ct["vendedor"],
        ct["comprador"],
        ct.get("modulacao"),
        ct.get("parcela"),
    )


def _montantes(contrato: int, grupo: dict[str, Any]) -> Iterator[Linha]:
    tipo = grupo["tipo"]
    for chave, (valor, situacao) in grupo.get("meses", {}).items():
        for inicio, fim in meses_de(chave):
            yield (contrato, tipo, inicio, fim, None, valor, situacao, _data_validacao(situacao, inicio))
    for inicio, fim, valor, situacao in grupo.get("periodos", []):
        yield (contrato, tipo, inicio, fim, None, valor, situacao, _data_validacao(situacao, inicio))


def _declarados(contrato: int, dec: dict[str, Any]) -> Iterator[Linha]:
    """Hourly MONTANTE_MODULARIZADO (MWh) of a DECLARADO contract: average amount × the daily curve."""
    media = Decimal(dec["montanteMedio"])
    curva = [Decimal(x) for x in dec["curva"]]
    for mes, situacao in dec["meses"].items():
        inicio, fim = next(iter(meses_de(mes)))
        hora = datetime.fromisoformat(inicio)
        ate = datetime.fromisoformat(fim)
        while hora < ate:
            proxima = hora + timedelta(hours=1)
            valor = (media * curva[hora.hour]).quantize(Decimal("0.000001"))
            yield (
                contrato,
                c.MONTANTE_MODULARIZADO,
                hora.isoformat(),
                proxima.isoformat(),
                None,
                str(valor),
                situacao,
                _data_validacao(situacao, inicio),
            )
            hora = proxima


def _data_validacao(situacao: int, inicio: str) -> str | None:
    """Validated amounts carry the validation date: the 5th of the month before (demo data)."""
    if situacao != c.VALIDADO:
        return None
    d = datetime.fromisoformat(inicio)
    ano, mes = (d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12)
    return datetime(ano, mes, 5, 14, 0).isoformat()


def meses_de(chave: str) -> Iterator[tuple[str, str]]:
    """``"2026-01"`` or ``"2026-01..2026-03"`` → (start, exclusive end) of each month, ISO text."""
    a, _, b = chave.partition("..")
    ano, mes = (int(x) for x in a.split("-"))
    fim_ano, fim_mes = (int(x) for x in (b or a).split("-"))
    while (ano, mes) <= (fim_ano, fim_mes):
        seguinte = (ano + 1, 1) if mes == 12 else (ano, mes + 1)
        yield datetime(ano, mes, 1).isoformat(), datetime(*seguinte, 1).isoformat()
        ano, mes = seguinte


# --------------------------------------------------------------------------- synthetic markets

AGENTES_SINTETICOS = 40
PRIMEIRO_CONTRATO_SINTETICO = 1_000_001


def gerar_mercado(
    contratos: int = 1000,
    meses: int = 6,
    semente: int = 2026,
    *,
    base: Mercado | None = None,
    agentes: int = AGENTES_SINTETICOS,
) -> Mercado:
    """The demo market plus ``contratos`` synthetic contracts with ``meses`` monthly amounts each.

    A quarter of the synthetic contracts has a demo profile as seller or buyer, so the demo users
    see large listings; one in ten is regulated (ACR). Deterministic for a given ``semente``.
    """
    if contratos < 0 or meses < 1:
        raise ValueError("contratos deve ser >= 0 e meses >= 1")
    m = base if base is not None else carregar_mercado()
    rng = random.Random(semente)
    demo = [p[0] for p in m.perfis]
    sinteticos: list[int] = []
    for i in range(1, agentes + 1):
        codigo = 52000 + i
        classe, nome_classe = rng.choice([(1, "Gerador"), (3, "Comercializador"), (6, "Consumidor Livre")])
        m.participantes.append(
            (
                codigo,
                f"AGENTE SINT {i:03d}",
                f"AGENTE SINTETICO {i:03d} LTDA",
                f"{90000000 + i:08d}0001{i % 100:02d}",
                classe,
                nome_classe,
                *_SITUACAO_AGENTE,
                "2020-01-01T00:00:00",
            )
        )
        for j in (1, 2):
            perfil = 62000 + i * 10 + j
            sinteticos.append(perfil)
            m.perfis.append(
                (
                    perfil,
                    codigo,
                    f"SINT {i:03d}-{j}",
                    classe,
                    nome_classe,
                    1,
                    "Convencional",
                    rng.randint(1, 4),
                    int(j == 1),
                    0,
                    0,
                    *_ATIVO,
                    "2020-01-01T00:00:00",
                )
            )
    meses_txt = list(_meses_sinteticos(meses))

    def linhas() -> tuple[Iterator[Linha], Iterator[Linha]]:
        rng = random.Random(semente + 2)  # the same rows on every call
        pares = []
        for n in range(contratos):
            if rng.random() < 0.25:
                vendedor, comprador = rng.choice(demo), rng.choice(sinteticos)
                if rng.random() < 0.5:
                    vendedor, comprador = comprador, vendedor
            else:
                vendedor, comprador = rng.sample(sinteticos, 2)
            pares.append((PRIMEIRO_CONTRATO_SINTETICO + n, vendedor, comprador, rng.random() < 0.1))
        return _contratos_sinteticos(pares, meses_txt, rng), _montantes_sinteticos(
            pares, meses_txt, random.Random(semente + 1)
        )

    m.extras.append(linhas)
    return m


def _meses_sinteticos(meses: int) -> Iterator[tuple[str, str]]:
    ano, mes = 2026, 1
    for _ in range(meses):
        seguinte = (ano + 1, 1) if mes == 12 else (ano, mes + 1)
        yield datetime(ano, mes, 1).isoformat(), datetime(*seguinte, 1).isoformat()
        ano, mes = seguinte


def _contratos_sinteticos(
    pares: list[tuple[int, int, int, bool]], meses: list[tuple[str, str]], rng: random.Random
) -> Iterator[Linha]:
    inicio, fim = meses[0][0], meses[-1][1]
    for id_, vendedor, comprador, regulado in pares:
        sub = rng.randint(1, 4)
        if regulado:
            yield (
                id_,
                str(id_),
                f"CCEAR SINT {id_}",
                None,
                c.REGULADO,
                c.TIPO_ACR,
                None,
                None,
                c.CONTRATO_VALIDADO,
                inicio,
                fim,
                "2025-06-01T09:00:00",
                sub,
                vendedor,
                comprador,
                None,
                None,
            )
        else:
            yield (
                id_,
                str(id_),
                f"SINT-{id_}",
                None,
                c.LIVRE,
                c.TIPO_ACL,
                c.SUBTIPO_CCEAL,
                1,
                c.REGISTRADO,
                inicio,
                fim,
                "2025-12-01T09:00:00",
                sub,
                vendedor,
                comprador,
                "F",
                None,
            )


def _montantes_sinteticos(
    pares: list[tuple[int, int, int, bool]], meses: list[tuple[str, str]], rng: random.Random
) -> Iterator[Linha]:
    validacao = {m[0]: _data_validacao(c.VALIDADO, m[0]) for m in meses}
    for id_, _v, _c, regulado in pares:
        base = rng.randint(500, 50_000)
        for inicio, fim in meses:
            if regulado:
                valor = f"{base * 730}.000000"
                yield (
                    id_,
                    "MONTANTE_ENERGIA_MENSAL",
                    inicio,
                    fim,
                    None,
                    valor,
                    c.VALIDADO,
                    validacao[inicio],
                )
                continue
            sorteio = rng.random()
            situacao = (
                c.VALIDADO if sorteio < 0.6 else c.INSERIDO_NAO_VALIDADO if sorteio < 0.9 else c.AJUSTADO_NAO_VALIDADO
            )
            valor = f"{base // 1000}.{base % 1000:03d}000"
            yield (
                id_,
                c.MONTANTE_MEDIO,
                inicio,
                fim,
                None,
                valor,
                situacao,
                validacao[inicio] if situacao == c.VALIDADO else None,
            )
