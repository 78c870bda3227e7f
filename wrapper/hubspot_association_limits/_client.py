"""``LimitsClient`` and ``AsyncLimitsClient``: the same nine methods, each a flow performed over the wire.

A method checks its arguments (``_inputs``, ``_labels``) and runs its flow (``_flow``):
``_batching`` for create, update and purge, ``_labels`` for create_label and delete_label, one
request for the reads and the rename. The client performs each step the flow yields: ``_request``
names the generated endpoint, and ``_call``'s request flow sends it (pacing, retries) under the
call's one ``Call``. Reading the answers is the flows' (``_wire``), so the two clients differ only
in blocking or awaiting.
"""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Callable, Sequence
from functools import partial
from types import ModuleType
from typing import Any, Final, Literal, NamedTuple, TypeVar

import httpx

from ._auth import OAuthCredentials, OAuthRefreshAuth, TokenRefresh, check_secure_url
from ._batching import batch_flow, purge_flow
from ._call import Call, aexchange, apause, exchange, pause, request_flow
from ._flow import (
    CreateLabel,
    DeleteLabel,
    Flow,
    Outcome,
    ReadAll,
    ReadLabels,
    ReadPair,
    RenameLabel,
    Resend,
    SendKeys,
    SendLimits,
    Step,
    arun,
    run,
    single,
)
from ._generated import generated
from ._inputs import coerce_keys, coerce_limit_inputs, pair_ids
from ._labels import (
    create_label_flow,
    create_request,
    delete_label_flow,
    rename_label_flow,
    rename_step,
    type_id_of,
)
from ._logging import configure_from_env
from ._pacing import InProcessBudget, RateBudget
from ._redact import register_secret
from ._results import BatchResult, LabelsResult, LimitsResult, PurgeResult
from ._retry import Retry, RetryPolicy
from ._transport import (
    GENERATED_PREFIX,
    AsyncClientTransport,
    AsyncPrefixTransport,
    ClientTransport,
    PrefixTransport,
    rewrite_prefix,
)
from ._wire import key_body, label_create_body, label_update_body, limit_body, read_labels, read_limits
from .errors import InvalidInputError

__all__ = ["AsyncLimitsClient", "LimitsClient"]

DEFAULT_BASE_URL: Final = "https://api.hubapi.com"
TOKEN_ENV: Final = "HUBSPOT_ACCESS_TOKEN"
# Lets a program run unchanged against the mock (or a proxy) in CI, as OPENAI_BASE_URL does for openai.
BASE_URL_ENV: Final = "HUBSPOT_BASE_URL"
CONNECT_TIMEOUT: Final = 5.0

_R = TypeVar("_R")


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


def _base_url(base_url: str | None) -> str:
    """The argument, else env HUBSPOT_BASE_URL, else HubSpot's; a bad one is named by where it came from."""
    # Only the shape is checked here; which schemes may carry the token is check_secure_url's call.
    value, source = (base_url, "base_url") if base_url else (os.environ.get(BASE_URL_ENV), BASE_URL_ENV)
    if not value:
        return DEFAULT_BASE_URL
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL:
        url = None
    if url is None or not url.scheme or not url.host:
        raise InvalidInputError(
            f"must be an absolute URL like 'https://api.hubapi.com', got {value!r}", field=source
        )
    return value.rstrip("/")


def _env_proxy(base_url: str) -> str | None:
    # The outer httpx client ignores the environment (trust_env=False) so that no proxy mount
    # bypasses our transport; the proxy, if any, goes inside it instead.
    url = httpx.URL(base_url)
    if urllib.request.proxy_bypass(url.host):
        return None
    return urllib.request.getproxies().get(url.scheme)


class _Core:
    """The settings and the auth of a client, shared by the sync and async clients."""

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
        self.base_url = _base_url(base_url)
        self.api_prefix = _prefix(api_prefix)
        self.timeout = _timeout(timeout)
        self.policy = retry if retry is not None else RetryPolicy(max_retries=max_retries)
        self.batch_size = batch_size
        self.budget: RateBudget | None = InProcessBudget() if budget is None else (budget or None)
        self.headers: dict[str, str] = {}
        self.auth = self._auth(access_token, auth, oauth, on_token_refresh)

    def _auth(
        self,
        access_token: str | None,
        auth: httpx.Auth | None,
        oauth: OAuthCredentials | None,
        on_token_refresh: Callable[[TokenRefresh], None] | None,
    ) -> httpx.Auth | None:
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
        # A plain token is a default header, not an httpx.Auth flow run for every request: the
        # base URL was checked above, and the client follows no redirect.
        register_secret(token)
        self.headers["Authorization"] = f"Bearer {token}"
        return None

    def httpx_args(self, transport: httpx.BaseTransport | httpx.AsyncBaseTransport) -> dict[str, Any]:
        """What the httpx client of a client is built with (no proxy or netrc from the environment:
        a proxy, if any, is inside ``transport``)."""
        return {
            "base_url": self.base_url,
            "timeout": self.timeout,
            "follow_redirects": False,
            "trust_env": False,
            "headers": self.headers,
            "auth": self.auth,
            "transport": transport,
        }

    def describe(self, name: str) -> str:
        return (
            f"{name}(base_url={self.base_url!r}, api_prefix={self.api_prefix!r}, "
            f"batch_size={self.batch_size}, max_retries={self.policy.max_retries})"
        )


class _Request(NamedTuple):
    """The generated endpoint a step is sent with, and how the call may retry it.

    Its ``str()`` is how a log line names it (``POST /crm/.../batch/create``), worked out only if a
    line is logged.
    """

    endpoint: ModuleType  # its sync_detailed / asyncio_detailed
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    method: str
    api_prefix: str
    retry_posts: bool | None = None  # None: as the call's policy says

    def __str__(self) -> str:
        # The generated endpoint's own path template, so the line shows the path that was sent.
        url = self.endpoint._get_kwargs(*self.args, **self.kwargs)["url"]
        return f"{self.method} {rewrite_prefix(httpx.URL(url), self.api_prefix).path}"


def _request(step: Step, api_prefix: str) -> _Request:
    """The request a step sends to ``api_prefix`` (a ``Resend`` sends none)."""
    g = generated()
    match step:
        case SendLimits(operation, pair, chunk):
            endpoint = g.create_limits if operation == "create" else g.update_limits
            return _Request(endpoint, pair, {"body": limit_body(chunk)}, "POST", api_prefix)
        case SendKeys(pair, chunk):
            return _Request(g.purge_limits, pair, {"body": key_body(chunk)}, "POST", api_prefix)
        case ReadPair(pair):
            return _Request(g.get_limits, pair, {}, "GET", api_prefix)
        case ReadAll():
            return _Request(g.list_all_limits, (), {}, "GET", api_prefix)
        case ReadLabels(pair):
            return _Request(g.list_labels, pair, {}, "GET", api_prefix)
        case CreateLabel(pair, label, name, inverse_label):
            # Not idempotent: the label flow decides any resend, after reading the labels back.
            created = label_create_body(label, name, inverse_label)
            return _Request(g.create_label, pair, {"body": created}, "POST", api_prefix, retry_posts=False)
        case RenameLabel(pair, type_id, label, inverse_label):
            renamed = label_update_body(type_id, label, inverse_label)
            return _Request(g.update_label, pair, {"body": renamed}, "PUT", api_prefix)
        case DeleteLabel(pair, type_id):
            return _Request(g.delete_label, (*pair, type_id), {}, "DELETE", api_prefix)
    raise TypeError(f"{type(step).__name__} sends no request")  # a flow bug, not a HubSpot answer


class LimitsClient:
    """HubSpot association-limit configurations and labels, synchronously. Thread-safe; a context manager.

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
        api_prefix: str = "/crm/associations/v4",
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
        transport: httpx.BaseTransport = (
            ClientTransport(http_client)
            if http_client is not None
            else httpx.HTTPTransport(proxy=_env_proxy(self._core.base_url))
        )
        if self._core.api_prefix != GENERATED_PREFIX:
            transport = PrefixTransport(transport, self._core.api_prefix)
        self._http = httpx.Client(**self._core.httpx_args(transport))
        self._generated = generated().Client(base_url=self._core.base_url).set_httpx_client(self._http)

    def __repr__(self) -> str:
        return self._core.describe(type(self).__name__)

    def __enter__(self) -> LimitsClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections this client opened (not an injected ``http_client``)."""
        self._http.close()

    def _perform(self, call: Call, step: Step) -> Outcome:
        """Perform one step of a flow: send its request, or wait for a resend the call allows."""
        if isinstance(step, Resend):
            decision = call.resend(step.failed)
            if isinstance(decision, Retry):
                pause(decision.wait)
            return decision
        request = _request(step, self._core.api_prefix)
        send = partial(
            request.endpoint.sync_detailed, *request.args, client=self._generated, **request.kwargs
        )
        flow = request_flow(call, request.method, retry_posts=request.retry_posts, target=request)
        return exchange(flow, send, call.budget)

    def _run(self, flow: Flow[_R], retry: RetryPolicy | None) -> _R:
        return run(flow, partial(self._perform, Call(retry or self._core.policy, self._core.budget)))

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
        pair = pair_ids(from_object_type, to_object_type)
        return self._run(batch_flow("create", pair, items, self._core.batch_size), retry)

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
        pair = pair_ids(from_object_type, to_object_type)
        return self._run(batch_flow("update", pair, items, self._core.batch_size), retry)

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
        pair = pair_ids(from_object_type, to_object_type)
        return self._run(purge_flow(pair, items, self._core.batch_size), retry)

    def get(
        self, from_object_type: str, to_object_type: str, *, retry: RetryPolicy | None = None
    ) -> LimitsResult:
        """The limits configured from one object type to another."""
        pair = pair_ids(from_object_type, to_object_type)
        return self._run(single(ReadPair(pair), read_limits), retry)

    def list_all(self, *, retry: RetryPolicy | None = None) -> LimitsResult:
        """Every limit configured in the portal (not paginated)."""
        return self._run(single(ReadAll(), read_limits), retry)

    def labels(
        self, from_object_type: str, to_object_type: str, *, retry: RetryPolicy | None = None
    ) -> LabelsResult:
        """Every association type from one object type to another: HubSpot's and the portal's labels."""
        pair = pair_ids(from_object_type, to_object_type)
        return self._run(single(ReadLabels(pair), read_labels), retry)

    def create_label(
        self,
        from_object_type: str,
        to_object_type: str,
        label: str,
        *,
        name: str | None = None,
        inverse_label: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> LabelsResult:
        """Create a label; the result holds the new type of each direction. ``name`` (HubSpot's unique
        internal name) defaults to the label's ASCII slug ("Decision maker" -> "decision_maker").

        Reads the pair's labels first, so that after a lost answer it can tell a label its own
        request created (returned, ``read_back=True``) from one that existed before the call
        (HubSpot's duplicate error is raised). Never creates a label twice."""
        request = create_request(from_object_type, to_object_type, label, name, inverse_label)
        return self._run(create_label_flow(request), retry)

    def update_label(
        self,
        from_object_type: str,
        to_object_type: str,
        type_id: int,
        label: str,
        *,
        inverse_label: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        """Rename one of the portal's labels (and its inverse label); HubSpot answers 204."""
        pair = pair_ids(from_object_type, to_object_type)
        return self._run(rename_label_flow(rename_step(pair, type_id, label, inverse_label)), retry)

    def delete_label(
        self, from_object_type: str, to_object_type: str, type_id: int, *, retry: RetryPolicy | None = None
    ) -> None:
        """Delete one of the portal's labels: HubSpot removes it from every record, with its limits.

        Sent again after an answer was lost, "not found" counts as done: the label is gone (the lost
        attempt deleted it, or it was never there)."""
        pair = pair_ids(from_object_type, to_object_type)
        return self._run(delete_label_flow(pair, type_id_of(type_id)), retry)


class AsyncLimitsClient:
    """The async twin of ``LimitsClient`` (same arguments, same methods, awaitable); use ``async with``."""

    def __init__(
        self,
        access_token: str | None = None,
        *,
        base_url: str | None = None,
        api_prefix: str = "/crm/associations/v4",
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
        transport: httpx.AsyncBaseTransport = (
            AsyncClientTransport(http_client)
            if http_client is not None
            else httpx.AsyncHTTPTransport(proxy=_env_proxy(self._core.base_url))
        )
        if self._core.api_prefix != GENERATED_PREFIX:
            transport = AsyncPrefixTransport(transport, self._core.api_prefix)
        self._http = httpx.AsyncClient(**self._core.httpx_args(transport))
        self._generated = generated().Client(base_url=self._core.base_url).set_async_httpx_client(self._http)

    def __repr__(self) -> str:
        return self._core.describe(type(self).__name__)

    async def __aenter__(self) -> AsyncLimitsClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections this client opened (not an injected ``http_client``)."""
        await self._http.aclose()

    async def _perform(self, call: Call, step: Step) -> Outcome:
        """Perform one step of a flow: send its request, or wait for a resend the call allows."""
        if isinstance(step, Resend):
            decision = call.resend(step.failed)
            if isinstance(decision, Retry):
                await apause(decision.wait)
            return decision
        request = _request(step, self._core.api_prefix)
        send = partial(
            request.endpoint.asyncio_detailed, *request.args, client=self._generated, **request.kwargs
        )
        flow = request_flow(call, request.method, retry_posts=request.retry_posts, target=request)
        return await aexchange(flow, send, call.budget)

    async def _run(self, flow: Flow[_R], retry: RetryPolicy | None) -> _R:
        return await arun(flow, partial(self._perform, Call(retry or self._core.policy, self._core.budget)))

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
        pair = pair_ids(from_object_type, to_object_type)
        return await self._run(batch_flow("create", pair, items, self._core.batch_size), retry)

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
        pair = pair_ids(from_object_type, to_object_type)
        return await self._run(batch_flow("update", pair, items, self._core.batch_size), retry)

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
        pair = pair_ids(from_object_type, to_object_type)
        return await self._run(purge_flow(pair, items, self._core.batch_size), retry)

    async def get(
        self, from_object_type: str, to_object_type: str, *, retry: RetryPolicy | None = None
    ) -> LimitsResult:
        """The limits configured from one object type to another."""
        pair = pair_ids(from_object_type, to_object_type)
        return await self._run(single(ReadPair(pair), read_limits), retry)

    async def list_all(self, *, retry: RetryPolicy | None = None) -> LimitsResult:
        """Every limit configured in the portal (not paginated)."""
        return await self._run(single(ReadAll(), read_limits), retry)

    async def labels(
        self, from_object_type: str, to_object_type: str, *, retry: RetryPolicy | None = None
    ) -> LabelsResult:
        """Every association type from one object type to another: HubSpot's and the portal's labels."""
        pair = pair_ids(from_object_type, to_object_type)
        return await self._run(single(ReadLabels(pair), read_labels), retry)

    async def create_label(
        self,
        from_object_type: str,
        to_object_type: str,
        label: str,
        *,
        name: str | None = None,
        inverse_label: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> LabelsResult:
        """Create a label; the result holds the new type of each direction. ``name`` (HubSpot's unique
        internal name) defaults to the label's ASCII slug ("Decision maker" -> "decision_maker").

        Reads the pair's labels first, so that after a lost answer it can tell a label its own
        request created (returned, ``read_back=True``) from one that existed before the call
        (HubSpot's duplicate error is raised). Never creates a label twice."""
        request = create_request(from_object_type, to_object_type, label, name, inverse_label)
        return await self._run(create_label_flow(request), retry)

    async def update_label(
        self,
        from_object_type: str,
        to_object_type: str,
        type_id: int,
        label: str,
        *,
        inverse_label: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        """Rename one of the portal's labels (and its inverse label); HubSpot answers 204."""
        pair = pair_ids(from_object_type, to_object_type)
        return await self._run(rename_label_flow(rename_step(pair, type_id, label, inverse_label)), retry)

    async def delete_label(
        self, from_object_type: str, to_object_type: str, type_id: int, *, retry: RetryPolicy | None = None
    ) -> None:
        """Delete one of the portal's labels: HubSpot removes it from every record, with its limits.

        Sent again after an answer was lost, "not found" counts as done: the label is gone (the lost
        attempt deleted it, or it was never there)."""
        pair = pair_ids(from_object_type, to_object_type)
        return await self._run(delete_label_flow(pair, type_id_of(type_id)), retry)
