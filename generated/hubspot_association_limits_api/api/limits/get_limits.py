from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.limit_collection import LimitCollection
from ...models.rate_limit_error import RateLimitError
from ...types import Response, status_code_of


def _get_kwargs(
    from_object_type: str,
    to_object_type: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/crm/associations/v4/definitions/configurations/{from_object_type}/{to_object_type}".format(
            from_object_type=quote(str(from_object_type), safe=""),
            to_object_type=quote(str(to_object_type), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | LimitCollection | RateLimitError | None:
    if response.status_code == 200:
        response_200 = LimitCollection.from_dict(response.json())

        return response_200

    if response.status_code == 429:
        try:
            response_429 = RateLimitError.from_dict(response.json())

            return response_429

        except (ValueError, KeyError, TypeError):
            return None  # an error body that is not the documented JSON; see below
    try:
        response_default = Error.from_dict(response.json())

        return response_default

    except (ValueError, KeyError, TypeError):
        # Error bodies are not always HubSpot's JSON (edge proxies answer with HTML); the raw
        # bytes stay in Response.content for the caller to report.
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | LimitCollection | RateLimitError]:
    return Response(
        status_code=status_code_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parse=lambda: _parse_response(client=client, response=response),
    )


def sync_detailed(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | LimitCollection | RateLimitError]:
    """Read the limits between two object types

     The association limits configured from one object type to another, one entry per association type
    that has a limit.

    Args:
        from_object_type (str):
        to_object_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LimitCollection | RateLimitError]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | LimitCollection | RateLimitError | None:
    """Read the limits between two object types

     The association limits configured from one object type to another, one entry per association type
    that has a limit.

    Args:
        from_object_type (str):
        to_object_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LimitCollection | RateLimitError
    """

    return sync_detailed(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        client=client,
    ).parsed


async def asyncio_detailed(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | LimitCollection | RateLimitError]:
    """Read the limits between two object types

     The association limits configured from one object type to another, one entry per association type
    that has a limit.

    Args:
        from_object_type (str):
        to_object_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LimitCollection | RateLimitError]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | LimitCollection | RateLimitError | None:
    """Read the limits between two object types

     The association limits configured from one object type to another, one entry per association type
    that has a limit.

    Args:
        from_object_type (str):
        to_object_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LimitCollection | RateLimitError
    """

    return (
        await asyncio_detailed(
            from_object_type=from_object_type,
            to_object_type=to_object_type,
            client=client,
        )
    ).parsed
