"""Fixtures for the wrapper's tests (helpers live in wrapper_helpers.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
