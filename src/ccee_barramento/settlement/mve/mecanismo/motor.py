"""The mechanism's run: ``processar(entradas) -> ResultadoMecanismo``, on the vectorized engine.

``executar`` runs the whole mechanism in polars over whole tables (``docs/mve-mecanismo.md``, "Engine"):

* ``calendario`` — the calendar of the run (processings, vigências by class, windows, hours) as small frames;
* ``limites`` — §2.1, cmds 1–28, every seller × submarket × year/vigência of every processing at once, the
  hourly inputs (TRC_H, FPC, TOGU, CAP, CAP_T_GF, F_COMERCIAL, UXP_GLF, F_PRC_GF) aggregated by group-bys;
* ``rodadas`` — Anexo II/III, cmds 76–109 (the clearing, 84/85/88, in ``leilao``): a loop over the rounds (the algorithm), each round's
  admission, clearing (``leilao``), outputs and updates as whole-table operations;
* ``montantes`` — §2.2, cmds 29–34 (the pair rounding of ``_base.arredondar_pares`` once per product).

The reference (``referencia.processar_referencia``: the same rules row by row with ``Decimal``) is the oracle;
the tests check both give the same tables digit for digit. ``processar(..., limpar=f)`` runs the reference
with the clearing ``f`` instead (the previous hybrid path: ``leilao.limpar_vetorizado`` or
``referencia.limpar_um_a_um``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Mapping

import polars as pl

from ...exact import tipo_decimal
from ...tables import _para_polars, arquivo_da_tabela, normalizar
from . import (
    calendario,
    comandos,  # noqa: F401  (registers the commands)
    limites,
    montantes,
    rodadas,
)
from .esquema import COLUNAS_OPCIONAIS, ENTRADAS, SAIDAS, Configuracao, ErroMecanismo
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


def _saida(nome: str, df: pl.DataFrame | None) -> pl.DataFrame:
    """An output table in its final form: the spec's columns (index as text), sorted by the index."""
    spec = SAIDAS[nome]
    if df is None or df.height == 0:
        return spec.vazia()
    return (df.select(*[pl.col(c).cast(pl.String) for c in spec.chave], *[c.nome for c in spec.valores])
            .sort(list(spec.chave)))


def executar(tabelas: Mapping[str, pl.DataFrame], configuracao: Configuracao | None = None) -> dict[str, pl.DataFrame]:
    """Every output table of the mechanism, exact, from the engine's input tables (``carregar``): §2.1 limits
    (``limites``), the rounds (``rodadas``) and the contract amounts (``montantes``), all vectorized."""
    cfg = configuracao or Configuracao()
    t = dict(tabelas)
    cal = calendario.construir(t)
    h = limites.preparar(t)
    for nome, chaves in (("VLR_AP_GP_MVE", ["agente", "processamento"]),
                         ("VLR_REF_GP_A", ["agente", "processamento", "ano"])):
        df = limites.tabela(t, nome)
        if df.height > 1 and df.select(pl.struct(*chaves).is_duplicated().any()).item():
            raise ErroMecanismo(nome, "chave repetida")
    prods = t["PRODUTOS_LEILAO"]
    subs = prods.select("processamento", "submercado").unique().sort("processamento", "submercado")
    # MVE cmd 1: the sellers whose limits are computed — profiles with LIM_MVE rows for a processing with products
    vendedores = (limites.tabela(t, "LIM_MVE").select("processamento", "perfil").unique()
                  .join(prods.select("processamento").unique(), on="processamento", how="semi")
                  .sort("processamento", "perfil"))
    if cfg.limites == "aplicar":  # DECISÃO MC21: a seller that bids needs LIM_MVE (no silent "no limit")
        lances = limites.tabela(t, "LANCE_VENDA").join(prods.select("produto", "processamento"), on="produto")
        sem = (lances.select("processamento", pl.col("perfil_vendedor").alias("perfil")).unique()
               .join(vendedores, on=["processamento", "perfil"], how="anti").sort("processamento", "perfil"))
        if sem.height:
            a, x = sem["perfil"][0], sem["processamento"][0]
            raise ErroMecanismo("LIM_MVE", f"o vendedor {a!r} tem lances no processamento {x!r} e nenhum limite "
                                           "(LIM_MVE); use limites='ignorar' para liquidar sem limites")
    lim = limites.calcular(t, h, cal, cfg, vendedores, subs)
    rod = rodadas.executar(t, cal, cfg, lim, vendedores, subs)
    mon = montantes.calcular(cfg, rod["_PRODUTOS"], rod["_LOTES_V"], rod["_LOTES_C"])
    todas = {**lim, **rod, **mon}
    return {nome: _saida(nome, todas.get(nome)) for nome in SAIDAS}


def processar(entradas: str | Path | Mapping[str, Any], configuracao: Configuracao | None = None, *,
              limpar: Callable[[list], list] | None = None) -> ResultadoMecanismo:
    """Run the mechanism: limits (§2.1), the rounds of the auction (Anexo II, III 104–109) and the contract
    amounts (§2.2), on the vectorized engine (:func:`executar`). ``entradas``: a directory or a mapping
    name → table (polars/pandas/Arrow/rows). ``limpar``: run the row-by-row reference with this clearing
    instead (``leilao.limpar_vetorizado`` — the previous hybrid — or ``referencia.limpar_um_a_um``)."""
    cfg = configuracao or Configuracao()
    tabelas = carregar(entradas, cfg)
    if limpar is None:
        exatas = executar(tabelas, cfg)
    else:
        linhas = {n: df.to_dicts() for n, df in tabelas.items()}
        saidas = processar_referencia(linhas, cfg, limpar=limpar)
        exatas = {nome: quadro(nome, saidas.get(nome, [])) for nome in SAIDAS}
    return ResultadoMecanismo(exatas=exatas, entradas=tabelas, configuracao=cfg)


__all__ = ["carregar", "executar", "processar", "quadro"]
