"""Fixtures for the wrapper's tests (helpers live in wrapper_helpers.py)."""

from __future__ import annotations

import pytest
from wrapper_helpers import MakeClient, facade_client, sync_client


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["sync", "async"])
def make_client(request: pytest.FixtureRequest) -> MakeClient:
    """``make_client(handler, **kwargs)``: a LimitsClient, or an AsyncLimitsClient behind a sync facade."""
    return sync_client if request.param == "sync" else facade_client
