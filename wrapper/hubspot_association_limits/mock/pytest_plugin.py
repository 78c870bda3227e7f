"""pytest plugin (entry point ``pytest11``): the ``hubspot_mock`` fixture.

One mock server runs per test session; before every test that uses ``hubspot_mock`` it is reset to
its initial state (config, limits, stats, rate limits, fault plan). Mark a test with
``@pytest.mark.hubspot_mock(burst_limit=5, seed_file="demo", ...)`` to configure it for that test.
Nothing heavy is imported until the fixture is used, so a run without the ``[mock]`` extra is unharmed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from .._extras import install_hint, is_missing

if TYPE_CHECKING:
    from ._server import MockServer


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "hubspot_mock(**fields): MockConfig fields for the hubspot_mock fixture in this test"
    )


@pytest.fixture(scope="session")
def _hubspot_mock_server() -> Iterator[MockServer]:
    # Without the [mock] extra only tests that use the fixture fail; the rest of the run is untouched.
    try:
        from ._server import running_mock
    except ImportError as error:
        if not is_missing(error, "mock"):
            raise
        pytest.fail(install_hint("mock", "the hubspot_mock fixture"), pytrace=False)

    with running_mock() as mock:
        yield mock


@pytest.fixture
def hubspot_mock(request: pytest.FixtureRequest, _hubspot_mock_server: MockServer) -> MockServer:
    """A running HubSpot association-limit mock, freshly reset: use ``hubspot_mock.base_url``."""
    _hubspot_mock_server.reset()
    marker = request.node.get_closest_marker("hubspot_mock")
    if marker is not None:
        _hubspot_mock_server.configure(**marker.kwargs)
    return _hubspot_mock_server
