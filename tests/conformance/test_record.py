"""``conformance record`` is safe on a real portal: it asks first, shows every request first, writes only
what it creates, and removes it on every way out. Run against a mock portal that has things of its own."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hubspot_association_limits.conformance import Aborted, Target, record, scenario
from hubspot_association_limits.mock import MockServer

from ._support import TOKEN, Cli, CountingBudget, Notes, Wire, portal_of

STEPS = scenario()
WRITES = [index for index, step in enumerate(STEPS, 1) if step.request.method != "GET"]


def _record(mock: MockServer, **options: Any) -> Any:
    return record(Target(mock.base_url, TOKEN, **options.pop("target", {})), **options)


def test_without_test_portal_it_refuses_and_sends_nothing(
    portal: MockServer, cli: Cli, tmp_path: Path
) -> None:
    code, _, err = cli.record(portal, tmp_path / "recording")
    assert (code, portal.state()["stats"]["requests"]) == (2, 0)
    assert "--test-portal" in err
    assert not (tmp_path / "recording").exists()


@pytest.mark.parametrize(
    ("option", "problem"),
    [
        ("--pair=deals:line_items", "may have labels"),
        ("--pair=contacts:contacts", "two different object types"),
        ("--pair=contacts", "FROM:TO"),
    ],
)
def test_a_pair_the_scenario_cannot_use_is_refused_before_anything_is_sent(
    portal: MockServer, cli: Cli, tmp_path: Path, option: str, problem: str
) -> None:
    code, _, err = cli.record(portal, tmp_path / "recording", "--test-portal", option)
    assert (code, portal.state()["stats"]["requests"]) == (2, 0)
    assert problem in err


def test_an_existing_recording_is_never_overwritten(portal: MockServer, cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "recording.json").write_text("{}", encoding="utf-8")
    code, _, err = cli.record(portal, tmp_path, "--test-portal")
    assert (code, portal.state()["stats"]["requests"]) == (2, 0)
    assert "exists" in err
    assert (tmp_path / "recording.json").read_text(encoding="utf-8") == "{}"


def _plan_patterns(lines: list[str]) -> list[tuple[str, re.Pattern[str]]]:
    requests = [re.match(r"\s*\d+\. (\w+)\s+(\S+)", line) for line in lines]
    return [
        (found[1], re.compile(re.sub(r"\\\{\\\$[\w.\\]+\\\}", r"[0-9]+", re.escape(found[2]))))
        for found in requests
        if found
    ]


def test_every_request_is_shown_before_the_first_is_sent_and_nothing_else_is_sent(portal: MockServer) -> None:
    log: list[Any] = []
    _record(portal, target={"transport": Wire(log)}, listener=Notes(log))
    (first, plan), *after = log
    assert first == "planned"
    assert "planned" not in [entry[0] for entry in after]
    sent = [(entry[1], entry[2]) for entry in after if entry[0] == "sent"]
    patterns = _plan_patterns(plan)
    assert len(patterns) == len(STEPS)
    for (method, path), (planned_method, planned_path) in zip(sent[: len(STEPS)], patterns, strict=True):
        assert method == planned_method
        assert planned_path.fullmatch(path), (path, planned_path.pattern)
    # After the scenario, cleaning up only reads the labels of the pair, both ways (nothing is left).
    assert sent[len(STEPS) :] == [
        ("GET", "/crm/associations/v4/contacts/companies/labels"),
        ("GET", "/crm/associations/v4/companies/contacts/labels"),
    ]


def _own(state: dict[str, Any], run: str) -> dict[str, Any]:
    labels = [label for label in state["labels"] if run in (label["label"] or "")]
    ids = {label["typeId"] for label in labels}
    return {"labels": labels, "limits": [limit for limit in state["limits"] if limit["typeId"] in ids]}


def test_the_portals_own_labels_and_limits_are_left_as_they_were(portal: MockServer) -> None:
    before = portal_of(portal)
    during: dict[str, Any] = {}
    notes = Notes(on_answer=lambda step: during.setdefault(step.id, portal_of(portal)))
    _record(portal, listener=notes, run_id="rtest0001")
    assert portal_of(portal) == before
    # It did create its own things meanwhile: two labels (both ways) and two limits on them.
    own = _own(during["read-pair"], "rtest0001")
    assert (len(own["labels"]), len(own["limits"])) == (4, 2)
    # ...and nothing else changed meanwhile.
    others = {key: [item for item in during["read-pair"][key] if item not in own[key]] for key in own}
    assert others == before


def test_every_write_names_only_the_runs_own_labels(portal: MockServer) -> None:
    wire = Wire()
    _record(portal, target={"transport": wire}, run_id="rtest0002")
    created = [
        item["typeId"]
        for method, path, _, answer in wire.sent()
        if method == "POST" and path.endswith("/labels") and answer.status_code == 200
        for item in answer.json()["results"]
    ]
    assert len(created) == 4
    for method, path, body, _ in wire.sent():
        if method == "GET":
            continue
        text = body.decode()
        named = {int(n) for n in re.findall(r'"(?:typeId|associationTypeId)": (-?\d+)', text)}
        named |= {int(n) for n in re.findall(r"/labels/(\d+)$", path)}
        assert named <= {*created, -1}, (method, path, text)
        if path.endswith("/labels"):
            assert all(
                "rtest0002" in json.loads(body)[key]
                for key in ("label", "inverseLabel", "name")
                if key in json.loads(body)
            )


def test_the_requests_hubspot_must_refuse_change_nothing(portal: MockServer) -> None:
    snapshots: dict[str, Any] = {}
    _record(portal, listener=Notes(on_answer=lambda step: snapshots.__setitem__(step.id, portal_of(portal))))
    ids = [step.id for step in STEPS]
    refusals = [step.id for step in STEPS if step.expect == "refusal"]
    changed = [step for step in refusals if snapshots[step] != snapshots[ids[ids.index(step) - 1]]]
    assert (len(refusals), changed) == (6, [])


@pytest.mark.parametrize("lost", WRITES, ids=[STEPS[index - 1].id for index in WRITES])
def test_a_lost_answer_never_leaves_anything_the_run_created(portal: MockServer, lost: int) -> None:
    # The server acted but the answer was lost. A POST is not resent (a label create would repeat),
    # so the run stops; the library resends a PUT or DELETE, and a delete that already happened
    # then answers 404, which stops the run too. Every way, the portal ends as it began.
    before = portal_of(portal)
    notes = Notes()
    step = STEPS[lost - 1]
    expected = {"POST": "no answer", "PUT": None, "DELETE": "was not done: HTTP 404"}[step.request.method]
    if expected is None:
        _record(portal, target={"transport": Wire(lose_answer_at=lost)}, listener=notes)
    else:
        with pytest.raises(Aborted, match=f"step {step.id}.*{expected}"):
            _record(portal, target={"transport": Wire(lose_answer_at=lost)}, listener=notes)
    assert notes.report is not None and notes.report.clean
    assert portal_of(portal) == before
    left_behind = expected is not None and 2 <= lost <= 20  # from the first label create to the first delete
    assert bool(notes.report.deleted) is left_behind


def test_a_refused_step_that_must_succeed_stops_the_run_and_says_why(
    portal: MockServer, cli: Cli, tmp_path: Path
) -> None:
    portal.configure(label_limit_per_pair=1)  # the portal's own label fills the pair
    code, _, err = cli.record(portal, tmp_path / "recording", "--test-portal")
    assert code == 1
    assert "step create-paired-label (create a paired label" in err
    assert "HTTP 400" in err and "Nothing recorded." in err
    assert "the run created nothing" in err
    assert not (tmp_path / "recording").exists()


def test_ctrl_c_mid_run_removes_what_the_run_created_and_says_so(portal: MockServer) -> None:
    before = portal_of(portal)

    def interrupt(step: Any) -> None:
        if step.id == "update-limit":
            raise KeyboardInterrupt

    notes = Notes(on_answer=interrupt)
    with pytest.raises(KeyboardInterrupt):
        _record(portal, listener=notes)
    assert notes.report is not None
    assert (len(notes.report.purged), len(notes.report.deleted), notes.report.left) == (2, 2, ())
    assert portal_of(portal) == before


def test_sigint_to_the_command_cleans_up_even_through_a_second_ctrl_c(
    portal: MockServer, tmp_path: Path
) -> None:
    before = portal_of(portal)
    portal.configure(latency_ms=100)  # slow enough to interrupt mid-run and mid-cleanup
    command = Path(sys.executable).parent / "hubspot-association-limits"
    args = ["--base-url", portal.base_url, "--token", TOKEN, "conformance", "record", "--test-portal"]
    with subprocess.Popen(
        [str(command), *args, "--out", str(tmp_path / "recording")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"},
    ) as process:
        assert process.stderr is not None
        seen = []
        for line in process.stderr:
            seen.append(line)
            if "3/23 create-single-label" in line:
                process.send_signal(signal.SIGINT)
            if line.startswith("Cleaning up"):
                process.send_signal(signal.SIGINT)  # a second Ctrl-C, while cleaning up
                break
        _, rest = process.communicate(timeout=60)
    err = "".join(seen) + rest
    portal.configure(latency_ms=0)
    assert process.returncode == 130, err
    assert "Ctrl-C: cleaning up first" in err
    assert "deleted 2 label(s)" in err and "Nothing the run created is left in the portal." in err
    assert "Interrupted: nothing recorded." in err
    assert portal_of(portal) == before
    assert not (tmp_path / "recording").exists()


def test_each_request_takes_a_slot_of_the_librarys_rate_budget(fresh: MockServer) -> None:
    budget, wire = CountingBudget(), Wire()
    _record(fresh, target={"budget": budget, "transport": wire})
    assert budget.acquired == len(wire.sent()) == len(budget.observed)
    assert {observation.max for observation in budget.observed} == {100}  # learned from the mock's headers


def test_the_global_budget_option_is_the_one_record_uses(
    portal: MockServer, cli: Cli, tmp_path: Path
) -> None:
    code, _, err = cli.record(portal, tmp_path / "recording", "--test-portal", "--budget", "memory://")
    assert (code, portal.state()["stats"]["requests"]) == (2, 0)
    assert "--budget takes a Redis URL" in err


def test_a_tight_rate_limit_is_waited_out_and_no_429_is_recorded(fresh: MockServer) -> None:
    fresh.configure(burst_limit=10, interval_ms=400)
    started = time.monotonic()
    recording = _record(fresh)
    assert time.monotonic() - started >= 0.8  # 25 requests, 10 per 0.4 s
    assert 429 not in {exchange.response.status for exchange in recording.exchanges}
