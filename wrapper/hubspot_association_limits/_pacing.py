"""Client-side pacing: the ``RateBudget`` protocol and the in-process budget.

The transport asks the budget for a slot before every send (``acquire``) and tells it what each
response reported (``observe``). A budget shared by all threads or tasks of a client keeps a busy
caller just under HubSpot's burst limit, so it uses the whole budget and hardly ever sees a 429.
``RedisBudget`` (``_redis_budget.py``) implements the same protocol across processes.
"""

from __future__ import annotations

import collections
import datetime
import threading
import time
from collections.abc import Callable
from typing import Final, Protocol, runtime_checkable

import attrs

from ._headers import RateLimitInfo
from .errors import DailyRateLimitError

__all__ = ["InProcessBudget", "RateBudget", "RateObservation", "observation_from", "seconds_to_midnight"]

DEFAULT_MAX: Final = 100  # the smallest burst limit HubSpot grants (Free/Starter), until headers say more
DEFAULT_INTERVAL_MS: Final = 10_000


@attrs.frozen
class RateObservation:
    """What one response taught us (built by the transport)."""

    status_code: int
    policy_name: str | None  # from a 429 body
    max: int | None
    remaining: int | None
    interval_ms: int | None
    daily: int | None
    daily_remaining: int | None


def observation_from(status_code: int, rate_limit: RateLimitInfo, policy_name: str | None) -> RateObservation:
    """A ``RateObservation`` from a response's status and its parsed ``X-HubSpot-RateLimit-*`` headers."""
    return RateObservation(
        status_code=status_code,
        policy_name=policy_name,
        max=rate_limit.max,
        remaining=rate_limit.remaining,
        interval_ms=rate_limit.interval_ms,
        daily=rate_limit.daily,
        daily_remaining=rate_limit.daily_remaining,
    )


@runtime_checkable
class RateBudget(Protocol):
    """A rate budget shared by every sender of one HubSpot app (threads, tasks, or processes)."""

    def acquire(self) -> float:
        """Take a slot: 0.0 = send now, else seconds to wait and ask again.

        Raises ``errors.DailyRateLimitError`` while the daily stop holds.
        """
        ...

    async def acquire_async(self) -> float:
        """``acquire`` for async callers."""
        ...

    def observe(self, observation: RateObservation) -> None:
        """Learn Max/Interval; Remaining 0 or 429 TEN_SECONDLY -> pause everyone; DAILY -> stop everyone."""
        ...

    async def observe_async(self, observation: RateObservation) -> None:
        """``observe`` for async callers."""
        ...


def seconds_to_midnight(now: datetime.datetime) -> float:
    """Seconds from ``now`` to the next midnight in its time zone, when HubSpot resets the daily count."""
    tomorrow = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (tomorrow - now).total_seconds()


class InProcessBudget:
    """A sliding-window budget for the threads and tasks of one process.

    Starts at ``max_requests`` (default 100) per ``interval_ms`` (default 10 s) and adopts the
    ``X-HubSpot-RateLimit-Max`` and ``-Interval-Milliseconds`` HubSpot reports. On
    ``Remaining: 0`` or a 429 TEN_SECONDLY_ROLLING/SECONDLY it pauses every caller for one
    interval; on a DAILY 429 (or ``Daily-Remaining: 0``) it stops every caller until midnight in
    ``timezone`` (HubSpot resets at midnight in the account's time zone; default UTC).
    """

    def __init__(
        self,
        max_requests: int | None = None,
        interval_ms: int | None = None,
        *,
        timezone: datetime.tzinfo = datetime.UTC,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime.datetime] | None = None,
    ) -> None:
        self._max = max_requests or DEFAULT_MAX
        self._interval_s = (interval_ms or DEFAULT_INTERVAL_MS) / 1000
        self._learn = max_requests is None  # an explicit limit is not overridden by headers
        self._timezone = timezone
        self._clock = clock
        self._wall_clock = wall_clock or (lambda: datetime.datetime.now(self._timezone))
        self._lock = threading.Lock()
        self._sent: collections.deque[float] = collections.deque()
        self._paused_until = 0.0
        self._daily_stop_until = 0.0

    def __repr__(self) -> str:
        return f"InProcessBudget(max_requests={self._max}, interval_ms={int(self._interval_s * 1000)})"

    def acquire(self) -> float:
        """Take a slot: 0.0 = send now, else seconds to wait and ask again."""
        with self._lock:
            now = self._clock()
            if now < self._daily_stop_until:
                raise DailyRateLimitError(
                    f"the DAILY rate limit is used up; calls resume in {self._daily_stop_until - now:.0f} s",
                    status_code=429,
                    policy_name="DAILY",
                )
            if now < self._paused_until:
                return self._paused_until - now
            while self._sent and self._sent[0] <= now - self._interval_s:
                self._sent.popleft()
            if len(self._sent) < self._max:
                self._sent.append(now)
                return 0.0
            return max(self._sent[0] + self._interval_s - now, 0.001)

    async def acquire_async(self) -> float:
        """``acquire`` for async callers (the lock is held only for microseconds)."""
        return self.acquire()

    def observe(self, observation: RateObservation) -> None:
        """Learn the limits; pause or stop every caller when HubSpot says the budget is spent."""
        with self._lock:
            now = self._clock()
            if self._learn and observation.max is not None and observation.max > 0:
                self._max = observation.max
            if self._learn and observation.interval_ms is not None and observation.interval_ms > 0:
                self._interval_s = observation.interval_ms / 1000
            policy = (observation.policy_name or "").upper()
            if (observation.status_code == 429 and policy == "DAILY") or observation.daily_remaining == 0:
                self._daily_stop_until = now + seconds_to_midnight(self._wall_clock())
            elif observation.status_code == 429 or observation.remaining == 0:
                window = 1.0 if policy == "SECONDLY" else self._interval_s
                self._paused_until = max(self._paused_until, now + window)

    async def observe_async(self, observation: RateObservation) -> None:
        """``observe`` for async callers."""
        self.observe(observation)
