"""Every recorded request of the evidence, sent to the mock: does it answer as HubSpot did?

One test per case of ``corpus.sent_to_mock``: a fresh mock seeded with the case's ``replay.given``,
the request sent over a real socket, and the answer held against the case's ``replay.expect_status``
and against the recorded answer (the case itself, or its exchange partner): the same status class,
the same body shape (see ``compare``), and HubSpot's words wherever the record is not an
illustration (basis ``docs`` or ``contract``). A record that is only a message compares the message;
an error recorded without a body (its status asserted, nothing else) compares the status only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from hubspot_association_limits.mock import MockConfig, running_mock

from . import corpus
from .compare import shape_differences, word_differences

CASES = corpus.load()
SENT = corpus.sent_to_mock(CASES)
_ILLUSTRATIVE = frozenset({"docs", "contract"})


def _request_body(case: dict[str, Any]) -> Any:
    if case["kind"] == "request":
        return case["body"]
    return case["replay"].get("request")


def _recorded_answer(case: dict[str, Any]) -> dict[str, Any] | None:
    return case if case["kind"] != "request" else corpus.partner(case, CASES)


def _recorded_status(answer: dict[str, Any]) -> int | None:
    status = answer["status"]
    return status if isinstance(status, int) else answer["replay"].get("serve_status")


def _recorded_body(answer: dict[str, Any]) -> Any:
    wrap = answer["replay"].get("wrap")
    return {wrap: [answer["body"]]} if wrap else answer["body"]


def _send(case: dict[str, Any], tmp_path: Path) -> httpx.Response:
    seed = tmp_path / "given.json"
    seed.write_text(json.dumps(case["replay"].get("given", {})), encoding="utf-8")
    body = _request_body(case)
    with running_mock(MockConfig(seed_file=str(seed))) as mock:
        return httpx.request(
            case["method"],
            mock.base_url + case["replay"]["path"],
            headers={"Authorization": "Bearer pat-na1-replay"},
            json=body,
            timeout=10.0,
        )


def test_every_case_sent_to_the_mock_names_a_path_and_statuses() -> None:
    assert len(SENT) >= 20  # guards the parametrization below against an empty corpus
    assert all(case["replay"].get("path") and case["replay"].get("expect_status") for case in SENT)


@pytest.mark.parametrize("case", SENT, ids=[case["id"] for case in SENT])
def test_the_mock_answers_as_hubspot_did(case: dict[str, Any], tmp_path: Path) -> None:
    response = _send(case, tmp_path)
    assert response.status_code in case["replay"]["expect_status"], response.text
    answer = _recorded_answer(case)
    if answer is None:
        return
    status = _recorded_status(answer)
    if status is not None:
        assert response.status_code // 100 == status // 100, response.text
    answered = response.json() if response.content else None
    if answer["replay"].get("body_is_message"):
        assert answered is not None and answered.get("message") == answer["body"]
        return
    recorded = _recorded_body(answer)
    if recorded is None and answer["kind"] == "error":
        return  # the body was not recorded
    assert shape_differences(recorded, answered) == []
    if answer["basis"] not in _ILLUSTRATIVE:
        assert word_differences(recorded, answered) == []
