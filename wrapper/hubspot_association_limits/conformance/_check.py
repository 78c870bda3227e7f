"""``check``: replay a recording against a server and list every way its answers differ."""

from __future__ import annotations

import attrs

from ._cleanup import CleanupReport
from ._compare import BINDING, NOT_SENT, Difference, compare, unrecorded
from ._ledger import with_ledger
from ._recording import Recording
from ._runner import Listener, play
from ._safety import unsafe_writes
from ._session import Session, Target
from ._templates import Bindings, new_run_id

__all__ = ["CheckReport", "UnsafeRecording", "check"]


class UnsafeRecording(ValueError):
    """A recording whose requests could change what the run did not create, for a server elsewhere."""


@attrs.frozen
class CheckReport:
    """The differences between a recording and a server's answers now."""

    recording: Recording
    differences: tuple[Difference, ...]
    cleanup: CleanupReport

    @property
    def counted(self) -> tuple[Difference, ...]:
        """The differences that count: all but those the record cannot tell (``unrecorded``)."""
        return tuple(difference for difference in self.differences if difference.unrecorded is None)

    @property
    def ok(self) -> bool:
        """The server answered every request as recorded (where the record tells). A difference the
        mock's ledger lists as its choice still counts: HubSpot answered otherwise."""
        return not self.counted


def check(
    recording: Recording, target: Target, *, listener: Listener | None = None, run_id: str | None = None
) -> CheckReport:
    """Send the recording's requests to ``target`` (roles bound to what it assigns, a fresh run id) and
    compare each answer with the recorded one.

    A server that is not on this machine gets only recordings whose writes touch the run's own
    things (else UnsafeRecording, before anything is sent); what the run created is removed at the end.
    """
    steps = tuple(exchange.step for exchange in recording.exchanges)
    if not target.on_this_machine:
        problems = unsafe_writes(steps)
        if problems:
            raise UnsafeRecording("; ".join(problems))
    bindings = Bindings(run_id or new_run_id())
    session = Session(target)
    try:
        run = play(session, steps, bindings, listener or Listener())
    finally:
        session.close()
    differences: list[Difference] = []
    for exchange in recording.exchanges:
        step = exchange.step
        observed = run.answers.get(step.id)
        problem = run.problems.get(step.id)
        gaps = exchange.response.unrecorded
        if observed is None:
            why = unrecorded(gaps, "request", NOT_SENT)
            differences.append(
                Difference(step.id, step.operation, "request", NOT_SENT, "sent", problem, (), why)
            )
            continue
        found = compare(step, exchange.response, observed, bindings)
        if problem is not None:
            why = unrecorded(gaps, "body.results[]", BINDING)
            found.append(
                Difference(
                    step.id,
                    step.operation,
                    "body.results[]",
                    BINDING,
                    sorted(step.binds),
                    problem,
                    unrecorded=why,
                )
            )
        differences += with_ledger(found, observed)
    assert run.cleanup is not None
    return CheckReport(recording, tuple(differences), run.cleanup)
