"""The result of a guarantees run: output tables, explanations (lineage), files and a rich summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Mapping

import polars as pl

from ....errors import InputError
from ...exact import ZERO
from ...lineage import Explicacao, filtrar, valor_de
from ...resultado_base import ResultadoBase
from ...runner import int_para_mes, mes_para_int
from ._exato import soma
from .esquema import REGISTRO, SAIDAS, Configuracao

if TYPE_CHECKING:
    from .dados import Base

#: Alternative names of a key in ``explicar_chave``: ``perfil`` also matches the buyer/seller profile
#: columns, ``agente`` the buyer/seller agent columns.
SINONIMOS = {"perfil": ("perfil_comprador", "perfil_vendedor"), "agente": ("agente_comprador", "agente_vendedor")}


@dataclass
class EstadoGarantias:
    """What month m+1 needs from month m.

    ``GC_PROD_ATUAL``: (perfil, PROD, GC_PROD_ATUAL, AJU_IPCA, EXC_GC_PROD) of the products that go on (cmd 122);
    ``GP_ACIONADA``: (agente, processamento, GP_ACIONADA), the GP drawn so far (DECISÃO G7); ``RESCISOES``:
    (contrato, r) the contracts rescinded so far (r = month counter).
    """

    mes: str
    GC_PROD_ATUAL: pl.DataFrame
    GP_ACIONADA: pl.DataFrame
    RESCISOES: pl.DataFrame


@dataclass
class ResultadoGarantias(ResultadoBase):
    """Output tables of a run.

    ``exatas``: exact values; ``tabelas`` (and ``resultado["GCA_PROD"]``): rounded by
    ``configuracao.arredondamento``. Monthly tables are sorted by month, then index. ``estado``: pass it to
    the next run.
    """

    exatas: dict[str, pl.DataFrame]
    entradas: dict[str, pl.DataFrame]
    base: "Base"
    configuracao: Configuracao
    meses: list[str]
    estado: EstadoGarantias | None = None
    estado_inicial: EstadoGarantias | None = None
    _tabelas: dict[str, pl.DataFrame] | None = field(default=None, repr=False)

    _SAIDAS = SAIDAS
    _REGISTRO = REGISTRO
    _MODULO = "das garantias"

    # -- explanations
    def explicar(self, variavel: str, **chave: str) -> Explicacao:
        """Re-derive one output row: command, equation, every input value and its origin, recomputation."""
        cmd = REGISTRO.por_variavel(variavel)
        if "mes" in cmd.indices and chave.get("mes") is None and len(self.meses) == 1:
            chave["mes"] = self.meses[0]
        faltam = [i for i in cmd.indices if chave.get(i) is None]
        if faltam:
            raise InputError("chave", f"{variavel} é indexada por {list(cmd.indices)}; faltam {faltam}")
        k = {i: str(chave[i]) for i in cmd.indices}
        if self.valor_exato(variavel, k) is None:
            raise InputError("chave", f"{variavel} não tem linha para {k}")
        return REGISTRO.explicar(self, variavel, k)

    def explicar_chave(self, chave: Mapping[str, str], variavel: str | None = None) -> list[Explicacao]:
        """Every output row matching ``chave`` (``perfil=`` also matches perfil_comprador/perfil_vendedor,
        ``agente=`` agente_comprador/agente_vendedor), in calculation order; or only ``variavel``'s."""
        if not chave and variavel is None:
            raise InputError("chave", "informe ao menos uma chave (perfil=, agente=, mes=...) ou variavel=")
        nomes = [variavel] if variavel is not None else list(SAIDAS)
        saida: list[Explicacao] = []
        for nome in nomes:
            if nome not in SAIDAS:
                raise InputError("variavel", f"{nome!r} não é saída; saídas: {list(SAIDAS)}")
            df = self.exatas[nome]
            filtros = []
            aplicou = False
            for k, v in chave.items():
                if k in df.columns:
                    filtros.append(pl.col(k) == v)
                    aplicou = aplicou or k != "mes"
                elif k in SINONIMOS and any(c in df.columns for c in SINONIMOS[k]):
                    filtros.append(pl.any_horizontal([pl.col(c) == v for c in SINONIMOS[k] if c in df.columns]))
                    aplicou = True
                elif k != "mes":
                    filtros = None  # type: ignore[assignment]
                    break
            if filtros is None or (not aplicou and variavel is None and chave.keys() - {"mes"}):
                continue
            linhas = df.filter(*filtros) if filtros else df
            indices = REGISTRO.por_variavel(nome).indices
            for r in linhas.to_dicts():
                saida.append(REGISTRO.explicar(self, nome, {i: str(r[i]) for i in indices}))
        if not saida:
            raise InputError("chave", f"nenhuma saída tem linha para {dict(chave)}")
        return saida

    # -- helpers of the explanations
    def mes_int(self, mes: str) -> int:
        return mes_para_int(mes)

    def agente_de(self, perfil: str) -> str:
        return self.base.perfis.filter(pl.col("perfil") == perfil)["agente"][0]

    def perfis_de(self, agente: str) -> list[str]:
        return self.base.perfis.filter(pl.col("agente") == agente)["perfil"].to_list()

    def _produto(self, chave: Mapping[str, str]) -> dict[str, Any]:
        return self.base.produtos.filter(*(pl.col(c) == v for c, v in chave.items())).row(0, named=True)

    def primeiro_mes(self, chave: Mapping[str, str]) -> str:
        """The first month of a product's GFC rows (DECISÃO G8)."""
        return int_para_mes(self._produto(chave)["primeiro"])

    def rescindido_em(self, chave: Mapping[str, str]) -> str | None:
        r = self._produto(chave)["resc"]
        return None if r is None else int_para_mes(r)

    def anterior(self, chave: Mapping[str, str], mes: str) -> dict[str, Any]:
        """GC_PROD_ATUAL, AJU_IPCA, EXC_GC_PROD of the month before ``mes`` and where they come from."""
        m1 = int_para_mes(mes_para_int(mes) - 1)
        if m1 in self.meses:
            return {"mes": m1, "origem": "mês anterior (cmds 122, 131 a, 134)",
                    **{n: valor_de(self.exatas[n], n, {**chave, "mes": m1}) or ZERO
                       for n in ("GC_PROD_ATUAL", "AJU_IPCA", "EXC_GC_PROD")}}
        if self.estado_inicial is not None:
            linha = filtrar(self.estado_inicial.GC_PROD_ATUAL, chave).to_dicts()[0]
            return {"mes": m1, "origem": "estado da execução anterior", **linha}
        return {"mes": m1, "origem": "entrada (mês anterior à execução)",
                **{n: valor_de(self.entradas.get(n), n, {**chave, "mes": m1}) or ZERO
                   for n in ("GC_PROD_ATUAL", "AJU_IPCA", "EXC_GC_PROD")}}

    def gp_acionada_inicial(self, agente: str, processamento: str) -> Decimal:
        """GP drawn before the run (initial state, or the VAC_RC_GP_MVE input rows before the first month)."""
        k = {"agente": agente, "processamento": processamento}
        if self.estado_inicial is not None:
            return valor_de(self.estado_inicial.GP_ACIONADA, "GP_ACIONADA", k) or ZERO
        vac = self.entradas.get("VAC_RC_GP_MVE")
        if vac is None:
            return ZERO
        return soma(filtrar(vac, k).filter(pl.col("mes") < self.meses[0])["VAC_RC_GP_MVE"].to_list())

    # -- summary
    def resumo(self, nomes: Mapping[str, str] | None = None) -> list[Any]:
        """Rich renderables: what each buyer lodged and what is at risk, and per month the draws, recomposition,
        excess and the residual fines per pair. ``nomes``: agent code → sigla."""
        from .resumo import resumo

        return resumo(self, nomes)


__all__ = ["EstadoGarantias", "ResultadoGarantias"]
