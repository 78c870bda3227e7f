"""Removing what a run created, on every way out: finished, failed or interrupted.

What the run created is found by reading, not remembered: a label is the run's when it is
USER_DEFINED and its text carries the run's unique id, so a label whose create answer never
arrived is found too. Only pairs where the run asked for a label (and was not refused) are read,
in both directions. Limits on the run's labels are purged first, then the labels are deleted, then
the pairs are read again to confirm nothing is left. Nothing else is ever written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs
import httpx

from .. import errors
from .._redact import redact
from ._answers import Observed, keep, results_of
from ._recording import Body, Request, Step
from ._session import Session
from ._templates import Bindings

__all__ = ["CleanupReport", "clean_up", "cleanup_requests", "label_pairs"]

Pair = tuple[str, str]
_CREATE_LABEL: Final = "createLabel"


@attrs.frozen
class CleanupReport:
    """What cleaning up read, purged and deleted, and anything it could not remove."""

    checked: tuple[Pair, ...] = ()
    purged: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    left: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        """Nothing of the run is known to be left."""
        return not self.left

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON."""
        return {
            "checked": [f"{a} -> {b}" for a, b in self.checked],
            "purged": list(self.purged),
            "deleted": list(self.deleted),
            "left": list(self.left),
        }

    def sentences(self) -> list[str]:
        """The report for people."""
        if not self.checked and not self.left:
            return ["Cleanup: the run created nothing, so there is nothing to remove."]
        done = []
        if self.purged:
            done.append(f"purged {len(self.purged)} limit(s) ({', '.join(self.purged)})")
        if self.deleted:
            done.append(f"deleted {len(self.deleted)} label(s) ({', '.join(self.deleted)})")
        checked = ", ".join(f"{a} -> {b}" for a, b in self.checked)
        lines = [f"Cleanup: {'; '.join(done) or 'nothing to remove'} (checked {checked})."]
        if self.left:
            lines.append(
                "Cleanup could NOT remove everything the run created; remove it in HubSpot's settings:"
            )
            lines += [f"  - {item}" for item in self.left]
        else:
            lines.append("Nothing the run created is left in the portal.")
        return lines


def label_pairs(attempted: Sequence[Step], answers: Mapping[str, Observed]) -> list[Pair]:
    """The pairs (both ways) where an attempted label create may have created something: it was
    answered with a 2xx, or not answered at all."""
    pairs: dict[Pair, None] = {}
    for step in attempted:
        answer = answers.get(step.id)
        if step.operation != _CREATE_LABEL or (answer is not None and not answer.ok):
            continue
        first, second = step.request.path.strip("/").split("/")[:2]
        pairs.update({(first, second): None, (second, first): None})
    return list(pairs)


def cleanup_requests() -> list[str]:
    """What cleaning up may send, for the plan printed before a run."""
    return [
        "GET    .../{from}/{to}/labels in both directions of each pair the run asked a label on "
        "(to find anything of the run that is left)",
        "and only if something of the run is left there:",
        "GET    .../definitions/configurations/{from}/{to}, "
        "POST .../batch/purge of the run's label limits, "
        "DELETE .../{from}/{to}/labels/{typeId} of the run's labels, GET .../labels again",
    ]


def _label_text(pair: Pair, label: Mapping[str, Any]) -> str:
    return f"{label.get('label')!r} (USER_DEFINED {label['typeId']}, {pair[0]} -> {pair[1]})"


def _describe(error: BaseException | Observed) -> str:
    if isinstance(error, Observed):
        body = error.json()
        message = body.get("message") if isinstance(body, dict) else None
        return redact(f"HTTP {error.status}" + (f": {message}" if message else ""))
    return redact(f"{type(error).__name__}: {error}")


class _Cleaner:
    def __init__(self, session: Session, bindings: Bindings) -> None:
        self.session = session
        self.bindings = bindings
        self.purged: list[str] = []
        self.deleted: list[str] = []
        self.left: list[str] = []
        self.failed: dict[int, str] = {}

    def send(self, method: str, path: str, body: Any = None) -> Observed | BaseException:
        request = Request(method, path, None if body is None else Body("json", body))
        try:
            return self.session.send(request, self.bindings)
        except (httpx.HTTPError, errors.HubSpotError) as error:
            return error

    def own_labels(self, pair: Pair) -> list[dict[str, Any]] | None:
        answer = self.send("GET", f"/{pair[0]}/{pair[1]}/labels")
        if isinstance(answer, BaseException) or not answer.ok:
            self.left.append(f"could not read the labels of {pair[0]} -> {pair[1]}: {_describe(answer)}")
            return None
        items = results_of(answer.json())
        return [item for item in items if keep(item, "own", self.bindings)]

    def purge_limits(self, pair: Pair, labels: list[dict[str, Any]]) -> None:
        answer = self.send("GET", f"/definitions/configurations/{pair[0]}/{pair[1]}")
        if isinstance(answer, BaseException) or not answer.ok:
            self.left.append(f"could not read the limits of {pair[0]} -> {pair[1]}: {_describe(answer)}")
            return
        own = {item["typeId"] for item in labels}
        limited = [
            item["typeId"]
            for item in results_of(answer.json())
            if isinstance(item, dict) and item.get("category") == "USER_DEFINED" and item.get("typeId") in own
        ]
        if not limited:
            return
        keys = [{"category": "USER_DEFINED", "typeId": type_id} for type_id in limited]
        purge = self.send(
            "POST", f"/definitions/configurations/{pair[0]}/{pair[1]}/batch/purge", {"inputs": keys}
        )
        names = [f"{pair[0]} -> {pair[1]} USER_DEFINED {type_id}" for type_id in limited]
        if isinstance(purge, BaseException) or not purge.ok:
            self.left += [f"limit {name}: {_describe(purge)}" for name in names]
        else:
            self.purged += names

    def delete(self, pair: Pair, label: dict[str, Any]) -> None:
        answer = self.send("DELETE", f"/{pair[0]}/{pair[1]}/labels/{label['typeId']}")
        if isinstance(answer, Observed) and answer.ok:
            self.deleted.append(_label_text(pair, label))
        else:  # maybe gone with its other direction already; the read that follows decides
            self.failed[label["typeId"]] = _describe(answer)


def clean_up(session: Session, pairs: Sequence[Pair], bindings: Bindings) -> CleanupReport:
    """Purge the limits of the run's labels on ``pairs``, delete those labels, and confirm they are gone."""
    cleaner = _Cleaner(session, bindings)
    found = {pair: cleaner.own_labels(pair) for pair in pairs}
    for pair, labels in found.items():
        if labels:
            cleaner.purge_limits(pair, labels)
    for pair, labels in found.items():
        for label in labels or []:
            cleaner.delete(pair, label)
    if cleaner.deleted or cleaner.failed:
        for pair in pairs:
            for label in cleaner.own_labels(pair) or []:
                why = cleaner.failed.get(label["typeId"], "still there after its delete")
                cleaner.left.append(f"label {_label_text(pair, label)}: {why}")
    return CleanupReport(tuple(pairs), tuple(cleaner.purged), tuple(cleaner.deleted), tuple(cleaner.left))
