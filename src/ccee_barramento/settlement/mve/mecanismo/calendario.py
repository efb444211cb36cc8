"""The calendar of a run as small polars tables: processings, vigências by class, the monthly vigências and
their regulatory windows (DECISÃO MC3/MC4/MC6/MC14), hours per month, year and vigência.

This is the *structure* the vectorized engine joins its data tables against (``limites``, ``rodadas``). It
is built from the structure tables (PROCESSAMENTO_MVE, VIGENCIA_MVE, PRODUTOS_LEILAO, M_HORAS: tens of rows)
with the shared definitions of ``_base`` (``Vigencia``, ``classe``, ``tipo_vigencia``), independently of the
reference's ``Estrutura``, which reads the same decisions from the same rows. Every data table (consumption,
plants, contracts, bids) is then processed whole, by joins on these frames.

Frames (``Calendario``), all with ``processamento`` where they depend on it:

* ``anos`` (processamento, ano, H_ANO): the years f of x's products (and their monthly vigências) with
  Σ_{m∈f} M_HORAS (null when a month is missing: :meth:`Calendario.exigir_meses` raises first);
* ``pluri`` (processamento, vigencia, ano): annual-path vigências (cmds 15, 24, 97, 98a) and their years;
* ``mensais`` (processamento, vigencia, mes, ano, H): the monthly vigências (cmds 18–20, 27–28, 97a, 99c);
* ``janelas`` (processamento, vigencia, janela): the window(s) of each monthly vigência (cmd 18);
* ``mensal_tri`` (processamento, vigencia, tri): the 3-month vigências containing a monthly one (cmd 97a);
* ``jan`` (processamento, janela, classe, ano, VH): every window (cmds 10, 11, 16, 17, 25, 26);
* ``tri_mes`` (processamento, vigencia, mes, vigencia_mensal): the months of each 3-month vigência and the
  monthly vigência that carries each (cmds 21, 98);
* ``vigs`` (processamento, vigencia, classe): every vigência of x's products (cmds 92–96);
* ``vh_ano`` (vigencia, ano, VH_ANO): Σ M_HORAS of the months of v in year f (cmd 96 V_HORAS[v*]);
* ``vh`` (vigencia, VH): Σ M_HORAS over v (cmds 100–103 V_HORAS[v]);
* ``horas`` (_m, M_HORAS): the hours of each month (month counter ``_m``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable

import polars as pl

from ...exact import tipo_decimal
from ._base import MENSAL, PLURI, TRIMESTRAL, Vigencia, ano_de, mes_int, mes_texto, tipo_vigencia
from .esquema import ErroMecanismo

D0 = Decimal(0)


def _bool(v: Any) -> bool:
    return str(v).strip().lower() in ("true", "1", "sim", "s", "yes")


def _escala(valores: Iterable[Any]) -> int:
    return max([0] + [max(0, -int(v.as_tuple().exponent)) for v in valores if isinstance(v, Decimal)])


def _dec(nome: str, valores: list[Any]) -> pl.Series:
    return pl.Series(nome, valores, dtype=tipo_decimal(_escala(valores)))


@dataclass
class Calendario:
    proc: dict[str, tuple[int, bool]]
    vig: dict[str, Vigencia]
    horas: dict[int, Decimal]
    produtos: list[dict[str, Any]]
    por_x: dict[str, dict[str, Any]]
    anos: pl.DataFrame
    pluri: pl.DataFrame
    mensais: pl.DataFrame
    janelas: pl.DataFrame
    mensal_tri: pl.DataFrame
    jan: pl.DataFrame
    tri_mes: pl.DataFrame
    vigs: pl.DataFrame
    vh_ano: pl.DataFrame
    vh: pl.DataFrame
    horas_df: pl.DataFrame

    def exigir_meses(self, meses: Iterable[int]) -> None:
        """M_HORAS must have these months (the reference's ``Estrutura.h`` raises on the first it misses)."""
        for m in sorted(set(meses)):
            if m not in self.horas:
                raise ErroMecanismo("M_HORAS", f"sem linha para o mês {mes_texto(m)}")

    def meses_dos_anos(self, x: str) -> list[int]:
        return [f * 12 + k for f in self.por_x[x]["anos"] for k in range(12)]


def construir(t: dict[str, pl.DataFrame]) -> Calendario:
    """The calendar of the run (see the module docstring)."""
    proc: dict[str, tuple[int, bool]] = {}
    for r in t["PROCESSAMENTO_MVE"].iter_rows(named=True):
        proc[r["processamento"]] = (mes_int(r["mes_processamento"]), _bool(r["anterior_garantias_financeiras"]))
    vig: dict[str, Vigencia] = {}
    for r in t["VIGENCIA_MVE"].iter_rows(named=True):
        ini, fim = mes_int(r["inicio"]), mes_int(r["fim"])
        if fim < ini:
            raise ErroMecanismo("VIGENCIA_MVE", f"vigência {r['vigencia']!r} termina antes de começar")
        vig[r["vigencia"]] = Vigencia(r["vigencia"], ini, fim, r["tipo_vigencia"] or tipo_vigencia(fim - ini + 1))
    horas: dict[int, Decimal] = {}
    for r in t["M_HORAS"].iter_rows(named=True):
        horas[mes_int(r["mes"])] = r["M_HORAS"]
    produtos = [dict(r) for r in t["PRODUTOS_LEILAO"].iter_rows(named=True)]
    # DECISÃO MC4: a month's vigência name is a declared 1-month vigência (the smallest name), else "AAAA-MM"
    nome_mes: dict[int, str] = {}
    for v in sorted(vig.values(), key=lambda v: v.nome, reverse=True):
        if v.inicio == v.fim:
            nome_mes[v.inicio] = v.nome

    def mensal(m: int) -> Vigencia:
        nome = nome_mes.get(m, mes_texto(m))
        return vig.get(nome) or Vigencia(nome, m, m, "mensal")

    def h_soma(meses: Iterable[int]) -> Decimal | None:
        total = D0
        for m in meses:
            if m not in horas:
                return None
            total += horas[m]
        return total

    por_x: dict[str, dict[str, Any]] = {}
    linhas: dict[str, list[dict[str, Any]]] = {k: [] for k in ("anos", "pluri", "mensais", "janelas", "jan",
                                                                 "tri_mes", "vigs", "mensal_tri")}
    vigs_prod: set[str] = set()
    for x in sorted(proc):
        vs = sorted({vig[p["vigencia"]] for p in produtos if p["processamento"] == x}, key=lambda v: v.nome)
        if not vs:
            continue
        vigs_prod |= {v.nome for v in vs}
        tri = [v for v in vs if v.classe == TRIMESTRAL]
        plu = [v for v in vs if v.classe == PLURI]
        # DECISÃO MC3: monthly vigências = monthly products + the months of the 3-month products
        mens: dict[str, Vigencia] = {v.nome: v for v in vs if v.classe == MENSAL}
        for q in tri:
            for m in q.meses:
                mv = mensal(m)
                mens.setdefault(mv.nome, mv)
        janelas = {nome: ([q for q in tri if q.contem(mv.inicio)] or [mv]) for nome, mv in mens.items()}
        jan_set = {w.nome: w for ws in janelas.values() for w in ws}
        for q in tri:
            jan_set[q.nome] = q
        anos = sorted({f for v in vs for f in v.anos} | {f for v in mens.values() for f in v.anos})
        por_x[x] = {"vigencias": vs, "pluri": plu, "tri": tri, "mensais": sorted(mens.values(), key=lambda v: v.inicio),
                    "janelas": janelas, "jan": sorted(jan_set.values(), key=lambda v: v.nome), "anos": anos}
        for f in anos:
            linhas["anos"].append({"processamento": x, "ano": f, "H_ANO": h_soma(range(f * 12, f * 12 + 12))})
        for v in plu:
            for f in v.anos:
                linhas["pluri"].append({"processamento": x, "vigencia": v.nome, "ano": f})
        for mv in mens.values():
            linhas["mensais"].append({"processamento": x, "vigencia": mv.nome, "mes": mv.inicio,
                                      "ano": ano_de(mv.inicio), "H": horas.get(mv.inicio)})
            for w in janelas[mv.nome]:
                linhas["janelas"].append({"processamento": x, "vigencia": mv.nome, "janela": w.nome})
            for q in tri:
                if q.contem(mv.inicio):
                    linhas["mensal_tri"].append({"processamento": x, "vigencia": mv.nome, "tri": q.nome})
        for w in jan_set.values():
            linhas["jan"].append({"processamento": x, "janela": w.nome, "classe": w.classe, "ano": ano_de(w.inicio),
                                  "VH": h_soma(w.meses)})
        for q in tri:
            for m in q.meses:
                linhas["tri_mes"].append({"processamento": x, "vigencia": q.nome, "mes": m,
                                          "vigencia_mensal": mensal(m).nome})
        for v in vs:
            linhas["vigs"].append({"processamento": x, "vigencia": v.nome, "classe": v.classe})

    def quadro(nome: str, esquema: dict[str, Any], decimais: tuple[str, ...] = ()) -> pl.DataFrame:
        rows = linhas[nome]
        dados: dict[str, pl.Series] = {}
        for c, tipo in esquema.items():
            vals = [r[c] for r in rows]
            dados[c] = _dec(c, vals) if c in decimais else pl.Series(c, vals, dtype=tipo)
        return pl.DataFrame(dados) if dados else pl.DataFrame()

    S, N = pl.String, pl.Int64
    vh_ano, vh = [], []
    for nome in sorted(vigs_prod):
        v = vig[nome]
        for f in v.anos:
            vh_ano.append((nome, f, h_soma(m for m in v.meses if ano_de(m) == f)))
        vh.append((nome, h_soma(v.meses)))
    meses_h = sorted(horas)
    return Calendario(
        proc=proc, vig=vig, horas=horas, produtos=produtos, por_x=por_x,
        anos=quadro("anos", {"processamento": S, "ano": N, "H_ANO": None}, ("H_ANO",)),
        pluri=quadro("pluri", {"processamento": S, "vigencia": S, "ano": N}),
        mensais=quadro("mensais", {"processamento": S, "vigencia": S, "mes": N, "ano": N, "H": None}, ("H",)),
        janelas=quadro("janelas", {"processamento": S, "vigencia": S, "janela": S}),
        mensal_tri=quadro("mensal_tri", {"processamento": S, "vigencia": S, "tri": S}),
        jan=quadro("jan", {"processamento": S, "janela": S, "classe": S, "ano": N, "VH": None}, ("VH",)),
        tri_mes=quadro("tri_mes", {"processamento": S, "vigencia": S, "mes": N, "vigencia_mensal": S}),
        vigs=quadro("vigs", {"processamento": S, "vigencia": S, "classe": S}),
        vh_ano=pl.DataFrame({"vigencia": pl.Series([a for a, _, _ in vh_ano], dtype=S),
                             "ano": pl.Series([b for _, b, _ in vh_ano], dtype=N),
                             "VH_ANO": _dec("VH_ANO", [c for _, _, c in vh_ano])}),
        vh=pl.DataFrame({"vigencia": pl.Series([a for a, _ in vh], dtype=S), "VH": _dec("VH", [b for _, b in vh])}),
        horas_df=pl.DataFrame({"_m": pl.Series(meses_h, dtype=N), "M_HORAS": _dec("M_HORAS", [horas[m] for m in meses_h])}),
    )


__all__ = ["Calendario", "construir"]
