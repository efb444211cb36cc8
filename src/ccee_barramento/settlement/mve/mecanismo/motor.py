"""The mechanism's run: ``processar(entradas) -> ResultadoMecanismo``.

What is vectorized and what is not (``docs/mve-mecanismo.md``, "Engine"): the bid book — validation,
admission, the clearing of every product of a round at once and the per-bid results — runs in polars
(``leilao``); the per-seller limit chain of §2.1 and Anexo II (a few rows per distributor, submarket, year
and vigência) is computed row by row with exact ``Decimal`` by the same code as the reference, and the
pair amounts of §2.2 by the controlled rounding of ``_base.arredondar_pares``. The reference
(``referencia.processar_referencia`` with the one-product-at-a-time clearing) is the oracle.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Mapping

import polars as pl

from ...exact import tipo_decimal
from ...tables import _para_polars, arquivo_da_tabela, normalizar
from . import comandos  # noqa: F401  (registers the commands)
from .esquema import COLUNAS_OPCIONAIS, ENTRADAS, SAIDAS, Configuracao, ErroMecanismo
from .leilao import limpar_vetorizado
from .referencia import processar_referencia
from .resultado import ResultadoMecanismo


def _bruto(caminho: Path, nome: str) -> pl.DataFrame:
    try:
        if caminho.suffix == ".csv":
            return pl.read_csv(caminho, infer_schema=False)
        return pl.read_parquet(caminho)
    except (pl.exceptions.ComputeError, OSError) as exc:
        raise ErroMecanismo(nome, f"não consegui ler {caminho}: {exc}") from None


def carregar(entradas: str | Path | Mapping[str, Any], configuracao: Configuracao | None = None) -> dict[str, pl.DataFrame]:
    """The input tables in the engine's form (a directory of ``NOME.csv``/``NOME.parquet`` or a mapping)."""
    cfg = configuracao or Configuracao()
    brutos: dict[str, pl.DataFrame] = {}
    if isinstance(entradas, (str, Path)):
        pasta = Path(entradas)
        if not pasta.is_dir():
            raise ErroMecanismo(str(pasta), "diretório de entrada não existe")
        for nome in ENTRADAS:
            caminho = arquivo_da_tabela(pasta, nome)
            if caminho is not None:
                brutos[nome] = _bruto(caminho, nome)
    else:
        for nome, obj in entradas.items():
            if nome not in ENTRADAS:
                raise ErroMecanismo(nome, f"tabela desconhecida; as entradas aceitas são {sorted(ENTRADAS)}")
            brutos[nome] = _para_polars(obj, nome)
    tabelas: dict[str, pl.DataFrame] = {}
    for nome, df in brutos.items():
        for coluna, padrao in COLUNAS_OPCIONAIS.get(nome, {}).items():
            if df.height and coluna not in df.columns:
                df = df.with_columns(pl.lit(padrao, dtype=pl.String).alias(coluna))
            elif coluna in df.columns:
                df = df.with_columns(pl.col(coluna).cast(pl.String).fill_null(padrao))
        tabelas[nome] = normalizar(df, ENTRADAS[nome], cfg.precisao)
    for nome, spec in ENTRADAS.items():
        if spec.obrigatoria and nome not in tabelas:
            raise ErroMecanismo(nome, "tabela obrigatória ausente das entradas")
    _validar(tabelas)
    return tabelas


def _validar(t: dict[str, pl.DataFrame]) -> None:
    prods = t["PRODUTOS_LEILAO"]
    for col, validos in (("tipo_energia", ("CE", "CNE")), ("tipo_preco", ("PF", "PV"))):
        ruins = prods.filter(~pl.col(col).is_in(validos))
        if ruins.height:
            raise ErroMecanismo("PRODUTOS_LEILAO", f"{col} {ruins[col][0]!r} inválido (use {validos})")
    if prods["produto"].is_duplicated().any():
        raise ErroMecanismo("PRODUTOS_LEILAO", f"produto repetido {prods.filter(pl.col('produto').is_duplicated())['produto'][0]!r}")
    if prods.select(pl.struct(*ENTRADAS["PRODUTOS_LEILAO"].indices[1:6]).is_duplicated().any()).item():
        raise ErroMecanismo("PRODUTOS_LEILAO", "dois produtos com o mesmo (submercado, processamento, vigência, "
                                               "tipo de energia, tipo de preço)")
    if not prods["rodada"].str.contains(r"^\d+$").all():
        raise ErroMecanismo("PRODUTOS_LEILAO", "rodada deve ser um número inteiro (1, 2, ...)")
    if (prods["LOTE"] <= 0).any():
        raise ErroMecanismo("PRODUTOS_LEILAO", "LOTE deve ser positivo")
    vigs = set(t["VIGENCIA_MVE"]["vigencia"].to_list())
    sem = [v for v in prods["vigencia"].unique().to_list() if v not in vigs]
    if sem:
        raise ErroMecanismo("VIGENCIA_MVE", f"vigência {sem[0]!r} de PRODUTOS_LEILAO sem linha")
    procs = set(t["PROCESSAMENTO_MVE"]["processamento"].to_list())
    sem = [x for x in prods["processamento"].unique().to_list() if x not in procs]
    if sem:
        raise ErroMecanismo("PROCESSAMENTO_MVE", f"processamento {sem[0]!r} de PRODUTOS_LEILAO sem linha")
    nomes = set(prods["produto"].to_list())
    for tabela, coluna in (("LANCE_VENDA", "lance_venda"), ("LANCE_COMPRA", "lance_compra")):
        df = t.get(tabela)
        if df is None or df.height == 0:
            continue
        fora = df.filter(~pl.col("produto").is_in(list(nomes)))
        if fora.height:
            raise ErroMecanismo(tabela, f"lance {fora[coluna][0]!r}: produto {fora['produto'][0]!r} inexistente")
        if df[coluna].is_duplicated().any():
            raise ErroMecanismo(tabela, f"lance {df.filter(pl.col(coluna).is_duplicated())[coluna][0]!r} repetido")
    v, c = t.get("LANCE_VENDA"), t.get("LANCE_COMPRA")
    if v is not None and c is not None and v.height and c.height:
        ambos = set(v["perfil_vendedor"].to_list()) & set(c["perfil_comprador"].to_list())
        if ambos:
            raise ErroMecanismo("LANCE_COMPRA", f"o perfil {sorted(ambos)[0]!r} vende e compra (os vendedores são "
                                                "as distribuidoras; DECISÃO MC21)")


def quadro(nome: str, linhas: list[dict[str, Any]], spec: Any = None) -> pl.DataFrame:
    """Rows of one output table as a polars DataFrame (index columns text, values exact Decimal), sorted."""
    spec = spec or SAIDAS[nome]
    if not linhas:
        return spec.vazia()
    dados: dict[str, pl.Series] = {}
    for c in spec.chave:
        dados[c] = pl.Series(c, [r[c] for r in linhas], dtype=pl.String)
    for col in spec.valores:
        vals = [r[col.nome] for r in linhas]
        escala_ = max([0] + [max(0, -int(v.as_tuple().exponent)) for v in vals if isinstance(v, Decimal)])
        dados[col.nome] = pl.Series(col.nome, vals, dtype=tipo_decimal(escala_))
    return pl.DataFrame(dados).sort(list(spec.chave))


def processar(entradas: str | Path | Mapping[str, Any], configuracao: Configuracao | None = None, *,
              limpar: Callable[[list], list] = limpar_vetorizado) -> ResultadoMecanismo:
    """Run the mechanism: limits (§2.1), the rounds of the auction (Anexo II, III 104–109) and the contract
    amounts (§2.2). ``entradas``: a directory or a mapping name → table (polars/pandas/Arrow/rows)."""
    cfg = configuracao or Configuracao()
    tabelas = carregar(entradas, cfg)
    linhas = {n: df.to_dicts() for n, df in tabelas.items()}
    saidas = processar_referencia(linhas, cfg, limpar=limpar)
    exatas = {nome: quadro(nome, saidas.get(nome, [])) for nome in SAIDAS}
    return ResultadoMecanismo(exatas=exatas, entradas=tabelas, configuracao=cfg)


__all__ = ["carregar", "processar", "quadro"]
