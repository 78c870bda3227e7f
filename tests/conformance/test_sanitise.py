"""What a recording keeps of an answer (no server): nothing private, and nothing only one portal has."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hubspot_association_limits.conformance._answers import Observed
from hubspot_association_limits.conformance._recording import Body, Request, Step
from hubspot_association_limits.conformance._sanitise import sanitise
from hubspot_association_limits.conformance._templates import Bindings

from ._support import TOKEN

BINDINGS = Bindings("r0a1b2c3d", {"$label.forward": 123, "$single.forward": 3})
CORRELATION = "6b1e2f3a-1111-4222-8333-444455556666"
STEP = Step(
    "a-step",
    "createLimits",
    "a step",
    Request("POST", "/definitions/configurations/contacts/companies/batch/create"),
)


def _kept(body: Any, step: Step = STEP, **headers: str) -> Any:
    sent = {"Content-Type": "application/json", "X-HubSpot-Correlation-Id": CORRELATION, **headers}
    response = sanitise(step, Observed.of(200, sent, json.dumps(body).encode()), BINDINGS, [TOKEN])
    assert response.body is not None
    return response.body.value


def test_only_the_headers_a_client_relies_on_are_kept_and_the_correlation_id_is_not() -> None:
    sent = {
        "Content-Type": "application/json",
        "X-HubSpot-Correlation-Id": CORRELATION,
        "X-HubSpot-RateLimit-Max": "190",
        "Set-Cookie": "__cf_bm=secret-cookie",
        "Server": "cloudflare",
    }
    response = sanitise(STEP, Observed.of(204, sent, b""), BINDINGS, [TOKEN])
    assert response.headers == {
        "content-type": "application/json",
        "x-hubspot-correlation-id": "$correlationId",
        "x-hubspot-ratelimit-max": "190",
    }


@pytest.mark.parametrize(
    ("answer", "kept"),
    [
        pytest.param(
            {"correlationId": CORRELATION}, {"correlationId": "$correlationId"}, id="correlation id"
        ),
        pytest.param(
            {"message": f"see {CORRELATION} for details"},
            {"message": "see {$correlationId} for details"},
            id="correlation id in text",
        ),
        pytest.param(
            {"startedAt": "2026-01-01T00:00:00.000Z", "requestId": "abc"},
            {"startedAt": "$timestamp", "requestId": "$requestId"},
            id="timestamps and request ids",
        ),
        pytest.param(
            {"portalId": 7654321, "message": "limits are exceeded in portal 7654321 when merging"},
            {"portalId": "$portalId", "message": "limits are exceeded in portal {$portalId} when merging"},
            id="portal id",
        ),
        pytest.param(
            {"message": "Unable to infer object type from: p7654321_cars (hub id: 7654321)"},
            {"message": "Unable to infer object type from: p{$portalId}_cars (hub id: {$portalId})"},
            id="portal id in names",
        ),
        pytest.param(
            {"links": {"app": "https://app.hubspot.com/contacts/7654321/objects"}},
            {"links": {"app": "https://app.hubspot.com/contacts/{$portalId}/objects"}},
            id="portal id in links",
        ),
        pytest.param(
            {"message": f"invalid token {TOKEN}", "detail": "Bearer abc123def456ghi789"},
            {"message": "invalid token [REDACTED]", "detail": "Bearer [REDACTED]"},
            id="a token echoed back",
        ),
        pytest.param(
            {"label": "Conformance r0a1b2c3d forward"},
            {"label": "Conformance {$run} forward"},
            id="the run's id",
        ),
        pytest.param({"label": "$5 plan"}, {"label": "$$5 plan"}, id="a literal dollar"),
    ],
)
def test_private_and_volatile_values_become_placeholders(
    answer: dict[str, Any], kept: dict[str, Any]
) -> None:
    assert _kept(answer) == kept


def test_the_runs_own_typeIds_become_roles_but_a_hubspot_defined_type_with_the_same_number_stays() -> None:
    answer = {
        "results": [
            {"category": "USER_DEFINED", "typeId": 123, "label": "Conformance r0a1b2c3d forward"},
            {"category": "USER_DEFINED", "typeId": 3, "label": "Conformance r0a1b2c3d single"},
            {"category": "HUBSPOT_DEFINED", "typeId": 3, "label": None},
            {"category": "USER_DEFINED", "typeId": 500, "label": "Someone else's label"},
        ]
    }
    assert [item["typeId"] for item in _kept(answer)["results"]] == [
        "$label.forward",
        "$single.forward",
        3,
        500,
    ]


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ("label 123 exists (typeId 123)", "label {$label.forward} exists (typeId {$label.forward})"),
        ("type 1-123 is not valid", "type 1-{$label.forward} is not valid"),  # USER_DEFINED's category code
        ("from 0-3 to 0-1", "from 0-3 to 0-1"),  # object type ids, though 3 is a role
        ("between 1 and 123456", "between 1 and 123456"),
    ],
)
def test_the_runs_typeIds_in_text_become_roles_and_other_numbers_stay(message: str, kept: str) -> None:
    assert _kept({"message": message})["message"] == kept


@pytest.mark.parametrize(
    ("error", "kept"),
    [
        pytest.param(
            {"message": "0-123 is not valid", "context": {"type": ["0-123"], "fromObjectType": ["0-3"]}},
            {
                "message": "0-{$label.forward} is not valid",
                "context": {"type": ["0-{$label.forward}"], "fromObjectType": ["0-3"]},
            },
            id="a role as HubSpot writes it: 0-<typeId>",
        ),
        pytest.param(
            {"message": "0-123 from 0-3 to 0-1", "context": {"type": ["0-123"]}},
            {"message": "0-{$label.forward} from 0-3 to 0-1", "context": {"type": ["0-{$label.forward}"]}},
            id="object type ids stay, though 3 is a role",
        ),
        pytest.param(
            {"message": "0--1 is not valid", "context": {"type": ["0--1"]}},
            {"message": "0--1 is not valid", "context": {"type": ["0--1"]}},
            id="a type that is no role",
        ),
    ],
)
def test_the_runs_types_in_an_item_errors_context_become_roles_there_and_in_its_text(
    error: dict[str, Any], kept: dict[str, Any]
) -> None:
    assert _kept({"errors": [error]})["errors"] == [kept]


def test_a_number_the_request_sent_is_left_as_it_is_in_text() -> None:
    step = Step(
        "limit",
        "updateLimits",
        "a limit of 123",
        Request(
            "POST", "/x", Body("json", {"inputs": [{"typeId": "$single.forward", "maxToObjectIds": 123}]})
        ),
    )
    assert _kept({"message": "123 is above the limit"}, step)["message"] == "123 is above the limit"


@pytest.mark.parametrize(
    ("rule", "kept"),
    [
        ("own", ["Conformance r0a1b2c3d forward", "Conformance r0a1b2c3d new"]),
        (
            "own-and-hubspot-defined",
            ["Primary", "Conformance r0a1b2c3d forward", "Conformance r0a1b2c3d new"],
        ),
    ],
)
def test_a_filtered_list_keeps_only_what_every_portal_would_have(rule: str, kept: list[str]) -> None:
    step = Step(
        "list",
        "listLabels",
        "a list",
        Request("GET", "/contacts/companies/labels"),
        filters={"results": rule},
    )
    answer = {
        "results": [
            {"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary"},
            {"category": "USER_DEFINED", "typeId": 123, "label": "Conformance r0a1b2c3d forward"},
            {"category": "USER_DEFINED", "typeId": 9, "label": "Conformance r0a1b2c3d new"},  # the run's text
            {"category": "USER_DEFINED", "typeId": 41, "label": "Billing contact"},
        ]
    }
    labels = [item["label"].replace("{$run}", "r0a1b2c3d") for item in _kept(answer, step)["results"]]
    assert labels == kept


def test_a_body_that_is_not_json_is_kept_as_text_and_scrubbed_too() -> None:
    headers = {"Content-Type": "text/html", "X-HubSpot-Correlation-Id": CORRELATION}
    observed = Observed.of(502, headers, f"<p>{CORRELATION}: Bearer abc123def456ghi </p>".encode())
    response = sanitise(STEP, observed, BINDINGS, [TOKEN])
    assert response.body == Body("text", "<p>{$correlationId}: Bearer [REDACTED] </p>")
