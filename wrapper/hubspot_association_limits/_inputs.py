"""Turn what callers pass (typed objects or dicts with HubSpot's JSON keys) into validated values.

Pure: raises ``InvalidInputError`` naming the index and field, before any request is sent.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any, Final

from ._rules import MAX_LIMIT, MIN_LIMIT
from ._types import AssociationTypeKey, LimitInput
from .errors import InvalidInputError

__all__ = ["coerce_keys", "coerce_limit_inputs", "object_type_id", "pair_ids", "path_problem"]

_INT32_MAX: Final = 2**31 - 1
_LIMIT_KEYS: Final = frozenset({"category", "typeId", "maxToObjectIds"})
_KEY_KEYS: Final = frozenset({"category", "typeId"})
_FIELD_ORDER: Final = ("category", "typeId", "maxToObjectIds")  # as HubSpot's documents list them
# Characters that split, end or escape a URL path segment.
_PATH_CHARS: Final = frozenset("/?#%\\")


def object_type_id(value: object, field: str) -> str:
    """What to send for an object type: the id of a known name or id, any other value unchanged.

    HubSpot judges what it does not know (a new ``0-<n>``, a custom ``2-<n>`` or ``p<digits>_<name>``, a
    name added tomorrow); only a value that can never be an object type and would change the request
    path is refused here.
    """
    if not isinstance(value, str):
        raise InvalidInputError(f"must be an object type name or id, got {type(value).__name__}", field=field)
    checked, problem = _checked_object_type(value)
    if problem is not None:
        raise InvalidInputError(f"{value!r} cannot be an object type: {problem}", field=field)
    return checked


# Every call names its pair and a program uses few pairs: each name is looked up once (pure, bounded).
@functools.lru_cache(maxsize=256)
def _checked_object_type(value: str) -> tuple[str, str | None]:
    # The catalogue (286 association types) is loaded by the first lookup, not with the client.
    from ._catalogue import normalise_object_type

    known = normalise_object_type(value)
    if known is not None:
        return known, None
    return value, path_problem(value)


# Every call names its pair: the pairs a program uses, looked up once (pure, bounded).
@functools.lru_cache(maxsize=256)
def _checked_pair(from_object_type: str, to_object_type: str) -> tuple[str, str] | None:
    (from_id, from_problem), (to_id, to_problem) = (
        _checked_object_type(from_object_type),
        _checked_object_type(to_object_type),
    )
    return None if from_problem or to_problem else (from_id, to_id)


def path_problem(value: str) -> str | None:
    """Why ``value`` cannot be an object type in a request path, or None if HubSpot may judge it."""
    if not value:
        return "it is empty"
    if value == "." or ".." in value:
        return "'.' and '..' are path steps"
    bad = sorted({char for char in value if char in _PATH_CHARS or char.isspace() or not char.isprintable()})
    if bad:
        return f"it contains {', '.join(repr(char) for char in bad)}"
    return None


def pair_ids(from_object_type: object, to_object_type: object) -> tuple[str, str]:
    """The ids of one object-type pair, each checked like ``object_type_id``."""
    if type(from_object_type) is str and type(to_object_type) is str:
        found = _checked_pair(from_object_type, to_object_type)
        if found is not None:
            return found
    return (
        object_type_id(from_object_type, "from_object_type"),
        object_type_id(to_object_type, "to_object_type"),
    )


def _category(value: object, index: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"must be a non-empty string, got {value!r}", index=index, field="category")
    return value


def _integer(value: object, index: int, field: str, low: int, high: int) -> int:
    # bool is an int subclass; True as a limit is a bug, not a 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(
            f"must be an integer, got {type(value).__name__} {value!r}", index=index, field=field
        )
    if not low <= value <= high:
        raise InvalidInputError(f"must be between {low} and {high}, got {value}", index=index, field=field)
    return value


def _fields(item: object, index: int, required: frozenset[str]) -> Mapping[str, Any]:
    if type(item) is dict and item.keys() == required:  # the usual case, without the ABC check
        return item
    if not isinstance(item, Mapping):
        raise InvalidInputError(f"must be a mapping or a typed input, got {type(item).__name__}", index=index)
    if item.keys() == required:  # the usual case; the checks below only name what is wrong
        return item
    expected = sorted(required, key=_FIELD_ORDER.index)
    missing = [name for name in expected if name not in item]
    unknown = sorted(repr(name) for name in item if name not in required)
    if unknown:
        # An unknown key is usually a misspelt one ({"max": 4}): name it first, then what is missing.
        also = f"; missing {', '.join(map(repr, missing))}" if missing else ""
        raise InvalidInputError(
            f"unknown field(s) {', '.join(unknown)} (the fields are {', '.join(expected)}){also}", index=index
        )
    raise InvalidInputError("is missing", index=index, field=missing[0])


def _check_unique(keys: list[AssociationTypeKey]) -> None:
    # One association type twice in one call makes per-item errors ambiguous; HubSpot does not say which wins.
    if len(keys) < 2:
        return
    seen: dict[AssociationTypeKey, int] = {}
    for index, key in enumerate(keys):
        if key in seen:
            raise InvalidInputError(
                f"repeats {key.category} {key.type_id} from inputs[{seen[key]}]", index=index, field="typeId"
            )
        seen[key] = index


def _limit_input(item: object, index: int) -> LimitInput:
    if type(item) is dict and item.keys() == _LIMIT_KEYS:
        # The usual input, checked in one go; anything else takes the path below, which names the problem.
        category, type_id, maximum = item["category"], item["typeId"], item["maxToObjectIds"]
        if (
            type(category) is str
            and category.strip()
            and type(type_id) is int
            and 0 <= type_id <= _INT32_MAX
            and type(maximum) is int
            and MIN_LIMIT <= maximum <= MAX_LIMIT
        ):
            return LimitInput(category, type_id, maximum)
    if isinstance(item, LimitInput):
        values: Mapping[str, Any] = {
            "category": item.category,
            "typeId": item.type_id,
            "maxToObjectIds": item.max_to_object_ids,
        }
    else:
        values = _fields(item, index, _LIMIT_KEYS)
    return LimitInput(
        category=_category(values["category"], index),
        type_id=_integer(values["typeId"], index, "typeId", 0, _INT32_MAX),
        max_to_object_ids=_integer(values["maxToObjectIds"], index, "maxToObjectIds", MIN_LIMIT, MAX_LIMIT),
    )


def _key(item: object, index: int) -> AssociationTypeKey:
    if isinstance(item, AssociationTypeKey | LimitInput):
        values: Mapping[str, Any] = {"category": item.category, "typeId": item.type_id}
    else:
        values = _fields(item, index, _KEY_KEYS)
    return AssociationTypeKey(
        category=_category(values["category"], index),
        type_id=_integer(values["typeId"], index, "typeId", 0, _INT32_MAX),
    )


def _as_list(items: object) -> list[object]:
    if type(items) is list:  # the usual case, without the ABC checks
        return items
    if isinstance(items, str | bytes | Mapping) or not isinstance(items, Iterable):
        raise InvalidInputError(f"inputs must be a list, got {type(items).__name__}", field="inputs")
    return list(items)


def coerce_limit_inputs(items: object) -> list[LimitInput]:
    """Validated inputs for create/update, from ``LimitInput`` objects or HubSpot-keyed dicts."""
    listed = items if type(items) is list else _as_list(items)
    inputs = [_limit_input(item, index) for index, item in enumerate(listed)]
    if len(inputs) > 1:
        _check_unique([item.key for item in inputs])
    return inputs


def coerce_keys(items: object) -> list[AssociationTypeKey]:
    """Validated keys for purge, from ``AssociationTypeKey``/``LimitInput`` objects or dicts."""
    keys = [_key(item, index) for index, item in enumerate(_as_list(items))]
    _check_unique(keys)
    return keys
