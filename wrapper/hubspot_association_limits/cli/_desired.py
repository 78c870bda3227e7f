"""The desired-state file: load YAML or JSON, validate all of it, report every problem with its location.

The file lists association limits per object-type pair, human-first (object types by name, comments
allowed). Validation runs to the end before anything is returned, so one run shows every mistake.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal

import attrs
import jsonschema
import yaml

from hubspot_association_limits.cli._pairs import (
    Pair,
    pair_names,
    pair_text,
    resolve_object_type,
    unknown_object_type,
)
from hubspot_association_limits.cli._validate import catalogue_problems

__all__ = [
    "DEFAULT_LABEL_CATEGORY",
    "DesiredLabel",
    "DesiredLimit",
    "DesiredState",
    "DesiredStateInvalid",
    "FileProblem",
    "Format",
    "load_desired_state",
    "parse_desired_state",
    "render_desired_state",
    "schema",
]

DEFAULT_LABEL_CATEGORY: Final = "USER_DEFINED"
"""The category of an association named by its label alone: the portal's own labels."""
Format = Literal["yaml", "json"]
"""The two spellings of a desired-state file."""
_PathPart = str | int


@attrs.frozen
class FileProblem:
    """One mistake in a desired-state file, with where it is."""

    file: str
    path: tuple[_PathPart, ...]
    line: int | None
    message: str

    @property
    def field(self) -> str | None:
        """The name of the field the problem is about; None when it is about a whole entry."""
        return self.path[-1] if self.path and isinstance(self.path[-1], str) else None

    @property
    def json_path(self) -> str:
        """The path in the document, like ``limits[0].associations[1].max``."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text or "(document)"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.json_path}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready data."""
        return {
            "file": self.file,
            "line": self.line,
            "path": self.json_path,
            "field": self.field,
            "message": self.message,
        }


class DesiredStateInvalid(Exception):
    """The desired-state file has problems; nothing may be sent. ``problems`` lists every one.

    ``labels_read``: found by looking labels up in the portal, so reads were sent (never a write).
    """

    def __init__(self, problems: Sequence[FileProblem], *, labels_read: bool = False) -> None:
        self.problems = tuple(problems)
        self.labels_read = labels_read
        noun = "problem" if len(self.problems) == 1 else "problems"
        super().__init__(f"{len(self.problems)} {noun}:\n" + "\n".join(str(p) for p in self.problems))


@attrs.frozen
class DesiredLimit:
    """One limit the file asks for. Object types are ids (``0-3``), whatever the file spelled.

    ``type_id`` None: the file names one of the portal's own labels by ``label`` alone; plan looks it
    up in the target portal (``_label_plan.resolve``). ``path`` and ``line`` say where the entry is.
    """

    from_object_type: str
    to_object_type: str
    category: str
    type_id: int | None
    max_to_object_ids: int
    label: str | None = None
    path: tuple[_PathPart, ...] = attrs.field(default=(), eq=False)
    line: int | None = attrs.field(default=None, eq=False)

    @property
    def pair(self) -> Pair:
        """The object-type pair this limit belongs to."""
        return (self.from_object_type, self.to_object_type)


@attrs.frozen
class DesiredLabel:
    """A label a pair declares it needs: created when the portal lacks it."""

    from_object_type: str
    to_object_type: str
    label: str
    name: str | None = None
    inverse_label: str | None = None
    line: int | None = attrs.field(default=None, eq=False)

    @property
    def pair(self) -> Pair:
        """The object-type pair the label is declared on."""
        return (self.from_object_type, self.to_object_type)

    def as_dict(self) -> dict[str, Any]:
        """The declaration as the file writes it (optional fields only when set)."""
        item: dict[str, Any] = {"label": self.label}
        if self.name is not None:
            item["name"] = self.name
        if self.inverse_label is not None:
            item["inverseLabel"] = self.inverse_label
        return item


@attrs.frozen
class DesiredState:
    """A validated desired-state file: the pairs it names (in file order), their limits and labels.

    ``managed_labels``: the pairs that have a ``labels:`` list, the only ones ``--prune-labels`` touches.
    """

    source: str
    pairs: tuple[Pair, ...]
    limits: tuple[DesiredLimit, ...]
    labels: tuple[DesiredLabel, ...] = ()
    managed_labels: frozenset[Pair] = frozenset()


def schema() -> dict[str, Any]:
    """The JSON Schema of the desired-state file (shipped inside the package)."""
    text = resources.files(__package__).joinpath("desired-state.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# JSON Schema counts 5.0 as an integer and Python counts True as one; a limit file wants neither.
_TYPE_CHECKER: Final = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _checker, value: type(value) is int
)
_Validator: Final = jsonschema.validators.extend(  # type: ignore[no-untyped-call]  # untyped in types-jsonschema
    jsonschema.Draft202012Validator, type_checker=_TYPE_CHECKER
)


def load_desired_state(path: Path) -> DesiredState:
    """Read and validate a desired-state file; YAML unless its name ends in ``.json``.

    Raises DesiredStateInvalid with every problem found (an unreadable file is one problem).
    """
    source = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DesiredStateInvalid(
            [FileProblem(source, (), None, f"cannot read the file: {reason}")]
        ) from None
    fmt: Format = "json" if path.suffix.lower() == ".json" else "yaml"
    return parse_desired_state(text, source=source, fmt=fmt)


def parse_desired_state(text: str, *, source: str, fmt: Format = "yaml") -> DesiredState:
    """Parse and validate the text of a desired-state file (pure). Raises DesiredStateInvalid."""
    data, lines, problems = _parse(text, source, fmt)
    problems += [
        *_schema_problems(data, source, lines),
        *_meaning_problems(data, source, lines),
        *_catalogue_problems(data, source, lines),
    ]
    if problems:
        raise DesiredStateInvalid(sorted(problems, key=lambda p: (p.line or 0, p.json_path)))
    return _build(data, source, lines)


def render_desired_state(
    limits: Mapping[Pair, Iterable[DesiredLimit]],
    fmt: Format = "yaml",
    labels: Mapping[Pair, Iterable[DesiredLabel]] | None = None,
) -> str:
    """A desired-state file holding these limits (and label declarations), object types by name, sorted,
    ready to review and apply. A limit without ``type_id`` is written by its label."""
    declared = labels or {}
    document = {
        "limits": [
            _render_pair(pair, limits.get(pair, ()), declared.get(pair))
            for pair in sorted({*limits, *declared})
        ]
    }
    if fmt == "json":
        return json.dumps(document, indent=2) + "\n"
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=200)


def _render_pair(
    pair: Pair, limits: Iterable[DesiredLimit], labels: Iterable[DesiredLabel] | None
) -> dict[str, Any]:
    entry: dict[str, Any] = pair_names(pair)
    if labels is not None:
        entry["labels"] = [label.as_dict() for label in sorted(labels, key=lambda item: item.label)]
    entry["associations"] = [
        _render_limit(limit)
        for limit in sorted(
            limits, key=lambda i: (i.type_id is None, i.category, i.type_id or 0, i.label or "")
        )
    ]
    return entry


def _render_limit(limit: DesiredLimit) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if limit.type_id is not None:
        item |= {"category": limit.category, "typeId": limit.type_id}
    elif limit.category != DEFAULT_LABEL_CATEGORY:
        item["category"] = limit.category
    if limit.label is not None:
        item["label"] = limit.label
    item["max"] = limit.max_to_object_ids
    return item


# --- parsing, with a line number for every path --------------------------------------------------------


def _parse(
    text: str, source: str, fmt: Format
) -> tuple[Any, dict[tuple[_PathPart, ...], int], list[FileProblem]]:
    """The document, the line of every path in it, and keys written twice.

    Raises DesiredStateInvalid when the text is not YAML (or JSON) at all.
    """
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DesiredStateInvalid(
                [FileProblem(source, (), error.lineno, f"not valid JSON: {error.msg}")]
            ) from None
        try:  # JSON is YAML, so YAML's node marks give lines; without them the JSON path still locates.
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return data, {}, []
        lines: dict[tuple[_PathPart, ...], int] = {}
        twice: list[FileProblem] = []
        _index_lines(node, (), lines, source, twice)
        return data, lines, twice
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        problems: list[FileProblem] = []
        lines = {}
        _index_lines(node, (), lines, source, problems)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        line, reason = _yaml_error(error)
        raise DesiredStateInvalid([FileProblem(source, (), line, f"not valid YAML: {reason}")]) from None
    finally:
        loader.dispose()
    return data, lines, problems


# What the parser says it was reading when it failed, for a bracket or quote that is never closed: it
# notices only where the next entry (or the text) begins, so the line to fix is the one that opened it.
_UNCLOSED: Final = {
    "while parsing a flow mapping": "the '{'",
    "while parsing a flow sequence": "the '['",
    "while scanning a quoted scalar": "the quote",
}


def _yaml_error(error: yaml.YAMLError) -> tuple[int | None, str]:
    """The line to point at and the reason, for a text that is not YAML."""
    problem_mark, context_mark = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if problem.startswith("expected <block end>"):  # the parser's words for an entry indented wrongly
        problem = f"this line is not indented like the entries around it ({problem})"
    line = problem_mark.line + 1 if problem_mark is not None else None
    opened = _UNCLOSED.get(getattr(error, "context", None) or "")
    if opened is None or context_mark is None or context_mark.line + 1 == line:
        return line, problem
    where = f"line {line}: " if line is not None else ""
    return context_mark.line + 1, f"{opened} on this line is never closed ({where}{problem})"


def _index_lines(
    node: yaml.Node | None,
    path: tuple[_PathPart, ...],
    lines: dict[tuple[_PathPart, ...], int],
    source: str,
    problems: list[FileProblem],
) -> None:
    """Record the 1-based line of every path; report keys written twice (YAML keeps the last silently)."""
    if node is None:
        return
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            child = (*path, key)
            if child in lines:
                problems.append(
                    FileProblem(
                        source,
                        child,
                        key_node.start_mark.line + 1,
                        f"{key!r} is written twice (first on line {lines[child]})",
                    )
                )
                continue
            lines[child] = key_node.start_mark.line + 1
            _index_lines(value_node, child, lines, source, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), lines, source, problems)


def _line_of(path: Sequence[_PathPart], lines: Mapping[tuple[_PathPart, ...], int]) -> int | None:
    """The line of a path, or of its nearest ancestor the file has."""
    parts = tuple(path)
    while True:
        if parts in lines:
            return lines[parts]
        if not parts:
            return None
        parts = parts[:-1]


# --- validation -----------------------------------------------------------------------------------------


def _schema_problems(
    data: Any, source: str, lines: Mapping[tuple[_PathPart, ...], int]
) -> Iterator[FileProblem]:
    validator = _Validator(schema())
    for error in validator.iter_errors(data):
        path = tuple(error.absolute_path)
        if error.validator == "required":
            missing = _missing_field(error)
            yield FileProblem(source, (*path, missing), _line_of(path, lines), f"missing field {missing!r}")
        elif error.validator == "dependentRequired":
            where = (*path, "category")
            message = "missing field 'category' (a typeId needs its category; leave both out to name a label)"
            yield FileProblem(source, where, _line_of(path, lines), message)
        elif error.validator == "additionalProperties":
            allowed = ", ".join(error.schema.get("properties", {}))
            for extra in sorted(
                str(key) for key in set(error.instance) - set(error.schema.get("properties", {}))
            ):
                where = (*path, extra)
                message = f"unknown field {extra!r} (allowed: {allowed})"
                yield FileProblem(source, where, _line_of(where, lines), message)
        else:
            yield FileProblem(source, path, _line_of(path, lines), _describe(error))


def _missing_field(error: jsonschema.ValidationError) -> str:
    required = error.validator_value if isinstance(error.validator_value, list) else []
    instance = error.instance if isinstance(error.instance, dict) else {}
    return next((name for name in required if name not in instance), "?")


def _describe(error: jsonschema.ValidationError) -> str:
    """A reader's message for one schema error."""
    value = error.instance
    shown = (
        json.dumps(value)
        if isinstance(value, (bool, int, float, str)) or value is None
        else type(value).__name__
    )
    match error.validator:
        case "type":
            wanted = error.validator_value
            wanted_text = " or ".join(wanted) if isinstance(wanted, list) else str(wanted)
            article = "an" if wanted_text[0] in "aeiou" else "a"
            kind = f"a boolean ({shown})" if isinstance(value, bool) else shown
            return f"must be {article} {wanted_text}, got {kind}"
        case "minimum" | "maximum":
            bounds = error.schema if isinstance(error.schema, Mapping) else {}
            return f"must be between {bounds.get('minimum')} and {bounds.get('maximum')}, got {shown}"
        case "pattern" if error.absolute_path and error.absolute_path[-1] == "category":
            return f"must be a category in capitals, like HUBSPOT_DEFINED or USER_DEFINED, got {shown}"
        case "minLength":
            return "must not be empty"
        case _:
            return error.message


def _meaning_problems(
    data: Any, source: str, lines: Mapping[tuple[_PathPart, ...], int]
) -> Iterator[FileProblem]:
    """What the schema cannot say: unknown object types, pairs or association types listed twice."""
    if not isinstance(data, dict) or not isinstance(data.get("limits"), list):
        return
    seen_pairs: dict[Pair, int | None] = {}
    for pair_index, entry in enumerate(data["limits"]):
        if not isinstance(entry, dict):
            continue
        base: tuple[_PathPart, ...] = ("limits", pair_index)
        ids = []
        for field in ("from", "to"):
            name = entry.get(field)
            if not isinstance(name, str) or not name:
                continue
            object_id = resolve_object_type(name)
            if object_id is None:
                where = (*base, field)
                yield FileProblem(source, where, _line_of(where, lines), unknown_object_type(name))
            ids.append(object_id)
        yield from _duplicate_associations(entry.get("associations"), (*base, "associations"), source, lines)
        yield from _duplicate_labels(entry.get("labels"), (*base, "labels"), source, lines)
        if len(ids) != 2 or None in ids:
            continue
        pair: Pair = (str(ids[0]), str(ids[1]))
        line = _line_of(base, lines)
        if pair in seen_pairs:
            message = f"the pair {pair_text(pair)} is listed twice{_first_seen(seen_pairs[pair])}"
            yield FileProblem(source, base, line, message)
        else:
            seen_pairs[pair] = line


def _catalogue_problems(
    data: Any, source: str, lines: Mapping[tuple[_PathPart, ...], int]
) -> Iterator[FileProblem]:
    """What HubSpot would refuse (labels, HubSpot-defined typeIds, label limits): ``validate``'s checks."""
    for path, message in catalogue_problems(data, lambda where: _line_of(where, lines)):
        yield FileProblem(source, path, _line_of(path, lines), message)


def _duplicate_associations(
    items: Any, base: tuple[_PathPart, ...], source: str, lines: Mapping[tuple[_PathPart, ...], int]
) -> Iterator[FileProblem]:
    if not isinstance(items, list):
        return
    seen: dict[tuple[str, int | str], int | None] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        where = (*base, index)
        line = _line_of(where, lines)
        category, type_id, label = item.get("category"), item.get("typeId"), item.get("label")
        if "typeId" not in item:
            if not isinstance(label, str):
                message = (
                    "give category and typeId, or a label to name one of the portal's own labels"
                    if label is None
                    else "a label must be a string"
                )
                yield FileProblem(source, where, line, message)
                continue
            category = DEFAULT_LABEL_CATEGORY if category is None else category
            key: tuple[str, int | str] | None = (category, label) if isinstance(category, str) else None
            text = f"label {label!r}"
        else:
            key = (category, type_id) if isinstance(category, str) and type(type_id) is int else None
            text = f"{category} typeId {type_id}"
        if key is None:
            continue
        if key in seen:
            yield FileProblem(source, where, line, f"{text} is listed twice{_first_seen(seen[key])}")
        else:
            seen[key] = line


def _duplicate_labels(
    items: Any, base: tuple[_PathPart, ...], source: str, lines: Mapping[tuple[_PathPart, ...], int]
) -> Iterator[FileProblem]:
    if not isinstance(items, list):
        return
    seen: dict[str, int | None] = {}
    for index, item in enumerate(items):
        label = item.get("label") if isinstance(item, dict) else None
        if not isinstance(label, str):
            continue
        where = (*base, index)
        if label in seen:
            message = f"label {label!r} is declared twice{_first_seen(seen[label])}"
            yield FileProblem(source, where, _line_of(where, lines), message)
        else:
            seen[label] = _line_of(where, lines)


def _first_seen(line: int | None) -> str:
    return f" (first on line {line})" if line is not None else ""


def _build(data: dict[str, Any], source: str, lines: Mapping[tuple[_PathPart, ...], int]) -> DesiredState:
    """The validated document as typed values (only called once every check passed)."""
    pairs: list[Pair] = []
    limits: list[DesiredLimit] = []
    labels: list[DesiredLabel] = []
    managed: set[Pair] = set()
    for pair_index, entry in enumerate(data["limits"]):
        pair = (str(resolve_object_type(entry["from"])), str(resolve_object_type(entry["to"])))
        pairs.append(pair)
        for index, item in enumerate(entry.get("associations", [])):
            path: tuple[_PathPart, ...] = ("limits", pair_index, "associations", index)
            limits.append(
                DesiredLimit(
                    from_object_type=pair[0],
                    to_object_type=pair[1],
                    category=item.get("category", DEFAULT_LABEL_CATEGORY),
                    type_id=item.get("typeId"),
                    max_to_object_ids=item["max"],
                    label=item.get("label"),
                    path=path,
                    line=_line_of(path, lines),
                )
            )
        if "labels" in entry:
            managed.add(pair)
        labels.extend(
            DesiredLabel(
                pair[0],
                pair[1],
                item["label"],
                item.get("name"),
                item.get("inverseLabel"),
                line=_line_of(("limits", pair_index, "labels", index), lines),
            )
            for index, item in enumerate(entry.get("labels", []))
        )
    return DesiredState(
        source=source,
        pairs=tuple(pairs),
        limits=tuple(limits),
        labels=tuple(labels),
        managed_labels=frozenset(managed),
    )
