"""The configured limits and HubSpot's rules for changing them. Pure and thread-safe; no HTTP here."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from .._rules import MAX_LIMIT, MIN_LIMIT, label_name
from ._registry import DEFAULT_FIRST_LABEL_TYPE_ID, AssociationType, Registry, SeedLabel, SeedLimit
from ._types import LabelRefusal, TypeTable
from ._words import (
    ALREADY_CONFIGURED,
    LABEL_LIMIT_ABOVE_OBJECT_LIMIT,
    LIMIT_OUT_OF_RANGE,
    NOT_CONFIGURED,
    UNKNOWN_ASSOCIATION_TYPE,
    already_configured,
    invalid_association_type,
    label_capped_by,
    not_configured,
    out_of_range,
    pair_floored_by,
)

__all__ = [
    "BatchOutcome",
    "ItemFailure",
    "LimitInput",
    "LimitKey",
    "LimitStore",
    "StoredLimit",
]

_NO_CAP: Final = 2**31  # a seed's labels are the portal's starting point, not requests to cap


@attrs.frozen
class LimitKey:
    """Names one association type of a pair: (from, to, category, typeId), object types as ids."""

    from_object_type: str
    to_object_type: str
    category: str
    type_id: int


@attrs.frozen
class LimitInput:
    """One item of a create or update batch."""

    category: str
    type_id: int
    max_to_object_ids: int


@attrs.frozen
class StoredLimit:
    """A configured limit."""

    key: LimitKey
    label: str | None
    max_to_object_ids: int


@attrs.frozen
class ItemFailure:
    """Why one batch item was not applied: the rule it broke (``reason``) and the message, which
    names the valid range and the limit that narrows it where there is one."""

    from_object_type: str
    to_object_type: str
    category: str
    type_id: int
    reason: str
    message: str


@attrs.frozen
class BatchOutcome:
    """What a batch did: the limits it applied (in input order) and the items it rejected."""

    applied: tuple[StoredLimit, ...]
    failures: tuple[ItemFailure, ...]


class LimitStore:
    """One portal: its association types and labels (see ``_types``) and its limits keyed by
    LimitKey, changed only through HubSpot's rules. Every method holds one lock, so concurrent
    requests apply one after another and never interleave."""

    def __init__(
        self,
        registry: Registry,
        initial: Iterable[SeedLimit] = (),
        *,
        labels: Iterable[SeedLabel] = (),
        first_label_type_id: int = DEFAULT_FIRST_LABEL_TYPE_ID,
    ) -> None:
        self.registry = registry  # the app resolves request object types through it too
        self._labels = tuple(labels)
        self._first_label_type_id = first_label_type_id
        self._types = TypeTable(registry.types, first_label_type_id)
        self._lock = threading.Lock()
        # Per object-type pair, split by labeled/unlabeled: the rules compare a pair's label limits
        # with its unlabeled (object) limit, and reads are per pair.
        self._pairs: dict[tuple[str, str], _Pair] = {}
        self._initial = tuple(initial)
        self.reset()

    def reset(self) -> None:
        """Back to the initial limits; raises ValueError when an initial limit breaks a rule."""
        with self._lock:
            self._pairs.clear()
            self._types = TypeTable(self.registry.types, self._first_label_type_id)
            for label in self._labels:
                created = self._types.create(
                    label.from_object_type,
                    label.to_object_type,
                    label.label,
                    label.name or label_name(label.label),
                    label.inverse_label,
                    cap=_NO_CAP,
                )
                if isinstance(created, LabelRefusal):
                    raise ValueError(f"initial label {label.label!r} is invalid: {created.message}")
            for seed in self._initial:
                failure = self._apply(
                    seed.from_object_type,
                    seed.to_object_type,
                    LimitInput(seed.category, seed.type_id, seed.max_to_object_ids),
                    create=True,
                )
                if isinstance(failure, ItemFailure):
                    raise ValueError(f"initial limit {seed} is invalid: {failure.message}")

    def create(
        self, from_type: str, to_type: str, inputs: Sequence[LimitInput], *, refuse_unknown: bool = False
    ) -> BatchOutcome:
        """Set limits on association types that have none; items apply in order. ``refuse_unknown``:
        an input naming a type the pair lacks refuses the whole batch (nothing applied, those failures)."""
        return self._batch(from_type, to_type, inputs, create=True, refuse_unknown=refuse_unknown)

    def update(
        self, from_type: str, to_type: str, inputs: Sequence[LimitInput], *, refuse_unknown: bool = False
    ) -> BatchOutcome:
        """Change limits that exist; items apply in order. ``refuse_unknown`` as for ``create``."""
        return self._batch(from_type, to_type, inputs, create=False, refuse_unknown=refuse_unknown)

    def purge(self, from_type: str, to_type: str, keys: Sequence[tuple[str, int]]) -> BatchOutcome:
        """Remove the limits named by (category, typeId); keys without a limit are ignored. A key
        whose association type the pair does not have refuses the whole batch (nothing removed)."""
        limit_keys = [LimitKey(from_type, to_type, category, type_id) for category, type_id in keys]
        with self._lock:
            failures = self._unknown_types(limit_keys)
            pair = self._pairs.get((from_type, to_type))
            if failures or pair is None:
                return BatchOutcome((), failures)
            removed = (pair.pop(key) for key in limit_keys)
            return BatchOutcome(tuple(limit for limit in removed if limit is not None), ())

    def pair(self, from_type: str, to_type: str) -> list[StoredLimit]:
        """The limits of one pair, ordered by (category, typeId)."""
        with self._lock:
            pair = self._pairs.get((from_type, to_type))
            found = pair.limits() if pair else []
        return sorted(found, key=lambda limit: (limit.key.category, limit.key.type_id))

    def all(self) -> list[StoredLimit]:
        """Every limit, ordered by pair then (category, typeId)."""
        with self._lock:
            found = [limit for pair in self._pairs.values() for limit in pair.limits()]
        return sorted(found, key=lambda limit: attrs.astuple(limit.key))

    def labels(self, from_type: str, to_type: str) -> list[AssociationType]:
        """Every association type of the pair: HubSpot-defined, seeded, and the portal's labels."""
        with self._lock:
            return self._types.pair(from_type, to_type)

    def own_types(self) -> list[tuple[AssociationType, str | None]]:
        """The portal's own association types (seeded and created), each with its label's name."""
        with self._lock:
            return self._types.own()

    def create_label(
        self, from_type: str, to_type: str, label: str, name: str, inverse: str | None, *, cap: int
    ) -> tuple[AssociationType, ...] | LabelRefusal:
        """Create a label (a USER_DEFINED type in each direction); ``cap`` labels per pair at most."""
        with self._lock:
            return self._types.create(from_type, to_type, label, name, inverse, cap=cap)

    def rename_label(
        self, from_type: str, to_type: str, type_id: int, label: str, inverse: str | None
    ) -> tuple[AssociationType, ...] | LabelRefusal:
        """Rename a label; the limits on its types carry the new label from then on."""
        with self._lock:
            renamed = self._types.rename(from_type, to_type, type_id, label, inverse)
            if isinstance(renamed, LabelRefusal):
                return renamed
            for association_type in renamed:
                pair = self._pairs.get((association_type.from_object_type, association_type.to_object_type))
                key = _limit_key(association_type)
                limit = pair.pop(key) if pair else None
                if pair is not None and limit is not None:
                    pair.put(attrs.evolve(limit, label=association_type.label))
            return renamed

    def delete_label(
        self, from_type: str, to_type: str, type_id: int
    ) -> tuple[StoredLimit, ...] | LabelRefusal:
        """Delete a label in both directions, and the limits on its types (returned)."""
        with self._lock:
            removed = self._types.delete(from_type, to_type, type_id)
            if isinstance(removed, LabelRefusal):
                return removed
            limits = []
            for from_id, to_id, category, removed_id in removed:
                pair = self._pairs.get((from_id, to_id))
                limit = pair.pop(LimitKey(from_id, to_id, category, removed_id)) if pair else None
                if limit is not None:
                    limits.append(limit)
            return tuple(limits)

    def _unknown_types(self, keys: Sequence[LimitKey]) -> tuple[ItemFailure, ...]:
        # Caller holds the lock.
        return tuple(
            _failure(
                key,
                UNKNOWN_ASSOCIATION_TYPE,
                invalid_association_type(key.type_id, key.from_object_type, key.to_object_type),
            )
            for key in keys
            if self._types.find(key.from_object_type, key.to_object_type, key.category, key.type_id) is None
        )

    def _batch(
        self,
        from_type: str,
        to_type: str,
        inputs: Sequence[LimitInput],
        *,
        create: bool,
        refuse_unknown: bool,
    ) -> BatchOutcome:
        applied: list[StoredLimit] = []
        failures: list[ItemFailure] = []
        with self._lock:
            if refuse_unknown:
                keys = [LimitKey(from_type, to_type, item.category, item.type_id) for item in inputs]
                unknown = self._unknown_types(keys)
                if unknown:
                    return BatchOutcome((), unknown)
            for item in inputs:
                result = self._apply(from_type, to_type, item, create=create)
                if isinstance(result, ItemFailure):
                    failures.append(result)
                else:
                    applied.append(result)
        return BatchOutcome(tuple(applied), tuple(failures))

    def _apply(
        self, from_type: str, to_type: str, item: LimitInput, *, create: bool
    ) -> StoredLimit | ItemFailure:
        # Caller holds the lock.
        association_type = self._types.find(from_type, to_type, item.category, item.type_id)
        key = LimitKey(from_type, to_type, item.category, item.type_id)
        pair = self._pairs.setdefault((from_type, to_type), _Pair())
        existing = pair.get(key)
        if association_type is None:
            message = invalid_association_type(item.type_id, from_type, to_type)
            return _failure(key, UNKNOWN_ASSOCIATION_TYPE, message)
        if create and existing is not None:
            return _failure(key, ALREADY_CONFIGURED, already_configured(item.category, item.type_id))
        if not create and existing is None:
            return _failure(key, NOT_CONFIGURED, not_configured(item.category, item.type_id))
        low, high, narrowed_by = pair.valid_range(key, labeled=association_type.label is not None)
        if not MIN_LIMIT <= item.max_to_object_ids <= MAX_LIMIT:
            return _failure(key, LIMIT_OUT_OF_RANGE, out_of_range(low, high, narrowed_by))
        if not low <= item.max_to_object_ids <= high:
            return _failure(key, LABEL_LIMIT_ABOVE_OBJECT_LIMIT, out_of_range(low, high, narrowed_by))
        stored = StoredLimit(key, association_type.label, item.max_to_object_ids)
        pair.put(stored)
        return stored


class _Pair:
    """The limits of one object-type pair; the caller holds the store's lock."""

    def __init__(self) -> None:
        self.unlabeled: dict[LimitKey, StoredLimit] = {}
        self.labeled: dict[LimitKey, StoredLimit] = {}

    def get(self, key: LimitKey) -> StoredLimit | None:
        return self.unlabeled.get(key) or self.labeled.get(key)

    def put(self, limit: StoredLimit) -> None:
        (self.unlabeled if limit.label is None else self.labeled)[limit.key] = limit

    def pop(self, key: LimitKey) -> StoredLimit | None:
        return self.unlabeled.pop(key, None) or self.labeled.pop(key, None)

    def limits(self) -> list[StoredLimit]:
        return [*self.unlabeled.values(), *self.labeled.values()]

    def valid_range(self, key: LimitKey, *, labeled: bool) -> tuple[int, int, str | None]:
        """The range a new value for ``key`` must fall in, given the pair's other limits, and which
        limit narrows it (None when none does): a label limit may not exceed the pair's unlabeled
        (object) limit, and the object limit may not fall below any label limit."""
        if labeled:
            caps = [limit for other, limit in self.unlabeled.items() if other != key]
            if not caps:
                return MIN_LIMIT, MAX_LIMIT, None
            cap = min(caps, key=lambda limit: limit.max_to_object_ids)
            why = label_capped_by(cap.max_to_object_ids, cap.key.category, cap.key.type_id)
            return MIN_LIMIT, cap.max_to_object_ids, why
        if not self.labeled:
            return MIN_LIMIT, MAX_LIMIT, None
        floor = max(self.labeled.values(), key=lambda limit: limit.max_to_object_ids)
        assert floor.label is not None  # only labeled types' limits are kept in self.labeled
        why = pair_floored_by(floor.max_to_object_ids, floor.key.category, floor.key.type_id, floor.label)
        return floor.max_to_object_ids, MAX_LIMIT, why


def _limit_key(association_type: AssociationType) -> LimitKey:
    t = association_type
    return LimitKey(t.from_object_type, t.to_object_type, t.category, t.type_id)


def _failure(key: LimitKey, reason: str, message: str) -> ItemFailure:
    return ItemFailure(key.from_object_type, key.to_object_type, key.category, key.type_id, reason, message)
