"""Mocks for the conformance tests (only the test token is accepted), and one recording made against a
fresh mock, shared by the check tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hubspot_association_limits.conformance import Recording, Target, record
from hubspot_association_limits.mock import MockConfig, MockServer, TokenConfig, running_mock

from ._support import PORTAL_SEED, TOKEN, Cli

_TOKENS = {TOKEN: TokenConfig()}


@pytest.fixture(scope="module")
def _portal_server() -> Iterator[MockServer]:
    with running_mock(MockConfig(seed_file=str(PORTAL_SEED), tokens=_TOKENS)) as server:
        yield server


@pytest.fixture
def portal(_portal_server: MockServer) -> MockServer:
    """A portal with labels and limits of its own on the scenario's pair, freshly reset."""
    _portal_server.reset()
    return _portal_server


@pytest.fixture(scope="module")
def _fresh_server() -> Iterator[MockServer]:
    with running_mock(MockConfig(tokens=_TOKENS)) as server:
        yield server


@pytest.fixture
def fresh(_fresh_server: MockServer) -> MockServer:
    """An empty portal, freshly reset (what ``check`` runs against by default)."""
    _fresh_server.reset()
    return _fresh_server


@pytest.fixture(scope="session")
def recording() -> Recording:
    """The scenario recorded against a fresh mock."""
    with running_mock(MockConfig(tokens=_TOKENS)) as server:
        return record(Target(server.base_url, TOKEN))


@pytest.fixture
def cli() -> Cli:
    """The real command line."""
    return Cli()
