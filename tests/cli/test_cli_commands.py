"""Every command through the real typer app against the mock on a socket: output, --json, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import DEMO_LIMITS, EXAMPLE, EXAMPLE_LIMITS, TOKEN, Cli, closed_port, limits_of
from hubspot_association_limits.cli._desired import load_desired_state
from hubspot_association_limits.mock import MockServer


def test_get_shows_one_pair(cli: Cli) -> None:
    human = cli("get", "deals", "contacts")
    assert human.exit_code == 0, human
    assert "Decision maker" in human.stdout
    data = json.loads(cli("--json", "get", "deal", "0-1").stdout)
    assert (data["from"], data["to"]) == ("deals", "contacts")
    assert {(r["category"], r["typeId"], r["maxToObjectIds"]) for r in data["results"]} == {
        ("HUBSPOT_DEFINED", 3, 10),
        ("USER_DEFINED", 101, 2),
    }


def test_list_shows_every_limit(cli: Cli) -> None:
    result = cli("--json", "list")
    assert result.exit_code == 0, result
    assert sorted(r["typeId"] for r in json.loads(result.stdout)["results"]) == [3, 101]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["create", "deals", "contacts", "--category", "USER_DEFINED", "--type-id", "102", "--max", "1"],
            {**DEMO_LIMITS, ("0-3", "0-1", "USER_DEFINED", 102): 1},
        ),
        (
            [
                "create",
                "contacts",
                "companies",
                "--type-id",
                "279",
                "--type-id",
                "1",
                "--max",
                "4",
                "--max",
                "1",
            ],
            {
                **DEMO_LIMITS,
                ("0-1", "0-2", "HUBSPOT_DEFINED", 279): 4,
                ("0-1", "0-2", "HUBSPOT_DEFINED", 1): 1,
            },
        ),
        (
            ["update", "deals", "contacts", "--type-id", "3", "--max", "7"],
            {**DEMO_LIMITS, ("0-3", "0-1", "HUBSPOT_DEFINED", 3): 7},
        ),
        (
            ["purge", "deals", "contacts", "--category", "USER_DEFINED", "--type-id", "101"],
            {("0-3", "0-1", "HUBSPOT_DEFINED", 3): 10},
        ),
    ],
    ids=["create", "create two", "update", "purge"],
)
def test_single_operations_change_the_portal(
    cli: Cli, mock: MockServer, args: list[str], expected: dict
) -> None:
    result = cli("--json", *args)
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data.get("errors", []) == []
    assert limits_of(mock) == expected


def test_create_from_a_file_reports_each_item(cli: Cli, mock: MockServer) -> None:
    # The demo already has deals->contacts 3 and 101: those two fail (ALREADY_CONFIGURED), the rest apply.
    result = cli("--json", "create", "--file", str(EXAMPLE))
    assert result.exit_code == 1, result
    data = json.loads(result.stdout)
    assert sorted(e["typeId"] for e in data["errors"]) == [3, 101]
    assert len(data["created"]) == 4
    assert limits_of(mock) == {**EXAMPLE_LIMITS, ("0-3", "0-1", "HUBSPOT_DEFINED", 3): 10}


def test_item_error_is_an_api_failure(cli: Cli, mock: MockServer) -> None:
    result = cli(
        "create", "deals", "contacts", "--category", "USER_DEFINED", "--type-id", "999", "--max", "1"
    )
    assert result.exit_code == 1
    assert "not created: deals -> contacts USER_DEFINED 999" in result.stderr
    assert limits_of(mock) == DEMO_LIMITS


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_is_a_file_that_plans_nothing(cli: Cli, tmp_path: Path, fmt: str) -> None:
    cli("update", "deals", "contacts", "--type-id", "3", "--max", "4")
    exported = cli("export", "--format", fmt)
    assert exported.exit_code == 0, exported
    path = tmp_path / f"exported.{fmt}"
    path.write_text(exported.stdout)
    exported_limits = {(x.type_id, x.label, x.max_to_object_ids) for x in load_desired_state(path).limits}
    assert exported_limits == {(3, None, 4), (None, "Decision maker", 2)}  # the portal's label by label
    plan = json.loads(cli("--json", "plan", str(path), "--prune").stdout)["plan"]
    assert plan["summary"] == {"create": 0, "update": 0, "purge": 0, "unchanged": 2}


def test_export_reads_custom_pairs_only_when_named(cli: Cli, mock: MockServer, tmp_path: Path) -> None:
    # HubSpot's "read all" does not name pairs: a custom object's pair must be named, and the user is told so.
    seed = tmp_path / "seed.yaml"
    key = "fromObjectType: 2-77, toObjectType: contacts, category: USER_DEFINED, typeId: 150"
    seed.write_text(f"associationTypes: [{{{key}, label: Owner}}]\nlimits: [{{{key}, maxToObjectIds: 4}}]\n")
    mock.configure(seed_file=str(seed))
    unnamed = cli("export")
    assert unnamed.exit_code == 0, unnamed
    assert "2-77" not in unnamed.stdout
    assert "USER_DEFINED 150" in unnamed.stderr
    assert "--pair" in unnamed.stderr
    named = cli("export", "--pair", "2-77:contacts")
    assert "from: 2-77" in named.stdout
    assert "label: Owner" in named.stdout
    assert "warning" not in named.stderr


def test_plan_shows_changes_and_sends_nothing(cli: Cli, mock: MockServer) -> None:
    human = cli("plan", str(EXAMPLE))
    assert human.exit_code == 0, human
    assert "~ update    HUBSPOT_DEFINED 3: 10 -> 5" in human.stdout
    assert "+ create    USER_DEFINED 102" in human.stdout
    assert "Summary: 4 to create, 1 to update, 0 to purge, 1 unchanged." in human.stdout
    data = json.loads(cli("--json", "plan", str(EXAMPLE)).stdout)
    assert data["plan"]["summary"] == {"create": 4, "update": 1, "purge": 0, "unchanged": 1}
    assert limits_of(mock) == DEMO_LIMITS
    assert set(mock.state()["stats"]["by_status"]) == {"200"}  # reads only


def test_apply_converges_and_reapplying_sends_no_writes(cli: Cli, mock: MockServer) -> None:
    first = cli("--json", "apply", str(EXAMPLE), "--yes")
    assert first.exit_code == 0, first
    data = json.loads(first.stdout)
    assert (data["result"]["applied"], data["result"]["not_applied"]) == (5, 0)
    assert data["replan"]["summary"] == {"create": 0, "update": 0, "purge": 0, "unchanged": 6}
    assert limits_of(mock) == EXAMPLE_LIMITS

    before = mock.state()["stats"]
    again = cli("apply", str(EXAMPLE), "--yes")
    assert again.exit_code == 0, again
    assert "Nothing to do: the portal matches the file." in again.stdout
    after = mock.state()["stats"]
    assert after["requests"] - before["requests"] == 4  # one read per pair, one "read all", no write
    assert limits_of(mock) == EXAMPLE_LIMITS


def test_apply_prune_purges_what_the_file_does_not_name(cli: Cli, mock: MockServer, tmp_path: Path) -> None:
    cli("create", "deals", "companies", "--type-id", "341", "--max", "9")
    path = tmp_path / "only3.yaml"
    path.write_text(
        "limits:\n  - from: deals\n    to: contacts\n"
        "    associations: [{category: HUBSPOT_DEFINED, typeId: 3, max: 10}]\n"
    )
    plan = json.loads(cli("--json", "plan", str(path), "--prune").stdout)["plan"]
    assert plan["summary"] == {"create": 0, "update": 0, "purge": 2, "unchanged": 1}
    result = cli("apply", str(path), "--prune", "--yes")
    assert result.exit_code == 0, result
    assert limits_of(mock) == {("0-3", "0-1", "HUBSPOT_DEFINED", 3): 10}


def test_apply_without_yes_off_a_terminal_is_refused(cli: Cli, mock: MockServer) -> None:
    result = cli("apply", str(EXAMPLE), input="y\n")
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert limits_of(mock) == DEMO_LIMITS


def test_partial_failure_then_rerun_converges(cli: Cli, mock: MockServer) -> None:
    # 3 pair reads, "read all" and 2 writes fit in the day; the third write meets HubSpot's DAILY limit.
    mock.configure(daily_limit=6)
    broken = cli("--json", "apply", str(EXAMPLE), "--yes")
    assert broken.exit_code == 1, broken
    result = json.loads(broken.stdout)["result"]
    assert (result["applied"], result["not_applied"]) == (2, 3)
    assert "DAILY" in result["stopped"]
    not_applied = {(o["from"], o["to"], o["typeId"]) for o in result["outcomes"] if not o["applied"]}
    assert not_applied == {
        ("contacts", "companies", 279),
        ("contacts", "companies", 103),
        ("deals", "companies", 5),
    }
    assert limits_of(mock) == {
        **DEMO_LIMITS,
        ("0-3", "0-1", "HUBSPOT_DEFINED", 3): 5,
        ("0-3", "0-1", "USER_DEFINED", 102): 1,
    }

    mock.configure(daily_limit=250_000)  # the next day
    rerun = cli("apply", str(EXAMPLE), "--yes")
    assert rerun.exit_code == 0, rerun
    assert "Summary: 3 to create, 0 to update, 0 to purge, 3 unchanged." in rerun.stdout
    assert "Applied 3 of 3 change(s)." in rerun.stdout
    assert limits_of(mock) == EXAMPLE_LIMITS


@pytest.mark.parametrize("verbose", [[], ["-v"]], ids=["quiet", "verbose"])
def test_budget_takes_a_redis_url_and_paces_locally_while_redis_is_down(
    cli: Cli, mock: MockServer, verbose: list[str]
) -> None:
    # Nothing listens there: RedisBudget falls back to pacing in this process, and says so once.
    result = cli(*verbose, "--budget", f"redis://127.0.0.1:{closed_port()}/0", "--json", "plan", str(EXAMPLE))
    assert result.exit_code == 0, result
    assert result.stderr.count("shared rate budget") == 1, result.stderr
    assert "Redis unavailable" in result.stderr
    assert json.loads(result.stdout)["plan"]["pairs"]
    assert mock.state()["stats"]["requests"] >= 3  # once although every request took a slot


@pytest.mark.parametrize(
    "prefix", ["/crm/associations/v4", "/crm/v4/associations", "/crm/associations/2026-03"]
)
def test_prefix_selects_the_path_family(cli: Cli, prefix: str) -> None:
    result = cli("--prefix", prefix, "-v", "get", "deals", "contacts")
    assert result.exit_code == 0, result
    assert f"{prefix}/definitions/configurations/0-3/0-1" in result.stderr


@pytest.mark.parametrize(
    ("answer", "code", "expected"), [("y\n", 0, EXAMPLE_LIMITS), ("n\n", 0, DEMO_LIMITS)]
)
def test_apply_asks_on_a_terminal(
    cli: Cli, mock: MockServer, monkeypatch: pytest.MonkeyPatch, answer: str, code: int, expected: dict
) -> None:
    from hubspot_association_limits.cli import _app

    monkeypatch.setattr(_app, "_stdin_is_terminal", lambda: True)
    result = cli("apply", str(EXAMPLE), input=answer)
    assert result.exit_code == code, result
    assert "Apply these changes?" in result.stderr
    assert limits_of(mock) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["create", "deals", "contacts", "--category", "user_defined", "--type-id", "102", "--max", "4"],
            {**DEMO_LIMITS, ("0-3", "0-1", "USER_DEFINED", 102): 4},
        ),
        (
            ["update", "deals", "contacts", "--category", "Hubspot_Defined", "--type-id", "3", "--max", "6"],
            {**DEMO_LIMITS, ("0-3", "0-1", "HUBSPOT_DEFINED", 3): 6},
        ),
        (
            ["purge", "deals", "contacts", "--category", "user_defined", "--type-id", "101"],
            {("0-3", "0-1", "HUBSPOT_DEFINED", 3): 10},
        ),
    ],
    ids=["create", "update", "purge"],
)
def test_a_category_in_any_case_is_sent_in_capitals(
    cli: Cli, mock: MockServer, args: list[str], expected: dict[tuple[str, str, str, int], int]
) -> None:
    result = cli(*args)
    assert result.exit_code == 0, result
    assert limits_of(mock) == expected


def test_the_base_url_can_come_from_the_environment(mock: MockServer) -> None:
    from hubspot_association_limits.cli._app import app
    from typer.testing import CliRunner

    env = {"HUBSPOT_BASE_URL": mock.base_url, "HUBSPOT_ACCESS_TOKEN": TOKEN}
    result = CliRunner().invoke(app, ["get", "deals", "contacts", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert mock.state()["stats"]["requests"] == 1
