"""validate FILE...: the desired-state checks offline (no token, no request), the ones plan runs first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from cli_support import DEMO_LIMITS, EXAMPLE, Cli, closed_port, limits_of
from hubspot_association_limits.cli._app import app
from hubspot_association_limits.cli._desired import DesiredStateInvalid, FileProblem, parse_desired_state
from hubspot_association_limits.cli._validate import LABEL_MAX_LENGTH, label_problem
from hubspot_association_limits.mock import MockServer
from typer.testing import CliRunner


def _pair(source: str, target: str, *associations: str) -> str:
    """A file with one pair; the first association is on line 5."""
    lines = "".join(f"      - {item}\n" for item in associations)
    return f"limits:\n  - from: {source}\n    to: {target}\n    associations:\n{lines}"


def _problems(text: str) -> list[FileProblem]:
    try:
        parse_desired_state(text, source="f")
    except DesiredStateInvalid as invalid:
        return list(invalid.problems)
    return []


OBJECT_LIMIT_5 = "{category: HUBSPOT_DEFINED, typeId: 3, max: 5}"

# (file text, [(line, path, words in the message)]): each check, and what it must leave alone.
CASES = [
    pytest.param(
        _pair("deals", "contacts", "{category: HUBSPOT_DEFINED, typeId: 4, max: 5}"),
        [
            (
                5,
                "limits[0].associations[0].typeId",
                "typeId 4 belongs to contacts -> deals, not to deals -> contacts",
            )
        ],
        id="HUBSPOT_DEFINED typeId of the reverse pair",
    ),
    pytest.param(
        _pair("companies", "companies", "{category: HUBSPOT_DEFINED, typeId: 99999, max: 5}"),
        [
            (
                5,
                "limits[0].associations[0].typeId",
                "is no type HubSpot defines; not one of companies -> companies (its types: 13, 14, 450)",
            )
        ],
        id="HUBSPOT_DEFINED typeId HubSpot does not define",
    ),
    pytest.param(
        _pair("products", "quotes", "{category: HUBSPOT_DEFINED, typeId: 3, max: 5}"),
        [(5, "limits[0].associations[0].typeId", "not to products -> quotes (it has none)")],
        id="pair without HubSpot-defined types",
    ),
    pytest.param(
        _pair("2-123", "contacts", "{category: HUBSPOT_DEFINED, typeId: 99999, max: 5}"),
        [],
        id="custom object: no catalogue, no typeId check",
    ),
    pytest.param(
        _pair("deal", "contact", "{category: USER_DEFINED, typeId: 4, max: 5}"),
        [],
        id="a label's typeId is the portal's: not checked",
    ),
    pytest.param(
        _pair(
            "deals",
            "contacts",
            OBJECT_LIMIT_5,
            "{category: USER_DEFINED, typeId: 101, label: Champion, max: 6}",
        ),
        [
            (
                6,
                "limits[0].associations[1].max",
                "USER_DEFINED typeId 101 (Champion): max 6 is above 5, the object limit of deals -> "
                "contacts (HUBSPOT_DEFINED typeId 3, line 5), which caps every label limit of the pair",
            )
        ],
        id="label limit above the object limit",
    ),
    pytest.param(
        _pair("deals", "contacts", OBJECT_LIMIT_5, "{label: Decision maker, max: 6}"),
        [
            (
                6,
                "limits[0].associations[1].max",
                "label 'Decision maker': max 6 is above 5, the object limit of deals -> contacts "
                "(HUBSPOT_DEFINED typeId 3, line 5)",
            )
        ],
        id="a label named by its text, above the object limit",
    ),
    pytest.param(
        _pair(
            "deals",
            "companies",
            "{category: HUBSPOT_DEFINED, typeId: 341, max: 1}",
            "{category: HUBSPOT_DEFINED, typeId: 5, max: 2}",
        ),
        [
            (
                6,
                "limits[0].associations[1].max",
                "HUBSPOT_DEFINED typeId 5 (Primary): max 2 is above 1, the object limit of deals -> "
                "companies (HUBSPOT_DEFINED typeId 341, line 5)",
            )
        ],
        id="HubSpot's Primary label above the object limit",
    ),
    pytest.param(
        _pair("deals", "contacts", "{category: INTEGRATOR_DEFINED, typeId: 7, max: 6}", OBJECT_LIMIT_5),
        [
            (
                5,
                "limits[0].associations[0].max",
                "INTEGRATOR_DEFINED typeId 7: max 6 is above 5, the object limit of deals -> contacts "
                "(HUBSPOT_DEFINED typeId 3, line 6)",
            )
        ],
        id="any non-HubSpot category, in any order",
    ),
    pytest.param(
        _pair("deals", "contacts", OBJECT_LIMIT_5, "{category: USER_DEFINED, typeId: 101, max: 5}"),
        [],
        id="label limit equal to the object limit",
    ),
    pytest.param(
        _pair("deals", "contacts", "{category: USER_DEFINED, typeId: 101, max: 500}"),
        [],
        id="no object limit in the file: nothing to compare",
    ),
    pytest.param(
        _pair(
            "contacts",
            "companies",
            "{category: HUBSPOT_DEFINED, typeId: 1, label: Primary, max: 1}",
            "{category: USER_DEFINED, typeId: 103, max: 3}",
        ),
        [],
        id="the Primary type is not the object limit",
    ),
    pytest.param(
        _pair(
            "companies",
            "companies",
            "{category: HUBSPOT_DEFINED, typeId: 13, max: 1}",
            "{category: USER_DEFINED, typeId: 150, max: 3}",
        ),
        [],
        id="several unlabeled types (company -> company): no object limit to compare",
    ),
    pytest.param(
        _pair(
            "2-123",
            "2-456",
            "{category: HUBSPOT_DEFINED, typeId: 9, max: 1}",
            "{category: USER_DEFINED, typeId: 150, max: 3}",
        ),
        [],
        id="custom objects: no object limit known",
    ),
    pytest.param(
        _pair("deals", "contacts", "{category: USER_DEFINED, typeId: 101, label: ' Champion', max: 1}"),
        [(5, "limits[0].associations[0].label", "must not start or end with spaces")],
        id="label with leading space",
    ),
    pytest.param(
        _pair("deals", "contacts", "{category: USER_DEFINED, typeId: 101, label: '', max: 1}"),
        [(5, "limits[0].associations[0].label", "must not be empty")],
        id="empty label",
    ),
    pytest.param(
        _pair("deals", "contacts", "{category: USER_DEFINED, typeId: 101, label: null, max: 1}"),
        [],
        id="null label (as HubSpot reads it back)",
    ),
    pytest.param(
        _pair("deals", "contacts", OBJECT_LIMIT_5, OBJECT_LIMIT_5),
        [(6, "limits[0].associations[1]", "HUBSPOT_DEFINED typeId 3 is listed twice (first on line 5)")],
        id="duplicate association type",
    ),
    pytest.param(
        "limits:\n  - from: deals\n    to: contacts\n    to: companies\n    associations: []\n",
        [(4, "limits[0].to", "'to' is written twice (first on line 3)")],
        id="duplicate key",
    ),
    pytest.param(
        _pair("deals", "nowhere", OBJECT_LIMIT_5),
        [(3, "limits[0].to", "unknown object type 'nowhere'")],
        id="unknown object type",
    ),
    pytest.param(
        _pair(
            "deals",
            "contacts",
            "{category: HUBSPOT_DEFINED, typeId: 3, max: 0}",
            "{category: USER_DEFINED, typeId: 101, max: 7}",
        ),
        [(5, "limits[0].associations[0].max", "must be between 1 and 10000")],
        id="an invalid object limit is reported once, not compared",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_offline_checks(text: str, expected: list[tuple[int, str, str]]) -> None:
    problems = _problems(text)
    assert [(p.line, p.json_path) for p in problems] == [(line, path) for line, path, _ in expected], [
        str(p) for p in problems
    ]
    for problem, (_, _, words) in zip(problems, expected, strict=True):
        assert words in problem.message


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("Decision maker", None),
        ("Primary", None),
        ("Décideur · 決定者", None),
        ("x" * LABEL_MAX_LENGTH, None),
        ("x" * (LABEL_MAX_LENGTH + 1), f"at most {LABEL_MAX_LENGTH} characters"),
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("Champion ", "must not start or end with spaces"),
        ("\tChampion", "must not start or end with spaces"),
        ("Budget\nholder", "one line"),
        ("Budget\x00holder", "control characters"),
    ],
)
def test_label_syntax(label: str, words: str | None) -> None:
    problem = label_problem(label)
    assert problem is None if words is None else words in (problem or "")


# --- the command --------------------------------------------------------------------------------------------

BAD_ONE = _pair(
    "deals", "contacts", OBJECT_LIMIT_5, "{category: USER_DEFINED, typeId: 101, label: 'Champion ', max: 6}"
)
BAD_TWO = (
    '{"limits": [{"from": "deals", "to": "contacts", "associations": [\n'
    '  {"category": "HUBSPOT_DEFINED", "typeId": 4, "max": 1}\n]}]}\n'
)


def _offline(*args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """The app with no token anywhere and a base URL nothing listens on: any request would fail (exit 1)."""
    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN", raising=False)
    argv = ["--base-url", f"http://127.0.0.1:{closed_port()}", *args]
    result = CliRunner().invoke(app, argv, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_valid_files_pass_with_no_token_and_no_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    json_file = tmp_path / "limits.json"
    json_file.write_text(json.dumps(yaml.safe_load(EXAMPLE.read_text())))
    code, stdout, stderr = _offline("validate", str(EXAMPLE), str(json_file), monkeypatch=monkeypatch)
    assert (code, stderr) == (0, ""), stderr
    assert stdout.splitlines() == [
        f"{EXAMPLE}: ok (3 pair(s), 6 limit(s))",
        f"{json_file}: ok (3 pair(s), 6 limit(s))",
    ]
    code, stdout, _ = _offline("--json", "validate", str(EXAMPLE), monkeypatch=monkeypatch)
    assert (code, json.loads(stdout)) == (
        0,
        {"files": [{"file": str(EXAMPLE), "pairs": 3, "limits": 6}], "problems": []},
    )


def test_every_problem_of_every_file_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.json"
    one.write_text(BAD_ONE)
    two.write_text(BAD_TWO)
    missing = tmp_path / "missing.yaml"
    code, stdout, stderr = _offline(
        "validate", str(one), str(EXAMPLE), str(two), str(missing), monkeypatch=monkeypatch
    )
    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [
        f"{one}:6: limits[0].associations[1].label: a label must not start or end with spaces: 'Champion '",
        f"{one}:6: limits[0].associations[1].max: USER_DEFINED typeId 101 (Champion ): "
        "max 6 is above 5, the object limit of deals -> contacts (HUBSPOT_DEFINED typeId 3, line 5), "
        "which caps every label limit of the pair; HubSpot refuses it",
        f"{two}:2: limits[0].associations[0].typeId: HUBSPOT_DEFINED typeId 4 belongs to contacts -> deals, "
        "not to deals -> contacts (its types: 3)",
        f"{missing}: (document): cannot read the file: No such file or directory",
        "4 problems found; nothing was sent.",
    ]
    code, stdout, _ = _offline("--json", "validate", str(one), str(two), monkeypatch=monkeypatch)
    problems = json.loads(stdout)["problems"]
    assert code == 2
    assert [(p["file"], p["line"], p["field"]) for p in problems] == [
        (str(one), 6, "label"),
        (str(one), 6, "max"),
        (str(two), 2, "typeId"),
    ]


def test_validate_sends_nothing_and_plan_reports_the_same_problems(
    cli: Cli, mock: MockServer, tmp_path: Path
) -> None:
    path = tmp_path / "limits.yaml"
    path.write_text(BAD_ONE)
    validated = cli("validate", str(path))
    planned = cli("plan", str(path))
    applied = cli("apply", str(path), "--yes")
    assert validated.exit_code == planned.exit_code == applied.exit_code == 2
    assert validated.stderr == planned.stderr == applied.stderr  # validate is plan's offline part
    assert "the object limit of deals -> contacts" in validated.stderr
    assert mock.state()["stats"]["requests"] == 0
    assert limits_of(mock) == DEMO_LIMITS


def test_validate_needs_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, stderr = _offline("validate", monkeypatch=monkeypatch)
    assert code == 2
    assert "FILE..." in stderr
