"""The offline checks of a desired-state file that need the catalogue: what HubSpot would refuse, found
before anything is sent. ``validate`` and ``plan`` both run them (through the desired-state loader).

Pure functions over the parsed document: it may still hold anything, since every problem of a file is
reported in one run, so each check looks only at values of the type it expects.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final, TypeGuard

from hubspot_association_limits import Category, hubspot_defined_type, hubspot_defined_types, object_type_info
from hubspot_association_limits._rules import MAX_LIMIT, MIN_LIMIT
from hubspot_association_limits.cli._pairs import Pair, pair_text

__all__ = ["LABEL_MAX_LENGTH", "catalogue_problems", "label_problem"]

PathPart = str | int
Path = tuple[PathPart, ...]
LineOf = Callable[[Sequence[PathPart]], int | None]

# HubSpot publishes no maximum; its settings page cuts labels far shorter than this.
LABEL_MAX_LENGTH: Final = 100


def label_problem(label: str) -> str | None:
    """Why a label cannot be a HubSpot association label, or None when it can."""
    if not label.strip():
        return "a label must not be empty"
    if label != label.strip():
        return f"a label must not start or end with spaces: {label!r}"
    if any(unicodedata.category(char).startswith("C") for char in label):
        return f"a label must be one line of text, without control characters: {label!r}"
    if len(label) > LABEL_MAX_LENGTH:
        return f"a label is at most {LABEL_MAX_LENGTH} characters, this one has {len(label)}"
    return None


def catalogue_problems(data: Any, line_of: LineOf) -> Iterator[tuple[Path, str]]:
    """(path, message) for labels, HubSpot-defined typeIds and label limits HubSpot would refuse."""
    if not isinstance(data, dict) or not isinstance(data.get("limits"), list):
        return
    for pair_index, entry in enumerate(data["limits"]):
        if not isinstance(entry, dict):
            continue
        yield from _declaration_problems(entry.get("labels"), ("limits", pair_index, "labels"))
        if not isinstance(entry.get("associations"), list):
            continue
        base: Path = ("limits", pair_index, "associations")
        items = [(index, item) for index, item in enumerate(entry["associations"]) if isinstance(item, dict)]
        for index, item in items:
            label = item.get("label")
            if isinstance(label, str) and (message := label_problem(label)) is not None:
                yield (*base, index, "label"), message
        pair = _standard_pair(entry)
        if pair is None:
            continue  # custom objects (2-<n>) and unlisted ids have no HubSpot-defined types
        yield from _hubspot_defined_problems(pair, base, items)
        yield from _label_limit_problems(pair, base, items, line_of)


def _declaration_problems(declarations: Any, base: Path) -> Iterator[tuple[Path, str]]:
    """The labels a pair declares are created as written: the same syntax rules as any label."""
    if not isinstance(declarations, list):
        return
    for index, item in enumerate(declarations):
        for field in ("label", "inverseLabel"):
            text = item.get(field) if isinstance(item, dict) else None
            if isinstance(text, str) and text and (message := label_problem(text)) is not None:
                yield (*base, index, field), message


def _standard_pair(entry: dict[str, Any]) -> Pair | None:
    """The entry's pair when both its object types are standard ones (the catalogue's), else None."""
    infos = [
        object_type_info(name) if isinstance(name, str) else None
        for name in (entry.get("from"), entry.get("to"))
    ]
    return (infos[0].id, infos[1].id) if infos[0] is not None and infos[1] is not None else None


def _hubspot_defined_problems(
    pair: Pair, base: Path, items: Sequence[tuple[int, dict[str, Any]]]
) -> Iterator[tuple[Path, str]]:
    """A HUBSPOT_DEFINED typeId must be one of the pair's own: another pair's id would limit nothing."""
    known = [info.type_id for info in hubspot_defined_types(*pair)]
    for index, item in items:
        type_id = item.get("typeId")
        if item.get("category") != Category.HUBSPOT_DEFINED or type(type_id) is not int or type_id in known:
            continue
        elsewhere = hubspot_defined_type(type_id)
        where = (
            f"belongs to {pair_text((elsewhere.from_object_type, elsewhere.to_object_type))}, not to"
            if elsewhere is not None
            else "is no type HubSpot defines; not one of"
        )
        own = f"its types: {', '.join(map(str, known))}" if known else "it has none"
        message = f"HUBSPOT_DEFINED typeId {type_id} {where} {pair_text(pair)} ({own})"
        yield (*base, index, "typeId"), message


def _label_limit_problems(
    pair: Pair, base: Path, items: Sequence[tuple[int, dict[str, Any]]], line_of: LineOf
) -> Iterator[tuple[Path, str]]:
    """A labeled type's limit (a portal's label, or HubSpot's "Primary") may not exceed the pair's object
    limit (its unlabeled type's) when both are set; the message names the limit that caps it."""
    types = hubspot_defined_types(*pair)
    unlabeled = [info.type_id for info in types if info.label is None]
    if len(unlabeled) != 1:
        return  # no single object limit to compare with (company -> company has three unlabeled types)
    hubspot_labels = {info.type_id: info.label for info in types if info.label is not None}
    object_limit = next(
        (
            (index, item["max"])
            for index, item in items
            if item.get("category") == Category.HUBSPOT_DEFINED
            and item.get("typeId") == unlabeled[0]
            and _valid_max(item.get("max"))
        ),
        None,
    )
    if object_limit is None:
        return
    object_index, object_max = object_limit
    line = line_of((*base, object_index))
    cap = f"HUBSPOT_DEFINED typeId {unlabeled[0]}" + (f", line {line}" if line is not None else "")
    for index, item in items:
        limit = item.get("max")
        if not _valid_max(limit) or limit <= object_max:
            continue
        what = _labeled_text(item, hubspot_labels)
        if what is None:
            continue
        yield (
            (*base, index, "max"),
            f"{what}: max {limit} is above {object_max}, the object limit of {pair_text(pair)} ({cap}), "
            "which caps every label limit of the pair; HubSpot refuses it",
        )


def _labeled_text(item: dict[str, Any], hubspot_labels: Mapping[int, str]) -> str | None:
    """How a message names a labeled association type; None for an unlabeled one (not capped)."""
    category, type_id, label = item.get("category"), item.get("typeId"), item.get("label")
    if type_id is None:  # a label named by its text
        if not isinstance(label, str):
            return None
        return (
            f"label {label!r}" if category in (None, Category.USER_DEFINED) else f"{category} label {label!r}"
        )
    if category == Category.HUBSPOT_DEFINED:
        if type(type_id) is not int or type_id not in hubspot_labels:
            return None
        label = hubspot_labels[type_id]
    text = f"{category} typeId {type_id}"
    return f"{text} ({label})" if isinstance(label, str) else text


def _valid_max(value: Any) -> TypeGuard[int]:
    """A max the schema accepts; an invalid one is reported there, not compared here as well."""
    return type(value) is int and MIN_LIMIT <= value <= MAX_LIMIT
