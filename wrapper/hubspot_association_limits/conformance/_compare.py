"""A recorded answer against the answer a server gave now: the differences (pure).

Compared: the status; the headers a client relies on (present on both sides or on neither, the
content type's media type, integers where HubSpot sends integers); the body's kind (JSON, text or
none); for JSON every key on both sides, every value's type, and every value, except placeholders,
which match by type (``$correlationId``, ``$timestamp``) or by what the run bound (roles, ``{$run}``).
Lists are compared as multisets: items are paired by identity (category and typeId) and likeness,
never by position, since HubSpot promises no order.

Each difference carries a stable key, (operation, path, kind), with list positions left out of the
path (``body.errors[].subCategory``), so that a table of known differences can be keyed by it.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from typing import Any, Final

import attrs

from ..mock._fidelity import Behaviour, path_matches
from ._answers import Observed, keep
from ._recording import WATCHED_HEADERS, Gap, Response, Step
from ._templates import PORTAL_ID, VOLATILE, Bindings, filled, placeholder, text_pattern

__all__ = [
    "BINDING",
    "BODY",
    "KINDS",
    "MISSING",
    "NOT_SENT",
    "ROLE",
    "STATUS",
    "TYPE",
    "UNEXPECTED",
    "VALUE",
    "Difference",
    "compare",
    "unrecorded",
]

STATUS: Final = "status"
BODY: Final = "body"  # JSON where the recording has text or no body, or the other way round
MISSING: Final = "missing"  # the recording has this key, header or list item; the answer does not
UNEXPECTED: Final = "unexpected"  # the answer has it; the recording does not
TYPE: Final = "type"
VALUE: Final = "value"
ROLE: Final = "role"  # a typeId other than the one the role is bound to
BINDING: Final = "binding"  # the answer did not assign a role the recording's answer assigned
NOT_SENT: Final = "not-sent"  # the request could not be sent (a role never bound, a connection failure)
KINDS: Final = (STATUS, BODY, MISSING, UNEXPECTED, TYPE, VALUE, ROLE, BINDING, NOT_SENT)

_CONTENT_TYPE: Final = "content-type"
_CORRELATION_HEADER: Final = "x-hubspot-correlation-id"
_RETRY_AFTER: Final = "retry-after"

_Found = tuple[str, str, Any, Any]  # path, kind, recorded, answered


@attrs.frozen
class Difference:
    """One way an answer differs from the recording.

    ``ledger``: the choices and inferences of the mock's fidelity ledger it may come from (empty: none
    listed, so the mock or HubSpot changed). ``unrecorded``: why the record cannot tell (it lacks what
    is compared); such a difference is shown and not counted.
    """

    step: str
    operation: str
    path: str
    kind: str
    recorded: Any
    answered: Any
    ledger: tuple[Behaviour, ...] = ()
    unrecorded: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """(operation, path, kind): the same for the same difference in any run and any list order."""
        return (self.operation, self.path, self.kind)

    @property
    def absent(self) -> str | None:
        """The side that lacks what is compared: "answered" for ``missing``, "recorded" for ``unexpected``."""
        return {MISSING: "answered", UNEXPECTED: "recorded"}.get(self.kind)

    def as_dict(self) -> dict[str, Any]:
        """The difference as JSON (``check --json``)."""
        return {
            "step": self.step,
            "operation": self.operation,
            "path": self.path,
            "kind": self.kind,
            "recorded": self.recorded,
            "answered": self.answered,
            "ledger": [{"id": entry.id, "basis": str(entry.basis)} for entry in self.ledger],
            "unrecorded": self.unrecorded,
        }


def compare(step: Step, recorded: Response, observed: Observed, bindings: Bindings) -> list[Difference]:
    """Every difference between the recorded answer to ``step`` and ``observed``."""
    walk = _Walk(bindings)
    found: list[_Found] = []
    if recorded.status != observed.status:
        found.append(("status", STATUS, recorded.status, observed.status))
    found += _headers(recorded.headers, observed.headers)
    found += walk.body(recorded, observed, step.filters)
    return [
        Difference(step.id, step.operation, *item, unrecorded=unrecorded(recorded.unrecorded, *item[:2]))
        for item in found
    ]


def unrecorded(gaps: tuple[Gap, ...], path: str, kind: str) -> str | None:
    """Why the record cannot tell a difference at ``path`` of ``kind`` (its gap's why), or None."""
    for gap in gaps:
        if path_matches(gap.path, path) and (not gap.kinds or kind in gap.kinds):
            return gap.why
    return None


def _media_type(value: str) -> str:
    return value.split(";")[0].strip().lower()


def _is_integer(value: str) -> bool:
    return value.strip().lstrip("-").isdigit()


def _header(name: str, recorded: str, answered: str) -> _Found | None:
    path = f"headers.{name}"
    if name == _CONTENT_TYPE:
        if _media_type(recorded) != _media_type(answered):
            return (path, VALUE, recorded, answered)
        return None
    if name == _CORRELATION_HEADER:
        return None if answered else (path, VALUE, recorded, answered)
    if name == _RETRY_AFTER:
        readable = _is_integer(answered) or email.utils.parsedate(answered) is not None
        return None if readable else (path, TYPE, recorded, answered)
    return None if _is_integer(answered) else (path, TYPE, recorded, answered)


def _headers(recorded: Mapping[str, str], answered: Mapping[str, str]) -> list[_Found]:
    found: list[_Found] = []
    for name in WATCHED_HEADERS:
        mine, theirs = recorded.get(name), answered.get(name)
        if mine is None and theirs is None:
            continue
        if theirs is None:
            found.append((f"headers.{name}", MISSING, mine, None))
        elif mine is None:
            found.append((f"headers.{name}", UNEXPECTED, None, theirs))
        else:
            problem = _header(name, mine, theirs)
            if problem is not None:
                found.append(problem)
    return found


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


class _Walk:
    """Compares recorded JSON values with answered ones under one run's bindings."""

    def __init__(self, bindings: Bindings) -> None:
        self.bindings = bindings

    def body(self, recorded: Response, observed: Observed, filters: Mapping[str, str]) -> list[_Found]:
        mine, theirs = recorded.body, observed.body
        mine_kind = mine.kind if mine is not None else "none"
        theirs_kind = theirs.kind if theirs is not None else "none"
        if mine_kind != theirs_kind:
            return [("body", BODY, mine_kind, theirs_kind)]
        if mine is None or theirs is None:
            return []
        if mine.kind == "text":
            return self.value(mine.value, theirs.value, "body")
        answered = theirs.value
        if isinstance(answered, dict) and filters:
            answered = dict(answered)
            for field, rule in filters.items():
                if isinstance(answered.get(field), list):
                    answered[field] = [item for item in answered[field] if keep(item, rule, self.bindings)]
        return self.value(mine.value, answered, "body")

    def value(self, recorded: Any, answered: Any, path: str) -> list[_Found]:
        name = placeholder(recorded)
        if name is not None:
            return self._placeholder(name, answered, path)
        if _type_name(recorded) != _type_name(answered):
            return [(path, TYPE, _type_name(recorded), _type_name(answered))]
        if isinstance(recorded, dict):
            return self._object(recorded, answered, path)
        if isinstance(recorded, list):
            return self._list(recorded, answered, path)
        if isinstance(recorded, str):
            matches = text_pattern(recorded, self.bindings).fullmatch(answered)
            return [] if matches else [(path, VALUE, filled(recorded, self.bindings), answered)]
        return [] if recorded == answered else [(path, VALUE, recorded, answered)]

    def _placeholder(self, name: str, answered: Any, path: str) -> list[_Found]:
        if name in VOLATILE:
            allowed = ("string", "integer") if name == PORTAL_ID else ("string",)
            kind = _type_name(answered)
            return [] if kind in allowed else [(path, TYPE, name, kind)]
        bound = self.bindings.value(name) if name in self.bindings.roles else None
        if _type_name(answered) != "integer":
            return [(path, TYPE, name, _type_name(answered))]
        if bound is not None and bound != answered:
            return [(path, ROLE, f"{name} = {bound}", answered)]
        return []

    def _object(self, recorded: Mapping[str, Any], answered: Mapping[str, Any], path: str) -> list[_Found]:
        found: list[_Found] = []
        for key, item in recorded.items():
            if key not in answered:
                found.append((f"{path}.{key}", MISSING, item, None))
            else:
                found += self.value(item, answered[key], f"{path}.{key}")
        found += [
            (f"{path}.{key}", UNEXPECTED, None, answered[key]) for key in answered if key not in recorded
        ]
        return found

    def _list(self, recorded: list[Any], answered: list[Any], path: str) -> list[_Found]:
        # Pair the closest items first (fewest differences); identity decides which may pair at all.
        item_path = f"{path}[]"
        pairs = sorted(
            (len(found), mine, theirs, found)
            for mine, recorded_item in enumerate(recorded)
            for theirs, answered_item in enumerate(answered)
            if self._same_identity(recorded_item, answered_item)
            for found in [self.value(recorded_item, answered_item, item_path)]
        )
        taken_mine: set[int] = set()
        taken_theirs: set[int] = set()
        found: list[_Found] = []
        for _, mine, theirs, differences in pairs:
            if mine in taken_mine or theirs in taken_theirs:
                continue
            taken_mine.add(mine)
            taken_theirs.add(theirs)
            found += differences
        found += [(item_path, MISSING, item, None) for i, item in enumerate(recorded) if i not in taken_mine]
        found += [
            (item_path, UNEXPECTED, None, item) for i, item in enumerate(answered) if i not in taken_theirs
        ]
        return found

    def _same_identity(self, recorded: Any, answered: Any) -> bool:
        """Whether two list items may be the same thing: an association type is (category, typeId)."""
        if not (isinstance(recorded, dict) and isinstance(answered, dict)):
            return True
        if not {"category", "typeId"} <= recorded.keys():
            return True
        if recorded["category"] != answered.get("category"):
            return False
        type_id, theirs = recorded["typeId"], answered.get("typeId")
        name = placeholder(type_id)
        if name is None:
            return bool(type_id == theirs)
        if name in self.bindings.roles:
            return self.bindings.roles[name] == theirs
        return self.bindings.role_of(theirs) is None
