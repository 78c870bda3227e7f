"""HubSpot association limits: a typed client, a stateful mock and a contract-test kit.

``LimitsClient`` / ``AsyncLimitsClient`` wrap the generated OpenAPI client with HubSpot-aware
retries, pacing, typed errors, batching and safe auth. Errors live in ``errors``.
"""

from . import errors
from ._auth import OAuthCredentials, TokenRefresh
from ._client import AsyncLimitsClient, LimitsClient
from ._object_types import Category, ObjectType
from ._pacing import InProcessBudget, RateBudget, RateObservation
from ._results import BatchResult, ItemError, LimitsResult, PurgeResult, RateLimitInfo
from ._retry import RetryPolicy
from ._types import AssociationTypeKey, Limit, LimitInput

__all__ = [
    "AssociationTypeKey",
    "AsyncLimitsClient",
    "BatchResult",
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
    "RetryPolicy",
    "TokenRefresh",
    "errors",
]
