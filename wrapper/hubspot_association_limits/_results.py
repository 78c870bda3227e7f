"""What the client returns: results (read from HubSpot's bodies by ``_wire``), plus the response's meta.

Also the pure steps of a batch call: merge chunks in input order, and after an ambiguous attempt
let the pair's live values say what was applied.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import attrs
import httpx

from ._headers import CORRELATION_HEADER, RateLimitInfo
from ._types import AssociationLabel, AssociationTypeKey, ItemError, Limit, LimitInput, Unreadable
from .errors import BatchIncompleteError

__all__ = [
    "BatchResult",
    "LabelsResult",
    "LimitsResult",
    "PurgeResult",
    "ResponseMeta",
    "merge_batch_results",
    "resolve_by_read_back",
    "split_applied",
]


@attrs.define
class ResponseMeta:
    """The raw status and headers of a response, its correlation id and rate-limit headers.

    (Not frozen: one is made for every response, and a frozen class's __init__ costs twice as much.)
    """

    status_code: int
    headers: httpx.Headers
    rate_limit: RateLimitInfo

    @property
    def correlation_id(self) -> str | None:
        """``X-HubSpot-Correlation-Id``: quote it to HubSpot support."""
        value: str | None = self.headers.get(CORRELATION_HEADER)
        return value

    @classmethod
    def from_response(
        cls, status_code: int, headers: Mapping[str, str], rate_limit: RateLimitInfo | None = None
    ) -> ResponseMeta:
        """The meta of one HTTP response; pass ``rate_limit`` when the transport parsed it already."""
        # An httpx.Headers is kept, not copied: the response it came from is not used again.
        h = headers if isinstance(headers, httpx.Headers) else httpx.Headers(headers)
        if rate_limit is None:
            rate_limit = RateLimitInfo.from_headers(h)
        return cls(int(status_code), h, rate_limit)


class _WithMeta:
    meta: ResponseMeta

    @property
    def status_code(self) -> int:
        """The HTTP status of the (last) response."""
        return self.meta.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The headers of the (last) response."""
        return self.meta.headers

    @property
    def correlation_id(self) -> str | None:
        """``X-HubSpot-Correlation-Id`` of the (last) response: quote it to HubSpot support."""
        return self.meta.correlation_id

    @property
    def rate_limit(self) -> RateLimitInfo:
        """The rate-limit headers of the (last) response."""
        return self.meta.rate_limit


@attrs.frozen
class BatchResult(_WithMeta):
    """The outcome of create or update: what was applied (``results``) and what was not (``errors``).

    ``status`` is HubSpot's batch status (``COMPLETE``, ``CANCELED`` when nothing was applied, ...),
    or None when the answer had none. ``unreadable`` keeps the parts of the answer this client could
    not read, as HubSpot sent them; an unreadable item error still counts in ``num_errors``.
    """

    results: list[Limit]
    errors: list[ItemError]
    status: str | None
    meta: ResponseMeta
    inputs: list[LimitInput] = attrs.field(factory=list)
    unreadable: list[Unreadable] = attrs.field(factory=list)

    @property
    def num_errors(self) -> int:
        """How many inputs were not applied: the item errors, readable or not."""
        return len(self.errors) + sum(1 for part in self.unreadable if part.is_item_error)

    @property
    def ok(self) -> bool:
        """True when every input was applied."""
        return self.num_errors == 0

    def raise_for_errors(self) -> BatchResult:
        """Raise ``BatchIncompleteError`` if any input was not applied; else return self."""
        if self.ok:
            return self
        first = self.errors[0].message if self.errors else "an item error that could not be read"
        raise self.incomplete(f"{self.num_errors} input(s) were not applied: {first}")

    def incomplete(self, message: str, inputs: Sequence[LimitInput] | None = None) -> BatchIncompleteError:
        """A ``BatchIncompleteError`` saying which of ``inputs`` (default: this result's) were applied."""
        applied, not_applied = split_applied(self.inputs if inputs is None else inputs, self.results)
        return BatchIncompleteError(
            message,
            applied=applied,
            not_applied=not_applied,
            results=self.results,
            errors=self.errors,
        )


@attrs.frozen
class PurgeResult(_WithMeta):
    """The outcome of purge: the keys whose custom limit was removed."""

    purged: list[AssociationTypeKey]
    meta: ResponseMeta


@attrs.frozen
class LimitsResult(_WithMeta):
    """The limits of one pair (``get``) or of the whole portal (``list_all``); iterable.

    ``unreadable`` keeps the entries (or fields) this client could not read, as HubSpot sent them.
    """

    results: list[Limit]
    meta: ResponseMeta
    unreadable: list[Unreadable] = attrs.field(factory=list)

    def __iter__(self) -> Iterator[Limit]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


@attrs.frozen
class LabelsResult(_WithMeta):
    """Association types of a pair: every one (``labels``) or the ones just created (``create_label``).

    ``read_back`` is True when ``create_label`` lost HubSpot's answer and found the label by
    reading the labels back; ``meta`` is then that read's. ``unreadable`` keeps the entries (or
    fields) this client could not read, as HubSpot sent them.
    """

    results: list[AssociationLabel]
    meta: ResponseMeta
    read_back: bool = False
    unreadable: list[Unreadable] = attrs.field(factory=list)

    def __iter__(self) -> Iterator[AssociationLabel]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


def split_applied(
    inputs: Sequence[LimitInput], results: Sequence[Limit]
) -> tuple[list[LimitInput], list[LimitInput]]:
    """(applied, not applied) in input order: an input counts as applied when HubSpot returned its key."""
    returned = {limit.key for limit in results}
    return [i for i in inputs if i.key in returned], [i for i in inputs if i.key not in returned]


def _order(key: AssociationTypeKey, positions: Mapping[AssociationTypeKey, int]) -> int:
    return positions.get(key, len(positions))


def merge_batch_results(parts: Sequence[BatchResult], inputs: Sequence[LimitInput]) -> BatchResult:
    """One result for all chunks: results and errors in input order, meta of the last response."""
    if len(parts) == 1 and len(parts[0].results) + len(parts[0].errors) <= 1:
        return parts[0]  # one chunk with at most one answer (a one-input call): nothing to order
    results = [r for part in parts for r in part.results]
    errors = [e for part in parts for e in part.errors]
    unreadable = [u for part in parts for u in part.unreadable]
    if len(results) > 1 or len(errors) > 1:  # the key map costs more than a call of one input
        positions = {item.key: index for index, item in enumerate(inputs)}
        results.sort(key=lambda r: _order(r.key, positions))
        errors.sort(key=lambda e: _order(e.input.key, positions) if e.input is not None else len(positions))
    statuses = [part.status for part in parts]
    status = next((s for s in statuses if s != "COMPLETE"), statuses[-1] if statuses else "COMPLETE")
    meta = parts[-1].meta if parts else ResponseMeta.from_response(200, {})
    return BatchResult(
        results=results,
        errors=errors,
        status=status,
        meta=meta,
        inputs=list(inputs),
        unreadable=unreadable,
    )


def resolve_by_read_back(result: BatchResult, live: Sequence[Limit], *, labels: bool) -> BatchResult:
    """After an ambiguous attempt, an input whose live limit equals what was asked counts as applied.

    An attempt whose answer was lost (5xx, timeout, dropped connection) may have applied inputs
    that the replay then rejects, in words HubSpot does not publish: the live value decides, not
    the wording. Other inputs keep their errors; an error paired with no input is dropped only
    when every input turned out applied. ``labels=False`` for update, whose results have none.
    """
    by_key = {limit.key: limit for limit in live}
    returned = {limit.key for limit in result.results}
    resolved: dict[AssociationTypeKey, Limit] = {}
    for item in result.inputs:
        limit = by_key.get(item.key)
        if (
            item.key not in returned
            and limit is not None
            and limit.max_to_object_ids == item.max_to_object_ids
        ):
            resolved[item.key] = limit if labels else attrs.evolve(limit, label=None)
    if not resolved:
        return result
    unresolved = any(item.key not in returned and item.key not in resolved for item in result.inputs)
    errors = [
        error
        for error in result.errors
        if (error.input.key not in resolved if error.input is not None else unresolved)
    ]
    evolved = attrs.evolve(result, results=[*result.results, *resolved.values()], errors=errors)
    return merge_batch_results([evolved], result.inputs)
