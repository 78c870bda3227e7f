"""Run every benchmark against one mock process, print Markdown tables, write bench/results.json.

``python -m bench`` (what scripts/bench runs); ``--quick`` runs fewer rounds to check the harness;
``--only per-call`` (repeatable, any section) runs that section and keeps the others in results.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import _concurrency, _import, _memory, _percall, _saturation
from bench._server import UNLIMITED, MockProcess

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
REDIS_BENCH = ROOT / "scripts" / "bench_redis.py"


def _machine() -> dict[str, Any]:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu_model": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date_utc": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "versions": {
            name: metadata.version(name) for name in ("httpx", "uvicorn", "starlette", "hubspot-api-client")
        },
    }


def _redis() -> dict[str, Any] | None:
    """The shared-budget benchmark (scripts/bench_redis.py): its last stdout line if JSON, else its text."""
    if not REDIS_BENCH.exists():
        return None
    done = subprocess.run([sys.executable, str(REDIS_BENCH)], capture_output=True, text=True, cwd=ROOT)
    lines = done.stdout.strip().splitlines()
    try:
        parsed: dict[str, Any] = json.loads(lines[-1])
        return parsed
    except (IndexError, json.JSONDecodeError):
        return {"exit_code": done.returncode, "output": done.stdout[-4000:], "stderr": done.stderr[-2000:]}


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def render(results: dict[str, Any]) -> str:
    """The Markdown report of one run (the README's "Benchmarks" section shows it)."""
    m = results["machine"]
    out = [
        f"Machine: {m['cpu_model']}, {m['cores']} cores, Python {m['python']}, {m['platform']}, "
        f"{m['date_utc']}",
        "",
    ]
    if results.get("import") is not None:
        out += [*_import.render(results["import"]), ""]
    if results.get("per_call") is not None:
        out += [*_render_per_call(results["per_call"]), ""]
    if results.get("concurrency") is not None:
        out += _render_concurrency(results)
    if results.get("saturation") is not None:
        out += _render_saturation(results["saturation"])
    if results.get("memory") is not None:
        out += _render_memory(results["memory"])
    if results.get("redis") is not None:
        out += [
            "",
            "### 5. Shared Redis budget (scripts/bench_redis.py)",
            "",
            "```",
            json.dumps(results["redis"], indent=2),
            "```",
        ]
    return "\n".join(out)


def _render_per_call(per: dict[str, Any]) -> list[str]:
    out = [
        f"### 1. Per-call cost, sequential "
        f"(median of {per['rounds']} rounds x {per['calls_per_round']} calls)",
        "",
        _table(
            ["operation", "client", "CPU µs/call", "CPU vs raw", "calls/s", "calls/s vs raw"],
            [
                [
                    r["operation"],
                    r["client"],
                    r["cpu_us_per_call"],
                    f"{r['cpu_ratio_to_raw']}x",
                    r["calls_per_s"],
                    f"{r['calls_per_s_ratio_to_raw']}x",
                ]
                for r in per["rows"]
            ],
        ),
        "",
        "Sync rows are compared with raw httpx.Client, async rows with raw httpx.AsyncClient.",
        "",
    ]
    target = per.get("target_ratio", _percall.TARGET)
    for what, ratio, met in _percall.targets(per):
        out.append(f"- {what}: {ratio}x CPU (target <= {target}x): {_verdict(met)}")
    return out


def _render_concurrency(results: dict[str, Any]) -> list[str]:
    con = results["concurrency"]
    return [
        "",
        f"### 2. Concurrency ({con['latency_ms']} ms mock latency, median of {con['rounds']} rounds)",
        "",
        _table(
            ["client", "calls", "calls/s", "client CPU µs/call"],
            [
                [
                    f"AsyncLimitsClient, concurrency {con['concurrency']}",
                    con["async_calls"],
                    con["async_calls_per_s"],
                    con["async_client_cpu_us_per_call"],
                ],
                [
                    f"raw httpx.AsyncClient, concurrency {con['concurrency']} (reference)",
                    con["async_calls"],
                    con["raw_async_calls_per_s"],
                    con["raw_async_client_cpu_us_per_call"],
                ],
                ["LimitsClient (sync, sequential)", con["sync_calls"], con["sync_calls_per_s"], ""],
            ],
        ),
        "",
        f"- ratio AsyncLimitsClient / LimitsClient {con['ratio']}x (target >= {con['target_ratio']}x): "
        f"{_verdict(con['ratio'] >= con['target_ratio'])}",
        f"- the mock used {con['async_mock_cpu_us_per_call']} µs of CPU per call in the async run "
        f"(client and mock share {results['machine']['cores']} cores)",
    ]


def _render_saturation(sat: dict[str, Any]) -> list[str]:
    out = [
        "",
        f"### 3. Rate-limit saturation ({sat['limit']}; {sat['calls']} reads, {sat['workers']} workers, "
        f"ideal {sat['ideal_s']} s, median of {sat['rounds']} rounds)",
        "",
        _table(
            ["client", "elapsed s", "over ideal", "429s", "429s / calls", "failures", "requests seen"],
            [
                [
                    r["client"],
                    r["elapsed_s"],
                    f"{r['over_ideal']}x",
                    r["429s"],
                    f"{r['429_share']:.2%}",
                    r["failures"],
                    r["requests_seen_by_mock"],
                ]
                for r in sat["rows"]
            ],
        ),
        "",
    ]
    ours = sat["rows"][0]
    out.append(
        f"- ours: {ours['over_ideal']}x ideal (target <= 1.10x) {_verdict(ours['over_ideal'] <= 1.10)}; "
        f"failures {ours['failures']} (target 0) {_verdict(ours['failures'] == 0)}; "
        f"429s {ours['429_share']:.2%} (target < 1%) {_verdict(ours['429_share'] < 0.01)}"
    )
    return out


def _render_memory(mem: dict[str, Any]) -> list[str]:
    return [
        "",
        f"### 4. Memory (peak RSS, median of {mem['rounds']} child processes)",
        "",
        _table(
            ["process", "peak RSS MiB"],
            [
                ["a client and one read", mem["client_and_one_read_mib"]],
                [f"sends {mem['inputs']:,} inputs in chunks of {mem['chunk']:,}", mem["after_sending_mib"]],
            ],
        ),
        "",
        f"- {mem['delta_mib']} MiB above a client and one read (target < {mem['target_delta_mib']} MiB): "
        f"{_verdict(mem['delta_mib'] < mem['target_delta_mib'])}",
    ]


SECTIONS = ("import", "per-call", "concurrency", "saturation", "memory", "redis")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few rounds: check the harness, not the numbers")
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="run only this section (repeatable); its figures replace those in bench/results.json",
    )
    parser.add_argument("--import-only", action="store_true", help="the same as --only import")
    args = parser.parse_args()
    quick = args.quick
    only = set(args.only or ()) | ({"import"} if args.import_only else set())
    wanted = only or set(SECTIONS)
    # A partial run keeps the other sections of the last full run, so the file stays one report.
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if only and RESULTS.exists() else {}
    results.update({"machine": _machine(), "quick": quick})
    if "import" in wanted:
        print("import time (builds two venvs)", file=sys.stderr)
        results["import"] = _import.run(ROOT, runs=2 if quick else 7)
    if wanted & {"per-call", "concurrency", "saturation", "memory"}:
        with MockProcess(**UNLIMITED) as mock:
            print(f"mock on {mock.base_url} (pid {mock.pid})", file=sys.stderr)
            if "per-call" in wanted:
                print("per-call cost", file=sys.stderr)
                results["per_call"] = _percall.run(
                    mock.base_url, rounds=2 if quick else 9, calls=50 if quick else 300
                )
            if "concurrency" in wanted:
                print("concurrency", file=sys.stderr)
                results["concurrency"] = _concurrency.run(
                    mock,
                    rounds=1 if quick else 3,
                    async_calls=200 if quick else 1000,
                    sync_calls=40 if quick else 150,
                )
            if "saturation" in wanted:
                print("rate-limit saturation", file=sys.stderr)
                results["saturation"] = _saturation.run(
                    mock, rounds=1 if quick else 3, calls=100 if quick else 400
                )
            if "memory" in wanted:
                print("memory", file=sys.stderr)
                results["memory"] = _memory.run(mock.base_url, rounds=1 if quick else 3)
    if "redis" in wanted:
        print("redis budget", file=sys.stderr)
        results["redis"] = _redis()
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    shown = {k: v for k, v in results.items() if k == "machine" or k.replace("_", "-") in wanted}
    print(render(shown))
    print(f"\nwrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
