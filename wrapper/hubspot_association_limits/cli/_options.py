"""The inputs of create, update and purge, from the command line (``FROM TO --type-id --max --category``)
or a desired-state file (``--file``): ``LimitInput`` or ``AssociationTypeKey`` per pair.

What cannot be sent as asked is refused (``typer.BadParameter``, naming the option) before anything is
sent. A limit is never guessed: each ``--type-id`` needs its ``--max``, since a default would cap a real
portal; without ``--category`` only HubSpot's own types of the pair are taken, never a label's id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import typer

from hubspot_association_limits import AssociationTypeKey, Category, LimitInput, hubspot_defined_types
from hubspot_association_limits.cli._desired import DesiredState, load_desired_state
from hubspot_association_limits.cli._label_plan import label_pairs, resolve
from hubspot_association_limits.cli._live import PairReader, read_labels
from hubspot_association_limits.cli._pairs import Pair, pair_of, pair_text

__all__ = [
    "KeyBatches",
    "LimitBatches",
    "command_line_keys",
    "command_line_limits",
    "file_limits",
    "key_batches",
    "limit_batches",
]

LimitBatches = Callable[[PairReader], list[tuple[Pair, list[LimitInput]]]]
"""create/update's inputs per pair, given the client (a file's labels are looked up in the portal)."""
KeyBatches = Callable[[PairReader], list[tuple[Pair, list[AssociationTypeKey]]]]
"""purge's association types per pair, given the client."""


def limit_batches(
    from_object_type: str | None,
    to_object_type: str | None,
    type_ids: Sequence[int] | None,
    maxima: Sequence[int] | None,
    categories: Sequence[str] | None,
    file: Path | None,
) -> LimitBatches:
    """create/update: the limits per pair, from the command line (checked now) or a file (read later)."""
    if file is not None:
        _only_file(from_object_type, to_object_type, type_ids, maxima, categories)
        return lambda client: file_limits(load_desired_state(file), client)
    batch = command_line_limits(from_object_type, to_object_type, type_ids, maxima, categories)
    return lambda _client: [batch]


def key_batches(
    from_object_type: str | None,
    to_object_type: str | None,
    type_ids: Sequence[int] | None,
    categories: Sequence[str] | None,
    file: Path | None,
) -> KeyBatches:
    """purge: the association types per pair; only keys exist here, so no limit can be sent."""
    if file is not None:
        _only_file(from_object_type, to_object_type, type_ids, None, categories)
        return lambda client: [
            (pair, [item.key for item in inputs])
            for pair, inputs in file_limits(load_desired_state(file), client)
        ]
    batch = command_line_keys(from_object_type, to_object_type, type_ids, categories)
    return lambda _client: [batch]


def command_line_limits(
    from_object_type: str | None,
    to_object_type: str | None,
    type_ids: Sequence[int] | None,
    maxima: Sequence[int] | None,
    categories: Sequence[str] | None,
) -> tuple[Pair, list[LimitInput]]:
    """The pair and its limits the options name: one ``--max`` per ``--type-id``."""
    given, count = list(maxima or []), len(type_ids or [])
    if count and len(given) != count:
        raise typer.BadParameter(
            f"required once per --type-id ({count} --type-id, {len(given)} --max)", param_hint="--max"
        )
    pair, keys = command_line_keys(from_object_type, to_object_type, type_ids, categories)
    return pair, [
        LimitInput(key.category, key.type_id, limit) for key, limit in zip(keys, given, strict=True)
    ]


def command_line_keys(
    from_object_type: str | None,
    to_object_type: str | None,
    type_ids: Sequence[int] | None,
    categories: Sequence[str] | None,
) -> tuple[Pair, list[AssociationTypeKey]]:
    """The pair and its association types the options name: a ``--category`` for all, or one per id."""
    if not from_object_type or not to_object_type:
        raise typer.BadParameter("FROM and TO are required (or --file)", param_hint="FROM TO")
    pair = pair_of(from_object_type, to_object_type)
    ids = list(type_ids or [])
    if not ids:
        raise typer.BadParameter("at least one --type-id is required", param_hint="--type-id")
    if not categories:
        return pair, [
            AssociationTypeKey(Category.HUBSPOT_DEFINED, type_id) for type_id in _built_in(pair, ids)
        ]
    # HubSpot spells categories in capitals and answers 400 to any other case: accept any, send capitals.
    names = [name.upper() for name in categories]
    if len(names) == 1:
        names *= len(ids)
    if len(names) != len(ids):
        raise typer.BadParameter(f"give it once, or once per --type-id ({len(ids)})", param_hint="--category")
    return pair, [AssociationTypeKey(name, type_id) for name, type_id in zip(names, ids, strict=True)]


def file_limits(desired: DesiredState, client: PairReader) -> list[tuple[Pair, list[LimitInput]]]:
    """The file's limits per pair, its labels looked up in the portal (these commands create no label)."""
    resolved = resolve(desired, read_labels(client, label_pairs(desired)))
    by_pair: dict[Pair, list[LimitInput]] = {pair: [] for pair in resolved.pairs}
    for limit in resolved.limits:
        by_pair[limit.pair].append(
            LimitInput(limit.category, limit.type_id or 0, limit.max_to_object_ids)  # resolved: never 0
        )
    return [(pair, inputs) for pair, inputs in by_pair.items() if inputs]


def _only_file(*command_line: object) -> None:
    if any(command_line):
        raise typer.BadParameter("give either --file or FROM TO --type-id ..., not both", param_hint="--file")


def _built_in(pair: Pair, type_ids: list[int]) -> list[int]:
    """Without --category, only HubSpot's own types of the pair: a label's id is never taken for one."""
    known = {info.type_id for info in hubspot_defined_types(*pair)}
    unknown = [type_id for type_id in type_ids if type_id not in known]
    if unknown:
        raise typer.BadParameter(
            f"typeId {', '.join(map(str, unknown))} is not a HubSpot-defined type of {pair_text(pair)}; "
            "say which category it is (e.g. --category USER_DEFINED)",
            param_hint="--category",
        )
    return type_ids
