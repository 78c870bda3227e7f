"""The chunk loop of create, update and purge, as flows (``_flow``): shared by the sync and async clients.

A batch is sent in chunks of ``batch_size``; results and errors come back merged in input order.
A chunk failing after others were applied is a ``BatchIncompleteError`` that says which inputs
were applied. A chunk resent after an attempt that may have been applied (a 5xx, a timeout, a
dropped connection) may answer item errors that only describe that attempt's effect: one read of
the pair settles every key of the chunk.
"""

from __future__ import annotations

from typing import TypeVar

from ._call import Exchange
from ._flow import Flow, Operation, Pair, ReadPair, SendKeys, SendLimits
from ._logging import logger
from ._results import (
    BatchResult,
    PurgeResult,
    ResponseMeta,
    merge_batch_results,
    resolve_by_read_back,
)
from ._types import AssociationTypeKey, LimitInput
from ._wire import meta_of, raise_for_status, read_batch, read_limits
from .errors import BatchIncompleteError, HubSpotError

__all__ = ["batch_flow", "purge_flow"]

_T = TypeVar("_T")


def _chunks(items: list[_T], size: int) -> list[list[_T]]:
    if 0 < len(items) <= size:  # the usual call: one chunk
        return [items]
    return [items[start : start + size] for start in range(0, len(items), size)]


def _read_back(operation: Operation, pair: Pair, part: BatchResult) -> Flow[BatchResult]:
    try:
        live = read_limits((yield ReadPair(pair)))
    except HubSpotError as error:
        # The chunk's own answer still stands; its errors are reported as HubSpot gave them.
        logger.warning(
            "could not read the pair back to confirm %d item error(s): %s", len(part.errors), error
        )
        return part
    return resolve_by_read_back(part, live.results, labels=operation == "create")


def batch_flow(
    operation: Operation, pair: Pair, items: list[LimitInput], batch_size: int
) -> Flow[BatchResult]:
    """Create or update ``items`` chunk by chunk; a chunk failing after applied ones: BatchIncompleteError."""
    parts: list[BatchResult] = []
    for chunk in _chunks(items, batch_size):
        try:
            exchange: Exchange = yield SendLimits(operation, pair, chunk)
            part = read_batch(exchange, chunk)
            if exchange.replayed_after_ambiguous_failure and part.errors:
                part = yield from _read_back(operation, pair, part)
        except HubSpotError as error:
            if not parts:
                raise
            done = merge_batch_results(parts, [item for p in parts for item in p.inputs])
            raise done.incomplete(
                f"{operation} stopped after {len(parts)} chunk(s): {error}", items
            ) from error
        parts.append(part)
    return merge_batch_results(parts, items)


def purge_flow(pair: Pair, keys: list[AssociationTypeKey], batch_size: int) -> Flow[PurgeResult]:
    """Purge ``keys`` chunk by chunk; a failed chunk after purged ones is a BatchIncompleteError."""
    purged: list[AssociationTypeKey] = []
    meta = ResponseMeta.from_response(204, {})
    for chunk in _chunks(keys, batch_size):
        try:
            exchange: Exchange = yield SendKeys(pair, chunk)
            raise_for_status(exchange)
        except HubSpotError as error:
            if not purged:
                raise
            raise BatchIncompleteError(
                f"purge stopped part-way: {error}", applied=purged, not_applied=keys[len(purged) :]
            ) from error
        purged.extend(chunk)
        meta = meta_of(exchange)
    return PurgeResult(purged=purged, meta=meta)
