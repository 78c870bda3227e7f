"""Every e2e suite runs once with ``LimitsClient`` and once with ``AsyncLimitsClient``."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sync", "async"])
def driver_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)
