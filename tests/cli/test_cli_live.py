"""Reading live limits: every limit "read all" lists lands in its pair or in a warning, with few requests."""

from __future__ import annotations

import pytest
from cli_support import Portal
from hubspot_association_limits import AssociationTypeId as A
from hubspot_association_limits import Limit, hubspot_defined_type
from hubspot_association_limits.cli._live import can_have_labels, read_live

Pair = tuple[str, str]
DEALS_CONTACTS, TICKETS_COMPANIES, LEADS_CONTACTS = ("0-3", "0-1"), ("0-5", "0-2"), ("0-136", "0-1")
CARS_CONTACTS = ("2-77", "0-1")
LABEL_PAIRS = 16  # every ordered pair of contacts, companies, deals and tickets


def hs(type_id: int, limit: int = 5, label: str | None = None) -> Limit:
    return Limit("HUBSPOT_DEFINED", type_id, label, limit)


def user(type_id: int, label: str, limit: int = 2) -> Limit:
    return Limit("USER_DEFINED", type_id, label, limit)


ALL_LABEL_PAIRS = [(a, b) for a in ("0-1", "0-2", "0-3", "0-5") for b in ("0-1", "0-2", "0-3", "0-5")]
ALL_OTHER_LABEL_PAIRS = [pair for pair in ALL_LABEL_PAIRS if pair != DEALS_CONTACTS]
assert len(ALL_LABEL_PAIRS) == LABEL_PAIRS
FIVE = ("0-1", "0-2", "0-3", "0-5", "2-77")

CASES = [
    pytest.param(
        {DEALS_CONTACTS: [hs(A.DEAL_TO_CONTACT)], TICKETS_COMPANIES: [hs(A.TICKET_TO_COMPANY)]},
        [],
        {DEALS_CONTACTS: [hs(A.DEAL_TO_CONTACT)], TICKETS_COMPANIES: [hs(A.TICKET_TO_COMPANY)]},
        [],
        ["read all"],
        id="HubSpot-defined types are placed by the catalogue, with no read per pair",
    ),
    pytest.param(
        {LEADS_CONTACTS: [hs(A.PRIMARY_LEAD_TO_CONTACT, 1, "Primary")]},
        [],
        {LEADS_CONTACTS: [hs(A.PRIMARY_LEAD_TO_CONTACT, 1, "Primary")]},
        [],
        ["read all"],
        id="a type outside the old ten pairs is found",
    ),
    pytest.param(
        {DEALS_CONTACTS: [hs(A.DEAL_TO_CONTACT), user(101, "Decision maker")]},
        [],
        {DEALS_CONTACTS: [hs(A.DEAL_TO_CONTACT), user(101, "Decision maker")]},
        [],
        ["read all", "labels 0-3:0-1"],
        id="a portal's label is looked for in the labels of the pairs known to hold limits first",
    ),
    pytest.param(
        {CARS_CONTACTS: [user(150, "Owner")], DEALS_CONTACTS: [hs(A.DEAL_TO_CONTACT)]},
        [],
        {DEALS_CONTACTS: [hs(A.DEAL_TO_CONTACT)]},
        [user(150, "Owner")],
        ["read all", "labels 0-3:0-1", *[f"labels {a}:{b}" for a, b in ALL_OTHER_LABEL_PAIRS]],
        id="a label on a custom object's pair nobody names is warned about, not dropped",
    ),
    pytest.param(
        {TICKETS_COMPANIES: [user(160, "Escalation")], DEALS_CONTACTS: [hs(A.DEAL_TO_CONTACT)]},
        [],
        {TICKETS_COMPANIES: [user(160, "Escalation")], DEALS_CONTACTS: [hs(A.DEAL_TO_CONTACT)]},
        [],
        ["read all", "labels 0-3:0-1", *[f"labels {a}:{b}" for a, b in ALL_OTHER_LABEL_PAIRS[:13]]],
        id="a label on a pair nobody names is found in the labels of the pairs that can have labels",
    ),
    pytest.param(
        {CARS_CONTACTS: [user(150, "Owner")], ("2-77", "0-2"): [hs(1000)]},
        [("2-77", "0-2")],
        {CARS_CONTACTS: [user(150, "Owner")], ("2-77", "0-2"): [hs(1000)]},
        [],
        [
            "GET 2-77:0-2",
            "read all",
            "labels 2-77:0-2",
            *[f"labels {a}:{b}" for a in FIVE[:4] for b in FIVE],
            "labels 2-77:0-1",
        ],
        id="a custom object named by --pair makes its pairs candidates",
    ),
    pytest.param(
        {CARS_CONTACTS: [user(150, "Owner")], DEALS_CONTACTS: [hs(A.DEAL_TO_CONTACT)]},
        [CARS_CONTACTS],
        {CARS_CONTACTS: [user(150, "Owner")], DEALS_CONTACTS: [hs(A.DEAL_TO_CONTACT)]},
        [],
        ["GET 2-77:0-1", "read all"],
        id="a named pair is read first; nothing is left to look for",
    ),
    pytest.param(
        {("0-3", "0-999"): [Limit("HUBSPOT_DEFINED", 99_999, None, 3)]},
        [],
        {},
        [Limit("HUBSPOT_DEFINED", 99_999, None, 3)],
        ["read all", *[f"labels {a}:{b}" for a, b in ALL_LABEL_PAIRS]],
        id="an unknown HubSpot-defined id is looked for in every label pair, then warned about",
    ),
    pytest.param(
        {DEALS_CONTACTS: [Limit("HUBSPOT_DEFINED", A.DEAL_TO_CONTACT, None, None)]},
        [],
        {},
        [],
        ["read all"],
        id="an association type without a limit is no limit",
    ),
    pytest.param(
        {DEALS_CONTACTS: [user(1, "Decision maker")], ("0-1", "0-2"): [hs(1, 1, "Primary")]},
        [],
        {DEALS_CONTACTS: [user(1, "Decision maker")], ("0-1", "0-2"): [hs(1, 1, "Primary")]},
        [],
        [
            "read all",
            "labels 0-1:0-2",
            *[
                f"labels {a}:{b}"
                for a, b in ALL_LABEL_PAIRS[: ALL_LABEL_PAIRS.index(DEALS_CONTACTS) + 1]
                if (a, b) != ("0-1", "0-2")
            ],
        ],
        id="a label whose typeId is a HubSpot type of another pair is placed in its own pair",
    ),
]


@pytest.mark.parametrize(("portal", "named", "pairs", "unread", "requests"), CASES)
def test_read_live_places_every_limit(
    portal: dict[Pair, list[Limit]],
    named: list[Pair],
    pairs: dict[Pair, list[Limit]],
    unread: list[Limit],
    requests: list[str],
) -> None:
    reader = Portal(portal)
    live = read_live(reader, named)
    assert live.pairs == pairs
    assert list(live.unread) == unread
    assert reader.requests == requests


def test_the_warning_names_each_unplaced_limit() -> None:
    reader = Portal({CARS_CONTACTS: [user(150, "Owner"), Limit("INTEGRATOR_DEFINED", 7, None, 3)]})
    (warning,) = read_live(reader, []).warnings()
    assert "2 limit(s)" in warning
    assert "USER_DEFINED 150 'Owner', INTEGRATOR_DEFINED 7" in warning
    assert "--pair FROM:TO" in warning


def test_forty_hubspot_defined_pairs_cost_one_request() -> None:
    pairs: dict[Pair, list[Limit]] = {}
    for type_id in range(1, 2000):
        info = hubspot_defined_type(type_id)
        if info and (info.from_object_type, info.to_object_type) not in pairs and len(pairs) < 40:
            pairs[info.from_object_type, info.to_object_type] = [hs(type_id, label=info.label)]
    assert len(pairs) == 40
    reader = Portal(pairs)
    live = read_live(reader, [])
    assert live.pairs == pairs
    assert reader.requests == ["read all"]


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (("0-3", "0-1"), True),
        (("2-77", "0-5"), True),
        (("p123_cars", "p123_cars"), True),
        (("0-3", "0-136"), False),  # leads
        (("0-7", "0-3"), False),  # products
    ],
)
def test_labels_only_between_crm_records_and_custom_objects(pair: Pair, expected: bool) -> None:
    assert can_have_labels(pair) is expected
