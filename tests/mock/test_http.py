"""The mock over HTTP (the ``hubspot_mock`` fixture, a real uvicorn socket): paths, bodies, request
errors, headers and the control API."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from hubspot_association_limits.mock import MockServer

from ._helpers import PREFIX, hs, ud

PREFIXES = [
    "/crm/associations/v4",
    "/crm/v4/associations",
    "/crm/associations/2026-03",
    "/crm/associations/2025-09",
]
RATE_HEADERS = [
    "X-HubSpot-RateLimit-Max",
    "X-HubSpot-RateLimit-Remaining",
    "X-HubSpot-RateLimit-Interval-Milliseconds",
    "X-HubSpot-RateLimit-Daily",
    "X-HubSpot-RateLimit-Daily-Remaining",
]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_five_operations_under_every_prefix(api: httpx.Client, prefix: str) -> None:
    base = f"{prefix}/definitions/configurations"
    created = api.post(f"{base}/deals/companies/batch/create", json={"inputs": [hs(341, 5), hs(5, 1)]})
    assert created.status_code == 201
    assert created.json()["status"] == "COMPLETE"
    assert created.json()["results"] == [
        {"category": "HUBSPOT_DEFINED", "typeId": 341, "label": None, "userEnforcedMaxToObjectIds": 5},
        {"category": "HUBSPOT_DEFINED", "typeId": 5, "label": "Primary", "userEnforcedMaxToObjectIds": 1},
    ]
    updated = api.post(f"{base}/0-3/company/batch/update", json={"inputs": [hs(341, 8)]})
    assert updated.status_code == 200
    assert updated.json()["results"] == [
        {"category": "HUBSPOT_DEFINED", "typeId": 341, "userEnforcedMaxToObjectIds": 8}
    ]
    pair = api.get(f"{base}/deal/COMPANIES")
    assert pair.status_code == 200
    assert [(r["typeId"], r["userEnforcedMaxToObjectIds"]) for r in pair.json()["results"]] == [
        (5, 1),
        (341, 8),
    ]
    purged = api.post(
        f"{base}/deals/companies/batch/purge", json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 5}]}
    )
    assert (purged.status_code, purged.content) == (204, b"")
    everything = api.get(f"{base}/all")
    assert everything.json() == {
        "results": [
            {"category": "HUBSPOT_DEFINED", "typeId": 341, "label": None, "userEnforcedMaxToObjectIds": 8}
        ]
    }


def _context(type_id: int, from_word: str = "DEAL", to_word: str = "CONTACT") -> dict[str, list[str]]:
    return {"type": [f"0-{type_id}"], "fromObjectType": [from_word], "toObjectType": [to_word]}


CAPPED = (
    "maxToObjectIds must be between 1 and 10: a label's limit may not exceed the pair's limit of 10 "
    "(HUBSPOT_DEFINED 3, unlabeled)"
)
ALREADY = "a limit is already configured for HUBSPOT_DEFINED 3; use batch/update to change it"


@pytest.mark.parametrize(
    "extras",
    [
        pytest.param({}, id="by default: only what HubSpot sends"),
        pytest.param(
            {"reasons": ["LABEL_LIMIT_ABOVE_OBJECT_LIMIT", "ALREADY_CONFIGURED"]}, id="item_error_extras"
        ),
    ],
)
def test_207_item_errors_have_hubspots_shape(
    api: httpx.Client, hubspot_mock: MockServer, extras: dict[str, list[str]]
) -> None:
    hubspot_mock.configure(seed_file="demo", item_error_extras=bool(extras))
    response = api.post(
        f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [ud(102, 11), hs(3, 4), ud(102, 3)]}
    )
    assert response.status_code == 207
    body = response.json()
    assert (body["status"], body["numErrors"]) == ("COMPLETE", 2)  # some inputs applied
    assert body["results"] == [
        {"category": "USER_DEFINED", "typeId": 102, "label": "Budget holder", "userEnforcedMaxToObjectIds": 3}
    ]
    expected = [
        {"status": "error", "category": "VALIDATION_ERROR", "message": CAPPED, "context": _context(102)},
        {"status": "error", "category": "VALIDATION_ERROR", "message": ALREADY, "context": _context(3)},
    ]
    for error, reason in zip(expected, extras.get("reasons", []), strict=False):
        error["context"]["reason"] = [reason]
        error.update(errors=[], links={})
    assert body["errors"] == expected
    assert {"startedAt", "completedAt"} <= set(body)


@pytest.mark.parametrize("operation", ["create", "update"])
def test_an_invalid_association_type_is_hubspots_canceled_batch(api: httpx.Client, operation: str) -> None:
    # The request of HubSpot's recorded answer (evidence case ballerina-limits-update-invalid-type).
    response = api.post(f"{PREFIX}/contacts/deals/batch/{operation}", json={"inputs": [ud(5, 5)]})
    assert response.status_code == 207
    body = response.json()
    del body["startedAt"], body["completedAt"]
    assert body == {
        "status": "CANCELED",
        "results": [],
        "numErrors": 1,
        "errors": [
            {
                "status": "error",
                "category": "VALIDATION_ERROR",
                "subCategory": "crm.associations.INVALID_ASSOCIATION_TYPE",
                "message": "0-5 is not a valid association type between CONTACT and DEAL",
                "context": {"type": ["0-5"], "fromObjectType": ["CONTACT"], "toObjectType": ["DEAL"]},
            }
        ],
    }


@pytest.mark.parametrize(
    ("operation", "inputs", "status", "batch_status", "messages"),
    [
        ("create", [hs(3, 0)], 207, "CANCELED", ["maxToObjectIds must be between 1 and 10000"]),
        (
            "create",
            [hs(999, 2)],
            207,
            "CANCELED",
            ["0-999 is not a valid association type between DEAL and CONTACT"],
        ),
        (
            "create",
            [hs(3, 2), hs(999, 2)],
            207,
            "COMPLETE",
            ["0-999 is not a valid association type between DEAL and CONTACT"],
        ),
        ("create", [], 201, "COMPLETE", []),
        (
            "update",
            [hs(3, 2)],
            207,
            "CANCELED",
            ["no limit is configured for HUBSPOT_DEFINED 3; use batch/create to set one"],
        ),
        ("update", [], 200, "COMPLETE", []),
    ],
)
def test_batch_status_codes(api: httpx.Client, operation, inputs, status, batch_status, messages) -> None:
    response = api.post(f"{PREFIX}/deals/contacts/batch/{operation}", json={"inputs": inputs})
    assert response.status_code == status
    body = response.json()
    assert body["status"] == batch_status
    assert [error["message"] for error in body.get("errors", [])] == messages
    assert len(body["results"]) == len(inputs) - len(messages)


@pytest.mark.hubspot_mock(seed_file="demo")
@pytest.mark.parametrize(
    ("inputs", "invalid"),
    [
        pytest.param([("HUBSPOT_DEFINED", 4)], [0], id="another pair's type"),
        pytest.param(
            [("USER_DEFINED", 101), ("USER_DEFINED", 3)], [1], id="one invalid key refuses the batch"
        ),
        pytest.param([("WORK", 3), ("HUBSPOT_DEFINED", 99)], [0, 1], id="every invalid key is named"),
    ],
)
def test_a_purge_of_an_invalid_association_type_is_a_400(
    api: httpx.Client, hubspot_mock: MockServer, inputs: list[tuple[str, int]], invalid: list[int]
) -> None:
    keys = [{"category": category, "typeId": type_id} for category, type_id in inputs]
    response = api.post(f"{PREFIX}/deals/contacts/batch/purge", json={"inputs": keys})
    assert response.status_code == 400
    body = response.json()
    first = inputs[invalid[0]][1]
    assert body == {
        "status": "error",
        "message": f"0-{first} is not a valid association type between DEAL and CONTACT",
        "correlationId": response.headers["X-HubSpot-Correlation-Id"],
        "category": "VALIDATION_ERROR",
        "subCategory": "crm.associations.INVALID_ASSOCIATION_TYPE",
        "errors": [
            {
                "message": f"0-{inputs[index][1]} is not a valid association type between DEAL and CONTACT",
                "in": f"inputs[{index}]",
            }
            for index in invalid
        ],
        "context": {"type": [f"0-{first}"], "fromObjectType": ["DEAL"], "toObjectType": ["CONTACT"]},
    }
    assert len(hubspot_mock.state()["limits"]) == 2  # nothing purged


BAD_REQUESTS = [
    # (name, method, path, kwargs, status, category, errors[].in)
    (
        "unknown from type",
        "POST",
        "/widgets/contacts/batch/create",
        {"json": {"inputs": []}},
        400,
        "VALIDATION_ERROR",
        "fromObjectType",
    ),
    ("unknown to type", "GET", "/deals/0-999", {}, 400, "VALIDATION_ERROR", "toObjectType"),
    (
        "missing field",
        "POST",
        "/deals/contacts/batch/create",
        {"json": {"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 3}]}},
        400,
        "VALIDATION_ERROR",
        "inputs[0].maxToObjectIds",
    ),
    (
        "bool is not an int",
        "POST",
        "/deals/contacts/batch/create",
        {"json": {"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": True, "maxToObjectIds": 1}]}},
        400,
        "VALIDATION_ERROR",
        "inputs[0].typeId",
    ),
    (
        "float is not an int",
        "POST",
        "/deals/contacts/batch/update",
        {"json": {"inputs": [hs(3, 2) | {"maxToObjectIds": 2.5}]}},
        400,
        "VALIDATION_ERROR",
        "inputs[0].maxToObjectIds",
    ),
    (
        "string typeId",
        "POST",
        "/deals/contacts/batch/purge",
        {"json": {"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": "3"}]}},
        400,
        "VALIDATION_ERROR",
        "inputs[0].typeId",
    ),
    (
        "beyond int32",
        "POST",
        "/deals/contacts/batch/create",
        {"json": {"inputs": [hs(3, 2**31)]}},
        400,
        "VALIDATION_ERROR",
        "inputs[0].maxToObjectIds",
    ),
    (
        "unknown category",
        "POST",
        "/deals/contacts/batch/create",
        {"json": {"inputs": [hs(3, 2) | {"category": "MINE"}]}},
        400,
        "VALIDATION_ERROR",
        "inputs[0].category",
    ),
    ("no inputs", "POST", "/deals/contacts/batch/create", {"json": {}}, 400, "VALIDATION_ERROR", "inputs"),
    ("array body", "POST", "/deals/contacts/batch/create", {"json": []}, 400, "VALIDATION_ERROR", "body"),
    (
        "malformed JSON",
        "POST",
        "/deals/contacts/batch/create",
        {"content": b'{"inputs": [', "headers": {"content-type": "application/json"}},
        400,
        "VALIDATION_ERROR",
        "body",
    ),
    (
        "NaN",
        "POST",
        "/deals/contacts/batch/create",
        {
            "content": b'{"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": NaN}]}',
            "headers": {"content-type": "application/json"},
        },
        400,
        "VALIDATION_ERROR",
        "body",
    ),
    (
        "not UTF-8",
        "POST",
        "/deals/contacts/batch/create",
        {"content": b"\xff\xfe", "headers": {"content-type": "application/json"}},
        400,
        "VALIDATION_ERROR",
        "body",
    ),
    (
        "text/plain",
        "POST",
        "/deals/contacts/batch/create",
        {"content": b'{"inputs": []}', "headers": {"content-type": "text/plain"}},
        415,
        "VALIDATION_ERROR",
        "Content-Type",
    ),
    (
        "no content type",
        "POST",
        "/deals/contacts/batch/create",
        {"content": b'{"inputs": []}'},
        415,
        "VALIDATION_ERROR",
        "Content-Type",
    ),
    (
        "oversized",
        "POST",
        "/deals/contacts/batch/create",
        {"json": {"inputs": [hs(3, 2)] * 40_000}},
        413,
        "VALIDATION_ERROR",
        None,
    ),
    ("unknown path", "GET", "/deals/contacts/batch", {}, 404, "RESOURCE_NOT_FOUND", None),
    (
        "wrong prefix",
        "GET",
        "/../../../v5/associations/definitions/configurations/all",
        {},
        404,
        "RESOURCE_NOT_FOUND",
        None,
    ),
    ("wrong method", "DELETE", "/deals/contacts", {}, 405, "METHOD_NOT_ALLOWED", None),
    ("GET on a batch", "GET", "/deals/contacts/batch/create", {}, 405, "METHOD_NOT_ALLOWED", None),
]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "category", "field"),
    [case[1:] for case in BAD_REQUESTS],
    ids=[case[0] for case in BAD_REQUESTS],
)
def test_request_errors(
    api: httpx.Client, hubspot_mock: MockServer, method, path, kwargs, status, category, field
) -> None:
    before = hubspot_mock.state()["limits"]
    url = (
        f"{PREFIX}{path}"
        if not path.startswith("/..")
        else "/crm/v5/associations/definitions/configurations/all"
    )
    response = api.request(method, url, **kwargs)
    assert response.status_code == status
    body = response.json()
    assert body["status"] == "error"
    assert body["category"] == category
    assert body["message"]
    assert body["correlationId"] == response.headers["X-HubSpot-Correlation-Id"]
    uuid.UUID(body["correlationId"], version=4)
    if field is not None:
        assert field in [error["in"] for error in body["errors"]]
    if status == 405:
        assert set(response.headers["Allow"].split(", ")) in ({"GET", "HEAD"}, {"POST"})
    assert hubspot_mock.state()["limits"] == before  # a bad request never changes state


def test_malformed_json_names_line_and_column(api: httpx.Client) -> None:
    response = api.post(
        f"{PREFIX}/deals/contacts/batch/create",
        content=b'{\n  "inputs": [,]}',
        headers={"content-type": "application/json"},
    )
    assert response.json()["message"].startswith("Invalid input JSON on line 2, column 14:")


def test_a_fresh_correlation_id_on_every_response(api: httpx.Client) -> None:
    ids = {api.get(f"{PREFIX}/all").headers["X-HubSpot-Correlation-Id"] for _ in range(5)}
    ids.add(api.get(f"{PREFIX}/nope/contacts").headers["X-HubSpot-Correlation-Id"])
    assert len(ids) == 6


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", f"{PREFIX}/all", {}),
        ("POST", f"{PREFIX}/deals/contacts/batch/create", {"json": {"inputs": [hs(3, 1)]}}),
        ("POST", f"{PREFIX}/deals/contacts/batch/create", {"json": {"inputs": [hs(3, 0)]}}),
        ("POST", f"{PREFIX}/deals/contacts/batch/purge", {"json": {"inputs": []}}),
        ("GET", f"{PREFIX}/nope/contacts", {}),
        ("GET", "/crm/nowhere", {}),
        ("PUT", f"{PREFIX}/all", {}),
    ],
)
def test_every_response_carries_the_rate_limit_headers(api: httpx.Client, method, path, kwargs) -> None:
    response = api.request(method, path, **kwargs)
    for header in [*RATE_HEADERS, "X-HubSpot-Correlation-Id"]:
        assert response.headers.get(header), header
    assert response.headers["X-HubSpot-RateLimit-Max"] == "100"
    assert response.headers["X-HubSpot-RateLimit-Interval-Milliseconds"] == "10000"


def test_state_and_stats(api: httpx.Client, hubspot_mock: MockServer) -> None:
    api.post(f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [hs(3, 5)]})
    api.get(f"{PREFIX}/deals/contacts")
    api.get(f"{PREFIX}/nope/contacts")
    state = hubspot_mock.state()
    assert state["limits"] == [
        {
            "fromObjectType": "0-3",
            "toObjectType": "0-1",
            "category": "HUBSPOT_DEFINED",
            "typeId": 3,
            "label": None,
            "maxToObjectIds": 5,
        }
    ]
    assert state["stats"] == {
        "requests": 3,
        "by_status": {"200": 1, "201": 1, "400": 1},
        "rate_limited": 0,
        "faults": 0,
    }
    hubspot_mock.reset()
    assert hubspot_mock.state() == {
        "limits": [],
        "labels": [],
        "portals": {},
        "stats": {"requests": 0, "by_status": {}, "rate_limited": 0, "faults": 0},
    }


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"burst_limit": 0}, "burst_limit"),
        ({"burst_limit": True}, "burst_limit"),
        ({"fault_rate": 2}, "fault_rate"),
        ({"faults": ["418"]}, "unknown fault kinds"),
        ({"no_such_field": 1}, "unknown config fields"),
        ({"seed_file": "/nonexistent/seed.yaml"}, "cannot read seed file"),
        ({"tokens": {"t": {"scopes": "crm"}}}, "scopes"),
        ({"item_error_extras": "yes"}, "item_error_extras must be true or false"),
        ({"shuffle_label_order": 1}, "shuffle_label_order must be true or false"),
        ({"refuse_invalid_types": "no"}, "refuse_invalid_types must be true or false"),
        ({"daily_rate_limit_headers": None}, "daily_rate_limit_headers must be true or false"),
        ({"item_error_messages": "terse"}, "item_error_messages must map a rule to a message template"),
        ({"item_error_messages": {"TYPO": "x"}}, "unknown rule 'TYPO'"),
        ({"item_error_messages": {"NOT_CONFIGURED": "{limit}"}}, "names ['limit']"),
        ({"item_error_messages": {"NOT_CONFIGURED": "{"}}, "is not a template"),
    ],
)
def test_bad_config_is_refused_and_changes_nothing(hubspot_mock: MockServer, fields, fragment) -> None:
    with httpx.Client(base_url=hubspot_mock.base_url) as client:
        before = client.get("/_mock/config").json()
        response = client.patch("/_mock/config", json=fields)
        assert response.status_code == 400
        assert fragment in response.json()["message"]
        assert client.get("/_mock/config").json() == before


def test_config_output_never_shows_tokens(hubspot_mock: MockServer) -> None:
    hubspot_mock.configure(tokens={"secret-token-value": {"scopes": None}})
    with httpx.Client(base_url=hubspot_mock.base_url) as client:
        shown = client.get("/_mock/config").text
    assert "secret-token-value" not in shown
    assert json.loads(shown)["tokens"] == {"count": 1, "portals": {"default": 1}}
    assert "secret-token-value" not in repr(hubspot_mock.config)


def test_seed_file_via_config_replaces_the_limits(hubspot_mock: MockServer, api: httpx.Client) -> None:
    api.post(f"{PREFIX}/deals/companies/batch/create", json={"inputs": [hs(341, 5)]})
    hubspot_mock.configure(seed_file="demo")
    assert [(limit["toObjectType"], limit["typeId"]) for limit in hubspot_mock.state()["limits"]] == [
        ("0-1", 3),
        ("0-1", 101),
    ]
    assert (
        api.post(f"{PREFIX}/contacts/companies/batch/create", json={"inputs": [ud(103, 1)]}).status_code
        == 201
    )
