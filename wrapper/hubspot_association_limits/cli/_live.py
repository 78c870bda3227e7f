"""Reading the portal's live limits, by object-type pair.

The pairs a file or ``--pair`` names are read one GET each. Then HubSpot's "read all" lists every limit
(export writes them; plan counts, or purges, those the file does not name). It does not say a limit's
pair, but a HubSpot-defined typeId has exactly one, which the catalogue gives, so those cost no further
request. A portal's own association types
(USER_DEFINED, INTEGRATOR_DEFINED) have no catalogue pair: while any is unplaced, the labels of candidate
pairs are read (one request each), the pairs already known first, then every pair of the object types that
can have labels; a type listed in a pair's labels belongs to that pair. What is still unplaced is named in
a warning, never dropped silently.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Final, Protocol

import attrs

from hubspot_association_limits import (
    AssociationLabel,
    AssociationTypeKey,
    Category,
    Limit,
    hubspot_defined_type,
)
from hubspot_association_limits.cli._pairs import Pair

__all__ = ["LiveState", "PairReader", "can_have_labels", "read_labels", "read_live"]

# HubSpot supports labels between contacts, companies, deals, tickets and custom objects only.
_LABEL_OBJECT_TYPES: Final = ("0-1", "0-2", "0-3", "0-5")


class PairReader(Protocol):
    """What reading needs from a client (``LimitsClient`` fits)."""

    def get(self, from_object_type: str, to_object_type: str) -> Iterable[Limit]: ...
    def list_all(self) -> Iterable[Limit]: ...
    def labels(self, from_object_type: str, to_object_type: str) -> Iterable[AssociationLabel]: ...


def _custom(object_id: str) -> bool:
    return object_id.startswith("2-") or not object_id[:1].isdigit()  # 2-<n>, or p<portal>_<name>


def can_have_labels(pair: Pair) -> bool:
    """Whether HubSpot allows labels on this pair (reading another pair's labels would waste a request)."""
    return all(object_id in _LABEL_OBJECT_TYPES or _custom(object_id) for object_id in pair)


def read_labels(client: PairReader, pairs: Iterable[Pair]) -> dict[Pair, list[AssociationLabel]]:
    """The association types of each pair: one labels read per pair."""
    return {pair: list(client.labels(*pair)) for pair in dict.fromkeys(pairs)}


def _candidates(known: Iterable[Pair]) -> list[Pair]:
    """The pairs whose labels may hold a portal's own type: known ones first, then every label pair."""
    known = list(known)
    objects = [*_LABEL_OBJECT_TYPES, *sorted({o for pair in known for o in pair if _custom(o)})]
    every: list[Pair] = [*known, *((a, b) for a, b in itertools.product(objects, repeat=2))]
    return [pair for pair in dict.fromkeys(every) if can_have_labels(pair)]


@attrs.frozen
class LiveState:
    """The limits of every pair known, the portal's limits whose pair could not be found (``unread``), and
    the labels of the pairs whose labels were read to place them."""

    pairs: dict[Pair, list[Limit]]
    unread: tuple[Limit, ...] = ()
    labels: dict[Pair, list[AssociationLabel]] = attrs.field(factory=dict)

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


def read_live(client: PairReader, pairs: Sequence[Pair]) -> LiveState:
    """Read each named pair (one GET each), then place every limit "read all" lists.

    Requests: one per named pair, one "read all" and, only while a portal's own limit is unplaced, one
    labels read per candidate pair.
    """
    live = {pair: list(client.get(*pair)) for pair in dict.fromkeys(pairs)}
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
    labels: dict[Pair, list[AssociationLabel]] = {}
    for pair in _candidates(live):
        if not unplaced:
            break
        labels[pair] = list(client.labels(*pair))
        for item in labels[pair]:
            if item.key in unplaced:
                live.setdefault(pair, []).append(unplaced.pop(item.key))
    return LiveState(live, tuple(unplaced.values()), labels)
