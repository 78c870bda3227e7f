"""A demo-seeded mock on a real socket for the CLI tests (only the test token is accepted), reset per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cli_support import TOKEN, Cli
from hubspot_association_limits.mock import MockConfig, MockServer, TokenConfig, running_mock


@pytest.fixture(scope="module")
def _server() -> Iterator[MockServer]:
    with running_mock(MockConfig(seed_file="demo", tokens={TOKEN: TokenConfig()})) as server:
        yield server


@pytest.fixture
def mock(_server: MockServer) -> MockServer:
    """The demo portal, freshly reset."""
    _server.reset()
    return _server


@pytest.fixture
def cli(mock: MockServer) -> Cli:
    """The real app, pointed at the mock with the test token."""
    return Cli(mock)
