"""Object types on the wire: known ones as ids, unknown ones unchanged, path-changing ones never.

HubSpot judges what it does not know. Every case runs against a scripted server that records the raw
request target, for the sync and async client.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hubspot_association_limits import ObjectType, errors
from wrapper_helpers import async_client, batch_body, error_body, sync_client

PREFIX = "/crm/associations/v4/definitions/configurations"
LIMIT = {"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": 5}
KEY = {"category": "HUBSPOT_DEFINED", "typeId": 3}

# (what the caller passes, the path segment HubSpot receives)
SENT = [
    pytest.param("contacts", "0-1", id="plural name"),
    pytest.param("lead", "0-136", id="singular name outside the old 12"),
    pytest.param("LINE-ITEMS", "0-8", id="any case, dash for underscore"),
    pytest.param(" deals ", "0-3", id="a known name with spaces is still its id"),
    pytest.param("0-421", "0-421", id="standard id"),
    pytest.param(ObjectType.PROJECTS, "0-970", id="constant"),
    pytest.param("0-999", "0-999", id="unknown 0-n passes"),
    pytest.param("2-123", "2-123", id="custom object id"),
    pytest.param("p1234567_cars", "p1234567_cars", id="fully qualified name"),
    pytest.param("widgets", "widgets", id="unknown plain name passes"),
    pytest.param("P1234567_Cars", "P1234567_Cars", id="unknown spelling passes unchanged"),
    pytest.param("café", "caf%C3%A9", id="non-ascii is percent-encoded, not refused"),
]

# Inputs that can never be an object type and would change the request path.
REFUSED = [
    pytest.param("", id="empty"),
    pytest.param("/", id="slash"),
    pytest.param("deals/0-1", id="slash inside"),
    pytest.param("0-3?x=1", id="query"),
    pytest.param("deals#x", id="fragment"),
    pytest.param("0%2D3", id="percent"),
    pytest.param("a\\b", id="backslash"),
    pytest.param("deals contacts", id="space inside"),
    pytest.param("p1_cars\t", id="tab"),
    pytest.param("..", id="dot-dot"),
    pytest.param(".", id="dot"),
    pytest.param("../all", id="dot-dot step"),
    pytest.param("p1_cars\x00", id="NUL"),
    pytest.param("p1_\x7fcars", id="DEL"),
    pytest.param("p1_\u200bcars", id="invisible format char"),
    pytest.param(None, id="None"),
    pytest.param(3, id="int"),
    pytest.param(b"deals", id="bytes"),
]

OPERATIONS: list[tuple[str, list[Any] | None]] = [
    ("get", None),
    ("create", [LIMIT]),
    ("update", [LIMIT]),
    ("purge", [KEY]),
]


def _answer(request: httpx.Request) -> httpx.Response:
    if request.method == "GET":
        return httpx.Response(200, json={"results": []})
    if request.url.path.endswith("/purge"):
        return httpx.Response(204)
    return httpx.Response(200, json=batch_body([LIMIT]))


def _call(
    operation: str,
    inputs: list[Any] | None,
    pair: tuple[Any, Any],
    is_async: bool,
    seen: list[str],
    answer: Callable[[httpx.Request], httpx.Response] = _answer,
) -> None:
    """Run one operation on one pair, recording in ``seen`` the raw request target the server got."""

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode("ascii"))
        return answer(request)

    args = (*pair,) if inputs is None else (*pair, inputs)
    if is_async:

        async def run() -> None:
            async with async_client(handler) as client:
                await getattr(client, operation)(*args)

        asyncio.run(run())
    else:
        with sync_client(handler) as client:
            getattr(client, operation)(*args)


def _suffix(operation: str) -> str:
    return {"get": "", "create": "/batch/create", "update": "/batch/update", "purge": "/batch/purge"}[
        operation
    ]


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(("operation", "inputs"), OPERATIONS, ids=[op for op, _ in OPERATIONS])
@pytest.mark.parametrize(("value", "wire"), SENT)
def test_object_types_reach_the_wire(
    value: str, wire: str, operation: str, inputs: list[Any] | None, is_async: bool
) -> None:
    seen: list[str] = []
    _call(operation, inputs, (value, "contacts"), is_async, seen)
    _call(operation, inputs, ("deals", value), is_async, seen)
    suffix = _suffix(operation)
    assert seen == [f"{PREFIX}/{wire}/0-1{suffix}", f"{PREFIX}/0-3/{wire}{suffix}"]


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(("operation", "inputs"), OPERATIONS, ids=[op for op, _ in OPERATIONS])
@pytest.mark.parametrize("value", REFUSED)
def test_path_changing_object_types_send_nothing(
    value: object, operation: str, inputs: list[Any] | None, is_async: bool
) -> None:
    for pair, field in (((value, "contacts"), "from_object_type"), (("deals", value), "to_object_type")):
        seen: list[str] = []
        with pytest.raises(errors.InvalidInputError) as caught:
            _call(operation, inputs, pair, is_async, seen)
        assert seen == []
        assert caught.value.field == field


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_hubspots_400_for_an_unknown_object_type_is_a_typed_error(is_async: bool) -> None:
    message = "Unable to infer object type from: widgets"
    seen: list[str] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={**error_body(), "message": message})

    with pytest.raises(errors.BadRequestError, match=message):
        _call("get", None, ("widgets", "contacts"), is_async, seen, answer=refuse)
    assert seen == [f"{PREFIX}/widgets/0-1"]  # sent once: a 400 is not retried
