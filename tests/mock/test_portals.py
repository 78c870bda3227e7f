"""Several portals in one mock: tokens mapped to portals (config and seed), each portal with its own
labels, typeId numbering, limits and rate budget; the default portal for every other token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hubspot_association_limits.mock import MockConfig, MockServer, TokenConfig, running_mock

from ._helpers import PREFIX, hs, ud

LABELS = "/crm/associations/v4/deals/contacts/labels"
SEED = """
labels:
  - {fromObjectType: deals, toObjectType: contacts, label: Default label}
portals:
  sandbox:
    firstLabelTypeId: 101
    labels:
      - {fromObjectType: deals, toObjectType: contacts, label: Decision maker}
    limits:
      - {fromObjectType: deals, toObjectType: contacts, category: USER_DEFINED, typeId: 101,
         maxToObjectIds: 2}
  production:
    firstLabelTypeId: 250
"""
TOKENS = {
    "sandbox-token": TokenConfig(portal="sandbox"),
    "production-token": TokenConfig(portal="production"),
    "plain-token": TokenConfig(),
}


@pytest.fixture
def mock(tmp_path: Path) -> Iterator[MockServer]:
    seed = tmp_path / "portals.yaml"
    seed.write_text(SEED)
    with running_mock(MockConfig(seed_file=str(seed), tokens=TOKENS, burst_limit=5)) as server:
        yield server


def client(mock: MockServer, token: str) -> httpx.Client:
    return httpx.Client(base_url=mock.base_url, headers={"Authorization": f"Bearer {token}"})


def own_labels(http: httpx.Client) -> list[tuple[int, str]]:
    results = http.get(LABELS).json()["results"]
    return [(r["typeId"], r["label"]) for r in results if r["category"] == "USER_DEFINED"]


def limits(http: httpx.Client) -> list[tuple[str, int, int]]:
    results = http.get(f"{PREFIX}/all").json()["results"]
    return [(r["category"], r["typeId"], r["userEnforcedMaxToObjectIds"]) for r in results]


@pytest.mark.parametrize(
    ("token", "labels", "limit_set"),
    [
        ("sandbox-token", [(101, "Decision maker")], [("USER_DEFINED", 101, 2)]),
        ("production-token", [], []),
        ("plain-token", [(101, "Default label")], []),  # a token without a portal: the default one
    ],
)
def test_each_portal_starts_from_its_own_seed(
    mock: MockServer, token: str, labels: list[Any], limit_set: list[Any]
) -> None:
    with client(mock, token) as http:
        assert own_labels(http) == labels
        assert limits(http) == limit_set


def test_the_same_label_gets_each_portals_own_type_ids(mock: MockServer) -> None:
    body = {"label": "Buyer", "name": "buyer"}
    with client(mock, "sandbox-token") as sandbox, client(mock, "production-token") as production:
        in_sandbox = sandbox.post(LABELS, json=body).json()["results"]
        in_production = production.post(LABELS, json=body).json()["results"]
        assert sorted(r["typeId"] for r in in_sandbox) == [103, 104]  # after the seeded label's 101, 102
        assert sorted(r["typeId"] for r in in_production) == [250, 251]
        assert own_labels(production) == [(250, "Buyer")]
        assert own_labels(sandbox) == [(101, "Decision maker"), (103, "Buyer")]


def test_limits_and_label_deletions_stay_in_their_portal(mock: MockServer) -> None:
    with client(mock, "sandbox-token") as sandbox, client(mock, "production-token") as production:
        production.post(LABELS, json={"label": "Decision maker", "name": "decision_maker"})
        created = production.post(
            f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [hs(3, 7), ud(250, 3)]}
        )
        assert created.status_code == 201
        assert limits(sandbox) == [("USER_DEFINED", 101, 2)]
        assert sandbox.delete(f"{LABELS}/101").status_code == 204
        assert limits(sandbox) == []
        assert limits(production) == [("HUBSPOT_DEFINED", 3, 7), ("USER_DEFINED", 250, 3)]
        # the sandbox's typeId does not exist in production
        assert production.delete(f"{LABELS}/101").status_code == 404


def test_one_portals_429_does_not_throttle_another(mock: MockServer) -> None:
    with client(mock, "sandbox-token") as sandbox, client(mock, "production-token") as production:
        statuses = [sandbox.get(LABELS).status_code for _ in range(6)]
        assert statuses == [200] * 5 + [429]
        assert production.get(LABELS).status_code == 200
        assert production.get(LABELS).headers["X-HubSpot-RateLimit-Remaining"] == "3"


def test_the_control_api_shows_every_portal_and_only_counts_tokens(mock: MockServer) -> None:
    with client(mock, "production-token") as production:
        production.post(LABELS, json={"label": "Buyer", "name": "buyer"})
    state = mock.state()
    assert [label["typeId"] for label in state["labels"]] == [102, 101]  # default: contacts->deals first
    assert sorted(state["portals"]) == ["production", "sandbox"]
    assert [label["typeId"] for label in state["portals"]["production"]["labels"]] == [251, 250]
    assert state["portals"]["sandbox"]["limits"][0]["typeId"] == 101
    shown = httpx.get(f"{mock.base_url}/_mock/config").json()["tokens"]
    assert shown == {"count": 3, "portals": {"default": 1, "production": 1, "sandbox": 1}}
    mock.reset()
    assert mock.state()["portals"]["production"]["labels"] == []


def test_a_token_added_at_run_time_may_bring_a_new_portal(mock: MockServer) -> None:
    mock.configure(tokens={**TOKENS, "staging-token": TokenConfig(portal="staging")})
    with client(mock, "staging-token") as staging, client(mock, "sandbox-token") as sandbox:
        assert own_labels(staging) == []
        created = staging.post(LABELS, json={"label": "X", "name": "x"}).json()["results"]
        assert sorted(r["typeId"] for r in created) == [101, 102]
        assert own_labels(sandbox) == [(101, "Decision maker")]  # the existing portals kept their state


def test_without_tokens_every_caller_shares_the_default_portal() -> None:
    with running_mock(MockConfig()) as mock, client(mock, "one") as one, client(mock, "two") as two:
        one.post(LABELS, json={"label": "Buyer", "name": "buyer"})
        assert own_labels(two) == [(101, "Buyer")]
        assert mock.state()["portals"] == {}
