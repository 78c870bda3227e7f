"""Between HubSpot's wire format and the library's types, in one place.

Requests: the library's inputs become the generated request models (their ``to_dict`` is the body).

Responses are read here, leniently, and not through the generated models. HubSpot's real answers
differ from every published contract (``evidence/real-traffic.json``: a string where upstream
declares an object, ``null`` where it declares a value, keys it never declared, result items of an
undefined schema), and a call that changed a portal must never lose what it applied because one
optional field was off. So every result and item error that can be read is returned, and what
cannot is kept raw on the result as an ``Unreadable`` (and logged at debug). Only a 2xx body with
neither ``results`` nor ``errors`` to read is an error, ``UnreadableResponseError``, which names the
inputs that were sent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

import httpx

from ._call import Answer, Exchange
from ._generated import generated
from ._headers import CORRELATION_HEADER
from ._logging import logger
from ._redact import redact
from ._results import BatchResult, LabelsResult, LimitsResult, ResponseMeta
from ._types import AssociationLabel, AssociationTypeKey, ItemError, Limit, LimitInput, Unreadable
from .errors import UnreadableResponseError, from_response

if TYPE_CHECKING:
    from hubspot_association_limits_api.models import (
        KeyBatchInput,
        LabelCreateInput,
        LabelUpdateInput,
        LimitBatchInput,
    )

__all__ = [
    "key_body",
    "label_create_body",
    "label_update_body",
    "limit_body",
    "meta_of",
    "raise_for_status",
    "read_batch",
    "read_labels",
    "read_limits",
]

_Item = LimitInput | AssociationTypeKey
_SHOWN_INPUTS: Final = 5


# --- requests ---------------------------------------------------------------------------------------


def limit_body(chunk: Sequence[LimitInput]) -> LimitBatchInput:
    """The create/update request body for one chunk."""
    g = generated()
    return g.LimitBatchInput(
        inputs=[
            g.LimitInput(
                category=g.category(item.category),
                type_id=item.type_id,
                max_to_object_ids=item.max_to_object_ids,
            )
            for item in chunk
        ]
    )


def key_body(chunk: Sequence[AssociationTypeKey]) -> KeyBatchInput:
    """The purge request body for one chunk."""
    g = generated()
    return g.KeyBatchInput(
        inputs=[g.AssociationTypeKey(category=g.category(key.category), type_id=key.type_id) for key in chunk]
    )


def label_create_body(label: str, name: str, inverse_label: str | None) -> LabelCreateInput:
    """The body of a label create (``inverseLabel`` only for a paired label)."""
    g = generated()
    inverse = g.UNSET if inverse_label is None else inverse_label
    return g.LabelCreateInput(label=label, name=name, inverse_label=inverse)


def label_update_body(type_id: int, label: str, inverse_label: str | None) -> LabelUpdateInput:
    """The body of a label rename."""
    g = generated()
    inverse = g.UNSET if inverse_label is None else inverse_label
    return g.LabelUpdateInput(association_type_id=type_id, label=label, inverse_label=inverse)


# --- responses --------------------------------------------------------------------------------------


def meta_of(exchange: Exchange) -> ResponseMeta:
    """The meta of a request's final answer (its rate-limit headers as the request flow read them)."""
    response = exchange.response
    # The generated Response keeps httpx's own Headers (typed there as a mapping).
    headers = cast(httpx.Headers, response.headers)
    return ResponseMeta(int(response.status_code), headers, exchange.rate_limit)


def raise_for_status(exchange: Exchange) -> None:
    """The one place a non-2xx answer becomes a typed error (with why it was not retried, as a note)."""
    status = int(exchange.response.status_code)
    if not 200 <= status < 300:
        error = from_response(status, exchange.response.headers, exchange.response.content)
        if exchange.gave_up:
            error.add_note(f"not retried: {exchange.gave_up} ({exchange.attempts} attempt(s))")
        raise error


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _describe(item: _Item) -> str:
    text = f"{item.category} {item.type_id}"
    return f"{text} max {item.max_to_object_ids}" if isinstance(item, LimitInput) else text


def _unreadable_body(response: Answer, why: str, sent: Sequence[_Item]) -> UnreadableResponseError:
    message = f"HubSpot answered {response.status_code} with a body that is not the documented JSON ({why})"
    if sent:
        shown = ", ".join(_describe(item) for item in sent[:_SHOWN_INPUTS])
        more = f" and {len(sent) - _SHOWN_INPUTS} more" if len(sent) > _SHOWN_INPUTS else ""
        message += (
            f"; it was sent {len(sent)} input(s): {shown}{more}. HubSpot may have applied them: "
            "read the pair back to see what holds"
        )
    return UnreadableResponseError(
        message,
        status_code=int(response.status_code),
        correlation_id=response.headers.get(CORRELATION_HEADER),
        headers=response.headers,
        inputs=sent,
    )


def _object(response: Answer, sent: Sequence[_Item]) -> dict[str, Any]:
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError) as error:
        raise _unreadable_body(response, f"not JSON: {error}", sent) from error
    if not isinstance(body, dict):
        raise _unreadable_body(response, f"a JSON {type(body).__name__}, not an object", sent)
    return body


def _list(
    body: Mapping[str, Any], name: str, unreadable: list[Unreadable], *, required: bool = False
) -> list[Any] | None:
    value = body.get(name)
    if type(value) is list:
        return value
    if value is not None or required:
        unreadable.append(Unreadable(name, value, "not a list"))
    return None


def _at(where: str, index: int) -> str:
    return f"{where}[{index}]"


def _keyed(value: object, where: str, unreadable: list[Unreadable]) -> dict[str, Any] | None:
    # An item is named by (category, typeId); without both it cannot be told from any other.
    if not isinstance(value, dict):
        unreadable.append(Unreadable(where, value, "not an object"))
        return None
    if not isinstance(value.get("category"), str) or not _is_int(value.get("typeId")):
        unreadable.append(Unreadable(where, value, "no category and integer typeId to name it by"))
        return None
    return value


def _optional_label(item: Mapping[str, Any], where: str, unreadable: list[Unreadable]) -> str | None:
    label = item.get("label")
    if label is None or isinstance(label, str):
        return label
    unreadable.append(Unreadable(f"{where}.label", label, "not a string"))
    return None


def _limits(items: list[Any], unreadable: list[Unreadable]) -> list[Limit]:
    limits = []
    for index, value in enumerate(items):
        # The usual entry, read without building its location: every field as HubSpot sends it.
        if type(value) is dict:
            category, type_id = value.get("category"), value.get("typeId")
            label, maximum = value.get("label"), value.get("userEnforcedMaxToObjectIds")
            if (
                type(category) is str
                and type(type_id) is int
                and (label is None or type(label) is str)
                and (maximum is None or type(maximum) is int)
            ):
                limits.append(Limit(category, type_id, label, maximum))
                continue
        limit = _limit(value, _at("results", index), unreadable)
        if limit is not None:
            limits.append(limit)
    return limits


def _limit(value: object, where: str, unreadable: list[Unreadable]) -> Limit | None:
    item = _keyed(value, where, unreadable)
    if item is None:
        return None
    maximum = item.get("userEnforcedMaxToObjectIds")
    if maximum is not None and not _is_int(maximum):
        unreadable.append(Unreadable(f"{where}.userEnforcedMaxToObjectIds", maximum, "not an integer"))
        maximum = None
    return Limit(item["category"], item["typeId"], _optional_label(item, where, unreadable), maximum)


def _label(value: object, where: str, unreadable: list[Unreadable]) -> AssociationLabel | None:
    item = _keyed(value, where, unreadable)
    if item is None:
        return None
    return AssociationLabel(item["category"], item["typeId"], _optional_label(item, where, unreadable))


def _text(error: Mapping[str, Any], name: str, where: str, unreadable: list[Unreadable]) -> str:
    value = error.get(name)
    if isinstance(value, str):
        return value
    if value is not None:
        unreadable.append(Unreadable(f"{where}.{name}", value, "not a string"))
    return ""


def _context(value: object, where: str, unreadable: list[Unreadable]) -> dict[str, list[str]]:
    # HubSpot's context maps names to lists of strings; a lone scalar is read as a list of one.
    if value is None:
        return {}
    if not isinstance(value, dict):
        unreadable.append(Unreadable(f"{where}.context", value, "not an object"))
        return {}
    context: dict[str, list[str]] = {}
    for name, values in value.items():
        if isinstance(values, list) and all(isinstance(v, str | int | float) for v in values):
            context[str(name)] = [str(v) for v in values]
        elif isinstance(values, str | int | float) and not isinstance(values, bool):
            context[str(name)] = [str(values)]
        else:
            unreadable.append(Unreadable(f"{where}.context.{name}", values, "not a list of strings"))
    return context


def _sub_category(value: object, where: str, unreadable: list[Unreadable]) -> str | dict[str, Any] | None:
    # HubSpot sends a string; upstream declares an object. Both are kept as sent.
    if value is None or isinstance(value, str | dict):
        return value
    unreadable.append(Unreadable(f"{where}.subCategory", value, "neither a string nor an object"))
    return None


def _type_ids(context: Mapping[str, list[str]]) -> list[str]:
    # The typeIds an item error names: HubSpot's context.type ("0-5": a prefix whose meaning is not
    # published, then the typeId; "0--1" for -1) and a plain context.typeId.
    ids = list(context.get("typeId", []))
    for value in context.get("type", []):
        _, dash, type_id = value.partition("-")
        if dash:
            ids.append(type_id)
    return ids


def _match(context: Mapping[str, list[str]], chunk: Sequence[_Item], only_error: bool) -> _Item | None:
    # HubSpot does not publish how an item error names its input: match by the typeIds it names
    # (and category, when it names one); a lone error of a one-input chunk is that input's.
    type_ids = _type_ids(context)
    categories = context.get("category", [])
    candidates = [
        item
        for item in chunk
        if str(item.type_id) in type_ids and (not categories or item.category in categories)
    ]
    if len(candidates) == 1:
        return candidates[0]
    if only_error and len(chunk) == 1:
        return chunk[0]
    return None


def _item_error(
    value: object, where: str, chunk: Sequence[_Item], only_error: bool, unreadable: list[Unreadable]
) -> ItemError | None:
    if not isinstance(value, dict):
        unreadable.append(Unreadable(where, value, "not an object"))
        return None
    context = _context(value.get("context"), where, unreadable)
    return ItemError(
        status=_text(value, "status", where, unreadable),
        category=_text(value, "category", where, unreadable),
        # A server may echo the token; repr(result) must not show it.
        message=redact(_text(value, "message", where, unreadable)),
        context=context,
        input=_match(context, chunk, only_error),
        sub_category=_sub_category(value.get("subCategory"), where, unreadable),
    )


def _log_unreadable(unreadable: list[Unreadable], response: Answer) -> None:
    logger.debug(
        "kept %d part(s) of HubSpot's %d answer raw on the result, unread: %s",
        len(unreadable),
        response.status_code,
        "; ".join(f"{u.where}: {u.reason}" for u in unreadable),
    )


def read_batch(exchange: Exchange, chunk: Sequence[LimitInput]) -> BatchResult:
    """A create/update answer: every result and item error that can be read, the rest kept raw."""
    response = exchange.response
    status_code = int(response.status_code)
    if not 200 <= status_code < 300:
        raise_for_status(exchange)
    body = _object(response, chunk)
    unreadable: list[Unreadable] = []
    raw_results, raw_errors = body.get("results"), body.get("errors")
    if type(raw_results) is not list:  # the usual answer has a list, and errors only on a 207
        raw_results = _list(body, "results", unreadable)
    if raw_errors is not None and type(raw_errors) is not list:
        raw_errors = _list(body, "errors", unreadable)
    if raw_results is None and raw_errors is None:
        raise _unreadable_body(response, "neither results nor errors to read", chunk)
    results = _limits(raw_results, unreadable) if raw_results else []
    errors: list[ItemError] = []
    only_error = len(raw_errors or ()) == 1
    for index, item in enumerate(raw_errors or ()):
        error = _item_error(item, _at("errors", index), chunk, only_error, unreadable)
        if error is not None:
            errors.append(error)
    status = body.get("status")
    if status is not None and type(status) is not str:
        unreadable.append(Unreadable("status", status, "not a string"))
        status = None
    # The generated Response keeps httpx's own Headers (typed there as a mapping).
    meta = ResponseMeta(status_code, cast(httpx.Headers, response.headers), exchange.rate_limit)
    if unreadable:
        _log_unreadable(unreadable, response)
    return BatchResult(results, errors, status, meta, list(chunk), unreadable)


def _results_of(exchange: Exchange, unreadable: list[Unreadable]) -> list[Any]:
    raise_for_status(exchange)
    items = _list(_object(exchange.response, ()), "results", unreadable, required=True)
    if items is None:
        raise _unreadable_body(exchange.response, "no list of results", ())
    return items


def read_limits(exchange: Exchange) -> LimitsResult:
    """A read of limits (one pair, or all): the limits that can be read, the rest kept raw."""
    unreadable: list[Unreadable] = []
    limits = _limits(_results_of(exchange, unreadable), unreadable)
    if unreadable:
        _log_unreadable(unreadable, exchange.response)
    return LimitsResult(results=limits, meta=meta_of(exchange), unreadable=unreadable)


def read_labels(exchange: Exchange) -> LabelsResult:
    """A list of association types (the labels of a pair, or the ones just created)."""
    unreadable: list[Unreadable] = []
    labels = [
        _label(item, _at("results", i), unreadable)
        for i, item in enumerate(_results_of(exchange, unreadable))
    ]
    if unreadable:
        _log_unreadable(unreadable, exchange.response)
    return LabelsResult(
        results=[label for label in labels if label is not None],
        meta=meta_of(exchange),
        unreadable=unreadable,
    )
