"""Paths and loaders shared by the spec tests (uniquely named, so it never shadows another module)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "spec" / "association-limits.yaml"
ALLOWLIST_PATH = ROOT / "spec" / "drift-allowlist.yaml"
GENERATED = ROOT / "generated" / "hubspot_association_limits_api"
# HubSpot's published documents, kept in the repository (spec/upstream/SOURCE.yaml says where from):
# HubSpot publishes the label operations apart from the limit operations.
UPSTREAM_PATH = ROOT / "spec" / "upstream" / "hubspot-associations-schema-v4.upstream.json"
LABELS_UPSTREAM_PATH = UPSTREAM_PATH.with_name("hubspot-associations-labels-v4.upstream.json")


def load_spec_drift() -> ModuleType:
    """scripts/spec_drift.py, imported by path (scripts/ is not a package)."""
    if "spec_drift" in sys.modules:
        return sys.modules["spec_drift"]
    spec = importlib.util.spec_from_file_location("spec_drift", ROOT / "scripts" / "spec_drift.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["spec_drift"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module
