from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.limit_collection import LimitCollection
from ...models.rate_limit_error import RateLimitError
from ...types import Response, status_code_of


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/crm/associations/v4/definitions/configurations/all",
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
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | LimitCollection | RateLimitError]:
    """Read every configured limit

     Every association limit configured in the portal, across all object-type pairs. Not paginated.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LimitCollection | RateLimitError]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Error | LimitCollection | RateLimitError | None:
    """Read every configured limit

     Every association limit configured in the portal, across all object-type pairs. Not paginated.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LimitCollection | RateLimitError
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | LimitCollection | RateLimitError]:
    """Read every configured limit

     Every association limit configured in the portal, across all object-type pairs. Not paginated.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LimitCollection | RateLimitError]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Error | LimitCollection | RateLimitError | None:
    """Read every configured limit

     Every association limit configured in the portal, across all object-type pairs. Not paginated.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LimitCollection | RateLimitError
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
