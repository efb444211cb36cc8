"""``ccee demo``: the whole contracts story against the embedded simulator, over real HTTPS.

Every step uses the public SDK exactly as a user would (CCEEClient, the cceal builders, the
registrar/validar workflows, the settlement engine); only the bus is local.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from .cceal import Submercado, gerar_xml, novo_contrato_mensal
from .client import CCEEClient
from .models.contrato import Papel, TipoMontanteEnergia
from .simulator import Simulador
from .workflows import Diario, planejar_validacao, registrar, validar

VENDEDOR = "serra.azul"  # GERADORA SERRA AZUL, perfil 61001
COMPRADOR = "rio.doce"  # METAL RIO DOCE, perfil 61005
PERFIL_VENDEDOR, PERFIL_COMPRADOR = 61001, 61005
MESES = ["08/2026", "09/2026", "10/2026"]
DISTRIBUIDORA = "luz.vale"  # LUZ DO VALE, perfil 61007: sells its surplus through the MVE
CONTRATO_POR_CARGA = 900003  # SERRA AZUL I5 → BOA COMPRA, modulated by the buyer's load parcel


@dataclass
class Demo:
    console: Console
    rapido: bool = False
    mtls: bool = False
    inicio: float = field(default_factory=time.perf_counter)
    passo: int = 0

    def titulo(self, texto: str) -> None:
        self.passo += 1
        self.console.rule(f"[bold cyan]{self.passo}. {texto}")

    def tabela(self, titulo: str, colunas: list[str], linhas: list[list[Any]]) -> None:
        tabela = Table(title=titulo, header_style="bold", title_justify="left")
        for coluna in colunas:
            tabela.add_column(coluna)
        for linha in linhas:
            tabela.add_row(*("" if v is None else str(v) for v in linha))
        self.console.print(tabela)


def executar(console: Console | None = None, *, rapido: bool = False, mtls: bool = False) -> None:
    """Run the demo; raises on any failure (the CLI turns that into a non-zero exit)."""
    demo = Demo(console or Console(), rapido=rapido, mtls=mtls)
    with (
        tempfile.TemporaryDirectory(prefix="ccee-demo-") as tmp,
        Simulador(mtls=mtls, diretorio=Path(tmp), atraso_processamento=0.2 if rapido else 1.0) as sim,
    ):
        demo.console.print(
            f"Simulador do barramento em [bold]{sim.url}[/bold] (HTTPS{', TLS mútuo' if mtls else ''}; "
            f"CA {sim.ca_bundle})"
        )
        with CCEEClient(sim.configuracao(VENDEDOR)) as vendedor, CCEEClient(sim.configuracao(COMPRADOR)) as comprador:
            cadastros = _cadastros(demo, vendedor)
            codigo = _registro(demo, vendedor, Path(tmp))
            _validacao(demo, comprador, codigo, Path(tmp))
            contratos, _ = _consultas(demo, vendedor, comprador, codigo)
            _liquidacao(demo, [*cadastros, *contratos])
        with CCEEClient(sim.configuracao(DISTRIBUIDORA)) as distribuidora:
            _mve(demo, distribuidora)
    demo.console.rule(f"[bold green]demo concluída em {time.perf_counter() - demo.inicio:.1f}s")


def _cadastros(demo: Demo, client: CCEEClient) -> list[Any]:
    demo.titulo("Cadastros: perfis do vendedor e do comprador (ParticipanteMercadoBSv2, PerfilParticipanteMercadoBSv2)")
    participantes = {p.codigo: p for p in client.listar_participantes()}
    perfis = client.listar_perfis().todos()
    linhas = []
    for perfil_codigo in (PERFIL_VENDEDOR, PERFIL_COMPRADOR):
        (perfil,) = client.listar_perfis(codigo_perfil=perfil_codigo).todos()
        agente = participantes.get(perfil.codigo_agente)
        linhas.append(
            [
                perfil.codigo,
                perfil.sigla,
                perfil.codigo_agente,
                agente.nome_empresarial if agente else "",
                perfil.classe,
                perfil.submercado.nome if perfil.submercado else "",
            ]
        )
    demo.tabela("perfis", ["perfil", "sigla", "agente", "razão social", "classe", "submercado"], linhas)
    return [*participantes.values(), *perfis]


def _registro(demo: Demo, client: CCEEClient, tmp: Path) -> int:
    demo.titulo("Vendedor monta o CCEAL e registra (ImportarArquivoBSv1 → ResultadoProcessamentoBSv1)")
    arquivo = novo_contrato_mensal(
        PERFIL_COMPRADOR,
        PERFIL_VENDEDOR,
        Submercado.SUDESTE,
        [(mes, Decimal(v)) for mes, v in zip(MESES, ("12.5", "12.5", "10.75"))],
        referencia="DEMO-SA-RIODOCE-T3",
    )
    xml = gerar_xml(arquivo)
    demo.console.print(f"arquivo ContratosCCEAL tipoGeracao={int(arquivo.tipo_geracao)}, {len(xml)} bytes ISO-8859-1")
    with Diario(tmp / "diario.sqlite3") as diario:
        resultado = registrar(client, arquivo, diario=diario, intervalo_inicial=0.2, andamento=None)
    demo.tabela(
        "resultado do processamento",
        ["seq.", "referência", "status", "contrato", "descrição"],
        [[c.sequencial_controle, c.referencia, c.status, c.codigo_contrato, c.descricao] for c in resultado.contratos],
    )
    if not resultado.sucesso:
        raise RuntimeError("o registro do contrato da demo falhou")
    return int(resultado.contratos[0].codigo_contrato)


def _validacao(demo: Demo, client: CCEEClient, codigo: int, tmp: Path) -> None:
    demo.titulo("Comprador lista os montantes não validados e valida (tipoGeracao 24)")
    plano = planejar_validacao(client, perfis=[PERFIL_COMPRADOR], contratos=[codigo])
    outros = len(plano.itens) - len(plano.a_validar)
    demo.tabela(
        "montantes pendentes do novo contrato (INSERIDO_NAO_VALIDADO 10783)",
        ["contrato", "início", "MWmédio", "situação", "decisão"],
        [[i.contrato, i.inicio.strftime("%Y-%m"), i.valor, i.situacao, i.decisao.value] for i in plano.a_validar],
    )
    demo.console.print(f"[dim]{outros} outro(s) montante(s) pendente(s) do comprador ficam para depois[/dim]")
    with Diario(tmp / "diario.sqlite3") as diario:
        resultado = validar(client, plano, diario=diario, perfis=[PERFIL_COMPRADOR], intervalo_inicial=0.2)
    demo.console.print(f"{resultado.confirmados} montante(s) confirmados como VALIDADO")
    if resultado.confirmados != len(plano.a_validar):
        raise RuntimeError("a validação da demo não foi confirmada")


def _consultas(demo: Demo, vendedor: CCEEClient, comprador: CCEEClient, codigo: int) -> tuple[list[Any], list[Any]]:
    demo.titulo("Ambos consultam: contratos, o contrato, seus montantes e ativos associados")
    contratos = vendedor.listar_contratos(
        periodo="2026-01..2026-12", perfis=[PERFIL_VENDEDOR], papel=Papel.VENDEDOR
    ).todos()
    demo.tabela(
        f"contratos do vendedor ({len(contratos)})",
        ["contrato", "referência", "comprador", "vigência", "situação"],
        [
            [
                c.id,
                c.referencia,
                c.comprador.perfil.sigla if c.comprador and c.comprador.perfil else "",
                f"{c.periodo_vigencia.inicio:%Y-%m}..{c.periodo_vigencia.fim:%Y-%m}" if c.periodo_vigencia else "",
                c.situacao,
            ]
            for c in contratos
        ],
    )
    contrato = comprador.obter_contrato(codigo, periodo="2026-08..2026-10")
    demo.console.print(
        f"obterContrato {codigo} (comprador): situação {contrato.situacao}, "
        f"{contrato.vendedor.perfil.sigla} → {contrato.comprador.perfil.sigla}"
    )
    montantes = comprador.listar_montantes_energia(contratos=[codigo], tipos=TipoMontanteEnergia.MONTANTE_MEDIO).todos()
    demo.tabela(
        "montantes do contrato",
        ["início", "valor", "unidade", "situação"],
        [[f"{m.periodo.inicio:%Y-%m}", m.valor, m.unidade_medida, m.situacao] for m in montantes],
    )
    parcelas = vendedor.listar_ativos_associados_contrato(contratos=[CONTRATO_POR_CARGA]).todos()
    demo.tabela(
        f"parcelas de ativo associadas ao contrato {CONTRATO_POR_CARGA} (modulação por carga)",
        ["parcela", "modalidade", "contrato", "período"],
        [
            [
                p.codigo,
                p.modalidade,
                c.id,
                f"{c.periodo_associado.inicio:%Y-%m}..{c.periodo_associado.fim:%Y-%m}" if c.periodo_associado else "",
            ]
            for p in parcelas
            for c in p.contratos_associado
        ],
    )
    return contratos, montantes


def _liquidacao(demo: Demo, buscados: list[Any]) -> None:
    """Liquidação (seed 003) on the demo's input tables, with the profile → agent map Aα from the bus."""
    from .settlement.liquidacao.demo import calcular_demo

    demo.titulo("Liquidação (Regras de Comercialização 2026.1.0) com os perfis e agentes buscados no barramento")
    resultado, siglas = calcular_demo(buscados)
    for item in resultado.resumo(nomes=siglas):
        demo.console.print(item)
    explicacao = resultado.explicar("V_LIQUI", perfil=str(PERFIL_VENDEDOR), mes="2026-02")
    demo.console.print(
        "[dim]linhagem de uma linha (ccee liquidacao calcular --explain perfil=61001 mes=2026-02):[/dim]"
    )
    demo.console.print(explicacao.texto(), markup=False, highlight=False)


def _mve(demo: Demo, distribuidora: CCEEClient) -> None:
    """MVE settlement (seed 004 §2.3, Anexo I) of the MVE contracts the distributor fetches from the bus."""
    from .settlement.mve.demo import buscar, calcular_demo

    demo.titulo("Mecanismo de Venda de Excedentes: contratos MVE da distribuidora liquidados (Regras 2023.3.0)")
    contratos, montantes, perfis = buscar(distribuidora)
    mve = [c for c in contratos if c.tipo_contrato and c.tipo_contrato.sub_tipo and c.tipo_contrato.sub_tipo.id == 10790]
    demo.console.print(
        f"{len(mve)} contratos MVE buscados ({', '.join(str(c.id) for c in mve)}), {len(montantes)} montantes médios"
    )
    resultado, siglas = calcular_demo(contratos, montantes, perfis)
    for item in resultado.resumo(nomes=siglas):
        demo.console.print(item)
