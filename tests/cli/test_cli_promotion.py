"""The promotion flow: export limits-as-code from a sandbox portal, apply it to production, whose label
typeIds differ; production then matches the file and re-planning finds nothing to do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_support import Cli
from hubspot_association_limits.mock import MockConfig, MockServer, TokenConfig, running_mock

SANDBOX, PRODUCTION = "pat-na1-sandbox-SECRET-1", "pat-na1-production-SECRET-2"
# Two portals in one mock. The sandbox has labels (one paired, one on a pair no file names) and limits
# on them; production has neither, and numbers its labels from 250.
SEED = """
portals:
  sandbox:
    firstLabelTypeId: 101
    labels:
      - {fromObjectType: deals, toObjectType: contacts, label: Decision maker}
      - {fromObjectType: deals, toObjectType: contacts, label: Budget holder}
      - {fromObjectType: tickets, toObjectType: companies, label: Escalation contact}
    limits:
      - {fromObjectType: 0-3, toObjectType: 0-1, category: HUBSPOT_DEFINED, typeId: 3, maxToObjectIds: 5}
      - {fromObjectType: 0-3, toObjectType: 0-1, category: USER_DEFINED, typeId: 101, maxToObjectIds: 2}
      - {fromObjectType: 0-3, toObjectType: 0-1, category: USER_DEFINED, typeId: 103, maxToObjectIds: 1}
      - {fromObjectType: 0-1, toObjectType: 0-3, category: USER_DEFINED, typeId: 102, maxToObjectIds: 3}
      - {fromObjectType: 0-5, toObjectType: 0-2, category: USER_DEFINED, typeId: 105, maxToObjectIds: 1}
      - {fromObjectType: 0-3, toObjectType: 0-2, category: HUBSPOT_DEFINED, typeId: 5, maxToObjectIds: 1}
  production:
    firstLabelTypeId: 250
"""


@pytest.fixture
def portals(tmp_path: Path) -> Iterator[MockServer]:
    seed = tmp_path / "portals.yaml"
    seed.write_text(SEED)
    tokens = {SANDBOX: TokenConfig(portal="sandbox"), PRODUCTION: TokenConfig(portal="production")}
    with running_mock(MockConfig(seed_file=str(seed), tokens=tokens)) as server:
        yield server


def _portal(mock: MockServer, name: str) -> dict[str, Any]:
    state: dict[str, Any] = mock.state()["portals"][name]
    return state


def _by_label(portal: dict[str, Any]) -> set[tuple[str, str, str, str | int, int]]:
    """A portal's limits with its own types named by label: what must match across portals."""
    labels = {(i["fromObjectType"], i["toObjectType"], i["typeId"]): i["label"] for i in portal["labels"]}
    return {
        (
            i["fromObjectType"],
            i["toObjectType"],
            i["category"],
            labels.get(key, i["typeId"]),
            i["maxToObjectIds"],
        )
        for i in portal["limits"]
        if (key := (i["fromObjectType"], i["toObjectType"], i["typeId"]))
    }


def _type_ids(portal: dict[str, Any]) -> dict[tuple[str, str, str], int]:
    return {(i["fromObjectType"], i["toObjectType"], i["label"]): i["typeId"] for i in portal["labels"]}


def test_export_from_sandbox_apply_to_production_then_nothing_to_do(
    portals: MockServer, tmp_path: Path
) -> None:
    cli = Cli(portals)
    sandbox_before = _portal(portals, "sandbox")
    assert _portal(portals, "production")["limits"] == []

    exported = cli("export", token=SANDBOX)
    assert exported.exit_code == 0, exported
    assert "typeId: 101" not in exported.stdout  # the sandbox's label typeIds stay in the sandbox
    limits = tmp_path / "limits.yaml"
    limits.write_text(exported.stdout)
    assert cli("plan", str(limits), "--detailed-exitcode", token=SANDBOX).exit_code == 0

    planned = cli("plan", str(limits), "--detailed-exitcode", token=PRODUCTION)
    assert planned.exit_code == 3, planned
    assert planned.stdout.count("+ create    label") == 3
    assert _portal(portals, "production")["labels"] == []  # plan writes nothing

    applied = cli("apply", "--yes", str(limits), token=PRODUCTION)
    assert applied.exit_code == 0, applied
    assert "Nothing to do: the portal matches the file." in applied.stdout  # its re-plan

    production = _portal(portals, "production")
    assert _by_label(production) == _by_label(sandbox_before)
    sandbox_ids, production_ids = _type_ids(sandbox_before), _type_ids(production)
    assert sandbox_ids.keys() == production_ids.keys()
    assert all(production_ids[key] != sandbox_ids[key] for key in sandbox_ids)  # the typeIds differ
    assert _portal(portals, "sandbox") == sandbox_before  # the sandbox was only read

    replanned = cli("plan", str(limits), "--detailed-exitcode", token=PRODUCTION)
    assert replanned.exit_code == 0, replanned
    assert "Nothing to do: the portal matches the file." in replanned.stdout
