"""Reading the portal's live limits, pair by pair.

HubSpot's "read all" answer does not say which object-type pair a limit belongs to, so the live
state is read per pair: the pairs a file names, plus (for export and prune) the pairs HubSpot
defines association types for and any the user adds. "Read all" then tells whether limits exist
in pairs that were not read, so nothing is silently missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, Protocol

import attrs

from hubspot_association_limits._catalogue import ObjectType as _T
from hubspot_association_limits._types import Limit
from hubspot_association_limits.cli._desired import Pair

__all__ = ["WELL_KNOWN_PAIRS", "LiveState", "PairReader", "read_live"]

# The pairs of HubSpot's documented HUBSPOT_DEFINED association types (both directions).
WELL_KNOWN_PAIRS: Final[tuple[Pair, ...]] = (
    (_T.CONTACTS, _T.COMPANIES),
    (_T.COMPANIES, _T.CONTACTS),
    (_T.DEALS, _T.CONTACTS),
    (_T.CONTACTS, _T.DEALS),
    (_T.DEALS, _T.COMPANIES),
    (_T.COMPANIES, _T.DEALS),
    (_T.CONTACTS, _T.TICKETS),
    (_T.TICKETS, _T.CONTACTS),
    (_T.DEALS, _T.LINE_ITEMS),
    (_T.LINE_ITEMS, _T.DEALS),
)


class PairReader(Protocol):
    """What reading needs from a client (``LimitsClient`` fits)."""

    def get(self, from_object_type: str, to_object_type: str) -> Iterable[Limit]: ...
    def list_all(self) -> Iterable[Limit]: ...


@attrs.frozen
class LiveState:
    """The limits of every pair read, and the portal's limits found in no pair read (``unread``)."""

    pairs: dict[Pair, list[Limit]]
    unread: tuple[Limit, ...] = ()

    def warnings(self) -> tuple[str, ...]:
        """A warning naming the limits that sit in pairs not read, if any."""
        if not self.unread:
            return ()
        names = ", ".join(f"{limit.category} {limit.type_id}" for limit in self.unread)
        return (
            f"{len(self.unread)} limit(s) in the portal belong to object-type pairs that were not read "
            f"({names}); name their pairs with --pair FROM:TO to include them",
        )


def read_live(client: PairReader, pairs: Sequence[Pair], *, check_all: bool) -> LiveState:
    """Read each pair's limits (one GET per pair); with ``check_all``, compare against "read all"."""
    live = {pair: list(client.get(*pair)) for pair in dict.fromkeys(pairs)}
    if not check_all:
        return LiveState(live)
    seen = {(limit.category, limit.type_id) for limits in live.values() for limit in limits}
    unread = tuple(
        limit
        for limit in client.list_all()
        if limit.max_to_object_ids is not None and (limit.category, limit.type_id) not in seen
    )
    return LiveState(live, unread)
