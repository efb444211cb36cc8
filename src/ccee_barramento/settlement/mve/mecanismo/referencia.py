"""Exact, per-row reference of the MVE mechanism: §2.1 (cmds 1–28), Anexo II (76–103), Anexo III (104–109)
and §2.2 (29–34) — the oracle the vectorized engine is checked against, and the naive side of the benchmark.

    saidas = processar_referencia(entradas, Configuracao())

``entradas``: table name → list of row dicts (index columns as text, values as ``Decimal``/int/str — the
engine's normalized tables as dicts). ``saidas``: table name → list of row dicts with exact ``Decimal``
values (no output rounding), the same tables and columns as the engine's ``exatas``. Every step cites
its command (``# MVE cmd N``) and every reading of an ambiguous passage its decision (``DECISÃO MCn``,
listed in ``docs/mve-mecanismo.md``). Plain loops and dicts, on purpose.
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from decimal import Decimal
from typing import Any, Mapping, Sequence

from ...exact import CONTEXTO, decimal_exato
from ._base import (
    CBR,
    CCEAR_D,
    CCEAR_Q,
    CE,
    CNE,
    HIDRAULICA,
    MENSAL,
    PF,
    PLURI,
    TRIMESTRAL,
    Vigencia,
    ano_de,
    arredondar_pares,
    codigo_contrato,
    mes_int,
    mes_texto,
    produto,
    quociente,
    tipo_vigencia,
)
from .esquema import Configuracao, ErroMecanismo

D0, D1 = Decimal(0), Decimal(1)
Linhas = Sequence[Mapping[str, Any]]


def _d(v: Any, onde: str) -> Decimal:
    return decimal_exato(v, onde)


def _bool(v: Any) -> bool:
    return str(v).strip().lower() in ("true", "1", "sim", "s", "yes")


# ----------------------------------------------------------------------------------------------------
# Structure: processings, vigências, products, the monthly vigências and windows
# ----------------------------------------------------------------------------------------------------


class Estrutura:
    """Processings, vigências, products and the derived calendar of one run."""

    def __init__(self, e: Mapping[str, Linhas]) -> None:
        self.proc: dict[str, tuple[int, bool]] = {}
        for r in e.get("PROCESSAMENTO_MVE", []):
            self.proc[r["processamento"]] = (mes_int(r["mes_processamento"]),
                                             _bool(r.get("anterior_garantias_financeiras", "false")))
        self.vig: dict[str, Vigencia] = {}
        for r in e.get("VIGENCIA_MVE", []):
            ini, fim = mes_int(r["inicio"]), mes_int(r["fim"])
            if fim < ini:
                raise ErroMecanismo("VIGENCIA_MVE", f"vigência {r['vigencia']!r} termina antes de começar")
            tipo = r.get("tipo_vigencia") or tipo_vigencia(fim - ini + 1)
            self.vig[r["vigencia"]] = Vigencia(r["vigencia"], ini, fim, tipo)
        self.horas: dict[int, Decimal] = {mes_int(r["mes"]): _d(r["M_HORAS"], "M_HORAS") for r in e.get("M_HORAS", [])}
        self.produtos: dict[str, dict[str, Any]] = {}
        for r in e.get("PRODUTOS_LEILAO", []):
            p = dict(r)
            p["LOTE"] = _d(r["LOTE"], "PRODUTOS_LEILAO")
            p["rodada_n"] = int(r["rodada"])
            self.produtos[r["produto"]] = p
        # month → the name of its monthly vigência (a declared 1-month vigência, else "AAAA-MM"; DECISÃO MC4)
        self.nome_mes: dict[int, str] = {}
        for v in sorted(self.vig.values(), key=lambda v: v.nome, reverse=True):
            if v.inicio == v.fim:
                self.nome_mes[v.inicio] = v.nome

    def h(self, m: int) -> Decimal:
        try:
            return self.horas[m]
        except KeyError:
            raise ErroMecanismo("M_HORAS", f"sem linha para o mês {mes_texto(m)}") from None

    def horas_ano(self, f: int) -> Decimal:
        return sum((self.h(f * 12 + k) for k in range(12)), D0)

    def v_horas(self, v: Vigencia, ano: int | None = None) -> Decimal:
        return sum((self.h(m) for m in v.meses if ano is None or ano_de(m) == ano), D0)

    def mensal(self, m: int) -> Vigencia:
        nome = self.nome_mes.get(m, mes_texto(m))
        return self.vig.get(nome) or Vigencia(nome, m, m, "mensal")

    def vigencias_do(self, x: str) -> list[Vigencia]:
        return sorted({self.vig[p["vigencia"]] for p in self.produtos.values() if p["processamento"] == x},
                      key=lambda v: v.nome)

    def calendario(self, x: str) -> dict[str, Any]:
        """The vigências of processing x by class, its monthly vigências (declared monthly products and the
        months of its 3-month products) and the regulatory window(s) of each monthly one (DECISÃO MC3)."""
        vs = self.vigencias_do(x)
        tri = [v for v in vs if v.classe == TRIMESTRAL]
        plu = [v for v in vs if v.classe == PLURI]
        mens: dict[str, Vigencia] = {v.nome: v for v in vs if v.classe == MENSAL}
        for q in tri:
            for m in q.meses:
                mv = self.mensal(m)
                mens.setdefault(mv.nome, mv)
        janelas: dict[str, list[Vigencia]] = {}
        for nome, mv in mens.items():
            qs = [q for q in tri if q.contem(mv.inicio)]
            janelas[nome] = qs or [mv]
        jan_set = {w.nome: w for ws in janelas.values() for w in ws}
        for q in tri:
            jan_set[q.nome] = q
        anos = sorted({f for v in vs for f in v.anos} | {f for v in mens.values() for f in v.anos})
        return {"pluri": plu, "tri": tri, "mensais": sorted(mens.values(), key=lambda v: v.inicio),
                "janelas": janelas, "jan": sorted(jan_set.values(), key=lambda v: v.nome), "anos": anos}


def _sem_repetir(linhas: Linhas, chaves: Sequence[str]) -> list[dict[str, Any]]:
    """A set's members once each (a repeated row in a set is harmless), in input order."""
    vistos, out = set(), []
    for r in linhas:
        k = tuple(r[c] for c in chaves)
        if k not in vistos:
            vistos.add(k)
            out.append(dict(r))
    return out


def _idx(linhas: Linhas, chaves: Sequence[str], valor: str) -> dict[tuple, Decimal]:
    out: dict[tuple, Decimal] = {}
    for r in linhas:
        k = tuple(r[c] for c in chaves)
        if k in out:
            raise ErroMecanismo(valor, f"chave repetida {k}")
        out[k] = _d(r[valor], valor)
    return out


# ----------------------------------------------------------------------------------------------------
# §2.1 — limits available for sale (cmds 1–28)
# ----------------------------------------------------------------------------------------------------


class Limites:
    """Commands 1–28 for every seller (a profile with LIM_MVE rows for x) and submarket of x's products."""

    def __init__(self, e: Mapping[str, Linhas], est: Estrutura, cfg: Configuracao) -> None:
        self.e, self.est, self.cfg, self.q = e, est, cfg, cfg.q
        self.out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        g = lambda n, ks: _idx(e.get(n, []), ks, n)  # noqa: E731
        self.LIM_MVE = g("LIM_MVE", ("perfil", "processamento", "ano"))
        self.LIM_MVE_VIG = g("LIM_MVE_VIG", ("perfil", "processamento", "vigencia"))
        self.QM = g("QM", ("contrato", "mes"))
        self.QA = g("QA", ("contrato", "ano"))
        self.MMC = g("MMC", ("contrato", "mes"))
        self.MV = g("MV", ("contrato", "mes"))
        self.GF = g("GF", ("usina",))
        self.NUB = g("NUB", ("usina",))
        self.GFIS_MOT = g("GFIS_MOT", ("usina", "unidades"))
        self.F_PDI_GF = g("F_PDI_GF", ("usina", "ano"))
        self.F_PEN_LESP = g("F_PEN_LESP", ("usina", "mes"))
        self.F_DISP = g("F_DISP", ("usina", "mes"))
        self.TOT_GF_PROD = g("TOT_GF_PROD", ("usina", "mes"))
        # hourly tables: (key..., mes) -> {hora: value}
        self.h_TRC = self._horario("TRC_H", ("perfil", "submercado"))
        self.h_FPC = self._horario("FPC", ("perfil", "submercado"))
        self.h_TOGU = self._horario("TOGU", ("usina",))
        self.h_CAPT = self._horario("CAP_T_GF", ("usina",))
        self.h_UXP = self._horario("UXP_GLF", ("usina",))
        self.h_PRC = self._horario("F_PRC_GF", ("usina",))
        self.h_COM = self._horario("F_COMERCIAL", ("usina",))
        self.h_CAP: dict[tuple, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: D0))
        vistos = set()
        for r in e.get("CAP", []):
            k = (r["usina"], r["ponto"], r["mes"], r["hora"])
            if k in vistos:
                raise ErroMecanismo("CAP", f"chave repetida {k}")
            vistos.add(k)
            self.h_CAP[(r["usina"], r["mes"])][int(r["hora"])] += _d(r["CAP"], "CAP")
        self.tipo_usina = {r["usina"]: r["tipo_usina"] for r in e.get("USINA_MVE", [])}
        self.mre = {r["usina"] for r in e.get("USINA_MRE", [])}
        self.contratos_ee = _sem_repetir(e.get("CONTRATO_EE", []), ("contrato", "perfil", "usina", "tipo_contrato"))
        usinas: dict[str, str] = {}
        for c in self.contratos_ee:
            if usinas.setdefault(c["contrato"], c["usina"]) != c["usina"]:
                raise ErroMecanismo("CONTRATO_EE", f"contrato {c['contrato']!r} com duas usinas (DECISÃO MC12)")
        self.cve = _sem_repetir(e.get("CVE", []), ("contrato", "perfil_vendedor", "submercado", "tipo_energia"))
        self._fcom: dict = {}
        self._fcomm: dict = {}
        self._fdng: dict = {}

    def _horario(self, nome: str, chaves: Sequence[str]) -> dict[tuple, dict[int, Decimal]]:
        out: dict[tuple, dict[int, Decimal]] = defaultdict(dict)
        for r in self.e.get(nome, []):
            k = tuple(r[c] for c in chaves) + (r["mes"],)
            hora = int(r["hora"])
            if hora in out[k]:
                raise ErroMecanismo(nome, f"chave repetida {k + (r['hora'],)}")
            out[k][hora] = _d(r[nome], nome)
        return out

    def _emit(self, nome: str, valor: Decimal, **chave: str) -> Decimal:
        self.out[nome].append({**chave, nome: valor})
        return valor

    # -- cmd 6: commercial operation factor
    def f_com(self, p: str, m: int) -> dict[int, Decimal]:
        """F_COM_MVE[p,j] for the hours j of month m (emitted once per plant-month)."""
        chave = (p, mes_texto(m))
        if chave in self._fcom:
            return self._fcom[chave]
        tipo = self.tipo_usina.get(p)
        if tipo is None:
            raise ErroMecanismo("USINA_MVE", f"usina {p!r} sem linha (tipo hidraulica ou outra)")
        res: dict[int, Decimal] = {}
        capt = self.h_CAPT.get(chave, {})
        caps = self.h_CAP.get(chave, {})

        def razao(hora: int) -> Decimal:
            den = capt.get(hora)
            if den is None or den == 0:
                raise ErroMecanismo("CAP_T_GF", f"usina {p!r}, {chave[1]}, hora {hora}: capacidade total ausente ou 0")
            return min(D1, quociente(caps.get(hora, D0), den, self.q))  # MVE cmd 6 (b)/(c)

        if tipo == HIDRAULICA:
            nub = self.NUB.get((p,))
            for hora, togu in sorted(self.h_TOGU.get(chave, {}).items()):
                if nub is not None and togu < nub:
                    gmot = self.GFIS_MOT.get((p, format(togu.normalize(), "f")))
                    if gmot is not None:  # MVE cmd 6 (a): hydro in motorization with GFIS_MOT (DECISÃO MC7)
                        gf = self.GF.get((p,))
                        if not gf:
                            raise ErroMecanismo("GF", f"usina {p!r}: garantia física ausente ou 0")
                        res[hora] = quociente(gmot, gf, self.q)
                    else:
                        res[hora] = razao(hora)  # MVE cmd 6 (b), TOGU < NUB
                else:
                    res[hora] = D1  # MVE cmd 6 (b), caso contrário
        else:
            for hora in sorted(capt):
                res[hora] = razao(hora)  # MVE cmd 6 (c)
        for hora, v in res.items():
            self._emit("F_COM_MVE", v, usina=p, hora=str(hora), mes=chave[1])
        self._fcom[chave] = res
        return res

    def f_com_m(self, p: str, mr: int) -> Decimal:
        chave = (p, mr)
        if chave not in self._fcomm:
            # MVE cmd 6: F_COM_MVE_M[p,mr] = Σ_{j∈mr} F_COM_MVE[p,j] / M_HORAS[mr]
            v = quociente(sum(self.f_com(p, mr).values(), D0), self.est.h(mr), self.q)
            self._fcomm[chave] = self._emit("F_COM_MVE_M", v, usina=p, mes=mes_texto(mr))
        return self._fcomm[chave]

    def f_com_jstar(self, p: str, m: int) -> Decimal:
        """F_COM_MVE[p,j*], j* = the last hour of month m present (DECISÃO MC8); 0 without rows."""
        horas = self.f_com(p, m)
        return horas[max(horas)] if horas else D0

    # -- cmd 7 (d)(e)(f): degradation factors of month mr
    def f_dng(self, p: str, mr: int) -> Decimal:
        chave = (p, mr)
        if chave in self._fdng:
            return self._fdng[chave]
        mt = mes_texto(mr)
        # MVE cmd 7 (f): F_DEG_M_MVE = Σ_{j∈mr} UXP_GLF·F_PRC_GF·F_COMERCIAL / M_HORAS (DECISÃO MC10: missing = 1)
        acum = D0
        for hora, fc in sorted(self.h_COM.get((p, mt), {}).items()):
            uxp = self.h_UXP.get((p, mt), {}).get(hora, D1)
            prc = self.h_PRC.get((p, mt), {}).get(hora, D1)
            acum += produto(produto(uxp, prc), fc)
        fdeg = self._emit("F_DEG_M_MVE", quociente(acum, self.est.h(mr), self.q), usina=p, mes=mt)
        # MVE cmd 7 (e): FNC_PROD_MVE = min(1, GF / (TOT_GF_PROD + Σ_{m∈f} Σ_{ECCEARQ} QM / Σ_{m∈f} M_HORAS))
        f = ano_de(mr)
        qm_ano = D0
        for c in self.contratos_ee:
            if c["usina"] == p and c["tipo_contrato"] == CCEAR_Q:
                qm_ano += sum((self.QM.get((c["contrato"], mes_texto(f * 12 + k)), D0) for k in range(12)), D0)
        den = self.TOT_GF_PROD.get((p, mt), D0) + quociente(qm_ano, self.est.horas_ano(f), self.q)
        gf = self.GF.get((p,), D0)
        fnc = D1 if den == 0 else min(D1, quociente(gf, den, self.q))  # DECISÃO MC11: nothing committed → 1
        self._emit("FNC_PROD_MVE", fnc, usina=p, mes=mt)
        # MVE cmd 7 (d): F_DNG_MVE (MRE hydro: no F_DISP)
        pen = self.F_PEN_LESP.get((p, mt), D0)
        base = produto(fnc, fdeg)
        if p not in self.mre:
            base = produto(self.F_DISP.get((p, mt), D1), base)
        v = self._emit("F_DNG_MVE", produto(base, D1 - pen), usina=p, mes=mt)
        self._fdng[chave] = v
        return v

    # -- cmd 7: special energy per contract, and MONT_EE
    def mont_ee(self, x: str, cal: dict[str, Any], vendedores: list[str], subs: list[str]) -> dict[tuple, Decimal]:
        m, _ = self.est.proc[x]
        fstar = ano_de(m)
        pdi_ano = str(fstar - 1)
        por_perfil: dict[tuple[str, int], Decimal] = defaultdict(lambda: D0)  # (a, f) → Σ_e energy (before FPC)
        for c in sorted(self.contratos_ee, key=lambda c: c["contrato"]):
            a, e, p, tipo = c["perfil"], c["contrato"], c["usina"], c["tipo_contrato"]
            if a not in vendedores:
                continue
            # MVE cmd 5: plants with F_PEN_LESP[p,m-3] = 1 are not considered (DECISÃO MC12: 0)
            if self.F_PEN_LESP.get((p, mes_texto(m - 3)), D0) == 1:
                continue
            pdi = self.F_PDI_GF.get((p, pdi_ano), D1)
            fcj = self.f_com_jstar(p, m - 2)
            for f in cal["anos"]:
                if f == fstar:
                    # MVE cmd 7 (a), processing year: months ant_v_dez = max(m-1, Jan f*)..Dec f* (DECISÃO MC13)
                    energia = D0
                    for mm in range(max(m - 1, fstar * 12), fstar * 12 + 12):
                        if tipo in (CCEAR_Q, CCEAR_D):
                            energia += self.QM.get((e, mes_texto(mm)), D0)
                        else:
                            energia += produto(self.MV.get((e, mes_texto(mm)), D0), self.est.h(mm))
                else:
                    # MVE cmd 7 (a), other years
                    if tipo == CCEAR_Q:
                        energia = self.QA.get((e, str(f)), D0)
                    elif tipo == CBR:
                        energia = sum((produto(self.MV.get((e, mes_texto(f * 12 + k)), D0), self.est.h(f * 12 + k))
                                       for k in range(12)), D0)
                    else:
                        energia = sum((produto(self.MMC.get((e, mes_texto(f * 12 + k)), D0), self.est.h(f * 12 + k))
                                       for k in range(12)), D0)
                prev = self._emit("EE_PREV_OP", produto(produto(energia, fcj), pdi), contrato=e, processamento=x,
                                  ano=str(f))
                total = prev
                if f == fstar:
                    # MVE cmd 7 (b): EE_ANT_OP = QM[e,m-2] × F_COM_MVE_M[p,m-2] × F_PDI_GF (m-2 in f*)
                    if ano_de(m - 2) == fstar:
                        ant = produto(produto(self.QM.get((e, mes_texto(m - 2)), D0), self.f_com_m(p, m - 2)), pdi)
                    else:
                        ant = D0
                    self._emit("EE_ANT_OP", ant, contrato=e, processamento=x)
                    # MVE cmd 7 (c): EE_ANT_DG = Σ_{mr ∈ Jan f*..m-3} QM × F_PDI_GF × F_DNG_MVE
                    dg = D0
                    for mr in range(fstar * 12, m - 2):
                        dg += produto(produto(self.QM.get((e, mes_texto(mr)), D0), pdi), self.f_dng(p, mr))
                    self._emit("EE_ANT_DG", dg, contrato=e, processamento=x)
                    total = prev + ant + dg
                por_perfil[(a, f)] += total
        saida: dict[tuple, Decimal] = {}
        for a in vendedores:
            for s in subs:
                fpc_h = self.h_FPC.get((a, s, mes_texto(m - 3)), {})
                fpc = fpc_h[max(fpc_h)] if fpc_h else D0  # j* = last hour of m-3 present (DECISÃO MC8)
                for f in cal["anos"]:
                    # MVE cmd 7: MONT_EE = Σ_e (...) × FPC[a,s,j*]
                    v = produto(por_perfil.get((a, f), D0), fpc)
                    saida[(a, s, f)] = self._emit("MONT_EE", v, perfil=a, submercado=s, processamento=x, ano=str(f))
        return saida

    def vendas(self, a: str, s: str, meses_: Sequence[int], especial: bool) -> Decimal:
        """Σ MV[e,m] × M_HORAS[m] of a's earlier surplus-sale contracts registered in s (CVE or CVE_ESP)."""
        total = D0
        for c in self.cve:
            if c["perfil_vendedor"] != a or c["submercado"] != s or (especial and c["tipo_energia"] != CE):
                continue
            for mm in meses_:
                total += produto(self.MV.get((c["contrato"], mes_texto(mm)), D0), self.est.h(mm))
        return total

    def calcular(self, x: str, vendedores: list[str], subs: list[str]) -> dict[str, dict[tuple, Decimal]]:
        est, q = self.est, self.q
        cal = est.calendario(x)
        m, _ = est.proc[x]
        r: dict[str, dict[tuple, Decimal]] = defaultdict(dict)
        mont_ee = self.mont_ee(x, cal, vendedores, subs)
        # f* of cmd 9: the last December on or before the processing
        fref = ano_de(m) if m % 12 == 11 else ano_de(m) - 1
        dez = fref * 12 + 11
        ultimo = dez - self.cfg.defasagem_contabilizacao
        meses_12 = [mes_texto(k) for k in range(ultimo - 11, ultimo + 1)]  # DECISÃO MC9
        for a in vendedores:
            for s in subs:
                ch = dict(perfil=a, submercado=s, processamento=x)
                # MVE cmd 9 (a): TRC_ANUAL_MVE = Σ_{m∈12M} Σ_{j∈m} TRC_H
                trc = sum((sum(self.h_TRC.get((a, s, mm), {}).values(), D0) for mm in meses_12), D0)
                self._emit("TRC_ANUAL_MVE", trc, perfil=a, submercado=s, ano=str(fref))
                for f in cal["anos"]:
                    fs = str(f)
                    lim = self.LIM_MVE.get((a, x, fs))
                    if lim is None:
                        raise ErroMecanismo("LIM_MVE", f"perfil {a!r}, processamento {x!r}, ano {fs}: sem limite")
                    trc_pre = self._emit("TRC_PRE_MVE", produto(lim, trc), **ch, ano=fs)  # MVE cmd 9
                    anos_m = range(f * 12, f * 12 + 12)
                    # MVE cmd 13: QUANT_TOT_DISP = max(0, TRC_PRE_MVE − Σ_{CVE} MV × V_HORAS[v*])
                    qtd = self._emit("QUANT_TOT_DISP", max(D0, trc_pre - self.vendas(a, s, anos_m, False)), **ch, ano=fs)
                    hf = est.horas_ano(f)
                    r["QUANT_TOT_DISP"][(a, s, f)] = qtd
                    r["QUANT_TOT_DISP_MED"][(a, s, f)] = self._emit("QUANT_TOT_DISP_MED", quociente(qtd, hf, q), **ch,
                                                                    ano=fs)  # MVE cmd 14
                    # MVE cmd 8: MONT_ATUAL_EE = max(0, MONT_EE − Σ_{CVE_ESP} MV × V_HORAS[v*])
                    atual = self._emit("MONT_ATUAL_EE", max(D0, mont_ee[(a, s, f)] - self.vendas(a, s, anos_m, True)),
                                       **ch, ano=fs)
                    r["MONT_ATUAL_EE"][(a, s, f)] = atual
                    # MVE cmd 22: QUANT_DISP_EE = min(MONT_ATUAL_EE, QUANT_TOT_DISP); cmd 23: MWmédio
                    qde = self._emit("QUANT_DISP_EE", min(atual, qtd), **ch, ano=fs)
                    r["QUANT_DISP_EE"][(a, s, f)] = qde
                    r["QUANT_DISP_EE_MED"][(a, s, f)] = self._emit("QUANT_DISP_EE_MED", quociente(qde, hf, q), **ch,
                                                                   ano=fs)
                # MVE cmds 15, 24: the annual path (min over the years of v; DECISÃO MC5 for intra-annual)
                for v in cal["pluri"]:
                    r["QUANT_TOT_DISP_V_MED"][(a, s, v.nome)] = self._emit(
                        "QUANT_TOT_DISP_V_MED", min(r["QUANT_TOT_DISP_MED"][(a, s, f)] for f in v.anos), **ch,
                        vigencia=v.nome)
                    r["QUANT_DISP_EE_V_MED"][(a, s, v.nome)] = self._emit(
                        "QUANT_DISP_EE_V_MED", min(r["QUANT_DISP_EE_MED"][(a, s, f)] for f in v.anos), **ch,
                        vigencia=v.nome)
                # MVE cmds 10, 11, 16, 25: the regulatory windows (3-month vigências; monthly ones outside them)
                for w in cal["jan"]:
                    lim = self.LIM_MVE_VIG.get((a, x, w.nome))
                    if lim is None:
                        raise ErroMecanismo("LIM_MVE_VIG", f"perfil {a!r}, processamento {x!r}, vigência {w.nome!r}: "
                                                           "sem limite")
                    tv = self._emit("TRC_PRE_MVE_VIG", produto(lim, trc), **ch, vigencia=w.nome)  # cmd 10
                    r["TRC_PRE_MVE_MED"][(a, s, w.nome)] = self._emit(
                        "TRC_PRE_MVE_MED", quociente(tv, est.v_horas(w), q), **ch, vigencia=w.nome)  # cmd 11
                    fw = ano_de(w.inicio)  # DECISÃO MC14: the year of the window
                    qtv = self._emit("QUANT_TOT_DISP_VIG", min(tv, r["QUANT_TOT_DISP"][(a, s, fw)]), **ch,
                                     vigencia=w.nome)  # cmd 16
                    r["QUANT_TOT_DISP_VIG"][(a, s, w.nome)] = qtv
                    qev = self._emit("QUANT_DISP_EE_VIG", min(qtv, r["QUANT_DISP_EE"][(a, s, fw)]), **ch,
                                     vigencia=w.nome)  # cmd 25
                    if w.classe == TRIMESTRAL:
                        self._emit("QUANT_DISP_VIG_MED_P", quociente(qtv, est.v_horas(w), q), **ch,
                                   vigencia=w.nome)  # cmd 17
                        r["QUANT_DISP_EE_VIG_MED"][(a, s, w.nome)] = self._emit(
                            "QUANT_DISP_EE_VIG_MED", quociente(qev, est.v_horas(w), q), **ch, vigencia=w.nome)  # cmd 26
                # MVE cmds 18–20, 27–28: monthly vigências
                for mv in cal["mensais"]:
                    mm = mv.inicio
                    hm = est.h(mm)
                    pre = min(min(r["QUANT_TOT_DISP_VIG"][(a, s, w.nome)], produto(r["TRC_PRE_MVE_MED"][(a, s, w.nome)], hm))
                              for w in cal["janelas"][mv.nome])  # cmd 18 (DECISÃO MC3: min over its windows)
                    self._emit("QUANT_PRE_DISP_MENSAL", pre, **ch, vigencia=mv.nome)
                    # cmd 19 (DECISÃO MC15: clamped at 0, the output's range)
                    tot_m = self._emit("QUANT_TOT_DISP_MENSAL", max(D0, pre - self.vendas(a, s, [mm], False)), **ch,
                                       vigencia=mv.nome)
                    r["QUANT_TOT_DISP_MENSAL_MED"][(a, s, mv.nome)] = self._emit(
                        "QUANT_TOT_DISP_MENSAL_MED", quociente(tot_m, hm, q), **ch, vigencia=mv.nome)  # cmd 20
                    ee_m = self._emit("QUANT_DISP_EE_MENSAL", min(r["QUANT_DISP_EE"][(a, s, ano_de(mm))], tot_m), **ch,
                                      vigencia=mv.nome)  # cmd 27
                    r["QUANT_MENSAL_MED"][(a, s, mv.nome)] = self._emit(
                        "QUANT_MENSAL_MED", quociente(ee_m, hm, q), **ch, vigencia=mv.nome)  # cmd 28
                # MVE cmd 21: QUANT_TOT_DISP_VIG_MED = min over the months of the quarter
                for w in cal["tri"]:
                    r["QUANT_TOT_DISP_VIG_MED"][(a, s, w.nome)] = self._emit(
                        "QUANT_TOT_DISP_VIG_MED",
                        min(r["QUANT_TOT_DISP_MENSAL_MED"][(a, s, est.mensal(mm).nome)] for mm in w.meses), **ch,
                        vigencia=w.nome)
        return r


# ----------------------------------------------------------------------------------------------------
# Anexo II — the clearing of one product (cmds 84, 88, 89)
# ----------------------------------------------------------------------------------------------------


def _rateio(quantidades: list[int], ids: list[str], alocar: int) -> list[int]:
    """Pro rata of ``alocar`` lots among bids of equal price (largest remainder; ties: bid id)."""
    total = sum(quantidades)
    if alocar >= total:
        return list(quantidades)
    base = [qq * alocar // total for qq in quantidades]
    resto = [qq * alocar % total for qq in quantidades]
    falta = alocar - sum(base)
    ordem = sorted(range(len(quantidades)), key=lambda i: (-resto[i], ids[i]))
    for i in ordem[:falta]:
        base[i] += 1
    return base


def liquidar_produto(vendas: list[tuple[str, Decimal, int]], compras: list[tuple[str, Decimal, int]]
                     ) -> tuple[dict[str, int], dict[str, int], int, Decimal | None, Decimal | None]:
    """The crossing of one product's book: (lots per sale bid, lots per buy bid, lots traded, marginal buy
    price, marginal sale price). ``vendas``/``compras``: (bid id, price, lots). Sale bids ranked up, buy bids
    down; a unit trades while the buyer's price ≥ the seller's; bids of the marginal price share pro rata."""
    grupos_v: dict[Decimal, list[tuple[str, int]]] = defaultdict(list)
    grupos_c: dict[Decimal, list[tuple[str, int]]] = defaultdict(list)
    for i, p, qq in vendas:
        grupos_v[p].append((i, qq))
    for i, p, qq in compras:
        grupos_c[p].append((i, qq))
    pv = sorted(grupos_v)
    pc = sorted(grupos_c, reverse=True)
    rv = [sum(qq for _, qq in grupos_v[p]) for p in pv]
    rc = [sum(qq for _, qq in grupos_c[p]) for p in pc]
    av, ac = [0] * len(pv), [0] * len(pc)
    i = j = 0
    total = 0
    marg_c = marg_v = None
    while i < len(pc) and j < len(pv) and pc[i] >= pv[j]:
        x = min(rc[i] - ac[i], rv[j] - av[j])
        ac[i] += x
        av[j] += x
        total += x
        marg_c, marg_v = pc[i], pv[j]
        if ac[i] == rc[i]:
            i += 1
        if av[j] == rv[j]:
            j += 1
    lotes_v: dict[str, int] = {}
    lotes_c: dict[str, int] = {}
    for k, p in enumerate(pv):
        ids = [b for b, _ in grupos_v[p]]
        for b, n in zip(ids, _rateio([qq for _, qq in grupos_v[p]], ids, av[k])):
            lotes_v[b] = n
    for k, p in enumerate(pc):
        ids = [b for b, _ in grupos_c[p]]
        for b, n in zip(ids, _rateio([qq for _, qq in grupos_c[p]], ids, ac[k])):
            lotes_c[b] = n
    return lotes_v, lotes_c, total, marg_c, marg_v


def _admitir(lances: list[tuple[str, int]], limite: int) -> dict[str, int]:
    """Prefix rule (DECISÃO MC16): bids in id order are admitted whole while they fit, the first that does not
    fit is cut to what is left, later ones get 0."""
    out: dict[str, int] = {}
    resto = max(0, limite)
    for b, qq in sorted(lances):
        n = min(qq, resto)
        out[b] = n
        resto -= n
    return out


# ----------------------------------------------------------------------------------------------------
# The run
# ----------------------------------------------------------------------------------------------------


def _lotes(valor: Decimal, lote: Decimal, tabela: str, onde: str) -> int:
    with decimal.localcontext(CONTEXTO):
        n = valor / lote
    if n != n.to_integral_value() or n <= 0:
        raise ErroMecanismo(tabela, f"{onde}: quantidade {valor} não é um múltiplo positivo do lote {lote}")
    return int(n)


Livro = tuple[list[tuple[str, Decimal, int]], list[tuple[str, Decimal, int]]]


def limpar_um_a_um(livros: list[Livro]) -> list[tuple]:
    """The naive clearing: each product's book with :func:`liquidar_produto`."""
    return [liquidar_produto(v, c) for v, c in livros]


def processar_referencia(entradas: Mapping[str, Linhas], configuracao: Configuracao | None = None,
                         limpar: Any = limpar_um_a_um) -> dict[str, list[dict[str, Any]]]:
    """Every output table of the mechanism, per row, exact (see the module docstring). ``limpar``: the
    clearing of a round's books (the engine passes the vectorized one, ``leilao``)."""
    cfg = configuracao or Configuracao()
    with decimal.localcontext(CONTEXTO):
        return _processar(entradas, cfg, limpar)


def _processar(e: Mapping[str, Linhas], cfg: Configuracao, limpar: Any) -> dict[str, list[dict[str, Any]]]:
    est = Estrutura(e)
    q = cfg.q
    agente = {r["perfil"]: r["agente"] for r in e.get("A_ALPHA", [])}
    especiais = {r["perfil"] for r in e.get("CONSUMIDOR_ESPECIAL", [])}
    lim = Limites(e, est, cfg)
    out = lim.out
    emit = lambda nome, valor, **ch: out[nome].append({**ch, nome: valor})  # noqa: E731
    vendas_por_prod: dict[str, list[dict]] = defaultdict(list)
    compras_por_prod: dict[str, list[dict]] = defaultdict(list)
    for r in e.get("LANCE_VENDA", []):
        vendas_por_prod[r["produto"]].append(r)
    for r in e.get("LANCE_COMPRA", []):
        compras_por_prod[r["produto"]].append(r)
    ap = _idx(e.get("VLR_AP_GP_MVE", []), ("agente", "processamento"), "VLR_AP_GP_MVE")
    ref = _idx(e.get("VLR_REF_GP_A", []), ("agente", "processamento", "ano"), "VLR_REF_GP_A")
    lances_out: list[dict[str, Any]] = []
    equilibrio: list[dict[str, Any]] = []
    vend_prod_total: dict[tuple, dict[str, int]] = {}  # (produto) → seller → lots
    adq_lance: dict[str, dict[str, int]] = {}  # produto → lance_compra → lots

    for x in sorted(est.proc):
        prods = sorted((p for p in est.produtos.values() if p["processamento"] == x), key=lambda p: p["produto"])
        if not prods:
            continue
        m_x, anterior = est.proc[x]
        cal = est.calendario(x)
        subs = sorted({p["submercado"] for p in prods})
        vendedores = sorted({r["perfil_vendedor"] for p in prods for r in vendas_por_prod[p["produto"]]})
        com_limite = sorted({r["perfil"] for r in e.get("LIM_MVE", []) if r["processamento"] == x})
        aplicar = cfg.limites == "aplicar"
        if aplicar:
            sem = [a for a in vendedores if a not in com_limite]
            if sem:
                raise ErroMecanismo("LIM_MVE", f"o vendedor {sem[0]!r} tem lances no processamento {x!r} e nenhum "
                                               "limite (LIM_MVE); use limites='ignorar' para liquidar sem limites")
        L = lim.calcular(x, com_limite, subs) if com_limite else defaultdict(dict)
        # MVE cmd 106: LOT_INI_DNEG_MVE = VLR_AP_GP_MVE / VLR_REF_GP_A[f] (only with Financial Guarantees)
        compradores = sorted({r["perfil_comprador"] for p in prods for r in compras_por_prod[p["produto"]]})
        agentes_c = sorted({agente[a] for a in compradores if a in agente})
        for a in compradores:
            if a not in agente:
                raise ErroMecanismo("A_ALPHA", f"perfil comprador {a!r} sem agente")
        lotes_disp: dict[str, Decimal] = {}
        if not anterior:
            for al in agentes_c:
                vap = ap.get((al, x), D0)
                vref = ref.get((al, x, str(ano_de(m_x))))
                if vref is None or vref == 0:
                    if vap == 0:
                        ini = D0
                    else:
                        raise ErroMecanismo("VLR_REF_GP_A", f"agente {al!r}, processamento {x!r}: sem valor de "
                                                            "referência para o ano do processamento")
                else:
                    ini = quociente(vap, vref, q)
                emit("LOT_INI_DNEG_MVE", ini, agente=al, processamento=x)
                lotes_disp[al] = ini
        # availability at the start of round 1 (cmds 96–99, "antes da primeira rodada")
        chaves_as = [(a, s) for a in com_limite for s in subs]
        tot_a = {(a, s, f): L["QUANT_TOT_DISP"][(a, s, f)] for a, s in chaves_as for f in cal["anos"]}
        ee_a = {(a, s, f): L["MONT_ATUAL_EE"][(a, s, f)] for a, s in chaves_as for f in cal["anos"]}
        pluri = {(a, s, v.nome): L["QUANT_TOT_DISP_V_MED"][(a, s, v.nome)] for a, s in chaves_as for v in cal["pluri"]}
        pluri_ee = {(a, s, v.nome): L["QUANT_DISP_EE_V_MED"][(a, s, v.nome)] for a, s in chaves_as for v in cal["pluri"]}
        mensal = {(a, s, v.nome): L["QUANT_TOT_DISP_MENSAL_MED"][(a, s, v.nome)] for a, s in chaves_as
                  for v in cal["mensais"]}
        mensal_ee = {(a, s, v.nome): L["QUANT_MENSAL_MED"][(a, s, v.nome)] for a, s in chaves_as for v in cal["mensais"]}
        tri_ee = {(a, s, v.nome): L["QUANT_DISP_EE_VIG_MED"][(a, s, v.nome)] for a, s in chaves_as for v in cal["tri"]}

        def tri_tot(a: str, s: str, w: Vigencia) -> Decimal:
            return min(mensal[(a, s, est.mensal(mm).nome)] for mm in w.meses)  # MVE cmd 98

        rodadas = sorted({p["rodada_n"] for p in prods})
        for n_r in rodadas + [rodadas[-1] + 1]:
            rx = str(n_r)
            # emit the availability at the start of round rx (round R+1 = the balance after the last round)
            for a, s in chaves_as:
                ch = dict(perfil=a, submercado=s, processamento=x)
                for f in cal["anos"]:
                    hf = est.horas_ano(f)
                    emit("QUANT_TOT_DISP_A", tot_a[(a, s, f)], **ch, ano=str(f), rodada=rx)
                    emit("QUANT_TOT_A_DISP_MED", quociente(tot_a[(a, s, f)], hf, q), **ch, ano=str(f), rodada=rx)
                    emit("QUANT_DISP_EE_A", ee_a[(a, s, f)], **ch, ano=str(f), rodada=rx)
                    emit("QUANT_DISP_EE_A_MED", quociente(ee_a[(a, s, f)], hf, q), **ch, ano=str(f), rodada=rx)
                for v in cal["pluri"]:
                    emit("QUANT_TOT_PLURI_DISP_MED", pluri[(a, s, v.nome)], **ch, vigencia=v.nome, rodada=rx)
                    emit("QUANT_DISP_PLURI_EE_MED", pluri_ee[(a, s, v.nome)], **ch, vigencia=v.nome, rodada=rx)
                for v in cal["mensais"]:
                    emit("QUANT_TOT_A_DISP_MENSAL", mensal[(a, s, v.nome)], **ch, vigencia=v.nome, rodada=rx)
                    emit("QUANT_DISP_A_EE_MENSAL", mensal_ee[(a, s, v.nome)], **ch, vigencia=v.nome, rodada=rx)
                for v in cal["tri"]:
                    emit("QUANT_TOT_A_DISP_VIG", tri_tot(a, s, v), **ch, vigencia=v.nome, rodada=rx)
                    emit("QUANT_DISP_A_EE_VIG", tri_ee[(a, s, v.nome)], **ch, vigencia=v.nome, rodada=rx)
            if n_r not in rodadas:
                break
            neg: dict[tuple, Decimal] = defaultdict(lambda: D0)  # (a, s, v, te) → MWm sold in the round
            adq_agente: dict[str, Decimal] = defaultdict(lambda: D0)
            # buyer admission across the round's products (cmds 101, 107: lots per processing, MWh)
            compras_rodada = sorted(((r["lance_compra"], r, p) for p in prods if p["rodada_n"] == n_r
                                     for r in compras_por_prod[p["produto"]]), key=lambda t: t[0])
            adm_c: dict[str, int] = {}
            motivo_c: dict[str, str] = {}
            resto_mwh = dict(lotes_disp)
            for b, r, p in compras_rodada:
                nl = _lotes(_d(r["QUANTIDADE"], "LANCE_COMPRA"), p["LOTE"], "LANCE_COMPRA", f"lance {b!r}")
                if r["perfil_comprador"] in especiais and p["tipo_energia"] == CNE:
                    adm_c[b], motivo_c[b] = 0, "consumidor_especial"  # MVE cmd 81
                    continue
                al = agente[r["perfil_comprador"]]
                if aplicar and not anterior:
                    mwh_lote = produto(p["LOTE"], est.v_horas(est.vig[p["vigencia"]]))
                    cabe = max(0, int(resto_mwh.get(al, D0) // mwh_lote)) if mwh_lote > 0 else nl
                    n = min(nl, cabe)  # MVE cmds 100–101, 107: lots (MWh) of the Participation Guarantee
                    resto_mwh[al] = resto_mwh.get(al, D0) - produto(mwh_lote, Decimal(n)) if n == nl else D0
                    adm_c[b], motivo_c[b] = n, ("" if n == nl else "lotes")
                else:
                    adm_c[b], motivo_c[b] = nl, ""
            livros = []
            for p in [p for p in prods if p["rodada_n"] == n_r]:
                pid, lote, v = p["produto"], p["LOTE"], est.vig[p["vigencia"]]
                s, te, tp = p["submercado"], p["tipo_energia"], p["tipo_preco"]
                prod_cols = {"submercado": s, "processamento": x, "vigencia": v.nome, "tipo_energia": te,
                             "tipo_preco": tp}
                # seller admission: the product's availability for the round (cmds 77, 80, 96–99)
                por_vend: dict[str, list[tuple[str, int]]] = defaultdict(list)
                q_v: dict[str, int] = {}
                for r in vendas_por_prod[pid]:
                    nl = _lotes(_d(r["QUANTIDADE"], "LANCE_VENDA"), lote, "LANCE_VENDA", f"lance {r['lance_venda']!r}")
                    q_v[r["lance_venda"]] = nl
                    por_vend[r["perfil_vendedor"]].append((r["lance_venda"], nl))
                adm_v: dict[str, int] = {}
                for a, ls in por_vend.items():
                    if aplicar:
                        k = (a, s, v.nome)
                        if v.classe == PLURI:
                            disp = pluri_ee[k] if te == CE else pluri[k]
                        elif v.classe == TRIMESTRAL:
                            disp = tri_ee[k] if te == CE else tri_tot(a, s, v)
                        else:
                            disp = mensal_ee[k] if te == CE else mensal[k]
                        adm_v.update(_admitir(ls, int(max(D0, disp) // lote)))
                    else:
                        adm_v.update({b: nl for b, nl in ls})
                vendas = [(r["lance_venda"], _d(r["PRECO"], "LANCE_VENDA"), adm_v[r["lance_venda"]])
                          for r in vendas_por_prod[pid] if adm_v[r["lance_venda"]] > 0]
                compras = [(r["lance_compra"], _d(r["PRECO"], "LANCE_COMPRA"), adm_c[r["lance_compra"]])
                           for r in compras_por_prod[pid] if adm_c[r["lance_compra"]] > 0]
                livros.append((p, prod_cols, q_v, adm_v, vendas, compras))
            resultados = limpar([(vendas, compras) for *_, vendas, compras in livros])
            for (p, prod_cols, q_v, adm_v, vendas, compras), (lv, lc, total, mc, mvv) in zip(livros, resultados):
                pid, lote, v = p["produto"], p["LOTE"], est.vig[p["vigencia"]]
                s, te, tp = p["submercado"], p["tipo_energia"], p["tipo_preco"]
                equilibrio.append({"produto": pid, **prod_cols, "rodada": rx,
                                   "QUANT_NEGOCIADA": produto(Decimal(total), lote),
                                   "DEMANDA": produto(Decimal(sum(c[2] for c in compras)), lote),
                                   "OFERTA": produto(Decimal(sum(c[2] for c in vendas)), lote),
                                   "PRECO_MARGINAL_COMPRA": mc, "PRECO_MARGINAL_VENDA": mvv})
                por_perfil: dict[str, int] = defaultdict(int)
                for r in vendas_por_prod[pid]:
                    b, a = r["lance_venda"], r["perfil_vendedor"]
                    n = lv.get(b, 0)
                    por_perfil[a] += n
                    # MVE cmd 89: LV Atendido = MONT_VEND_PROD_A
                    emit("MONT_VEND_PROD_A", produto(Decimal(n), lote), lance_venda=b, perfil_vendedor=a, **prod_cols)
                    motivo = "" if adm_v[b] == q_v[b] else "limite"
                    lances_out.append({"lado": "V", "lance": b, "perfil": a, "produto": pid, "rodada": rx,
                                       "motivo": motivo, "QUANTIDADE": _d(r["QUANTIDADE"], "LANCE_VENDA"),
                                       "QUANT_ADMITIDA": produto(Decimal(adm_v[b]), lote),
                                       "QUANT_ATENDIDA": produto(Decimal(n), lote), "PRECO": _d(r["PRECO"], "LANCE_VENDA")})
                adq_lance[pid] = {}
                for r in compras_por_prod[pid]:
                    b, a = r["lance_compra"], r["perfil_comprador"]
                    n = lc.get(b, 0)
                    adq_lance[pid][b] = n
                    mont = emit("MONT_ADQ_PROD_A", produto(Decimal(n), lote), lance_compra=b, perfil_comprador=a,
                                **prod_cols)  # MVE cmd 89: LC Atendido = MONT_ADQ_PROD_A
                    del mont
                    preco = _d(r["PRECO"], "LANCE_COMPRA")
                    if n > 0:  # MVE cmds 84, 89: the accepted buy bid's price (PF) or spread (PV)
                        emit("PRECO_N_MVE" if tp == PF else "SPREAD_N_MVE", preco, lance_compra=b, **prod_cols)
                    adq_agente[agente[a]] += produto(produto(Decimal(n), lote), est.v_horas(v))
                    lances_out.append({"lado": "C", "lance": b, "perfil": a, "produto": pid, "rodada": rx,
                                       "motivo": motivo_c[b], "QUANTIDADE": _d(r["QUANTIDADE"], "LANCE_COMPRA"),
                                       "QUANT_ADMITIDA": produto(Decimal(adm_c[b]), lote),
                                       "QUANT_ATENDIDA": produto(Decimal(n), lote), "PRECO": preco})
                vend_prod_total[pid] = dict(por_perfil)
                for a, n in sorted(por_perfil.items()):
                    mvp = produto(Decimal(n), lote)
                    emit("MONT_VEND_PROD", mvp, perfil=a, **prod_cols)  # MVE cmd 90
                    neg[(a, s, v.nome, te)] += mvp
            # MVE cmds 92–95: quantities negotiated by each seller in the round
            for a, s in chaves_as:
                ch = dict(perfil=a, submercado=s, processamento=x)
                for v in est.vigencias_do(x):
                    if not any(p["rodada_n"] == n_r and p["vigencia"] == v.nome and p["submercado"] == s for p in prods):
                        continue
                    for te, nome, sufixo in ((CE, "QUANT_NEG_CE", "CE"), (CNE, "QUANT_NEG_CNE", "CNE")):
                        val = neg[(a, s, v.nome, te)]
                        emit(nome, val, **ch, vigencia=v.nome, rodada=rx)  # cmd 92
                        extra = {PLURI: "_PLU", TRIMESTRAL: "_VIG", MENSAL: "_M"}[v.classe]
                        emit(f"QUANT_NEG_{sufixo}{extra}", val, **ch, vigencia=v.nome, rodada=rx)  # cmds 93–95
            # MVE cmds 96–99: availability for round rx+1 (DECISÃO MC17: caps use the post-round values)
            for a, s in chaves_as:
                novo_tot, novo_ee = {}, {}
                for f in cal["anos"]:
                    vend_f = D0
                    vend_f_ce = D0
                    for v in est.vigencias_do(x):
                        hv = est.v_horas(v, f)
                        vend_f += produto(neg[(a, s, v.nome, CE)] + neg[(a, s, v.nome, CNE)], hv)
                        vend_f_ce += produto(neg[(a, s, v.nome, CE)], hv)
                    novo_tot[f] = tot_a[(a, s, f)] - vend_f  # cmd 96
                    novo_ee[f] = min(novo_tot[f], ee_a[(a, s, f)] - vend_f_ce)  # cmd 99
                tot_med = {f: quociente(novo_tot[f], est.horas_ano(f), q) for f in cal["anos"]}  # cmd 96 (a)
                ee_med = {f: quociente(novo_ee[f], est.horas_ano(f), q) for f in cal["anos"]}  # cmd 99 (a)
                for f in cal["anos"]:
                    tot_a[(a, s, f)], ee_a[(a, s, f)] = novo_tot[f], novo_ee[f]
                for v in cal["pluri"]:
                    k = (a, s, v.nome)
                    pluri[k] = min(tot_med[f] for f in v.anos)  # cmd 97
                    pluri_ee[k] = min(pluri[k], min(ee_med[f] for f in v.anos))  # cmd 98 (a)
                for mv in cal["mensais"]:
                    k = (a, s, mv.nome)
                    vend_m = neg[(a, s, mv.nome, CE)] + neg[(a, s, mv.nome, CNE)]
                    vend_q = sum((neg[(a, s, w.nome, CE)] + neg[(a, s, w.nome, CNE)] for w in cal["tri"]
                                  if w.contem(mv.inicio)), D0)
                    vend_m_ce = neg[(a, s, mv.nome, CE)]
                    mensal[k] = min(tot_med[ano_de(mv.inicio)], mensal[k] - vend_m - vend_q)  # cmd 97 (a)
                    mensal_ee[k] = min(mensal[k], mensal_ee[k] - vend_m_ce)  # cmd 99 (c)
                for w in cal["tri"]:
                    k = (a, s, w.nome)
                    tri_ee[k] = min(tri_tot(a, s, w), tri_ee[k] - neg[(a, s, w.nome, CE)])  # cmd 99 (b)
            # MVE cmds 102–103: the buyers' lots after the round
            if not anterior:
                for al in agentes_c:
                    lneg = adq_agente.get(al, D0)
                    emit("LOT_NEG_MVE", lneg, agente=al, processamento=x, rodada=rx)  # cmd 103
                    lotes_disp[al] = lotes_disp[al] - lneg
                    emit("LOT_ATUAL_DNEG_MVE", lotes_disp[al], agente=al, processamento=x, rodada=rx)  # cmd 102
        # §2.2 — contract amounts (cmds 31–34)
        pares: list[tuple[str, str, str, str, Decimal]] = []
        for p in prods:
            pid, lote, v = p["produto"], p["LOTE"], p["vigencia"]
            prod_cols = {"submercado": p["submercado"], "processamento": x, "vigencia": v,
                         "tipo_energia": p["tipo_energia"], "tipo_preco": p["tipo_preco"]}
            compras_ok = sorted((b, n) for b, n in adq_lance.get(pid, {}).items() if n > 0)
            vend_ok = sorted((a, n) for a, n in vend_prod_total.get(pid, {}).items() if n > 0)
            total = sum(n for _, n in compras_ok)
            for b, n in compras_ok:
                # MVE cmd 32: F_LCOMP_MVE_TOT = MONT_ADQ_PROD_A / Σ MONT_ADQ_PROD_A (lots cancel the lot size)
                emit("F_LCOMP_MVE_TOT", quociente(Decimal(n), Decimal(total), q), lance_compra=b, **prod_cols)
            fator = int(lote.scaleb(cfg.casas_contrato))
            if fator != lote.scaleb(cfg.casas_contrato):
                raise ErroMecanismo("PRODUTOS_LEILAO", f"lote {lote} com mais de {cfg.casas_contrato} casas")
            x_ij = arredondar_pares([n for _, n in vend_ok], [n for _, n in compras_ok], total, fator)
            te, tp = p["tipo_energia"], p["tipo_preco"]
            nome32 = {(CE, PF): "MV_MVE_ESP_PF", (CE, "PV"): "MV_MVE_ESP_PV", (CNE, PF): "MV_MVE_NESP_PF",
                      (CNE, "PV"): "MV_MVE_NESP_PV"}[(te, tp)]
            for i, (a, _) in enumerate(vend_ok):
                for j, (b, _) in enumerate(compras_ok):
                    valor = Decimal(x_ij[i][j]).scaleb(-cfg.casas_contrato)
                    for nome in ("MV_MVE_ESP_PF", "MV_MVE_ESP_PV", "MV_MVE_NESP_PF", "MV_MVE_NESP_PV"):
                        if nome == nome32:  # MVE cmd 32 (a)–(d): only the product's own family is non-zero
                            emit(nome, valor, perfil_vendedor=a, lance_compra=b, **prod_cols)
                    emit("MV_RES_MVE", valor, perfil_vendedor=a, lance_compra=b, **prod_cols)  # MVE cmd 33
                    if valor > 0:
                        pares.append((pid, a, b, v, valor))
        # MVE cmd 34: one CCEAL e per positive MV_RES_MVE, MV_MVE_PRE[e,v] = MV_RES_MVE (DECISÃO MC20: codes)
        for n, (pid, a, b, v, valor) in enumerate(sorted(pares, key=lambda t: t[:3]), 1):
            emit("MV_MVE_PRE", valor, contrato=codigo_contrato(x, n), vigencia=v)
    out["RESULTADO_LANCE"] = lances_out
    out["EQUILIBRIO_MVE"] = equilibrio
    return dict(out)


__all__ = ["Estrutura", "Limites", "liquidar_produto", "processar_referencia"]
