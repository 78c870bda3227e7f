"""Who may call the mock: bearer-token parsing and the configured tokens' scopes and expiry (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

import attrs

from ._config import TokenConfig

__all__ = ["AuthFailure", "bearer_token", "check_token"]

# RFC 6750 b64token.
_BEARER: Final = re.compile(r"[Bb]earer ([A-Za-z0-9\-._~+/]+=*)")
# HubSpot accepts any one object scope for these endpoints (the upstream spec lists 80, read ones
# included); these name-based rules cover them.
_SCOPE_PREFIX: Final = "crm.objects."
_OTHER_SCOPES: Final = frozenset(
    {"tickets", "e-commerce", "media_bridge.read", "tickets.sensitive.v2", "tickets.highly_sensitive.v2"}
)
SUGGESTED_SCOPES: Final = (
    "crm.objects.contacts.read",
    "crm.objects.companies.read",
    "crm.objects.deals.read",
)


@attrs.frozen
class AuthFailure:
    """A request the mock refuses: 401 or 403, with HubSpot's category, message and context."""

    status_code: int
    category: str
    message: str
    context: Mapping[str, list[str]] | None = None


_NO_CREDENTIALS: Final = AuthFailure(
    401,
    "INVALID_AUTHENTICATION",
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find "
    "more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
)
_UNKNOWN_TOKEN: Final = AuthFailure(
    401, "INVALID_AUTHENTICATION", "The access token provided is invalid or was revoked."
)
_EXPIRED: Final = AuthFailure(
    401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired. Refresh it and retry."
)
_MISSING_SCOPES: Final = AuthFailure(
    403,
    "MISSING_SCOPES",
    "This app hasn't been granted all required scopes to make this call. "
    "Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {"missingScopes": list(SUGGESTED_SCOPES)},
)


def bearer_token(authorization: str | None) -> str | None:
    """The token of a well-formed ``Authorization: Bearer <token>`` header, else None."""
    if authorization is None:
        return None
    match = _BEARER.fullmatch(authorization)
    return match.group(1) if match else None


def check_token(token: str | None, tokens: Mapping[str, TokenConfig] | None) -> AuthFailure | None:
    """Why ``token`` may not call the mock, or None when it may."""
    if token is None:
        return _NO_CREDENTIALS
    if tokens is None:
        return None
    config = tokens.get(token)
    if config is None:
        return _UNKNOWN_TOKEN
    if config.expired:
        return _EXPIRED
    if config.scopes is not None and not any(_grants(scope) for scope in config.scopes):
        return _MISSING_SCOPES
    return None


def _grants(scope: str) -> bool:
    return scope.startswith(_SCOPE_PREFIX) or scope in _OTHER_SCOPES
