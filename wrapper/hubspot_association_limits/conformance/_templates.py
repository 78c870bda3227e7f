"""Placeholders in a recording, and the values a run binds them to (pure).

A recording names what differs from portal to portal instead of storing it:

- a whole JSON value ``"$label.forward"`` is a *role*: the typeId a portal assigned to one of the
  run's own association types, bound when the answer that creates it arrives;
- ``"$correlationId"``, ``"$timestamp"``, ``"$requestId"``, ``"$portalId"`` stand for a value that
  changes with every answer or identifies the portal; a check compares only its type;
- inside a string, ``{$run}`` is the run's unique id, and ``{$label.forward}`` (any role) or
  ``{$correlationId}`` / ``{$portalId}`` stand for the same values within text.

A literal string that begins with ``$`` is stored as ``$$...``, and a literal ``{$`` as ``{$$``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from typing import Any, Final

import attrs

__all__ = [
    "CORRELATION_ID",
    "PORTAL_ID",
    "REQUEST_ID",
    "RUN",
    "TIMESTAMP",
    "VOLATILE",
    "Bindings",
    "Unbound",
    "escape",
    "filled",
    "inline",
    "new_run_id",
    "placeholder",
    "render",
    "text_pattern",
]

RUN: Final = "$run"
CORRELATION_ID: Final = "$correlationId"
TIMESTAMP: Final = "$timestamp"
REQUEST_ID: Final = "$requestId"
PORTAL_ID: Final = "$portalId"
VOLATILE: Final = frozenset({CORRELATION_ID, TIMESTAMP, REQUEST_ID, PORTAL_ID})

_NAME: Final = r"\$[A-Za-z][A-Za-z0-9_.]*"
_WHOLE: Final = re.compile(_NAME)
_INLINE: Final = re.compile(r"\{(" + _NAME + r")\}|\{\$\$")
# What an inline placeholder may stand for when a check cannot know the exact value.
_ANY_INTEGER: Final = r"-?[0-9]+"
_ANY_TOKEN: Final = r"[^\s\"']+"


class Unbound(LookupError):
    """A request needs a role that no answer has bound yet."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not bound: the answer that assigns it did not come")
        self.name = name


def new_run_id() -> str:
    """A fresh unique id for one run: a letter and 8 hex digits (``r3f9a1c0b``)."""
    return f"r{secrets.token_hex(4)}"


@attrs.define
class Bindings:
    """What one run has bound: its own id and the typeId of each role."""

    run: str
    roles: dict[str, int] = attrs.field(factory=dict)

    def value(self, name: str) -> int | str:
        """The value of a placeholder a request uses; raises Unbound."""
        if name == RUN:
            return self.run
        if name in self.roles:
            return self.roles[name]
        raise Unbound(name)

    def role_of(self, type_id: object) -> str | None:
        """The role bound to this USER_DEFINED typeId, if any."""
        for name, value in self.roles.items():
            if value == type_id and not isinstance(type_id, bool):
                return name
        return None


def placeholder(value: object) -> str | None:
    """The placeholder a whole JSON value is (``"$label.forward"``), or None for a literal."""
    if isinstance(value, str) and _WHOLE.fullmatch(value):
        return value
    return None


def inline(name: str) -> str:
    """The form of a placeholder inside a string: ``{$run}``."""
    return "{" + name + "}"


def escape(text: str) -> str:
    """A literal string as a recording stores it (so that it is never read as a placeholder)."""
    text = text.replace("{$", "{$$")
    return "$" + text if text.startswith("$") else text


def _unescape_whole(text: str) -> str:
    return text[1:] if text.startswith("$$") else text


def render(value: Any, bindings: Bindings) -> Any:
    """A recorded request value with every placeholder replaced by what the run bound; raises Unbound."""
    if isinstance(value, Mapping):
        return {key: render(item, bindings) for key, item in value.items()}
    if isinstance(value, list):
        return [render(item, bindings) for item in value]
    if not isinstance(value, str):
        return value
    name = placeholder(value)
    if name is not None:
        return bindings.value(name)

    def substitute(match: re.Match[str]) -> str:
        return "{$" if match.group(1) is None else str(bindings.value(match.group(1)))

    return _INLINE.sub(substitute, _unescape_whole(value))


def filled(template: str, bindings: Bindings) -> str:
    """A recorded string with what the run bound filled in, for people; unbound placeholders stay."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return "{$"
        return str(bindings.value(name)) if name == RUN or name in bindings.roles else match.group(0)

    return _INLINE.sub(substitute, _unescape_whole(template))


def text_pattern(template: str, bindings: Bindings) -> re.Pattern[str]:
    """A recorded string as a pattern an answer's string must match in full.

    Bound placeholders stand for their value; an unbound role for any integer; a correlation or
    portal id for any token.
    """
    parts: list[str] = []
    position = 0
    template = _unescape_whole(template)
    for match in _INLINE.finditer(template):
        parts.append(re.escape(template[position : match.start()]))
        name = match.group(1)
        if name is None:
            parts.append(re.escape("{$"))
        elif name == RUN or name in bindings.roles:
            parts.append(re.escape(str(bindings.value(name))))
        elif name in VOLATILE:
            parts.append(_ANY_TOKEN)
        else:
            parts.append(_ANY_INTEGER)
        position = match.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)
