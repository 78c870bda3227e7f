"""Benchmark 1: the client-side cost of one sequential call, create and get, per arm (sync and async).

CPU is ``time.process_time`` in this process (the mock runs in another), summed over the timed
calls only: the purge that makes the next create possible is sent by a separate raw client and
is not counted. Within each round the arms take turns in blocks of BLOCK calls, so that a change
in machine load (other processes on a shared box) hits every arm alike. The async arms run one
call at a time on one event loop (``asyncio.Runner``) that lives for the whole benchmark; each
sync arm's ratio is to raw ``httpx.Client``, each async arm's to raw ``httpx.AsyncClient``.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bench._arms import Arm, AsyncArm, RawHttpx, all_arms, async_arms

BLOCK = 25
OPERATIONS = ("create", "get")
TARGET = 1.15  # issue #12: the wrappers' CPU per call, as a multiple of raw httpx's


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


async def _atimed(
    call: Callable[[], Awaitable[None]], between: Callable[[], None] | None, calls: int
) -> tuple[float, float]:
    """``_timed`` for an async arm: one await at a time, the (sync) purge outside the timing."""
    cpu = wall = 0.0
    for _ in range(calls):
        if between is not None:
            between()
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        await call()
        cpu += time.process_time() - cpu_start
        wall += time.perf_counter() - wall_start
    return cpu, wall


def _block(
    runner: asyncio.Runner, arm: Arm | AsyncArm, operation: str, purger: RawHttpx
) -> tuple[float, float]:
    between = purger.purge if operation == "create" else None
    call = getattr(arm, operation)
    if asyncio.iscoroutinefunction(call):
        result = runner.run(_atimed(call, between, BLOCK))
    else:
        result = _timed(call, between, BLOCK)
    if operation == "create":
        purger.purge()
    return result


def _rows(
    samples: dict[tuple[str, str], list[tuple[float, float]]], names: list[str], reference: str
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for operation in OPERATIONS:
        floor_cpu = statistics.median(c for c, _ in samples[(reference, operation)])
        floor_wall = statistics.median(w for _, w in samples[(reference, operation)])
        for name in names:
            cpu = statistics.median(c for c, _ in samples[(name, operation)])
            wall = statistics.median(w for _, w in samples[(name, operation)])
            rows.append(
                {
                    "operation": operation,
                    "client": name,
                    "reference": reference,
                    "cpu_us_per_call": round(cpu * 1e6, 1),
                    "cpu_ratio_to_raw": round(cpu / floor_cpu, 3),
                    "calls_per_s": round(1 / wall, 1),
                    "calls_per_s_ratio_to_raw": round(floor_wall / wall, 3),
                }
            )
    return rows


def run(base_url: str, *, rounds: int, calls: int) -> dict[str, Any]:
    """Median per-call CPU (µs) and calls/s per arm and operation, with ratios to raw httpx."""
    with asyncio.Runner() as runner:
        sync = all_arms(base_url)
        asynchronous = async_arms(base_url)
        arms: list[Arm | AsyncArm] = [*sync, *asynchronous]
        purger = RawHttpx(base_url)
        samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
        try:
            for arm in arms:  # warm connections, imports and caches; never timed
                for operation in OPERATIONS:
                    _block(runner, arm, operation, purger)
            for _ in range(rounds):
                totals = {(arm.name, operation): [0.0, 0.0] for arm in arms for operation in OPERATIONS}
                gc.collect()
                for _ in range(calls // BLOCK):
                    for arm in arms:
                        for operation in OPERATIONS:
                            cpu, wall = _block(runner, arm, operation, purger)
                            totals[(arm.name, operation)][0] += cpu
                            totals[(arm.name, operation)][1] += wall
                done = calls // BLOCK * BLOCK
                for key, (cpu, wall) in totals.items():
                    samples.setdefault(key, []).append((cpu / done, wall / done))
        finally:
            for arm in sync:
                arm.close()
            for async_arm in asynchronous:
                runner.run(async_arm.aclose())
            purger.close()
    rows = _rows(samples, [arm.name for arm in sync], sync[0].name)
    rows += _rows(samples, [arm.name for arm in asynchronous], asynchronous[0].name)
    return {"rounds": rounds, "calls_per_round": calls, "target_ratio": TARGET, "rows": rows}


def targets(per_call: dict[str, Any]) -> list[tuple[str, float, bool]]:
    """(what, ratio, met) for each wrapper arm the issue sets a target for."""
    target = per_call.get("target_ratio", TARGET)
    return [
        (
            f"{r['client']} {r['operation']} vs {r['reference']}",
            r["cpu_ratio_to_raw"],
            r["cpu_ratio_to_raw"] <= target,
        )
        for r in per_call["rows"]
        if r["client"] in ("wrapper (sync)", "wrapper (async)")
    ]
