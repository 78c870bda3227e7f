"""InProcessBudget: sliding window, learning from headers, pauses and the daily stop; shared by threads."""

from __future__ import annotations

import datetime
import threading

import httpx
import pytest
from hubspot_association_limits import InProcessBudget, RateBudget, RateLimitInfo, RateObservation, errors
from hubspot_association_limits._pacing import observation_from


def _obs(status: int = 200, policy: str | None = None, **fields: int | None) -> RateObservation:
    values = {
        "max": None,
        "remaining": None,
        "interval_ms": None,
        "daily": None,
        "daily_remaining": None,
        **fields,
    }
    return RateObservation(status_code=status, policy_name=policy, **values)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_is_a_rate_budget():
    assert isinstance(InProcessBudget(), RateBudget)


def test_sliding_window_allows_max_then_waits_for_the_oldest_to_expire():
    clock = Clock()
    budget = InProcessBudget(3, 1000, clock=clock)
    assert [budget.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert budget.acquire() == pytest.approx(1.0)
    clock.now += 0.4
    assert budget.acquire() == pytest.approx(0.6)
    clock.now += 0.6
    assert budget.acquire() == 0.0


def test_learns_max_and_interval_from_headers():
    clock = Clock()
    budget = InProcessBudget(clock=clock)
    budget.observe(_obs(max=2, interval_ms=500))
    assert [budget.acquire() for _ in range(2)] == [0.0, 0.0]
    assert budget.acquire() == pytest.approx(0.5)


def test_explicit_limits_are_not_overridden():
    budget = InProcessBudget(1, 1000, clock=Clock())
    budget.observe(_obs(max=100, interval_ms=10))
    assert budget.acquire() == 0.0 and budget.acquire() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("observation", "pause"),
    [
        (_obs(remaining=0, interval_ms=2000), 2.0),
        (_obs(429, "TEN_SECONDLY_ROLLING"), 10.0),
        (_obs(429, "SECONDLY"), 1.0),
        (_obs(429, None), 10.0),
        (_obs(remaining=5), 0.0),
    ],
)
def test_pauses_everyone(observation: RateObservation, pause: float):
    clock = Clock()
    budget = InProcessBudget(clock=clock)
    budget.observe(observation)
    assert budget.acquire() == pytest.approx(pause)


@pytest.mark.parametrize("observation", [_obs(429, "DAILY"), _obs(daily_remaining=0)])
def test_daily_stop_until_midnight(observation: RateObservation):
    clock = Clock()
    wall = datetime.datetime(2026, 3, 2, 23, 0, tzinfo=datetime.UTC)
    budget = InProcessBudget(clock=clock, wall_clock=lambda: wall)
    budget.observe(observation)
    with pytest.raises(errors.DailyRateLimitError, match="resume in 3600 s"):
        budget.acquire()
    clock.now += 3599
    with pytest.raises(errors.DailyRateLimitError):
        budget.acquire()
    clock.now += 2
    assert budget.acquire() == 0.0


def test_shared_by_threads_never_over_grants():
    clock = Clock()
    budget = InProcessBudget(50, 10_000, clock=clock)
    granted: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        mine = sum(1 for _ in range(20) if budget.acquire() == 0.0)
        with lock:
            granted.append(mine)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(granted) == 50


@pytest.mark.parametrize("as_httpx", [False, True], ids=["dict", "httpx.Headers"])
def test_observation_from_headers_is_case_insensitive_and_lenient(as_httpx: bool):
    headers = {
        "x-hubspot-ratelimit-max": "190",
        "X-HubSpot-RateLimit-Remaining": "oops",
        "X-HubSpot-RateLimit-Daily-Remaining": "5",
        "X-HubSpot-Correlation-Id": "cid-1",
    }
    observation = observation_from(
        200, RateLimitInfo.from_headers(httpx.Headers(headers) if as_httpx else headers), None
    )
    assert (observation.max, observation.remaining, observation.daily_remaining, observation.interval_ms) == (
        190,
        None,
        5,
        None,
    )


def test_a_repeated_rate_limit_header_is_unreadable_as_its_joined_value_is():
    # The raw-bytes parse of httpx.Headers must agree with reading the comma-joined value.
    headers = httpx.Headers([("X-HubSpot-RateLimit-Max", "100"), ("x-hubspot-ratelimit-max", "110")])
    joined = {"X-HubSpot-RateLimit-Max": headers["X-HubSpot-RateLimit-Max"]}
    assert RateLimitInfo.from_headers(headers) == RateLimitInfo.from_headers(joined) == RateLimitInfo()
