"""Benchmark 1: the client-side cost of one sequential call, create and get, per arm.

CPU is ``time.process_time`` in this process (the mock runs in another), summed over the timed
calls only: the purge that makes the next create possible is sent by a separate raw client and
is not counted. Within each round the arms take turns in blocks of BLOCK calls, so that a change
in machine load (other processes on a shared box) hits every arm alike.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench._arms import RawHttpx, all_arms

WARMUP = 30
BLOCK = 25


def _timed(call: Callable[[], None], between: Callable[[], None] | None, calls: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) spent inside ``calls`` invocations of ``call``."""
    cpu = wall = 0.0
    for _ in range(calls):
        if between is not None:
            between()
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        call()
        cpu += time.process_time() - cpu_start
        wall += time.perf_counter() - wall_start
    return cpu, wall


def run(base_url: str, *, rounds: int, calls: int) -> dict[str, Any]:
    """Median per-call CPU (µs) and calls/s per arm and operation, with ratios to raw httpx."""
    arms = all_arms(base_url)
    purger = RawHttpx(base_url)
    samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
    try:
        for arm in arms:  # warm connections, imports and caches; never timed
            for _ in range(WARMUP):
                purger.purge()
                arm.create()
                arm.get()
        purger.purge()
        for _ in range(rounds):
            totals = {(arm.name, operation): [0.0, 0.0] for arm in arms for operation in ("create", "get")}
            gc.collect()
            for _ in range(calls // BLOCK):
                for arm in arms:
                    for operation in ("create", "get"):
                        if operation == "create":
                            cpu, wall = _timed(arm.create, purger.purge, BLOCK)
                            purger.purge()
                        else:
                            cpu, wall = _timed(arm.get, None, BLOCK)
                        totals[(arm.name, operation)][0] += cpu
                        totals[(arm.name, operation)][1] += wall
            done = calls // BLOCK * BLOCK
            for key, (cpu, wall) in totals.items():
                samples.setdefault(key, []).append((cpu / done, wall / done))
    finally:
        for arm in arms:
            arm.close()
        purger.close()

    rows: list[dict[str, Any]] = []
    for operation in ("create", "get"):
        floor_cpu = statistics.median(c for c, _ in samples[(arms[0].name, operation)])
        floor_wall = statistics.median(w for _, w in samples[(arms[0].name, operation)])
        for arm in arms:
            cpu = statistics.median(c for c, _ in samples[(arm.name, operation)])
            wall = statistics.median(w for _, w in samples[(arm.name, operation)])
            rows.append(
                {
                    "operation": operation,
                    "client": arm.name,
                    "cpu_us_per_call": round(cpu * 1e6, 1),
                    "cpu_ratio_to_raw": round(cpu / floor_cpu, 3),
                    "calls_per_s": round(1 / wall, 1),
                    "calls_per_s_ratio_to_raw": round(floor_wall / wall, 3),
                }
            )
    return {"rounds": rounds, "calls_per_round": calls, "rows": rows}
