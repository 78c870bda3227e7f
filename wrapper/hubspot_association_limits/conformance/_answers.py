"""An answer as it arrived, and what a run reads from it: the body, the roles it binds, the items a
filter keeps (pure)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

import attrs

from ._recording import Body, Step
from ._templates import Bindings, render

__all__ = ["Observed", "bind", "keep", "parse_body", "results_of"]

_USER_DEFINED: Final = "USER_DEFINED"
_HUBSPOT_DEFINED: Final = "HUBSPOT_DEFINED"


def parse_body(content: bytes) -> Body | None:
    """JSON if it parses, else text; None when there is no body."""
    if not content:
        return None
    try:
        return Body("json", json.loads(content))
    except ValueError:
        return Body("text", content.decode("utf-8", errors="replace"))


@attrs.frozen
class Observed:
    """One answer: status, every header (lower-case names) and the parsed body."""

    status: int
    headers: Mapping[str, str]
    body: Body | None

    @classmethod
    def of(cls, status: int, headers: Mapping[str, str], content: bytes) -> Observed:
        """From the raw parts of an HTTP response."""
        return cls(status, {name.lower(): value for name, value in headers.items()}, parse_body(content))

    @property
    def ok(self) -> bool:
        """A 2xx answer."""
        return 200 <= self.status < 300

    def json(self) -> Any:
        """The JSON body, or None."""
        return self.body.value if self.body is not None and self.body.kind == "json" else None


def results_of(body: object) -> list[Any]:
    """The ``results`` list of a JSON body ([] when there is none)."""
    results = body.get("results") if isinstance(body, Mapping) else None
    return results if isinstance(results, list) else []


def bind(step: Step, observed: Observed, bindings: Bindings) -> list[str]:
    """Bind the step's roles from its answer; returns a sentence for each role that could not be bound.

    A role is the typeId of the one item of ``results`` whose fields equal the step's ``binds`` entry.
    """
    problems = []
    items = results_of(observed.json())
    for role, where in step.binds.items():
        wanted = render(where, bindings)
        found = [
            item
            for item in items
            if isinstance(item, Mapping) and all(item.get(key) == value for key, value in wanted.items())
        ]
        type_ids = [item.get("typeId") for item in found]
        if len(found) == 1 and isinstance(type_ids[0], int) and not isinstance(type_ids[0], bool):
            bindings.roles[role] = type_ids[0]
        else:
            problems.append(
                f"{role}: the answer has {len(found)} items with {json.dumps(wanted, ensure_ascii=False)}, "
                "not one with an integer typeId"
            )
    return problems


def keep(item: object, rule: str, bindings: Bindings) -> bool:
    """Whether a list item survives a filter: the run's own types (a bound role, or a label carrying the
    run's id), and with "own-and-hubspot-defined" also HubSpot's built-in types."""
    if not isinstance(item, Mapping):
        return False
    category = item.get("category")
    if category == _HUBSPOT_DEFINED:
        return rule == "own-and-hubspot-defined"
    if category != _USER_DEFINED:
        return False
    label = item.get("label")
    return bindings.role_of(item.get("typeId")) is not None or (
        isinstance(label, str) and bindings.run in label
    )
