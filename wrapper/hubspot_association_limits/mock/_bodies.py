"""HubSpot's response bodies, as pure functions: batch envelopes, error bodies, the edge's HTML pages."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Final

from ._store import BatchOutcome, ItemFailure, StoredLimit
from ._words import INVALID_ASSOCIATION_TYPE, UNKNOWN_ASSOCIATION_TYPE, configured_message, item_context

__all__ = [
    "batch_body",
    "edge_html",
    "error_body",
    "item_error",
    "limit_json",
    "new_correlation_id",
    "now_iso",
    "rate_limit_body",
    "refused_batch_body",
]

_RATE_LIMIT_MESSAGES: Final = {
    "TEN_SECONDLY_ROLLING": "You have reached your ten_secondly_rolling limit.",
    "DAILY": "You have reached your daily limit.",
}
_EDGE_TITLES: Final = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    504: "Gateway Timeout",
    524: "A timeout occurred",
}


def new_correlation_id() -> str:
    """A fresh correlation id (a uuid4), one per request."""
    return str(uuid.uuid4())


def now_iso() -> str:
    """The current UTC time as HubSpot writes it: ``2026-03-02T10:15:30.123Z``."""
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def error_body(
    correlation_id: str,
    message: str,
    category: str,
    *,
    errors: Sequence[Mapping[str, str]] = (),
    context: Mapping[str, list[str]] | None = None,
    sub_category: str | None = None,
) -> dict[str, Any]:
    """HubSpot's standard error body."""
    body: dict[str, Any] = {"status": "error", "message": message, "correlationId": correlation_id}
    body["category"] = category
    if sub_category is not None:
        body["subCategory"] = sub_category
    if errors:
        body["errors"] = [dict(error) for error in errors]
    if context is not None:
        body["context"] = dict(context)
    return body


def rate_limit_body(correlation_id: str, policy_name: str) -> dict[str, Any]:
    """HubSpot's 429 body (it has ``errorType`` and ``policyName`` instead of ``category``)."""
    return {
        "status": "error",
        "message": _RATE_LIMIT_MESSAGES[policy_name],
        "errorType": "RATE_LIMIT",
        "correlationId": correlation_id,
        "policyName": policy_name,
        "requestId": str(uuid.uuid4()),
    }


def limit_json(limit: StoredLimit, *, with_label: bool = True) -> dict[str, Any]:
    """One limit as create and the reads return it (update omits ``label``)."""
    body: dict[str, Any] = {"category": limit.key.category, "typeId": limit.key.type_id}
    if with_label:
        body["label"] = limit.label
    body["userEnforcedMaxToObjectIds"] = limit.max_to_object_ids
    return body


def _message(failure: ItemFailure, messages: Mapping[str, str]) -> str:
    template = messages.get(failure.reason)
    if template is None:
        return failure.message
    f = failure
    return configured_message(
        template, f.message, f.category, f.type_id, f.from_object_type, f.to_object_type
    )


def item_error(
    failure: ItemFailure, *, extras: bool = False, messages: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """One item error in HubSpot's shape. The subCategory is sent where HubSpot's is known (an
    invalid association type); ``extras`` adds what HubSpot is not known to send: the mock's
    ``context.reason`` and the empty ``errors`` and ``links`` the upstream spec requires.
    ``messages`` rewords it by its rule (``MockConfig.item_error_messages``)."""
    body: dict[str, Any] = {"status": "error", "category": "VALIDATION_ERROR"}
    if failure.reason == UNKNOWN_ASSOCIATION_TYPE:
        body["subCategory"] = INVALID_ASSOCIATION_TYPE
    body["message"] = _message(failure, messages or {})
    body["context"] = item_context(failure.type_id, failure.from_object_type, failure.to_object_type)
    if extras:
        body["context"]["reason"] = [failure.reason]
        body["errors"], body["links"] = [], {}
    return body


def batch_body(
    outcome: BatchOutcome,
    *,
    with_label: bool,
    started_at: str,
    extras: bool = False,
    messages: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The create/update envelope; with ``errors`` and ``numErrors`` when some items failed, and
    ``CANCELED`` when every item failed (``COMPLETE`` otherwise)."""
    canceled = bool(outcome.failures) and not outcome.applied
    body: dict[str, Any] = {
        "status": "CANCELED" if canceled else "COMPLETE",
        "results": [limit_json(limit, with_label=with_label) for limit in outcome.applied],
    }
    if outcome.failures:
        body["numErrors"] = len(outcome.failures)
        body["errors"] = [
            item_error(failure, extras=extras, messages=messages) for failure in outcome.failures
        ]
    body["startedAt"] = started_at
    body["completedAt"] = now_iso()
    return body


def refused_batch_body(
    correlation_id: str,
    outcome: BatchOutcome,
    keys: Sequence[tuple[str, int]],
    messages: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The 400 of a batch refused for naming association types the pair lacks (a purge; a create or
    update with ``MockConfig.refuse_invalid_types``): the first one's item error as the body
    (message, subCategory, context), and ``errors[]`` naming every such input."""
    invalid = {(failure.category, failure.type_id) for failure in outcome.failures}
    indexes = [index for index, key in enumerate(keys) if key in invalid]
    first = item_error(outcome.failures[0], messages=messages)
    return error_body(
        correlation_id,
        first["message"],
        first["category"],
        errors=[
            {"message": _message(failure, messages or {}), "in": f"inputs[{index}]"}
            for index, failure in zip(indexes, outcome.failures, strict=True)
        ],
        context=first["context"],
        sub_category=first["subCategory"],
    )


def edge_html(status: int) -> str:
    """The HTML page HubSpot's edge proxy answers with for 500, 502, 504 and 524."""
    title = _EDGE_TITLES.get(status, "Error")
    return (
        f"<!DOCTYPE html>\n<html><head><title>{status} {title}</title></head>\n"
        f"<body><h1>{status} {title}</h1>\n<p>The origin did not answer in time. Please try again.</p>"
        "</body></html>\n"
    )
