"""``conformance check --evidence``: every complete exchange of the recorded traffic, checked against the
mock. Per case: as recorded, or which differences (the mock's ledger choices shown as such); what a
record does not hold is shown and not counted, each for a reason the record or its notes give."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hubspot_association_limits.conformance import EvidenceCase, Target, check, evidence_cases, load, save
from hubspot_association_limits.mock import MockConfig, running_mock

from ._support import Cli

REAL_TRAFFIC = Path(__file__).resolve().parents[2] / "evidence" / "real-traffic.json"

# Every case of the evidence: a complete exchange (checked), or why not.
NOT_COMPLETE = {
    "docs-label-create-single-request": "a request without an answer",
    "docs-label-create-paired-request": "the request of docs-label-create-paired-response",
    "docs-label-rename-request": "a request without an answer",
    "docs-limits-create-request": "a request without an answer",
    "docs-limits-purge-request": "the request of docs-limits-purge-response",
    "ballerina-limits-create-request": "the request of ballerina-limits-create-response",
    "notes-merge-limit-exceeded-message": "no operation of this API",
    "production-merge-limit-exceeded": "the objects API's merge: the mock has none",
}
HEADERS = "the record has no headers"
# Per case, the differences that count (key and ledger entries), and those not counted other than the
# headers no record kept (path, kind, why). Cases not listed answer as recorded.
COUNTED = {
    "ballerina-limits-list-all": [(("listAllLimits", "body.results[]", "missing"), ["limits.read.only-set"])],
}
NOT_COUNTED = {
    "notes-labels-unknown-object-base-name": {
        (path, "unexpected", "the record is only HubSpot's message")
        for path in ("body.status", "body.correlationId", "body.category", "body.errors")
    },
    "ballerina-limits-create-invalid-type": {
        (
            "body.errors[].context.type[]",
            "value",
            "the notes: this context.type ('0-5') disagrees with the message ('0--1') and was likely copied "
            "from the update case",
        )
    },
    "ballerina-label-create-response": {
        (
            path,
            kind,
            "the notes: the fixture's labels are placeholders ('label', 'inverseLabel'); the live test sent "
            "'Label' and 'InverseLabel'",
        )
        for path, kind in (("body.results[].label", "value"), ("body.results[]", "binding"))
    },
    "ballerina-limits-purge-invalid-type-live": {
        ("status", "status", "the record's status is '207 or 400'"),
        ("body", "body", "the record has no body"),
    },
    "ballerina-label-rename-invalid-live": {("body", "body", "the record has no body")},
}


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any]]:
    """``check --evidence evidence/real-traffic.json --json``: its exit code and its cases by id."""
    code, out, _ = Cli()("conformance", "check", "--evidence", str(REAL_TRAFFIC), "--json")
    return code, {case["case"]: case for case in json.loads(out)["cases"]}


def test_every_complete_exchange_is_checked_and_every_other_case_says_why_not(
    shown: tuple[int, dict[str, Any]],
) -> None:
    every = [case["id"] for case in json.loads(REAL_TRAFFIC.read_text(encoding="utf-8"))["cases"]]
    _, cases = shown
    assert sorted(cases) == sorted(set(every) - set(NOT_COMPLETE))
    assert set(NOT_COMPLETE) <= set(every)


def test_each_case_answers_as_recorded_except_the_mocks_listed_choices(
    shown: tuple[int, dict[str, Any]],
) -> None:
    code, cases = shown
    counted = {
        case: [
            ((item["operation"], item["path"], item["kind"]), [entry["id"] for entry in item["ledger"]])
            for item in shown_case["differences"]
            if item["unrecorded"] is None
        ]
        for case, shown_case in cases.items()
    }
    assert {case: found for case, found in counted.items() if found} == COUNTED
    assert {case for case, shown_case in cases.items() if not shown_case["matched"]} == set(COUNTED)
    assert code == 1  # a listed choice still counts


def test_what_a_record_does_not_hold_is_shown_with_the_records_reason(
    shown: tuple[int, dict[str, Any]],
) -> None:
    _, cases = shown
    not_counted = {
        case: {
            (item["path"], item["kind"], item["unrecorded"])
            for item in shown_case["differences"]
            if item["unrecorded"] not in (None, HEADERS)
        }
        for case, shown_case in cases.items()
    }
    assert {case: found for case, found in not_counted.items() if found} == NOT_COUNTED
    headers = {
        item["path"]
        for case in cases.values()
        for item in case["differences"]
        if item["unrecorded"] == HEADERS
    }
    assert headers and all(path.startswith("headers.") for path in headers)


def test_the_table_shows_each_case_and_the_differences_that_count(cli: Cli) -> None:
    code, out, _ = cli("conformance", "check", "--evidence", str(REAL_TRAFFIC))
    assert code == 1
    assert out.startswith("19 complete exchanges of ")
    assert ": 18 as recorded." in out.replace("\n", " ")
    table, differences = out.split("The differences that count (--json lists every difference):\n")
    assert all(case in table for case in [*COUNTED, *NOT_COUNTED])
    rows = [line.split("│")[0].strip() for line in differences.splitlines() if "│" in line]
    assert rows[0] == "ballerina-limits-list-all" and set(rows[1:]) == {""}  # one difference, folded
    assert "  ballerina-limits-list-all body.results[]: limits.read.only-set (choice): " in differences


def _case(case_id: str) -> EvidenceCase:
    (case,) = [
        case
        for case in evidence_cases(json.loads(REAL_TRAFFIC.read_text(encoding="utf-8")))
        if case.id == case_id
    ]
    return case


def _counted(case_id: str, tmp_path: Path, **config: Any) -> list[tuple[str, str, str]]:
    """The keys of the differences that count, checking one case against a mock so configured."""
    case = _case(case_id)
    seed = tmp_path / "given.json"
    seed.write_text(json.dumps(case.given), encoding="utf-8")
    with running_mock(MockConfig(seed_file=str(seed), **config)) as mock:
        target = Target(mock.base_url, "pat-na1-evidence", case.recording.origin.api_prefix)
        return [item.key for item in check(case.recording, target).counted]


@pytest.mark.parametrize(
    ("config", "key"),
    [
        pytest.param(
            {"item_error_messages": {"UNKNOWN_ASSOCIATION_TYPE": "no type {type}"}},
            ("updateLimits", "body.errors[].message", "value"),
            id="other words than HubSpot's",
        ),
        pytest.param(
            {"refuse_invalid_types": True}, ("updateLimits", "body.status", "value"), id="a 400 for a batch"
        ),
    ],
)
def test_a_mock_that_answers_otherwise_than_the_record_is_caught(
    config: dict[str, Any], key: tuple[str, str, str], tmp_path: Path
) -> None:
    assert _counted("ballerina-limits-update-invalid-type", tmp_path) == []
    assert key in _counted("ballerina-limits-update-invalid-type", tmp_path, **config)


def test_a_recording_made_from_evidence_keeps_what_it_lacks_in_its_file(tmp_path: Path) -> None:
    recording = _case("ballerina-limits-purge-invalid-type-live").recording
    assert load(save(recording, tmp_path)) == recording
    gaps = json.loads((tmp_path / "recording.json").read_text(encoding="utf-8"))["exchanges"][0]["response"]
    assert [gap["path"] for gap in gaps["unrecorded"]] == ["status", "body*", "headers.*"]


PATH = "/crm/v4/associations/contacts/deals/labels"


def _record(kind: str = "response", **fields: Any) -> dict[str, Any]:
    """An evidence case as evidence/README.md describes it (a GET of a pair's labels, answered 200)."""
    replay = fields.pop("replay", {"path": PATH})
    return {
        "id": "a-case",
        "operation": "listLabels",
        "basis": "live",
        "kind": kind,
        "method": "GET",
        "path": PATH,
        "status": 200,
        "headers": {},
        "body": {"results": []},
        "source": "a test",
        "confidence": "made up",
        "notes": "",
        "replay": replay,
        **fields,
    }


@pytest.mark.parametrize(
    ("cases", "expected"),
    [
        pytest.param([_record()], [("a-case", 200, ["headers.*"])], id="a GET whose replay gives the path"),
        pytest.param(
            [_record(headers={"Content-Type": "application/json"})],
            [("a-case", 200, [])],
            id="headers recorded",
        ),
        pytest.param([_record(replay={})], [], id="no request: no path"),
        pytest.param([_record(method="POST", body=None)], [], id="a POST whose body nobody recorded"),
        pytest.param(
            [
                _record(
                    "request", id="a-request", exchange="x", method="POST", body={"label": "L"}, status=None
                ),
                _record(
                    id="an-answer", exchange="x", method="POST", replay={"serve_status": 200}, status=None
                ),
            ],
            [("an-answer", 200, ["status", "headers.*"])],
            id="a request and its answer, without a status",
        ),
        pytest.param([_record(status=None, replay={"path": PATH})], [], id="no status at all"),
        pytest.param(
            [_record(kind="error", status=400, body="Nope", replay={"path": PATH, "body_is_message": True})],
            [("a-case", 400, ["body.*", "headers.*"])],
            id="only HubSpot's message",
        ),
        pytest.param(
            [_record(body={"typeId": 1}, replay={"path": PATH, "wrap": "results"})],
            [("a-case", 200, ["body.results[]", "headers.*"])],
            id="one entry of a list",
        ),
        pytest.param(
            [_record(kind="error", status=400, body=None)],
            [("a-case", 400, ["body*", "headers.*"])],
            id="no body",
        ),
        pytest.param([_record(basis="docs")], [("a-case", 200, ["headers.*", "body*"])], id="a docs example"),
        pytest.param(
            [_record(replay={"path": PATH, "unrecorded": [{"path": "body.results[]", "why": "trimmed"}]})],
            [("a-case", 200, ["headers.*", "body.results[]"])],
            id="what the notes say it lacks",
        ),
        pytest.param([_record(replay={"path": PATH, "mock": False})], [], id="not for the mock"),
    ],
)
def test_a_case_is_checked_when_it_is_a_complete_exchange_and_says_what_it_lacks(
    cases: list[dict[str, Any]], expected: list[tuple[str, int, list[str]]]
) -> None:
    found = [
        (
            case.id,
            case.recording.exchanges[0].response.status,
            [g.path for g in case.recording.exchanges[0].response.unrecorded],
        )
        for case in evidence_cases({"cases": cases})
    ]
    assert found == expected
