"""Applying a plan: one batch call per action and pair, progress, and an account of what was applied.

Per pair, purges go first (they only lift limits), then updates, then creates. Whatever fails is
reported and left for the next run, which plans only what is still different, so re-running converges.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import attrs
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hubspot_association_limits import errors
from hubspot_association_limits._results import BatchResult, ItemError, PurgeResult
from hubspot_association_limits._types import AssociationTypeKey, LimitInput
from hubspot_association_limits.cli._desired import Pair, pair_names
from hubspot_association_limits.cli._plan import Action, Plan, PlanItem

__all__ = [
    "ApplyReport",
    "BatchWriter",
    "ItemOutcome",
    "apply_plan",
    "confirm_by_reading_back",
    "progress_on_terminal",
]

# After these nothing else can succeed this run: stop rather than fail every remaining call.
_FATAL: tuple[type[errors.HubSpotError], ...] = (
    errors.AuthenticationError,
    errors.PermissionDeniedError,
    errors.DailyRateLimitError,
    errors.APIConnectionError,
    errors.InsecureTransportError,
)
_ORDER = (Action.PURGE, Action.UPDATE, Action.CREATE)
_ROUNDS = 3


class BatchWriter(Protocol):
    """What applying needs from a client (``LimitsClient`` fits)."""

    def create(
        self, from_object_type: str, to_object_type: str, inputs: Sequence[LimitInput]
    ) -> BatchResult: ...
    def update(
        self, from_object_type: str, to_object_type: str, inputs: Sequence[LimitInput]
    ) -> BatchResult: ...
    def purge(
        self, from_object_type: str, to_object_type: str, inputs: Sequence[AssociationTypeKey]
    ) -> PurgeResult: ...


@attrs.frozen
class ItemOutcome:
    """What became of one planned change: applied, or not and why."""

    pair: Pair
    item: PlanItem
    applied: bool
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data."""
        return {
            **pair_names(self.pair),
            **self.item.as_dict(),
            "applied": self.applied,
            "reason": self.reason,
        }


@attrs.frozen
class ApplyReport:
    """Every planned change with its outcome; ``stopped`` says why the run ended early, if it did."""

    outcomes: tuple[ItemOutcome, ...]
    stopped: str | None = None

    @property
    def applied(self) -> tuple[ItemOutcome, ...]:
        """The changes HubSpot confirmed."""
        return tuple(outcome for outcome in self.outcomes if outcome.applied)

    @property
    def not_applied(self) -> tuple[ItemOutcome, ...]:
        """The changes that failed or were never sent."""
        return tuple(outcome for outcome in self.outcomes if not outcome.applied)

    @property
    def ok(self) -> bool:
        """True when every change was applied."""
        return not self.not_applied

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "applied": len(self.applied),
            "not_applied": len(self.not_applied),
            "stopped": self.stopped,
            "outcomes": [outcome.as_dict() for outcome in self.outcomes],
        }


def apply_plan(
    client: BatchWriter,
    plan: Plan,
    *,
    advance: Callable[[int], None] = lambda _count: None,
) -> ApplyReport:
    """Send the plan's changes; ``advance(n)`` follows each first-round call with its number of changes.

    HubSpot applies a batch item by item and a label's limit may not exceed its pair's unlabeled
    limit, so the right order depends on values the plan may not know (a new type's label). Instead
    of guessing, the failed items of a pair that made progress are sent again, up to 3 rounds in all.
    """
    outcomes: dict[tuple[Pair, str, int], ItemOutcome] = {}
    todo = [
        (pair.pair, action, pair.of(action)) for pair in plan.pairs for action in _ORDER if pair.of(action)
    ]
    stopped: str | None = None
    for round_number in range(1, _ROUNDS + 1):
        progressed: set[Pair] = set()
        failed: list[tuple[Pair, Action, tuple[PlanItem, ...]]] = []
        for pair, action, items in todo:
            if stopped is not None:
                results = [ItemOutcome(pair, item, False, "not sent: the run stopped") for item in items]
            else:
                try:
                    results = _send(client, pair, action, items)
                except _FATAL as error:
                    stopped = str(error)
                    results = [ItemOutcome(pair, item, False, str(error)) for item in items]
            for outcome in results:
                outcomes[(pair, outcome.item.category, outcome.item.type_id)] = outcome
            left = tuple(outcome.item for outcome in results if not outcome.applied)
            if len(left) < len(items):
                progressed.add(pair)
            if left:
                failed.append((pair, action, left))
            if round_number == 1:
                advance(len(items))
        todo = [entry for entry in failed if entry[0] in progressed]
        if not todo or stopped is not None:
            break
    return ApplyReport(tuple(outcomes.values()), stopped)


def _send(client: BatchWriter, pair: Pair, action: Action, items: Sequence[PlanItem]) -> list[ItemOutcome]:
    """One batch call for the items of one action, and the outcome of each item."""
    keys = [AssociationTypeKey(item.category, item.type_id) for item in items]
    try:
        if action is Action.PURGE:
            client.purge(*pair, keys)
            return [ItemOutcome(pair, item, True) for item in items]
        inputs = [LimitInput(item.category, item.type_id, item.new_max or 0) for item in items]
        send = client.create if action is Action.CREATE else client.update
        result = send(*pair, inputs)
    except errors.BatchIncompleteError as incomplete:
        # A chunked batch stopped part-way: the wrapper says which inputs HubSpot confirmed.
        applied = {item.key for item in incomplete.applied}
        cause = incomplete.__cause__
        reason = str(cause) if isinstance(cause, errors.HubSpotError) else str(incomplete)
        if isinstance(cause, _FATAL):
            raise cause from None
        return _outcomes(pair, items, applied, incomplete.errors, reason)
    except _FATAL:
        raise
    except errors.HubSpotError as error:
        return [ItemOutcome(pair, item, False, str(error)) for item in items]
    applied = {limit.key for limit in result.results}
    return _outcomes(pair, items, applied, result.errors, f"not confirmed (batch status {result.status})")


def _outcomes(
    pair: Pair,
    items: Sequence[PlanItem],
    applied: set[AssociationTypeKey],
    item_errors: Sequence[ItemError],
    default: str,
) -> list[ItemOutcome]:
    reasons = {error.input.key: error.message for error in item_errors if error.input is not None}
    unmatched = [error.message for error in item_errors if error.input is None]
    fallback = unmatched[0] if len(unmatched) == 1 else default
    outcomes = []
    for item in items:
        key = AssociationTypeKey(item.category, item.type_id)
        if key in applied:
            outcomes.append(ItemOutcome(pair, item, True))
        else:
            outcomes.append(ItemOutcome(pair, item, False, reasons.get(key, fallback)))
    return outcomes


def confirm_by_reading_back(report: ApplyReport, replan: Plan) -> ApplyReport:
    """The report corrected by a plan made after applying (pure).

    A change whose answer was lost (a timeout, a dropped connection) but which the portal now shows
    is counted as applied; a fresh plan is the portal's word, a failed call is only a guess.
    """
    pending = {
        (pair.pair, item.category, item.type_id)
        for pair in replan.pairs
        for item in pair.items
        if item.action is not Action.UNCHANGED
    }
    return attrs.evolve(
        report,
        outcomes=tuple(
            outcome
            if outcome.applied or (outcome.pair, outcome.item.category, outcome.item.type_id) in pending
            else attrs.evolve(
                outcome, applied=True, reason=f"confirmed by reading back; the call said: {outcome.reason}"
            )
            for outcome in report.outcomes
        ),
    )


@contextmanager
def progress_on_terminal(total: int, stderr: Console | None = None) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr while applying, only when stderr is a terminal; yields ``advance(n)``."""
    console = stderr or Console(file=sys.stderr)
    if not console.is_terminal or total == 0:
        yield lambda _count: None
        return
    columns = (TextColumn("applying"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("apply", total=total)
        yield lambda count: progress.advance(task, count)
