"""The result of an MVE run: output tables, the carried state, lineage/explanations, files and a summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

import polars as pl

from ...errors import InputError
from ..exact import Precisao
from ..lineage import Explicacao, filtrar
from ..resultado_base import ResultadoBase
from ..tables import ErroTabela, arquivo_da_tabela, escrever_diretorio, normalizar
from .esquema import ESTADO, REGISTRO, SAIDAS, Configuracao, ErroMVE
from .referencia import CARREGADAS_M1, VARIAVEIS, int_para_mes, mes_para_int

if TYPE_CHECKING:
    from .dados import Base

#: Index columns an explanation key may use.
CHAVES = ("contrato", "vigencia", "perfil", "agente", "perfil_comprador", "perfil_vendedor", "agente_vendedor",
          "agente_comprador", "submercado", "processamento", "tipo_energia", "tipo_preco", "mes")


@dataclass
class EstadoMVE:
    """What month m+1 needs from month m, with text keys and full precision — the same tables (names,
    columns) as the reference's ``estado``: the ``[m−1]`` values (TOT_AJUSTES_MVE, F_INAD_EFE_MVE,
    VLP_MVE_PROD_AJU, F_VEND_MVE_PROD, RESS_PAG_MVE, RESS_REC_MVE, TOT_RESS_PAG_MVE, TOT_RESS_REC_MVE,
    RESS_INAD_P_MVE, RESS_P_MVE), the IPCA-updated prices valid in m+1 (PRECO_CT_MVE_A, SPREAD_CT_MVE_A),
    every rescission so far (RESCISAO_MVE) and ESTADO_MVE (the month)."""

    mes: str
    tabelas: dict[str, pl.DataFrame]

    @classmethod
    def de(cls, obj: "EstadoMVE | Mapping[str, Any]") -> "EstadoMVE":
        """From a mapping of tables (polars, pandas, Arrow or rows — e.g. the reference's ``estado``)."""
        if isinstance(obj, EstadoMVE):
            return obj
        precisao = Precisao(escala_max_entrada=30)
        tabelas: dict[str, pl.DataFrame] = {}
        for nome, t in obj.items():
            if nome not in ESTADO:
                raise ErroMVE(nome, f"tabela desconhecida no estado; as do estado são {sorted(ESTADO)}")
            try:
                tabelas[nome] = normalizar(t, ESTADO[nome], precisao) if nome != "ESTADO_MVE" else pl.DataFrame(t)
            except ErroTabela as exc:
                raise ErroMVE(exc.tabela, exc.mensagem) from None
        meta = tabelas.get("ESTADO_MVE")
        if meta is None or meta.height != 1 or "mes" not in meta.columns:
            raise ErroMVE("ESTADO_MVE", "o estado precisa da tabela ESTADO_MVE com o mês (uma linha, coluna mes)")
        mes = str(meta["mes"][0])
        mes_para_int(mes)
        return cls(mes, tabelas)

    def como_linhas(self) -> dict[str, list[dict[str, Any]]]:
        """The reference's ``estado`` format (lists of row dicts)."""
        return {n: df.to_dicts() for n, df in self.tabelas.items()}

    def salvar(self, diretorio: str | Path, formato: str = "csv") -> list[Path]:
        """One file per state table (exact decimals)."""
        return escrever_diretorio(self.tabelas, diretorio, formato)

    @classmethod
    def ler(cls, diretorio: str | Path) -> "EstadoMVE":
        pasta = Path(diretorio)
        tabelas: dict[str, Any] = {}
        for nome in ESTADO:
            caminho = arquivo_da_tabela(pasta, nome)
            if caminho is not None:
                tabelas[nome] = pl.read_csv(caminho, infer_schema=False) if caminho.suffix == ".csv" \
                    else pl.read_parquet(caminho)
        return cls.de(tabelas)


@dataclass
class ResultadoMVE(ResultadoBase):
    """Output tables of an MVE run.

    ``exatas``: the exact values; ``tabelas`` (and ``resultado["VLR_MVE"]``): rounded by
    ``configuracao.arredondamento``. Same table names, columns and row order as the reference (monthly
    tables by month, then index). Every table is a polars DataFrame. ``estado``: pass it to the next run.
    """

    exatas: dict[str, pl.DataFrame]
    entradas: dict[str, pl.DataFrame]
    configuracao: Configuracao
    meses: list[str]
    estado: EstadoMVE | None = None
    estado_inicial: EstadoMVE | None = None
    base: "Base | None" = field(default=None, repr=False)
    _tabelas: dict[str, pl.DataFrame] | None = field(default=None, repr=False)
    _contratos: pl.DataFrame | None = field(default=None, repr=False)

    _SAIDAS = SAIDAS
    _REGISTRO = REGISTRO
    _MODULO = "do MVE"

    # -- single values
    def _tabela_de(self, variavel: str) -> str:
        if variavel not in self.exatas:
            raise InputError("variavel", f"{variavel!r} não é saída; saídas: {sorted(self.exatas)}")
        return variavel

    # -- what the explanations read
    def contratos(self) -> pl.DataFrame:
        """One row per contract (text): contrato, vigencia, perfil_vendedor, perfil_comprador, agente_vendedor,
        agente_comprador, product columns, inicio, fim (counters), plurianual, mensal, anterior, mes_proc,
        tipo_preco, MV_MVE_PRE, PRECO_CT_MVE, SPREAD_CT_MVE, NIPCA_PROC."""
        if self._contratos is None:
            b = self.base
            assert b is not None
            c = b.contratos
            agentes = b.agentes.valores
            self._contratos = pl.DataFrame([
                b.contratos_txt.alias("contrato"), b.vigencias_txt.alias("vigencia"),
                b.perfis.valores.gather(c["vendedor"]).alias("perfil_vendedor"),
                b.perfis.valores.gather(c["comprador"]).alias("perfil_comprador"),
                agentes.gather(c["agente_v"]).alias("agente_vendedor"),
                agentes.gather(c["agente_c"]).alias("agente_comprador"),
                *(s for s in b.decodificar_prod(c["prod"]) if s.name != "vigencia"), c["ini"].alias("inicio"), c["fim"], c["plur"].alias("plurianual"),
                c["mensal"], c["anterior"], c["mproc"].alias("mes_proc"), c["MV_MVE_PRE"],
                c["PRECO"].alias("PRECO_CT_MVE"), c["SPREAD"].alias("SPREAD_CT_MVE"), c["NIPCA_PROC"],
            ])
        return self._contratos

    def contrato(self, e: str) -> dict[str, Any]:
        linhas = self.contratos().filter(pl.col("contrato") == e)
        if linhas.height != 1:
            raise InputError("contrato", f"contrato {e!r} não está em VINC_V_MVE")
        return linhas.row(0, named=True)

    def agente_de(self, perfil: str) -> str | None:
        a = self.entradas["A_ALPHA"].filter(pl.col("perfil") == perfil)
        return a["agente"][0] if a.height else None

    def perfis_do_agente(self, agente: str) -> list[str]:
        return sorted(self.entradas["A_ALPHA"].filter(pl.col("agente") == agente)["perfil"].unique().to_list())

    def papel(self, perfil: str) -> int:
        b = self.base
        assert b is not None
        achado = b.perfis.frame.filter(pl.col("perfil") == perfil)
        return int(b.papel[int(achado[b.perfis.coluna_codigo][0])]) if achado.height else 0

    def anterior(self, nome: str, mes: str) -> tuple[pl.DataFrame, str]:
        """The ``[m−1]`` values a month read (table, origin): the run's own month m−1, the initial state,
        or the input rows of m−1."""
        anterior = int_para_mes(mes_para_int(mes) - 1)
        if anterior in self.meses:
            return self.exatas[nome].filter(pl.col("mes") == anterior), f"cmd {VARIAVEIS[nome].comando}, {anterior}"
        if self.estado_inicial is not None:
            return self.estado_inicial.tabelas.get(nome, SAIDAS[nome].vazia()), f"estado de {anterior}"
        df = self.entradas.get(nome)
        return (SAIDAS[nome].vazia() if df is None else df.filter(pl.col("mes") == anterior)), f"entrada, {anterior}"

    def entrada(self, nome: str) -> pl.DataFrame:
        from .esquema import ENTRADAS

        return self.entradas.get(nome, ENTRADAS[nome].vazia())

    # -- explanations
    def explicar(self, variavel: str, **chave: str) -> Explicacao:
        """Re-derive one row of ``variavel``: command, equation, input values, recomputation with Decimal.

        The key may leave out index columns when only one row matches (e.g. a profile with one product);
        ``mes`` may be left out when one month was computed."""
        REGISTRO.por_variavel(variavel)  # an unknown variable is an error naming the outputs
        desconhecidas = [k for k in chave if k not in CHAVES]
        if desconhecidas:
            raise InputError("chave", f"chave(s) desconhecida(s) {desconhecidas}; use {list(CHAVES)}")
        var = VARIAVEIS[variavel]
        dados = {k: str(v) for k, v in chave.items() if v is not None}
        if var.mensal:
            dados["mes"] = self._mes_padrao(dados.get("mes"))
        colunas = var.indices + (("mes",) if var.mensal else ())
        fora = [k for k in dados if k not in colunas]
        if fora:
            raise InputError("chave", f"{variavel} é indexada por {list(colunas)}; {fora} não se aplica(m)")
        linhas = filtrar(self.exatas[variavel], dados)
        if linhas.height == 0:
            raise InputError("chave", f"{variavel} não tem linha para {dados}")
        if linhas.height > 1:
            exemplos = linhas.select(colunas).head(3).to_dicts()
            raise InputError("chave", f"{variavel}: {linhas.height} linhas para {dados}; informe {list(colunas)} "
                                      f"(p.ex. {exemplos})")
        completa = {c: str(linhas[c][0]) for c in colunas}
        return REGISTRO.explicar(self, variavel, completa)

    def explicar_linha(self, *, variavel: str | None = None, maximo: int = 40, **chave: str) -> list[Explicacao]:
        """Every output row at this key (e.g. ``contrato=…, mes=…`` → its prices, values, adjustment; ``perfil=…``
        → the profile's totals and products; ``agente=…`` → the agent's totals and factors), or only ``variavel``."""
        dados = {k: str(v) for k, v in chave.items() if v is not None}
        if variavel is not None:
            return [self.explicar(variavel, **dados)]
        chaves = {k for k in dados if k != "mes"}
        if not chaves:
            raise InputError("chave", "informe ao menos um índice além do mês (contrato=, perfil=, agente=...)")
        mes = self._mes_padrao(dados.get("mes"))
        saida: list[Explicacao] = []
        for nome in REGISTRO.variaveis():
            var = VARIAVEIS[nome]
            if nome == "RESCISAO_MVE" or not chaves <= set(var.indices):
                continue
            filtro = {**{k: dados[k] for k in chaves}, **({"mes": mes} if var.mensal else {})}
            for linha in filtrar(self.exatas[nome], filtro).head(maximo).to_dicts():
                chave_linha = {c: linha[c] for c in var.indices + (("mes",) if var.mensal else ())}
                saida.append(REGISTRO.explicar(self, nome, {k: str(v) for k, v in chave_linha.items()}))
                if len(saida) >= maximo:
                    return saida
        if not saida:
            raise InputError("chave", f"nenhuma saída tem linha para {dados}")
        return saida

    # -- summary
    def resumo(self, max_linhas: int = 15, nomes: Mapping[str, str] | None = None) -> list[Any]:
        """Rich renderables: per month, the agents' totals to settle and their defaults, the contracts reduced
        and rescinded, ressarcimento and fines; ``nomes``: agent code → sigla."""
        from .resumo import resumo

        return resumo(self, max_linhas, nomes)


__all__ = ["CARREGADAS_M1", "EstadoMVE", "ResultadoMVE"]
