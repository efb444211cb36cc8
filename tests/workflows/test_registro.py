"""Registration is journaled and resumable: a lost answer or a crash never registers a contract twice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ccee_barramento import BusConnectionError, InputError
from ccee_barramento.cceal import ArquivoCCEAL, Submercado, gerar_xml, juntar, novo_contrato_por_periodo
from ccee_barramento.workflows import Diario, registrar
from ccee_barramento.workflows.diario import EstadoEnvio
from ccee_barramento.workflows.processamento import ProcessamentoPendente
from ccee_barramento.workflows.registro import carimbar_referencias

from .fakes import BusFalso, sem_espera

OPCOES = {"intervalo_inicial": 0, "carencia": 0, "dormir": sem_espera}


def _arquivo(n: int = 2, referencia: bool = False) -> ArquivoCCEAL:
    arquivos = [
        novo_contrato_por_periodo(
            100 + i,
            10,
            Submercado.SUDESTE,
            [("01/01/2026 00", "01/02/2026 00", Decimal("1.5"))],
            referencia=f"REF-{i}" if referencia else None,
        )
        for i in range(n)
    ]
    return juntar(*arquivos)


@pytest.fixture
def diario(tmp_path):
    with Diario(tmp_path / "diario.sqlite3") as d:
        yield d


def test_registers_and_reports_each_contract(diario):
    bus = BusFalso()
    resultado = registrar(bus, _arquivo(2), diario=diario, **OPCOES)
    assert resultado.sucesso and [c.status for c in resultado.contratos] == ["SUCESSO", "SUCESSO"]
    assert [c.codigo_contrato for c in resultado.contratos] == [5001, 5002]
    assert all(c.referencia and c.referencia.startswith("CB") for c in resultado.contratos)
    assert bus.importacoes == 1


def test_running_again_reads_the_journal_and_sends_nothing(diario):
    bus = BusFalso()
    registrar(bus, _arquivo(2), diario=diario, **OPCOES)
    de_novo = registrar(bus, _arquivo(2), diario=diario, **OPCOES)
    assert de_novo.do_diario and bus.importacoes == 1 and len(bus.contratos) == 2


def test_lost_answer_then_rerun_finds_the_contracts_instead_of_resending(diario):
    bus = BusFalso(perder_resposta=1)
    with pytest.raises(BusConnectionError):
        registrar(bus, _arquivo(3), diario=diario, **OPCOES)
    (sub,) = diario.submissoes()
    assert diario.envios(sub.id)[0].estado is EstadoEnvio.INCERTO
    resultado = registrar(bus, _arquivo(3), diario=diario, **OPCOES)
    assert bus.importacoes == 1 and len(bus.contratos) == 3  # never registered twice
    assert {c.origem for c in resultado.contratos} == {"consulta"}
    assert sorted(c.codigo_contrato for c in resultado.contratos) == [5001, 5002, 5003]


def test_killed_after_journaling_before_the_answer_is_reconciled(diario):
    # A process killed right after the request left leaves the attempt in ENVIANDO.
    bus = BusFalso()
    arquivo = carimbar_referencias(_arquivo(2))
    sub = diario.abrir(bus.config.endpoint_base, "10", 4, gerar_xml(arquivo))
    envio = diario.novo_envio(sub.id, gerar_xml(arquivo), {1: 1, 2: 2})
    bus.importar_arquivo(envio.arquivo)  # reached CCEE; the process died before recording the answer
    resultado = registrar(bus, arquivo, diario=diario, **OPCOES)
    assert bus.importacoes == 1 and len(bus.contratos) == 2 and resultado.sucesso


def test_partially_registered_file_resends_only_the_missing_contracts(diario):
    bus = BusFalso()
    arquivo = carimbar_referencias(_arquivo(3))
    sub = diario.abrir(bus.config.endpoint_base, "10", 4, gerar_xml(arquivo))
    diario.novo_envio(sub.id, gerar_xml(arquivo), {1: 1, 2: 2, 3: 3})
    # only contract 2 made it to CCEE
    bus.importar_arquivo(
        gerar_xml(
            arquivo.model_copy(
                update={"contratos": (arquivo.contratos[1].model_copy(update={"sequencial_controle": 1}),)}
            )
        )
    )
    resultado = registrar(bus, arquivo, diario=diario, **OPCOES)
    assert len(bus.contratos) == 3 and bus.importacoes == 2
    assert [(c.sequencial_controle, c.origem) for c in resultado.contratos] == [
        (1, "processamento"),
        (2, "consulta"),
        (3, "processamento"),
    ]


def test_connection_refused_is_safe_to_send_again(diario):
    bus = BusFalso(recusar_conexao=1)
    with pytest.raises(BusConnectionError):
        registrar(bus, _arquivo(1), diario=diario, **OPCOES)
    assert registrar(bus, _arquivo(1), diario=diario, **OPCOES).sucesso
    assert bus.importacoes == 1


def test_processing_timeout_keeps_the_code_and_a_rerun_resumes_polling(diario):
    bus = BusFalso(rodadas_em_processamento=5)
    with pytest.raises(ProcessamentoPendente) as err:
        registrar(bus, _arquivo(1), diario=diario, timeout=0, intervalo_inicial=0, carencia=0, dormir=sem_espera)
    assert err.value.codigo_processamento == "P1"
    resultado = registrar(bus, _arquivo(1), diario=diario, timeout=60, **OPCOES)
    assert resultado.sucesso and bus.importacoes == 1


def test_duplicate_user_references_are_refused_before_sending(diario):
    bus = BusFalso()
    arquivo = juntar(
        *[
            novo_contrato_por_periodo(
                100 + i, 10, Submercado.SUL, [("01/01/2026 00", "01/02/2026 00", "1")], referencia="MESMA"
            )
            for i in range(2)
        ]
    )
    with pytest.raises(InputError, match="mesma referência"):
        registrar(bus, arquivo, diario=diario, **OPCOES)
    assert bus.importacoes == 0


def test_references_are_deterministic_and_fit_the_field():
    a, b = carimbar_referencias(_arquivo(12)), carimbar_referencias(_arquivo(12))
    assert a == b
    assert all(len(c.referencia) <= 30 for c in a.contratos)
    assert carimbar_referencias(_arquivo(2, referencia=True)).contratos[0].referencia == "REF-0"
