"""The chunk loop of create, update and purge, without IO, shared by the sync and async clients.

A flow is a generator, as httpx's ``Auth.auth_flow`` is: it yields what to do next (send a chunk,
read the pair back) and receives what came of it; a ``HubSpotError`` the step raised is thrown
into it instead. It returns the call's result or raises. ``run`` and ``arun`` drive a flow with a
client's sync or async ``perform``, so the decisions exist once and the clients only do the IO.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Sequence
from typing import Literal, TypeVar

import attrs

from ._logging import logger
from ._results import (
    BatchResult,
    LimitsResult,
    PurgeResult,
    ResponseMeta,
    merge_batch_results,
    resolve_by_read_back,
)
from ._types import AssociationTypeKey, LimitInput
from .errors import BatchIncompleteError, HubSpotError

__all__ = [
    "ChunkSent",
    "Flow",
    "Operation",
    "Outcome",
    "ReadPair",
    "SendKeys",
    "SendLimits",
    "Step",
    "arun",
    "batch_flow",
    "purge_flow",
    "run",
]

Operation = Literal["create", "update"]

_T = TypeVar("_T")
_R = TypeVar("_R")
_O = TypeVar("_O", bound="ChunkSent | LimitsResult")


@attrs.frozen
class SendLimits:
    """Send one create or update chunk."""

    operation: Operation
    chunk: list[LimitInput]


@attrs.frozen
class SendKeys:
    """Send one purge chunk."""

    chunk: list[AssociationTypeKey]


@attrs.frozen
class ReadPair:
    """Read the pair's live limits (the client's ``get``)."""


@attrs.frozen
class ChunkSent:
    """What one chunk's call returned: its meta, its batch part (not for purge), and whether an
    attempt before the final one may have been applied (a POST resent after a 5xx, timeout or
    dropped connection)."""

    meta: ResponseMeta
    part: BatchResult | None = None
    ambiguous: bool = False


Step = SendLimits | SendKeys | ReadPair
Outcome = ChunkSent | LimitsResult
Flow = Generator[Step, Outcome, _R]


def _chunks(items: Sequence[_T], size: int) -> list[list[_T]]:
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def _expect(kind: type[_O], outcome: Outcome) -> _O:
    if not isinstance(outcome, kind):  # a runner bug, not a HubSpot answer
        raise TypeError(f"expected {kind.__name__}, got {type(outcome).__name__}")
    return outcome


def _read_back(operation: Operation, part: BatchResult) -> Flow[BatchResult]:
    # The chunk was resent after an attempt that may have been applied: its item errors may only
    # describe that attempt's effect. One read of the pair settles every key of the chunk.
    try:
        live = _expect(LimitsResult, (yield ReadPair()))
    except HubSpotError as error:
        # The chunk's own answer still stands; its errors are reported as HubSpot gave them.
        logger.warning(
            "could not read the pair back to confirm %d item error(s): %s", len(part.errors), error
        )
        return part
    return resolve_by_read_back(part, live.results, labels=operation == "create")


def batch_flow(operation: Operation, items: list[LimitInput], batch_size: int) -> Flow[BatchResult]:
    """Create or update ``items`` chunk by chunk; a chunk failing after applied ones: BatchIncompleteError."""
    parts: list[BatchResult] = []
    for chunk in _chunks(items, batch_size):
        try:
            sent = _expect(ChunkSent, (yield SendLimits(operation, chunk)))
            part = sent.part
            if part is None:
                raise TypeError("a create or update chunk came back without its result")
            if sent.ambiguous and part.errors:
                part = yield from _read_back(operation, part)
        except HubSpotError as error:
            if not parts:
                raise
            done = merge_batch_results(parts, [item for p in parts for item in p.inputs])
            raise done.incomplete(
                f"{operation} stopped after {len(parts)} chunk(s): {error}", items
            ) from error
        parts.append(part)
    return merge_batch_results(parts, items)


def purge_flow(keys: list[AssociationTypeKey], batch_size: int) -> Flow[PurgeResult]:
    """Purge ``keys`` chunk by chunk; a failed chunk after purged ones is a BatchIncompleteError."""
    purged: list[AssociationTypeKey] = []
    meta = ResponseMeta.from_response(204, {})
    for chunk in _chunks(keys, batch_size):
        try:
            sent = _expect(ChunkSent, (yield SendKeys(chunk)))
        except HubSpotError as error:
            if not purged:
                raise
            raise BatchIncompleteError(
                f"purge stopped part-way: {error}", applied=purged, not_applied=keys[len(purged) :]
            ) from error
        purged.extend(chunk)
        meta = sent.meta
    return PurgeResult(purged=purged, meta=meta)


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
