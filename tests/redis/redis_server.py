"""A real redis-server on a loopback port picked at start-up; tests may kill, freeze and restart it."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry


def _free_port() -> int:
    # The OS picks the port; redis-server binds it a moment later (start() retries if someone took it).
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One redis-server process; `kill()` and `start()` keep the port, so clients find it again."""

    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            # Not a skip: the feature needs a real Redis, and scripts/test installs it.
            raise RuntimeError("redis-server is not installed; scripts/test installs Debian's redis-server")
        self._binary = binary
        self._workdir = workdir
        self.port = _free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        # No retries: redis-py's default backs off for seconds while the server is still starting.
        return redis.Redis(
            host="127.0.0.1",
            port=self.port,
            socket_timeout=1.0,
            socket_connect_timeout=1.0,
            retry=Retry(NoBackoff(), 0),
        )

    def start(self, *, timeout: float = 10.0) -> None:
        if self._process is not None:
            raise RuntimeError("redis-server is already running")
        self._process = subprocess.Popen(
            [
                self._binary,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self._workdir),
                "--logfile", str(self._workdir / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                log = (self._workdir / "redis.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"redis-server exited on port {self.port}:\n{log}")
            try:
                with self.client() as probe:
                    if probe.ping():
                        return
            except redis.RedisError:
                time.sleep(0.02)
        self.kill()
        raise RuntimeError(f"redis-server did not answer PING on port {self.port} within {timeout} s")

    def kill(self) -> None:
        """SIGKILL, as a crash would: no goodbye to connected clients."""
        if self._process is None:
            return
        self._process.send_signal(signal.SIGCONT)  # a frozen process must not outlive the test
        self._process.kill()
        self._process.wait(timeout=10)
        self._process = None

    def freeze(self) -> None:
        """SIGSTOP: the port still accepts connections but nothing answers, as a hung server would."""
        if self._process is not None:
            self._process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGCONT)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None
