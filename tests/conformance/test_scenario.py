"""The scenario itself (no server): it covers what the issue lists, and it writes only its own things."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hubspot_association_limits import conformance
from hubspot_association_limits.conformance import scenario
from hubspot_association_limits.conformance._recording import Body, Request, Step
from hubspot_association_limits.conformance._safety import unsafe_writes

OPERATIONS = [
    "getLimits",
    "listAllLimits",
    "createLimits",
    "updateLimits",
    "purgeLimits",
    "listLabels",
    "createLabel",
    "updateLabel",
    "deleteLabel",
]


def test_the_scenario_sends_every_operation_as_something_that_must_succeed() -> None:
    done = {step.operation for step in scenario() if step.expect == "success"}
    assert done == set(OPERATIONS)


def test_the_scenario_creates_a_single_and_a_paired_label() -> None:
    bodies = [
        step.request.body.value for step in scenario() if step.id.startswith("create-") and step.request.body
    ]
    labels = [body for body in bodies if "name" in body]
    assert [("inverseLabel" in body) for body in labels] == [True, False]


@pytest.mark.parametrize(
    ("step", "operation", "part", "expected"),
    [
        ("refuse-invalid-type", "createLimits", lambda r: r.body.value["inputs"][0]["typeId"], -1),
        (
            "refuse-out-of-range",
            "updateLimits",
            lambda r: r.body.value["inputs"][0]["maxToObjectIds"],
            10_001,
        ),
        ("refuse-unknown-object", "getLimits", lambda r: r.path.split("/")[3], "nosuchobject{$run}"),
        ("refuse-duplicate-name", "createLabel", lambda r: r.body.value["name"], "conformance_{$run}_paired"),
        ("refuse-unlabelled-pair", "createLabel", lambda r: r.path, "/deals/line_items/labels"),
        ("refuse-malformed-body", "createLimits", lambda r: r.body.kind, "text"),
    ],
)
def test_the_scenario_sends_each_request_hubspot_must_refuse(
    step: str, operation: str, part: Callable[[Request], Any], expected: Any
) -> None:
    (found,) = [item for item in scenario() if item.id == step]
    assert (found.operation, found.expect, part(found.request)) == (operation, "refusal", expected)


def test_the_duplicate_name_is_the_paired_labels_own_name() -> None:
    names = {
        step.id: step.request.body.value["name"] for step in scenario() if step.operation == "createLabel"
    }
    assert names["refuse-duplicate-name"] == names["create-paired-label"]


def test_step_ids_are_unique_so_a_recording_names_each_exchange_once() -> None:
    ids = [step.id for step in scenario()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("pair", [("contacts", "companies"), ("deals", "contacts"), ("tickets", "2-123")])
def test_every_write_of_the_scenario_touches_only_what_the_run_creates(pair: tuple[str, str]) -> None:
    assert unsafe_writes(scenario(pair)) == []


def _write(method: str, path: str, body: Any = None, text: str | None = None) -> Step:
    payload = Body("text", text) if text is not None else (Body("json", body) if body is not None else None)
    return Step("edited", "createLabel", "an edited step", Request(method, path, payload))


@pytest.mark.parametrize(
    "step",
    [
        pytest.param(_write("DELETE", "/contacts/companies/labels/101"), id="delete a literal typeId"),
        pytest.param(_write("DELETE", "/contacts/companies/labels/{$run}"), id="delete by run id"),
        pytest.param(
            _write("POST", "/contacts/companies/labels", {"label": "Customer", "name": "customer"}),
            id="create a label without the run id",
        ),
        pytest.param(
            _write("POST", "/contacts/companies/labels", {"label": "X {$run}", "name": "customer"}),
            id="create a label whose name lacks the run id",
        ),
        pytest.param(
            _write("PUT", "/contacts/companies/labels", {"associationTypeId": 101, "label": "X {$run}"}),
            id="rename a label the run did not create",
        ),
        pytest.param(
            _write(
                "POST",
                "/definitions/configurations/deals/contacts/batch/update",
                {"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": 1}]},
            ),
            id="change a HubSpot-defined limit",
        ),
        pytest.param(
            _write(
                "POST",
                "/definitions/configurations/deals/contacts/batch/purge",
                {"inputs": [{"category": "USER_DEFINED", "typeId": "$label.forward"}, {"typeId": 7}]},
            ),
            id="purge one own and one other limit",
        ),
        pytest.param(
            _write("POST", "/definitions/configurations/deals/contacts/batch/create", text='{"inputs": []}'),
            id="a text body that is JSON after all",
        ),
        pytest.param(_write("PATCH", "/contacts/companies/labels", {"label": "{$run}"}), id="another method"),
    ],
)
def test_a_write_that_could_touch_what_the_run_did_not_create_is_caught(step: Step) -> None:
    (problem,) = unsafe_writes([step])
    assert problem.startswith("step edited (")


def test_the_docs_page_lists_every_step_in_the_order_it_is_sent() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "conformance.md").read_text(encoding="utf-8")
    table = page[page.index("| step | request | creates or removes |") :]
    listed = re.findall(r"`([a-z0-9-]+)`", table.split("\n\n")[0])
    assert [step for step in listed if not step.isdigit()] == [step.id for step in scenario()]


def test_every_public_name_of_the_kit_is_in_the_api_reference() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "reference" / "conformance.md").read_text(
        encoding="utf-8"
    )
    documented = set(
        re.findall(r"^::: hubspot_association_limits\.conformance\.(\w+)$", page, flags=re.MULTILINE)
    )
    assert sorted(set(conformance.__all__) - documented) == []
