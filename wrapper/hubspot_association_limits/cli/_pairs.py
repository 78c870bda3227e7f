"""The object-type pair, the unit the CLI reads, plans and writes: how a file or the command line names
one, and how output names it back.

A pair is held as ids (``("0-3", "0-1")``) whatever was typed (``deals``, ``deal``, ``0-3``), and shown
by the catalogue's plural names (``deals -> contacts``); a custom object's id or name stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

import typer

from hubspot_association_limits import object_type_info
from hubspot_association_limits._catalogue import closest_object_type_name, object_type_name

__all__ = [
    "Pair",
    "pair_names",
    "pair_of",
    "pair_text",
    "parse_pairs",
    "resolve_object_type",
    "reverse",
    "unknown_object_type",
]

Pair = tuple[str, str]
"""An object-type pair as ids: (from, to)."""

# Besides the catalogue's names and ids, files and options take ids the catalogue does not list (a type
# HubSpot added after this release, a custom object's 2-<n>) and a custom object's fully qualified name.
# A plain word the catalogue does not know is refused: in a file it is far more often a typo.
_UNLISTED: Final = re.compile(r"[02]-[1-9][0-9]*|p[0-9]+_[A-Za-z][A-Za-z0-9_]*")


def resolve_object_type(name: str) -> str | None:
    """The id to send for an object type a file or option names: catalogue names and ids become ids,
    other ids and fully qualified names stay as written; None for anything else."""
    info = object_type_info(name)
    if info is not None:
        return info.id
    return name if _UNLISTED.fullmatch(name) else None


def unknown_object_type(name: str) -> str:
    """Why ``name`` names no object type: the closest catalogue name, or what a name looks like."""
    closest = closest_object_type_name(name)
    if closest is not None:
        return f"unknown object type {name!r}: did you mean {closest!r}?"
    return (
        f"unknown object type {name!r} (use a name like deals or leads, an id like 0-3 or 2-1234, "
        "or a custom object's fully qualified name like p1234567_cars)"
    )


def pair_of(from_name: str, to_name: str) -> Pair:
    """The pair two command-line names give; an unknown one is refused as the FROM or TO it was."""
    ids = []
    for name, hint in ((from_name, "FROM"), (to_name, "TO")):
        object_id = resolve_object_type(name)
        if object_id is None:
            raise typer.BadParameter(unknown_object_type(name), param_hint=hint)
        ids.append(object_id)
    return (ids[0], ids[1])


def parse_pairs(values: Iterable[str] | None) -> list[Pair]:
    """The pairs of ``--pair FROM:TO`` options."""
    pairs = []
    for value in values or []:
        from_name, sep, to_name = value.partition(":")
        if not sep:
            raise typer.BadParameter(f"{value!r}: write FROM:TO, e.g. deals:contacts", param_hint="--pair")
        pairs.append(pair_of(from_name, to_name))
    return pairs


def reverse(pair: Pair) -> Pair:
    """The pair the other way round: creating a label on a pair creates one on its reverse too."""
    return (pair[1], pair[0])


def pair_names(pair: Pair) -> dict[str, str]:
    """A pair for JSON output and files: ``{"from": "deals", "to": "contacts"}``."""
    return {"from": object_type_name(pair[0]), "to": object_type_name(pair[1])}


def pair_text(pair: Pair) -> str:
    """A pair for readers: ``deals -> contacts``."""
    return f"{object_type_name(pair[0])} -> {object_type_name(pair[1])}"
