"""Global options work before the command, after it, and split around it (as in gh or kubectl)."""

from __future__ import annotations

import json

import pytest
from cli_support import EXAMPLE, TOKEN, Result, limits_of
from hubspot_association_limits.cli._app import app
from hubspot_association_limits.mock import MockServer
from typer.testing import CliRunner

COMMANDS = {
    "get": ["get", "deals", "contacts"],
    "list": ["list"],
    "export": ["export"],
    "plan": ["plan", str(EXAMPLE)],
    "apply": ["apply", str(EXAMPLE), "--yes"],
    "create": ["create", "deals", "contacts", "--category", "USER_DEFINED", "--type-id", "102", "--max", "1"],
    "update": ["update", "deals", "contacts", "--type-id", "3", "--max", "7"],
    "purge": ["purge", "deals", "contacts", "--type-id", "3"],
}
PREFIX = "/crm/v4/associations"


def run(before: list[str], command: list[str], after: list[str]) -> Result:
    result = CliRunner().invoke(app, [*before, *command, *after], catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def place(options: list[list[str]], position: str) -> tuple[list[str], list[str]]:
    """The options' words before and after the command: all before, all after, or alternating."""
    before = {"before": options, "after": [], "split": options[0::2]}[position]
    after = {"before": [], "after": options, "split": options[1::2]}[position]
    return [word for option in before for word in option], [word for option in after for word in option]


@pytest.fixture(autouse=True)
def _no_token_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN", raising=False)


@pytest.mark.parametrize("position", ["before", "after", "split"])
@pytest.mark.parametrize("command", COMMANDS)
def test_every_global_option_works_in_every_position(mock: MockServer, command: str, position: str) -> None:
    options = [["--base-url", mock.base_url], ["--json"], ["--token", TOKEN], ["-v"], ["--prefix", PREFIX]]
    before, after = place(options, position)
    result = run(before, COMMANDS[command], after)
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)  # --json
    assert f"{PREFIX}/definitions/configurations/" in result.stderr  # -v and --prefix
    assert mock.state()["stats"]["requests"] > 0  # --base-url and --token


@pytest.mark.parametrize("position", ["before", "after"])
@pytest.mark.parametrize("command", COMMANDS)
def test_mock_works_in_every_position(command: str, position: str) -> None:
    before, after = place([["--mock"], ["--json"]], position)
    result = run(before, COMMANDS[command], after)
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)


@pytest.mark.parametrize("position", ["before", "after"])
@pytest.mark.parametrize("command", COMMANDS)
def test_budget_and_version_work_in_every_position(mock: MockServer, command: str, position: str) -> None:
    options = [["--base-url", mock.base_url], ["--token", TOKEN], ["--budget", "memcached://x"]]
    before, after = place(options, position)
    refused = run(before, COMMANDS[command], after)
    assert refused.exit_code == 2, refused
    assert "--budget takes a Redis URL" in refused.stderr
    before, after = place([["--version"]], position)
    version = run(before, COMMANDS[command], after)
    assert version.exit_code == 0, version
    assert version.stdout.startswith("hubspot-association-limits ")
    assert mock.state()["stats"]["requests"] == 0


def test_a_value_after_the_command_wins(mock: MockServer) -> None:
    gone = "http://127.0.0.1:9"  # never reached: the value after the command replaces it
    result = run(
        ["--base-url", gone, "--token", "pat-na1-wrong-0000"],
        COMMANDS["update"],
        ["--base-url", mock.base_url, "--token", TOKEN],
    )
    assert result.exit_code == 0, result
    assert limits_of(mock)[("0-3", "0-1", "HUBSPOT_DEFINED", 3)] == 7


def test_the_token_from_the_environment_is_not_overridden_by_default(
    mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", TOKEN)
    result = run(["--base-url", mock.base_url], ["list"], ["--json"])
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["results"]
