"""Benchmark 4: peak RSS of a process that sends 10,000 limit inputs through the wrapper.

It is compared with a process that makes a client and one read: the modules the package loads on
first use (the generated client, the catalogue) are in both, so the difference is the inputs'.

Each figure comes from a fresh child process (``python -m bench._memory import|send URL``) that
prints its peak RSS. On Linux that is ``VmHWM`` from ``/proc/self/status``: ``ru_maxrss`` of a child
started by ``subprocess`` (vfork + exec) starts at the *parent's* peak, which hid the difference
entirely (both children reported the bench process's 55 MiB). Elsewhere it is ``ru_maxrss``.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
from typing import Any

INPUTS = 10_000
CHUNK = 1_000  # inputs per create() call; the wrapper splits each into batches of batch_size


def _child(mode: str, base_url: str) -> int:
    output = subprocess.run(
        [sys.executable, "-m", "bench._memory", mode, base_url], check=True, capture_output=True, text=True
    ).stdout
    peak: int = json.loads(output)["peak_rss_kib"]
    return peak


def run(base_url: str, *, rounds: int) -> dict[str, Any]:
    """Median peak RSS (MiB) of each child and the difference."""
    baseline = statistics.median(_child("baseline", base_url) for _ in range(rounds)) / 1024
    loaded = statistics.median(_child("send", base_url) for _ in range(rounds)) / 1024
    return {
        "inputs": INPUTS,
        "chunk": CHUNK,
        "rounds": rounds,
        "client_and_one_read_mib": round(baseline, 1),
        "after_sending_mib": round(loaded, 1),
        "delta_mib": round(loaded - baseline, 1),
        "target_delta_mib": 50,
    }


def _send(base_url: str) -> None:
    from hubspot_association_limits import LimitsClient

    from bench._arms import FROM, TO, TOKEN

    sent = 0
    with LimitsClient(TOKEN, base_url=base_url) as client:
        for start in range(0, INPUTS, CHUNK):
            # Distinct USER_DEFINED type ids: the mock rejects the ones its registry does not know
            # as item errors (207), which the wrapper must hold in memory too.
            inputs = [
                {"category": "USER_DEFINED", "typeId": 100 + i, "maxToObjectIds": 1 + i % 500}
                for i in range(start, start + CHUNK)
            ]
            result = client.create(FROM, TO, inputs)
            sent += len(result.results) + len(result.errors)
    if sent != INPUTS:
        raise RuntimeError(f"{sent} of {INPUTS} inputs came back as a result or an error")


def _baseline(base_url: str) -> None:
    from hubspot_association_limits import LimitsClient

    from bench._arms import FROM, TO, TOKEN

    with LimitsClient(TOKEN, base_url=base_url) as client:
        client.get(FROM, TO)


def _peak_rss_kib() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    {"send": _send, "baseline": _baseline}[sys.argv[1]](sys.argv[2])
    print(json.dumps({"peak_rss_kib": _peak_rss_kib()}))
