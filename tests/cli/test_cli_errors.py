"""Exit codes for bad files and bad usage (2) and API failures (1); a bad file sends nothing at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import DEMO_LIMITS, EXAMPLE, Cli, closed_port, limits_of
from hubspot_association_limits.mock import MockServer

_ITEM = "limits:\n  - from: deals\n    to: contacts\n    associations:\n      - {}\n"
# One file per kind of mistake, with the line and field the report must name.
BAD_FILES = [
    pytest.param(_ITEM.format("{category: HUBSPOT_DEFINED, typeId: 3, max: 0}"), 5, "max", id="max below 1"),
    pytest.param(
        _ITEM.format("{category: HUBSPOT_DEFINED, typeId: 3, max: 10001}"), 5, "max", id="max above"
    ),
    pytest.param(
        _ITEM.format("{category: HUBSPOT_DEFINED, typeId: 3, max: true}"), 5, "max", id="bool as int"
    ),
    pytest.param(_ITEM.format("{category: HUBSPOT_DEFINED, typeId: 3}"), 5, "max", id="missing field"),
    pytest.param(
        _ITEM.format("{category: HUBSPOT_DEFINED, typeId: 3, max: 5, x: 1}"), 5, "x", id="unknown field"
    ),
    pytest.param(
        _ITEM.format("{category: HUBSPOT_DEFINED, typeId: 3, max: 5}").replace("contacts", "contactz"),
        3,
        "to",
        id="unknown object type",
    ),
    pytest.param(
        _ITEM.format("{category: HUBSPOT_DEFINED, typeId: 3, max: 5}")
        + "      - {category: HUBSPOT_DEFINED, typeId: 3, max: 6}\n",
        6,
        None,
        id="duplicate",
    ),
    pytest.param("limits: [\n", 2, None, id="not YAML"),
]


@pytest.mark.parametrize(("text", "line", "field"), BAD_FILES)
@pytest.mark.parametrize("command", [["plan"], ["apply", "--yes"], ["create", "--file"]])
def test_a_bad_file_is_exit_2_and_sends_nothing(
    cli: Cli, mock: MockServer, tmp_path: Path, text: str, line: int, field: str | None, command: list[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    human = cli(*command, str(path))
    assert human.exit_code == 2, human
    assert f"{path}:{line}: " in human.stderr
    assert "nothing was sent" in human.stderr
    data = json.loads(cli("--json", *command, str(path)).stdout)
    assert [(p["line"], p["field"]) for p in data["problems"]] == [(line, field)]
    assert limits_of(mock) == DEMO_LIMITS
    assert mock.state()["stats"]["requests"] == 0  # not even a read


def test_every_problem_of_a_file_is_listed(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(
        json.dumps(
            {
                "limits": [
                    {
                        "from": "dealz",
                        "to": "contacts",
                        "associations": [{"category": "x", "typeId": 0, "max": 1}],
                    }
                ]
            },
            indent=2,
        )
    )
    data = json.loads(cli("--json", "plan", str(path)).stdout)
    assert {p["field"] for p in data["problems"]} == {"from", "category", "typeId"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["get", "deals", "contactz"], "unknown object type"),
        (["get", "deals"], "Missing argument"),
        (["create", "deals", "contacts", "--max", "3"], "--type-id"),
        (["create", "deals", "contacts", "--type-id", "3", "--type-id", "4", "--max", "3"], "--max"),
        (["create", "deals", "contacts", "--type-id", "3", "--max", "x"], "--max"),
        (["update", "--file", str(EXAMPLE), "deals", "contacts"], "--file"),
        (
            ["purge", "deals", "contacts", "--type-id", "3", "--category", "A", "--category", "B"],
            "--category",
        ),
        (["export", "--format", "xml"], "--format"),
        (["plan", str(EXAMPLE), "--pair", "deals"], "--pair"),
        (["--budget", "memcached://x", "list"], "--budget"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors_are_exit_2(cli: Cli, mock: MockServer, args: list[str], words: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2, result
    assert words in result.stderr
    assert limits_of(mock) == DEMO_LIMITS


@pytest.mark.parametrize("command", ["create", "update"])
@pytest.mark.parametrize(
    "limits",
    [
        pytest.param(["--type-id", "3"], id="no --max"),
        pytest.param(["--type-id", "3", "--type-id", "4", "--max", "5"], id="fewer --max"),
        pytest.param(["--type-id", "3", "--max", "5", "--max", "6"], id="more --max"),
    ],
)
def test_a_limit_is_never_guessed(cli: Cli, mock: MockServer, command: str, limits: list[str]) -> None:
    for json_flag in ([], ["--json"]):
        result = cli(*json_flag, command, "deals", "contacts", *limits)
        assert result.exit_code == 2, result
        assert "--max" in result.stderr
    assert mock.state()["stats"]["requests"] == 0  # not even a read
    assert limits_of(mock) == DEMO_LIMITS


@pytest.mark.parametrize("command", ["create", "update", "purge"])
def test_a_category_is_never_guessed_for_a_label(cli: Cli, mock: MockServer, command: str) -> None:
    # 101 is a portal's own label (USER_DEFINED) on deals -> contacts, not a HubSpot-defined type of it.
    limits = [] if command == "purge" else ["--max", "1"]
    result = cli(command, "deals", "contacts", "--type-id", "3", "--type-id", "101", *limits, *limits)
    assert result.exit_code == 2, result
    assert "--category" in result.stderr and "101" in result.stderr
    assert mock.state()["stats"]["requests"] == 0
    assert limits_of(mock) == DEMO_LIMITS


def test_missing_token_is_a_usage_error(mock: MockServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from hubspot_association_limits.cli._app import app
    from typer.testing import CliRunner

    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["--base-url", mock.base_url, "list"])
    assert result.exit_code == 2
    assert "HUBSPOT_ACCESS_TOKEN" in result.stderr


def test_mock_and_base_url_exclude_each_other(cli: Cli) -> None:
    result = cli("--mock", "list")
    assert result.exit_code == 2
    assert "--mock and --base-url" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["list"], ["get", "deals", "contacts"], ["plan", str(EXAMPLE)], ["apply", str(EXAMPLE), "--yes"]],
)
def test_a_refused_token_is_exit_1_with_the_reason(cli: Cli, mock: MockServer, args: list[str]) -> None:
    result = cli(*args, token="pat-na1-not-the-right-one-0000")
    assert result.exit_code == 1, result
    assert "HTTP 401" in result.stderr
    data = json.loads(cli("--json", *args, token="pat-na1-not-the-right-one-0000").stdout)
    assert data["error"]["status"] == 401
    assert limits_of(mock) == DEMO_LIMITS


def test_a_server_that_is_gone_is_exit_1(mock: MockServer) -> None:
    result = Cli(mock, base_url=f"http://127.0.0.1:{closed_port()}")("list")
    assert result.exit_code == 1
    assert "error:" in result.stderr
