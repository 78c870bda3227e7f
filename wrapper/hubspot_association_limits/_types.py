"""The wrapper's own input and output values, in HubSpot's words (snake_case)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

from ._redact import redact

__all__ = ["AssociationLabel", "AssociationTypeKey", "ItemError", "Limit", "LimitInput", "Unreadable"]


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


@attrs.frozen
class ItemError:
    """Why one input of a batch was not applied; ``input`` is the input it belongs to, or None if unknown.

    ``sub_category`` is HubSpot's finer category (``crm.associations.INVALID_ASSOCIATION_TYPE``), a
    string as HubSpot sends it, or an object as upstream declares it; ``context`` maps names to lists
    of strings (HubSpot's ``type``, ``fromObjectType``, ``toObjectType``).
    """

    status: str
    category: str
    message: str
    context: Mapping[str, list[str]]
    input: LimitInput | AssociationTypeKey | None = None
    sub_category: str | Mapping[str, Any] | None = None


def _redacted_repr(value: object) -> str:
    return redact(repr(value))


_AN_ITEM_ERROR: Final = re.compile(r"errors\[\d+\]")


@attrs.frozen
class Unreadable:
    """A part of HubSpot's answer this client could not read, kept as sent (decoded JSON).

    ``where`` locates it in the body (``results[2]``, ``errors[0].context``, ``status``);
    ``reason`` says what was wrong with it.
    """

    where: str
    value: Any = attrs.field(repr=_redacted_repr)
    reason: str

    @property
    def is_item_error(self) -> bool:
        """Whether this is a whole item error (an input was not applied, but which one is unknown)."""
        return _AN_ITEM_ERROR.fullmatch(self.where) is not None
