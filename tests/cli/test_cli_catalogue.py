"""The CLI over the whole catalogue: export finds limits in any HubSpot-defined pair, with one request."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import Cli, limits_of
from hubspot_association_limits import hubspot_defined_type, object_type_info
from hubspot_association_limits.mock import MockServer

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
    # The mock on this branch knows 13 HubSpot-defined types; the seed declares the others it needs.
    types = [
        {"fromObjectType": f, "toObjectType": t, "category": "HUBSPOT_DEFINED", "typeId": i, "label": label}
        for f, t, i, label in TYPES
    ]
    seeded = [
        {"fromObjectType": f, "toObjectType": t, "category": c, "typeId": i, "maxToObjectIds": m}
        for (f, t, c, i), m in EXPECTED.items()
    ]
    path.write_text(json.dumps({"associationTypes": types, "limits": seeded if limits else []}))
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
    assert requests == 1  # "read all"; the catalogue places every limit in its pair
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
