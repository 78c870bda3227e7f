"""An answer as a recording keeps it (pure): comparable with any portal's, and with nothing private in it.

- Only the watched headers stay; the correlation id becomes ``$correlationId``.
- Lists a step filters keep only what every portal has (the run's own types, HubSpot's built-in ones):
  another portal's labels and limits are its owner's business, and would differ anyway.
- The typeIds the portal assigned to the run's own types (USER_DEFINED ones a role is bound to)
  become their role; a HUBSPOT_DEFINED type with the same number stays as it is.
- Correlation and request ids, timestamps and portal ids become placeholders, in fields and in text;
  the run's id becomes ``{$run}``; every secret the library knows is masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from .._redact import redact
from ._answers import Observed, keep
from ._recording import WATCHED_HEADERS, Body, Response, Step
from ._templates import (
    CORRELATION_ID,
    PORTAL_ID,
    REQUEST_ID,
    RUN,
    TIMESTAMP,
    Bindings,
    escape,
    inline,
)

__all__ = ["sanitise"]

_CORRELATION_HEADER: Final = "x-hubspot-correlation-id"
_PLACEHOLDER_OF_KEY: Final = {
    "correlationId": CORRELATION_ID,
    "requestId": REQUEST_ID,
    "startedAt": TIMESTAMP,
    "completedAt": TIMESTAMP,
    "requestedAt": TIMESTAMP,
    "portalId": PORTAL_ID,
    "portal_id": PORTAL_ID,
    "hubId": PORTAL_ID,
    "hub_id": PORTAL_ID,
}
_PORTAL_KEYS: Final = frozenset(key for key, value in _PLACEHOLDER_OF_KEY.items() if value == PORTAL_ID)
# Portal ids in text: "portal 1234567", "hub id: 1234567", a custom object's "p1234567_cars", and the
# account segment of app.hubspot.com links.
_PORTAL_IN_TEXT: Final = (
    re.compile(r"(?i)(\b(?:portal|hub|account)(?:\s*id)?\s*[:#]?\s*)([0-9]{3,})\b"),
    re.compile(r"(\bp)([0-9]{3,})(?=_)"),
    re.compile(r"(?i)(app(?:-[a-z0-9]+)?\.hubspot\.com/[A-Za-z0-9_-]+/)([0-9]{3,})\b"),
)
# A number in text, with the category code HubSpot sometimes puts before a typeId ("1-123"); "0-1" and
# "2-123" are object type ids (or a HUBSPOT_DEFINED code) and are left alone.
_NUMBER: Final = re.compile(r"(?<![\w.])(?:(?P<code>[0-9]+)-)?(?P<id>[0-9]+)(?![\w.])")
_USER_DEFINED_CODE: Final = "1"
# How an item error writes an association type ("0-101", "0--1"): in its context's type, and in its text.
_TYPE_TOKEN: Final = re.compile(r"(?P<code>[0-9]+)-(?P<id>-?[0-9]+)")


def sanitise(step: Step, observed: Observed, bindings: Bindings, secrets: Iterable[str]) -> Response:
    """The recorded form of ``observed``, the answer to ``step`` (after every role of the run is bound)."""
    scrubber = _Scrubber(bindings, secrets, _request_numbers(step))
    headers = {name: value for name, value in observed.headers.items() if name in WATCHED_HEADERS}
    if _CORRELATION_HEADER in headers:
        scrubber.correlation_ids.add(headers[_CORRELATION_HEADER])
        headers[_CORRELATION_HEADER] = CORRELATION_ID
    body = observed.body
    if body is None:
        return Response(observed.status, headers)
    if body.kind == "text":
        return Response(observed.status, headers, Body("text", scrubber.text(str(body.value))))
    value = _filtered(body.value, step.filters, bindings)
    scrubber.collect(value)
    return Response(observed.status, headers, Body("json", scrubber.value(value)))


def _filtered(value: Any, filters: Mapping[str, str], bindings: Bindings) -> Any:
    if not filters or not isinstance(value, dict):
        return value
    out = dict(value)
    for field, rule in filters.items():
        if isinstance(out.get(field), list):
            out[field] = [item for item in out[field] if keep(item, rule, bindings)]
    return out


def _request_numbers(step: Step) -> frozenset[int]:
    # A number the request itself sends (a limit, say) is what an answer's text most likely names.
    found: set[int] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, int) and not isinstance(value, bool):
            found.add(value)

    if step.request.body is not None and step.request.body.kind == "json":
        walk(step.request.body.value)
    return frozenset(found)


class _Scrubber:
    """Turns the values of one answer into their recorded form."""

    def __init__(self, bindings: Bindings, secrets: Iterable[str], request_numbers: frozenset[int]) -> None:
        self.bindings = bindings
        self.secrets = [secret for secret in secrets if secret]
        self.request_numbers = request_numbers
        self.correlation_ids: set[str] = set()
        self.portal_ids: set[str] = set()
        self.type_tokens: dict[str, str] = {}  # "0-101" -> "0-{$label.forward}"

    def collect(self, value: Any) -> None:
        """Note the correlation and portal ids of the body, and the run's association types as item
        errors write them (``context.type``), to take them out of its text as well."""
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "correlationId" and isinstance(item, str):
                    self.correlation_ids.add(item)
                elif key in _PORTAL_KEYS and isinstance(item, int | str):
                    self.portal_ids.add(str(item))
                elif key == "context" and isinstance(item, dict):
                    self._note_types(item.get("type"))
                self.collect(item)
        elif isinstance(value, list):
            for item in value:
                self.collect(item)

    def _note_types(self, written: object) -> None:
        for token in written if isinstance(written, list) else []:
            found = _TYPE_TOKEN.fullmatch(token) if isinstance(token, str) else None
            role = self.bindings.role_of(int(found["id"])) if found else None
            if found and role is not None:
                self.type_tokens[token] = f"{found['code']}-{inline(role)}"

    def value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: self._field(value, key, item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def _field(self, parent: Mapping[str, Any], key: str, item: Any) -> Any:
        if key in _PLACEHOLDER_OF_KEY and item is not None:
            return _PLACEHOLDER_OF_KEY[key]
        if key == "typeId" and parent.get("category") == "USER_DEFINED":
            role = self.bindings.role_of(item)
            if role is not None:
                return role
        return self.value(item)

    def text(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[REDACTED]")
        text = escape(redact(text))
        text = text.replace(self.bindings.run, inline(RUN))
        for correlation_id in self.correlation_ids:
            text = text.replace(correlation_id, inline(CORRELATION_ID))
        for portal_id in self.portal_ids:
            text = re.sub(rf"(?<![0-9]){re.escape(portal_id)}(?![0-9])", inline(PORTAL_ID), text)
        for pattern in _PORTAL_IN_TEXT:
            text = pattern.sub(lambda match: match.group(1) + inline(PORTAL_ID), text)
        for token, recorded in self.type_tokens.items():
            text = re.sub(rf"(?<![\w-]){re.escape(token)}(?!\w)", recorded, text)
        return _NUMBER.sub(self._number, text)

    def _number(self, match: re.Match[str]) -> str:
        code, number = match.group("code"), int(match.group("id"))
        role = self.bindings.role_of(number)
        if role is None or number in self.request_numbers or code not in (None, _USER_DEFINED_CODE):
            return match.group(0)
        return (f"{code}-" if code else "") + inline(role)
