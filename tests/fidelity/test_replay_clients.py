"""Every answer HubSpot is recorded to have given (evidence/), served to both clients.

Each recorded answer is served as the answer to the call that asked for it; the client must
return typed values holding every result and item error of the body that can be read (the rest
kept raw on the result), or raise the typed error that carries HubSpot's message, correlation
id and subCategory. What is expected is read off the recorded body itself, so adding a case to
evidence/ is adding a test here.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from hubspot_association_limits import AssociationLabel, Limit, LimitInput, errors
from wrapper_helpers import MakeClient, facade_client, sync_client

from . import corpus

CASES = corpus.all_cases()
SERVED = corpus.served_to_clients(CASES)

_BY_STATUS = {400: errors.BadRequestError, 404: errors.NotFoundError}


def _status(case: dict[str, Any]) -> int:
    status = case["status"]
    return status if isinstance(status, int) else int(case["replay"]["serve_status"])


def _served_body(case: dict[str, Any]) -> Any:
    body, replay = case["body"], case["replay"]
    if replay.get("wrap"):
        return {replay["wrap"]: [body]}
    if replay.get("body_is_message"):
        return {"status": "error", "message": body}
    return body


def _pair(case: dict[str, Any]) -> tuple[str, str]:
    path = corpus.concrete_path(case, CASES)
    found = re.search(r"/configurations/([^/]+)/([^/]+)", path) or re.search(r"/([^/]+)/([^/]+)/labels", path)
    assert found, f"{case['id']}: no object types in {path}"
    return found.group(1), found.group(2)


def _call(client: Any, case: dict[str, Any]) -> Any:
    """Make the call the recorded answer answers."""
    operation, sent = case["operation"], corpus.sent_body(case, CASES, by_client=True)
    if operation is None:  # an error body of another HubSpot API, served as a limits read's answer
        return client.get("deals", "contacts")
    if operation == "listAllLimits":
        return client.list_all()
    from_type, to_type = _pair(case)
    if operation in ("createLimits", "updateLimits", "purgeLimits"):
        method = {"createLimits": "create", "updateLimits": "update", "purgeLimits": "purge"}[operation]
        return getattr(client, method)(from_type, to_type, sent["inputs"])
    if operation == "getLimits":
        return client.get(from_type, to_type)
    if operation == "listLabels":
        return client.labels(from_type, to_type)
    if operation == "createLabel":
        return client.create_label(
            from_type, to_type, sent["label"], name=sent["name"], inverse_label=sent.get("inverseLabel")
        )
    if operation == "updateLabel":
        return client.update_label(from_type, to_type, sent["associationTypeId"], sent["label"])
    if operation == "deleteLabel":
        return client.delete_label(from_type, to_type, int(corpus.concrete_path(case, CASES).split("/")[-1]))
    raise AssertionError(f"{case['id']}: no call for operation {operation}")


def _readable(item: object) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("category"), str)
        and isinstance(item.get("typeId"), int)
    )


def _expected_results(body: dict[str, Any], operation: str) -> list[Any]:
    kind = AssociationLabel if operation in ("listLabels", "createLabel") else Limit
    expected = []
    for item in filter(_readable, body.get("results", [])):
        fields = {"category": item["category"], "type_id": item["typeId"], "label": item.get("label")}
        if kind is Limit:
            fields["max_to_object_ids"] = item.get("userEnforcedMaxToObjectIds")
        expected.append(kind(**fields))
    return expected


@pytest.fixture(params=["sync", "async"])
def make_client(request: pytest.FixtureRequest) -> MakeClient:
    return sync_client if request.param == "sync" else facade_client


@pytest.mark.parametrize("case", SERVED, ids=[case["id"] for case in SERVED])
def test_a_recorded_answer_reaches_the_caller_whole(make_client: MakeClient, case: dict[str, Any]) -> None:
    status, body = _status(case), _served_body(case)
    content = b"" if body is None else json.dumps(body).encode()
    served: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        served.append(request.method)
        return httpx.Response(status, content=content, headers={"Content-Type": "application/json"})

    with make_client(handler) as client:
        if status >= 400:
            with pytest.raises(errors.APIStatusError) as caught:
                _call(client, case)
            error = caught.value
            assert type(error) is _BY_STATUS.get(status, errors.APIStatusError)
            assert (error.message, error.correlation_id) == (body["message"], body.get("correlationId"))
            assert (error.category, error.sub_category) == (body.get("category"), body.get("subCategory"))
            return
        result = _call(client, case)
    assert served, "the call reached the server"
    if body is None:  # 204: nothing to read
        if case["operation"] == "purgeLimits":
            sent = corpus.sent_body(case, CASES, by_client=True)["inputs"]
            assert [(k.category, k.type_id) for k in result.purged] == [
                (k["category"], k["typeId"]) for k in sent
            ]
        else:
            assert result is None
        return
    assert result.results == _expected_results(body, case["operation"])
    unread = [item for item in body["results"] if not _readable(item)]
    assert [u.value for u in result.unreadable if re.fullmatch(r"results\[\d+\]", u.where)] == unread
    if case["operation"] in ("createLimits", "updateLimits"):
        _check_batch(result, body, corpus.sent_body(case, CASES, by_client=True)["inputs"])


def _check_batch(result: Any, body: dict[str, Any], sent: list[dict[str, Any]]) -> None:
    assert result.status == body["status"]
    recorded = body.get("errors", [])
    assert [(e.status, e.category, e.sub_category, e.message) for e in result.errors] == [
        (e["status"], e["category"], e.get("subCategory"), e["message"]) for e in recorded
    ]
    assert result.num_errors == len(recorded) and result.ok == (not recorded)
    if len(sent) == 1 and len(recorded) == 1:  # a lone input's lone error is that input's
        only = sent[0]
        assert result.errors[0].input == LimitInput(only["category"], only["typeId"], only["maxToObjectIds"])
