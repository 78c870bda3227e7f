"""The ways of calling the service that the per-call benchmark compares: five sync, two async.

Each arm sends the same create (deal -> contact, HUBSPOT_DEFINED 3, limit 5) and the same read of
the pair, builds what its library builds from the answer, and checks the status, so that no arm
is faster by doing less.
"""

from __future__ import annotations

from typing import Any, Protocol

import httpx

TOKEN = "pat-na1-bench-0000"
FROM, TO = "deals", "contacts"
CREATE_INPUT: dict[str, Any] = {"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": 5}
PURGE_INPUT: dict[str, Any] = {"category": "HUBSPOT_DEFINED", "typeId": 3}
PREFIX = "/crm/associations/v4/definitions/configurations"


class Arm(Protocol):
    name: str

    def create(self) -> None: ...
    def get(self) -> None: ...
    def close(self) -> None: ...


class AsyncArm(Protocol):
    name: str

    async def create(self) -> None: ...
    async def get(self) -> None: ...
    async def aclose(self) -> None: ...


class RawHttpx:
    """The floor: httpx.Client, a JSON body out, ``response.json()`` back."""

    name = "raw httpx"

    def __init__(self, base_url: str) -> None:
        self._client = httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {TOKEN}"})

    def create(self) -> None:
        response = self._client.post(f"{PREFIX}/{FROM}/{TO}/batch/create", json={"inputs": [CREATE_INPUT]})
        _expect(response.status_code, 201, response.json())

    def get(self) -> None:
        response = self._client.get(f"{PREFIX}/{FROM}/{TO}")
        _expect(response.status_code, 200, response.json())

    def purge(self) -> None:
        response = self._client.post(f"{PREFIX}/{FROM}/{TO}/batch/purge", json={"inputs": [PURGE_INPUT]})
        _expect(response.status_code, 204, None)

    def close(self) -> None:
        self._client.close()


class Generated:
    """The openapi-python-client output used directly (models in, models out)."""

    name = "generated client"

    def __init__(self, base_url: str) -> None:
        from hubspot_association_limits_api import AuthenticatedClient

        self._client = AuthenticatedClient(base_url=base_url, token=TOKEN)

    def create(self) -> None:
        from hubspot_association_limits_api.api.limits import create_limits
        from hubspot_association_limits_api.models import LimitBatchInput

        body = LimitBatchInput.from_dict({"inputs": [CREATE_INPUT]})
        response = create_limits.sync_detailed(FROM, TO, client=self._client, body=body)
        _expect(response.status_code, 201, response.parsed)

    def get(self) -> None:
        from hubspot_association_limits_api.api.limits import get_limits

        response = get_limits.sync_detailed(FROM, TO, client=self._client)
        _expect(response.status_code, 200, response.parsed)

    def close(self) -> None:
        self._client.get_httpx_client().close()


class Wrapper:
    """This project's LimitsClient, in its default configuration (retries and pacing on)."""

    name = "wrapper (sync)"

    def __init__(self, base_url: str) -> None:
        from hubspot_association_limits import LimitsClient

        self._client = LimitsClient(TOKEN, base_url=base_url)

    def create(self) -> None:
        result = self._client.create(FROM, TO, [CREATE_INPUT])
        _expect(result.status_code, 201, result)

    def get(self) -> None:
        result = self._client.get(FROM, TO)
        _expect(result.status_code, 200, result)

    def close(self) -> None:
        self._client.close()


class WrapperUnpaced(Wrapper):
    """The same client with pacing off (``budget=False``): shows what the rate budget costs."""

    name = "wrapper (sync, budget=False)"

    def __init__(self, base_url: str) -> None:
        from hubspot_association_limits import LimitsClient

        self._client = LimitsClient(TOKEN, base_url=base_url, budget=False)


class HubSpotSdk:
    """HubSpot's hubspot-api-client 12.0.0, one API object reused (each attribute access builds a pool).

    It calls the older prefix ``/crm/v4/associations``, which the mock serves as well.
    """

    name = "hubspot-api-client"

    def __init__(self, base_url: str, retry: Any = None) -> None:
        from hubspot import HubSpot

        sdk = HubSpot(access_token=TOKEN, host=base_url, retry=retry)
        self.api = sdk.crm.associations.v4.schema.definition_configurations_api

    def create(self) -> None:
        from hubspot.crm.associations.v4.schema import (
            BatchInputPublicAssociationDefinitionConfigurationCreateRequest,
            PublicAssociationDefinitionConfigurationCreateRequest,
        )

        body = BatchInputPublicAssociationDefinitionConfigurationCreateRequest(
            inputs=[
                PublicAssociationDefinitionConfigurationCreateRequest(
                    category="HUBSPOT_DEFINED", type_id=3, max_to_object_ids=5
                )
            ]
        )
        _, status, _ = self.api.batch_create_with_http_info(FROM, TO, body)
        _expect(status, 201, body)

    def get(self) -> None:
        result, status, _ = self.api.get_all_between_two_object_types_with_http_info(FROM, TO)
        _expect(status, 200, result)

    def close(self) -> None:
        self.api.api_client.close()


class AsyncRawHttpx:
    """The async floor: httpx.AsyncClient, a JSON body out, ``response.json()`` back."""

    name = "raw httpx.AsyncClient"

    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {TOKEN}"})

    async def create(self) -> None:
        response = await self._client.post(
            f"{PREFIX}/{FROM}/{TO}/batch/create", json={"inputs": [CREATE_INPUT]}
        )
        _expect(response.status_code, 201, response.json())

    async def get(self) -> None:
        response = await self._client.get(f"{PREFIX}/{FROM}/{TO}")
        _expect(response.status_code, 200, response.json())

    async def aclose(self) -> None:
        await self._client.aclose()


class AsyncWrapper:
    """This project's AsyncLimitsClient, in its default configuration (retries and pacing on)."""

    name = "wrapper (async)"

    def __init__(self, base_url: str) -> None:
        from hubspot_association_limits import AsyncLimitsClient

        self._client = AsyncLimitsClient(TOKEN, base_url=base_url)

    async def create(self) -> None:
        result = await self._client.create(FROM, TO, [CREATE_INPUT])
        _expect(result.status_code, 201, result)

    async def get(self) -> None:
        result = await self._client.get(FROM, TO)
        _expect(result.status_code, 200, result)

    async def aclose(self) -> None:
        await self._client.aclose()


def _expect(status: int, wanted: int, parsed: object) -> None:
    if status != wanted:
        raise RuntimeError(f"expected HTTP {wanted}, got {status}: {parsed!r}")


def all_arms(base_url: str) -> list[Arm]:
    """The arms in table order; raw httpx first, because every ratio is to it."""
    return [
        RawHttpx(base_url),
        Generated(base_url),
        Wrapper(base_url),
        WrapperUnpaced(base_url),
        HubSpotSdk(base_url),
    ]


def async_arms(base_url: str) -> list[AsyncArm]:
    """The async arms, raw httpx.AsyncClient first (their ratios are to it). Build them inside the loop."""
    return [AsyncRawHttpx(base_url), AsyncWrapper(base_url)]
