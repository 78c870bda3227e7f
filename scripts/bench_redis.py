#!/usr/bin/env python3
"""Multi-process figure: 4 worker processes (2 sync, 2 async), mock at 20 requests/s, 400 calls,
one shared RedisBudget vs a budget per process. Elapsed time over the ideal (calls / limit) and 429s.

Run: ``uv run python scripts/bench_redis.py [--calls 400] [--json out.json]`` (needs redis-server).
Prints the table, then the figures as one JSON line (the last line of stdout, which scripts/bench
reads); ``run()`` returns the same dict. Exit status 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "redis"))  # the worker script and the redis-server helper live there

from redis_fleet import RunFigures, run_fleet  # noqa: E402
from redis_server import RedisServer  # noqa: E402

TARGET_RATIO = 1.15
TARGET_429_SHARE = 0.01


def _figures(figures: RunFigures) -> dict[str, Any]:
    return {
        "calls": figures.calls,
        "ok": figures.ok,
        "elapsed_s": round(figures.elapsed, 2),
        "ideal_s": figures.ideal,
        "ratio_to_ideal": round(figures.ratio, 3),
        "requests": figures.requests,
        "rate_limited_429": figures.rate_limited,
        "rate_limited_share": round(figures.rate_limited_share, 4),
        "state_matches": figures.state_matches,
    }


def run(calls: int = 400, burst_limit: int = 20) -> dict[str, Any]:
    """Run both configurations once; print a table; return the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-redis-") as tmp:
        workdir = Path(tmp)
        server = RedisServer(workdir)
        server.start()
        try:
            shared, _ = run_fleet(workdir / "shared", server.url, calls, burst_limit=burst_limit, key="bench")
        finally:
            server.kill()
        per_process, _ = run_fleet(workdir / "per-process", None, calls, burst_limit=burst_limit)
    print(f"multi-process: 4 workers (2 sync, 2 async), mock at {burst_limit} requests/s, {calls} calls")
    print(f"  {shared.row()}")
    print(f"  {per_process.row()}")
    met = shared.ratio <= TARGET_RATIO and shared.rate_limited_share < TARGET_429_SHARE and shared.ok == calls
    verdict = "met" if met else "MISSED"
    print(f"  target (shared within {TARGET_RATIO}x of ideal, 429s < {TARGET_429_SHARE:.0%}): {verdict}")
    return {
        "workers": 4,
        "limit_per_s": burst_limit,
        "shared_redis": _figures(shared),
        "per_process": _figures(per_process),
        "target_met": met,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures = run(args.calls)
    print(json.dumps(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if figures["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
