"""Every object schema of the spec round-trips through its generated model, for hypothesis-generated
bodies: Model.from_dict(body).to_dict() == body and Model.from_dict(m.to_dict()) == m; and every
documented response of every operation parses, through the generated sync_detailed, into its model.

Bodies come from schemathesis' generator (tooling-notes B4.2): each component schema is declared as the
request body of a synthetic operation, so the strategy honours $refs, required sets, enums and nullable."""

from __future__ import annotations

import datetime
import importlib
import uuid
from typing import Any

import httpx
import pytest
import schemathesis
import yaml
from hubspot_association_limits_api import Client, models
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spec_paths import SPEC_PATH

SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
OBJECT_SCHEMAS = sorted(name for name, schema in SCHEMAS.items() if schema.get("type") == "object")
ENUM_SCHEMAS = sorted(name for name, schema in SCHEMAS.items() if "enum" in schema)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def bodies(name: str) -> st.SearchStrategy[Any]:
    """Schema-valid JSON values for components.schemas[name] (tooling-notes B4.2 "response_payloads")."""
    synthetic = {
        "openapi": SPEC["openapi"],
        "info": {"title": "payloads", "version": "0"},
        "paths": {
            "/payload": {
                "post": {
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": {"schemas": SCHEMAS},
    }
    operation = schemathesis.openapi.from_dict(synthetic)["/payload"]["POST"]
    return operation.as_strategy().map(lambda case: case.body)


def canonical(schema: Any, value: Any) -> Any:
    """The value with date-times and uuids parsed, so "...Z" and "...+00:00" compare equal (the model
    writes datetime.isoformat(); the wire form may differ while meaning the same instant)."""
    while isinstance(schema, dict) and "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[1]]
    if isinstance(value, str) and schema.get("format") == "date-time":
        return datetime.datetime.fromisoformat(value)
    if isinstance(value, str) and schema.get("format") == "uuid":
        return uuid.UUID(value)
    if isinstance(value, list):
        return [canonical(schema.get("items", {}), item) for item in value]
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        return {
            key: canonical(properties.get(key, extra if isinstance(extra, dict) else {}), item)
            for key, item in value.items()
        }
    return value


@pytest.mark.parametrize("name", OBJECT_SCHEMAS)
def test_model_round_trips(name: str) -> None:
    model = getattr(models, name)
    schema = SCHEMAS[name]

    @given(body=bodies(name))
    @FAST
    def round_trip(body: dict[str, Any]) -> None:
        instance = model.from_dict(body)
        assert canonical(schema, instance.to_dict()) == canonical(schema, body)
        assert model.from_dict(instance.to_dict()) == instance

    round_trip()


def documented_responses() -> list[Any]:
    """(tag/operationId, status to send, schema name) for every response of the spec that has a body."""
    cases = []
    for item in SPEC["paths"].values():
        for operation in (op for op in item.values() if isinstance(op, dict) and "operationId" in op):
            operation_id = f"{operation['tags'][0]}/{operation['operationId']}"
            for status, response in operation["responses"].items():
                if "$ref" in response:
                    response = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
                if "content" not in response:
                    continue  # the 204s of purge, update and delete label
                name = response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
                sent = 400 if status == "default" else int(status)
                case_id = f"{operation['operationId']}-{status}"
                cases.append(pytest.param(operation_id, sent, name, id=case_id))
    return cases


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


@pytest.mark.parametrize(("operation_id", "status", "name"), documented_responses())
def test_every_documented_response_parses_into_its_model(operation_id: str, status: int, name: str) -> None:
    tag, operation_id = operation_id.split("/")
    endpoint = importlib.import_module(f"hubspot_association_limits_api.api.{tag}.{_snake(operation_id)}")
    model = getattr(models, name)
    key = {"category": "HUBSPOT_DEFINED", "typeId": 3}
    args: dict[str, Any] = {}
    path_args: tuple[Any, ...] = ("deals", "contacts")
    if operation_id in ("createLimits", "updateLimits"):
        args["body"] = models.LimitBatchInput.from_dict({"inputs": [{**key, "maxToObjectIds": 5}]})
    elif operation_id == "purgeLimits":
        args["body"] = models.KeyBatchInput.from_dict({"inputs": [key]})
    elif operation_id == "createLabel":
        args["body"] = models.LabelCreateInput(label="Decision maker", name="decision_maker")
    elif operation_id == "updateLabel":
        args["body"] = models.LabelUpdateInput(association_type_id=101, label="Buyer")
    elif operation_id == "deleteLabel":
        path_args = ("deals", "contacts", 101)
    elif operation_id == "listAllLimits":
        path_args = ()

    @given(payload=bodies(name))
    @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
    def parses(payload: Any) -> None:
        transport = httpx.MockTransport(lambda request: httpx.Response(status, json=payload))
        client = Client(base_url="https://api.hubapi.com", httpx_args={"transport": transport})
        parsed = endpoint.sync_detailed(*path_args, client=client, **args).parsed
        assert isinstance(parsed, model)
        assert canonical(SCHEMAS[name], parsed.to_dict()) == canonical(SCHEMAS[name], payload)

    parses()


@pytest.mark.parametrize("name", ENUM_SCHEMAS)
def test_enum_knows_every_spec_value(name: str) -> None:
    enum = getattr(models, name)
    assert sorted(member.value for member in enum) == sorted(SCHEMAS[name]["enum"])


@pytest.mark.parametrize(
    ("body", "date_field"),
    [
        (
            {
                "status": "COMPLETE",
                "results": [],
                "startedAt": "2026-03-02T10:15:30.123Z",
                "completedAt": "2026-03-02T10:15:30.456Z",
            },
            "startedAt",
        ),
        (
            {
                "status": "COMPLETE",
                "results": [],
                "startedAt": "2026-03-02T10:15:30+00:00",
                "completedAt": "2026-03-02T10:15:30+01:00",
            },
            "completedAt",
        ),
    ],
)
def test_canonical_keeps_instants_apart(body: dict[str, Any], date_field: str) -> None:
    # canonical() must only forgive notation: a different instant still compares unequal.
    schema = SCHEMAS["LimitBatchResult"]
    moved = {**body, date_field: "2026-03-02T11:15:30.999+00:00"}
    assert canonical(schema, body) != canonical(schema, moved)
    assert canonical(schema, models.LimitBatchResult.from_dict(body).to_dict()) == canonical(schema, body)
