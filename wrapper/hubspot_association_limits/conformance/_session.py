"""The connection a run uses: the library's own token header, rate budget and HubSpot-aware retries.

Each request is one ``_call.request_flow`` driven by ``_call.exchange``, as each request of a client
call is: it takes a slot of the budget, tells the budget what the answer said, and retries as the
library would. POSTs are resent only when they certainly were not processed (a 429, a connection
that never opened): a label create sent twice would be a second label, and a recording must hold
what one request got.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Final

import attrs
import httpx

from .._auth import (
    _is_loopback,  # the library's own test of where a token may go in plain HTTP
    check_secure_url,
)
from .._call import Call, exchange, request_flow
from .._client import BASE_URL_ENV, DEFAULT_BASE_URL
from .._pacing import InProcessBudget, RateBudget
from .._redact import register_secret
from .._retry import RetryPolicy
from .._transport import GENERATED_PREFIX
from ._answers import Observed
from ._recording import Request
from ._templates import Bindings, render

__all__ = ["DEFAULT_PREFIX", "Session", "Target"]

DEFAULT_PREFIX: Final = GENERATED_PREFIX
_POLICY: Final = RetryPolicy()
_TIMEOUT: Final = httpx.Timeout(30.0, connect=5.0)


def _base_url(value: str | None) -> str:
    # As a client chooses it: the argument, else env HUBSPOT_BASE_URL, else HubSpot's.
    return (value or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")


def _api_prefix(value: str | None) -> str:
    return value or DEFAULT_PREFIX


@attrs.frozen
class Target:
    """The server a run talks to, and how.

    ``base_url``: None chooses as a client does (env ``HUBSPOT_BASE_URL``, else HubSpot's API).
    ``api_prefix``: None is the generated client's ``/crm/associations/v4``.
    ``budget``: the rate budget to share (default: a fresh ``InProcessBudget``, as a client has).
    ``transport``: the transport the requests go through (default: httpx's own); tests put faults here.
    """

    base_url: str = attrs.field(converter=_base_url)
    token: str = attrs.field(repr=False)
    api_prefix: str = attrs.field(default=DEFAULT_PREFIX, converter=_api_prefix)
    budget: RateBudget | None = None
    transport: httpx.BaseTransport | None = None

    @property
    def on_this_machine(self) -> bool:
        """Whether the server is on this machine (a mock, not a portal)."""
        return _is_loopback(httpx.URL(self.base_url).host)


class Session:
    """Sends a run's requests to one target."""

    def __init__(self, target: Target) -> None:
        check_secure_url(target.base_url)
        register_secret(target.token)
        self.target = target
        self._budget = target.budget if target.budget is not None else InProcessBudget()
        self._client = httpx.Client(
            base_url=target.base_url + target.api_prefix,
            headers={"Authorization": f"Bearer {target.token}"},
            transport=target.transport or httpx.HTTPTransport(),
            timeout=_TIMEOUT,
            follow_redirects=False,
            trust_env=False,
        )

    def send(self, request: Request, bindings: Bindings) -> Observed:
        """Send ``request`` with the run's bindings filled in, paced and retried as the library does.

        Raises Unbound before sending when a role it needs is not bound; the library's
        ``APIConnectionError`` when no answer came, and what its budget raises.
        """
        path = render(request.path, bindings)
        headers: Mapping[str, str] = {}
        content: bytes | None = None
        if request.body is not None:
            headers = {"Content-Type": "application/json"}
            value = render(request.body.value, bindings)
            content = (value if request.body.kind == "text" else json.dumps(value)).encode()

        def send() -> httpx.Response:
            return self._client.request(request.method, path, content=content, headers=headers)

        flow = request_flow(
            Call(_POLICY, self._budget), request.method, retry_posts=False, target=f"{request.method} {path}"
        )
        answer = exchange(flow, send, self._budget).response
        return Observed.of(answer.status_code, answer.headers, answer.content)

    def close(self) -> None:
        """Close the connections."""
        self._client.close()
