"""RedisBudget against a real redis-server: shared window, learning, pause, daily stop, failures."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import socket
import subprocess
import sys
import time

import pytest
import redis
import redis.retry
from hubspot_association_limits._pacing import RateObservation
from hubspot_association_limits._redis_budget import (
    DEFAULT_KEY,
    BudgetUnavailableError,
    BurstWindow,
    RedisBudget,
    budget_window,
    daily_stop_seconds,
    pause_seconds,
)
from hubspot_association_limits.errors import DailyRateLimitError, InvalidInputError
from redis_server import RedisServer

pytestmark = pytest.mark.redis


def observed(
    status: int = 200,
    policy: str | None = None,
    *,
    max: int | None = None,
    remaining: int | None = None,
    interval_ms: int | None = None,
    daily_remaining: int | None = None,
) -> RateObservation:
    return RateObservation(status, policy, max, remaining, interval_ms, None, daily_remaining)


# Rounding between the budget's clock readings and the millisecond TTLs Redis keeps.
TICK = 0.01


def take_all(budget: RedisBudget) -> int:
    """Slots granted right now, until the budget asks to wait."""
    taken = 0
    while budget.acquire() == 0.0:
        taken += 1
    return taken


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- pure policy


@pytest.mark.parametrize(
    ("burst", "headroom", "expected"),
    [
        (BurstWindow(100, 10_000), 0.05, (95, 10)),
        (BurstWindow(20, 1_000), 0.05, (19, 1)),
        (BurstWindow(20, 1_000), 0.0, (20, 1)),
        (BurstWindow(190, 10_000), 0.05, (180, 10)),
        (BurstWindow(1, 1_000), 0.05, (1, 1)),  # never below one request
        (BurstWindow(10, 1_500), 0.0, (10, 2)),  # part seconds widen the window: slower, never faster
        (BurstWindow(10, 200), 0.0, (10, 1)),
    ],
)
def test_budget_window(burst: BurstWindow, headroom: float, expected: tuple[int, int]) -> None:
    assert budget_window(burst, headroom) == expected


BURST = BurstWindow(20, 2_000)  # one request's share of the interval: 0.1 s


@pytest.mark.parametrize(
    ("observation", "reopens_in", "expected"),
    [
        (observed(429, "TEN_SECONDLY_ROLLING"), 0.5, 2.0),  # overrun: a whole interval, whatever we counted
        (observed(429, None), None, 2.0),
        (observed(429, "SECONDLY"), None, 1.0),
        (observed(429, "DAILY"), None, None),  # the daily stop, not a pause
        (observed(200, remaining=0), None, 2.0),  # full, and we cannot tell when it reopens
        (observed(200, remaining=0), 0.5, 0.6),  # full: until our oldest slot leaves, plus one share
        (observed(200, remaining=0), -0.2, 0.1),
        (observed(200, remaining=0), 5.0, 2.0),  # never longer than the interval
        (observed(201, remaining=1), 0.5, None),
        (observed(200), None, None),
        (observed(500, remaining=3), None, None),
    ],
)
def test_pause_seconds(
    observation: RateObservation, reopens_in: float | None, expected: float | None
) -> None:
    assert pause_seconds(observation, BURST, reopens_in) == pytest.approx(expected)


NOON = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("observation", "expected"),
    [
        (observed(429, "DAILY"), 12 * 3600.0),
        (observed(429, "daily"), 12 * 3600.0),
        (observed(200, daily_remaining=0), 12 * 3600.0),
        (observed(200, daily_remaining=1), None),
        (observed(429, "TEN_SECONDLY_ROLLING"), None),
        (observed(200), None),
    ],
)
def test_daily_stop_seconds(observation: RateObservation, expected: float | None) -> None:
    assert daily_stop_seconds(observation, NOON) == expected


# -- against Redis


def test_two_budgets_share_one_window(redis_server: RedisServer) -> None:
    first = RedisBudget(redis_server.url, key="app-1", burst_max=10, interval_ms=1_000, headroom=0)
    second = RedisBudget(redis_server.url, key="app-1", burst_max=10, interval_ms=1_000, headroom=0)
    other_app = RedisBudget(redis_server.url, key="app-2", burst_max=10, interval_ms=1_000, headroom=0)
    assert take_all(first) + take_all(second) == 10
    wait = second.acquire()
    assert 0 < wait <= 1.0
    assert take_all(other_app) == 10  # another key is another app's budget
    time.sleep(wait + 0.01)
    assert take_all(first) >= 1  # the window moved on


def test_learns_burst_from_headers_and_shares_it(redis_server: RedisServer) -> None:
    teacher = RedisBudget(redis_server.url, key="app", headroom=0)
    pupil = RedisBudget(redis_server.url, key="app", headroom=0)
    assert teacher.burst == BurstWindow(100, 10_000)
    # A 10 s window: the counts below must not depend on how fast a loaded machine takes the slots.
    teacher.observe(observed(200, max=7, remaining=6, interval_ms=10_000))
    assert teacher.burst == BurstWindow(7, 10_000)
    assert take_all(pupil) == 7  # the pupil never saw a header; Redis told it
    assert pupil.burst == BurstWindow(7, 10_000)


def test_learning_carries_the_requests_already_sent_into_the_new_window(redis_server: RedisServer) -> None:
    budget = RedisBudget(redis_server.url, key="app", headroom=0)  # starts at 100 per 10 s
    other = RedisBudget(redis_server.url, key="app", headroom=0)
    assert [budget.acquire() for _ in range(6)] == [0.0] * 6  # sent before any response said more
    budget.observe(observed(200, max=10, remaining=4, interval_ms=5_000))  # longer than the test
    assert take_all(other) == 4  # not a fresh 10: HubSpot already counted those 6


def test_remaining_zero_pauses_until_the_oldest_slot_leaves(redis_server: RedisServer) -> None:
    seer, other = RedisBudget(redis_server.url, key="app"), RedisBudget(redis_server.url, key="app")
    started = time.monotonic()  # before the oldest slot of the window was taken
    seer.observe(observed(200, max=20, remaining=19, interval_ms=2_000))
    assert other.acquire() == 0.0  # the oldest slot of the window: it leaves 2 s after it was taken
    time.sleep(0.5)
    seer.observe(observed(200, max=20, remaining=0, interval_ms=2_000))
    wait = other.acquire()
    # Until that slot leaves plus one request's share (0.1 s), not a whole interval: 2.1 s less the
    # time since the slot, which is at least the 0.5 s slept and at most all the time measured here
    # (so a slow machine moves the window, never the verdict).
    assert 2.1 - (time.monotonic() - started) - TICK <= wait <= 2.1 - 0.5 + TICK


@pytest.mark.parametrize(
    ("observation", "pause"),
    [
        (observed(200, max=50, remaining=0, interval_ms=2_000), 2.0),
        (observed(429, "TEN_SECONDLY_ROLLING", max=50, remaining=0, interval_ms=2_000), 2.0),
        (observed(429, "SECONDLY", max=50, interval_ms=2_000), 1.0),
    ],
)
def test_one_workers_signal_pauses_every_worker(
    redis_server: RedisServer, observation: RateObservation, pause: float
) -> None:
    seer = RedisBudget(redis_server.url, key="app")
    others = [RedisBudget(redis_server.url, key="app") for _ in range(2)]
    started = time.monotonic()
    assert others[0].acquire() == 0.0
    seer.observe(observation)
    # Each worker waits out what is left of the one pause: ``pause`` less the time that has passed
    # since (measured, so that a slow machine cannot break it), never more.
    for other in others:
        wait = other.acquire()
        assert pause - (time.monotonic() - started) - TICK <= wait <= pause
    wait = asyncio.run(others[1].acquire_async())
    assert pause - (time.monotonic() - started) - TICK <= wait <= pause


def test_remaining_above_zero_pauses_nobody(redis_server: RedisServer) -> None:
    seer, other = RedisBudget(redis_server.url, key="app"), RedisBudget(redis_server.url, key="app")
    seer.observe(observed(200, max=50, remaining=1, interval_ms=2_000))
    assert other.acquire() == 0.0


@pytest.mark.parametrize("signal", [observed(429, "DAILY"), observed(200, daily_remaining=0)])
def test_daily_stop_reaches_every_worker_without_a_call(
    redis_server: RedisServer, signal: RateObservation
) -> None:
    seer = RedisBudget(redis_server.url, key="app")
    other = RedisBudget(redis_server.url, key="app")
    asyncio.run(seer.observe_async(signal))
    for budget in (seer, other):
        with pytest.raises(DailyRateLimitError) as caught:
            budget.acquire()
        assert caught.value.policy_name == "DAILY"
    with pytest.raises(DailyRateLimitError):
        asyncio.run(other.acquire_async())
    with redis_server.client() as raw:
        ttl_ms = raw.pttl("app:daily-stop")
    until_midnight = daily_stop_seconds(signal, dt.datetime.now(dt.UTC))
    assert until_midnight is not None
    assert abs(ttl_ms / 1000 - until_midnight) < 5


def test_redis_keys_hold_no_token(redis_server: RedisServer) -> None:
    token = "pat-na1-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    budget = RedisBudget(redis_server.url)  # the default key: a constant
    budget.acquire()
    budget.observe(observed(429, "TEN_SECONDLY_ROLLING", max=20, remaining=0, interval_ms=1_000))
    budget.observe(observed(429, "DAILY"))
    with redis_server.client() as raw:
        keys = [key.decode() for key in raw.keys("*")]
        values = [raw.dump(key) or b"" for key in keys]
    assert keys
    assert all(key.startswith(DEFAULT_KEY + ":") for key in keys)
    everything = " ".join(keys).encode() + b"".join(values)
    assert not any(part.encode() in everything for part in token.split("-") if len(part) >= 4)


def test_url_password_stays_out_of_repr_and_errors() -> None:
    password = "hunter2-redis-secret"
    budget = RedisBudget(f"redis://:{password}@127.0.0.1:{free_port()}/0", on_redis_error="raise")
    with pytest.raises(BudgetUnavailableError) as caught:
        budget.acquire()
    assert password not in repr(budget)
    assert password not in str(caught.value)


@pytest.mark.parametrize("call", ["acquire", "acquire_async"])
def test_raise_mode_raises_a_typed_error_quickly(call: str, monkeypatch: pytest.MonkeyPatch) -> None:
    budget = RedisBudget(f"redis://127.0.0.1:{free_port()}/0", on_redis_error="raise")
    slept: list[float] = []
    monkeypatch.setattr(redis.retry, "sleep", slept.append)  # where redis-py's retry sleeps its backoff
    started = time.monotonic()
    with pytest.raises(BudgetUnavailableError, match="unavailable: Redis ConnectionError"):
        if call == "acquire":
            budget.acquire()
        else:
            asyncio.run(budget.acquire_async())
    assert slept == []  # the retry reconnects at once: no backoff before the error
    assert time.monotonic() - started < 5.0  # a refused connection takes milliseconds, even on a busy machine


def test_raise_mode_observe_keeps_the_response_and_the_daily_stop() -> None:
    # The call already happened: observe must not turn it into an error, but must still stop this worker.
    budget = RedisBudget(f"redis://127.0.0.1:{free_port()}/0", on_redis_error="raise")
    budget.observe(observed(200, max=20, remaining=5, interval_ms=1_000))
    asyncio.run(budget.observe_async(observed(429, "DAILY")))
    with pytest.raises(DailyRateLimitError):
        budget.acquire()


def test_hung_redis_times_out_instead_of_hanging(redis_server: RedisServer) -> None:
    budget = RedisBudget(redis_server.url, key="app", on_redis_error="raise", socket_timeout=0.2)
    assert budget.acquire() == 0.0  # connected while Redis answered
    redis_server.freeze()
    try:
        started = time.monotonic()
        with pytest.raises(BudgetUnavailableError, match="TimeoutError"):
            budget.acquire()
        assert time.monotonic() - started < 4.0  # two attempts of 0.2 s, with 10x slack for a busy machine
    finally:
        redis_server.thaw()


def test_fallback_warns_once_paces_locally_and_returns_to_redis(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    budget = RedisBudget(
        redis_server.url, key="app", burst_max=5, interval_ms=1_000, headroom=0, probe_interval=0.3
    )
    budget.observe(observed(200, max=5, remaining=4, interval_ms=1_000))
    redis_server.kill()
    caplog.set_level(logging.INFO, logger="hubspot_association_limits")
    assert take_all(budget) == 5  # the in-process budget took over with the learned figure
    for _ in range(3):
        budget.acquire()
        budget.observe(observed(200, max=5, remaining=4, interval_ms=1_000))
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "Redis unavailable" in warnings[0].getMessage()

    redis_server.start()
    time.sleep(0.35)  # the next probe is due
    budget.acquire()
    with redis_server.client() as raw:
        assert raw.exists("app:burst/5/1/second")  # the slot came from Redis again
    assert any("Redis is back" in r.getMessage() for r in caplog.records)
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def test_fallback_carries_a_daily_stop_seen_before_redis_failed(redis_server: RedisServer) -> None:
    budget = RedisBudget(redis_server.url, key="app")
    budget.observe(observed(429, "DAILY"))
    redis_server.kill()
    with pytest.raises(DailyRateLimitError):
        budget.acquire()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"on_redis_error": "ignore"}, "on_redis_error"),
        ({"key": ""}, "key"),
        ({"headroom": 1.0}, "headroom"),
        ({"burst_max": 0}, "burst_max"),
    ],
)
def test_bad_settings_are_rejected(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        RedisBudget("redis://127.0.0.1:1/0", **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "limits", None)
    with pytest.raises(ImportError, match=r"hubspot-association-limits\[redis\]"):
        RedisBudget("redis://127.0.0.1:1/0")


def test_core_install_imports_without_the_extra() -> None:
    # A fresh interpreter where redis and limits cannot be imported, as after a plain pip install.
    script = (
        "import sys; sys.modules['redis'] = sys.modules['limits'] = None\n"
        "from hubspot_association_limits import LimitsClient, RedisBudget\n"
        "LimitsClient('pat-na1-00000000-0000-0000-0000-000000000000').close()\n"
        "try:\n    RedisBudget('redis://127.0.0.1:1/0')\n"
        "except ImportError as exc:\n    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert "pip install 'hubspot-association-limits[redis]'" in done.stdout


def test_accepts_a_ready_client(redis_server: RedisServer) -> None:
    client = redis.Redis(host="127.0.0.1", port=redis_server.port, socket_timeout=0.5)
    budget = RedisBudget(client, key="mine", burst_max=3, interval_ms=10_000, headroom=0)
    assert take_all(budget) == 3
    assert client.exists("mine:burst/3/10/second")
