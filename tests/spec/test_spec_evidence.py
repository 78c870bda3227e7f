"""The spec follows the evidence: allow-list entries that HubSpot's recorded answers justify cite them.

For each kind of difference real traffic can show, a trait says whether a recorded body shows it
(a null where upstream declares a value, a key upstream requires missing, a string where it
declares an object, a key it does not declare). An entry must cite only cases that show its trait,
and must cite one whenever any case does.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from fidelity import corpus  # noqa: E402

ALLOWLIST = yaml.safe_load((ROOT / "spec" / "drift-allowlist.yaml").read_text(encoding="utf-8"))["allowed"]
CASES = corpus.by_id()

Trait = Callable[[dict[str, Any]], bool]


def _body(case: dict[str, Any]) -> Any:
    body = case["body"]
    wrap = case["replay"].get("wrap")
    return {wrap: [body]} if wrap else body


def _items(case: dict[str, Any], name: str) -> list[dict[str, Any]]:
    body = _body(case)
    items = body.get(name, []) if isinstance(body, dict) else []
    return [item for item in items if isinstance(item, dict)]


def _null_result_field(field: str) -> Trait:
    return lambda case: any(field in item and item[field] is None for item in _items(case, "results"))


def _item_error_without(field: str) -> Trait:
    return lambda case: any(field not in item for item in _items(case, "errors"))


def _string_sub_category(case: dict[str, Any]) -> bool:
    return any(isinstance(item.get("subCategory"), str) for item in _items(case, "errors"))


def _error_body_status(case: dict[str, Any]) -> bool:
    body = _body(case)
    return case["kind"] == "error" and isinstance(body, dict) and "status" in body and "results" not in body


def trait_of(entry: dict[str, str]) -> Trait | None:
    """What a recorded body shows when it justifies ``entry``; None for differences traffic cannot show."""
    location, kind = entry["location"], entry["kind"]
    if kind == "extra nullable" and (found := re.search(r"results\[\]\.(\w+)$", location)):
        return _null_result_field(found.group(1))
    if kind == "missing required" and (found := re.search(r"errors\[\]\.(\w+)$", location)):
        return _item_error_without(found.group(1))
    if kind == "type changed" and location.endswith("errors[].subCategory"):
        return _string_sub_category
    if kind == "extra property" and location.endswith("default body.status"):
        return _error_body_status
    return None


ENTRIES = [(entry, trait_of(entry)) for entry in ALLOWLIST]


@pytest.mark.parametrize(
    ("entry", "trait"), ENTRIES, ids=[f"{e['location']}: {e['kind']}" for e in ALLOWLIST]
)
def test_an_entry_cites_the_cases_that_justify_it(entry: dict[str, Any], trait: Trait | None) -> None:
    cited = entry.get("evidence", [])
    assert all(case_id in CASES for case_id in cited), f"unknown case ids: {set(cited) - set(CASES)}"
    if trait is None:
        assert not cited, "this kind of difference is not one a recorded body can show"
        return
    showing = [case_id for case_id, case in CASES.items() if trait(case)]
    assert all(case_id in showing for case_id in cited), (
        f"cited but not shown by: {set(cited) - set(showing)}"
    )
    assert bool(cited) == bool(showing), f"real traffic shows it ({showing}); cite it"


def test_no_trait_is_shown_by_every_case() -> None:
    # A trait true of everything would prove nothing.
    for entry, trait in ENTRIES:
        if trait is not None:
            assert not all(trait(case) for case in CASES.values()), entry
