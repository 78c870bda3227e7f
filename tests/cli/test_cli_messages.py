"""Messages a user can act on: each common mistake is named where it is, with what to do instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import Cli
from hubspot_association_limits.cli._app import app
from hubspot_association_limits.mock import MockServer
from typer.testing import CliRunner


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["get", "deals", "contactz"],
            "Invalid value for TO: unknown object type 'contactz': did you mean 'contacts'?",
            id="a misspelt object type: the closest name",
        ),
        pytest.param(
            ["plan", "x.yaml", "--pair", "dealz:contacts"],
            "unknown object type 'dealz': did you mean 'deals'?",
            id="a misspelt --pair",
        ),
        pytest.param(
            ["get", "deals", "nowhere"],
            "unknown object type 'nowhere' (use a name like deals or leads, an id like 0-3 or 2-1234",
            id="nothing close: what a name looks like",
        ),
        pytest.param(
            ["create", "deals", "contacts", "--type-id", "3", "--max", "0"],
            "Invalid value for '--max': 0 is not in the range 1<=x<=10000.",
            id="--max 0 names --max",
        ),
        pytest.param(
            ["update", "deals", "contacts", "--type-id", "3", "--max", "10001"],
            "Invalid value for '--max': 10001 is not in the range 1<=x<=10000.",
            id="--max above HubSpot's maximum names --max",
        ),
        pytest.param(
            ["purge", "deals", "contacts", "--type-id", "-3"],
            "Invalid value for '--type-id': -3 is not in the range x>=0.",
            id="a negative --type-id names --type-id",
        ),
    ],
)
def test_a_mistake_on_the_command_line_is_named(
    cli: Cli, mock: MockServer, args: list[str], message: str
) -> None:
    result = cli(*args)
    assert result.exit_code == 2, result
    assert message in " ".join(result.stderr.split())
    assert mock.state()["stats"]["requests"] == 0


def test_a_bad_hubspot_base_url_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUBSPOT_BASE_URL", "localhost:8080")
    result = CliRunner().invoke(app, ["list", "--token", "pat-na1-any-token-1234"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "error: HUBSPOT_BASE_URL: must be an absolute URL like 'https://api.hubapi.com', "
        "got 'localhost:8080'\n"
    )


def test_a_misspelt_object_type_in_a_file_gets_the_closest_name(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "limits.yaml"
    path.write_text("limits:\n  - from: deals\n    to: contactz\n    associations: []\n")
    result = cli("validate", str(path))
    assert result.exit_code == 2, result
    assert (
        f"{path}:3: limits[0].to: unknown object type 'contactz': did you mean 'contacts'?" in result.stderr
    )


_TWO_PAIRS = """\
limits:
  - from: deals
    to: contacts
    associations:
{first}
  - from: deals
    to: companies
    associations: []
"""


@pytest.mark.parametrize(
    ("first", "line", "message"),
    [
        pytest.param(
            "      - {category: HUBSPOT_DEFINED, typeId: 3, max: 5\n"
            "      - {category: USER_DEFINED, typeId: 101, max: 2}",
            5,
            "the '{' on this line is never closed (line 6: expected ',' or '}', but got '{')",
            id="an unclosed brace: its line, not the next one",
        ),
        pytest.param(
            "      [{category: HUBSPOT_DEFINED, typeId: 3, max: 5}",
            5,
            "the '[' on this line is never closed (line 6: expected ',' or ']', but got '-')",
            id="an unclosed bracket",
        ),
        pytest.param(
            '      - {category: "HUBSPOT_DEFINED, typeId: 3, max: 5}',
            5,
            "the quote on this line is never closed (line 9: found unexpected end of stream)",
            id="an unclosed quote: its line, not the end of the file",
        ),
        pytest.param(
            "      - {category: HUBSPOT_DEFINED, typeId: 3, max: 5}\n"
            "     - {category: USER_DEFINED, typeId: 101, max: 2}",
            6,
            "this line is not indented like the entries around it",
            id="an entry indented wrongly",
        ),
        pytest.param(
            "      - category: HUBSPOT_DEFINED, typeId: 3, max: 5",
            5,
            "mapping values are not allowed here",
            id="a flow mapping without braces: the parser's own line",
        ),
    ],
)
def test_a_yaml_error_points_at_the_line_to_fix(
    cli: Cli, tmp_path: Path, first: str, line: int, message: str
) -> None:
    path = tmp_path / "limits.yaml"
    path.write_text(_TWO_PAIRS.format(first=first))
    result = cli("validate", str(path))
    assert result.exit_code == 2, result
    assert result.stderr.splitlines()[0].startswith(f"{path}:{line}: (document): not valid YAML: {message}")


USAGE = {
    "get": "get [OPTIONS] FROM TO",
    "list": "list [OPTIONS]",
    "export": "export [OPTIONS]",
    "validate": "validate [OPTIONS] FILE...",
    "plan": "plan [OPTIONS] FILE",
    "apply": "apply [OPTIONS] FILE",
    "create": "create [OPTIONS] [FROM] [TO]",
    "update": "update [OPTIONS] [FROM] [TO]",
    "purge": "purge [OPTIONS] [FROM] [TO]",
}


@pytest.mark.parametrize(("command", "usage"), USAGE.items(), ids=USAGE)
def test_usage_lines_spell_positional_arguments_one_way(command: str, usage: str) -> None:
    """Required arguments bare, optional ones in brackets, as the docs write them (FILE, FROM TO)."""
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"Usage: hubspot-association-limits {usage}"


def test_every_command_has_its_usage_line_checked() -> None:
    assert {info.name for info in app.registered_commands} - {"mock"} == set(USAGE)


def test_the_docs_spell_each_commands_arguments_as_its_usage_line() -> None:
    table = (Path(__file__).resolve().parents[2] / "docs" / "limits-as-code.md").read_text()
    for command, usage in USAGE.items():
        arguments = re.sub(r"\[OPTIONS\] ?", "", usage.removeprefix(command)).strip()
        bare = arguments.replace("[", "").replace("]", "")
        assert re.search(rf"\| `{command}( {re.escape(bare)})?[ `]", table), command
