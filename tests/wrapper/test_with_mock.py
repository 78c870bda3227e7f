"""End to end over the mock's real socket (127.0.0.1, port picked by the OS)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest
from hubspot_association_limits import AsyncLimitsClient, LimitInput, LimitsClient, RetryPolicy, errors
from hubspot_association_limits.mock import MockConfig, MockServer, TokenConfig, running_mock
from hubspot_association_limits.mock._faults import FaultPlan

TOKEN = "pat-na1-e2e-0123456789abcdef"
FAST = RetryPolicy(backoff_initial=0.01, backoff_max=0.05, locked_min_wait=0.01)
DEAL_CONTACT = {"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": 5}


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    with running_mock(MockConfig()) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh(mock: MockServer) -> None:
    mock.reset()  # back to the initial config, limits, stats and fault plan


def test_round_trip(mock: MockServer):
    with LimitsClient(TOKEN, base_url=mock.base_url, retry=FAST) as client:
        created = client.create("deals", "contacts", [DEAL_CONTACT])
        assert created.ok and created.status_code == 201 and created.correlation_id
        assert created.rate_limit.max is not None
        assert [limit.max_to_object_ids for limit in client.get("deal", "0-1")] == [5]
        again = client.create("deals", "contacts", [DEAL_CONTACT])
        assert again.status_code == 207 and again.errors[0].input == LimitInput("HUBSPOT_DEFINED", 3, 5)
        assert not again.ok and again.errors[0].message
        assert client.update("deals", "contacts", [{**DEAL_CONTACT, "maxToObjectIds": 8}]).ok
        assert [(limit.type_id, limit.max_to_object_ids) for limit in client.list_all()] == [(3, 8)]
        assert client.purge("deals", "contacts", [{"category": "HUBSPOT_DEFINED", "typeId": 3}]).purged
    assert mock.state()["limits"] == []


def _seed_for(*faulted: bool) -> int:
    """A fault seed (at rate 0.5, one fault kind) whose first requests fault exactly as ``faulted`` says."""
    for seed in range(10_000):
        plan = FaultPlan(0.5, ["any-single-kind"], seed)
        if tuple(plan.draw() is not None for _ in faulted) == faulted:
            return seed
    raise AssertionError("no seed found")


def test_applied_then_failed_is_reported_as_applied(mock: MockServer):
    mock.configure(fault_rate=0.5, faults=["applied_then_failed"], seed=_seed_for(True, False, False))
    with LimitsClient(TOKEN, base_url=mock.base_url, retry=FAST) as client:
        result = client.create("deals", "contacts", [DEAL_CONTACT])
    assert result.ok, result.errors
    assert [(limit.type_id, limit.max_to_object_ids) for limit in result.results] == [(3, 5)]
    stats = mock.state()["stats"]
    assert stats["faults"] == 1 and stats["by_status"].get("502") == 1


@pytest.mark.parametrize("fault", ["500", "502", "503", "504", "521", "524", "423", "477", "drop_connection"])
def test_transient_faults_are_retried(mock: MockServer, fault: str):
    mock.configure(fault_rate=0.5, faults=[fault], seed=_seed_for(True, False))
    with LimitsClient(TOKEN, base_url=mock.base_url, retry=FAST) as client:
        assert client.get("deals", "contacts").status_code == 200
    assert mock.state()["stats"]["faults"] == 1


def test_pacing_keeps_a_busy_caller_under_the_burst_limit(mock: MockServer):
    mock.configure(burst_limit=5, interval_ms=400)
    started = time.monotonic()
    with LimitsClient(TOKEN, base_url=mock.base_url, retry=FAST) as client:
        for _ in range(12):
            client.get("deals", "contacts")
    elapsed = time.monotonic() - started
    assert mock.state()["stats"]["rate_limited"] == 0
    assert elapsed >= 0.7  # 12 requests at 5 per 400 ms need two waits


def test_without_pacing_429s_are_retried_in_step_with_the_window(mock: MockServer):
    # 1 s, not 300 ms: the fourth call must land inside the first three's window even on a loaded
    # machine (four calls take ~20 ms), and the 429's retry waits that window out.
    mock.configure(burst_limit=3, interval_ms=1_000)
    with LimitsClient(TOKEN, base_url=mock.base_url, retry=FAST, budget=False) as client:
        for _ in range(6):
            assert client.get("deals", "contacts").status_code == 200
    assert mock.state()["stats"]["rate_limited"] >= 1


def test_token_errors(mock: MockServer):
    mock.configure(
        tokens={
            "expired-token-0123456789": TokenConfig(expired=True),
            "no-scope-token-0123": TokenConfig(scopes=()),
        }
    )
    with (
        LimitsClient("expired-token-0123456789", base_url=mock.base_url, retry=FAST) as client,
        pytest.raises(errors.ExpiredAuthenticationError),
    ):
        client.list_all()
    with (
        LimitsClient("no-scope-token-0123", base_url=mock.base_url, retry=FAST) as client,
        pytest.raises(errors.PermissionDeniedError),
    ):
        client.list_all()
    with (
        LimitsClient("unknown-token-0123456", base_url=mock.base_url, retry=FAST) as client,
        pytest.raises(errors.AuthenticationError),
    ):
        client.list_all()


def test_async_client_over_the_socket(mock: MockServer):
    async def main() -> list[int]:
        async with AsyncLimitsClient(TOKEN, base_url=mock.base_url, retry=FAST) as client:
            await client.create("deals", "contacts", [DEAL_CONTACT])
            pairs = await asyncio.gather(*(client.get("deals", "contacts") for _ in range(10)))
            return [len(pair) for pair in pairs]

    assert asyncio.run(main()) == [1] * 10


@pytest.mark.parametrize("prefix", ["/crm/v4/associations", "/crm/associations/2026-03"])
def test_other_prefixes(mock: MockServer, prefix: str):
    with LimitsClient(TOKEN, base_url=mock.base_url, api_prefix=prefix, retry=FAST) as client:
        result = client.list_all()
    assert result.status_code == 200


@pytest.mark.parametrize("client_class", [LimitsClient, AsyncLimitsClient])
def test_the_base_url_comes_from_the_environment_unless_given(
    mock: MockServer, monkeypatch: pytest.MonkeyPatch, client_class: type[LimitsClient | AsyncLimitsClient]
) -> None:
    monkeypatch.setenv("HUBSPOT_BASE_URL", mock.base_url)
    hubspot = "base_url='https://api.hubapi.com'"
    assert f"base_url={mock.base_url!r}" in repr(client_class(TOKEN))
    assert hubspot in repr(client_class(TOKEN, base_url="https://api.hubapi.com"))
    monkeypatch.delenv("HUBSPOT_BASE_URL")
    assert hubspot in repr(client_class(TOKEN))


def test_a_program_reaches_the_mock_through_the_environment(
    mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("HUBSPOT_BASE_URL", mock.base_url)
    with LimitsClient(retry=FAST) as client:
        assert client.create("deals", "contacts", [DEAL_CONTACT]).ok
    assert mock.state()["stats"]["requests"] == 1
