"""Labels in limits-as-code: a portal's own label named by its label, looked up in the target portal with
one labels read per pair; a label the pair lacks (or has twice) stops the run before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from cli_support import DEMO_LIMITS, Cli, limits_of
from hubspot_association_limits import AssociationLabel
from hubspot_association_limits.cli._desired import (
    DesiredLimit,
    DesiredStateInvalid,
    FileProblem,
    parse_desired_state,
    render_desired_state,
)
from hubspot_association_limits.cli._label_plan import LabelAction, LabelChange, label_changes, resolve
from hubspot_association_limits.mock import MockServer

DEALS_CONTACTS = ("0-3", "0-1")
CONTACTS_DEALS = ("0-1", "0-3")
DEMO_LABELS = [
    AssociationLabel("HUBSPOT_DEFINED", 3, None),
    AssociationLabel("HUBSPOT_DEFINED", 4, "Primary"),
    AssociationLabel("USER_DEFINED", 101, "Decision maker"),
    AssociationLabel("USER_DEFINED", 102, "Budget holder"),
]


def _file(*items: str, labels: str | None = None, pair: tuple[str, str] = ("deals", "contacts")) -> str:
    text = f"limits:\n  - from: {pair[0]}\n    to: {pair[1]}\n"
    if labels is not None:
        text += f"    labels: {labels}\n"
    if items:
        text += "    associations:\n" + "".join(f"      - {item}\n" for item in items)
    return text


def _problems(text: str) -> list[FileProblem]:
    with pytest.raises(DesiredStateInvalid) as caught:
        parse_desired_state(text, source="f")
    return list(caught.value.problems)


# --- the file format -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "category"),
    [
        pytest.param("{label: Decision maker, max: 2}", "USER_DEFINED", id="category implied"),
        pytest.param(
            "{category: USER_DEFINED, label: Decision maker, max: 2}", "USER_DEFINED", id="category explicit"
        ),
        pytest.param(
            "{category: INTEGRATOR_DEFINED, label: Decision maker, max: 2}",
            "INTEGRATOR_DEFINED",
            id="another category",
        ),
    ],
)
def test_an_association_may_name_a_label_without_type_id(item: str, category: str) -> None:
    (limit,) = parse_desired_state(_file(item), source="f").limits
    assert (limit.category, limit.type_id, limit.label, limit.max_to_object_ids) == (
        category,
        None,
        "Decision maker",
        2,
    )
    assert (limit.path, limit.line) == (("limits", 0, "associations", 0), 5)


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        pytest.param(
            _file("{max: 2}"),
            "limits[0].associations[0]",
            "give category and typeId, or a label",
            id="neither typeId nor label",
        ),
        pytest.param(
            _file("{label: null, max: 2}"),
            "limits[0].associations[0]",
            "give category and typeId, or a label",
            id="a null label names nothing",
        ),
        pytest.param(
            _file("{typeId: 101, max: 2}"),
            "limits[0].associations[0].category",
            "a typeId needs its category",
            id="typeId without category",
        ),
        pytest.param(
            _file(
                "{label: Decision maker, max: 2}", "{category: USER_DEFINED, label: Decision maker, max: 1}"
            ),
            "limits[0].associations[1]",
            "label 'Decision maker' is listed twice (first on line 5)",
            id="the same label twice",
        ),
        pytest.param(
            _file("{label: ' Champion', max: 2}"),
            "limits[0].associations[0].label",
            "must not start or end with spaces",
            id="label syntax of a label-only entry",
        ),
        pytest.param(
            _file(labels="[{label: Champion}, {label: Champion}]"),
            "limits[0].labels[1]",
            "label 'Champion' is declared twice",
            id="a label declared twice",
        ),
        pytest.param(
            _file(labels="[{label: 'Champion '}]"),
            "limits[0].labels[0].label",
            "must not start or end with spaces",
            id="label syntax of a declaration",
        ),
        pytest.param(
            _file(labels='[{label: Champion, inverseLabel: "Cham\\tpion"}]'),
            "limits[0].labels[0].inverseLabel",
            "one line of text",
            id="label syntax of an inverse label",
        ),
        pytest.param(
            _file(labels="[{label: Champion, colour: red}]"),
            "limits[0].labels[0].colour",
            "unknown field 'colour'",
            id="unknown field in a declaration",
        ),
    ],
)
def test_label_forms_are_checked_offline(text: str, path: str, words: str) -> None:
    problems = _problems(text)
    assert [problem.json_path for problem in problems] == [path]
    assert words in problems[0].message


def test_declarations_are_read_with_their_pair() -> None:
    state = parse_desired_state(
        _file(labels="[{label: Champion, name: champ, inverseLabel: Championed by}, {label: Sponsor}]"),
        source="f",
    )
    assert [(label.pair, label.label, label.name, label.inverse_label) for label in state.labels] == [
        (DEALS_CONTACTS, "Champion", "champ", "Championed by"),
        (DEALS_CONTACTS, "Sponsor", None, None),
    ]
    assert state.managed_labels == {DEALS_CONTACTS}
    assert state.limits == ()  # associations may be left out


# --- resolution (pure) -----------------------------------------------------------------------------------


def _state(*items: str, labels: str | None = None) -> object:
    return parse_desired_state(_file(*items, labels=labels), source="limits.yaml")


@pytest.mark.parametrize(
    ("items", "portal", "type_ids"),
    [
        pytest.param(["{label: Decision maker, max: 2}"], DEMO_LABELS, [101], id="found"),
        pytest.param(
            ["{category: HUBSPOT_DEFINED, label: Primary, max: 1}"],
            DEMO_LABELS,
            [4],
            id="any category matches its own types",
        ),
        pytest.param(
            ["{category: USER_DEFINED, typeId: 102, max: 1}", "{label: Decision maker, max: 2}"],
            DEMO_LABELS,
            [102, 101],
            id="typeIds are kept",
        ),
    ],
)
def test_resolve_gives_each_label_its_type_id(
    items: list[str], portal: list[AssociationLabel], type_ids: list[int]
) -> None:
    state = parse_desired_state(_file(*items), source="f")
    resolved = resolve(state, {DEALS_CONTACTS: portal})
    assert [limit.type_id for limit in resolved.limits] == type_ids


@pytest.mark.parametrize(
    ("items", "portal", "words"),
    [
        pytest.param(
            ["{label: Champion, max: 2}"],
            DEMO_LABELS,
            "no USER_DEFINED label 'Champion' in deals -> contacts in the portal "
            "(the pair has: 'Budget holder', 'Decision maker'); declare it",
            id="missing: the pair's labels are listed",
        ),
        pytest.param(
            ["{label: Champion, max: 2}"],
            [],
            "(the pair has none)",
            id="missing on a pair without labels",
        ),
        pytest.param(
            ["{label: Decision maker, max: 2}"],
            [*DEMO_LABELS, AssociationLabel("USER_DEFINED", 150, "Decision maker")],
            "label 'Decision maker' matches 2 association types of deals -> contacts in the portal "
            "(typeIds 101, 150); name it by category and typeId",
            id="ambiguous",
        ),
        pytest.param(
            ["{category: USER_DEFINED, typeId: 101, max: 2}", "{label: Decision maker, max: 1}"],
            DEMO_LABELS,
            "label 'Decision maker' is USER_DEFINED typeId 101 in the portal, which another entry (line 5)",
            id="one type named twice, by typeId and by label",
        ),
    ],
)
def test_resolve_refuses_what_it_cannot_find_once(
    items: list[str], portal: list[AssociationLabel], words: str
) -> None:
    state = parse_desired_state(_file(*items), source="limits.yaml")
    with pytest.raises(DesiredStateInvalid) as caught:
        resolve(state, {DEALS_CONTACTS: portal})
    (problem,) = caught.value.problems
    assert words in problem.message
    assert (problem.file, problem.line) == ("limits.yaml", 4 + len(items))


def test_resolve_reports_every_missing_label_at_once() -> None:
    state = parse_desired_state(_file("{label: A, max: 1}", "{label: B, max: 1}"), source="f")
    with pytest.raises(DesiredStateInvalid) as caught:
        resolve(state, {DEALS_CONTACTS: DEMO_LABELS})
    assert [problem.line for problem in caught.value.problems] == [5, 6]


def test_a_label_the_plan_creates_resolves_later() -> None:
    state = parse_desired_state(_file("{label: Champion, max: 2}", labels="[{label: Champion}]"), source="f")
    changes = label_changes(state, {DEALS_CONTACTS: DEMO_LABELS})
    assert changes == (LabelChange(LabelAction.CREATE, "0-3", "0-1", "Champion"),)
    (limit,) = resolve(state, {DEALS_CONTACTS: DEMO_LABELS}, changes).limits
    assert limit.type_id is None


# --- export writes labels by label -----------------------------------------------------------------------


def test_render_writes_a_label_only_entry_without_category() -> None:
    limits = {DEALS_CONTACTS: [DesiredLimit("0-3", "0-1", "USER_DEFINED", None, 2, "Decision maker")]}
    document = yaml.safe_load(render_desired_state(limits))
    assert document["limits"][0]["associations"] == [{"label": "Decision maker", "max": 2}]


# --- against the mock ------------------------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "limits.yaml"
    path.write_text(text)
    return path


def _requests(mock: MockServer) -> int:
    count: int = mock.state()["stats"]["requests"]
    return count


TWICE_SEED = """
associationTypes:
  - {fromObjectType: 0-3, toObjectType: 0-1, category: USER_DEFINED, typeId: 101, label: Decision maker}
  - {fromObjectType: 0-3, toObjectType: 0-1, category: USER_DEFINED, typeId: 102, label: Budget holder}
  - {fromObjectType: 0-3, toObjectType: 0-1, category: USER_DEFINED, typeId: 150, label: Decision maker}
limits:
  - {fromObjectType: 0-3, toObjectType: 0-1, category: HUBSPOT_DEFINED, typeId: 3, maxToObjectIds: 10}
  - {fromObjectType: 0-3, toObjectType: 0-1, category: USER_DEFINED, typeId: 101, maxToObjectIds: 2}
"""


@pytest.mark.parametrize("command", [["plan"], ["apply", "--yes"], ["--json", "plan"]])
@pytest.mark.parametrize(
    ("item", "words"),
    [
        pytest.param(
            "{label: Champion, max: 1}",
            "no USER_DEFINED label 'Champion' in deals -> contacts in the portal "
            "(the pair has: 'Budget holder', 'Decision maker')",
            id="missing",
        ),
        pytest.param(
            "{label: Decision maker, max: 1}",
            "label 'Decision maker' matches 2 association types of deals -> contacts in the portal "
            "(typeIds 101, 150)",
            id="ambiguous",
        ),
    ],
)
def test_a_label_error_exits_2_and_writes_nothing(
    cli: Cli, mock: MockServer, tmp_path: Path, command: list[str], item: str, words: str
) -> None:
    if "Decision maker" in item:
        seed = tmp_path / "seed.yaml"
        seed.write_text(TWICE_SEED)
        mock.configure(seed_file=str(seed))
    path = _write(
        tmp_path,
        _file("{category: HUBSPOT_DEFINED, typeId: 3, max: 4}", item, "{label: Budget holder, max: 1}"),
    )
    before_state, before = mock.state(), _requests(mock)
    result = cli(*command, str(path))
    assert result.exit_code == 2, result
    assert _requests(mock) - before == 1  # one labels read for the pair; no limit read, no write
    after = mock.state()
    assert (after["limits"], after["labels"]) == (before_state["limits"], before_state["labels"])
    assert limits_of(mock) == DEMO_LIMITS
    if "--json" in command:
        (problem,) = json.loads(result.stdout)["problems"]
        assert (problem["file"], problem["line"], problem["path"]) == (
            str(path),
            6,
            "limits[0].associations[1].label",
        )
        assert words in problem["message"]
    else:
        assert f"{path}:6: limits[0].associations[1].label: {words}" in result.stderr
        assert "1 problem found; nothing was written (the labels were only read)." in result.stderr


def test_plan_resolves_labels_in_the_portal(cli: Cli, mock: MockServer, tmp_path: Path) -> None:
    path = _write(
        tmp_path, _file("{category: HUBSPOT_DEFINED, typeId: 3, max: 10}", "{label: Decision maker, max: 2}")
    )
    result = cli("--json", "plan", str(path), "--detailed-exitcode")
    assert result.exit_code == 0, result
    (pair,) = json.loads(result.stdout)["plan"]["pairs"]
    assert [(item["typeId"], item["label"], item["action"]) for item in pair["items"]] == [
        (3, None, "unchanged"),
        (101, "Decision maker", "unchanged"),
    ]


def test_apply_sets_a_limit_named_by_label(cli: Cli, mock: MockServer, tmp_path: Path) -> None:
    path = _write(tmp_path, _file("{label: Budget holder, max: 1}"))
    result = cli("apply", "--yes", str(path))
    assert result.exit_code == 0, result
    assert limits_of(mock) == {**DEMO_LIMITS, ("0-3", "0-1", "USER_DEFINED", 102): 1}


@pytest.mark.parametrize(
    ("options", "entry"),
    [
        pytest.param([], {"label": "Decision maker", "max": 2}, id="by label"),
        pytest.param(
            ["--type-ids"],
            {"category": "USER_DEFINED", "typeId": 101, "label": "Decision maker", "max": 2},
            id="--type-ids keeps typeIds",
        ),
    ],
)
def test_export_writes_the_portals_labels_by_label(
    cli: Cli, tmp_path: Path, options: list[str], entry: dict[str, object]
) -> None:
    result = cli("export", *options)
    assert result.exit_code == 0, result
    (pair,) = yaml.safe_load(result.stdout)["limits"]
    assert pair["associations"] == [{"category": "HUBSPOT_DEFINED", "typeId": 3, "max": 10}, entry]
    path = _write(tmp_path, result.stdout)
    assert cli("plan", str(path), "--detailed-exitcode").exit_code == 0
