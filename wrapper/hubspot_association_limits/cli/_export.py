"""Export: the portal's live limits and labels as a desired-state file (pure; ``read_live`` and
``read_labels`` in ``_live`` do the reading).

The portal's own labels are named by their label, since their typeIds differ between portals, and each
pair declares the labels it has, so that applying the file to another portal creates them there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hubspot_association_limits import AssociationLabel, Limit
from hubspot_association_limits.cli._desired import (
    DEFAULT_LABEL_CATEGORY,
    DesiredLabel,
    DesiredLimit,
    Format,
    render_desired_state,
)
from hubspot_association_limits.cli._pairs import Pair, reverse

__all__ = ["desired_limit", "exported_file", "label_declarations", "limits_to_export"]


def limits_to_export(live: Mapping[Pair, Sequence[Limit]]) -> dict[Pair, list[Limit]]:
    """The limits that are set, by pair; a pair without any is left out."""
    exported = {
        pair: [limit for limit in limits if limit.max_to_object_ids is not None]
        for pair, limits in live.items()
    }
    return {pair: limits for pair, limits in exported.items() if limits}


def exported_file(
    limits: Mapping[Pair, Sequence[Limit]],
    labels: Mapping[Pair, Sequence[AssociationLabel]],
    fmt: Format,
    *,
    by_label: bool = True,
) -> str:
    """The desired-state file of ``limits`` (as ``limits_to_export`` gives them), with the ``labels`` of
    their pairs; ``by_label`` False names the portal's own labels by typeId too (``--type-ids``)."""
    desired = {
        pair: [desired_limit(pair, limit, labels.get(pair, []), by_label=by_label) for limit in items]
        for pair, items in limits.items()
    }
    return render_desired_state(desired, fmt, label_declarations(limits, labels))


def desired_limit(
    pair: Pair, limit: Limit, labels: Sequence[AssociationLabel], *, by_label: bool
) -> DesiredLimit:
    """A live limit for the file: one of the portal's own labels by its label, when that names one type.
    Looked up by category and typeId: a portal numbers its labels from small numbers, as HubSpot its types."""
    own = {item.key: item.label for item in labels if item.category == DEFAULT_LABEL_CATEGORY}
    label = own.get(limit.key, limit.label)
    unique = label is not None and len(_own_labels(labels).get(label, [])) == 1
    type_id = None if by_label and limit.key in own and unique else limit.type_id
    return DesiredLimit(pair[0], pair[1], limit.category, type_id, limit.max_to_object_ids or 0, label)


def label_declarations(
    exported: Mapping[Pair, object], labels: Mapping[Pair, Sequence[AssociationLabel]]
) -> dict[Pair, list[DesiredLabel]]:
    """The labels: list of each exported pair: its own labels, except one the reverse pair (exported
    too, and first in the file) declares already, since creating a label creates both directions."""
    declared: dict[Pair, list[DesiredLabel]] = {}
    for pair in sorted(pair for pair in exported if pair in labels):
        covered = {item.label for item in declared.get(reverse(pair), [])}
        own = [
            DesiredLabel(pair[0], pair[1], text) for text in _own_labels(labels[pair]) if text not in covered
        ]
        if own:  # an empty list would make --prune-labels delete labels another portal has on the pair
            declared[pair] = own
    return declared


def _own_labels(labels: Sequence[AssociationLabel]) -> dict[str, list[AssociationLabel]]:
    """The portal's own labels of a pair by their text."""
    by_text: dict[str, list[AssociationLabel]] = {}
    for item in labels:
        if item.category == DEFAULT_LABEL_CATEGORY and item.label:
            by_text.setdefault(item.label, []).append(item)
    return by_text
