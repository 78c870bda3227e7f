"""The chunk loop on its own: which steps it asks for, and what it makes of the answers."""

from __future__ import annotations

from typing import Any

import pytest
from hubspot_association_limits import LimitInput, errors
from hubspot_association_limits._batching import batch_flow, purge_flow
from hubspot_association_limits._flow import ReadPair, SendKeys, SendLimits
from hubspot_association_limits._types import AssociationTypeKey
from wrapper_helpers import batch_body, exchange_of, item_error

PAIR = ("0-3", "0-1")
ITEMS = [LimitInput("HUBSPOT_DEFINED", i, i) for i in (1, 2, 3)]


def _answer(chunk: list[LimitInput], rejected: set[int]) -> dict[str, Any]:
    applied = [
        {"category": i.category, "typeId": i.type_id, "maxToObjectIds": i.max_to_object_ids}
        for i in chunk
        if i.type_id not in rejected
    ]
    errors_ = [item_error(i.type_id) for i in chunk if i.type_id in rejected]
    return batch_body(applied, errors_, label=False)


@pytest.mark.parametrize(
    ("ambiguous", "rejected", "live", "steps", "applied"),
    [
        (False, {2}, None, ["send"], [1, 3]),  # no ambiguous attempt: the error is the answer
        (True, set(), None, ["send"], [1, 2, 3]),  # nothing to settle
        (True, {2}, [2], ["send", "read"], [1, 2, 3]),  # live value as asked: applied
        (True, {2}, [], ["send", "read"], [1, 3]),  # not there: the error stays
        (True, {1, 2}, [1], ["send", "read"], [1, 3]),  # one read for both keys
    ],
)
def test_the_flow_reads_back_only_after_an_ambiguous_attempt(ambiguous, rejected, live, steps, applied):
    flow = batch_flow("update", PAIR, ITEMS, batch_size=3)
    seen: list[str] = []
    step = next(flow)
    try:
        while True:
            if isinstance(step, SendLimits):
                seen.append("send")
                body = _answer(step.chunk, rejected)
                step = flow.send(exchange_of(207 if rejected else 200, body, replayed=ambiguous))
            else:
                assert step == ReadPair(PAIR)
                seen.append("read")
                stored = [
                    {
                        "category": "HUBSPOT_DEFINED",
                        "typeId": t,
                        "label": "label",
                        "userEnforcedMaxToObjectIds": t,
                    }
                    for t in live
                ]
                step = flow.send(exchange_of(200, {"results": stored}))
    except StopIteration as done:
        result = done.value
    assert seen == steps
    assert [r.type_id for r in result.results] == applied
    assert {r.label for r in result.results} <= {None}  # update results carry no label, read back or not
    assert len(result.errors) == 3 - len(applied)


def test_a_failing_chunk_after_an_applied_one_says_what_was_applied():
    flow = batch_flow("create", PAIR, ITEMS, batch_size=2)
    first = next(flow)
    assert first == SendLimits("create", PAIR, ITEMS[:2])
    second = flow.send(exchange_of(201, _answer(ITEMS[:2], set())))
    assert second == SendLimits("create", PAIR, ITEMS[2:])
    with pytest.raises(errors.BatchIncompleteError) as caught:
        flow.send(exchange_of(503, {"message": "down"}, gave_up="status 503; gave up after 3 retries"))
    assert (caught.value.applied, caught.value.not_applied) == (ITEMS[:2], ITEMS[2:])
    assert isinstance(caught.value.__cause__, errors.ServerError)


def test_a_purge_failing_after_a_purged_chunk_is_incomplete():
    keys = [AssociationTypeKey("HUBSPOT_DEFINED", i) for i in (1, 2, 3)]
    flow = purge_flow(PAIR, keys, batch_size=2)
    assert next(flow) == SendKeys(PAIR, keys[:2])
    assert flow.send(exchange_of(204)) == SendKeys(PAIR, keys[2:])
    with pytest.raises(errors.BatchIncompleteError) as caught:
        flow.throw(errors.APIConnectionError("boom"))
    assert (caught.value.applied, caught.value.not_applied) == (keys[:2], keys[2:])
