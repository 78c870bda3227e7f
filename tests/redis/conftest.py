"""The redis_server fixture: a fresh redis-server per test, stopped afterwards whatever happened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from redis_server import RedisServer


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A fresh, empty redis-server for one test; stopped afterwards whatever happened."""
    server: RedisServer | None = None
    failure: RuntimeError | None = None
    for _ in range(3):
        server = RedisServer(tmp_path)
        try:
            server.start()
            break
        except RuntimeError as exc:
            server, failure = None, exc  # the port was taken between picking and binding; pick again
    if server is None:
        raise RuntimeError("could not start redis-server on a free loopback port") from failure
    try:
        yield server
    finally:
        server.kill()
