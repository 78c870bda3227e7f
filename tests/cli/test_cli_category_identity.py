"""Category is part of every association type's identity, in every lookup of the CLI.

Real portals number their own labels from small numbers, which HubSpot's types use too: contacts ->
companies has HubSpot's "Primary" as HUBSPOT_DEFINED 1, and in this portal "Old label" is USER_DEFINED 1
(and "Billing contact" USER_DEFINED 3). Each lookup by label or typeId must tell them apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from cli_support import Cli, limits_of
from hubspot_association_limits import AssociationLabel, Limit
from hubspot_association_limits.cli._export import desired_limit
from hubspot_association_limits.mock import MockServer

CONTACTS_COMPANIES = ("0-1", "0-2")
SEED = """
firstLabelTypeId: 1
labels:
  - {fromObjectType: contacts, toObjectType: companies, label: Old label}        # USER_DEFINED 1 (and 2 back)
  - {fromObjectType: contacts, toObjectType: companies, label: Billing contact}  # USER_DEFINED 3 (and 4 back)
limits:
  - {fromObjectType: 0-1, toObjectType: 0-2, category: HUBSPOT_DEFINED, typeId: 1, maxToObjectIds: 1}
  - {fromObjectType: 0-1, toObjectType: 0-2, category: USER_DEFINED, typeId: 1, maxToObjectIds: 2}
"""
PRIMARY = ("0-1", "0-2", "HUBSPOT_DEFINED", 1)
OLD_LABEL = ("0-1", "0-2", "USER_DEFINED", 1)
BILLING = ("0-1", "0-2", "USER_DEFINED", 3)


@pytest.fixture
def colliding(mock: MockServer, tmp_path: Path) -> MockServer:
    seed = tmp_path / "colliding-seed.yaml"
    seed.write_text(SEED)
    mock.configure(seed_file=str(seed))
    assert limits_of(mock) == {PRIMARY: 1, OLD_LABEL: 2}
    return mock


def _file(tmp_path: Path, associations: str, labels: str | None = None) -> Path:
    declared = f"    labels: {labels}\n" if labels is not None else ""
    text = f"limits:\n  - from: contacts\n    to: companies\n{declared}    associations: {associations}\n"
    path = tmp_path / "limits.yaml"
    path.write_text(text)
    return path


def _plan(cli: Cli, path: Path, *options: str) -> list[tuple[str, str, int | None, int | None]]:
    result = cli("--json", "plan", str(path), *options)
    assert result.exit_code == 0, result
    pairs = json.loads(result.stdout)["plan"]["pairs"]
    return [(i["action"], i["category"], i["typeId"], i["new"]) for p in pairs for i in p["items"]]


@pytest.mark.parametrize(
    ("associations", "items"),
    [
        pytest.param(
            "[{label: Old label, max: 2}]",
            [("unchanged", "USER_DEFINED", 1, 2)],
            id="a portal label resolves to its own typeId",
        ),
        pytest.param(
            "[{category: HUBSPOT_DEFINED, label: Primary, max: 1}]",
            [("unchanged", "HUBSPOT_DEFINED", 1, 1)],
            id="HubSpot's label resolves in its category",
        ),
        pytest.param(
            "[{category: HUBSPOT_DEFINED, typeId: 1, max: 1}, {category: USER_DEFINED, typeId: 1, max: 3}]",
            [("unchanged", "HUBSPOT_DEFINED", 1, 1), ("update", "USER_DEFINED", 1, 3)],
            id="one typeId in two categories is two limits",
        ),
    ],
)
def test_plan_tells_types_with_one_typeid_apart(
    cli: Cli, colliding: MockServer, tmp_path: Path, associations: str, items: list[tuple]
) -> None:
    assert _plan(cli, _file(tmp_path, associations)) == items


def test_a_portal_label_is_never_found_among_hubspots_labels(
    cli: Cli, colliding: MockServer, tmp_path: Path
) -> None:
    # The portal has only HubSpot's "Primary": a USER_DEFINED "Primary" is not it.
    result = cli("plan", str(_file(tmp_path, "[{label: Primary, max: 1}]")))
    assert result.exit_code == 2, result
    assert "no USER_DEFINED label 'Primary' in contacts -> companies" in result.stderr
    assert "(the pair has: 'Billing contact', 'Old label')" in result.stderr


def test_prune_labels_deletes_a_label_whose_typeid_a_hubspot_type_shares(
    cli: Cli, colliding: MockServer, tmp_path: Path
) -> None:
    path = _file(
        tmp_path,
        "[{category: HUBSPOT_DEFINED, typeId: 1, max: 1}, {label: Billing contact, max: 1}]",
        labels="[{label: Billing contact}]",
    )
    result = cli("--json", "plan", str(path), "--prune-labels")
    assert result.exit_code == 0, result
    (pair,) = json.loads(result.stdout)["plan"]["pairs"]
    assert [(c["action"], c["label"], c["typeId"]) for c in pair["labels"]] == [("delete", "Old label", 1)]


def test_prune_purges_every_limit_that_shares_a_typeid(
    cli: Cli, colliding: MockServer, tmp_path: Path
) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("limits: []\n")
    assert sorted(_plan(cli, path, "--prune")) == [
        ("purge", "HUBSPOT_DEFINED", 1, None),
        ("purge", "USER_DEFINED", 1, None),
    ]
    assert cli("apply", str(path), "--prune", "--yes").exit_code == 0
    assert limits_of(colliding) == {}


def test_apply_sets_two_limits_that_share_a_typeid_in_one_batch(
    cli: Cli, colliding: MockServer, tmp_path: Path
) -> None:
    path = _file(tmp_path, "[{category: USER_DEFINED, typeId: 1, max: 3}, {label: Billing contact, max: 1}]")
    result = cli("--json", "apply", str(path), "--yes")
    assert result.exit_code == 0, result
    outcomes = json.loads(result.stdout)["result"]["outcomes"]
    assert sorted((o["category"], o["typeId"], o["applied"]) for o in outcomes) == [
        ("USER_DEFINED", 1, True),
        ("USER_DEFINED", 3, True),
    ]
    assert limits_of(colliding) == {PRIMARY: 1, OLD_LABEL: 3, BILLING: 1}


def test_export_round_trips_a_portal_whose_label_ids_collide(
    cli: Cli, colliding: MockServer, tmp_path: Path
) -> None:
    exported = cli("export")
    assert exported.exit_code == 0, exported
    (pair,) = yaml.safe_load(exported.stdout)["limits"]
    assert pair["associations"] == [
        {"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary", "max": 1},
        {"label": "Old label", "max": 2},
    ]
    path = tmp_path / "exported.yaml"
    path.write_text(exported.stdout)
    assert cli("plan", str(path), "--prune", "--prune-labels", "--detailed-exitcode").exit_code == 0


@pytest.mark.parametrize(
    ("limit", "category", "type_id", "label"),
    [
        pytest.param(
            Limit("HUBSPOT_DEFINED", 1, "Billing contact", 1),
            "HUBSPOT_DEFINED",
            1,
            "Billing contact",
            id="HubSpot's type keeps its typeId though a portal label has it and its text",
        ),
        pytest.param(
            Limit("USER_DEFINED", 1, "Billing contact", 2),
            "USER_DEFINED",
            None,
            "Billing contact",
            id="the label",
        ),
    ],
)
def test_export_names_only_the_portals_own_types_by_label(
    limit: Limit, category: str, type_id: int | None, label: str
) -> None:
    labels = [
        AssociationLabel("HUBSPOT_DEFINED", 1, "Primary"),
        AssociationLabel("USER_DEFINED", 1, "Billing contact"),
    ]
    exported = desired_limit(CONTACTS_COMPANIES, limit, labels, by_label=True)
    assert (exported.category, exported.type_id, exported.label) == (category, type_id, label)
