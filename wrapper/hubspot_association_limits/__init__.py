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
    from ._client import AsyncLimitsClient, LimitsClient
    from ._object_types import Category, ObjectType
    from ._pacing import InProcessBudget, RateBudget, RateObservation
    from ._redis_budget import RedisBudget
    from ._results import BatchResult, ItemError, LimitsResult, PurgeResult, RateLimitInfo
    from ._retry import RetryPolicy
    from ._types import AssociationTypeKey, Limit, LimitInput
    from .errors import BudgetUnavailableError

# Each public name and the module it lives in.
_HOMES = {
    "AssociationTypeKey": "._types",
    "AsyncLimitsClient": "._client",
    "BatchResult": "._results",
    "BudgetUnavailableError": ".errors",
    "Category": "._object_types",
    "InProcessBudget": "._pacing",
    "ItemError": "._results",
    "Limit": "._types",
    "LimitInput": "._types",
    "LimitsClient": "._client",
    "LimitsResult": "._results",
    "OAuthCredentials": "._auth",
    "ObjectType": "._object_types",
    "PurgeResult": "._results",
    "RateBudget": "._pacing",
    "RateLimitInfo": "._results",
    "RateObservation": "._pacing",
    "RedisBudget": "._redis_budget",  # optional extra "redis": its own imports wait for first use too
    "RetryPolicy": "._retry",
    "TokenRefresh": "._auth",
}

__all__ = [
    "AssociationTypeKey",
    "AsyncLimitsClient",
    "BatchResult",
    "BudgetUnavailableError",
    "Category",
    "InProcessBudget",
    "ItemError",
    "Limit",
    "LimitInput",
    "LimitsClient",
    "LimitsResult",
    "OAuthCredentials",
    "ObjectType",
    "PurgeResult",
    "RateBudget",
    "RateLimitInfo",
    "RateObservation",
    "RedisBudget",
    "RetryPolicy",
    "TokenRefresh",
    "errors",
]


def __getattr__(name: str) -> Any:
    if name == "errors":
        return importlib.import_module(".errors", __name__)
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
