"""The fixed scenario ``conformance record`` runs: every operation once, and the requests HubSpot must refuse.

Everything it writes is its own: two labels whose texts and names carry the run's unique id, on one
pair that may have labels, and limits on those labels only. The refusals cannot change anything
even if a server accepted them: a typeId that cannot exist, a limit on the run's own label, a read,
a label that carries the run's id, and a body that is not JSON. The run deletes its labels at the
end (and the runner cleans up on every other way out).

Roles are bound by label text, never by position: HubSpot does not promise the order of a paired
label's answer. A label without an inverse label carries one text both ways, so its two types are
told apart by the pair whose list shows each.
"""

from __future__ import annotations

from typing import Any, Final

from ._recording import Body, Request, Step

__all__ = [
    "DEFAULT_PAIR",
    "LABEL_PREFIX",
    "NOT_LABELLED_PAIR",
    "SCENARIO",
    "SCENARIO_VERSION",
    "roles",
    "scenario",
]

SCENARIO: Final = "hubspot-association-limits/conformance"
SCENARIO_VERSION: Final = 1
DEFAULT_PAIR: Final = ("contacts", "companies")
# A pair HubSpot does not allow labels on (line items are neither contacts, companies, deals, tickets
# nor a custom object), but with association types of its own.
NOT_LABELLED_PAIR: Final = ("deals", "line_items")

LABEL_PREFIX: Final = "Conformance {$run}"
_NAME_PREFIX: Final = "conformance_{$run}"
_FORWARD: Final = f"{LABEL_PREFIX} forward"
_INVERSE: Final = f"{LABEL_PREFIX} inverse"
_SINGLE: Final = f"{LABEL_PREFIX} single"
_PAIRED_NAME: Final = f"{_NAME_PREFIX}_paired"
# Label limits low enough for any portal: a label limit may not exceed the pair's unlabeled limit.
_FIRST_LIMIT: Final = 2
_SECOND_LIMIT: Final = 1
_OUT_OF_RANGE: Final = 10_001  # HubSpot documents 10,000 as the highest custom limit
_NO_SUCH_TYPE: Final = -1  # cannot exist in any portal (HubSpot's own connector test sends it)
_MALFORMED: Final = '{"inputs": ['


def _user_defined(label: str) -> dict[str, Any]:
    return {"category": "USER_DEFINED", "label": label}


def _key(role: str, maximum: int | None = None) -> dict[str, Any]:
    key: dict[str, Any] = {"category": "USER_DEFINED", "typeId": role}
    if maximum is not None:
        key["maxToObjectIds"] = maximum
    return key


def _get(path: str) -> Request:
    return Request("GET", path)


def _post(path: str, body: Any) -> Request:
    return Request("POST", path, Body("json", body))


def roles(pair: tuple[str, str] = DEFAULT_PAIR) -> dict[str, str]:
    """What each placeholder of the scenario stands for."""
    first, second = pair
    return {
        "$run": "the run's unique id, in its label texts and names and in the unknown object type",
        "$label.forward": f"the paired label's USER_DEFINED type from {first} to {second}",
        "$label.inverse": f"the paired label's USER_DEFINED type from {second} to {first} (inverse label)",
        "$single.forward": f"the single label's USER_DEFINED type from {first} to {second}",
        "$single.inverse": f"the single label's USER_DEFINED type from {second} to {first} (the same text)",
    }


def scenario(pair: tuple[str, str] = DEFAULT_PAIR) -> tuple[Step, ...]:
    """The steps in the order they are sent, for ``pair`` (two different types that may have labels)."""
    first, second = pair
    limits = f"/definitions/configurations/{first}/{second}"
    labels, inverse_labels = f"/{first}/{second}/labels", f"/{second}/{first}/labels"
    own = {"results": "own"}
    listed = {"results": "own-and-hubspot-defined"}
    return (
        Step("read-pair-before", "getLimits", "read one pair's limits", _get(limits), filters=own),
        Step(
            "create-paired-label",
            "createLabel",
            "create a paired label: one type each way, with different texts",
            _post(labels, {"label": _FORWARD, "inverseLabel": _INVERSE, "name": _PAIRED_NAME}),
            binds={"$label.forward": _user_defined(_FORWARD), "$label.inverse": _user_defined(_INVERSE)},
        ),
        Step(
            "create-single-label",
            "createLabel",
            "create a single label: one type each way, with the same text",
            _post(labels, {"label": _SINGLE, "name": f"{_NAME_PREFIX}_single"}),
        ),
        Step(
            "list-labels",
            "listLabels",
            "list the pair's association types",
            _get(labels),
            binds={"$single.forward": _user_defined(_SINGLE)},
            filters=listed,
        ),
        Step(
            "list-inverse-labels",
            "listLabels",
            "list the reverse pair's association types",
            _get(inverse_labels),
            binds={"$single.inverse": _user_defined(_SINGLE)},
            filters=listed,
        ),
        Step(
            "create-limits",
            "createLimits",
            "set limits on both labels",
            _post(
                f"{limits}/batch/create",
                {"inputs": [_key("$label.forward", _FIRST_LIMIT), _key("$single.forward", _FIRST_LIMIT)]},
            ),
        ),
        Step("read-pair", "getLimits", "read the pair's limits", _get(limits), filters=own),
        Step(
            "update-limit",
            "updateLimits",
            "lower the paired label's limit",
            _post(f"{limits}/batch/update", {"inputs": [_key("$label.forward", _SECOND_LIMIT)]}),
        ),
        Step(
            "read-all",
            "listAllLimits",
            "read every limit of the portal",
            _get("/definitions/configurations/all"),
            filters=own,
        ),
        Step(
            "rename-label",
            "updateLabel",
            "rename the paired label, both ways",
            Request(
                "PUT",
                labels,
                Body(
                    "json",
                    {
                        "associationTypeId": "$label.forward",
                        "label": f"{LABEL_PREFIX} renamed",
                        "inverseLabel": f"{LABEL_PREFIX} renamed inverse",
                    },
                ),
            ),
        ),
        Step("list-renamed", "listLabels", "list the pair after the rename", _get(labels), filters=listed),
        Step(
            "refuse-invalid-type",
            "createLimits",
            "refused: an association type that does not exist",
            _post(
                f"{limits}/batch/create",
                {"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": _NO_SUCH_TYPE, "maxToObjectIds": 2}]},
            ),
            expect="refusal",
        ),
        Step(
            "refuse-out-of-range",
            "updateLimits",
            "refused: a limit above 10,000 on the run's own label",
            _post(f"{limits}/batch/update", {"inputs": [_key("$label.forward", _OUT_OF_RANGE)]}),
            expect="refusal",
        ),
        Step(
            "refuse-unknown-object",
            "getLimits",
            "refused: an object type that does not exist",
            _get(f"/definitions/configurations/nosuchobject{{$run}}/{second}"),
            expect="refusal",
        ),
        Step(
            "refuse-duplicate-name",
            "createLabel",
            "refused: a label name the pair has already",
            _post(labels, {"label": f"{LABEL_PREFIX} duplicate", "name": _PAIRED_NAME}),
            expect="refusal",
        ),
        Step(
            "refuse-unlabelled-pair",
            "createLabel",
            "refused: a label on a pair that cannot have labels",
            _post(
                f"/{NOT_LABELLED_PAIR[0]}/{NOT_LABELLED_PAIR[1]}/labels",
                {"label": f"{LABEL_PREFIX} nowhere", "name": f"{_NAME_PREFIX}_nowhere"},
            ),
            expect="refusal",
        ),
        Step(
            "refuse-malformed-body",
            "createLimits",
            "refused: a body that is not JSON",
            Request("POST", f"{limits}/batch/create", Body("text", _MALFORMED)),
            expect="refusal",
        ),
        Step(
            "purge-limits",
            "purgeLimits",
            "remove both labels' limits",
            _post(f"{limits}/batch/purge", {"inputs": [_key("$label.forward"), _key("$single.forward")]}),
        ),
        Step(
            "read-pair-after",
            "getLimits",
            "read the pair's limits after the purge",
            _get(limits),
            filters=own,
        ),
        Step(
            "delete-paired-label",
            "deleteLabel",
            "delete the paired label (both ways)",
            Request("DELETE", f"{labels}/{{$label.forward}}"),
        ),
        Step(
            "delete-single-label",
            "deleteLabel",
            "delete the single label (both ways)",
            Request("DELETE", f"{labels}/{{$single.forward}}"),
        ),
        Step("list-after", "listLabels", "list the pair after the deletes", _get(labels), filters=listed),
        Step(
            "list-inverse-after",
            "listLabels",
            "list the reverse pair after the deletes",
            _get(inverse_labels),
            filters=listed,
        ),
    )
