"""Running the state machine against one mock per test (reset before every example)."""

from __future__ import annotations

import collections
from typing import Any

from hubspot_association_limits.mock import MockConfig, running_mock
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from ._drivers import AsyncDriver, SyncDriver
from ._machine import BATCH_SIZE, FAST_RETRY, LabelsMachine, LimitsMachine, Recorder

# Never paced: the suites test state and faults, not the rate limit.
UNLIMITED: dict[str, Any] = {"burst_limit": 10_000_000, "daily_limit": 100_000_000}


def run_machine(
    config: MockConfig,
    driver_kind: str,
    *,
    faulty: bool,
    max_examples: int,
    steps: int,
    labels: bool = False,
) -> collections.Counter[str]:
    """Run the state machine (with the label rules when ``labels``); returns its totals (calls,
    typed_errors, requests, faults, lost_creates / lost_updates: inputs applied by a request
    answered 5xx, then reported applied; and for labels labels_created/renamed/deleted,
    label_deletes_with_limits, label_refusals)."""
    totals: collections.Counter[str] = collections.Counter()
    with running_mock(config) as mock:

        def make_driver(recorder: Recorder) -> Any:
            if driver_kind == "sync":
                return SyncDriver(mock.base_url, FAST_RETRY, BATCH_SIZE, recorder.hook)
            return AsyncDriver(mock.base_url, FAST_RETRY, BATCH_SIZE, recorder.async_hook)

        class Machine(LabelsMachine if labels else LimitsMachine):  # type: ignore[misc]
            pass

        Machine.mock = mock
        Machine.make_driver = staticmethod(make_driver)  # type: ignore[assignment]
        Machine.faulty = faulty
        Machine.totals = totals
        run_state_machine_as_test(
            Machine,
            settings=settings(
                max_examples=max_examples,
                stateful_step_count=steps,
                deadline=None,
                derandomize=True,  # the same runs in CI every time; the mock's faults are seeded too
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
    return totals
