"""What a call does, without IO: the steps a flow yields, and ``run``/``arun`` that perform them.

Every public method of the clients is a flow, a generator as httpx's ``Auth.auth_flow`` is: it
yields a step (send this chunk, read the pair, wait for a resend), receives the ``Exchange`` the
step came to (or the decision, for ``Resend``) and reads it; a ``HubSpotError`` the step raised is
thrown into it instead. It returns the call's result or raises. The flows hold every decision
(``_batching``: chunks, merges, read-backs; ``_labels``: a label create safe to repeat); the
clients only perform the steps, blocking or awaiting, so the sync and async clients cannot drift.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from typing import Any, Literal, TypeVar

import attrs

from ._call import Exchange, FailedAttempt
from ._retry import GiveUp, Retry
from ._types import AssociationTypeKey, LimitInput
from .errors import HubSpotError

__all__ = [
    "CreateLabel",
    "DeleteLabel",
    "Flow",
    "Operation",
    "Pair",
    "ReadAll",
    "ReadLabels",
    "ReadPair",
    "RenameLabel",
    "Resend",
    "SendKeys",
    "SendLimits",
    "Step",
    "arun",
    "run",
    "single",
]

# The steps are attrs.define, not frozen: made and dropped on every call, where a frozen class's
# setattr-per-field __init__ costs twice as much; nothing holds on to one.
Operation = Literal["create", "update"]
Pair = tuple[str, str]
"""(from object type id, to object type id)."""

_R = TypeVar("_R")


@attrs.define
class SendLimits:
    """Send one create or update chunk."""

    operation: Operation
    pair: Pair
    chunk: list[LimitInput]


@attrs.define
class SendKeys:
    """Send one purge chunk."""

    pair: Pair
    chunk: list[AssociationTypeKey]


@attrs.define
class ReadPair:
    """Read the limits of one pair."""

    pair: Pair


@attrs.define
class ReadAll:
    """Read every limit of the portal."""


@attrs.define
class ReadLabels:
    """Read the association types (labels) of one pair."""

    pair: Pair


@attrs.define
class CreateLabel:
    """Send a label create once: never resent by the request's own retries (``retry_posts`` off)."""

    pair: Pair
    label: str
    name: str
    inverse_label: str | None


@attrs.define
class RenameLabel:
    """Rename a label (and its inverse label)."""

    pair: Pair
    type_id: int
    label: str
    inverse_label: str | None


@attrs.define
class DeleteLabel:
    """Delete a label."""

    pair: Pair
    type_id: int


@attrs.define
class Resend:
    """Ask the call whether to send a refused create again; if so, wait first. Answers the decision."""

    failed: FailedAttempt


Step = (
    SendLimits | SendKeys | ReadPair | ReadAll | ReadLabels | CreateLabel | RenameLabel | DeleteLabel | Resend
)
Outcome = Exchange | Retry | GiveUp
Flow = Generator[Step, Any, _R]


def single(step: Step, read: Callable[[Exchange], _R]) -> Flow[_R]:
    """The flow of a call that sends one request and reads its answer."""
    exchange: Exchange = yield step
    return read(exchange)


def run(flow: Flow[_R], perform: Callable[[Step], Outcome]) -> _R:
    """Drive ``flow`` with a blocking ``perform``."""
    try:
        step = next(flow)
        while True:
            try:
                outcome = perform(step)
            except HubSpotError as error:
                step = flow.throw(error)
            else:
                step = flow.send(outcome)
    except StopIteration as done:
        result: _R = done.value
        return result


async def arun(flow: Flow[_R], perform: Callable[[Step], Awaitable[Outcome]]) -> _R:
    """Drive ``flow`` with an async ``perform``."""
    try:
        step = next(flow)
        while True:
            try:
                outcome = await perform(step)
            except HubSpotError as error:
                step = flow.throw(error)
            else:
                step = flow.send(outcome)
    except StopIteration as done:
        result: _R = done.value
        return result
