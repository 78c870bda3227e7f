"""HubSpot association limits: a typed client, a stateful mock and a contract-test kit.

``LimitsClient`` / ``AsyncLimitsClient`` wrap the generated OpenAPI client with HubSpot-aware
retries, pacing, typed errors, batching and safe auth. Errors live in ``errors``.
"""

from typing import TYPE_CHECKING, Any

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
from ._pacing import InProcessBudget, RateBudget, RateObservation
from ._results import BatchResult, ItemError, LabelsResult, LimitsResult, PurgeResult, RateLimitInfo
from ._retry import RetryPolicy
from ._types import AssociationLabel, AssociationTypeKey, Limit, LimitInput
from .errors import BudgetUnavailableError

if TYPE_CHECKING:
    from ._redis_budget import RedisBudget

    __version__: str

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
    "errors",
    "hubspot_defined_type",
    "hubspot_defined_types",
    "object_type_info",
    "object_types",
]


def __getattr__(name: str) -> Any:
    # The version is read from the installed metadata on first use, so importing stays cheap.
    if name == "__version__":
        from importlib.metadata import version

        return version("hubspot-association-limits")
    # The Redis budget (optional extra "redis") is imported on first use only.
    if name == "RedisBudget":
        from ._redis_budget import RedisBudget

        return RedisBudget
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
