"""Which of the mock's own choices a difference may come from: the fidelity ledger's choices and
inferences whose traces the difference matches (``mock.behind``). Pure."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..mock._fidelity import Found, behind
from ._answers import Observed
from ._compare import Difference

__all__ = ["with_ledger"]


def _messages(observed: Observed | None) -> tuple[str, ...]:
    body = observed.json() if observed is not None else None
    if not isinstance(body, dict):
        return ()
    errors = body.get("errors")
    items = [item for item in errors if isinstance(item, dict)] if isinstance(errors, list) else []
    found = [body.get("message"), *(item.get("message") for item in items)]
    return tuple(message for message in found if isinstance(message, str))


def with_ledger(differences: Sequence[Difference], observed: Observed | None) -> list[Difference]:
    """``differences`` (of one answer, ``observed``), each with the ledger entries it may come from
    (none for a difference the record cannot tell: it is no disagreement with HubSpot)."""
    messages = _messages(observed)
    status = observed.status if observed is not None else None
    return [
        difference
        if difference.unrecorded is not None
        else attrs.evolve(
            difference,
            ledger=behind(
                Found(
                    difference.operation,
                    difference.path,
                    difference.kind,
                    difference.recorded,
                    difference.answered,
                    status,
                    messages,
                )
            ),
        )
        for difference in differences
    ]
