"""Per-token rate limits (a rolling burst window and a UTC-day quota) and HubSpot's rate-limit headers."""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable
from typing import Final

import attrs

__all__ = ["DAILY", "DAILY_HEADERS", "TEN_SECONDLY_ROLLING", "RateDecision", "RateLimiter"]

TEN_SECONDLY_ROLLING: Final = "TEN_SECONDLY_ROLLING"
DAILY: Final = "DAILY"
# The headers HubSpot leaves out for OAuth apps (MockConfig.daily_rate_limit_headers off).
DAILY_HEADERS: Final = ("X-HubSpot-RateLimit-Daily", "X-HubSpot-RateLimit-Daily-Remaining")


@attrs.frozen
class RateDecision:
    """Whether a request may proceed; ``policy_name`` says which window ran out when it may not."""

    allowed: bool
    policy_name: str | None
    headers: tuple[tuple[str, str], ...]


@attrs.define
class _Bucket:
    window: collections.deque[float] = attrs.field(factory=collections.deque)
    day: int = -1
    used_today: int = 0


class RateLimiter:
    """Counts accepted requests per token. Rejected (429) requests are not counted, so a client that
    waits out the window gets in again. Thread-safe."""

    def __init__(
        self,
        burst_limit: int,
        interval_ms: int,
        daily_limit: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        utc_day: Callable[[], int] = lambda: int(time.time() // 86_400),
    ) -> None:
        self._burst = burst_limit
        self._interval_s = interval_ms / 1000
        self._interval_ms = interval_ms
        self._daily = daily_limit
        self._clock = clock
        self._utc_day = utc_day
        self._lock = threading.Lock()
        self._buckets: dict[str | None, _Bucket] = collections.defaultdict(_Bucket)

    def take(self, token: str) -> RateDecision:
        """Count one request for ``token`` if both windows have room."""
        with self._lock:
            bucket = self._current(token)
            if bucket.used_today >= self._daily:
                return RateDecision(False, DAILY, self._headers(bucket))
            if len(bucket.window) >= self._burst:
                return RateDecision(False, TEN_SECONDLY_ROLLING, self._headers(bucket))
            bucket.window.append(self._clock())
            bucket.used_today += 1
            return RateDecision(True, None, self._headers(bucket))

    def peek(self, token: str | None) -> tuple[tuple[str, str], ...]:
        """The headers for ``token`` without counting a request (None: a caller with no token)."""
        with self._lock:
            return self._headers(self._current(token))

    def _current(self, token: str | None) -> _Bucket:
        bucket = self._buckets[token]
        now = self._clock()
        while bucket.window and bucket.window[0] <= now - self._interval_s:
            bucket.window.popleft()
        today = self._utc_day()
        if bucket.day != today:
            bucket.day, bucket.used_today = today, 0
        return bucket

    def _headers(self, bucket: _Bucket) -> tuple[tuple[str, str], ...]:
        return (
            ("X-HubSpot-RateLimit-Max", str(self._burst)),
            ("X-HubSpot-RateLimit-Remaining", str(max(self._burst - len(bucket.window), 0))),
            ("X-HubSpot-RateLimit-Interval-Milliseconds", str(self._interval_ms)),
            (DAILY_HEADERS[0], str(self._daily)),
            (DAILY_HEADERS[1], str(max(self._daily - bucket.used_today, 0))),
        )
