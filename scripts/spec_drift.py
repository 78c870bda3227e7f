"""Compare spec/association-limits.yaml with an upstream HubSpot OpenAPI document.

Usage: scripts/spec-drift [UPSTREAM...] [--spec PATH] [--allowlist PATH] [--scope PATH]... [--json]

Each UPSTREAM is a file (JSON or YAML) or an http(s) URL; by default HubSpot's published documents as
kept in spec/upstream/ (scripts/update-upstream refreshes them). HubSpot publishes the limit and the
label operations as separate documents, so pass both (an operation found in two of them is an input
error). Operations are matched by method and the path after the version prefix (/crm/associations/v4,
/crm/v4/associations or /crm/associations/YYYY-MM), with path-parameter names ignored. Only operations
under a --scope (default: /definitions/configurations and /{fromObjectType}/{toObjectType}/labels, the
families the fragment covers) are compared; other upstream operations are listed as not compared.
An operation of ours in scope that no upstream document has is drift ("extra operation").
$refs are resolved on both sides, then the script compares operations, parameters, request bodies,
status codes, media types and body schemas (recursively: properties, array items,
additionalProperties, types, formats, required sets, enum values and nullability). Every difference
is a Finding "LOCATION: KIND", worded from our side: "extra" means the fragment has it and upstream
does not, "missing" the reverse.

Intentional differences are listed in spec/drift-allowlist.yaml, each with a one-line reason.
Exit status: 0 when every finding is allow-listed and every allow-list entry matches something;
1 on drift or on a stale allow-list entry (an entry that matches nothing hides nothing, but it
documents a difference that no longer exists, so it must go); 2 when an input cannot be loaded.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT / "spec" / "association-limits.yaml"
DEFAULT_ALLOWLIST = ROOT / "spec" / "drift-allowlist.yaml"
DEFAULT_UPSTREAMS = (
    ROOT / "spec" / "upstream" / "hubspot-associations-schema-v4.upstream.json",
    ROOT / "spec" / "upstream" / "hubspot-associations-labels-v4.upstream.json",
)

# The three path families HubSpot serves this API under (see hubspot-api-notes.md section 1).
VERSION_PREFIX = re.compile(r"^/crm/(?:associations/v4|v4/associations|associations/\d{4}-\d{2})(?=/|$)")
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
PREFERRED_MEDIA = ("application/json", "*/*")
# The families the fragment covers: limits, and the labels that limits are keyed by.
DEFAULT_SCOPES = ("/definitions/configurations", "/{fromObjectType}/{toObjectType}/labels")
PATH_PARAMETER = re.compile(r"\{[^}]*\}")

Schema = Mapping[str, Any]


class DriftInputError(Exception):
    """An input document or the allow-list cannot be loaded or understood."""


@dataclass(frozen=True, order=True)
class Finding:
    """One difference between the fragment and upstream; `location: kind` is its stable identity."""

    location: str
    kind: str
    detail: str = field(default="", compare=False)

    @property
    def key(self) -> str:
        return f"{self.location}: {self.kind}"

    def __str__(self) -> str:
        return f"{self.key} ({self.detail})" if self.detail else self.key


@dataclass(frozen=True)
class AllowEntry:
    """An intentional difference. `location` and `kind` match exactly, except that `*` matches any text."""

    location: str
    kind: str
    reason: str
    # Ids of evidence/*.json cases (HubSpot's recorded answers) that justify the difference.
    evidence: tuple[str, ...] = ()

    def matches(self, finding: Finding) -> bool:
        return _glob(self.location).fullmatch(finding.location) is not None and (
            _glob(self.kind).fullmatch(finding.kind) is not None
        )

    def __str__(self) -> str:
        return f"{self.location}: {self.kind}"


@dataclass(frozen=True)
class Report:
    """Findings split into drift (not allow-listed) and allowed, plus entries that match nothing."""

    drift: list[Finding]
    allowed: list[tuple[Finding, AllowEntry]]
    stale: list[AllowEntry]
    # Upstream operations outside --scope: listed so a reader sees what was not compared.
    ignored: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.drift or self.stale else 0


def _glob(pattern: str) -> re.Pattern[str]:
    # Only `*` is special: locations contain `[]` and `{}`, which fnmatch would misread.
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.DOTALL)


# --- loading ---------------------------------------------------------------------------------------


def parse_document(text: str, source: str) -> dict[str, Any]:
    """Parse an OpenAPI document (JSON, else YAML) and check that it has `paths`."""
    try:
        doc = json.loads(text)
    except ValueError:
        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise DriftInputError(f"{source}: not valid JSON or YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
        raise DriftInputError(f"{source}: not an OpenAPI document (no `paths` object)")
    return doc


def load_document(source: str) -> dict[str, Any]:
    """Read an OpenAPI document from a file path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        try:
            response = httpx.get(source, timeout=30.0, follow_redirects=True)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise DriftInputError(f"{source}: cannot fetch: {exc}") from exc
        return parse_document(response.text, source)
    try:
        text = Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise DriftInputError(f"{source}: cannot read: {exc.strerror}") from exc
    return parse_document(text, source)


def parse_allowlist(data: Any, source: str) -> list[AllowEntry]:
    """Validate the allow-list: `allowed:` is a list of {location, kind, reason} with one-line strings,
    each with an optional `evidence:` list of case ids."""
    entries = data.get("allowed") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise DriftInputError(f"{source}: expected a mapping with an `allowed:` list")
    result = []
    for number, entry in enumerate(entries, start=1):
        keys = set(entry) if isinstance(entry, dict) else set()
        if not {"location", "kind", "reason"} <= keys <= {"location", "kind", "reason", "evidence"}:
            raise DriftInputError(
                f"{source}: entry {number} must have location, kind and reason (and may have evidence)"
            )
        for key in ("location", "kind", "reason"):
            value = entry[key]
            if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
                raise DriftInputError(
                    f"{source}: entry {number}: `{key}` must be a non-empty one-line string"
                )
        evidence = entry.get("evidence", [])
        if not isinstance(evidence, list) or not all(isinstance(i, str) and i for i in evidence):
            raise DriftInputError(f"{source}: entry {number}: `evidence` must be a list of case ids")
        result.append(AllowEntry(entry["location"], entry["kind"], entry["reason"].strip(), tuple(evidence)))
    return result


def load_allowlist(path: Path) -> list[AllowEntry]:
    """Read and validate spec/drift-allowlist.yaml (or another path)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DriftInputError(f"{path}: cannot load: {exc}") from exc
    return parse_allowlist(data, str(path))


# --- resolving -------------------------------------------------------------------------------------


def resolve(doc: Mapping[str, Any], node: Any) -> tuple[Any, str | None]:
    """Follow a chain of local $refs; returns the target and the last $ref followed (None if none)."""
    ref = None
    hops = 0
    while isinstance(node, Mapping) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/"):
            raise DriftInputError(f"only local $refs are supported, got {ref!r}")
        node = doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, Mapping) or part not in node:
                raise DriftInputError(f"dangling $ref {ref!r}")
            node = node[part]
        hops += 1
        if hops > 50:
            raise DriftInputError(f"$ref cycle at {ref!r}")
    return node, ref


@dataclass(frozen=True)
class Shape:
    """The parts of a resolved schema that drift is measured on."""

    type: str | None = None
    format: str | None = None
    nullable: bool = False
    enum: tuple[str, ...] | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    items: Any = None
    # "open" (absent or true), "closed" (false) or "schema" (see `additional_schema`).
    additional: str = "open"
    additional_schema: Any = None
    variants: tuple[Any, ...] = ()


def _enum_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def shape_of(doc: Mapping[str, Any], schema: Any) -> Shape:
    """Normalise one schema: allOf merged; 3.0 `nullable`, 3.1 `type: [X, "null"]` and a null branch
    of anyOf/oneOf all become `nullable`; a missing type is inferred from properties or items."""
    schema, _ = resolve(doc, schema)
    if not isinstance(schema, Mapping):
        return Shape()
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    properties = dict(merged.get("properties") or {})
    required = set(merged.get("required") or ())
    for part in schema.get("allOf") or ():
        part, _ = resolve(doc, part)
        properties.update(part.get("properties") or {})
        required.update(part.get("required") or ())
        for key, value in part.items():
            merged.setdefault(key, value)
    nullable = bool(merged.get("nullable", False))
    raw_type = merged.get("type")
    if isinstance(raw_type, list):
        nullable = nullable or "null" in raw_type
        others = [t for t in raw_type if t != "null"]
        raw_type = others[0] if len(others) == 1 else ("|".join(sorted(others)) or None)
    variants: list[Any] = []
    for key in ("anyOf", "oneOf"):
        for branch in merged.get(key) or ():
            target, _ = resolve(doc, branch)
            if isinstance(target, Mapping) and target.get("type") == "null":
                nullable = True
            else:
                variants.append(branch)
    if len(variants) == 1 and raw_type is None and not properties:
        inner = shape_of(doc, variants[0])
        return replace(inner, nullable=nullable or inner.nullable)
    if raw_type is None:
        if properties or "additionalProperties" in merged:
            raw_type = "object"
        elif "items" in merged:
            raw_type = "array"
    enum = merged.get("enum")
    additional = merged.get("additionalProperties", True)
    return Shape(
        type=raw_type,
        format=merged.get("format"),
        nullable=nullable,
        enum=None if enum is None else tuple(_enum_text(v) for v in enum if v is not None),
        properties=properties,
        required=frozenset(required),
        items=merged.get("items"),
        additional="schema" if isinstance(additional, Mapping) else ("open" if additional else "closed"),
        additional_schema=additional if isinstance(additional, Mapping) else None,
        variants=tuple(variants) if len(variants) > 1 else (),
    )


# --- comparing -------------------------------------------------------------------------------------


def _sides(ours: Any, upstream: Any) -> str:
    def show(value: Any) -> str:
        return "(none)" if value is None else str(value)

    return f"ours {show(ours)}, upstream {show(upstream)}"


def _extra_missing(loc: str, what: str, ours: set[str], upstream: set[str]) -> Iterator[Finding]:
    for name in sorted(ours - upstream):
        yield Finding(loc, f"extra {what} {name}".rstrip())
    for name in sorted(upstream - ours):
        yield Finding(loc, f"missing {what} {name}".rstrip())


def compare_schemas(
    ours_doc: Mapping[str, Any],
    up_doc: Mapping[str, Any],
    ours: Any,
    upstream: Any,
    loc: str,
    stack: frozenset[tuple[str | None, str | None]] = frozenset(),
) -> Iterator[Finding]:
    """Differences between two schemas at `loc`, recursing into properties (`loc.name`), array
    items (`loc[]`), additionalProperties (`loc{}`) and anyOf/oneOf branches (`loc|i`)."""
    _, ours_ref = resolve(ours_doc, ours)
    _, up_ref = resolve(up_doc, upstream)
    pair = (ours_ref, up_ref)
    if pair != (None, None):
        if pair in stack:
            return  # a recursive schema: this pair is already being compared further up
        stack = stack | {pair}
    a, b = shape_of(ours_doc, ours), shape_of(up_doc, upstream)

    if a.type != b.type:
        yield Finding(loc, "type changed", _sides(a.type, b.type))
        return  # below a changed type every property would differ too; one finding says it
    if a.format != b.format:
        yield Finding(loc, "format changed", _sides(a.format, b.format))
    if a.nullable != b.nullable:
        yield Finding(loc, "extra nullable" if a.nullable else "missing nullable")
    if a.enum is not None and b.enum is None:
        yield Finding(loc, "extra enum", ", ".join(a.enum))
    elif a.enum is None and b.enum is not None:
        yield Finding(loc, "missing enum", ", ".join(b.enum))
    elif a.enum is not None and b.enum is not None:
        yield from _extra_missing(loc, "enum value", set(a.enum), set(b.enum))

    for name in sorted(set(a.properties) | set(b.properties)):
        sub = f"{loc}.{name}"
        if name not in b.properties:
            yield Finding(sub, "extra property")
        elif name not in a.properties:
            yield Finding(sub, "missing property")
        else:
            yield from compare_schemas(ours_doc, up_doc, a.properties[name], b.properties[name], sub, stack)
    for name in sorted(a.required ^ b.required):
        yield Finding(f"{loc}.{name}", "extra required" if name in a.required else "missing required")

    if (a.items is None) != (b.items is None):
        yield Finding(loc, "extra items" if a.items is not None else "missing items")
    elif a.items is not None:
        yield from compare_schemas(ours_doc, up_doc, a.items, b.items, f"{loc}[]", stack)

    if a.additional != b.additional:
        yield Finding(loc, "additionalProperties changed", _sides(a.additional, b.additional))
    elif a.additional == "schema":
        yield from compare_schemas(
            ours_doc, up_doc, a.additional_schema, b.additional_schema, f"{loc}{{}}", stack
        )

    if len(a.variants) != len(b.variants):
        yield Finding(loc, "variants changed", _sides(len(a.variants), len(b.variants)))
    else:
        for index, (va, vb) in enumerate(zip(a.variants, b.variants, strict=True)):
            yield from compare_schemas(ours_doc, up_doc, va, vb, f"{loc}|{index}", stack)


def _body_media(content: Mapping[str, Any]) -> str | None:
    for media in PREFERRED_MEDIA:
        if media in content:
            return media
    json_like = [m for m in content if m.endswith("+json")]
    return json_like[0] if json_like else next(iter(content), None)


def compare_content(
    ours_doc: Mapping[str, Any], up_doc: Mapping[str, Any], ours: Any, upstream: Any, loc: str
) -> Iterator[Finding]:
    """Media types, then the body schema: the shared JSON media type, else each side's JSON-ish one."""
    a, b = dict(ours or {}), dict(upstream or {})
    yield from _extra_missing(loc, "media type", set(a), set(b))
    common = [m for m in PREFERRED_MEDIA if m in a and m in b]
    media_a, media_b = (common[0], common[0]) if common else (_body_media(a), _body_media(b))
    if media_a is None or media_b is None:
        return
    schema_a = (resolve(ours_doc, a[media_a])[0] or {}).get("schema")
    schema_b = (resolve(up_doc, b[media_b])[0] or {}).get("schema")
    if (schema_a is None) != (schema_b is None):
        yield Finding(f"{loc} body", "extra schema" if schema_a is not None else "missing schema")
    elif schema_a is not None:
        yield from compare_schemas(ours_doc, up_doc, schema_a, schema_b, f"{loc} body")


@dataclass(frozen=True)
class Operation:
    """One operation: `label` is "METHOD /path-after-prefix" as findings show it; `doc` is the
    document it came from, against which its $refs resolve."""

    label: str
    path_item: Mapping[str, Any]
    op: Mapping[str, Any]
    doc: Mapping[str, Any]


def _parameters(
    doc: Mapping[str, Any], path_item: Mapping[str, Any], op: Mapping[str, Any]
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for raw in [*(path_item.get("parameters") or ()), *(op.get("parameters") or ())]:
        param, _ = resolve(doc, raw)
        # Keyed by location and name: a renamed path parameter shows as one extra and one missing.
        found[f"{param.get('in')} {param.get('name')}"] = param
    return found


def compare_operation(ours: Operation, upstream: Operation) -> Iterator[Finding]:
    """Parameters, request body, then each response status of one matched operation."""
    ours_doc, up_doc = ours.doc, upstream.doc
    loc = ours.label
    params_a = _parameters(ours_doc, ours.path_item, ours.op)
    params_b = _parameters(up_doc, upstream.path_item, upstream.op)
    for name in sorted(set(params_a) | set(params_b)):
        sub = f"{loc} parameter {name}"
        if name not in params_b:
            yield Finding(sub, "extra parameter")
        elif name not in params_a:
            yield Finding(sub, "missing parameter")
        else:
            pa, pb = params_a[name], params_b[name]
            if bool(pa.get("required")) != bool(pb.get("required")):
                yield Finding(sub, "extra required" if pa.get("required") else "missing required")
            yield from compare_schemas(ours_doc, up_doc, pa.get("schema"), pb.get("schema"), sub)

    body_a, _ = resolve(ours_doc, ours.op.get("requestBody"))
    body_b, _ = resolve(up_doc, upstream.op.get("requestBody"))
    sub = f"{loc} request"
    if (body_a is None) != (body_b is None):
        yield Finding(sub, "extra request body" if body_a is not None else "missing request body")
    elif body_a is not None and body_b is not None:
        if bool(body_a.get("required")) != bool(body_b.get("required")):
            yield Finding(sub, "extra required" if body_a.get("required") else "missing required")
        yield from compare_content(ours_doc, up_doc, body_a.get("content"), body_b.get("content"), sub)

    responses_a = {str(k): v for k, v in (ours.op.get("responses") or {}).items()}
    responses_b = {str(k): v for k, v in (upstream.op.get("responses") or {}).items()}
    for status in sorted(set(responses_a) | set(responses_b)):
        sub = f"{loc} response {status}"
        if status not in responses_b:
            yield Finding(sub, "extra status")
        elif status not in responses_a:
            yield Finding(sub, "missing status")
        else:
            ra, _ = resolve(ours_doc, responses_a[status])
            rb, _ = resolve(up_doc, responses_b[status])
            yield from compare_content(ours_doc, up_doc, ra.get("content"), rb.get("content"), sub)


def operation_key(method: str, path: str) -> tuple[str, str]:
    """Match key: the method and the path without version prefix and without parameter names."""
    return method.upper(), PATH_PARAMETER.sub("{}", VERSION_PREFIX.sub("", path))


def operations(doc: Mapping[str, Any]) -> dict[tuple[str, str], Operation]:
    """Every operation of a document, by operation_key."""
    found = {}
    for path, raw_item in (doc.get("paths") or {}).items():
        item, _ = resolve(doc, raw_item)
        for method in HTTP_METHODS:
            if isinstance(item.get(method), Mapping):
                label = f"{method.upper()} {VERSION_PREFIX.sub('', path)}"
                found[operation_key(method, path)] = Operation(label, item, item[method], doc)
    return found


def merged_operations(docs: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str], Operation]:
    """The operations of several upstream documents; one operation in two documents is an input error."""
    found: dict[tuple[str, str], Operation] = {}
    for doc in docs:
        for key, op in operations(doc).items():
            if key in found:
                raise DriftInputError(f"{op.label} is in two upstream documents; pass each operation once")
            found[key] = op
    return found


def in_scope(key: tuple[str, str], scopes: Sequence[str]) -> bool:
    """Whether an operation belongs to a compared family: its path (after the prefix) starts with a
    scope; path-parameter names in a scope are ignored, as in matching. The scope "" takes everything."""
    for scope in scopes:
        prefix = PATH_PARAMETER.sub("{}", scope).rstrip("/")
        if key[1] == prefix or key[1].startswith(prefix + "/"):
            return True
    return False


def outside_scope(docs: Sequence[Mapping[str, Any]], scopes: Sequence[str]) -> list[str]:
    """The upstream operations that the comparison leaves out, as "METHOD /path" labels."""
    return sorted(op.label for key, op in merged_operations(docs).items() if not in_scope(key, scopes))


def compare_documents(
    ours_doc: Mapping[str, Any], up_docs: Sequence[Mapping[str, Any]], scopes: Sequence[str] = ("",)
) -> list[Finding]:
    """Every difference between our operations and the upstream documents' within scope, by location."""
    ours = {k: op for k, op in operations(ours_doc).items() if in_scope(k, scopes)}
    upstream = {k: op for k, op in merged_operations(up_docs).items() if in_scope(k, scopes)}
    findings: list[Finding] = []
    for key in sorted(set(ours) | set(upstream)):
        if key not in upstream:
            findings.append(Finding(ours[key].label, "extra operation"))
        elif key not in ours:
            findings.append(Finding(upstream[key].label, "missing operation"))
        else:
            findings.extend(compare_operation(ours[key], upstream[key]))
    return sorted(set(findings))


def classify(
    findings: Sequence[Finding], allowlist: Sequence[AllowEntry], ignored: Sequence[str] = ()
) -> Report:
    """Split findings by the allow-list (first matching entry wins); list entries that match nothing."""
    drift, allowed = [], []
    for finding in findings:
        entry = next((e for e in allowlist if e.matches(finding)), None)
        if entry is None:
            drift.append(finding)
        else:
            allowed.append((finding, entry))
    stale = [e for e in allowlist if not any(e.matches(f) for f in findings)]
    return Report(drift, allowed, stale, list(ignored))


# --- output ----------------------------------------------------------------------------------------


def render_text(report: Report, spec: str, upstream: Sequence[str]) -> str:
    """The human report: drift first (what to fix), then stale entries, then what is allowed and why."""
    lines = [f"spec-drift: {spec} against {', '.join(upstream)}"]
    if report.drift:
        lines.append(f"\nDRIFT ({len(report.drift)}): fix the spec, or allow-list it with a reason")
        lines += [f"  {finding}" for finding in report.drift]
    if report.stale:
        lines.append(f"\nSTALE allow-list entries ({len(report.stale)}): they match no finding; remove them")
        lines += [f"  {entry}" for entry in report.stale]
    if report.allowed:
        lines.append(f"\nALLOWED ({len(report.allowed)})")
        for finding, entry in report.allowed:
            lines.append(f"  {finding}\n      reason: {entry.reason}")
            if entry.evidence:
                lines.append(f"      evidence: {', '.join(entry.evidence)}")
    if report.ignored:
        lines.append(f"\nOUTSIDE --scope, not compared ({len(report.ignored)} upstream operations)")
        lines += [f"  {label}" for label in report.ignored]
    verdict = "ok" if report.exit_code == 0 else "FAILED"
    lines.append(
        f"\n{verdict}: {len(report.drift)} drift, {len(report.allowed)} allowed, {len(report.stale)} stale"
    )
    return "\n".join(lines)


def render_json(report: Report) -> str:
    """The same report as JSON, for tools."""
    return json.dumps(
        {
            "drift": [{"location": f.location, "kind": f.kind, "detail": f.detail} for f in report.drift],
            "allowed": [
                {
                    "location": f.location,
                    "kind": f.kind,
                    "detail": f.detail,
                    "reason": e.reason,
                    "evidence": list(e.evidence),
                }
                for f, e in report.allowed
            ],
            "stale": [{"location": e.location, "kind": e.kind, "reason": e.reason} for e in report.stale],
            "ignored": report.ignored,
            "exit_code": report.exit_code,
        },
        indent=2,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison and print the report; returns the exit status (0, 1 or 2, as above)."""
    parser = argparse.ArgumentParser(prog="scripts/spec-drift", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "upstream",
        nargs="*",
        default=[str(path) for path in DEFAULT_UPSTREAMS],
        help="upstream OpenAPI documents: files (JSON or YAML) or http(s) URLs (default: %(default)s)",
    )
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="our spec (default: %(default)s)")
    parser.add_argument("--allowlist", type=Path, default=DEFAULT_ALLOWLIST, help="default: %(default)s")
    parser.add_argument(
        "--scope",
        action="append",
        help="compare only operations whose path after the version prefix starts with this (repeatable);"
        " '' for all (default: " + " and ".join(DEFAULT_SCOPES) + ", the families the fragment covers,"
        " so a full upstream document works too)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        ours_doc = load_document(str(args.spec))
        up_docs = [load_document(source) for source in args.upstream]
        scopes = args.scope if args.scope is not None else DEFAULT_SCOPES
        allowlist = load_allowlist(args.allowlist)
        findings = compare_documents(ours_doc, up_docs, scopes)
        report = classify(findings, allowlist, outside_scope(up_docs, scopes))
    except DriftInputError as exc:
        print(f"spec-drift: {exc}", file=sys.stderr)
        return 2
    print(render_json(report) if args.json else render_text(report, str(args.spec), args.upstream))
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
