"""The fidelity ledger (``hubspot_association_limits.mock.FIDELITY``): every case it cites exists,
every recorded request the mock is replayed is cited, each basis says what it rests on, ids are
well-formed and found by the lookups, and the docs hook renders it whole."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from hubspot_association_limits.mock import FIDELITY, Basis, behaviour, behaviours, counts_by_basis
from hubspot_association_limits.mock._fidelity import AREAS, ASPECTS, OPERATIONS, Found, behind

from . import corpus

ROOT = Path(__file__).resolve().parents[2]
CASES = corpus.by_id()
CITED = {case for entry in FIDELITY for case in entry.cases}
# A record of an exchange with HubSpot, not an illustration of one.
EXCHANGES = frozenset({"live", "fixture", "production", "notes"})
HUBSPOT_DOCS = ("https://developers.hubspot.com/", "https://knowledge.hubspot.com/")


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_fidelity", ROOT / "docs" / "_hooks" / "fidelity.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_cited_case_is_in_the_corpus() -> None:
    assert sorted(CITED - set(CASES)) == []


def test_every_request_replayed_to_the_mock_is_cited() -> None:
    loaded = corpus.load()
    uncited = [
        case["id"]
        for case in corpus.sent_to_mock(loaded)
        if case["id"] not in CITED and (corpus.partner(case, loaded) or {}).get("id") not in CITED
    ]
    assert uncited == []


@pytest.mark.parametrize("entry", FIDELITY, ids=[entry.id for entry in FIDELITY])
def test_each_behaviour_says_what_it_rests_on(entry) -> None:
    if entry.basis in (Basis.TRAFFIC, Basis.INFERRED):
        assert {CASES[case]["basis"] for case in entry.cases} & EXCHANGES, "cites no recorded exchange"
    if entry.basis is Basis.DOCS:
        assert entry.source.startswith(HUBSPOT_DOCS) or any(
            CASES[case]["basis"] == "docs" for case in entry.cases
        )
    if entry.basis is Basis.SPEC:
        assert entry.source and all((ROOT / path).is_file() for path in entry.source.split(", "))
    if entry.basis in (Basis.CHOICE, Basis.INFERRED):
        assert entry.why, "a choice or an inference says why"
    assert re.fullmatch(r"[a-z-]+(\.[a-z0-9-]+)+", entry.id)
    assert (entry.area in AREAS, entry.aspect in ASPECTS) == (True, True)
    assert set(entry.operations) <= set(OPERATIONS)


def test_ids_are_unique() -> None:
    ids = [entry.id for entry in FIDELITY]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_the_operations_are_the_specs() -> None:
    spec = yaml.safe_load((ROOT / "spec" / "association-limits.yaml").read_text(encoding="utf-8"))
    declared = {
        op["operationId"] for path in spec["paths"].values() for op in path.values() if "operationId" in op
    }
    assert declared == set(OPERATIONS)


def test_a_behaviour_is_found_by_id_and_by_operation_and_aspect() -> None:
    assert behaviour("limits.purge.invalid-type").basis is Basis.INFERRED
    with pytest.raises(KeyError, match=re.escape("close: ['limits.purge.invalid-type'")):
        behaviour("limits.purge.invalid_type")
    found = {entry.id for entry in behaviours(operation="purgeLimits", aspect="status")}
    assert {"limits.purge.status", "limits.purge.invalid-type", "routes.unknown"} == found
    assert "labels.rename.status" not in {entry.id for entry in behaviours(operation="purgeLimits")}


def test_the_page_shows_every_behaviour_and_the_counts() -> None:
    hook = _hook()
    page = hook.render("<!-- fidelity: summary -->\n<!-- fidelity: ledger -->")
    assert all(f"| `{entry.id}` |" in page for entry in FIDELITY)
    counts = counts_by_basis()
    assert sum(counts.values()) == len(FIDELITY)
    for basis, count in counts.items():
        assert f"| {basis} | " in page and f" | {count} | " in page
    assert f"The mock has {len(FIDELITY)} behaviours" in page


def test_an_unknown_part_of_the_page_fails_the_build() -> None:
    with pytest.raises(ValueError, match="unknown fidelity part"):
        _hook().render("<!-- fidelity: nope -->")


def test_traces_belong_to_choices_and_inferences_and_read_as_a_check_reports() -> None:
    from hubspot_association_limits.conformance import KINDS

    for entry in FIDELITY:
        assert not entry.traces or entry.basis in (Basis.CHOICE, Basis.INFERRED), entry.id
        for trace in entry.traces:
            assert re.fullmatch(r"status|headers\.[a-z0-9-]+\*?|body(\.[A-Za-z\[\].]+)?\*?", trace.path), (
                entry.id
            )
            assert set(trace.kinds) <= set(KINDS) and set(trace.operations) <= set(OPERATIONS), entry.id
            for pattern in (trace.answered, trace.recorded, trace.status, trace.words):
                re.compile(pattern or "")


INVALID_TYPE = "0--1 is not a valid association type between CONTACT and COMPANY"
OUT_OF_RANGE = "maxToObjectIds must be between 1 and 10000"


@pytest.mark.parametrize(
    ("found", "ids"),
    [
        pytest.param(
            Found("createLimits", "status", "status", 400, 207, 207, (INVALID_TYPE,)),
            {"limits.batch.all-failed.status"},
            id="the status of an all-failed batch",
        ),
        pytest.param(
            Found("createLimits", "status", "status", 207, 400, 400, (INVALID_TYPE,)),
            {"limits.batch.invalid-type.refused"},
            id="the same, refused by configuration",
        ),
        pytest.param(
            Found("purgeLimits", "status", "status", 207, 400, 400, (INVALID_TYPE,)),
            {"limits.purge.invalid-type"},
            id="the status of a purge of an invalid type",
        ),
        pytest.param(
            Found("getLimits", "status", "status", 207, 400, 400, (INVALID_TYPE,)),
            set(),
            id="not an operation of the behaviours",
        ),
        pytest.param(
            Found("updateLimits", "body.errors[].message", "value", "x", OUT_OF_RANGE, 207, (OUT_OF_RANGE,)),
            {"item-error.out-of-range"},
            id="the mock's words for a rule",
        ),
        pytest.param(
            Found("updateLimits", "body.errors[].message", "value", "x", "too big", 207, ("too big",)),
            {"item-error.configured-words"},
            id="words the configuration gave",
        ),
        pytest.param(
            Found("createLimits", "body.errors[].message", "value", "x", INVALID_TYPE, 207, (INVALID_TYPE,)),
            set(),
            id="HubSpot's recorded words",
        ),
        pytest.param(
            Found(
                "updateLimits", "body.errors[].subCategory", "missing", "crm.x", None, 207, (OUT_OF_RANGE,)
            ),
            {"item-error.sub-category.unknown"},
            id="no subCategory where HubSpot's is not known",
        ),
        pytest.param(
            Found(
                "createLimits", "body.errors[].subCategory", "missing", "crm.x", None, 207, (INVALID_TYPE,)
            ),
            set(),
            id="the recorded subCategory",
        ),
        pytest.param(
            Found("listLabels", "body.results[]", "missing", {"category": "USER_DEFINED", "typeId": 7}),
            {"labels.delete.both-directions"},
            id="a trace in another operation's answer",
        ),
        pytest.param(
            Found("listLabels", "body.results[]", "missing", {"category": "HUBSPOT_DEFINED", "typeId": 7}),
            set(),
            id="a recorded value that the trace does not read",
        ),
        pytest.param(
            Found("getLimits", "headers.x-hubspot-ratelimit-daily-remaining", "unexpected", None, "5"),
            {"headers.daily-always"},
            id="a trailing * in the path",
        ),
    ],
)
def test_behind_finds_the_choices_a_difference_may_come_from(found: Found, ids: set[str]) -> None:
    assert {entry.id for entry in behind(found)} == ids
