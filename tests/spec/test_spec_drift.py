"""scripts/spec-drift: clean against HubSpot's upstream documents (limits and labels, with the allow-list),
and every kind of drift is caught on a mutated copy of upstream."""

from __future__ import annotations

import copy
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from spec_paths import ALLOWLIST_PATH, LABELS_UPSTREAM_PATH, ROOT, UPSTREAM_PATH, load_spec_drift

drift = load_spec_drift()
BOTH = [str(UPSTREAM_PATH), str(LABELS_UPSTREAM_PATH)]

BASE = "/crm/associations/v4/definitions/configurations/{fromObjectType}/{toObjectType}"
CREATE = "POST /definitions/configurations/{fromObjectType}/{toObjectType}/batch/create"
UPDATE = "POST /definitions/configurations/{fromObjectType}/{toObjectType}/batch/update"
ARCHIVE = "POST /definitions/configurations/{fromObjectType}/{toObjectType}/batch/archive"
PURGE = "POST /definitions/configurations/{fromObjectType}/{toObjectType}/batch/purge"
GET_ALL = "GET /definitions/configurations/all"
LABELS = "/crm/associations/v4/{fromObjectType}/{toObjectType}/labels"
LIST_LABELS = "GET /{fromObjectType}/{toObjectType}/labels"
CREATE_LABEL = "POST /{fromObjectType}/{toObjectType}/labels"
UPDATE_LABEL = "PUT /{fromObjectType}/{toObjectType}/labels"
DELETE_LABEL = "DELETE /{fromObjectType}/{toObjectType}/labels/{associationTypeId}"
SCHEMAS = "components/schemas"
USER_CONFIG = "PublicAssociationDefinitionUserConfiguration"
CREATE_REQUEST = "PublicAssociationDefinitionConfigurationCreateRequest"
BATCH_201 = "BatchResponsePublicAssociationDefinitionUserConfiguration"


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        pytest.skip(f"{path} is absent")
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


@pytest.fixture(scope="module")
def upstream() -> dict[str, Any]:
    return _load(UPSTREAM_PATH)


@pytest.fixture(scope="module")
def labels_upstream() -> dict[str, Any]:
    return _load(LABELS_UPSTREAM_PATH)


def write(tmp_path: Path, limits: dict[str, Any], labels: dict[str, Any]) -> list[str]:
    """Both upstream documents as files; their paths, as the command line takes them."""
    paths = [tmp_path / "limits.json", tmp_path / "labels.json"]
    for path, doc in zip(paths, (limits, labels), strict=True):
        path.write_text(json.dumps(doc), encoding="utf-8")
    return [str(path) for path in paths]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = drift.main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def at(doc: dict[str, Any], path: str) -> Any:
    node: Any = doc
    for part in path.split("/"):
        node = node[part]
    return node


def schema(doc: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = doc["components"]["schemas"][name]
    return found


def _delete_operation(doc: dict[str, Any]) -> None:
    del doc["paths"][f"{BASE}/batch/purge"]


def _add_operation(doc: dict[str, Any]) -> None:
    doc["paths"][f"{BASE}/batch/archive"] = {"post": {"responses": {"204": {"description": "gone"}}}}


def _add_status(doc: dict[str, Any]) -> None:
    doc["paths"][f"{BASE}/batch/create"]["post"]["responses"]["409"] = {"description": "conflict"}


def _remove_status(doc: dict[str, Any]) -> None:
    del doc["paths"][f"{BASE}/batch/create"]["post"]["responses"]["207"]


def _remove_property(doc: dict[str, Any]) -> None:
    del schema(doc, USER_CONFIG)["properties"]["label"]


def _add_property(doc: dict[str, Any]) -> None:
    schema(doc, USER_CONFIG)["properties"]["inverseTypeId"] = {"type": "integer", "format": "int32"}


def _change_type(doc: dict[str, Any]) -> None:
    schema(doc, CREATE_REQUEST)["properties"]["typeId"] = {"type": "string"}


def _change_format(doc: dict[str, Any]) -> None:
    schema(doc, CREATE_REQUEST)["properties"]["maxToObjectIds"]["format"] = "int64"


def _require_more(doc: dict[str, Any]) -> None:
    schema(doc, USER_CONFIG)["required"].append("label")


def _require_less(doc: dict[str, Any]) -> None:
    schema(doc, CREATE_REQUEST)["required"].remove("maxToObjectIds")


def _add_enum_value(doc: dict[str, Any]) -> None:
    schema(doc, BATCH_201)["properties"]["status"]["enum"].append("FAILED")


def _remove_enum_value(doc: dict[str, Any]) -> None:
    schema(doc, CREATE_REQUEST)["properties"]["category"]["enum"].remove("WORK")


def _make_nullable(doc: dict[str, Any]) -> None:
    schema(doc, "PublicAssociationSpec")["properties"]["typeId"]["nullable"] = True


def _change_items(doc: dict[str, Any]) -> None:
    schema(doc, "StandardError")["properties"]["errors"]["items"] = {"type": "string"}


def _change_media(doc: dict[str, Any]) -> None:
    content = doc["paths"][f"{BASE}/batch/update"]["post"]["requestBody"]["content"]
    content["application/merge-patch+json"] = content.pop("application/json")


MUTATIONS = [
    pytest.param(_delete_operation, f"{PURGE}: extra operation", id="removed-operation"),
    pytest.param(_add_operation, f"{ARCHIVE}: missing operation", id="added-operation"),
    pytest.param(_add_status, f"{CREATE} response 409: missing status", id="added-status"),
    pytest.param(_remove_status, f"{CREATE} response 207: extra status", id="removed-status"),
    pytest.param(
        _remove_property,
        f"{GET_ALL} response 200 body.results[].label: extra property",
        id="removed-property",
    ),
    pytest.param(
        _add_property,
        f"{GET_ALL} response 200 body.results[].inverseTypeId: missing property",
        id="added-property",
    ),
    pytest.param(_change_type, f"{CREATE} request body.inputs[].typeId: type changed", id="changed-type"),
    pytest.param(
        _change_format, f"{CREATE} request body.inputs[].maxToObjectIds: format changed", id="changed-format"
    ),
    pytest.param(
        _require_more, f"{GET_ALL} response 200 body.results[].label: missing required", id="required-added"
    ),
    pytest.param(
        _require_less, f"{CREATE} request body.inputs[].maxToObjectIds: extra required", id="required-removed"
    ),
    pytest.param(
        _add_enum_value,
        f"{CREATE} response 201 body.status: missing enum value FAILED",
        id="added-enum-value",
    ),
    pytest.param(
        _remove_enum_value,
        f"{CREATE} request body.inputs[].category: extra enum value WORK",
        id="removed-enum-value",
    ),
    pytest.param(_make_nullable, f"{PURGE} request body.inputs[].typeId: missing nullable", id="nullable"),
    pytest.param(
        _change_items, f"{CREATE} response 207 body.errors[].errors[]: type changed", id="changed-items"
    ),
    pytest.param(
        _change_media, f"{UPDATE} request: missing media type application/merge-patch+json", id="media-type"
    ),
]


def _delete_label_operation(doc: dict[str, Any]) -> None:
    del doc["paths"][f"{LABELS}/{{associationTypeId}}"]


def _label_name_optional(doc: dict[str, Any]) -> None:
    schema(doc, "PublicAssociationDefinitionCreateRequest")["required"].remove("name")


def _label_gains_property(doc: dict[str, Any]) -> None:
    schema(doc, "AssociationSpecWithLabel")["properties"]["name"] = {"type": "string"}


def _update_answers_200(doc: dict[str, Any]) -> None:
    responses = doc["paths"][LABELS]["put"]["responses"]
    responses["200"] = responses.pop("204")


def _type_id_becomes_string(doc: dict[str, Any]) -> None:
    parameters = doc["paths"][f"{LABELS}/{{associationTypeId}}"]["delete"]["parameters"]
    next(p for p in parameters if p["name"] == "associationTypeId")["schema"] = {"type": "string"}


LABEL_MUTATIONS = [
    pytest.param(_delete_label_operation, f"{DELETE_LABEL}: extra operation", id="labels-removed-operation"),
    pytest.param(
        _label_name_optional,
        f"{CREATE_LABEL} request body.name: extra required",
        id="labels-required-removed",
    ),
    pytest.param(
        _label_gains_property,
        f"{LIST_LABELS} response 200 body.results[].name: missing property",
        id="labels-added-property",
    ),
    pytest.param(_update_answers_200, f"{UPDATE_LABEL} response 200: missing status", id="labels-status"),
    pytest.param(
        _type_id_becomes_string,
        f"{DELETE_LABEL} parameter path associationTypeId: type changed",
        id="labels-parameter-type",
    ),
]


@pytest.mark.parametrize(
    ("document", "mutate", "expected"),
    [pytest.param("limits", *p.values, id=p.id) for p in MUTATIONS]
    + [pytest.param("labels", *p.values, id=p.id) for p in LABEL_MUTATIONS],
)
def test_drift_is_caught(
    upstream: dict[str, Any],
    labels_upstream: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: str,
    mutate: Callable[[dict[str, Any]], None],
    expected: str,
) -> None:
    docs = {"limits": copy.deepcopy(upstream), "labels": copy.deepcopy(labels_upstream)}
    mutate(docs[document])
    code, out = run([*write(tmp_path, docs["limits"], docs["labels"]), "--json"], capsys)
    assert code == 1
    keys = [f"{item['location']}: {item['kind']}" for item in json.loads(out)["drift"]]
    assert expected in keys


def test_label_operations_need_the_labels_document(capsys: pytest.CaptureFixture[str]) -> None:
    # Strict on purpose: our label operations are not silently skipped when their upstream is missing.
    code, out = run([str(UPSTREAM_PATH), "--json"], capsys)
    assert code == 1
    assert sorted(f"{item['location']}: {item['kind']}" for item in json.loads(out)["drift"]) == sorted(
        f"{op}: extra operation" for op in (LIST_LABELS, CREATE_LABEL, UPDATE_LABEL, DELETE_LABEL)
    )


def test_an_operation_in_two_documents_is_an_input_error(
    upstream: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(write(tmp_path, upstream, upstream), capsys)
    assert code == 2 and "in two upstream documents" in out


def test_executable_is_clean_against_upstream() -> None:
    result = subprocess.run(
        [str(ROOT / "scripts" / "spec-drift"), *BOTH],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "UV_PROJECT_ENVIRONMENT": sys.prefix, "UV_NO_SYNC": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: 0 drift" in result.stdout
    assert "reason: " in result.stdout  # allowed findings are shown with their reasons


def test_every_allowed_finding_is_explained(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run([*BOTH, "--json"], capsys)
    report = json.loads(out)
    assert code == 0
    assert report["drift"] == [] and report["stale"] == []
    kinds = {item["kind"] for item in report["allowed"]}
    assert {"extra nullable", "extra status", "extra enum", "extra property"} <= kinds
    assert all(item["reason"] for item in report["allowed"])
    compared = {item["location"].split(" response")[0] for item in report["allowed"]}
    assert {LIST_LABELS, CREATE_LABEL, UPDATE_LABEL, DELETE_LABEL} <= compared


@pytest.mark.parametrize(
    "prefix", ["/crm/associations/v4", "/crm/v4/associations", "/crm/associations/2026-03"], ids=str
)
def test_every_version_prefix_matches(
    upstream: dict[str, Any],
    labels_upstream: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    prefix: str,
) -> None:
    paths = []
    for name, doc in (("limits", upstream), ("labels", labels_upstream)):
        moved = copy.deepcopy(doc)
        moved["paths"] = {p.replace("/crm/associations/v4", prefix): item for p, item in doc["paths"].items()}
        path = tmp_path / f"{name}.yaml"  # YAML is read too
        path.write_text(yaml.safe_dump(moved), encoding="utf-8")
        paths.append(str(path))
    code, out = run(paths, capsys)
    assert code == 0, out


@pytest.mark.parametrize(("scope", "code"), [(None, 0), ("", 1)], ids=["default-scope", "all-operations"])
def test_scope_leaves_out_other_families(
    upstream: dict[str, Any],
    labels_upstream: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    scope: str | None,
    code: int,
) -> None:
    # HubSpot's full associations document also has families we do not cover, such as the usage report.
    full = copy.deepcopy(upstream)
    full["paths"]["/crm/associations/v4/usage/high-usage-report/{userId}"] = {
        "post": {"responses": {"200": {"description": "report"}}}
    }
    argv = [*write(tmp_path, full, labels_upstream), "--json"] + ([] if scope is None else ["--scope", scope])
    result, out = run(argv, capsys)
    report = json.loads(out)
    assert result == code
    label = "POST /usage/high-usage-report/{userId}"
    if scope is None:
        assert report["ignored"] == [label]
    else:
        assert {"location": label, "kind": "missing operation", "detail": ""} in report["drift"]


def test_inlined_refs_are_no_drift(
    upstream: dict[str, Any],
    labels_upstream: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    inlined = copy.deepcopy(upstream)
    media = inlined["paths"][f"{BASE}/batch/create"]["post"]["requestBody"]["content"]["application/json"]
    body = copy.deepcopy(schema(upstream, "BatchInputPublicAssociationDefinitionConfigurationCreateRequest"))
    body["properties"]["inputs"]["items"] = copy.deepcopy(schema(upstream, CREATE_REQUEST))
    media["schema"] = body
    assert run(write(tmp_path, inlined, labels_upstream), capsys)[0] == 0


def test_stale_allowlist_entry_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    allowlist = tmp_path / "allow.yaml"
    stale = '  - {location: "GET /nowhere", kind: extra operation, reason: Gone long ago.}\n'
    allowlist.write_text(ALLOWLIST_PATH.read_text(encoding="utf-8") + stale, encoding="utf-8")
    code, out = run([*BOTH, "--allowlist", str(allowlist)], capsys)
    assert code == 1
    assert "STALE allow-list entries (1)" in out and "GET /nowhere: extra operation" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'allowed:\n  - {location: "* response 429", kind: extra status}\n',
            "must have location, kind and reason",
        ),
        (
            'allowed:\n  - {location: "* response 429", kind: extra status, reason: r, evidence: x}\n',
            "`evidence` must be a list of case ids",
        ),
        (
            'allowed:\n  - {location: "* response 429", kind: extra status, reason: ""}\n',
            "non-empty one-line",
        ),
        ("allowed: {}\n", "`allowed:` list"),
    ],
)
def test_bad_allowlist_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    allowlist = tmp_path / "allow.yaml"
    allowlist.write_text(text, encoding="utf-8")
    code, out = run([*BOTH, "--allowlist", str(allowlist)], capsys)
    assert code == 2
    assert message in out


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON or YAML"), ('{"openapi": "3.0.1"}', "no `paths` object")],
)
def test_bad_upstream_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "upstream.json"
    path.write_text(content, encoding="utf-8")
    code, out = run([str(path)], capsys)
    assert (code, message in out) == (2, True)


@pytest.fixture
def served_upstream() -> Iterator[str]:
    """The upstream files' folder over HTTP on 127.0.0.1, port picked by the OS."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(UPSTREAM_PATH.parent))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_upstream_by_url(served_upstream: str, capsys: pytest.CaptureFixture[str]) -> None:
    urls = [served_upstream + UPSTREAM_PATH.name, served_upstream + LABELS_UPSTREAM_PATH.name]
    assert run(urls, capsys)[0] == 0
    code, out = run([urls[0], served_upstream + "missing.json"], capsys)
    assert code == 2 and "404" in out


# --- the pure parts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "location", "matches"),
    [
        ("* body.results[].label", f"{GET_ALL} response 200 body.results[].label", True),
        ("* body.results[].label", f"{GET_ALL} response 200 body.results[].labels", False),
        ("* response 429", f"{CREATE} response 429", True),
        ("* response 429", f"{CREATE} response 4290", False),
        ("GET * response default", f"{CREATE} response default", False),
        ("* body.context{}", f"{CREATE} response default body.context{{}}", True),
    ],
)
def test_allow_entry_matching(pattern: str, location: str, matches: bool) -> None:
    entry = drift.AllowEntry(pattern, "extra nullable", "why")
    assert entry.matches(drift.Finding(location, "extra nullable")) is matches
    assert entry.matches(drift.Finding(location, "missing nullable")) is False


@pytest.mark.parametrize(
    "upstream_form",
    [
        {"type": ["string", "null"]},
        {"anyOf": [{"type": "string"}, {"type": "null"}]},
        {"oneOf": [{"$ref": "#/components/schemas/S"}, {"type": "null"}]},
        {"allOf": [{"$ref": "#/components/schemas/S"}], "nullable": True},
    ],
    ids=["3.1-type-list", "anyOf-null", "oneOf-ref-null", "allOf-nullable"],
)
def test_nullable_spellings_are_equivalent(upstream_form: dict[str, Any]) -> None:
    doc = {"components": {"schemas": {"S": {"type": "string"}}}}
    ours = {"type": "string", "nullable": True}
    assert list(drift.compare_schemas(doc, doc, ours, upstream_form, "x")) == []
    assert [f.kind for f in drift.compare_schemas(doc, doc, {"type": "string"}, upstream_form, "x")] == [
        "missing nullable"
    ]


def test_recursive_schemas_terminate() -> None:
    doc = {
        "components": {
            "schemas": {
                "Node": {
                    "type": "object",
                    "properties": {"next": {"$ref": "#/components/schemas/Node"}, "n": {"type": "integer"}},
                }
            }
        }
    }
    other = copy.deepcopy(doc)
    other["components"]["schemas"]["Node"]["properties"]["n"]["format"] = "int64"
    ref = {"$ref": "#/components/schemas/Node"}
    assert [str(f) for f in drift.compare_schemas(doc, other, ref, ref, "x")] == [
        "x.n: format changed (ours (none), upstream int64)"
    ]


def test_dangling_ref_is_an_input_error() -> None:
    with pytest.raises(drift.DriftInputError, match="dangling"):
        list(drift.compare_schemas({}, {}, {"$ref": "#/components/schemas/Nope"}, {}, "x"))


@pytest.mark.parametrize(
    ("upstream_form", "expected"),
    [
        ({"oneOf": [{"type": "string"}, {"type": "integer"}]}, []),
        (
            {"oneOf": [{"type": "string"}, {"type": "number"}]},
            ["x|1: type changed (ours integer, upstream number)"],
        ),
        (
            {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}]},
            ["x: variants changed (ours 2, upstream 3)"],
        ),
    ],
    ids=["same", "branch-type", "branch-count"],
)
def test_variants_compare_branch_by_branch(upstream_form: dict[str, Any], expected: list[str]) -> None:
    ours = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    assert [str(f) for f in drift.compare_schemas({}, {}, ours, upstream_form, "x")] == expected


def test_external_ref_is_an_input_error() -> None:
    with pytest.raises(drift.DriftInputError, match="only local"):
        drift.resolve({}, {"$ref": "other.yaml#/components/schemas/S"})
