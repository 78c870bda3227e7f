"""An association type is (category, typeId): a portal's USER_DEFINED 1 and HubSpot's HUBSPOT_DEFINED 1
live side by side, in limits, labels, reads, state and seeds, and an operation on one never touches
the other. The seed numbers labels from 1 on contacts -> companies, where HubSpot's Primary is 1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from hubspot_association_limits.mock import MockServer

from ._helpers import PREFIX, item

SEED = str(Path(__file__).with_name("colliding_ids_seed.yaml"))
LABELS = "/crm/associations/v4/{}/{}/labels"
HS, UD = "HUBSPOT_DEFINED", "USER_DEFINED"
OTHER = {HS: UD, UD: HS}
LABEL_OF_1 = {HS: "Primary", UD: "Billing contact"}

pytestmark = pytest.mark.hubspot_mock(seed_file=SEED)


def limits(api: httpx.Client, pair: str = "contacts/companies") -> dict[tuple[str, int], tuple[Any, int]]:
    response = api.get(f"{PREFIX}/{pair}")
    assert response.status_code == 200, response.text
    return {
        (r["category"], r["typeId"]): (r["label"], r["userEnforcedMaxToObjectIds"])
        for r in response.json()["results"]
    }


def labels(api: httpx.Client, from_type: str, to_type: str) -> list[tuple[str, int, str | None]]:
    response = api.get(LABELS.format(from_type, to_type))
    assert response.status_code == 200, response.text
    return sorted((r["category"], r["typeId"], r["label"]) for r in response.json()["results"])


def test_the_seed_holds_both_types_of_one_id(api: httpx.Client, hubspot_mock: MockServer) -> None:
    assert limits(api) == {(HS, 1): ("Primary", 1), (HS, 279): (None, 10), (UD, 1): ("Billing contact", 3)}
    assert labels(api, "contacts", "companies") == [
        (HS, 1, "Primary"),
        (HS, 279, None),
        (UD, 1, "Billing contact"),
    ]
    assert labels(api, "companies", "contacts") == [
        (HS, 2, "Primary"),
        (HS, 280, None),
        (UD, 2, "Billed company"),
    ]
    assert [(t["category"], t["typeId"]) for t in hubspot_mock.state()["labels"]] == [
        (UD, 1),  # contacts -> companies
        (UD, 2),  # companies -> contacts
        (HS, 9001),  # the seeded custom-object type
    ]


@pytest.mark.parametrize("category", [HS, UD])
def test_update_changes_only_its_own_category(api: httpx.Client, category: str) -> None:
    response = api.post(f"{PREFIX}/contacts/companies/batch/update", json={"inputs": [item(category, 1, 2)]})
    assert response.status_code == 200, response.text
    assert response.json()["results"] == [
        {"category": category, "typeId": 1, "userEnforcedMaxToObjectIds": 2}
    ]
    after = limits(api)
    assert after[(category, 1)] == (LABEL_OF_1[category], 2)
    assert after[(OTHER[category], 1)] == (LABEL_OF_1[OTHER[category]], {HS: 1, UD: 3}[OTHER[category]])


@pytest.mark.parametrize("category", [HS, UD])
def test_purge_removes_only_its_own_category(api: httpx.Client, category: str) -> None:
    response = api.post(
        f"{PREFIX}/contacts/companies/batch/purge", json={"inputs": [{"category": category, "typeId": 1}]}
    )
    assert response.status_code == 204
    after = limits(api)
    assert (category, 1) not in after
    assert (OTHER[category], 1) in after


def test_create_sets_both_types_of_one_id_in_one_batch(api: httpx.Client) -> None:
    response = api.post(
        f"{PREFIX}/companies/contacts/batch/create", json={"inputs": [item(HS, 2, 1), item(UD, 2, 1)]}
    )
    assert response.status_code == 201, response.text
    assert [(r["category"], r["typeId"], r["label"]) for r in response.json()["results"]] == [
        (HS, 2, "Primary"),
        (UD, 2, "Billed company"),
    ]
    assert limits(api, "companies/contacts") == {(HS, 2): ("Primary", 1), (UD, 2): ("Billed company", 1)}


def test_renaming_the_label_leaves_hubspots_type_of_the_same_id(api: httpx.Client) -> None:
    renamed = api.put(LABELS.format("contacts", "companies"), json={"associationTypeId": 1, "label": "Payer"})
    assert renamed.status_code == 204, renamed.text
    assert (HS, 1, "Primary") in labels(api, "contacts", "companies")
    assert (UD, 1, "Payer") in labels(api, "contacts", "companies")
    assert limits(api)[(HS, 1)] == ("Primary", 1)
    assert limits(api)[(UD, 1)] == ("Payer", 3)


def test_deleting_the_label_leaves_hubspots_type_of_the_same_id(api: httpx.Client) -> None:
    deleted = api.delete(f"{LABELS.format('contacts', 'companies')}/1")
    assert deleted.status_code == 204, deleted.text
    assert labels(api, "contacts", "companies") == [(HS, 1, "Primary"), (HS, 279, None)]
    assert labels(api, "companies", "contacts") == [(HS, 2, "Primary"), (HS, 280, None)]
    assert limits(api) == {(HS, 1): ("Primary", 1), (HS, 279): (None, 10)}
    # Now only HubSpot's type 1 is left: it is no label, so it cannot be deleted or renamed.
    assert api.delete(f"{LABELS.format('contacts', 'companies')}/1").status_code == 400


def test_labels_are_numbered_by_their_own_category(api: httpx.Client) -> None:
    # After the seed's USER_DEFINED 1 and 2; neither HubSpot's types nor the seeded HUBSPOT_DEFINED
    # 9001 move the numbering.
    created = api.post(LABELS.format("deals", "contacts"), json={"label": "Signer", "name": "signer"})
    assert created.status_code == 200, created.text
    assert sorted(r["typeId"] for r in created.json()["results"]) == [3, 4]


@pytest.mark.parametrize("category", [HS, UD])
def test_a_label_limit_is_capped_by_the_unlabeled_type_not_by_its_namesake(
    api: httpx.Client, category: str
) -> None:
    # Both typeId 1s are labels ("Primary" and "Billing contact"): HUBSPOT_DEFINED 279 caps them.
    response = api.post(f"{PREFIX}/contacts/companies/batch/update", json={"inputs": [item(category, 1, 11)]})
    assert response.status_code == 207
    assert response.json()["errors"][0]["message"] == (
        "maxToObjectIds must be between 1 and 10: a label's limit may not exceed the pair's limit of 10 "
        "(HUBSPOT_DEFINED 279, unlabeled)"
    )


@pytest.mark.parametrize(
    ("operation", "body", "status"),
    [
        ("create", {"inputs": [item(UD, 279, 5)]}, 207),
        ("update", {"inputs": [item(UD, 279, 5)]}, 207),
        ("purge", {"inputs": [{"category": UD, "typeId": 279}]}, 400),
    ],
)
def test_a_typeid_only_hubspot_has_is_invalid_as_user_defined(
    api: httpx.Client, operation: str, body: dict[str, Any], status: int
) -> None:
    response = api.post(f"{PREFIX}/contacts/companies/batch/{operation}", json=body)
    assert response.status_code == status
    error = response.json()["errors"][0] if status == 207 else response.json()
    assert error["message"] == "0-279 is not a valid association type between CONTACT and COMPANY"
    assert limits(api)[(HS, 279)] == (None, 10)
