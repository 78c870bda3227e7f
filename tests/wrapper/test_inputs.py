"""Input validation: bad inputs raise InvalidInputError naming index and field, before any request."""

from __future__ import annotations

import pytest
from hubspot_association_limits import AssociationTypeKey, LimitInput, ObjectType, errors
from hubspot_association_limits._inputs import coerce_keys, coerce_limit_inputs, object_type_id

GOOD = {"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": 5}


@pytest.mark.parametrize(
    ("item", "index", "field", "fragment"),
    [
        ({"category": "HUBSPOT_DEFINED", "typeId": 3}, 1, "maxToObjectIds", "missing"),
        ({"typeId": 3, "maxToObjectIds": 5}, 1, "category", "missing"),
        ({"category": "HUBSPOT_DEFINED", "maxToObjectIds": 5}, 1, "typeId", "missing"),
        ({**GOOD, "maxToObjectIds": 0}, 1, "maxToObjectIds", "between 1 and 10000"),
        ({**GOOD, "maxToObjectIds": -1}, 1, "maxToObjectIds", "between 1 and 10000"),
        ({**GOOD, "maxToObjectIds": 10_001}, 1, "maxToObjectIds", "between 1 and 10000"),
        ({**GOOD, "maxToObjectIds": True}, 1, "maxToObjectIds", "integer"),
        ({**GOOD, "maxToObjectIds": 5.0}, 1, "maxToObjectIds", "integer"),
        ({**GOOD, "maxToObjectIds": "5"}, 1, "maxToObjectIds", "integer"),
        ({**GOOD, "maxToObjectIds": None}, 1, "maxToObjectIds", "integer"),
        ({**GOOD, "typeId": False}, 1, "typeId", "integer"),
        ({**GOOD, "typeId": "3"}, 1, "typeId", "integer"),
        ({**GOOD, "typeId": -3}, 1, "typeId", "between"),
        ({**GOOD, "typeId": 2**31}, 1, "typeId", "between"),
        ({**GOOD, "category": ""}, 1, "category", "non-empty"),
        ({**GOOD, "category": 1}, 1, "category", "non-empty"),
        (
            {**GOOD, "max_to_object_ids": 5},
            1,
            None,
            "unknown field(s) 'max_to_object_ids' (the fields are category, typeId, maxToObjectIds)",
        ),
        (
            {"category": "HUBSPOT_DEFINED", "typeId": 3, "max": 4},
            1,
            None,
            "inputs[1]: unknown field(s) 'max' (the fields are category, typeId, maxToObjectIds); "
            "missing 'maxToObjectIds'",
        ),
        (
            {"type_id": 3, "maxToObjectIds": 5},
            1,
            None,
            "unknown field(s) 'type_id' (the fields are category, typeId, maxToObjectIds); "
            "missing 'category', 'typeId'",
        ),
        ("HUBSPOT_DEFINED", 1, None, "mapping"),
        (LimitInput("HUBSPOT_DEFINED", 4, 0), 1, "maxToObjectIds", "between"),
        ({**GOOD}, 1, "typeId", "repeats"),
    ],
)
def test_bad_limit_inputs(item: object, index: int, field: str | None, fragment: str):
    with pytest.raises(errors.InvalidInputError) as caught:
        coerce_limit_inputs([GOOD, item])
    assert caught.value.index == index
    assert caught.value.field == field
    assert fragment in str(caught.value)
    assert f"inputs[{index}]" in str(caught.value)


@pytest.mark.parametrize("value", [1, 10_000, 5])
def test_good_limits_in_range(value: int):
    assert coerce_limit_inputs([{**GOOD, "maxToObjectIds": value}]) == [
        LimitInput("HUBSPOT_DEFINED", 3, value)
    ]


def test_dicts_and_typed_inputs_mix_and_unknown_categories_pass():
    items = coerce_limit_inputs(
        [GOOD, LimitInput("WORK", 7, 2), {"category": "FUTURE_CATEGORY", "typeId": 8, "maxToObjectIds": 1}]
    )
    assert [item.category for item in items] == ["HUBSPOT_DEFINED", "WORK", "FUTURE_CATEGORY"]


@pytest.mark.parametrize("items", ["abc", {"category": "X"}, 5, None])
def test_inputs_must_be_a_list(items: object):
    with pytest.raises(errors.InvalidInputError, match="must be a list"):
        coerce_limit_inputs(items)


def test_keys_accept_keys_limit_inputs_and_dicts():
    keys = coerce_keys(
        [
            {"category": "HUBSPOT_DEFINED", "typeId": 3},
            AssociationTypeKey("USER_DEFINED", 100),
            LimitInput("WORK", 1, 9),
        ]
    )
    assert keys == [
        AssociationTypeKey("HUBSPOT_DEFINED", 3),
        AssociationTypeKey("USER_DEFINED", 100),
        AssociationTypeKey("WORK", 1),
    ]
    with pytest.raises(errors.InvalidInputError, match=r"inputs\[0\]\.typeId: is missing"):
        coerce_keys([{"category": "HUBSPOT_DEFINED"}])
    with pytest.raises(errors.InvalidInputError, match="unknown field"):
        coerce_keys([GOOD])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("contacts", "0-1"),
        ("contact", "0-1"),
        ("0-1", "0-1"),
        ("DEALS", "0-3"),
        ("line-items", "0-8"),
        ("leads", "0-136"),
        ("0-970", "0-970"),
        ("2-123", "2-123"),
        (ObjectType.TICKETS, "0-5"),
        # Unknown to the catalogue: passed on unchanged, for HubSpot to judge.
        ("widgets", "widgets"),
        ("0-999", "0-999"),
        ("p1234567_cars", "p1234567_cars"),
    ],
)
def test_object_types_by_name_or_id(value: str, expected: str):
    assert object_type_id(value, "from_object_type") == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "empty"),
        ("deals/0-1", "'/'"),
        ("0-3?x", "'?'"),
        ("0-3#x", "'#'"),
        ("0%2D3", "'%'"),
        ("deals contacts", "' '"),
        ("..", "path steps"),
        ("x\x01", "'\\x01'"),
        (3, "got int"),
        (None, "got NoneType"),
    ],
)
def test_path_changing_object_types_are_refused(value: object, fragment: str):
    with pytest.raises(errors.InvalidInputError) as caught:
        object_type_id(value, "to_object_type")
    assert caught.value.field == "to_object_type"
    assert fragment in str(caught.value)
