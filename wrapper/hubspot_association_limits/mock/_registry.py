"""Which association types exist between two object types, and the seed file that adds more.

HubSpot-defined types come from HubSpot's "Association type ID values" table; a portal's own labels
(USER_DEFINED) and optional initial limits come from a seed file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs
import jsonschema
import yaml

from .._catalogue import Category, ObjectType, normalise_object_type

__all__ = [
    "HUBSPOT_DEFINED_TYPES",
    "AssociationType",
    "Registry",
    "Seed",
    "SeedError",
    "SeedLimit",
    "load_seed",
]


@attrs.frozen
class AssociationType:
    """One association type from one object type to another (ids, not names)."""

    from_object_type: str
    to_object_type: str
    category: str
    type_id: int
    label: str | None


def _hubspot(from_type: str, to_type: str, type_id: int, label: str | None = None) -> AssociationType:
    return AssociationType(from_type, to_type, Category.HUBSPOT_DEFINED, type_id, label)


_C, _CO, _D, _T, _LI = (
    ObjectType.CONTACTS,
    ObjectType.COMPANIES,
    ObjectType.DEALS,
    ObjectType.TICKETS,
    ObjectType.LINE_ITEMS,
)
HUBSPOT_DEFINED_TYPES: Final = (
    _hubspot(_C, _CO, 279),
    _hubspot(_C, _CO, 1, "Primary"),
    _hubspot(_CO, _C, 280),
    _hubspot(_CO, _C, 2, "Primary"),
    _hubspot(_D, _C, 3),
    _hubspot(_C, _D, 4),
    _hubspot(_D, _CO, 341),
    _hubspot(_D, _CO, 5, "Primary"),
    _hubspot(_CO, _D, 342),
    _hubspot(_C, _T, 15),
    _hubspot(_T, _C, 16),
    _hubspot(_D, _LI, 19),
    _hubspot(_LI, _D, 20),
)


class Registry:
    """The association types that exist, looked up by pair and (category, typeId)."""

    def __init__(self, types: Iterable[AssociationType]) -> None:
        self._types: dict[tuple[str, str, str, int], AssociationType] = {}
        for association_type in types:
            key = (
                association_type.from_object_type,
                association_type.to_object_type,
                association_type.category,
                association_type.type_id,
            )
            self._types[key] = association_type

    def find(self, from_type: str, to_type: str, category: str, type_id: int) -> AssociationType | None:
        """The association type, or None when the pair has no such type."""
        return self._types.get((from_type, to_type, category, type_id))


class SeedError(ValueError):
    """A seed file that cannot be read or does not match the seed format."""


@attrs.frozen
class SeedLimit:
    """A limit the mock starts with (and returns to on reset)."""

    from_object_type: str
    to_object_type: str
    category: str
    type_id: int
    max_to_object_ids: int


@attrs.frozen
class Seed:
    """The contents of a seed file: extra association types and initial limits."""

    association_types: tuple[AssociationType, ...] = ()
    limits: tuple[SeedLimit, ...] = ()


_PAIR: Final = {
    "fromObjectType": {"type": "string"},
    "toObjectType": {"type": "string"},
    "category": {"type": "string", "minLength": 1},
    "typeId": {"type": "integer"},
}
_SEED_SCHEMA: Final = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "associationTypes": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["fromObjectType", "toObjectType", "category", "typeId"],
                "properties": {**_PAIR, "label": {"type": ["string", "null"]}},
            },
        },
        "limits": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["fromObjectType", "toObjectType", "category", "typeId", "maxToObjectIds"],
                "properties": {**_PAIR, "maxToObjectIds": {"type": "integer"}},
            },
        },
    },
}
DEMO: Final = "demo"


def load_seed(source: str) -> Seed:
    """Read a seed file (YAML or JSON; ``"demo"`` is the demo seed shipped with the package)."""
    if source == DEMO:
        text = resources.files(__package__).joinpath("demo_seed.yaml").read_text(encoding="utf-8")
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise SeedError(f"cannot read seed file {source}: {exc.strerror}") from exc
    try:
        data = json.loads(text) if source.endswith(".json") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise SeedError(f"seed file {source} is not valid YAML/JSON: {exc}") from exc
    return parse_seed(data or {}, source)


def parse_seed(data: object, source: str = "<seed>") -> Seed:
    """A Seed from already-parsed data; raises SeedError naming the offending entry."""
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(_SEED_SCHEMA).iter_errors(data))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        raise SeedError(f"seed file {source}: {where}: {error.message}")
    assert isinstance(data, Mapping)
    types = tuple(
        AssociationType(*_pair(entry, source), entry["category"], entry["typeId"], entry.get("label"))
        for entry in data.get("associationTypes", [])
    )
    limits = tuple(
        SeedLimit(*_pair(entry, source), entry["category"], entry["typeId"], entry["maxToObjectIds"])
        for entry in data.get("limits", [])
    )
    return Seed(types, limits)


def _pair(entry: Mapping[str, Any], source: str) -> tuple[str, str]:
    ids = []
    for field in ("fromObjectType", "toObjectType"):
        object_id = normalise_object_type(entry[field])
        if object_id is None:
            raise SeedError(f"seed file {source}: unknown object type {entry[field]!r} in {field}")
        ids.append(object_id)
    return ids[0], ids[1]


def registry_for(seed: Seed) -> Registry:
    """HubSpot's built-in association types plus the seed's."""
    return Registry([*HUBSPOT_DEFINED_TYPES, *seed.association_types])
