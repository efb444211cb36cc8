"""The result of a mechanism run: output tables, explanations, files (tables, LINHAGEM, CCEALs), summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator, Mapping

import polars as pl

from ....errors import InputError
from ...lineage import Explicacao, Termo, filtrar, listar, valor_de
from ...tables import arredondar, escrever_diretorio, escrever_tabela
from .esquema import REGISTRO, SAIDAS, SAIDAS_CONTRATO, Configuracao


@dataclass
class ResultadoMecanismo:
    """Output tables of a run: ``exatas`` (exact), ``tabelas`` / ``resultado["MV_MVE_PRE"]`` (rounded by unit).

    ``contratos()``: one row per contract; ``tabelas_liquidacao()``: the MVE settlement's contract tables;
    ``arquivos_cceal()`` / ``salvar_cceal(dir)``: the CCEAL files per seller; ``conferir(buscados)``: the check
    of the contracts fetched from the bus."""

    exatas: dict[str, pl.DataFrame]
    entradas: dict[str, pl.DataFrame]
    configuracao: Configuracao
    _tabelas: dict[str, pl.DataFrame] | None = field(default=None, repr=False)

    @property
    def tabelas(self) -> dict[str, pl.DataFrame]:
        if self._tabelas is None:
            arr = self.configuracao.arredondamento
            self._tabelas = {n: arredondar(df, SAIDAS[n], arr) for n, df in self.exatas.items()}  # type: ignore[misc]
        return self._tabelas

    def __getitem__(self, nome: str) -> pl.DataFrame:
        try:
            return self.tabelas[nome]
        except KeyError:
            raise InputError("tabela", f"{nome!r} não é saída do mecanismo; saídas: {list(SAIDAS)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.tabelas)

    # -- contracts
    def contratos(self) -> pl.DataFrame:
        from .contratos import contratos

        return contratos(self.exatas, self.entradas)

    def tabelas_liquidacao(self) -> dict[str, pl.DataFrame]:
        from .contratos import tabelas_liquidacao

        return tabelas_liquidacao(self.exatas, self.entradas)

    def arquivos_cceal(self) -> dict[str, Any]:
        from .contratos import arquivos_cceal

        return arquivos_cceal(self.exatas, self.entradas)

    def salvar_cceal(self, diretorio: str | Path) -> list[Path]:
        from .contratos import salvar_cceal

        return salvar_cceal(self.exatas, self.entradas, diretorio)

    def conferir(self, buscados: Any, montantes: Any = ()) -> list[Any]:
        from .contratos import conferir

        return conferir(self.exatas, self.entradas, buscados, montantes)

    # -- files
    def linhagem(self) -> pl.DataFrame:
        """One row per command (``lineage.Registro.tabela``) plus ``implementacao``: the vectorized module and
        function that computes it (``comandos.IMPLEMENTACAO``)."""
        from .comandos import IMPLEMENTACAO

        tab = REGISTRO.tabela()
        return tab.with_columns(pl.Series("implementacao", [IMPLEMENTACAO.get(c, "") for c in tab["comando"].to_list()],
                                          dtype=pl.String))

    def salvar(self, diretorio: str | Path, formato: str = "csv", *, linhagem: bool = True,
               liquidacao: bool = True) -> list[Path]:
        """Every output table (``NOME.csv``/``.parquet``), ``LINHAGEM``, and (``liquidacao``) the settlement's
        contract tables under ``<diretorio>/liquidacao_mve/``."""
        caminhos = escrever_diretorio(self.tabelas, diretorio, formato)
        if linhagem:
            caminho = Path(diretorio) / f"LINHAGEM.{formato}"
            escrever_tabela(self.linhagem(), caminho)
            caminhos.append(caminho)
        if liquidacao:
            caminhos += escrever_diretorio(self.tabelas_liquidacao(), Path(diretorio) / "liquidacao_mve", formato)
        return caminhos

    # -- explanations
    def explicar(self, variavel: str, **chave: str) -> Explicacao:
        """The command, equation and input rows of one output row, and its recomputation by the reference
        (``referencia.processar_referencia``, row by row with one-product-at-a-time clearing)."""
        cmd = REGISTRO.por_variavel(variavel)
        df = self.exatas.get(variavel)
        if df is None:
            raise InputError("variavel", f"{variavel!r} não é saída do mecanismo")
        linhas = filtrar(df, chave)
        if linhas.height != 1:
            raise InputError("chave", f"{variavel}: {linhas.height} linhas para {chave}; informe "
                                      f"{[c for c in SAIDAS[variavel].chave]}")
        chave_c = {c: linhas[c][0] for c in SAIDAS[variavel].chave}
        valor = linhas[variavel][0]
        termos: list[Termo] = []
        for nome in cmd.entradas:
            fonte = self.exatas.get(nome)
            origem = f"cmd {SAIDAS[nome].comando}" if nome in SAIDAS else "entrada"
            if fonte is None:
                fonte = self.entradas.get(nome)
            if fonte is None or nome not in fonte.columns:
                continue
            sub = filtrar(fonte, {k: v for k, v in chave_c.items() if k in fonte.columns})
            for r in sub.head(40).iter_rows(named=True):
                termos.append(Termo(nome, {k: str(r[k]) for k in fonte.columns if k != nome}, r[nome], origem))
        mostrados, omitidos = listar(termos)
        recalculado = self._recalcular(variavel, chave_c)
        return Explicacao(cmd, chave_c, valor, valor_de(self.tabelas[variavel], variavel, chave_c), mostrados,
                          recalculado if recalculado is not None else Decimal("NaN"), omitidos=omitidos,
                          notas=[cmd.texto] if cmd.texto else [])

    def _recalcular(self, variavel: str, chave: Mapping[str, str]) -> Decimal | None:
        from .referencia import processar_referencia

        if not hasattr(self, "_ref"):
            linhas = {n: df.to_dicts() for n, df in self.entradas.items()}
            self._ref = processar_referencia(linhas, self.configuracao)
        for r in self._ref.get(variavel, []):
            if all(str(r.get(k)) == v for k, v in chave.items()):
                return r[variavel]
        return None

    # -- summary
    def resumo(self, max_linhas: int = 20) -> list[Any]:
        """Rich renderables: the clearing point of each product and the contracts."""
        from rich.table import Table

        eq = self.tabelas["EQUILIBRIO_MVE"]
        t1 = Table(title="Mecanismo de Venda de Excedentes — equilíbrio por produto")
        for c in ("produto", "rodada", "vigência", "energia", "preço", "oferta", "demanda", "negociado",
                  "preço marginal compra", "preço marginal venda"):
            t1.add_column(c)
        for r in eq.head(max_linhas).iter_rows(named=True):
            t1.add_row(r["produto"], r["rodada"], r["vigencia"], r["tipo_energia"], r["tipo_preco"], str(r["OFERTA"]),
                       str(r["DEMANDA"]), str(r["QUANT_NEGOCIADA"]), str(r["PRECO_MARGINAL_COMPRA"] or "—"),
                       str(r["PRECO_MARGINAL_VENDA"] or "—"))
        ct = self.contratos()
        t2 = Table(title=f"Contratos (CCEAL) — {ct.height}")
        for c in ("contrato", "produto", "vendedor", "comprador", "lance", "MWmédio", "preço/spread"):
            t2.add_column(c)
        for r in ct.head(max_linhas).iter_rows(named=True):
            t2.add_row(r["contrato"], r["produto"], r["perfil_vendedor"], r["perfil_comprador"], r["lance_compra"],
                       str(r["MV"]), str(r["PRECO"]))
        recusados = self.tabelas["RESULTADO_LANCE"].filter(pl.col("motivo") != "")
        saida: list[Any] = [t1, t2]
        if recusados.height:
            saida.append(f"{recusados.height} lance(s) não admitido(s) por inteiro (limites, lotes, consumidor "
                         "especial): veja RESULTADO_LANCE.motivo")
        return saida


__all__ = ["ResultadoMecanismo", "SAIDAS_CONTRATO"]
