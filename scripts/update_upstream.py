"""Refresh spec/upstream/ from HubSpot's newest published document, then print the drift.

Usage: scripts/update-upstream [--source URL_OR_PATH] [--dest DIR]

The source (default: env HUBSPOT_UPSTREAM_SOURCE, else the document's raw URL on the repository's main
branch) is an http(s) URL, a file:// URL or a path. It is cut into the two snapshots spec/upstream/
keeps, one per operation family, each with the components its operations reference; SOURCE.yaml records
where it came from. The commit of a branch URL is not known here, so it is recorded as unknown.
Exit status: that of scripts/spec-drift on the new snapshot (0 no drift, 1 drift), 2 when the source
cannot be loaded.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import spec_drift  # the sibling script: python puts a script's own folder first on sys.path
import yaml

REPOSITORY = "HubSpot/HubSpot-public-api-spec-collection"
PATH = "PublicApiSpecs/CRM/Associations Schema/Rollouts/130902/v4/associationsSchema.json"
DEFAULT_SOURCE = f"https://raw.githubusercontent.com/{REPOSITORY}/main/{PATH.replace(' ', '%20')}"
DEFAULT_DEST = spec_drift.ROOT / "spec" / "upstream"
# Snapshot file -> the operation family (path after the version prefix) it keeps.
FAMILIES = {
    "hubspot-associations-schema-v4.upstream.json": "/definitions/configurations",
    "hubspot-associations-labels-v4.upstream.json": "/{fromObjectType}/{toObjectType}/labels",
}
SOURCE_HEADER = (
    "# Where the HubSpot documents in this folder come from; scripts/update-upstream rewrites this file.\n"
    "# Both are cut from one published document: the operations of one family each, with every component\n"
    "# they reference, unchanged otherwise. scripts/spec-drift compares spec/ with them (the default).\n"
)


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def cut(document: dict[str, Any], family: str) -> dict[str, Any]:
    """The document with only the paths of ``family`` and the components they reach through $refs."""
    paths = {
        path: item
        for path, item in document.get("paths", {}).items()
        if (spec_drift.VERSION_PREFIX.sub("", path) + "/").startswith(family + "/")
    }
    components: dict[str, Any] = document.get("components", {})
    kept: dict[str, dict[str, Any]] = {}
    pending = list(_refs(paths))
    while pending:
        ref = pending.pop()
        section, _, name = ref.removeprefix("#/components/").partition("/")
        if name in kept.get(section, {}) or name not in components.get(section, {}):
            continue
        kept.setdefault(section, {})[name] = components[section][name]
        pending.extend(_refs(components[section][name]))
    # Security schemes are referenced by name from `security`, not by $ref: keep them whole.
    if "securitySchemes" in components:
        kept["securitySchemes"] = components["securitySchemes"]
    sorted_kept = {section: dict(sorted(kept[section].items())) for section in components if section in kept}
    return {**document, "paths": paths, "components": sorted_kept}


def _location(source: str) -> str:
    """A file:// URL as a path; anything else unchanged (spec_drift loads paths and http(s) URLs)."""
    parts = urlsplit(source)
    return unquote(parts.path) if parts.scheme == "file" else source


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/update-upstream", description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=os.environ.get("HUBSPOT_UPSTREAM_SOURCE", DEFAULT_SOURCE))
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST, help="default: %(default)s")
    args = parser.parse_args(argv)
    try:
        document = spec_drift.load_document(_location(args.source))
    except spec_drift.DriftInputError as exc:
        print(f"update-upstream: {exc}", file=sys.stderr)
        return 2
    args.dest.mkdir(parents=True, exist_ok=True)
    for name, family in FAMILIES.items():
        snapshot = cut(document, family)
        if not snapshot["paths"]:
            print(f"update-upstream: {args.source} has no operation under {family}", file=sys.stderr)
            return 2
        (args.dest / name).write_text(json.dumps(snapshot, indent=2, ensure_ascii=False), encoding="utf-8")
    record = {
        "repository": REPOSITORY,
        "path": PATH,
        "commit": "unknown (the newest on the branch when fetched)",
        "commit_date": "unknown",
        "fetched_from": f"{args.source} on {datetime.date.today().isoformat()}",
        "files": {name: family for name, family in FAMILIES.items()},
    }
    (args.dest / "SOURCE.yaml").write_text(SOURCE_HEADER + yaml.safe_dump(record, sort_keys=False, width=200))
    print(f"update-upstream: wrote {', '.join(FAMILIES)} and SOURCE.yaml in {args.dest}", file=sys.stderr)
    return spec_drift.main([str(args.dest / name) for name in FAMILIES])


if __name__ == "__main__":
    sys.exit(main())
