"""diff(desired, live) as a table: each row is a desired file, the portal's limits, and the plan expected."""

from __future__ import annotations

import pytest
from hubspot_association_limits._types import Limit
from hubspot_association_limits.cli._desired import parse_desired_state
from hubspot_association_limits.cli._plan import Action, Plan, diff

DEALS_CONTACTS = ("0-3", "0-1")
DEALS_COMPANIES = ("0-3", "0-2")
CONTACTS_COMPANIES = ("0-1", "0-2")

ONE_PAIR = """
limits:
  - from: deals
    to: contacts
    associations:
      - {category: HUBSPOT_DEFINED, typeId: 3, max: 5}
      - {category: USER_DEFINED, typeId: 101, label: Decision maker, max: 2}
"""
EMPTY_PAIR = """
limits:
  - {from: deal, to: contact, associations: []}
"""


def _rows(plan: Plan) -> list[tuple[str, str, str, int, int | None, int | None]]:
    """The plan flattened to (pair, action, category, typeId, old, new) rows, pair as 'from>to'."""
    return [
        (
            f"{p.from_object_type}>{p.to_object_type}",
            str(i.action),
            i.category,
            i.type_id,
            i.old_max,
            i.new_max,
        )
        for p in plan.pairs
        for i in p.items
    ]


CASES = [
    pytest.param(
        ONE_PAIR,
        {},
        False,
        [
            ("0-3>0-1", "create", "HUBSPOT_DEFINED", 3, None, 5),
            ("0-3>0-1", "create", "USER_DEFINED", 101, None, 2),
        ],
        id="empty portal: everything is created",
    ),
    pytest.param(
        ONE_PAIR,
        {
            DEALS_CONTACTS: [
                Limit("HUBSPOT_DEFINED", 3, None, 10),
                Limit("USER_DEFINED", 101, "Decision maker", 2),
            ]
        },
        False,
        [
            ("0-3>0-1", "update", "HUBSPOT_DEFINED", 3, 10, 5),
            ("0-3>0-1", "unchanged", "USER_DEFINED", 101, 2, 2),
        ],
        id="different value is updated, equal value unchanged",
    ),
    pytest.param(
        ONE_PAIR,
        {DEALS_CONTACTS: [Limit("HUBSPOT_DEFINED", 3, None, None)]},
        False,
        [
            ("0-3>0-1", "create", "HUBSPOT_DEFINED", 3, None, 5),
            ("0-3>0-1", "create", "USER_DEFINED", 101, None, 2),
        ],
        id="a live type without a value counts as absent",
    ),
    pytest.param(
        ONE_PAIR,
        {
            DEALS_CONTACTS: [
                Limit("HUBSPOT_DEFINED", 3, None, 5),
                Limit("USER_DEFINED", 101, None, 2),
                Limit("USER_DEFINED", 102, "Budget holder", None),
            ],
            DEALS_COMPANIES: [Limit("HUBSPOT_DEFINED", 5, "Primary", None)],
        },
        True,
        [
            ("0-3>0-1", "unchanged", "HUBSPOT_DEFINED", 3, 5, 5),
            ("0-3>0-1", "unchanged", "USER_DEFINED", 101, 2, 2),
        ],
        id="a live type without a value is not purged, in a named pair or another",
    ),
    pytest.param(
        ONE_PAIR,
        {
            DEALS_CONTACTS: [
                Limit("HUBSPOT_DEFINED", 3, None, 5),
                Limit("USER_DEFINED", 101, None, 2),
                Limit("USER_DEFINED", 102, "Budget holder", 1),
            ]
        },
        False,
        [
            ("0-3>0-1", "unchanged", "HUBSPOT_DEFINED", 3, 5, 5),
            ("0-3>0-1", "unchanged", "USER_DEFINED", 101, 2, 2),
        ],
        id="without prune an extra live limit is kept",
    ),
    pytest.param(
        ONE_PAIR,
        {
            DEALS_CONTACTS: [
                Limit("HUBSPOT_DEFINED", 3, None, 5),
                Limit("USER_DEFINED", 101, None, 2),
                Limit("USER_DEFINED", 102, "Budget holder", 1),
            ],
            DEALS_COMPANIES: [Limit("HUBSPOT_DEFINED", 5, "Primary", 1)],
        },
        True,
        [
            ("0-3>0-1", "unchanged", "HUBSPOT_DEFINED", 3, 5, 5),
            ("0-3>0-1", "unchanged", "USER_DEFINED", 101, 2, 2),
            ("0-3>0-1", "purge", "USER_DEFINED", 102, 1, None),
            ("0-3>0-2", "purge", "HUBSPOT_DEFINED", 5, 1, None),
        ],
        id="prune purges extra limits, in named pairs and in others",
    ),
    pytest.param(
        EMPTY_PAIR,
        {DEALS_CONTACTS: [Limit("HUBSPOT_DEFINED", 3, None, 5)]},
        True,
        [("0-3>0-1", "purge", "HUBSPOT_DEFINED", 3, 5, None)],
        id="a pair with no associations, pruned, loses its limits",
    ),
    pytest.param(
        EMPTY_PAIR,
        {DEALS_CONTACTS: [Limit("HUBSPOT_DEFINED", 3, None, 5)]},
        False,
        [],
        id="a pair with no associations, not pruned, is left alone",
    ),
    pytest.param(
        ONE_PAIR,
        {CONTACTS_COMPANIES: [Limit("HUBSPOT_DEFINED", 279, None, 4)]},
        False,
        [
            ("0-3>0-1", "create", "HUBSPOT_DEFINED", 3, None, 5),
            ("0-3>0-1", "create", "USER_DEFINED", 101, None, 2),
        ],
        id="another pair without prune is not planned",
    ),
    pytest.param(
        ONE_PAIR,
        {DEALS_CONTACTS: [Limit("INTEGRATOR_DEFINED", 3, None, 5)]},
        False,
        [
            ("0-3>0-1", "create", "HUBSPOT_DEFINED", 3, None, 5),
            ("0-3>0-1", "create", "USER_DEFINED", 101, None, 2),
        ],
        id="the same typeId in another category is another association type",
    ),
]


@pytest.mark.parametrize(("text", "live", "prune", "expected"), CASES)
def test_diff(
    text: str, live: dict[tuple[str, str], list[Limit]], prune: bool, expected: list[tuple]
) -> None:
    plan = diff(parse_desired_state(text, source="t.yaml"), live, prune=prune)
    assert _rows(plan) == expected


@pytest.mark.parametrize(
    ("live", "prune", "summary", "unmanaged", "has_changes"),
    [
        ({}, False, {"create": 2, "update": 0, "purge": 0, "unchanged": 0}, 0, True),
        (
            {DEALS_CONTACTS: [Limit("HUBSPOT_DEFINED", 3, None, 5), Limit("USER_DEFINED", 101, None, 2)]},
            False,
            {"create": 0, "update": 0, "purge": 0, "unchanged": 2},
            0,
            False,
        ),
        (
            {
                DEALS_CONTACTS: [
                    Limit("HUBSPOT_DEFINED", 3, None, 5),
                    Limit("USER_DEFINED", 101, None, 2),
                    Limit("USER_DEFINED", 102, "Budget holder", None),
                ],
                DEALS_COMPANIES: [Limit("HUBSPOT_DEFINED", 5, None, None)],
            },
            False,
            {"create": 0, "update": 0, "purge": 0, "unchanged": 2},
            0,
            False,
        ),
        (
            {
                DEALS_CONTACTS: [Limit("HUBSPOT_DEFINED", 3, None, 5), Limit("USER_DEFINED", 101, None, 2)],
                DEALS_COMPANIES: [
                    Limit("HUBSPOT_DEFINED", 5, None, 1),
                    Limit("HUBSPOT_DEFINED", 341, None, 9),
                ],
            },
            False,
            {"create": 0, "update": 0, "purge": 0, "unchanged": 2},
            2,
            False,
        ),
        (
            {DEALS_COMPANIES: [Limit("HUBSPOT_DEFINED", 5, None, 1)]},
            True,
            {"create": 2, "update": 0, "purge": 1, "unchanged": 0},
            0,
            True,
        ),
    ],
)
def test_summary(
    live: dict[tuple[str, str], list[Limit]],
    prune: bool,
    summary: dict[str, int],
    unmanaged: int,
    has_changes: bool,
) -> None:
    plan = diff(parse_desired_state(ONE_PAIR, source="t.yaml"), live, prune=prune)
    assert plan.summary == summary
    assert plan.unmanaged == unmanaged
    assert plan.has_changes is has_changes
    assert plan.matches is (not has_changes and not unmanaged)
    assert plan.as_dict()["summary"] == summary


@pytest.mark.parametrize(
    ("live_label", "warned"),
    [("Decision maker", False), ("Budget holder", True), (None, False)],
)
def test_label_mismatch_is_a_warning_not_an_action(live_label: str | None, warned: bool) -> None:
    live = {DEALS_CONTACTS: [Limit("USER_DEFINED", 101, live_label, 2)]}
    plan = diff(parse_desired_state(ONE_PAIR, source="t.yaml"), live)
    assert bool(plan.warnings) is warned
    assert plan.pairs[0].of(Action.UNCHANGED)[0].type_id == 101


def test_plan_as_dict_names_object_types() -> None:
    plan = diff(parse_desired_state(ONE_PAIR, source="t.yaml"), {})
    first = plan.as_dict()["pairs"][0]
    assert (first["from"], first["to"]) == ("deals", "contacts")
    assert first["items"][0] == {
        "action": "create",
        "category": "HUBSPOT_DEFINED",
        "typeId": 3,
        "label": None,
        "old": None,
        "new": 5,
    }
