"""Base model and shared field types of the domain models."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer
from pydantic.alias_generators import to_camel

#: The bus's wall clock (Brasília). Naive datetimes from the bus are read in this zone.
FUSO_CCEE = ZoneInfo("America/Sao_Paulo")


def _com_fuso(valor: datetime) -> datetime:
    return valor if valor.tzinfo is not None else valor.replace(tzinfo=FUSO_CCEE)


#: A datetime that is always timezone-aware (naive values are taken as Brasília time).
DataHora = Annotated[datetime, AfterValidator(_com_fuso)]

#: An exact decimal (energy in MWh/MWmédio, money in R$); serialized to JSON as a string, never a float.
Numero = Annotated[Decimal, PlainSerializer(lambda v: str(v), return_type=str, when_used="json")]


#: A code that is numeric when the bus sends digits (situação 10783) and text otherwise ("CNPJ").
Codigo = Annotated[int | str, Field(union_mode="left_to_right")]


class _SemExtras(Mapping[str, Any]):
    """The empty, immutable ``extras`` shared by every model whose answer had no unknown element."""

    __slots__ = ()

    def __getitem__(self, chave: str) -> Any:
        raise KeyError(chave)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __hash__(self) -> int:
        # hashable, so pydantic uses it as the default as is (it deep-copies unhashable defaults)
        return hash(frozenset())

    def __copy__(self) -> _SemExtras:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _SemExtras:
        return self

    def __repr__(self) -> str:
        return "{}"


SEM_EXTRAS: Mapping[str, Any] = _SemExtras()


class ModeloCCEE(BaseModel):
    """Base of every object decoded from the bus.

    Field aliases are the bus's element names (camelCase); Python names are snake_case.
    Elements the SDK does not know are kept in :attr:`extras` (never an error).
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        str_strip_whitespace=True,
        extra="ignore",
        use_enum_values=False,
    )

    #: Shared and read-only while empty: no dict is allocated per instance (10,000 contracts = 120,000 models).
    extras: Annotated[Mapping[str, Any], PlainSerializer(dict)] = Field(default=SEM_EXTRAS, alias="extras", repr=False)


class Dominio(ModeloCCEE):
    """A coded value of the bus (situação, classe, status, modalidade, tipo, ambiente...)."""

    codigo: Codigo | None = None
    descricao: str | None = None
    nome: str | None = None

    def __str__(self) -> str:
        return self.descricao or self.nome or ("" if self.codigo is None else str(self.codigo))


class Periodo(ModeloCCEE):
    """A time interval; ``fim`` is exclusive when the bus gives whole months."""

    inicio: DataHora | None = None
    fim: DataHora | None = None


class Submercado(ModeloCCEE):
    """Submarket (1 Sudeste/Centro-Oeste, 2 Sul, 3 Nordeste, 4 Norte)."""

    id: int | None = None
    codigo: Codigo | None = None
    nome: str | None = None
    sigla: str | None = None


class Referencia(ModeloCCEE):
    """A reference to another object by id/codigo (e.g. ``contrato/id``, ``ativoMedicao/codigo``)."""

    id: Codigo | None = None
    codigo: Codigo | None = None

    @property
    def chave(self) -> int | str | None:
        return self.id if self.id is not None else self.codigo
