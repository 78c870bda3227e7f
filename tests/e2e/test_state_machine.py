"""Random create/update/purge/get/list sequences of limits and create/rename/delete/list of labels
through the wrapper (sync and async) to the mock over a real socket; after every step the mock holds
exactly what the model says HubSpot should hold (limits and labels), and every answer (results,
per-item errors with the rule their words name, reads, label refusals) equals the model's."""

from __future__ import annotations

from hubspot_association_limits.mock import MockConfig

from ._machine import SEED_FILE
from ._model import (
    ALREADY_CONFIGURED,
    LABEL_LIMIT_ABOVE_OBJECT_LIMIT,
    NOT_CONFIGURED,
    UNKNOWN_ASSOCIATION_TYPE,
)
from ._run import UNLIMITED, run_machine


def test_the_wrapper_and_the_mock_agree_with_the_model(driver_kind: str) -> None:
    totals = run_machine(
        MockConfig(seed_file=SEED_FILE, **UNLIMITED),
        driver_kind,
        faulty=False,
        max_examples=40,
        steps=25,
        labels=True,
    )
    assert totals["calls"] >= 200  # the machine really ran
    assert totals["typed_errors"] == 0
    assert totals["faults"] == 0
    # Pairs from the whole catalogue (not only the seed's), and every rule met on them.
    assert len([name for name in totals if name.startswith("pair ")]) >= 25, totals
    assert totals["applied"] >= 50, totals
    for reason in (
        UNKNOWN_ASSOCIATION_TYPE,
        ALREADY_CONFIGURED,
        NOT_CONFIGURED,
        LABEL_LIMIT_ABOVE_OBJECT_LIMIT,
    ):
        assert totals[reason] >= 1, totals
    # The label rules ran their course: labels created, renamed and deleted, some with limits on
    # them (removed with the label), and refusals (duplicates, unknown or built-in typeIds) seen.
    for outcome in ("labels_created", "labels_renamed", "labels_deleted", "label_deletes_with_limits"):
        assert totals[outcome] >= 1, totals
    assert totals["label_refusals"] >= 1, totals
    assert totals["purges_refused"] >= 1, totals  # a purge naming a type the pair lacks
    # Two inputs of one chunk with one typeId (the seed's USER_DEFINED 3 beside HubSpot's 3, say), one
    # refused: HubSpot's error names the typeId only, and the client leaves its input unknown.
    assert totals["errors_on_a_shared_type_id"] >= 1, totals
