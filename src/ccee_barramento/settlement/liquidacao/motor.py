"""The Liquidação engine: the step of a block of months (8 → 9.1 → 9 → 10 → 2 → 3 → 6 → 7 → map) and the run.

Inside a step the index columns are dictionary-encoded (``settlement/chaves.py``): profiles by their
position in PERFIS sorted by ``perfil`` (pid), agents by their position among the sorted agent codes
(aid), months by their offset ``j`` from the month before the block (V_INAD[α,m-1] of the block's first
month has j = 0). Per-profile inputs are placed on the dense profile-month grid ``g = (j-1)·NP + pid``
and per-agent inputs on the agent-month grid ``ka = j·NA + aid`` with a scatter (no hashing); lookups
are gathers, the only group-bys are per agent and per month. The grid is in (mes, perfil) order, so the
outputs come out sorted and are decoded with a gather. The command modules hold the equations. Cost:
O(input rows + |PERFIS|·months).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

import polars as pl

from ..chaves import CODIGO, Dicionario, Meses, denso, repetidos
from ..exact import Arredondamento, concatenar, escala, tipo_decimal
from ..runner import Bloco, executar_meses, intervalo_meses, mes_para_int, mes_vigente, meses_da_tabela
from ..tables import ErroTabela, carregar_entradas
from . import apuracao, desligamento, mapa, rateio
from .esquema import ENTRADAS, Configuracao
from .resultado import EstadoLiquidacao, ResultadoLiquidacao


@dataclass
class Codigos:
    """Codes fixed for a whole run: PERFIS sorted by perfil (pid = position, aid = its agent's code) and
    the agent dictionary (every agent named by any input table)."""

    perfis: pl.DataFrame  # perfil, agente, pid, aid
    agentes: Dicionario

    @property
    def np_(self) -> int:
        return self.perfis.height

    @property
    def na(self) -> int:
        return self.agentes.n

    @classmethod
    def criar(cls, particoes: Any, estado: EstadoLiquidacao | None) -> "Codigos":
        perfis = particoes.tabelas["PERFIS"].select("perfil", "agente")
        repetidos_ = perfis.filter(pl.col("perfil").is_duplicated())
        if repetidos_.height:
            raise ErroTabela("PERFIS", f"perfil(is) com mais de um agente: "
                                       f"{repetidos_['perfil'].unique().sort().head(3).to_list()}")
        fontes = [perfis["agente"]] + [particoes.tabelas[n]["agente"] for n in ("ACER", "V_INAD", "ADSS", "CONTRIB")]
        if estado is not None:
            fontes.append(estado.V_INAD["agente"])
        agentes = Dicionario("agente", fontes)
        perfis = (
            agentes.codificar(perfis.sort("perfil"), alias="aid")
            .with_row_index("pid")
            .with_columns(pl.col("pid").cast(CODIGO))
        )
        return cls(perfis, agentes)


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

    def _com_j(self, nome: str, com_anterior: bool = False) -> pl.DataFrame:
        """The rows of ``nome`` in the block's months (and in the month before, j = 0, if asked) with
        their month offset j."""
        indices = {m: j for j, m in enumerate(self.meses.textos.to_list()) if j > 0 or com_anterior}
        return self.bloco.particoes.com_indice(nome, indices)

    def perfis_de(self, nomes: Iterable[str]) -> dict[str, pl.DataFrame]:
        """(g, *values) of per-profile monthly tables, encoded in parallel (one lazy query per table);
        a profile outside PERFIS is an error."""
        indices = {m: j for j, m in enumerate(self.meses.textos.to_list()) if j > 0}
        perfis = self.codigos.perfis.lazy().select("perfil", "pid")
        consultas, nomes = [], list(nomes)
        for nome in nomes:
            valores = [c.nome for c in ENTRADAS[nome].valores]
            df = self.bloco.particoes.dos_meses(nome, list(indices))
            consultas.append(
                df.lazy().join(perfis, on="perfil", how="left")
                .select(((pl.col("mes").replace_strict(indices, return_dtype=CODIGO) - 1) * self.np_
                         + pl.col("pid")).alias("g"), *valores)
            )
        saida = dict(zip(nomes, pl.collect_all(consultas)))
        for nome, df in saida.items():
            if df["g"].null_count():
                fora = self.bloco.particoes.dos_meses(nome, list(indices)).join(
                    self.codigos.perfis, on="perfil", how="anti")["perfil"].unique().sort()
                raise ErroTabela("PERFIS", f"{fora.len()} perfil(is) de {nome} fora de PERFIS, p.ex. "
                                           f"{fora.head(3).to_list()}")
        return saida

    def agentes_de(self, nome: str, com_anterior: bool = False) -> pl.DataFrame:
        """(ka, j, aid, *values) of a per-agent monthly table."""
        df = self.codigos.agentes.codificar(self._com_j(nome, com_anterior), alias="aid")
        return df.with_columns((pl.col("j") * self.na + pl.col("aid")).alias("ka"))

    def denso(self, df: pl.DataFrame, indice: str, valor: str, n: int, tabela: str, padrao: object = None) -> pl.Series:
        """``valor`` placed on its grid (``padrao`` — null by default — where there is no row); a repeated
        key is an error naming the table."""
        rep = repetidos(df[indice], n)
        if rep.len():
            raise ErroTabela(tabela, f"chave repetida no mês, p.ex. {self.descrever(indice, rep.sort().head(3))}")
        return denso(n, df[indice], df[valor], padrao)

    def descrever(self, indice: str, valores: pl.Series) -> list[dict[str, str]]:
        if indice == "g":
            j, pid = valores // self.np_ + 1, valores % self.np_
            return [{"perfil": p, "mes": m} for p, m in zip(self.codigos.perfis["perfil"].gather(pid).to_list(),
                                                             self.meses.decodificar(j).to_list())]
        j, aid = valores // self.na, valores % self.na
        return [{"agente": a, "mes": m} for a, m in zip(self.codigos.agentes.decodificar(aid).to_list(),
                                                         self.meses.decodificar(j).to_list())]

    # -- decoding
    def agente_mes(self, ka: pl.Series) -> tuple[pl.Series, pl.Series]:
        """(agente, mes) of agent-month keys."""
        return (self.codigos.agentes.decodificar(ka % self.na).alias("agente"),
                self.meses.decodificar(ka // self.na).alias("mes"))


def _v_inad(grade: Grade, estado: EstadoLiquidacao | None) -> pl.DataFrame:
    """V_INAD rows (ka, j, aid, V_INAD) of the block's months and of the month before; for the month
    before the block, the carried state when the input has no row of that month."""
    anterior = grade.meses.textos[0]
    linhas = grade.agentes_de("V_INAD", com_anterior=True)
    if estado is not None and estado.mes == anterior and not grade.bloco.particoes.tem_mes("V_INAD", anterior):
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
        grade.codigos.perfis.select("perfil", pl.col("agente").alias("_dono"), "pid"), on="perfil", how="inner"
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


def passo(configuracao: Configuracao):
    """The step of a block of months, for :func:`executar_meses`."""
    q = configuracao.precisao.escala_divisao
    casas_mapa = mapa.unidade_alocacao(configuracao.arredondamento.casas_de("R$"))
    fixos: dict[str, Codigos] = {}

    def calcular_bloco(bloco: Bloco, estado: EstadoLiquidacao | None) -> tuple[dict[str, pl.DataFrame], EstadoLiquidacao]:
        if "c" not in fixos:
            fixos["c"] = Codigos.criar(bloco.particoes, estado)
        codigos = fixos["c"]
        grade = Grade(codigos, bloco, Meses(mes_para_int(bloco.meses[0]) - 1, mes_para_int(bloco.meses[-1])))
        np_, na, n_g, n_a = grade.np_, grade.na, grade.n_perfil, grade.n_agente

        # per-profile inputs on the profile-month grid (0 = no row); ``presente`` marks the profiles of
        # each month: a row in any per-profile input, or in PAPRIDO
        entradas = grade.perfis_de([*apuracao.TERMOS_POR_PERFIL, "PAPRIDO"])
        presente = pl.repeat(False, n_g, eager=True)
        colunas = {}
        for n in apuracao.TERMOS_POR_PERFIL:
            df = entradas[n]
            if n in ("RESULTADO", "AJUSTES"):
                colunas[n] = grade.denso(df, "g", n, n_g, n, padrao=Decimal(0))
            elif (rep := repetidos(df["g"], n_g)).len():
                raise ErroTabela(n, f"chave repetida no mês, p.ex. {grade.descrever('g', rep.sort().head(3))}")
            if df.height:
                presente.scatter(df["g"], True)
        membros = entradas["PAPRIDO"]["g"]  # a set: repeated rows are harmless on the grid
        papr = denso(n_g, membros, pl.repeat(True, membros.len(), eager=True), padrao=False)
        if membros.len():
            presente.scatter(membros, True)
        tabela = pl.DataFrame(colunas)

        # §2.3 — cmd 8
        v_inad = _v_inad(grade, estado)
        v_inad_d = grade.denso(v_inad, "ka", "V_INAD", n_a, "V_INAD")
        v_dss = desligamento.v_inad_dss(grade.agentes_de("ADSS").unique("ka").sort("ka"), v_inad_d, na)
        # cmd 9.1
        contrib = grade.denso(grade.agentes_de("CONTRIB"), "ka", "CONTRIB", n_a, "CONTRIB")
        g = papr.arg_true().cast(CODIGO).alias("g")  # ascending
        paprido = pl.DataFrame([g, (g // np_ + 1).alias("j"), (g % np_).alias("pid")])
        paprido = paprido.with_columns(codigos.perfis["aid"].gather(paprido["pid"]).alias("aid"))
        paprido, fp = _fp_e_rp(grade, paprido)

        def sem_par(nome: str, linhas: pl.DataFrame) -> None:
            qual = "do agente do perfil" if nome == "CONTRIB" else "do perfil com o seu agente em PERFIS"
            raise ErroTabela(nome, f"{linhas.height} perfil(is) de PAPRIDO sem {nome} ({qual}, vigente no mês), "
                                   f"p.ex. {grade.descrever('g', linhas['g'].head(3))}")

        if paprido["_sem_fp"].any():
            sem_par("FP_E_RP", paprido.filter(pl.col("_sem_fp")))
        fd, pesos = desligamento.fd_inad_dss(paprido.drop("_sem_fp"), contrib, fp, grade.meses.n, na, q, sem_par)
        _verificar_rateio_dss(v_dss, pesos, grade)
        # cmd 9
        deb = desligamento.deb_inad_dss(fd, v_dss, configuracao.sinal)
        # cmd 10, factored: ±FD_INAD_DSS[a,m] × Σ_{α∈ADSS} V_INAD_DSS[α,m]
        sv = escala(v_dss.schema["V_INAD_DSS"])
        por_mes = v_dss.group_by("j").agg(pl.col("V_INAD_DSS").sum())
        total_dss = denso(grade.meses.n, por_mes["j"], por_mes["V_INAD_DSS"].cast(tipo_decimal(sv)), padrao=Decimal(0))
        j_grade = pl.int_range(0, n_g, dtype=CODIGO, eager=True) // np_ + 1
        tabela = tabela.with_columns(
            denso(n_g, fd["g"], fd["FD_INAD_DSS"], padrao=Decimal(0)).alias("FD_INAD_DSS"),
            total_dss.gather(j_grade).alias("_total_dss"),
        ).with_columns(
            desligamento.aju_inad_dss("FD_INAD_DSS", q, "_total_dss", sv, configuracao.sinal).alias("AJU_INAD_DSS"))

        # §2.1 — cmds 1, 2, 3 on the profiles of each month
        g = pl.int_range(0, n_g, dtype=CODIGO, eager=True).alias("g")
        if not presente.all():
            tabela, g = tabela.filter(presente), g.filter(presente)
        j, pid = g // np_ + 1, g % np_
        aid_do_pid = codigos.perfis["aid"]
        base = tabela.select(
            apuracao.v_liqui(), "FD_INAD_DSS", "AJU_INAD_DSS", (j * na + aid_do_pid.gather(pid)).alias("ka"))
        agentes = apuracao.somas_por_agente(base, [
            entradas[n].select((pl.col("g") // np_ + 1) * na + aid_do_pid.gather(entradas[n]["g"] % np_), n)
            .rename({"g": "ka"}) for n in ("RES_EXCD_ER", "RES_ENC_CER", "CRED_IMP_ARG_URU")])

        # §2.2 — cmds 6, 7
        acer = codigos.agentes.codificar(bloco.tabela("ACER"), alias="aid")["aid"]
        v_rat = rateio.v_rat_inad(agentes, acer, na)
        p_rat = rateio.p_rat_inad(v_rat, q, na)

        # beyond the seed — cmds 4, 5 in the local settlement map
        v_inad_mes = v_inad.filter(pl.col("j") >= 1)
        totais = _totais(grade, v_inad_mes, casas_mapa)
        mapa_bloco, resumo = mapa.mapa_liquidacao(agentes, p_rat, v_inad_d, v_inad_mes, totais, na, casas_mapa)

        # decoded outputs, in (mes, index) order (the grid is; agent tables are sorted by ka)
        perfil, mes = codigos.perfis["perfil"].gather(pid), grade.meses.decodificar(j)
        agente = grade.agente_mes(agentes["ka"])

        def por_perfil(coluna: str) -> pl.DataFrame:
            return pl.DataFrame([perfil, mes, base[coluna]])

        def por_agente(df: pl.DataFrame, *colunas: str) -> pl.DataFrame:
            return pl.DataFrame([*agente, *(df[c] for c in colunas)])

        saidas = {
            "V_INAD_DSS": pl.DataFrame([*grade.agente_mes(v_dss["ka"]), v_dss["V_INAD_DSS"]]),
            "FD_INAD_DSS": por_perfil("FD_INAD_DSS"),
            "DEB_INAD_DSS": deb.select(
                codigos.perfis["perfil"].gather(deb["pid"]).alias("perfil"),
                codigos.agentes.decodificar(deb["aid"]).alias("agente"),
                grade.meses.decodificar(deb["j"]).alias("mes"), "DEB_INAD_DSS"),
            "AJU_INAD_DSS": por_perfil("AJU_INAD_DSS"),
            "V_LIQUI": por_perfil("V_LIQUI"),
            "V_TOT_LIQUI": por_agente(agentes, "V_TOT_LIQUI"),
            "V_RAT_INAD": por_agente(v_rat, "V_RAT_INAD"),
            "P_RAT_INAD": por_agente(p_rat, "P_RAT_INAD"),
            "MAPA_LIQUIDACAO": pl.DataFrame([*grade.agente_mes(mapa_bloco["ka"]), *(mapa_bloco[c] for c in (
                "V_TOT_LIQUI", "P_RAT_INAD", "V_INAD", "RATEIO_INAD", "POSICAO_LIQUIDA"))]),
            "MAPA_INAD": pl.DataFrame([grade.meses.decodificar(resumo["j"]), *(resumo[c] for c in (
                "INAD_NAO_COBERTA", "INAD_RATEADA", "INAD_NAO_RATEADA"))]),
        }
        # carried to the next block: V_INAD[·,m] of the last month (command 8 of m+1 reads it)
        ultimo = bloco.meses[-1]
        return saidas, EstadoLiquidacao(ultimo, bloco.particoes.do_mes("V_INAD", ultimo).select("agente", "V_INAD"))

    return calcular_bloco


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
    meses = meses_da_tabela(tabelas["RESULTADO"])
    if not meses:
        raise ErroTabela("RESULTADO", "nenhuma linha: não há mês a calcular")
    return intervalo_meses(f"{meses[0]}..{meses[-1]}")


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
    try:
        execucao = executar_meses(passo(configuracao), tabelas, ENTRADAS, lista, estado, meses_por_bloco)
    except pl.exceptions.ComputeError as exc:  # decimal overflow (a value past 38 digits)
        primeira = str(exc).splitlines()[0]
        raise ErroTabela("entradas", f"estouro de precisão decimal (38 dígitos): {primeira}") from None
    return ResultadoLiquidacao(
        exatas=execucao.saidas, entradas=tabelas, configuracao=configuracao, meses=execucao.meses,
        estado=execucao.estado, estado_inicial=estado,
    )


__all__ = ["calcular", "meses_padrao", "passo"]
