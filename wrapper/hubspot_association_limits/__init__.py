"""HubSpot association limits: a typed client, a stateful mock and a contract-test kit.

``LimitsClient`` / ``AsyncLimitsClient`` wrap the generated OpenAPI client with HubSpot-aware
retries, pacing, typed errors, batching and safe auth. Errors live in ``errors``.

Names are imported on first use (PEP 562), so ``import hubspot_association_limits`` costs almost
nothing and a process that uses only some of the package (the mock, the pytest plugin) loads only that.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import errors
    from ._auth import OAuthCredentials, TokenRefresh
    from ._catalogue import (
        AssociationTypeId,
        AssociationTypeInfo,
        Category,
        ObjectType,
        ObjectTypeInfo,
        hubspot_defined_type,
        hubspot_defined_types,
        object_type_info,
        object_types,
    )
    from ._client import AsyncLimitsClient, LimitsClient
    from ._headers import RateLimitInfo
    from ._pacing import InProcessBudget, RateBudget, RateObservation
    from ._redis_budget import RedisBudget
    from ._results import BatchResult, LabelsResult, LimitsResult, PurgeResult
    from ._retry import RetryPolicy
    from ._types import AssociationLabel, AssociationTypeKey, ItemError, Limit, LimitInput, Unreadable
    from .errors import BudgetUnavailableError

    __version__: str

# Each public name and the module it lives in.
_HOMES = {
    "AssociationLabel": "._types",
    "AssociationTypeId": "._catalogue",
    "AssociationTypeInfo": "._catalogue",
    "AssociationTypeKey": "._types",
    "AsyncLimitsClient": "._client",
    "BatchResult": "._results",
    "BudgetUnavailableError": ".errors",
    "Category": "._catalogue",
    "InProcessBudget": "._pacing",
    "ItemError": "._types",
    "LabelsResult": "._results",
    "Limit": "._types",
    "LimitInput": "._types",
    "LimitsClient": "._client",
    "LimitsResult": "._results",
    "OAuthCredentials": "._auth",
    "ObjectType": "._catalogue",
    "ObjectTypeInfo": "._catalogue",
    "PurgeResult": "._results",
    "RateBudget": "._pacing",
    "RateLimitInfo": "._headers",
    "RateObservation": "._pacing",
    "Unreadable": "._types",
    "RedisBudget": "._redis_budget",  # optional extra "redis": its own imports wait for first use too
    "RetryPolicy": "._retry",
    "TokenRefresh": "._auth",
    "hubspot_defined_type": "._catalogue",
    "hubspot_defined_types": "._catalogue",
    "object_type_info": "._catalogue",
    "object_types": "._catalogue",
}

__all__ = [
    "AssociationLabel",
    "AssociationTypeId",
    "AssociationTypeInfo",
    "AssociationTypeKey",
    "AsyncLimitsClient",
    "BatchResult",
    "BudgetUnavailableError",
    "Category",
    "InProcessBudget",
    "ItemError",
    "LabelsResult",
    "Limit",
    "LimitInput",
    "LimitsClient",
    "LimitsResult",
    "OAuthCredentials",
    "ObjectType",
    "ObjectTypeInfo",
    "PurgeResult",
    "RateBudget",
    "RateLimitInfo",
    "RateObservation",
    "RedisBudget",
    "RetryPolicy",
    "TokenRefresh",
    "Unreadable",
    "errors",
    "hubspot_defined_type",
    "hubspot_defined_types",
    "object_type_info",
    "object_types",
]


def __getattr__(name: str) -> Any:
    if name == "errors":
        return importlib.import_module(".errors", __name__)
    if name == "__version__":  # from the installed metadata
        return importlib.import_module("importlib.metadata").version("hubspot-association-limits")
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
