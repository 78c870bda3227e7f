"""The transport's retry loop (sync and async), prefix rewriting and pacing; sleeps are recorded."""

from __future__ import annotations

import asyncio
import datetime
import json

import httpx
import pytest
from hubspot_association_limits import InProcessBudget, RetryPolicy
from hubspot_association_limits._transport import AsyncRetryTransport, RetryTransport, rewrite_prefix
from wrapper_helpers import rate_limited

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
URL = "https://api.hubapi.test/crm/associations/v4/definitions/configurations/0-3/0-1/batch/create"


def _script(*steps: httpx.Response | type[Exception]):
    """A handler answering each request with the next step (a response, or an exception class to raise)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        step = steps[len(seen)]
        seen.append(request)
        if isinstance(step, type):
            raise step("scripted failure", request=request)
        # A fresh copy: the tables are shared by the sync and async tests.
        return httpx.Response(step.status_code, headers=step.headers, content=step.content)

    return handler, seen


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
    ("connect errors exhaust", [httpx.ConnectError] * 4, [0.5, 1.0, 2.0], httpx.ConnectError),
    ("timeouts exhaust", [httpx.ReadTimeout] * 4, [0.5, 1.0, 2.0], httpx.ReadTimeout),
]


@pytest.mark.parametrize(("case", "steps", "waits", "final"), SEQUENCES, ids=[s[0] for s in SEQUENCES])
def test_sync_retry_sequences(case, steps, waits, final):
    handler, seen = _script(*steps)
    slept: list[float] = []
    transport = RetryTransport(
        httpx.MockTransport(handler),
        policy=RetryPolicy(),
        sleep=slept.append,
        rand=lambda: 0.0,
        wall_clock=lambda: NOW,
    )
    with httpx.Client(transport=transport) as client:
        if isinstance(final, int):
            assert client.post(URL, json={"inputs": []}).status_code == final
        else:
            with pytest.raises(final):
                client.post(URL, json={"inputs": []})
    assert slept == pytest.approx(waits)
    assert len(seen) == len(waits) + 1
    assert all(
        request.content == b'{"inputs":[]}' or json.loads(request.content) == {"inputs": []}
        for request in seen
    )


@pytest.mark.parametrize(("case", "steps", "waits", "final"), SEQUENCES, ids=[s[0] for s in SEQUENCES])
def test_async_retry_sequences(case, steps, waits, final):
    handler, seen = _script(*steps)
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    async def main() -> None:
        transport = AsyncRetryTransport(
            httpx.MockTransport(handler),
            policy=RetryPolicy(),
            sleep=fake_sleep,
            rand=lambda: 0.0,
            wall_clock=lambda: NOW,
        )
        async with httpx.AsyncClient(transport=transport) as client:
            if isinstance(final, int):
                assert (await client.post(URL, json={"inputs": []})).status_code == final
            else:
                with pytest.raises(final):
                    await client.post(URL, json={"inputs": []})

    asyncio.run(main())
    assert slept == pytest.approx(waits)
    assert len(seen) == len(waits) + 1


def test_retry_posts_off_does_not_resend_after_a_timeout():
    handler, seen = _script(httpx.ReadTimeout, httpx.Response(200))
    transport = RetryTransport(
        httpx.MockTransport(handler), policy=RetryPolicy(retry_posts=False), sleep=lambda s: None
    )
    with httpx.Client(transport=transport) as client, pytest.raises(httpx.ReadTimeout):
        client.post(URL, json={})
    assert len(seen) == 1


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
    handler, seen = _script(httpx.Response(200))
    with httpx.Client(
        transport=RetryTransport(httpx.MockTransport(handler), policy=RetryPolicy(), api_prefix=prefix)
    ) as client:
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


def test_pacing_waits_are_slept_and_the_budget_learns_from_headers():
    clock = [0.0]
    budget = InProcessBudget(clock=lambda: clock[0])
    headers = {"X-HubSpot-RateLimit-Max": "2", "X-HubSpot-RateLimit-Interval-Milliseconds": "1000"}
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    transport = RetryTransport(
        httpx.MockTransport(lambda r: httpx.Response(200, headers=headers)),
        policy=RetryPolicy(),
        budget=budget,
        sleep=sleep,
    )
    with httpx.Client(transport=transport) as client:
        for _ in range(5):
            client.get(URL)
    # 2 per second: the 3rd and 5th request wait for the window to reopen.
    assert slept == pytest.approx([1.0, 1.0])
