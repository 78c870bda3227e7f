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
