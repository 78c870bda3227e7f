"""One request's pacing and retries (``_call``), sync and async: the waits are recorded, not slept."""

from __future__ import annotations

import asyncio
import datetime
import logging
from typing import Any

import httpx
import pytest
from hubspot_association_limits import InProcessBudget, RetryPolicy, errors
from hubspot_association_limits import _call as call_module
from hubspot_association_limits._call import Call, aexchange, exchange, request_flow
from hubspot_association_limits._transport import PrefixTransport, rewrite_prefix
from wrapper_helpers import rate_limited

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
URL = "https://api.hubapi.test/crm/associations/v4/definitions/configurations/0-3/0-1/batch/create"


def _script(*steps: httpx.Response | type[Exception]):
    """A send answering each request with the next step (a response, or an exception class to raise)."""
    seen: list[int] = []

    def send() -> httpx.Response:
        step = steps[len(seen)]
        seen.append(len(seen))
        if isinstance(step, type):
            raise step("scripted failure", request=httpx.Request("POST", URL))
        # A fresh copy: the tables are shared by the sync and async tests.
        return httpx.Response(step.status_code, headers=step.headers, content=step.content)

    return send, seen


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A monotonic clock for budgets that the recorded waits advance; ``clock[1:]`` are the waits."""
    now = [0.0]

    def sleep(seconds: float) -> None:
        now.append(seconds)
        now[0] += seconds

    async def async_sleep(seconds: float) -> None:
        sleep(seconds)

    monkeypatch.setattr(call_module, "sleep", sleep)
    monkeypatch.setattr(call_module, "async_sleep", async_sleep)
    return now


def _call(policy: RetryPolicy | None = None, budget: InProcessBudget | None = None) -> Call:
    return Call(policy or RetryPolicy(), budget, rand=lambda: 0.0, clock=lambda: NOW)


def _drive(kind: str, call: Call, send: Any, method: str = "POST") -> Any:
    flow = request_flow(call, method)
    if kind == "sync":
        return exchange(flow, send, call.budget)

    async def asend() -> httpx.Response:
        return send()

    return asyncio.run(aexchange(flow, asend, call.budget))


# (case, the server's answers in order, expected waits, final status or exception)
SEQUENCES = [
    ("503 then 201", [httpx.Response(503), httpx.Response(201)], [0.5], 201),
    ("two 500s then 200", [httpx.Response(500), httpx.Response(500), httpx.Response(200)], [0.5, 1.0], 200),
    ("connect error then 200", [httpx.ConnectError, httpx.Response(200)], [0.5], 200),
    ("read timeout then 200", [httpx.ReadTimeout, httpx.Response(200)], [0.5], 200),
    ("lost connection then 200", [httpx.RemoteProtocolError, httpx.Response(200)], [0.5], 200),
    (
        "429 window from header",
        [
            httpx.Response(
                429, json=rate_limited(), headers={"X-HubSpot-RateLimit-Interval-Milliseconds": "1500"}
            ),
            httpx.Response(200),
        ],
        [1.5],
        200,
    ),
    ("423 then 200", [httpx.Response(423), httpx.Response(200)], [2.0], 200),
    (
        "NaN Retry-After is backoff",
        [httpx.Response(503, headers={"Retry-After": "NaN"}), httpx.Response(200)],
        [0.5],
        200,
    ),
    (
        "infinite Retry-After-Ms is backoff",
        [httpx.Response(502, headers={"Retry-After-Ms": "1e999"}), httpx.Response(200)],
        [0.5],
        200,
    ),
    ("477 Retry-After", [httpx.Response(477, headers={"Retry-After": "4"}), httpx.Response(200)], [4.0], 200),
    (
        "477 Retry-After over the cap is final",
        [httpx.Response(477, headers={"Retry-After": "3600"})],
        [],
        477,
    ),
    ("DAILY 429 is final", [httpx.Response(429, json=rate_limited("DAILY"))], [], 429),
    ("409 is final", [httpx.Response(409)], [], 409),
    ("522 is final", [httpx.Response(522)], [], 522),
    ("gives up after 3 retries", [httpx.Response(503)] * 4, [0.5, 1.0, 2.0], 503),
    ("connect errors exhaust", [httpx.ConnectError] * 4, [0.5, 1.0, 2.0], errors.APIConnectionError),
    ("timeouts exhaust", [httpx.ReadTimeout] * 4, [0.5, 1.0, 2.0], errors.APITimeoutError),
]


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize(("case", "steps", "waits", "final"), SEQUENCES, ids=[s[0] for s in SEQUENCES])
def test_retry_sequences(kind, case, steps, waits, final, slept):
    send, seen = _script(*steps)
    if isinstance(final, int):
        assert _drive(kind, _call(), send).status_code == final
    else:
        with pytest.raises(final):
            _drive(kind, _call(), send)
    assert slept == pytest.approx(waits)
    assert len(seen) == len(waits) + 1


def test_retry_posts_off_does_not_resend_after_a_timeout(slept):
    send, seen = _script(httpx.ReadTimeout, httpx.Response(200))
    with pytest.raises(errors.APITimeoutError):
        exchange(request_flow(_call(), "POST", retry_posts=False), send, None)
    assert len(seen) == 1


@pytest.mark.parametrize(
    ("steps", "replayed"),
    [
        ([httpx.Response(200)], False),
        ([httpx.Response(503), httpx.Response(200)], True),
        ([httpx.ReadTimeout, httpx.Response(200)], True),
        ([httpx.RemoteProtocolError, httpx.Response(200)], True),
        ([httpx.ConnectError, httpx.Response(200)], False),  # never reached HubSpot
        ([httpx.ConnectTimeout, httpx.Response(200)], False),  # never reached HubSpot either
        ([httpx.Response(429, json=rate_limited()), httpx.Response(200)], False),  # not processed
        ([httpx.Response(423), httpx.Response(200)], False),
        ([httpx.Response(477, headers={"Retry-After": "1"}), httpx.Response(200)], False),  # migrating
    ],
)
def test_a_request_resent_after_an_attempt_that_may_have_applied_says_so(steps, replayed, slept):
    send, _ = _script(*steps)
    result = exchange(request_flow(_call(), "POST"), send, None)
    assert (result.attempts, result.replayed_after_ambiguous_failure) == (len(steps), replayed)


def test_the_exchange_says_why_an_error_answer_was_not_retried(slept):
    send, _ = _script(httpx.Response(409))
    result = exchange(request_flow(_call(), "POST"), send, None)
    assert (result.status_code, result.gave_up, result.attempts) == (409, "status 409 is not retried", 1)


def test_every_request_of_a_call_shares_its_total_wait(slept):
    # Two requests of one call: the second starts with the first's waiting counted.
    call = _call(RetryPolicy(total_wait=1.9))
    send, _ = _script(httpx.Response(503), httpx.Response(503), httpx.Response(200))
    assert exchange(request_flow(call, "GET"), send, None).status_code == 200  # waits 0.5 + 1.0
    send, seen = _script(httpx.Response(503), httpx.Response(200))
    assert exchange(request_flow(call, "GET"), send, None).status_code == 503  # 1.5 + 0.5 > 1.9
    assert slept == pytest.approx([0.5, 1.0]) and call.waited == pytest.approx(1.5) and len(seen) == 1


@pytest.mark.parametrize(
    ("prefix", "expected_path"),
    [
        ("/crm/associations/v4", "/crm/associations/v4/definitions/configurations/0-3/0-1/batch/create"),
        ("/crm/v4/associations", "/crm/v4/associations/definitions/configurations/0-3/0-1/batch/create"),
        (
            "/crm/associations/2026-03",
            "/crm/associations/2026-03/definitions/configurations/0-3/0-1/batch/create",
        ),
    ],
)
def test_prefix_rewrite(prefix: str, expected_path: str):
    assert rewrite_prefix(httpx.URL(URL), prefix).path == expected_path
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    with httpx.Client(transport=PrefixTransport(httpx.MockTransport(handler), prefix)) as client:
        client.post(URL, json={})
    assert seen[0].url.path == expected_path
    assert seen[0].url.host == "api.hubapi.test"


def test_prefix_rewrite_keeps_base_path_query_and_escapes():
    url = httpx.URL(
        "https://proxy.test/hubspot/crm/associations/v4/definitions/configurations/2-1%2F/0-1?x=1"
    )
    rewritten = rewrite_prefix(url, "/crm/v4/associations")
    assert rewritten.raw_path == b"/hubspot/crm/v4/associations/definitions/configurations/2-1%2F/0-1?x=1"
    assert (
        rewrite_prefix(httpx.URL("https://api.test/oauth/v1/token"), "/crm/v4/associations").path
        == "/oauth/v1/token"
    )


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_pacing_waits_are_slept_and_the_budget_learns_from_headers(kind, clock):
    budget = InProcessBudget(clock=lambda: clock[0])
    headers = {"X-HubSpot-RateLimit-Max": "2", "X-HubSpot-RateLimit-Interval-Milliseconds": "1000"}
    call = _call(budget=budget)
    for _ in range(5):
        _drive(kind, call, lambda: httpx.Response(200, headers=headers), "GET")
    # 2 per second: the 3rd and 5th request wait for the window to reopen.
    assert clock[1:] == pytest.approx([1.0, 1.0])
    assert call.waited == pytest.approx(2.0)


# (case, budget per 60 s, requests sent, total_wait, waits slept, then raises)
PACING = [
    ("within the bound", 2, 3, 60.0, [60.0], False),
    ("a wait past the bound raises instead of sleeping", 2, 3, 30.0, [], True),
    ("the bound counts the waits before", 1, 3, 90.0, [60.0], True),
]


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize(("case", "per_minute", "requests", "total_wait", "waits", "raises"), PACING)
def test_pacing_waits_count_toward_the_calls_total_wait(
    kind, case, per_minute, requests, total_wait, waits, raises, clock
):
    budget = InProcessBudget(per_minute, 60_000, clock=lambda: clock[0])
    call = _call(RetryPolicy(total_wait=total_wait, max_retries=0), budget)
    sent: list[int] = []

    def send() -> httpx.Response:
        sent.append(1)
        return httpx.Response(200)

    if raises:
        with pytest.raises(errors.PacingTimeoutError) as caught:
            for _ in range(requests):
                _drive(kind, call, send, "GET")
        assert caught.value.total_wait == total_wait and caught.value.wait > 0
        assert "InProcessBudget(max_requests=" in str(caught.value)
        assert len(sent) < requests
    else:
        for _ in range(requests):
            _drive(kind, call, send, "GET")
        assert len(sent) == requests
    assert clock[1:] == pytest.approx(waits)


def test_a_long_pacing_wait_is_logged_at_warning_with_its_budget(clock, caplog):
    budget = InProcessBudget(1, 60_000, clock=lambda: clock[0])
    call = _call(RetryPolicy(total_wait=120.0), budget)
    with caplog.at_level(logging.DEBUG, logger="hubspot_association_limits"):
        for _ in range(2):
            exchange(request_flow(call, "GET"), lambda: httpx.Response(200), budget)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "pacing: waiting 60.0 s for the rate budget InProcessBudget(max_requests=1, interval_ms=60000)"
    ]
