"""schemathesis against the mock (uvicorn on a loopback socket): positive and negative generation,
every check, and the stateful phase through the spec's links (create -> read/update/purge).

The one tuning: path parameters are free strings in the spec, but only object types HubSpot knows
are valid (others are a 400, tested in test_http). Generated values are mapped onto known object
types, so positive cases stay positive and every check keeps its default expected statuses.
Rate limits are raised out of the way (tested in test_edge) so that no 429 hides a behaviour.
Each stateful scenario starts from a reset mock: the rules hypothesis may draw next depend on the
statuses seen (a link's bundle fills only on its status), so a store carried over from an earlier
scenario would make a replayed scenario draw differently ("Inconsistent data generation").
A label operation refused by a label rule the spec cannot state (duplicate, cap, unlabelable pair,
blank text; tested in test_labels), and a purge refused for an association type the pair does not
have (tested in test_http), are not held against `positive_data_acceptance`; every other check still
applies to them.
"""

from __future__ import annotations

import collections
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hubspot_association_limits.mock import MockConfig, MockServer, TokenConfig, running_mock
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from ._helpers import (
    TOKEN,
    refused_by_a_label_rule,
    refused_for_an_invalid_association_type,
    with_known_object_types,
)

SPEC = Path(__file__).resolve().parents[2] / "spec" / "association-limits.yaml"
# Only our token is valid, so that schemathesis' invalid-credential probes are refused (ignored_auth).
UNLIMITED = MockConfig(burst_limit=10**9, daily_limit=10**9, tokens={TOKEN: TokenConfig()})
AUTH = {"Authorization": f"Bearer {TOKEN}"}

_SERVER: dict[str, MockServer] = {}
# The statuses the mock answered before each stateful reset (which empties its stats too).
_ANSWERED: collections.Counter[str] = collections.Counter()
schema = schemathesis.openapi.from_path(SPEC)
schema.config.update(headers=AUTH)
schema.config.generation.update(max_examples=25)


@pytest.fixture(scope="module", autouse=True)
def mock() -> Iterator[MockServer]:
    with running_mock(UNLIMITED) as server:
        _SERVER["mock"] = server
        yield server


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms(case: schemathesis.Case, mock: MockServer) -> None:
    case.path_parameters = with_known_object_types(case.path_parameters)
    response = case.call(base_url=mock.base_url)
    case.validate_response(response, excluded_checks=_excluded(case, response))


def _excluded(case: schemathesis.Case, response: Any) -> list[Any]:
    refused_by_a_rule = refused_by_a_label_rule(
        case.path, response
    ) or refused_for_an_invalid_association_type(case.path, response)
    return [positive_data_acceptance] if refused_by_a_rule else []


class Workflow(schema.as_state_machine()):  # type: ignore[misc]
    def setup(self) -> None:
        server = _SERVER["mock"]
        _ANSWERED.update({status: int(n) for status, n in server.state()["stats"]["by_status"].items()})
        server.reset()

    def before_call(self, case: schemathesis.Case) -> None:
        case.path_parameters = with_known_object_types(case.path_parameters)

    def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
        return {"base_url": _SERVER["mock"].base_url}

    def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
        case.validate_response(response, excluded_checks=_excluded(case, response), recorder=self.recorder)


Workflow.TestCase.settings = settings(
    max_examples=30, stateful_step_count=6, deadline=None, suppress_health_check=list(HealthCheck)
)
TestStateful = Workflow.TestCase


def test_the_run_is_not_vacuous(mock: MockServer) -> None:
    """Guard against a green run that only saw 401s or 400s: the generated traffic must reach the store.
    (Runs last in this module; on its own it fails, as it should, for lack of traffic.)"""
    answered = _ANSWERED + collections.Counter(
        {status: int(n) for status, n in mock.state()["stats"]["by_status"].items()}
    )
    assert answered["201"] + answered["207"] > 0
    assert answered["400"] > 0
