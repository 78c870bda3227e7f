"""Helpers for the mock's tests."""

from __future__ import annotations

from typing import Any

from hubspot_association_limits._catalogue import normalise_object_type

PREFIX = "/crm/associations/v4/definitions/configurations"
TOKEN = "pat-na1-test-token"


def item(category: str, type_id: int, limit: int) -> dict[str, Any]:
    return {"category": category, "typeId": type_id, "maxToObjectIds": limit}


def hs(type_id: int, limit: int) -> dict[str, Any]:
    return item("HUBSPOT_DEFINED", type_id, limit)


def ud(type_id: int, limit: int) -> dict[str, Any]:
    return item("USER_DEFINED", type_id, limit)


# Object types HubSpot knows, in the spellings it accepts.
OBJECT_TYPES = ["deals", "contacts", "0-2", "company", "TICKETS", "line_items", "2-123"]


def with_known_object_types(path_parameters: dict[str, Any] | None) -> dict[str, Any] | None:
    """Path parameters with unknown object types replaced by known ones (known ones kept, so links
    between calls still point at the same pair)."""
    if not path_parameters:
        return path_parameters
    return {
        name: value
        if normalise_object_type(str(value))
        else OBJECT_TYPES[len(str(value)) % len(OBJECT_TYPES)]
        for name, value in path_parameters.items()
    }


def refused_by_a_label_rule(path: str, response: Any) -> bool:
    """A label operation refused (400) by one of HubSpot's label rules the spec cannot state: a pair
    that cannot have labels, a name or label the pair has already, the cap of labels per pair, a
    blank label, a HubSpot-defined typeId. Schema violations ("Invalid input...") do not count."""
    if "/labels" not in path or response.status_code != 400:
        return False
    return not str(response.json().get("message", "")).startswith("Invalid input")


def refused_for_an_invalid_association_type(path: str, response: Any) -> bool:
    """A purge refused (400) because a key names an association type the pair does not have, as
    HubSpot refuses it: random typeIds almost never exist, and no schema can say which do."""
    if not path.endswith("/batch/purge") or response.status_code != 400:
        return False
    return bool(response.json().get("subCategory") == "crm.associations.INVALID_ASSOCIATION_TYPE")
