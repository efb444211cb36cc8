"""``ccee wsdl sync`` downloads a WSDL set (here: from the simulator's ?wsdl) that the client can then use."""

from __future__ import annotations

from ccee_barramento import CCEEClient, catalog
from ccee_barramento.simulator import Simulador
from ccee_barramento.validation import validate_envelope
from ccee_barramento.wsdl_sync import sincronizar, verificar


def test_synced_wsdls_are_complete_and_usable(tmp_path):
    with Simulador(diretorio=tmp_path / "pki") as sim:
        config = sim.configuracao("serra.azul")
        destino = tmp_path / "wsdl"
        resultado = sincronizar(config, destino)
        assert verificar(destino) == []
        assert set(resultado.arquivos) == {s.nome for s in catalog.SERVICOS}
        assert all(len(arquivos) > 3 for arquivos in resultado.arquivos.values())  # WSDL + its XSDs
        with CCEEClient(config.com(wsdl_dir=destino)) as client:
            assert client.listar_perfis(codigo_agente=51001).quantidade_total_itens == 2
        # the downloaded set validates envelopes too (offline)
        envelope = client._servico(
            catalog.CONTRATO, __import__("ccee_barramento.services.contratos", fromlist=["Contratos"]).Contratos
        ).soap.envelope("listarContrato", {"papel": "VENDEDOR"}, pagina=1, tamanho_pagina=10)
        validate_envelope(catalog.CONTRATO, envelope, wsdl_dir=destino)
