"""The sans-IO chunk loop on its own: which steps it asks for, and what it makes of the answers."""

from __future__ import annotations

import pytest
from hubspot_association_limits import Limit, LimitInput, errors
from hubspot_association_limits._batching import (
    ChunkSent,
    ReadPair,
    SendKeys,
    SendLimits,
    batch_flow,
    purge_flow,
)
from hubspot_association_limits._results import BatchResult, ItemError, LimitsResult, ResponseMeta
from hubspot_association_limits._types import AssociationTypeKey

META = ResponseMeta.from_response(207, {})
ITEMS = [LimitInput("HUBSPOT_DEFINED", i, i) for i in (1, 2, 3)]


def _sent(chunk: list[LimitInput], rejected: set[int], ambiguous: bool) -> ChunkSent:
    part = BatchResult(
        results=[
            Limit(i.category, i.type_id, None, i.max_to_object_ids)
            for i in chunk
            if i.type_id not in rejected
        ],
        errors=[ItemError("error", "ANY", "no", {}, i) for i in chunk if i.type_id in rejected],
        status="COMPLETE",
        meta=META,
        inputs=chunk,
    )
    return ChunkSent(META, part, ambiguous)


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
    flow = batch_flow("update", ITEMS, batch_size=3)
    seen: list[str] = []
    step = next(flow)
    try:
        while True:
            if isinstance(step, SendLimits):
                seen.append("send")
                step = flow.send(_sent(step.chunk, rejected, ambiguous))
            else:
                assert isinstance(step, ReadPair)
                seen.append("read")
                stored = [Limit("HUBSPOT_DEFINED", t, "label", t) for t in live]
                step = flow.send(LimitsResult(results=stored, meta=META))
    except StopIteration as done:
        result: BatchResult = done.value
    assert seen == steps
    assert [r.type_id for r in result.results] == applied
    assert {r.label for r in result.results} <= {None}  # update results carry no label, read back or not
    assert len(result.errors) == 3 - len(applied)


def test_a_purge_failing_after_a_purged_chunk_is_incomplete():
    keys = [AssociationTypeKey("HUBSPOT_DEFINED", i) for i in (1, 2, 3)]
    flow = purge_flow(keys, batch_size=2)
    assert next(flow) == SendKeys(keys[:2])
    assert flow.send(ChunkSent(META)) == SendKeys(keys[2:])
    with pytest.raises(errors.BatchIncompleteError) as caught:
        flow.throw(errors.ServerError("boom", status_code=500))
    assert (caught.value.applied, caught.value.not_applied) == (keys[:2], keys[2:])
