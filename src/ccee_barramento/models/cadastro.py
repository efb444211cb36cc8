"""Registry objects: participantes de mercado and their perfis."""

from __future__ import annotations

from pydantic import Field

from .base import Dominio, ModeloCCEE, Periodo, Submercado


class Identificacao(ModeloCCEE):
    """A document number (CNPJ) with its kind."""

    numero: str | None = None
    tipo: Dominio | None = None


class PessoaJuridica(ModeloCCEE):
    identificacoes: list[Identificacao] = Field(default_factory=list)
    nome_empresarial: str | None = None


class Parte(ModeloCCEE):
    pessoa_juridica: PessoaJuridica | None = None


class FonteEnergia(ModeloCCEE):
    tipo: Dominio | None = None
    codigo: int | str | None = None
    descricao: str | None = None


class PerfilResumo(ModeloCCEE):
    """A profile as other objects cite it (``perfil/id`` or ``perfil/codigo``, maybe ``sigla``)."""

    id: int | None = None
    codigo: int | None = None
    sigla: str | None = None

    @property
    def codigo_perfil(self) -> int | None:
        return self.codigo if self.codigo is not None else self.id


class ParticipanteMercado(ModeloCCEE):
    """A CCEE agent (participante de mercado)."""

    parte: Parte | None = None
    classe: Dominio | None = None
    codigo: int | None = None
    perfis: list[PerfilResumo] = Field(default_factory=list)
    periodo_vigencia: Periodo | None = None
    sigla: str | None = None
    situacao: Dominio | None = None

    @property
    def cnpj(self) -> str | None:
        pj = self.parte.pessoa_juridica if self.parte else None
        for ident in pj.identificacoes if pj else ():
            if ident.tipo is None or str(ident.tipo.codigo).upper() == "CNPJ":
                return ident.numero
        return None

    @property
    def nome_empresarial(self) -> str | None:
        pj = self.parte.pessoa_juridica if self.parte else None
        return pj.nome_empresarial if pj else None


class Perfil(ModeloCCEE):
    """A profile of an agent (perfil de participante de mercado): the unit contracts are booked to."""

    id: int | None = None
    classe: Dominio | None = None
    codigo: int | None = None
    comercializador_varejista: bool | None = None
    fonte_energia: FonteEnergia | None = None
    periodo_vigencia: Periodo | None = None
    sigla: str | None = None
    situacao: Dominio | None = None
    submercado: Submercado | None = None
    participante_mercado: ParticipanteMercado | None = None
    perfil_principal: bool | None = None
    regime_cotas: bool | None = None

    @property
    def codigo_perfil(self) -> int | None:
        return self.codigo if self.codigo is not None else self.id

    @property
    def codigo_agente(self) -> int | None:
        return self.participante_mercado.codigo if self.participante_mercado else None
