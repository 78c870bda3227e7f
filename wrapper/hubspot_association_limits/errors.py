"""The one exception hierarchy of the library, and ``from_response()`` that picks the class.

::

    HubSpotError
    ├── InvalidInputError (also a ValueError)     bad input, raised before any request
    ├── InsecureTransportError                     a token would go over plain HTTP
    ├── BatchIncompleteError                       part of a batch was applied, part was not
    ├── PacingTimeoutError                         pacing would make the call wait past its bound
    ├── APIConnectionError                         no response (connection refused, reset, ...)
    │   └── APITimeoutError
    └── APIStatusError                             any non-2xx answer (and an unreadable 2xx)
        ├── UnreadableResponseError      a 2xx with nothing this client can read
        ├── BadRequestError              400
        ├── AuthenticationError          401
        │   └── ExpiredAuthenticationError  401 EXPIRED_AUTHENTICATION
        ├── PermissionDeniedError        403
        │   └── MissingScopesError          403 with context.missingScopes
        ├── NotFoundError                404
        ├── ConflictError                409
        ├── LockedError                  423
        ├── RateLimitError               429
        │   └── DailyRateLimitError         429 policyName DAILY
        └── ServerError                  5xx (including HubSpot's 521-526)

Other statuses (477, other 4xx, 3xx) are a plain ``APIStatusError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

import httpx

from ._headers import CORRELATION_HEADER
from ._redact import redact
from ._types import AssociationTypeKey, ItemError, Limit, LimitInput

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BatchIncompleteError",
    "BudgetUnavailableError",
    "ConflictError",
    "DailyRateLimitError",
    "ExpiredAuthenticationError",
    "HubSpotError",
    "InsecureTransportError",
    "InvalidInputError",
    "LockedError",
    "MissingScopesError",
    "NotFoundError",
    "PacingTimeoutError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "UnreadableResponseError",
    "from_response",
]

_SNIPPET_LENGTH: Final = 200


class HubSpotError(Exception):
    """Root of every error this library raises. Its text never contains a token."""

    def __init__(self, message: str) -> None:
        super().__init__(redact(message))
        # The whole explanation, redacted; APIStatusError narrows it to HubSpot's own message.
        self.message = str(self.args[0])


class InvalidInputError(HubSpotError, ValueError):
    """An input is malformed; nothing was sent. ``index`` and ``field`` say where (None when global)."""

    def __init__(self, message: str, *, index: int | None = None, field: str | None = None) -> None:
        where = f"inputs[{index}]" if index is not None else ""
        if field:
            where = f"{where}.{field}" if where else field
        super().__init__(f"{where}: {message}" if where else message)
        self.index = index
        self.field = field


class InsecureTransportError(HubSpotError):
    """The token would have been sent over plain HTTP to a host that is not loopback, or to another host."""


class BudgetUnavailableError(HubSpotError):
    """The shared rate budget could not be reached (``on_redis_error="raise"``); nothing was sent."""


class PacingTimeoutError(HubSpotError):
    """The rate budget asked the call to wait longer than its ``RetryPolicy.total_wait`` allows.

    Raised instead of sleeping, before the request it would have paced is sent; requests the call
    sent before are not undone. ``wait`` is the wait the budget asked for, ``waited`` what the call
    had waited already, ``total_wait`` the bound.
    """

    def __init__(self, message: str, *, wait: float, waited: float, total_wait: float) -> None:
        super().__init__(message)
        self.wait = wait
        self.waited = waited
        self.total_wait = total_wait


class APIConnectionError(HubSpotError):
    """No HTTP response arrived (after retries): connection refused or reset, DNS, TLS."""


class APITimeoutError(APIConnectionError):
    """The request timed out (after retries)."""


class APIStatusError(HubSpotError):
    """HubSpot answered with a status that is not a success; every field of its error body, parsed.

    Fields missing from the body (or a body that is not JSON) are None or empty.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        correlation_id: str | None = None,
        category: str | None = None,
        sub_category: str | None = None,
        errors: Sequence[Mapping[str, Any]] = (),
        context: Mapping[str, Any] | None = None,
        policy_name: str | None = None,
        headers: httpx.Headers | None = None,
    ) -> None:
        text = f"HTTP {status_code}" + (f" {category}" if category else "") + f": {message}"
        if correlation_id:
            text += f" (correlation id {correlation_id})"
        super().__init__(text)
        self.status_code = status_code
        self.correlation_id = correlation_id
        self.category = category
        self.sub_category = sub_category
        self.errors = list(errors)
        self.context = dict(context or {})
        self.policy_name = policy_name
        self.headers = headers if headers is not None else httpx.Headers()
        # HubSpot's own ``message`` (or a summary of a non-JSON body); str(error) has the whole text.
        self.message = redact(message)


class UnreadableResponseError(APIStatusError):
    """A 2xx whose body holds nothing this client can read: not JSON, or neither results nor errors.

    A body that differs from the spec only in some fields is not this error: the result keeps what
    it could not read in ``unreadable``. ``inputs`` are the inputs the call sent; HubSpot answered
    2xx, so it may have applied them: read the pair back to see what holds.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        correlation_id: str | None = None,
        headers: httpx.Headers | Mapping[str, str] | None = None,
        inputs: Sequence[LimitInput | AssociationTypeKey] = (),
    ) -> None:
        super().__init__(
            message,
            status_code=status_code,
            correlation_id=correlation_id,
            headers=httpx.Headers(headers) if headers is not None else None,
        )
        self.inputs = list(inputs)


class BadRequestError(APIStatusError):
    """400: the request was malformed (HubSpot's VALIDATION_ERROR)."""


class AuthenticationError(APIStatusError):
    """401: the token is missing, wrong or revoked."""


class ExpiredAuthenticationError(AuthenticationError):
    """401 EXPIRED_AUTHENTICATION: the OAuth access token expired (and could not be refreshed)."""


class PermissionDeniedError(APIStatusError):
    """403: the token may not do this."""


class MissingScopesError(PermissionDeniedError):
    """403 naming the scopes the token lacks, in ``missing_scopes``."""

    @property
    def missing_scopes(self) -> list[str]:
        """The scopes HubSpot says are missing."""
        value = self.context.get("missingScopes", [])
        return [str(scope) for scope in value] if isinstance(value, list) else [str(value)]


class NotFoundError(APIStatusError):
    """404: unknown object type, association type or path (a wrong ``api_prefix`` shows up as this)."""


class ConflictError(APIStatusError):
    """409: conflicts with the current state. Not retried."""


class LockedError(APIStatusError):
    """423: the resource is locked for now (retried after >= 2 s)."""


class RateLimitError(APIStatusError):
    """429: a rate limit ran out; ``policy_name`` says which (TEN_SECONDLY_ROLLING, SECONDLY, DAILY)."""


class DailyRateLimitError(RateLimitError):
    """429 DAILY: the account's daily limit is used up. Never retried; pacing stops every call until reset."""


class ServerError(APIStatusError):
    """5xx, including the edge proxy's 521-526 (often with an HTML body)."""


class BatchIncompleteError(HubSpotError):
    """A batch that was split into chunks stopped part-way: some inputs were applied, others were not.

    ``applied`` holds the inputs HubSpot confirmed; ``not_applied`` the rest, in input order,
    including those of the chunk that failed (whose fate is unknown if the failure was a timeout:
    read the pair back to be sure). ``results`` and ``errors`` are what the applied chunks returned.
    The failure itself is ``__cause__`` (None when raised by ``BatchResult.raise_for_errors``).
    """

    def __init__(
        self,
        message: str,
        *,
        applied: Sequence[LimitInput | AssociationTypeKey],
        not_applied: Sequence[LimitInput | AssociationTypeKey],
        results: Sequence[Limit] = (),
        errors: Sequence[ItemError] = (),
    ) -> None:
        super().__init__(f"{message} ({len(applied)} applied, {len(not_applied)} not applied)")
        self.applied = list(applied)
        self.not_applied = list(not_applied)
        self.results = list(results)
        self.errors = list(errors)


# status -> class; refined by the body below (EXPIRED_AUTHENTICATION, missingScopes, DAILY).
_BY_STATUS: Final[Mapping[int, type[APIStatusError]]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    423: LockedError,
    429: RateLimitError,
}


def _error_class(status_code: int, body: Mapping[str, Any]) -> type[APIStatusError]:
    if status_code == 401 and body.get("category") == "EXPIRED_AUTHENTICATION":
        return ExpiredAuthenticationError
    if status_code == 403 and isinstance(body.get("context"), dict) and "missingScopes" in body["context"]:
        return MissingScopesError
    if status_code == 429 and str(body.get("policyName", "")).upper() == "DAILY":
        return DailyRateLimitError
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, APIStatusError)


def parse_json_object(content: bytes) -> dict[str, Any]:
    """The body as a JSON object, or {} when it is empty, HTML, truncated or not an object."""
    try:
        value = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return {}
    return value if isinstance(value, dict) else {}


def _snippet(content: bytes) -> str:
    text = content.decode("utf-8", errors="replace")
    title = re.search(r"(?is)<title[^>]*>(.*?)</title>", text)
    if title:
        text = title.group(1)
    text = " ".join(re.sub(r"(?s)<[^>]*>", " ", text).split())
    return text[:_SNIPPET_LENGTH] + ("..." if len(text) > _SNIPPET_LENGTH else "")


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def from_response(status_code: int, headers: Mapping[str, str], content: bytes) -> APIStatusError:
    """The typed error for one response. Never raises, whatever the body holds."""
    body = parse_json_object(content)
    error_class = _error_class(status_code, body)
    message = _optional_str(body.get("message"))
    if message is None:
        snippet = _snippet(content)
        message = f"non-JSON body: {snippet}" if snippet else "empty body"
    raw_errors = body.get("errors")
    context = body.get("context")
    http_headers = httpx.Headers(headers)
    return error_class(
        message,
        status_code=status_code,
        correlation_id=http_headers.get(CORRELATION_HEADER) or _optional_str(body.get("correlationId")),
        category=_optional_str(body.get("category")) or _optional_str(body.get("errorType")),
        sub_category=_optional_str(body.get("subCategory")),
        errors=[item for item in raw_errors if isinstance(item, dict)]
        if isinstance(raw_errors, list)
        else [],
        context=context if isinstance(context, dict) else None,
        policy_name=_optional_str(body.get("policyName")),
        headers=http_headers,
    )
