"""The project checks itself: a mock changed through its configuration (another wording, a 400 instead
of a 207, a missing header) against the scenario recorded from the default mock. Each change must be
reported at the step it touches, with its key, and nothing else."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hubspot_association_limits.conformance import CheckReport, Difference, Recording, Target, check, save
from hubspot_association_limits.mock import MockServer

from ._support import TOKEN, Cli

DAILY = ("headers.x-hubspot-ratelimit-daily", "headers.x-hubspot-ratelimit-daily-remaining")
Expected = Callable[[Recording, tuple[Difference, ...]], None]


def _reworded(recording: Recording, differences: tuple[Difference, ...]) -> None:
    (only,) = differences
    assert (only.step, only.key) == (
        "refuse-invalid-type",
        ("createLimits", "body.errors[].message", "value"),
    )
    assert only.answered == "0--1 is no type from CONTACT to COMPANY"
    assert [entry.id for entry in only.ledger] == ["item-error.configured-words"]


def _refused(recording: Recording, differences: tuple[Difference, ...]) -> None:
    # The whole answer changes (an error body for a batch body), at that step alone.
    assert {item.step for item in differences} == {"refuse-invalid-type"}
    status = [item for item in differences if item.key == ("createLimits", "status", "status")]
    assert [(item.recorded, item.answered) for item in status] == [(207, 400)]
    assert {("body.message", "unexpected"), ("body.status", "value")} <= {
        (d.path, d.kind) for d in differences
    }
    assert {entry.id for item in differences for entry in item.ledger} == {
        "limits.batch.invalid-type.refused"
    }


def _no_daily_headers(recording: Recording, differences: tuple[Difference, ...]) -> None:
    # Every answer lacks both daily headers; nothing else differs.
    expected = {(exchange.step.id, path, "missing") for exchange in recording.exchanges for path in DAILY}
    assert {(item.step, item.path, item.kind) for item in differences} == expected
    assert len(differences) == len(expected)


CHANGES = [
    pytest.param(
        {
            "item_error_messages": {
                "UNKNOWN_ASSOCIATION_TYPE": "{type} is no type from {fromObjectType} to {toObjectType}"
            }
        },
        _reworded,
        id="another wording",
    ),
    pytest.param({"refuse_invalid_types": True}, _refused, id="a 400 instead of a 207"),
    pytest.param({"daily_rate_limit_headers": False}, _no_daily_headers, id="a missing header"),
]


def _check(recording: Recording, mock: MockServer, **change: Any) -> CheckReport:
    mock.configure(**change)  # PATCH /_mock/config, as any user can
    return check(recording, Target(mock.base_url, TOKEN))


@pytest.mark.parametrize(("change", "expected"), CHANGES)
def test_each_change_of_the_mock_is_reported_where_it_shows_and_nothing_else(
    recording: Recording, fresh: MockServer, change: dict[str, Any], expected: Expected
) -> None:
    assert _check(recording, fresh).differences == ()  # the mock as recorded
    report = _check(recording, fresh, **change)
    assert report.cleanup.clean and not report.ok
    expected(recording, report.differences)


def test_the_command_reports_a_changed_mock_and_exits_1(
    recording: Recording, fresh: MockServer, cli: Cli, tmp_path: Path
) -> None:
    save(recording, tmp_path)
    fresh.configure(refuse_invalid_types=True)
    code, out, _ = cli("--base-url", fresh.base_url, "--token", TOKEN, "conformance", "check", str(tmp_path))
    assert code == 1
    # Every difference is the configured choice; the line under the table names it.
    assert re.match(r"(\d+) difference\(s\) \(\1 where the mock follows a choice or an inference", out)
    assert "\n  refuse-invalid-type (16 places): limits.batch.invalid-type.refused (choice): " in out
