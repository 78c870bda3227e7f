"""The pair vocabulary: how a file or the command line names an object-type pair, and how output names it."""

from __future__ import annotations

import pytest
import typer
from hubspot_association_limits.cli._pairs import (
    pair_names,
    pair_of,
    pair_text,
    parse_pairs,
    resolve_object_type,
    unknown_object_type,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("deals", "0-3"),
        ("Deal", "0-3"),
        ("0-3", "0-3"),
        ("line-items", "0-8"),
        ("2-123", "2-123"),  # a custom object's id
        ("0-999", "0-999"),  # a standard id HubSpot added after this release
        ("p1234_cars", "p1234_cars"),  # a custom object's fully qualified name
        ("dealz", None),
        ("2-0", None),
        ("", None),
    ],
)
def test_an_object_type_resolves_to_the_id_to_send(name: str, expected: str | None) -> None:
    assert resolve_object_type(name) == expected


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("contactz", "unknown object type 'contactz': did you mean 'contacts'?"),
        ("widgets", "use a name like deals or leads, an id like 0-3 or 2-1234"),
    ],
)
def test_an_unknown_object_type_says_what_was_meant_or_what_a_name_looks_like(name: str, says: str) -> None:
    assert says in unknown_object_type(name)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (None, []),
        (["deals:contacts"], [("0-3", "0-1")]),
        (["2-123:companies", "contact:deal"], [("2-123", "0-2"), ("0-1", "0-3")]),
    ],
)
def test_pair_options_become_pairs_of_ids(values: list[str] | None, expected: list[tuple[str, str]]) -> None:
    assert parse_pairs(values) == expected


@pytest.mark.parametrize(
    ("values", "hint", "says"),
    [
        (["deals"], "--pair", "'deals': write FROM:TO, e.g. deals:contacts"),
        (["dealz:contacts"], "FROM", "did you mean 'deals'?"),
        (["deals:widgets"], "TO", "unknown object type 'widgets'"),
    ],
)
def test_a_pair_option_that_names_no_pair_is_refused_where_it_is_wrong(
    values: list[str], hint: str, says: str
) -> None:
    with pytest.raises(typer.BadParameter) as refused:
        parse_pairs(values)
    assert refused.value.param_hint == hint
    assert says in refused.value.message


@pytest.mark.parametrize(
    ("from_name", "to_name", "hint"), [("dealz", "contacts", "FROM"), ("deals", "contactz", "TO")]
)
def test_from_and_to_arguments_are_refused_as_the_argument_they_were(
    from_name: str, to_name: str, hint: str
) -> None:
    with pytest.raises(typer.BadParameter) as refused:
        pair_of(from_name, to_name)
    assert refused.value.param_hint == hint


@pytest.mark.parametrize(
    ("pair", "text", "names"),
    [
        (("0-3", "0-1"), "deals -> contacts", {"from": "deals", "to": "contacts"}),
        (("2-123", "0-999"), "2-123 -> 0-999", {"from": "2-123", "to": "0-999"}),
    ],
)
def test_output_names_a_pair_by_the_catalogues_names_and_other_ids_as_they_are(
    pair: tuple[str, str], text: str, names: dict[str, str]
) -> None:
    assert (pair_text(pair), pair_names(pair)) == (text, names)
