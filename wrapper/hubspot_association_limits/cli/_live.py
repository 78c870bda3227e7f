"""Reading the portal's live limits, by object-type pair.

The pairs a file or ``--pair`` names are read one GET each. For export and prune, HubSpot's "read all"
then lists every limit; it does not say a limit's pair, but a HubSpot-defined typeId has exactly one,
which the catalogue gives, so those cost no further request. A portal's own association types
(USER_DEFINED, INTEGRATOR_DEFINED) have no catalogue pair: while any is unplaced, the pairs already known
to hold limits are read, since labels sit on pairs that are in use. What is still unplaced is named in a
warning, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

import attrs

from hubspot_association_limits._catalogue import Category, hubspot_defined_type
from hubspot_association_limits._types import AssociationTypeKey, Limit
from hubspot_association_limits.cli._desired import Pair

__all__ = ["LiveState", "PairReader", "read_live"]


class PairReader(Protocol):
    """What reading needs from a client (``LimitsClient`` fits)."""

    def get(self, from_object_type: str, to_object_type: str) -> Iterable[Limit]: ...
    def list_all(self) -> Iterable[Limit]: ...


@attrs.frozen
class LiveState:
    """The limits of every pair known, and the portal's limits whose pair could not be found (``unread``)."""

    pairs: dict[Pair, list[Limit]]
    unread: tuple[Limit, ...] = ()

    def warnings(self) -> tuple[str, ...]:
        """A warning naming the limits whose pair is unknown, if any."""
        if not self.unread:
            return ()
        names = ", ".join(_name(limit) for limit in self.unread)
        return (
            f"{len(self.unread)} limit(s) in the portal are in object-type pairs that were not read "
            f"({names}); HubSpot does not say the pair of a portal's own association types: name their "
            "pairs with --pair FROM:TO to include them",
        )


def _name(limit: Limit) -> str:
    label = f" {limit.label!r}" if limit.label else ""
    return f"{limit.category} {limit.type_id}{label}"


def _catalogue_pair(limit: Limit) -> Pair | None:
    """The one pair a HubSpot-defined association type belongs to; None for a portal's own types."""
    info = hubspot_defined_type(limit.type_id) if limit.category == Category.HUBSPOT_DEFINED else None
    return (info.from_object_type, info.to_object_type) if info else None


def read_live(client: PairReader, pairs: Sequence[Pair], *, check_all: bool) -> LiveState:
    """Read each named pair (one GET each); with ``check_all``, place every limit "read all" lists.

    Requests: one per named pair, plus, with ``check_all``, one "read all" and, only while a portal's own
    limit is unplaced, one per pair found to hold limits.
    """
    live = {pair: list(client.get(*pair)) for pair in dict.fromkeys(pairs)}
    if not check_all:
        return LiveState(live)
    read = set(live)
    placed = {limit.key for limits in live.values() for limit in limits}
    unplaced: dict[AssociationTypeKey, Limit] = {}
    for limit in client.list_all():
        if limit.max_to_object_ids is None or limit.key in placed:
            continue
        pair = _catalogue_pair(limit)
        if pair is None:
            unplaced[limit.key] = limit
        else:
            live.setdefault(pair, []).append(limit)
            placed.add(limit.key)
    for pair in [pair for pair in live if pair not in read]:
        if not unplaced:
            break
        live[pair] = list(client.get(*pair))  # the pair's own answer: its placed limits and its labels
        for limit in live[pair]:
            unplaced.pop(limit.key, None)
    return LiveState(live, tuple(unplaced.values()))
