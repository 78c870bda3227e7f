"""One call's waiting, in one place: pacing and retries of every request a public method sends.

A *call* is one public method: ``create`` of 300 inputs (three chunks, perhaps a read-back of the
pair), ``create_label`` (a read of the pair, the POST, perhaps a read-back and a resend), a ``get``.
Every request of the call goes through ``request_flow``: take a slot of the rate budget, send, tell
the budget what the answer said, and on a failure ask ``_retry.decide`` whether and how long to
wait. All the waiting of the call (pacing, backoff, Retry-After, create_label's resends) adds up in
its ``Call``, so ``RetryPolicy.total_wait`` bounds the whole call, and a pacing wait that would pass
it raises ``PacingTimeoutError`` instead of sleeping.

``request_flow`` does no IO, as httpx's ``Auth.auth_flow`` does none: it yields what to do
(``ACQUIRE``, ``SEND``, a ``RateObservation`` to tell the budget, ``Sleep``) and receives what came
of it. ``exchange`` and ``aexchange`` are its blocking and async drivers, and the only code of the
library that sleeps.
What the retries learned comes back as an ``Exchange`` value.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Awaitable, Callable, Generator, Mapping
from typing import Any, Final, Protocol

import attrs
import httpx

from ._headers import CORRELATION_HEADER, RateLimitInfo
from ._logging import logger
from ._pacing import RateBudget, RateObservation
from ._retry import Failure, GiveUp, Retry, RetryPolicy, decide, may_have_been_applied
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    HubSpotError,
    PacingTimeoutError,
    UnreadableResponseError,
    parse_json_object,
)

__all__ = [
    "ACQUIRE",
    "SEND",
    "Answer",
    "Call",
    "Exchange",
    "FailedAttempt",
    "Sleep",
    "aexchange",
    "apause",
    "exchange",
    "failed_attempt",
    "pause",
    "request_flow",
]

# A pacing wait this long (seconds) is worth a warning: the caller sees the call stall.
LOUD_PACING_WAIT: Final = 5.0


class Answer(Protocol):
    """An HTTP answer as the generated client returns it (``Response``): status, body, headers."""

    @property
    def status_code(self) -> int: ...
    @property
    def content(self) -> bytes: ...
    @property
    def headers(self) -> Mapping[str, str]: ...


@attrs.define
class Exchange:
    """What one request came to, after its retries: the final answer (any status) and what was learned.

    ``replayed_after_ambiguous_failure``: the request was sent again after an attempt that may have
    been applied (a 5xx, a timeout, a dropped connection), so the final answer may describe that
    attempt's effect. ``gave_up`` says why a final error answer was not retried. (Not frozen: one is
    made for every request, and a frozen class's __init__ costs twice as much.)
    """

    response: Answer
    attempts: int
    rate_limit: RateLimitInfo
    replayed_after_ambiguous_failure: bool = False
    gave_up: str | None = None

    @property
    def status_code(self) -> int:
        """The HTTP status of the final answer."""
        return int(self.response.status_code)


@attrs.frozen
class FailedAttempt:
    """One failed request in ``decide()``'s terms: a status (with its headers) or a transport failure."""

    status: int | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    failure: Failure | None = None

    @property
    def ambiguous(self) -> bool:
        """Whether HubSpot may have applied it (a 5xx, 408, timeout, dropped connection)."""
        return may_have_been_applied(self.status, self.failure)


def failed_attempt(error: HubSpotError) -> FailedAttempt | None:
    """What a call's error says about its last attempt; None for errors raised before anything was sent."""
    if isinstance(error, UnreadableResponseError):  # HubSpot answered 2xx, in words not read
        return FailedAttempt(failure="network")
    if isinstance(error, APIStatusError):
        return FailedAttempt(status=error.status_code, headers=error.headers)
    if isinstance(error, APIConnectionError):
        if isinstance(error.__cause__, httpx.ConnectError | httpx.ConnectTimeout):
            return FailedAttempt(failure="connect")
        return FailedAttempt(failure="timeout" if isinstance(error, APITimeoutError) else "network")
    return None


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


@attrs.define
class Call:
    """The one owner of a call's retry state: its policy, its budget and all the waiting so far.

    ``rand`` (jitter, 0 <= x < 1) and ``clock`` (for Retry-After dates) come in, so every decision
    is pure.
    """

    policy: RetryPolicy
    budget: RateBudget | None
    rand: Callable[[], float] = random.random
    clock: Callable[[], datetime.datetime] = _utc_now
    waited: float = 0.0
    resends: int = 0  # create_label's resends after a read-back

    def resend(self, failed: FailedAttempt) -> Retry | GiveUp:
        """Whether to send a POST again that the request flow did not (``retry_posts`` off), after a
        read-back found it was not applied; counts against the call's retries and its total wait."""
        if failed.status == 429 or failed.failure == "connect":
            return GiveUp("the request was already retried as far as the policy allows")
        decision = decide(
            self.policy,
            method="POST",
            attempt=self.resends,
            waited=self.waited,
            status=failed.status,
            headers=failed.headers,
            failure=failed.failure,
            now=self.clock(),
            jitter=self.rand(),
        )
        if isinstance(decision, Retry):
            self.resends += 1
            self.waited += decision.wait
        return decision


# --- the flow of one request ------------------------------------------------------------------------


class _Acquire:
    """Take a slot of the rate budget; the answer is the seconds to wait first (0.0: send now)."""

    __slots__ = ()


class _Send:
    """Send the request; the answer is the ``Answer``, or the ``httpx.TransportError`` raised."""

    __slots__ = ()


ACQUIRE: Final = _Acquire()
SEND: Final = _Send()


@attrs.frozen
class Sleep:
    """Wait this many seconds."""

    seconds: float


Action = _Acquire | _Send | RateObservation | Sleep  # a RateObservation: tell the budget
RequestFlow = Generator[Action, Any, Exchange]


def _failure_of(error: BaseException | None) -> Failure:
    # A connection that never opened (refused, or timed out while connecting) never reached HubSpot.
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout):
        return "connect"
    if isinstance(error, httpx.TimeoutException):
        return "timeout"
    return "network"


def _transport_error(error: httpx.TransportError, attempts: int, reason: str) -> HubSpotError:
    after = f"after {attempts} attempt(s)"
    if isinstance(error, httpx.TimeoutException):
        mapped: HubSpotError = APITimeoutError(
            f"HubSpot did not answer in time {after}: {type(error).__name__}"
        )
    else:
        mapped = APIConnectionError(f"could not reach HubSpot {after}: {type(error).__name__}: {error}")
    mapped.add_note(f"not retried: {reason}")
    return mapped


def _pacing_wait(call: Call, wait: float) -> None:
    """Account for a wait the rate budget asked for, or refuse it when it would pass the call's bound."""
    if call.waited + wait > call.policy.total_wait:
        raise PacingTimeoutError(
            f"the rate budget {call.budget!r} asks to wait {wait:.1f} s, which would pass the call's "
            f"total_wait of {call.policy.total_wait:g} s ({call.waited:.1f} s waited already); "
            "not sent",
            wait=wait,
            waited=call.waited,
            total_wait=call.policy.total_wait,
        )
    if wait >= LOUD_PACING_WAIT:
        logger.warning("pacing: waiting %.1f s for the rate budget %r", wait, call.budget)
    else:
        logger.debug("pacing: waiting %.2f s for the rate budget", wait)
    call.waited += wait


def _policy_name(answer: Answer) -> str | None:
    name = parse_json_object(answer.content).get("policyName")
    return name if isinstance(name, str) else None


def request_flow(
    call: Call, method: str, *, retry_posts: bool | None = None, target: object = None
) -> RequestFlow:
    """Send one request until it is answered or the call's policy says stop.

    ``retry_posts`` overrides the policy's for this request (create_label's POST: False); ``target``
    names the request in log lines (its ``str()``, taken only when a line is logged). Returns
    the ``Exchange`` of the final answer, whatever its status; raises ``APIConnectionError`` (or
    ``APITimeoutError``) when no answer came, ``PacingTimeoutError`` when pacing would pass the
    call's bound, and whatever the budget raises (``DailyRateLimitError``).
    """
    policy = call.policy
    if retry_posts is not None and retry_posts != policy.retry_posts:
        policy = attrs.evolve(policy, retry_posts=retry_posts)
    target = method if target is None else target
    retries = 0
    replayed = False
    while True:
        if call.budget is not None:
            wait = yield ACQUIRE
            while wait > 0:
                _pacing_wait(call, wait)
                yield Sleep(wait)
                wait = yield ACQUIRE
        outcome = yield SEND
        if isinstance(outcome, httpx.TransportError):
            failure = _failure_of(outcome)
            decision = decide(
                policy,
                method=method,
                attempt=retries,
                waited=call.waited,
                failure=failure,
                jitter=call.rand(),
            )
            if isinstance(decision, GiveUp):
                raise _transport_error(outcome, retries + 1, decision.reason) from outcome
            ambiguous, correlation_id = may_have_been_applied(failure=failure), None
        else:
            status = int(outcome.status_code)
            rate_limit = RateLimitInfo.from_headers(outcome.headers)
            if call.budget is not None:
                name = _policy_name(outcome) if status == 429 else None
                yield RateObservation(
                    status,
                    name,
                    rate_limit.max,
                    rate_limit.remaining,
                    rate_limit.interval_ms,
                    rate_limit.daily,
                    rate_limit.daily_remaining,
                )
            if 200 <= status < 300:
                return Exchange(outcome, retries + 1, rate_limit, replayed)
            decision = decide(
                policy,
                method=method,
                attempt=retries,
                waited=call.waited,
                status=status,
                headers=outcome.headers,
                body=outcome.content,
                now=call.clock(),
                jitter=call.rand(),
            )
            if isinstance(decision, GiveUp):
                logger.debug("not retrying %s: %s", target, decision.reason)
                return Exchange(outcome, retries + 1, rate_limit, replayed, decision.reason)
            ambiguous = may_have_been_applied(status)
            correlation_id = outcome.headers.get(CORRELATION_HEADER)
        retries += 1
        call.waited += decision.wait
        replayed = replayed or ambiguous
        logger.info(
            "retrying %s: %s; waiting %.2f s (retry %d of %d, correlation id %s)",
            target,
            decision.reason,
            decision.wait,
            retries,
            policy.max_retries,
            correlation_id or "-",
        )
        yield Sleep(decision.wait)


# --- the drivers -------------------------------------------------------------------------------------

# Looked up at each wait, so that tests can record the waits instead.
sleep: Callable[[float], None] = time.sleep


async def async_sleep(seconds: float) -> None:
    # asyncio is imported by the first async wait, not with the package: a sync program never loads it.
    import asyncio

    await asyncio.sleep(seconds)


def pause(seconds: float) -> None:
    """Wait before a resend the call decided on (``Call.resend``)."""
    sleep(seconds)


async def apause(seconds: float) -> None:
    """``pause`` for async callers."""
    await async_sleep(seconds)


def exchange(flow: RequestFlow, send: Callable[[], Any], budget: RateBudget | None) -> Exchange:
    """Drive a request flow with a blocking ``send`` (the generated endpoint's ``sync_detailed``)."""
    action: Action = next(flow)
    while True:
        reply: Any = None
        if action is SEND:
            try:
                reply = send()
            except httpx.TransportError as error:
                reply = error
        elif action is ACQUIRE:
            assert budget is not None
            reply = budget.acquire()
        elif isinstance(action, RateObservation):
            assert budget is not None
            budget.observe(action)
        else:
            assert isinstance(action, Sleep)
            sleep(action.seconds)
        try:
            action = flow.send(reply)
        except StopIteration as done:
            result: Exchange = done.value
            return result


async def aexchange(
    flow: RequestFlow, send: Callable[[], Awaitable[Any]], budget: RateBudget | None
) -> Exchange:
    """Drive a request flow with an async ``send`` (the generated endpoint's ``asyncio_detailed``)."""
    action: Action = next(flow)
    while True:
        reply: Any = None
        if action is SEND:
            try:
                reply = await send()
            except httpx.TransportError as error:
                reply = error
        elif action is ACQUIRE:
            assert budget is not None
            reply = await budget.acquire_async()
        elif isinstance(action, RateObservation):
            assert budget is not None
            await budget.observe_async(action)
        else:
            assert isinstance(action, Sleep)
            await async_sleep(action.seconds)
        try:
            action = flow.send(reply)
        except StopIteration as done:
            result: Exchange = done.value
            return result
