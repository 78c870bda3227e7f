"""The retry and pacing loop around the real transport (sync and async): the only code that sleeps.

Each send: rewrite the API prefix, wait for the rate budget, send, tell the budget what the
response said, and on failure ask ``_retry.decide`` whether and how long to wait. The final
response (any status) is returned; the final transport exception is re-raised. The client maps
both to typed errors in one place.
"""

from __future__ import annotations

import contextvars
import datetime
import random
import time
from collections.abc import Awaitable, Callable
from typing import Final

import attrs
import httpx

from ._logging import logger
from ._pacing import RateBudget, RateObservation, observation_from
from ._results import RateLimitInfo
from ._retry import Failure, GiveUp, Retry, RetryPolicy, decide
from .errors import CORRELATION_HEADER, parse_json_object

__all__ = [
    "GENERATED_PREFIX",
    "AsyncClientTransport",
    "AsyncRetryTransport",
    "CallState",
    "ClientTransport",
    "RetryTransport",
    "call_state",
    "rewrite_prefix",
]

# The prefix the generated client hard-codes in every path.
GENERATED_PREFIX: Final = "/crm/associations/v4"


@attrs.define
class CallState:
    """Per-call settings and findings, shared by the client and the transport through a context variable."""

    policy: RetryPolicy
    # A POST was resent after a failure that may have reached HubSpot (lost response, 5xx, timeout).
    replayed_after_ambiguous_failure: bool = False
    attempts: int = 0
    last_response: httpx.Response | None = None
    last_rate_limit: RateLimitInfo | None = None  # parsed once here; the result's meta reuses it
    gave_up: str | None = None  # why the last failure was not retried


call_state: Final[contextvars.ContextVar[CallState | None]] = contextvars.ContextVar(
    "hubspot_association_limits_call", default=None
)


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


def _failure_of(error: httpx.TransportError) -> Failure:
    if isinstance(error, httpx.ConnectTimeout | httpx.ConnectError):
        return "connect"
    if isinstance(error, httpx.TimeoutException):
        return "timeout"
    return "network"


def _ambiguous(decision_status: int | None, failure: Failure | None) -> bool:
    # Could the failed attempt have been applied? Not if the connection never opened or HubSpot said 429/423.
    if failure is not None:
        return failure != "connect"
    return decision_status is not None and decision_status not in (423, 429)


@attrs.define
class _Loop:
    """The pure bookkeeping of one retry loop, shared by the sync and async transports."""

    policy: RetryPolicy
    api_prefix: str
    rand: Callable[[], float]
    wall_clock: Callable[[], datetime.datetime]
    state: CallState | None
    attempt: int = 0
    waited: float = 0.0

    def prepare(self, request: httpx.Request) -> None:
        request.url = rewrite_prefix(request.url, self.api_prefix)

    def received(self, response: httpx.Response) -> RateLimitInfo:
        """Note a response in the call state; its rate-limit headers, parsed once for budget and result."""
        rate_limit = RateLimitInfo.from_headers(response.headers)
        if self.state is not None:
            self.state.attempts += 1
            self.state.last_response = response
            self.state.last_rate_limit = rate_limit
        return rate_limit

    @staticmethod
    def observation(response: httpx.Response, rate_limit: RateLimitInfo) -> RateObservation:
        policy_name = (
            parse_json_object(response.content).get("policyName") if response.status_code == 429 else None
        )
        name = policy_name if isinstance(policy_name, str) else None
        return observation_from(response.status_code, rate_limit, name)

    def after_response(self, request: httpx.Request, response: httpx.Response) -> Retry | GiveUp:
        status = response.status_code
        if 200 <= status < 300:
            return GiveUp("success")
        decision = decide(
            self.policy,
            method=request.method,
            attempt=self.attempt,
            waited=self.waited,
            status=status,
            headers=response.headers,
            body=response.content,
            now=self.wall_clock(),
            jitter=self.rand(),
        )
        return self._record(request, decision, status, None, response.headers.get(CORRELATION_HEADER))

    def after_failure(self, request: httpx.Request, error: httpx.TransportError) -> Retry | GiveUp:
        if self.state is not None:
            self.state.attempts += 1
        failure = _failure_of(error)
        decision = decide(
            self.policy,
            method=request.method,
            attempt=self.attempt,
            waited=self.waited,
            failure=failure,
            jitter=self.rand(),
        )
        return self._record(request, decision, None, failure, None)

    def _record(
        self,
        request: httpx.Request,
        decision: Retry | GiveUp,
        status: int | None,
        failure: Failure | None,
        correlation_id: str | None,
    ) -> Retry | GiveUp:
        if isinstance(decision, GiveUp):
            logger.debug("not retrying %s %s: %s", request.method, request.url.path, decision.reason)
            if self.state is not None:
                self.state.gave_up = decision.reason
            return decision
        self.attempt += 1
        self.waited += decision.wait
        if self.state is not None and request.method == "POST" and _ambiguous(status, failure):
            self.state.replayed_after_ambiguous_failure = True
        logger.info(
            "retrying %s %s: %s; waiting %.2f s (retry %d of %d, correlation id %s)",
            request.method,
            request.url.path,
            decision.reason,
            decision.wait,
            self.attempt,
            self.policy.max_retries,
            correlation_id or "-",
        )
        return decision


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport with HubSpot-aware retries, pacing and the API prefix rewrite."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        policy: RetryPolicy,
        api_prefix: str = GENERATED_PREFIX,
        budget: RateBudget | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
        wall_clock: Callable[[], datetime.datetime] = lambda: datetime.datetime.now(datetime.UTC),
    ) -> None:
        self._inner = inner
        self._policy = policy
        self._api_prefix = api_prefix
        self._budget = budget
        self._sleep = sleep
        self._rand = rand
        self._wall_clock = wall_clock

    def _wait_for_budget(self) -> None:
        if self._budget is None:
            return
        wait = self._budget.acquire()
        while wait > 0:
            logger.debug("pacing: waiting %.2f s for the rate budget", wait)
            self._sleep(wait)
            wait = self._budget.acquire()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        state = call_state.get()
        loop = _Loop(
            state.policy if state else self._policy,
            self._api_prefix,
            self._rand,
            self._wall_clock,
            state,
        )
        loop.prepare(request)
        while True:
            self._wait_for_budget()
            try:
                response = self._inner.handle_request(request)
                response.read()
            except httpx.TransportError as error:
                decision = loop.after_failure(request, error)
                if isinstance(decision, GiveUp):
                    raise
            else:
                rate_limit = loop.received(response)
                if self._budget is not None:
                    self._budget.observe(loop.observation(response, rate_limit))
                decision = loop.after_response(request, response)
                if isinstance(decision, GiveUp):
                    return response
                response.close()
            self._sleep(decision.wait)

    def pause(self, seconds: float) -> None:
        """Wait between two sends the client repeats itself (``create_label`` after a read-back)."""
        self._sleep(seconds)

    def close(self) -> None:
        self._inner.close()


async def _async_sleep(seconds: float) -> None:
    # asyncio is imported by the first async wait, not with the package: a sync program never loads it.
    import asyncio

    await asyncio.sleep(seconds)


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The async twin of ``RetryTransport``."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        *,
        policy: RetryPolicy,
        api_prefix: str = GENERATED_PREFIX,
        budget: RateBudget | None = None,
        sleep: Callable[[float], Awaitable[None]] = _async_sleep,
        rand: Callable[[], float] = random.random,
        wall_clock: Callable[[], datetime.datetime] = lambda: datetime.datetime.now(datetime.UTC),
    ) -> None:
        self._inner = inner
        self._policy = policy
        self._api_prefix = api_prefix
        self._budget = budget
        self._sleep = sleep
        self._rand = rand
        self._wall_clock = wall_clock

    async def _wait_for_budget(self) -> None:
        if self._budget is None:
            return
        wait = await self._budget.acquire_async()
        while wait > 0:
            logger.debug("pacing: waiting %.2f s for the rate budget", wait)
            await self._sleep(wait)
            wait = await self._budget.acquire_async()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        state = call_state.get()
        loop = _Loop(
            state.policy if state else self._policy,
            self._api_prefix,
            self._rand,
            self._wall_clock,
            state,
        )
        loop.prepare(request)
        while True:
            await self._wait_for_budget()
            try:
                response = await self._inner.handle_async_request(request)
                await response.aread()
            except httpx.TransportError as error:
                decision = loop.after_failure(request, error)
                if isinstance(decision, GiveUp):
                    raise
            else:
                rate_limit = loop.received(response)
                if self._budget is not None:
                    await self._budget.observe_async(loop.observation(response, rate_limit))
                decision = loop.after_response(request, response)
                if isinstance(decision, GiveUp):
                    return response
                await response.aclose()
            await self._sleep(decision.wait)

    async def pause(self, seconds: float) -> None:
        """Wait between two sends the client repeats itself (``create_label`` after a read-back)."""
        await self._sleep(seconds)

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
