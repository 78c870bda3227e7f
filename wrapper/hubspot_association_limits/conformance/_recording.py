"""The recording: its parts as values, and the versioned JSON file (``recording.json``) they are kept in.

The file is checked against ``recording.schema.json`` (shipped beside this module) when it is read;
the fields are documented on the docs page "Is the mock right? Check it against your portal".
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal

import attrs
import jsonschema

__all__ = [
    "FILE_NAME",
    "FORMAT",
    "WATCHED_HEADERS",
    "Body",
    "Exchange",
    "Expect",
    "Gap",
    "Origin",
    "Recording",
    "RecordingInvalid",
    "Request",
    "Response",
    "Step",
    "load",
    "recording_file",
    "save",
    "schema",
]

FORMAT: Final = 1
FILE_NAME: Final = "recording.json"

# The response headers a client relies on: the only ones a recording keeps and a check compares.
WATCHED_HEADERS: Final = (
    "content-type",
    "retry-after",
    "x-hubspot-correlation-id",
    "x-hubspot-ratelimit-daily",
    "x-hubspot-ratelimit-daily-remaining",
    "x-hubspot-ratelimit-interval-milliseconds",
    "x-hubspot-ratelimit-max",
    "x-hubspot-ratelimit-remaining",
    "x-hubspot-ratelimit-secondly",
    "x-hubspot-ratelimit-secondly-remaining",
)

Expect = Literal["success", "refusal"]


class RecordingInvalid(ValueError):
    """A recording file that cannot be used: unreadable, or not of the documented format."""


@attrs.frozen
class Body:
    """A request or response body: a JSON value, or text that is not JSON."""

    kind: Literal["json", "text"]
    value: Any


@attrs.frozen
class Request:
    """One request of the scenario; ``path`` follows the API prefix and may hold placeholders."""

    method: str
    path: str
    body: Body | None = None


@attrs.frozen
class Gap:
    """What a recorded answer does not hold (a record of real traffic is often partial): a check shows
    the differences at ``path`` (a trailing ``*`` matches every path it begins) of ``kinds`` (none:
    any), marked with ``why``, and does not count them."""

    path: str
    why: str
    kinds: tuple[str, ...] = ()


@attrs.frozen
class Response:
    """An answer as recorded: status, the watched headers (lower-case names), the sanitised body, and
    what the record does not hold (``unrecorded``; ``record`` always keeps everything)."""

    status: int
    headers: Mapping[str, str]
    body: Body | None = None
    unrecorded: tuple[Gap, ...] = ()


@attrs.frozen
class Step:
    """One request of the scenario and what the run learns from its answer.

    ``binds``: role -> the fields of the one item of the answer's ``results`` that carries it (the
    role is that item's typeId). ``filters``: list field -> which of its items a recording keeps.
    """

    id: str
    operation: str
    purpose: str
    request: Request
    expect: Expect = "success"
    binds: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    filters: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class Exchange:
    """A step and the answer it got."""

    step: Step
    response: Response


@attrs.frozen
class Origin:
    """Where and when a recording was made."""

    server: Literal["hubspot", "mock", "other"]
    host: str
    api_prefix: str
    recorded_at: str
    tool: str


@attrs.frozen
class Recording:
    """A run of the scenario: where it was recorded, what its roles mean, and every exchange."""

    scenario: str
    scenario_version: int
    pair: tuple[str, str]
    origin: Origin
    roles: Mapping[str, str]
    exchanges: tuple[Exchange, ...]


def schema() -> dict[str, Any]:
    """The JSON Schema of the recording file."""
    text = resources.files(__package__).joinpath("recording.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _body_json(body: Body | None) -> dict[str, Any]:
    return {} if body is None else {body.kind: body.value}


def _body_of(data: Mapping[str, Any]) -> Body | None:
    for kind in ("json", "text"):
        if kind in data:
            return Body(kind, data[kind])
    return None


def to_json(recording: Recording) -> dict[str, Any]:
    """The recording as the JSON document of the file."""
    origin = recording.origin
    return {
        "format": FORMAT,
        "scenario": {
            "name": recording.scenario,
            "version": recording.scenario_version,
            "pair": list(recording.pair),
        },
        "origin": {
            "server": origin.server,
            "host": origin.host,
            "apiPrefix": origin.api_prefix,
            "recordedAt": origin.recorded_at,
            "tool": origin.tool,
        },
        "roles": dict(recording.roles),
        "exchanges": [_exchange_json(exchange) for exchange in recording.exchanges],
    }


def _exchange_json(exchange: Exchange) -> dict[str, Any]:
    step, response = exchange.step, exchange.response
    request = step.request
    out: dict[str, Any] = {
        "step": step.id,
        "operation": step.operation,
        "purpose": step.purpose,
        "expect": step.expect,
        "request": {"method": request.method, "path": request.path, **_body_json(request.body)},
        "response": {
            "status": response.status,
            "headers": dict(response.headers),
            **_body_json(response.body),
        },
    }
    if response.unrecorded:
        out["response"]["unrecorded"] = [
            {"path": gap.path, **({"kinds": list(gap.kinds)} if gap.kinds else {}), "why": gap.why}
            for gap in response.unrecorded
        ]
    if step.binds:
        out["binds"] = {role: dict(where) for role, where in step.binds.items()}
    if step.filters:
        out["filters"] = dict(step.filters)
    return out


def from_json(document: object) -> Recording:
    """A recording from the file's JSON document; raises RecordingInvalid naming the first problem."""
    errors = sorted(
        jsonschema.Draft202012Validator(schema()).iter_errors(document), key=lambda e: list(e.absolute_path)
    )
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path) or "(top level)"
        raise RecordingInvalid(f"not a format-{FORMAT} recording: at {where}: {errors[0].message}")
    assert isinstance(document, dict)
    origin, scenario = document["origin"], document["scenario"]
    return Recording(
        scenario=scenario["name"],
        scenario_version=scenario["version"],
        pair=(scenario["pair"][0], scenario["pair"][1]),
        origin=Origin(
            origin["server"], origin["host"], origin["apiPrefix"], origin["recordedAt"], origin["tool"]
        ),
        roles=document["roles"],
        exchanges=tuple(_exchange_of(item) for item in document["exchanges"]),
    )


def _exchange_of(data: Mapping[str, Any]) -> Exchange:
    request, response = data["request"], data["response"]
    step = Step(
        id=data["step"],
        operation=data["operation"],
        purpose=data["purpose"],
        request=Request(request["method"], request["path"], _body_of(request)),
        expect=data["expect"],
        binds=data.get("binds", {}),
        filters=data.get("filters", {}),
    )
    gaps = tuple(
        Gap(gap["path"], gap["why"], tuple(gap.get("kinds", ()))) for gap in response.get("unrecorded", ())
    )
    return Exchange(step, Response(response["status"], response["headers"], _body_of(response), gaps))


def recording_file(path: Path) -> Path:
    """The recording file a command names: DIR/recording.json for a directory, else the path itself."""
    return path / FILE_NAME if path.is_dir() or not path.suffix else path


def load(path: Path) -> Recording:
    """Read and check a recording (a directory holding recording.json, or the file)."""
    file = recording_file(path)
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise RecordingInvalid(f"cannot read {file}: {error.strerror}") from None
    except ValueError as error:
        raise RecordingInvalid(f"{file} is not JSON: {error}") from None
    return from_json(document)


def save(recording: Recording, directory: Path) -> Path:
    """Write DIR/recording.json (pretty, stable key order, so a pull request diffs well); never overwrites."""
    file = directory / FILE_NAME
    directory.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_json(recording), indent=2, ensure_ascii=False) + "\n"
    # Written whole or not at all: a half-written recording would check as a broken server.
    handle, temporary = tempfile.mkstemp(prefix=".recording-", suffix=".json", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        if file.exists():
            raise FileExistsError(f"{file} exists; record into another directory")
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return file
