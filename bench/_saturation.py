"""Benchmark 3: 400 reads from 16 concurrent workers against a mock limited to 20 requests per second.

The mock's burst window is 20 requests per 1,000 ms (``burst_limit=20, interval_ms=1000``), so the
ideal is 400 / 20 = 20 s. Ours runs as 16 asyncio tasks over one AsyncLimitsClient (pacing from the
rate-limit headers); hubspot-api-client runs as 16 threads over one API object with the urllib3
``Retry(total=5, status_forcelist=(429,))`` its README recommends for rate limits.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench._arms import FROM, TO, TOKEN, HubSpotSdk
from bench._server import MockProcess

LIMIT = {"burst_limit": 20, "interval_ms": 1000}
WORKERS = 16


async def _ours(base_url: str, calls: int) -> tuple[float, int]:
    """(elapsed seconds, failed calls)."""
    from hubspot_association_limits import AsyncLimitsClient, errors

    remaining = iter(range(calls))
    failures = 0

    async def worker(client: Any) -> None:
        nonlocal failures
        for _ in remaining:
            try:
                await client.get(FROM, TO)
            except errors.HubSpotError:
                failures += 1

    async with AsyncLimitsClient(TOKEN, base_url=base_url) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(WORKERS)))
        return time.perf_counter() - started, failures


def _sdk(base_url: str, calls: int) -> tuple[float, int]:
    from urllib3.util.retry import Retry

    arm = HubSpotSdk(base_url, retry=Retry(total=5, status_forcelist=(429,)))

    def one(_: int) -> bool:
        try:
            arm.get()
        except Exception:  # ApiException, MaxRetryError, ...: any of them is a failed call
            return False
        return True

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(WORKERS) as pool:
            succeeded = sum(pool.map(one, range(calls)))
        return time.perf_counter() - started, calls - succeeded
    finally:
        arm.close()


def _round(mock: MockProcess, calls: int, client: str) -> dict[str, float]:
    mock.reset()  # empty stats and rate windows; it also restores the start config, hence:
    mock.configure(**LIMIT)
    if client == "ours":
        elapsed, failures = asyncio.run(_ours(mock.base_url, calls))
    else:
        elapsed, failures = _sdk(mock.base_url, calls)
    stats = mock.state()["stats"]
    return {
        "elapsed_s": elapsed,
        "failures": failures,
        "429s": stats["by_status"].get("429", 0),
        "requests": stats["requests"],
    }


def run(mock: MockProcess, *, rounds: int, calls: int) -> dict[str, Any]:
    """Median figures per client; the ideal is calls / (burst_limit per second)."""
    ideal = calls / (LIMIT["burst_limit"] * 1000 / LIMIT["interval_ms"])
    try:
        rows = []
        for client in ("ours", "hubspot-api-client"):
            results = [_round(mock, calls, client) for _ in range(rounds)]
            elapsed = statistics.median(r["elapsed_s"] for r in results)
            rows.append(
                {
                    "client": "AsyncLimitsClient"
                    if client == "ours"
                    else "hubspot-api-client + urllib3 Retry",
                    "elapsed_s": round(elapsed, 2),
                    "over_ideal": round(elapsed / ideal, 3),
                    "429s": statistics.median(r["429s"] for r in results),
                    "429_share": round(statistics.median(r["429s"] for r in results) / calls, 4),
                    "failures": statistics.median(r["failures"] for r in results),
                    "requests_seen_by_mock": statistics.median(r["requests"] for r in results),
                }
            )
    finally:
        mock.reset()  # back to the unlimited config the mock process started with
    return {
        "limit": "burst_limit 20 per interval_ms 1000 (20 requests/s)",
        "calls": calls,
        "workers": WORKERS,
        "rounds": rounds,
        "ideal_s": ideal,
        "rows": rows,
    }
