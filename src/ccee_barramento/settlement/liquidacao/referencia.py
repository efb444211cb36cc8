"""Naive per-row reference implementation of the Liquidação rules (plain dicts, loops, ``decimal.Decimal``).

The same rules and decisions as the vectorized engine (``motor.py``), written the obvious way, one row
at a time, so the tests can check the engine against it on random inputs and the benchmark can
measure the engine against it. It is not used by the engine.

Interface::

    saidas, estado = calcular_meses(entradas, ["2026-01", "2026-02"], configuracao, estado=None)

``entradas``: table name → list of row dicts (index columns as text, ``mes`` "YYYY-MM", values as
``Decimal``/``int``/``str``). ``saidas``: table name → list of row dicts, values rounded by
``configuracao.arredondamento`` (``exatas=True`` skips the rounding). ``estado``: (mes, {agente: V_INAD}).
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any, Iterable, Mapping, Sequence

from ..exact import CONTEXTO, ZERO, decimal_exato, dividir_decimal
from ..runner import mes_anterior, mes_para_int
from ..tables import ErroTabela
from .esquema import ENTRADAS, SAIDAS, Configuracao
from .mapa import alocar, unidade_alocacao

Linhas = Sequence[Mapping[str, Any]]


def _por_mes(linhas: Linhas, nome: str, chave: tuple[str, ...], valor: str) -> dict[str, dict]:
    """{mes: {chave: valor}} (chave is one column's text, or a tuple for several); a repeated key is an error."""
    saida: dict[str, dict] = {}
    for linha in linhas:
        k = str(linha[chave[0]]) if len(chave) == 1 else tuple(str(linha[c]) for c in chave)
        do_mes = saida.setdefault(str(linha["mes"]), {})
        if k in do_mes:
            raise ErroTabela(nome, f"chave repetida {k} no mês {linha['mes']}")
        do_mes[k] = decimal_exato(linha[valor], f"{nome}.{valor}")
    return saida


def calcular_meses(
    entradas: Mapping[str, Linhas],
    meses: Iterable[str],
    configuracao: Configuracao | None = None,
    estado: tuple[str, dict[str, Decimal]] | None = None,
    *,
    exatas: bool = False,
) -> tuple[dict[str, list[dict[str, Any]]], tuple[str, dict[str, Decimal]] | None]:
    cfg = configuracao or Configuracao()
    q = cfg.precisao.escala_divisao
    sinal = Decimal(cfg.sinal)
    arr = cfg.arredondamento
    casas_mapa = unidade_alocacao(arr.casas_de("R$"))
    for nome, spec in ENTRADAS.items():
        if spec.obrigatoria and nome not in entradas:
            raise ErroTabela(nome, "tabela obrigatória ausente das entradas")

    perfil_agente: dict[str, str] = {}
    for linha in entradas["PERFIS"]:
        p, a = str(linha["perfil"]), str(linha["agente"])
        if perfil_agente.get(p, a) != a:
            raise ErroTabela("PERFIS", f"perfil {p} com mais de um agente")
        perfil_agente[p] = a

    por_perfil = ("RESULTADO", "AJUSTES", "RES_EXCD_ER", "RES_ENC_CER", "CRED_IMP_ARG_URU")
    valores = {n: _por_mes(entradas.get(n, ()), n, ("perfil",), n) for n in por_perfil}
    v_inad = _por_mes(entradas.get("V_INAD", ()), "V_INAD", ("agente",), "V_INAD")
    contrib = _por_mes(entradas.get("CONTRIB", ()), "CONTRIB", ("agente",), "CONTRIB")
    fp = _por_mes(entradas.get("FP_E_RP", ()), "FP_E_RP", ("perfil", "agente"), "FP_E_RP")
    meses_fp = sorted(fp, key=mes_para_int)
    inad_total: dict[str, Decimal] = {}
    for linha in entradas.get("INAD_NAO_COBERTA", ()):
        if str(linha["mes"]) in inad_total:
            raise ErroTabela("INAD_NAO_COBERTA", f"mês repetido {linha['mes']}")
        inad_total[str(linha["mes"])] = decimal_exato(linha["INAD_NAO_COBERTA"], "INAD_NAO_COBERTA")
    acer = {str(r["agente"]) for r in entradas.get("ACER", ())}
    adss: dict[str, dict[str, None]] = {}  # dicts as ordered sets
    for r in entradas.get("ADSS", ()):
        adss.setdefault(str(r["mes"]), {})[str(r["agente"])] = None
    paprido: dict[str, dict[str, None]] = {}
    for r in entradas.get("PAPRIDO", ()):
        paprido.setdefault(str(r["mes"]), {})[str(r["perfil"])] = None

    saidas: dict[str, list[dict[str, Any]]] = {n: [] for n in SAIDAS}

    def saida(nome: str, linha: dict[str, Any], unidades: Mapping[str, str]) -> None:
        if not exatas:
            for coluna, unidade in unidades.items():
                linha[coluna] = arr.decimal(linha[coluna], unidade)
        saidas[nome].append(linha)

    with decimal.localcontext(CONTEXTO):
        for m in sorted(set(meses), key=mes_para_int):
            ant = mes_anterior(m)
            # V_INAD[·,m-1]: input rows of m-1, else the carried state, else zero
            if ant in v_inad:
                v_inad_ant = v_inad[ant]
            elif estado is not None and estado[0] == ant:
                v_inad_ant = dict(estado[1])
            else:
                v_inad_ant = {}

            # cmd 8
            v_dss = {}
            for a in adss.get(m, {}):
                v_dss[a] = v_inad_ant.get(a, ZERO)
                saida("V_INAD_DSS", {"agente": a, "mes": m, "V_INAD_DSS": v_dss[a]}, {"V_INAD_DSS": "R$"})

            # cmd 9.1
            papr = list(paprido.get(m, {}))
            mes_fp = None
            for mf in meses_fp:
                if mes_para_int(mf) <= mes_para_int(m):
                    mes_fp = mf
            peso = {}
            for p in papr:
                if p not in perfil_agente:
                    raise ErroTabela("PERFIS", f"perfil {p} de PAPRIDO sem agente")
                a = perfil_agente[p]
                if a not in contrib.get(m, {}):
                    raise ErroTabela("CONTRIB", f"agente {a} sem CONTRIB no mês {m}")
                if mes_fp is None or (p, a) not in fp[mes_fp]:
                    raise ErroTabela("FP_E_RP", f"perfil {p} (agente {a}) sem FP_E_RP vigente no mês {m}")
                peso[p] = contrib[m][a] * fp[mes_fp][(p, a)]
            total_peso = ZERO
            for p in papr:
                total_peso += peso[p]
            fd = {}
            for p in papr:
                fd[p] = dividir_decimal(peso[p], total_peso, q) if total_peso != 0 else ZERO
            if v_dss and not any(v != 0 for v in fd.values()):
                if sum(v_dss.values(), ZERO) != 0:
                    raise ErroTabela("PAPRIDO", f"mês {m}: inadimplência de desligados sem perfis com peso")

            # cmd 9 and cmd 10
            aju = {}
            for p in papr:
                aju[p] = ZERO
                for a in adss.get(m, {}):
                    deb = sinal * (v_dss[a] * fd[p])
                    saida("DEB_INAD_DSS", {"perfil": p, "agente": a, "mes": m, "DEB_INAD_DSS": deb},
                          {"DEB_INAD_DSS": "R$"})
                    aju[p] += deb

            # profiles of the month
            universo = []
            vistos = set()
            do_mes = {n: valores[n].get(m, {}) for n in por_perfil}
            for n in por_perfil:
                for p in do_mes[n]:
                    if p not in vistos:
                        vistos.add(p)
                        universo.append(p)
            for p in papr:
                if p not in vistos:
                    vistos.add(p)
                    universo.append(p)

            # cmd 2 and cmd 3 (and the per-agent sums of cmd 6)
            v_tot: dict[str, Decimal] = {}
            excl: dict[str, Decimal] = {}
            agentes = []
            for p in universo:
                r = do_mes["RESULTADO"].get(p, ZERO)
                aj = do_mes["AJUSTES"].get(p, ZERO)
                ad = aju.get(p, ZERO)
                v_liqui = r + aj + ad
                saida("V_LIQUI", {"perfil": p, "mes": m, "V_LIQUI": v_liqui}, {"V_LIQUI": "R$"})
                saida("AJU_INAD_DSS", {"perfil": p, "mes": m, "AJU_INAD_DSS": ad}, {"AJU_INAD_DSS": "R$"})
                saida("FD_INAD_DSS", {"perfil": p, "mes": m, "FD_INAD_DSS": fd.get(p, ZERO)}, {"FD_INAD_DSS": "fator"})
                if p not in perfil_agente:
                    raise ErroTabela("PERFIS", f"perfil {p} sem agente")
                a = perfil_agente[p]
                if a not in v_tot:
                    agentes.append(a)
                    v_tot[a] = ZERO
                    excl[a] = ZERO
                v_tot[a] += v_liqui
                excl[a] += (do_mes["RES_EXCD_ER"].get(p, ZERO) + do_mes["RES_ENC_CER"].get(p, ZERO)
                            + do_mes["CRED_IMP_ARG_URU"].get(p, ZERO))

            # cmd 6
            v_rat = {}
            for a in agentes:
                saida("V_TOT_LIQUI", {"agente": a, "mes": m, "V_TOT_LIQUI": v_tot[a]}, {"V_TOT_LIQUI": "R$"})
                v_rat[a] = ZERO if a in acer else max(ZERO, v_tot[a] - excl[a])
                saida("V_RAT_INAD", {"agente": a, "mes": m, "V_RAT_INAD": v_rat[a]}, {"V_RAT_INAD": "R$"})
            # cmd 7
            total_rat = sum(v_rat.values(), ZERO)
            p_rat = {}
            for a in agentes:
                p_rat[a] = dividir_decimal(v_rat[a], total_rat, q) if total_rat != 0 else ZERO
                saida("P_RAT_INAD", {"agente": a, "mes": m, "P_RAT_INAD": p_rat[a]}, {"P_RAT_INAD": "fator"})

            # beyond the seed: the map
            v_inad_mes = v_inad.get(m, {})
            total = inad_total.get(m, sum(v_inad_mes.values(), ZERO))
            todos = agentes + [a for a in v_inad_mes if a not in v_tot]
            unidades = alocar({a: p_rat.get(a, ZERO) for a in todos}, total, casas_mapa)
            rateada = 0
            for a in todos:
                rateio = -Decimal(unidades[a]).scaleb(-casas_mapa)
                rateada += unidades[a]
                tot = v_tot.get(a, ZERO)
                saida("MAPA_LIQUIDACAO", {
                    "agente": a, "mes": m, "V_TOT_LIQUI": tot, "P_RAT_INAD": p_rat.get(a, ZERO),
                    "V_INAD": v_inad_mes.get(a, ZERO), "RATEIO_INAD": rateio, "POSICAO_LIQUIDA": tot + rateio,
                }, {"V_TOT_LIQUI": "R$", "P_RAT_INAD": "fator", "V_INAD": "R$", "RATEIO_INAD": "R$",
                    "POSICAO_LIQUIDA": "R$"})
            r_total = Decimal(rateada).scaleb(-casas_mapa)
            saida("MAPA_INAD", {"mes": m, "INAD_NAO_COBERTA": total, "INAD_RATEADA": r_total,
                                "INAD_NAO_RATEADA": total - r_total},
                  {"INAD_NAO_COBERTA": "R$", "INAD_RATEADA": "R$", "INAD_NAO_RATEADA": "R$"})
            estado = (m, v_inad_mes)
    return saidas, estado


__all__ = ["calcular_meses"]
