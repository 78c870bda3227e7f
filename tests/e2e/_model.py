"""An in-memory model of what HubSpot should hold, written from HubSpot's documented rules.

It is deliberately independent of the mock's code: the state machine compares the two after
every step. The rules (hubspot-api-notes §2, the README's mock section for where HubSpot is silent):

- an input names an association type that must exist for the pair, else UNKNOWN_ASSOCIATION_TYPE;
- create applies only where no limit is set (else ALREADY_CONFIGURED), update only where one is
  (else NOT_CONFIGURED);
- a label limit may not exceed the pair's unlabeled limit, and the unlabeled limit may not fall
  below a label limit (LABEL_LIMIT_ABOVE_OBJECT_LIMIT);
- the items of one batch apply in input order, each seeing the ones before it;
- purge removes the named limits and ignores names without one.
"""

from __future__ import annotations

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


@attrs.define
class Model:
    """The limits HubSpot holds, and the association types that exist (``types[pair][key] = label``)."""

    types: Mapping[Pair, Mapping[Key, str | None]]
    limits: dict[tuple[Pair, Key], Stored] = attrs.field(factory=dict)

    def create(self, pair: Pair, inputs: Iterable[tuple[Key, int]]) -> Outcome:
        return self._batch(pair, inputs, create=True)

    def update(self, pair: Pair, inputs: Iterable[tuple[Key, int]]) -> Outcome:
        return self._batch(pair, inputs, create=False)

    def purge(self, pair: Pair, keys: Iterable[Key]) -> list[Stored]:
        """Remove the named limits; returns the ones that were there."""
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
