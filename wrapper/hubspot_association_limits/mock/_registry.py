"""Which object types and association types a mock portal has, and the seed file that adds more.

The catalogue (``.._catalogue``) is the data: HubSpot's 32 standard object types (by id, plural or
singular name) and its HubSpot-defined association types, each valid for its own pair only. Any
custom object id ``2-<n>`` is accepted, declared or not: a custom object without association types
only gets item errors. A seed file adds what a portal has beyond the catalogue:

- ``customObjects``: custom objects by HubSpot's schema fields, so that requests may name them by
  their fully qualified name, or its short-hand without the portal id (``p_cars``), as well as by
  id: ``{objectTypeId: "2-123", fullyQualifiedName: "p1234567_cars"}``. The base name alone
  (``cars``) is refused, as HubSpot has refused it since 2025-06-24;
- ``associationTypes``: the portal's own types (USER_DEFINED labels, or types between custom
  objects); label null means unlabeled. Object types are names, ids or a declared fully qualified
  name. A HubSpot-defined typeId the catalogue already has is refused (it is valid for its own pair);
- ``labels``: labels the portal starts with, created in order as ``POST .../labels`` creates them
  (typeIds from ``firstLabelTypeId``): ``{fromObjectType, toObjectType, label, name?, inverseLabel?}``
  (``name`` defaults to the label's slug);
- ``firstLabelTypeId``: the first typeId the portal gives a label (default 101; never one a seeded
  association type has);
- ``limits``: the limits the mock starts (and resets) with; they obey the same rules as a create, and
  may name the typeIds the ``labels`` above get.

Those keys at the top level describe the ``default`` portal. ``portals:`` describes named ones, each
with the same keys, so that one mock serves a sandbox and a production portal whose labels get
different typeIds (tokens join a portal with ``TokenConfig(portal=...)``)::

    labels:                       # the default portal
      - {fromObjectType: deals, toObjectType: contacts, label: Decision maker}
    portals:
      sandbox:
        firstLabelTypeId: 101
        labels: [{fromObjectType: deals, toObjectType: contacts, label: Decision maker}]
        limits: [{fromObjectType: deals, toObjectType: contacts, category: USER_DEFINED,
                  typeId: 101, maxToObjectIds: 2}]
      production:
        firstLabelTypeId: 250
        labels: [{fromObjectType: deals, toObjectType: contacts, label: Decision maker}]
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

from .._catalogue import Category, hubspot_defined_type, normalise_object_type

__all__ = [
    "AssociationType",
    "CustomObject",
    "Registry",
    "Seed",
    "SeedError",
    "SeedLabel",
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


@attrs.frozen
class CustomObject:
    """A custom object a seed declares: its id and the fully qualified name requests may use."""

    object_type_id: str
    fully_qualified_name: str

    @property
    def short_hand(self) -> str:
        """The name without the portal id: ``p_cars`` for ``p1234567_cars``."""
        return "p_" + self.fully_qualified_name.split("_", 1)[1]


class Registry:
    """The object types of one mock portal (the catalogue's plus a seed's custom objects) and the
    association types its seed declares (``_types`` adds the catalogue's and the labels)."""

    def __init__(
        self, custom_objects: Iterable[CustomObject] = (), types: Iterable[AssociationType] = ()
    ) -> None:
        # Matched case-insensitively, like standard names (HubSpot documents neither way).
        self._custom = {
            name.lower(): obj.object_type_id
            for obj in custom_objects
            for name in (obj.fully_qualified_name, obj.short_hand)
        }
        self.types = tuple(types)

    def object_type(self, value: str) -> str | None:
        """The id a request's object type denotes (standard, ``2-<n>``, or a declared custom
        object's fully qualified name or short-hand), or None when HubSpot could not infer one."""
        return normalise_object_type(value) or self._custom.get(value.lower())


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
class SeedLabel:
    """A label the portal starts with, created as the label route creates one."""

    from_object_type: str
    to_object_type: str
    label: str
    name: str | None
    inverse_label: str | None


DEFAULT_FIRST_LABEL_TYPE_ID: Final = 101


@attrs.frozen
class Seed:
    """The contents of a seed file for one portal: custom objects, extra association types, labels
    and initial limits; ``portals`` holds the named portals' seeds (the top level is ``default``)."""

    custom_objects: tuple[CustomObject, ...] = ()
    association_types: tuple[AssociationType, ...] = ()
    limits: tuple[SeedLimit, ...] = ()
    labels: tuple[SeedLabel, ...] = ()
    first_label_type_id: int = DEFAULT_FIRST_LABEL_TYPE_ID
    portals: Mapping[str, Seed] = attrs.field(factory=dict)

    def registry(self) -> Registry:
        """The catalogue plus this seed's custom objects and association types."""
        return Registry(self.custom_objects, self.association_types)


_PAIR: Final = {
    "fromObjectType": {"type": "string"},
    "toObjectType": {"type": "string"},
    "category": {"type": "string", "minLength": 1},
    "typeId": {"type": "integer"},
}
_PORTAL_SCHEMA: Final = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "firstLabelTypeId": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        "labels": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["fromObjectType", "toObjectType", "label"],
                "properties": {
                    "fromObjectType": {"type": "string"},
                    "toObjectType": {"type": "string"},
                    "label": {"type": "string", "minLength": 1},
                    "name": {"type": "string", "minLength": 1},
                    "inverseLabel": {"type": "string", "minLength": 1},
                },
            },
        },
        "customObjects": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["objectTypeId", "fullyQualifiedName"],
                "properties": {
                    "objectTypeId": {"type": "string", "pattern": "^2-[1-9][0-9]*$"},
                    "fullyQualifiedName": {"type": "string", "pattern": "^p[0-9]+_[A-Za-z][A-Za-z0-9_]*$"},
                },
            },
        },
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
_SEED_SCHEMA: Final = {
    **_PORTAL_SCHEMA,
    "properties": {
        **_PORTAL_SCHEMA["properties"],  # type: ignore[dict-item]
        "portals": {
            "type": "object",
            "propertyNames": {"minLength": 1, "not": {"const": "default"}},
            "additionalProperties": _PORTAL_SCHEMA,
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
    portals = {
        name: _portal_seed(portal, f"{source} (portal {name})")
        for name, portal in data.get("portals", {}).items()
    }
    return attrs.evolve(_portal_seed(data, source), portals=portals)


def _portal_seed(data: Mapping[str, Any], source: str) -> Seed:
    custom = _custom_objects(data.get("customObjects", []), source)
    registry = Registry(custom)  # resolves the names the entries below use
    types = tuple(
        AssociationType(
            *_pair(registry, entry, source), entry["category"], entry["typeId"], entry.get("label")
        )
        for entry in data.get("associationTypes", [])
    )
    for association_type in types:
        if association_type.category == Category.HUBSPOT_DEFINED and hubspot_defined_type(
            association_type.type_id
        ):
            raise SeedError(
                f"seed file {source}: HUBSPOT_DEFINED {association_type.type_id} is HubSpot's own type "
                "(the catalogue has it, for its own pair); seed only types the catalogue lacks"
            )
    limits = tuple(
        SeedLimit(
            *_pair(registry, entry, source), entry["category"], entry["typeId"], entry["maxToObjectIds"]
        )
        for entry in data.get("limits", [])
    )
    labels = tuple(
        SeedLabel(
            *_pair(registry, entry, source), entry["label"], entry.get("name"), entry.get("inverseLabel")
        )
        for entry in data.get("labels", [])
    )
    first = data.get("firstLabelTypeId", DEFAULT_FIRST_LABEL_TYPE_ID)
    return Seed(custom, types, limits, labels, first)


def _custom_objects(entries: Iterable[Mapping[str, str]], source: str) -> tuple[CustomObject, ...]:
    custom = tuple(CustomObject(entry["objectTypeId"], entry["fullyQualifiedName"]) for entry in entries)
    for field, values in (
        ("objectTypeId", [obj.object_type_id for obj in custom]),
        ("fullyQualifiedName", [obj.fully_qualified_name.lower() for obj in custom]),
        ("short-hand name", [obj.short_hand.lower() for obj in custom]),
    ):
        twice = sorted({value for value in values if values.count(value) > 1})
        if twice:
            raise SeedError(f"seed file {source}: customObjects: {field} {twice[0]!r} is declared twice")
    return custom


def _pair(registry: Registry, entry: Mapping[str, Any], source: str) -> tuple[str, str]:
    ids = []
    for field in ("fromObjectType", "toObjectType"):
        object_id = registry.object_type(entry[field])
        if object_id is None:
            raise SeedError(f"seed file {source}: unknown object type {entry[field]!r} in {field}")
        ids.append(object_id)
    return ids[0], ids[1]
