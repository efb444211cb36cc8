"""MVE contracts fetched from the bus (or the simulator) as the engine's contract tables.

    from ccee_barramento.settlement.mve.contratos import e_contrato_mve, tabelas_de_contratos

    contratos = client.listar_contratos(periodo="2026-01..2026-12").todos()
    montantes = client.listar_montantes_energia(contratos=[c.id for c in contratos if e_contrato_mve(c)],
                                                tipos=TipoMontanteEnergia.MONTANTE_MEDIO).todos()
    mve = tabelas_de_contratos(contratos, montantes, perfis, produtos="PRODUTO_MVE.csv")
    resultado = calcular({**minhas_tabelas, **mve.tabelas}, meses="2026-01..2026-06")

What each fetched field becomes (``docs/mve.md``, "SDK adapter"):

=====================================  ============================================================
``Contrato.id`` (or ``codigo``)        ``contrato`` (e) of every contract table
``Contrato.vendedor.perfil``           ``VINC_V_MVE.perfil_vendedor`` (av)
``Contrato.comprador.perfil``          ``VINC_C_MVE.perfil_comprador`` (ac)
``ParteContrato.participante_mercado``  ``A_ALPHA`` (perfil → agente), with any ``Perfil`` /
                                       ``ParticipanteMercado`` given in ``perfis``
``Contrato.submercado.id``             ``submercado`` (s): 1 SE, 2 S, 3 NE, 4 N
``Contrato.periodo_vigencia``          ``VIGENCIA_MVE`` (inicio = first month; fim = the month before
                                       an exclusive month-start end); the product's vigência v, named
                                       ``AAAA-MM..AAAA-MM`` unless PRODUTO_MVE names it
``MontanteEnergia`` MONTANTE_MEDIO     ``MV_MVE_PRE`` (MWmédio): one amount per contract — the MVE
(MWm, one per month)                   product is flat; monthly amounts that differ are an error naming
                                       the contract. Also ``energia`` (contrato, mes, MWm, hours, MWh):
                                       MWm × the hours of the amount's period, exact
=====================================  ============================================================

Not on the bus, given by the user: the product's processing (x), tipo de energia (te) and tipo de preço
(tp) — table ``PRODUTO_MVE`` (contrato, processamento, tipo_energia, tipo_preco, optional vigencia and
lance_compra), from the MVE auction — and every non-contract input (prices or bids, PLD, IPCA,
PROCESSAMENTO_MVE, payments...). Which contracts are MVE is the caller's choice (``filtro``); the
simulator marks its MVE contracts with tipoContrato/subTipo 10790 ("CCEAL MVE", this SDK's code), which
:func:`e_contrato_mve` recognizes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import polars as pl

from ...models import Contrato, MontanteEnergia
from ..exact import CONTEXTO, tipo_decimal
from ..modelos import perfis_de, siglas_de
from ..tables import ErroTabela, TabelaSpec, normalizar
from .esquema import ENTRADAS, ErroMVE
from .referencia import TIPOS_ENERGIA, TIPOS_PRECO, int_para_mes

#: tipoContrato/subTipo of the simulator's MVE contracts ("CCEAL MVE", this SDK's own code).
SUBTIPO_MVE = 10790
#: Contrato.submercado.id → the engine's submarket code.
SUBMERCADOS: Mapping[int, str] = {1: "SE", 2: "S", 3: "NE", 4: "N"}

PRODUTO_MVE = TabelaSpec(
    "PRODUTO_MVE", ("contrato", "processamento", "tipo_energia", "tipo_preco", "vigencia", "lance_compra"),
    mensal=False, descricao="Produto de cada contrato MVE (do leilão; não vem do barramento)",
)


def e_contrato_mve(contrato: Contrato) -> bool:
    """Whether a fetched contract is an MVE CCEAL (tipoContrato/subTipo 10790, as the simulator marks them)."""
    tipo = contrato.tipo_contrato
    sub = tipo.sub_tipo if tipo is not None else None
    return sub is not None and SUBTIPO_MVE in (sub.id, sub.codigo)


@dataclass
class ContratosMVE:
    """The engine's contract tables built from fetched contracts.

    ``tabelas``: A_ALPHA, VIGENCIA_MVE, VINC_V_MVE, VINC_C_MVE, MV_MVE_PRE (engine inputs); ``energia``:
    (contrato, mes, MONTANTE_MEDIO [MWm], HORAS [h], ENERGIA [MWh]) of every monthly amount; ``M_HORAS``: the
    hours of each month from the amounts' periods (may replace or check the user's M_HORAS); ``siglas``:
    agent code → sigla; ``ignorados``: fetched contracts left out by the filter."""

    tabelas: dict[str, pl.DataFrame]
    energia: pl.DataFrame
    M_HORAS: pl.DataFrame
    siglas: dict[str, str] = field(default_factory=dict)
    ignorados: list[str] = field(default_factory=list)


def _mes(d: datetime) -> int:
    return d.year * 12 + d.month - 1


def _ultimo_mes(fim: datetime) -> int:
    """The last month of a period whose end is exclusive at a month start (the bus's whole months)."""
    if fim.day == 1 and fim.hour == 0 and fim.minute == 0 and fim.second == 0:
        return _mes(fim) - 1
    return _mes(fim)


def _horas(inicio: datetime, fim: datetime) -> int:
    """Whole hours between two aware datetimes (integer arithmetic, no float)."""
    delta = fim - inicio
    segundos = delta.days * 86_400 + delta.seconds
    if segundos % 3600 or delta.microseconds:
        raise ErroMVE("M_HORAS", f"período {inicio} – {fim} não tem horas inteiras")
    return segundos // 3600


def _produtos(produtos: Any) -> dict[str, dict[str, str]]:
    if produtos is None:
        raise ErroMVE("PRODUTO_MVE", "informe o produto de cada contrato MVE (processamento, tipo_energia, tipo_preco): "
                                     "não vem do barramento")
    if isinstance(produtos, Mapping) and all(isinstance(v, Mapping) for v in produtos.values()):
        linhas = [{"contrato": str(k), **{c: str(x) for c, x in v.items()}} for k, v in produtos.items()]
        produtos = linhas
    if isinstance(produtos, (str, Path)):
        produtos = pl.read_csv(produtos, infer_schema=False) if str(produtos).endswith(".csv") else pl.read_parquet(produtos)
    df = produtos if isinstance(produtos, pl.DataFrame) else pl.DataFrame(produtos)
    if df.height == 0:
        return {}
    for c in ("vigencia", "lance_compra"):
        if c not in df.columns:
            df = df.with_columns(pl.lit("", dtype=pl.String).alias(c))
    try:
        df = normalizar(df.with_columns(pl.col(c).cast(pl.String).fill_null("") for c in ("vigencia", "lance_compra")),
                        PRODUTO_MVE)
    except ErroTabela as exc:
        raise ErroMVE(exc.tabela, exc.mensagem) from None
    saida: dict[str, dict[str, str]] = {}
    for ln in df.to_dicts():
        if ln["tipo_energia"] not in TIPOS_ENERGIA:
            raise ErroMVE("PRODUTO_MVE", f"tipo_energia {ln['tipo_energia']!r} inválido (use {TIPOS_ENERGIA})")
        if ln["tipo_preco"] not in TIPOS_PRECO:
            raise ErroMVE("PRODUTO_MVE", f"tipo_preco {ln['tipo_preco']!r} inválido (use {TIPOS_PRECO})")
        if ln["contrato"] in saida:
            raise ErroMVE("PRODUTO_MVE", f"contrato {ln['contrato']!r} repetido")
        saida[ln["contrato"]] = ln
    return saida


def _montantes_por_contrato(contratos: list[Contrato], montantes: Iterable[MontanteEnergia]) -> dict[str, list[MontanteEnergia]]:
    saida: dict[str, list[MontanteEnergia]] = {}
    for c in contratos:
        for m in c.montantes_energia:
            saida.setdefault(str(c.codigo_contrato), []).append(m)
    for m in montantes:
        if m.codigo_contrato is not None:
            saida.setdefault(str(m.codigo_contrato), []).append(m)
    return saida


def tabelas_de_contratos(
    contratos: Iterable[Contrato],
    montantes: Iterable[MontanteEnergia] = (),
    perfis: Iterable[Any] = (),
    *,
    produtos: Any = None,
    filtro: Callable[[Contrato], bool] | None = e_contrato_mve,
    submercados: Mapping[int, str] = SUBMERCADOS,
) -> ContratosMVE:
    """The MVE contract tables of the fetched ``contratos`` that pass ``filtro`` (None: all of them).

    ``montantes``: their fetched amounts (``listar_montantes_energia``; amounts already inside
    ``Contrato.montantes_energia`` count too) — only MONTANTE_MEDIO in MWm is used. ``perfis``: fetched
    ``Perfil`` / ``ParticipanteMercado`` objects completing the profile → agent map. ``produtos``: the
    PRODUTO_MVE table (a path, polars/rows, or a mapping contrato → {processamento, tipo_energia,
    tipo_preco, [vigencia], [lance_compra]}). Errors name the table (:class:`ErroMVE`).
    """
    todos = list(contratos)
    escolhidos = [c for c in todos if filtro is None or filtro(c)]
    ids = {id(c) for c in escolhidos}
    ignorados = [str(c.codigo_contrato) for c in todos if id(c) not in ids]
    prods = _produtos(produtos)
    por_contrato = _montantes_por_contrato(escolhidos, montantes)
    mapa = perfis_de([*escolhidos, *perfis])
    agente = dict(zip(mapa["perfil"].to_list(), mapa["agente"].to_list()))

    vinc_v, vinc_c, mv_pre, vigencias, energia = [], [], [], {}, []
    horas: dict[str, int] = {}
    perfis_usados: set[str] = set()
    for c in sorted(escolhidos, key=lambda k: str(k.codigo_contrato)):
        e = str(c.codigo_contrato)
        if c.codigo_contrato is None:
            raise ErroMVE("VINC_V_MVE", f"contrato sem código: {c.referencia!r}")
        if e not in prods:
            raise ErroMVE("PRODUTO_MVE", f"sem produto para o contrato MVE {e!r} ({c.referencia or ''})")
        prod = prods[e]
        av = c.vendedor.codigo_perfil if c.vendedor else None
        ac = c.comprador.codigo_perfil if c.comprador else None
        if av is None or ac is None:
            raise ErroMVE("VINC_V_MVE" if av is None else "VINC_C_MVE", f"contrato {e!r} sem perfil do "
                                                                         f"{'vendedor' if av is None else 'comprador'}")
        for p in (str(av), str(ac)):
            if p not in agente:
                raise ErroMVE("A_ALPHA", f"perfil {p!r} (contrato {e!r}) sem agente nos dados buscados")
            perfis_usados.add(p)
        sub = c.submercado.id if c.submercado is not None else None
        if sub not in submercados:
            raise ErroMVE("VINC_V_MVE", f"contrato {e!r}: submercado {sub!r} desconhecido (use {dict(submercados)})")
        periodo = c.periodo_vigencia
        if periodo is None or periodo.inicio is None or periodo.fim is None:
            raise ErroMVE("VIGENCIA_MVE", f"contrato {e!r} sem período de vigência")
        ini, fim = _mes(periodo.inicio), _ultimo_mes(periodo.fim)
        v = prod["vigencia"] or f"{int_para_mes(ini)}..{int_para_mes(fim)}"
        if vigencias.setdefault(v, (ini, fim)) != (ini, fim):
            raise ErroMVE("VIGENCIA_MVE", f"vigência {v!r} com dois períodos (contrato {e!r})")
        produto = {"submercado": submercados[sub], "processamento": prod["processamento"], "vigencia": v,
                   "tipo_energia": prod["tipo_energia"], "tipo_preco": prod["tipo_preco"]}
        vinc_v.append({"contrato": e, "perfil_vendedor": str(av), **produto})
        vinc_c.append({"contrato": e, "perfil_comprador": str(ac), **produto, "lance_compra": prod["lance_compra"]})
        # MONTANTE_MEDIO (MWm) of each month → MV_MVE_PRE (one per contract) and the month's MWh
        medios = [m for m in por_contrato.get(e, []) if (m.tipo.value if hasattr(m.tipo, "value") else m.tipo)
                  == "MONTANTE_MEDIO" and m.valor is not None and m.periodo is not None and m.periodo.inicio is not None]
        if not medios:
            raise ErroMVE("MV_MVE_PRE", f"contrato {e!r} sem montante MONTANTE_MEDIO buscado")
        valores = set()
        for m in sorted(medios, key=lambda k: k.periodo.inicio):  # type: ignore[union-attr]
            unidade = (m.unidade_medida or "MWm").strip()
            if unidade.lower() not in ("mwm", "mwmed", "mwmédio", "mwmedio"):
                raise ErroMVE("MV_MVE_PRE", f"contrato {e!r}: montante em {unidade!r} (esperado MWm)")
            inicio = m.periodo.inicio  # type: ignore[union-attr]
            fim_p = m.periodo.fim  # type: ignore[union-attr]
            mes = int_para_mes(_mes(inicio))
            if fim_p is not None:
                h = _horas(inicio, fim_p)
                if horas.setdefault(mes, h) != h:
                    raise ErroMVE("M_HORAS", f"mês {mes} com {horas[mes]} e {h} horas nos períodos dos montantes")
            valores.add(m.valor)
            hh = horas.get(mes)
            energia.append({"contrato": e, "mes": mes, "MONTANTE_MEDIO": m.valor,
                            "HORAS": Decimal(hh) if hh is not None else None,
                            "ENERGIA": CONTEXTO.multiply(m.valor, Decimal(hh)) if hh is not None else None})
        if len({v_.normalize() for v_ in valores}) != 1:
            raise ErroMVE("MV_MVE_PRE", f"contrato {e!r}: montantes mensais diferentes {sorted(valores)}; o produto "
                                        "MVE tem um montante (MWmédio) por contrato")
        mv_pre.append({"contrato": e, "vigencia": v, "MV_MVE_PRE": medios[0].valor})

    a_alpha = [{"perfil": p, "agente": agente[p]} for p in sorted(perfis_usados)]
    tabelas = {
        "A_ALPHA": normalizar(a_alpha, ENTRADAS["A_ALPHA"]) if a_alpha else ENTRADAS["A_ALPHA"].vazia(),
        "VIGENCIA_MVE": pl.DataFrame(
            {"vigencia": list(vigencias), "inicio": [int_para_mes(a) for a, _ in vigencias.values()],
             "fim": [int_para_mes(b) for _, b in vigencias.values()], "tipo_vigencia": [""] * len(vigencias)},
            schema={"vigencia": pl.String, "inicio": pl.String, "fim": pl.String, "tipo_vigencia": pl.String}),
        "VINC_V_MVE": normalizar(vinc_v, ENTRADAS["VINC_V_MVE"]) if vinc_v else ENTRADAS["VINC_V_MVE"].vazia(),
        "VINC_C_MVE": normalizar(vinc_c, ENTRADAS["VINC_C_MVE"]) if vinc_c else ENTRADAS["VINC_C_MVE"].vazia(),
        "MV_MVE_PRE": normalizar(mv_pre, ENTRADAS["MV_MVE_PRE"]) if mv_pre else ENTRADAS["MV_MVE_PRE"].vazia(),
    }
    escala = max([0] + [max(0, -int(ln["MONTANTE_MEDIO"].as_tuple().exponent)) for ln in energia])  # type: ignore[operator]
    energia_df = pl.DataFrame(energia, schema={"contrato": pl.String, "mes": pl.String,
                                               "MONTANTE_MEDIO": tipo_decimal(escala), "HORAS": tipo_decimal(0),
                                               "ENERGIA": tipo_decimal(escala)}) if energia else \
        pl.DataFrame(schema={"contrato": pl.String, "mes": pl.String, "MONTANTE_MEDIO": tipo_decimal(0),
                             "HORAS": tipo_decimal(0), "ENERGIA": tipo_decimal(0)})
    m_horas = pl.DataFrame({"mes": sorted(horas), "M_HORAS": [Decimal(horas[m]) for m in sorted(horas)]},
                           schema={"mes": pl.String, "M_HORAS": tipo_decimal(0)})
    return ContratosMVE(tabelas, energia_df.sort("contrato", "mes"), m_horas, siglas_de([*escolhidos, *perfis]),
                        ignorados)


__all__ = ["PRODUTO_MVE", "SUBMERCADOS", "SUBTIPO_MVE", "ContratosMVE", "e_contrato_mve", "tabelas_de_contratos"]
