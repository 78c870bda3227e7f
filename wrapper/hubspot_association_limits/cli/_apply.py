"""Applying a plan: one batch call per action and pair, progress, and an account of what was applied.

Labels the plan creates go first (their limits need the typeIds the portal assigns, so the limits are
planned again once they exist); then, per pair, purges (they only lift limits), updates and creates;
label deletions go last. Whatever fails is reported and left for the next run, which plans only what is
still different, so re-running converges.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import attrs
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hubspot_association_limits import (
    AssociationTypeKey,
    BatchResult,
    ItemError,
    LabelsResult,
    LimitInput,
    PurgeResult,
    errors,
)
from hubspot_association_limits.cli._label_plan import LabelAction, LabelChange
from hubspot_association_limits.cli._pairs import Pair, pair_names
from hubspot_association_limits.cli._plan import Action, Plan, PlanItem

__all__ = [
    "ApplyReport",
    "BatchWriter",
    "ItemOutcome",
    "LabelOutcome",
    "LabelWriter",
    "apply_all",
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


class LabelWriter(BatchWriter, Protocol):
    """What applying labels needs from a client as well (``LimitsClient`` fits)."""

    def create_label(
        self,
        from_object_type: str,
        to_object_type: str,
        label: str,
        *,
        name: str | None = None,
        inverse_label: str | None = None,
    ) -> LabelsResult: ...
    def delete_label(self, from_object_type: str, to_object_type: str, type_id: int) -> None: ...


def _key(pair: Pair, item: PlanItem) -> tuple[Pair, str, int | str | None]:
    """One limit of a plan; a limit on a label still to be created is known by its label."""
    return (pair, item.category, item.type_id if item.type_id is not None else item.label)


@attrs.frozen
class LabelOutcome:
    """What became of one label to create or delete."""

    change: LabelChange
    applied: bool
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data."""
        return {
            **pair_names(self.change.pair),
            **self.change.as_dict(),
            "applied": self.applied,
            "reason": self.reason,
        }


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
    labels: tuple[LabelOutcome, ...] = ()

    @property
    def every(self) -> tuple[ItemOutcome | LabelOutcome, ...]:
        """Every change's outcome in the order applied: labels created, limits, labels deleted."""
        created = tuple(outcome for outcome in self.labels if outcome.change.action is LabelAction.CREATE)
        deleted = tuple(outcome for outcome in self.labels if outcome.change.action is LabelAction.DELETE)
        return (*created, *self.outcomes, *deleted)

    @property
    def applied(self) -> tuple[ItemOutcome | LabelOutcome, ...]:
        """The changes HubSpot confirmed."""
        return tuple(outcome for outcome in self.every if outcome.applied)

    @property
    def not_applied(self) -> tuple[ItemOutcome | LabelOutcome, ...]:
        """The changes that failed or were never sent."""
        return tuple(outcome for outcome in self.every if not outcome.applied)

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
            "labels": [outcome.as_dict() for outcome in self.labels],
            "outcomes": [outcome.as_dict() for outcome in self.outcomes],
        }


def apply_all(
    client: LabelWriter,
    plan: Plan,
    replan: Callable[[], Plan],
    *,
    advance: Callable[[int], None] = lambda _count: None,
) -> ApplyReport:
    """Create the plan's labels, set its limits, delete its labels; what became of each change.

    Once labels were created, ``replan()`` plans the limits again: their typeIds exist only now.
    """
    created, stopped = _apply_labels(client, plan, LabelAction.CREATE, None)
    limits_plan = replan() if any(outcome.applied for outcome in created) else plan
    if stopped is None:
        report = apply_plan(client, limits_plan, advance=advance)
    else:
        report = ApplyReport(
            tuple(
                ItemOutcome(pair.pair, item, False, "not sent: the run stopped")
                for pair in limits_plan.pairs
                for item in pair.items
                if item.action is not Action.UNCHANGED
            ),
            stopped,
        )
    deleted, stopped = _apply_labels(client, limits_plan, LabelAction.DELETE, report.stopped)
    return attrs.evolve(report, labels=(*created, *deleted), stopped=stopped)


def _apply_labels(
    client: LabelWriter, plan: Plan, action: LabelAction, stopped: str | None
) -> tuple[list[LabelOutcome], str | None]:
    """One call per label; after a fatal error the rest are not sent."""
    outcomes = []
    for change in plan.label_changes:
        if change.action is not action:
            continue
        if stopped is not None:
            outcomes.append(LabelOutcome(change, False, "not sent: the run stopped"))
            continue
        try:
            if action is LabelAction.CREATE:
                client.create_label(
                    *change.pair, change.label, name=change.name, inverse_label=change.inverse_label
                )
            else:
                client.delete_label(*change.pair, int(change.type_id or 0))
        except _FATAL as error:
            stopped = str(error)
            outcomes.append(LabelOutcome(change, False, stopped))
        except errors.HubSpotError as error:
            outcomes.append(LabelOutcome(change, False, str(error)))
        else:
            outcomes.append(LabelOutcome(change, True))
    return outcomes, stopped


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
    outcomes: dict[tuple[Pair, str, int | str | None], ItemOutcome] = {}
    for pair_plan in plan.pairs:
        for item in pair_plan.items:
            if item.type_id is None and item.action is not Action.UNCHANGED:
                reason = f"not sent: the label {item.label!r} does not exist (creating it failed)"
                outcomes[_key(pair_plan.pair, item)] = ItemOutcome(pair_plan.pair, item, False, reason)
    todo = [
        (pair_plan.pair, action, items)
        for pair_plan in plan.pairs
        for action in _ORDER
        if (items := tuple(item for item in pair_plan.of(action) if item.type_id is not None))
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
                outcomes[_key(pair, outcome.item)] = outcome
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
    keys = [
        AssociationTypeKey(item.category, item.type_id or 0) for item in items
    ]  # apply_plan sends known ids only
    try:
        if action is Action.PURGE:
            client.purge(*pair, keys)
            return [ItemOutcome(pair, item, True) for item in items]
        inputs = [LimitInput(item.category, item.type_id or 0, item.new_max or 0) for item in items]
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
        key = AssociationTypeKey(item.category, item.type_id or 0)
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
        _key(pair.pair, item)
        for pair in replan.pairs
        for item in pair.items
        if item.action is not Action.UNCHANGED
    }
    labels_pending = {(change.action, change.pair, change.label) for change in replan.label_changes}
    return attrs.evolve(
        report,
        outcomes=tuple(
            outcome
            # a limit whose label was not created was never sent: a read-back cannot have seen it applied
            if outcome.applied or outcome.item.type_id is None or _key(outcome.pair, outcome.item) in pending
            else attrs.evolve(
                outcome, applied=True, reason=f"confirmed by reading back; the call said: {outcome.reason}"
            )
            for outcome in report.outcomes
        ),
        labels=tuple(
            outcome
            if outcome.applied
            or (outcome.change.action, outcome.change.pair, outcome.change.label) in labels_pending
            else attrs.evolve(
                outcome, applied=True, reason=f"confirmed by reading back; the call said: {outcome.reason}"
            )
            for outcome in report.labels
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
