"""Anexo III §3.3.5: the GP executed for the fine for not lodging the GFC (cmds 116, 118–120), on the spec's
example 3 and variations. Engine and reference are compared on every test (``rodar``)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN
from decimal import Decimal as D

import pytest
from garantias_cenarios import PA, PQ, X2, contrato, exemplo_3, junta, rodar, um

from ccee_barramento.settlement.mve.garantias import calcular
from ccee_barramento.settlement.mve.garantias.esquema import REGISTRO
from ccee_barramento.settlement.tables import ErroTabela

M = "2026-05"


def test_cmd_116_texto_registrado():
    assert "GP" in REGISTRO.comandos["116"].titulo
    assert "NAO_APORTE_GFC" in REGISTRO.comandos["116"].texto


def test_cmd_118_119_exemplo_3_da_spec():
    r = rodar(exemplo_3(), M)
    # cmd 118: VAC_RC_GP_MVE = min(VDP_RC_GP_MVE 300,000.00; M_PAG_NAGC 360,216.00) = 300,000.00
    assert um(r, "VAC_RC_GP_MVE", agente="BC", processamento=X2, mes=M) == D("300000.00")
    # cmd 119: M_PAG_REM = max(0; 360,216 - 300,000) = 60,216.00
    assert um(r, "M_PAG_REM", agente="BC", processamento=X2, mes=M) == D("60216.00")


def test_cmd_120_exemplo_3_da_spec():
    r = rodar(exemplo_3(), M)
    # (b) F_M_PAG_PROD[Q] = (258,336 + 86,112) / 360,216 = 344,448 / 360,216 = 0.95622626424145512... → 16 places
    #     F_M_PAG_PROD[A] = 15,768 / 360,216 = 0.04377373575854487... → 16 places
    f_q = um(r, "F_M_PAG_PROD", perfil="bc", **PQ, mes=M)
    f_a = um(r, "F_M_PAG_PROD", perfil="bc", **PA, mes=M)
    assert f_q == (D(344448) / D(360216)).quantize(D("1e-16"), ROUND_HALF_EVEN) == D("0.9562262642414551")
    assert f_a == D("0.0437737357585449")
    # (c) F_M_REC_PROD: av1 in Q = 258,336 / 344,448 = 0.75; av2 = 86,112 / 344,448 = 0.25; av1 in A = 1
    assert um(r, "F_M_REC_PROD", perfil="av1", **PQ, mes=M) == D("0.75")
    assert um(r, "F_M_REC_PROD", perfil="av2", **PQ, mes=M) == D("0.25")
    assert um(r, "F_M_REC_PROD", perfil="av1", **PA, mes=M) == 1
    # (a) M_PAG_REM_PROD = M_PAG_REM * F_M_PAG_PROD * F_M_REC_PROD, rounded to centavos at the output:
    #     [bc,av1,Q] = 60,216 * 0.9562262642414551 * 0.75 = 43,185.09 ; [bc,av2,Q] = 14,395.03 ;
    #     [bc,av1,A] = 60,216 * 0.0437737357585449 * 1 = 2,635.88 (the spec's numbers)
    rem = r["M_PAG_REM_PROD"]
    valores = {(x["perfil_vendedor"], x["vigencia"]): x["M_PAG_REM_PROD"] for x in rem.to_dicts()}
    assert valores == {("av1", "Q"): D("43185.09"), ("av2", "Q"): D("14395.03"), ("av1", "A"): D("2635.88")}
    exato = um(r, "M_PAG_REM_PROD", perfil_comprador="bc", perfil_vendedor="av1", **PQ, mes=M)
    assert exato == (D("60216.00") * f_q * D("0.75")).quantize(D("1e-20"), ROUND_HALF_EVEN)
    # cmd 120: M_PAG_REM_VC[BC,AV1] = 43,185.09 + 2,635.88 = 45,820.97 ; [BC,AV2] = 14,395.03; total = 60,216.00
    vc = {x["agente_vendedor"]: x["M_PAG_REM_VC"] for x in r["M_PAG_REM_VC"].to_dicts()}
    assert vc == {"AV1": D("45820.97"), "AV2": D("14395.03")}
    total = sum(r.exatas["M_PAG_REM_VC"]["M_PAG_REM_VC"].to_list())
    assert abs(total - D("60216.00")) < D("1e-12")


def test_cmd_118_gp_cobre_a_multa_toda():
    e = exemplo_3()
    e["VLR_AP_GP_MVE"] = [{"agente": "BC", "processamento": X2, "VLR_AP_GP_MVE": D("400000.00")}]
    r = rodar(e, M)
    # GFC total 390,672 > GP: nothing returned; VAC = min(400,000; 360,216) = 360,216; nothing left to settle
    assert um(r, "VAC_RC_GP_MVE", agente="BC", mes=M) == D("360216.00")
    assert um(r, "M_PAG_REM", agente="BC", mes=M) == 0
    assert all(v == 0 for v in r.exatas["M_PAG_REM_PROD"]["M_PAG_REM_PROD"].to_list())


def test_cmd_118_gp_ja_acionada_em_meses_anteriores_decisao_g7():
    # two fines for the same (α, x) in two months: the second draw sees only what is left of the GP
    e = exemplo_3()
    e["M_PAG_NAGC"] = [{"agente": "BC", "processamento": X2, "mes": "2026-05", "M_PAG_NAGC": D("100000.00")},
                       {"agente": "BC", "processamento": X2, "mes": "2026-06", "M_PAG_NAGC": D("250000.00")}]
    e["M_MVE_NAGC"] = [{"perfil_comprador": "bc", "perfil_vendedor": "av1", **PQ, "mes": m, "M_MVE_NAGC": v}
                       for m, v in (("2026-05", D("100000.00")), ("2026-06", D("250000.00")))]
    r = rodar(e, "2026-05..2026-06")
    # May: min(300,000; 100,000) = 100,000. June: min(300,000 - 100,000; 250,000) = 200,000 → 50,000 remains
    # (as printed, min(300,000; 250,000) = 250,000 would take 350,000 from a GP of 300,000)
    assert um(r, "VAC_RC_GP_MVE", agente="BC", mes="2026-05") == D("100000.00")
    assert um(r, "VAC_RC_GP_MVE", agente="BC", mes="2026-06") == D("200000.00")
    assert um(r, "M_PAG_REM", agente="BC", mes="2026-06") == D("50000.00")
    # the same with June alone and May's draw as an input row (a run without state)
    e["VAC_RC_GP_MVE"] = [{"agente": "BC", "processamento": X2, "mes": "2026-05", "VAC_RC_GP_MVE": D("100000.00")}]
    assert um(rodar(e, "2026-06"), "VAC_RC_GP_MVE", agente="BC", mes="2026-06") == D("200000.00")


def test_cmd_120_dois_compradores_no_mesmo_produto_como_impresso():
    # bc bought Q only from av1, bd only from av2; both fail to lodge. F_M_REC_PROD is the seller's share of the
    # product's fines of all buyers (cmd 120 c): av1 = 100,000 / 400,000 = 0.25, av2 = 0.75.
    e = junta(exemplo_3(), {"A_ALPHA": [{"perfil": "bd", "agente": "BD"}]}, contrato("eq3", "av2", "bd", PQ, "0.5",
                                                                                      preco="260.00"))
    e["VLR_AP_GP_MVE"] = [{"agente": "BC", "processamento": X2, "VLR_AP_GP_MVE": D("40000.00")},
                          {"agente": "BD", "processamento": X2, "VLR_AP_GP_MVE": D("50000.00")}]
    e["NAO_APORTE_GFC"] = [{"agente": a, "processamento": X2, "mes": M} for a in ("BC", "BD")]
    e["M_MVE_NAGC"] = [{"perfil_comprador": "bc", "perfil_vendedor": "av1", **PQ, "mes": M, "M_MVE_NAGC": D("100000")},
                       {"perfil_comprador": "bd", "perfil_vendedor": "av2", **PQ, "mes": M, "M_MVE_NAGC": D("300000")}]
    e["M_PAG_NAGC"] = [{"agente": "BC", "processamento": X2, "mes": M, "M_PAG_NAGC": D("100000")},
                       {"agente": "BD", "processamento": X2, "mes": M, "M_PAG_NAGC": D("300000")}]
    r = rodar(e, M)
    # BC: GP 40,000 all kept (GFC 390,672 > GP) → remaining 60,000; BD: GFC 95,472 > 50,000 → remaining 250,000
    assert um(r, "M_PAG_REM", agente="BC", mes=M) == 60000
    assert um(r, "M_PAG_REM", agente="BD", mes=M) == 250000
    # [bc,av1] = 60,000 * 1 * 0.25 = 15,000; [bc,av2] = 45,000; [bd,av1] = 250,000 * 0.25 = 62,500; [bd,av2] = 187,500
    got = {(x["agente_comprador"], x["agente_vendedor"]): x["M_PAG_REM_VC"] for x in r["M_PAG_REM_VC"].to_dicts()}
    assert got == {("BC", "AV1"): D("15000.00"), ("BC", "AV2"): D("45000.00"), ("BD", "AV1"): D("62500.00"),
                   ("BD", "AV2"): D("187500.00")}


def test_cmd_120_denominador_zero_decisao_g1():
    e = exemplo_3()
    e["M_MVE_NAGC"] = [{**x, "M_MVE_NAGC": D(0)} for x in e["M_MVE_NAGC"]]
    e["M_PAG_NAGC"] = [{**e["M_PAG_NAGC"][0], "M_PAG_NAGC": D(0)}]
    r = rodar(e, M)
    assert set(r.exatas["F_M_PAG_PROD"]["F_M_PAG_PROD"].to_list()) == {0}
    assert set(r.exatas["F_M_REC_PROD"]["F_M_REC_PROD"].to_list()) == {0}
    assert um(r, "VAC_RC_GP_MVE", agente="BC", mes=M) == 0


def test_multa_de_processamento_anterior_as_garantias_e_recusada():
    e = junta(exemplo_3(), {"PROCESSAMENTO_MVE": [{"processamento": "X0", "mes_processamento": "2025-01",
                                                   "anterior_garantias_financeiras": True}]})
    e["M_PAG_NAGC"] = [{"agente": "BC", "processamento": "X0", "mes": M, "M_PAG_NAGC": D(1)}]
    with pytest.raises(ErroTabela) as exc:
        calcular(e, meses=M)
    assert exc.value.tabela == "M_PAG_NAGC"
