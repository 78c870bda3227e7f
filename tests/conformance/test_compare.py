"""Comparing a recorded answer with a server's (no server): each kind of difference, and what is not one."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hubspot_association_limits.conformance._answers import Observed
from hubspot_association_limits.conformance._compare import compare
from hubspot_association_limits.conformance._recording import Body, Request, Response, Step
from hubspot_association_limits.conformance._templates import Bindings

BINDINGS = Bindings("r0a1b2c3d", {"$label.forward": 123, "$label.inverse": 124})
HEADERS = {
    "content-type": "application/json;charset=utf-8",
    "x-hubspot-correlation-id": "$correlationId",
    "x-hubspot-ratelimit-max": "100",
    "x-hubspot-ratelimit-remaining": "99",
}
LABELS = {
    "results": [
        {"category": "USER_DEFINED", "typeId": "$label.forward", "label": "Conformance {$run} forward"},
        {"category": "USER_DEFINED", "typeId": "$label.inverse", "label": "Conformance {$run} inverse"},
    ]
}
ERROR = {
    "status": "CANCELED",
    "results": [],
    "numErrors": 1,
    "errors": [
        {
            "status": "error",
            "category": "VALIDATION_ERROR",
            "subCategory": "crm.associations.INVALID_ASSOCIATION_TYPE",
            "message": "0--1 is not a valid association type between CONTACT and COMPANY",
            "context": {"type": ["0--1"], "fromObjectType": ["CONTACT"], "toObjectType": ["COMPANY"]},
        }
    ],
    "startedAt": "$timestamp",
    "completedAt": "$timestamp",
}
STEP = Step("a-step", "createLabel", "a step", Request("POST", "/contacts/companies/labels"))


def _answer(body: Any, status: int = 200, **headers: str | None) -> Observed:
    sent = {
        "content-type": "application/json",
        "x-hubspot-correlation-id": "6b1e2f3a-0000-4000-8000-000000000000",
        "x-hubspot-ratelimit-max": "190",
        "x-hubspot-ratelimit-remaining": "12",
    }
    for name, value in headers.items():
        name = name.replace("_", "-")
        if value is None:
            sent.pop(name)
        else:
            sent[name] = value
    content = (
        body.encode() if isinstance(body, str) else json.dumps(body).encode() if body is not None else b""
    )
    return Observed.of(status, sent, content)


def _differences(
    recorded: Any, answered: Observed, *, status: int = 200, step: Step = STEP
) -> set[tuple[str, str]]:
    body = (
        None
        if recorded is None
        else Body("text", recorded)
        if isinstance(recorded, str)
        else Body("json", recorded)
    )
    return {(d.path, d.kind) for d in compare(step, Response(status, HEADERS, body), answered, BINDINGS)}


def _answered_labels(*items: tuple[int, str]) -> dict[str, Any]:
    return {
        "results": [
            {"category": "USER_DEFINED", "typeId": i, "label": f"Conformance r0a1b2c3d {t}"} for i, t in items
        ]
    }


@pytest.mark.parametrize(
    "answered",
    [
        pytest.param(_answered_labels((123, "forward"), (124, "inverse")), id="same order"),
        pytest.param(_answered_labels((124, "inverse"), (123, "forward")), id="another order"),
    ],
)
def test_an_answer_like_the_recording_has_no_differences(answered: dict[str, Any]) -> None:
    assert _differences(LABELS, _answer(answered)) == set()


def test_timestamps_and_correlation_ids_are_compared_by_type_only() -> None:
    answered = json.loads(json.dumps(ERROR).replace('"$timestamp"', '"2030-01-01T00:00:00.000Z"'))
    assert _differences(ERROR, _answer(answered, 207), status=207) == set()


def _without(key: str) -> dict[str, Any]:
    error = {k: v for k, v in ERROR["errors"][0].items() if k != key}
    return {**ERROR, "errors": [error]}


def _with_error(**changes: Any) -> dict[str, Any]:
    return {**ERROR, "errors": [{**ERROR["errors"][0], **changes}]}


@pytest.mark.parametrize(
    ("answered", "expected"),
    [
        pytest.param(
            _answer({**ERROR, "status": "COMPLETE"}, 207), {("body.status", "value")}, id="batch status"
        ),
        pytest.param(
            _answer(_with_error(message="association type HUBSPOT_DEFINED -1 does not exist"), 207),
            {("body.errors[].message", "value")},
            id="message",
        ),
        pytest.param(
            _answer(_with_error(category="OBJECT_NOT_FOUND"), 207),
            {("body.errors[].category", "value")},
            id="category",
        ),
        pytest.param(
            _answer(_without("subCategory"), 207),
            {("body.errors[].subCategory", "missing")},
            id="no subCategory",
        ),
        pytest.param(
            _answer(_with_error(subCategory={"code": "crm.associations.INVALID_ASSOCIATION_TYPE"}), 207),
            {("body.errors[].subCategory", "type")},
            id="subCategory object",
        ),
        pytest.param(
            _answer(_with_error(context={**ERROR["errors"][0]["context"], "reason": ["UNKNOWN"]}), 207),
            {("body.errors[].context.reason", "unexpected")},
            id="invented context",
        ),
        pytest.param(
            _answer({**ERROR, "numErrors": "1"}, 207), {("body.numErrors", "type")}, id="number as string"
        ),
        pytest.param(
            _answer({**ERROR, "startedAt": 1700000000}, 207),
            {("body.startedAt", "type")},
            id="timestamp as number",
        ),
        pytest.param(_answer(ERROR, 400), {("status", "status")}, id="400 instead of 207"),
        pytest.param(_answer("<html>502</html>", 207), {("body", "body")}, id="HTML instead of JSON"),
        pytest.param(_answer(None, 207), {("body", "body")}, id="no body"),
        pytest.param(
            _answer(ERROR, 207, x_hubspot_ratelimit_max=None),
            {("headers.x-hubspot-ratelimit-max", "missing")},
            id="rate-limit header missing",
        ),
        pytest.param(
            _answer(ERROR, 207, x_hubspot_ratelimit_remaining="many"),
            {("headers.x-hubspot-ratelimit-remaining", "type")},
            id="rate-limit header not an integer",
        ),
        pytest.param(
            _answer(ERROR, 207, retry_after="2"),
            {("headers.retry-after", "unexpected")},
            id="Retry-After sent",
        ),
        pytest.param(
            _answer(ERROR, 207, content_type="text/plain"),
            {("headers.content-type", "value")},
            id="content type",
        ),
        pytest.param(
            _answer(ERROR, 207, x_hubspot_correlation_id=None),
            {("headers.x-hubspot-correlation-id", "missing")},
            id="no correlation id",
        ),
        pytest.param(
            _answer({**ERROR, "errors": [*ERROR["errors"], ERROR["errors"][0]], "numErrors": 1}, 207),
            {("body.errors[]", "unexpected")},
            id="an extra item",
        ),
    ],
)
def test_each_way_an_answer_differs_is_reported_by_path_and_kind(
    answered: Observed, expected: set[tuple[str, str]]
) -> None:
    assert _differences(ERROR, answered, status=207) == expected


def test_a_charset_or_another_rate_limit_value_is_no_difference() -> None:
    assert _differences(ERROR, _answer(ERROR, 207, content_type="application/json"), status=207) == set()


@pytest.mark.parametrize(
    ("answered", "expected"),
    [
        pytest.param(
            _answered_labels((123, "forward"), (999, "inverse")),
            {("body.results[]", "missing"), ("body.results[]", "unexpected")},
            id="another typeId",
        ),
        pytest.param(
            _answered_labels((123, "forward")), {("body.results[]", "missing")}, id="one direction only"
        ),
        pytest.param(
            {
                "results": [
                    {"category": "HUBSPOT_DEFINED", "typeId": 123, "label": "Conformance r0a1b2c3d forward"},
                    {"category": "USER_DEFINED", "typeId": 124, "label": "Conformance r0a1b2c3d inverse"},
                ]
            },
            {("body.results[]", "missing"), ("body.results[]", "unexpected")},
            id="same number, other category",
        ),
        pytest.param(
            _answered_labels((123, "forward"), (124, "other text")),
            {("body.results[].label", "value")},
            id="another text",
        ),
    ],
)
def test_list_items_are_paired_by_category_and_typeId_not_by_position(
    answered: dict[str, Any], expected: set[tuple[str, str]]
) -> None:
    assert _differences(LABELS, _answer(answered)) == expected


def test_a_typeId_other_than_the_bound_role_is_a_role_difference() -> None:
    recorded = {"associationTypeId": "$label.forward"}
    assert _differences(recorded, _answer({"associationTypeId": 7})) == {("body.associationTypeId", "role")}


def test_a_filtered_list_ignores_the_portals_other_items_but_not_the_runs_own() -> None:
    step = Step(
        "listed",
        "listLabels",
        "a list",
        Request("GET", "/contacts/companies/labels"),
        filters={"results": "own"},
    )
    others = {"category": "USER_DEFINED", "typeId": 55, "label": "Billing contact"}
    answered = _answered_labels((123, "forward"), (124, "inverse"))
    answered["results"].append(others)
    assert _differences(LABELS, _answer(answered), step=step) == set()
    answered["results"].append(
        {"category": "USER_DEFINED", "typeId": 77, "label": "Conformance r0a1b2c3d extra"}
    )
    assert _differences(LABELS, _answer(answered), step=step) == {("body.results[]", "unexpected")}


def test_the_key_of_a_difference_leaves_positions_out() -> None:
    (difference,) = compare(
        STEP,
        Response(207, HEADERS, Body("json", ERROR)),
        _answer(_with_error(message="other"), 207),
        BINDINGS,
    )
    assert difference.key == ("createLabel", "body.errors[].message", "value")
