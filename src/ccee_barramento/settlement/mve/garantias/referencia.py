"""Exact, per-row reference implementation of the MVE guarantees (seed 004, Anexo III, commands 110–144).

Written the obvious way — dicts, loops, ``decimal.Decimal`` — so the vectorized engine (``motor.py``) can
be checked against it on generated inputs. Same tables, same decisions (``DECISÃO Gn``, listed in
``docs/mve-garantias.md``), same exactness policy (``_exato``): sums exact, products rounded to
``escala_produto`` places only when they have more, quotients rounded once to ``escala_divisao`` places.

Interface::

    saidas, estado = calcular_meses(entradas, ["2026-01", "2026-02"], configuracao=None, estado=None)

``entradas``: table name → list of row dicts (index columns as text, ``mes`` "YYYY-MM", values as
``Decimal``/``int``/``str``; never binary floats). ``saidas``: table name → list of row dicts, values
rounded by ``configuracao.arredondamento`` (``exatas=True`` keeps the exact values), sorted by
(``mes``, index). ``estado``: what the next month needs (pass it to the next call).
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Mapping, Sequence

from ...exact import CONTEXTO, ZERO, decimal_exato
from ...runner import int_para_mes, mes_para_int
from ._exato import produto_decimal, quociente_decimal, soma
from .esquema import (
    ENTRADAS,
    MOTIVO_DESLIGAMENTO,
    MOTIVO_NAO_RECOMPOSICAO,
    MOTIVOS_EVENTO,
    PF,
    PROD,
    SAIDAS,
    TIPOS_ENERGIA,
    TIPOS_PRECO,
    TIPOS_VIGENCIA,
    Configuracao,
    ErroGarantias,
    tipo_vigencia,
)

Linhas = Sequence[Mapping[str, Any]]
UM = Decimal(1)
_VERDADE = {"true": True, "sim": True, "1": True, "false": False, "nao": False, "não": False, "0": False}


# ----------------------------------------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------------------------------------


def _col(linha: Mapping[str, Any], coluna: str, tabela: str) -> Any:
    try:
        v = linha[coluna]
    except KeyError:
        raise ErroGarantias(tabela, f"linha sem a coluna '{coluna}': {dict(linha)!r}") from None
    if v is None:
        raise ErroGarantias(tabela, f"coluna {coluna} vazia: {dict(linha)!r}")
    return v


def _txt(linha: Mapping[str, Any], coluna: str, tabela: str) -> str:
    v = _col(linha, coluna, tabela)
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _mes(linha: Mapping[str, Any], coluna: str, tabela: str) -> int:
    try:
        return mes_para_int(_txt(linha, coluna, tabela))
    except Exception:
        raise ErroGarantias(tabela, f"coluna {coluna}: mês inválido {linha.get(coluna)!r} (use AAAA-MM)") from None


def _val(linha: Mapping[str, Any], tabela: str, coluna: str | None = None) -> Decimal:
    coluna = coluna or tabela
    try:
        return decimal_exato(_col(linha, coluna, tabela), f"{tabela}.{coluna}")
    except ErroGarantias:
        raise
    except Exception as exc:
        raise ErroGarantias(tabela, str(exc)) from None


def _chaves(entradas: Mapping[str, Linhas], nome: str, colunas: Sequence[str], mensal: bool = True,
            somar: bool = False) -> dict[tuple, Decimal]:
    """{(mes?, *index): value}; a repeated key is an error (or summed)."""
    out: dict[tuple, Decimal] = {}
    for ln in entradas.get(nome, ()):
        k = tuple(_txt(ln, c, nome) for c in colunas)
        if mensal:
            k = (_mes(ln, "mes", nome),) + k
        v = _val(ln, nome)
        if k in out:
            if not somar:
                raise ErroGarantias(nome, f"chave repetida {k}")
            out[k] = CONTEXTO.add(out[k], v)
        else:
            out[k] = v
    return out


def _conjunto(entradas: Mapping[str, Linhas], nome: str, colunas: Sequence[str], mensal: bool = True) -> set[tuple]:
    return {((_mes(ln, "mes", nome),) if mensal else ()) + tuple(_txt(ln, c, nome) for c in colunas)
            for ln in entradas.get(nome, ())}


# ----------------------------------------------------------------------------------------------------
# Static structure
# ----------------------------------------------------------------------------------------------------


@dataclass
class Contrato:
    contrato: str
    perfil_vendedor: str
    perfil_comprador: str
    prod: tuple[str, str, str, str, str]
    MV: Decimal  # MV[e,v] = MV_MVE_PRE[e,v] (DECISÃO G3)
    PRECO: Decimal | None
    SPREAD: Decimal | None

    @property
    def tp(self) -> str:
        return self.prod[4]


@dataclass
class Produto:
    """A buyer profile's product with Financial Guarantees, not monthly: the unit of the GFC."""

    perfil: str
    agente: str
    prod: tuple[str, str, str, str, str]
    inicio: int
    fim: int
    tipo: str
    mes_proc: int
    contratos: list[Contrato] = field(default_factory=list)
    VLR_GC_PROD: Decimal = ZERO
    H: Decimal = ZERO  # V_HORAS_GC_A[α,x,v]
    aportada: bool = True

    @property
    def x(self) -> str:
        return self.prod[1]

    @property
    def v(self) -> str:
        return self.prod[2]

    @property
    def tp(self) -> str:
        return self.prod[4]

    @property
    def chave(self) -> tuple:
        return (self.perfil,) + self.prod


@dataclass
class Base:
    cfg: Configuracao
    perfil_agente: dict[str, str]
    vigencias: dict[str, tuple[int, int, str]]
    processamentos: dict[str, tuple[int, bool]]
    produtos: dict[tuple, Produto]  # (perfil, *PROD) -> Produto (non-monthly, with guarantees)
    contratos_gar: dict[str, tuple[Contrato, str]]  # contracts with guarantees -> (contract, vigência kind)
    M_HORAS: dict[int, Decimal]
    V_HORAS: dict[str, Decimal]
    PERC: list[tuple[int, Decimal]]
    entradas: Mapping[str, Linhas]
    estaticas: dict[str, dict[tuple, Decimal]] = field(default_factory=dict)
    mensais: dict[str, dict[tuple, Decimal]] = field(default_factory=dict)
    rescisoes: dict[str, int] = field(default_factory=dict)
    eventos: dict[int, dict[str, set[str]]] = field(default_factory=dict)
    nao_aporte: set[tuple[str, str]] = field(default_factory=set)

    def horas(self, m: int) -> Decimal:
        try:
            return self.M_HORAS[m]
        except KeyError:
            raise ErroGarantias("M_HORAS", f"sem linha para o mês {int_para_mes(m)}") from None

    def horas_entre(self, a: int, b: int) -> Decimal:
        return soma(self.horas(i) for i in range(a, b + 1))

    def perc(self, m: int) -> Decimal:
        """PERC_MULTA_INAD_MVE in force in month m (the latest row ≤ m)."""
        melhor = None
        for mes, v in self.PERC:
            if mes <= m:
                melhor = v
        if melhor is None:
            raise ErroGarantias("PERC_MULTA_INAD_MVE", f"sem percentual em vigor no mês {int_para_mes(m)}")
        return melhor

    def m(self, nome: str, chave: tuple, m: int) -> Decimal:
        """A monthly input value (0 when there is no row)."""
        return self.mensais[nome].get((m,) + chave, ZERO)

    def tem(self, nome: str, chave: tuple, m: int) -> bool:
        return (m,) + chave in self.mensais[nome]


def _estrutura(entradas: Mapping[str, Linhas], cfg: Configuracao) -> Base:
    for nome, spec in ENTRADAS.items():
        if spec.obrigatoria and nome not in entradas:
            raise ErroGarantias(nome, "tabela obrigatória ausente das entradas")
    desconhecidas = sorted(n for n in entradas if n not in ENTRADAS)
    if desconhecidas:
        raise ErroGarantias(desconhecidas[0], f"tabela desconhecida; as entradas aceitas são {sorted(ENTRADAS)}")

    perfil_agente: dict[str, str] = {}
    for ln in entradas["A_ALPHA"]:
        a, alfa = _txt(ln, "perfil", "A_ALPHA"), _txt(ln, "agente", "A_ALPHA")
        if perfil_agente.setdefault(a, alfa) != alfa:
            raise ErroGarantias("A_ALPHA", f"perfil {a!r} em dois agentes")

    vigencias: dict[str, tuple[int, int, str]] = {}
    for ln in entradas["VIGENCIA_MVE"]:
        v = _txt(ln, "vigencia", "VIGENCIA_MVE")
        ini, fim = _mes(ln, "inicio", "VIGENCIA_MVE"), _mes(ln, "fim", "VIGENCIA_MVE")
        if fim < ini:
            raise ErroGarantias("VIGENCIA_MVE", f"vigência {v!r} termina antes de começar")
        tipo = str(ln.get("tipo_vigencia") or "") or tipo_vigencia(fim - ini + 1)
        if tipo not in TIPOS_VIGENCIA:
            raise ErroGarantias("VIGENCIA_MVE", f"tipo_vigencia {tipo!r} inválido (use {TIPOS_VIGENCIA})")
        vigencias[v] = (ini, fim, tipo)

    processamentos: dict[str, tuple[int, bool]] = {}
    for ln in entradas["PROCESSAMENTO_MVE"]:
        x = _txt(ln, "processamento", "PROCESSAMENTO_MVE")
        bruto = _txt(ln, "anterior_garantias_financeiras", "PROCESSAMENTO_MVE").strip().lower()
        if bruto not in _VERDADE:
            raise ErroGarantias("PROCESSAMENTO_MVE", f"anterior_garantias_financeiras {bruto!r} não é booleano")
        processamentos[x] = (_mes(ln, "mes_processamento", "PROCESSAMENTO_MVE"), _VERDADE[bruto])

    def prod_de(ln: Mapping[str, Any], tabela: str) -> tuple[str, str, str, str, str]:
        prod = tuple(_txt(ln, c, tabela) for c in PROD)
        if prod[3] not in TIPOS_ENERGIA:
            raise ErroGarantias(tabela, f"tipo_energia {prod[3]!r} inválido (use {TIPOS_ENERGIA})")
        if prod[4] not in TIPOS_PRECO:
            raise ErroGarantias(tabela, f"tipo_preco {prod[4]!r} inválido (use {TIPOS_PRECO})")
        return prod  # type: ignore[return-value]

    vend = {}
    for ln in entradas["VINC_V_MVE"]:
        e = _txt(ln, "contrato", "VINC_V_MVE")
        if e in vend:
            raise ErroGarantias("VINC_V_MVE", f"contrato {e!r} repetido")
        vend[e] = (_txt(ln, "perfil_vendedor", "VINC_V_MVE"), prod_de(ln, "VINC_V_MVE"))
    comp = {}
    for ln in entradas["VINC_C_MVE"]:
        e = _txt(ln, "contrato", "VINC_C_MVE")
        if e in comp:
            raise ErroGarantias("VINC_C_MVE", f"contrato {e!r} repetido")
        comp[e] = (_txt(ln, "perfil_comprador", "VINC_C_MVE"), prod_de(ln, "VINC_C_MVE"))
    mv = _chaves(entradas, "MV_MVE_PRE", ("contrato", "vigencia"), mensal=False)
    precos = _chaves(entradas, "PRECO_CT_MVE", ("contrato", "vigencia"), mensal=False)
    spreads = _chaves(entradas, "SPREAD_CT_MVE", ("contrato", "vigencia"), mensal=False)

    produtos: dict[tuple, Produto] = {}
    contratos_gar: dict[str, tuple[Contrato, str]] = {}
    for e in sorted(comp):
        ac, prod = comp[e]
        x, v = prod[1], prod[2]
        if x not in processamentos:
            raise ErroGarantias("PROCESSAMENTO_MVE", f"processamento {x!r} (contrato {e!r}) sem linha")
        if processamentos[x][1]:
            continue  # Anexo III "Importante": only processings after the Financial Guarantees (DECISÃO G21)
        if e not in vend or vend[e][1] != prod:
            raise ErroGarantias("VINC_V_MVE", f"contrato {e!r} sem linha com o mesmo produto {prod}")
        av = vend[e][0]
        if v not in vigencias:
            raise ErroGarantias("VIGENCIA_MVE", f"vigência {v!r} (contrato {e!r}) sem linha")
        for a in (av, ac):
            if a not in perfil_agente:
                raise ErroGarantias("A_ALPHA", f"perfil {a!r} (contrato {e!r}) sem agente")
        if (e, v) not in mv:
            raise ErroGarantias("MV_MVE_PRE", f"sem montante para o contrato {e!r} na vigência {v!r}")
        preco = precos.get((e, v))
        spread = spreads.get((e, v))
        if prod[4] == PF and preco is None:
            raise ErroGarantias("PRECO_CT_MVE", f"sem preço para o contrato {e!r} (preço fixo)")
        if prod[4] != PF and spread is None:
            raise ErroGarantias("SPREAD_CT_MVE", f"sem spread para o contrato {e!r} (preço variável)")
        c = Contrato(e, av, ac, prod, mv[(e, v)], preco, spread)
        ini, fim, tipo = vigencias[v]
        contratos_gar[e] = (c, tipo)
        if tipo == "mensal":
            continue  # MVE cmd 111/113 "Importante": no GFC for monthly products
        k = (ac,) + prod
        if k not in produtos:
            produtos[k] = Produto(ac, perfil_agente[ac], prod, ini, fim, tipo, processamentos[x][0])
        produtos[k].contratos.append(c)

    M_HORAS = {k[0]: v for k, v in _chaves(entradas, "M_HORAS", ()).items()}
    V_HORAS = {k[0]: v for k, v in _chaves(entradas, "V_HORAS", ("vigencia",), mensal=False).items()}
    PERC = sorted((k[0], v) for k, v in _chaves(entradas, "PERC_MULTA_INAD_MVE", ()).items())
    base = Base(cfg, perfil_agente, vigencias, processamentos, produtos, contratos_gar, M_HORAS, V_HORAS, PERC,
                entradas)

    mensais = {
        "F_INAD_EFE_MVE": ("agente",), "VLP_MVE_PROD": ("perfil",) + PROD, "F_VEND_MVE_PROD": ("perfil",) + PROD,
        "M_PAG_MVE": ("perfil",) + PROD, "M_MVE": ("perfil_comprador", "perfil_vendedor") + PROD,
        "M_MVE_NAGC": ("perfil_comprador", "perfil_vendedor") + PROD, "M_PAG_NAGC": ("agente", "processamento"),
        "PRECO_CT_MVE_M": ("contrato", "vigencia"), "SPREAD_CT_MVE_M": ("contrato", "vigencia"),
        "PRECO_CT_MVE_A": ("contrato", "vigencia"), "NIPCA": (),
        "GC_PROD_ATUAL": ("perfil",) + PROD, "AJU_IPCA": ("perfil",) + PROD, "EXC_GC_PROD": ("perfil",) + PROD,
        "VAC_RC_GP_MVE": ("agente", "processamento"),
    }
    for nome, cols in mensais.items():
        base.mensais[nome] = _chaves(entradas, nome, cols)
    for ln in entradas.get("RESCISAO_MVE", ()):
        e, m = _txt(ln, "contrato", "RESCISAO_MVE"), _mes(ln, "mes", "RESCISAO_MVE")
        base.rescisoes[e] = min(m, base.rescisoes.get(e, m))
    for ln in entradas.get("EVENTO_RESCISAO_MVE", ()):
        motivo = _txt(ln, "motivo", "EVENTO_RESCISAO_MVE")
        if motivo not in MOTIVOS_EVENTO:
            raise ErroGarantias("EVENTO_RESCISAO_MVE", f"motivo {motivo!r} inválido (use {MOTIVOS_EVENTO})")
        m = _mes(ln, "mes", "EVENTO_RESCISAO_MVE")
        base.eventos.setdefault(m, {}).setdefault(motivo, set()).add(_txt(ln, "agente", "EVENTO_RESCISAO_MVE"))
    for ln in entradas.get("NAO_APORTE_GFC", ()):
        x = _txt(ln, "processamento", "NAO_APORTE_GFC")
        _mes(ln, "mes", "NAO_APORTE_GFC")
        base.nao_aporte.add((_txt(ln, "agente", "NAO_APORTE_GFC"), x))
    for p in produtos.values():
        p.aportada = (p.agente, p.x) not in base.nao_aporte
    return base


def _processamento_com_garantias(base: Base, x: str, tabela: str) -> None:
    if x not in base.processamentos:
        raise ErroGarantias("PROCESSAMENTO_MVE", f"processamento {x!r} ({tabela}) sem linha")
    if base.processamentos[x][1]:
        raise ErroGarantias(tabela, f"processamento {x!r} é anterior às Garantias Financeiras (DECISÃO G21)")


def _v_horas(base: Base, v: str) -> Decimal:
    """V_HORAS[v]: the input row, else Σ M_HORAS over the months of the vigência."""
    if v in base.V_HORAS:
        return base.V_HORAS[v]
    ini, fim, _ = base.vigencias[v]
    return base.horas_entre(ini, fim)


# ----------------------------------------------------------------------------------------------------
# Static commands: 110, 113–115, 117
# ----------------------------------------------------------------------------------------------------


def comandos_estaticos(base: Base) -> None:
    cfg = base.cfg
    q, cap = cfg.precisao.escala_divisao, cfg.escala_produto
    t = base.estaticas
    for nome in ("VLR_REF_GP_A", "V_HORAS_GC_A", "VLR_GC_PROD", "VLR_GC_TOT", "VLR_DEV_GP_MVE", "VDP_RC_GP_MVE"):
        t[nome] = {}
    nipca = {k[0]: v for k, v in base.mensais["NIPCA"].items()}

    # MVE cmd 110: VLR_REF_GP_A[α,x,f+1] = VLR_REF_GP[α,x] * NIPCA[m-1] / NIPCA[m*]   (m = December of f)
    for ln in base.entradas.get("VLR_REF_GP", ()):
        alfa, x = _txt(ln, "agente", "VLR_REF_GP"), _txt(ln, "processamento", "VLR_REF_GP")
        m_base = _mes(ln, "mes_base", "VLR_REF_GP")
        _processamento_com_garantias(base, x, "VLR_REF_GP")
        ref = _val(ln, "VLR_REF_GP")
        ano = base.processamentos[x][0] // 12  # f: the year of the processing (cmd 106: m ∈ f)
        novembro = (ano - 1) * 12 + 10  # m-1, m = December of f-1
        # DECISÃO G5: the December update applies once its November index is not before the base month m*;
        # a value set after that December is used as it is.
        if novembro >= m_base:
            for mm in (novembro, m_base):
                if mm not in nipca:
                    raise ErroGarantias("NIPCA", f"sem número-índice do IPCA para {int_para_mes(mm)}")
            valor = quociente_decimal(CONTEXTO.multiply(ref, nipca[novembro]), nipca[m_base], q)
        else:
            valor = ref
        chave = (alfa, x, f"{ano:04d}")
        if chave in t["VLR_REF_GP_A"]:
            raise ErroGarantias("VLR_REF_GP", f"chave repetida {chave[:2]}")
        t["VLR_REF_GP_A"][chave] = valor

    # MVE cmd 113 (a): V_HORAS_GC_A[α,x,v] = V_HORAS[v] if α defaulted/breached in the last 12 months,
    # else V_HORAS_GC[x,v]   (DECISÃO G4: the flag is the input set INADIMPLENTE_12M_MVE[α,x])
    v_horas_gc = _chaves(base.entradas, "V_HORAS_GC", ("processamento", "vigencia"), mensal=False)
    inad_12m = _conjunto(base.entradas, "INADIMPLENTE_12M_MVE", ("agente", "processamento"), mensal=False)
    for p in base.produtos.values():
        k = (p.agente, p.x, p.v)
        if k not in t["V_HORAS_GC_A"]:
            if (p.agente, p.x) in inad_12m:
                h = _v_horas(base, p.v)
            elif (p.x, p.v) in v_horas_gc:
                h = v_horas_gc[(p.x, p.v)]
            else:
                raise ErroGarantias("V_HORAS_GC", f"sem horas de referência para o processamento {p.x!r}, "
                                                  f"vigência {p.v!r}")
            t["V_HORAS_GC_A"][k] = h
        p.H = t["V_HORAS_GC_A"][k]
        # MVE cmd 113: VLR_GC_PROD[a,PROD] = V_HORAS_GC_A * Σ_{e ∈ VINC_C_MVE, e ∈ a} MV[e,v] * PRECO_CT_MVE[e,v]
        #   (* (1 + PERC_MULTA_INAD_MVE[m]) for quarterly and semiannual fixed price; m = month of x);
        #   variable price: ... MV[e,v] * max(0; SPREAD_CT_MVE[e,v])
        if p.tp == PF:
            s = soma(produto_decimal(c.MV, c.PRECO, cap) for c in p.contratos)  # type: ignore[arg-type]
        else:
            s = soma(produto_decimal(c.MV, max(ZERO, c.SPREAD), cap) for c in p.contratos)  # type: ignore[arg-type]
        valor = produto_decimal(p.H, s, cap)
        if p.tp == PF and p.tipo in ("trimestral", "semestral"):
            valor = produto_decimal(valor, CONTEXTO.add(UM, base.perc(p.mes_proc)), cap)
        p.VLR_GC_PROD = valor
        t["VLR_GC_PROD"][p.chave] = valor
        # MVE cmd 114: VLR_GC_TOT[α,x] = Σ_{a∈α} Σ_{s,v,te,tp} VLR_GC_PROD[a,s,x,v,te,tp]
        kt = (p.agente, p.x)
        t["VLR_GC_TOT"][kt] = CONTEXTO.add(t["VLR_GC_TOT"].get(kt, ZERO), valor)

    # DECISÃO G6: "se sagraram vencedores" (other than in monthly products) = a non-monthly purchase contract
    # of α in x with MV > 0.
    vencedores = {(p.agente, p.x) for p in base.produtos.values() if any(c.MV > 0 for c in p.contratos)}
    for ln in base.entradas.get("VLR_AP_GP_MVE", ()):
        alfa, x = _txt(ln, "agente", "VLR_AP_GP_MVE"), _txt(ln, "processamento", "VLR_AP_GP_MVE")
        _processamento_com_garantias(base, x, "VLR_AP_GP_MVE")
        ap = _val(ln, "VLR_AP_GP_MVE")
        k = (alfa, x)
        if k in t["VLR_DEV_GP_MVE"]:
            raise ErroGarantias("VLR_AP_GP_MVE", f"chave repetida {k}")
        # MVE cmd 115: VLR_DEV_GP_MVE = VLR_AP_GP_MVE (did not win, or won only monthly products);
        #              otherwise max(0; VLR_AP_GP_MVE - VLR_GC_TOT)
        if k not in vencedores:
            dev = ap
        else:
            dev = max(ZERO, CONTEXTO.subtract(ap, t["VLR_GC_TOT"].get(k, ZERO)))
        t["VLR_DEV_GP_MVE"][k] = dev
        # MVE cmd 117: VDP_RC_GP_MVE[α,x] = VLR_AP_GP_MVE[α,x] - VLR_DEV_GP_MVE[α,x]
        t["VDP_RC_GP_MVE"][k] = CONTEXTO.subtract(ap, dev)


# ----------------------------------------------------------------------------------------------------
# State
# ----------------------------------------------------------------------------------------------------


@dataclass
class Estado:
    """What month m+1 needs from month m: the GFC balances (cmd 122), the GP drawn so far (DECISÃO G7),
    the contracts rescinded so far."""

    mes: str
    GC_PROD_ATUAL: dict[tuple, Decimal] = field(default_factory=dict)
    AJU_IPCA: dict[tuple, Decimal] = field(default_factory=dict)
    EXC_GC_PROD: dict[tuple, Decimal] = field(default_factory=dict)
    GP_ACIONADA: dict[tuple, Decimal] = field(default_factory=dict)
    RESCISOES: dict[str, int] = field(default_factory=dict)


# ----------------------------------------------------------------------------------------------------
# Monthly commands: 118–144
# ----------------------------------------------------------------------------------------------------


def _soma_em(d: dict, k: tuple, v: Decimal) -> None:
    d[k] = CONTEXTO.add(d[k], v) if k in d else v


def linhas_do_produto(p: Produto, rescisoes: Mapping[str, int]) -> tuple[int | None, int | None]:
    """(first month, month the product is rescinded or None).

    DECISÃO G8: a product has GFC rows in the months of its vigência while some contract is not rescinded
    (a contract rescinded in m is still settled in m, reference D14), and — when its contracts are rescinded
    before supply starts — in the month of that rescission. The first of these months is "o primeiro mês do
    produto" of cmd 122.
    """
    rs = [rescisoes.get(c.contrato) for c in p.contratos]
    resc = max(rs) if rs and all(r is not None for r in rs) else None  # type: ignore[type-var]
    primeiro = p.inicio if resc is None or resc >= p.inicio else resc
    return primeiro, resc


def ativo(p: Produto, m: int, rescisoes: Mapping[str, int]) -> bool:
    if not p.aportada:
        return False
    primeiro, resc = linhas_do_produto(p, rescisoes)
    ultimo = p.fim if resc is None else min(p.fim, resc) if resc >= p.inicio else resc
    return primeiro <= m <= ultimo  # type: ignore[operator]


def calcular_mes(base: Base, m: int, ant: Estado | None) -> tuple[dict[str, dict[tuple, Decimal]], Estado]:
    cfg = base.cfg
    q, cap = cfg.precisao.escala_divisao, cfg.escala_produto
    r: dict[str, dict[tuple, Decimal]] = defaultdict(dict)
    rescisoes = dict(ant.RESCISOES) if ant else {}
    for e, mm in base.rescisoes.items():
        rescisoes[e] = min(mm, rescisoes.get(e, mm))
    eventos = base.eventos.get(m, {})
    desligados = eventos.get(MOTIVO_DESLIGAMENTO, set())
    sem_recomposicao = eventos.get(MOTIVO_NAO_RECOMPOSICAO, set())

    # ---- §3.3.5: GP executed for the fine for not lodging the GFC (cmds 116–120)
    # MVE cmd 116 (text): the GP pays the rescission fine of the contracts not registered for lack of GFC, up to
    # what is available; a remaining fine is settled bilaterally.
    gp_usada = dict(ant.GP_ACIONADA) if ant else {}
    if ant is None:
        for (mm, alfa, x), v in base.mensais["VAC_RC_GP_MVE"].items():
            if mm < m:
                _soma_em(gp_usada, (alfa, x), v)
    for (mm, alfa, x), multa in sorted(base.mensais["M_PAG_NAGC"].items()):
        if mm != m:
            continue
        _processamento_com_garantias(base, x, "M_PAG_NAGC")
        k = (alfa, x)
        # MVE cmd 117 (static) and DECISÃO G7: what is left of VDP_RC_GP_MVE after earlier draws
        disponivel = CONTEXTO.subtract(base.estaticas["VDP_RC_GP_MVE"].get(k, ZERO), gp_usada.get(k, ZERO))
        # MVE cmd 118: VAC_RC_GP_MVE[α,x,m] = min(VDP_RC_GP_MVE[α,x]; M_PAG_NAGC[α,x,m])
        vac = min(disponivel, multa)
        r["VAC_RC_GP_MVE"][k] = vac
        _soma_em(gp_usada, k, vac)
        # MVE cmd 119: M_PAG_REM[α,x,m] = max(0; M_PAG_NAGC[α,x,m] - VAC_RC_GP_MVE[α,x,m])
        r["M_PAG_REM"][k] = max(ZERO, CONTEXTO.subtract(multa, vac))

    nagc = [(k[1:], v) for k, v in sorted(base.mensais["M_MVE_NAGC"].items()) if k[0] == m]
    comp_prod: dict[tuple, Decimal] = {}
    vend_prod: dict[tuple, Decimal] = {}
    total_prod: dict[tuple, Decimal] = {}
    for (ac, av, *prod), v in nagc:
        _processamento_com_garantias(base, prod[1], "M_MVE_NAGC")
        _soma_em(comp_prod, (ac,) + tuple(prod), v)
        _soma_em(vend_prod, (av,) + tuple(prod), v)
        _soma_em(total_prod, tuple(prod), v)
    for (ac, *prod), v in comp_prod.items():
        alfa = _agente(base, ac, "M_MVE_NAGC")
        # MVE cmd 120 (b): F_M_PAG_PROD[a,PROD,m] = Σ_av M_MVE_NAGC[ac,av,PROD,m] / M_PAG_NAGC[α,x,m]   (a = ac)
        r["F_M_PAG_PROD"][(ac,) + tuple(prod)] = quociente_decimal(v, base.m("M_PAG_NAGC", (alfa, prod[1]), m), q)
    for (av, *prod), v in vend_prod.items():
        _agente(base, av, "M_MVE_NAGC")
        # MVE cmd 120 (c): F_M_REC_PROD[a,PROD,m] = Σ_ac M_MVE_NAGC / Σ_ac Σ_av M_MVE_NAGC   (a = av)
        r["F_M_REC_PROD"][(av,) + tuple(prod)] = quociente_decimal(v, total_prod[tuple(prod)], q)
    vendedores_prod: dict[tuple, list[str]] = defaultdict(list)
    for (av, *prod) in r["F_M_REC_PROD"]:
        vendedores_prod[tuple(prod)].append(av)
    for (ac, *prod), f_pag in r["F_M_PAG_PROD"].items():
        alfa = base.perfil_agente[ac]
        rem = r["M_PAG_REM"].get((alfa, prod[1]), ZERO)
        for av in vendedores_prod[tuple(prod)]:
            # MVE cmd 120 (a): M_PAG_REM_PROD[ac,av,PROD,m] = M_PAG_REM[α,x] * F_M_PAG_PROD[ac,..] * F_M_REC_PROD[av,..]
            v = produto_decimal(produto_decimal(rem, f_pag, cap), r["F_M_REC_PROD"][(av,) + tuple(prod)], cap)
            r["M_PAG_REM_PROD"][(ac, av) + tuple(prod)] = v
            # MVE cmd 120: M_PAG_REM_VC[α,α*,x,m] = Σ_{ac∈Aα} Σ_{av∈Aα*} Σ_{s,v,te,tp} M_PAG_REM_PROD
            _soma_em(r["M_PAG_REM_VC"], (alfa, base.perfil_agente[av], prod[1]), v)

    # ---- §3.3.6–3.3.8: the GFC of each product in force (cmds 121–142)
    estado = Estado(int_para_mes(m), RESCISOES={e: r_ for e, r_ in rescisoes.items() if r_ <= m}, GP_ACIONADA=gp_usada)
    m_mve = {k[1:]: v for k, v in base.mensais["M_MVE"].items() if k[0] == m}
    for (ac, av, *prod) in m_mve:
        if prod[1] in base.processamentos and not base.processamentos[prod[1]][1]:
            _agente(base, ac, "M_MVE")
            _agente(base, av, "M_MVE")
    # DECISÃO G12: cmd 141's seller factor is the seller's share of the buyer's rescission fine in the product
    fine_comprador: dict[tuple, Decimal] = {}
    for (ac, av, *prod), v in m_mve.items():
        _soma_em(fine_comprador, (ac,) + tuple(prod), v)
    for (ac, av, *prod), v in m_mve.items():
        if _com_garantias(base, prod[1]):
            r["F_M_REC_PROD_R"][(ac, av) + tuple(prod)] = quociente_decimal(v, fine_comprador[(ac,) + tuple(prod)], q)
    vend_de_prod: dict[tuple, list[str]] = defaultdict(list)
    for (mm, av, *prod) in base.mensais["F_VEND_MVE_PROD"]:
        if mm == m:
            vend_de_prod[tuple(prod)].append(av)
    for lst in vend_de_prod.values():
        lst.sort()
    multa_paga: dict[tuple, Decimal] = {}  # (ac, PROD) -> the rescission fine the GFC paid (for "liquido")

    for chave in sorted(base.produtos):
        p = base.produtos[chave]
        if not ativo(p, m, rescisoes):
            continue
        primeiro, resc = linhas_do_produto(p, rescisoes)
        alfa = p.agente
        desl = alfa in desligados
        inad = base.m("F_INAD_EFE_MVE", (alfa,), m) > 0
        nrec = alfa in sem_recomposicao
        rescindido = resc == m  # the product ends this month by rescission
        termina = rescindido or m == p.fim
        # MVE cmd 122: GC_PROD_ATUAL[m] = VLR_GC_PROD (first month of the product);
        #              else GC_PROD_ATUAL[m-1] + AJU_IPCA[m-1] - EXC_GC_PROD[m-1]
        if m == primeiro:
            atual = p.VLR_GC_PROD
        else:
            if ant is not None and chave in ant.GC_PROD_ATUAL:  # the state of the previous month
                a1, j1, e1 = ant.GC_PROD_ATUAL[chave], ant.AJU_IPCA.get(chave, ZERO), ant.EXC_GC_PROD.get(chave, ZERO)
            elif ant is None and base.tem("GC_PROD_ATUAL", chave, m - 1):  # input rows of the month before the run
                a1 = base.m("GC_PROD_ATUAL", chave, m - 1)
                j1, e1 = base.m("AJU_IPCA", chave, m - 1), base.m("EXC_GC_PROD", chave, m - 1)
            else:
                raise ErroGarantias("GC_PROD_ATUAL", f"sem saldo do mês {int_para_mes(m - 1)} para o produto {chave} "
                                                     "(calcule desde o 1º mês do produto ou passe o estado)")
            atual = CONTEXTO.subtract(CONTEXTO.add(a1, j1), e1)
        r["GC_PROD_ATUAL"][chave] = atual

        # MVE cmd 121 (∀ v ≠ 1 mês). DECISÃO G16: a disconnection (not for an MVE breach) comes first.
        if desl:
            pre = base.m("M_PAG_MVE", chave, m)  # GCA_PROD_PRE = M_PAG_MVE[a,PROD,m]
        elif inad and p.tp == PF:
            # (I) GCA_PROD_PRE = (F_INAD_EFE_MVE[α,m] * VLP_MVE_PROD[a,PROD,m]) * (1 + PERC_MULTA_INAD_MVE[m])
            nao_pago = produto_decimal(base.m("F_INAD_EFE_MVE", (alfa,), m), base.m("VLP_MVE_PROD", chave, m), cap)
            pre = produto_decimal(nao_pago, CONTEXTO.add(UM, base.perc(m)), cap)
        elif inad:
            pre = base.m("M_PAG_MVE", chave, m)  # (II) GCA_PROD_PRE = M_PAG_MVE[a,PROD,m]
        else:
            pre = ZERO
        r["GCA_PROD_PRE"][chave] = pre
        # MVE cmd 123: GCA_PROD = min(GCA_PROD_PRE; GC_PROD_ATUAL)
        gca = min(pre, atual)
        r["GCA_PROD"][chave] = gca
        # MVE cmd 124: GCA_PRE[α,x,v,m] = Σ_{a∈α} Σ_{s,te,tp} GCA_PROD ; cmd 125: GCA_TOT[α,m] = Σ_{x,v} GCA_PRE
        _soma_em(r["GCA_PRE"], (alfa, p.x, p.v), gca)
        _soma_em(r["GCA_TOT"], (alfa,), gca)

        # MVE cmd 139: GC_PROD_REM = GC_PROD_ATUAL - GCA_PROD
        rem = CONTEXTO.subtract(atual, gca)
        r["GC_PROD_REM"][chave] = rem
        # MVE cmds 137–138 (text): a fixed-price product longer than a month whose GFC is not recomposed after a
        # default is rescinded, and the remaining GFC pays the rescission fine.
        # MVE cmd 140: GCA_PROD_R = min(GC_PROD_REM; M_PAG_MVE)  — DECISÃO G13: on the non-recomposition event
        # only (§3.3.8), for fixed price; a disconnection's fine is drawn by cmd 121.
        if nrec and p.tp == PF and not desl:
            gca_r = min(rem, base.m("M_PAG_MVE", chave, m))
        else:
            gca_r = ZERO
        r["GCA_PROD_R"][chave] = gca_r

        # MVE cmd 131 (a): AJU_IPCA = V_HORAS_GC_A * Σ_e MV[e,v] * (PRECO_CT_MVE_A[e,v,m+1] - PRECO_CT_MVE_A[e,v,m])
        # DECISÃO G10: multi-year fixed-price products only, and only while the product goes on to m+1.
        aju = ZERO
        if p.tp == PF and p.tipo == "plurianual" and not termina and not desl:
            termos = []
            for c in p.contratos:
                if rescisoes.get(c.contrato) is not None and rescisoes[c.contrato] <= m:
                    continue
                a0 = _preco_a(base, c, m)
                a1 = _preco_a(base, c, m + 1)
                termos.append(produto_decimal(c.MV, CONTEXTO.subtract(a1, a0), cap))
            aju = produto_decimal(p.H, soma(termos), cap)
        r["AJU_IPCA"][chave] = aju
        # MVE cmd 129 (text): recomposition only for fixed-price products longer than a month; cmd 130 (text):
        # surplus may be released before the end of supply; "Importante": none after a disconnection.
        # MVE cmd 131: RECOMP_GC_PROD = GCA_PROD + AJU_IPCA (multi-year) | GCA_PROD (others)
        # DECISÃO G10: 0 for variable price, on a disconnection, and when the product is rescinded this month.
        if p.tp == PF and not desl and not rescindido:
            recomp = CONTEXTO.add(gca, aju)
        else:
            recomp = ZERO
        r["RECOMP_GC_PROD"][chave] = recomp
        _soma_em(r["RECOMP_GC_PRE"], (alfa, p.x, p.v), recomp)  # MVE cmd 132
        _soma_em(r["RECOMP_GC_TOT"], (alfa,), recomp)  # MVE cmd 133

        # MVE cmd 134 (a): VMAX_IF_MVE = (Σ_e Σ_{v∈ms_fim} MV * V_HORAS * PRECO_CT_MVE_M[e,v,m]) * (1 + PERC[m]) (PF)
        #                               Σ_e Σ_{v∈ms_fim} MV * V_HORAS * SPREAD_CT_MVE_M[e,v,m]               (PV)
        # DECISÃO G11: ms_fim from max(m+1, start of supply) to its end; only contracts still in force after m;
        # the spread floored at 0 (as cmd 113 does).
        inicio_fut = max(m + 1, p.inicio)
        horas_fut = base.horas_entre(inicio_fut, p.fim) if inicio_fut <= p.fim else ZERO
        termos = []
        for c in p.contratos:
            rc = rescisoes.get(c.contrato)
            if horas_fut == 0 or (rc is not None and rc <= m):
                continue
            energia = produto_decimal(c.MV, horas_fut, cap)
            if p.tp == PF:
                termos.append(produto_decimal(energia, _preco_m(base, c, m, "PRECO_CT_MVE_M"), cap))
            else:
                termos.append(produto_decimal(energia, max(ZERO, _preco_m(base, c, m, "SPREAD_CT_MVE_M")), cap))
        vmax = soma(termos)
        if p.tp == PF and termos:
            vmax = produto_decimal(vmax, CONTEXTO.add(UM, base.perc(m)), cap)
        r["VMAX_IF_MVE"][chave] = vmax
        # MVE cmd 134: EXC_GC_PROD = max(GC_PROD_ATUAL - GCA_PROD; 0) (disconnection) |
        #              max(GC_PROD_ATUAL - VMAX_IF_MVE; 0) (other cases)
        # DECISÃO G11: when the product is rescinded this month, the surplus is what is left after both draws.
        if desl:
            exc = max(CONTEXTO.subtract(atual, gca), ZERO)
        elif rescindido:
            exc = max(CONTEXTO.subtract(rem, gca_r), ZERO)
        else:
            exc = max(CONTEXTO.subtract(atual, vmax), ZERO)
        r["EXC_GC_PROD"][chave] = exc
        _soma_em(r["EXC_GC_PRE"], (alfa, p.x, p.v), exc)  # MVE cmd 135
        _soma_em(r["EXC_GC_TOT"], (alfa,), exc)  # MVE cmd 136

        # MVE cmd 126: GCA_PROD_VC[ac,av,PROD,m] = (F_INAD_EFE_MVE * VLP_MVE_PROD) * F_VEND_MVE_PROD[av] (PF)
        #                                        = GCA_PROD * F_VEND_MVE_PROD[av]                         (PV)
        # DECISÃO G9: the fixed-price share is capped by what was drawn; a disconnection's draw (a fine) is split
        # like the variable-price one; without F_VEND_MVE_PROD rows in m, by the fine's shares (G12).
        if gca != 0:
            vendedores = vend_de_prod.get(p.prod, [])
            if p.tp == PF and not desl:
                base_vc = min(produto_decimal(base.m("F_INAD_EFE_MVE", (alfa,), m),
                                              base.m("VLP_MVE_PROD", chave, m), cap), gca)
            else:
                base_vc = gca
            if vendedores:
                fatores = [(av, base.m("F_VEND_MVE_PROD", (av,) + p.prod, m)) for av in vendedores]
            else:
                fatores = [(k[1], f) for k, f in sorted(r["F_M_REC_PROD_R"].items()) if k[0] == p.perfil
                           and tuple(k[2:]) == p.prod]
            for av, f in fatores:
                v = produto_decimal(base_vc, f, cap)
                r["GCA_PROD_VC"][(p.perfil, av) + p.prod] = v
                alfa_v = _agente(base, av, "F_VEND_MVE_PROD")
                _soma_em(r["GCA_VC_PRE"], (alfa, alfa_v, p.x, p.v), v)  # MVE cmd 127
                _soma_em(r["GCA_VC"], (alfa, alfa_v, p.x), v)  # MVE cmd 128
        # the fine the GFC paid for this product (DECISÃO G14, "liquido")
        multa_paga[chave] = CONTEXTO.add(gca if (desl or (inad and p.tp != PF)) else ZERO, gca_r)

        # GC_PROD_ATUAL[m+1] needs these (cmd 122); a product that ends is not carried
        if not termina:
            estado.GC_PROD_ATUAL[chave] = atual
            estado.AJU_IPCA[chave] = aju
            estado.EXC_GC_PROD[chave] = exc

    # MVE cmd 141: GCA_PROD_R_VC[ac,av,PROD] = GCA_PROD_R[ac,PROD,m] * F_M_REC_PROD_R[ac,av,PROD,m]  (DECISÃO G12)
    # MVE cmd 143: M_REM_PROD_GC = M_MVE (monthly and variable price) | M_MVE - GCA_PROD_R_VC (fixed price > 1 mês)
    for k in sorted(m_mve):
        ac, av, *prod = k
        prod_t = tuple(prod)
        if not _com_garantias(base, prod_t[1]):
            continue  # Anexo III only for processings with guarantees (DECISÃO G21)
        chave = (ac,) + prod_t
        alfa, alfa_v, x = base.perfil_agente[ac], base.perfil_agente[av], prod_t[1]
        f = r["F_M_REC_PROD_R"][k]
        multa = m_mve[k]
        tipo = base.vigencias.get(prod_t[2], (0, 0, "outra"))[2]
        gca_r_vc = None
        if chave in r["GCA_PROD_R"]:
            gca_r_vc = produto_decimal(r["GCA_PROD_R"][chave], f, cap)
            r["GCA_PROD_R_VC"][k] = gca_r_vc
            _soma_em(r["GCA_R_VC"], (alfa, alfa_v, x), gca_r_vc)  # MVE cmd 142
        if cfg.residual_pv == "liquido" and chave in multa_paga:
            resto = CONTEXTO.subtract(multa, produto_decimal(multa_paga[chave], f, cap))
        elif tipo == "mensal" or prod_t[4] != PF:
            resto = multa
        else:
            resto = CONTEXTO.subtract(multa, gca_r_vc if gca_r_vc is not None else ZERO)
        r["M_REM_PROD_GC"][k] = resto
        # MVE cmd 144: M_REM_GC[α,α*,x,m] = Σ_{ac∈Aα} Σ_{av∈Aα*} Σ_{s,v,te,tp} M_REM_PROD_GC
        _soma_em(r["M_REM_GC"], (alfa, alfa_v, x), resto)

    # 3.3.11 GCR_TOT[α,α*,x] (DECISÃO G15): what seller α receives from buyer α*'s GFC = GCA_VC + GCA_R_VC
    for (alfa, alfa_v, x), v in list(r["GCA_VC"].items()) + list(r["GCA_R_VC"].items()):
        _soma_em(r["GCR_TOT"], (alfa_v, alfa, x), v)
    return dict(r), estado


def _com_garantias(base: Base, x: str) -> bool:
    return x in base.processamentos and not base.processamentos[x][1]


def _agente(base: Base, perfil: str, tabela: str) -> str:
    try:
        return base.perfil_agente[perfil]
    except KeyError:
        raise ErroGarantias("A_ALPHA", f"perfil {perfil!r} ({tabela}) sem agente") from None


def _preco_m(base: Base, c: Contrato, m: int, nome: str) -> Decimal:
    """PRECO_CT_MVE_M / SPREAD_CT_MVE_M of month m; DECISÃO G19: absent for a product that is not multi-year,
    the original price (cmd 38)."""
    k = (m, c.contrato, c.prod[2])
    if k in base.mensais[nome]:
        return base.mensais[nome][k]
    if base.vigencias[c.prod[2]][2] != "plurianual":
        return c.PRECO if nome == "PRECO_CT_MVE_M" else c.SPREAD  # type: ignore[return-value]
    raise ErroGarantias(nome, f"sem valor do contrato {c.contrato!r} no mês {int_para_mes(m)}")


def _preco_a(base: Base, c: Contrato, m: int) -> Decimal:
    k = (m, c.contrato, c.prod[2])
    if k not in base.mensais["PRECO_CT_MVE_A"]:
        raise ErroGarantias("PRECO_CT_MVE_A", f"sem preço atualizado do contrato {c.contrato!r} no mês "
                                              f"{int_para_mes(m)} (cmd 131 usa os meses m e m+1)")
    return base.mensais["PRECO_CT_MVE_A"][k]


# ----------------------------------------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------------------------------------


def _linhas(nome: str, tabela: Mapping[tuple, Decimal], mes: str | None, cfg: Configuracao, exatas: bool) -> list[dict]:
    spec = SAIDAS[nome]
    unidade = spec.valores[0].unidade
    saida = []
    for chave in sorted(tabela):
        linha: dict[str, Any] = dict(zip(spec.indices, chave))
        if spec.mensal:
            linha["mes"] = mes
        v = tabela[chave]
        linha[nome] = v if exatas else cfg.arredondamento.decimal(v, unidade)
        saida.append(linha)
    return saida


def preparar(entradas: Mapping[str, Linhas], configuracao: Configuracao | None = None) -> Base:
    """Validate and index the inputs, and compute the static commands (110, 113–115, 117)."""
    with decimal.localcontext(CONTEXTO):
        base = _estrutura(entradas, configuracao or Configuracao())
        comandos_estaticos(base)
    return base


def calcular_meses(
    entradas: Mapping[str, Linhas],
    meses: Iterable[str],
    configuracao: Configuracao | None = None,
    estado: Estado | None = None,
    *,
    exatas: bool = False,
) -> tuple[dict[str, list[dict[str, Any]]], Estado | None]:
    """Commands 110–144 for consecutive months, in order, carrying the state."""
    cfg = configuracao or Configuracao()
    base = preparar(entradas, cfg)
    lista = sorted({mes_para_int(m) for m in meses})
    if any(b != a + 1 for a, b in zip(lista, lista[1:])):
        raise ErroGarantias("meses", "os meses devem ser consecutivos")
    if estado is not None and lista and mes_para_int(estado.mes) != lista[0] - 1:
        raise ErroGarantias("estado", f"o estado é do mês {estado.mes}, esperado {int_para_mes(lista[0] - 1)}")
    saidas: dict[str, list[dict[str, Any]]] = {n: [] for n in SAIDAS}
    for nome, spec in SAIDAS.items():
        if not spec.mensal:
            saidas[nome] = _linhas(nome, base.estaticas[nome], None, cfg, exatas)
    with decimal.localcontext(CONTEXTO):
        for m in lista:
            r, estado = calcular_mes(base, m, estado)
            for nome, spec in SAIDAS.items():
                if spec.mensal:
                    saidas[nome].extend(_linhas(nome, r.get(nome, {}), int_para_mes(m), cfg, exatas))
    return saidas, estado


__all__ = ["Base", "Estado", "calcular_meses", "preparar"]
