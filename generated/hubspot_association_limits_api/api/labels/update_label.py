from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.label_update_input import LabelUpdateInput
from ...models.rate_limit_error import RateLimitError
from ...types import Response, status_code_of


def _get_kwargs(
    from_object_type: str,
    to_object_type: str,
    *,
    body: LabelUpdateInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/crm/associations/v4/{from_object_type}/{to_object_type}/labels".format(
            from_object_type=quote(str(from_object_type), safe=""),
            to_object_type=quote(str(to_object_type), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    if headers:
        _kwargs["headers"] = headers
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
    *,
    client: AuthenticatedClient | Client,
    body: LabelUpdateInput,
) -> Response[Any | Error | RateLimitError]:
    """Rename a label

     Changes the label (and inverse label) of one of the portal's association types.

    Args:
        from_object_type (str):
        to_object_type (str):
        body (LabelUpdateInput): The new label of an existing association type.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | RateLimitError]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        body=body,
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
    body: LabelUpdateInput,
) -> Any | Error | RateLimitError | None:
    """Rename a label

     Changes the label (and inverse label) of one of the portal's association types.

    Args:
        from_object_type (str):
        to_object_type (str):
        body (LabelUpdateInput): The new label of an existing association type.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | RateLimitError
    """

    return sync_detailed(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
    body: LabelUpdateInput,
) -> Response[Any | Error | RateLimitError]:
    """Rename a label

     Changes the label (and inverse label) of one of the portal's association types.

    Args:
        from_object_type (str):
        to_object_type (str):
        body (LabelUpdateInput): The new label of an existing association type.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | RateLimitError]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient | Client,
    body: LabelUpdateInput,
) -> Any | Error | RateLimitError | None:
    """Rename a label

     Changes the label (and inverse label) of one of the portal's association types.

    Args:
        from_object_type (str):
        to_object_type (str):
        body (LabelUpdateInput): The new label of an existing association type.

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
            client=client,
            body=body,
        )
    ).parsed
