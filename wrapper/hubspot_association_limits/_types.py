"""The wrapper's own input and output values, in HubSpot's words (snake_case)."""

from __future__ import annotations

import attrs

__all__ = ["AssociationLabel", "AssociationTypeKey", "Limit", "LimitInput"]


@attrs.frozen
class AssociationTypeKey:
    """Names one association type: ``category`` (open set, see ``Category``) and ``type_id``."""

    category: str
    type_id: int

    @property
    def key(self) -> AssociationTypeKey:
        """Itself, so that keys and limit inputs can be handled alike."""
        return self


@attrs.frozen
class LimitInput:
    """The limit to set for one association type: at most ``max_to_object_ids`` targets per source record."""

    category: str
    type_id: int
    max_to_object_ids: int

    @property
    def key(self) -> AssociationTypeKey:
        """The association type this limit is for."""
        return AssociationTypeKey(self.category, self.type_id)


@attrs.frozen
class Limit:
    """A limit as HubSpot reports it (``label`` None: unlabeled type; ``max_to_object_ids`` None: unset)."""

    category: str
    type_id: int
    label: str | None = None
    max_to_object_ids: int | None = None

    @property
    def key(self) -> AssociationTypeKey:
        """The association type this limit is for."""
        return AssociationTypeKey(self.category, self.type_id)


@attrs.frozen
class AssociationLabel:
    """One association type of an object-type pair, as the label methods report it.

    ``label`` is None for HubSpot's unlabeled type and ``Primary`` for the primary one; the
    portal's own labels are USER_DEFINED, with ``type_id`` assigned by the portal.
    """

    category: str
    type_id: int
    label: str | None = None

    @property
    def key(self) -> AssociationTypeKey:
        """The association type, as limits are keyed."""
        return AssociationTypeKey(self.category, self.type_id)
