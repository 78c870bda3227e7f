"""The spec fragment is valid OpenAPI, and the generated package has one module per operation and one
model per object schema, under the names the wrapper imports."""

from __future__ import annotations

import copy
import importlib
import re
from typing import Any

import pytest
from hubspot_association_limits_api import models
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

# operationId -> the tag, which names the generated package (api/<tag>/<snake(operationId)>.py).
OPERATIONS = {
    "createLimits": "limits",
    "updateLimits": "limits",
    "purgeLimits": "limits",
    "getLimits": "limits",
    "listAllLimits": "limits",
    "listLabels": "labels",
    "createLabel": "labels",
    "updateLabel": "labels",
    "deleteLabel": "labels",
}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_spec_validates(spec_doc: dict[str, Any]) -> None:
    validate(spec_doc)


@pytest.mark.parametrize(
    "break_it",
    [
        pytest.param(
            lambda d: d["paths"]["/crm/associations/v4/definitions/configurations/all"]["get"].pop(
                "responses"
            ),
            id="no responses",
        ),
        pytest.param(lambda d: d["components"]["schemas"]["TypeId"].update(type="int"), id="unknown type"),
    ],
)
def test_validator_rejects_a_broken_copy(spec_doc: dict[str, Any], break_it: Any) -> None:
    # Shows the validation above has teeth: the same call fails on a one-line break.
    broken = copy.deepcopy(spec_doc)
    break_it(broken)
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def test_operation_ids_are_the_nine_of_the_two_families(spec_doc: dict[str, Any]) -> None:
    found = {
        op["operationId"]: op["tags"][0]
        for item in spec_doc["paths"].values()
        for op in item.values()
        if "operationId" in op
    }
    assert found == OPERATIONS


@pytest.mark.parametrize(("operation_id", "tag"), OPERATIONS.items())
def test_each_operation_has_a_generated_module(operation_id: str, tag: str) -> None:
    module = importlib.import_module(f"hubspot_association_limits_api.api.{tag}.{_snake(operation_id)}")
    for function in ("sync_detailed", "sync", "asyncio_detailed", "asyncio"):
        assert callable(getattr(module, function, None)), f"{module.__name__}.{function}"


def test_each_schema_has_a_generated_model(spec_doc: dict[str, Any]) -> None:
    schemas = spec_doc["components"]["schemas"]
    expected = {
        name for name, schema in schemas.items() if schema.get("type") == "object" or "enum" in schema
    }
    missing = sorted(name for name in expected if not hasattr(models, name))
    assert missing == []
    assert {"AssociationCategory", "BatchStatus", "LimitConfiguration", "RateLimitError"} <= expected
    assert {"AssociationLabel", "LabelCollection", "LabelCreateInput", "LabelUpdateInput"} <= expected
