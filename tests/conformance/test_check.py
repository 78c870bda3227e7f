"""``conformance check``: the mock passes against its own recording, and every change to an answer is
reported, with the same key whatever the order of a list or the portal's typeIds."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from hubspot_association_limits.conformance import Recording, Target, check
from hubspot_association_limits.conformance._recording import from_json, to_json
from hubspot_association_limits.mock import MockConfig, MockServer, running_mock

from ._support import OTHER_PORTAL_SEED, TOKEN, Change, Cli, Wire, append_at, drop_at, edit, set_at


def _keys(
    recording: Recording, mock: MockServer, transport: httpx.BaseTransport | None = None
) -> set[tuple[str, ...]]:
    report = check(recording, Target(mock.base_url, TOKEN, transport=transport))
    assert report.cleanup.clean
    return {(d.step, *d.key) for d in report.differences}


def test_record_then_check_the_mock_against_its_own_recording_finds_nothing(
    fresh: MockServer, cli: Cli, tmp_path: Path
) -> None:
    code, _, err = cli.record(fresh, tmp_path, "--test-portal")
    assert code == 0, err
    code, out, err = cli("conformance", "check", str(tmp_path))  # a fresh embedded mock
    assert (code, err) == (0, "")
    assert out.startswith("No differences: the embedded mock answered all 23 requests of ")


def test_a_recording_from_one_portal_checks_against_another_numbering_its_labels_differently(
    recording: Recording,
) -> None:
    with running_mock(MockConfig(seed_file=str(OTHER_PORTAL_SEED))) as other:
        report = check(recording, Target(other.base_url, TOKEN))
        own = [label for label in other.state()["labels"] if label["typeId"] >= 500]
    assert report.differences == ()
    assert own == []  # its labels were numbered from 500, and are gone again


def _reversed_lists(request: httpx.Request, response: httpx.Response) -> httpx.Response:
    if not response.headers.get("content-type", "").startswith("application/json"):
        return response
    body = response.json()
    if isinstance(body.get("results"), list):
        body["results"].reverse()
    return httpx.Response(response.status_code, headers=response.headers, json=body)


def test_a_server_that_answers_lists_in_another_order_has_no_differences(
    recording: Recording, fresh: MockServer
) -> None:
    assert _keys(recording, fresh, Wire(alter=_reversed_lists)) == set()


# A recording edited as HubSpot might have answered: each edit must come out as exactly one difference,
# with its key; where the mock follows a choice or an inference of its fidelity ledger, with the ledger's
# entry (it still counts), elsewhere with none.
EDITS = [
    pytest.param(
        "refuse-unknown-object",
        set_at("response/json/message", "Unable to infer object type from nosuchobject{$run}"),
        ("getLimits", "body.message", "value"),
        set(),
        id="another wording",
    ),
    pytest.param(
        "refuse-invalid-type",
        set_at("response/status", 400),
        ("createLimits", "status", "status"),
        {"limits.batch.all-failed.status"},
        id="400 not 207",
    ),
    pytest.param(
        "create-paired-label",
        set_at("response/status", 201),
        ("createLabel", "status", "status"),
        set(),
        id="201 not 200",
    ),
    pytest.param(
        "read-all",
        drop_at("response/headers/x-hubspot-ratelimit-max"),
        ("listAllLimits", "headers.x-hubspot-ratelimit-max", "unexpected"),
        set(),
        id="a header HubSpot did not send",
    ),
    pytest.param(
        "refuse-duplicate-name",
        set_at("response/headers/retry-after", "1"),
        ("createLabel", "headers.retry-after", "missing"),
        set(),
        id="a header HubSpot sent",
    ),
    pytest.param(
        "refuse-invalid-type",
        set_at("response/json/errors/0/subCategory", "crm.associations.UNKNOWN_TYPE"),
        ("createLimits", "body.errors[].subCategory", "value"),
        set(),
        id="another subCategory",
    ),
    pytest.param(
        "refuse-invalid-type",
        set_at("response/json/status", "COMPLETE"),
        ("createLimits", "body.status", "value"),
        set(),
        id="a COMPLETE batch, not CANCELED",
    ),
    pytest.param(
        "refuse-duplicate-name",
        set_at("response/json/category", "CONFLICT"),
        ("createLabel", "body.category", "value"),
        set(),
        id="another category",
    ),
    pytest.param(
        "refuse-invalid-type",
        drop_at("response/json/errors/0/context"),
        ("createLimits", "body.errors[].context", "unexpected"),
        set(),
        id="a key HubSpot does not send",
    ),
    pytest.param(
        "list-labels",
        set_at("response/json/results/1/label", ""),
        ("listLabels", "body.results[].label", "type"),
        set(),
        id="a string where null",
    ),
    pytest.param(
        "list-labels",
        append_at("response/json/results", {"category": "HUBSPOT_DEFINED", "typeId": 9999, "label": None}),
        ("listLabels", "body.results[]", "missing"),
        set(),
        id="a type the mock lacks",
    ),
    pytest.param(
        "create-limits",
        set_at("response/json/results/0/userEnforcedMaxToObjectIds", 20),
        ("createLimits", "body.results[].userEnforcedMaxToObjectIds", "value"),
        set(),
        id="another stored limit",
    ),
    pytest.param(
        "refuse-malformed-body",
        set_at("response/text", "Bad Request"),
        ("createLimits", "body", "body"),
        set(),
        id="text instead of JSON",
    ),
    pytest.param(
        "refuse-out-of-range",
        set_at("response/json/errors/0/message", "limit must be at most 10000"),
        ("updateLimits", "body.errors[].message", "value"),
        {"item-error.out-of-range"},
        id="HubSpot's words for a limit out of range",
    ),
    pytest.param(
        "refuse-out-of-range",
        set_at("response/json/errors/0/subCategory", "crm.associations.RANGE"),
        ("updateLimits", "body.errors[].subCategory", "missing"),
        {"item-error.sub-category.unknown"},
        id="a subCategory for a limit out of range",
    ),
    pytest.param(
        "refuse-unknown-object",
        drop_at("response/json/category"),
        ("getLimits", "body.category", "unexpected"),
        {"object-types.unknown.body"},
        id="no category for an unknown object type",
    ),
    pytest.param(
        "refuse-malformed-body",
        set_at("response/json/message", "Invalid JSON"),
        ("createLimits", "body.message", "value"),
        {"validation.json"},
        id="HubSpot's words for bad JSON",
    ),
    pytest.param(
        "refuse-duplicate-name",
        set_at("response/status", 409),
        ("createLabel", "status", "status"),
        {"labels.duplicates"},
        id="a 409 for a duplicate label",
    ),
    pytest.param(
        "refuse-unlabelled-pair",
        set_at("response/json/message", "Labels are not allowed"),
        ("createLabel", "body.message", "value"),
        {"labels.refusal.words"},
        id="HubSpot's words for a label refused",
    ),
    pytest.param(
        "read-all",
        drop_at("response/headers/x-hubspot-ratelimit-daily"),
        ("listAllLimits", "headers.x-hubspot-ratelimit-daily", "unexpected"),
        {"headers.daily-always"},
        id="no daily header",
    ),
    pytest.param(
        "list-inverse-after",
        append_at(
            "response/json/results",
            {"category": "USER_DEFINED", "typeId": "$label.inverse", "label": "Conformance {$run} inverse"},
        ),
        ("listLabels", "body.results[]", "missing"),
        {"labels.delete.both-directions"},
        id="a delete that leaves the inverse",
    ),
]


@pytest.mark.parametrize(("step", "change", "key", "ledger"), EDITS)
def test_each_change_to_a_recorded_answer_is_reported_once_with_its_key_and_the_ledgers_choice(
    recording: Recording,
    fresh: MockServer,
    step: str,
    change: Change,
    key: tuple[str, str, str],
    ledger: set[str],
) -> None:
    document = edit(to_json(recording), step, change)
    if key[1:] == ("body", "body"):
        document = edit(document, step, drop_at("response/json"))
    report = check(from_json(document), Target(fresh.base_url, TOKEN))
    assert [(d.step, d.key, {entry.id for entry in d.ledger}) for d in report.differences] == [
        (step, key, ledger)
    ]
    assert report.cleanup.clean and not report.ok


def test_a_paired_labels_answer_in_the_other_order_is_no_difference(
    recording: Recording, fresh: MockServer
) -> None:
    document = edit(
        to_json(recording), "create-paired-label", lambda e: e["response"]["json"]["results"].reverse()
    )
    assert _keys(from_json(document), fresh) == set()


def test_a_role_the_server_does_not_assign_is_reported_and_what_needs_it_is_not_sent(
    recording: Recording, fresh: MockServer
) -> None:
    document = edit(
        to_json(recording), "list-labels", set_at("binds/$single.forward/label", "Conformance {$run} other")
    )
    keys = _keys(from_json(document), fresh)
    assert ("list-labels", "listLabels", "body.results[]", "binding") in keys
    not_sent = {step for step, _, path, kind in keys if kind == "not-sent"}
    assert not_sent == {"create-limits", "purge-limits", "delete-single-label"}


def _without_header(name: str) -> Callable[[httpx.Request, httpx.Response], httpx.Response]:
    def alter(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != name]
        return httpx.Response(response.status_code, headers=headers, content=response.content)

    return alter


def test_a_server_that_drops_a_header_is_reported_at_every_answer(
    recording: Recording, fresh: MockServer
) -> None:
    keys = _keys(recording, fresh, Wire(alter=_without_header("x-hubspot-ratelimit-remaining")))
    assert {(step, kind) for step, _, _, kind in keys} == {
        (e.step.id, "missing") for e in recording.exchanges
    }


def test_check_json_lists_each_difference_and_exits_1(recording: Recording, cli: Cli, tmp_path: Path) -> None:
    document = edit(to_json(recording), "create-paired-label", set_at("response/status", 201))
    (tmp_path / "recording.json").write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = cli("conformance", "check", str(tmp_path), "--json")
    assert code == 1
    shown = json.loads(out)
    assert (shown["exchanges"], shown["origin"]["server"], shown["server"]) == (
        23,
        "mock",
        "the embedded mock",
    )
    assert shown["differences"] == [
        {
            "step": "create-paired-label",
            "operation": "createLabel",
            "path": "status",
            "kind": "status",
            "recorded": 201,
            "answered": 200,
            "ledger": [],
            "unrecorded": None,
        }
    ]


def test_check_prints_a_table_of_differences(recording: Recording, cli: Cli, tmp_path: Path) -> None:
    document = edit(to_json(recording), "refuse-invalid-type", set_at("response/status", 400))
    (tmp_path / "recording.json").write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = cli("conformance", "check", str(tmp_path))
    assert code == 1
    header, table = out.split("\n", 1)
    assert header.startswith("1 difference(s) (1 where the mock follows a choice or an inference its ledger ")
    lines = table.splitlines()
    assert lines[2].replace("│", " ").split() == [
        "refuse-invalid-type",
        "status",
        "status",
        "400",
        "207",
        "choice",
    ]
    assert lines[4] == (
        "  refuse-invalid-type status: limits.batch.all-failed.status (choice): "
        "A create or update whose every input failed answers 207 too (never 4xx)."
    )


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--base-url", "https://conformance.invalid"], "--test-portal"),
        (["--mock", "--base-url", "http://127.0.0.1:9"], "exclude each other"),
    ],
)
def test_check_refuses_what_it_must_not_do_before_sending_anything(
    recording: Recording, cli: Cli, tmp_path: Path, args: list[str], problem: str
) -> None:
    (tmp_path / "recording.json").write_text(json.dumps(to_json(recording)), encoding="utf-8")
    code, _, err = cli(*args, "--token", TOKEN, "conformance", "check", str(tmp_path))
    assert code == 2
    assert problem in err


def test_an_unsafe_recording_is_never_replayed_against_a_portal(
    recording: Recording, cli: Cli, tmp_path: Path
) -> None:
    document = edit(
        to_json(recording), "delete-paired-label", set_at("request/path", "/contacts/companies/labels/101")
    )
    (tmp_path / "recording.json").write_text(json.dumps(document), encoding="utf-8")
    code, _, err = cli(
        "--base-url",
        "https://conformance.invalid",
        "--token",
        TOKEN,
        "conformance",
        "check",
        str(tmp_path),
        "--test-portal",
    )
    assert code == 2
    assert "not replaying this recording" in err and "step delete-paired-label" in err


def test_a_file_that_is_not_a_recording_exits_2(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "recording.json").write_text('{"format": 2}', encoding="utf-8")
    code, _, err = cli("conformance", "check", str(tmp_path))
    assert code == 2
    assert "not a format-1 recording" in err


def test_without_the_mock_extra_check_names_the_install_command(recording: Recording, tmp_path: Path) -> None:
    (tmp_path / "recording.json").write_text(json.dumps(to_json(recording)), encoding="utf-8")
    code = (
        "import sys\nsys.modules['uvicorn'] = None\n"
        "from hubspot_association_limits.cli import main\n"
        f"main(['conformance', 'check', {str(tmp_path)!r}])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "check needs the [mock] extra: pip install 'hubspot-association-limits[mock]'" in done.stderr
