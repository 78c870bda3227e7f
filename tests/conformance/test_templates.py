"""Placeholders in recordings: literals survive, placeholders stand for what the run bound."""

from __future__ import annotations

import pytest
from hubspot_association_limits.conformance._templates import (
    Bindings,
    Unbound,
    escape,
    filled,
    placeholder,
    render,
    text_pattern,
)
from hypothesis import given
from hypothesis import strategies as st

BINDINGS = Bindings("r0a1b2c3d", {"$label.forward": 123})


@given(st.text())
def test_any_literal_string_reads_back_as_itself(text: str) -> None:
    stored = escape(text)
    assert render(stored, Bindings("r0")) == text
    assert text_pattern(stored, Bindings("r0")).fullmatch(text)
    assert filled(stored, Bindings("r0")) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("$label.forward", "$label.forward"),
        ("$correlationId", "$correlationId"),
        ("$$label.forward", None),  # an escaped literal
        ("costs $5", None),
        ("{$run}", None),  # a placeholder inside text, not a whole value
        (101, None),
    ],
)
def test_a_whole_value_is_a_placeholder_only_when_it_is_exactly_one(
    value: object, expected: str | None
) -> None:
    assert placeholder(value) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("$label.forward", 123),
        ("/contacts/companies/labels/{$label.forward}", "/contacts/companies/labels/123"),
        ("Conformance {$run} forward", "Conformance r0a1b2c3d forward"),
        ({"inputs": [{"typeId": "$label.forward"}]}, {"inputs": [{"typeId": 123}]}),
        ("$$label.forward", "$label.forward"),
    ],
)
def test_render_fills_in_what_the_run_bound(template: object, expected: object) -> None:
    assert render(template, BINDINGS) == expected


def test_a_request_that_needs_an_unbound_role_cannot_be_rendered() -> None:
    with pytest.raises(Unbound, match=r"\$single.forward is not bound"):
        render({"typeId": "$single.forward"}, BINDINGS)


@pytest.mark.parametrize(
    ("template", "answer", "matches"),
    [
        ("typeId {$label.forward}", "typeId 123", True),
        ("typeId {$label.forward}", "typeId 124", False),
        ("typeId {$single.forward}", "typeId 98765", True),  # unbound: any integer
        ("typeId {$single.forward}", "typeId x", False),
        ("name {$run}", "name r0a1b2c3d", True),
        ("name {$run}", "name r9", False),
        ("id {$correlationId}.", "id 0c6a2b9e-1f.", True),
        ("exactly this", "exactly this.", False),
    ],
)
def test_a_recorded_string_matches_an_answer_under_the_runs_bindings(
    template: str, answer: str, matches: bool
) -> None:
    assert bool(text_pattern(template, BINDINGS).fullmatch(answer)) is matches
