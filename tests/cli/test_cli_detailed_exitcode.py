"""plan --detailed-exitcode, for drift detection in CI: 0 in sync, 3 changes pending, 1 and 2 errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import DEMO_FILE, DEMO_LIMITS, EXAMPLE, Cli, limits_of
from hubspot_association_limits.mock import MockServer

BAD = "limits:\n  - {from: deals, to: nowhere, associations: []}\n"
WRONG_TOKEN = "pat-na1-not-the-right-one-0000"


@pytest.mark.parametrize("json_output", [[], ["--json"]], ids=["text", "json"])
@pytest.mark.parametrize(
    ("file", "extra", "token", "code"),
    [
        pytest.param(DEMO_FILE, [], None, 0, id="portal matches the file: 0"),
        pytest.param(DEMO_FILE, ["--prune"], None, 0, id="matches, nothing to purge either: 0"),
        pytest.param(None, [], None, 3, id="changes pending: 3"),
        pytest.param(DEMO_FILE.replace("max: 10", "max: 9"), [], None, 3, id="one update pending: 3"),
        pytest.param(BAD, [], None, 2, id="bad file: 2, as without the option"),
        pytest.param(None, [], WRONG_TOKEN, 1, id="API failure: 1, as without the option"),
    ],
)
def test_detailed_exitcode(
    cli: Cli,
    mock: MockServer,
    tmp_path: Path,
    json_output: list[str],
    file: str | None,
    extra: list[str],
    token: str | None,
    code: int,
) -> None:
    path = EXAMPLE if file is None else tmp_path / "limits.yaml"
    if file is not None:
        path.write_text(file)
    tokens = {} if token is None else {"token": token}
    result = cli(*json_output, "plan", str(path), "--detailed-exitcode", *extra, **tokens)
    assert result.exit_code == code, result
    if json_output and code in (0, 3):
        plan = json.loads(result.stdout)["plan"]  # the plan is printed whatever the code
        assert (sum(plan["summary"].values()) - plan["summary"]["unchanged"] > 0) == (code == 3)
    assert limits_of(mock) == DEMO_LIMITS  # plan never writes


def test_without_the_option_pending_changes_are_still_exit_0(cli: Cli) -> None:
    assert cli("plan", str(EXAMPLE)).exit_code == 0


def test_after_apply_the_same_file_shows_no_drift(cli: Cli) -> None:
    assert cli("plan", str(EXAMPLE), "--detailed-exitcode").exit_code == 3
    assert cli("apply", str(EXAMPLE), "--yes").exit_code == 0
    assert cli("plan", str(EXAMPLE), "--detailed-exitcode").exit_code == 0
