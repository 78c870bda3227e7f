"""Request-body validation against the request schemas of spec/association-limits.yaml.

The spec ships inside the wheel (force-included next to this module); in a source checkout it is
read from spec/ at the repository root, so there is one copy of the truth.
"""

from __future__ import annotations

import copy
import functools
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


def _with_int32_bounds(schema: Any) -> Any:
    # JSON Schema ignores `format: int32`; the service rejects values outside it, so make it a bound.
    if isinstance(schema, dict):
        out = {key: _with_int32_bounds(value) for key, value in schema.items()}
        if out.get("type") == "integer" and out.get("format") == "int32":
            out.update(_INT32)
        return out
    if isinstance(schema, list):
        return [_with_int32_bounds(value) for value in schema]
    return schema


@functools.cache
def _validator(schema_name: str) -> jsonschema.protocols.Validator:
    spec = yaml.safe_load(_spec_text())
    components = _with_int32_bounds(copy.deepcopy(spec["components"]))
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": components}
    # OpenAPI 3.0 schemas are JSON Schema draft 4 with extensions; draft 4 never treats true as 1.
    return jsonschema.Draft4Validator(schema)


def validate_body(body: Any, schema_name: str) -> list[FieldError]:
    """Every violation of the named request schema (``LimitBatchInput`` or ``KeyBatchInput``)."""
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
