"""An in-memory model of what HubSpot should hold, written from HubSpot's documented rules.

It is deliberately independent of the mock's code: the state machine compares the two after
every step. The rules (hubspot-api-notes §2, the README's mock section for where HubSpot is silent):

- an input names an association type that must exist for the pair, else UNKNOWN_ASSOCIATION_TYPE;
- create applies only where no limit is set (else ALREADY_CONFIGURED), update only where one is
  (else NOT_CONFIGURED);
- a label limit may not exceed the pair's unlabeled limit, and the unlabeled limit may not fall
  below a label limit (LABEL_LIMIT_ABOVE_OBJECT_LIMIT);
- the items of one batch apply in input order, each seeing the ones before it;
- purge removes the named limits and ignores names without one; a name whose association type the
  pair lacks refuses the whole purge (a 400: HubSpot answers such a purge with an error), so that
  nothing of it is removed.

Labels (hubspot-api-notes §6; the mock's docstring in mock/_types.py where HubSpot is silent):

- labels exist only between contacts, companies, deals, tickets and custom objects; on any other
  pair creating one is refused (400);
- a label is a definition (its internal name) with a USER_DEFINED type in each direction, the
  reverse one carrying ``inverseLabel`` when given, else the label; on a same-object pair it is one
  symmetric type, or two (label and inverse label) under that pair when ``inverseLabel`` is given;
  typeIds come from one counter per portal, in that order, and are never reused;
- a name the pair (either direction) has already, or a label text the direction has already
  (HubSpot's own ``Primary`` included), is refused (400); every seeded USER_DEFINED type is its own
  definition, named by its label's slug (no name when it has no label);
- a rename changes the label, and the reverse type's label to ``inverseLabel`` when given, or to
  the new label when both directions carried one label; a limit on a renamed type carries the new
  label; an unknown typeId is 404, a type of the pair that is not a label is 400;
- deleting a label removes its types in both directions and every limit on them.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

MIN_LIMIT: Final = 1
MAX_LIMIT: Final = 10_000

UNKNOWN_ASSOCIATION_TYPE: Final = "UNKNOWN_ASSOCIATION_TYPE"
ALREADY_CONFIGURED: Final = "ALREADY_CONFIGURED"
NOT_CONFIGURED: Final = "NOT_CONFIGURED"
LABEL_LIMIT_ABOVE_OBJECT_LIMIT: Final = "LABEL_LIMIT_ABOVE_OBJECT_LIMIT"

Pair = tuple[str, str]  # (from id, to id), e.g. ("0-3", "0-1")
Key = tuple[str, int]  # (category, typeId)


@attrs.frozen
class Stored:
    """One configured limit: the full key, its label and its value."""

    pair: Pair
    category: str
    type_id: int
    label: str | None
    max_to_object_ids: int

    @property
    def key(self) -> Key:
        return (self.category, self.type_id)


@attrs.frozen
class Outcome:
    """What a batch should do: the inputs applied (in order) and the rejected ones with their reason."""

    applied: tuple[Stored, ...]
    rejected: tuple[tuple[Key, str], ...]


USER_DEFINED: Final = "USER_DEFINED"
Member = tuple[Pair, int]  # one USER_DEFINED type of a label: (pair, typeId)


_LABEL_OBJECTS: Final = frozenset({"0-1", "0-2", "0-3", "0-5"})  # contacts, companies, deals, tickets


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


def labels_allowed(pair: Pair) -> bool:
    """Whether HubSpot lets a portal label the pair (custom objects' ids start with ``2-``)."""
    return all(object_id in _LABEL_OBJECTS or object_id.startswith("2-") for object_id in pair)


@attrs.frozen
class LabelDef:
    """One label: its internal name and its types (one per direction)."""

    name: str | None
    members: tuple[Member, ...]


@attrs.define
class Model:
    """The limits HubSpot holds, the association types that exist (``types[pair][key] = label``),
    the labels among them, and the next typeId a label gets."""

    types: dict[Pair, dict[Key, str | None]]
    limits: dict[tuple[Pair, Key], Stored] = attrs.field(factory=dict)
    labels: dict[Member, LabelDef] = attrs.field(factory=dict)
    next_type_id: int = 101

    @classmethod
    def seeded(
        cls, types: Mapping[Pair, Mapping[Key, str | None]], limits: dict[tuple[Pair, Key], Stored]
    ) -> Model:
        """A portal whose USER_DEFINED types are seeded labels, each its own definition."""
        model = cls({pair: dict(keys) for pair, keys in types.items()}, dict(limits))
        for pair, keys in types.items():
            for (category, type_id), label in keys.items():
                if category == USER_DEFINED:
                    name = None if label is None else slug(label)
                    model.labels[(pair, type_id)] = LabelDef(name, ((pair, type_id),))
                    model.next_type_id = max(model.next_type_id, type_id + 1)
        return model

    def copy(self) -> Model:
        return copy.deepcopy(self)

    def own_labels(self) -> set[tuple[Pair, int, str | None]]:
        """The portal's labels as (pair, typeId, label)."""
        return {(pair, type_id, self.types[pair][(USER_DEFINED, type_id)]) for pair, type_id in self.labels}

    def create_label(self, pair: Pair, label: str, name: str, inverse: str | None) -> list[Member] | int:
        """The new label's types (forward first), or the refusal's status."""
        if not labels_allowed(pair):
            return 400
        reverse = (pair[1], pair[0])
        if any(d.name == name for m, d in self.labels.items() if m[0] in (pair, reverse)):
            return 400
        if pair == reverse:
            wanted = [(pair, text) for text in (label, inverse) if text is not None]
        else:
            wanted = [(pair, label), (reverse, inverse or label)]
        if any(self._text_taken(p, text, ignore=()) for p, text in wanted):
            return 400
        members = []
        for p, text in wanted:
            self.types.setdefault(p, {})[(USER_DEFINED, self.next_type_id)] = text
            members.append((p, self.next_type_id))
            self.next_type_id += 1
        definition = LabelDef(name, tuple(members))
        for member in members:
            self.labels[member] = definition
        return members

    def rename_label(self, pair: Pair, type_id: int, label: str, inverse: str | None) -> int | None:
        """Rename; None when done, else the refusal's status."""
        definition = self._definition(pair, type_id)
        if isinstance(definition, int):
            return definition
        me = (pair, type_id)
        partners = [m for m in definition.members if m != me]
        if inverse is not None and not partners:
            return 400
        old = self._label_of(me)
        changes = {me: label}
        for partner in partners:
            if inverse is not None:
                changes[partner] = inverse
            elif self._label_of(partner) == old:
                changes[partner] = label
        if any(self._text_taken(m[0], text, ignore=definition.members) for m, text in changes.items()):
            return 400
        for (p, member_id), text in changes.items():
            self.types[p][(USER_DEFINED, member_id)] = text
            stored = self.limits.get((p, (USER_DEFINED, member_id)))
            if stored is not None:
                self.limits[(p, (USER_DEFINED, member_id))] = attrs.evolve(stored, label=text)
        return None

    def delete_label(self, pair: Pair, type_id: int) -> int | None:
        """Delete the label both ways with its limits; None when done, else the refusal's status."""
        definition = self._definition(pair, type_id)
        if isinstance(definition, int):
            return definition
        for p, member_id in definition.members:
            del self.types[p][(USER_DEFINED, member_id)]
            del self.labels[(p, member_id)]
            self.limits.pop((p, (USER_DEFINED, member_id)), None)
        return None

    def _definition(self, pair: Pair, type_id: int) -> LabelDef | int:
        definition = self.labels.get((pair, type_id))
        if definition is not None:
            return definition
        return 400 if any(t == type_id for _, t in self.types.get(pair, {})) else 404

    def _label_of(self, member: Member) -> str | None:
        return self.types[member[0]][(USER_DEFINED, member[1])]

    def _text_taken(self, pair: Pair, text: str, *, ignore: Iterable[Member]) -> bool:
        skip = set(ignore)
        return any(
            label == text and not (category == USER_DEFINED and (pair, type_id) in skip)
            for (category, type_id), label in self.types.get(pair, {}).items()
        )

    def create(self, pair: Pair, inputs: Iterable[tuple[Key, int]]) -> Outcome:
        return self._batch(pair, inputs, create=True)

    def update(self, pair: Pair, inputs: Iterable[tuple[Key, int]]) -> Outcome:
        return self._batch(pair, inputs, create=False)

    def refuses_purge(self, pair: Pair, keys: Iterable[Key]) -> bool:
        """Whether a purge of ``keys`` is refused: one names a type the pair lacks."""
        return any(key not in self.types.get(pair, {}) for key in keys)

    def purge(self, pair: Pair, keys: Iterable[Key]) -> list[Stored]:
        """Remove the named limits; returns the ones that were there (none when refused)."""
        keys = list(keys)
        if self.refuses_purge(pair, keys):
            return []
        removed = [self.limits.pop((pair, key), None) for key in keys]
        return [limit for limit in removed if limit is not None]

    def pair(self, pair: Pair) -> list[Stored]:
        return sorted((s for (p, _), s in self.limits.items() if p == pair), key=lambda s: s.key)

    def all(self) -> list[Stored]:
        return sorted(self.limits.values(), key=lambda s: (s.pair, s.key))

    def snapshot(self) -> set[Stored]:
        return set(self.limits.values())

    def _batch(self, pair: Pair, inputs: Iterable[tuple[Key, int]], *, create: bool) -> Outcome:
        applied: list[Stored] = []
        rejected: list[tuple[Key, str]] = []
        for key, value in inputs:
            reason = self._rejection(pair, key, value, create=create)
            if reason is not None:
                rejected.append((key, reason))
                continue
            stored = Stored(pair, key[0], key[1], self.types[pair][key], value)
            self.limits[(pair, key)] = stored
            applied.append(stored)
        return Outcome(tuple(applied), tuple(rejected))

    def _rejection(self, pair: Pair, key: Key, value: int, *, create: bool) -> str | None:
        known = self.types.get(pair, {})
        if key not in known:
            return UNKNOWN_ASSOCIATION_TYPE
        if create and (pair, key) in self.limits:
            return ALREADY_CONFIGURED
        if not create and (pair, key) not in self.limits:
            return NOT_CONFIGURED
        others = [s for s in self.pair(pair) if s.key != key]
        if known[key] is not None:  # a label limit: at most the unlabeled limit
            ceiling = min((s.max_to_object_ids for s in others if s.label is None), default=MAX_LIMIT)
            if value > ceiling:
                return LABEL_LIMIT_ABOVE_OBJECT_LIMIT
        else:  # the unlabeled limit: at least every label limit
            floor = max((s.max_to_object_ids for s in others if s.label is not None), default=MIN_LIMIT)
            if value < floor:
                return LABEL_LIMIT_ABOVE_OBJECT_LIMIT
        return None
