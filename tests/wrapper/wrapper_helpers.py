"""Helpers for the wrapper's tests: HubSpot-shaped bodies and clients over httpx.MockTransport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
from hubspot_association_limits import AsyncLimitsClient, LimitsClient, RateLimitInfo, RetryPolicy
from hubspot_association_limits._call import Exchange

TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555"
BASE_URL = "https://api.hubapi.test"
CID = "c033cdaa-2c40-4a64-ae48-b4cec88dad24"
STAMP = "2026-03-02T10:15:30.123Z"
FAST = RetryPolicy(backoff_initial=0.001, backoff_max=0.001, locked_min_wait=0.001)

Handler = Callable[[httpx.Request], httpx.Response]


def batch_body(
    inputs: list[dict[str, Any]], errors: list[dict[str, Any]] | None = None, label: bool = True
) -> dict[str, Any]:
    """A create/update answer applying ``inputs`` (and reporting ``errors``)."""
    results = []
    for item in inputs:
        result = {
            "category": item["category"],
            "typeId": item["typeId"],
            "userEnforcedMaxToObjectIds": item["maxToObjectIds"],
        }
        if label:
            result["label"] = None
        results.append(result)
    body: dict[str, Any] = {
        "status": "COMPLETE",
        "results": results,
        "startedAt": STAMP,
        "completedAt": STAMP,
    }
    if errors:
        body["errors"] = errors
        body["numErrors"] = len(errors)
    return body


def item_error(type_id: int, message: str = "rejected") -> dict[str, Any]:
    """A 207 item error in HubSpot's shape (as in evidence/: ballerina-limits-update-invalid-type)."""
    return {
        "status": "error",
        "category": "VALIDATION_ERROR",
        "subCategory": "crm.associations.INVALID_ASSOCIATION_TYPE",
        "message": message,
        "context": {"type": [f"0-{type_id}"], "fromObjectType": ["DEAL"], "toObjectType": ["CONTACT"]},
    }


def error_body(category: str = "VALIDATION_ERROR", **extra: Any) -> dict[str, Any]:
    return {"status": "error", "message": "nope", "correlationId": CID, "category": category, **extra}


def rate_limited(policy: str = "TEN_SECONDLY_ROLLING") -> dict[str, Any]:
    return {
        "status": "error",
        "message": "limit",
        "errorType": "RATE_LIMIT",
        "correlationId": CID,
        "policyName": policy,
    }


def inputs_of(request: httpx.Request) -> list[dict[str, Any]]:
    return list(json.loads(request.content)["inputs"])


def sync_client(handler: Handler, **kwargs: Any) -> LimitsClient:
    kwargs.setdefault("retry", FAST)
    kwargs.setdefault("base_url", BASE_URL)
    return LimitsClient(TOKEN, http_client=httpx.Client(transport=httpx.MockTransport(handler)), **kwargs)


def async_client(handler: Handler, **kwargs: Any) -> AsyncLimitsClient:
    kwargs.setdefault("retry", FAST)
    kwargs.setdefault("base_url", BASE_URL)
    return AsyncLimitsClient(
        TOKEN, http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)), **kwargs
    )


class AsyncFacade:
    """An ``AsyncLimitsClient`` called like a ``LimitsClient``, so one test body covers both clients."""

    def __init__(self, client: AsyncLimitsClient) -> None:
        self._client = client
        self._runner = asyncio.Runner()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._client, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._runner.run(method(*args, **kwargs))

        return call

    def __enter__(self) -> AsyncFacade:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._runner.run(self._client.aclose())
        self._runner.close()


MakeClient = Callable[..., "LimitsClient | AsyncFacade"]


def facade_client(handler: Handler, **kwargs: Any) -> AsyncFacade:
    return AsyncFacade(async_client(handler, **kwargs))


def exchange_of(
    status: int, body: Any = None, *, replayed: bool = False, gave_up: str | None = None
) -> Exchange:
    """What one request came to, as a flow receives it: an answer of ``status`` with JSON ``body``."""
    response = httpx.Response(status) if body is None else httpx.Response(status, json=body)
    return Exchange(response, 1, RateLimitInfo(), replayed, gave_up)
