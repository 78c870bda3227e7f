"""The mock in its own process, so the client's CPU time is measured apart from the server's.

``python -m bench._server '{"burst_limit": 1000000}'`` prints the base URL on one line and serves
until its stdin closes. :class:`MockProcess` starts it and drives it over the mock's control API.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

# The per-call and memory arms must never wait for the rate limit; the mock's default burst
# (100 per 10 s) would turn the benchmark into a test of pacing.
UNLIMITED: dict[str, Any] = {"burst_limit": 10_000_000, "interval_ms": 10_000, "daily_limit": 100_000_000}


class MockProcess:
    """The mock served by a child Python process on 127.0.0.1 (port picked by the OS)."""

    def __init__(self, **config: Any) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench._server", json.dumps(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline().strip()
        if not line.startswith("http://"):
            self._process.kill()
            raise RuntimeError(f"the mock process did not start (said {line!r})")
        self.base_url = line
        self.pid = self._process.pid
        self._control = httpx.Client(base_url=line, timeout=30.0)

    def configure(self, **fields: Any) -> None:
        """Change the mock's settings (PATCH /_mock/config)."""
        self._control.patch("/_mock/config", json=fields).raise_for_status()

    def reset(self) -> None:
        """Forget every limit, counter and rate window (POST /_mock/reset)."""
        self._control.post("/_mock/reset").raise_for_status()

    def state(self) -> dict[str, Any]:
        """The mock's limits and request statistics (GET /_mock/state)."""
        response = self._control.get("/_mock/state")
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def cpu_seconds(self) -> float | None:
        """CPU time the mock process has used so far (Linux ``/proc``; None elsewhere)."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def close(self) -> None:
        self._control.close()
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def __enter__(self) -> MockProcess:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _serve(config: dict[str, Any]) -> None:
    from hubspot_association_limits.mock import MockConfig, running_mock

    with running_mock(MockConfig(**config)) as mock:
        print(mock.base_url, flush=True)
        sys.stdin.read()  # returns when the parent closes our stdin (or dies)


if __name__ == "__main__":
    _serve(json.loads(sys.argv[1]) if len(sys.argv) > 1 else {})
