"""plan, plan --prune and --detailed-exitcode tell one story about the limits a file does not name.

Both plans read every limit of the portal: without --prune the plan counts exactly what --prune would
purge, in any pair; "matches the file" is said only when the portal holds nothing else.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import DEMO_FILE, REPO, TOKEN, Cli
from hubspot_association_limits import LimitsClient
from hubspot_association_limits.mock import MockServer

# The demo portal exactly: HUBSPOT_DEFINED 3 = 10 and "Decision maker" (USER_DEFINED 101) = 2.
WHOLE_PORTAL = DEMO_FILE
ONE_OF_TWO = "\n".join(line for line in DEMO_FILE.splitlines() if "Decision maker" not in line)
NOTHING = "limits: []\n"
MATCHES = "Nothing to do: the portal matches the file."


def _in_another_pair(mock: MockServer) -> None:
    with LimitsClient(TOKEN, base_url=mock.base_url) as client:
        client.create(
            "tickets", "companies", [{"category": "HUBSPOT_DEFINED", "typeId": 339, "maxToObjectIds": 3}]
        )


def _on_a_label_of_another_pair(mock: MockServer) -> None:
    # "Billing contact" is USER_DEFINED 103 of contacts -> companies in the demo portal.
    with LimitsClient(TOKEN, base_url=mock.base_url) as client:
        client.create(
            "contacts", "companies", [{"category": "USER_DEFINED", "typeId": 103, "maxToObjectIds": 1}]
        )


def _on_a_custom_object_label(mock: MockServer) -> None:
    # No pair in the file or the catalogue leads to it: the plan names it in a warning.
    with LimitsClient(TOKEN, base_url=mock.base_url) as client:
        client.create_label("2-77", "contacts", "Owner")
        # The answer's order is not promised (the mock answers the inverse first): read the pair.
        (owner,) = [t for t in client.labels("2-77", "contacts") if t.category == "USER_DEFINED"]
        client.create(
            "2-77", "contacts", [{"category": "USER_DEFINED", "typeId": owner.type_id, "maxToObjectIds": 2}]
        )


def _nothing(mock: MockServer) -> None:
    """The demo portal as seeded."""


BY_HAND: dict[str, Callable[[MockServer], None]] = {
    "none": _nothing,
    "in another pair": _in_another_pair,
    "on a label of another pair": _on_a_label_of_another_pair,
}


def _plan(cli: Cli, path: Path, *options: str) -> dict[str, object]:
    result = cli("--json", "plan", str(path), *options)
    assert result.exit_code == 0, result
    plan: dict[str, object] = json.loads(result.stdout)["plan"]
    return plan


@pytest.mark.parametrize("made_by_hand", list(BY_HAND))
@pytest.mark.parametrize(
    ("file", "named"),
    [(WHOLE_PORTAL, 2), (ONE_OF_TWO, 1), (NOTHING, 0)],
    ids=["whole", "one-of-two", "empty"],
)
def test_plan_counts_every_limit_prune_would_purge(
    cli: Cli, mock: MockServer, tmp_path: Path, made_by_hand: str, file: str, named: int
) -> None:
    BY_HAND[made_by_hand](mock)
    path = tmp_path / "limits.yaml"
    path.write_text(file)
    kept, pruned = _plan(cli, path), _plan(cli, path, "--prune")
    purges = [item for pair in pruned["pairs"] for item in pair["items"] if item["action"] == "purge"]
    expected = len(mock.state()["limits"]) - named
    assert (kept["unmanaged"], len(purges), pruned["unmanaged"]) == (expected, expected, 0)
    assert kept["matches"] is (expected == 0)
    shown = cli("plan", str(path)).stdout
    assert (MATCHES in shown) is (expected == 0)
    assert (f"{expected} limit(s) in the portal are not in the file" in shown) is (expected > 0)


@pytest.mark.parametrize(
    ("file", "made_by_hand", "options", "code"),
    [
        pytest.param(WHOLE_PORTAL, _nothing, [], 0, id="the portal is the file: 0"),
        pytest.param(ONE_OF_TWO, _nothing, [], 0, id="a limit the file does not name, kept: 0"),
        pytest.param(ONE_OF_TWO, _nothing, ["--prune"], 3, id="a limit the file does not name, pruned: 3"),
        pytest.param(WHOLE_PORTAL, _in_another_pair, [], 0, id="one in another pair, kept: 0"),
        pytest.param(WHOLE_PORTAL, _in_another_pair, ["--prune"], 3, id="one in another pair, pruned: 3"),
        pytest.param(WHOLE_PORTAL, _on_a_custom_object_label, [], 0, id="one whose pair is unknown, kept: 0"),
        pytest.param(
            WHOLE_PORTAL, _on_a_custom_object_label, ["--prune"], 3, id="one whose pair is unknown, pruned: 3"
        ),
    ],
)
def test_detailed_exitcode_for_limits_the_file_does_not_name(
    cli: Cli,
    mock: MockServer,
    tmp_path: Path,
    file: str,
    made_by_hand: Callable[[MockServer], None],
    options: list[str],
    code: int,
) -> None:
    made_by_hand(mock)
    path = tmp_path / "limits.yaml"
    path.write_text(file)
    result = cli("plan", str(path), "--detailed-exitcode", *options)
    assert result.exit_code == code, result


def _readme_drift_command() -> list[str]:
    """The arguments of the nightly job's plan command in README.md."""
    readme = (REPO / "README.md").read_text()
    (command,) = re.findall(r"- run: hubspot-association-limits (plan .*)", readme)
    return shlex.split(command)


@pytest.mark.parametrize(
    "made_by_hand",
    [_in_another_pair, _on_a_label_of_another_pair, _on_a_custom_object_label],
    ids=["in another pair", "on a label of another pair", "on a custom object's label"],
)
def test_the_readme_nightly_job_catches_a_limit_made_by_hand_in_any_pair(
    cli: Cli, mock: MockServer, tmp_path: Path, made_by_hand: Callable[[MockServer], None]
) -> None:
    (tmp_path / "limits.yaml").write_text(WHOLE_PORTAL)
    argv = [str(tmp_path / arg) if arg == "limits.yaml" else arg for arg in _readme_drift_command()]
    assert cli(*argv).exit_code == 0
    made_by_hand(mock)
    assert cli(*argv).exit_code == 3


def _with_labels(labels: str) -> str:
    return WHOLE_PORTAL.replace("    associations:", f"    labels: {labels}\n    associations:")


LABELS_ONLY = [
    pytest.param(
        _with_labels("[{label: Decision maker}, {label: Budget holder}, {label: Champion}]"),
        [],
        ("0-3", "0-1", "Champion"),
        True,
        id="a label to create",
    ),
    pytest.param(
        _with_labels("[{label: Decision maker}]"),
        ["--prune-labels"],
        ("0-3", "0-1", "Budget holder"),
        False,
        id="a label to delete",
    ),
]


def _labels(mock: MockServer) -> set[tuple[str, str, str]]:
    return {(item["fromObjectType"], item["toObjectType"], item["label"]) for item in mock.state()["labels"]}


@pytest.mark.parametrize(("file", "options", "label", "created"), LABELS_ONLY)
def test_a_plan_whose_only_changes_are_labels_is_pending_and_applied(
    cli: Cli,
    mock: MockServer,
    tmp_path: Path,
    file: str,
    options: list[str],
    label: tuple[str, str, str],
    created: bool,
) -> None:
    path = tmp_path / "limits.yaml"
    path.write_text(file)
    planned = cli("plan", str(path), "--detailed-exitcode", *options)
    assert planned.exit_code == 3, planned
    assert "Nothing to" not in planned.stdout
    counts = "1 to create, 0 to delete" if created else "0 to create, 1 to delete"
    assert f"labels: {counts}." in planned.stdout

    applied = cli("apply", str(path), "--yes", *options)
    assert applied.exit_code == 0, applied
    before_applying, _, replan = applied.stdout.partition("Re-plan")
    assert "Nothing to" not in before_applying
    assert "Applied 1 of 1 change(s)." in before_applying
    assert MATCHES in replan
    assert (label in _labels(mock)) is created
