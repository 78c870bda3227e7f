"""Whether a list of steps writes only what the run itself creates (pure).

The rule the built-in scenario is held to, and that any recording must pass before it is replayed
against a server that is not on this machine (an edited recording could otherwise delete a portal's
own labels). A write is allowed when:

- it creates or renames a label whose every text carries ``{$run}``;
- it deletes a label named by a role (``.../labels/{$label.forward}``);
- it sets, changes or purges limits only on roles or on negative typeIds (which no portal has), or
  its body is not JSON at all.

Which write a request is follows from its method and path, never from its ``operation`` field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from ._recording import Step
from ._templates import RUN, inline, placeholder

__all__ = ["unsafe_writes"]

_LABELS: Final = re.compile(r"/[^/]+/[^/]+/labels")
_ONE_LABEL: Final = re.compile(r"/[^/]+/[^/]+/labels/\{(\$[A-Za-z][A-Za-z0-9_.]*)\}")
_LIMITS: Final = re.compile(r"/definitions/configurations/[^/]+/[^/]+/batch/(create|update|purge)")
_TEXTS: Final = ("label", "name", "inverseLabel")


def _carries_run(body: Mapping[str, Any], required: Iterable[str]) -> bool:
    texts = [body.get(field) for field in _TEXTS if field in body or field in required]
    return all(isinstance(text, str) and inline(RUN) in text for text in texts)


def _own_type(value: object) -> bool:
    name = placeholder(value)
    if name is not None:
        return name != RUN
    return isinstance(value, int) and not isinstance(value, bool) and value < 0


def _problem(step: Step) -> str | None:
    request = step.request
    method, path, body = request.method, request.path, request.body
    if method == "GET":
        return None
    value = body.value if body is not None and body.kind == "json" else None
    if method in ("POST", "PUT") and _LABELS.fullmatch(path):
        if not isinstance(value, dict) or not _carries_run(value, ("label",)):
            return "a label write whose texts do not all carry {$run}"
        if method == "PUT" and not _own_type(value.get("associationTypeId")):
            return "a rename of a label that is not named by a role"
        return None
    if method == "DELETE":
        found = _ONE_LABEL.fullmatch(path)
        return None if found and found.group(1) != RUN else "a delete of something not named by a role"
    if method == "POST" and _LIMITS.fullmatch(path):
        if body is not None and body.kind == "text" and not _parses(str(body.value)):
            return None
        inputs = value.get("inputs") if isinstance(value, dict) else None
        if not isinstance(inputs, list) or not all(
            isinstance(item, dict) and _own_type(item.get("typeId")) for item in inputs
        ):
            return "a limit write on a typeId that is not a role (nor negative)"
        return None
    return f"a {method} the scenario never sends"


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def unsafe_writes(steps: Sequence[Step]) -> list[str]:
    """A sentence for each step that could change something the run did not create."""
    found = []
    for step in steps:
        problem = _problem(step)
        if problem is not None:
            found.append(f"step {step.id} ({step.request.method} {step.request.path}): {problem}")
    return found
