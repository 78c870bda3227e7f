"""From a generated ``Response`` to a result or an error: shared by the limit and the label methods."""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from typing import Any, Final, TypeVar

import httpx
from hubspot_association_limits_api.client import Client
from hubspot_association_limits_api.types import Response

from ._results import ResponseMeta
from ._transport import CallState
from .errors import CORRELATION_HEADER, APIStatusError

__all__ = ["meta_of", "parse_as", "raised_by_parser", "unreadable"]

_T = TypeVar("_T")
_GENERATED_PACKAGE: Final = Client.__module__.partition(".")[0] + "."


def unreadable(response: httpx.Response | None, error: Exception) -> APIStatusError:
    """The error for a response whose body could not be read or parsed."""
    if response is None:
        return APIStatusError(f"the response could not be read: {error}", status_code=0)
    return APIStatusError(
        f"HubSpot answered {response.status_code} with a body that is not the documented JSON ({error})",
        status_code=response.status_code,
        correlation_id=response.headers.get(CORRELATION_HEADER),
        headers=response.headers,
    )


def meta_of(response: Response[Any], state: CallState) -> ResponseMeta:
    """The meta of a call's final response (rate-limit headers as the transport parsed them)."""
    return ResponseMeta.from_response(int(response.status_code), response.headers, state.last_rate_limit)


def parse_as(model: Callable[[dict[str, Any]], _T], response: Response[Any]) -> _T:
    """The body parsed into ``model``, or the ``unreadable`` error."""
    # Any 2xx is success, even one the spec does not list (create has answered 200): parse it ourselves.
    try:
        return model(json.loads(response.content))
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise unreadable(
            httpx.Response(int(response.status_code), headers=response.headers, content=response.content),
            error,
        ) from error


def raised_by_parser(error: BaseException) -> bool:
    """Whether ``error`` came from parsing a response body, not from sending the request."""
    # The generated endpoints parse the body in _build_response, once the request has returned;
    # an error raised while sending (a caller's on_token_refresh, say) is not about the body.
    return any(
        frame.f_code.co_name == "_build_response"
        and str(frame.f_globals.get("__name__")).startswith(_GENERATED_PACKAGE)
        for frame, _ in traceback.walk_tb(error.__traceback__)
    )
