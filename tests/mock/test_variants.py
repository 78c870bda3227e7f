"""What a user can change in how the mock answers (``MockConfig``): the words of item errors, a 400
instead of a 207 for invalid association types, and no daily rate-limit headers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hubspot_association_limits.mock import MockServer

from ._helpers import PREFIX, hs, ud

DAILY_HEADERS = ("X-HubSpot-RateLimit-Daily", "X-HubSpot-RateLimit-Daily-Remaining")


def _messages(response: httpx.Response) -> list[str]:
    return [error["message"] for error in response.json()["errors"]]


@pytest.mark.parametrize(
    ("messages", "path", "inputs", "expected"),
    [
        pytest.param(
            {"UNKNOWN_ASSOCIATION_TYPE": "{type} is no type from {fromObjectType} to {toObjectType}"},
            "contacts/deals/batch/create",
            [ud(5, 5)],
            ["0-5 is no type from CONTACT to DEAL"],
            id="HubSpot's rule, other words",
        ),
        pytest.param(
            {"LIMIT_OUT_OF_RANGE": "{message} ({category} {typeId})"},
            "deals/contacts/batch/create",
            [hs(3, 10_001), hs(999, 1)],
            [
                "maxToObjectIds must be between 1 and 10000 (HUBSPOT_DEFINED 3)",
                "0-999 is not a valid association type between DEAL and CONTACT",
            ],
            id="the mock's own words kept in, another rule untouched",
        ),
        pytest.param(
            {"UNKNOWN_ASSOCIATION_TYPE": "unknown {type}"},
            "contacts/deals/batch/purge",
            [{"category": "USER_DEFINED", "typeId": 5}],
            ["unknown 0-5"],
            id="a refused purge too",
        ),
    ],
)
def test_item_error_messages_reword_item_errors_by_their_rule(
    api: httpx.Client,
    hubspot_mock: MockServer,
    messages: dict[str, str],
    path: str,
    inputs: list[dict[str, Any]],
    expected: list[str],
) -> None:
    hubspot_mock.configure(item_error_messages=messages)
    response = api.post(f"{PREFIX}/{path}", json={"inputs": inputs})
    assert response.status_code in (207, 400)
    assert _messages(response) == expected


@pytest.mark.hubspot_mock(seed_file="demo")
@pytest.mark.parametrize("operation", ["create", "update"])
def test_refuse_invalid_types_answers_400_and_applies_nothing(
    api: httpx.Client, hubspot_mock: MockServer, operation: str
) -> None:
    before = hubspot_mock.state()["limits"]
    hubspot_mock.configure(refuse_invalid_types=True)
    # A valid input first: a refused batch applies none of its inputs.
    response = api.post(f"{PREFIX}/deals/contacts/batch/{operation}", json={"inputs": [hs(3, 4), ud(999, 2)]})
    assert response.status_code == 400
    assert response.json() == {
        "status": "error",
        "message": "0-999 is not a valid association type between DEAL and CONTACT",
        "correlationId": response.headers["X-HubSpot-Correlation-Id"],
        "category": "VALIDATION_ERROR",
        "subCategory": "crm.associations.INVALID_ASSOCIATION_TYPE",
        "errors": [
            {"message": "0-999 is not a valid association type between DEAL and CONTACT", "in": "inputs[1]"}
        ],
        "context": {"type": ["0-999"], "fromObjectType": ["DEAL"], "toObjectType": ["CONTACT"]},
    }
    assert hubspot_mock.state()["limits"] == before


@pytest.mark.hubspot_mock(refuse_invalid_types=True)
def test_refuse_invalid_types_leaves_batches_of_valid_types_as_they_were(api: httpx.Client) -> None:
    response = api.post(f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [hs(3, 4), hs(3, 5)]})
    assert (response.status_code, response.json()["status"]) == (207, "COMPLETE")
    assert _messages(response) == [
        "a limit is already configured for HUBSPOT_DEFINED 3; use batch/update to change it"
    ]


@pytest.mark.parametrize(
    ("daily", "expected"),
    [(True, set(DAILY_HEADERS)), (False, set())],
    ids=["by default", "daily_rate_limit_headers off (as for OAuth apps)"],
)
def test_daily_rate_limit_headers_can_be_left_out(
    api: httpx.Client, hubspot_mock: MockServer, daily: bool, expected: set[str]
) -> None:
    hubspot_mock.configure(daily_rate_limit_headers=daily)
    for response in (api.get(f"{PREFIX}/all"), api.get(f"{PREFIX}/nope/contacts")):
        assert {name for name in DAILY_HEADERS if name in response.headers} == expected
        assert response.headers["X-HubSpot-RateLimit-Max"] == "100"  # the others stay
