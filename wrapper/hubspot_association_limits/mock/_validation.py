"""Request-body validation against the request schemas of spec/association-limits.yaml.

The spec ships inside the wheel (force-included next to this module); in a source checkout it is
read from spec/ at the repository root, so there is one copy of the truth.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs
import jsonschema
import yaml

__all__ = ["FieldError", "validate_body"]

_SPEC_NAME: Final = "association-limits.yaml"
_INT32: Final = {"minimum": -(2**31), "maximum": 2**31 - 1}


@attrs.frozen
class FieldError:
    """One schema violation: HubSpot's ``errors[]`` entry (``in`` names the field)."""

    message: str
    field: str


def _spec_text() -> str:
    shipped = resources.files(__package__).joinpath(_SPEC_NAME)
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parents[3] / "spec" / _SPEC_NAME).read_text(encoding="utf-8")


def _prepared(schema: Any, schemas: dict[str, Any]) -> Any:
    """``schema`` with every ``$ref`` inlined (the request schemas are not recursive; resolving refs
    per request would triple the cost of validation) and ``format: int32`` made a bound (JSON Schema
    ignores formats; the service rejects values outside int32)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return _prepared(schemas[schema["$ref"].rsplit("/", 1)[1]], schemas)
        out = {key: _prepared(value, schemas) for key, value in schema.items()}
        if out.get("type") == "integer" and out.get("format") == "int32":
            out.update(_INT32)
        return out
    if isinstance(schema, list):
        return [_prepared(value, schemas) for value in schema]
    return schema


@functools.cache
def _schema(schema_name: str) -> Any:
    schemas = yaml.safe_load(_spec_text())["components"]["schemas"]
    return _prepared(schemas[schema_name], schemas)


@functools.cache
def _validator(schema_name: str) -> jsonschema.protocols.Validator:
    # OpenAPI 3.0 schemas are JSON Schema draft 4 with extensions; draft 4 never treats true as 1.
    return jsonschema.Draft4Validator(_schema(schema_name))


# A compiled check for the few keywords the request schemas use: it answers "valid" several times
# faster than jsonschema, and jsonschema still decides (and explains) everything it does not pass.
_Check = Callable[[Any], bool]
_ANNOTATIONS: Final = frozenset({"description", "example", "title", "format"})
_TYPES: Final[dict[str, _Check]] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _all(checks: tuple[_Check, ...], value: Any) -> bool:
    return all(check(value) for check in checks)


def _has(names: tuple[str, ...], value: Any) -> bool:
    return not isinstance(value, dict) or all(name in value for name in names)


def _one_of(allowed: frozenset[str], value: Any) -> bool:
    return isinstance(value, str) and value in allowed


def _at_least(low: float, value: Any) -> bool:
    return not _is_number(value) or value >= low


def _at_most(high: float, value: Any) -> bool:
    return not _is_number(value) or value <= high


def _each_item(item: _Check, value: Any) -> bool:
    return not isinstance(value, list) or all(item(element) for element in value)


def _each_property(properties: tuple[tuple[str, _Check], ...], value: Any) -> bool:
    return not isinstance(value, dict) or all(
        check(value[name]) for name, check in properties if name in value
    )


def _compile(schema: dict[str, Any]) -> _Check | None:
    """A check equivalent to ``schema``, or None when it uses a keyword this compiler does not know."""
    checks: list[_Check] = []
    for keyword, value in schema.items():
        check: _Check | None = None
        if keyword in _ANNOTATIONS:
            continue
        if keyword == "type":
            check = _TYPES.get(value)
        elif keyword == "required":
            check = functools.partial(_has, tuple(value))
        elif keyword == "enum" and all(isinstance(allowed, str) for allowed in value):
            check = functools.partial(_one_of, frozenset(value))
        elif keyword == "minimum":
            check = functools.partial(_at_least, value)
        elif keyword == "maximum":
            check = functools.partial(_at_most, value)
        elif keyword == "items" and isinstance(value, dict) and (item := _compile(value)):
            check = functools.partial(_each_item, item)
        elif keyword == "properties":
            compiled = [(name, _compile(sub)) for name, sub in value.items()]
            known = tuple((name, sub) for name, sub in compiled if sub is not None)
            check = functools.partial(_each_property, known) if len(known) == len(compiled) else None
        if check is None:
            return None
        checks.append(check)
    return functools.partial(_all, tuple(checks))


@functools.cache
def _fast_check(schema_name: str) -> _Check:
    return _compile(_schema(schema_name)) or (lambda value: False)


def validate_body(body: Any, schema_name: str) -> list[FieldError]:
    """Every violation of the named request schema (``LimitBatchInput`` or ``KeyBatchInput``)."""
    if _fast_check(schema_name)(body):
        return []
    errors = []
    for error in _validator(schema_name).iter_errors(body):
        path = list(error.absolute_path)
        if error.validator == "required":
            # jsonschema reports each missing property separately, naming it only in the message.
            required: list[str] = error.validator_value  # type: ignore[assignment]
            path.extend(name for name in required if error.message.startswith(repr(name)))
        errors.append(FieldError(error.message, _field_name(path)))
    return sorted(errors, key=lambda error: error.field)


def _field_name(path: list[str | int]) -> str:
    """``["inputs", 0, "typeId"]`` -> ``inputs[0].typeId``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "body"
