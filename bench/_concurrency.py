"""Benchmark 2: AsyncLimitsClient at concurrency 32 against the sync wrapper, both over 20 ms of latency."""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from bench._arms import FROM, TO, TOKEN
from bench._server import MockProcess

LATENCY_MS = 20
CONCURRENCY = 32


async def _async_calls(base_url: str, calls: int) -> tuple[float, float]:
    """(wall seconds, client CPU seconds) for ``calls`` reads of one pair, CONCURRENCY at a time."""
    from hubspot_association_limits import AsyncLimitsClient

    remaining = iter(range(calls))

    async def worker(client: Any) -> None:
        for _ in remaining:  # the shared iterator hands each call to exactly one worker
            await client.get(FROM, TO)

    async with AsyncLimitsClient(TOKEN, base_url=base_url) as client:
        await client.get(FROM, TO)  # open the first connection outside the timing
        started, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker(client) for _ in range(CONCURRENCY)))
        return time.perf_counter() - started, time.process_time() - cpu


def _sync_calls(base_url: str, calls: int) -> float:
    from hubspot_association_limits import LimitsClient

    with LimitsClient(TOKEN, base_url=base_url) as client:
        client.get(FROM, TO)
        started = time.perf_counter()
        for _ in range(calls):
            client.get(FROM, TO)
        return time.perf_counter() - started


def run(mock: MockProcess, *, rounds: int, async_calls: int, sync_calls: int) -> dict[str, Any]:
    """Median calls/s of each client, and their ratio. The sync arm sends fewer calls: it is slow."""
    mock.configure(latency_ms=LATENCY_MS)
    try:
        async_rates, sync_rates, client_cpu, server_cpu = [], [], [], []
        for _ in range(rounds):
            server_before = mock.cpu_seconds()
            wall, cpu = asyncio.run(_async_calls(mock.base_url, async_calls))
            server_after = mock.cpu_seconds()
            async_rates.append(async_calls / wall)
            client_cpu.append(cpu / async_calls)
            if server_before is not None and server_after is not None:
                server_cpu.append((server_after - server_before) / async_calls)
            sync_rates.append(sync_calls / _sync_calls(mock.base_url, sync_calls))
    finally:
        mock.configure(latency_ms=0)
    async_rate, sync_rate = statistics.median(async_rates), statistics.median(sync_rates)
    # Where the async run's time went: both processes share this machine's cores.
    return {
        "latency_ms": LATENCY_MS,
        "concurrency": CONCURRENCY,
        "rounds": rounds,
        "async_calls": async_calls,
        "sync_calls": sync_calls,
        "async_calls_per_s": round(async_rate, 1),
        "sync_calls_per_s": round(sync_rate, 1),
        "ratio": round(async_rate / sync_rate, 2),
        "async_client_cpu_us_per_call": round(statistics.median(client_cpu) * 1e6, 1),
        "mock_cpu_us_per_call": round(statistics.median(server_cpu) * 1e6, 1) if server_cpu else None,
        "target_ratio": 10,
    }
