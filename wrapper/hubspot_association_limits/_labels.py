"""Association labels as flows (``_flow``): create safe to repeat, rename, delete after a lost answer.

Creating a label is not idempotent: a replayed POST would create the label again (or be refused
for its name). So ``create_label_flow`` first reads the labels the pair has, then sends its POST
once (``retry_posts`` off: the request's own retries resend only what certainly was not processed,
a 429 or a connection that never opened). After an ambiguous failure (5xx, 408, timeout, dropped
connection) it reads the labels back: a label there now that was not there before was created by
the lost attempt and is returned; one that was there before the call is not ours, and a resend
meets HubSpot's own duplicate error. Otherwise the POST is sent once more, when and as often as the
call allows (``Call.resend``). A delete replayed after an ambiguous failure that finds the label
gone was done by the lost attempt.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import attrs

from ._call import Exchange, failed_attempt
from ._flow import CreateLabel, DeleteLabel, Flow, Pair, ReadLabels, RenameLabel, Resend
from ._inputs import pair_ids
from ._logging import logger
from ._results import LabelsResult, ResponseMeta
from ._retry import GiveUp, Retry
from ._rules import label_name
from ._types import AssociationLabel, AssociationTypeKey
from ._wire import raise_for_status, read_labels
from .errors import HubSpotError, InvalidInputError

__all__ = [
    "CreateRequest",
    "create_label_flow",
    "create_request",
    "delete_label_flow",
    "rename_label_flow",
    "rename_step",
    "type_id_of",
]

_INT32_MAX: Final = 2**31 - 1
_HUBSPOT_DEFINED: Final = "HUBSPOT_DEFINED"


def _text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"must be a non-empty string, got {value!r}", field=field)
    return value


def _optional_text(value: object, field: str) -> str | None:
    return None if value is None else _text(value, field)


def type_id_of(value: object) -> int:
    """A label's typeId as a caller passed it, checked."""
    # bool is an int subclass; True as a typeId is a bug, not a 1.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _INT32_MAX:
        raise InvalidInputError(
            f"must be an integer between 0 and {_INT32_MAX}, got {value!r}", field="type_id"
        )
    return value


@attrs.frozen
class CreateRequest:
    """One validated ``create_label`` call: the pair (as ids), the body, and how to recognise the result."""

    from_id: str
    to_id: str
    label: str
    name: str
    inverse_label: str | None

    @property
    def pair(self) -> Pair:
        """The pair the label is created on (as ids)."""
        return (self.from_id, self.to_id)

    @property
    def same_object(self) -> bool:
        """A pair like contact-to-contact lists both directions in one read."""
        return self.from_id == self.to_id

    def step(self) -> CreateLabel:
        """The step that sends this create."""
        return CreateLabel(self.pair, self.label, self.name, self.inverse_label)

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


def rename_step(pair: Pair, type_id: object, label: object, inverse_label: object) -> RenameLabel:
    """Validate ``update_label``'s arguments into the step that sends the rename."""
    inverse = _optional_text(inverse_label, "inverse_label")
    return RenameLabel(pair, type_id_of(type_id), _text(label, "label"), inverse)


def _note_not_created(
    error: HubSpotError, decision: GiveUp, read_back: bool, existed: Sequence[AssociationLabel]
) -> None:
    if existed:
        ids = ", ".join(str(t.type_id) for t in existed)
        error.add_note(f"the label existed before this call (USER_DEFINED {ids}); this call created nothing")
    elif read_back:
        error.add_note("the labels were read back: the label was not created")
    error.add_note(f"not sent again: {decision.reason}")


def _read_back(
    request: CreateRequest, error: HubSpotError, known: set[AssociationTypeKey]
) -> Flow[LabelsResult | None]:
    # The types with this request's label that were not there before the call: created by the lost
    # attempt (both directions of a cross-object label need a read of each pair).
    try:
        read = read_labels((yield ReadLabels(request.pair)))
        found = [t for t in request.created_in(read.results) if t.key not in known]
        meta: ResponseMeta = read.meta
        if found and not request.same_object:
            reverse = read_labels((yield ReadLabels((request.to_id, request.from_id))))
            found += request.created_in(reverse.results, reverse=True)
            meta = reverse.meta
    except HubSpotError as read_error:
        error.add_note(f"whether the label was created is unknown: the read-back failed: {read_error}")
        raise error from read_error
    return LabelsResult(results=found, meta=meta, read_back=True) if found else None


def create_label_flow(request: CreateRequest) -> Flow[LabelsResult]:
    """Create a label: never twice, and never taking one that existed before the call for a new one."""
    before = read_labels((yield ReadLabels(request.pair)))
    existed = request.created_in(before.results)
    known = {association_type.key for association_type in before.results}
    while True:
        try:
            return read_labels((yield request.step()))
        except HubSpotError as error:
            failed = failed_attempt(error)
            if failed is None:
                raise
            if failed.ambiguous:
                found = yield from _read_back(request, error, known)
                if found is not None:
                    return found
            decision: Retry | GiveUp = yield Resend(failed)
            if isinstance(decision, GiveUp):
                _note_not_created(error, decision, failed.ambiguous, existed)
                raise
            logger.info(
                "creating label %r again: %s; waiting %.2f s", request.name, decision.reason, decision.wait
            )


def rename_label_flow(step: RenameLabel) -> Flow[None]:
    """Rename a label (PUT is safe to repeat, so its retries need nothing more)."""
    raise_for_status((yield step))


def delete_label_flow(pair: Pair, type_id: int) -> Flow[None]:
    """Delete a label; replayed after an ambiguous failure, "not found" means the lost attempt did it."""
    exchange: Exchange = yield DeleteLabel(pair, type_id)
    if exchange.status_code == 404 and exchange.replayed_after_ambiguous_failure:
        logger.info(
            "label %d was gone when its delete was sent again: the attempt whose answer was lost deleted it",
            type_id,
        )
        return
    raise_for_status(exchange)
