from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.rate_limit_error import RateLimitError
from ...types import Response, status_code_of


def _get_kwargs(
    from_object_type: str,
    to_object_type: str,
    association_type_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/crm/associations/v4/{from_object_type}/{to_object_type}/labels/{association_type_id}".format(
            from_object_type=quote(str(from_object_type), safe=""),
            to_object_type=quote(str(to_object_type), safe=""),
            association_type_id=quote(str(association_type_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | RateLimitError | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | Error | RateLimitError]:
    return Response(
        status_code=status_code_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parse=lambda: _parse_response(client=client, response=response),
    )


def sync_detailed(
    from_object_type: str,
    to_object_type: str,
    association_type_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error | RateLimitError]:
    """Delete a label

     Deletes one of the portal's association types. HubSpot removes the label from every record that
    carries it, and its limits with it.

    Args:
        from_object_type (str):
        to_object_type (str):
        association_type_id (int): The association type, unique within its category (deal to
            contact is 3). Example: 3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | RateLimitError]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        association_type_id=association_type_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    from_object_type: str,
    to_object_type: str,
    association_type_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | RateLimitError | None:
    """Delete a label

     Deletes one of the portal's association types. HubSpot removes the label from every record that
    carries it, and its limits with it.

    Args:
        from_object_type (str):
        to_object_type (str):
        association_type_id (int): The association type, unique within its category (deal to
            contact is 3). Example: 3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | RateLimitError
    """

    return sync_detailed(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        association_type_id=association_type_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    from_object_type: str,
    to_object_type: str,
    association_type_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error | RateLimitError]:
    """Delete a label

     Deletes one of the portal's association types. HubSpot removes the label from every record that
    carries it, and its limits with it.

    Args:
        from_object_type (str):
        to_object_type (str):
        association_type_id (int): The association type, unique within its category (deal to
            contact is 3). Example: 3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | RateLimitError]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        association_type_id=association_type_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    from_object_type: str,
    to_object_type: str,
    association_type_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | RateLimitError | None:
    """Delete a label

     Deletes one of the portal's association types. HubSpot removes the label from every record that
    carries it, and its limits with it.

    Args:
        from_object_type (str):
        to_object_type (str):
        association_type_id (int): The association type, unique within its category (deal to
            contact is 3). Example: 3.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | RateLimitError
    """

    return (
        await asyncio_detailed(
            from_object_type=from_object_type,
            to_object_type=to_object_type,
            association_type_id=association_type_id,
            client=client,
        )
    ).parsed
