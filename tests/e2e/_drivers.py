"""The same nine calls (five on limits, four on labels) through ``LimitsClient`` or
``AsyncLimitsClient``, so one state machine drives both.

Each driver sends through an injected ``httpx`` client whose response hook records what the
wrapper received. The async driver keeps one event loop (``asyncio.Runner``) for the client's
whole life, because an ``httpx.AsyncClient``'s connections belong to the loop that opened them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

import httpx
from hubspot_association_limits import (
    AsyncLimitsClient,
    BatchResult,
    LabelsResult,
    LimitsClient,
    LimitsResult,
    PurgeResult,
    RetryPolicy,
)

TOKEN = "pat-na1-e2e-0000"


class Driver(Protocol):
    def create(self, from_type: str, to_type: str, inputs: Sequence[Any]) -> BatchResult: ...
    def update(self, from_type: str, to_type: str, inputs: Sequence[Any]) -> BatchResult: ...
    def purge(self, from_type: str, to_type: str, keys: Sequence[Any]) -> PurgeResult: ...
    def get(self, from_type: str, to_type: str) -> LimitsResult: ...
    def list_all(self) -> LimitsResult: ...
    def labels(self, from_type: str, to_type: str) -> LabelsResult: ...
    def create_label(
        self, from_type: str, to_type: str, label: str, name: str | None, inverse: str | None
    ) -> LabelsResult: ...
    def update_label(
        self, from_type: str, to_type: str, type_id: int, label: str, inverse: str | None
    ) -> None: ...
    def delete_label(self, from_type: str, to_type: str, type_id: int) -> None: ...
    def close(self) -> None: ...


class SyncDriver:
    def __init__(
        self, base_url: str, retry: RetryPolicy, batch_size: int, hook: Callable[[httpx.Response], None]
    ) -> None:
        self._http = httpx.Client(event_hooks={"response": [hook]})
        self._client = LimitsClient(
            TOKEN, base_url=base_url, retry=retry, batch_size=batch_size, http_client=self._http
        )

    def create(self, from_type: str, to_type: str, inputs: Sequence[Any]) -> BatchResult:
        return self._client.create(from_type, to_type, inputs)

    def update(self, from_type: str, to_type: str, inputs: Sequence[Any]) -> BatchResult:
        return self._client.update(from_type, to_type, inputs)

    def purge(self, from_type: str, to_type: str, keys: Sequence[Any]) -> PurgeResult:
        return self._client.purge(from_type, to_type, keys)

    def get(self, from_type: str, to_type: str) -> LimitsResult:
        return self._client.get(from_type, to_type)

    def list_all(self) -> LimitsResult:
        return self._client.list_all()

    def labels(self, from_type: str, to_type: str) -> LabelsResult:
        return self._client.labels(from_type, to_type)

    def create_label(
        self, from_type: str, to_type: str, label: str, name: str | None, inverse: str | None
    ) -> LabelsResult:
        return self._client.create_label(from_type, to_type, label, name=name, inverse_label=inverse)

    def update_label(
        self, from_type: str, to_type: str, type_id: int, label: str, inverse: str | None
    ) -> None:
        self._client.update_label(from_type, to_type, type_id, label, inverse_label=inverse)

    def delete_label(self, from_type: str, to_type: str, type_id: int) -> None:
        self._client.delete_label(from_type, to_type, type_id)

    def close(self) -> None:
        self._client.close()
        self._http.close()


class AsyncDriver:
    def __init__(
        self,
        base_url: str,
        retry: RetryPolicy,
        batch_size: int,
        hook: Callable[[httpx.Response], Awaitable[None]],
    ) -> None:
        self._runner = asyncio.Runner()
        self._http = httpx.AsyncClient(event_hooks={"response": [hook]})
        self._client = AsyncLimitsClient(
            TOKEN, base_url=base_url, retry=retry, batch_size=batch_size, http_client=self._http
        )

    def create(self, from_type: str, to_type: str, inputs: Sequence[Any]) -> BatchResult:
        return self._runner.run(self._client.create(from_type, to_type, inputs))

    def update(self, from_type: str, to_type: str, inputs: Sequence[Any]) -> BatchResult:
        return self._runner.run(self._client.update(from_type, to_type, inputs))

    def purge(self, from_type: str, to_type: str, keys: Sequence[Any]) -> PurgeResult:
        return self._runner.run(self._client.purge(from_type, to_type, keys))

    def get(self, from_type: str, to_type: str) -> LimitsResult:
        return self._runner.run(self._client.get(from_type, to_type))

    def list_all(self) -> LimitsResult:
        return self._runner.run(self._client.list_all())

    def labels(self, from_type: str, to_type: str) -> LabelsResult:
        return self._runner.run(self._client.labels(from_type, to_type))

    def create_label(
        self, from_type: str, to_type: str, label: str, name: str | None, inverse: str | None
    ) -> LabelsResult:
        return self._runner.run(
            self._client.create_label(from_type, to_type, label, name=name, inverse_label=inverse)
        )

    def update_label(
        self, from_type: str, to_type: str, type_id: int, label: str, inverse: str | None
    ) -> None:
        self._runner.run(self._client.update_label(from_type, to_type, type_id, label, inverse_label=inverse))

    def delete_label(self, from_type: str, to_type: str, type_id: int) -> None:
        self._runner.run(self._client.delete_label(from_type, to_type, type_id))

    def close(self) -> None:
        try:
            self._runner.run(self._client.aclose())
            self._runner.run(self._http.aclose())
        finally:
            self._runner.close()
