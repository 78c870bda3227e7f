"""Applying: order-dependent limits settle in a second round, lost answers are confirmed by reading back,
and progress shows only on a terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from cli_support import DEMO_LIMITS, Cli, limits_of
from hubspot_association_limits.cli._apply import (
    ApplyReport,
    ItemOutcome,
    confirm_by_reading_back,
    progress_on_terminal,
)
from hubspot_association_limits.cli._plan import Action, PairPlan, Plan, PlanItem
from hubspot_association_limits.mock import MockServer
from rich.console import Console

PAIR = ("0-3", "0-1")


def test_lowering_the_pair_limit_below_a_label_settles_in_a_second_round(
    cli: Cli, mock: MockServer, tmp_path: Path
) -> None:
    # In file order the pair's limit 3 goes 10 -> 1 first, which HubSpot refuses while label 101 is at 2;
    # once 101 is at 1, the second round applies it.
    path = tmp_path / "lower.yaml"
    path.write_text(
        "limits:\n  - from: deals\n    to: contacts\n    associations:\n"
        "      - {category: HUBSPOT_DEFINED, typeId: 3, max: 1}\n"
        "      - {category: USER_DEFINED, typeId: 101, max: 1}\n"
    )
    result = cli("--json", "apply", str(path), "--yes")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["result"]["applied"] == 2
    assert limits_of(mock) == {
        ("0-3", "0-1", "HUBSPOT_DEFINED", 3): 1,
        ("0-3", "0-1", "USER_DEFINED", 101): 1,
    }


def test_an_impossible_file_stops_after_the_rounds_and_says_why(
    cli: Cli, mock: MockServer, tmp_path: Path
) -> None:
    # Impossible only in this portal, so no offline check sees it: its label limit (101: 2) is above 1.
    path = tmp_path / "impossible.yaml"
    path.write_text(
        "limits:\n  - from: deals\n    to: contacts\n    associations:\n"
        "      - {category: HUBSPOT_DEFINED, typeId: 3, max: 1}\n"
    )
    result = cli("apply", str(path), "--yes")
    assert result.exit_code == 1
    assert "NOT applied" in result.stdout
    assert "between 2 and 10000" in result.stdout  # HubSpot's message names the valid range
    assert limits_of(mock) == DEMO_LIMITS


def _item(type_id: int, action: Action = Action.UPDATE) -> PlanItem:
    return PlanItem(action, "HUBSPOT_DEFINED", type_id, None, 1, 2)


@pytest.mark.parametrize(
    ("applied_by_call", "still_pending", "applied_after"),
    [
        ({3: False}, set(), {3: True}),  # answer lost, portal shows it: applied
        ({3: False}, {3}, {3: False}),  # the portal still differs: not applied
        ({3: True, 4: False}, {4}, {3: True, 4: False}),
        ({3: True}, {3}, {3: True}),  # applied then changed by someone else: still counted as applied
    ],
)
def test_confirm_by_reading_back(
    applied_by_call: dict[int, bool], still_pending: set[int], applied_after: dict[int, bool]
) -> None:
    report = ApplyReport(
        tuple(
            ItemOutcome(PAIR, _item(t), ok, None if ok else "HTTP 502") for t, ok in applied_by_call.items()
        )
    )
    replan = Plan(
        (
            PairPlan(
                *PAIR,
                tuple(
                    _item(t) if t in still_pending else _item(t, Action.UNCHANGED) for t in applied_by_call
                ),
            ),
        )
    )
    confirmed = confirm_by_reading_back(report, replan)
    assert {o.item.type_id: o.applied for o in confirmed.outcomes} == applied_after


@pytest.mark.parametrize(("terminal", "shown"), [(True, True), (False, False)])
def test_progress_only_on_a_terminal(terminal: bool, shown: bool) -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=terminal, width=80)
    with progress_on_terminal(3, console) as advance:
        advance(2)
        advance(1)
    assert ("3/3" in stream.getvalue()) is shown
