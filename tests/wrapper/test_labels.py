"""The label methods of both clients over a scripted portal: typed results, and a create_label that never
creates a label twice whatever fault hits its POST; plus the pure rules behind it, table-tested."""

from __future__ import annotations

import asyncio
import datetime
import json
from typing import Any

import httpx
import pytest
from hubspot_association_limits import (
    AssociationLabel,
    AssociationTypeKey,
    LabelsResult,
    RateObservation,
    RetryPolicy,
    errors,
)
from hubspot_association_limits._call import Call, FailedAttempt, failed_attempt
from hubspot_association_limits._labels import CreateRequest
from hubspot_association_limits._retry import GiveUp, Retry
from hubspot_association_limits._rules import label_name
from wrapper_helpers import TOKEN, async_client, error_body, rate_limited, sync_client

PREFIX = "/crm/associations/v4"
DEALS, CONTACTS = "0-3", "0-1"
HTML_502 = b"<html><head><title>502 Bad Gateway</title></head></html>"
NOW = datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC)


class Portal:
    """A scripted HubSpot for the label routes. Each POST takes the next step of ``script``: whether it is
    applied, and what the client gets back (an answer, a lost answer, or nothing at all)."""

    def __init__(self, script: list[str], get_statuses: list[int] | None = None) -> None:
        self.script = list(script)
        self.get_statuses = list(get_statuses or [])  # each GET takes the next; then 200
        self.next_id = 100
        self.types: dict[tuple[str, str], list[dict[str, Any]]] = {
            (DEALS, CONTACTS): [{"category": "HUBSPOT_DEFINED", "typeId": 3, "label": None}],
            (CONTACTS, DEALS): [{"category": "HUBSPOT_DEFINED", "typeId": 4, "label": None}],
            (CONTACTS, CONTACTS): [{"category": "HUBSPOT_DEFINED", "typeId": 449, "label": None}],
        }
        self.seen: list[str] = []
        self.bodies: list[Any] = []

    def _create(self, pair: tuple[str, str], body: dict[str, Any]) -> list[dict[str, Any]]:
        forward = {"category": "USER_DEFINED", "typeId": self.next_id, "label": body["label"]}
        reverse = {
            "category": "USER_DEFINED",
            "typeId": self.next_id + 1,
            "label": body.get("inverseLabel", body["label"]),
        }
        self.next_id += 2
        self.types[pair].append(forward)
        self.types[(pair[1], pair[0])].append(reverse)  # the same list for a same-object pair
        return [forward, reverse]

    def created(self) -> int:
        """How many labels the portal holds (each is a type in either direction)."""
        return sum(t["category"] == "USER_DEFINED" for ts in self.types.values() for t in ts) // 2

    def handler(self, request: httpx.Request) -> httpx.Response:
        parts = request.url.path.removeprefix(PREFIX + "/").split("/")
        pair = (parts[0], parts[1])
        self.seen.append(f"{request.method} {parts[0]}>{parts[1]}")
        if request.content:
            self.bodies.append(json.loads(request.content))
        if request.method == "GET":
            status = self.get_statuses.pop(0) if self.get_statuses else 200
            if status != 200:
                # Echoes the credentials, as a careless proxy might: the client must not repeat them.
                echo = f"cannot read {request.headers['Authorization']}"
                return httpx.Response(status, json=error_body("INTERNAL_ERROR", message=echo))
            return httpx.Response(200, json={"results": self.types[pair]})
        if request.method in ("PUT", "DELETE"):
            return httpx.Response(204)
        step = self.script.pop(0) if self.script else "ok"
        if step == "429":
            # A short interval, or the transport would wait out HubSpot's default 10 s window.
            interval = {"X-HubSpot-RateLimit-Interval-Milliseconds": "10"}
            return httpx.Response(429, json=rate_limited(), headers=interval)
        if step == "connect":
            raise httpx.ConnectError("connection refused", request=request)
        if step in ("502", "503"):
            return httpx.Response(int(step), content=HTML_502, headers={"Content-Type": "text/html"})
        if step == "400":
            return httpx.Response(400, json=error_body(message="a label with this name exists"))
        results = self._create(pair, json.loads(request.content))
        if step == "applied-502":
            return httpx.Response(502, content=HTML_502, headers={"Content-Type": "text/html"})
        if step == "applied-timeout":
            raise httpx.ReadTimeout("timed out", request=request)
        if step == "applied-drop":
            raise httpx.RemoteProtocolError("peer closed connection", request=request)
        assert step == "ok", step
        return httpx.Response(200, json={"results": results})


def run(is_async: bool, portal: Portal, method: str, *args: Any, budget: Any = None, **kwargs: Any) -> Any:
    """Call one method on a fresh sync or async client over the portal."""
    if is_async:

        async def go() -> Any:
            async with async_client(portal.handler, budget=budget) as client:
                return await getattr(client, method)(*args, **kwargs)

        return asyncio.run(go())
    with sync_client(portal.handler, budget=budget) as client:
        return getattr(client, method)(*args, **kwargs)


both = pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
POST, GET_FORWARD, GET_REVERSE = "POST 0-3>0-1", "GET 0-3>0-1", "GET 0-1>0-3"
FORWARD = AssociationLabel("USER_DEFINED", 100, "Decision maker")
REVERSE = AssociationLabel("USER_DEFINED", 101, "Decision maker")


@both
@pytest.mark.parametrize(
    ("script", "requests", "read_back"),
    [
        pytest.param(["ok"], [POST], False, id="answered"),
        pytest.param(["applied-502"], [POST, GET_FORWARD, GET_REVERSE], True, id="applied-then-502"),
        pytest.param(["applied-timeout"], [POST, GET_FORWARD, GET_REVERSE], True, id="applied-then-timeout"),
        pytest.param(["applied-drop"], [POST, GET_FORWARD, GET_REVERSE], True, id="applied-then-dropped"),
        pytest.param(["502"], [POST, GET_FORWARD, POST], False, id="502-not-applied"),
        pytest.param(
            ["502", "applied-502"], [POST, GET_FORWARD, POST, GET_FORWARD, GET_REVERSE], True, id="twice"
        ),
        pytest.param(["429"], [POST, POST], False, id="429-retried-as-usual"),
        pytest.param(["connect"], [POST, POST], False, id="refused-connection"),
    ],
)  # every create first reads the pair (GET_FORWARD), to know what existed before it
def test_create_label_never_creates_twice(
    is_async: bool, script: list[str], requests: list[str], read_back: bool
) -> None:
    portal = Portal(script)
    result = run(is_async, portal, "create_label", "deals", "contacts", "Decision maker")
    assert portal.seen == [GET_FORWARD, *requests]
    assert portal.created() == 1
    assert [body for body in portal.bodies if "name" in body] == [
        {"label": "Decision maker", "name": "decision_maker"}
    ] * requests.count(POST)
    assert isinstance(result, LabelsResult)
    assert (result.results, result.read_back) == ([FORWARD, REVERSE], read_back)
    assert result.status_code == 200


class RecordingBudget:
    """A RateBudget that never waits and records what the transport tells it."""

    def __init__(self) -> None:
        self.acquired = 0
        self.statuses: list[int] = []

    def acquire(self) -> float:
        self.acquired += 1
        return 0.0

    async def acquire_async(self) -> float:
        return self.acquire()

    def observe(self, observation: RateObservation) -> None:
        self.statuses.append(observation.status_code)

    async def observe_async(self, observation: RateObservation) -> None:
        self.observe(observation)


@both
def test_every_label_request_is_paced(is_async: bool) -> None:
    # The read-back and the resend go through the same budget as the limit methods.
    portal, budget = Portal(["429", "applied-502"]), RecordingBudget()
    run(is_async, portal, "create_label", "deals", "contacts", "Decision maker", budget=budget)
    assert portal.seen == [GET_FORWARD, POST, POST, GET_FORWARD, GET_REVERSE]
    assert (budget.acquired, budget.statuses) == (5, [200, 429, 502, 200, 200])


@both
def test_same_object_pair_is_read_back_in_one_read(is_async: bool) -> None:
    portal = Portal(["applied-502"])
    result = run(
        is_async, portal, "create_label", "contacts", "contacts", "Manager", inverse_label="Employee"
    )
    assert portal.seen == ["GET 0-1>0-1", "POST 0-1>0-1", "GET 0-1>0-1"]
    assert portal.bodies[0] == {"label": "Manager", "name": "manager", "inverseLabel": "Employee"}
    assert [(t.type_id, t.label) for t in result] == [(100, "Manager"), (101, "Employee")]
    assert result.read_back is True


@both
def test_persistent_502_gives_up_with_a_typed_error_and_creates_nothing(is_async: bool) -> None:
    portal = Portal(["502"] * 10)
    with pytest.raises(errors.ServerError) as caught:
        run(is_async, portal, "create_label", "deals", "contacts", "Decision maker")
    # FAST allows 3 retries: 4 POSTs, each followed by a read-back that found nothing.
    assert portal.seen == [GET_FORWARD] + [POST, GET_FORWARD] * 4
    assert portal.created() == 0
    notes = caught.value.__notes__
    assert "the labels were read back: the label was not created" in notes
    assert any(note.startswith("not sent again: status 502; gave up after 3 retries") for note in notes)


@both
def test_policy_without_post_retries_reads_back_but_does_not_resend(is_async: bool) -> None:
    portal = Portal(["502"])
    with pytest.raises(errors.ServerError):
        run(
            is_async,
            portal,
            "create_label",
            "deals",
            "contacts",
            "Decision maker",
            retry=RetryPolicy(retry_posts=False, backoff_initial=0.001),
        )
    assert portal.seen == [GET_FORWARD, POST, GET_FORWARD]


@both
def test_refused_create_is_not_read_back_or_resent(is_async: bool) -> None:
    portal = Portal(["400"])
    with pytest.raises(errors.BadRequestError) as caught:
        run(is_async, portal, "create_label", "deals", "contacts", "Decision maker")
    assert portal.seen == [GET_FORWARD, POST]
    assert caught.value.message == "a label with this name exists"


@both
def test_failed_read_back_says_the_outcome_is_unknown(is_async: bool) -> None:
    portal = Portal(["applied-502"], get_statuses=[200, 500, 500, 500, 500])
    with pytest.raises(errors.ServerError) as caught:
        run(is_async, portal, "create_label", "deals", "contacts", "Decision maker")
    assert caught.value.status_code == 502  # the create's own failure, not the read's
    assert portal.seen == [GET_FORWARD, POST] + [GET_FORWARD] * 4  # the read is a GET, retried as usual
    assert any("whether the label was created is unknown" in note for note in caught.value.__notes__)
    assert portal.created() == 1


@both
def test_token_is_in_no_error(is_async: bool) -> None:
    portal = Portal(["applied-502"], get_statuses=[200, 500, 500, 500, 500])
    with pytest.raises(errors.HubSpotError) as caught:
        run(is_async, portal, "create_label", "deals", "contacts", "Decision maker")
    notes = caught.value.__notes__
    assert any("cannot read" in note for note in notes)  # the echo reached the note, redacted
    texts = [str(caught.value), repr(caught.value), *notes, str(caught.value.__cause__)]
    assert all(TOKEN not in text for text in texts)


@both
def test_total_wait_bounds_a_create_label_whose_read_backs_and_resends_fail(
    is_async: bool, slept: list[float]
) -> None:
    # Every POST answers 503; every read-back meets one 503 before it is answered. The read-backs'
    # retries and the resends share the call's one bound.
    portal = Portal(["503"] * 10, get_statuses=[200, *[503, 200] * 10])
    policy = RetryPolicy(total_wait=3.0)
    with pytest.raises(errors.ServerError) as caught:
        run(is_async, portal, "create_label", "deals", "contacts", "Decision maker", retry=policy)
    # Read-back retries and resends both waited: at least a read-back's retry, a resend and the next
    # read-back's retry, however the jitter falls (up to 25 % on each wait).
    assert sum(slept) <= 3.0 and len(slept) >= 3
    assert portal.seen.count(POST) >= 2 and portal.created() == 0
    # Whichever request met the bound (a read-back's retry, or a resend) says so.
    notes = [*caught.value.__notes__, *getattr(caught.value.__cause__, "__notes__", [])]
    assert any("would pass the 3 s budget" in note for note in notes), notes


@both
def test_a_label_that_existed_before_the_call_is_not_taken_for_one_it_created(is_async: bool) -> None:
    # The POST's answer (HubSpot's duplicate refusal) is lost; the read-back finds the label, but it
    # was there before the call: the resend meets HubSpot's duplicate error, which is raised.
    portal = Portal(["502", "400"])
    portal.types[(DEALS, CONTACTS)].append(
        {"category": "USER_DEFINED", "typeId": 90, "label": "Decision maker"}
    )
    portal.types[(CONTACTS, DEALS)].append(
        {"category": "USER_DEFINED", "typeId": 91, "label": "Decision maker"}
    )
    with pytest.raises(errors.BadRequestError) as caught:
        run(is_async, portal, "create_label", "deals", "contacts", "Decision maker")
    assert portal.seen == [GET_FORWARD, POST, GET_FORWARD, POST]
    assert portal.created() == 1  # the one that was there
    assert caught.value.message == "a label with this name exists"
    assert any("existed before this call (USER_DEFINED 90)" in note for note in caught.value.__notes__)


def _deleting(first: httpx.Response | type[Exception]):
    """A portal whose label 250 the first DELETE removes, answering ``first``; later DELETEs find it gone."""
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        if len(sent) > 1:
            return httpx.Response(404, json=error_body("OBJECT_NOT_FOUND", message="no label 250"))
        if isinstance(first, type):
            raise first("lost", request=request)
        # A fresh copy: the cases are shared by the sync and async runs.
        return httpx.Response(first.status_code, headers=first.headers, content=first.content)

    return handler, sent


@both
@pytest.mark.parametrize(
    "first",
    [
        pytest.param(httpx.Response(502, content=HTML_502), id="502"),
        pytest.param(httpx.ReadTimeout, id="timeout"),
        pytest.param(httpx.RemoteProtocolError, id="dropped"),
    ],
)
def test_a_delete_sent_again_after_a_lost_answer_that_finds_the_label_gone_is_done(
    is_async: bool, first: Any
) -> None:
    handler, sent = _deleting(first)
    client = async_client(handler) if is_async else sync_client(handler)
    if is_async:

        async def go() -> Any:
            async with client:
                return await client.delete_label("deals", "contacts", 250)

        assert asyncio.run(go()) is None
    else:
        with client:
            assert client.delete_label("deals", "contacts", 250) is None
    assert sent == ["DELETE", "DELETE"]


def test_a_delete_that_finds_nothing_without_a_lost_answer_is_not_found() -> None:
    # A 429 was certainly not processed: the 404 after it is the label's own.
    handler, sent = _deleting(httpx.Response(429, json=rate_limited(), headers={"Retry-After": "0"}))
    with sync_client(handler) as client, pytest.raises(errors.NotFoundError):
        client.delete_label("deals", "contacts", 250)
    assert sent == ["DELETE", "DELETE"]


@both
def test_labels_lists_every_type_of_the_pair(is_async: bool) -> None:
    portal = Portal([])
    portal.types[(DEALS, CONTACTS)] += [
        {"category": "HUBSPOT_DEFINED", "typeId": 5, "label": "Primary"},
        {"category": "USER_DEFINED", "typeId": 250, "label": "Decision maker", "fromObjectTypeId": "0-3"},
    ]
    result = run(is_async, portal, "labels", "deal", "contact")
    assert portal.seen == [GET_FORWARD]
    assert result.results == [
        AssociationLabel("HUBSPOT_DEFINED", 3, None),
        AssociationLabel("HUBSPOT_DEFINED", 5, "Primary"),
        AssociationLabel("USER_DEFINED", 250, "Decision maker"),
    ]
    assert result.results[2].key == AssociationTypeKey("USER_DEFINED", 250)


@both
@pytest.mark.parametrize(
    ("method", "args", "kwargs", "seen", "body"),
    [
        (
            "update_label",
            ("deals", "contacts", 250, "Buyer"),
            {},
            "PUT 0-3>0-1",
            {"associationTypeId": 250, "label": "Buyer"},
        ),
        (
            "update_label",
            ("contacts", "contacts", 101, "Manager"),
            {"inverse_label": "Report"},
            "PUT 0-1>0-1",
            {"associationTypeId": 101, "label": "Manager", "inverseLabel": "Report"},
        ),
        ("delete_label", ("deals", "contacts", 250), {}, "DELETE 0-3>0-1", None),
    ],
)
def test_update_and_delete(
    is_async: bool, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], seen: str, body: Any
) -> None:
    portal = Portal([])
    assert run(is_async, portal, method, *args, **kwargs) is None
    assert portal.seen == [seen]
    assert portal.bodies == ([] if body is None else [body])


def test_delete_sends_the_type_id_in_the_path() -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        return httpx.Response(404, json=error_body("OBJECT_NOT_FOUND"))

    with sync_client(handler) as client, pytest.raises(errors.NotFoundError):
        client.delete_label("deals", "contacts", 250)
    assert paths == [f"{PREFIX}/0-3/0-1/labels/250"]


@both
@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field"),
    [
        ("create_label", ("deals", "contacts", ""), {}, "label"),
        ("create_label", ("deals", "contacts", "日本"), {}, "name"),  # no ASCII to derive a name from
        ("create_label", ("deals", "contacts", "Buyer"), {"name": " "}, "name"),
        ("create_label", ("deals", "contacts", "Buyer"), {"inverse_label": ""}, "inverse_label"),
        ("create_label", ("deals", "no/pe", "Buyer"), {}, "to_object_type"),
        ("update_label", ("deals", "contacts", True, "Buyer"), {}, "type_id"),
        ("update_label", ("deals", "contacts", 250, None), {}, "label"),
        ("delete_label", ("deals", "contacts", "250"), {}, "type_id"),
    ],
)
def test_bad_arguments_send_nothing(
    is_async: bool, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], field: str
) -> None:
    portal = Portal([])
    with pytest.raises(errors.InvalidInputError) as caught:
        run(is_async, portal, method, *args, **kwargs)
    assert caught.value.field == field
    assert portal.seen == []


# --- the pure rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Decision maker", "decision_maker"),
        ("Décision-Maker (EU)", "decision_maker_eu"),
        ("  Buyer  ", "buyer"),
        ("VP / C-level", "vp_c_level"),
        ("日本", ""),
    ],
)
def test_label_name(label: str, name: str) -> None:
    assert label_name(label) == name


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (errors.ServerError("x", status_code=502), FailedAttempt(status=502, headers=httpx.Headers())),
        (errors.UnreadableResponseError("unreadable", status_code=200), FailedAttempt(failure="network")),
        (errors.APITimeoutError("x"), FailedAttempt(failure="timeout")),
        (errors.APIConnectionError("x"), FailedAttempt(failure="network")),
        (errors.InvalidInputError("x"), None),
    ],
)
def test_failed_attempt(error: errors.HubSpotError, expected: FailedAttempt | None) -> None:
    assert failed_attempt(error) == expected


def test_refused_connection_is_a_connect_failure() -> None:
    request = httpx.Request("POST", "https://api.hubapi.test/")
    refused = errors.APIConnectionError("x")
    refused.__cause__ = httpx.ConnectError("refused", request=request)
    timed_out = errors.APITimeoutError("x")
    timed_out.__cause__ = httpx.ConnectTimeout("t", request=request)
    assert failed_attempt(refused) == failed_attempt(timed_out) == FailedAttempt(failure="connect")


@pytest.mark.parametrize(
    ("failed", "ambiguous"),
    [
        (FailedAttempt(status=500), True),
        (FailedAttempt(status=502), True),
        (FailedAttempt(status=525), True),
        (FailedAttempt(status=408), True),
        (FailedAttempt(failure="timeout"), True),
        (FailedAttempt(failure="network"), True),
        (FailedAttempt(failure="connect"), False),
        (FailedAttempt(status=429), False),
        (FailedAttempt(status=423), False),
        (FailedAttempt(status=477), False),
        (FailedAttempt(status=400), False),
    ],
)
def test_which_failures_are_read_back(failed: FailedAttempt, ambiguous: bool) -> None:
    assert failed.ambiguous is ambiguous


POLICY = RetryPolicy(max_retries=2, backoff_initial=1.0, backoff_max=8.0, locked_min_wait=2.0)


@pytest.mark.parametrize(
    ("policy", "failures", "expected"),
    [
        (
            POLICY,
            [FailedAttempt(status=502)] * 3,
            [Retry(1.0, "status 502"), Retry(2.0, "status 502"), GiveUp],
        ),
        (POLICY, [FailedAttempt(failure="timeout")], [Retry(1.0, "timed out")]),
        (POLICY, [FailedAttempt(status=423)], [Retry(2.0, "status 423")]),
        (POLICY, [FailedAttempt(status=429)], [GiveUp]),  # the request flow retried it already
        (POLICY, [FailedAttempt(failure="connect")], [GiveUp]),  # likewise
        (POLICY, [FailedAttempt(status=400)], [GiveUp]),
        (RetryPolicy(retry_posts=False), [FailedAttempt(status=502)], [GiveUp]),
        (
            POLICY,
            [FailedAttempt(status=503, headers={"Retry-After": "5"}), FailedAttempt(status=503)],
            [Retry(5.0, "status 503"), Retry(2.0, "status 503")],
        ),
    ],
)
def test_resends_after_a_read_back(
    policy: RetryPolicy, failures: list[FailedAttempt], expected: list[Any]
) -> None:
    call = Call(policy, None, rand=lambda: 0.0, clock=lambda: NOW)
    decisions = [call.resend(failed) for failed in failures]
    assert [d if isinstance(d, Retry) else type(d) for d in decisions] == expected
    assert call.waited == sum(d.wait for d in decisions if isinstance(d, Retry))


@pytest.mark.parametrize(
    ("request_", "types", "reverse", "found"),
    [
        (
            CreateRequest(DEALS, CONTACTS, "Buyer", "buyer", None),
            [AssociationLabel("HUBSPOT_DEFINED", 3, None), AssociationLabel("USER_DEFINED", 9, "Buyer")],
            False,
            [9],
        ),
        (  # a HubSpot-defined type never counts as ours
            CreateRequest(DEALS, CONTACTS, "Primary", "primary", None),
            [AssociationLabel("HUBSPOT_DEFINED", 5, "Primary")],
            False,
            [],
        ),
        (
            CreateRequest(DEALS, CONTACTS, "Buyer", "buyer", "Bought from"),
            [
                AssociationLabel("USER_DEFINED", 8, "Buyer"),
                AssociationLabel("USER_DEFINED", 9, "Bought from"),
            ],
            True,
            [9],
        ),
        (
            CreateRequest(CONTACTS, CONTACTS, "Manager", "manager", "Employee"),
            [AssociationLabel("USER_DEFINED", 8, "Manager"), AssociationLabel("USER_DEFINED", 9, "Employee")],
            False,
            [8, 9],
        ),
    ],
)
def test_created_in(
    request_: CreateRequest, types: list[AssociationLabel], reverse: bool, found: list[int]
) -> None:
    assert [t.type_id for t in request_.created_in(types, reverse=reverse)] == found
