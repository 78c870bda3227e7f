"""When to retry and how long to wait: one pure decision, table-tested.

``decide()`` looks at one failed attempt (a status with its headers and body, or a transport
failure) and returns ``Retry(wait, reason)`` or ``GiveUp(reason)``. It never sleeps; the
transport does. Randomness comes in as ``jitter`` (0 <= jitter < 1) and the wall clock as ``now``.
"""

from __future__ import annotations

import datetime
import email.utils
import math
from collections.abc import Mapping
from typing import Final, Literal

import attrs

from ._headers import RateLimitInfo
from .errors import parse_json_object

__all__ = [
    "RETRIED_STATUSES",
    "Failure",
    "GiveUp",
    "Retry",
    "RetryPolicy",
    "backoff",
    "decide",
    "may_have_been_applied",
    "retry_after",
]

# 477 is retried only within the Retry-After cap (checked below).
RETRIED_STATUSES: Final = frozenset({408, 423, 429, 477, 500, 502, 503, 504, 521, 524})
DEFAULT_WINDOW_S: Final = 10.0
SECONDLY_WINDOW_S: Final = 1.0

# "connect": the request never left (always safe to resend); "timeout"/"network": it may have been applied.
Failure = Literal["connect", "timeout", "network"]


def may_have_been_applied(status: int | None = None, failure: Failure | None = None) -> bool:
    """Whether a failed attempt may have been applied: a timeout, a dropped connection, 408 or a 5xx.

    Not a connection that never opened, nor 423, 429 or 477: HubSpot processed none of those.
    """
    if failure is not None:
        return failure != "connect"
    return status is not None and (status == 408 or status >= 500)


@attrs.frozen
class RetryPolicy:
    """How hard to retry. Pass one to the client (``retry=``) or to a single call.

    ``retry_posts``: create/update/purge are keyed by (category, typeId), so a replay cannot
    create duplicates; set it to False to resend a POST only when it certainly was not processed
    (connection refused, 429).
    """

    max_retries: int = 3  # resends of one request
    retry_posts: bool = True
    max_retry_after: float = 60.0  # a longer Retry-After raises instead of sleeping
    # Bound on all waiting of one call (every request of a batch, a read-back, create_label's
    # resends): backoff, Retry-After and pacing alike; a wait past it raises instead of sleeping.
    total_wait: float = 60.0
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    locked_min_wait: float = 2.0  # HubSpot asks for >= 2 s on 423


@attrs.frozen
class Retry:
    """Send again after ``wait`` seconds."""

    wait: float
    reason: str


@attrs.frozen
class GiveUp:
    """Do not send again."""

    reason: str


def backoff(policy: RetryPolicy, attempt: int, jitter: float) -> float:
    """``min(initial * 2**attempt, max)`` seconds, plus up to 25 % jitter so clients do not move in step."""
    base: float = min(policy.backoff_initial * 2.0**attempt, policy.backoff_max)
    return base * (1 + 0.25 * jitter)


def _seconds(text: str, scale: float = 1.0) -> float | None:
    # NaN, inf and 1e999 are no instruction at all: sleeping on them would raise or never end.
    try:
        value = float(text) * scale
    except ValueError:
        return None
    return max(value, 0.0) if math.isfinite(value) else None


def retry_after(headers: Mapping[str, str], now: datetime.datetime) -> float | None:
    """Seconds from ``Retry-After-Ms`` or ``Retry-After`` (seconds or HTTP date); None if absent.

    A value that is not a finite number counts as absent.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    milliseconds = lowered.get("retry-after-ms")
    if milliseconds is not None:
        seconds = _seconds(milliseconds, 1 / 1000)
        if seconds is not None:
            return seconds
    value = lowered.get("retry-after")
    if value is None:
        return None
    seconds = _seconds(value)
    if seconds is not None:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max((when - now).total_seconds(), 0.0)


def _window(headers: Mapping[str, str], policy_name: str) -> float:
    if policy_name == "SECONDLY":
        return SECONDLY_WINDOW_S
    interval_ms = RateLimitInfo.from_headers(headers).interval_ms
    return interval_ms / 1000 if interval_ms is not None and interval_ms > 0 else DEFAULT_WINDOW_S


def _status_wait(
    policy: RetryPolicy,
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    method: str,
    attempt: int,
    jitter: float,
    hinted: float | None,
) -> float | GiveUp:
    if status not in RETRIED_STATUSES:
        return GiveUp(f"status {status} is not retried")
    if status == 429:
        policy_name = str(parse_json_object(body).get("policyName", "")).upper()
        if policy_name == "DAILY":
            return GiveUp("the DAILY rate limit is used up")
        # A 429 was not processed, so even retry_posts=False may resend it.
        window = _window(headers, policy_name)
        return hinted if hinted is not None else window * (1 + 0.1 * jitter)
    if method == "POST" and not policy.retry_posts:
        return GiveUp(f"status {status} on a POST, and retry_posts is off")
    if status == 477 and hinted is None:
        return GiveUp("477 Migration in Progress without Retry-After")
    wait = hinted if hinted is not None else backoff(policy, attempt, jitter)
    if status == 423:
        wait = max(wait, policy.locked_min_wait * (1 + 0.25 * jitter))
    return wait


def decide(
    policy: RetryPolicy,
    *,
    method: str,
    attempt: int,
    waited: float,
    status: int | None = None,
    headers: Mapping[str, str] | None = None,
    body: bytes = b"",
    failure: Failure | None = None,
    now: datetime.datetime | None = None,
    jitter: float = 0.0,
) -> Retry | GiveUp:
    """Whether to resend after one failed attempt.

    ``attempt`` counts retries already made (0 after the first try); ``waited`` is the seconds
    already spent waiting in this call; give ``status`` (+ ``headers``, ``body``) or ``failure``.
    """
    headers = headers or {}
    method = method.upper()
    hinted = retry_after(headers, now or datetime.datetime.now(datetime.UTC)) if status is not None else None
    if failure is not None:
        if failure != "connect" and method == "POST" and not policy.retry_posts:
            return GiveUp(f"{failure} on a POST, and retry_posts is off")
        outcome: float | GiveUp = backoff(policy, attempt, jitter)
        reason = {"connect": "connection failed", "timeout": "timed out", "network": "connection lost"}[
            failure
        ]
    elif status is not None and 200 <= status < 300:
        return GiveUp("not an error")
    elif status is not None:
        outcome = _status_wait(policy, status, headers, body, method, attempt, jitter, hinted)
        reason = f"status {status}"
    else:
        return GiveUp("nothing to decide on")
    if isinstance(outcome, GiveUp):
        return outcome
    if hinted is not None and hinted > policy.max_retry_after:
        return GiveUp(f"Retry-After {hinted:g} s is over the {policy.max_retry_after:g} s cap")
    if attempt >= policy.max_retries:
        return GiveUp(f"{reason}; gave up after {attempt} retries")
    if waited + outcome > policy.total_wait:
        return GiveUp(f"{reason}; waiting {outcome:.1f} s more would pass the {policy.total_wait:g} s budget")
    return Retry(outcome, reason)
