"""The mock's starlette routes: parse the request, call the store, render HubSpot's bodies."""

from __future__ import annotations

import json
import re
from typing import Any, Final

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from ._bodies import (
    batch_body,
    edge_html,
    error_body,
    limit_json,
    new_correlation_id,
    now_iso,
    refused_batch_body,
)
from ._config import DEFAULT_PORTAL, ConfigError, MockConfig, config_from_json
from ._edge import APPLIED_THEN_FAILED, CORRELATION_ID, FAULT, PORTAL, edge
from ._registry import AssociationType
from ._runtime import Runtime, config_json
from ._store import BatchOutcome, LimitInput, LimitStore
from ._types import LabelRefusal
from ._validation import validate_body
from ._words import UNKNOWN_ASSOCIATION_TYPE

__all__ = ["MockApp", "create_app"]

_CONTROL_PREFIX: Final = "/_mock/"
_DATED_VERSION: Final = re.compile(r"20[0-9]{2}-(0[1-9]|1[0-2])")
_BASE: Final = "/crm/{first}/{second}/definitions/configurations"
_LABELS: Final = "/crm/{first}/{second}/{fromObjectType}/{toObjectType}/labels"
_INT32_MAX: Final = 2**31 - 1


class MockApp(Starlette):
    """The mock's ASGI app: HubSpot's edge (see ``_edge``) in front of starlette's routing."""

    runtime: Runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(_CONTROL_PREFIX):
            return await super().__call__(scope, receive, send)
        await edge(self.runtime, super().__call__, scope, receive, send)


def create_app(config: MockConfig | None = None) -> MockApp:
    """A mock of HubSpot's association-limit service; raises SeedError for an unusable seed file."""
    app = MockApp(
        routes=[
            Route(f"{_BASE}/all", _list_all, methods=["GET"]),
            Route(f"{_BASE}/{{fromObjectType}}/{{toObjectType}}", _get_pair, methods=["GET"]),
            Route(f"{_BASE}/{{fromObjectType}}/{{toObjectType}}/batch/create", _create, methods=["POST"]),
            Route(f"{_BASE}/{{fromObjectType}}/{{toObjectType}}/batch/update", _update, methods=["POST"]),
            Route(f"{_BASE}/{{fromObjectType}}/{{toObjectType}}/batch/purge", _purge, methods=["POST"]),
            Route(_LABELS, _labels, methods=["GET", "POST", "PUT"]),
            Route(f"{_LABELS}/{{associationTypeId}}", _delete_label, methods=["DELETE"]),
            Route("/_mock/state", _state, methods=["GET"]),
            Route("/_mock/reset", _reset, methods=["POST"]),
            Route("/_mock/config", _configure, methods=["GET", "PATCH"]),
        ],
        exception_handlers={HTTPException: _http_exception},
    )
    app.runtime = Runtime(config or MockConfig())
    return app


class _Refused(Exception):
    """A request error; carries the response that says so."""

    def __init__(self, response: Response) -> None:
        self.response = response


def _runtime(request: Request) -> Runtime:
    app = request.app
    assert isinstance(app, MockApp)
    return app.runtime


def _store(request: Request) -> LimitStore:
    """The store of the portal the request's token belongs to."""
    return _runtime(request).portal(str(request.scope.get(PORTAL, DEFAULT_PORTAL)))


def _correlation_id(request: Request) -> str:
    return str(request.scope.get(CORRELATION_ID) or new_correlation_id())


def _error(
    request: Request, status: int, message: str, category: str, errors: list[dict[str, str]]
) -> _Refused:
    body = error_body(_correlation_id(request), message, category, errors=errors)
    return _Refused(JSONResponse(body, status_code=status))


def _check_prefix(request: Request) -> None:
    first, second = request.path_params["first"], request.path_params["second"]
    if (first, second) in (("associations", "v4"), ("v4", "associations")):
        return
    if first == "associations" and _DATED_VERSION.fullmatch(second):
        return
    raise HTTPException(404)


def _object_types(request: Request) -> tuple[str, str]:
    _check_prefix(request)
    registry = _store(request).registry
    ids = []
    for name in ("fromObjectType", "toObjectType"):
        value = request.path_params[name]
        object_id = registry.object_type(value)
        if object_id is None:
            message = f"Unable to infer object type from: {value}"
            raise _error(request, 400, message, "VALIDATION_ERROR", [{"message": message, "in": name}])
        ids.append(object_id)
    return ids[0], ids[1]


async def _json_body(request: Request, schema_name: str) -> dict[str, Any]:
    """The validated JSON body; raises _Refused with 415, 413 or 400."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        message = f"Content type '{media_type or 'none'}' is not supported; send application/json"
        raise _error(request, 415, message, "VALIDATION_ERROR", [{"message": message, "in": "Content-Type"}])
    limit = _runtime(request).config.max_body_bytes
    too_large = _error(request, 413, f"The request body exceeds {limit} bytes", "VALIDATION_ERROR", [])
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise too_large
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except ValueError as exc:
        line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (1, 1)
        message = f"Invalid input JSON on line {line}, column {column}: {getattr(exc, 'msg', 'not UTF-8')}"
        raise _error(
            request, 400, message, "VALIDATION_ERROR", [{"message": message, "in": "body"}]
        ) from None
    problems = validate_body(body, schema_name)
    if problems:
        errors = [{"message": problem.message, "in": problem.field} for problem in problems]
        message = f"Invalid input: {problems[0].field}: {problems[0].message}"
        raise _error(request, 400, message, "VALIDATION_ERROR", errors)
    assert isinstance(body, dict)
    return body


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def _refusals(handler: Any) -> Any:
    """Turn _Refused into its response, so handlers read as the success path."""

    async def wrapped(request: Request) -> Response:
        try:
            response: Response = await handler(request)
        except _Refused as refused:
            return refused.response
        return response

    return wrapped


def _applied_then_failed(request: Request) -> Response | None:
    if request.scope.get(FAULT) == APPLIED_THEN_FAILED:
        return Response(edge_html(502), status_code=502, media_type="text/html")
    return None


def _limit_inputs(body: dict[str, Any]) -> list[LimitInput]:
    return [LimitInput(item["category"], item["typeId"], item["maxToObjectIds"]) for item in body["inputs"]]


def _refused_batch(request: Request, outcome: BatchOutcome, keys: list[tuple[str, int]]) -> Response:
    messages = _runtime(request).config.item_error_messages
    body = refused_batch_body(_correlation_id(request), outcome, keys, messages)
    return JSONResponse(body, status_code=400)


def _batch_response(
    request: Request, inputs: list[LimitInput], outcome: BatchOutcome, started_at: str, *, ok_status: int
) -> Response:
    config = _runtime(request).config
    if config.refuse_invalid_types and _names_unknown_types(outcome):
        return _refused_batch(request, outcome, [(item.category, item.type_id) for item in inputs])
    failed = _applied_then_failed(request)
    if failed is not None:
        return failed
    body = batch_body(
        outcome,
        with_label=ok_status == 201,
        started_at=started_at,
        extras=config.item_error_extras,
        messages=config.item_error_messages,
    )
    return JSONResponse(body, status_code=207 if outcome.failures else ok_status)


def _names_unknown_types(outcome: BatchOutcome) -> bool:
    return any(failure.reason == UNKNOWN_ASSOCIATION_TYPE for failure in outcome.failures)


@_refusals
async def _create(request: Request) -> Response:
    from_type, to_type = _object_types(request)
    inputs = _limit_inputs(await _json_body(request, "LimitBatchInput"))
    started_at = now_iso()
    refuse = _runtime(request).config.refuse_invalid_types
    outcome = _store(request).create(from_type, to_type, inputs, refuse_unknown=refuse)
    return _batch_response(request, inputs, outcome, started_at, ok_status=201)


@_refusals
async def _update(request: Request) -> Response:
    from_type, to_type = _object_types(request)
    inputs = _limit_inputs(await _json_body(request, "LimitBatchInput"))
    started_at = now_iso()
    refuse = _runtime(request).config.refuse_invalid_types
    outcome = _store(request).update(from_type, to_type, inputs, refuse_unknown=refuse)
    return _batch_response(request, inputs, outcome, started_at, ok_status=200)


@_refusals
async def _purge(request: Request) -> Response:
    from_type, to_type = _object_types(request)
    body = await _json_body(request, "KeyBatchInput")
    keys = [(item["category"], item["typeId"]) for item in body["inputs"]]
    outcome = _store(request).purge(from_type, to_type, keys)
    if outcome.failures:
        # HubSpot answers an invalid type in a purge with an error (evidence: 207 or 400); the mock
        # refuses the batch with 400 in the words of HubSpot's item error for the same mistake.
        return _refused_batch(request, outcome, keys)
    return _applied_then_failed(request) or Response(status_code=204)


@_refusals
async def _get_pair(request: Request) -> Response:
    from_type, to_type = _object_types(request)
    limits = _store(request).pair(from_type, to_type)
    return _applied_then_failed(request) or JSONResponse({"results": [limit_json(limit) for limit in limits]})


@_refusals
async def _list_all(request: Request) -> Response:
    _check_prefix(request)
    limits = _store(request).all()
    return _applied_then_failed(request) or JSONResponse({"results": [limit_json(limit) for limit in limits]})


def _label_json(association_type: AssociationType) -> dict[str, Any]:
    t = association_type
    return {"category": t.category, "typeId": t.type_id, "label": t.label}


def _label_refused(request: Request, refusal: LabelRefusal) -> Response:
    category = "OBJECT_NOT_FOUND" if refusal.status == 404 else "VALIDATION_ERROR"
    errors = [{"message": refusal.message, "in": refusal.field}]
    return JSONResponse(
        error_body(_correlation_id(request), refusal.message, category, errors=errors),
        status_code=refusal.status,
    )


async def _labels(request: Request) -> Response:
    # One route for the three methods, so that a 405 lists every method the path has.
    handler = {"GET": _list_labels, "POST": _create_label, "PUT": _update_label}[request.method]
    response: Response = await handler(request)
    return response


@_refusals
async def _list_labels(request: Request) -> Response:
    from_type, to_type = _object_types(request)
    types = _runtime(request).label_order.arrange(_store(request).labels(from_type, to_type))
    return _applied_then_failed(request) or JSONResponse({"results": [_label_json(t) for t in types]})


@_refusals
async def _create_label(request: Request) -> Response:
    from_type, to_type = _object_types(request)
    body = await _json_body(request, "LabelCreateInput")
    runtime = _runtime(request)
    created = _store(request).create_label(
        from_type,
        to_type,
        body["label"],
        body["name"],
        body.get("inverseLabel"),
        cap=runtime.config.label_limit_per_pair,
    )
    if isinstance(created, LabelRefusal):
        return _label_refused(request, created)
    # Newest first: HubSpot's guide lists a paired label's inverse before the label itself.
    answered = runtime.label_order.arrange(reversed(created))
    return _applied_then_failed(request) or JSONResponse({"results": [_label_json(t) for t in answered]})


@_refusals
async def _update_label(request: Request) -> Response:
    from_type, to_type = _object_types(request)
    body = await _json_body(request, "LabelUpdateInput")
    renamed = _store(request).rename_label(
        from_type, to_type, body["associationTypeId"], body["label"], body.get("inverseLabel")
    )
    if isinstance(renamed, LabelRefusal):
        return _label_refused(request, renamed)
    return _applied_then_failed(request) or Response(status_code=204)


@_refusals
async def _delete_label(request: Request) -> Response:
    from_type, to_type = _object_types(request)
    raw = request.path_params["associationTypeId"]
    if not re.fullmatch(r"-?[0-9]+", raw) or not -_INT32_MAX - 1 <= int(raw) <= _INT32_MAX:
        message = f"associationTypeId must be an int32 integer, got {raw!r}"
        raise _error(
            request, 400, message, "VALIDATION_ERROR", [{"message": message, "in": "associationTypeId"}]
        )
    removed = _store(request).delete_label(from_type, to_type, int(raw))
    if isinstance(removed, LabelRefusal):
        return _label_refused(request, removed)
    return _applied_then_failed(request) or Response(status_code=204)


async def _state(request: Request) -> Response:
    """The default portal's limits and labels at the top level (what a single-portal mock has), the
    named portals' under ``portals``, and the traffic stats."""
    runtime = _runtime(request)
    named = {
        name: _portal_state(store)
        for name, store in sorted(runtime.portals.items())
        if name != DEFAULT_PORTAL
    }
    body = {**_portal_state(runtime.store), "portals": named, "stats": runtime.stats.as_json()}
    return JSONResponse(body)


def _portal_state(store: LimitStore) -> dict[str, Any]:
    limits = [
        {
            "fromObjectType": limit.key.from_object_type,
            "toObjectType": limit.key.to_object_type,
            **limit_json(limit),
        }
        for limit in store.all()
    ]
    for limit in limits:
        limit["maxToObjectIds"] = limit.pop("userEnforcedMaxToObjectIds")
    labels = [
        {
            "fromObjectType": t.from_object_type,
            "toObjectType": t.to_object_type,
            **_label_json(t),
            "name": name,
        }
        for t, name in store.own_types()
    ]
    return {"limits": limits, "labels": labels}


async def _reset(request: Request) -> Response:
    _runtime(request).reset()
    return Response(status_code=204)


async def _configure(request: Request) -> Response:
    runtime = _runtime(request)
    if request.method == "PATCH":
        try:
            fields = json.loads(await request.body())
            if not isinstance(fields, dict):
                raise ConfigError("the body must be a JSON object of MockConfig fields")
            runtime.configure(config_from_json(runtime.config, fields))
        except ValueError as exc:  # ConfigError, SeedError and malformed JSON alike
            body = error_body(new_correlation_id(), str(exc), "VALIDATION_ERROR")
            return JSONResponse(body, status_code=400)
    return JSONResponse(config_json(runtime.config))


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        message, category = (
            f"Method {request.method} is not allowed on {request.url.path}",
            "METHOD_NOT_ALLOWED",
        )
    else:
        message, category = f"No resource at {request.method} {request.url.path}", "RESOURCE_NOT_FOUND"
    body = error_body(_correlation_id(request), message, category)
    return JSONResponse(body, status_code=exc.status_code, headers=dict(exc.headers or {}))
