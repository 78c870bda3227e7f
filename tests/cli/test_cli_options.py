"""The inputs of create, update and purge, built from the command line or a desired-state file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from cli_support import Portal
from hubspot_association_limits import AssociationTypeKey, Limit, LimitInput
from hubspot_association_limits.cli._desired import parse_desired_state
from hubspot_association_limits.cli._options import (
    command_line_keys,
    command_line_limits,
    file_limits,
    key_batches,
    limit_batches,
)

DEALS_CONTACTS = ("0-3", "0-1")


@pytest.mark.parametrize(
    ("type_ids", "maxima", "categories", "expected"),
    [
        pytest.param(
            [3], [5], None, [LimitInput("HUBSPOT_DEFINED", 3, 5)], id="HubSpot's own type by default"
        ),
        pytest.param(
            [101, 102],
            [1, 2],
            ["user_defined"],
            [LimitInput("USER_DEFINED", 101, 1), LimitInput("USER_DEFINED", 102, 2)],
            id="one category for all, sent in capitals",
        ),
        pytest.param(
            [101, 3],
            [1, 2],
            ["USER_DEFINED", "HUBSPOT_DEFINED"],
            [LimitInput("USER_DEFINED", 101, 1), LimitInput("HUBSPOT_DEFINED", 3, 2)],
            id="a category per --type-id",
        ),
    ],
)
def test_options_become_limits_of_the_pair(
    type_ids: list[int], maxima: list[int], categories: list[str] | None, expected: list[LimitInput]
) -> None:
    assert command_line_limits("deals", "contacts", type_ids, maxima, categories) == (
        DEALS_CONTACTS,
        expected,
    )


@pytest.mark.parametrize(
    ("from_name", "type_ids", "maxima", "categories", "hint", "says"),
    [
        ("deals", [3, 4], [5], None, "--max", "required once per --type-id (2 --type-id, 1 --max)"),
        (None, [3], [5], None, "FROM TO", "FROM and TO are required (or --file)"),
        ("dealz", [3], [5], None, "FROM", "did you mean 'deals'?"),
        ("deals", [], [5], None, "--type-id", "at least one --type-id is required"),
        ("deals", [279], [5], None, "--category", "typeId 279 is not a HubSpot-defined type of deals"),
        ("deals", [3, 4, 5], [1, 2, 3], ["A", "B"], "--category", "give it once, or once per --type-id (3)"),
    ],
    ids=["a --max short", "no pair", "unknown object type", "no --type-id", "a label's id", "two of three"],
)
def test_limits_that_cannot_be_sent_as_asked_are_refused_naming_the_option(
    from_name: str | None,
    type_ids: list[int],
    maxima: list[int],
    categories: list[str] | None,
    hint: str,
    says: str,
) -> None:
    with pytest.raises(typer.BadParameter) as refused:
        command_line_limits(from_name, "contacts", type_ids, maxima, categories)
    assert refused.value.param_hint == hint
    assert says in refused.value.message


def test_purge_takes_association_types_without_limits() -> None:
    assert command_line_keys("companies", "contacts", [2, 280], None) == (
        ("0-2", "0-1"),
        [AssociationTypeKey("HUBSPOT_DEFINED", 2), AssociationTypeKey("HUBSPOT_DEFINED", 280)],
    )


LIMITS_FILE = Path("limits.yaml")


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: limit_batches("deals", "contacts", None, None, None, LIMITS_FILE), id="FROM TO"),
        pytest.param(lambda: limit_batches(None, None, [3], [5], None, LIMITS_FILE), id="--type-id --max"),
        pytest.param(
            lambda: key_batches(None, None, None, ["USER_DEFINED"], LIMITS_FILE), id="purge --category"
        ),
    ],
)
def test_a_file_and_the_command_line_exclude_each_other(build: Callable[[], object]) -> None:
    with pytest.raises(typer.BadParameter) as refused:
        build()
    assert refused.value.param_hint == "--file"


FILE = """
limits:
  - from: deals
    to: contacts
    associations:
      - {category: HUBSPOT_DEFINED, typeId: 3, max: 5}
      - {label: Decision maker, max: 2}
  - from: companies
    to: contacts
    associations:
      - {category: HUBSPOT_DEFINED, typeId: 280, max: 4}
  - from: contacts
    to: companies
    labels: [{label: Billing contact}]
"""


def test_a_files_limits_go_per_pair_with_its_labels_found_in_the_portal() -> None:
    portal = Portal({DEALS_CONTACTS: [Limit("USER_DEFINED", 7, "Decision maker", None)]})
    batches = file_limits(parse_desired_state(FILE, source="limits.yaml"), portal)
    assert batches == [
        (DEALS_CONTACTS, [LimitInput("HUBSPOT_DEFINED", 3, 5), LimitInput("USER_DEFINED", 7, 2)]),
        (("0-2", "0-1"), [LimitInput("HUBSPOT_DEFINED", 280, 4)]),
    ]
    assert portal.requests == ["labels 0-3:0-1", "labels 0-1:0-2"]  # a label by name, a labels: list


def test_a_file_is_read_when_the_client_is_there_not_before(tmp_path: Path) -> None:
    file = tmp_path / "limits.yaml"
    limits, keys = (
        limit_batches(None, None, None, None, None, file),
        key_batches(None, None, None, None, file),
    )
    file.write_text(FILE.replace("- {label: Decision maker, max: 2}", ""))
    portal = Portal({})
    assert limits(portal)[0] == (DEALS_CONTACTS, [LimitInput("HUBSPOT_DEFINED", 3, 5)])
    assert keys(portal)[0] == (DEALS_CONTACTS, [AssociationTypeKey("HUBSPOT_DEFINED", 3)])
