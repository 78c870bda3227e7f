"""Labels in a desired-state file (pure): finding a label's typeId in the target portal, and the labels
to create or delete.

A portal's own label has a typeId the portal assigned, so a file names it by its label and ``resolve``
looks it up in the labels the target portal has (one labels read per pair, done by the caller). A label
the pair does not have (and the file does not declare), or one that matches two types, is a file error.

Declared labels (a pair's ``labels:``) the portal lacks are created; renames are never guessed: a
label in the portal that the file does not declare is left alone, or, with ``prune``, deleted, and
only in pairs that have a ``labels:`` list. Creating a label creates a type in each direction, so a
declaration also gives the reverse pair its inverse label (or the same label).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Protocol

import attrs

from hubspot_association_limits.cli._desired import (
    DEFAULT_LABEL_CATEGORY,
    DesiredLimit,
    DesiredState,
    DesiredStateInvalid,
    FileProblem,
)
from hubspot_association_limits.cli._pairs import Pair, pair_text, reverse

__all__ = [
    "DELETE_WARNING",
    "LabelAction",
    "LabelChange",
    "PortalLabel",
    "label_changes",
    "label_pairs",
    "resolve",
]

DELETE_WARNING: Final = "deleting a label removes it from every record in the portal, and its limits"


class PortalLabel(Protocol):
    """An association type of a pair as the portal lists it (the wrapper's ``AssociationLabel`` fits)."""

    @property
    def category(self) -> str: ...
    @property
    def type_id(self) -> int: ...
    @property
    def label(self) -> str | None: ...


class LabelAction(enum.StrEnum):
    """What the plan does to one of the portal's labels."""

    CREATE = "create"
    DELETE = "delete"


@attrs.frozen
class LabelChange:
    """A label to create (``type_id`` None until HubSpot assigns it) or to delete."""

    action: LabelAction
    from_object_type: str
    to_object_type: str
    label: str
    name: str | None = None
    inverse_label: str | None = None
    type_id: int | None = None

    @property
    def pair(self) -> Pair:
        """The object-type pair of the label."""
        return (self.from_object_type, self.to_object_type)

    def as_dict(self) -> dict[str, Any]:
        """The change as JSON-ready data."""
        data: dict[str, Any] = {
            "action": str(self.action),
            "label": self.label,
            "name": self.name,
            "inverseLabel": self.inverse_label,
            "typeId": self.type_id,
        }
        if self.action is LabelAction.DELETE:
            data["warning"] = DELETE_WARNING
        return data


def label_pairs(desired: DesiredState) -> tuple[Pair, ...]:
    """The pairs whose labels plan must read: a limit named by label, a declaration, a ``labels:`` list."""
    pairs = [limit.pair for limit in desired.limits if limit.type_id is None]
    pairs += [label.pair for label in desired.labels]
    pairs += [pair for pair in desired.pairs if pair in desired.managed_labels]
    return tuple(dict.fromkeys(pairs))


def _own(labels: Iterable[PortalLabel]) -> list[PortalLabel]:
    return [item for item in labels if item.category == DEFAULT_LABEL_CATEGORY and item.label is not None]


def label_changes(
    desired: DesiredState, portal: Mapping[Pair, Sequence[PortalLabel]], *, prune: bool = False
) -> tuple[LabelChange, ...]:
    """The declared labels the portal lacks (file order), then, with ``prune``, the portal's labels that
    pairs with a ``labels:`` list do not name."""
    future: dict[Pair, set[str]] = {
        pair: {str(item.label) for item in _own(labels)} for pair, labels in portal.items()
    }
    creates: list[LabelChange] = []
    for declared in desired.labels:
        if declared.label in future.setdefault(declared.pair, set()):
            continue
        creates.append(
            LabelChange(
                LabelAction.CREATE,
                declared.from_object_type,
                declared.to_object_type,
                declared.label,
                declared.name,
                declared.inverse_label,
            )
        )
        future[declared.pair].add(declared.label)
        future.setdefault(reverse(declared.pair), set()).add(declared.inverse_label or declared.label)
    if not prune:
        return tuple(creates)
    return (*creates, *_deletions(desired, portal))


def _deletions(desired: DesiredState, portal: Mapping[Pair, Sequence[PortalLabel]]) -> list[LabelChange]:
    # (category, label or typeId): a portal's label may share its typeId (or text) with a HubSpot type.
    named: dict[Pair, set[tuple[str, str | int]]] = {}
    for declared in desired.labels:
        named.setdefault(declared.pair, set()).add((DEFAULT_LABEL_CATEGORY, declared.label))
        inverse = declared.inverse_label or declared.label
        named.setdefault(reverse(declared.pair), set()).add((DEFAULT_LABEL_CATEGORY, inverse))
    for limit in desired.limits:
        for key in (limit.type_id, limit.label):
            if key is not None:
                named.setdefault(limit.pair, set()).add((limit.category, key))
    deletes = []
    for pair in desired.pairs:
        if pair not in desired.managed_labels:
            continue
        keep = named.get(pair, set())
        deletes += [
            LabelChange(LabelAction.DELETE, pair[0], pair[1], str(item.label), type_id=item.type_id)
            for item in _own(portal.get(pair, ()))
            if (item.category, str(item.label)) not in keep and (item.category, item.type_id) not in keep
        ]
    return deletes


def resolve(
    desired: DesiredState,
    portal: Mapping[Pair, Sequence[PortalLabel]],
    changes: Sequence[LabelChange] = (),
) -> DesiredState:
    """``desired`` with the typeId of every limit named by label, as the portal ``portal`` has them.

    A label the plan creates (``changes``) keeps ``type_id`` None: the portal assigns it on creation.
    Raises DesiredStateInvalid listing every label that is missing or matches two types.
    """
    coming: dict[Pair, set[str]] = {}
    for change in changes:
        if change.action is LabelAction.CREATE:
            coming.setdefault(change.pair, set()).add(change.label)
            coming.setdefault(reverse(change.pair), set()).add(change.inverse_label or change.label)
    problems: list[FileProblem] = []
    limits: list[DesiredLimit] = []
    for limit in desired.limits:
        if limit.type_id is not None or limit.label is None:
            limits.append(limit)
            continue
        labels = portal.get(limit.pair, ())
        matches = [item for item in labels if item.category == limit.category and item.label == limit.label]
        if len(matches) == 1:
            limits.append(attrs.evolve(limit, type_id=matches[0].type_id))
        elif (
            not matches
            and limit.category == DEFAULT_LABEL_CATEGORY
            and limit.label in coming.get(limit.pair, ())
        ):
            limits.append(limit)
        else:
            problems.append(_problem(desired.source, limit, labels, matches))
    problems += _same_type_twice(desired.source, limits)
    if problems:
        raise DesiredStateInvalid(problems, labels_read=True)
    return attrs.evolve(desired, limits=tuple(limits))


def _problem(
    source: str, limit: DesiredLimit, labels: Sequence[PortalLabel], matches: Sequence[PortalLabel]
) -> FileProblem:
    where = pair_text(limit.pair)
    if matches:
        ids = ", ".join(str(item.type_id) for item in matches)
        message = (
            f"label {limit.label!r} matches {len(matches)} association types of {where} in the portal "
            f"(typeIds {ids}); name it by category and typeId"
        )
    else:
        own = sorted({str(item.label) for item in labels if item.label and item.category == limit.category})
        has = f"the pair has: {', '.join(repr(text) for text in own)}" if own else "the pair has none"
        message = (
            f"no {limit.category} label {limit.label!r} in {where} in the portal ({has}); "
            "declare it under the pair's labels: to create it"
        )
    return FileProblem(source, (*limit.path, "label"), limit.line, message)


def _same_type_twice(source: str, limits: Sequence[DesiredLimit]) -> list[FileProblem]:
    """Two entries that turn out to be one type (one by typeId, one by label) would fight in the plan."""
    seen: dict[tuple[Pair, str, int], DesiredLimit] = {}
    problems = []
    for limit in limits:
        if limit.type_id is None:
            continue
        key = (limit.pair, limit.category, limit.type_id)
        first = seen.setdefault(key, limit)
        if first is not limit:
            line = f" (line {first.line})" if first.line is not None else ""
            message = (
                f"label {limit.label!r} is {limit.category} typeId {limit.type_id} in the portal, "
                f"which another entry{line} names too"
            )
            problems.append(FileProblem(source, limit.path, limit.line, message))
    return problems
