"""The Liquidação engine: the step of a block of months (8 → 9.1 → 9 → 10 → 2 → 3 → 6 → 7 → map) and the run.

Inside a step the index columns are dictionary-encoded: profiles by their position in PERFIS sorted by
``perfil`` (pid), agents by their position among the sorted agent codes (aid), months by their offset
``j`` from the month before the block (V_INAD[α,m-1] of the block's first month has j = 0). Per-profile
inputs are placed on the dense profile-month grid ``g = (j-1)·NP + pid`` and per-agent inputs on the
agent-month grid ``ka = j·NA + aid``; lookups are gathers. The grid is in (mes, perfil) order, so the
outputs come out sorted and are decoded with a gather. The command modules hold the equations. Cost:
O(input rows + |PERFIS|·months).

How it is kept fast (``docs/settlement.md`` §5 has the measurements):

* ``_chaves.py``: ``perfil`` is encoded by a join on its 64-bit hash, checked row by row against the
  text (a collision falls back to the text join); only the key goes through the join. A table is placed
  on its grid by scattering its row numbers and gathering its values (the same positions find repeated
  keys).
* ``_mantissas.py``: products, sums and per-agent/per-month sums run on the Int128 mantissas when a
  bound proves the result is the same exact Decimal (else in Decimal, as before); the per-agent sums are
  differences of cumulative sums over the grid taken agent by agent (``Grade.por_agente``), not
  group-bys.
* :class:`Passo`: work off the commands' main line (placing inputs, PAPRIDO's FP_E_RP, the agent codes,
  DEB_INAD_DSS, decoding and rounding the outputs) runs on a second thread.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

import polars as pl

from ..chaves import CODIGO, Dicionario, Meses, denso
from ..exact import Arredondamento, concatenar, escala, tipo_decimal
from ..runner import Bloco, executar_meses, intervalo_meses, mes_para_int, mes_vigente, meses_da_tabela
from ..tables import ErroTabela, arredondar, carregar_entradas
from . import apuracao, desligamento, mapa, rateio
from ._chaves import codigos, colisao, hashes_unicos, no_grid, no_grid_expr, posicoes, repetidas
from ._mantissas import maior_abs, somas_segmentadas
from .esquema import ENTRADAS, SAIDAS, Configuracao
from .resultado import EstadoLiquidacao, ResultadoLiquidacao


@dataclass
class CodigosAgentes:
    """The agent side of :class:`Codigos`: the agent dictionary (every agent named by any input table),
    each profile's agent code and the profiles agent by agent."""

    dicionario: Dicionario
    aid: pl.Series  # the agent code of each profile, by pid
    ordem: pl.Series  # the pids sorted by (aid, pid): each agent's profiles are consecutive
    fins: pl.Series  # end offset in ``ordem`` of each agent's run of profiles
    aid_dos_fins: pl.Series  # the agent (aid) of each run, ascending

    @classmethod
    def criar(cls, perfis: pl.DataFrame, fontes: list[pl.Series]) -> "CodigosAgentes":
        # each source's distinct agents first, in parallel: the dictionary then sorts the few that are left
        distintos = pl.collect_all([f.to_frame().lazy().unique() for f in fontes])
        dicionario = Dicionario("agente", [d.to_series() for d in distintos])
        aid = dicionario.codificar(perfis.select("agente"), alias="aid")["aid"]  # a left join keeps the order
        ordem = pl.select(pl.int_range(0, aid.len(), dtype=CODIGO).sort_by(pl.lit(aid), maintain_order=True)).to_series()
        runs = aid.gather(ordem).rle().struct.unnest()  # (len, value) of each agent's run
        return cls(dicionario, aid, ordem, runs["len"].cast(CODIGO).cum_sum(), runs["value"].cast(CODIGO))


@dataclass
class Codigos:
    """Codes fixed for a whole run: PERFIS sorted by perfil (pid = position) and, built in the background
    while the first block encodes its inputs (nothing before ``Grade.por_agente`` needs it), the agent
    side (:class:`CodigosAgentes`)."""

    perfis: pl.DataFrame  # perfil, agente, pid
    hashes_perfis: pl.DataFrame | None  # for the hash joins of ``perfil`` (``_chaves.codigos``)
    _agentes: "Future[CodigosAgentes] | CodigosAgentes"

    @property
    def lado_agentes(self) -> CodigosAgentes:
        if isinstance(self._agentes, Future):
            self._agentes = self._agentes.result()
        return self._agentes

    @property
    def agentes(self) -> Dicionario:
        return self.lado_agentes.dicionario

    @property
    def aid(self) -> pl.Series:
        return self.lado_agentes.aid

    @property
    def np_(self) -> int:
        return self.perfis.height

    @property
    def na(self) -> int:
        return self.agentes.n

    @classmethod
    def criar(cls, particoes: Any, estado: EstadoLiquidacao | None, fundo: ThreadPoolExecutor) -> "Codigos":
        perfis = particoes.tabelas["PERFIS"].select("perfil", "agente")
        if perfis["perfil"].n_unique() != perfis.height:
            repetidos_ = perfis.filter(pl.col("perfil").is_duplicated())
            raise ErroTabela("PERFIS", f"perfil(is) com mais de um agente: "
                                       f"{repetidos_['perfil'].unique().sort().head(3).to_list()}")
        perfis = perfis.sort("perfil").with_row_index("pid").with_columns(pl.col("pid").cast(CODIGO))
        fontes = [perfis["agente"]] + [particoes.tabelas[n]["agente"] for n in ("ACER", "V_INAD", "ADSS", "CONTRIB")]
        if estado is not None:
            fontes.append(estado.V_INAD["agente"])
        return cls(perfis, hashes_unicos(perfis["perfil"]), fundo.submit(CodigosAgentes.criar, perfis, fontes))


@dataclass
class Grade:
    """One block's grids: NP·nb profile-month cells and NA·(nb+1) agent-month cells."""

    codigos: Codigos
    bloco: Bloco
    meses: Meses  # j = 0 is the month before the block

    @property
    def np_(self) -> int:
        return self.codigos.np_

    @property
    def na(self) -> int:
        return self.codigos.na

    @property
    def n_perfil(self) -> int:
        return self.np_ * (self.meses.n - 1)

    @property
    def n_agente(self) -> int:
        return self.na * self.meses.n

    def _j(self, com_anterior: bool) -> pl.Expr:
        """The month offset j of each row's ``mes`` (null outside the block), by an Enum of the block's
        months (j − 1 is its code; with ``com_anterior``, j)."""
        textos = self.meses.textos if com_anterior else self.meses.textos.slice(1)
        codigo = pl.col("mes").cast(pl.Enum(textos), strict=False).to_physical().cast(CODIGO)
        return codigo if com_anterior else codigo + 1

    def perfis_de(self, nomes: Iterable[str]) -> dict[str, pl.DataFrame]:
        """(g, *values) of per-profile monthly tables in the block's months (the code of ``perfil`` by
        ``_chaves.codigos``, the month's by an Enum; the tables are encoded in parallel); a profile
        outside PERFIS is an error."""
        c, nomes = self.codigos, list(nomes)
        tabelas = [self.bloco.particoes.tabelas[n] for n in nomes]

        def consulta(nome: str, tabela: pl.DataFrame, pid: pl.Series, verificar: bool) -> pl.LazyFrame:
            return tabela.lazy().select(
                ((self._j(False) - 1) * self.np_ + pl.lit(pid)).alias("g"), *(v.nome for v in ENTRADAS[nome].valores),
                *([colisao("perfil", c.perfis["perfil"], pid).alias("_colisao")] if verificar else []))

        pids = codigos(tabelas, "perfil", c.perfis["perfil"], c.hashes_perfis)
        verificar = c.hashes_perfis is not None
        saida = {}
        for nome, tabela, df in zip(nomes, tabelas, pl.collect_all(
                [consulta(n, t, p, verificar) for n, t, p in zip(nomes, tabelas, pids)])):
            if verificar:
                if df.height and df["_colisao"][0]:  # a hash collision: the text join
                    df = consulta(nome, tabela, codigos([tabela], "perfil", c.perfis["perfil"], None)[0], False).collect()
                else:
                    df = df.drop("_colisao")
            if df["g"].null_count():  # rows of other months, or profiles outside PERFIS
                no_bloco = tabela["mes"].is_in(self.meses.textos.slice(1).implode())
                fora = tabela.filter(no_bloco & df["g"].is_null())["perfil"].unique().sort()
                if fora.len():
                    raise ErroTabela("PERFIS", f"{fora.len()} perfil(is) de {nome} fora de PERFIS, p.ex. "
                                               f"{fora.head(3).to_list()}")
                df = df.filter(no_bloco)
            saida[nome] = df
        return saida

    def agentes_de(self, nome: str, com_anterior: bool = False) -> pl.DataFrame:
        """(ka, j, aid, *values) of a per-agent monthly table in the block's months (and the month
        before, if asked)."""
        tabela = self.bloco.particoes.tabelas[nome]
        # a join on the agent's text (the dictionary is small: hashing it gains nothing)
        aid = codigos([tabela], "agente", self.codigos.agentes.valores, None)[0].alias("aid")
        df = tabela.select(self._j(com_anterior).alias("j"), pl.lit(aid), *(v.nome for v in ENTRADAS[nome].valores))
        if df["j"].null_count():  # rows of other months
            df = df.filter(pl.col("j").is_not_null())
        return df.with_columns((pl.col("j") * self.na + pl.col("aid")).alias("ka"))

    def posicoes(self, df: pl.DataFrame, indice: str, n: int, tabela: str) -> pl.Series:
        """The rows' positions on their grid (:func:`posicoes`); a repeated key is an error naming the
        table."""
        celulas = posicoes(df[indice], n)
        rep = repetidas(celulas, df[indice])
        if rep.len():
            raise ErroTabela(tabela, f"chave repetida no mês, p.ex. {self.descrever(indice, rep.sort().head(3))}")
        return celulas

    def denso(self, df: pl.DataFrame, indice: str, valor: str, n: int, tabela: str, padrao: object = None) -> pl.Series:
        """``valor`` placed on its grid (``padrao`` — null by default — where there is no row); a repeated
        key is an error naming the table."""
        return no_grid(df[valor], self.posicoes(df, indice, n, tabela), padrao)

    def descrever(self, indice: str, valores: pl.Series) -> list[dict[str, str]]:
        if indice == "g":
            j, pid = valores // self.np_ + 1, valores % self.np_
            return [{"perfil": p, "mes": m} for p, m in zip(self.codigos.perfis["perfil"].gather(pid).to_list(),
                                                             self.meses.decodificar(j).to_list())]
        j, aid = valores // self.na, valores % self.na
        return [{"agente": a, "mes": m} for a, m in zip(self.codigos.agentes.decodificar(aid).to_list(),
                                                         self.meses.decodificar(j).to_list())]

    def por_agente(self) -> tuple[pl.Series, pl.Series, pl.Series]:
        """The profile-month grid agent by agent: (``ordem``: the grid cells, month by month, each agent's
        profiles consecutive; ``fins``: the end offset in ``ordem`` of each agent-month; ``ka`` of each
        agent-month, ascending). Agents without a profile in PERFIS have no agent-month here."""
        c, nb = self.codigos.lado_agentes, self.meses.n - 1
        ordem = pl.concat([c.ordem + (j - 1) * self.np_ for j in range(1, nb + 1)])
        fins = pl.concat([c.fins + (j - 1) * self.np_ for j in range(1, nb + 1)])
        ka = pl.concat([c.aid_dos_fins + j * self.na for j in range(1, nb + 1)])
        return ordem, fins, ka

    # -- decoding (each pair of gathers in one select: they run in parallel)
    def agente_mes(self, ka: pl.Series) -> tuple[pl.Series, pl.Series]:
        """(agente, mes) of agent-month keys."""
        df = pl.select(pl.lit(self.codigos.agentes.valores).gather(pl.lit(ka) % self.na).alias("agente"),
                       pl.lit(self.meses.textos).gather(pl.lit(ka) // self.na).alias("mes"))
        return df["agente"], df["mes"]

    def perfil_mes(self, g: pl.Series) -> tuple[pl.Series, pl.Series]:
        """(perfil, mes) of profile-month keys."""
        df = pl.select(pl.lit(self.codigos.perfis["perfil"]).gather(pl.lit(g) % self.np_).alias("perfil"),
                       pl.lit(self.meses.textos).gather(pl.lit(g) // self.np_ + 1).alias("mes"))
        return df["perfil"], df["mes"]


def _v_inad(grade: Grade, estado: EstadoLiquidacao | None) -> pl.DataFrame:
    """V_INAD rows (ka, j, aid, V_INAD) of the block's months and of the month before; for the month
    before the block, the carried state when the input has no row of that month."""
    anterior = grade.meses.textos[0]
    linhas = grade.agentes_de("V_INAD", com_anterior=True)
    if estado is not None and estado.mes == anterior and not (linhas["j"] == 0).any():
        extra = grade.codigos.agentes.codificar(estado.V_INAD.select("agente", "V_INAD"), alias="aid").with_columns(
            pl.lit(0, dtype=CODIGO).alias("j"), pl.lit(anterior).alias("mes"))
        extra = extra.with_columns(pl.col("aid").alias("ka"))  # ka = 0·NA + aid
        linhas = concatenar([linhas, extra.select(linhas.columns)])
    return linhas


def _fp_e_rp(grade: Grade, paprido: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
    """(PAPRIDO rows + kfp, FP_E_RP dense on (Assembly month, profile)): each month reads the FP_E_RP rows
    of the latest General Assembly month ≤ m (DECISÃO L10); a row counts only if its agente is the
    profile's agent in PERFIS."""
    fp = grade.bloco.tabela_completa("FP_E_RP")
    meses_fp = meses_da_tabela(fp)
    vigente = [mes_vigente(meses_fp, m) for m in grade.meses.textos.to_list()]
    usados = sorted({m for m in vigente if m is not None}, key=mes_para_int)
    indice = {m: i for i, m in enumerate(usados)}
    linhas = fp.filter(pl.col("mes").is_in(usados)).join(
        grade.codigos.perfis.select("perfil", pl.col("agente").alias("_dono"), "pid"), on="perfil", how="inner",
        maintain_order="left",
    ).filter(pl.col("agente") == pl.col("_dono"))
    linhas = linhas.with_columns(
        (pl.col("mes").replace_strict(indice, return_dtype=CODIGO) * grade.np_ + pl.col("pid")).alias("kfp")
    ) if usados else linhas.with_columns(pl.lit(None, dtype=CODIGO).alias("kfp"))
    if usados:
        denso_fp = grade.denso(linhas, "kfp", "FP_E_RP", len(usados) * grade.np_, "FP_E_RP")
    else:  # no Assembly month ≤ any month of the block: a one-null grid (every lookup is null)
        denso_fp = pl.Series("FP_E_RP", [None], dtype=fp.schema["FP_E_RP"])
    assembleia = pl.Series([indice.get(m) for m in vigente], dtype=CODIGO)  # null: no Assembly ≤ that month
    kfp = assembleia.gather(paprido["j"]) * grade.np_ + paprido["pid"]
    return paprido.with_columns(kfp.fill_null(0).alias("kfp"), kfp.is_null().alias("_sem_fp")), denso_fp


def _perfis_do_mes(grade: Grade, entradas: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.Series], pl.Series, pl.Series | None]:
    """(positions of each per-profile input on the grid, PAPRIDO membership, ``presente``).

    A repeated key is an error naming the table. ``presente`` marks the profiles of each month: a row in
    any per-profile input, or in PAPRIDO; None when every cell of the grid has one (RESULTADO alone has
    n_g distinct keys, the usual case)."""
    n_g = grade.n_perfil
    celulas = {n: grade.posicoes(entradas[n], "g", n_g, n) for n in apuracao.TERMOS_POR_PERFIL}
    membros = entradas["PAPRIDO"]["g"]  # a set: repeated rows are harmless on the grid
    papr = denso(n_g, membros, pl.repeat(True, membros.len(), eager=True), padrao=False)
    if entradas["RESULTADO"].height == n_g:
        return celulas, papr, None
    presente = papr.clone()
    for n in apuracao.TERMOS_POR_PERFIL:
        if entradas[n].height:
            presente.scatter(entradas[n]["g"], True)
    return celulas, papr, (None if presente.all() else presente)


def _termos(grade: Grade, entradas: dict[str, pl.DataFrame], do_mes: Future, ordem: pl.Series,
            fins: pl.Series) -> tuple[Any, ...]:
    """RESULTADO + AJUSTES on the grid (0 where no row) and its Σ per agent-month; command 6's terms per
    agent-month (``apuracao.excluidos``). ``do_mes``: :func:`_perfis_do_mes`."""
    celulas = do_mes.result()[0]
    termos = pl.select(*(no_grid_expr(entradas[n][n], celulas[n], Decimal(0)).alias(n) for n in ("RESULTADO", "AJUSTES")))
    resultado_ajustes = apuracao.resultado_mais_ajustes(termos["RESULTADO"], termos["AJUSTES"])
    excluido = apuracao.excluidos(entradas, grade.np_, grade.na, grade.codigos.aid)
    return resultado_ajustes, apuracao.por_agente(resultado_ajustes, ordem, fins), excluido


def _paprido(grade: Grade, do_mes: Future) -> tuple[pl.DataFrame, pl.Series, pl.Series]:
    """(PAPRIDO profile-months (g, j, pid, aid, kfp, _sem_fp) in ascending g, FP_E_RP dense on (Assembly,
    profile) — see :func:`_fp_e_rp` —, ``fins_mes``: the end of each month j's rows, j = 0 empty).
    ``do_mes``: :func:`_perfis_do_mes`."""
    g = do_mes.result()[1].arg_true().cast(CODIGO).alias("g")
    paprido = pl.select(pl.lit(g), (pl.lit(g) // grade.np_ + 1).alias("j"), (pl.lit(g) % grade.np_).alias("pid"),
                        pl.lit(grade.codigos.aid).gather(pl.lit(g) % grade.np_).alias("aid"))
    paprido, fp = _fp_e_rp(grade, paprido)
    return paprido, fp, g.search_sorted(pl.int_range(0, grade.meses.n, dtype=CODIGO, eager=True) * grade.np_)


def _chaves_de_saida(grade: Grade, do_mes: Future) -> tuple[pl.Series, pl.Series]:
    """(perfil, mes) of the per-profile output rows: the profiles of each month, in grid order."""
    presente = do_mes.result()[2]
    linhas = pl.int_range(0, grade.n_perfil, dtype=CODIGO, eager=True)
    return grade.perfil_mes(linhas if presente is None else linhas.filter(presente))


class Passo:
    """The step of a block of months, for :func:`executar_meses` (``passo(configuracao)``).

    Work that does not wait on the commands' main line — placing the inputs on the grid, reading the
    PAPRIDO rows' FP_E_RP, decoding the output keys, rounding the output tables — runs on a second
    thread: polars releases the GIL, so on a 2-core machine it overlaps the main line. Errors keep
    their order: the main line validates in command order and takes a background result (raising its
    error, if any) only where the original order reaches it.

    ``arredondadas``: the output tables of each block rounded by ``configuracao.arredondamento`` (what
    ``ResultadoLiquidacao.tabelas`` would compute from the exact ones), rounded while the main line
    works.
    """

    def __init__(self, configuracao: Configuracao) -> None:
        self.configuracao = configuracao
        self.arredondadas: dict[str, list[pl.DataFrame | None]] = {}
        self._codigos: Codigos | None = None

    def __call__(self, bloco: Bloco, estado: EstadoLiquidacao | None) -> tuple[dict[str, pl.DataFrame], EstadoLiquidacao]:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="liquidacao") as fundo:
            if self._codigos is None:
                self._codigos = Codigos.criar(bloco.particoes, estado, fundo)
            grade = Grade(self._codigos, bloco, Meses(mes_para_int(bloco.meses[0]) - 1, mes_para_int(bloco.meses[-1])))
            saidas, arredondadas, estado = self._bloco(grade, estado, fundo)
        for nome in saidas:
            self.arredondadas.setdefault(nome, []).append(arredondadas[nome])
        return saidas, estado

    def tabelas_arredondadas(self, nomes: Iterable[str]) -> dict[str, pl.DataFrame] | None:
        """Each output's rounded blocks concatenated (rounding is per value: that is rounding the
        concatenation), or None if a block could not be rounded."""
        if any(df is None for n in nomes for df in self.arredondadas[n]):
            return None
        return {n: concatenar(self.arredondadas[n]) for n in nomes}

    def _arredondar(self, tabelas: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame | None]:
        """The tables rounded at the output (``tables.arredondar``, in parallel). None if polars refuses
        (a cast up past 38 digits): then ``ResultadoLiquidacao.tabelas`` rounds on access and raises
        there, as it always did."""
        arr = self.configuracao.arredondamento
        try:
            feitas = pl.collect_all([arredondar(df.lazy(), SAIDAS[n], arr) for n, df in tabelas.items()])
        except pl.exceptions.PolarsError:
            return dict.fromkeys(tabelas)
        return dict(zip(tabelas, feitas))

    def _bloco(self, grade: Grade, estado: EstadoLiquidacao | None, fundo: ThreadPoolExecutor):
        configuracao, codigos, bloco = self.configuracao, grade.codigos, grade.bloco
        q, sinal = configuracao.precisao.escala_divisao, configuracao.sinal
        # per-profile inputs on the profile-month grid (0 = no row). In the background: their keys checked
        # and placed on the grid, then PAPRIDO's rows and their FP_E_RP (cmd 9.1), RESULTADO + AJUSTES on
        # the grid and cmd 6's terms, the output keys; meanwhile the per-agent inputs are encoded here
        entradas = grade.perfis_de([*apuracao.TERMOS_POR_PERFIL, "PAPRIDO"])
        do_mes = fundo.submit(_perfis_do_mes, grade, entradas)
        na, n_g, n_a = grade.na, grade.n_perfil, grade.n_agente  # (the agent codes are ready by now)
        ordem, fins, ka = grade.por_agente()
        com_fp = fundo.submit(_paprido, grade, do_mes)
        termos = fundo.submit(_termos, grade, entradas, do_mes, ordem, fins)
        chaves = fundo.submit(_chaves_de_saida, grade, do_mes)
        v_inad, adss, contrib = _v_inad(grade, estado), grade.agentes_de("ADSS"), grade.agentes_de("CONTRIB")
        presente = do_mes.result()[2]  # a repeated key of a per-profile input raises here, first

        # §2.3 — cmd 8
        v_inad_d = grade.denso(v_inad, "ka", "V_INAD", n_a, "V_INAD")
        v_dss = desligamento.v_inad_dss(adss.unique("ka").sort("ka"), v_inad_d, na)
        # cmd 9.1, on the PAPRIDO profile-months (ascending g: month by month)
        contrib = grade.denso(contrib, "ka", "CONTRIB", n_a, "CONTRIB")
        paprido, fp, fins_mes = com_fp.result()

        def sem_par(nome: str, linhas: pl.DataFrame) -> None:
            qual = "do agente do perfil" if nome == "CONTRIB" else "do perfil com o seu agente em PERFIS"
            raise ErroTabela(nome, f"{linhas.height} perfil(is) de PAPRIDO sem {nome} ({qual}, vigente no mês), "
                                   f"p.ex. {grade.descrever('g', linhas['g'].head(3))}")

        if paprido["_sem_fp"].any():
            sem_par("FP_E_RP", paprido.filter(pl.col("_sem_fp")))
        fd, pesos = desligamento.fd_inad_dss(paprido.drop("_sem_fp"), contrib, fp, fins_mes, na, q, sem_par)
        _verificar_rateio_dss(v_dss, pesos, grade)
        # cmd 9 (an output only: in the background)
        maior_fd = maior_abs(fd["FD_INAD_DSS"])
        saida_deb = fundo.submit(self._deb, grade, fd, v_dss, maior_fd)
        # cmd 10, factored, on the PAPRIDO rows (0 elsewhere): ±FD_INAD_DSS[a,m] × Σ_{α∈ADSS} V_INAD_DSS[α,m]
        sv = escala(v_dss.schema["V_INAD_DSS"])
        total_dss = somas_segmentadas(v_dss["V_INAD_DSS"], v_dss["j"].search_sorted(
            pl.int_range(1, grade.meses.n + 1, dtype=CODIGO, eager=True)))  # v_dss is sorted by ka, so by j
        aju = desligamento.aju_inad_dss(fd, total_dss, sv, sinal, maior_fd)
        celulas_papr = posicoes(fd["g"], n_g)
        tabela = pl.select(no_grid_expr(fd["FD_INAD_DSS"], celulas_papr, Decimal(0)).alias("FD_INAD_DSS"),
                           no_grid_expr(aju, celulas_papr, Decimal(0)).alias("AJU_INAD_DSS")).to_dict()

        # §2.1 — cmds 1, 2, 3 on the profiles of each month (V_LIQUI itself, an output only, in the background)
        resultado_ajustes, por_agente_ra, excluido = termos.result()
        saida_perfis = fundo.submit(self._por_perfil, tabela, resultado_ajustes, presente, chaves)
        agentes = apuracao.somas_por_agente(por_agente_ra, tabela["AJU_INAD_DSS"], excluido, ordem, fins, ka, n_a,
                                            presente)

        # §2.2 — cmds 6, 7
        acer = codigos.agentes.codificar(bloco.tabela("ACER"), alias="aid")["aid"]
        v_rat = rateio.v_rat_inad(agentes, acer, na)
        p_rat = rateio.p_rat_inad(v_rat, q, na)

        # the agent tables so far, decoded (in ka order) and rounded in the background
        agente = grade.agente_mes(agentes["ka"])
        por_agente = {"V_INAD_DSS": pl.DataFrame([*grade.agente_mes(v_dss["ka"]), v_dss["V_INAD_DSS"]])} | {
            n: pl.DataFrame([*agente, df[n]]) for n, df in (("V_TOT_LIQUI", agentes), ("V_RAT_INAD", v_rat),
                                                            ("P_RAT_INAD", p_rat))}
        saida_agentes = fundo.submit(self._arredondar, por_agente)

        # beyond the seed — cmds 4, 5 in the local settlement map
        casas_mapa = mapa.unidade_alocacao(configuracao.arredondamento.casas_de("R$"))
        v_inad_mes = v_inad.filter(pl.col("j") >= 1)
        totais = _totais(grade, v_inad_mes, casas_mapa)
        mapa_bloco, resumo = mapa.mapa_liquidacao(agentes, p_rat, v_inad_d, v_inad_mes, totais, na, casas_mapa)
        # the map has the same agent-months unless a defaulter has no profile row in the month
        agente_do_mapa = agente if mapa_bloco.height == agentes.height else grade.agente_mes(mapa_bloco["ka"])
        por_mapa = {
            "MAPA_LIQUIDACAO": pl.DataFrame([*agente_do_mapa, *(mapa_bloco[c] for c in (
                "V_TOT_LIQUI", "P_RAT_INAD", "V_INAD", "RATEIO_INAD", "POSICAO_LIQUIDA"))]),
            "MAPA_INAD": pl.DataFrame([grade.meses.decodificar(resumo["j"]), *(resumo[c] for c in (
                "INAD_NAO_COBERTA", "INAD_RATEADA", "INAD_NAO_RATEADA"))]),
        }
        arredondadas_mapa = fundo.submit(self._arredondar, por_mapa)

        # outputs in (mes, index) order (the grid is; agent tables are sorted by ka)
        exatas, arredondadas = saida_perfis.result()
        exatas["DEB_INAD_DSS"], arredondadas["DEB_INAD_DSS"] = saida_deb.result()
        exatas |= por_agente | por_mapa
        arredondadas |= saida_agentes.result() | arredondadas_mapa.result()
        saidas = {n: exatas[n] for n in SAIDAS}
        # carried to the next block: V_INAD[·,m] of the last month (command 8 of m+1 reads it)
        ultimo = bloco.meses[-1]
        estado_final = EstadoLiquidacao(ultimo, bloco.particoes.do_mes("V_INAD", ultimo).select("agente", "V_INAD"))
        return saidas, arredondadas, estado_final

    def _deb(self, grade: Grade, fd: pl.DataFrame, v_dss: pl.DataFrame, maior_fd: int) -> tuple[pl.DataFrame, pl.DataFrame]:
        """DEB_INAD_DSS (cmd 9) decoded (perfil, agente = the disconnected α, mes), exact and rounded."""
        c = grade.codigos
        deb = desligamento.deb_inad_dss(fd, v_dss, self.configuracao.sinal, maior_fd)
        exata = deb.select(pl.lit(c.perfis["perfil"]).gather(pl.col("pid")).alias("perfil"),
                           pl.lit(c.agentes.valores).gather(pl.col("aid")).alias("agente"),
                           pl.lit(grade.meses.textos).gather(pl.col("j")).alias("mes"), "DEB_INAD_DSS")
        return exata, self._arredondar({"DEB_INAD_DSS": exata})["DEB_INAD_DSS"]

    def _por_perfil(self, tabela: dict[str, pl.Series], resultado_ajustes: pl.Series, presente: pl.Series | None,
                    chaves: Future) -> tuple[dict[str, pl.DataFrame], dict[str, pl.DataFrame]]:
        """The per-profile output tables (perfil, mes, value) of the profiles of each month, exact and
        rounded; V_LIQUI from RESULTADO + AJUSTES and AJU_INAD_DSS (cmd 2)."""
        tabela = tabela | {"V_LIQUI": apuracao.v_liqui(resultado_ajustes, tabela["AJU_INAD_DSS"])}
        perfil, mes = chaves.result()
        exatas = {n: pl.DataFrame([perfil, mes, (c if presente is None else c.filter(presente)).alias(n)])
                  for n, c in tabela.items()}
        return exatas, self._arredondar(exatas)


def passo(configuracao: Configuracao) -> Passo:
    """The step of a block of months, for :func:`executar_meses`."""
    return Passo(configuracao)


def _verificar_rateio_dss(v_dss: pl.DataFrame, pesos: pl.Series, grade: Grade) -> None:
    """DECISÃO L7b: a month with a default of disconnected agents to spread but no PAPRIDO weight
    (``pesos``: Σ_{PAPRIDO} CONTRIB·FP_E_RP per month j) is refused."""
    if v_dss.height == 0:
        return
    devido = v_dss.group_by("j").agg(pl.col("V_INAD_DSS").sum().alias("_devido")).filter(pl.col("_devido") != 0)
    for r in devido.sort("j").iter_rows(named=True):
        if pesos[r["j"]] == 0:
            raise ErroTabela("PAPRIDO", f"mês {grade.meses.textos[r['j']]}: há inadimplência de desligados sem "
                                        f"sucessão a ratear (Σ V_INAD_DSS = {r['_devido']}) mas nenhum perfil com "
                                        "peso em PAPRIDO")


def _totais(grade: Grade, v_inad_mes: pl.DataFrame, casas: int) -> pl.DataFrame:
    """(j, INAD_NAO_COBERTA, _unidades) per month of the block: the input row when there is one, else
    Σ_α V_INAD[α,m] (DECISÃO M1)."""
    informados = grade.bloco.tabela("INAD_NAO_COBERTA")
    dados = {r["mes"]: r["INAD_NAO_COBERTA"] for r in informados.to_dicts()}
    if len(dados) != informados.height:
        raise ErroTabela("INAD_NAO_COBERTA", "mês repetido")
    somas = {r["j"]: r["V_INAD"] for r in v_inad_mes.group_by("j").agg(pl.col("V_INAD").sum()).to_dicts()}
    linhas = []
    for j, mes in enumerate(grade.meses.textos.to_list()):
        if j == 0:
            continue
        total = dados.get(mes, somas.get(j, Decimal(0)))
        linhas.append((j, total, mapa.em_unidades(total, casas)))
    s = max([0] + [max(0, -int(t.as_tuple().exponent)) for _, t, _ in linhas])  # type: ignore[operator]
    return pl.DataFrame(
        {"j": [r[0] for r in linhas], "INAD_NAO_COBERTA": [r[1] for r in linhas], "_unidades": [r[2] for r in linhas]},
        schema={"j": CODIGO, "INAD_NAO_COBERTA": tipo_decimal(s), "_unidades": pl.Int128},
    )


def meses_padrao(tabelas: Mapping[str, pl.DataFrame]) -> list[str]:
    """Without ``meses``: every month from the first to the last month of RESULTADO."""
    mes = tabelas["RESULTADO"]["mes"]
    if mes.len() == 0:
        raise ErroTabela("RESULTADO", "nenhuma linha: não há mês a calcular")
    # months are validated "AAAA-MM" text: the text order is the calendar order
    return intervalo_meses(f"{mes.min()}..{mes.max()}")


def calcular(
    entradas: str | Path | Mapping[str, Any],
    meses: str | Iterable[str] | None = None,
    configuracao: Configuracao | None = None,
    estado: EstadoLiquidacao | None = None,
    *,
    arredondamento: Arredondamento | str | None = None,
    meses_por_bloco: int | None = None,
) -> ResultadoLiquidacao:
    """Run the Liquidação module over a range of months.

    ``entradas``: a directory of ``NOME.csv``/``NOME.parquet`` files, or a mapping table name → table
    (polars, pandas, pyarrow, list of row dicts). ``meses``: ``"2026-01..2026-03"``, a list of months,
    or None for RESULTADO's months. ``estado``: the ``ResultadoLiquidacao.estado`` of the previous
    run, for month-by-month runs (it carries V_INAD of the last month). ``arredondamento``: shortcut
    for ``Configuracao(arredondamento=...)`` (an :class:`Arredondamento` or its CLI text).
    ``meses_por_bloco``: months computed per vectorized step (None: the whole range at once; 1: one
    month at a time — same tables).
    """
    configuracao = configuracao or Configuracao()
    if arredondamento is not None:
        arr = arredondamento if isinstance(arredondamento, Arredondamento) else Arredondamento.de_texto(arredondamento)
        configuracao = replace(configuracao, arredondamento=arr)
    tabelas = carregar_entradas(entradas, ENTRADAS, configuracao.precisao)
    if meses is None:
        lista = meses_padrao(tabelas)
    elif isinstance(meses, str):
        lista = intervalo_meses(meses)
    else:
        lista = sorted(set(meses), key=mes_para_int)
    etapa = passo(configuracao)
    try:
        execucao = executar_meses(etapa, tabelas, ENTRADAS, lista, estado, meses_por_bloco)
    except pl.exceptions.ComputeError as exc:  # decimal overflow (a value past 38 digits)
        primeira = str(exc).splitlines()[0]
        raise ErroTabela("entradas", f"estouro de precisão decimal (38 dígitos): {primeira}") from None
    return ResultadoLiquidacao(
        exatas=execucao.saidas, entradas=tabelas, configuracao=configuracao, meses=execucao.meses,
        estado=execucao.estado, estado_inicial=estado, _tabelas=etapa.tabelas_arredondadas(execucao.saidas),
    )


__all__ = ["calcular", "meses_padrao", "passo"]
