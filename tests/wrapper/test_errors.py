"""``errors.from_response``: every status and body shape gives the right typed error, never a parse error."""

from __future__ import annotations

import json

import pytest
from hubspot_association_limits import errors

CID = "aeb5f871-7f07-4993-9211-075dc63e7cbf"


def _body(**fields: object) -> bytes:
    return json.dumps({"status": "error", "message": "boom", "correlationId": CID, **fields}).encode()


@pytest.mark.parametrize(
    ("status", "content", "expected"),
    [
        (400, _body(category="VALIDATION_ERROR"), errors.BadRequestError),
        (401, _body(category="INVALID_AUTHENTICATION"), errors.AuthenticationError),
        (401, _body(category="EXPIRED_AUTHENTICATION"), errors.ExpiredAuthenticationError),
        (403, _body(category="MISSING_SCOPES"), errors.PermissionDeniedError),
        (
            403,
            _body(category="MISSING_SCOPES", context={"missingScopes": ["crm.schemas.deals.write"]}),
            errors.MissingScopesError,
        ),
        (404, _body(category="OBJECT_NOT_FOUND"), errors.NotFoundError),
        (409, _body(category="CONFLICT"), errors.ConflictError),
        (423, _body(category="LOCKED"), errors.LockedError),
        (429, _body(errorType="RATE_LIMIT", policyName="TEN_SECONDLY_ROLLING"), errors.RateLimitError),
        (429, _body(errorType="RATE_LIMIT", policyName="DAILY"), errors.DailyRateLimitError),
        (477, _body(category="MIGRATION_IN_PROGRESS"), errors.APIStatusError),
        (405, _body(category="METHOD_NOT_ALLOWED"), errors.APIStatusError),
        (302, b"", errors.APIStatusError),
        (500, _body(category="INTERNAL_ERROR"), errors.ServerError),
        (
            502,
            b"<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>",
            errors.ServerError,
        ),
        (503, b"", errors.ServerError),
        (504, b'{"status": "error", "mess', errors.ServerError),
        (521, b"<html>Web server is down</html>", errors.ServerError),
        (522, b"", errors.ServerError),
        (523, b"", errors.ServerError),
        (524, b"<!DOCTYPE html><html><title>A timeout occurred</title></html>", errors.ServerError),
        (525, b"\xff\xfe garbage", errors.ServerError),
        (526, b"[1, 2]", errors.ServerError),
        (599, b"null", errors.ServerError),
    ],
)
def test_status_and_body_pick_the_class(status: int, content: bytes, expected: type[errors.APIStatusError]):
    error = errors.from_response(status, {"X-HubSpot-Correlation-Id": CID}, content)
    assert type(error) is expected
    assert error.status_code == status
    assert error.correlation_id == CID
    assert isinstance(error, errors.HubSpotError)
    assert str(error)  # always a readable message


def test_every_field_of_the_json_body_is_kept():
    content = _body(
        category="VALIDATION_ERROR",
        subCategory="INVALID_LIMIT",
        errors=[{"message": "too big", "in": "maxToObjectIds"}, "not-an-object"],
        context={"typeId": ["3"]},
    )
    error = errors.from_response(400, {}, content)
    assert (error.category, error.sub_category) == ("VALIDATION_ERROR", "INVALID_LIMIT")
    assert error.message == "boom"  # HubSpot's own message; str() adds status, category, correlation id
    assert error.errors == [{"message": "too big", "in": "maxToObjectIds"}]
    assert error.context == {"typeId": ["3"]}
    assert error.correlation_id == CID  # from the body when the header is absent
    assert "VALIDATION_ERROR" in str(error) and CID in str(error)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty body"),
        (b"<html><title>502 Bad Gateway</title></html>", "502 Bad Gateway"),
        (b'{"message": "trunc', '{"message": "trunc'),
        (b"x" * 5000, "..."),
    ],
)
def test_non_json_bodies_are_summarised(content: bytes, fragment: str):
    error = errors.from_response(502, {}, content)
    assert fragment in str(error)
    assert len(str(error)) < 400


def test_missing_scopes_and_policy_name():
    scopes = errors.from_response(
        403, {}, _body(category="MISSING_SCOPES", context={"missingScopes": ["a", "b"]})
    )
    assert isinstance(scopes, errors.MissingScopesError)
    assert scopes.missing_scopes == ["a", "b"]
    daily = errors.from_response(429, {}, _body(errorType="RATE_LIMIT", policyName="DAILY"))
    assert daily.policy_name == "DAILY" and daily.category == "RATE_LIMIT"


def test_invalid_input_error_is_a_value_error_naming_index_and_field():
    error = errors.InvalidInputError("must be between 1 and 10000, got 0", index=3, field="maxToObjectIds")
    assert isinstance(error, ValueError) and isinstance(error, errors.HubSpotError)
    assert str(error) == "inputs[3].maxToObjectIds: must be between 1 and 10000, got 0"
