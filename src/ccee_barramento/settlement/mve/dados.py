"""Loading, validation and dictionary encoding of the MVE inputs (done once per run).

Every index dimension is encoded once (``chaves.Dicionario``: codes are positions in the sorted distinct
values, so sorting codes sorts the text): contracts (``cid``: position in VINC_V_MVE sorted by
``contrato``), profiles (``pid``), agents (``aid``), products (``prod``: position among the sorted
(s, x, v, te, tp) tuples), submarkets and processings. Months are integer counters (``ano·12 + mês − 1``).
The engine then joins and groups on Int64 columns only, and decodes each output with gathers.

The validations are the reference's (``referencia.preparar``), with the same table named in each error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

import polars as pl

from ..chaves import CODIGO, Dicionario
from ..exact import Precisao
from ..tables import ErroTabela, _para_polars, arquivo_da_tabela, normalizar
from .esquema import ALIASES, COLUNAS_OPCIONAIS, ENTRADAS, PROD, ErroMVE
from .referencia import (
    CARREGADAS_M1,
    MOTIVO_DESLIGAMENTO,
    MOTIVO_NAO_RECOMPOSICAO,
    MOTIVOS_EVENTO,
    PF,
    TIPOS_ENERGIA,
    TIPOS_PRECO,
    TIPOS_VIGENCIA,
    int_para_mes,
)

_RE_MES = r"^\d{4}-(0[1-9]|1[0-2])$"
_VERDADE = {"true": True, "sim": True, "1": True, "false": False, "nao": False, "não": False, "0": False}


# ----------------------------------------------------------------------------------------------------
# Loading: aliases, optional columns, booleans, then the shared normalization
# ----------------------------------------------------------------------------------------------------


def _preparar_bruto(nome: str, df: pl.DataFrame) -> pl.DataFrame:
    """Aliases of the value column, optional columns ("" when absent), booleans and dates as text."""
    canonico = ALIASES.get(nome, nome)
    spec = ENTRADAS[canonico]
    for alias, alvo in ALIASES.items():
        if alvo == canonico and alias in df.columns and canonico not in df.columns:
            df = df.rename({alias: canonico})
    for coluna in COLUNAS_OPCIONAIS.get(canonico, ()):
        if coluna not in df.columns:
            df = df.with_columns(pl.lit("", dtype=pl.String).alias(coluna))
        else:
            df = df.with_columns(pl.col(coluna).cast(pl.String).fill_null(""))
    for coluna in spec.indices:
        if coluna in df.columns:
            dtype = df.schema[coluna]
            if dtype == pl.Boolean:
                df = df.with_columns(pl.col(coluna).cast(pl.String).str.to_lowercase())
            elif dtype == pl.Date or isinstance(dtype, pl.Datetime):
                df = df.with_columns(pl.col(coluna).dt.strftime("%Y-%m"))
    return df


def _texto(valor: Any, nome: str, coluna: str) -> Any:
    """One value of a row dict as text (exact), a bool, or None; floats are refused (as the reference)."""
    if valor is None or isinstance(valor, (bool, str)):
        return valor
    if isinstance(valor, float):
        raise ErroMVE(nome, f"coluna {coluna}: float não é aceito (use Decimal, int ou str)")
    if isinstance(valor, Decimal):
        if not valor.is_finite():
            raise ErroMVE(nome, f"coluna {coluna}: valor não finito {valor!r}")
        return format(valor, "f")
    if isinstance(valor, int):
        return str(valor)
    if isinstance(valor, (date, datetime)):
        return f"{valor:%Y-%m}"
    raise ErroMVE(nome, f"coluna {coluna}: tipo {type(valor).__name__} não é aceito")


def _linhas(linhas: list[Any] | tuple[Any, ...], nome: str) -> pl.DataFrame:
    """Row dicts as a frame of text (Decimal, int and str may be mixed in a column, as in the reference)."""
    colunas: dict[str, list[Any]] = {}
    for i, linha in enumerate(linhas):
        if not isinstance(linha, Mapping):
            raise ErroMVE(nome, f"linha {i} não é um dicionário: {linha!r}")
        for k in linha:
            colunas.setdefault(k, [])
    for linha in linhas:
        for k, lista in colunas.items():
            lista.append(_texto(linha.get(k), nome, k))
    series = []
    for k, lista in colunas.items():
        if all(v is None or isinstance(v, bool) for v in lista):
            series.append(pl.Series(k, lista, dtype=pl.Boolean if any(v is not None for v in lista) else pl.Null))
        else:
            series.append(pl.Series(k, [v if not isinstance(v, bool) else str(v).lower() for v in lista],
                                    dtype=pl.String))
    return pl.DataFrame(series)


def _normalizar(nome: str, obj: Any, precisao: Precisao) -> pl.DataFrame:
    canonico = ALIASES.get(nome, nome)
    spec = ENTRADAS[canonico]
    try:
        df = _linhas(obj, nome) if isinstance(obj, (list, tuple)) and obj else _para_polars(obj, nome)
        if df.width == 0 and df.height == 0:
            return spec.vazia()
        return normalizar(_preparar_bruto(nome, df), spec, precisao)
    except ErroTabela as exc:
        if isinstance(exc, ErroMVE):
            raise
        raise ErroMVE(exc.tabela, exc.mensagem) from None


def _ler(caminho: Path, nome: str, precisao: Precisao) -> pl.DataFrame:
    try:
        if caminho.suffix == ".csv":
            bruto = pl.read_csv(caminho, infer_schema=False)
        else:
            bruto = pl.read_parquet(caminho)
    except (pl.exceptions.ComputeError, OSError) as exc:
        raise ErroMVE(nome, f"não consegui ler {caminho}: {exc}") from None
    return _normalizar(nome, bruto, precisao)


def carregar(entradas: str | Path | Mapping[str, Any], precisao: Precisao | None = None) -> dict[str, pl.DataFrame]:
    """Normalize a directory (``NOME.csv``/``NOME.parquet``) or a mapping name → table into engine tables.

    Accepts the documented aliases (``IPCA`` for ``NIPCA``, ``ADDC_LIQ_MVE`` for ``ADDC_TOT_LIQ_MVE``; a
    table given under both names is an error). An unknown table name in a mapping is an error; in a
    directory, files of unknown names are left alone. Errors are :class:`ErroMVE` naming the table.
    """
    precisao = precisao or Precisao()
    brutos: dict[str, tuple[str, Any]] = {}
    if isinstance(entradas, (str, Path)):
        pasta = Path(entradas)
        if not pasta.is_dir():
            raise ErroMVE(str(pasta), "diretório de entrada não existe")
        for nome in [*ENTRADAS, *ALIASES]:
            try:
                caminho = arquivo_da_tabela(pasta, nome)
            except ErroTabela as exc:
                raise ErroMVE(exc.tabela, exc.mensagem) from None
            if caminho is not None:
                canonico = ALIASES.get(nome, nome)
                if canonico in brutos:
                    raise ErroMVE(canonico, f"tabela dada como {brutos[canonico][0]} e como {nome}: deixe só uma")
                brutos[canonico] = (nome, caminho)
        return {c: _ler(caminho, nome, precisao) for c, (nome, caminho) in brutos.items()}
    for nome in entradas:
        if nome not in ENTRADAS and nome not in ALIASES:
            raise ErroMVE(nome, f"tabela desconhecida; as entradas aceitas são {sorted(ENTRADAS)} "
                                f"(e os aliases {sorted(ALIASES)})")
        canonico = ALIASES.get(nome, nome)
        if canonico in brutos:
            raise ErroMVE(canonico, f"tabela dada como {brutos[canonico][0]} e como {nome}: deixe só uma")
        brutos[canonico] = (nome, entradas[nome])
    return {c: _normalizar(nome, obj, precisao) for c, (nome, obj) in brutos.items()}


def obrigatorias(tabelas: Mapping[str, pl.DataFrame]) -> None:
    for nome, spec in ENTRADAS.items():
        if spec.obrigatoria and nome not in tabelas:
            raise ErroMVE(nome, "tabela obrigatória ausente das entradas")


# ----------------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------------


def meses_de(df: pl.DataFrame, coluna: str, tabela: str) -> pl.Series:
    """A text column of months "YYYY-MM" as month counters (an invalid month is an error naming the table)."""
    s = df[coluna]
    ruins = s.filter(~s.str.contains(_RE_MES))
    if ruins.len():
        raise ErroMVE(tabela, f"coluna {coluna}: mês inválido {ruins[0]!r} (use 'YYYY-MM')")
    return (s.str.slice(0, 4).cast(CODIGO) * 12 + s.str.slice(5, 2).cast(CODIGO) - 1).alias(coluna)


def texto_mes(m: pl.Series | pl.Expr) -> pl.Expr:
    """Month counters as "YYYY-MM" text (an expression)."""
    e = m if isinstance(m, pl.Expr) else pl.lit(m)
    return pl.format("{}-{}", (e // 12).cast(pl.String).str.zfill(4), (e % 12 + 1).cast(pl.String).str.zfill(2))


def _bool(df: pl.DataFrame, coluna: str, tabela: str) -> pl.Series:
    s = df[coluna].str.strip_chars().str.to_lowercase()
    ruins = s.filter(~s.is_in(list(_VERDADE)))
    if ruins.len():
        raise ErroMVE(tabela, f"coluna {coluna}: {ruins[0]!r} não é booleano")
    return s.replace_strict(_VERDADE, return_dtype=pl.Boolean)


def _tipo_vigencia(n: pl.Expr) -> pl.Expr:
    """DECISÃO D24: the kind derived from the length in months."""
    return (pl.when(n == 1).then(pl.lit("mensal")).when(n == 3).then(pl.lit("trimestral"))
            .when(n == 6).then(pl.lit("semestral")).when(n == 12).then(pl.lit("anual"))
            .when(n > 12).then(pl.lit("plurianual")).otherwise(pl.lit("outra")))


# ----------------------------------------------------------------------------------------------------
# The prepared, encoded inputs of a run
# ----------------------------------------------------------------------------------------------------


@dataclass
class Base:
    """Static inputs of a run, validated and encoded.

    ``contratos`` (one row per contract, sorted by ``contrato``; ``cid`` = position): prod, vendedor /
    comprador (pid), agente_v / agente_c (aid), sub (submarket code), x (processing code), ini, fim (month
    counters), plur, mensal, anterior (before the guarantees), mproc (m*), pf, MV_MVE_PRE, PRECO, SPREAD
    (cmd 36; null on the other kind), NIPCA_PROC (NIPCA[m*], null when absent).
    """

    tabelas: dict[str, pl.DataFrame]
    perfis: Dicionario
    agentes: Dicionario
    contratos_txt: pl.Series
    vigencias_txt: pl.Series  # the vigência of each contract (by cid)
    produtos: pl.DataFrame  # prod, submercado, processamento, vigencia, tipo_energia, tipo_preco, pf, anterior
    processamentos: Dicionario
    submercados: Dicionario
    contratos: pl.DataFrame
    agente_do_perfil: pl.Series  # aid of each pid (null: not in A_ALPHA)
    papel: pl.Series  # 1 seller, 2 buyer, 0 none (by pid)
    horas: dict[int, Decimal]
    pld: dict[int, pl.Series]  # month → PLD by submarket code (null = no row)
    nipca: dict[int, Decimal]
    f_mres: pl.DataFrame  # x, m, F_MRES_CT (sorted by x, m)
    mv_registrado: pl.DataFrame  # cid, vigencia (text), MV
    mensais: dict[str, pl.DataFrame] = field(default_factory=dict)  # encoded monthly inputs with "m"
    rescisoes_iniciais: pl.DataFrame | None = None  # contrato, m, motivo (text keys)
    _por_mes: dict[str, dict[int, pl.DataFrame]] = field(default_factory=dict, repr=False)

    @property
    def np_(self) -> int:
        return self.perfis.n

    @property
    def nc(self) -> int:
        return self.contratos.height

    def do_mes(self, nome: str, m: int) -> pl.DataFrame:
        """Rows of an encoded monthly input in month m (``m`` column dropped); each table is split by month
        once, so a run reads every input row once."""
        if nome not in self._por_mes:
            df = self.mensais[nome]
            self._por_mes[nome] = {k[0]: p.drop("m") for k, p in df.partition_by("m", as_dict=True).items()}  # type: ignore[misc]
        return self._por_mes[nome].get(m, self.mensais[nome].clear().drop("m"))

    def h(self, m: int) -> Decimal:
        try:
            return self.horas[m]
        except KeyError:
            raise ErroMVE("M_HORAS", f"sem linha para o mês {int_para_mes(m)}") from None

    def nipca_de(self, m: int) -> Decimal:
        try:
            return self.nipca[m]
        except KeyError:
            raise ErroMVE("NIPCA", f"sem número-índice do IPCA para o mês {int_para_mes(m)}") from None

    def pld_de(self, m: int) -> pl.Series:
        """PLD_MS of month m by submarket code (nulls where there is no row)."""
        if m not in self.pld:
            return pl.Series("PLD_MS", [None] * self.submercados.n, dtype=self.tabelas["PLD_MS"].schema["PLD_MS"])
        return self.pld[m]

    def erro_pld(self, sub: int, m: int) -> ErroMVE:
        s = self.submercados.valores[sub]
        return ErroMVE("PLD_MS", f"sem linha para submercado {s!r}, mês {int_para_mes(m)}")

    def decodificar_prod(self, prod: pl.Series) -> list[pl.Series]:
        return [self.produtos[c].gather(prod).alias(c) for c in PROD]


def _todas(tabelas: Mapping[str, pl.DataFrame], estado: Mapping[str, pl.DataFrame] | None,
           nomes_colunas: tuple[str, ...]) -> list[pl.Series]:
    """Every value of the named columns in the inputs and the initial state."""
    fontes = list(tabelas.values()) + (list(estado.values()) if estado else [])
    return [df[c] for df in fontes for c in nomes_colunas if c in df.columns and df.height]


#: Lookup tables where a repeated key keeps its LAST row (DECISÃO E3, as the reference's dictionaries: a
#: table given as the concatenation of a base and an update takes the update). Monthly flow inputs are summed
#: instead (``SOMADAS``); VINC_V_MVE, VINC_C_MVE and MV_MVE_PRE refuse a repeated contract.
ULTIMA_VALE = {
    "VIGENCIA_MVE": ["vigencia"], "PROCESSAMENTO_MVE": ["processamento"], "M_HORAS": ["mes"],
    "PLD_MS": ["submercado", "mes"], "NIPCA": ["mes"], "F_MRES_CT": ["processamento", "mes"],
    "MV": ["contrato", "vigencia"], "PRECO_N_MVE": ["lance_compra", *PROD], "SPREAD_N_MVE": ["lance_compra", *PROD],
    "PRECO_CT_MVE": ["contrato"], "SPREAD_CT_MVE": ["contrato"], "RESCISAO_MVE": ["contrato"],
    **{n: list(ENTRADAS[n].chave) for n in CARREGADAS_M1},
}


def preparar(tabelas: dict[str, pl.DataFrame], estado: Mapping[str, pl.DataFrame] | None = None) -> Base:
    """Validate and encode the inputs (the reference's ``preparar``, vectorized)."""
    obrigatorias(tabelas)
    t = {n: tabelas.get(n, spec.vazia()) for n, spec in ENTRADAS.items()}
    for nome, chave in ULTIMA_VALE.items():
        if t[nome].height > 1:
            t[nome] = t[nome].unique(subset=chave, keep="last", maintain_order=True)

    # -- Aα
    a_alpha = t["A_ALPHA"].unique()
    dup = a_alpha.filter(pl.col("perfil").is_duplicated())
    if dup.height:
        raise ErroMVE("A_ALPHA", f"perfil {dup['perfil'][0]!r} em dois agentes")

    # -- vigências (D24: kind given or derived from the length)
    vig = t["VIGENCIA_MVE"]
    vig = vig.with_columns(meses_de(vig, "inicio", "VIGENCIA_MVE"), meses_de(vig, "fim", "VIGENCIA_MVE"))
    if vig.filter(pl.col("fim") < pl.col("inicio")).height:
        v = vig.filter(pl.col("fim") < pl.col("inicio"))["vigencia"][0]
        raise ErroMVE("VIGENCIA_MVE", f"vigência {v!r} termina antes de começar")
    vig = vig.with_columns(
        pl.when(pl.col("tipo_vigencia") == "").then(_tipo_vigencia(pl.col("fim") - pl.col("inicio") + 1))
        .otherwise(pl.col("tipo_vigencia")).alias("tipo_vigencia"))
    ruins = vig.filter(~pl.col("tipo_vigencia").is_in(list(TIPOS_VIGENCIA)))
    if ruins.height:
        raise ErroMVE("VIGENCIA_MVE", f"tipo_vigencia {ruins['tipo_vigencia'][0]!r} inválido (use {TIPOS_VIGENCIA})")

    # -- processings x: m* and whether before the Financial Guarantees
    proc = t["PROCESSAMENTO_MVE"]
    proc = proc.with_columns(meses_de(proc, "mes_processamento", "PROCESSAMENTO_MVE"),
                             _bool(proc, "anterior_garantias_financeiras", "PROCESSAMENTO_MVE").alias("anterior"))

    # -- contracts: membership, products
    vv, vc = t["VINC_V_MVE"], t["VINC_C_MVE"]
    for nome, df in (("VINC_V_MVE", vv), ("VINC_C_MVE", vc)):
        dup = df.filter(pl.col("contrato").is_duplicated())
        if dup.height:
            raise ErroMVE(nome, f"contrato {dup['contrato'][0]!r} repetido")
        ruins = df.filter(~pl.col("tipo_energia").is_in(list(TIPOS_ENERGIA)))
        if ruins.height:
            raise ErroMVE(nome, f"tipo_energia {ruins['tipo_energia'][0]!r} inválido (use {TIPOS_ENERGIA})")
        ruins = df.filter(~pl.col("tipo_preco").is_in(list(TIPOS_PRECO)))
        if ruins.height:
            raise ErroMVE(nome, f"tipo_preco {ruins['tipo_preco'][0]!r} inválido (use {TIPOS_PRECO})")
    falta = sorted(set(vv["contrato"].to_list()) ^ set(vc["contrato"].to_list()))
    if falta:
        raise ErroMVE("VINC_C_MVE", f"contratos que não estão em VINC_V_MVE e VINC_C_MVE: {falta[:5]}")
    vendedores = set(vv["perfil_vendedor"].unique().to_list())
    compradores = set(vc["perfil_comprador"].unique().to_list())
    ambos = sorted(vendedores & compradores)
    if ambos:
        # DECISÃO D3: a profile is a seller (distributor) or a buyer, never both
        raise ErroMVE("VINC_C_MVE", f"perfil {ambos[0]!r} é vendedor e comprador (DECISÃO D3)")

    contratos = vv.sort("contrato").join(
        vc.select("contrato", "perfil_comprador", "lance_compra", *(pl.col(c).alias(f"{c}_c") for c in PROD)),
        on="contrato", how="left", maintain_order="left")
    diferentes = contratos.filter(pl.any_horizontal(*(pl.col(c) != pl.col(f"{c}_c") for c in PROD)))
    if diferentes.height:
        r = diferentes.row(0, named=True)
        raise ErroMVE("VINC_C_MVE", f"contrato {r['contrato']!r}: produto {tuple(r[f'{c}_c'] for c in PROD)} "
                                    f"difere do de VINC_V_MVE {tuple(r[c] for c in PROD)}")
    contratos = contratos.drop([f"{c}_c" for c in PROD])

    mv = t["MV_MVE_PRE"]
    dup = mv.filter(pl.col("contrato").is_duplicated())
    if dup.height:
        raise ErroMVE("MV_MVE_PRE", f"contrato {dup['contrato'][0]!r} com mais de uma linha")
    contratos = contratos.join(mv.rename({"vigencia": "_v_mv"}), on="contrato", how="left", maintain_order="left")
    sem = contratos.filter(pl.col("MV_MVE_PRE").is_null())
    if sem.height:
        raise ErroMVE("MV_MVE_PRE", f"sem montante para o contrato {sem['contrato'][0]!r}")
    outra = contratos.filter(pl.col("_v_mv") != pl.col("vigencia"))
    if outra.height:
        r = outra.row(0, named=True)
        raise ErroMVE("MV_MVE_PRE", f"contrato {r['contrato']!r}: vigência {r['_v_mv']!r} difere da do produto "
                                    f"{r['vigencia']!r}")
    contratos = contratos.drop("_v_mv").join(
        vig.select("vigencia", pl.col("inicio").alias("ini"), "fim", "tipo_vigencia"), on="vigencia", how="left",
        maintain_order="left")
    sem = contratos.filter(pl.col("ini").is_null())
    if sem.height:
        r = sem.row(0, named=True)
        raise ErroMVE("VIGENCIA_MVE", f"vigência {r['vigencia']!r} (contrato {r['contrato']!r}) sem linha")
    contratos = contratos.join(proc.select("processamento", pl.col("mes_processamento").alias("mproc"), "anterior"),
                               on="processamento", how="left", maintain_order="left")
    sem = contratos.filter(pl.col("mproc").is_null())
    if sem.height:
        r = sem.row(0, named=True)
        raise ErroMVE("PROCESSAMENTO_MVE", f"processamento {r['processamento']!r} (contrato {r['contrato']!r}) sem linha")
    agente_txt = a_alpha.select("perfil", "agente")
    for col in ("perfil_vendedor", "perfil_comprador"):
        fora = contratos.join(agente_txt, left_on=col, right_on="perfil", how="anti")
        if fora.height:
            r = fora.row(0, named=True)
            raise ErroMVE("A_ALPHA", f"perfil {r[col]!r} (contrato {r['contrato']!r}) sem agente")

    # -- cmd 36 (DECISÃO D1): the price given (PRECO_CT_MVE / SPREAD_CT_MVE) or from the buyer's bid
    contratos = _preco_do_contrato(contratos, t)

    # -- roles (D3, and AJUSTE_MVE: ac is a buyer, av a seller)
    aj = t["AJUSTE_MVE"]
    ajp = aj.join(proc.select("processamento", "anterior"), on="processamento", how="left")
    sem = ajp.filter(pl.col("anterior").is_null())
    if sem.height:
        raise ErroMVE("PROCESSAMENTO_MVE", f"processamento {sem['processamento'][0]!r} (AJUSTE_MVE) sem linha")
    if ajp.filter(~pl.col("anterior")).height:
        x = ajp.filter(~pl.col("anterior"))["processamento"][0]
        raise ErroMVE("AJUSTE_MVE", f"processamento {x!r} tem garantias financeiras: os ajustes (cmds 49–51) são só "
                                    "para x anterior às garantias")
    comp_aj = set(aj["perfil_comprador"].unique().to_list())
    vend_aj = set(aj["perfil_vendedor"].unique().to_list())
    if (comp_aj & (vendedores | vend_aj)) or (vend_aj & (compradores | comp_aj)):
        linha = aj.filter(pl.col("perfil_comprador").is_in(list(vendedores | vend_aj))
                          | pl.col("perfil_vendedor").is_in(list(compradores | comp_aj))).row(0, named=True)
        raise ErroMVE("AJUSTE_MVE", f"papéis trocados no par ({linha['perfil_comprador']!r}, {linha['perfil_vendedor']!r})")
    for col in ("perfil_comprador", "perfil_vendedor"):
        fora = aj.join(agente_txt, left_on=col, right_on="perfil", how="anti")
        if fora.height:
            raise ErroMVE("A_ALPHA", f"perfil {fora[col][0]!r} (AJUSTE_MVE) sem agente")
    fora = t["ADDC_TOT_LIQ_MVE"].join(agente_txt, on="perfil", how="anti")
    if fora.height:
        raise ErroMVE("A_ALPHA", f"perfil {fora['perfil'][0]!r} (ADDC_TOT_LIQ_MVE) sem agente")

    nagc = t["NAO_APORTE_GFC"].join(proc.select("processamento", "anterior"), on="processamento", how="left")
    if nagc.filter(pl.col("anterior").fill_null(False)).height:
        x = nagc.filter(pl.col("anterior").fill_null(False))["processamento"][0]
        raise ErroMVE("NAO_APORTE_GFC", f"processamento {x!r} é anterior às garantias financeiras")
    ev = t["EVENTO_RESCISAO_MVE"]
    ruins = ev.filter(~pl.col("motivo").is_in(list(MOTIVOS_EVENTO)))
    if ruins.height:
        raise ErroMVE("EVENTO_RESCISAO_MVE", f"motivo {ruins['motivo'][0]!r} inválido (use {MOTIVOS_EVENTO})")


    # -- dictionaries
    perfis = Dicionario("perfil", [a_alpha["perfil"], *_todas(t, estado, ("perfil", "perfil_vendedor",
                                                                          "perfil_comprador"))])
    agentes = Dicionario("agente", [a_alpha["agente"], *_todas(t, estado, ("agente",))])
    processamentos = Dicionario("processamento", _todas(t, estado, ("processamento",)))
    submercados = Dicionario("submercado", _todas(t, estado, ("submercado",)))
    produtos = _produtos(t, estado, proc)
    prod_cod = produtos.select(*PROD, "prod")

    agente_do_perfil = (
        perfis.frame.join(agentes.codificar(a_alpha, alias="aid").select("perfil", "aid"), on="perfil", how="left",
                          maintain_order="left")["aid"]
    )
    papel_df = perfis.frame.with_columns(
        pl.when(pl.col("perfil").is_in(list(vendedores | vend_aj))).then(1)
        .when(pl.col("perfil").is_in(list(compradores | comp_aj))).then(2).otherwise(0).cast(pl.Int8).alias("papel"))
    papel = papel_df["papel"]

    contratos_txt = contratos["contrato"]
    vigencias_txt = contratos["vigencia"]
    c = contratos.join(prod_cod, on=list(PROD), how="left", maintain_order="left")
    c = perfis.codificar(c, "perfil_vendedor", "vendedor")
    c = perfis.codificar(c, "perfil_comprador", "comprador")
    c = processamentos.codificar(c, "processamento", "x")
    c = submercados.codificar(c, "submercado", "sub")
    c = c.with_columns(
        pl.int_range(0, pl.len(), dtype=CODIGO).alias("cid"),
        agente_do_perfil.gather(c["vendedor"]).alias("agente_v"),
        agente_do_perfil.gather(c["comprador"]).alias("agente_c"),
        (pl.col("tipo_vigencia") == "plurianual").alias("plur"),
        (pl.col("tipo_vigencia") == "mensal").alias("mensal"),
        (pl.col("tipo_preco") == PF).alias("pf"),
    )

    # -- NIPCA, hours, PLD, F_MRES_CT, MV registered
    nipca_df = t["NIPCA"].with_columns(meses_de(t["NIPCA"], "mes", "NIPCA").alias("m"))
    nipca = dict(zip(nipca_df["m"].to_list(), nipca_df["NIPCA"].to_list()))
    c = c.join(nipca_df.select(pl.col("m").alias("mproc"), pl.col("NIPCA").alias("NIPCA_PROC")), on="mproc",
               how="left", maintain_order="left")
    contratos_enc = c.select(
        "cid", "prod", "vendedor", "comprador", "agente_v", "agente_c", "sub", "x", "ini", "fim", "plur", "mensal",
        "anterior", "mproc", "pf", "MV_MVE_PRE", "PRECO", "SPREAD", "NIPCA_PROC",
    )
    horas_df = t["M_HORAS"].with_columns(meses_de(t["M_HORAS"], "mes", "M_HORAS").alias("m"))
    horas = dict(zip(horas_df["m"].to_list(), horas_df["M_HORAS"].to_list()))
    pld_df = submercados.codificar(t["PLD_MS"], alias="sub").with_columns(meses_de(t["PLD_MS"], "mes", "PLD_MS").alias("m"))
    pld: dict[int, pl.Series] = {}
    for (m,), parte in pld_df.partition_by("m", as_dict=True).items():
        s = pl.Series("PLD_MS", [None] * submercados.n, dtype=pld_df.schema["PLD_MS"])
        s.scatter(parte["sub"], parte["PLD_MS"])
        pld[m] = s  # type: ignore[index]
    fm = t["F_MRES_CT"]
    f_mres = processamentos.codificar(fm, alias="x").with_columns(meses_de(fm, "mes", "F_MRES_CT").alias("m")) \
        .select("x", "m", "F_MRES_CT").sort("x", "m")
    ctr = Dicionario("contrato", [contratos_txt])
    mv_reg = ctr.codificar(t["MV"], alias="cid").filter(pl.col("cid").is_not_null()).select("cid", "vigencia", "MV")

    base = Base(
        tabelas=t, perfis=perfis, agentes=agentes, contratos_txt=contratos_txt, vigencias_txt=vigencias_txt,
        produtos=produtos, processamentos=processamentos, submercados=submercados, contratos=contratos_enc,
        agente_do_perfil=agente_do_perfil, papel=papel, horas=horas, pld=pld, nipca=nipca, f_mres=f_mres,
        mv_registrado=mv_reg,
    )
    _mensais(base, t, ctr)
    resc = t["RESCISAO_MVE"]
    base.rescisoes_iniciais = resc.select("contrato", meses_de(resc, "mes", "RESCISAO_MVE").alias("m"), "motivo")
    return base


def _preco_do_contrato(contratos: pl.DataFrame, t: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """MVE cmd 36 with DECISÃO D1: PF contracts get PRECO_CT_MVE, PV contracts SPREAD_CT_MVE, each given
    directly or derived from the buyer's bid (lance_compra → PRECO_N_MVE / SPREAD_N_MVE); both present and
    different, or neither, is an error naming the contract table."""
    saida = contratos
    for coluna, nome_ct, nome_n, tp in (("PRECO", "PRECO_CT_MVE", "PRECO_N_MVE", "PF"),
                                        ("SPREAD", "SPREAD_CT_MVE", "SPREAD_N_MVE", "PV")):
        dado = t[nome_ct].select("contrato", pl.col(nome_ct).alias("_dado"))
        lance = t[nome_n].select("lance_compra", *PROD, pl.col(nome_n).alias("_lance"))
        saida = saida.join(dado, on="contrato", how="left", maintain_order="left").join(
            lance, on=["lance_compra", *PROD], how="left", maintain_order="left")
        deste = pl.col("tipo_preco") == tp
        conflito = saida.filter(deste & pl.col("_dado").is_not_null() & pl.col("_lance").is_not_null()
                                & (pl.col("_dado") != pl.col("_lance")))
        if conflito.height:
            r = conflito.row(0, named=True)
            raise ErroMVE(nome_ct, f"contrato {r['contrato']!r}: {r['_dado']} difere de {nome_n}[{r['lance_compra']}] "
                                   f"= {r['_lance']}")
        sem = saida.filter(deste & pl.col("_dado").is_null() & pl.col("_lance").is_null())
        if sem.height:
            raise ErroMVE(nome_ct, f"sem valor para o contrato {sem['contrato'][0]!r} (nem {nome_n} via lance_compra)")
        # MVE cmd 36: PRECO_CT_MVE[e,v] = PRECO_N_MVE[lc,s,x,v,te,tp] (PF); SPREAD_CT_MVE[e,v] = SPREAD_N_MVE[...] (PV)
        saida = saida.with_columns(
            pl.when(deste).then(pl.coalesce("_dado", "_lance")).otherwise(None).alias(coluna)).drop("_dado", "_lance")
    return saida


def _produtos(t: Mapping[str, pl.DataFrame], estado: Mapping[str, pl.DataFrame] | None,
              proc: pl.DataFrame) -> pl.DataFrame:
    """Every product (s, x, v, te, tp) named by any input or the state, sorted; prod = position."""
    fontes = [df.select(PROD) for df in list(t.values()) + (list(estado.values()) if estado else [])
              if all(c in df.columns for c in PROD) and df.height]
    todos = pl.concat(fontes).unique() if fontes else pl.DataFrame(schema={c: pl.String for c in PROD})
    todos = todos.sort(list(PROD)).with_row_index("prod").with_columns(pl.col("prod").cast(CODIGO))
    return todos.join(proc.select("processamento", "anterior"), on="processamento", how="left",
                      maintain_order="left").with_columns(
        pl.col("anterior").fill_null(False), (pl.col("tipo_preco") == PF).alias("pf"))


def _mensais(base: Base, t: Mapping[str, pl.DataFrame], ctr: Dicionario) -> None:
    """Encoded monthly inputs (month counter ``m``); flow inputs summed over repeated keys."""
    prod_cod = base.produtos.select(*PROD, "prod")

    def par(df: pl.DataFrame) -> pl.DataFrame:
        df = df.join(prod_cod, on=list(PROD), how="left")
        df = base.perfis.codificar(df, "perfil_comprador", "ac")
        return base.perfis.codificar(df, "perfil_vendedor", "av")

    def com_m(df: pl.DataFrame, nome: str) -> pl.DataFrame:
        return df.with_columns(meses_de(df, "mes", nome).alias("m"))

    def somar(df: pl.DataFrame, chaves: list[str], valor: str) -> pl.DataFrame:
        return df.group_by([*chaves, "m"]).agg(pl.col(valor).sum()).sort([*chaves, "m"])

    base.mensais["ADDC_TOT_LIQ_MVE"] = somar(
        base.perfis.codificar(com_m(t["ADDC_TOT_LIQ_MVE"], "ADDC_TOT_LIQ_MVE"), alias="pid"), ["pid"], "ADDC_TOT_LIQ_MVE")
    base.mensais["AJUSTE_MVE"] = somar(par(com_m(t["AJUSTE_MVE"], "AJUSTE_MVE")), ["ac", "av", "prod"], "AJUSTE_MVE")
    base.mensais["ENC_MOR_MVE"] = somar(par(com_m(t["ENC_MOR_MVE"], "ENC_MOR_MVE")), ["ac", "av", "prod"],
                                        "ENC_MOR_MVE")
    base.mensais["TOT_EFE_PAG_MVE"] = somar(
        base.agentes.codificar(com_m(t["TOT_EFE_PAG_MVE"], "TOT_EFE_PAG_MVE"), alias="aid"), ["aid"], "TOT_EFE_PAG_MVE")
    addc = ctr.codificar(com_m(t["ADDC_MV_MVE"], "ADDC_MV_MVE"), alias="cid").filter(pl.col("cid").is_not_null())
    base.mensais["ADDC_MV_MVE"] = somar(addc, ["cid"], "ADDC_MV_MVE")
    nagc = base.processamentos.codificar(base.agentes.codificar(com_m(t["NAO_APORTE_GFC"], "NAO_APORTE_GFC"),
                                                                alias="aid"), alias="x")
    base.mensais["NAO_APORTE_GFC"] = nagc.select("aid", "x", "m").unique().sort("aid", "x", "m")
    ev = base.agentes.codificar(com_m(t["EVENTO_RESCISAO_MVE"], "EVENTO_RESCISAO_MVE"), alias="aid")
    base.mensais["EVENTO_RESCISAO_MVE"] = ev.select(
        "aid", "m", (pl.col("motivo") == MOTIVO_DESLIGAMENTO).alias("desligamento"),
        (pl.col("motivo") == MOTIVO_NAO_RECOMPOSICAO).alias("nao_recomposicao")).unique()


__all__ = ["Base", "carregar", "meses_de", "preparar", "texto_mes"]
