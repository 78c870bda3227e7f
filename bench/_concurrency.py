"""Benchmark 2: AsyncLimitsClient at concurrency 32 against the sync wrapper, both over 20 ms of latency.

Raw ``httpx.AsyncClient`` at the same concurrency is measured beside it: on a small machine the
async figure is bound by CPU (client and mock share the cores), and the raw row shows how much
of that is httpx's own.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bench._arms import FROM, PREFIX, TO, TOKEN
from bench._server import MockProcess

LATENCY_MS = 20
CONCURRENCY = 32


async def _fan_out(call: Callable[[], Awaitable[Any]], calls: int) -> tuple[float, float]:
    """(wall seconds, client CPU seconds) for ``calls`` awaits of ``call``, CONCURRENCY at a time."""
    remaining = iter(range(calls))

    async def worker() -> None:
        for _ in remaining:  # the shared iterator hands each call to exactly one worker
            await call()

    await call()  # open the first connection outside the timing
    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return time.perf_counter() - started, time.process_time() - cpu


async def _wrapper(base_url: str, calls: int) -> tuple[float, float]:
    from hubspot_association_limits import AsyncLimitsClient

    async with AsyncLimitsClient(TOKEN, base_url=base_url) as client:
        return await _fan_out(lambda: client.get(FROM, TO), calls)


async def _raw(base_url: str, calls: int) -> tuple[float, float]:
    async with httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {TOKEN}"}) as client:

        async def get() -> None:
            response = await client.get(f"{PREFIX}/{FROM}/{TO}")
            response.raise_for_status()
            response.json()

        return await _fan_out(get, calls)


def _sync_calls(base_url: str, calls: int) -> float:
    from hubspot_association_limits import LimitsClient

    with LimitsClient(TOKEN, base_url=base_url) as client:
        client.get(FROM, TO)
        started = time.perf_counter()
        for _ in range(calls):
            client.get(FROM, TO)
        return time.perf_counter() - started


Arm = Callable[[str, int], Awaitable[tuple[float, float]]]


def _async_row(mock: MockProcess, arm: Arm, calls: int) -> dict[str, Any]:
    server_before = mock.cpu_seconds()
    wall, cpu = asyncio.run(arm(mock.base_url, calls))  # type: ignore[arg-type]
    server_after = mock.cpu_seconds()
    server = None if server_before is None or server_after is None else (server_after - server_before) / calls
    return {"rate": calls / wall, "client_cpu": cpu / calls, "mock_cpu": server}


def _median(rows: list[dict[str, Any]], name: str, scale: float = 1.0) -> float | None:
    values = [row[name] for row in rows if row[name] is not None]
    return round(statistics.median(values) * scale, 1) if values else None


def run(mock: MockProcess, *, rounds: int, async_calls: int, sync_calls: int) -> dict[str, Any]:
    """Median calls/s of each client, and the async/sync ratio. The sync arm sends fewer calls: it is slow."""
    mock.configure(latency_ms=LATENCY_MS)
    try:
        ours: list[dict[str, Any]] = []
        raw: list[dict[str, Any]] = []
        sync_rates = []
        for _ in range(rounds):
            ours.append(_async_row(mock, _wrapper, async_calls))
            raw.append(_async_row(mock, _raw, async_calls))
            sync_rates.append(sync_calls / _sync_calls(mock.base_url, sync_calls))
    finally:
        mock.configure(latency_ms=0)
    async_rate, sync_rate = statistics.median(r["rate"] for r in ours), statistics.median(sync_rates)
    return {
        "latency_ms": LATENCY_MS,
        "concurrency": CONCURRENCY,
        "rounds": rounds,
        "async_calls": async_calls,
        "sync_calls": sync_calls,
        "async_calls_per_s": round(async_rate, 1),
        "async_client_cpu_us_per_call": _median(ours, "client_cpu", 1e6),
        "async_mock_cpu_us_per_call": _median(ours, "mock_cpu", 1e6),
        "raw_async_calls_per_s": _median(raw, "rate"),
        "raw_async_client_cpu_us_per_call": _median(raw, "client_cpu", 1e6),
        "sync_calls_per_s": round(sync_rate, 1),
        "ratio": round(async_rate / sync_rate, 2),
        "target_ratio": 10,
    }
