"""An authenticated httpx client on the ``hubspot_mock`` fixture (from the package's pytest plugin)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from hubspot_association_limits.mock import MockServer

from ._helpers import TOKEN


@pytest.fixture
def api(hubspot_mock: MockServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hubspot_mock.base_url, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        yield client
