"""Configuration from the environment, with clear errors."""

from __future__ import annotations

import pytest

from ccee_barramento import Ambiente, CCEEClient, Configuracao, ConfigurationError


def test_environment_variables_are_read():
    config = Configuracao.from_env(
        {
            "CCEE_AMBIENTE": "producao",
            "CCEE_USUARIO": "u",
            "CCEE_SENHA": "s",
            "CCEE_CODIGO_PERFIL_AGENTE": "42",
            "CCEE_TIMEOUT": "30",
            "CCEE_TENTATIVAS": "5",
        }
    )
    assert config.ambiente is Ambiente.PRODUCAO
    assert config.endpoint_base == "https://servicos.ccee.org.br:443"
    assert config.codigo_perfil_agente == "42" and config.timeout_leitura == 30.0 and config.tentativas == 5


def test_keyword_overrides_win_over_the_environment():
    config = Configuracao.from_env({"CCEE_AMBIENTE": "producao"}, ambiente="piloto")
    assert config.ambiente is Ambiente.PILOTO


def test_base_url_replaces_the_environment_hosts():
    config = Configuracao(base_url="https://127.0.0.1:8443/")
    assert config.endpoint("/ws/v2/ContratoBSv2") == "https://127.0.0.1:8443/ws/v2/ContratoBSv2"


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"ambiente": "homologacao"}, "ambiente inválido"),
        ({"certificado": "a.pfx", "certificado_pem": "c.pem", "chave_pem": "k.pem"}, "não ambos"),
        ({"certificado_pem": "c.pem"}, "chave PEM"),
        ({"tentativas": 0}, "tentativas"),
    ],
)
def test_inconsistent_settings_are_refused(kwargs, match):
    with pytest.raises(ConfigurationError, match=match):
        Configuracao(**kwargs)


def test_unreadable_certificate_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigurationError, match="não foi possível ler"):
        CCEEClient(Configuracao(base_url="https://x", certificado=tmp_path / "nao-existe.pfx"))
    ruim = tmp_path / "ruim.pfx"
    ruim.write_bytes(b"isto nao e um pfx")
    with pytest.raises(ConfigurationError, match="senha incorreta ou arquivo .pfx inválido") as err:
        CCEEClient(Configuracao(base_url="https://x", certificado=ruim, certificado_senha="errada"))
    assert "errada" not in str(err.value)


def test_unknown_setting_is_refused():
    with pytest.raises(ConfigurationError, match="desconhecida"):
        Configuracao.from_env({}, cor="azul")
