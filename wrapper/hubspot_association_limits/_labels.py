"""Association labels: the label methods of both clients, and the pure rules of a create safe to repeat.

Creating a label is not idempotent: a replayed POST would create the label again (or be refused
for its name). So ``create_label`` sends its POST with ``retry_posts`` off, which leaves the
transport retrying only what certainly was not processed (429, a connection that never opened).
After an ambiguous failure (5xx, 408, timeout, dropped connection) it reads the labels back: a
label that is there now was created by that attempt and is returned; otherwise the POST is sent
once more, when and as often as the call's ``RetryPolicy`` allows (``decide()`` as for every retry).
"""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
from collections.abc import Callable, Coroutine, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs
import httpx
from hubspot_association_limits_api.api.labels import create_label as create_endpoint
from hubspot_association_limits_api.api.labels import delete_label as delete_endpoint
from hubspot_association_limits_api.api.labels import list_labels as list_endpoint
from hubspot_association_limits_api.api.labels import update_label as update_endpoint
from hubspot_association_limits_api.models import LabelCreateInput, LabelUpdateInput
from hubspot_association_limits_api.types import UNSET, Response

from ._inputs import pair_ids
from ._logging import logger
from ._responses import meta_of
from ._results import LabelsResult, ResponseMeta
from ._retry import Failure, GiveUp, Retry, RetryPolicy, decide
from ._transport import CallState
from ._types import AssociationLabel
from ._wire import read_labels
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    HubSpotError,
    InvalidInputError,
    UnreadableResponseError,
)

if TYPE_CHECKING:
    from hubspot_association_limits_api import Client

    from ._client import _Core
    from ._transport import AsyncRetryTransport, RetryTransport

__all__ = [
    "AsyncLabelMethods",
    "CreateRequest",
    "CreateRetries",
    "FailedAttempt",
    "LabelMethods",
    "create_request",
    "failed_attempt",
    "label_name",
]

_T = TypeVar("_T")
_INT32_MAX: Final = 2**31 - 1
_NOT_A_NAME: Final = re.compile(r"[^a-z0-9]+")
_HUBSPOT_DEFINED: Final = "HUBSPOT_DEFINED"


def label_name(label: str) -> str:
    """The default internal ``name`` of a label: its ASCII slug ("Décision maker" -> "decision_maker")."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return _NOT_A_NAME.sub("_", ascii_text.lower()).strip("_")


def _text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"must be a non-empty string, got {value!r}", field=field)
    return value


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else _text(value, field)


def _type_id(value: object) -> int:
    # bool is an int subclass; True as a typeId is a bug, not a 1.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _INT32_MAX:
        raise InvalidInputError(
            f"must be an integer between 0 and {_INT32_MAX}, got {value!r}", field="type_id"
        )
    return value


def _labels_result(response: Response[Any], state: CallState) -> LabelsResult:
    return read_labels(response, meta_of(response, state))


@attrs.frozen
class CreateRequest:
    """One validated ``create_label`` call: the pair (as ids), the body, and how to recognise the result."""

    from_id: str
    to_id: str
    label: str
    name: str
    inverse_label: str | None

    @property
    def same_object(self) -> bool:
        """A pair like contact-to-contact lists both directions in one read."""
        return self.from_id == self.to_id

    def body(self) -> LabelCreateInput:
        return LabelCreateInput(
            label=self.label,
            name=self.name,
            inverse_label=UNSET if self.inverse_label is None else self.inverse_label,
        )

    def created_in(
        self, types: Sequence[AssociationLabel], *, reverse: bool = False
    ) -> list[AssociationLabel]:
        """The portal's own types in ``types`` (one read of the pair, or of the reverse pair) that
        carry this request's label: how a read-back recognises a label created by a lost answer."""
        if reverse:
            wanted = {self.inverse_label or self.label}
        else:
            wanted = {self.label}
            if self.same_object and self.inverse_label is not None:
                wanted.add(self.inverse_label)
        return [t for t in types if t.category != _HUBSPOT_DEFINED and t.label in wanted]


def create_request(
    from_object_type: object, to_object_type: object, label: object, name: object, inverse_label: object
) -> CreateRequest:
    """Validate ``create_label``'s arguments; ``name`` None becomes ``label_name(label)``."""
    from_id, to_id = pair_ids(from_object_type, to_object_type)
    text = _text(label, "label")
    if name is None:
        name = label_name(text)
        if not name:
            raise InvalidInputError(
                f"no name can be derived from the label {text!r} (no ASCII letters or digits); pass name=",
                field="name",
            )
    inverse = _optional_text(inverse_label, "inverse_label")
    return CreateRequest(from_id, to_id, text, _text(name, "name"), inverse)


@attrs.frozen
class FailedAttempt:
    """One failed POST in ``decide()``'s terms: a status (with its headers) or a transport failure."""

    status: int | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    failure: Failure | None = None

    @property
    def ambiguous(self) -> bool:
        """Whether HubSpot may have applied it, so the labels must be read back before a resend."""
        if self.failure is not None:
            return self.failure != "connect"
        return self.status is not None and (self.status == 408 or self.status >= 500)


def failed_attempt(error: HubSpotError) -> FailedAttempt | None:
    """What the error says about the attempt; None for errors raised before anything was sent."""
    if isinstance(error, UnreadableResponseError):  # HubSpot answered 2xx, in words not read
        return FailedAttempt(failure="network")
    if isinstance(error, APIStatusError):
        return FailedAttempt(status=error.status_code, headers=error.headers)
    if isinstance(error, APIConnectionError):
        if isinstance(error.__cause__, httpx.ConnectError | httpx.ConnectTimeout):
            return FailedAttempt(failure="connect")
        return FailedAttempt(failure="timeout" if isinstance(error, APITimeoutError) else "network")
    return None


@attrs.define
class CreateRetries:
    """The retry bookkeeping of one ``create_label`` call (pure: jitter and clock come in)."""

    policy: RetryPolicy
    attempt: int = 0
    waited: float = 0.0

    @property
    def transport_policy(self) -> RetryPolicy:
        """The policy each POST is sent with: the transport resends only what certainly was not applied."""
        return attrs.evolve(self.policy, retry_posts=False)

    def next(self, failed: FailedAttempt, *, jitter: float, now: datetime.datetime) -> Retry | GiveUp:
        """Whether to send the POST again (after the read-back found nothing, for an ambiguous failure)."""
        if failed.status == 429 or failed.failure == "connect":
            return GiveUp("the transport already retried it as far as the policy allows")
        decision = decide(
            self.policy,
            method="POST",
            attempt=self.attempt,
            waited=self.waited,
            status=failed.status,
            headers=failed.headers,
            failure=failed.failure,
            now=now,
            jitter=jitter,
        )
        if isinstance(decision, Retry):
            self.attempt += 1
            self.waited += decision.wait
        return decision


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _update_body(type_id: object, label: object, inverse_label: object) -> LabelUpdateInput:
    inverse = _optional_text(inverse_label, "inverse_label")
    return LabelUpdateInput(
        association_type_id=_type_id(type_id),
        label=_text(label, "label"),
        inverse_label=UNSET if inverse is None else inverse,
    )


def _note_not_created(error: HubSpotError, decision: GiveUp, read_back: bool) -> None:
    if read_back:
        error.add_note("the labels were read back: the label was not created")
    error.add_note(f"not sent again: {decision.reason}")


def _log_resend(decision: Retry, request: CreateRequest) -> None:
    logger.info("creating label %r again: %s; waiting %.2f s", request.name, decision.reason, decision.wait)


# --- the methods, mixed into LimitsClient and AsyncLimitsClient --------------------------------------


class LabelMethods:
    """The label methods of ``LimitsClient``: same retries, pacing, errors and redaction as the limits."""

    if TYPE_CHECKING:
        _core: _Core
        _generated: Client
        _transport: RetryTransport

        def _call(
            self, send: Callable[[], Response[_T]], retry: RetryPolicy | None
        ) -> tuple[Response[_T], CallState]: ...

    def labels(
        self, from_object_type: str, to_object_type: str, *, retry: RetryPolicy | None = None
    ) -> LabelsResult:
        """Every association type from one object type to another: HubSpot's and the portal's labels."""
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        response, state = self._call(
            lambda: list_endpoint.sync_detailed(from_id, to_id, client=self._generated), retry
        )
        return _labels_result(response, state)

    def create_label(
        self,
        from_object_type: str,
        to_object_type: str,
        label: str,
        *,
        name: str | None = None,
        inverse_label: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> LabelsResult:
        """Create a label; the result holds the new type of each direction. ``name`` (HubSpot's unique
        internal name) defaults to the label's ASCII slug ("Decision maker" -> "decision_maker").
        Never creates it twice: after an ambiguous failure the labels are read back first."""
        request = create_request(from_object_type, to_object_type, label, name, inverse_label)
        retries = CreateRetries(retry or self._core.policy)
        while True:
            try:
                response, state = self._call(
                    partial(
                        create_endpoint.sync_detailed,
                        request.from_id,
                        request.to_id,
                        client=self._generated,
                        body=request.body(),
                    ),
                    retries.transport_policy,
                )
                return _labels_result(response, state)
            except HubSpotError as error:
                failed = failed_attempt(error)
                if failed is None:
                    raise
                if failed.ambiguous:
                    found = self._read_back(request, error, retry)
                    if found is not None:
                        return found
                decision = retries.next(failed, jitter=random.random(), now=_now())
                if isinstance(decision, GiveUp):
                    _note_not_created(error, decision, failed.ambiguous)
                    raise
                _log_resend(decision, request)
                self._transport.pause(decision.wait)

    def _read_back(
        self, request: CreateRequest, error: HubSpotError, retry: RetryPolicy | None
    ) -> LabelsResult | None:
        try:
            read = self.labels(request.from_id, request.to_id, retry=retry)
            found = request.created_in(read.results)
            meta: ResponseMeta = read.meta
            if found and not request.same_object:
                reverse = self.labels(request.to_id, request.from_id, retry=retry)
                found += request.created_in(reverse.results, reverse=True)
                meta = reverse.meta
        except HubSpotError as read_error:
            error.add_note(f"whether the label was created is unknown: the read-back failed: {read_error}")
            raise error from read_error
        return LabelsResult(results=found, meta=meta, read_back=True) if found else None

    def update_label(
        self,
        from_object_type: str,
        to_object_type: str,
        type_id: int,
        label: str,
        *,
        inverse_label: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        """Rename one of the portal's labels (and its inverse label); HubSpot answers 204."""
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        body = _update_body(type_id, label, inverse_label)
        self._call(
            partial(update_endpoint.sync_detailed, from_id, to_id, client=self._generated, body=body), retry
        )

    def delete_label(
        self, from_object_type: str, to_object_type: str, type_id: int, *, retry: RetryPolicy | None = None
    ) -> None:
        """Delete one of the portal's labels: HubSpot removes it from every record, with its limits."""
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        checked = _type_id(type_id)
        self._call(
            lambda: delete_endpoint.sync_detailed(from_id, to_id, checked, client=self._generated), retry
        )


class AsyncLabelMethods:
    """The async twin of ``LabelMethods``, mixed into ``AsyncLimitsClient``."""

    if TYPE_CHECKING:
        _core: _Core
        _generated: Client
        _transport: AsyncRetryTransport

        async def _call(
            self, send: Callable[[], Coroutine[Any, Any, Response[_T]]], retry: RetryPolicy | None
        ) -> tuple[Response[_T], CallState]: ...

    async def labels(
        self, from_object_type: str, to_object_type: str, *, retry: RetryPolicy | None = None
    ) -> LabelsResult:
        """Every association type from one object type to another: HubSpot's and the portal's labels."""
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        response, state = await self._call(
            lambda: list_endpoint.asyncio_detailed(from_id, to_id, client=self._generated), retry
        )
        return _labels_result(response, state)

    async def create_label(
        self,
        from_object_type: str,
        to_object_type: str,
        label: str,
        *,
        name: str | None = None,
        inverse_label: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> LabelsResult:
        """Create a label; the result holds the new type of each direction. ``name`` (HubSpot's unique
        internal name) defaults to the label's ASCII slug ("Decision maker" -> "decision_maker").
        Never creates it twice: after an ambiguous failure the labels are read back first."""
        request = create_request(from_object_type, to_object_type, label, name, inverse_label)
        retries = CreateRetries(retry or self._core.policy)
        while True:
            try:
                response, state = await self._call(
                    partial(
                        create_endpoint.asyncio_detailed,
                        request.from_id,
                        request.to_id,
                        client=self._generated,
                        body=request.body(),
                    ),
                    retries.transport_policy,
                )
                return _labels_result(response, state)
            except HubSpotError as error:
                failed = failed_attempt(error)
                if failed is None:
                    raise
                if failed.ambiguous:
                    found = await self._read_back(request, error, retry)
                    if found is not None:
                        return found
                decision = retries.next(failed, jitter=random.random(), now=_now())
                if isinstance(decision, GiveUp):
                    _note_not_created(error, decision, failed.ambiguous)
                    raise
                _log_resend(decision, request)
                await self._transport.pause(decision.wait)

    async def _read_back(
        self, request: CreateRequest, error: HubSpotError, retry: RetryPolicy | None
    ) -> LabelsResult | None:
        try:
            read = await self.labels(request.from_id, request.to_id, retry=retry)
            found = request.created_in(read.results)
            meta: ResponseMeta = read.meta
            if found and not request.same_object:
                reverse = await self.labels(request.to_id, request.from_id, retry=retry)
                found += request.created_in(reverse.results, reverse=True)
                meta = reverse.meta
        except HubSpotError as read_error:
            error.add_note(f"whether the label was created is unknown: the read-back failed: {read_error}")
            raise error from read_error
        return LabelsResult(results=found, meta=meta, read_back=True) if found else None

    async def update_label(
        self,
        from_object_type: str,
        to_object_type: str,
        type_id: int,
        label: str,
        *,
        inverse_label: str | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        """Rename one of the portal's labels (and its inverse label); HubSpot answers 204."""
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        body = _update_body(type_id, label, inverse_label)
        await self._call(
            partial(update_endpoint.asyncio_detailed, from_id, to_id, client=self._generated, body=body),
            retry,
        )

    async def delete_label(
        self, from_object_type: str, to_object_type: str, type_id: int, *, retry: RetryPolicy | None = None
    ) -> None:
        """Delete one of the portal's labels: HubSpot removes it from every record, with its limits."""
        from_id, to_id = pair_ids(from_object_type, to_object_type)
        checked = _type_id(type_id)
        await self._call(
            lambda: delete_endpoint.asyncio_detailed(from_id, to_id, checked, client=self._generated), retry
        )
