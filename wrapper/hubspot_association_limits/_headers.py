"""What HubSpot's response headers say: the correlation id and the ``X-HubSpot-RateLimit-*`` headers.

Used by the retry policy, the pacing and the results alike, so it depends on nothing of theirs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs
import httpx

__all__ = ["CORRELATION_HEADER", "RateLimitInfo"]

CORRELATION_HEADER: Final = "X-HubSpot-Correlation-Id"


def _int_or_none(value: str | bytes | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# Header (lower-case) -> RateLimitInfo field.
_RATE_LIMIT_FIELDS: Final = {
    "x-hubspot-ratelimit-max": "max",
    "x-hubspot-ratelimit-remaining": "remaining",
    "x-hubspot-ratelimit-interval-milliseconds": "interval_ms",
    "x-hubspot-ratelimit-daily": "daily",
    "x-hubspot-ratelimit-daily-remaining": "daily_remaining",
}
_RATE_LIMIT_RAW: Final = {name.encode(): field for name, field in _RATE_LIMIT_FIELDS.items()}


@attrs.frozen
class RateLimitInfo:
    """The ``X-HubSpot-RateLimit-*`` headers of a response; each None when absent."""

    max: int | None = None
    remaining: int | None = None
    interval_ms: int | None = None
    daily: int | None = None
    daily_remaining: int | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> RateLimitInfo:
        """Parse the headers (case-insensitive; unreadable values become None) in one pass."""
        found: dict[str, int | None] = {}
        if isinstance(headers, httpx.Headers):
            # Every response passes here: read the raw bytes instead of decoding every header
            # as .items() would.
            # HTTP/1.1 (h11) and HTTP/2 hand names over in lower case: lower() only the others.
            for raw_name, raw_value in headers.raw:
                field = _RATE_LIMIT_RAW.get(raw_name)
                if field is None and not raw_name.islower():
                    field = _RATE_LIMIT_RAW.get(raw_name.lower())
                if field is not None:
                    try:  # int() takes the bytes; a repeated header is unreadable, as its joined value is
                        found[field] = None if field in found else int(raw_value)
                    except ValueError:
                        found[field] = None
            return cls(**found)
        for text, value in headers.items():
            field = _RATE_LIMIT_FIELDS.get(text.lower())
            if field is not None:
                found[field] = _int_or_none(value)
        return cls(**found)
