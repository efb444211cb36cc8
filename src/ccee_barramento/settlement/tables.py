"""Tables of the settlement engine: names, schemas, normalization and CSV/Parquet I/O.

One table per seed variable, named exactly as the variable (``RESULTADO``, ``V_TOT_LIQUI``); its index
columns are named after the seed's indices (``a`` → ``perfil``, ``α`` → ``agente``, ``m`` → ``mes``
as ``"YYYY-MM"``) and its value column is the variable's name. A set is a table of its members (index
columns only). A file's stem is its table's name: ``RESULTADO.csv``, ``V_TOT_LIQUI.parquet``.

Normalized tables (what the engine computes on) have:

* index columns as ``String`` (integers such as CCEE profile codes become their decimal text);
* ``mes`` as ``String`` ``"YYYY-MM"`` (dates become their month);
* value columns as exact ``Decimal(38, s)``: CSV text is parsed exactly at the scale it is written
  with (never through a float), integers become scale 0, Arrow/Parquet decimals keep their scale;
  binary floats are refused with an error naming the table and column.

Sources accepted by :func:`normalizar`: a polars DataFrame/LazyFrame, a pyarrow Table/RecordBatch, a
pandas DataFrame (through Arrow), a list of row dicts or a dict of columns. Extra columns are dropped.
The layout for every module is in ``docs/settlement.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import polars as pl

from ..errors import InputError
from .exact import PRECISAO_MAXIMA, Arredondamento, Precisao, tipo_decimal

MES = "mes"
_RE_NUMERO = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$"
_RE_MES = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
FORMATOS = ("csv", "parquet")


class ErroTabela(InputError):
    """An input table is missing, malformed or inconsistent; ``tabela`` names it."""

    def __init__(self, tabela: str, mensagem: str) -> None:
        self.tabela = tabela
        super().__init__(tabela, mensagem)


@dataclass(frozen=True)
class Coluna:
    """A value column: its name and unit (the unit picks the output rounding, see ``Arredondamento``)."""

    nome: str
    unidade: str


@dataclass(frozen=True)
class TabelaSpec:
    """Schema of one table.

    ``indices``: index columns other than ``mes``; ``mensal``: has a ``mes`` column. ``valores``: value
    columns (one, named like the table, for a seed variable; none for a set). ``obrigatoria``: a
    missing input table is an error (otherwise it means zero / the empty set). ``vigencia``: how a
    monthly input is picked for month m — ``"mes"`` (rows of m only) or ``"ate"`` (the rows of the
    latest month ≤ m present in the table: factors fixed at a General Assembly, for instance).
    ``unica``: the index is a key (duplicated keys are an error; a set's repeated rows are ignored).
    """

    nome: str
    indices: tuple[str, ...]
    mensal: bool = True
    valores: tuple[Coluna, ...] = ()
    descricao: str = ""
    obrigatoria: bool = False
    vigencia: str = "mes"
    unica: bool = True
    comando: str = ""
    #: Other stems a user may have used for this table (a typo in the seed); reading one is an error.
    nomes_errados: tuple[str, ...] = ()

    @classmethod
    def variavel(cls, nome: str, indices: Sequence[str], unidade: str, descricao: str = "", **kw: Any) -> "TabelaSpec":
        """A seed variable: value column named like the table."""
        return cls(nome=nome, indices=tuple(indices), valores=(Coluna(nome, unidade),), descricao=descricao, **kw)

    @classmethod
    def conjunto(cls, nome: str, indices: Sequence[str], descricao: str = "", **kw: Any) -> "TabelaSpec":
        """A set: a table of its members."""
        return cls(nome=nome, indices=tuple(indices), descricao=descricao, **kw)

    @property
    def chave(self) -> tuple[str, ...]:
        return self.indices + ((MES,) if self.mensal else ())

    @property
    def colunas(self) -> tuple[str, ...]:
        return self.chave + tuple(c.nome for c in self.valores)

    @property
    def e_conjunto(self) -> bool:
        return not self.valores

    def vazia(self) -> pl.DataFrame:
        """The empty table (zero rows) with this schema."""
        schema: dict[str, pl.DataType] = {c: pl.String() for c in self.chave}
        schema.update({c.nome: tipo_decimal(0) for c in self.valores})
        return pl.DataFrame(schema=schema)


Esquema = Mapping[str, TabelaSpec]


# ----------------------------------------------------------------------------------------------------
# Normalization
# ----------------------------------------------------------------------------------------------------


def _para_polars(obj: Any, nome: str) -> pl.DataFrame:
    if isinstance(obj, pl.DataFrame):
        return obj
    if isinstance(obj, pl.LazyFrame):
        return obj.collect()
    modulo = type(obj).__module__
    if modulo.startswith("pyarrow"):
        return pl.from_arrow(obj)  # type: ignore[return-value]
    if modulo.startswith("pandas"):
        try:
            import pyarrow as pa
        except ImportError:  # pragma: no cover - pyarrow is a dependency
            raise ErroTabela(nome, "pyarrow é necessário para ler DataFrames do pandas") from None
        return pl.from_arrow(pa.Table.from_pandas(obj, preserve_index=False))  # type: ignore[return-value]
    if isinstance(obj, Mapping):
        return pl.DataFrame({k: _serie(k, v, nome) for k, v in obj.items()})
    if isinstance(obj, (list, tuple)):
        linhas = list(obj)
        if not linhas:
            return pl.DataFrame()
        colunas: dict[str, list[Any]] = {}
        for i, linha in enumerate(linhas):
            if not isinstance(linha, Mapping):
                raise ErroTabela(nome, f"linha {i} não é um dicionário: {linha!r}")
            for k in linha:
                colunas.setdefault(k, [])
        for linha in linhas:
            for k, lista in colunas.items():
                lista.append(linha.get(k))
        return pl.DataFrame({k: _serie(k, v, nome) for k, v in colunas.items()})
    raise ErroTabela(nome, f"não sei ler uma tabela do tipo {type(obj).__name__}")


def _serie(coluna: str, valores: Iterable[Any], nome: str) -> pl.Series:
    """A column of Python values; Decimal/int/str kept exact (Decimals as text, parsed later)."""
    from decimal import Decimal

    lista = list(valores)
    if any(isinstance(v, Decimal) for v in lista):
        if any(not isinstance(v, (Decimal, int, type(None))) or isinstance(v, bool) for v in lista):
            tipos = sorted({type(v).__name__ for v in lista})
            raise ErroTabela(nome, f"coluna {coluna}: tipos misturados {tipos} (use Decimal, int ou str)")
        return pl.Series(coluna, [None if v is None else format(v, "f") for v in lista], dtype=pl.String)
    return pl.Series(coluna, lista, strict=False)


def _escala_texto(serie: pl.Series) -> int:
    frac = serie.str.extract(r"\.(\d*)$", 1).str.len_chars()
    maximo = frac.max()
    return int(maximo) if maximo is not None else 0  # type: ignore[arg-type]


def decimal_de_texto(serie: pl.Series, tabela: str, precisao: Precisao) -> pl.Series:
    """Parse decimal text exactly: the scale is the most decimal places written in the column."""
    s = serie.str.strip_chars()
    invalidos = s.filter(~s.str.contains(_RE_NUMERO))
    if invalidos.len():
        exemplo = invalidos.head(3).to_list()
        raise ErroTabela(
            tabela,
            f"coluna {serie.name}: {invalidos.len()} valor(es) não numéricos, p.ex. {exemplo} "
            "(use ponto decimal, sem separador de milhar nem notação científica)",
        )
    escala_ = _escala_texto(s)
    if escala_ > precisao.escala_max_entrada:
        raise ErroTabela(
            tabela, f"coluna {serie.name}: {escala_} casas decimais (máximo {precisao.escala_max_entrada})"
        )
    try:
        return s.cast(tipo_decimal(escala_))
    except pl.exceptions.InvalidOperationError:
        raise ErroTabela(tabela, f"coluna {serie.name}: valor com mais de {PRECISAO_MAXIMA} dígitos") from None


def _valor_exato(serie: pl.Series, tabela: str, precisao: Precisao) -> pl.Series:
    dtype = serie.dtype
    if isinstance(dtype, pl.Decimal):
        if (dtype.scale or 0) > precisao.escala_max_entrada:
            # exact: drop only trailing zeros would need a check; refuse instead of rounding
            raise ErroTabela(tabela, f"coluna {serie.name}: escala {dtype.scale} acima de {precisao.escala_max_entrada}")
        return serie if dtype.precision == PRECISAO_MAXIMA else serie.cast(tipo_decimal(dtype.scale or 0))
    if dtype.is_integer():
        return serie.cast(tipo_decimal(0))
    if dtype == pl.String:
        return decimal_de_texto(serie, tabela, precisao)
    if dtype == pl.Null:
        return serie.cast(tipo_decimal(0))
    if dtype in (pl.Float32, pl.Float64):
        raise ErroTabela(
            tabela,
            f"coluna {serie.name}: ponto flutuante binário ({dtype}) não é aceito, pois não é exato; "
            "converta a coluna para Decimal ou texto (p.ex. pandas: df[col].astype(str) a partir da origem)",
        )
    raise ErroTabela(tabela, f"coluna {serie.name}: tipo {dtype} não é numérico")


def _indice(serie: pl.Series, tabela: str) -> pl.Series:
    dtype = serie.dtype
    if dtype == pl.String:
        return serie
    if dtype.is_integer() or dtype in (pl.Categorical, pl.Enum) or isinstance(dtype, pl.Enum):
        return serie.cast(pl.String)
    if dtype == pl.Null:
        return serie.cast(pl.String)
    raise ErroTabela(tabela, f"coluna de índice {serie.name}: tipo {dtype} não aceito (use texto ou inteiro)")


def _mes(serie: pl.Series, tabela: str) -> pl.Series:
    dtype = serie.dtype
    if dtype in (pl.Date,) or isinstance(dtype, pl.Datetime):
        return serie.dt.strftime("%Y-%m")
    if dtype == pl.Null:
        return serie.cast(pl.String)
    if dtype != pl.String:
        raise ErroTabela(tabela, f"coluna mes: tipo {dtype} não aceito (use 'AAAA-MM')")
    ruins = [m for m in serie.unique().to_list() if m is None or not _RE_MES.match(m)]
    if ruins:
        raise ErroTabela(tabela, f"coluna mes: valor(es) inválido(s) {ruins[:3]} (use 'AAAA-MM')")
    return serie


def normalizar(obj: Any, spec: TabelaSpec, precisao: Precisao | None = None) -> pl.DataFrame:
    """A table in the engine's form (see the module docstring), or :class:`ErroTabela`."""
    precisao = precisao or Precisao()
    df = _para_polars(obj, spec.nome)
    if df.width == 0 and df.height == 0:
        return spec.vazia()
    faltam = [c for c in spec.colunas if c not in df.columns]
    if faltam:
        raise ErroTabela(
            spec.nome, f"faltam as colunas {faltam}; esperadas {list(spec.colunas)}, encontradas {df.columns}"
        )
    df = df.select(spec.colunas)
    colunas = []
    for c in spec.indices:
        colunas.append(_indice(df[c], spec.nome))
    if spec.mensal:
        colunas.append(_mes(df[MES], spec.nome))
    for c in spec.valores:
        colunas.append(_valor_exato(df[c.nome], spec.nome, precisao))
    df = pl.DataFrame(colunas)
    nulos = [c for c in df.columns if df[c].null_count()]
    if nulos:
        raise ErroTabela(spec.nome, f"valores vazios nas colunas {nulos}")
    return df  # a set's repeated rows are left in place: the engine treats each set as membership


# ----------------------------------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------------------------------


def arquivo_da_tabela(diretorio: Path, nome: str) -> Path | None:
    """``NOME.csv`` or ``NOME.parquet`` in ``diretorio`` (both present is an error)."""
    achados = [diretorio / f"{nome}.{ext}" for ext in FORMATOS if (diretorio / f"{nome}.{ext}").is_file()]
    if len(achados) > 1:
        raise ErroTabela(nome, f"há {achados[0].name} e {achados[1].name} em {diretorio}: deixe só um")
    return achados[0] if achados else None


def ler_arquivo(caminho: Path, spec: TabelaSpec, precisao: Precisao | None = None) -> pl.DataFrame:
    """Read one CSV (every column as text, then parsed exactly) or Parquet file."""
    try:
        if caminho.suffix == ".csv":
            bruto = pl.read_csv(caminho, infer_schema=False)
        elif caminho.suffix == ".parquet":
            bruto = pl.read_parquet(caminho)
        else:
            raise ErroTabela(spec.nome, f"formato não suportado: {caminho.name} (use .csv ou .parquet)")
    except (pl.exceptions.ComputeError, OSError) as exc:
        raise ErroTabela(spec.nome, f"não consegui ler {caminho}: {exc}") from None
    return normalizar(bruto, spec, precisao)


def ler_diretorio(diretorio: str | Path, esquema: Esquema, precisao: Precisao | None = None) -> dict[str, pl.DataFrame]:
    """Every table of ``esquema`` found in ``diretorio`` (absent ones are left out: the caller applies
    the missing-table policy). A file named after a known misspelling is an error, never ignored."""
    pasta = Path(diretorio)
    if not pasta.is_dir():
        raise ErroTabela(str(pasta), "diretório de entrada não existe")
    tabelas: dict[str, pl.DataFrame] = {}
    for nome, spec in esquema.items():
        for errado in spec.nomes_errados:
            if arquivo_da_tabela(pasta, errado) is not None:
                raise ErroTabela(errado, f"a tabela se chama {nome} (o nome {errado} é um erro de grafia da regra)")
        caminho = arquivo_da_tabela(pasta, nome)
        if caminho is not None:
            tabelas[nome] = ler_arquivo(caminho, spec, precisao)
    return tabelas


def escrever_tabela(df: pl.DataFrame, caminho: Path) -> None:
    caminho.parent.mkdir(parents=True, exist_ok=True)
    if caminho.suffix == ".csv":
        df.write_csv(caminho)  # Decimal columns are written as exact decimal text
    elif caminho.suffix == ".parquet":
        df.write_parquet(caminho)  # Parquet DECIMAL(38, s): exact
    else:
        raise InputError("formato", f"formato não suportado: {caminho.suffix} (use csv ou parquet)")


def escrever_diretorio(tabelas: Mapping[str, pl.DataFrame], diretorio: str | Path, formato: str = "csv") -> list[Path]:
    if formato not in FORMATOS:
        raise InputError("formato", f"use {' ou '.join(FORMATOS)}")
    pasta = Path(diretorio)
    caminhos = []
    for nome, df in tabelas.items():
        caminho = pasta / f"{nome}.{formato}"
        escrever_tabela(df, caminho)
        caminhos.append(caminho)
    return caminhos


# ----------------------------------------------------------------------------------------------------
# A set of input tables
# ----------------------------------------------------------------------------------------------------


def carregar_entradas(
    entradas: str | Path | Mapping[str, Any],
    esquema: Esquema,
    precisao: Precisao | None = None,
) -> dict[str, pl.DataFrame]:
    """Normalize a directory or a mapping name → table-like into engine tables.

    Names not in ``esquema`` are an error (a typo would otherwise silently mean "empty"); absent tables
    are left out, and a required one is an error naming it.
    """
    if isinstance(entradas, (str, Path)):
        tabelas = ler_diretorio(entradas, esquema, precisao)
    else:
        desconhecidas = [n for n in entradas if n not in esquema]
        for nome, spec in esquema.items():
            for errado in spec.nomes_errados:
                if errado in entradas:
                    raise ErroTabela(errado, f"a tabela se chama {nome} (o nome {errado} é um erro de grafia da regra)")
        if desconhecidas:
            raise ErroTabela(
                desconhecidas[0], f"tabela desconhecida; as entradas aceitas são {sorted(esquema)}"
            )
        tabelas = {n: normalizar(t, esquema[n], precisao) for n, t in entradas.items()}
    for nome, spec in esquema.items():
        if spec.obrigatoria and nome not in tabelas:
            raise ErroTabela(nome, "tabela obrigatória ausente das entradas")
    return tabelas


def arredondar(df: pl.DataFrame | pl.LazyFrame, spec: TabelaSpec, arredondamento: Arredondamento) -> pl.DataFrame | pl.LazyFrame:
    """The output table with each value column rounded by its unit (see :class:`Arredondamento`)."""
    colunas = df.collect_schema().names() if isinstance(df, pl.LazyFrame) else df.columns
    exprs = [arredondamento.expr(c.nome, c.unidade) for c in spec.valores if c.nome in colunas]
    return df.with_columns(exprs) if exprs else df
