"""Playing steps against a server: print the plan, send each step, bind its roles, and clean up on every
way out (the end, a failure, Ctrl-C). Record and check both run through here."""

from __future__ import annotations

import contextlib
import json
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from types import FrameType

import attrs
import httpx

from .. import errors
from .._redact import redact
from ._answers import Observed, bind
from ._cleanup import CleanupReport, clean_up, cleanup_requests, label_pairs
from ._recording import Step
from ._session import Session
from ._templates import RUN, Bindings, Unbound, inline

__all__ = ["Aborted", "Listener", "Run", "plan_lines", "play"]

Stop = Callable[[Step, Observed | None, str | None], str | None]
"""Decides, after each step, whether the run must end: a reason, or None to go on."""


class Aborted(Exception):
    """The run ended early; what it created has been removed (see the listener's cleanup report)."""


class Listener:
    """What a run tells its caller while it goes. Every method does nothing here; override what you show."""

    def planned(self, lines: Sequence[str]) -> None:
        """The requests the run will send, before it sends any."""

    def answered(
        self, index: int, total: int, step: Step, observed: Observed | None, problem: str | None
    ) -> None:
        """One step is done: its answer, or why it has none (not sent, no answer, a role not bound)."""

    def cleaning_up(self) -> None:
        """Cleaning up starts (after the last step, a failure or Ctrl-C)."""

    def interrupt_deferred(self) -> None:
        """Ctrl-C came while cleaning up; cleaning up goes on."""

    def cleaned_up(self, report: CleanupReport) -> None:
        """Cleaning up is done."""


@attrs.define
class Run:
    """One pass over the steps: what was sent and answered, and what the run bound."""

    bindings: Bindings
    answers: dict[str, Observed] = attrs.field(factory=dict)
    problems: dict[str, str] = attrs.field(factory=dict)
    attempted: list[Step] = attrs.field(factory=list)
    cleanup: CleanupReport | None = None


def _shown(text: str, bindings: Bindings) -> str:
    return text.replace(inline(RUN), bindings.run)


def plan_lines(steps: Sequence[Step], bindings: Bindings, api_prefix: str) -> list[str]:
    """Every request a run will send, in order, with the run's id filled in and roles by name."""
    lines = [f"The run (id {bindings.run}) sends these {len(steps)} requests, in this order:"]
    for index, step in enumerate(steps, 1):
        request = step.request
        body = ""
        if request.body is not None:
            text = request.body.value if request.body.kind == "text" else json.dumps(request.body.value)
            body = f" {text}"
        lines.append(f"{index:>3}. {request.method:<6} {api_prefix}{_shown(request.path + body, bindings)}")
        refused = " (HubSpot must refuse it)" if step.expect == "refusal" else ""
        lines.append(f"       {step.purpose}{refused}")
    lines.append("Then, to remove anything the run created that is still there:")
    lines += [f"       {line}" for line in cleanup_requests()]
    return lines


@contextlib.contextmanager
def _interrupts_deferred(listener: Listener) -> Iterator[None]:
    """Ctrl-C while cleaning up is noted, not obeyed: stopping halfway would leave the run's labels."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def note(signum: int, frame: FrameType | None) -> None:
        listener.interrupt_deferred()

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _play_step(session: Session, step: Step, run: Run) -> str | None:
    run.attempted.append(step)
    try:
        observed = session.send(step.request, run.bindings)
    except Unbound as error:
        run.attempted.pop()  # nothing left the machine
        return f"not sent: {error}"
    except (httpx.HTTPError, errors.HubSpotError) as error:
        return redact(f"no answer: {type(error).__name__}: {error}")
    run.answers[step.id] = observed
    unbound = bind(step, observed, run.bindings)
    return "; ".join(unbound) if unbound else None


def play(
    session: Session,
    steps: Sequence[Step],
    bindings: Bindings,
    listener: Listener,
    *,
    stop: Stop | None = None,
) -> Run:
    """Send every step (until ``stop`` gives a reason, then raise Aborted), and clean up however it ends."""
    run = Run(bindings)
    listener.planned(plan_lines(steps, bindings, session.target.api_prefix))
    try:
        for index, step in enumerate(steps, 1):
            problem = _play_step(session, step, run)
            if problem is not None:
                run.problems[step.id] = problem
            observed = run.answers.get(step.id)
            listener.answered(index, len(steps), step, observed, problem)
            reason = stop(step, observed, problem) if stop is not None else None
            if reason is not None:
                raise Aborted(reason)
    finally:
        with _interrupts_deferred(listener):
            listener.cleaning_up()
            run.cleanup = clean_up(session, label_pairs(run.attempted, run.answers), bindings)
            listener.cleaned_up(run.cleanup)
    return run
