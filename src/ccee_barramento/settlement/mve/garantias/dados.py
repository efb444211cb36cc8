"""Loading and validation of the guarantees' inputs, and the static frames of a run (contracts, products).

Inputs come as a directory of ``NOME.csv``/``NOME.parquet`` files or a mapping name → table (polars,
pandas, pyarrow, list of row dicts); they are normalized by the shared engine (``tables.normalizar``:
exact decimals, floats refused) after two small preparations: optional columns (``tipo_vigencia``) and
booleans/dates in index columns become text. The checks are the reference's, naming the same table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

import polars as pl

from ...exact import CONTEXTO, ZERO, Precisao
from ...runner import int_para_mes, mes_para_int
from ...tables import _para_polars, arquivo_da_tabela, normalizar
from .esquema import (
    COLUNAS_OPCIONAIS,
    ENTRADAS,
    MOTIVOS_EVENTO,
    PF,
    PROD,
    TIPOS_ENERGIA,
    TIPOS_PRECO,
    TIPOS_VIGENCIA,
    ErroGarantias,
)

_RE_MES = r"^\d{4}-(0[1-9]|1[0-2])$"
_VERDADE = {"true": True, "sim": True, "1": True, "false": False, "nao": False, "não": False, "0": False}
#: Index columns holding a month (converted to the counter ``ano·12 + mês − 1`` where used).
COLUNAS_MES = {"VIGENCIA_MVE": ("inicio", "fim"), "PROCESSAMENTO_MVE": ("mes_processamento",),
               "VLR_REF_GP": ("mes_base",)}


def _preparar_bruto(nome: str, df: pl.DataFrame) -> pl.DataFrame:
    spec = ENTRADAS[nome]
    for coluna in COLUNAS_OPCIONAIS.get(nome, ()):
        if coluna not in df.columns:
            df = df.with_columns(pl.lit("", dtype=pl.String).alias(coluna))
        else:
            df = df.with_columns(pl.col(coluna).cast(pl.String).fill_null(""))
    for coluna in spec.indices:
        if coluna not in df.columns:
            continue
        dtype = df.schema[coluna]
        if dtype == pl.Boolean:
            df = df.with_columns(pl.when(pl.col(coluna)).then(pl.lit("true")).otherwise(pl.lit("false")).alias(coluna))
        elif dtype == pl.Date or isinstance(dtype, pl.Datetime):
            df = df.with_columns(pl.col(coluna).dt.strftime("%Y-%m"))
    return df


def _normalizar(nome: str, obj: Any, precisao: Precisao) -> pl.DataFrame:
    df = _para_polars(obj, nome)
    if df.width == 0 and df.height == 0:
        return ENTRADAS[nome].vazia()
    df = normalizar(_preparar_bruto(nome, df), ENTRADAS[nome], precisao)
    for coluna in COLUNAS_MES.get(nome, ()):
        ruins = df.filter(~pl.col(coluna).str.contains(_RE_MES))
        if ruins.height:
            raise ErroGarantias(nome, f"coluna {coluna}: mês inválido {ruins[coluna][0]!r} (use AAAA-MM)")
    return df


def carregar(entradas: str | Path | Mapping[str, Any], precisao: Precisao | None = None) -> dict[str, pl.DataFrame]:
    """Every known input table (a missing one is left out); a mapping with an unknown name is an error."""
    precisao = precisao or Precisao()
    tabelas: dict[str, pl.DataFrame] = {}
    if isinstance(entradas, (str, Path)):
        pasta = Path(entradas)
        if not pasta.is_dir():
            raise ErroGarantias(str(pasta), "diretório de entrada não existe")
        for nome in ENTRADAS:
            caminho = arquivo_da_tabela(pasta, nome)
            if caminho is None:
                continue
            try:
                bruto = pl.read_csv(caminho, infer_schema=False) if caminho.suffix == ".csv" else pl.read_parquet(caminho)
            except (pl.exceptions.ComputeError, OSError) as exc:
                raise ErroGarantias(nome, f"não consegui ler {caminho}: {exc}") from None
            tabelas[nome] = _normalizar(nome, bruto, precisao)
    else:
        desconhecidas = sorted(n for n in entradas if n not in ENTRADAS)
        if desconhecidas:
            raise ErroGarantias(desconhecidas[0], f"tabela desconhecida; as entradas aceitas são {sorted(ENTRADAS)}")
        tabelas = {n: _normalizar(n, t, precisao) for n, t in entradas.items()}
    for nome, spec in ENTRADAS.items():
        if spec.obrigatoria and nome not in tabelas:
            raise ErroGarantias(nome, "tabela obrigatória ausente das entradas")
    return tabelas


def contador(coluna: str) -> pl.Expr:
    """``"2026-03"`` → 2026·12 + 2 (Int64)."""
    c = pl.col(coluna)
    return c.str.slice(0, 4).cast(pl.Int64) * 12 + c.str.slice(5, 2).cast(pl.Int64) - 1


def texto_mes(expr: pl.Expr) -> pl.Expr:
    """The inverse of :func:`contador`."""
    ano = (expr // 12).cast(pl.String).str.zfill(4)
    mes = (expr % 12 + 1).cast(pl.String).str.zfill(2)
    return pl.concat_str([ano, pl.lit("-"), mes])


def repetidas(df: pl.DataFrame, chave: list[str], tabela: str) -> None:
    rep = df.filter(pl.struct(chave).is_duplicated())
    if rep.height:
        raise ErroGarantias(tabela, f"chave repetida {tuple(rep.row(0)[: len(chave)])}")


@dataclass
class Base:
    """The static frames of a run.

    ``contratos``: contracts of processings with guarantees (contrato, perfil_vendedor, perfil (the buyer),
    agente, PROD, inicio, fim, tipo, mes_proc, MV, PRECO, SPREAD, resc). ``produtos``: their non-monthly
    (buyer profile, product) pairs — the units of the GFC — with inicio, fim, tipo, mes_proc, aportada,
    resc (month the product is rescinded), primeiro/ultimo (its months with GFC rows, DECISÃO G8).
    """

    tabelas: dict[str, pl.DataFrame]
    perfis: pl.DataFrame  # perfil, agente
    vigencias: pl.DataFrame  # vigencia, inicio, fim, tipo
    processamentos: pl.DataFrame  # processamento, mes_proc, anterior
    contratos: pl.DataFrame
    produtos: pl.DataFrame
    horas: dict[int, Decimal] = field(default_factory=dict)
    v_horas: dict[str, Decimal] = field(default_factory=dict)
    perc: list[tuple[int, Decimal]] = field(default_factory=list)

    def tabela(self, nome: str) -> pl.DataFrame:
        return self.tabelas.get(nome, ENTRADAS[nome].vazia())

    def do_mes(self, nome: str, m: int) -> pl.DataFrame:
        """The rows of month m of a monthly input."""
        df = self.tabela(nome)
        return df.filter(contador("mes") == m).drop("mes")

    def horas_entre(self, a: int, b: int) -> Decimal:
        """Σ M_HORAS over the months a..b (an error names M_HORAS when a month is missing)."""
        total = ZERO
        for i in range(a, b + 1):
            if i not in self.horas:
                raise ErroGarantias("M_HORAS", f"sem linha para o mês {int_para_mes(i)}")
            total = CONTEXTO.add(total, self.horas[i])
        return total

    def perc_em(self, m: int) -> Decimal:
        """PERC_MULTA_INAD_MVE in force in month m (the latest row ≤ m)."""
        melhor = None
        for mes, v in self.perc:
            if mes <= m:
                melhor = v
        if melhor is None:
            raise ErroGarantias("PERC_MULTA_INAD_MVE", f"sem percentual em vigor no mês {int_para_mes(m)}")
        return melhor


def preparar(tabelas: dict[str, pl.DataFrame], rescisoes_estado: pl.DataFrame | None = None) -> Base:
    """Validate the structure and build the static frames (the reference's ``_estrutura``, vectorized)."""
    perfis = tabelas["A_ALPHA"].unique()
    dup = perfis.filter(pl.col("perfil").is_duplicated())
    if dup.height:
        raise ErroGarantias("A_ALPHA", f"perfil {dup['perfil'][0]!r} em dois agentes")

    vig = tabelas["VIGENCIA_MVE"].with_columns(contador("inicio").alias("_ini"), contador("fim").alias("_fim"))
    ruim = vig.filter(pl.col("_fim") < pl.col("_ini"))
    if ruim.height:
        raise ErroGarantias("VIGENCIA_MVE", f"vigência {ruim['vigencia'][0]!r} termina antes de começar")
    n = pl.col("_fim") - pl.col("_ini") + 1
    derivado = (pl.when(n == 1).then(pl.lit("mensal")).when(n == 3).then(pl.lit("trimestral"))
                .when(n == 6).then(pl.lit("semestral")).when(n == 12).then(pl.lit("anual"))
                .when(n > 12).then(pl.lit("plurianual")).otherwise(pl.lit("outra")))
    vig = vig.with_columns(pl.when(pl.col("tipo_vigencia") == "").then(derivado).otherwise(pl.col("tipo_vigencia"))
                           .alias("tipo"))
    ruim = vig.filter(~pl.col("tipo").is_in(TIPOS_VIGENCIA))
    if ruim.height:
        raise ErroGarantias("VIGENCIA_MVE", f"tipo_vigencia {ruim['tipo'][0]!r} inválido (use {TIPOS_VIGENCIA})")
    vig = vig.unique("vigencia", keep="last", maintain_order=True).select(
        "vigencia", pl.col("_ini").alias("inicio"), pl.col("_fim").alias("fim"), "tipo")

    proc = tabelas["PROCESSAMENTO_MVE"]
    bruto = proc["anterior_garantias_financeiras"].str.strip_chars().str.to_lowercase()
    ruins = bruto.filter(~bruto.is_in(list(_VERDADE)))
    if ruins.len():
        raise ErroGarantias("PROCESSAMENTO_MVE", f"anterior_garantias_financeiras {ruins[0]!r} não é booleano")
    proc = proc.with_columns(bruto.replace_strict(_VERDADE, return_dtype=pl.Boolean).alias("anterior"),
                             contador("mes_processamento").alias("mes_proc"))
    proc = proc.unique("processamento", keep="last", maintain_order=True).select("processamento", "mes_proc",
                                                                               "anterior")

    for nome in ("VINC_V_MVE", "VINC_C_MVE"):
        t = tabelas[nome]
        ruim = t.filter(~pl.col("tipo_energia").is_in(TIPOS_ENERGIA))
        if ruim.height:
            raise ErroGarantias(nome, f"tipo_energia {ruim['tipo_energia'][0]!r} inválido (use {TIPOS_ENERGIA})")
        ruim = t.filter(~pl.col("tipo_preco").is_in(TIPOS_PRECO))
        if ruim.height:
            raise ErroGarantias(nome, f"tipo_preco {ruim['tipo_preco'][0]!r} inválido (use {TIPOS_PRECO})")
        dup = t.filter(pl.col("contrato").is_duplicated())
        if dup.height:
            raise ErroGarantias(nome, f"contrato {dup['contrato'][0]!r} repetido")

    comp = tabelas["VINC_C_MVE"].rename({"perfil_comprador": "perfil"}).join(proc, on="processamento", how="left")
    sem = comp.filter(pl.col("mes_proc").is_null())
    if sem.height:
        e = sem.sort("contrato").row(0, named=True)
        raise ErroGarantias("PROCESSAMENTO_MVE", f"processamento {e['processamento']!r} (contrato {e['contrato']!r}) "
                                                 "sem linha")
    comp = comp.filter(~pl.col("anterior")).drop("anterior")  # DECISÃO G21
    vend = tabelas["VINC_V_MVE"].select("contrato", "perfil_vendedor", *(pl.col(c).alias(f"_v_{c}") for c in PROD))
    c = comp.join(vend, on="contrato", how="left")
    ruim = c.filter(pl.any_horizontal([pl.col(f"_v_{k}").is_null() | (pl.col(f"_v_{k}") != pl.col(k)) for k in PROD]))
    if ruim.height:
        e = ruim.sort("contrato").row(0, named=True)
        raise ErroGarantias("VINC_V_MVE", f"contrato {e['contrato']!r} sem linha com o mesmo produto "
                                          f"{tuple(e[k] for k in PROD)}")
    c = c.drop([f"_v_{k}" for k in PROD]).join(vig, on="vigencia", how="left")
    ruim = c.filter(pl.col("inicio").is_null())
    if ruim.height:
        e = ruim.sort("contrato").row(0, named=True)
        raise ErroGarantias("VIGENCIA_MVE", f"vigência {e['vigencia']!r} (contrato {e['contrato']!r}) sem linha")
    ag = perfis.select("perfil", "agente")
    c = c.join(ag, on="perfil", how="left").join(
        ag.rename({"perfil": "perfil_vendedor", "agente": "agente_vendedor"}), on="perfil_vendedor", how="left")
    ruim = c.filter(pl.col("agente").is_null() | pl.col("agente_vendedor").is_null())
    if ruim.height:
        e = ruim.sort("contrato").row(0, named=True)
        a = e["perfil_vendedor"] if e["agente_vendedor"] is None else e["perfil"]
        raise ErroGarantias("A_ALPHA", f"perfil {a!r} (contrato {e['contrato']!r}) sem agente")

    def por_contrato(nome: str, alias: str) -> pl.DataFrame:
        t = tabelas.get(nome, ENTRADAS[nome].vazia())
        repetidas(t, ["contrato", "vigencia"], nome)
        return t.rename({nome: alias})

    c = c.join(por_contrato("MV_MVE_PRE", "MV"), on=["contrato", "vigencia"], how="left")
    ruim = c.filter(pl.col("MV").is_null())
    if ruim.height:
        e = ruim.sort("contrato").row(0, named=True)
        raise ErroGarantias("MV_MVE_PRE", f"sem montante para o contrato {e['contrato']!r} na vigência {e['vigencia']!r}")
    c = c.join(por_contrato("PRECO_CT_MVE", "PRECO"), on=["contrato", "vigencia"], how="left")
    c = c.join(por_contrato("SPREAD_CT_MVE", "SPREAD"), on=["contrato", "vigencia"], how="left")
    ruim = c.filter((pl.col("tipo_preco") == PF) & pl.col("PRECO").is_null())
    if ruim.height:
        raise ErroGarantias("PRECO_CT_MVE", f"sem preço para o contrato {ruim.sort('contrato')['contrato'][0]!r} "
                                            "(preço fixo)")
    ruim = c.filter((pl.col("tipo_preco") != PF) & pl.col("SPREAD").is_null())
    if ruim.height:
        raise ErroGarantias("SPREAD_CT_MVE", f"sem spread para o contrato {ruim.sort('contrato')['contrato'][0]!r} "
                                             "(preço variável)")

    # rescissions: the earliest month of each contract (input table and carried state)
    resc = tabelas.get("RESCISAO_MVE", ENTRADAS["RESCISAO_MVE"].vazia()).select("contrato", contador("mes").alias("r"))
    if rescisoes_estado is not None and rescisoes_estado.height:
        resc = pl.concat([resc, rescisoes_estado.select("contrato", pl.col("r").cast(pl.Int64))])
    resc = resc.group_by("contrato").agg(pl.col("r").min())
    c = c.join(resc, on="contrato", how="left").rename({"r": "resc"}).sort("contrato")

    eventos = tabelas.get("EVENTO_RESCISAO_MVE")
    if eventos is not None:
        ruim = eventos.filter(~pl.col("motivo").is_in(MOTIVOS_EVENTO))
        if ruim.height:
            raise ErroGarantias("EVENTO_RESCISAO_MVE", f"motivo {ruim['motivo'][0]!r} inválido (use {MOTIVOS_EVENTO})")
    nao_aporte = tabelas.get("NAO_APORTE_GFC", ENTRADAS["NAO_APORTE_GFC"].vazia()).select(
        "agente", "processamento").unique().with_columns(pl.lit(False).alias("aportada"))

    chave = ["perfil", *PROD]
    produtos = (
        c.filter(pl.col("tipo") != "mensal")  # MVE cmd 111/113: no GFC for monthly products
        .group_by(chave)
        .agg(pl.col("agente").first(), pl.col("inicio").first(), pl.col("fim").first(), pl.col("tipo").first(),
             pl.col("mes_proc").first(), pl.col("resc").max().alias("_rmax"),
             pl.col("resc").null_count().alias("_sem_resc"), (pl.col("MV") > 0).any().alias("vencedor"))
        .with_columns(pl.when(pl.col("_sem_resc") == 0).then(pl.col("_rmax")).otherwise(None).alias("resc"))
        .drop("_rmax", "_sem_resc")
        .join(nao_aporte, on=["agente", "processamento"], how="left")
        .with_columns(pl.col("aportada").fill_null(True))
        # DECISÃO G8: months with GFC rows
        .with_columns(
            pl.when(pl.col("resc").is_null() | (pl.col("resc") >= pl.col("inicio"))).then(pl.col("inicio"))
            .otherwise(pl.col("resc")).alias("primeiro"),
            pl.when(pl.col("resc").is_null()).then(pl.col("fim"))
            .when(pl.col("resc") >= pl.col("inicio")).then(pl.min_horizontal("fim", "resc"))
            .otherwise(pl.col("resc")).alias("ultimo"),
        )
        .sort(chave)
    )

    horas = {mes_para_int(r["mes"]): r["M_HORAS"] for r in tabelas.get("M_HORAS", ENTRADAS["M_HORAS"].vazia()).to_dicts()}
    if "M_HORAS" in tabelas:
        repetidas(tabelas["M_HORAS"], ["mes"], "M_HORAS")
    v_horas = {r["vigencia"]: r["V_HORAS"] for r in tabelas.get("V_HORAS", ENTRADAS["V_HORAS"].vazia()).to_dicts()}
    perc_t = tabelas.get("PERC_MULTA_INAD_MVE", ENTRADAS["PERC_MULTA_INAD_MVE"].vazia())
    repetidas(perc_t, ["mes"], "PERC_MULTA_INAD_MVE")
    perc = sorted((mes_para_int(r["mes"]), r["PERC_MULTA_INAD_MVE"]) for r in perc_t.to_dicts())
    for nome, spec in ENTRADAS.items():
        if spec.valores and nome in tabelas and nome not in ("M_HORAS", "PERC_MULTA_INAD_MVE", "MV_MVE_PRE",
                                                              "PRECO_CT_MVE", "SPREAD_CT_MVE"):
            repetidas(tabelas[nome], list(spec.chave), nome)
    return Base(tabelas, perfis, vig, proc, c, produtos, horas, v_horas, perc)


__all__ = ["Base", "carregar", "contador", "preparar", "repetidas", "texto_mes"]
