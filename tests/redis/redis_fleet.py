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


def _item(type_id: int, value: int) -> list[dict[str, Any]]:
    return [{"category": "HUBSPOT_DEFINED", "typeId": type_id, "maxToObjectIds": value}]


def _run_sync(
    client: Any, calls: list[tuple[str, str, int, int, str]], record: Callable[[str], None]
) -> None:
    for from_type, to_type, type_id, value, action in calls:
        try:
            record(_outcome(getattr(client, action)(from_type, to_type, _item(type_id, value))))
        except Exception as exc:
            record(type(exc).__name__)
            if type(exc).__name__ == "DailyRateLimitError":
                return


async def _run_async(
    client: Any, calls: list[tuple[str, str, int, int, str]], record: Callable[[str], None]
) -> None:
    async def one_type(type_id: int) -> None:
        for from_type, to_type, tid, value, action in calls:
            if tid != type_id:
                continue
            try:
                record(_outcome(await getattr(client, action)(from_type, to_type, _item(tid, value))))
            except Exception as exc:
                record(type(exc).__name__)
                if type(exc).__name__ == "DailyRateLimitError":
                    return

    # One task per association type: concurrent calls of one process share its budget too.
    await asyncio.gather(*(one_type(type_id) for type_id in sorted({call[2] for call in calls})))


def _wait_for(path: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} did not appear")
        time.sleep(0.002)


class _Phases:
    """The ready/go/done handshake with the Fleet, and the outcomes of one phase."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.workdir = Path(spec.workdir)
        self.outcomes: list[str] = []
        self.times: list[float] = []
        self.started = 0.0

    def record(self, outcome: str) -> None:
        self.outcomes.append(outcome)
        self.times.append(time.time())

    def begin(self, phase: int) -> list[tuple[str, str, int, int, str]]:
        (self.workdir / f"ready-{phase}-{self.spec.name}").touch()
        _wait_for(self.workdir / f"go-{phase}")
        self.outcomes, self.times, self.started = [], [], time.time()
        return _calls(self.spec, phase)

    def end(self, phase: int) -> None:
        done = {
            "outcomes": self.outcomes,
            "times": self.times,
            "started": self.started,
            "finished": time.time(),
        }
        tmp = self.workdir / f"done-{phase}-{self.spec.name}.tmp"
        tmp.write_text(json.dumps(done))
        tmp.rename(self.workdir / f"done-{phase}-{self.spec.name}.json")


def worker_main(spec_path: str) -> None:
    """Run one worker from its spec file (in a process of its own)."""
    spec = Spec(**json.loads(Path(spec_path).read_text()))
    handler = logging.FileHandler(Path(spec.workdir) / f"{spec.name}.log")
    handler.setFormatter(logging.Formatter("%(created)f %(levelname)s %(message)s"))
    library_logger = logging.getLogger("hubspot_association_limits")
    library_logger.addHandler(handler)
    library_logger.setLevel(logging.INFO)

    from hubspot_association_limits import AsyncLimitsClient, LimitsClient, RetryPolicy
    from hubspot_association_limits._redis_budget import RedisBudget

    # Clients are built before the first "ready": the figures measure pacing, not imports.
    budget = (
        None
        if spec.budget is None
        else RedisBudget(spec.budget, key=spec.key, probe_interval=spec.probe_interval)
    )
    retry = RetryPolicy(max_retries=spec.max_retries, total_wait=300)
    phases = _Phases(spec)
    if spec.mode == "sync":
        with LimitsClient(TOKEN, base_url=spec.base_url, budget=budget, retry=retry) as client:
            for phase in range(len(spec.phases)):
                _run_sync(client, phases.begin(phase), phases.record)
                phases.end(phase)
        return

    async def main() -> None:
        async with AsyncLimitsClient(TOKEN, base_url=spec.base_url, budget=budget, retry=retry) as client:
            for phase in range(len(spec.phases)):
                await _run_async(client, phases.begin(phase), phases.record)
                phases.end(phase)

    asyncio.run(main())


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


@attrs.frozen
class RunFigures:
    """What one multi-process run measured."""

    budget: str  # "shared Redis" or "per-process"
    calls: int
    ok: int
    elapsed: float  # from the release of the workers to the last call's end
    ideal: float  # calls / (burst_limit per second)
    requests: int  # HubSpot requests the mock saw, 429s included
    rate_limited: int
    state_matches: bool  # the mock's final limits == the union of the workers' last values

    @property
    def ratio(self) -> float:
        return self.elapsed / self.ideal

    @property
    def rate_limited_share(self) -> float:
        return self.rate_limited / self.requests if self.requests else 0.0

    def row(self) -> str:
        return (
            f"{self.budget:<14} {self.calls:>5} calls  {self.elapsed:6.2f} s  {self.ratio:5.2f}x ideal  "
            f"{self.rate_limited:>4} x 429 ({self.rate_limited_share:6.2%} of {self.requests} requests)  "
            f"ok {self.ok}/{self.calls}  state {'matches' if self.state_matches else 'DIFFERS'}"
        )


def run_fleet(
    workdir: Path,
    redis_url: str | None,
    calls: int,
    *,
    burst_limit: int = 20,
    interval_ms: int = 1_000,
    key: str = "hubspot-association-limits-test",
    during: Callable[[Any], None] | None = None,
    **spec_extra: Any,
) -> tuple[RunFigures, Fleet]:
    """Four workers (two sync, two async) make ``calls`` create/update calls against a fresh mock
    limited to ``burst_limit`` per ``interval_ms``, sharing ``redis_url``'s budget (None: each its own).
    ``during(mock)`` runs in this thread while they work."""
    from hubspot_association_limits.mock import MockConfig, running_mock

    workdir.mkdir(parents=True, exist_ok=True)
    with running_mock(MockConfig(burst_limit=burst_limit, interval_ms=interval_ms)) as mock:
        specs = make_specs(workdir, mock.base_url, redis_url, key, [split_calls(calls)], **spec_extra)
        fleet = Fleet(workdir, specs)
        fleet.start()
        try:
            fleet.release(0)
            if during is not None:
                during(mock)
            results = fleet.results(0, timeout=300)
        finally:
            fleet.stop()
        state = mock.state()
    outcomes = [outcome for result in results.values() for outcome in result["outcomes"]]
    figures = RunFigures(
        budget="shared Redis" if redis_url else "per-process",
        calls=calls,
        ok=outcomes.count("ok"),
        elapsed=max(result["finished"] for result in results.values()) - fleet.go_times[0],
        ideal=calls / (burst_limit * 1000 / interval_ms),
        requests=state["stats"]["requests"],
        rate_limited=state["stats"]["rate_limited"],
        state_matches=mock_state(state) == expected_state(specs),
    )
    return figures, fleet
