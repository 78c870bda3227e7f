"""The mock's label operations over HTTP: list, create, rename, delete, and HubSpot's rules for them."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hubspot_association_limits.mock import MockServer

from ._helpers import PREFIX, hs, ud

LABELS = "/crm/associations/v4/{}/{}/labels"


def labels(api: httpx.Client, from_type: str, to_type: str) -> list[tuple[str, int, str | None]]:
    response = api.get(LABELS.format(from_type, to_type))
    assert response.status_code == 200, response.text
    return [(r["category"], r["typeId"], r["label"]) for r in response.json()["results"]]


def create(api: httpx.Client, from_type: str, to_type: str, **body: Any) -> httpx.Response:
    return api.post(LABELS.format(from_type, to_type), json=body)


def own(api: httpx.Client, from_type: str, to_type: str) -> list[tuple[int, str | None]]:
    return [
        (type_id, label)
        for category, type_id, label in labels(api, from_type, to_type)
        if category != "HUBSPOT_DEFINED"
    ]


def test_a_pair_lists_hubspot_defined_types_then_the_portals_labels(api: httpx.Client) -> None:
    assert labels(api, "contacts", "companies") == [
        ("HUBSPOT_DEFINED", 1, "Primary"),
        ("HUBSPOT_DEFINED", 279, None),
    ]
    create(api, "contacts", "companies", label="Billing contact", name="billing_contact")
    assert labels(api, "0-1", "company")[-1] == ("USER_DEFINED", 101, "Billing contact")


@pytest.mark.parametrize(
    ("pair", "body", "created", "forward", "reverse"),
    [
        pytest.param(
            ("deals", "contacts"),
            {"label": "Decision maker", "name": "decision_maker"},
            [102, 101],
            [(101, "Decision maker")],
            [(102, "Decision maker")],
            id="cross-object: one type each way, same label",
        ),
        pytest.param(
            ("deals", "contacts"),
            {"label": "Buyer", "name": "buyer", "inverseLabel": "Bought from"},
            [102, 101],
            [(101, "Buyer")],
            [(102, "Bought from")],
            id="cross-object paired: the reverse carries the inverse label",
        ),
        pytest.param(
            ("contacts", "contacts"),
            {"label": "Colleague", "name": "colleague"},
            [101],
            [(101, "Colleague")],
            [(101, "Colleague")],
            id="same-object: one symmetric type",
        ),
        pytest.param(
            ("contacts", "contacts"),
            {"label": "Manager", "name": "manager", "inverseLabel": "Employee"},
            [102, 101],
            [(101, "Manager"), (102, "Employee")],
            [(101, "Manager"), (102, "Employee")],
            id="same-object paired: two types in the one pair",
        ),
        pytest.param(
            ("2-123", "tickets"),
            {"label": "Owner", "name": "owner"},
            [102, 101],
            [(101, "Owner")],
            [(102, "Owner")],
            id="custom object",
        ),
    ],
)
def test_create_makes_a_user_defined_type_per_direction_and_answers_inverse_first(
    api: httpx.Client,
    pair: tuple[str, str],
    body: dict[str, str],
    created: list[int],
    forward: list[tuple[int, str]],
    reverse: list[tuple[int, str]],
) -> None:
    response = create(api, *pair, **body)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["typeId"] for r in results] == created
    assert {r["category"] for r in results} == {"USER_DEFINED"}
    assert own(api, *pair) == forward
    assert own(api, pair[1], pair[0]) == reverse


@pytest.mark.parametrize(
    ("pair", "body", "field"),
    [
        (("deals", "line_items"), {"label": "X", "name": "x"}, "toObjectType"),
        (("notes", "contacts"), {"label": "X", "name": "x"}, "toObjectType"),
        (("deals", "contacts"), {"label": "Other", "name": "decision_maker"}, "name"),
        (("contacts", "deals"), {"label": "Other", "name": "decision_maker"}, "name"),
        (("deals", "contacts"), {"label": "Decision maker", "name": "other"}, "label"),
        (("contacts", "deals"), {"label": "Decision maker", "name": "other"}, "label"),
        (("contacts", "companies"), {"label": "Primary", "name": "primary"}, "label"),
        (("deals", "contacts"), {"label": " ", "name": "blank"}, "label"),
        (("deals", "contacts"), {"label": "Y", "name": ""}, "name"),
        (("deals", "contacts"), {"label": "Y"}, "name"),
        (("deals", "contacts"), {"label": 5, "name": "y"}, "label"),
    ],
)
def test_create_refusals_are_400_in_hubspots_body(
    api: httpx.Client, pair: tuple[str, str], body: dict[str, Any], field: str
) -> None:
    assert create(api, "deals", "contacts", label="Decision maker", name="decision_maker").status_code == 200
    response = create(api, *pair, **body)
    assert response.status_code == 400
    error = response.json()
    assert (error["status"], error["category"]) == ("error", "VALIDATION_ERROR")
    assert error["correlationId"] == response.headers["X-HubSpot-Correlation-Id"]
    assert field in error["errors"][0]["in"]
    assert len(own(api, "deals", "contacts")) == 1


@pytest.mark.hubspot_mock(label_limit_per_pair=2)
def test_the_labels_per_pair_are_capped(api: httpx.Client) -> None:
    assert create(api, "deals", "contacts", label="A", name="a").status_code == 200
    assert create(api, "contacts", "deals", label="B", name="b", inverseLabel="C").status_code == 200
    refused = create(api, "deals", "contacts", label="D", name="d")
    assert refused.status_code == 400
    assert "(2)" in refused.json()["message"]
    assert create(api, "deals", "companies", label="D", name="d").status_code == 200


@pytest.mark.parametrize(
    ("body", "forward", "reverse"),
    [
        ({"label": "Buyer"}, [(101, "Buyer")], [(102, "Buyer")]),
        ({"label": "Buyer", "inverseLabel": "Seller"}, [(101, "Buyer")], [(102, "Seller")]),
    ],
)
def test_rename_changes_the_label_in_both_directions(
    api: httpx.Client, body: dict[str, str], forward: list[Any], reverse: list[Any]
) -> None:
    create(api, "deals", "contacts", label="Decision maker", name="decision_maker")
    response = api.put(LABELS.format("deals", "contacts"), json={"associationTypeId": 101, **body})
    assert (response.status_code, response.content) == (204, b"")
    assert own(api, "deals", "contacts") == forward
    assert own(api, "contacts", "deals") == reverse


def test_a_paired_label_renamed_without_inverse_keeps_its_inverse(api: httpx.Client) -> None:
    create(api, "deals", "contacts", label="Buyer", name="buyer", inverseLabel="Bought from")
    assert (
        api.put(
            LABELS.format("deals", "contacts"), json={"associationTypeId": 101, "label": "Payer"}
        ).status_code
        == 204
    )
    assert own(api, "contacts", "deals") == [(102, "Bought from")]


def test_renaming_a_limited_label_renames_its_limit(api: httpx.Client) -> None:
    create(api, "deals", "contacts", label="Decision maker", name="decision_maker")
    api.post(f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [ud(101, 2)]})
    api.put(LABELS.format("deals", "contacts"), json={"associationTypeId": 101, "label": "Buyer"})
    assert [r["label"] for r in api.get(f"{PREFIX}/deals/contacts").json()["results"]] == ["Buyer"]


@pytest.mark.parametrize(
    ("method", "type_id", "status"),
    [
        ("PUT", 999, 404),
        ("DELETE", 999, 404),
        ("PUT", 3, 400),  # HubSpot-defined: exists, but is not a label
        ("DELETE", 3, 400),
        ("PUT", 102, 404),  # the reverse direction's typeId, asked of this pair
        ("DELETE", 102, 404),
    ],
)
def test_an_unknown_or_builtin_type_id_is_refused(
    api: httpx.Client, method: str, type_id: int, status: int
) -> None:
    create(api, "deals", "contacts", label="Decision maker", name="decision_maker")
    if method == "PUT":
        response = api.put(
            LABELS.format("deals", "contacts"), json={"associationTypeId": type_id, "label": "X"}
        )
    else:
        response = api.delete(f"{LABELS.format('deals', 'contacts')}/{type_id}")
    assert response.status_code == status
    assert response.json()["category"] == ("OBJECT_NOT_FOUND" if status == 404 else "VALIDATION_ERROR")
    assert own(api, "deals", "contacts") == [(101, "Decision maker")]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"associationTypeId": 101, "label": "Manager"}, "label"),  # the other label's text
        ({"associationTypeId": 101, "label": "x", "inverseLabel": "y"}, "inverseLabel"),  # symmetric
        ({"associationTypeId": 101, "label": ""}, "label"),
        ({"label": "x"}, "associationTypeId"),
        # The body is checked before the typeId: HubSpot's live answer to this one was 400, not 404.
        ({"associationTypeId": -1, "label": ""}, "label"),
    ],
)
def test_rename_refusals(api: httpx.Client, body: dict[str, Any], field: str) -> None:
    create(api, "contacts", "contacts", label="Colleague", name="colleague")
    create(api, "contacts", "contacts", label="Manager", name="manager")
    response = api.put(LABELS.format("contacts", "contacts"), json=body)
    assert response.status_code == 400
    assert field in response.json()["errors"][0]["in"]
    assert own(api, "contacts", "contacts") == [(101, "Colleague"), (102, "Manager")]


def test_delete_removes_the_label_both_ways_and_its_limits(api: httpx.Client) -> None:
    create(api, "deals", "contacts", label="Buyer", name="buyer", inverseLabel="Bought from")
    api.post(f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [hs(3, 5), ud(101, 2)]})
    api.post(f"{PREFIX}/contacts/deals/batch/create", json={"inputs": [ud(102, 3)]})
    response = api.delete(f"{LABELS.format('deals', 'contacts')}/101")
    assert (response.status_code, response.content) == (204, b"")
    assert own(api, "deals", "contacts") == []
    assert own(api, "contacts", "deals") == []
    remaining = api.get(f"{PREFIX}/all").json()["results"]
    assert [(r["category"], r["typeId"]) for r in remaining] == [("HUBSPOT_DEFINED", 3)]
    # typeIds are never reused, and the name is free again
    recreated = create(api, "deals", "contacts", label="Buyer", name="buyer")
    assert [r["typeId"] for r in recreated.json()["results"]] == [104, 103]


def test_a_label_can_carry_a_limit_up_to_the_object_limit(api: httpx.Client) -> None:
    create(api, "deals", "contacts", label="Decision maker", name="decision_maker")
    outcome = api.post(f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [hs(3, 5), ud(101, 6)]})
    assert outcome.status_code == 207
    assert outcome.json()["results"][0]["typeId"] == 3


@pytest.mark.hubspot_mock(seed_file="demo")
def test_seeded_labels_are_listed_renamed_and_deleted_like_created_ones(api: httpx.Client) -> None:
    assert own(api, "deals", "contacts") == [(101, "Decision maker"), (102, "Budget holder")]
    assert create(api, "deals", "contacts", label="Budget holder", name="x").status_code == 400
    created = create(api, "deals", "contacts", label="Signer", name="signer")
    assert [r["typeId"] for r in created.json()["results"]] == [105, 104]  # after the seed's 101-103
    assert api.delete(f"{LABELS.format('deals', 'contacts')}/101").status_code == 204
    assert api.get(f"{PREFIX}/deals/contacts").json()["results"][0]["typeId"] == 3


@pytest.mark.parametrize("path", ["/labels/abc", "/labels/99999999999"])
def test_a_malformed_type_id_in_the_path_is_a_400(api: httpx.Client, path: str) -> None:
    response = api.delete(f"/crm/associations/v4/deals/contacts{path}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["in"] == "associationTypeId"


@pytest.mark.hubspot_mock(fault_rate=1.0, faults=["applied_then_failed"])
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/labels", {"label": "Decision maker", "name": "decision_maker"}),
        ("PUT", "/labels", {"associationTypeId": 101, "label": "Buyer"}),
        ("DELETE", "/labels/101", None),
    ],
)
def test_applied_then_failed_applies_the_change_then_answers_502(
    api: httpx.Client, hubspot_mock: MockServer, method: str, path: str, body: Any
) -> None:
    if method != "POST":
        hubspot_mock.configure(fault_rate=0.0)
        create(api, "deals", "contacts", label="Decision maker", name="decision_maker")
        hubspot_mock.configure(fault_rate=1.0)
    response = api.request(method, f"/crm/associations/v4/deals/contacts{path}", json=body)
    assert response.status_code == 502
    assert "text/html" in response.headers["content-type"]
    labels_now = {(t["typeId"], t["label"]) for t in hubspot_mock.state()["labels"]}
    expected = {
        "POST": {(101, "Decision maker"), (102, "Decision maker")},
        "PUT": {(101, "Buyer"), (102, "Buyer")},
        "DELETE": set(),
    }[method]
    assert labels_now == expected


def test_the_control_api_state_shows_the_portals_labels(api: httpx.Client, hubspot_mock: MockServer) -> None:
    create(api, "deals", "contacts", label="Buyer", name="buyer", inverseLabel="Bought from")
    assert hubspot_mock.state()["labels"] == [
        {
            "fromObjectType": "0-1",
            "toObjectType": "0-3",
            "category": "USER_DEFINED",
            "typeId": 102,
            "label": "Bought from",
            "name": "buyer",
        },
        {
            "fromObjectType": "0-3",
            "toObjectType": "0-1",
            "category": "USER_DEFINED",
            "typeId": 101,
            "label": "Buyer",
            "name": "buyer",
        },
    ]


@pytest.mark.hubspot_mock(burst_limit=1)
def test_label_routes_are_rate_limited_like_the_others(api: httpx.Client) -> None:
    assert api.get(LABELS.format("deals", "contacts")).status_code == 200
    refused = create(api, "deals", "contacts", label="X", name="x")
    assert refused.status_code == 429
    assert refused.json()["policyName"] == "TEN_SECONDLY_ROLLING"


def _label_answers(api: httpx.Client) -> list[list[int]]:
    """The typeIds of three paired label creates and four lists of the pair, in the order answered."""
    answers = []
    for index in range(3):
        created = create(
            api, "contacts", "contacts", label=f"L{index}", name=f"l{index}", inverseLabel=f"I{index}"
        )
        answers.append([r["typeId"] for r in created.json()["results"]])
    for _ in range(4):
        answers.append(
            [r["typeId"] for r in api.get(LABELS.format("contacts", "contacts")).json()["results"]]
        )
    return answers


def test_label_answers_come_in_a_fixed_order_by_default(api: httpx.Client) -> None:
    assert (
        _label_answers(api)
        == [[102, 101], [104, 103], [106, 105]] + [[449, 101, 102, 103, 104, 105, 106]] * 4
    )


def test_a_shuffled_label_order_varies_and_is_reproducible(
    api: httpx.Client, hubspot_mock: MockServer
) -> None:
    fixed = _label_answers(api)
    runs = []
    for _ in range(2):
        hubspot_mock.reset()
        hubspot_mock.configure(shuffle_label_order=True, seed=7)
        runs.append(_label_answers(api))
    assert runs[0] == runs[1]  # the same seed and requests give the same orders
    assert runs[0] != fixed
    assert [sorted(answer) for answer in runs[0]] == [sorted(answer) for answer in fixed]
    hubspot_mock.reset()
    hubspot_mock.configure(shuffle_label_order=True, seed=8)  # another seed, another order
    assert _label_answers(api) != runs[0]
