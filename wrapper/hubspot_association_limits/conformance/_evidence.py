"""Recorded traffic as recordings ``check`` can replay (pure).

An evidence file (the project's ``evidence/real-traffic.json``; its format is ``evidence/README.md``)
holds cases people recorded from HubSpot, many of them partial. Every case that is a *complete
exchange* (a request and HubSpot's answer to it, with a status) becomes one ``EvidenceCase``: a
one-exchange ``Recording`` and the portal a mock must start from (``replay.given``). That is:

- an answer case whose request case (same ``exchange``) gives the request, or
- an answer case whose ``replay`` gives it: its ``path``, and its ``request`` body unless the method
  sends none (GET, DELETE).

What such a record does not hold is said, never guessed, as the response's ``unrecorded`` gaps: a
check shows the differences there and does not count them. The record's own gaps are read from it:

- no headers: the headers are not compared (``headers.*``);
- no status, or one in words ("207 or 400"): the replay's ``serve_status`` (or the first number) is
  compared, and a difference is the record's gap;
- no body on an error: the body is not compared;
- only HubSpot's message (``replay.body_is_message``): the message is compared, nothing else;
- one entry of a list (``replay.wrap``): more entries in the answer are no difference;
- a documentation example (basis ``docs``): it illustrates, so its values are not compared, only
  keys and types;

and what only the record's notes explain is listed in ``replay.unrecorded`` (``path``, optional
``kinds``, ``why``), case by case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from ._answers import Observed, bind
from ._recording import Body, Exchange, Gap, Origin, Recording, Request, Step
from ._sanitise import sanitise
from ._templates import Bindings, new_run_id

__all__ = ["EvidenceCase", "evidence_cases", "load_evidence"]

_SCENARIO: Final = "hubspot-association-limits/evidence"
_PREFIX: Final = re.compile(r"(/crm/(?:associations/(?:v4|[0-9]{4}-[0-9]{2})|v4/associations))(/.*)")
_NO_BODY_METHODS: Final = ("GET", "DELETE")
_ILLUSTRATIVE: Final = "docs"
_HUBSPOT_API: Final = "api.hubapi.com"
_UNKNOWN_TIME: Final = "unknown"


@attrs.frozen
class EvidenceCase:
    """One complete exchange of an evidence file: its case id and basis, the recording ``check``
    replays, and ``given``, the portal the server must start from (the mock's seed format)."""

    id: str
    basis: str
    recording: Recording
    given: Mapping[str, Any]


def _by_exchange(cases: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {case["exchange"]: case for case in cases if case["kind"] == "request" and "exchange" in case}


def _request_of(answer: Mapping[str, Any], partner: Mapping[str, Any] | None) -> Request | None:
    """The request the answer answered (its exchange's ``partner`` request case, or its replay), when
    the evidence gives it whole (else None)."""
    source = partner if partner is not None else answer
    path = source["replay"].get("path")
    method = answer["method"]
    if not path or "{" in path:
        return None
    if partner is not None:
        body = partner["body"]
    elif "request" in answer["replay"]:
        body = answer["replay"]["request"]
    elif method in _NO_BODY_METHODS:
        body = None
    else:
        return None
    return Request(method, path, None if body is None else Body("json", body))


def _status(answer: Mapping[str, Any]) -> tuple[int, Gap | None] | None:
    status, replay = answer["status"], answer["replay"]
    if isinstance(status, int):
        return status, None
    if "serve_status" in replay:
        served = replay["serve_status"]
        return served, Gap("status", f"the record has no status; {served} is the replay's reading")
    numbers = re.findall(r"[0-9]{3}", str(status or ""))
    if numbers:
        return int(numbers[0]), Gap("status", f"the record's status is {status!r}")
    return None


def _body(answer: Mapping[str, Any], status: int) -> tuple[Any, list[Gap]]:
    """The answer's body as HubSpot sent it (as far as the record shows), and what it lacks."""
    body, replay = answer["body"], answer["replay"]
    if replay.get("body_is_message"):
        return {"message": body}, [Gap("body.*", "the record is only HubSpot's message", ("unexpected",))]
    if replay.get("wrap"):
        field = replay["wrap"]
        gap = Gap(f"body.{field}[]", f"the record is one entry of {field}", ("unexpected",))
        return {field: [body]}, [gap]
    if body is None and status != 204:
        return None, [Gap("body*", "the record has no body")]
    return body, []


def _binds(operation: str, body: Any) -> dict[str, dict[str, Any]]:
    """A created label's typeIds are the portal's: roles bound by label text, where the text is unique."""
    results = body.get("results") if isinstance(body, dict) and operation == "createLabel" else None
    labels = [item.get("label") for item in results or [] if isinstance(item, dict)]
    unique = [label for label in labels if isinstance(label, str) and labels.count(label) == 1]
    return {
        f"$label.{index}": {"category": "USER_DEFINED", "label": label}
        for index, label in enumerate(unique, 1)
    }


def _recorded_gaps(answer: Mapping[str, Any]) -> list[Gap]:
    gaps = [Gap("headers.*", "the record has no headers")] if not answer["headers"] else []
    if answer["basis"] == _ILLUSTRATIVE:
        gaps.append(
            Gap(
                "body*",
                "a documentation example illustrates: only its keys and types are compared",
                ("value", "role"),
            )
        )
    gaps += [
        Gap(item["path"], item["why"], tuple(item.get("kinds", ())))
        for item in answer["replay"].get("unrecorded", ())
    ]
    return gaps


def _case(answer: Mapping[str, Any], requests: Mapping[str, Mapping[str, Any]]) -> EvidenceCase | None:
    partner = requests.get(answer.get("exchange", ""))
    request = _request_of(answer, partner)
    found = _status(answer)
    prefixed = _PREFIX.fullmatch(request.path) if request is not None else None
    if request is None or found is None or prefixed is None:
        return None
    status, status_gap = found
    body, body_gaps = _body(answer, status)
    operation = answer["operation"]
    step = Step(
        id=answer["id"],
        operation=operation,
        purpose=answer["confidence"],
        request=attrs.evolve(request, path=prefixed[2]),
        expect="success" if 200 <= status < 300 else "refusal",
        binds=_binds(operation, body),
    )
    # The recorded answer, kept as a recording keeps any answer: typeIds the portal gave become roles,
    # correlation ids and timestamps placeholders.
    bindings = Bindings(new_run_id())
    content = b"" if body is None else json.dumps(body).encode()
    observed = Observed.of(status, dict(answer["headers"]), content)
    bind(step, observed, bindings)
    response = attrs.evolve(
        sanitise(step, observed, bindings, []),
        unrecorded=(*([status_gap] if status_gap else []), *body_gaps, *_recorded_gaps(answer)),
    )
    given = answer["replay"].get("given") or (partner or {}).get("replay", {}).get("given") or {}
    # HubSpot's answer, kept by someone else at a time the record does not say.
    origin = Origin("hubspot", _HUBSPOT_API, prefixed[1], _UNKNOWN_TIME, f"evidence: {answer['source']}")
    roles = {
        role: f"the typeId HubSpot gave the label {where['label']!r}" for role, where in step.binds.items()
    }
    recording = Recording(_SCENARIO, 1, _pair(step.request.path), origin, roles, (Exchange(step, response),))
    return EvidenceCase(answer["id"], answer["basis"], recording, given)


def _pair(path: str) -> tuple[str, str]:
    """The object-type pair a path names (``*`` for every pair: ``/definitions/configurations/all``)."""
    parts = path.removeprefix("/definitions/configurations").strip("/").split("/")
    return (parts[0], parts[1]) if len(parts) >= 2 else ("*", "*")


def evidence_cases(document: Mapping[str, Any]) -> tuple[EvidenceCase, ...]:
    """Every complete exchange of an evidence file's document, in file order."""
    cases = [
        case
        for case in document["cases"]
        if case["operation"] is not None and case["replay"].get("mock", True)
    ]
    requests = _by_exchange(cases)
    found = (_case(case, requests) for case in cases if case["kind"] != "request")
    return tuple(case for case in found if case is not None)


def load_evidence(path: Path) -> tuple[EvidenceCase, ...]:
    """The complete exchanges of an evidence file."""
    return evidence_cases(json.loads(path.read_text(encoding="utf-8")))
