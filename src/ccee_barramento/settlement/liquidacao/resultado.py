"""The result of a Liquidação run: output tables, lineage/explanations, files and a rich summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import polars as pl

from ...errors import InputError
from ..lineage import Explicacao, filtrar
from ..resultado_base import ResultadoBase
from ..runner import Particoes
from .esquema import ENTRADAS, REGISTRO, SAIDAS, Configuracao

#: Output variable → the table holding it (seed variables have their own table).
TABELA_DA_VARIAVEL = {**{n: n for n in SAIDAS if n not in ("MAPA_LIQUIDACAO", "MAPA_INAD")},
                      "RATEIO_INAD": "MAPA_LIQUIDACAO", "POSICAO_LIQUIDA": "MAPA_LIQUIDACAO"}

#: What ``explicar_linha`` explains for a profile key and for an agent key.
POR_PERFIL = ("V_LIQUI", "AJU_INAD_DSS", "FD_INAD_DSS")
POR_AGENTE = ("V_INAD_DSS", "V_TOT_LIQUI", "V_RAT_INAD", "P_RAT_INAD", "RATEIO_INAD", "POSICAO_LIQUIDA")


@dataclass
class EstadoLiquidacao:
    """What month m+1 needs from month m: V_INAD[·,m] (read by command 8 as V_INAD[α,m-1])."""

    mes: str
    V_INAD: pl.DataFrame


@dataclass
class ResultadoLiquidacao(ResultadoBase):
    """Output tables of a run.

    ``exatas``: the exact values (no rounding); ``tabelas`` (and ``resultado["V_LIQUI"]``): the output
    tables rounded by ``configuracao.arredondamento``. Both are sorted by month, then index. Every table is a
    polars DataFrame (``.to_pandas()``, ``.to_arrow()``). ``estado``: pass it to the next run.
    """

    exatas: dict[str, pl.DataFrame]
    entradas: dict[str, pl.DataFrame]
    configuracao: Configuracao
    meses: list[str]
    estado: EstadoLiquidacao | None = None
    estado_inicial: EstadoLiquidacao | None = None
    _tabelas: dict[str, pl.DataFrame] | None = field(default=None, repr=False)
    _particoes: Particoes | None = field(default=None, repr=False)

    _SAIDAS = SAIDAS
    _REGISTRO = REGISTRO
    _MODULO = "da Liquidação"

    # -- single values
    def _tabela_de(self, variavel: str) -> str:
        try:
            return TABELA_DA_VARIAVEL[variavel]
        except KeyError:
            raise InputError("variavel", f"{variavel!r} não é saída; saídas: {sorted(TABELA_DA_VARIAVEL)}") from None

    # -- helpers for the explanations
    @property
    def particoes(self) -> Particoes:
        if self._particoes is None:
            self._particoes = Particoes(self.entradas, ENTRADAS)
        return self._particoes

    def perfis_do_mes(self, mes: str) -> tuple[list[str], list[str]]:
        """(perfis, agentes) of PERFIS in force in ``mes``."""
        df = self.particoes.do_mes("PERFIS", mes)
        return df["perfil"].to_list(), df["agente"].to_list()

    def mes_vigente(self, nome: str, mes: str) -> str | None:
        return self.particoes.mes_vigente(nome, mes)

    # -- explanations
    def explicar(self, variavel: str, *, perfil: str | None = None, agente: str | None = None,
                 mes: str | None = None) -> Explicacao:
        """Re-derive one row of ``variavel``: command, equation, input values, recomputation."""
        cmd = REGISTRO.por_variavel(variavel)
        dados = {"perfil": perfil, "agente": agente, "mes": self._mes_padrao(mes)}
        faltam = [i for i in cmd.indices if dados.get(i) is None]
        if faltam:
            raise InputError("chave", f"{variavel} é indexada por {list(cmd.indices)}; faltam {faltam}")
        chave = {i: str(dados[i]) for i in cmd.indices}
        if self.valor_exato(variavel, chave) is None:
            raise InputError("chave", f"{variavel} não tem linha para {chave}")
        return REGISTRO.explicar(self, variavel, chave)

    def explicar_linha(self, *, perfil: str | None = None, agente: str | None = None, mes: str | None = None,
                       variavel: str | None = None) -> list[Explicacao]:
        """Every output row at this key (``perfil=`` → the profile's variables and its DEB_INAD_DSS rows;
        ``agente=`` → the agent's), or only ``variavel``."""
        mes = self._mes_padrao(mes)
        if variavel is not None:
            return [self.explicar(variavel, perfil=perfil, agente=agente, mes=mes)]
        if perfil is None and agente is None:
            raise InputError("chave", "informe perfil=... ou agente=...")
        saida: list[Explicacao] = []
        if perfil is not None:
            for v in POR_PERFIL:
                if self.valor_exato(v, {"perfil": perfil, "mes": mes}) is not None:
                    saida.append(self.explicar(v, perfil=perfil, mes=mes))
            deb = filtrar(self.exatas["DEB_INAD_DSS"], {"perfil": perfil, "mes": mes, **({"agente": agente} if agente else {})})
            for a in deb["agente"].to_list():
                saida.append(self.explicar("DEB_INAD_DSS", perfil=perfil, agente=a, mes=mes))
        else:
            for v in POR_AGENTE:
                if self.valor_exato(v, {"agente": agente, "mes": mes}) is not None:
                    saida.append(self.explicar(v, agente=agente, mes=mes))
        if not saida:
            chave = {k: v for k, v in (("perfil", perfil), ("agente", agente), ("mes", mes)) if v is not None}
            raise InputError("chave", f"nenhuma saída tem linha para {chave}")
        return saida

    # -- summary
    def resumo(self, max_agentes: int = 15, nomes: Mapping[str, str] | None = None) -> list[Any]:
        """Rich renderables: per month, the settlement map of the agents (largest positions first);
        ``nomes``: agent code → sigla (``settlement.modelos.siglas_de``)."""
        from .resumo import resumo

        return resumo(self, max_agentes, nomes)


__all__ = ["EstadoLiquidacao", "ResultadoLiquidacao"]
