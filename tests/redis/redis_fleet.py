"""Worker processes sharing one rate budget, and their orchestration (tests and scripts/bench_redis.py).

``python redis_fleet.py SPEC.json`` runs one worker: a LimitsClient (``mode="sync"``) or an
AsyncLimitsClient with one task per association type (``mode="async"``), each calling create once
per type, then update, against the mock. Phases let a test stop every worker at a line: the worker
writes ``ready-<n>``, waits for ``go-<n>``, makes its calls of phase n and writes ``done-<n>.json``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555"  # any well-formed token passes the mock
# Two unlabeled HUBSPOT_DEFINED types per worker, each on its own pair: workers never share a limit.
TYPES_BY_WORKER: tuple[tuple[tuple[str, str, int], ...], ...] = (
    (("deals", "contacts", 3), ("contacts", "deals", 4)),
    (("contacts", "tickets", 15), ("tickets", "contacts", 16)),
    (("deals", "line_items", 19), ("line_items", "deals", 20)),
    (("contacts", "companies", 279), ("companies", "contacts", 280)),
)
OBJECT_IDS = {"contacts": "0-1", "companies": "0-2", "deals": "0-3", "tickets": "0-5", "line_items": "0-8"}
FALLBACK_WARNING = "Redis unavailable"


def value_for(worker: int, call: int) -> int:
    """The maxToObjectIds a worker's call sets: distinct across calls, so a lost or replayed call shows."""
    return 1 + (call * 37 + worker * 11) % 9_000


@attrs.frozen
class Spec:
    """What one worker does."""

    workdir: str
    name: str
    index: int
    mode: str  # "sync" or "async"
    base_url: str
    budget: str | None  # a redis:// URL for a shared RedisBudget; None for the client's own budget
    key: str
    phases: tuple[int, ...]  # calls per phase
    probe_interval: float = 0.5
    max_retries: int = 30


def _calls(spec: Spec, phase: int) -> list[tuple[str, str, int, int, str]]:
    """(from, to, typeId, value, "create"|"update") of this phase, numbering calls across phases."""
    first = sum(spec.phases[:phase])
    types = TYPES_BY_WORKER[spec.index]
    out = []
    for number in range(first, first + spec.phases[phase]):
        from_type, to_type, type_id = types[number % len(types)]
        action = "create" if number < len(types) else "update"
        out.append((from_type, to_type, type_id, value_for(spec.index, number), action))
    return out


def _outcome(result: Any) -> str:
    return "ok" if result.ok else f"item-errors:{[error.message for error in result.errors]}"


def _run_sync(spec: Spec, budget: Any, phase: int, record: Callable[[str], None]) -> None:
    from hubspot_association_limits import LimitsClient, RetryPolicy

    with LimitsClient(
        TOKEN,
        base_url=spec.base_url,
        budget=budget,
        retry=RetryPolicy(max_retries=spec.max_retries, total_wait=300),
    ) as client:
        for from_type, to_type, type_id, value, action in _calls(spec, phase):
            item = [{"category": "HUBSPOT_DEFINED", "typeId": type_id, "maxToObjectIds": value}]
            try:
                record(_outcome(getattr(client, action)(from_type, to_type, item)))
            except Exception as exc:
                record(type(exc).__name__)
                if type(exc).__name__ == "DailyRateLimitError":
                    return


async def _run_async(spec: Spec, budget: Any, phase: int, record: Callable[[str], None]) -> None:
    from hubspot_association_limits import AsyncLimitsClient, RetryPolicy

    calls = _calls(spec, phase)
    async with AsyncLimitsClient(
        TOKEN,
        base_url=spec.base_url,
        budget=budget,
        retry=RetryPolicy(max_retries=spec.max_retries, total_wait=300),
    ) as client:

        async def one_type(type_id: int) -> None:
            for from_type, to_type, tid, value, action in calls:
                if tid != type_id:
                    continue
                item = [{"category": "HUBSPOT_DEFINED", "typeId": tid, "maxToObjectIds": value}]
                try:
                    record(_outcome(await getattr(client, action)(from_type, to_type, item)))
                except Exception as exc:
                    record(type(exc).__name__)
                    if type(exc).__name__ == "DailyRateLimitError":
                        return

        await asyncio.gather(*(one_type(type_id) for _, _, type_id in TYPES_BY_WORKER[spec.index]))


def _wait_for(path: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} did not appear")
        time.sleep(0.002)


def worker_main(spec_path: str) -> None:
    """Run one worker from its spec file (in a process of its own)."""
    spec = Spec(**json.loads(Path(spec_path).read_text()))
    workdir = Path(spec.workdir)
    handler = logging.FileHandler(workdir / f"{spec.name}.log")
    handler.setFormatter(logging.Formatter("%(created)f %(levelname)s %(message)s"))
    library_logger = logging.getLogger("hubspot_association_limits")
    library_logger.addHandler(handler)
    library_logger.setLevel(logging.INFO)

    budget = None
    if spec.budget is not None:
        from hubspot_association_limits._redis_budget import RedisBudget

        budget = RedisBudget(spec.budget, key=spec.key, probe_interval=spec.probe_interval)
    for phase in range(len(spec.phases)):
        (workdir / f"ready-{phase}-{spec.name}").touch()
        _wait_for(workdir / f"go-{phase}")
        outcomes: list[str] = []
        times: list[float] = []

        def record(outcome: str) -> None:
            outcomes.append(outcome)
            times.append(time.time())

        started = time.time()
        if spec.mode == "sync":
            _run_sync(spec, budget, phase, record)
        else:
            asyncio.run(_run_async(spec, budget, phase, record))
        done = {"outcomes": outcomes, "times": times, "started": started, "finished": time.time()}
        tmp = workdir / f"done-{phase}-{spec.name}.tmp"
        tmp.write_text(json.dumps(done))
        tmp.rename(workdir / f"done-{phase}-{spec.name}.json")


class Fleet:
    """Worker processes started together, released phase by phase."""

    def __init__(self, workdir: Path, specs: Sequence[Spec]) -> None:
        self.workdir = workdir
        self.specs = list(specs)
        self._processes: list[subprocess.Popen[bytes]] = []
        self.go_times: dict[int, float] = {}

    def start(self) -> None:
        for spec in self.specs:
            path = self.workdir / f"{spec.name}.json"
            path.write_text(json.dumps(attrs.asdict(spec)))
            stderr = (self.workdir / f"{spec.name}.stderr").open("wb")
            self._processes.append(
                subprocess.Popen(
                    [sys.executable, __file__, str(path)], stderr=stderr, stdout=subprocess.DEVNULL
                )
            )

    def _wait_all(self, prefix: str, suffix: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for spec in self.specs:
            path = self.workdir / f"{prefix}-{spec.name}{suffix}"
            while not path.exists():
                self._check_alive()
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{path.name} did not appear within {timeout} s")
                time.sleep(0.01)

    def _check_alive(self) -> None:
        for spec, process in zip(self.specs, self._processes, strict=True):
            if process.poll() not in (None, 0):
                stderr = (self.workdir / f"{spec.name}.stderr").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"worker {spec.name} exited with {process.returncode}:\n{stderr}")

    def release(self, phase: int, *, ready_timeout: float = 60.0) -> None:
        """Wait until every worker is ready for ``phase``, then let them all go at once."""
        self._wait_all(f"ready-{phase}", "", ready_timeout)
        self.go_times[phase] = time.time()
        (self.workdir / f"go-{phase}").touch()

    def results(self, phase: int, *, timeout: float = 120.0) -> dict[str, dict[str, Any]]:
        """Each worker's outcomes of ``phase``, once all are done."""
        self._wait_all(f"done-{phase}", ".json", timeout)
        return {
            spec.name: json.loads((self.workdir / f"done-{phase}-{spec.name}.json").read_text())
            for spec in self.specs
        }

    def log(self, spec: Spec) -> str:
        """What the library logged in that worker."""
        path = self.workdir / f"{spec.name}.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        for process in self._processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


def make_specs(
    workdir: Path, base_url: str, budget: str | None, key: str, phases: Sequence[Sequence[int]], **extra: Any
) -> list[Spec]:
    """Four workers: two sync, two async. ``phases[p][w]`` is worker w's number of calls in phase p."""
    modes = ("sync", "async", "sync", "async")
    return [
        Spec(
            workdir=str(workdir),
            name=f"w{index}-{mode}",
            index=index,
            mode=mode,
            base_url=base_url,
            budget=budget,
            key=key,
            phases=tuple(phase[index] for phase in phases),
            **extra,
        )
        for index, mode in enumerate(modes)
    ]


def expected_state(specs: Sequence[Spec]) -> set[tuple[str, str, int, int]]:
    """(from id, to id, typeId, maxToObjectIds) the mock must hold once every call ran exactly once."""
    final: dict[tuple[str, str, int], int] = {}
    for spec in specs:
        total = sum(spec.phases)
        types = TYPES_BY_WORKER[spec.index]
        for number in range(total):
            from_type, to_type, type_id = types[number % len(types)]
            final[(OBJECT_IDS[from_type], OBJECT_IDS[to_type], type_id)] = value_for(spec.index, number)
    return {(*key, value) for key, value in final.items()}


def mock_state(state: dict[str, Any]) -> set[tuple[str, str, int, int]]:
    """The mock's limits in the shape of ``expected_state``."""
    return {
        (limit["fromObjectType"], limit["toObjectType"], limit["typeId"], limit["maxToObjectIds"])
        for limit in state["limits"]
    }


def split_calls(total: int, workers: int = 4) -> list[int]:
    """``total`` calls over ``workers`` as evenly as can be."""
    return [total // workers + (1 if index < total % workers else 0) for index in range(workers)]


if __name__ == "__main__":
    worker_main(sys.argv[1])
