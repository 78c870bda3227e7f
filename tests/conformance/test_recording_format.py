"""The recording file: documented, versioned, valid against its shipped JSON Schema, sanitised."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from hubspot_association_limits.conformance import (
    Recording,
    RecordingInvalid,
    Target,
    load,
    record,
    save,
    schema,
)
from hubspot_association_limits.conformance._record import origin_of
from hubspot_association_limits.conformance._recording import to_json
from hubspot_association_limits.mock import MockServer

from ._support import TOKEN, Change, Cli, Wire, edit, set_at

DOCS = Path(__file__).resolve().parents[2] / "docs" / "conformance.md"


def test_the_shipped_schema_is_a_valid_json_schema_and_a_recording_satisfies_it(recording: Recording) -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    document = to_json(recording)
    jsonschema.Draft202012Validator(schema()).validate(document)
    assert document["format"] == 1


def test_record_writes_recording_json_that_reads_back_as_written(
    fresh: MockServer, cli: Cli, tmp_path: Path
) -> None:
    code, out, err = cli.record(fresh, tmp_path, "--test-portal")
    assert code == 0, err
    file = tmp_path / "recording.json"
    assert out.strip() == f"Recorded 23 exchanges with mock (127.0.0.1) in {file}."
    assert "Nothing the run created is left in the portal." in err
    written = json.loads(file.read_text(encoding="utf-8"))
    assert to_json(load(tmp_path)) == written
    origin = written["origin"]
    assert (origin["server"], origin["host"], origin["apiPrefix"]) == (
        "mock",
        "127.0.0.1",
        "/crm/associations/v4",
    )
    recorded_at = datetime.datetime.fromisoformat(origin["recordedAt"])
    assert abs(datetime.datetime.now(datetime.UTC) - recorded_at) < datetime.timedelta(minutes=5)


def test_save_never_overwrites(recording: Recording, tmp_path: Path) -> None:
    save(recording, tmp_path)
    with pytest.raises(FileExistsError):
        save(recording, tmp_path)


def _echoing(request: httpx.Request, response: httpx.Response) -> httpx.Response:
    """A server whose refusals echo the token and the portal id."""
    if response.status_code != 400:
        return response
    body = response.json()
    body["message"] += f" (token {TOKEN}, portal 7654321)"
    body["portalId"] = 7654321
    return httpx.Response(400, headers=response.headers, json=body)


def test_nothing_private_or_portal_specific_reaches_the_file(portal: MockServer, tmp_path: Path) -> None:
    wire = Wire(alter=_echoing)
    save(record(Target(portal.base_url, TOKEN, transport=wire), run_id="rtest0003"), tmp_path)
    text = (tmp_path / "recording.json").read_text(encoding="utf-8")
    correlation_ids = {answer.headers["x-hubspot-correlation-id"] for *_, answer in wire.sent()}
    assigned = {
        item["typeId"]
        for method, path, _, answer in wire.sent()
        if method == "POST" and path.endswith("/labels") and answer.status_code == 200
        for item in answer.json()["results"]
    }
    leaks = [secret for secret in [TOKEN, "7654321", "rtest0003", *correlation_ids] if secret in text]
    assert leaks == []
    assert "Billing contact" not in text  # the portal's own label
    document = json.loads(text)
    user_defined = [
        item["typeId"]
        for exchange in document["exchanges"]
        for item in (exchange["response"].get("json") or {}).get("results", [])
        if item.get("category") == "USER_DEFINED"
    ]
    assert user_defined and all(
        isinstance(type_id, str) and type_id.startswith("$") for type_id in user_defined
    )
    assert not assigned & {int(n) for n in re.findall(r"\b\d{3}\b", text)}


@pytest.mark.parametrize(
    ("base_url", "server"),
    [
        ("https://api.hubapi.com", "hubspot"),
        ("https://api.hubapi.com:443", "hubspot"),
        ("https://api-eu1.hubapi.com", "hubspot"),
        ("http://127.0.0.1:8080", "mock"),
        ("http://localhost:8080", "mock"),
        ("http://[::1]:8080", "mock"),
        ("https://proxy.example.com", "other"),
        ("https://hubapi.com.example.com", "other"),
    ],
)
def test_the_origin_says_whether_it_was_hubspot_a_mock_or_another_server(base_url: str, server: str) -> None:
    now = datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.UTC)
    origin = origin_of(Target(base_url, TOKEN), now)
    assert (origin.server, origin.recorded_at) == (server, "2026-03-04T05:06:07Z")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (set_at("format", 2), "at format"),
        (set_at("origin/server", "prod"), "at origin/server"),
        (set_at("exchanges/0/response/headers/set-cookie", "a=b"), "at exchanges/0/response/headers"),
        (
            set_at("exchanges/0/response/headers/x-hubspot-correlation-id", "0c6a2b9e"),
            "at exchanges/0/response",
        ),
        (set_at("exchanges/1/operation", "deleteEverything"), "at exchanges/1/operation"),
        (set_at("exchanges/1/request/text", "x"), "at exchanges/1/request"),
        (set_at("exchanges", []), "at exchanges"),
    ],
)
def test_a_file_not_of_the_format_is_refused_saying_where(
    recording: Recording, tmp_path: Path, change: Change, where: str
) -> None:
    document = to_json(recording)
    change(document)
    (tmp_path / "recording.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(RecordingInvalid, match=f"not a format-1 recording: {where}"):
        load(tmp_path)


def _names(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = set(node.get("properties", {})) | set(node.get("required", []))
        return found | {name for value in node.values() for name in _names(value)}
    if isinstance(node, list):
        return {name for value in node for name in _names(value)}
    return set()


def test_the_docs_page_documents_every_field_of_the_format() -> None:
    page = DOCS.read_text(encoding="utf-8")
    undocumented = sorted(name for name in _names(schema()) if f"`{name}`" not in page)
    assert undocumented == []


def test_an_edited_recording_reads_back_with_its_edit(recording: Recording, tmp_path: Path) -> None:
    document = edit(to_json(recording), "refuse-unknown-object", set_at("response/status", 404))
    (tmp_path / "recording.json").write_text(json.dumps(document), encoding="utf-8")
    (exchange,) = [item for item in load(tmp_path).exchanges if item.step.id == "refuse-unknown-object"]
    assert exchange.response.status == 404
