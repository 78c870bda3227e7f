"""Client contract: requests schemathesis generates from the spec (positive mode) go through the
wrapper to the mock, and every response the wrapper received is validated against the spec.

Generated object types are mostly strings HubSpot does not know; the wrapper refuses those (and limits
outside 1..10,000, negative type ids, duplicate keys) with ``InvalidInputError`` before sending
anything, and that must send nothing. So that most cases do reach the mock, two thirds of them are made
realistic: a real pair, limits folded into 1..10,000, type ids made non-negative, extra properties
and duplicates dropped; a label to rename or delete is created first and named (mostly) by its typeId,
so that the run reaches a success whatever the generated typeIds and whatever ran before.
The raw responses are captured by a response hook on the ``httpx`` client injected into the wrapper.
"""

from __future__ import annotations

import collections
import itertools
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hubspot_association_limits import LimitsClient, RetryPolicy, errors
from hubspot_association_limits.mock import MockConfig, running_mock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ._drivers import TOKEN
from ._machine import SEED_FILE
from ._run import UNLIMITED

SPEC = Path(__file__).resolve().parents[2] / "spec" / "association-limits.yaml"
SCHEMA = schemathesis.openapi.from_path(str(SPEC))
# Every operation: the limit ones and the label ones.
OPERATIONS = {op.ok().definition.raw["operationId"]: op.ok() for op in SCHEMA.get_all_operations()}
# The last path segment of a request names its operation (every other path is one pair); a label
# path's operation is its method.
BY_SUFFIX = {
    "all": "listAllLimits",
    "create": "createLimits",
    "update": "updateLimits",
    "purge": "purgeLimits",
}
LABEL_BY_METHOD = {"GET": "listLabels", "POST": "createLabel", "PUT": "updateLabel", "DELETE": "deleteLabel"}
REAL_PAIRS = [("deals", "contacts"), ("0-1", "0-2"), ("companies", "contacts")]
NO_RETRY = RetryPolicy(max_retries=0)  # no faults here; a retry would hide a status the spec must allow


def _operation_of(request: httpx.Request) -> str:
    if "/definitions/configurations/" not in request.url.path:
        return LABEL_BY_METHOD[request.method]
    return BY_SUFFIX.get(request.url.path.rsplit("/", 1)[-1], "getLimits")


def _label_type_id(value: Any, label: int | None) -> Any:
    # A realistic case names the label made for it (``label``) or, one time in four, a near miss: the
    # label's reverse type, which belongs to the other direction (404 on this one).
    if label is None:
        return value
    return label if abs(value) % 4 else label + 1


def _make_label(client: LimitsClient, operation_id: str, pair: tuple[str, str], serial: int) -> int | None:
    """For a realistic rename or delete, a fresh label on the pair; returns its forward typeId.
    (The seed's labels are too few to count on: a generated typeId rarely names one, and a delete
    earlier in the run may have removed it.)"""
    if operation_id not in ("updateLabel", "deleteLabel"):
        return None
    created = client.create_label(*pair, f"Contract case {serial}")
    return min(label.type_id for label in created.results)  # the forward type is created first


def _realistic(inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    unique: dict[tuple[str, int], dict[str, Any]] = {}
    for generated in inputs:
        # Only HubSpot's fields: the spec allows extra properties, the wrapper refuses them.
        item = {
            name: generated[name] for name in ("category", "typeId", "maxToObjectIds") if name in generated
        }
        item["typeId"] = abs(item["typeId"]) % 2**31
        if "maxToObjectIds" in item:
            item["maxToObjectIds"] = 1 + abs(item["maxToObjectIds"]) % 10_000
        unique.setdefault((item["category"], item["typeId"]), item)
    return list(unique.values())


def _call(
    client: LimitsClient, operation_id: str, case: Any, pair: tuple[str, str] | None, label: int | None
) -> None:
    if operation_id == "listAllLimits":
        client.list_all()
        return
    path = case.path_parameters or {}
    from_type, to_type = pair or (path["fromObjectType"], path["toObjectType"])
    if operation_id == "getLimits":
        client.get(from_type, to_type)
        return
    if operation_id.endswith("Label") or operation_id == "listLabels":
        _call_label(client, operation_id, case, from_type, to_type, label)
        return
    inputs = _realistic(case.body["inputs"]) if pair else case.body["inputs"]
    if operation_id == "purgeLimits":
        client.purge(from_type, to_type, inputs)
    else:
        method = client.create if operation_id == "createLimits" else client.update
        method(from_type, to_type, inputs)


def _call_label(
    client: LimitsClient, operation_id: str, case: Any, from_type: str, to_type: str, label: int | None
) -> None:
    if operation_id == "listLabels":
        client.labels(from_type, to_type)
    elif operation_id == "deleteLabel":
        type_id = _label_type_id(case.path_parameters["associationTypeId"], label)
        client.delete_label(from_type, to_type, type_id)
    elif operation_id == "createLabel":
        body = case.body
        client.create_label(
            from_type, to_type, body["label"], name=body["name"], inverse_label=body.get("inverseLabel")
        )
    else:
        body = case.body
        type_id = _label_type_id(body["associationTypeId"], label)
        client.update_label(
            from_type, to_type, type_id, body["label"], inverse_label=body.get("inverseLabel")
        )


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_every_response_the_wrapper_receives_conforms_to_the_spec(operation_id: str) -> None:
    operation = OPERATIONS[operation_id]
    captured: list[httpx.Response] = []
    validated: collections.Counter[int] = collections.Counter()
    serials = itertools.count()

    def capture(response: httpx.Response) -> None:
        response.read()  # validate_response needs a read body
        captured.append(response)

    with (
        running_mock(MockConfig(seed_file=SEED_FILE, **UNLIMITED)) as mock,
        httpx.Client(event_hooks={"response": [capture]}) as http,
        LimitsClient(TOKEN, base_url=mock.base_url, retry=NO_RETRY, http_client=http) as client,
    ):

        @given(
            case=operation.as_strategy(),
            pair=st.sampled_from(REAL_PAIRS),
            realistic=st.sampled_from([True, True, False]),
        )
        @settings(
            max_examples=40,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any, pair: tuple[str, str], realistic: bool) -> None:
            label = _make_label(client, operation_id, pair, next(serials)) if realistic else None
            captured.clear()  # only the operation under test: its own test validates createLabel
            try:
                _call(client, operation_id, case, pair if realistic else None, label)
            except errors.InvalidInputError:
                assert not captured, "the wrapper refused an input but sent a request anyway"
            except errors.HubSpotError:
                pass  # a typed error from a response: the response is validated below all the same
            for response in captured:
                OPERATIONS[_operation_of(response.request)].validate_response(response)
                validated[response.status_code] += 1

        run()

    # The run really reached the mock and validated answers, successes among them.
    assert sum(validated.values()) >= 10, validated
    assert any(200 <= status < 300 for status in validated), validated
