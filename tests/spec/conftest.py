"""Fixtures for the spec tests."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from spec_paths import SPEC_PATH


@pytest.fixture(scope="session")
def spec_doc() -> dict[str, Any]:
    """The spec fragment as a plain dict (YAML aliases expanded)."""
    doc: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return doc
