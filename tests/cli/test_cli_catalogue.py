"""The CLI over the whole catalogue: export finds limits in any HubSpot-defined pair, with one request."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_support import Cli, limits_of
from hubspot_association_limits import hubspot_defined_type, object_type_info, object_types
from hubspot_association_limits.cli._desired import (
    DesiredStateInvalid,
    parse_desired_state,
    render_desired_state,
)
from hubspot_association_limits.cli._live import can_have_labels
from hubspot_association_limits.cli._pairs import parse_pairs
from hubspot_association_limits.cli._plan import diff
from hubspot_association_limits.cli._render import plan_view
from hubspot_association_limits.mock import MockServer
from rich.console import Console

PAIRS = 40


def _forty_pairs() -> list[tuple[str, str, int, str | None]]:
    """The first HubSpot-defined type of each of the first 40 pairs in the catalogue."""
    chosen: dict[tuple[str, str], tuple[str, str, int, str | None]] = {}
    for type_id in range(1, 2000):
        info = hubspot_defined_type(type_id)
        if info and (info.from_object_type, info.to_object_type) not in chosen:
            chosen[info.from_object_type, info.to_object_type] = (*info[1:3], type_id, info.label)
    return list(chosen.values())[:PAIRS]


TYPES = _forty_pairs()
EXPECTED = {(f, t, "HUBSPOT_DEFINED", type_id): 10 + n for n, (f, t, type_id, _) in enumerate(TYPES)}


def _name(object_id: str) -> str:
    info = object_type_info(object_id)
    assert info is not None
    return info.name


def _seed(path: Path, *, limits: bool) -> str:
    # The mock knows every HubSpot-defined type (the catalogue's); the seed only sets limits.
    seeded = [
        {"fromObjectType": f, "toObjectType": t, "category": c, "typeId": i, "maxToObjectIds": m}
        for (f, t, c, i), m in EXPECTED.items()
    ]
    path.write_text(json.dumps({"limits": seeded if limits else []}))
    return str(path)


def test_export_finds_forty_pairs_with_one_request_and_round_trips(
    cli: Cli, mock: MockServer, tmp_path: Path
) -> None:
    assert len({(f, t) for f, t, _, _ in TYPES}) == PAIRS
    mock.configure(seed_file=_seed(tmp_path / "portal.json", limits=True))
    assert limits_of(mock) == EXPECTED
    before = mock.state()["stats"]["requests"]
    exported = cli("export")
    requests = mock.state()["stats"]["requests"] - before
    assert exported.exit_code == 0, exported
    assert "warning" not in exported.stderr
    # "read all" (the catalogue places every limit in its pair), and the labels of each pair that can have
    # labels, for its labels: list
    assert requests == 1 + len([pair for pair in {(f, t) for f, t, _, _ in TYPES} if can_have_labels(pair)])
    for f, t, _, _ in TYPES:  # object types by name
        assert f"from: {_name(f)}\n  to: {_name(t)}\n" in exported.stdout
    path = tmp_path / "exported.yaml"
    path.write_text(exported.stdout)

    pruned = json.loads(cli("--json", "plan", str(path), "--prune").stdout)["plan"]
    assert pruned["summary"] == {"create": 0, "update": 0, "purge": 0, "unchanged": PAIRS}

    mock.configure(seed_file=_seed(tmp_path / "empty.json", limits=False))
    assert limits_of(mock) == {}
    applied = cli("--json", "apply", str(path), "--yes")
    assert applied.exit_code == 0, applied
    assert json.loads(applied.stdout)["result"]["applied"] == PAIRS
    assert limits_of(mock) == EXPECTED


def test_a_limit_whose_pair_is_unknown_is_named_in_every_output(
    cli: Cli, mock: MockServer, tmp_path: Path
) -> None:
    key = {"fromObjectType": "2-77", "toObjectType": "contacts", "category": "USER_DEFINED", "typeId": 150}
    seed = tmp_path / "seed.json"
    seed.write_text(
        json.dumps(
            {"associationTypes": [{**key, "label": "Owner"}], "limits": [{**key, "maxToObjectIds": 4}]}
        )
    )
    mock.configure(seed_file=str(seed))
    exported = cli("--json", "export")
    assert exported.exit_code == 0, exported
    assert "USER_DEFINED 150 'Owner'" in exported.stderr
    path = tmp_path / "exported.json"
    path.write_text(exported.stdout)
    plan = json.loads(cli("--json", "plan", str(path), "--prune").stdout)["plan"]
    assert [w for w in plan["warnings"] if "USER_DEFINED 150 'Owner'" in w]
    assert plan["summary"]["purge"] == 0  # not read, so not pruned either
    human = cli("plan", str(path), "--prune")
    assert "USER_DEFINED 150 'Owner'" in human.stdout


# (what a file or --pair says, the id sent, the name printed)
SPELLINGS = [
    *(pytest.param(info.name, info.id, info.name, id=info.name) for info in object_types()),
    *(pytest.param(info.singular, info.id, info.name, id=info.singular) for info in object_types()),
    *(pytest.param(info.id, info.id, info.name, id=info.id) for info in object_types()),
    pytest.param("Line-Items", "0-8", "line_items", id="any case, dash"),
    pytest.param("2-1234", "2-1234", "2-1234", id="custom object id"),
    pytest.param("p1234567_cars", "p1234567_cars", "p1234567_cars", id="fully qualified name"),
    pytest.param("0-999", "0-999", "0-999", id="a type HubSpot adds later, by id"),
]


def _one_pair(from_name: str, to_name: str = "contacts") -> str:
    # A portal's own label: any pair may have one, where a HubSpot-defined typeId belongs to one pair.
    return f"limits:\n  - from: {from_name}\n    to: {to_name}\n    associations:\n" + (
        "      - {category: USER_DEFINED, typeId: 3, max: 5}\n"
    )


@pytest.mark.parametrize(("spelled", "sent", "printed"), SPELLINGS)
def test_files_take_every_object_type_and_plans_and_exports_print_names(
    spelled: str, sent: str, printed: str
) -> None:
    for text, pair in ((_one_pair(spelled), (sent, "0-1")), (_one_pair("deals", spelled), ("0-3", sent))):
        desired = parse_desired_state(text, source="f.yaml")
        assert desired.pairs == (pair,)
        names = [
            printed if object_id == sent else {"0-1": "contacts", "0-3": "deals"}[object_id]
            for object_id in pair
        ]
        plan = diff(desired, {})
        assert plan.as_dict()["pairs"][0]["from"] == names[0]
        assert plan.as_dict()["pairs"][0]["to"] == names[1]
        console = Console(width=200, record=True)
        console.print(plan_view(plan, "t"))
        assert f"{names[0]} -> {names[1]}" in console.export_text()
        exported = render_desired_state({pair: desired.limits})
        assert f"from: {names[0]}\n  to: {names[1]}\n" in exported
        assert parse_desired_state(exported, source="e.yaml").pairs == (pair,)


@pytest.mark.parametrize(("spelled", "sent", "printed"), SPELLINGS)
def test_pair_option_takes_every_object_type(spelled: str, sent: str, printed: str) -> None:
    assert parse_pairs([f"{spelled}:deals", f"contacts:{spelled}"]) == [(sent, "0-3"), ("0-1", sent)]


@pytest.mark.parametrize(
    "spelled", ["contactz", "cars", "0-04", "2-", "p_cars", "p12_", "deals/0-1", "..", "p1 cars", "0-3?x"]
)
def test_what_cannot_be_an_object_type_is_a_file_problem(spelled: str) -> None:
    with pytest.raises(DesiredStateInvalid, match=re.escape(f"unknown object type '{spelled}'")):
        parse_desired_state(_one_pair(spelled), source="f.yaml")


@pytest.mark.parametrize(
    ("args", "exit_code", "words"),
    [
        pytest.param(["get", "leads", "contact"], 0, "leads -> contacts", id="a type outside the old twelve"),
        pytest.param(["get", "0-421", "0-2"], 0, "appointments -> companies", id="ids print as names"),
        pytest.param(["get", "2-77", "deals"], 0, "2-77 -> deals", id="custom object id"),
        pytest.param(["get", "p1234567_cars", "deals"], 1, "p1234567_cars", id="sent: the portal judges"),
        pytest.param(["get", "contactz", "deals"], 2, "unknown object type 'contactz'", id="typo"),
    ],
)
def test_commands_take_every_object_type(
    cli: Cli, mock: MockServer, args: list[str], exit_code: int, words: str
) -> None:
    result = cli(*args)
    assert result.exit_code == exit_code, result
    assert words in result.stdout + result.stderr
    assert mock.state()["stats"]["requests"] == (0 if exit_code == 2 else 1)
