"""HubSpot's rules as the store applies them (pure, no HTTP): a table of batches and their outcomes."""

from __future__ import annotations

import threading

import pytest
from hubspot_association_limits.mock._registry import load_seed
from hubspot_association_limits.mock._store import LimitInput, LimitStore

D, C, CO, T, LEAD = "0-3", "0-1", "0-2", "0-5", "0-136"


def store() -> LimitStore:
    seed = load_seed(
        "demo"
    )  # deals->contacts: HUBSPOT 3 = 10, USER 101 = 2; labels 101, 102; 103 on contacts->companies
    return LimitStore(seed.registry(), seed.limits)


def hs(type_id: int, limit: int) -> LimitInput:
    return LimitInput("HUBSPOT_DEFINED", type_id, limit)


def ud(type_id: int, limit: int) -> LimitInput:
    return LimitInput("USER_DEFINED", type_id, limit)


def capped(limit: int, by: str) -> str:
    """The message for a label limit above the pair's unlabeled limit ``by`` (category and typeId)."""
    return (
        f"maxToObjectIds must be between 1 and {limit}: a label's limit may not exceed the pair's limit "
        f"of {limit} ({by}, unlabeled)"
    )


FLOORED = (
    "maxToObjectIds must be between 2 and 10000: the pair's limit may not fall below the limit of 2 on "
    "the label 'Decision maker' (USER_DEFINED 101)"
)

# (operation, pair, inputs, applied (category, typeId, limit), failures (typeId, reason, message))
CASES = [
    ("create", (D, CO), [hs(341, 5)], [("HUBSPOT_DEFINED", 341, 5)], []),
    ("create", (D, CO), [hs(5, 1)], [("HUBSPOT_DEFINED", 5, 1)], []),
    ("create", (D, C), [ud(102, 10)], [("USER_DEFINED", 102, 10)], []),
    ("create", (D, C), [hs(3, 4)], [], [(3, "ALREADY_CONFIGURED", None)]),
    (
        "create",
        (D, C),
        [hs(4, 4)],
        [],
        [(4, "UNKNOWN_ASSOCIATION_TYPE", "0-4 is not a valid association type between DEAL and CONTACT")],
    ),
    ("create", (D, C), [ud(3, 4)], [], [(3, "UNKNOWN_ASSOCIATION_TYPE", None)]),
    ("create", (C, CO), [ud(101, 4)], [], [(101, "UNKNOWN_ASSOCIATION_TYPE", None)]),
    (
        "create",
        (D, CO),
        [hs(341, 0)],
        [],
        [(341, "LIMIT_OUT_OF_RANGE", "maxToObjectIds must be between 1 and 10000")],
    ),
    ("create", (D, CO), [hs(341, 10_001)], [], [(341, "LIMIT_OUT_OF_RANGE", None)]),
    ("create", (D, CO), [hs(341, 10_000)], [("HUBSPOT_DEFINED", 341, 10_000)], []),
    ("create", (D, CO), [hs(341, -3)], [], [(341, "LIMIT_OUT_OF_RANGE", None)]),
    (
        "create",
        (D, C),
        [ud(102, 11)],
        [],
        [(102, "LABEL_LIMIT_ABOVE_OBJECT_LIMIT", capped(10, "HUBSPOT_DEFINED 3"))],
    ),
    (
        "create",
        (D, C),
        [ud(102, 10_001)],
        [],
        [(102, "LIMIT_OUT_OF_RANGE", capped(10, "HUBSPOT_DEFINED 3"))],
    ),
    # Items apply in order: a duplicate key in one create batch fails the second time.
    (
        "create",
        (D, CO),
        [hs(341, 5), hs(341, 6)],
        [("HUBSPOT_DEFINED", 341, 5)],
        [(341, "ALREADY_CONFIGURED", None)],
    ),
    # ...and a label limit is checked against an object limit set earlier in the same batch.
    (
        "create",
        (D, CO),
        [hs(341, 3), hs(5, 4)],
        [("HUBSPOT_DEFINED", 341, 3)],
        [(5, "LABEL_LIMIT_ABOVE_OBJECT_LIMIT", capped(3, "HUBSPOT_DEFINED 341"))],
    ),
    ("update", (D, C), [hs(3, 7)], [("HUBSPOT_DEFINED", 3, 7)], []),
    (
        "update",
        (D, C),
        [hs(3, 1)],
        [],
        [(3, "LABEL_LIMIT_ABOVE_OBJECT_LIMIT", FLOORED)],
    ),
    (
        "update",
        (D, C),
        [ud(101, 10), ud(101, 11)],
        [("USER_DEFINED", 101, 10)],
        [(101, "LABEL_LIMIT_ABOVE_OBJECT_LIMIT", None)],
    ),
    ("update", (D, C), [ud(102, 3)], [], [(102, "NOT_CONFIGURED", None)]),
    (
        "update",
        (D, C),
        [hs(3, 0)],
        [],
        [(3, "LIMIT_OUT_OF_RANGE", FLOORED)],
    ),
    # Duplicates in an update batch: both apply, the last wins.
    ("update", (D, C), [hs(3, 8), hs(3, 9)], [("HUBSPOT_DEFINED", 3, 8), ("HUBSPOT_DEFINED", 3, 9)], []),
    ("update", (D, C), [hs(99, 3)], [], [(99, "UNKNOWN_ASSOCIATION_TYPE", None)]),
    # The same rules hold for every HubSpot-defined type of the catalogue, on its own pair only.
    (
        "create",
        (T, CO),
        [hs(339, 3), hs(26, 2)],
        [("HUBSPOT_DEFINED", 339, 3), ("HUBSPOT_DEFINED", 26, 2)],
        [],
    ),
    (
        "create",
        (T, CO),
        [hs(339, 3), hs(26, 4)],
        [("HUBSPOT_DEFINED", 339, 3)],
        [(26, "LABEL_LIMIT_ABOVE_OBJECT_LIMIT", capped(3, "HUBSPOT_DEFINED 339"))],
    ),
    (
        "create",
        (CO, CO),
        [hs(13, 5), hs(14, 6)],
        [("HUBSPOT_DEFINED", 13, 5), ("HUBSPOT_DEFINED", 14, 6)],
        [],
    ),
    (
        "create",
        (LEAD, C),
        [hs(608, 2), hs(608, 3)],
        [("HUBSPOT_DEFINED", 608, 2)],
        [(608, "ALREADY_CONFIGURED", None)],
    ),
    ("create", (LEAD, C), [hs(608, 10_001)], [], [(608, "LIMIT_OUT_OF_RANGE", None)]),
    ("update", (T, CO), [hs(339, 3)], [], [(339, "NOT_CONFIGURED", None)]),
    ("create", (CO, T), [hs(339, 3)], [], [(339, "UNKNOWN_ASSOCIATION_TYPE", None)]),
    ("create", (C, LEAD), [hs(608, 3)], [], [(608, "UNKNOWN_ASSOCIATION_TYPE", None)]),
    ("create", (T, CO), [ud(339, 3)], [], [(339, "UNKNOWN_ASSOCIATION_TYPE", None)]),
]


@pytest.mark.parametrize(("operation", "pair", "inputs", "applied", "failures"), CASES)
def test_batch_rules(operation, pair, inputs, applied, failures) -> None:
    limits = store()
    before = {(limit.key, limit.max_to_object_ids) for limit in limits.all()}
    outcome = getattr(limits, operation)(*pair, inputs)
    assert [(a.key.category, a.key.type_id, a.max_to_object_ids) for a in outcome.applied] == applied
    assert [(f.type_id, f.reason) for f in outcome.failures] == [(t, r) for t, r, _ in failures]
    for failure, (_, _, message) in zip(outcome.failures, failures, strict=True):
        assert message is None or failure.message == message
    after = {(limit.key, limit.max_to_object_ids) for limit in limits.all()}
    if not applied:
        assert after == before  # a rejected item never changes state


def test_labels_come_from_the_registry() -> None:
    limits = store()
    limits.create(D, CO, [hs(341, 5), hs(5, 1)])
    assert [(limit.key.type_id, limit.label) for limit in limits.pair(D, CO)] == [(5, "Primary"), (341, None)]
    assert [(limit.key.type_id, limit.label) for limit in limits.pair(D, C)] == [
        (3, None),
        (101, "Decision maker"),
    ]


@pytest.mark.parametrize(
    ("keys", "left", "refused"),
    [
        ([("USER_DEFINED", 101)], [3], []),
        ([("HUBSPOT_DEFINED", 3), ("USER_DEFINED", 101)], [], []),
        ([("USER_DEFINED", 102)], [3, 101], []),  # no such limit: ignored (purge is idempotent)
        ([("USER_DEFINED", 101), ("USER_DEFINED", 101)], [3], []),
        ([("HUBSPOT_DEFINED", 4)], [3, 101], [4]),  # contact -> deal: not a type of deals -> contacts
        ([("USER_DEFINED", 101), ("USER_DEFINED", 3)], [3, 101], [3]),  # one invalid key: nothing removed
    ],
)
def test_purge(keys, left, refused) -> None:
    limits = store()
    outcome = limits.purge(D, C, keys)
    assert [failure.type_id for failure in outcome.failures] == refused
    assert [limit.key.type_id for limit in limits.pair(D, C)] == left


def test_reset_restores_the_seed_limits() -> None:
    limits = store()
    limits.purge(D, C, [("HUBSPOT_DEFINED", 3), ("USER_DEFINED", 101)])
    limits.create(D, CO, [hs(341, 5)])
    limits.reset()
    assert [(limit.key.to_object_type, limit.key.type_id) for limit in limits.all()] == [(C, 3), (C, 101)]


def test_concurrent_batches_never_interleave() -> None:
    """Many threads create, update and purge the same keys; each batch is atomic, so the label
    limit never ends above the object limit and every read sees a consistent pair."""
    limits = store()
    errors: list[str] = []

    def worker(n: int) -> None:
        for i in range(200):
            value = 1 + (n * 7 + i) % 50
            limits.create(D, CO, [hs(341, value), hs(5, value)])
            limits.update(D, CO, [hs(341, value), hs(5, max(1, value - 1))])
            pair = {limit.key.type_id: limit.max_to_object_ids for limit in limits.pair(D, CO)}
            if 5 in pair and 341 in pair and pair[5] > pair[341]:
                errors.append(f"label limit {pair[5]} above object limit {pair[341]}")
            if i % 10 == 0:
                limits.purge(D, CO, [("HUBSPOT_DEFINED", 5)])

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    final = {limit.key.type_id: limit.max_to_object_ids for limit in limits.pair(D, CO)}
    assert 341 in final
    assert final.get(5, 0) <= final[341]
