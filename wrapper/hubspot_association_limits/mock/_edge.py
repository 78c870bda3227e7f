"""HubSpot's edge in front of the mock's routes: auth, rate limits, latency, faults, and the
correlation and rate-limit headers on every response. Applies to HubSpot paths, never to /_mock/*."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any, Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._auth import bearer_token, check_token
from ._bodies import edge_html, error_body, new_correlation_id, rate_limit_body
from ._config import DEFAULT_PORTAL
from ._limits import DAILY_HEADERS
from ._runtime import Runtime

__all__ = ["APPLIED_THEN_FAILED", "CORRELATION_ID", "FAULT", "PORTAL", "ConnectionDropped", "edge"]

# Keys the edge puts into the ASGI scope for the routes.
CORRELATION_ID: Final = "hubspot_mock.correlation_id"
FAULT: Final = "hubspot_mock.fault"
PORTAL: Final = "hubspot_mock.portal"
APPLIED_THEN_FAILED: Final = "applied_then_failed"
DROP_CONNECTION: Final = "drop_connection"

_HTML_FAULTS: Final = frozenset({500, 502, 524})
_FAULT_MESSAGES: Final[Mapping[int, tuple[str, str]]] = {
    423: ("LOCKED", "The resource is locked by a concurrent change. Wait at least 2 seconds and retry."),
    477: ("MIGRATION_IN_PROGRESS", "This account is being migrated. Retry after the Retry-After delay."),
    503: ("SERVICE_UNAVAILABLE", "The service is temporarily unavailable."),
    504: ("GATEWAY_TIMEOUT", "The request timed out."),
    521: ("WEB_SERVER_DOWN", "The origin web server is down."),
}


class ConnectionDropped(ConnectionError):
    """Raised to drop a request when the server gives no access to its socket (not uvicorn)."""


async def edge(runtime: Runtime, routes: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """Serve one HubSpot-path request: refuse it, fault it, or pass it on to ``routes``."""
    correlation_id = new_correlation_id()
    scope[CORRELATION_ID] = correlation_id
    runtime.stats.request()
    config = runtime.config
    token = bearer_token(_header(scope, b"authorization"))
    failure = check_token(token, config.tokens)
    rate_headers: tuple[tuple[str, str], ...]
    if failure is not None:
        rate_headers = runtime.limiter.peek(token)
    else:
        assert token is not None
        decision = runtime.limiter.take(token)  # per token, so per portal: a token has one portal
        rate_headers = decision.headers
    if not config.daily_rate_limit_headers:
        rate_headers = tuple(header for header in rate_headers if header[0] not in DAILY_HEADERS)
    extra = [(name.encode(), value.encode()) for name, value in rate_headers]
    extra.append((b"x-hubspot-correlation-id", correlation_id.encode()))

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), *extra]
            runtime.stats.response(message["status"])
        await send(message)

    if failure is not None:
        body = error_body(correlation_id, failure.message, failure.category, context=failure.context)
        return await _send_json(send_with_headers, failure.status_code, body)
    if not decision.allowed:
        assert decision.policy_name is not None
        return await _send_json(send_with_headers, 429, rate_limit_body(correlation_id, decision.policy_name))
    if config.latency_ms:
        await asyncio.sleep(config.latency_ms / 1000)
    fault = runtime.faults.draw()
    if fault is not None:
        runtime.stats.fault()
    if fault == DROP_CONNECTION:
        return await _drop_connection(send)
    if fault is not None and fault != APPLIED_THEN_FAILED:
        return await _send_fault(send_with_headers, int(fault), correlation_id, config.retry_after_s)
    scope[FAULT] = fault
    assert token is not None  # check_token refuses a request without one
    scope[PORTAL] = DEFAULT_PORTAL if config.tokens is None else config.tokens[token].portal
    await routes(scope, receive, send_with_headers)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


async def send_body(send: Send, status: int, body: bytes, content_type: bytes, headers: list[Any]) -> None:
    """Send a complete response."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    await send_body(send, status, json.dumps(body).encode(), b"application/json;charset=utf-8", [])


async def _send_fault(send: Send, status: int, correlation_id: str, retry_after_s: int) -> None:
    if status in _HTML_FAULTS:
        return await send_body(send, status, edge_html(status).encode(), b"text/html; charset=utf-8", [])
    category, message = _FAULT_MESSAGES[status]
    headers = [(b"retry-after", str(retry_after_s).encode())] if status in (423, 477) else []
    body = json.dumps(error_body(correlation_id, message, category)).encode()
    await send_body(send, status, body, b"application/json;charset=utf-8", headers)


async def _drop_connection(send: Send) -> None:
    # ASGI has no "abort": reach uvicorn's protocol object behind its send() and close the socket, then
    # wait until uvicorn has noticed, so that it does not answer 500 on our behalf.
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        raise ConnectionDropped("fault: connection dropped")
    transport.close()
    for _ in range(100):
        if getattr(cycle, "disconnected", True):
            return
        await asyncio.sleep(0)
