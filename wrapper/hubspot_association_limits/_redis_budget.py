"""RedisBudget: one HubSpot rate budget shared through Redis by every client that names the same key.

HubSpot's limits belong to the app, not to a process, so workers on many machines must draw from one
budget. The burst window is kept by two limiters of the ``limits`` library on Redis (atomic, tested
upstream): a sliding window counter that spreads requests evenly, and a moving window that caps any
interval exactly. The pause and the daily stop are two tiny Redis keys that expire by themselves.
If Redis fails, pacing carries on in this process (``on_redis_error="fallback"``) or ``acquire``
raises ``BudgetUnavailableError`` (``"raise"``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
import threading
import time
from typing import TYPE_CHECKING, Final, Literal
from urllib.parse import urlsplit

import attrs

from ._extras import install_hint
from ._logging import logger
from ._pacing import InProcessBudget, RateObservation, seconds_to_midnight
from ._redact import register_secret
from .errors import BudgetUnavailableError, DailyRateLimitError, InvalidInputError

if TYPE_CHECKING:
    import redis
    from limits import RateLimitItem
    from limits.strategies import RateLimiter

__all__ = [
    "DEFAULT_KEY",
    "BudgetUnavailableError",
    "BurstWindow",
    "RedisBudget",
    "budget_window",
    "daily_stop_seconds",
    "pause_seconds",
]

DEFAULT_KEY: Final = "hubspot-association-limits"
"""The default Redis key prefix: a constant, never derived from the token."""

_LEARNED_TTL_MS: Final = 24 * 3600 * 1000  # a learned burst figure outlives any one run, not the app's plan
_SECONDLY_PAUSE: Final = 1.0


@attrs.frozen
class BurstWindow:
    """HubSpot's per-app burst window: ``max`` requests per rolling ``interval_ms``."""

    max: int = 100
    interval_ms: int = 10_000


def budget_window(burst: BurstWindow, headroom: float) -> tuple[int, int]:
    """(requests, seconds) of a shared window for ``burst``.

    ``limits`` counts whole seconds, so a window that is not a whole number of seconds is widened
    (fewer requests per real interval, never more). ``headroom`` leaves a share of the burst unused:
    workers take a slot a few milliseconds before HubSpot counts the request, and those gaps differ
    between workers, so a flow at exactly the limit would collect the odd 429.
    """
    seconds = max(1, math.ceil(burst.interval_ms / 1000))
    spare = math.ceil(burst.max * headroom) if headroom > 0 else 0
    return max(1, burst.max - spare), seconds


def pause_seconds(observation: RateObservation, burst: BurstWindow, reopens_in: float | None) -> float | None:
    """How long every worker waits after this response; None when it asks for no pause.

    ``reopens_in``: seconds until the oldest request in the shared window leaves it (None: unknown).
    A success with ``Remaining: 0`` means HubSpot's window is full but not overrun, so everyone waits
    until that oldest request leaves, plus one request's share of the interval for the workers'
    clock and network jitter. A 429 means the window was overrun (perhaps by a sender outside this
    budget), so everyone waits a whole interval.
    """
    policy = _policy(observation)
    interval = burst.interval_ms / 1000
    if observation.status_code == 429:
        if policy == "DAILY":
            return None
        if policy == "SECONDLY":
            return _SECONDLY_PAUSE
        return interval  # TEN_SECONDLY_ROLLING or unnamed: the rolling window reopens within one
    if observation.remaining == 0:
        if reopens_in is None:
            return interval
        return min(interval, max(reopens_in, 0.0) + interval / burst.max)
    return None


def daily_stop_seconds(observation: RateObservation, now: dt.datetime) -> float | None:
    """Seconds until the daily limit resets if this response spent it, else None.

    HubSpot resets the daily count at midnight; the account's time zone is not in the response,
    so midnight UTC (what the mock uses). A call after a too-early reset only earns another DAILY 429.
    """
    spent = (observation.status_code == 429 and _policy(observation) == "DAILY") or (
        observation.daily_remaining == 0
    )
    return seconds_to_midnight(now) if spent else None


def _policy(observation: RateObservation) -> str:
    return (observation.policy_name or "").upper()


class RedisBudget:
    """A ``RateBudget`` shared by every client, in any process on any machine, naming the same Redis and key.

    ``url_or_client``: a ``redis://`` URL (its password is registered for redaction) or a
    ``redis.Redis`` client (bring your own timeouts). ``key`` prefixes every Redis key; choose one per
    HubSpot app, never the token. ``burst_max``/``interval_ms`` are the burst window until a response's
    ``X-HubSpot-RateLimit-Max``/``-Interval-Milliseconds`` teach the real one (shared with every worker).
    ``socket_timeout`` bounds each Redis round trip; ``probe_interval`` is how often a fallen-back budget
    tries Redis again. Async methods run the same round trips in a worker thread, so one connection
    pool and one failure state serve both.
    """

    def __init__(
        self,
        url_or_client: str | redis.Redis,
        *,
        key: str = DEFAULT_KEY,
        on_redis_error: Literal["fallback", "raise"] = "fallback",
        burst_max: int = 100,
        interval_ms: int = 10_000,
        headroom: float = 0.05,
        socket_timeout: float = 0.5,
        probe_interval: float = 5.0,
    ) -> None:
        if on_redis_error not in ("fallback", "raise"):
            raise InvalidInputError(
                f'must be "fallback" or "raise", got {on_redis_error!r}', field="on_redis_error"
            )
        if not isinstance(key, str) or not key:
            raise InvalidInputError("must be a non-empty string", field="key")
        if not 0 <= headroom < 1:
            raise InvalidInputError(f"must be at least 0 and below 1, got {headroom!r}", field="headroom")
        if burst_max < 1 or interval_ms < 1:
            raise InvalidInputError("burst_max and interval_ms must be at least 1", field="burst_max")
        try:
            import limits
            import limits.storage
            import limits.strategies
            import redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry
        except ImportError as exc:
            raise ImportError(install_hint("redis", "RedisBudget"), name=exc.name) from exc

        if isinstance(url_or_client, str):
            register_secret(urlsplit(url_or_client).password)
            # One immediate retry reconnects a pooled connection that a Redis restart left dead;
            # redis-py's default (3 retries, backoff up to 10 s) would stall every call while Redis is down.
            pool = redis.ConnectionPool.from_url(
                url_or_client,
                socket_timeout=socket_timeout,
                socket_connect_timeout=socket_timeout,
                retry=Retry(NoBackoff(), 1),
            )
        else:
            pool = url_or_client.connection_pool
        self._client: redis.Redis = redis.Redis(connection_pool=pool)
        self._errors: tuple[type[BaseException], ...] = (redis.RedisError, OSError)
        storage = limits.storage.RedisStorage("redis://", connection_pool=pool, key_prefix=key)
        # Two limiters of the library on one storage: the sliding window counter spreads requests
        # evenly over the interval at the burst less the headroom (no rush each time the window
        # reopens, which jitter between workers turns into 429s); the moving window is the exact
        # cap of the burst itself on any interval.
        self._smooth = limits.strategies.SlidingWindowCounterRateLimiter(storage)
        self._exact = limits.strategies.MovingWindowRateLimiter(storage)
        self._item_class = limits.RateLimitItemPerSecond
        self._key = key
        self._pause_key = f"{key}:pause"
        self._stop_key = f"{key}:daily-stop"
        self._burst_key = f"{key}:burst"
        self._on_redis_error = on_redis_error
        self._headroom = headroom
        self._probe_interval = probe_interval
        self._lock = threading.Lock()
        self._initial = self._burst = BurstWindow(burst_max, interval_ms)
        self._learned = False
        self._daily_stop_until = 0.0  # wall clock; a local copy, so a stopped worker asks nobody
        self._down = False
        self._next_probe = 0.0
        self._fallback: InProcessBudget | None = None

    def __repr__(self) -> str:
        return f"RedisBudget(key={self._key!r}, burst={self._burst.max}/{self._burst.interval_ms}ms)"

    @property
    def key(self) -> str:
        """The prefix of every Redis key this budget uses."""
        return self._key

    @property
    def burst(self) -> BurstWindow:
        """The burst window in force (learned from HubSpot's headers once seen)."""
        return self._burst

    def acquire(self) -> float:
        """Take a slot: 0.0 to send now, else seconds to wait before asking again.

        Raises ``errors.DailyRateLimitError`` while the daily stop holds, and
        ``BudgetUnavailableError`` if Redis fails and ``on_redis_error="raise"``.
        """
        self._raise_if_stopped(self._daily_stop_until - time.time())
        if self._try_redis():
            try:
                wait = self._acquire_shared()
            except self._errors as exc:
                self._redis_failed(exc)
            else:
                self._redis_ok()
                return wait
        return self._local().acquire()

    async def acquire_async(self) -> float:
        """``acquire`` without blocking the event loop."""
        return await asyncio.to_thread(self.acquire)

    def observe(self, observation: RateObservation) -> None:
        """Learn from one response: the burst window, and whether every worker must pause or stop.

        Never raises for Redis, even with ``on_redis_error="raise"``: the response is already in
        hand, and failing the call now would report a change HubSpot made as not made. The next
        ``acquire`` raises instead.
        """
        learned = _burst_of(observation)
        if learned is not None:
            self._burst = learned
            self._learned = True
        stop = daily_stop_seconds(observation, dt.datetime.now(dt.UTC))
        if stop is not None:
            self._daily_stop_until = time.time() + stop
        if self._try_redis():
            try:
                self._share(observation, stop)
            except self._errors as exc:
                if self._on_redis_error == "raise":
                    logger.debug(
                        "shared rate budget %r: could not share a response: %s", self._key, type(exc).__name__
                    )
                    return
                self._redis_failed(exc)
            else:
                self._redis_ok()
                return
        self._local().observe(observation)

    async def observe_async(self, observation: RateObservation) -> None:
        """``observe`` without blocking the event loop."""
        await asyncio.to_thread(self.observe, observation)

    # -- the shared path: a few Redis round trips each, bounded by socket_timeout

    def _acquire_shared(self) -> float:
        with self._client.pipeline(transaction=False) as pipe:
            pipe.pttl(self._stop_key)
            pipe.pttl(self._pause_key)
            pipe.get(self._burst_key)
            stop_ms, pause_ms, learned = pipe.execute()
        if stop_ms > 0:
            self._daily_stop_until = time.time() + stop_ms / 1000
            self._raise_if_stopped(stop_ms / 1000)
        if learned:
            self._burst = _parse_burst(learned, self._burst)
            self._learned = True
        if pause_ms > 0:
            return float(pause_ms) / 1000
        for limiter, item in self._windows(self._burst):
            if not limiter.hit(item):
                # A slot the smoothing limiter granted is not handed back: the worker just asks later.
                reset_at, _ = limiter.get_window_stats(item)
                # At least a millisecond, so a caller that loops on acquire() never spins.
                return max(0.001, float(reset_at) - time.time())
        return 0.0

    def _share(self, observation: RateObservation, stop: float | None) -> None:
        learned = _burst_of(observation)
        reopens_in = None
        if observation.remaining == 0 and observation.status_code != 429:
            exact, item = self._windows(self._burst)[1]
            reset_at, _ = exact.get_window_stats(item)
            reopens_in = float(reset_at) - time.time()
        pause = pause_seconds(observation, self._burst, reopens_in)
        with self._client.pipeline(transaction=False) as pipe:
            if stop is not None:
                pipe.set(self._stop_key, "DAILY", px=max(1, int(stop * 1000)))
            if pause is not None:
                # Every pause is "now + window", so the last writer also holds the latest end.
                pipe.set(self._pause_key, _policy(observation) or "REMAINING_0", px=max(1, int(pause * 1000)))
            if learned is not None:
                pipe.set(
                    self._burst_key, f"{learned.max}/{learned.interval_ms}", px=_LEARNED_TTL_MS, get=True
                )
            replies = pipe.execute() if len(pipe) else []
        if learned is not None:
            previous = _parse_burst(replies[-1], self._initial) if replies[-1] else self._initial
            if previous != learned:
                self._carry_over(previous, learned)

    def _carry_over(self, previous: BurstWindow, learned: BurstWindow) -> None:
        # The requests already counted in the old window still count at HubSpot: move them into the
        # new window, or the first interval after learning would let a whole new burst through.
        # Only the worker whose SET changed the figure does this (SET ... GET is atomic).
        for (limiter, old_item), (_, new_item) in zip(
            self._windows(previous), self._windows(learned), strict=True
        ):
            _, old_remaining = limiter.get_window_stats(old_item)
            _, new_remaining = limiter.get_window_stats(new_item)
            moved = min(old_item.amount - old_remaining, new_remaining)
            if moved > 0:
                limiter.hit(new_item, cost=moved)

    def _windows(self, burst: BurstWindow) -> tuple[tuple[RateLimiter, RateLimitItem], ...]:
        # Smooth flow at the burst less the headroom; never more than the burst itself in any interval.
        smooth = self._item_class(*budget_window(burst, self._headroom), namespace="smooth")
        exact = self._item_class(*budget_window(burst, 0.0), namespace="burst")
        return ((self._smooth, smooth), (self._exact, exact))

    # -- failure handling: fall back (one warning) or raise, and probe Redis again now and then

    def _try_redis(self) -> bool:
        with self._lock:
            if not self._down:
                return True
            now = time.monotonic()
            if now < self._next_probe:
                return False
            self._next_probe = now + self._probe_interval  # one caller probes; the others stay local
            return True

    def _redis_failed(self, exc: BaseException) -> None:
        if self._on_redis_error == "raise":
            raise BudgetUnavailableError(
                f"shared rate budget {self._key!r} unavailable: Redis {type(exc).__name__}"
            ) from exc
        with self._lock:
            first = not self._down
            self._down = True
            self._next_probe = time.monotonic() + self._probe_interval
        if first:
            logger.warning(
                "shared rate budget %r: Redis unavailable (%s); pacing this process alone until it is back",
                self._key,
                type(exc).__name__,
            )

    def _redis_ok(self) -> None:
        with self._lock:
            back = self._down
            self._down = False
        if back:
            logger.info("shared rate budget %r: Redis is back; pacing with every worker again", self._key)

    def _local(self) -> InProcessBudget:
        with self._lock:
            if self._fallback is None:
                # Explicit figures stop it learning, so only hand over figures HubSpot taught us.
                learned = self._burst if self._learned else None
                self._fallback = InProcessBudget(
                    learned.max if learned else None, learned.interval_ms if learned else None
                )
            return self._fallback

    def _raise_if_stopped(self, remaining: float) -> None:
        if remaining > 0:
            raise DailyRateLimitError(
                f"the DAILY rate limit is used up for every worker sharing {self._key!r}; "
                f"calls resume in {remaining:.0f} s",
                status_code=429,
                policy_name="DAILY",
            )


def _burst_of(observation: RateObservation) -> BurstWindow | None:
    if observation.max and observation.interval_ms and observation.max > 0 and observation.interval_ms > 0:
        return BurstWindow(observation.max, observation.interval_ms)
    return None


def _parse_burst(raw: bytes | str, current: BurstWindow) -> BurstWindow:
    text = raw.decode() if isinstance(raw, bytes) else raw
    maximum, _, interval = text.partition("/")
    try:
        learned = BurstWindow(int(maximum), int(interval))
    except ValueError:
        return current  # not ours to trust; keep what we have
    return learned if learned.max > 0 and learned.interval_ms > 0 else current
