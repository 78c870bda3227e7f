"""The mock answers a loopback request in well under the 40 ms delayed-ACK timer.

If the listening socket is made without ``IPPROTO_TCP``, asyncio does not set ``TCP_NODELAY`` on
accepted connections and every response stalls ~40 ms on the client's delayed ACK; that made
every suite and benchmark against the mock measure a kernel timer instead of the code.
"""

from __future__ import annotations

import time

import httpx
import pytest
from hubspot_association_limits.mock import MockConfig, running_mock

from ._drivers import TOKEN

DELAYED_ACK_MIN_S = 0.040
PAIR_PATH = "/crm/associations/v4/definitions/configurations/deals/contacts"


@pytest.mark.parametrize("path", [PAIR_PATH, "/_mock/state"])
def test_a_loopback_request_does_not_wait_for_a_delayed_ack(path: str) -> None:
    with running_mock(MockConfig(burst_limit=1_000)) as mock, httpx.Client(base_url=mock.base_url) as client:
        client.headers["Authorization"] = f"Bearer {TOKEN}"
        client.get(path).raise_for_status()  # open the connection first
        timings = []
        for _ in range(15):
            started = time.perf_counter()
            client.get(path).raise_for_status()
            timings.append(time.perf_counter() - started)
    # Without TCP_NODELAY every request waits out the client's delayed ACK, whose kernel minimum is
    # 40 ms (measured: 43-68 ms, all 15); with it one takes ~1 ms. A loaded machine only adds time,
    # so the fastest request tells the two apart every time, where a median needs an idle machine.
    assert min(timings) < DELAYED_ACK_MIN_S, f"fastest request {min(timings) * 1000:.1f} ms"
