"""The API reference (docs/reference/, rendered by mkdocstrings) names every public name."""

from __future__ import annotations

import re
from pathlib import Path

import hubspot_association_limits
from hubspot_association_limits import mock

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "reference"


def _documented() -> set[str]:
    text = "\n".join(page.read_text(encoding="utf-8") for page in REFERENCE.glob("*.md"))
    return set(re.findall(r"^::: ([\w.]+)", text, flags=re.MULTILINE))


def test_every_public_name_of_the_package_is_in_the_reference() -> None:
    documented = _documented()
    missing = [
        name
        for name in hubspot_association_limits.__all__
        if f"hubspot_association_limits.{name}" not in documented and name != "errors"
    ]
    assert missing == []


def test_the_errors_module_is_documented_whole() -> None:
    # rendered member by member from the module, so a new error class needs no entry of its own
    assert "hubspot_association_limits.errors" in _documented()


def test_every_public_name_of_the_mock_is_in_the_reference() -> None:
    documented = _documented()
    missing = [name for name in mock.__all__ if f"hubspot_association_limits.mock.{name}" not in documented]
    assert missing == []
