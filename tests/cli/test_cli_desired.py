"""The desired-state file: every kind of mistake is reported with file, line, path and field; all at once."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hubspot_association_limits.cli._desired import (
    DesiredLimit,
    DesiredStateInvalid,
    FileProblem,
    load_desired_state,
    parse_desired_state,
    render_desired_state,
    schema,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "limits.yaml"


def _problems(text: str, fmt: str = "yaml") -> list[FileProblem]:
    with pytest.raises(DesiredStateInvalid) as caught:
        parse_desired_state(text, source="f", fmt=fmt)  # type: ignore[arg-type]
    return list(caught.value.problems)


def _pair(item: str) -> str:
    return f"limits:\n  - from: deals\n    to: contacts\n    associations:\n      - {item}\n"


# (file text, expected line, expected path, expected field, words the message must contain)
BAD_FILES = [
    pytest.param(
        _pair("{category: HUBSPOT_DEFINED, typeId: 3, max: 0}"),
        5,
        "limits[0].associations[0].max",
        "max",
        "between 1 and 10000",
        id="max below 1",
    ),
    pytest.param(
        _pair("{category: HUBSPOT_DEFINED, typeId: 3, max: 10001}"),
        5,
        "limits[0].associations[0].max",
        "max",
        "between 1 and 10000",
        id="max above 10000",
    ),
    pytest.param(
        _pair("{category: HUBSPOT_DEFINED, typeId: 3, max: true}"),
        5,
        "limits[0].associations[0].max",
        "max",
        "boolean",
        id="bool as max",
    ),
    pytest.param(
        _pair("{category: HUBSPOT_DEFINED, typeId: yes, max: 3}"),
        5,
        "limits[0].associations[0].typeId",
        "typeId",
        "boolean",
        id="YAML yes as typeId",
    ),
    pytest.param(
        _pair("{category: HUBSPOT_DEFINED, typeId: 3, max: 2.5}"),
        5,
        "limits[0].associations[0].max",
        "max",
        "integer",
        id="fraction as max",
    ),
    pytest.param(
        _pair("{category: HUBSPOT_DEFINED, typeId: 3, max: '5'}"),
        5,
        "limits[0].associations[0].max",
        "max",
        "integer",
        id="string as max",
    ),
    pytest.param(
        _pair("{category: hubspot_defined, typeId: 3, max: 5}"),
        5,
        "limits[0].associations[0].category",
        "category",
        "capitals",
        id="category in lower case",
    ),
    pytest.param(
        _pair("{category: HUBSPOT_DEFINED, typeId: 3}"),
        5,
        "limits[0].associations[0].max",
        "max",
        "missing field 'max'",
        id="missing max",
    ),
    pytest.param(
        _pair("{category: HUBSPOT_DEFINED, typeId: 3, max: 5, maxx: 5}"),
        5,
        "limits[0].associations[0].maxx",
        "maxx",
        "unknown field 'maxx'",
        id="unknown field",
    ),
    pytest.param(
        "limits:\n  - from: deals\n    to: contactz\n    associations: []\n",
        3,
        "limits[0].to",
        "to",
        "unknown object type 'contactz'",
        id="unknown object type",
    ),
    pytest.param(
        "limits:\n  - from: deals/0-1\n    to: contacts\n    associations: []\n",
        2,
        "limits[0].from",
        "from",
        "unknown object type 'deals/0-1'",
        id="a path is no object type",
    ),
    pytest.param(
        _pair("{category: HUBSPOT_DEFINED, typeId: 3, max: 5}")
        + "      - {category: HUBSPOT_DEFINED, typeId: 3, max: 6}\n",
        6,
        "limits[0].associations[1]",
        None,
        "listed twice (first on line 5)",
        id="association type twice",
    ),
    pytest.param(
        "limits:\n  - {from: deals, to: contacts, associations: []}\n"
        "  - {from: deal, to: 0-1, associations: []}\n",
        3,
        "limits[1]",
        None,
        "deals -> contacts is listed twice (first on line 2)",
        id="pair twice, spelled apart",
    ),
    pytest.param(
        "limits:\n  - from: deals\n    from: deals\n    to: contacts\n    associations: []\n",
        3,
        "limits[0].from",
        "from",
        "written twice",
        id="key twice",
    ),
    pytest.param(
        "# nothing but a comment\n{}\n",
        2,
        "limits",
        "limits",
        "missing field 'limits'",
        id="missing top-level key",
    ),
    pytest.param("limits: {}\n", 1, "limits", "limits", "must be an array", id="limits not a list"),
    pytest.param("", None, "(document)", None, "must be an object", id="empty file"),
    pytest.param("limits: [\n", 2, "(document)", None, "not valid YAML", id="YAML syntax"),
]


@pytest.mark.parametrize(("text", "line", "path", "field", "words"), BAD_FILES)
def test_each_kind_of_mistake_is_located(
    text: str, line: int | None, path: str, field: str | None, words: str
) -> None:
    problems = _problems(text)
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.line, problem.json_path, problem.field) == (line, path, field)
    assert words in problem.message
    assert str(problem).startswith(f"f:{line}: " if line else "f: ")


def test_every_mistake_is_reported_at_once() -> None:
    text = _pair("{category: HUBSPOT_DEFINED, typeId: 3, max: 0}") + (
        "      - {category: user, typeId: 3.5, max: 7}\n"
        "  - {from: dealz, to: contacts, associations: [{category: WORK, typeId: 9, max: false}]}\n"
    )
    problems = _problems(text)
    assert [(p.line, p.field) for p in problems] == [
        (5, "max"),
        (6, "category"),
        (6, "typeId"),
        (7, "max"),
        (7, "from"),
    ]


def test_json_files_are_located_by_line_and_path() -> None:
    document = {
        "limits": [{"from": "deals", "to": "contacts", "associations": [{"category": "X", "typeId": 1}]}]
    }
    problems = _problems(json.dumps(document, indent=2), fmt="json")
    assert [(p.line, p.json_path) for p in problems] == [(7, "limits[0].associations[0].max")]
    assert _problems('{\n  "limits": [,]\n}', fmt="json")[0].line == 2
    twice = _problems('{"limits": [],\n "limits": []}', fmt="json")
    assert [(p.line, p.json_path, p.message) for p in twice] == [
        (2, "limits", "'limits' is written twice (first on line 1)")
    ]


def test_one_document_per_file() -> None:
    assert "not valid YAML" in _problems("---\nlimits: []\n---\nlimits: []\n")[0].message


def test_an_unreadable_file_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(DesiredStateInvalid) as caught:
        load_desired_state(tmp_path / "missing.yaml")
    assert "cannot read the file" in str(caught.value)


def test_valid_file_becomes_ids_and_values() -> None:
    state = parse_desired_state(
        "# comments are fine\nlimits:\n  - from: Deal\n    to: line-items\n    associations:\n"
        "      - {category: HUBSPOT_DEFINED, typeId: 19, label: null, max: 10000}  # the upper bound\n",
        source="f",
    )
    assert state.pairs == (("0-3", "0-8"),)
    assert state.limits == (DesiredLimit("0-3", "0-8", "HUBSPOT_DEFINED", 19, 10000, None),)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_render_then_parse_round_trips(fmt: str) -> None:
    limits = {
        ("0-3", "0-1"): [
            DesiredLimit("0-3", "0-1", "USER_DEFINED", 101, 2, "Decision maker"),
            DesiredLimit("0-3", "0-1", "HUBSPOT_DEFINED", 3, 5),
        ],
        ("2-77", "0-2"): [DesiredLimit("2-77", "0-2", "WORK", 9, 1)],
    }
    text = render_desired_state(limits, fmt)  # type: ignore[arg-type]
    assert "from: deals" in text or '"from": "deals"' in text
    state = parse_desired_state(text, source="f", fmt=fmt)  # type: ignore[arg-type]
    assert set(state.limits) == {limit for items in limits.values() for limit in items}


def test_the_shipped_example_is_valid_against_the_shipped_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(yaml.safe_load(EXAMPLE.read_text()), schema())
    assert load_desired_state(EXAMPLE).limits
