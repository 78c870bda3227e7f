"""How an answer is held against a recorded one: the body's shape, and HubSpot's words.

Shape: the same keys and value types, recursively. ``null`` is a type of its own: where the record
has ``null`` the answer must have ``null``, and where it has a value the answer must have a value of
that type (numbers are one type; booleans are not numbers). Lists: an empty record wants an empty
list and a non-empty one a non-empty list; lengths need not match, since a record shows the portal
it came from. Every item of the answer must have the shape of *some* item of the record, so an
answer never holds an item of a shape HubSpot was not seen to send (a recorded list may show more
shapes than the answer, as a list of limits with and without a value does).

Words: ``message``, ``category`` and ``subCategory`` of the body and of each item error (by
position) must be HubSpot's, exactly.
"""

from __future__ import annotations

from typing import Any, Final

WORDS: Final = ("message", "category", "subCategory")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "object"


def shape_differences(recorded: Any, answered: Any, where: str = "body") -> list[str]:
    """Where ``answered`` differs in shape from ``recorded`` (empty when the shapes agree)."""
    if _kind(recorded) != _kind(answered):
        return [f"{where}: recorded {_kind(recorded)}, answered {_kind(answered)}"]
    if isinstance(recorded, dict):
        differences = []
        for key in sorted(set(recorded) | set(answered)):
            if key not in answered:
                differences.append(f"{where}.{key}: recorded, not answered")
            elif key not in recorded:
                differences.append(f"{where}.{key}: answered, not recorded")
            else:
                differences += shape_differences(recorded[key], answered[key], f"{where}.{key}")
        return differences
    if isinstance(recorded, list):
        if bool(recorded) != bool(answered):
            return [f"{where}: recorded {len(recorded)} items, answered {len(answered)}"]
        differences = []
        for index, item in enumerate(answered):
            closest = [shape_differences(option, item, f"{where}[{index}]") for option in recorded]
            if all(closest):
                differences += min(closest, key=len)
        return differences
    return []


def word_differences(recorded: Any, answered: Any) -> list[str]:
    """Where ``answered`` does not use the recorded body's words (top level and item errors)."""
    pairs = [("body", recorded, answered)]
    if isinstance(recorded, dict) and isinstance(answered, dict):
        recorded_items, answered_items = recorded.get("errors") or [], answered.get("errors") or []
        pairs += [
            (f"errors[{index}]", item, other)
            for index, (item, other) in enumerate(zip(recorded_items, answered_items, strict=False))
        ]
    differences = []
    for where, record, answer in pairs:
        if not isinstance(record, dict) or not isinstance(answer, dict):
            continue
        for word in WORDS:
            if word in record and record[word] != answer.get(word):
                differences.append(
                    f"{where}.{word}: recorded {record[word]!r}, answered {answer.get(word)!r}"
                )
    return differences
