"""The transports under the httpx client: the API prefix rewrite and an injected client.

Retries and pacing are not here: they belong to the call (``_call``), which sees every request
of a call and owns its waiting. These only change where a request goes.
"""

from __future__ import annotations

from typing import Final

import httpx

__all__ = [
    "GENERATED_PREFIX",
    "AsyncClientTransport",
    "AsyncPrefixTransport",
    "ClientTransport",
    "PrefixTransport",
    "rewrite_prefix",
]

# The prefix the generated client writes in every path.
GENERATED_PREFIX: Final = "/crm/associations/v4"


def rewrite_prefix(url: httpx.URL, api_prefix: str) -> httpx.URL:
    """``url`` with the generated ``/crm/associations/v4`` replaced by ``api_prefix`` (first occurrence)."""
    if api_prefix == GENERATED_PREFIX:
        return url
    marker = (GENERATED_PREFIX + "/").encode()
    raw_path = url.raw_path
    index = raw_path.find(marker)
    if index < 0:
        return url
    new_path = raw_path[:index] + api_prefix.encode() + raw_path[index + len(GENERATED_PREFIX) :]
    return url.copy_with(raw_path=new_path)


class PrefixTransport(httpx.BaseTransport):
    """Sends each request to ``api_prefix`` (``/crm/v4/associations``, ``/crm/associations/2026-03``)."""

    def __init__(self, inner: httpx.BaseTransport, api_prefix: str) -> None:
        self._inner = inner
        self._api_prefix = api_prefix

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = rewrite_prefix(request.url, self._api_prefix)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


class AsyncPrefixTransport(httpx.AsyncBaseTransport):
    """The async twin of ``PrefixTransport``."""

    def __init__(self, inner: httpx.AsyncBaseTransport, api_prefix: str) -> None:
        self._inner = inner
        self._api_prefix = api_prefix

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.url = rewrite_prefix(request.url, self._api_prefix)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def _detached(response: httpx.Response, request: httpx.Request) -> httpx.Response:
    # The body is already decoded: drop the encoding headers so it is not decoded twice.
    headers = [
        (k, v)
        for k, v in response.headers.multi_items()
        if k.lower() not in ("content-encoding", "content-length")
    ]
    return httpx.Response(response.status_code, headers=headers, content=response.content, request=request)


class ClientTransport(httpx.BaseTransport):
    """Sends through a caller's ``httpx.Client`` (its transport, proxies, mounts, hooks and redirect setting).

    Its ``base_url``, default headers and cookies are not used: requests arrive complete. The
    caller owns that client; closing ours does not close it.
    """

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return _detached(self._client.send(request), request)


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """The async twin of ``ClientTransport``, for an injected ``httpx.AsyncClient``."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return _detached(await self._client.send(request), request)
