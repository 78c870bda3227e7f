"""Export's mapping from the portal's limits and labels to a desired-state file (pure)."""

from __future__ import annotations

import pytest
from hubspot_association_limits import AssociationLabel, Limit
from hubspot_association_limits.cli._desired import Format, parse_desired_state
from hubspot_association_limits.cli._export import (
    desired_limit,
    exported_file,
    label_declarations,
    limits_to_export,
)

CONTACTS_COMPANIES = ("0-1", "0-2")
COMPANIES_CONTACTS = ("0-2", "0-1")
CONTACTS_DEALS = ("0-1", "0-3")
LABELS = [
    AssociationLabel("HUBSPOT_DEFINED", 1, "Primary"),
    AssociationLabel("USER_DEFINED", 1, "Billing contact"),
    AssociationLabel("USER_DEFINED", 3, "Twice"),
    AssociationLabel("USER_DEFINED", 5, "Twice"),
]


def test_only_limits_that_are_set_are_exported_and_pairs_without_any_are_left_out() -> None:
    live = {
        CONTACTS_COMPANIES: [
            Limit("HUBSPOT_DEFINED", 1, "Primary", 1),
            Limit("HUBSPOT_DEFINED", 279, None, None),
        ],
        CONTACTS_DEALS: [Limit("HUBSPOT_DEFINED", 4, None, None)],
    }
    assert limits_to_export(live) == {CONTACTS_COMPANIES: [Limit("HUBSPOT_DEFINED", 1, "Primary", 1)]}


@pytest.mark.parametrize(
    ("limit", "by_label", "expected"),
    [
        pytest.param(
            Limit("USER_DEFINED", 1, "Billing contact", 2),
            True,
            ("USER_DEFINED", None, "Billing contact", 2),
            id="the portal's own label by its label",
        ),
        pytest.param(
            Limit("USER_DEFINED", 1, "Billing contact", 2),
            False,
            ("USER_DEFINED", 1, "Billing contact", 2),
            id="--type-ids: by its typeId too",
        ),
        pytest.param(
            Limit("USER_DEFINED", 1, None, 2),
            True,
            ("USER_DEFINED", None, "Billing contact", 2),
            id="a limit without its label takes it from the pair's labels",
        ),
        pytest.param(
            Limit("USER_DEFINED", 3, "Twice", 4),
            True,
            ("USER_DEFINED", 3, "Twice", 4),
            id="a label two types share keeps the typeId",
        ),
        pytest.param(
            Limit("USER_DEFINED", 9, "Not listed", 4),
            True,
            ("USER_DEFINED", 9, "Not listed", 4),
            id="a type the pair's labels do not list keeps the typeId",
        ),
        pytest.param(
            Limit("HUBSPOT_DEFINED", 1, "Primary", 1),
            True,
            ("HUBSPOT_DEFINED", 1, "Primary", 1),
            id="HubSpot's own type keeps its typeId",
        ),
    ],
)
def test_a_live_limit_becomes_a_desired_limit(
    limit: Limit, by_label: bool, expected: tuple[str, int | None, str | None, int]
) -> None:
    exported = desired_limit(CONTACTS_COMPANIES, limit, LABELS, by_label=by_label)
    assert exported.pair == CONTACTS_COMPANIES
    assert (exported.category, exported.type_id, exported.label, exported.max_to_object_ids) == expected


@pytest.mark.parametrize(
    ("exported", "labels", "expected"),
    [
        pytest.param(
            [CONTACTS_COMPANIES],
            {CONTACTS_COMPANIES: LABELS},
            {CONTACTS_COMPANIES: ["Billing contact", "Twice"]},
            id="the pair's own labels, once each",
        ),
        pytest.param(
            [COMPANIES_CONTACTS, CONTACTS_COMPANIES],
            {
                CONTACTS_COMPANIES: [AssociationLabel("USER_DEFINED", 1, "Manager")],
                COMPANIES_CONTACTS: [
                    AssociationLabel("USER_DEFINED", 2, "Manager"),
                    AssociationLabel("USER_DEFINED", 4, "Employer"),
                ],
            },
            {CONTACTS_COMPANIES: ["Manager"], COMPANIES_CONTACTS: ["Employer"]},
            id="a label the reverse pair declares first is not declared again",
        ),
        pytest.param(
            [("0-1", "0-1")],
            {("0-1", "0-1"): [AssociationLabel("USER_DEFINED", 1, "Partner")]},
            {("0-1", "0-1"): ["Partner"]},
            id="a pair that is its own reverse declares its labels",
        ),
        pytest.param(
            [CONTACTS_COMPANIES],
            {CONTACTS_COMPANIES: [AssociationLabel("HUBSPOT_DEFINED", 1, "Primary")]},
            {},
            id="no labels: list where the pair has only HubSpot's",
        ),
        pytest.param(
            [CONTACTS_DEALS],
            {CONTACTS_COMPANIES: LABELS},
            {},
            id="only exported pairs declare labels",
        ),
    ],
)
def test_each_exported_pair_declares_its_own_labels(
    exported: list[tuple[str, str]],
    labels: dict[tuple[str, str], list[AssociationLabel]],
    expected: dict[tuple[str, str], list[str]],
) -> None:
    declared = label_declarations(dict.fromkeys(exported), labels)
    assert {pair: [item.label for item in items] for pair, items in declared.items()} == expected
    assert all(item.pair == pair for pair, items in declared.items() for item in items)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize(
    ("by_label", "billing_type_id"), [(True, None), (False, 1)], ids=["by label", "--type-ids"]
)
def test_the_exported_file_reads_back_as_the_portals_limits_and_labels(
    fmt: Format, by_label: bool, billing_type_id: int | None
) -> None:
    limits = {
        CONTACTS_COMPANIES: [Limit("HUBSPOT_DEFINED", 1, "Primary", 1), Limit("USER_DEFINED", 1, None, 2)]
    }
    text = exported_file(limits, {CONTACTS_COMPANIES: LABELS}, fmt, by_label=by_label)
    state = parse_desired_state(text, source=f"exported.{fmt}", fmt=fmt)
    assert state.pairs == (CONTACTS_COMPANIES,)
    assert [(item.category, item.type_id, item.label, item.max_to_object_ids) for item in state.limits] == [
        ("HUBSPOT_DEFINED", 1, "Primary", 1),
        ("USER_DEFINED", billing_type_id, "Billing contact", 2),
    ]
    assert [item.label for item in state.labels] == ["Billing contact", "Twice"]
