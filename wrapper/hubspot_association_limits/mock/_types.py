"""The association types of one mock portal, and HubSpot's rules for its labels. Pure; the store
holds the lock.

A portal has the catalogue's HubSpot-defined types (fixed), the types its seed declares, and the
labels created through the label routes. A label is a *definition* (an internal ``name``) with one
USER_DEFINED type per direction, each with its own typeId:

- between two object types (deals -> contacts): one type each way; with ``inverseLabel`` the
  reverse type carries it, otherwise both carry ``label``;
- on a same-object pair (contacts -> contacts): without ``inverseLabel`` one symmetric type (it
  reads the same both ways, and has one limit, as HubSpot's limit subtypes say); with it two types
  (label and inverse label), both listed under that one pair.

Rules (HubSpot's, as documented; the numbers where it documents none are the mock's choice):
labels only between contacts, companies, deals, tickets and custom objects; at most
``label_limit_per_pair`` definitions per pair (both directions count once); a name or a label text
used by the pair already is refused; a deleted label takes its types (and, in the store, their
limits) in both directions; typeIds come from one counter per portal and are never reused. An
unknown typeId answers 404; a HubSpot-defined one (or a seeded non-label type) answers 400, as it
exists but is not a label.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from .._catalogue import Category, ObjectType, hubspot_defined_type, hubspot_defined_types
from .._rules import label_name
from ._registry import AssociationType

__all__ = ["LabelRefusal", "TypeKey", "TypeTable", "labels_allowed"]

_LABEL_OBJECT_TYPES: Final = frozenset(
    {ObjectType.CONTACTS, ObjectType.COMPANIES, ObjectType.DEALS, ObjectType.TICKETS}
)

TypeKey = tuple[str, str, str, int]
"""(from object type id, to object type id, category, typeId)."""


@attrs.frozen
class LabelRefusal:
    """Why a label operation was refused: the status (400 or 404), the message and the field."""

    status: int
    message: str
    field: str


def labels_allowed(from_type: str, to_type: str) -> bool:
    """Whether HubSpot lets a portal label this pair (contacts, companies, deals, tickets, custom)."""
    return all(t in _LABEL_OBJECT_TYPES or t.startswith("2-") for t in (from_type, to_type))


def _key(association_type: AssociationType) -> TypeKey:
    t = association_type
    return (t.from_object_type, t.to_object_type, t.category, t.type_id)


@attrs.frozen
class _Definition:
    name: str | None
    keys: tuple[TypeKey, ...]


class TypeTable:
    """The portal's own association types (seeded and created); the catalogue's are looked up."""

    def __init__(self, seeded: Iterable[AssociationType], first_label_type_id: int) -> None:
        self._types: dict[TypeKey, AssociationType] = {}
        self._definitions: dict[TypeKey, _Definition] = {}
        for association_type in seeded:
            key = _key(association_type)
            self._types[key] = association_type
            if association_type.category == Category.USER_DEFINED:
                name = None if association_type.label is None else label_name(association_type.label)
                self._definitions[key] = _Definition(name, (key,))
        # Labels are USER_DEFINED: a seeded type of another category with the same typeId is no clash
        # (real portals number their labels 1, 2... beside HubSpot's own 1, 2...).
        self._next_id = max(
            [first_label_type_id, *(key[3] + 1 for key in self._types if key[2] == Category.USER_DEFINED)]
        )

    def find(self, from_type: str, to_type: str, category: str, type_id: int) -> AssociationType | None:
        """The association type, or None when the pair has no such type."""
        info = hubspot_defined_type(type_id) if category == Category.HUBSPOT_DEFINED else None
        if info is not None and (info.from_object_type, info.to_object_type) == (from_type, to_type):
            return AssociationType(from_type, to_type, category, type_id, info.label)
        return self._types.get((from_type, to_type, category, type_id))

    def pair(self, from_type: str, to_type: str) -> list[AssociationType]:
        """Every type of the pair: HubSpot-defined (catalogue order), then the portal's by typeId."""
        builtin = [
            AssociationType(from_type, to_type, Category.HUBSPOT_DEFINED, info.type_id, info.label)
            for info in hubspot_defined_types(from_type, to_type)
        ]
        own = [t for key, t in self._types.items() if key[:2] == (from_type, to_type)]
        return builtin + sorted(own, key=lambda t: (t.category, t.type_id))

    def own(self) -> list[tuple[AssociationType, str | None]]:
        """The portal's own types with their label's internal name, by pair then typeId."""
        return [
            (t, self.name_of(key))
            for key, t in sorted(self._types.items(), key=lambda item: (item[0][:2], item[0][3], item[0][2]))
        ]

    def name_of(self, key: TypeKey) -> str | None:
        definition = self._definitions.get(key)
        return None if definition is None else definition.name

    def create(
        self, from_type: str, to_type: str, label: str, name: str, inverse: str | None, *, cap: int
    ) -> tuple[AssociationType, ...] | LabelRefusal:
        """Create a label: its types in both directions (one for a symmetric same-object label)."""
        if not labels_allowed(from_type, to_type):
            return LabelRefusal(
                400,
                f"Association labels are not supported from {from_type} to {to_type}: labels exist only "
                "between contacts, companies, deals, tickets and custom objects",
                "toObjectType",
            )
        for field, value in (("label", label), ("name", name), ("inverseLabel", inverse)):
            if value is not None and not value.strip():
                return LabelRefusal(400, f"{field} must not be blank", field)
        definitions = self._definitions_of(from_type, to_type)
        if any(definition.name == name for definition in definitions):
            return LabelRefusal(
                400, f"A label named {name!r} already exists from {from_type} to {to_type}", "name"
            )
        wanted = self._wanted_labels(from_type, to_type, label, inverse)
        refusal = self._duplicate_text(wanted, ignore=())
        if refusal is not None:
            return refusal
        if len(definitions) >= cap:
            return LabelRefusal(
                400,
                f"The pair {from_type} to {to_type} has {len(definitions)} labels, the most allowed "
                f"({cap}); delete one first",
                "label",
            )
        created = []
        for pair, text in wanted:
            created.append(AssociationType(*pair, Category.USER_DEFINED, self._next_id, text))
            self._next_id += 1
        definition = _Definition(name, tuple(_key(t) for t in created))
        for association_type in created:
            self._types[_key(association_type)] = association_type
            self._definitions[_key(association_type)] = definition
        return tuple(created)

    def rename(
        self, from_type: str, to_type: str, type_id: int, label: str, inverse: str | None
    ) -> tuple[AssociationType, ...] | LabelRefusal:
        """Rename a label (and the reverse type, with ``inverse`` or when both carried one label);
        returns every type whose label changed."""
        # The body is checked before the typeId is looked up: HubSpot answers 400, not 404, to a
        # blank label for an unknown typeId (evidence case ballerina-label-rename-invalid-live).
        for field, value in (("label", label), ("inverseLabel", inverse)):
            if value is not None and not value.strip():
                return LabelRefusal(400, f"{field} must not be blank", field)
        found = self._label(from_type, to_type, type_id)
        if isinstance(found, LabelRefusal):
            return found
        key, definition = found
        partners = [other for other in definition.keys if other != key]
        if inverse is not None and not partners:
            return LabelRefusal(
                400, f"label {type_id} reads the same both ways; it has no inverse label", "inverseLabel"
            )
        old = self._types[key].label
        changes = {key: label}
        for other in partners:
            if inverse is not None:
                changes[other] = inverse
            elif self._types[other].label == old:
                changes[other] = label
        wanted = [((other[0], other[1]), text) for other, text in changes.items()]
        refusal = self._duplicate_text(wanted, ignore=definition.keys)
        if refusal is not None:
            return refusal
        renamed = []
        for other, text in changes.items():
            self._types[other] = attrs.evolve(self._types[other], label=text)
            renamed.append(self._types[other])
        return tuple(renamed)

    def delete(self, from_type: str, to_type: str, type_id: int) -> tuple[TypeKey, ...] | LabelRefusal:
        """Delete a label in every direction; returns the keys of the removed types."""
        found = self._label(from_type, to_type, type_id)
        if isinstance(found, LabelRefusal):
            return found
        _, definition = found
        for key in definition.keys:
            del self._types[key]
            del self._definitions[key]
        return definition.keys

    def _label(
        self, from_type: str, to_type: str, type_id: int
    ) -> tuple[TypeKey, _Definition] | LabelRefusal:
        key = (from_type, to_type, Category.USER_DEFINED, type_id)
        definition = self._definitions.get(key)
        if definition is not None:
            return key, definition
        exists = any(t.type_id == type_id for t in self.pair(from_type, to_type))
        if exists:
            return LabelRefusal(
                400, f"association type {type_id} from {from_type} to {to_type} is not a label", "typeId"
            )
        return LabelRefusal(
            404, f"association label {type_id} does not exist from {from_type} to {to_type}", "typeId"
        )

    def _definitions_of(self, from_type: str, to_type: str) -> list[_Definition]:
        pairs = {(from_type, to_type), (to_type, from_type)}
        found: dict[int, _Definition] = {}
        for key, definition in self._definitions.items():
            if key[:2] in pairs:
                found[id(definition)] = definition
        return list(found.values())

    def _wanted_labels(
        self, from_type: str, to_type: str, label: str, inverse: str | None
    ) -> list[tuple[tuple[str, str], str]]:
        if from_type == to_type:
            return [((from_type, to_type), text) for text in (label, inverse) if text is not None]
        return [((from_type, to_type), label), ((to_type, from_type), inverse or label)]

    def _duplicate_text(
        self, wanted: list[tuple[tuple[str, str], str]], *, ignore: Iterable[TypeKey]
    ) -> LabelRefusal | None:
        skip = set(ignore)
        for (from_type, to_type), text in wanted:
            for existing in self.pair(from_type, to_type):
                if _key(existing) not in skip and existing.label == text:
                    return LabelRefusal(
                        400,
                        f"The label {text!r} already exists from {from_type} to {to_type} "
                        f"(typeId {existing.type_id})",
                        "label",
                    )
        return None
