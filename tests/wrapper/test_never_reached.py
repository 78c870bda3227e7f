"""A request whose connection never opened (refused, or a connect timeout) never reached HubSpot.

So it is resent as freely as a 429, and nothing is read back: a batch POST resent after it is not a
replay of something HubSpot may have applied, and create_label resends without reading the labels back
(its one read of the pair before the POST aside).
A read timeout is the contrast: the request may have been applied, so both read back.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from wrapper_helpers import MakeClient, batch_body, inputs_of

# (what the first attempt raises, whether it may have reached HubSpot)
FIRST_ATTEMPTS = [
    pytest.param(httpx.ConnectError, False, id="connection refused"),
    pytest.param(httpx.ConnectTimeout, False, id="connect timeout"),
    pytest.param(httpx.ReadTimeout, True, id="read timeout (contrast)"),
]
ONE, TWO = (
    {"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": 5},
    {"category": "USER_DEFINED", "typeId": 101, "maxToObjectIds": 2},
)
REFUSED = {"status": "error", "category": "VALIDATION_ERROR", "message": "already set"}


@pytest.mark.parametrize(("first", "reached"), FIRST_ATTEMPTS)
def test_a_batch_post_that_never_reached_hubspot_is_not_read_back_as_a_replay(
    make_client: MakeClient, first: type[httpx.TransportError], reached: bool
) -> None:
    """The resent POST applies one input and refuses the other; the pair holds the refused one as asked.
    Only a first attempt that may have been applied lets that read-back count it as applied."""
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        if request.method == "GET":
            return httpx.Response(200, json=batch_body([ONE, TWO]))
        if calls.count("POST") == 1:
            raise first("no answer", request=request)
        return httpx.Response(207, json=batch_body(inputs_of(request)[1:], [REFUSED]))

    with make_client(handler, budget=False) as client:
        result = client.create("deals", "contacts", [ONE, TWO])
    assert calls == (["POST", "POST", "GET"] if reached else ["POST", "POST"])
    assert result.ok is reached
    assert [limit.type_id for limit in result.results] == ([3, 101] if reached else [101])


@pytest.mark.parametrize(("first", "reached"), FIRST_ATTEMPTS)
def test_create_label_resends_a_post_that_never_reached_hubspot_without_reading_back(
    make_client: MakeClient, first: type[httpx.TransportError], reached: bool
) -> None:
    calls: list[str] = []
    created: list[dict[str, Any]] = [
        {"category": "USER_DEFINED", "typeId": 150, "label": "Decision maker"},
        {"category": "USER_DEFINED", "typeId": 151, "label": "Decision maker"},
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        if request.method == "GET":  # nothing was created by the first attempt
            return httpx.Response(200, json={"results": []})
        if calls.count("POST") == 1:
            raise first("no answer", request=request)
        return httpx.Response(200, json={"results": created})

    with make_client(handler, budget=False) as client:
        result = client.create_label("deals", "contacts", "Decision maker")
    # The first GET is create_label's read of the pair before its POST.
    assert calls == (["GET", "POST", "GET", "POST"] if reached else ["GET", "POST", "POST"])
    assert [label.type_id for label in result.results] == [150, 151]
