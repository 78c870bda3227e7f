"""``LimitsClient`` and ``AsyncLimitsClient``: the same five methods over the generated endpoint functions.

A call validates its inputs; for create, update and purge a flow of ``_batching`` decides the
chunks and the merge, and the client performs each step: it calls the generated function (the
transport retries and paces underneath), maps a non-2xx answer to a typed error and builds the
result from the generated model.
"""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Callable, Coroutine, Sequence
from functools import partial
from typing import Any, Final, Literal, TypeVar

import httpx
from hubspot_association_limits_api import Client
from hubspot_association_limits_api.api.limits import (
    create_limits,
    get_limits,
    list_all_limits,
    purge_limits,
    update_limits,
)
from hubspot_association_limits_api.types import Response

from ._auth import BearerAuth, OAuthCredentials, OAuthRefreshAuth, TokenRefresh, check_secure_url
from ._batching import (
    ChunkSent,
    Outcome,
    ReadPair,
    SendKeys,
    Step,
    arun,
    batch_flow,
    purge_flow,
    run,
)
from ._inputs import coerce_keys, coerce_limit_inputs, pair_ids
from ._labels import AsyncLabelMethods, LabelMethods
from ._logging import configure_from_env
from ._pacing import InProcessBudget, RateBudget
from ._responses import meta_of as _meta
from ._results import BatchResult, LimitsResult, PurgeResult
from ._retry import RetryPolicy
from ._transport import (
    GENERATED_PREFIX,
    AsyncClientTransport,
    AsyncRetryTransport,
    CallState,
    ClientTransport,
    RetryTransport,
    call_state,
)
from ._types import LimitInput
from ._wire import key_body, limit_body, read_batch, read_limits
from .errors import (
    APIConnectionError,
    APITimeoutError,
    HubSpotError,
    InvalidInputError,
    from_response,
)

__all__ = ["AsyncLimitsClient", "LimitsClient"]

DEFAULT_BASE_URL: Final = "https://api.hubapi.com"
TOKEN_ENV: Final = "HUBSPOT_ACCESS_TOKEN"
# Lets a program run unchanged against the mock (or a proxy) in CI, as OPENAI_BASE_URL does for openai.
BASE_URL_ENV: Final = "HUBSPOT_BASE_URL"
CONNECT_TIMEOUT: Final = 5.0

_T = TypeVar("_T")


def _timeout(timeout: float | httpx.Timeout) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    return httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout))


def _prefix(api_prefix: str) -> str:
    prefix = api_prefix.rstrip("/")
    if not prefix.startswith("/") or "?" in prefix or "#" in prefix:
        raise InvalidInputError(
            f"must be a path like '/crm/associations/v4', got {api_prefix!r}", field="api_prefix"
        )
    return prefix


def _base_url(base_url: str) -> str:
    # Only the shape is checked here; which schemes may carry the token is check_secure_url's call.
    url = httpx.URL(base_url)
    if not url.scheme or not url.host:
        raise InvalidInputError(
            f"must be an absolute URL like 'https://api.hubapi.com', got {base_url!r}", field="base_url"
        )
    return base_url.rstrip("/")


def _env_proxy(base_url: str) -> str | None:
    # The outer httpx client ignores the environment (trust_env=False) so that no proxy mount
    # bypasses our transport; the proxy, if any, goes inside it instead.
    url = httpx.URL(base_url)
    if urllib.request.proxy_bypass(url.host):
        return None
    return urllib.request.getproxies().get(url.scheme)


def _raise_for_status(response: Response[Any], state: CallState) -> None:
    """The one place a non-2xx answer becomes a typed error (with why it was not retried, as a note)."""
    status = int(response.status_code)
    if not 200 <= status < 300:
        error = from_response(status, response.headers, response.content)
        if state.gave_up:
            error.add_note(f"not retried: {state.gave_up} ({state.attempts} attempt(s))")
        raise error


class _Core:
    """Settings and the pure steps shared by the sync and async clients."""

    def __init__(
        self,
        *,
        access_token: str | None,
        base_url: str | None,
        api_prefix: str,
        timeout: float | httpx.Timeout,
        max_retries: int,
        retry: RetryPolicy | None,
        batch_size: int,
        budget: RateBudget | Literal[False] | None,
        auth: httpx.Auth | None,
        oauth: OAuthCredentials | None,
        on_token_refresh: Callable[[TokenRefresh], None] | None,
    ) -> None:
        configure_from_env()
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidInputError(f"must be a positive integer, got {batch_size!r}", field="batch_size")
        self.base_url = _base_url(base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL)
        self.api_prefix = _prefix(api_prefix)
        self.timeout = _timeout(timeout)
        self.policy = retry if retry is not None else RetryPolicy(max_retries=max_retries)
        self.batch_size = batch_size
        self.budget: RateBudget | None = InProcessBudget() if budget is None else (budget or None)
        self.auth = self._auth(access_token, auth, oauth, on_token_refresh)

    def _auth(
        self,
        access_token: str | None,
        auth: httpx.Auth | None,
        oauth: OAuthCredentials | None,
        on_token_refresh: Callable[[TokenRefresh], None] | None,
    ) -> httpx.Auth:
        check_secure_url(self.base_url)
        if auth is not None:
            return auth
        token = access_token or os.environ.get(TOKEN_ENV) or None
        if oauth is not None:
            return OAuthRefreshAuth(token, oauth, base_url=self.base_url, on_token_refresh=on_token_refresh)
        if token is None:
            raise InvalidInputError(
                f"no access token: pass access_token or set {TOKEN_ENV}", field="access_token"
            )
        return BearerAuth(token)

    def generated_client(self, transport: httpx.BaseTransport | httpx.AsyncBaseTransport) -> Client:
        return Client(
            base_url=self.base_url,
            timeout=self.timeout,
            follow_redirects=False,
            httpx_args={"transport": transport, "auth": self.auth, "trust_env": False},
        )

    def describe(self, name: str) -> str:
        return (
            f"{name}(base_url={self.base_url!r}, api_prefix={self.api_prefix!r}, "
            f"batch_size={self.batch_size}, max_retries={self.policy.max_retries})"
        )

    @staticmethod
    def chunk_sent(response: Response[Any], state: CallState, chunk: Sequence[LimitInput]) -> ChunkSent:
        part = read_batch(response, chunk, _meta(response, state))
        return ChunkSent(part.meta, part, state.replayed_after_ambiguous_failure)

    @staticmethod
    def limits(response: Response[Any], state: CallState) -> LimitsResult:
        return read_limits(response, _meta(response, state))


def _map_transport_error(error: httpx.TransportError, state: CallState) -> HubSpotError:
    attempts = f"after {state.attempts} attempt(s)"
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(f"HubSpot did not answer in time {attempts}: {type(error).__name__}")
    return APIConnectionError(f"could not reach HubSpot {attempts}: {type(error).__name__}: {error}")


class LimitsClient(LabelMethods):
    """HubSpot association-limit configurations, synchronously. Thread-safe; use as a context manager.

    ``access_token`` defaults to env ``HUBSPOT_ACCESS_TOKEN``, ``base_url`` to env ``HUBSPOT_BASE_URL``,
    then ``https://api.hubapi.com``. ``budget=None`` paces with an
    ``InProcessBudget`` of this client, ``budget=False`` disables pacing. ``http_client``: requests
    are sent through its ``send()`` (its transport, proxies, hooks); its base URL, default headers
    and cookies are not used, and it is not closed by this client.
    """

    def __init__(
        self,
        access_token: str | None = None,
        *,
        base_url: str | None = None,
        api_prefix: str = GENERATED_PREFIX,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        retry: RetryPolicy | None = None,
        batch_size: int = 100,
        budget: RateBudget | Literal[False] | None = None,
        http_client: httpx.Client | None = None,
        auth: httpx.Auth | None = None,
        oauth: OAuthCredentials | None = None,
        on_token_refresh: Callable[[TokenRefresh], None] | None = None,
    ) -> None:
        self._core = _Core(
            access_token=access_token,
            base_url=base_url,
            api_prefix=api_prefix,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            batch_size=batch_size,
            budget=budget,
            auth=auth,
            oauth=oauth,
            on_token_refresh=on_token_refresh,
        )
        inner: httpx.BaseTransport = (
            ClientTransport(http_client)
            if http_client is not None
            else httpx.HTTPTransport(proxy=_env_proxy(self._core.base_url))
        )
        transport = RetryTransport(
            inner, policy=self._core.policy, api_prefix=self._core.api_prefix, budget=self._core.budget
        )
        self._transport = transport
        self._generated = self._core.generated_client(transport)
        self._http = self._generated.get_httpx_client()

    def __repr__(self) -> str:
        return self._core.describe(type(self).__name__)

    def __enter__(self) -> LimitsClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections this client opened (not an injected ``http_client``)."""
        self._http.close()

    def _call(
        self, send: Callable[[], Response[_T]], retry: RetryPolicy | None
    ) -> tuple[Response[_T], CallState]:
        state = CallState(retry or self._core.policy)
        token = call_state.set(state)
        try:
            response = send()
        except HubSpotError:
            raise
        except httpx.TransportError as error:
            raise _map_transport_error(error, state) from error
        finally:
            call_state.reset(token)
        _raise_for_status(response, state)
        return response, state

    def _perform(self, from_id: str, to_id: str, retry: RetryPolicy | None, step: Step) -> Outcome:
        """One step of a batch flow, over the wire."""
        if isinstance(step, ReadPair):
            return self.get(from_id, to_id, retry=retry)
        if isinstance(step, SendKeys):
            body = key_body(step.chunk)
            response, state = self._call(
                partial(purge_limits.sync_detailed, from_id, to_id, client=self._generated, body=body), retry
            )
            return ChunkSent(_meta(response, state))
        endpoint = create_limits if step.operation == "create" else update_limits
        response, state = self._call(
            partial(
                endpoint.sync_detailed,
                from_id,
                to_id,
                client=self._generated,
                body=limit_body(step.chunk),
            ),
            retry,
        )
        return self._core.chunk_sent(response, state, step.chunk)

    def create(
        self,
        from_object_type: str,
        to_object_type: str,
        inputs: Sequence[object],
        *,
        retry: RetryPolicy | None = None,
    ) -> BatchResult:
        """Set limits on association types that have none yet (201, or 207 with per-input ``errors``)."""
        items = coerce_limit_inputs(inputs)
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        return run(
            batch_flow("create", items, self._core.batch_size), partial(self._perform, from_id, to_id, retry)
        )

    def update(
        self,
        from_object_type: str,
        to_object_type: str,
        inputs: Sequence[object],
        *,
        retry: RetryPolicy | None = None,
    ) -> BatchResult:
        """Change existing limits (200, or 207 with per-input ``errors``)."""
        items = coerce_limit_inputs(inputs)
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        return run(
            batch_flow("update", items, self._core.batch_size), partial(self._perform, from_id, to_id, retry)
        )

    def purge(
        self,
        from_object_type: str,
        to_object_type: str,
        keys: Sequence[object],
        *,
        retry: RetryPolicy | None = None,
    ) -> PurgeResult:
        """Remove custom limits, restoring HubSpot's defaults (204 empty or 200 JSON)."""
        items = coerce_keys(keys)
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        return run(purge_flow(items, self._core.batch_size), partial(self._perform, from_id, to_id, retry))

    def get(
        self, from_object_type: str, to_object_type: str, *, retry: RetryPolicy | None = None
    ) -> LimitsResult:
        """The limits configured from one object type to another."""
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        response, state = self._call(
            lambda: get_limits.sync_detailed(from_id, to_id, client=self._generated), retry
        )
        return self._core.limits(response, state)

    def list_all(self, *, retry: RetryPolicy | None = None) -> LimitsResult:
        """Every limit configured in the portal (not paginated)."""
        response, state = self._call(lambda: list_all_limits.sync_detailed(client=self._generated), retry)
        return self._core.limits(response, state)


class AsyncLimitsClient(AsyncLabelMethods):
    """The async twin of ``LimitsClient`` (same arguments, same methods, awaitable); use ``async with``."""

    def __init__(
        self,
        access_token: str | None = None,
        *,
        base_url: str | None = None,
        api_prefix: str = GENERATED_PREFIX,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        retry: RetryPolicy | None = None,
        batch_size: int = 100,
        budget: RateBudget | Literal[False] | None = None,
        http_client: httpx.AsyncClient | None = None,
        auth: httpx.Auth | None = None,
        oauth: OAuthCredentials | None = None,
        on_token_refresh: Callable[[TokenRefresh], None] | None = None,
    ) -> None:
        self._core = _Core(
            access_token=access_token,
            base_url=base_url,
            api_prefix=api_prefix,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            batch_size=batch_size,
            budget=budget,
            auth=auth,
            oauth=oauth,
            on_token_refresh=on_token_refresh,
        )
        inner: httpx.AsyncBaseTransport = (
            AsyncClientTransport(http_client)
            if http_client is not None
            else httpx.AsyncHTTPTransport(proxy=_env_proxy(self._core.base_url))
        )
        transport = AsyncRetryTransport(
            inner, policy=self._core.policy, api_prefix=self._core.api_prefix, budget=self._core.budget
        )
        self._transport = transport
        self._generated = self._core.generated_client(transport)
        self._http = self._generated.get_async_httpx_client()

    def __repr__(self) -> str:
        return self._core.describe(type(self).__name__)

    async def __aenter__(self) -> AsyncLimitsClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections this client opened (not an injected ``http_client``)."""
        await self._http.aclose()

    async def _call(
        self, send: Callable[[], Coroutine[Any, Any, Response[_T]]], retry: RetryPolicy | None
    ) -> tuple[Response[_T], CallState]:
        state = CallState(retry or self._core.policy)
        token = call_state.set(state)
        try:
            response = await send()
        except HubSpotError:
            raise
        except httpx.TransportError as error:
            raise _map_transport_error(error, state) from error
        finally:
            call_state.reset(token)
        _raise_for_status(response, state)
        return response, state

    async def _perform(self, from_id: str, to_id: str, retry: RetryPolicy | None, step: Step) -> Outcome:
        """One step of a batch flow, over the wire."""
        if isinstance(step, ReadPair):
            return await self.get(from_id, to_id, retry=retry)
        if isinstance(step, SendKeys):
            body = key_body(step.chunk)
            response, state = await self._call(
                partial(purge_limits.asyncio_detailed, from_id, to_id, client=self._generated, body=body),
                retry,
            )
            return ChunkSent(_meta(response, state))
        endpoint = create_limits if step.operation == "create" else update_limits
        response, state = await self._call(
            partial(
                endpoint.asyncio_detailed,
                from_id,
                to_id,
                client=self._generated,
                body=limit_body(step.chunk),
            ),
            retry,
        )
        return self._core.chunk_sent(response, state, step.chunk)

    async def create(
        self,
        from_object_type: str,
        to_object_type: str,
        inputs: Sequence[object],
        *,
        retry: RetryPolicy | None = None,
    ) -> BatchResult:
        """Set limits on association types that have none yet (201, or 207 with per-input ``errors``)."""
        items = coerce_limit_inputs(inputs)
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        return await arun(
            batch_flow("create", items, self._core.batch_size), partial(self._perform, from_id, to_id, retry)
        )

    async def update(
        self,
        from_object_type: str,
        to_object_type: str,
        inputs: Sequence[object],
        *,
        retry: RetryPolicy | None = None,
    ) -> BatchResult:
        """Change existing limits (200, or 207 with per-input ``errors``)."""
        items = coerce_limit_inputs(inputs)
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        return await arun(
            batch_flow("update", items, self._core.batch_size), partial(self._perform, from_id, to_id, retry)
        )

    async def purge(
        self,
        from_object_type: str,
        to_object_type: str,
        keys: Sequence[object],
        *,
        retry: RetryPolicy | None = None,
    ) -> PurgeResult:
        """Remove custom limits, restoring HubSpot's defaults (204 empty or 200 JSON)."""
        items = coerce_keys(keys)
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        return await arun(
            purge_flow(items, self._core.batch_size), partial(self._perform, from_id, to_id, retry)
        )

    async def get(
        self, from_object_type: str, to_object_type: str, *, retry: RetryPolicy | None = None
    ) -> LimitsResult:
        """The limits configured from one object type to another."""
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        response, state = await self._call(
            lambda: get_limits.asyncio_detailed(from_id, to_id, client=self._generated), retry
        )
        return self._core.limits(response, state)

    async def list_all(self, *, retry: RetryPolicy | None = None) -> LimitsResult:
        """Every limit configured in the portal (not paginated)."""
        response, state = await self._call(
            lambda: list_all_limits.asyncio_detailed(client=self._generated), retry
        )
        return self._core.limits(response, state)
