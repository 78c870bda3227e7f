"""The mock knows HubSpot's whole catalogue: every standard object type by id and by name, every
HubSpot-defined association type (on its own pair), and the custom objects a seed file declares."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from hubspot_association_limits._catalogue import (
    AssociationTypeInfo,
    ObjectTypeInfo,
    hubspot_defined_types,
    object_type_info,
    object_types,
)

from ._helpers import PREFIX, hs, ud

CUSTOM_SEED = str(Path(__file__).with_name("custom_objects_seed.yaml"))


def _first_type_touching(object_type: ObjectTypeInfo) -> AssociationTypeInfo | None:
    for other in object_types():
        found = hubspot_defined_types(object_type.id, other.id) or hubspot_defined_types(
            other.id, object_type.id
        )
        if found:
            return found[0]
    return None


# One HubSpot-defined type per standard object type that has one (goals, products... have none).
FIRST_TYPES = {
    info.name: found for info in object_types() if (found := _first_type_touching(info)) is not None
}


def test_most_standard_object_types_have_a_type() -> None:
    assert len(FIRST_TYPES) >= 27  # guards the parametrization below against an empty table


def _limits(response: httpx.Response) -> list[tuple[int, str | None, int]]:
    assert response.status_code == 200, response.text
    return [(r["typeId"], r["label"], r["userEnforcedMaxToObjectIds"]) for r in response.json()["results"]]


@pytest.mark.parametrize("association_type", FIRST_TYPES.values(), ids=FIRST_TYPES.keys())
def test_create_read_update_purge_on_every_standard_object_type(
    api: httpx.Client, association_type: AssociationTypeInfo
) -> None:
    """The pair is written by plural name, read by id and by singular name: all the same pair."""
    from_info = object_type_info(association_type.from_object_type)
    to_info = object_type_info(association_type.to_object_type)
    assert from_info is not None and to_info is not None
    by_name = f"{PREFIX}/{from_info.name}/{to_info.name}"
    by_id = f"{PREFIX}/{from_info.id}/{to_info.id}"
    by_singular = f"{PREFIX}/{from_info.singular}/{to_info.singular.upper()}"
    type_id, label = association_type.type_id, association_type.label

    created = api.post(f"{by_name}/batch/create", json={"inputs": [hs(type_id, 3)]})
    assert created.status_code == 201, created.text
    assert _limits(api.get(by_id)) == [(type_id, label, 3)]
    updated = api.post(f"{by_id}/batch/update", json={"inputs": [hs(type_id, 7)]})
    assert updated.status_code == 200, updated.text
    assert _limits(api.get(by_singular)) == [(type_id, label, 7)]
    purged = api.post(
        f"{by_singular}/batch/purge", json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": type_id}]}
    )
    assert purged.status_code == 204
    assert _limits(api.get(by_name)) == []


@pytest.mark.parametrize(
    ("pair", "type_id"),
    [(("tickets", "companies"), 339), (("companies", "companies"), 13), (("leads", "contacts"), 608)],
)
def test_hubspot_defined_types_beyond_the_old_thirteen(
    api: httpx.Client, pair: tuple[str, str], type_id: int
) -> None:
    response = api.post(f"{PREFIX}/{pair[0]}/{pair[1]}/batch/create", json={"inputs": [hs(type_id, 5)]})
    assert response.status_code == 201, response.text
    assert response.json()["results"] == [
        {"category": "HUBSPOT_DEFINED", "typeId": type_id, "label": None, "userEnforcedMaxToObjectIds": 5}
    ]


def _invalid_type(response: httpx.Response) -> str:
    """The message of the one item error, which must be HubSpot's invalid-association-type error."""
    assert response.status_code == 207, response.text
    (error,) = response.json()["errors"]
    assert error["subCategory"] == "crm.associations.INVALID_ASSOCIATION_TYPE"
    return str(error["message"])


def test_a_hubspot_defined_type_is_valid_for_its_own_pair_only(api: httpx.Client) -> None:
    response = api.post(f"{PREFIX}/companies/tickets/batch/create", json={"inputs": [hs(339, 5)]})
    assert _invalid_type(response) == "0-339 is not a valid association type between COMPANY and TICKET"


UNKNOWN = ["widgets", "0-999", "p1234567_cars", "2-0", "leadz"]


@pytest.mark.parametrize("unknown", UNKNOWN)
@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("POST", "/batch/create", {"inputs": [hs(3, 1)]}),
        ("POST", "/batch/update", {"inputs": [hs(3, 1)]}),
        ("POST", "/batch/purge", {"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 3}]}),
    ],
)
@pytest.mark.parametrize("position", ["fromObjectType", "toObjectType"])
def test_an_unknown_object_type_is_a_400_with_hubspots_message(
    api: httpx.Client, unknown: str, method: str, suffix: str, body: object, position: str
) -> None:
    pair = (unknown, "contacts") if position == "fromObjectType" else ("deals", unknown)
    response = api.request(method, f"{PREFIX}/{pair[0]}/{pair[1]}{suffix}", json=body)
    assert response.status_code == 400
    message = f"Unable to infer object type from: {unknown}"
    assert response.json() == {
        "status": "error",
        "message": message,
        "correlationId": response.headers["X-HubSpot-Correlation-Id"],
        "category": "VALIDATION_ERROR",
        "errors": [{"message": message, "in": position}],
    }


@pytest.mark.hubspot_mock(seed_file=CUSTOM_SEED)
def test_seeded_custom_objects_by_id_and_by_fully_qualified_name(api: httpx.Client) -> None:
    # The seed's limit (written as P1234567_CARS -> 0-1) reads back under every spelling of the pair.
    seeded = [(200, None, 4)]
    for pair in ("p1234567_cars/contacts", "2-123/0-1", "P1234567_Cars/contact", "p_cars/contacts"):
        assert _limits(api.get(f"{PREFIX}/{pair}")) == seeded
    created = api.post(f"{PREFIX}/p1234567_cars/contacts/batch/create", json={"inputs": [ud(201, 5)]})
    assert created.status_code == 207  # the label limit may not exceed the seeded object limit 4
    assert created.json()["errors"][0]["message"] == (
        "maxToObjectIds must be between 1 and 4: a label's limit may not exceed the pair's limit of 4 "
        "(USER_DEFINED 200, unlabeled)"
    )
    created = api.post(f"{PREFIX}/2-123/contacts/batch/create", json={"inputs": [ud(201, 2)]})
    assert created.status_code == 201, created.text
    assert _limits(api.get(f"{PREFIX}/p1234567_cars/0-1")) == [(200, None, 4), (201, "Owner", 2)]
    updated = api.post(f"{PREFIX}/p1234567_cars/contacts/batch/update", json={"inputs": [ud(200, 1)]})
    assert updated.status_code == 207  # the object limit may not fall below the label limit 2
    purged = api.post(
        f"{PREFIX}/p1234567_cars/contacts/batch/purge",
        json={"inputs": [{"category": "USER_DEFINED", "typeId": 201}]},
    )
    assert purged.status_code == 204
    assert _limits(api.get(f"{PREFIX}/2-123/contacts")) == seeded
    # A declared custom object without types, and one only known by id: no types, so item errors.
    # A custom object is named by its id in HubSpot's message (no recording shows one).
    for pair, custom in (
        ("p1234567_boats/contacts", "2-7"),
        ("2-7/contacts", "2-7"),
        ("2-999/contact", "2-999"),
    ):
        response = api.post(f"{PREFIX}/{pair}/batch/create", json={"inputs": [ud(200, 1)]})
        assert (
            _invalid_type(response) == f"0-200 is not a valid association type between {custom} and CONTACT"
        )
    # The reverse pair has none of cars -> contacts' types.
    response = api.post(f"{PREFIX}/contacts/p1234567_cars/batch/create", json={"inputs": [ud(200, 1)]})
    assert _invalid_type(response) == "0-200 is not a valid association type between CONTACT and 2-123"


@pytest.mark.hubspot_mock(seed_file=CUSTOM_SEED)
@pytest.mark.parametrize(
    "name",
    [
        "p1234567_trucks",  # not declared
        "p_trucks",
        "cars",  # a declared custom object's base name: refused by HubSpot since 2025-06-24
        "p7654321_cars",  # another portal's fully qualified name
    ],
)
def test_a_name_hubspot_cannot_infer_is_refused(api: httpx.Client, name: str) -> None:
    for path in (f"{PREFIX}/{name}/contacts", f"/crm/v4/associations/{name}/contacts/labels"):
        response = api.get(path)
        assert response.status_code == 400
        assert response.json()["message"] == f"Unable to infer object type from: {name}"
