"""scripts/update-upstream, pointed at local files only (never the network): cut, record, print the drift."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from spec_paths import ROOT

SCRIPT = ROOT / "scripts" / "update-upstream"
KEPT = ROOT / "spec" / "upstream"
SNAPSHOTS = ["hubspot-associations-schema-v4.upstream.json", "hubspot-associations-labels-v4.upstream.json"]
CREATE = "/crm/associations/v4/definitions/configurations/{fromObjectType}/{toObjectType}/batch/create"


def _published() -> dict[str, Any]:
    """The one published document the two kept snapshots were cut from: their union."""
    full: dict[str, Any] = {"paths": {}, "components": {}}
    for name in SNAPSHOTS:
        for key, value in json.loads((KEPT / name).read_text()).items():
            if key == "paths":
                full["paths"].update(value)
            elif key == "components":
                for section, items in value.items():
                    full["components"].setdefault(section, {}).update(items)
            else:
                full.setdefault(key, value)
    return full


def _without_create(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "paths": {path: item for path, item in doc["paths"].items() if path != CREATE}}


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("change", "exit_code", "report"),
    [
        (lambda doc: doc, 0, "ok: 0 drift"),
        (_without_create, 1, "POST /definitions/configurations/{fromObjectType}/{toObjectType}/batch/create"),
    ],
    ids=["unchanged", "operation-removed"],
)
@pytest.mark.parametrize("how", ["file-url", "env-path"])
def test_a_local_document_replaces_the_snapshots_and_the_drift_is_printed(
    tmp_path: Path, change: Any, exit_code: int, report: str, how: str
) -> None:
    source = tmp_path / "associations Schema.json"  # a space, as in HubSpot's path
    source.write_text(json.dumps(change(_published())))
    dest = tmp_path / "upstream"
    if how == "file-url":
        done = _run("--source", source.as_uri(), "--dest", str(dest))
    else:
        done = _run("--dest", str(dest), env={"HUBSPOT_UPSTREAM_SOURCE": str(source)})
    assert done.returncode == exit_code, done.stdout + done.stderr
    assert report in done.stdout
    if exit_code == 0:  # the cut of the unchanged document is byte for byte what is kept
        for name in SNAPSHOTS:
            ours, kept = json.loads((dest / name).read_text()), json.loads((KEPT / name).read_text())
            assert (ours["paths"], ours["components"]) == (kept["paths"], kept["components"])
    record = yaml.safe_load((dest / "SOURCE.yaml").read_text())
    assert record["repository"] == "HubSpot/HubSpot-public-api-spec-collection"
    assert record["commit"].startswith("unknown")
    assert (source.as_uri() if how == "file-url" else str(source)) in record["fetched_from"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read"), ('{"openapi": "3.0.1", "paths": {}}', "has no operation under")],
    ids=["missing-file", "no-operations"],
)
def test_a_bad_source_changes_nothing(tmp_path: Path, content: str | None, message: str) -> None:
    source = tmp_path / "doc.json"
    if content is not None:
        source.write_text(content)
    dest = tmp_path / "upstream"
    done = _run("--source", str(source), "--dest", str(dest))
    assert done.returncode == 2
    assert message in done.stderr
    assert not dest.exists() or not any(dest.iterdir())


def test_the_kept_source_record_names_the_published_document() -> None:
    record = yaml.safe_load((KEPT / "SOURCE.yaml").read_text())
    assert record["repository"] == "HubSpot/HubSpot-public-api-spec-collection"
    assert record["path"].endswith("/v4/associationsSchema.json")
    assert sorted(record["files"]) == sorted(SNAPSHOTS)
