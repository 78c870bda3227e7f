"""What the mock says when it refuses a batch item: HubSpot's words where real traffic shows them,
the mock's own where it does not (each named in the fidelity ledger, ``_fidelity``). Pure.

HubSpot's item error for an association type that does not exist for the pair (recorded twice)::

    {"status": "error", "category": "VALIDATION_ERROR",
     "subCategory": "crm.associations.INVALID_ASSOCIATION_TYPE",
     "message": "0-5 is not a valid association type between CONTACT and DEAL",
     "context": {"type": ["0-5"], "fromObjectType": ["CONTACT"], "toObjectType": ["DEAL"]}}

Both recordings put ``0-`` before the typeId, whatever its category (HUBSPOT_DEFINED -1 became
``0--1``, USER_DEFINED 5 ``0-5``); what the prefix means is unknown, so the mock always writes it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Final

from .._catalogue import object_type_info

__all__ = [
    "ALREADY_CONFIGURED",
    "INVALID_ASSOCIATION_TYPE",
    "ITEM_ERROR_RULES",
    "LABEL_LIMIT_ABOVE_OBJECT_LIMIT",
    "LIMIT_OUT_OF_RANGE",
    "MESSAGE_FIELDS",
    "NOT_CONFIGURED",
    "UNKNOWN_ASSOCIATION_TYPE",
    "already_configured",
    "configured_message",
    "invalid_association_type",
    "item_context",
    "label_capped_by",
    "not_configured",
    "object_type_word",
    "out_of_range",
    "pair_floored_by",
    "template_problems",
    "type_reference",
]

INVALID_ASSOCIATION_TYPE: Final = "crm.associations.INVALID_ASSOCIATION_TYPE"

# The rule an item broke. HubSpot sends no such code; the mock shows it in context.reason only with
# MockConfig.item_error_extras, and MockConfig.item_error_messages rewords an item error by it.
UNKNOWN_ASSOCIATION_TYPE: Final = "UNKNOWN_ASSOCIATION_TYPE"
ALREADY_CONFIGURED: Final = "ALREADY_CONFIGURED"
NOT_CONFIGURED: Final = "NOT_CONFIGURED"
LIMIT_OUT_OF_RANGE: Final = "LIMIT_OUT_OF_RANGE"
LABEL_LIMIT_ABOVE_OBJECT_LIMIT: Final = "LABEL_LIMIT_ABOVE_OBJECT_LIMIT"
ITEM_ERROR_RULES: Final = (
    UNKNOWN_ASSOCIATION_TYPE,
    ALREADY_CONFIGURED,
    NOT_CONFIGURED,
    LIMIT_OUT_OF_RANGE,
    LABEL_LIMIT_ABOVE_OBJECT_LIMIT,
)
# What a configured message may name: the mock's own message, and the item error's context.
MESSAGE_FIELDS: Final = ("message", "type", "category", "typeId", "fromObjectType", "toObjectType")


def object_type_word(object_type_id: str) -> str:
    """How HubSpot names an object type in these messages: ``CONTACT`` for ``0-1`` (upper-case
    singular). A custom object (no recording shows one) keeps its id, ``2-123``."""
    info = object_type_info(object_type_id)
    return info.singular.upper() if info else object_type_id


def type_reference(type_id: int) -> str:
    """An association type as HubSpot's messages write it: ``0-<typeId>``."""
    return f"0-{type_id}"


def item_context(type_id: int, from_type: str, to_type: str) -> dict[str, list[str]]:
    """The ``context`` of an item error: the type and the pair, each a list of strings."""
    return {
        "type": [type_reference(type_id)],
        "fromObjectType": [object_type_word(from_type)],
        "toObjectType": [object_type_word(to_type)],
    }


def invalid_association_type(type_id: int, from_type: str, to_type: str) -> str:
    """HubSpot's message for a type the pair does not have."""
    between = f"{object_type_word(from_type)} and {object_type_word(to_type)}"
    return f"{type_reference(type_id)} is not a valid association type between {between}"


def already_configured(category: str, type_id: int) -> str:
    """The mock's message for a create of a limit that exists (HubSpot's is not known)."""
    return f"a limit is already configured for {category} {type_id}; use batch/update to change it"


def not_configured(category: str, type_id: int) -> str:
    """The mock's message for an update of a limit that does not exist (HubSpot's is not known)."""
    return f"no limit is configured for {category} {type_id}; use batch/create to set one"


def out_of_range(low: int, high: int, cap: str | None) -> str:
    """The mock's message for a value outside the valid range: it names the range, as HubSpot's docs
    say HubSpot's does, and ``cap``, the limit that narrows it, when another limit does."""
    message = f"maxToObjectIds must be between {low} and {high}"
    return f"{message}: {cap}" if cap else message


def label_capped_by(limit: int, category: str, type_id: int) -> str:
    """Why a label's limit may not exceed ``limit``: the pair's unlabeled type carries it."""
    return f"a label's limit may not exceed the pair's limit of {limit} ({category} {type_id}, unlabeled)"


def pair_floored_by(limit: int, category: str, type_id: int, label: str) -> str:
    """Why the pair's unlabeled limit may not fall below ``limit``: a label's limit is that high."""
    return (
        f"the pair's limit may not fall below the limit of {limit} on the label {label!r} "
        f"({category} {type_id})"
    )


def template_problems(templates: Mapping[str, str]) -> list[str]:
    """Why ``MockConfig.item_error_messages`` cannot be used: an unknown rule, a template that is not
    text, or one that names a field other than ``MESSAGE_FIELDS`` (empty when it can)."""
    problems = []
    for rule, template in templates.items():
        if rule not in ITEM_ERROR_RULES:
            problems.append(f"unknown rule {rule!r}; choose from {list(ITEM_ERROR_RULES)}")
            continue
        if not isinstance(template, str):
            problems.append(f"the message of {rule} must be text, got {template!r}")
            continue
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
        except ValueError as error:
            problems.append(f"the message of {rule} is not a template: {error}")
            continue
        unknown = sorted(set(names) - set(MESSAGE_FIELDS))
        if unknown:
            problems.append(f"the message of {rule} names {unknown}; it may name {list(MESSAGE_FIELDS)}")
    return problems


def configured_message(
    template: str, message: str, category: str, type_id: int, from_type: str, to_type: str
) -> str:
    """An item error's message as ``MockConfig.item_error_messages`` words it (a checked template)."""
    return template.format(
        message=message,
        type=type_reference(type_id),
        category=category,
        typeId=type_id,
        fromObjectType=object_type_word(from_type),
        toObjectType=object_type_word(to_type),
    )
