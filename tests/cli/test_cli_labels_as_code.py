"""Labels as code: a pair declares the labels it needs; plan shows the ones to create, apply creates them
before the limits that use them; labels are deleted only with --prune-labels, confirmed like apply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import DEMO_LIMITS, Cli, limits_of
from hubspot_association_limits import AssociationLabel
from hubspot_association_limits.cli import _app
from hubspot_association_limits.cli._desired import parse_desired_state
from hubspot_association_limits.cli._label_plan import LabelAction, LabelChange, label_changes
from hubspot_association_limits.mock import MockServer

DEALS_CONTACTS, CONTACTS_DEALS = ("0-3", "0-1"), ("0-1", "0-3")
DEMO = {
    DEALS_CONTACTS: [
        AssociationLabel("HUBSPOT_DEFINED", 3, None),
        AssociationLabel("USER_DEFINED", 101, "Decision maker"),
        AssociationLabel("USER_DEFINED", 102, "Budget holder"),
    ],
    CONTACTS_DEALS: [AssociationLabel("HUBSPOT_DEFINED", 4, None)],
}


def _entry(pair: tuple[str, str], labels: str | None, *items: str) -> str:
    text = f"  - from: {pair[0]}\n    to: {pair[1]}\n"
    if labels is not None:
        text += f"    labels: {labels}\n"
    if items:
        text += "    associations:\n" + "".join(f"      - {item}\n" for item in items)
    return text


def _file(*entries: str) -> str:
    return "limits:\n" + "".join(entries)


def create(pair: tuple[str, str], label: str, inverse: str | None = None) -> LabelChange:
    return LabelChange(LabelAction.CREATE, pair[0], pair[1], label, inverse_label=inverse)


def delete(pair: tuple[str, str], label: str, type_id: int) -> LabelChange:
    return LabelChange(LabelAction.DELETE, pair[0], pair[1], label, type_id=type_id)


@pytest.mark.parametrize(
    ("text", "prune", "changes"),
    [
        pytest.param(
            _file(_entry(("deals", "contacts"), "[{label: Champion}, {label: Decision maker}]")),
            False,
            [create(DEALS_CONTACTS, "Champion")],
            id="only the declared labels the portal lacks are created",
        ),
        pytest.param(
            _file(
                _entry(("deals", "contacts"), "[{label: Champion, inverseLabel: Championed by}]"),
                _entry(("contacts", "deals"), "[{label: Championed by}]"),
            ),
            False,
            [create(DEALS_CONTACTS, "Champion", "Championed by")],
            id="the reverse pair's label comes with the inverse label: created once",
        ),
        pytest.param(
            _file(_entry(("deals", "contacts"), "[{label: Decision maker}]")),
            True,
            [delete(DEALS_CONTACTS, "Budget holder", 102)],
            id="pruned: a label the pair's list does not name is deleted",
        ),
        pytest.param(
            _file(_entry(("deals", "contacts"), "[]", "{category: USER_DEFINED, typeId: 102, max: 1}")),
            True,
            [delete(DEALS_CONTACTS, "Decision maker", 101)],
            id="pruned: a label a limit names (by typeId or label) is kept",
        ),
        pytest.param(
            _file(_entry(("deals", "contacts"), None, "{label: Budget holder, max: 1}")),
            True,
            [],
            id="pruned: a pair without a labels: list is left alone",
        ),
        pytest.param(
            _file(_entry(("deals", "contacts"), "[{label: Decision maker}, {label: Budget holder}]")),
            True,
            [],
            id="never a rename: nothing to do when the names match",
        ),
        pytest.param(
            _file(_entry(("deals", "contacts"), "[{label: Decision-maker}, {label: Budget holder}]")),
            True,
            [create(DEALS_CONTACTS, "Decision-maker"), delete(DEALS_CONTACTS, "Decision maker", 101)],
            id="never a rename: a changed label is a new label (and a deletion only when pruning)",
        ),
    ],
)
def test_label_changes(text: str, prune: bool, changes: list[LabelChange]) -> None:
    assert list(label_changes(parse_desired_state(text, source="f"), DEMO, prune=prune)) == changes


# --- against the mock ------------------------------------------------------------------------------------

CHAMPION = _file(
    _entry(
        ("deals", "contacts"),
        "[{label: Champion, name: champion, inverseLabel: Championed by}]",
        "{category: HUBSPOT_DEFINED, typeId: 3, max: 10}",
        "{label: Champion, max: 1}",
    )
)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "limits.yaml"
    path.write_text(text)
    return path


def _labels(mock: MockServer) -> set[tuple[str, str, str]]:
    return {(item["fromObjectType"], item["toObjectType"], item["label"]) for item in mock.state()["labels"]}


def _type_id(mock: MockServer, pair: tuple[str, str], label: str) -> int:
    (type_id,) = [
        item["typeId"]
        for item in mock.state()["labels"]
        if (item["fromObjectType"], item["toObjectType"], item["label"]) == (*pair, label)
    ]
    return int(type_id)


def test_plan_shows_the_labels_to_create(cli: Cli, mock: MockServer, tmp_path: Path) -> None:
    path = _write(tmp_path, CHAMPION)
    before = _labels(mock)
    result = cli("plan", str(path), "--detailed-exitcode")
    assert result.exit_code == 3, result
    assert '+ create    label "Champion" (name champion, inverse "Championed by")' in result.stdout
    assert '+ create    USER_DEFINED (new label) "Champion": (default) -> 1' in result.stdout
    assert "labels: 1 to create, 0 to delete" in result.stdout
    assert _labels(mock) == before

    data = json.loads(cli("--json", "plan", str(path)).stdout)["plan"]
    assert data["pairs"][0]["labels"] == [
        {
            "action": "create",
            "label": "Champion",
            "name": "champion",
            "inverseLabel": "Championed by",
            "typeId": None,
        }
    ]
    assert data["label_summary"] == {"create": 1, "delete": 0}


def test_apply_creates_the_labels_then_their_limits(cli: Cli, mock: MockServer, tmp_path: Path) -> None:
    path = _write(tmp_path, CHAMPION)
    result = cli("--json", "apply", "--yes", str(path))
    assert result.exit_code == 0, result
    assert {("0-3", "0-1", "Champion"), ("0-1", "0-3", "Championed by")} <= _labels(mock)
    champion = _type_id(mock, DEALS_CONTACTS, "Champion")
    assert limits_of(mock) == {**DEMO_LIMITS, ("0-3", "0-1", "USER_DEFINED", champion): 1}
    data = json.loads(result.stdout)
    assert [(o["action"], o["label"], o["applied"]) for o in data["result"]["labels"]] == [
        ("create", "Champion", True)
    ]
    assert data["replan"]["label_summary"] == {"create": 0, "delete": 0}
    assert cli("plan", str(path), "--detailed-exitcode").exit_code == 0


PRUNE = _file(_entry(("deals", "contacts"), "[{label: Decision maker}]"))


def test_plan_says_what_deleting_a_label_does(cli: Cli, mock: MockServer, tmp_path: Path) -> None:
    path = _write(tmp_path, PRUNE)
    assert "delete" not in cli("plan", str(path)).stdout  # not without --prune-labels
    result = cli("plan", str(path), "--prune-labels")
    assert result.exit_code == 0, result
    assert (
        '- delete    label "Budget holder" (USER_DEFINED 102): deleting a label removes it from every '
        "record in the portal, and its limits"
    ) in result.stdout
    (change,) = json.loads(cli("--json", "plan", str(path), "--prune-labels").stdout)["plan"]["pairs"][0][
        "labels"
    ]
    assert (change["action"], change["typeId"]) == ("delete", 102)
    assert "every record" in change["warning"]


@pytest.mark.parametrize(
    ("terminal", "options", "answer", "code", "deleted"),
    [
        pytest.param(False, [], None, 2, False, id="not a terminal, no --yes: refused"),
        pytest.param(True, [], "n\n", 0, False, id="answered no"),
        pytest.param(True, [], "y\n", 0, True, id="answered yes"),
        pytest.param(False, ["--yes"], None, 0, True, id="--yes"),
    ],
)
def test_apply_deletes_labels_only_when_confirmed(
    cli: Cli,
    mock: MockServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
    options: list[str],
    answer: str | None,
    code: int,
    deleted: bool,
) -> None:
    monkeypatch.setattr(_app, "_stdin_is_terminal", lambda: terminal)
    path = _write(tmp_path, PRUNE)
    result = cli("apply", str(path), "--prune-labels", *options, input=answer)
    assert result.exit_code == code, result
    assert (("0-3", "0-1", "Budget holder") not in _labels(mock)) is deleted
    assert ("0-3", "0-1", "Decision maker") in _labels(mock)
    assert limits_of(mock) == DEMO_LIMITS


def test_a_label_that_cannot_be_created_holds_back_only_its_limits(
    cli: Cli, mock: MockServer, tmp_path: Path
) -> None:
    mock.configure(label_limit_per_pair=2)  # the demo pair has two labels: no room for a third
    path = _write(tmp_path, CHAMPION.replace("max: 10}", "max: 10}\n      - {label: Budget holder, max: 1}"))
    result = cli("--json", "apply", "--yes", str(path))
    assert result.exit_code == 1, result
    report = json.loads(result.stdout)["result"]
    ((label, applied),) = [(o["label"], o["applied"]) for o in report["labels"]]
    assert (label, applied) == ("Champion", False)
    outcomes = {(o["label"], o["applied"]) for o in report["outcomes"]}
    assert outcomes == {("Champion", False), ("Budget holder", True)}
    (held,) = [o["reason"] for o in report["outcomes"] if not o["applied"]]
    assert held == "not sent: the label 'Champion' does not exist (creating it failed)"
    assert limits_of(mock) == {**DEMO_LIMITS, ("0-3", "0-1", "USER_DEFINED", 102): 1}
