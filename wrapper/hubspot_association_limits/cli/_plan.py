"""The plan: what must change in the portal to match the desired state (pure).

``diff(desired, live)`` compares the limits a file asks for with the limits a portal has and says,
per object-type pair and association type, whether to create, update, purge or leave it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import attrs

from hubspot_association_limits.cli._desired import DesiredState
from hubspot_association_limits.cli._label_plan import LabelAction, LabelChange
from hubspot_association_limits.cli._pairs import Pair, pair_names, pair_text

__all__ = ["Action", "LiveLimit", "PairPlan", "Plan", "PlanItem", "diff"]


class LiveLimit(Protocol):
    """A limit as the portal reports it (the wrapper's ``Limit`` fits)."""

    @property
    def category(self) -> str: ...
    @property
    def type_id(self) -> int: ...
    @property
    def label(self) -> str | None: ...
    @property
    def max_to_object_ids(self) -> int | None: ...


class Action(enum.StrEnum):
    """What the plan does to one limit."""

    CREATE = "create"
    UPDATE = "update"
    PURGE = "purge"
    UNCHANGED = "unchanged"


@attrs.frozen
class PlanItem:
    """One association type's limit: its value in the portal (old) and after applying (new; None = purged).

    ``type_id`` None: the limit of a label the plan creates (the portal assigns its typeId).
    """

    action: Action
    category: str
    type_id: int | None
    label: str | None
    old_max: int | None
    new_max: int | None

    def as_dict(self) -> dict[str, Any]:
        """The item as JSON-ready data."""
        return {
            "action": str(self.action),
            "category": self.category,
            "typeId": self.type_id,
            "label": self.label,
            "old": self.old_max,
            "new": self.new_max,
        }


@attrs.frozen
class PairPlan:
    """The plan of one object-type pair (ids)."""

    from_object_type: str
    to_object_type: str
    items: tuple[PlanItem, ...]
    labels: tuple[LabelChange, ...] = ()

    @property
    def pair(self) -> Pair:
        """The object-type pair."""
        return (self.from_object_type, self.to_object_type)

    def of(self, action: Action) -> tuple[PlanItem, ...]:
        """The items with this action."""
        return tuple(item for item in self.items if item.action is action)

    def as_dict(self) -> dict[str, Any]:
        """The pair's plan as JSON-ready data, object types by name."""
        return {
            **pair_names(self.pair),
            "labels": [label.as_dict() for label in self.labels],
            "items": [item.as_dict() for item in self.items],
        }


@attrs.frozen
class Plan:
    """Every change needed, grouped per object-type pair.

    ``unmanaged`` counts the limits the portal has but the file does not name, in any pair, when not
    pruning: exactly those ``--prune`` would purge. ``unplaced`` counts the limits whose pair could not be
    found (named in a warning; no plan can purge them). ``warnings`` are differences the plan does not
    act on, such as a label that differs.
    """

    pairs: tuple[PairPlan, ...]
    prune: bool = False
    unmanaged: int = 0
    warnings: tuple[str, ...] = ()
    unplaced: int = 0

    @property
    def summary(self) -> dict[str, int]:
        """How many items each action has, every action listed."""
        counts = dict.fromkeys((str(action) for action in Action), 0)
        for pair in self.pairs:
            for item in pair.items:
                counts[str(item.action)] += 1
        return counts

    @property
    def label_summary(self) -> dict[str, int]:
        """How many labels to create and to delete."""
        counts = dict.fromkeys((str(action) for action in LabelAction), 0)
        for change in self.label_changes:
            counts[str(change.action)] += 1
        return counts

    @property
    def label_changes(self) -> tuple[LabelChange, ...]:
        """Every label to create or delete, pair by pair."""
        return tuple(change for pair in self.pairs for change in pair.labels)

    @property
    def has_changes(self) -> bool:
        """Whether applying the plan would send anything."""
        return bool(self.label_changes) or any(
            item.action is not Action.UNCHANGED for pair in self.pairs for item in pair.items
        )

    @property
    def matches(self) -> bool:
        """Whether the portal is what the file says: nothing to apply and no limit the file does not name."""
        return not self.has_changes and not self.unmanaged and not self.unplaced

    @property
    def has_drift(self) -> bool:
        """What ``--detailed-exitcode`` reports as 3: something to apply or, pruning, a limit the file
        does not name that apply cannot purge (its pair was not found): the file claims every limit."""
        return self.has_changes or (self.prune and self.unplaced > 0)

    def as_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data."""
        return {
            "pairs": [pair.as_dict() for pair in self.pairs],
            "summary": self.summary,
            "label_summary": self.label_summary,
            "prune": self.prune,
            "unmanaged": self.unmanaged,
            "unplaced": self.unplaced,
            "matches": self.matches,
            "warnings": list(self.warnings),
        }


def diff(
    desired: DesiredState,
    live: Mapping[Pair, Iterable[LiveLimit]],
    prune: bool = False,
    labels: Iterable[LabelChange] = (),
) -> Plan:
    """The plan that turns ``live`` into ``desired``, with the label changes ``labels`` (``_label_plan``).

    ``desired`` has its labels resolved: a limit without typeId is one on a label to be created.

    ``live`` holds the portal's limits of every pair read (missing pairs count as having none).
    A live limit without a value (``max_to_object_ids`` None) counts as absent. With ``prune``,
    every live limit the file does not name, in any pair read, is purged; without, it is kept
    and counted in ``unmanaged``.
    """
    live_by_pair = {
        pair: {
            (limit.category, limit.type_id): limit for limit in limits if limit.max_to_object_ids is not None
        }
        for pair, limits in live.items()
    }
    wanted_by_pair: dict[Pair, list[PlanItem]] = {pair: [] for pair in desired.pairs}
    warnings: list[str] = []
    for limit in desired.limits:
        current = (
            live_by_pair.get(limit.pair, {}).get((limit.category, limit.type_id))
            if limit.type_id is not None
            else None
        )
        old = current.max_to_object_ids if current is not None else None
        live_label = current.label if current is not None else None
        if limit.label is not None and live_label is not None and limit.label != live_label:
            warnings.append(
                f"{pair_text(limit.pair)} {limit.category} {limit.type_id}: the file says label "
                f"{limit.label!r}, the portal says {live_label!r}"
            )
        action = (
            Action.CREATE
            if old is None
            else Action.UNCHANGED
            if old == limit.max_to_object_ids
            else Action.UPDATE
        )
        item = PlanItem(
            action, limit.category, limit.type_id, live_label or limit.label, old, limit.max_to_object_ids
        )
        wanted_by_pair[limit.pair].append(item)

    named = {(limit.pair, limit.category, limit.type_id) for limit in desired.limits}
    unmanaged = 0
    for pair in sorted(live_by_pair, key=lambda p: (p not in wanted_by_pair, p)):
        extra = [limit for key, limit in sorted(live_by_pair[pair].items()) if (pair, *key) not in named]
        if not prune:
            unmanaged += len(extra)
            continue
        purges = [
            PlanItem(Action.PURGE, limit.category, limit.type_id, limit.label, limit.max_to_object_ids, None)
            for limit in extra
        ]
        if purges:
            wanted_by_pair.setdefault(pair, []).extend(purges)

    changes: dict[Pair, list[LabelChange]] = {}
    for change in labels:
        changes.setdefault(change.pair, []).append(change)
        wanted_by_pair.setdefault(change.pair, [])
    pairs = tuple(
        PairPlan(pair[0], pair[1], tuple(items), tuple(changes.get(pair, ())))
        for pair, items in wanted_by_pair.items()
    )
    return Plan(pairs=pairs, prune=prune, unmanaged=unmanaged, warnings=tuple(warnings))
