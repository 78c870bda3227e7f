"""create_label never creates a label twice, against the real mock over a socket, sync and async: under
the mock's "applied, then failed" fault a POST is stored and then answered 502 (and a read back
too), so a client that resent the POST would leave two labels."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from hubspot_association_limits import AsyncLimitsClient, LabelsResult, LimitsClient, errors
from hubspot_association_limits.mock import MockConfig, MockServer, running_mock

from ._drivers import TOKEN
from ._machine import FAST_RETRY

RATE = 0.5
CLEAN, FAULT = None, "applied_then_failed"


def _seed(*draws: str | None) -> int:
    # The mock's fault plan is seeded: pick the seed whose first draws are these (one per request).
    from hubspot_association_limits.mock._faults import FaultPlan

    for seed in range(10_000):
        plan = FaultPlan(RATE, [FAULT], seed)
        if [plan.draw() for _ in draws] == list(draws):
            return seed
    raise AssertionError(f"no seed draws {draws}")


def _config(*draws: str | None) -> MockConfig:
    return MockConfig(fault_rate=RATE, faults=[FAULT], seed=_seed(*draws), burst_limit=1_000)


def _posts(methods: list[str]) -> int:
    return methods.count("POST")


def _create_sync(mock: MockServer, methods: list[str]) -> None:
    with httpx.Client(event_hooks={"request": [lambda request: methods.append(request.method)]}) as http:
        client = LimitsClient(TOKEN, base_url=mock.base_url, retry=FAST_RETRY, http_client=http)
        client.create_label("deals", "contacts", "Decision maker")


def _create_async(mock: MockServer, methods: list[str]) -> None:
    async def record(request: httpx.Request) -> None:
        methods.append(request.method)

    async def main() -> None:
        async with httpx.AsyncClient(event_hooks={"request": [record]}) as http:
            client = AsyncLimitsClient(TOKEN, base_url=mock.base_url, retry=FAST_RETRY, http_client=http)
            await client.create_label("deals", "contacts", "Decision maker")

    asyncio.run(main())


@pytest.mark.parametrize("create", [_create_sync, _create_async], ids=["sync", "async"])
def test_create_label_under_applied_then_failed_leaves_exactly_one_label(create: object) -> None:
    methods: list[str] = []
    # The read of the pair before the POST is answered; the POST is applied and its answer lost;
    # every read-back (a GET and its 3 retries) fails too.
    with running_mock(_config(CLEAN, FAULT, FAULT, FAULT, FAULT, FAULT)) as mock:
        with pytest.raises(errors.HubSpotError) as raised:
            create(mock, methods)  # type: ignore[operator]
        # The read-back failed too (every request faults), so the client cannot know and says so.
        assert "unknown" in "\n".join(getattr(raised.value, "__notes__", []))
        assert _posts(methods) == 1, methods
        assert methods.count("GET") >= 1, methods
        mock.configure(fault_rate=0.0)
        with LimitsClient(TOKEN, base_url=mock.base_url) as client:
            forward = [t for t in client.labels("deals", "contacts") if t.category == "USER_DEFINED"]
            reverse = [t for t in client.labels("contacts", "deals") if t.category == "USER_DEFINED"]
    assert [(t.type_id, t.label) for t in forward] == [(101, "Decision maker")]
    assert [(t.type_id, t.label) for t in reverse] == [(102, "Decision maker")]


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_a_lost_create_is_found_by_the_read_back_and_not_resent(is_async: bool) -> None:
    methods: list[str] = []
    # The read before the POST is answered, the POST is applied and its answer lost, both reads back
    # are answered: the client finds the label it lost.
    with running_mock(_config(CLEAN, FAULT, CLEAN, CLEAN)) as mock:
        if is_async:

            async def record(request: httpx.Request) -> None:
                methods.append(request.method)

            async def main() -> LabelsResult:
                async with httpx.AsyncClient(event_hooks={"request": [record]}) as http:
                    client = AsyncLimitsClient(
                        TOKEN, base_url=mock.base_url, retry=FAST_RETRY, http_client=http
                    )
                    return await client.create_label("deals", "contacts", "Decision maker")

            result = asyncio.run(main())
        else:
            with httpx.Client(
                event_hooks={"request": [lambda request: methods.append(request.method)]}
            ) as http:
                sync_client = LimitsClient(TOKEN, base_url=mock.base_url, retry=FAST_RETRY, http_client=http)
                result = sync_client.create_label("deals", "contacts", "Decision maker")
        state = mock.state()
    assert methods == ["GET", "POST", "GET", "GET"]
    assert result.read_back is True
    assert sorted((t.type_id, t.label) for t in result.results) == [
        (101, "Decision maker"),
        (102, "Decision maker"),
    ]
    assert [label["typeId"] for label in state["labels"]] == [102, 101]
