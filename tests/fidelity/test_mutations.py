"""A body that differs from the spec never hides what was applied (property test, both clients).

Hypothesis takes the 2xx and 207 bodies of evidence/ and changes their optional fields the ways
real answers differ from a contract: a field dropped or null, a string or a number where an object
is declared (or the reverse), a timestamp nobody can read, a key nobody declared. Whatever it
draws, every result and every item error of the original body must still reach the caller.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wrapper_helpers import facade_client, sync_client

from . import corpus
from .test_replay_clients import _call, _readable, _served_body, _status

BODIES = [
    case
    for case in corpus.served_to_clients(corpus.all_cases())
    if _status(case) < 300 and isinstance(case["body"], dict)
]
# The optional fields of each level of a body: the envelope, a result, an item error.
ENVELOPE = ("numErrors", "startedAt", "completedAt", "requestedAt", "links")
RESULT = ("label", "userEnforcedMaxToObjectIds")
ITEM_ERROR = ("subCategory", "context", "errors", "links", "id")
TIMESTAMPS = frozenset({"startedAt", "completedAt", "requestedAt"})

_MISSING = object()
_VALUES: dict[str, Any] = {
    "drop": _MISSING,
    "null": None,
    "string": "crm.associations.SOMETHING_NEW",
    "number": 7,
    "object": {"code": "NEW", "nested": {"deeper": [1, 2]}},
    "list": ["a", 3],
    "timestamp": "the day before yesterday",
}
MUTATIONS = st.sampled_from(["keep", *_VALUES])


def _mutate(item: dict[str, Any], fields: tuple[str, ...], data: st.DataObject) -> None:
    for name in fields:
        mutation = data.draw(MUTATIONS, label=name)
        if mutation == "keep" or (mutation == "timestamp" and name not in TIMESTAMPS):
            continue
        value = _VALUES[mutation]
        if value is _MISSING:
            item.pop(name, None)
        else:
            item[name] = copy.deepcopy(value)
    if data.draw(st.booleans(), label="unknown key"):
        item["aKeyNobodyDeclared"] = data.draw(st.sampled_from(list(_VALUES.values())[1:]))


@pytest.mark.parametrize("kind", ["sync", "async"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_results_and_item_errors_survive_any_optional_field(kind: str, data: st.DataObject) -> None:
    case = data.draw(st.sampled_from(BODIES), label="case")
    original = _served_body(case)
    body = copy.deepcopy(original)
    _mutate(body, ENVELOPE, data)
    for item in body.get("results", []):
        if isinstance(item, dict):
            _mutate(item, RESULT, data)
    for item in body.get("errors", []):
        if isinstance(item, dict):
            _mutate(item, ITEM_ERROR, data)
    content = json.dumps(body).encode()
    make = sync_client if kind == "sync" else facade_client
    with make(lambda request: httpx.Response(_status(case), content=content)) as client:
        result = _call(client, case)

    keys = [(item["category"], item["typeId"]) for item in original["results"] if _readable(item)]
    assert [(r.category, r.type_id) for r in result.results] == keys
    if case["operation"] in ("createLimits", "updateLimits"):
        messages = [error["message"] for error in original.get("errors", [])]
        assert [error.message for error in result.errors] == messages
        assert result.num_errors == len(messages) and result.ok == (not messages)
