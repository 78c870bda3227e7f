"""Request-body validation: the compiled fast check must agree with jsonschema on every body."""

from __future__ import annotations

import pytest
from hubspot_association_limits.mock._validation import _fast_check, _validator, validate_body
from hypothesis import given, settings
from hypothesis import strategies as st

CATEGORIES = ["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED", "WORK"]
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**32), 2**32)
    | st.floats(allow_nan=False)
    | st.sampled_from([*CATEGORIES, "", "hubspot_defined", "3"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["inputs", "category", "typeId", "maxToObjectIds", "extra"]), children, max_size=4
        )
    ),
    max_leaves=12,
)
items = st.fixed_dictionaries(
    {},
    optional={
        "category": st.sampled_from(CATEGORIES) | scalars,
        "typeId": st.integers(-(2**31) - 2, 2**31 + 1) | scalars,
        "maxToObjectIds": st.integers(-(2**31) - 2, 2**31 + 1) | scalars,
        "extra": json_values,
    },
)
bodies = (
    st.fixed_dictionaries({}, optional={"inputs": st.lists(items, max_size=3) | json_values}) | json_values
)


@pytest.mark.parametrize("schema_name", ["LimitBatchInput", "KeyBatchInput"])
@settings(max_examples=300, deadline=None)
@given(body=bodies)
def test_fast_check_agrees_with_jsonschema(schema_name: str, body: object) -> None:
    assert _fast_check(schema_name)(body) == _validator(schema_name).is_valid(body)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"inputs": [{"category": "WORK", "typeId": 1, "maxToObjectIds": 1}]}, []),
        (
            {"inputs": [{"category": "WORK", "typeId": 1, "maxToObjectIds": 1, "note": "extra fields pass"}]},
            [],
        ),
        ({"inputs": [{}]}, ["inputs[0].category", "inputs[0].maxToObjectIds", "inputs[0].typeId"]),
        ({"inputs": [{"category": "WORK", "typeId": False, "maxToObjectIds": 1}]}, ["inputs[0].typeId"]),
        (
            {"inputs": [{"category": "WORK", "typeId": 1, "maxToObjectIds": 2**31}]},
            ["inputs[0].maxToObjectIds"],
        ),
        (
            {"inputs": [{"category": "WORK", "typeId": -(2**31) - 1, "maxToObjectIds": 1}]},
            ["inputs[0].typeId"],
        ),
        ({"inputs": "all"}, ["inputs"]),
        ({}, ["inputs"]),
        (None, ["body"]),
    ],
)
def test_errors_name_the_field(body: object, fields: list[str]) -> None:
    assert [error.field for error in validate_body(body, "LimitBatchInput")] == fields
