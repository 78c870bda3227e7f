"""The meta of a generated ``Response``: shared by the limit and the label methods."""

from __future__ import annotations

from typing import Any

from hubspot_association_limits_api.types import Response

from ._results import ResponseMeta
from ._transport import CallState

__all__ = ["meta_of"]


def meta_of(response: Response[Any], state: CallState) -> ResponseMeta:
    """The meta of a call's final response (rate-limit headers as the transport parsed them)."""
    return ResponseMeta.from_response(int(response.status_code), response.headers, state.last_rate_limit)
