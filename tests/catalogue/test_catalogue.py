"""The catalogue against HubSpot's published tables.

``association-types.csv`` beside this file is HubSpot's list of HubSpot-defined association types
(from, to, typeId, label), taken from the constants of HubSpot's Ruby SDK
(HubSpot/hubspot-api-ruby, ``lib/hubspot/helpers/association_type.rb``), which mirror the
"Association type ID values" tables of the Associations v4 guide.
"""

from __future__ import annotations

import csv
from pathlib import Path

import hubspot_association_limits as hal
import pytest
from hubspot_association_limits import (
    AssociationTypeId,
    AssociationTypeInfo,
    ObjectType,
    hubspot_defined_type,
    hubspot_defined_types,
    object_type_info,
    object_types,
)
from hubspot_association_limits._catalogue import normalise_object_type, object_type_name

_ROWS = list(csv.DictReader((Path(__file__).parent / "association-types.csv").open(encoding="utf-8")))

# "Object type IDs" in HubSpot's object API guide.
_STANDARD = {
    "appointments": "0-421", "calls": "0-48", "carts": "0-142", "communications": "0-18",
    "companies": "0-2", "contacts": "0-1", "courses": "0-410", "deals": "0-3", "discounts": "0-84",
    "emails": "0-49", "feedback_submissions": "0-19", "fees": "0-85", "goals": "0-74",
    "invoices": "0-53", "leads": "0-136", "line_items": "0-8", "listings": "0-420",
    "marketing_events": "0-54", "meetings": "0-47", "notes": "0-46", "orders": "0-123",
    "payments": "0-101", "postal_mail": "0-116", "products": "0-7", "projects": "0-970",
    "quotes": "0-14", "services": "0-162", "subscriptions": "0-69", "tasks": "0-27", "taxes": "0-86",
    "tickets": "0-5", "users": "0-115",
}  # fmt: skip


def test_the_reference_table_is_the_one_hubspot_publishes() -> None:
    assert len(_ROWS) == 286


def test_every_standard_object_type_is_known_by_id_and_both_names() -> None:
    assert {info.name: info.id for info in object_types()} == _STANDARD
    for info in object_types():
        assert getattr(ObjectType, info.name.upper()) == info.id
        for spelling in (info.id, info.name, info.singular, info.name.upper(), info.name.replace("_", "-")):
            assert object_type_info(spelling) == info, spelling
        assert object_type_name(info.id) == info.name


def test_object_type_constants_are_exactly_the_catalogue() -> None:
    constants = {name: value for name, value in vars(ObjectType).items() if name.isupper()}
    assert sorted(constants.values()) == sorted(_STANDARD.values())


@pytest.mark.parametrize("row", _ROWS, ids=lambda row: row["type_id"])
def test_every_reference_row_is_in_the_catalogue(row: dict[str, str]) -> None:
    expected = AssociationTypeInfo(
        int(row["type_id"]), row["from_object_type"], row["to_object_type"], row["label"] or None
    )
    assert hubspot_defined_type(expected.type_id) == expected
    assert expected in hubspot_defined_types(expected.from_object_type, expected.to_object_type)


def test_the_catalogue_holds_nothing_the_reference_lacks() -> None:
    constants = {name: value for name, value in vars(AssociationTypeId).items() if name.isupper()}
    assert len(constants) == len(set(constants.values())) == len(_ROWS)
    assert set(constants.values()) == {int(row["type_id"]) for row in _ROWS}
    pairs = {(row["from_object_type"], row["to_object_type"]) for row in _ROWS}
    listed = [info for pair in pairs for info in hubspot_defined_types(*pair)]
    assert len(listed) == len({info.type_id for info in listed}) == len(_ROWS)


def _singular(object_id: str) -> str:
    info = object_type_info(object_id)
    assert info is not None
    return info.singular.upper()


@pytest.mark.parametrize("name", [n for n in vars(AssociationTypeId) if n.isupper()])
def test_constant_names_say_which_pair_they_belong_to(name: str) -> None:
    info = hubspot_defined_type(getattr(AssociationTypeId, name))
    assert info is not None
    if info.type_id in (13, 14):  # company -> company, parent/child: named as HubSpot's SDKs name them
        assert name == {13: "PARENT_TO_CHILD_COMPANY", 14: "CHILD_TO_PARENT_COMPANY"}[info.type_id]
        return
    prefix = "PRIMARY_" if info.label == "Primary" else ""
    assert name == f"{prefix}{_singular(info.from_object_type)}_TO_{_singular(info.to_object_type)}"


@pytest.mark.parametrize(
    ("name", "type_id", "pair"),
    [
        ("TICKET_TO_COMPANY", 339, ("0-5", "0-2")),
        ("PRIMARY_DEAL_TO_COMPANY", 5, ("0-3", "0-2")),
        ("DEAL_TO_COMPANY", 341, ("0-3", "0-2")),
        ("PRIMARY_CONTACT_TO_COMPANY", 1, ("0-1", "0-2")),
        ("LEAD_TO_CONTACT", 608, ("0-136", "0-1")),
        ("PARENT_TO_CHILD_COMPANY", 13, ("0-2", "0-2")),
    ],
)
def test_names_a_user_would_search_for(name: str, type_id: int, pair: tuple[str, str]) -> None:
    assert getattr(AssociationTypeId, name) == type_id
    info = hubspot_defined_type(type_id)
    assert info is not None
    assert (info.from_object_type, info.to_object_type) == pair


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("leads", "0-136"), ("lead", "0-136"), ("0-136", "0-136"), ("Line-Items", "0-8"),
        ("2-123", "2-123"), ("0-999999", None), ("p1234567_cars", None), ("", None), ("0-01", None),
    ],
)  # fmt: skip
def test_normalise_object_type(value: str, expected: str | None) -> None:
    assert normalise_object_type(value) == expected


def test_lookups_of_what_hubspot_does_not_define() -> None:
    assert hubspot_defined_type(100_000) is None
    assert hubspot_defined_types("0-7", "0-1") == ()
    assert object_type_info("widgets") is None


def test_the_catalogue_is_public() -> None:
    for name in ("AssociationTypeId", "ObjectType", "hubspot_defined_type", "object_types"):
        assert name in hal.__all__
