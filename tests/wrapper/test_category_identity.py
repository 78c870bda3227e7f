"""Category is part of an association type's identity in every lookup of the clients.

A real portal numbers its own labels from small numbers that HubSpot's types use too: contacts ->
companies has HubSpot's "Primary" as HUBSPOT_DEFINED 1, and a portal's first label there may be
USER_DEFINED 1. Each lookup by typeId or label (results in input order, item errors paired with their
input, the read-back after a lost answer, create_label's read-back) must tell them apart.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hubspot_association_limits import LimitInput, errors
from wrapper_helpers import MakeClient, batch_body, inputs_of

CONTACTS, COMPANIES = "0-1", "0-2"
PRIMARY = {"category": "HUBSPOT_DEFINED", "typeId": 1, "maxToObjectIds": 1}
OWN_LABEL = {"category": "USER_DEFINED", "typeId": 1, "maxToObjectIds": 2}
OTHER_LABEL = {"category": "USER_DEFINED", "typeId": 3, "maxToObjectIds": 1}
HUBSPOT_1, USER_1 = ("HUBSPOT_DEFINED", 1), ("USER_DEFINED", 1)


def _key(item: Any) -> tuple[str, int]:
    return (item.category, item.type_id)


def _error(context: dict[str, list[str]]) -> dict[str, Any]:
    return {"status": "error", "category": "VALIDATION_ERROR", "message": "rejected", "context": context}


def test_results_come_back_in_input_order_when_typeids_collide(make_client: MakeClient) -> None:
    asked = [OWN_LABEL, PRIMARY, OTHER_LABEL]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, json=batch_body(list(reversed(inputs_of(request)))))

    with make_client(handler, budget=False) as client:
        result = client.create("contacts", "companies", asked)
    assert [_key(limit) for limit in result.results] == [USER_1, HUBSPOT_1, ("USER_DEFINED", 3)]


@pytest.mark.parametrize(
    ("context", "paired"),
    [
        pytest.param(
            {"category": ["USER_DEFINED"], "typeId": ["1"]},
            LimitInput("USER_DEFINED", 1, 2),
            id="a context that names the category pairs its input",
        ),
        pytest.param({"typeId": ["1"]}, None, id="a typeId two inputs share pairs neither"),
    ],
)
def test_an_item_error_is_paired_by_category_and_typeid(
    make_client: MakeClient, context: dict[str, list[str]], paired: LimitInput | None
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(207, json=batch_body([PRIMARY], [_error(context)]))

    with make_client(handler, budget=False) as client:
        result = client.create("contacts", "companies", [PRIMARY, OWN_LABEL])
    assert [_key(limit) for limit in result.results] == [HUBSPOT_1]
    assert [error.input for error in result.errors] == [paired]


@pytest.mark.parametrize(
    ("live", "applied", "not_applied"),
    [
        pytest.param({"HUBSPOT_DEFINED": 1, "USER_DEFINED": 7}, HUBSPOT_1, USER_1, id="HubSpot's type"),
        pytest.param({"HUBSPOT_DEFINED": 9, "USER_DEFINED": 2}, USER_1, HUBSPOT_1, id="the portal's label"),
    ],
)
def test_the_read_back_after_a_lost_answer_reads_each_type_in_its_category(
    make_client: MakeClient, live: dict[str, int], applied: tuple[str, int], not_applied: tuple[str, int]
) -> None:
    """The answer to the first POST is lost; the replay is refused for both inputs (in words that do not
    say the category); the pair then reads back one of the two typeId-1 types with the value asked."""
    posts = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal posts
        if request.method == "GET":
            found = [
                {"category": category, "typeId": 1, "maxToObjectIds": value}
                for category, value in live.items()
            ]
            return httpx.Response(200, json=batch_body(found))
        posts += 1
        if posts == 1:
            return httpx.Response(502, text="<html>upstream</html>")
        return httpx.Response(
            207, json=batch_body([], [_error({"typeId": ["1"]}), _error({"typeId": ["1"]})])
        )

    with make_client(handler, budget=False) as client:
        result = client.create("contacts", "companies", [PRIMARY, OWN_LABEL])
    assert [_key(limit) for limit in result.results] == [applied]
    with pytest.raises(errors.BatchIncompleteError) as caught:
        result.raise_for_errors()
    assert [_key(item) for item in caught.value.not_applied] == [not_applied]


def test_create_label_does_not_take_hubspots_label_of_the_same_text_for_its_own(
    make_client: MakeClient,
) -> None:
    """The first POST fails before HubSpot creates anything; the read-back finds only HubSpot's "Primary",
    which is not the label asked for, so the POST is sent again."""
    requests: list[str] = []
    types: list[dict[str, Any]] = [
        {"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary"},
        {"category": "HUBSPOT_DEFINED", "typeId": 279, "label": None},
    ]
    created = [
        {"category": "USER_DEFINED", "typeId": 1, "label": "Primary"},
        {"category": "USER_DEFINED", "typeId": 2, "label": "Primary"},
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request.method)
        if request.method == "GET":
            return httpx.Response(200, json={"results": types})
        if requests.count("POST") == 1:
            return httpx.Response(502, text="<html>upstream</html>")
        return httpx.Response(200, json={"results": created})

    with make_client(handler, budget=False) as client:
        result = client.create_label("contacts", "companies", "Primary")
    assert requests == ["GET", "POST", "GET", "POST"]  # the first GET: the read before the POST
    assert [_key(label) for label in result.results] == [USER_1, ("USER_DEFINED", 2)]
    assert result.read_back is False
