"""CRM object types and association categories, in HubSpot's words.

Shared by the client, the mock and the CLI, so that ``"contacts"``, ``"contact"`` and ``"0-1"``
mean the same object type everywhere.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["Category", "ObjectType", "normalise_object_type", "object_type_name"]


class ObjectType:
    """Ids of HubSpot's standard CRM object types. Any ``2-<n>`` custom object id is valid too."""

    CONTACTS: Final = "0-1"
    COMPANIES: Final = "0-2"
    DEALS: Final = "0-3"
    TICKETS: Final = "0-5"
    PRODUCTS: Final = "0-7"
    LINE_ITEMS: Final = "0-8"
    QUOTES: Final = "0-14"
    TASKS: Final = "0-27"
    NOTES: Final = "0-46"
    MEETINGS: Final = "0-47"
    CALLS: Final = "0-48"
    EMAILS: Final = "0-49"


class Category:
    """Association categories HubSpot documents. The set is open: any other string is passed on."""

    HUBSPOT_DEFINED: Final = "HUBSPOT_DEFINED"
    USER_DEFINED: Final = "USER_DEFINED"
    INTEGRATOR_DEFINED: Final = "INTEGRATOR_DEFINED"
    WORK: Final = "WORK"


# Plural name -> id. Singular names are accepted too (see _ALIASES).
_IDS_BY_NAME: Final[dict[str, str]] = {
    "contacts": ObjectType.CONTACTS,
    "companies": ObjectType.COMPANIES,
    "deals": ObjectType.DEALS,
    "tickets": ObjectType.TICKETS,
    "products": ObjectType.PRODUCTS,
    "line_items": ObjectType.LINE_ITEMS,
    "quotes": ObjectType.QUOTES,
    "tasks": ObjectType.TASKS,
    "notes": ObjectType.NOTES,
    "meetings": ObjectType.MEETINGS,
    "calls": ObjectType.CALLS,
    "emails": ObjectType.EMAILS,
}
_SINGULAR: Final = {
    "contact": "contacts",
    "company": "companies",
    "deal": "deals",
    "ticket": "tickets",
    "product": "products",
    "line_item": "line_items",
    "quote": "quotes",
    "task": "tasks",
    "note": "notes",
    "meeting": "meetings",
    "call": "calls",
    "email": "emails",
}
_NAMES_BY_ID: Final = {object_id: name for name, object_id in _IDS_BY_NAME.items()}
_OBJECT_ID: Final = re.compile(r"[02]-[1-9][0-9]*")


def normalise_object_type(value: str) -> str | None:
    """The object type id (``"0-1"``) for a name or id, or None if it is not one HubSpot knows.

    Names are case-insensitive, singular or plural, and ``line-items`` equals ``line_items``.
    Ids of the form ``0-<n>`` are accepted only for standard objects; ``2-<n>`` (custom objects)
    always.
    """
    text = value.strip().lower().replace("-", "_") if not _OBJECT_ID.fullmatch(value) else value
    if _OBJECT_ID.fullmatch(text):
        return text if text.startswith("2-") or text in _NAMES_BY_ID else None
    text = _SINGULAR.get(text, text)
    return _IDS_BY_NAME.get(text)


def object_type_name(object_id: str) -> str:
    """The plural name of a standard object id (``"0-3"`` -> ``"deals"``); custom ids unchanged."""
    return _NAMES_BY_ID.get(object_id, object_id)
