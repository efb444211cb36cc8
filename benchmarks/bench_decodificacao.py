"""Decoding benchmark: a 10,000-contract listarContrato answer, three ways, measured side by side.

    python benchmarks/bench_decodificacao.py [--contratos 10000] [--repeticoes 5]

Prints the best time of each and the ratios the core issue targets:
  * ours / bare lxml parse of the same bytes   (target <= 2.5)
  * zeep deserialization / ours                 (target >= 5)
for the bus's indented answers (as the official samples) and for compact ones. The answer is
validated against our XSDs first, so it is a real answer of ContratoBSv2.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import zeep  # noqa: E402

from ccee_barramento import catalog, decoding  # noqa: E402
from ccee_barramento import namespaces as ns  # noqa: E402
from ccee_barramento.models import Contrato  # noqa: E402
from ccee_barramento.validation import validate_envelope  # noqa: E402

SIGLAS = ["GERADORA ALFA", "COMERCIALIZADORA BETA", "CONSUMIDOR GAMA", "INDÚSTRIA DELTA", "DISTRIBUIDORA ÉPSILON"]
SUBMERCADOS = [(1, "Sudeste / Centro-Oeste"), (2, "Sul"), (3, "Nordeste"), (4, "Norte")]


def _contrato(i: int) -> str:
    sub_id, sub_nome = SUBMERCADOS[i % 4]
    mes = i % 12 + 1
    return (
        f"<bov2:contrato><bov2:id>{100000 + i}</bov2:id><bov2:codigo>{100000 + i}</bov2:codigo>"
        f"<bov2:referencia>REF-{i:06d}</bov2:referencia><bov2:observacao>Contrato de teste n&#186; {i}</bov2:observacao>"
        "<bov2:ambienteContratacao><bov2:nome>LIVRE</bov2:nome></bov2:ambienteContratacao>"
        "<bov2:tipoContrato><bov2:id>10185</bov2:id><bov2:descricao>CCEAL</bov2:descricao>"
        "<bov2:subTipo><bov2:id>10777</bov2:id></bov2:subTipo></bov2:tipoContrato><bov2:tipoCCEAL>1</bov2:tipoCCEAL>"
        "<bov2:situacao><bov2:codigo>3</bov2:codigo><bov2:descricao>REGISTRADO</bov2:descricao></bov2:situacao>"
        f"<bov2:periodoVigencia><bov2:inicio>2026-{mes:02d}-01T00:00:00-03:00</bov2:inicio>"
        "<bov2:fim>2027-01-01T00:00:00-03:00</bov2:fim></bov2:periodoVigencia>"
        "<bov2:dataRegistro>2025-12-10T14:31:07-03:00</bov2:dataRegistro>"
        f"<bov2:submercado><bov2:id>{sub_id}</bov2:id><bov2:nome>{sub_nome}</bov2:nome></bov2:submercado>"
        f"<bov2:comprador><bov2:perfil><bov2:id>{i % 500 + 1}</bov2:id><bov2:sigla>{SIGLAS[i % 5]}</bov2:sigla>"
        "</bov2:perfil></bov2:comprador>"
        f"<bov2:vendedor><bov2:perfil><bov2:id>{i % 300 + 1000}</bov2:id><bov2:sigla>{SIGLAS[(i + 1) % 5]}</bov2:sigla>"
        "</bov2:perfil></bov2:vendedor>"
        "<bov2:modulacao><bov2:tipo>F</bov2:tipo></bov2:modulacao>"
        f"<bov2:montantesNaoValidados>{'true' if i % 3 == 0 else 'false'}</bov2:montantesNaoValidados>"
        "</bov2:contrato>"
    )


def resposta(n: int, indentada: bool) -> bytes:
    corpo = "".join(_contrato(i) for i in range(n))
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<soapenv:Envelope xmlns:soapenv="{ns.SOAP_ENV}" xmlns:hdr="{ns.MH_V2}"><soapenv:Header>'
        "<hdr:messageHeader><hdr:transactionId>81155853-0a65-4770-aabc-d3b9d827745a</hdr:transactionId>"
        "</hdr:messageHeader><hdr:paginacao><hdr:numero>1</hdr:numero>"
        f"<hdr:quantidadeItens>{n}</hdr:quantidadeItens><hdr:totalPaginas>1</hdr:totalPaginas>"
        f"<hdr:quantidadeTotalItens>{n}</hdr:quantidadeTotalItens></hdr:paginacao></soapenv:Header><soapenv:Body>"
        f'<bmv2:listarContratoResponse xmlns:bmv2="{ns.BM_V2}" xmlns:bov2="{ns.BO_V2}"><bmv2:contratos>{corpo}'
        "</bmv2:contratos></bmv2:listarContratoResponse></soapenv:Body></soapenv:Envelope>"
    ).encode()
    if indentada:
        xml = etree.tostring(etree.fromstring(xml), pretty_print=True, xml_declaration=True, encoding="UTF-8")
    return xml


def melhor(f: Callable[[], object], repeticoes: int) -> float:
    """Best time to produce the result; freeing it (the tree, the models) is left out of the timing,
    for all three alike: the caller pays that when it drops the page, not when it decodes it."""
    tempos = []
    for _ in range(repeticoes):
        gc.collect()
        inicio = time.perf_counter()
        resultado = f()
        tempos.append(time.perf_counter() - inicio)
        del resultado
    return min(tempos)


def nosso(dados: bytes) -> list[Contrato]:
    root = decoding.parse(dados)
    wrapper = root.find(f".//{{{ns.BM_V2}}}contratos")
    return decoding.decode_list(wrapper, Contrato, ns.BO_V2)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--contratos", type=int, default=10_000)
    args.add_argument("--repeticoes", type=int, default=5)
    opts = args.parse_args()
    spec = catalog.CONTRATO
    cliente_zeep = zeep.Client(str(spec.wsdl_path()), settings=zeep.Settings(xml_huge_tree=True))
    operacao = cliente_zeep.service._binding._operations["listarContrato"]
    print(f"python {sys.version.split()[0]}, lxml {etree.__version__}, zeep {zeep.__version__}")
    for indentada in (True, False):
        dados = resposta(opts.contratos, indentada)
        validate_envelope(spec, resposta(50, indentada))  # the shape is a valid ContratoBSv2 answer
        assert len(nosso(dados)) == opts.contratos
        t_parse = melhor(lambda: etree.fromstring(dados, decoding.PARSER), opts.repeticoes)
        t_nosso = melhor(lambda: nosso(dados), opts.repeticoes)
        t_zeep = melhor(
            lambda: operacao.output.deserialize(etree.fromstring(dados, decoding.PARSER)), max(1, opts.repeticoes // 2)
        )
        rotulo = "indentada (como o barramento)" if indentada else "compacta"
        print(f"\nresposta {rotulo}: {opts.contratos} contratos, {len(dados) / 1e6:.1f} MB")
        print(f"  lxml parse puro           {t_parse * 1e3:9.1f} ms")
        print(
            f"  ccee-barramento → modelos {t_nosso * 1e3:9.1f} ms   razão nosso/parse = {t_nosso / t_parse:5.2f} (alvo <= 2.5)"
        )
        print(
            f"  zeep deserialize          {t_zeep * 1e3:9.1f} ms   razão zeep/nosso  = {t_zeep / t_nosso:5.2f} (alvo >= 5)"
        )


if __name__ == "__main__":
    main()
