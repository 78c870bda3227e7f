"""The fidelity ledger: every behaviour of the mock, and what it rests on.

One table (``FIDELITY``), rendered at build time into the docs page "How true is the mock?", so code
and docs cannot disagree. Each behaviour names its basis:

- ``traffic``: HubSpot's recorded answers (the case ids of ``evidence/real-traffic.json``);
- ``inferred``: read from recorded traffic that shows part of the behaviour (cases, and why);
- ``docs``: HubSpot's documentation (a link; docs examples in the evidence are cited too);
- ``spec``: HubSpot's published OpenAPI document (``spec/upstream/``);
- ``choice``: ours, where HubSpot is silent (why).

Ids are stable: tools that compare the mock with HubSpot (a conformance check) look a difference up
with ``behaviour(id)`` or ``behaviours(operation=..., aspect=...)`` and can tell a known choice of
ours from a defect. A choice or an inference also says where ``conformance check`` would show HubSpot
disagreeing with it (its ``traces``), and ``behind(...)`` finds the behaviours a difference may come
from. Pure data; imports nothing heavy.
"""

from __future__ import annotations

import difflib
import enum
import json
import re
from collections import Counter
from typing import Final

import attrs

__all__ = [
    "AREAS",
    "ASPECTS",
    "FIDELITY",
    "OPERATIONS",
    "Basis",
    "Behaviour",
    "Found",
    "Trace",
    "behaviour",
    "behaviours",
    "behind",
    "counts_by_basis",
    "path_matches",
]


class Basis(enum.StrEnum):
    """What a behaviour of the mock rests on, from the most to the least certain."""

    TRAFFIC = "traffic"
    INFERRED = "inferred"
    DOCS = "docs"
    SPEC = "spec"
    CHOICE = "choice"


OPERATIONS: Final = (
    "createLimits",
    "updateLimits",
    "purgeLimits",
    "getLimits",
    "listAllLimits",
    "listLabels",
    "createLabel",
    "updateLabel",
    "deleteLabel",
)
"""The operations of the spec (``operationId``); a behaviour with none applies to every one."""

ASPECTS: Final = (
    "route",
    "status",
    "body",
    "words",
    "order",
    "rule",
    "validation",
    "headers",
    "auth",
    "fault",
)
"""What part of an answer a behaviour is about."""

AREAS: Final = {
    "routes": "Routes",
    "limits": "Limits: statuses and bodies",
    "item-error": "Item errors",
    "rules": "HubSpot's rules for limits",
    "object-types": "Object types",
    "labels": "Labels",
    "errors": "Request errors",
    "validation": "Validation",
    "auth": "Auth",
    "headers": "Headers",
    "rate-limit": "Rate limits",
    "faults": "Faults",
}
"""The part of the mock a behaviour belongs to (its id's first word), and the part's title."""


def path_matches(pattern: str, path: str) -> bool:
    """Whether a difference's path (``body.errors[].message``) is ``pattern``, or begins with it when
    the pattern ends with ``*``."""
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


@attrs.frozen
class Trace:
    """Where ``conformance check`` shows HubSpot disagreeing with a behaviour: a difference at
    ``path`` (``status``, ``headers.<name>``, ``body.errors[].message``; a trailing ``*`` matches every
    path it begins) of one of ``kinds`` (none: any), in the answer to one of ``operations`` (none: the
    behaviour's); where given, the value the mock answered reads ``answered`` and some message of its
    answer (its own, or an item error's) reads ``words``, and so on for the ``recorded`` value and the
    answer's ``status`` (regular expressions over the value's text or JSON, matched in full)."""

    path: str
    kinds: tuple[str, ...] = ()
    answered: str | None = None
    recorded: str | None = None
    status: str | None = None
    words: str | None = None
    operations: tuple[str, ...] = ()

    def shows(self, found: Found) -> bool:
        """Whether a difference (and the answer it was found in) is this trace, operations aside."""
        if not path_matches(self.path, found.path) or (self.kinds and found.kind not in self.kinds):
            return False
        return (
            _reads(self.answered, found.answered)
            and _reads(self.recorded, found.recorded)
            and _reads(self.status, found.status)
            and (self.words is None or any(_reads(self.words, message) for message in found.messages))
        )


@attrs.frozen
class Found:
    """A difference ``conformance check`` found, as ``behind`` reads it: its key (operation, path,
    kind), both values, and the status and messages (its own, its item errors') of the answer."""

    operation: str
    path: str
    kind: str
    recorded: object = None
    answered: object = None
    status: int | None = None
    messages: tuple[str, ...] = ()


def _reads(pattern: str | None, value: object) -> bool:
    if pattern is None:
        return True
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return re.fullmatch(pattern, text, re.DOTALL) is not None


@attrs.frozen
class Behaviour:
    """One behaviour of the mock and its basis.

    ``cases`` are evidence case ids; ``source`` a link (docs) or a file (spec); ``why`` says why we
    chose or inferred it, or adds what the evidence leaves open. ``traces``: where a conformance
    check would show HubSpot disagreeing with it (choices and inferences only).
    """

    id: str
    aspect: str
    what: str
    basis: Basis
    operations: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    source: str = ""
    why: str = ""
    traces: tuple[Trace, ...] = ()

    def shown_by(self, found: Found) -> bool:
        """Whether a conformance check's difference may come from this behaviour."""
        for trace in self.traces:
            operations = trace.operations or self.operations
            if (not operations or found.operation in operations) and trace.shows(found):
                return True
        return False

    @property
    def area(self) -> str:
        """The part of the mock it belongs to: the first word of its id (a key of ``AREAS``)."""
        return self.id.split(".", 1)[0]


_GUIDE: Final = (
    "https://developers.hubspot.com/docs/api-reference/latest/crm/associations/associations-schema/guide"
)
_V4_GUIDE: Final = "https://developers.hubspot.com/docs/guides/api/crm/associations/associations-v4"
_LIMITS_CHANGELOG: Final = (
    "https://developers.hubspot.com/changelog/introducing-custom-association-limits-for-associations-api"
)
_LIMITS_KB: Final = "https://knowledge.hubspot.com/object-settings/set-limits-for-record-associations"
_ERRORS: Final = "https://developers.hubspot.com/docs/api-reference/error-handling"
_USAGE: Final = "https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines"
_OBJECTS: Final = "https://developers.hubspot.com/docs/guides/crm/using-object-apis"
_BASE_NAME: Final = (
    "https://developers.hubspot.com/changelog/"
    "breaking-change-removed-support-for-referencing-custom-object-types-by-base-name"
)
_UPSTREAM: Final = "spec/upstream/hubspot-associations-schema-v4.upstream.json"
_UPSTREAM_LABELS: Final = "spec/upstream/hubspot-associations-labels-v4.upstream.json"

_BATCH: Final = ("createLimits", "updateLimits")
_READS: Final = ("getLimits", "listAllLimits")
_LABEL_CHANGES: Final = ("createLabel", "updateLabel", "deleteLabel")
_INVALID_TYPE_CASES: Final = ("ballerina-limits-create-invalid-type", "ballerina-limits-update-invalid-type")

_T, _I, _D, _S, _C = Basis.TRAFFIC, Basis.INFERRED, Basis.DOCS, Basis.SPEC, Basis.CHOICE

# What the mock says, as patterns for traces: which rule an answer comes from.
_BODY_KINDS: Final = ("value", "missing", "unexpected", "type")
_INVALID_TYPE: Final = r".* is not a valid association type between .*"
_OWN_ITEM_WORDS: Final = (
    r"(maxToObjectIds must be between|a limit is already configured for|no limit is configured for) "
)
_OTHER_RULES: Final = _OWN_ITEM_WORDS + ".*"
_REWORDED: Final = rf"(?!{_OWN_ITEM_WORDS}|{_INVALID_TYPE}$).*"
_UNKNOWN_OBJECT: Final = r"Unable to infer object type from: .*"
_DUPLICATE_LABEL: Final = r"(A label named|The label) .* already exists .*"
_NOT_A_LABEL: Final = r"association (label .* does not exist|type .* is not a label) .*"
_INVALID_JSON: Final = r"Invalid input JSON .*"

FIDELITY: Final[tuple[Behaviour, ...]] = (
    # Routes
    Behaviour(
        "routes.operations",
        "route",
        "The five limit operations and the four label operations, at upstream's paths and methods.",
        _S,
        source=f"{_UPSTREAM}, {_UPSTREAM_LABELS}",
    ),
    Behaviour(
        "routes.prefix.associations-v4",
        "route",
        "Paths under /crm/associations/v4.",
        _S,
        source=_UPSTREAM,
    ),
    Behaviour(
        "routes.prefix.v4-associations",
        "route",
        "Paths under /crm/v4/associations, the prefix HubSpot's own SDKs call.",
        _T,
        cases=("ballerina-label-rename-live", "ballerina-limits-purge-live"),
    ),
    Behaviour(
        "routes.prefix.dated",
        "route",
        "Paths under /crm/associations/{YYYY-MM} (2025-09, 2026-03, ...).",
        _D,
        cases=("docs-limits-create-request",),
        source=_GUIDE,
    ),
    Behaviour(
        "routes.unknown",
        "status",
        "An unknown path is 404 RESOURCE_NOT_FOUND; a known path with another method is 405 with Allow.",
        _C,
        why="HubSpot's answers to unknown paths are not recorded; these are plain HTTP.",
    ),
    Behaviour(
        "routes.control",
        "route",
        "The control API under /_mock/ (state, reset, config) is the mock's own: no auth, no rate "
        "limits, no faults, not counted.",
        _C,
        why="HubSpot has nothing like it; tests need to see and set the mock's state.",
    ),
    # Limits: statuses and bodies
    Behaviour(
        "limits.create.status",
        "status",
        "A create whose inputs all apply answers 201.",
        _S,
        operations=("createLimits",),
        source=_UPSTREAM,
        why="No recording shows the status; the connector's fixture shows the body.",
    ),
    Behaviour(
        "limits.update.status",
        "status",
        "An update whose inputs all apply answers 200.",
        _S,
        operations=("updateLimits",),
        source=_UPSTREAM,
    ),
    Behaviour(
        "limits.batch.some-failed.status",
        "status",
        "A create or update with item errors answers 207.",
        _S,
        operations=_BATCH,
        source=_UPSTREAM,
    ),
    Behaviour(
        "limits.batch.all-failed.status",
        "status",
        "A create or update whose every input failed answers 207 too (never 4xx).",
        _C,
        operations=_BATCH,
        cases=_INVALID_TYPE_CASES,
        why="HubSpot answers such a batch with a 2xx body (the live test binds it as a batch response), "
        "but the recording has no status code; upstream declares 207 for a batch with errors.",
        traces=(Trace("status", ("status",), answered="207"),),
    ),
    Behaviour(
        "limits.batch.invalid-type.refused",
        "status",
        "MockConfig.refuse_invalid_types answers a create or update that names a type the pair lacks with "
        "a 400 in the words of that item error (every such input in errors[]), and applies none of its "
        "inputs.",
        _C,
        operations=_BATCH,
        why="HubSpot's status for such a batch is not recorded (limits.batch.all-failed.status) and it "
        "refuses a purge of one (limits.purge.invalid-type): code should survive either answer.",
        traces=(
            Trace("status", ("status",), answered="400"),
            Trace("body*", _BODY_KINDS, status="400", words=_INVALID_TYPE),
        ),
    ),
    Behaviour(
        "limits.batch.canceled",
        "body",
        "A batch whose inputs all name an association type the pair lacks answers status CANCELED, "
        "results [], numErrors and errors.",
        _T,
        operations=_BATCH,
        cases=_INVALID_TYPE_CASES,
    ),
    Behaviour(
        "limits.batch.canceled.other-rules",
        "body",
        "A batch whose inputs all failed for another rule (already configured, not configured, out of "
        "range) is CANCELED with results [] as well.",
        _I,
        operations=_BATCH,
        cases=_INVALID_TYPE_CASES,
        why="Only invalid types are recorded; nothing applied, so the batch reads as canceled.",
        traces=(Trace("body.status", ("value",), answered="CANCELED", words=_OTHER_RULES),),
    ),
    Behaviour(
        "limits.batch.partial",
        "body",
        "A batch where only some inputs fail applies the others: status COMPLETE, 207, the applied "
        "results and one item error per failed input.",
        _I,
        operations=_BATCH,
        cases=_INVALID_TYPE_CASES,
        why="The evidence is silent: the recordings have one input each. HubSpot might instead cancel the "
        "whole batch when one type is invalid; the mock applies what it can, as upstream's 207 suggests.",
    ),
    Behaviour(
        "limits.batch.empty",
        "status",
        "An empty inputs list answers 201 (create) or 200 (update), status COMPLETE, no results.",
        _C,
        operations=_BATCH,
        why="Not recorded; nothing failed, so nothing to report.",
    ),
    Behaviour(
        "limits.batch.envelope",
        "body",
        "The batch body holds status, results, startedAt and completedAt (milliseconds, Z); no "
        "requestedAt, no links.",
        _T,
        operations=_BATCH,
        cases=("ballerina-limits-create-response", "ballerina-limits-update-response"),
    ),
    Behaviour(
        "limits.create.result",
        "body",
        "A create result is {category, typeId, label, userEnforcedMaxToObjectIds}; label is null for an "
        "unlabeled type.",
        _T,
        operations=("createLimits",),
        cases=("ballerina-limits-create-response",),
    ),
    Behaviour(
        "limits.update.result",
        "body",
        "An update result is {category, typeId, userEnforcedMaxToObjectIds}, without label.",
        _T,
        operations=("updateLimits",),
        cases=("ballerina-limits-update-response",),
    ),
    Behaviour(
        "limits.read.result",
        "body",
        "A read answers {results: [...]}, each {category, typeId, label, userEnforcedMaxToObjectIds}; "
        "no paging; /all entries do not say their pair.",
        _T,
        operations=_READS,
        cases=("production-limits-get-entry", "ballerina-limits-list-all", "docs-limits-get-deals-contacts"),
    ),
    Behaviour(
        "limits.read.only-set",
        "body",
        "A read lists only the limits that are set, each with a value.",
        _C,
        operations=_READS,
        cases=("ballerina-limits-list-all", "production-limits-get-entry"),
        why="HubSpot has been recorded sending an entry with userEnforcedMaxToObjectIds null, and a "
        "developer notes that it omits the field for no cap; what such entries mean is unknown.",
        traces=(
            Trace("body.results[]", ("missing",)),
            Trace("body.results[].userEnforcedMaxToObjectIds", ("missing", "type")),
        ),
    ),
    Behaviour(
        "limits.read.order",
        "order",
        "A pair's limits come ordered by (category, typeId); /all by pair, then (category, typeId).",
        _C,
        operations=_READS,
        why="No order is documented; a fixed one keeps tests readable.",
    ),
    Behaviour(
        "limits.purge.status",
        "status",
        "A purge answers 204 with no body.",
        _T,
        operations=("purgeLimits",),
        cases=("ballerina-limits-purge-live", "docs-limits-purge-response"),
    ),
    Behaviour(
        "limits.purge.unset",
        "rule",
        "Purging a valid type that has no limit is ignored (204): purge is idempotent.",
        _C,
        operations=("purgeLimits",),
        why="HubSpot's guide says a purged limit returns to the default; a key already at the default "
        "is left there.",
    ),
    Behaviour(
        "limits.purge.invalid-type",
        "status",
        "A purge naming an association type the pair lacks answers 400, and purges nothing.",
        _I,
        operations=("purgeLimits",),
        cases=("ballerina-limits-purge-invalid-type-live",),
        why="The live test accepted 207 or 400 and recorded no body; its later version asserts only that "
        "the answer is an error, which reads as 400.",
        traces=(Trace("status", ("status",), answered="400"),),
    ),
    Behaviour(
        "limits.purge.invalid-type.words",
        "words",
        "That 400 carries the item error's words for the first such key (message, subCategory "
        "crm.associations.INVALID_ASSOCIATION_TYPE, context) and errors[] naming every such input.",
        _C,
        operations=("purgeLimits",),
        cases=("ballerina-limits-purge-invalid-type-live",),
        why="No body was recorded; the words of the same mistake in create and update are HubSpot's.",
        traces=(Trace("body*", _BODY_KINDS, status="400", words=_INVALID_TYPE),),
    ),
    Behaviour(
        "limits.purge.category",
        "validation",
        "Purge's category must be one of the four categories.",
        _C,
        operations=("purgeLimits",),
        why="Our spec closes the set; upstream leaves purge's category an open string.",
    ),
    # Item errors
    Behaviour(
        "item-error.invalid-type",
        "words",
        "An input naming an association type the pair lacks gets HubSpot's item error: status 'error', "
        "category VALIDATION_ERROR, subCategory crm.associations.INVALID_ASSOCIATION_TYPE (a string), "
        "message '0-5 is not a valid association type between CONTACT and DEAL', context {type, "
        "fromObjectType, toObjectType} as lists of strings.",
        _T,
        operations=_BATCH,
        cases=_INVALID_TYPE_CASES,
    ),
    Behaviour(
        "item-error.type-prefix",
        "words",
        "The association type is written 0-<typeId> whatever its category (HUBSPOT_DEFINED -1 is 0--1).",
        _I,
        operations=_BATCH,
        cases=_INVALID_TYPE_CASES,
        why="Both recordings put 0- before the typeId, one HUBSPOT_DEFINED and one USER_DEFINED; what the "
        "prefix means is unknown.",
        traces=(Trace("body.errors[].context.type[]", ("value",)),),
    ),
    Behaviour(
        "item-error.object-words",
        "words",
        "Standard object types are named upper-case and singular (CONTACT, DEAL, LINE_ITEM).",
        _I,
        operations=_BATCH,
        cases=_INVALID_TYPE_CASES,
        why="Only CONTACT and DEAL are recorded; the others follow their pattern.",
        traces=(
            Trace("body.errors[].context.fromObjectType[]", ("value",)),
            Trace("body.errors[].context.toObjectType[]", ("value",)),
        ),
    ),
    Behaviour(
        "item-error.object-words.custom",
        "words",
        "A custom object is named by its id (2-123) in messages and context.",
        _C,
        operations=_BATCH,
        why="No recording names a custom object; the id is what every request can use.",
        traces=(
            Trace("body.errors[].context.fromObjectType[]", ("value",), answered=r"2-[0-9]+"),
            Trace("body.errors[].context.toObjectType[]", ("value",), answered=r"2-[0-9]+"),
        ),
    ),
    Behaviour(
        "item-error.nothing-invented",
        "body",
        "Item errors carry no errors, links or context.reason.",
        _T,
        operations=_BATCH,
        cases=_INVALID_TYPE_CASES,
        why="Upstream's StandardError requires errors and links; HubSpot was recorded sending neither.",
    ),
    Behaviour(
        "item-error.sub-category.unknown",
        "body",
        "An item error for a rule whose subCategory HubSpot was not seen to send (already configured, not "
        "configured, out of range) carries none.",
        _C,
        operations=_BATCH,
        why="Only the invalid-type subCategory is recorded; inventing one would invite code to rely on it.",
        traces=(Trace("body.errors[].subCategory", ("missing",), words=_OTHER_RULES),),
    ),
    Behaviour(
        "item-error.extras",
        "body",
        "MockConfig.item_error_extras adds context.reason (the rule's code) and empty errors and links.",
        _C,
        operations=_BATCH,
        why="For code that wants a machine-readable rule, or upstream's StandardError shape; off by "
        "default so that nothing HubSpot does not send is relied on.",
        traces=(
            Trace("body.errors[].context.reason", ("unexpected",)),
            Trace("body.errors[].errors", ("unexpected",)),
            Trace("body.errors[].links", ("unexpected",)),
        ),
    ),
    Behaviour(
        "item-error.configured-words",
        "words",
        "MockConfig.item_error_messages rewords item errors by the rule they broke: a template over the "
        "mock's message and the item's context.",
        _C,
        operations=(*_BATCH, "purgeLimits"),
        why="For HubSpot's words where a user knows them before the mock does, and for tests that prove "
        "code does not depend on a message's wording.",
        traces=(Trace("body.errors[].message", ("value",), answered=_REWORDED),),
    ),
    Behaviour(
        "item-error.pairing",
        "words",
        "Every item error has the context of the invalid-type error (type, fromObjectType, toObjectType), "
        "so a client can pair it with its input by typeId.",
        _C,
        operations=_BATCH,
        why="HubSpot's context for other rules is not known; the recorded one is used by analogy.",
        traces=(Trace("body.errors[].context*", ("missing", "unexpected", "type"), words=_OTHER_RULES),),
    ),
    Behaviour(
        "item-error.already-configured",
        "words",
        "A create of a limit that is set: 'a limit is already configured for <category> <typeId>; use "
        "batch/update to change it'.",
        _C,
        operations=("createLimits",),
        why="HubSpot's words are not recorded.",
        traces=(
            Trace("body.errors[].message", ("value",), answered=r"a limit is already configured for .*"),
        ),
    ),
    Behaviour(
        "item-error.not-configured",
        "words",
        "An update of a limit that is not set: 'no limit is configured for <category> <typeId>; use "
        "batch/create to set one'.",
        _C,
        operations=("updateLimits",),
        why="HubSpot's words are not recorded.",
        traces=(Trace("body.errors[].message", ("value",), answered=r"no limit is configured for .*"),),
    ),
    Behaviour(
        "item-error.out-of-range",
        "words",
        "A value outside its range: 'maxToObjectIds must be between <low> and <high>', followed by the "
        "limit that narrows the range when another limit does.",
        _C,
        operations=_BATCH,
        source=_LIMITS_CHANGELOG,
        why="HubSpot's docs say its error states the valid range; its words are not recorded. Naming the "
        "limit that caps a label limit tells the user what to change.",
        traces=(Trace("body.errors[].message", ("value",), answered=r"maxToObjectIds must be between .*"),),
    ),
    # Rules
    Behaviour(
        "rules.identity",
        "rule",
        "An association type is (category, typeId): a portal's USER_DEFINED 1 and HubSpot's "
        "HUBSPOT_DEFINED 1 are two types, in limits, labels, reads, state and seeds.",
        _T,
        cases=("notes-labels-list-contact-contact", "docs-labels-list-contacts-companies"),
        why="A real portal numbered its labels 1-4 beside HubSpot's own small typeIds.",
    ),
    Behaviour(
        "rules.hubspot-defined",
        "rule",
        "HubSpot's 286 HUBSPOT_DEFINED types (the catalogue) exist, each on its own pair only.",
        _D,
        source=_V4_GUIDE,
        why="The catalogue mirrors the docs' association type id tables through HubSpot's Ruby SDK.",
    ),
    Behaviour(
        "rules.limit-range",
        "rule",
        "A limit is between 1 and 10,000.",
        _D,
        operations=_BATCH,
        source=_LIMITS_CHANGELOG,
    ),
    Behaviour(
        "rules.limit-ceiling",
        "rule",
        "The ceiling is 10,000 whatever the portal's subscription.",
        _C,
        operations=_BATCH,
        why="HubSpot also caps by subscription, which the mock does not model.",
    ),
    Behaviour(
        "rules.label-limit",
        "rule",
        "A label's limit may not exceed the pair's unlabeled limit, and the unlabeled limit may not fall "
        "below a label's.",
        _D,
        operations=_BATCH,
        source=_LIMITS_KB,
    ),
    Behaviour(
        "rules.create-update",
        "rule",
        "Create sets a limit where none is set; update changes one that is set.",
        _D,
        operations=_BATCH,
        source=_GUIDE,
    ),
    Behaviour(
        "rules.items-in-order",
        "rule",
        "Items apply in order: a key twice in one create fails the second time; in one update, the last "
        "wins.",
        _C,
        operations=_BATCH,
        why="Not documented; in order is what a reader of the batch expects.",
    ),
    Behaviour(
        "rules.atomic",
        "rule",
        "Each request applies under one lock: concurrent batches never interleave; a refused request "
        "changes nothing.",
        _C,
        why="Not documented; anything else would make tests flaky.",
    ),
    # Object types
    Behaviour(
        "object-types.standard",
        "validation",
        "The 32 standard object types are known by id (0-1) and plural name (contacts).",
        _D,
        source=_OBJECTS,
    ),
    Behaviour(
        "object-types.singular",
        "validation",
        "Singular names (contact) are accepted too.",
        _T,
        cases=("notes-labels-list-contact-contact",),
    ),
    Behaviour(
        "object-types.any-case",
        "validation",
        "Names are matched in any case (CONTACTS, Contact).",
        _C,
        why="HubSpot documents neither way; refusing a case would break code that works in production.",
    ),
    Behaviour(
        "object-types.custom-id",
        "validation",
        "Any custom object id 2-<n> is accepted, declared or not; without association types it only gets "
        "item errors.",
        _C,
        why="The mock cannot know a portal's custom objects unless a seed declares them.",
    ),
    Behaviour(
        "object-types.fully-qualified",
        "validation",
        "A declared custom object is known by its fully qualified name (p1234567_cars).",
        _D,
        source=_BASE_NAME,
    ),
    Behaviour(
        "object-types.short-hand",
        "validation",
        "A declared custom object is known by its short-hand name without the portal id (p_cars).",
        _T,
        cases=("notes-labels-list-custom-object",),
    ),
    Behaviour(
        "object-types.unknown",
        "words",
        "An object type HubSpot cannot infer (a custom object's base name, say) is a 400 'Unable to infer "
        "object type from: vendor'.",
        _T,
        cases=("notes-labels-unknown-object-base-name",),
        source=_BASE_NAME,
    ),
    Behaviour(
        "object-types.unknown.body",
        "body",
        "That 400 has category VALIDATION_ERROR and errors[] naming fromObjectType or toObjectType.",
        _C,
        cases=("notes-labels-unknown-object-base-name",),
        why="Only the message is recorded for this API; the same error from the objects API had no "
        "category. The field helps a user find the mistake.",
        traces=(
            Trace("body.category", ("unexpected", "value"), words=_UNKNOWN_OBJECT),
            Trace("body.errors*", _BODY_KINDS, words=_UNKNOWN_OBJECT),
        ),
    ),
    # Labels
    Behaviour(
        "labels.list",
        "body",
        "A label list holds every type of the pair: HubSpot-defined ones (label null or Primary) and the "
        "portal's labels, as {results: [{category, typeId, label}]}, no paging.",
        _T,
        operations=("listLabels",),
        cases=("notes-labels-list-contact-contact", "notes-labels-list-custom-object"),
    ),
    Behaviour(
        "labels.list.order",
        "order",
        "A label list comes HubSpot-defined types first (the catalogue's order), then the portal's by "
        "(category, typeId).",
        _C,
        operations=("listLabels",),
        cases=("notes-labels-list-contact-contact", "docs-labels-list-contacts-companies"),
        why="HubSpot's lists are not sorted and follow no order we can tell; a fixed one keeps tests "
        "readable, and shuffle_label_order varies it.",
    ),
    Behaviour(
        "labels.create.status",
        "status",
        "Creating a label answers 200 with the created types.",
        _S,
        operations=("createLabel",),
        cases=("docs-label-create-single-request",),
        source=_UPSTREAM_LABELS,
    ),
    Behaviour(
        "labels.create.both-directions",
        "body",
        "A label creates a USER_DEFINED type in each direction and answers both {category, typeId, label}, "
        "without its name; with inverseLabel the reverse type carries it.",
        _T,
        operations=("createLabel",),
        cases=("ballerina-label-create-response", "docs-label-create-paired-response"),
    ),
    Behaviour(
        "labels.create.order",
        "order",
        "A created label answers the inverse direction first, then the label itself.",
        _D,
        operations=("createLabel",),
        cases=("docs-label-create-paired-response",),
        source=_GUIDE,
        why="A connector's recording lists them the other way round (ballerina-label-create-response): "
        "HubSpot promises no order.",
    ),
    Behaviour(
        "labels.order.shuffle",
        "order",
        "MockConfig.shuffle_label_order answers label creates and lists in an order drawn from "
        "MockConfig.seed.",
        _C,
        operations=("createLabel", "listLabels"),
        why="So that no code comes to rely on an order HubSpot does not promise.",
    ),
    Behaviour(
        "labels.same-object",
        "rule",
        "On a same-object pair a label is one symmetric type, or two types (label and inverse) listed in "
        "the one pair.",
        _T,
        operations=("createLabel", "listLabels"),
        cases=("notes-labels-list-contact-contact",),
    ),
    Behaviour(
        "labels.type-ids",
        "rule",
        "A portal numbers its labels from one counter (from 101, or a seed's firstLabelTypeId), "
        "consecutively, never reusing a typeId.",
        _C,
        operations=("createLabel",),
        cases=("docs-label-create-paired-response", "ballerina-label-create-response"),
        why="HubSpot's examples number a pair's two directions consecutively; where a portal starts is "
        "its own.",
    ),
    Behaviour(
        "labels.allowed-pairs",
        "rule",
        "Labels exist only between contacts, companies, deals, tickets and custom objects; others are a 400.",
        _D,
        operations=("createLabel",),
        source=_V4_GUIDE,
    ),
    Behaviour(
        "labels.cap",
        "rule",
        "A pair holds at most label_limit_per_pair labels (50), both directions once.",
        _C,
        operations=("createLabel",),
        why="HubSpot caps labels per pair by subscription; the mock's default is a plausible one.",
    ),
    Behaviour(
        "labels.duplicates",
        "rule",
        "A name or a label text the pair has already (HubSpot's Primary included) is a 400.",
        _C,
        operations=("createLabel", "updateLabel"),
        why="HubSpot's guide calls the name unique; its rule for label texts and its words are not known.",
        traces=(Trace("status", ("status",), answered="400", words=_DUPLICATE_LABEL),),
    ),
    Behaviour(
        "labels.rename.status",
        "status",
        "Renaming a label answers 204 with no body.",
        _T,
        operations=("updateLabel",),
        cases=("ballerina-label-rename-live",),
    ),
    Behaviour(
        "labels.rename.body-first",
        "validation",
        "A rename's body is checked before its typeId: a blank label is a 400 even for an unknown typeId.",
        _T,
        operations=("updateLabel",),
        cases=("ballerina-label-rename-invalid-live",),
    ),
    Behaviour(
        "labels.rename.reverse",
        "rule",
        "A rename changes the reverse type too: to inverseLabel when given, else when both carried one "
        "label; the limits on the types carry the new label.",
        _C,
        operations=("updateLabel",),
        cases=("docs-label-rename-request",),
        source=_GUIDE,
        why="The guide shows inverseLabel as optional on rename and no more.",
    ),
    Behaviour(
        "labels.delete.status",
        "status",
        "Deleting a label answers 204 with no body.",
        _T,
        operations=("deleteLabel",),
        cases=("ballerina-label-delete-live",),
    ),
    Behaviour(
        "labels.delete.both-directions",
        "rule",
        "Deleting a label removes it in both directions, with the limits on its types.",
        _C,
        operations=("deleteLabel",),
        cases=("ballerina-label-delete-live",),
        why="Open: that live test deleted the two typeIds one after the other and expected 204 both times, "
        "which would mean either one direction per delete or 204 for a label already gone.",
        traces=(
            Trace("body.results[]", ("missing",), recorded='.*"USER_DEFINED".*', operations=("listLabels",)),
        ),
    ),
    Behaviour(
        "labels.unknown-type-id",
        "status",
        "Renaming or deleting a typeId the pair does not have is a 404 OBJECT_NOT_FOUND; a HubSpot-defined "
        "typeId is a 400 (it is no label). A USER_DEFINED typeId is looked up first.",
        _C,
        operations=("updateLabel", "deleteLabel"),
        why="HubSpot's answers are not recorded.",
        traces=(Trace("status", ("status",), answered="40[04]", words=_NOT_A_LABEL),),
    ),
    Behaviour(
        "labels.refusal.words",
        "words",
        "Label refusals are HubSpot's error body with the mock's own messages, errors[].in naming the field.",
        _C,
        operations=_LABEL_CHANGES,
        why="HubSpot's words are not recorded.",
        traces=(Trace("body.message", ("value",)), Trace("body.errors*", _BODY_KINDS)),
    ),
    # Request errors and validation
    Behaviour(
        "errors.body",
        "body",
        "A refused request answers HubSpot's error body: status, message, correlationId, category, "
        "errors[{message, in}].",
        _D,
        source=_ERRORS,
    ),
    Behaviour(
        "validation.schema",
        "validation",
        "A body that breaks the spec's request schema is a 400 'Invalid input: <field>: <problem>'; true "
        "is no integer and values beyond int32 are refused.",
        _S,
        source=_UPSTREAM,
        why="The words are ours.",
    ),
    Behaviour(
        "validation.json",
        "validation",
        "Malformed JSON is a 400 'Invalid input JSON on line L, column C: ...'.",
        _C,
        why="Not recorded for this API.",
        traces=(
            Trace("status", ("status",), answered="400", words=_INVALID_JSON),
            Trace("body*", _BODY_KINDS, words=_INVALID_JSON),
        ),
    ),
    Behaviour(
        "validation.transport",
        "validation",
        "A content type other than application/json is a 415; a body above max_body_bytes a 413.",
        _C,
        why="Not recorded for this API.",
    ),
    Behaviour(
        "validation.order",
        "rule",
        "Checks run as at an edge: auth, rate limit, latency, fault, routing, object types, content type, "
        "size, JSON and schema, then the rules.",
        _C,
        why="Not documented; an unknown path without a token is a 401, not a 404.",
    ),
    # Auth
    Behaviour(
        "auth.statuses",
        "auth",
        "No or an unknown token is 401 INVALID_AUTHENTICATION, an expired one 401 EXPIRED_AUTHENTICATION, "
        "one without an object scope 403 MISSING_SCOPES with context.missingScopes.",
        _D,
        source=_ERRORS,
    ),
    Behaviour(
        "auth.scopes",
        "auth",
        "Any one object scope grants every operation.",
        _S,
        source=_UPSTREAM,
    ),
    Behaviour(
        "auth.messages",
        "words",
        "The 401 and 403 messages.",
        _C,
        why="HubSpot's messages as developers quote them; none is in the evidence.",
    ),
    Behaviour(
        "auth.portals",
        "auth",
        "A token belongs to one portal (MockConfig.tokens); each portal has its own limits, labels, "
        "numbering and rate budget.",
        _C,
        why="A mock-only way to test an app installed in several portals.",
    ),
    # Headers and rate limits
    Behaviour(
        "headers.correlation-id",
        "headers",
        "Every answer carries X-HubSpot-Correlation-Id (a fresh uuid4), also in error bodies.",
        _D,
        source=_ERRORS,
    ),
    Behaviour(
        "headers.rate-limit",
        "headers",
        "Every answer carries X-HubSpot-RateLimit-Max, -Remaining, -Interval-Milliseconds, -Daily and "
        "-Daily-Remaining, per token.",
        _D,
        source=_USAGE,
    ),
    Behaviour(
        "headers.daily-always",
        "headers",
        "The daily headers are sent for every token, unless MockConfig.daily_rate_limit_headers is off.",
        _C,
        why="HubSpot omits them for OAuth tokens; the mock cannot tell a token's kind.",
        traces=(Trace("headers.x-hubspot-ratelimit-daily*", ("unexpected",)),),
    ),
    Behaviour(
        "headers.daily.oauth",
        "headers",
        "MockConfig.daily_rate_limit_headers off sends no X-HubSpot-RateLimit-Daily and -Daily-Remaining, "
        "as HubSpot does for apps that authenticate with OAuth.",
        _D,
        source=_USAGE,
    ),
    Behaviour(
        "rate-limit.429",
        "body",
        "Over a limit: 429 {status, message, errorType RATE_LIMIT, correlationId, policyName "
        "TEN_SECONDLY_ROLLING or DAILY, requestId}.",
        _D,
        source=_USAGE,
    ),
    Behaviour(
        "rate-limit.defaults",
        "rule",
        "100 requests per rolling 10 s and 250,000 a day per token.",
        _D,
        source=_USAGE,
        why="The smallest tier's limits.",
    ),
    Behaviour(
        "rate-limit.counting",
        "rule",
        "Requests refused by auth and 429s do not count against the limits; there is no SECONDLY policy.",
        _C,
        why="Not documented; a client that waits gets in again.",
    ),
    # Faults
    Behaviour(
        "faults.edge-html",
        "fault",
        "500, 502 and 524 faults answer an HTML page, as HubSpot's edge does.",
        _C,
        why="Seen in reports of HubSpot's edge (airbytehq/airbyte#15729); not in the evidence.",
    ),
    Behaviour(
        "faults.documented-statuses",
        "fault",
        "423 and 477 faults answer JSON with Retry-After; 503, 504 and 521 answer JSON.",
        _D,
        source=_ERRORS,
    ),
    Behaviour(
        "faults.transport",
        "fault",
        "drop_connection closes the socket unanswered; applied_then_failed applies the change, then "
        "answers 502.",
        _C,
        why="The failures a client's retries must survive.",
    ),
    Behaviour(
        "faults.latency",
        "fault",
        "MockConfig.latency_ms delays every HubSpot request by that much.",
        _C,
        why="HubSpot's latency varies; a fixed delay makes timeouts testable.",
    ),
    Behaviour(
        "faults.seeded",
        "fault",
        "Faults are drawn with random.Random(seed): a run is reproducible.",
        _C,
        why="A mock-only guarantee.",
    ),
)
"""Every behaviour of the mock with its basis: the ledger rendered on the page "How true is the mock?"."""


def behaviour(behaviour_id: str) -> Behaviour:
    """The behaviour with this id; raises KeyError naming the closest ids."""
    for entry in FIDELITY:
        if entry.id == behaviour_id:
            return entry
    close = difflib.get_close_matches(behaviour_id, [entry.id for entry in FIDELITY], n=3)
    raise KeyError(f"no behaviour {behaviour_id!r} in the fidelity ledger; close: {close}")


def behaviours(*, operation: str | None = None, aspect: str | None = None) -> tuple[Behaviour, ...]:
    """The behaviours that apply to ``operation`` (those of every operation included) and are about
    ``aspect``; None matches any."""
    return tuple(
        entry
        for entry in FIDELITY
        if (operation is None or not entry.operations or operation in entry.operations)
        and (aspect is None or entry.aspect == aspect)
    )


def behind(found: Found) -> tuple[Behaviour, ...]:
    """The choices and inferences a difference found by ``conformance check`` may come from."""
    return tuple(entry for entry in FIDELITY if entry.shown_by(found))


def counts_by_basis() -> dict[Basis, int]:
    """How many behaviours rest on each basis, in the order of ``Basis``."""
    counted = Counter(entry.basis for entry in FIDELITY)
    return {basis: counted[basis] for basis in Basis}
