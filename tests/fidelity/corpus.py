"""The evidence corpus (``evidence/*.json``): load it, and select the cases each replay takes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

EVIDENCE: Final = Path(__file__).resolve().parents[2] / "evidence"
REAL_TRAFFIC: Final = EVIDENCE / "real-traffic.json"
CONTRACT_HISTORY: Final = EVIDENCE / "contract-history.json"


def load(path: Path = REAL_TRAFFIC) -> list[dict[str, Any]]:
    """The cases of one evidence file, in file order."""
    document = json.loads(path.read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = document["cases"]
    return cases


def all_cases() -> list[dict[str, Any]]:
    """Every case of every evidence file."""
    return [*load(REAL_TRAFFIC), *load(CONTRACT_HISTORY)]


def by_id() -> dict[str, dict[str, Any]]:
    """Every case by its id."""
    return {case["id"]: case for case in all_cases()}


def served_to_clients(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The recorded answers (responses and errors) a client can be served."""
    return [c for c in cases if c["kind"] != "request" and c["replay"].get("client", True)]


def sent_to_mock(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cases whose request can be sent to the mock: one per exchange (its request case)."""
    return [
        c
        for c in cases
        if c["replay"].get("mock", True)
        and c["operation"] is not None
        and (c["kind"] == "request" or "exchange" not in c)
    ]


def partner(case: dict[str, Any], cases: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The recorded answer of the same exchange as a request case, if any."""
    exchange = case.get("exchange")
    if exchange is None:
        return None
    found = [c for c in cases if c.get("exchange") == exchange and c["kind"] != "request"]
    return found[0] if found else None


def request_of(case: dict[str, Any], cases: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The request case of the same exchange as an answer case, if any."""
    exchange = case.get("exchange")
    if exchange is None:
        return None
    found = [c for c in cases if c.get("exchange") == exchange and c["kind"] == "request"]
    return found[0] if found else None


def concrete_path(case: dict[str, Any], cases: list[dict[str, Any]]) -> str:
    """The case's path with its placeholders bound (``replay.path``, or its exchange's)."""
    for candidate in (case, request_of(case, cases)):
        if candidate is None:
            continue
        path = candidate["replay"].get("path") or candidate["path"]
        if path and "{" not in path:
            return str(path)
    raise LookupError(f"{case['id']}: no concrete path; give replay.path")


def sent_body(case: dict[str, Any], cases: list[dict[str, Any]], *, by_client: bool = False) -> Any:
    """The request body of the case's exchange: the case's own for a request, else ``replay.request``
    or the body of its exchange's request case (None when the request had none). ``by_client``:
    ``replay.client_request`` where the clients refuse the recorded request."""
    if by_client and "client_request" in case["replay"]:
        return case["replay"]["client_request"]
    if case["kind"] == "request":
        return case["body"]
    if "request" in case["replay"]:
        return case["replay"]["request"]
    request = request_of(case, cases)
    return None if request is None else request["body"]
