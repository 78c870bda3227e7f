from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.label_collection import LabelCollection
from ...models.label_create_input import LabelCreateInput
from ...models.rate_limit_error import RateLimitError
from ...types import Response, status_code_of


def _get_kwargs(
    from_object_type: str,
    to_object_type: str,
    *,
    body: LabelCreateInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
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
) -> Error | LabelCollection | RateLimitError | None:
    if response.status_code == 200:
        response_200 = LabelCollection.from_dict(response.json())

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
) -> Response[Error | LabelCollection | RateLimitError]:
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
    body: LabelCreateInput,
) -> Response[Error | LabelCollection | RateLimitError]:
    """Create a label

     Creates a USER_DEFINED association type in each direction of the pair; with `inverseLabel` the
    reverse direction carries that label. Not idempotent: a resend after an ambiguous failure may find
    the label already created, so clients read the labels back before resending.

    Args:
        from_object_type (str):
        to_object_type (str):
        body (LabelCreateInput): A new label; `name` is its unique internal name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LabelCollection | RateLimitError]
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
    body: LabelCreateInput,
) -> Error | LabelCollection | RateLimitError | None:
    """Create a label

     Creates a USER_DEFINED association type in each direction of the pair; with `inverseLabel` the
    reverse direction carries that label. Not idempotent: a resend after an ambiguous failure may find
    the label already created, so clients read the labels back before resending.

    Args:
        from_object_type (str):
        to_object_type (str):
        body (LabelCreateInput): A new label; `name` is its unique internal name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LabelCollection | RateLimitError
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
    body: LabelCreateInput,
) -> Response[Error | LabelCollection | RateLimitError]:
    """Create a label

     Creates a USER_DEFINED association type in each direction of the pair; with `inverseLabel` the
    reverse direction carries that label. Not idempotent: a resend after an ambiguous failure may find
    the label already created, so clients read the labels back before resending.

    Args:
        from_object_type (str):
        to_object_type (str):
        body (LabelCreateInput): A new label; `name` is its unique internal name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LabelCollection | RateLimitError]
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
    body: LabelCreateInput,
) -> Error | LabelCollection | RateLimitError | None:
    """Create a label

     Creates a USER_DEFINED association type in each direction of the pair; with `inverseLabel` the
    reverse direction carries that label. Not idempotent: a resend after an ambiguous failure may find
    the label already created, so clients read the labels back before resending.

    Args:
        from_object_type (str):
        to_object_type (str):
        body (LabelCreateInput): A new label; `name` is its unique internal name.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LabelCollection | RateLimitError
    """

    return (
        await asyncio_detailed(
            from_object_type=from_object_type,
            to_object_type=to_object_type,
            client=client,
            body=body,
        )
    ).parsed
