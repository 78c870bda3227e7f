"""HubSpot's edge in the mock: auth, per-token rate limits, seeded faults, latency."""

from __future__ import annotations

import time

import httpx
import pytest
from hubspot_association_limits.mock import FAULT_KINDS, MockServer, TokenConfig
from hubspot_association_limits.mock._faults import FaultPlan
from hubspot_association_limits.mock._limits import RateLimiter

from ._helpers import PREFIX, hs

ALL = f"{PREFIX}/all"
TOKENS = {
    "good": TokenConfig(),
    "scoped": TokenConfig(scopes=["crm.objects.deals.read"]),
    "ticket-scope": TokenConfig(scopes=["tickets"]),
    "no-object-scope": TokenConfig(scopes=["oauth", "files"]),
    "expired": TokenConfig(expired=True),
}


@pytest.mark.parametrize(
    ("authorization", "status", "category"),
    [
        (None, 401, "INVALID_AUTHENTICATION"),
        ("Bearer", 401, "INVALID_AUTHENTICATION"),
        ("Bearer =", 401, "INVALID_AUTHENTICATION"),
        ("Basic Z29vZA==", 401, "INVALID_AUTHENTICATION"),
        ("Bearer two words", 401, "INVALID_AUTHENTICATION"),
        ("Bearer unknown", 401, "INVALID_AUTHENTICATION"),
        ("Bearer expired", 401, "EXPIRED_AUTHENTICATION"),
        ("Bearer no-object-scope", 403, "MISSING_SCOPES"),
        ("Bearer good", 200, None),
        ("bearer good", 200, None),
        ("Bearer scoped", 200, None),
        ("Bearer ticket-scope", 200, None),
    ],
)
def test_configured_tokens(hubspot_mock: MockServer, authorization, status, category) -> None:
    hubspot_mock.configure(tokens=TOKENS)
    headers = {"Authorization": authorization} if authorization else {}
    response = httpx.get(hubspot_mock.base_url + ALL, headers=headers)
    assert response.status_code == status
    if category:
        assert response.json()["category"] == category
        assert response.json()["correlationId"] == response.headers["X-HubSpot-Correlation-Id"]
    if status == 403:
        assert response.json()["context"]["missingScopes"]
    assert response.headers["X-HubSpot-RateLimit-Remaining"] == ("99" if status == 200 else "100")


@pytest.mark.parametrize("authorization", [None, "Bearer", "Token abc"])
def test_any_well_formed_token_is_enough_by_default(hubspot_mock: MockServer, authorization) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    assert httpx.get(hubspot_mock.base_url + ALL, headers=headers).status_code == 401
    assert (
        httpx.get(hubspot_mock.base_url + ALL, headers={"Authorization": "Bearer anything"}).status_code
        == 200
    )


def test_refused_requests_never_change_state(hubspot_mock: MockServer) -> None:
    hubspot_mock.configure(tokens=TOKENS)
    url = hubspot_mock.base_url + f"{PREFIX}/deals/contacts/batch/create"
    for token in ("expired", "no-object-scope", "unknown"):
        httpx.post(url, json={"inputs": [hs(3, 5)]}, headers={"Authorization": f"Bearer {token}"})
    assert hubspot_mock.state()["limits"] == []


@pytest.mark.hubspot_mock(burst_limit=3)
def test_burst_limit_per_token(hubspot_mock: MockServer) -> None:
    def get(token: str) -> httpx.Response:
        return httpx.get(hubspot_mock.base_url + ALL, headers={"Authorization": f"Bearer {token}"})

    remaining = [get("a").headers["X-HubSpot-RateLimit-Remaining"] for _ in range(3)]
    assert remaining == ["2", "1", "0"]
    limited = get("a")
    assert limited.status_code == 429
    body = limited.json()
    assert body["policyName"] == "TEN_SECONDLY_ROLLING"
    assert body["errorType"] == "RATE_LIMIT"
    assert body["status"] == "error"
    assert body["message"] == "You have reached your ten_secondly_rolling limit."
    assert body["correlationId"] == limited.headers["X-HubSpot-Correlation-Id"]
    assert body["requestId"]
    assert limited.headers["X-HubSpot-RateLimit-Remaining"] == "0"
    assert get("b").status_code == 200  # another token has its own budget
    stats = hubspot_mock.state()["stats"]
    assert (stats["rate_limited"], stats["by_status"]) == (1, {"200": 4, "429": 1})


@pytest.mark.hubspot_mock(burst_limit=2, interval_ms=2_000)
def test_the_burst_window_rolls(hubspot_mock: MockServer) -> None:
    # Three requests on one connection fit in 2 s on any machine (they take ~10 ms); the sleep only
    # ever lasts longer than asked, so the window has always rolled after it.
    with httpx.Client(base_url=hubspot_mock.base_url, headers={"Authorization": "Bearer a"}) as api:
        assert [api.get(ALL).status_code for _ in range(3)] == [200, 200, 429]
        time.sleep(2.05)
        assert api.get(ALL).status_code == 200


@pytest.mark.hubspot_mock(daily_limit=2)
def test_daily_limit(hubspot_mock: MockServer) -> None:
    headers = {"Authorization": "Bearer a"}
    responses = [httpx.get(hubspot_mock.base_url + ALL, headers=headers) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert [r.headers["X-HubSpot-RateLimit-Daily-Remaining"] for r in responses] == ["1", "0", "0"]
    assert responses[2].json()["policyName"] == "DAILY"


def test_rate_limiter_rolls_and_resets_per_day() -> None:
    now, day = [0.0], [1]
    limiter = RateLimiter(2, 1000, 3, clock=lambda: now[0], utc_day=lambda: day[0])
    assert [limiter.take("t").policy_name for _ in range(3)] == [None, None, "TEN_SECONDLY_ROLLING"]
    now[0] = 1.0
    assert [limiter.take("t").policy_name for _ in range(2)] == [None, "DAILY"]
    day[0] = 2
    decision = limiter.take("t")
    assert decision.allowed
    assert dict(decision.headers)["X-HubSpot-RateLimit-Daily-Remaining"] == "2"


def test_fault_plan_is_reproducible() -> None:
    def draws(seed: int) -> list[str | None]:
        plan = FaultPlan(0.5, FAULT_KINDS, seed)
        return [plan.draw() for _ in range(200)]

    assert draws(7) == draws(7)
    assert draws(7) != draws(8)
    faults = [kind for kind in draws(7) if kind]
    assert 60 < len(faults) < 140
    assert set(faults) == set(FAULT_KINDS)
    assert all(FaultPlan(0.0, FAULT_KINDS, 7).draw() is None for _ in range(50))


@pytest.mark.parametrize(
    ("kind", "status", "content_type", "retry_after"),
    [
        ("500", 500, "text/html", None),
        ("502", 502, "text/html", None),
        ("524", 524, "text/html", None),
        ("503", 503, "application/json", None),
        ("504", 504, "application/json", None),
        ("521", 521, "application/json", None),
        ("423", 423, "application/json", "1"),
        ("477", 477, "application/json", "1"),
    ],
)
def test_status_faults(
    hubspot_mock: MockServer, api: httpx.Client, kind, status, content_type, retry_after
) -> None:
    hubspot_mock.configure(fault_rate=1.0, faults=[kind])
    response = api.post(f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [hs(3, 5)]})
    assert response.status_code == status
    assert response.headers["content-type"].startswith(content_type)
    assert response.headers.get("Retry-After") == retry_after
    assert response.headers["X-HubSpot-Correlation-Id"]
    if content_type == "text/html":
        assert response.text.startswith("<!DOCTYPE html>")
    else:
        assert response.json()["status"] == "error"
    assert hubspot_mock.state()["limits"] == []  # a fault before processing changes nothing
    # The control API is never faulted.
    assert hubspot_mock.state()["stats"]["faults"] == 1


def test_dropped_connection_is_a_connection_error(hubspot_mock: MockServer, api: httpx.Client) -> None:
    hubspot_mock.configure(fault_rate=1.0, faults=["drop_connection"])
    with pytest.raises(httpx.TransportError):
        api.post(f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [hs(3, 5)]})
    stats = hubspot_mock.state()["stats"]
    assert (stats["requests"], stats["faults"], stats["by_status"]) == (1, 1, {})
    hubspot_mock.configure(fault_rate=0.0)
    assert api.get(ALL).status_code == 200  # the server survives


def test_applied_then_failed_stores_the_change(hubspot_mock: MockServer, api: httpx.Client) -> None:
    hubspot_mock.configure(fault_rate=1.0, faults=["applied_then_failed"])
    response = api.post(f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [hs(3, 5)]})
    assert (response.status_code, response.headers["content-type"].split(";")[0]) == (502, "text/html")
    assert [limit["maxToObjectIds"] for limit in hubspot_mock.state()["limits"]] == [5]
    hubspot_mock.configure(fault_rate=0.0)
    retry = api.post(f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [hs(3, 5)]})
    assert retry.status_code == 207
    assert retry.json()["errors"][0]["message"] == (
        "a limit is already configured for HUBSPOT_DEFINED 3; use batch/update to change it"
    )


@pytest.mark.hubspot_mock(fault_rate=0.3, seed=42)
def test_faults_over_http_are_reproducible(hubspot_mock: MockServer, api: httpx.Client) -> None:
    hubspot_mock.configure(faults=["500", "503", "423"])

    def run() -> list[int]:
        return [api.get(ALL).status_code for _ in range(30)]

    first = run()
    hubspot_mock.reset()  # back to the initial config: set the same faults and seed again
    hubspot_mock.configure(fault_rate=0.3, seed=42, faults=["500", "503", "423"])
    assert run() == first
    assert {500, 503, 423} & set(first)
    assert 200 in first


@pytest.mark.hubspot_mock(latency_ms=150)
def test_latency(api: httpx.Client) -> None:
    started = time.monotonic()
    api.get(ALL)
    assert time.monotonic() - started >= 0.15
