"""A scripted in-memory bus for workflow unit tests (crash points are explicit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from ccee_barramento import BusConnectionError, Configuracao
from ccee_barramento.cceal import ContratoNovo, ler_xml
from ccee_barramento.models import (
    Contrato,
    DetalheProcessamento,
    ResultadoProcessamento,
    SituacaoProcessamento,
    StatusDetalhe,
)


@dataclass
class BusFalso:
    """Registers contracts from imported files; can lose the answer of the next import."""

    perder_resposta: int = 0  # how many next imports "succeed at CCEE" but raise to the caller
    recusar_conexao: int = 0  # how many next imports fail before reaching CCEE
    rodadas_em_processamento: int = 1
    contratos: dict[int, dict[str, Any]] = field(default_factory=dict)
    processamentos: dict[str, dict[str, Any]] = field(default_factory=dict)
    importacoes: int = 0
    proximo_contrato: int = 5000
    config: Configuracao = field(
        default_factory=lambda: Configuracao(base_url="https://falso", codigo_perfil_agente="10")
    )

    def importar_arquivo(self, dados: bytes, *, codigo_perfil_agente: Any = None) -> str:
        if self.recusar_conexao:
            self.recusar_conexao -= 1
            raise BusConnectionError("Connection refused", enviado=False)
        self.importacoes += 1
        arquivo = ler_xml(dados)
        codigo = f"P{len(self.processamentos) + 1}"
        detalhes = []
        for c in arquivo.contratos:
            if isinstance(c, ContratoNovo):
                self.proximo_contrato += 1
                self.contratos[self.proximo_contrato] = {
                    "ref": c.referencia,
                    "vendedor": c.id_vendedor,
                    "comprador": c.id_comprador,
                }
                detalhes.append(
                    DetalheProcessamento(
                        sequencial_controle=c.sequencial_controle,
                        status=StatusDetalhe.SUCESSO,
                        contrato={"codigo": self.proximo_contrato},
                    )
                )
            else:
                detalhes.append(
                    DetalheProcessamento(sequencial_controle=c.sequencial_controle, status=StatusDetalhe.SUCESSO)
                )
        self.processamentos[codigo] = {"detalhes": detalhes, "consultas": 0}
        if self.perder_resposta:
            self.perder_resposta -= 1
            raise BusConnectionError("Connection reset by peer")  # enviado unknown
        return codigo

    def obter_resultado_processamento(self, codigo: str, **_: Any) -> ResultadoProcessamento:
        p = self.processamentos[codigo]
        p["consultas"] += 1
        if p["consultas"] <= self.rodadas_em_processamento:
            return ResultadoProcessamento(codigo_processamento=codigo, situacao=SituacaoProcessamento.EM_PROCESSAMENTO)
        return ResultadoProcessamento(
            codigo_processamento=codigo, situacao=SituacaoProcessamento.PROCESSADO, detalhes=p["detalhes"]
        )

    def listar_contratos(self, *, perfis: Any = None, **_: Any) -> list[Contrato]:
        return [
            Contrato(
                id=i,
                referencia=c["ref"],
                vendedor={"perfil": {"id": c["vendedor"]}},
                comprador={"perfil": {"id": c["comprador"]}},
            )
            for i, c in self.contratos.items()
            if not perfis or c["vendedor"] in [int(p) for p in perfis]
        ]


def sem_espera(_: float) -> None:
    pass


NS = SimpleNamespace
