"""Helpers for the mock's tests."""

from __future__ import annotations

from typing import Any

PREFIX = "/crm/associations/v4/definitions/configurations"
TOKEN = "pat-na1-test-token"


def item(category: str, type_id: int, limit: int) -> dict[str, Any]:
    return {"category": category, "typeId": type_id, "maxToObjectIds": limit}


def hs(type_id: int, limit: int) -> dict[str, Any]:
    return item("HUBSPOT_DEFINED", type_id, limit)


def ud(type_id: int, limit: int) -> dict[str, Any]:
    return item("USER_DEFINED", type_id, limit)
