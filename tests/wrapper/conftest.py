"""Fixtures for the wrapper's tests (helpers live in wrapper_helpers.py)."""

from __future__ import annotations

import pytest
from hubspot_association_limits import _call as call_module
from wrapper_helpers import MakeClient, facade_client, sync_client


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["sync", "async"])
def make_client(request: pytest.FixtureRequest) -> MakeClient:
    """``make_client(handler, **kwargs)``: a LimitsClient, or an AsyncLimitsClient behind a sync facade."""
    return sync_client if request.param == "sync" else facade_client


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits a call would have slept (pacing, retries, resends), recorded in order instead."""
    waits: list[float] = []

    async def async_sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(call_module, "sleep", waits.append)
    monkeypatch.setattr(call_module, "async_sleep", async_sleep)
    return waits
