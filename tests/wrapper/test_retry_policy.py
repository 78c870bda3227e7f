"""The retry decision and its waits, one row per rule of the issue's retry list."""

from __future__ import annotations

import datetime
import json

import pytest
from hubspot_association_limits import RetryPolicy
from hubspot_association_limits._retry import GiveUp, Retry, backoff, decide, retry_after

NOW = datetime.datetime(2026, 3, 2, 10, 0, 0, tzinfo=datetime.UTC)
POLICY = RetryPolicy()
TEN_SECONDLY = json.dumps({"status": "error", "policyName": "TEN_SECONDLY_ROLLING"}).encode()
SECONDLY = json.dumps({"status": "error", "policyName": "SECONDLY"}).encode()
DAILY = json.dumps({"status": "error", "policyName": "DAILY"}).encode()
INTERVAL = {"X-HubSpot-RateLimit-Interval-Milliseconds": "2000"}


def _decide(
    status: int | None = None, *, headers=None, body=b"", failure=None, method="POST", attempt=0, **kw
):
    policy = kw.pop("policy", POLICY)
    return decide(
        policy,
        method=method,
        attempt=attempt,
        waited=kw.pop("waited", 0.0),
        status=status,
        headers=headers,
        body=body,
        failure=failure,
        now=NOW,
        jitter=kw.pop("jitter", 0.0),
    )


# (case, status, headers, body, expected wait with jitter 0, or None for "give up")
STATUS_ROWS = [
    ("408 backoff", 408, {}, b"", 0.5),
    ("423 waits at least 2 s", 423, {}, b"", 2.0),
    ("423 longer Retry-After honoured", 423, {"Retry-After": "5"}, b"", 5.0),
    ("429 TEN_SECONDLY waits the interval header", 429, INTERVAL, TEN_SECONDLY, 2.0),
    ("429 TEN_SECONDLY without interval waits 10 s", 429, {}, TEN_SECONDLY, 10.0),
    (
        "429 unreadable interval waits 10 s",
        429,
        {"X-HubSpot-RateLimit-Interval-Milliseconds": "x"},
        TEN_SECONDLY,
        10.0,
    ),
    (
        "429 zero interval waits 10 s",
        429,
        {"X-HubSpot-RateLimit-Interval-Milliseconds": "0"},
        TEN_SECONDLY,
        10.0,
    ),
    ("429 SECONDLY waits 1 s", 429, {}, SECONDLY, 1.0),
    ("429 unknown body waits the window", 429, {}, b"<html>slow down</html>", 10.0),
    ("429 Retry-After wins over the window", 429, {"Retry-After": "3"}, TEN_SECONDLY, 3.0),
    ("429 DAILY never", 429, {}, DAILY, None),
    ("429 DAILY never, even with Retry-After", 429, {"Retry-After": "1"}, DAILY, None),
    ("500 backoff", 500, {}, b"", 0.5),
    ("502 backoff", 502, {}, b"<html>bad gateway</html>", 0.5),
    ("503 Retry-After seconds", 503, {"Retry-After": "7"}, b"", 7.0),
    ("504 backoff", 504, {}, b"", 0.5),
    ("521 backoff", 521, {}, b"", 0.5),
    ("524 backoff", 524, {}, b"", 0.5),
    ("477 within the cap", 477, {"Retry-After": "30"}, b"", 30.0),
    ("477 at the cap", 477, {"Retry-After": "60"}, b"", 60.0),
    ("477 over the cap", 477, {"Retry-After": "86400"}, b"", None),
    ("477 without Retry-After", 477, {}, b"", None),
    ("503 Retry-After over the cap raises", 503, {"Retry-After": "61"}, b"", None),
    ("Retry-After-Ms header", 503, {"Retry-After-Ms": "1500"}, b"", 1.5),
    ("Retry-After HTTP date", 503, {"Retry-After": "Mon, 02 Mar 2026 10:00:12 GMT"}, b"", 12.0),
    ("Retry-After HTTP date in the past", 503, {"Retry-After": "Mon, 02 Mar 2026 09:00:00 GMT"}, b"", 0.0),
    ("unreadable Retry-After falls back to backoff", 503, {"Retry-After": "soon"}, b"", 0.5),
    ("409 never", 409, {}, b"", None),
    ("522 never", 522, {}, b"", None),
    ("523 never", 523, {}, b"", None),
    ("400 never", 400, {}, b"", None),
    ("401 never", 401, {}, b"", None),
    ("403 never", 403, {}, b"", None),
    ("404 never", 404, {}, b"", None),
    ("501 never", 501, {}, b"", None),
    ("525 never", 525, {}, b"", None),
    ("526 never", 526, {}, b"", None),
]


@pytest.mark.parametrize(
    ("case", "status", "headers", "body", "expected"), STATUS_ROWS, ids=[r[0] for r in STATUS_ROWS]
)
def test_status_decision_and_wait(
    case: str, status: int, headers: dict[str, str], body: bytes, expected: float | None
):
    decision = _decide(status, headers=headers, body=body)
    if expected is None:
        assert isinstance(decision, GiveUp), decision
    else:
        assert isinstance(decision, Retry), decision
        assert decision.wait == pytest.approx(expected)


@pytest.mark.parametrize(
    ("failure", "method", "retry_posts", "retried"),
    [
        ("connect", "POST", True, True),
        ("connect", "POST", False, True),  # never left the machine
        ("timeout", "POST", True, True),
        ("timeout", "POST", False, False),  # may have been applied
        ("network", "POST", True, True),
        ("network", "POST", False, False),
        ("timeout", "GET", False, True),
        ("network", "GET", False, True),
    ],
)
def test_transport_failures(failure: str, method: str, retry_posts: bool, retried: bool):
    decision = _decide(failure=failure, method=method, policy=RetryPolicy(retry_posts=retry_posts))
    assert isinstance(decision, Retry) is retried
    if retried:
        assert decision.wait == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("status", "body", "retried"),
    [(503, b"", False), (500, b"", False), (429, TEN_SECONDLY, True), (423, b"", False)],
)
def test_retry_posts_off_resends_only_what_was_not_processed(status: int, body: bytes, retried: bool):
    assert isinstance(_decide(status, body=body, policy=RetryPolicy(retry_posts=False)), Retry) is retried
    assert isinstance(_decide(status, body=body, method="GET", policy=RetryPolicy(retry_posts=False)), Retry)


@pytest.mark.parametrize(
    ("attempt", "expected"), [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 8.0), (9, 8.0)]
)
def test_exponential_backoff_is_capped_at_8_s(attempt: int, expected: float):
    assert backoff(POLICY, attempt, 0.0) == pytest.approx(expected)
    assert backoff(POLICY, attempt, 0.999) == pytest.approx(expected * 1.24975)


@pytest.mark.parametrize(
    ("status", "body", "base"), [(503, b"", 0.5), (429, TEN_SECONDLY, 10.0), (423, b"", 2.0)]
)
def test_jitter_stays_within_its_band(status: int, body: bytes, base: float):
    low = _decide(status, body=body, jitter=0.0)
    high = _decide(status, body=body, jitter=0.999)
    assert isinstance(low, Retry) and isinstance(high, Retry)
    assert low.wait == pytest.approx(base)
    assert base < high.wait <= base * 1.25


@pytest.mark.parametrize(("attempt", "retried"), [(0, True), (2, True), (3, False), (7, False)])
def test_max_retries(attempt: int, retried: bool):
    assert (
        isinstance(_decide(503, attempt=attempt, policy=RetryPolicy(max_retries=3, backoff_max=0.5)), Retry)
        is retried
    )


@pytest.mark.parametrize(("waited", "retried"), [(0.0, True), (49.9, True), (50.1, False), (60.0, False)])
def test_total_wait_budget(waited: float, retried: bool):
    # A 10 s window wait fits only while 50 s or less of the 60 s budget is spent.
    assert isinstance(_decide(429, body=TEN_SECONDLY, waited=waited), Retry) is retried


def test_success_is_never_retried():
    assert isinstance(_decide(200), GiveUp)
    assert isinstance(_decide(207), GiveUp)


# A Retry-After that is not a finite number is no instruction: normal backoff (0.5 s), next attempt.
@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "NaN"}, 0.5),
        ({"Retry-After": "nan"}, 0.5),
        ({"Retry-After": "inf"}, 0.5),
        ({"Retry-After": "-Infinity"}, 0.5),
        ({"Retry-After": "1e999"}, 0.5),
        ({"Retry-After": "-1e999"}, 0.5),
        ({"Retry-After": "1e308"}, None),  # finite, so a real answer: over the cap, give up
        ({"Retry-After-Ms": "1500"}, 1.5),
        ({"Retry-After-Ms": "NaN"}, 0.5),
        ({"Retry-After-Ms": "inf"}, 0.5),
        ({"Retry-After-Ms": "1e999"}, 0.5),
        ({"Retry-After-Ms": "NaN", "Retry-After": "3"}, 3.0),
        ({"Retry-After-Ms": "inf", "Retry-After": "nan"}, 0.5),
    ],
    ids=lambda value: repr(value) if isinstance(value, dict) else None,
)
def test_a_retry_after_that_is_not_finite_counts_as_absent(headers: dict[str, str], expected: float | None):
    decision = _decide(503, headers=headers, method="GET")
    if expected is None:
        assert isinstance(decision, GiveUp), decision
    else:
        assert decision == Retry(expected, "status 503")


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"Retry-After": "10"}, 10.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"Retry-After": "-4"}, 0.0),
        ({"Retry-After-Ms": "250"}, 0.25),
        ({"Retry-After-Ms": "x", "Retry-After": "3"}, 3.0),
        ({"Retry-After": "Mon, 02 Mar 2026 10:01:00 GMT"}, 60.0),
        ({"Retry-After": "not a date"}, None),
    ],
)
def test_retry_after_parsing(headers: dict[str, str], expected: float | None):
    assert retry_after(headers, NOW) == expected
