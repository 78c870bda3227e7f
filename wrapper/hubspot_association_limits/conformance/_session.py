"""The connection a run uses: the library's own auth, rate budget and HubSpot-aware retries.

POSTs are resent only when they certainly were not processed (a 429, a connection that never
opened): a label create sent twice would be a second label, and a recording must hold what one
request got.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Final

import attrs
import httpx

from .._auth import (
    BearerAuth,
    _is_loopback,  # the library's own test of where a token may go in plain HTTP
    check_secure_url,
)
from .._pacing import InProcessBudget, RateBudget
from .._retry import RetryPolicy
from .._transport import GENERATED_PREFIX, RetryTransport
from ._answers import Observed
from ._recording import Request
from ._templates import Bindings, render

__all__ = ["DEFAULT_PREFIX", "Session", "Target", "is_loopback"]

DEFAULT_PREFIX: Final = GENERATED_PREFIX
_POLICY: Final = RetryPolicy(retry_posts=False)
_TIMEOUT: Final = httpx.Timeout(30.0, connect=5.0)


def is_loopback(url: str) -> bool:
    """Whether ``url`` is a server on this machine (a mock, not a portal)."""
    return _is_loopback(httpx.URL(url).host)


@attrs.frozen
class Target:
    """The server a run talks to, and how.

    ``budget``: the rate budget to share (default: a fresh ``InProcessBudget``, as a client has).
    ``transport``: the transport under the library's retries (default: httpx's own); tests put
    faults here.
    """

    base_url: str
    token: str = attrs.field(repr=False)
    api_prefix: str = DEFAULT_PREFIX
    budget: RateBudget | None = None
    transport: httpx.BaseTransport | None = None


class Session:
    """Sends a run's requests to one target."""

    def __init__(self, target: Target) -> None:
        check_secure_url(target.base_url)
        self.target = target
        transport = RetryTransport(
            target.transport or httpx.HTTPTransport(),
            policy=_POLICY,
            budget=target.budget if target.budget is not None else InProcessBudget(),
        )
        self._client = httpx.Client(
            base_url=target.base_url.rstrip("/") + target.api_prefix,
            auth=BearerAuth(target.token),
            transport=transport,
            timeout=_TIMEOUT,
            follow_redirects=False,
            trust_env=False,
        )

    def send(self, request: Request, bindings: Bindings) -> Observed:
        """Send ``request`` with the run's bindings filled in; raises Unbound before sending when a
        role it needs is not bound, and httpx.TransportError when no answer came."""
        path = render(request.path, bindings)
        headers: Mapping[str, str] = {}
        content: bytes | None = None
        if request.body is not None:
            headers = {"Content-Type": "application/json"}
            value = render(request.body.value, bindings)
            content = (value if request.body.kind == "text" else json.dumps(value)).encode()
        response = self._client.request(request.method, path, content=content, headers=headers)
        return Observed.of(response.status_code, response.headers, response.content)

    def close(self) -> None:
        """Close the connections."""
        self._client.close()
