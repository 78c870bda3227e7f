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
def _servers() -> Iterator[dict[str, MockServer]]:
    with (
        running_mock(MockConfig(seed_file=str(PORTAL_SEED), tokens=_TOKENS)) as portal,
        running_mock(MockConfig(tokens=_TOKENS)) as fresh,
    ):
        yield {"portal": portal, "fresh": fresh}


@pytest.fixture
def portal(_servers: dict[str, MockServer]) -> MockServer:
    """A portal with labels and limits of its own on the scenario's pair, freshly reset."""
    _servers["portal"].reset()
    return _servers["portal"]


@pytest.fixture
def fresh(_servers: dict[str, MockServer]) -> MockServer:
    """An empty portal, freshly reset (what ``check`` runs against by default)."""
    _servers["fresh"].reset()
    return _servers["fresh"]


@pytest.fixture(scope="session")
def recording() -> Recording:
    """The scenario recorded against a fresh mock."""
    with running_mock(MockConfig(tokens=_TOKENS)) as server:
        return record(Target(server.base_url, TOKEN))


@pytest.fixture
def cli() -> Cli:
    """The real command line."""
    return Cli()
