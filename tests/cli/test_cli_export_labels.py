"""Export is complete for labels: every limit "read all" lists is placed in its pair (the catalogue for
HubSpot's types, the labels of candidate pairs for the portal's own) or named in a warning; each exported
pair declares its labels, so the file can create them in another portal."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from cli_support import Cli, limits_of
from hubspot_association_limits.mock import MockServer

# A portal with labels on pairs nobody names: tickets -> companies (a label pair), the same label in both
# directions of deals <-> contacts, and a custom object's pair (found only when named).
SEED = """
associationTypes:
  - {fromObjectType: 0-3, toObjectType: 0-1, category: USER_DEFINED, typeId: 101, label: Decision maker}
  - {fromObjectType: 0-1, toObjectType: 0-3, category: USER_DEFINED, typeId: 102, label: Decision maker}
  - {fromObjectType: 0-5, toObjectType: 0-2, category: USER_DEFINED, typeId: 160, label: Escalation}
  - {fromObjectType: 0-5, toObjectType: 0-2, category: USER_DEFINED, typeId: 161, label: Unused}
  - {fromObjectType: 2-77, toObjectType: 0-1, category: USER_DEFINED, typeId: 170, label: Owner}
limits:
  - {fromObjectType: 0-3, toObjectType: 0-1, category: USER_DEFINED, typeId: 101, maxToObjectIds: 2}
  - {fromObjectType: 0-1, toObjectType: 0-3, category: USER_DEFINED, typeId: 102, maxToObjectIds: 3}
  - {fromObjectType: 0-5, toObjectType: 0-2, category: USER_DEFINED, typeId: 160, maxToObjectIds: 1}
  - {fromObjectType: 0-3, toObjectType: 0-2, category: HUBSPOT_DEFINED, typeId: 5, maxToObjectIds: 1}
  - {fromObjectType: 2-77, toObjectType: 0-1, category: USER_DEFINED, typeId: 170, maxToObjectIds: 4}
"""


def _seeded(mock: MockServer, tmp_path: Path, text: str = SEED, name: str = "seed.yaml") -> None:
    seed = tmp_path / name
    seed.write_text(text)
    mock.configure(seed_file=str(seed))


def _by_label(mock: MockServer) -> set[tuple[str, str, str | int, int]]:
    """The portal's limits, its own types by label: what must match across portals."""
    labels = {
        (i["fromObjectType"], i["toObjectType"], i["typeId"]): i["label"] for i in mock.state()["labels"]
    }
    return {(f, t, labels.get((f, t, i), i), m) for (f, t, _c, i), m in limits_of(mock).items()}


def _pairs(stdout: str) -> dict[tuple[str, str], dict[str, object]]:
    return {(entry["from"], entry["to"]): entry for entry in yaml.safe_load(stdout)["limits"]}


def test_every_limit_is_placed_or_named_in_a_warning(cli: Cli, mock: MockServer, tmp_path: Path) -> None:
    _seeded(mock, tmp_path)
    result = cli("export")
    assert result.exit_code == 0, result
    pairs = _pairs(result.stdout)
    assert pairs[("tickets", "companies")]["associations"] == [{"label": "Escalation", "max": 1}]
    assert pairs[("deals", "contacts")]["associations"] == [{"label": "Decision maker", "max": 2}]
    assert pairs[("contacts", "deals")]["associations"] == [{"label": "Decision maker", "max": 3}]
    assert pairs[("deals", "companies")]["associations"] == [
        {"category": "HUBSPOT_DEFINED", "typeId": 5, "label": "Primary", "max": 1}
    ]
    # not dropped: the custom object's limit is named, with the way to include it
    assert "1 limit(s) in the portal are in object-type pairs that were not read" in result.stderr
    assert "USER_DEFINED 170 'Owner'" in result.stderr
    named = _pairs(cli("export", "--pair", "2-77:contacts").stdout)
    assert named[("2-77", "contacts")]["associations"] == [{"label": "Owner", "max": 4}]


def test_each_exported_pair_declares_its_labels_once(cli: Cli, mock: MockServer, tmp_path: Path) -> None:
    _seeded(mock, tmp_path)
    pairs = _pairs(cli("export").stdout)
    # every label of the pair, with or without a limit
    assert pairs[("tickets", "companies")]["labels"] == [{"label": "Escalation"}, {"label": "Unused"}]
    # creating a label creates both directions: declared on the first pair only
    assert pairs[("contacts", "deals")]["labels"] == [{"label": "Decision maker"}]
    assert "labels" not in pairs[("deals", "contacts")]
    assert (
        "labels" not in pairs[("deals", "companies")]
    )  # no labels: no list (--prune-labels leaves it alone)


def test_export_round_trips_through_a_portal_without_the_labels(
    cli: Cli, mock: MockServer, tmp_path: Path
) -> None:
    _seeded(mock, tmp_path)
    exported = tmp_path / "exported.yaml"
    exported.write_text(cli("export").stdout)
    before = _by_label(mock)
    assert cli("plan", str(exported), "--detailed-exitcode", "--prune-labels").exit_code == 0

    _seeded(mock, tmp_path, "limits: []\n", "empty.yaml")  # another portal: no labels, no limits
    applied = cli("--json", "apply", "--yes", str(exported))
    assert applied.exit_code == 0, applied
    created = {(o["from"], o["to"], o["label"]) for o in json.loads(applied.stdout)["result"]["labels"]}
    assert created == {
        ("contacts", "deals", "Decision maker"),
        ("tickets", "companies", "Escalation"),
        ("tickets", "companies", "Unused"),
    }
    # the same limits, on the typeIds this portal gave the labels (the custom object's was not exported)
    assert _by_label(mock) == {limit for limit in before if limit[0] != "2-77"}
    assert cli("plan", str(exported), "--detailed-exitcode").exit_code == 0
