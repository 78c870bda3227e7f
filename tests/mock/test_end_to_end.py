"""End to end over a real uvicorn socket: plain httpx, then the library's LimitsClient, then many
threads at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
from hubspot_association_limits import LimitsClient
from hubspot_association_limits.mock import MockConfig, MockServer, running_mock

from ._helpers import PREFIX, TOKEN, hs, ud


@pytest.fixture(scope="module")
def demo() -> Iterator[MockServer]:
    with running_mock(MockConfig(seed_file="demo", burst_limit=100_000)) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh(demo: MockServer) -> None:
    demo.reset()


def test_a_portal_session_with_plain_httpx(demo: MockServer) -> None:
    with httpx.Client(base_url=demo.base_url, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        seeded = client.get(f"{PREFIX}/deals/contacts").json()["results"]
        assert [(r["typeId"], r["label"], r["userEnforcedMaxToObjectIds"]) for r in seeded] == [
            (3, None, 10),
            (101, "Decision maker", 2),
        ]
        created = client.post(
            f"{PREFIX}/deals/contacts/batch/create", json={"inputs": [ud(102, 4), ud(101, 3)]}
        )
        assert created.status_code == 207
        assert created.json()["errors"][0]["message"].startswith("a limit is already configured")
        lowered = client.post(f"{PREFIX}/deals/contacts/batch/update", json={"inputs": [hs(3, 3)]})
        assert lowered.status_code == 207
        assert lowered.json()["errors"][0]["message"] == (
            "maxToObjectIds must be between 4 and 10000: the pair's limit may not fall below the limit of "
            "4 on the label 'Budget holder' (USER_DEFINED 102)"
        )
        assert (
            client.post(f"{PREFIX}/deals/contacts/batch/update", json={"inputs": [hs(3, 4)]}).status_code
            == 200
        )
        purge = {
            "inputs": [
                {"category": "USER_DEFINED", "typeId": 101},
                {"category": "USER_DEFINED", "typeId": 102},
            ]
        }
        assert (
            client.post(
                "/crm/v4/associations/definitions/configurations/0-3/0-1/batch/purge", json=purge
            ).status_code
            == 204
        )
        everything = client.get("/crm/associations/2026-03/definitions/configurations/all").json()["results"]
        assert everything == [
            {"category": "HUBSPOT_DEFINED", "typeId": 3, "label": None, "userEnforcedMaxToObjectIds": 4}
        ]
    assert demo.state()["stats"]["by_status"] == {"200": 3, "204": 1, "207": 2}


def test_through_the_library(demo: MockServer) -> None:
    with LimitsClient(TOKEN, base_url=demo.base_url) as client:
        created = client.create(
            "deals", "contacts", [{"category": "USER_DEFINED", "typeId": 102, "maxToObjectIds": 20}]
        )
        assert created.status_code == 207
        assert [error.message for error in created.errors] == [
            "maxToObjectIds must be between 1 and 10: a label's limit may not exceed the pair's limit of 10 "
            "(HUBSPOT_DEFINED 3, unlabeled)"
        ]
        assert client.update(
            "deals", "contacts", [{"category": "HUBSPOT_DEFINED", "typeId": 3, "maxToObjectIds": 25}]
        ).ok
        assert client.create(
            "deals", "contacts", [{"category": "USER_DEFINED", "typeId": 102, "maxToObjectIds": 20}]
        ).ok
        limits = {
            (limit.type_id, limit.label): limit.max_to_object_ids for limit in client.get("deals", "contacts")
        }
    assert limits == {(3, None): 25, (101, "Decision maker"): 2, (102, "Budget holder"): 20}


def test_many_threads_at_once_keep_the_state_consistent(demo: MockServer) -> None:
    """32 threads create, update and purge the same pair concurrently; the label limit must never end
    above the object limit, and the state must equal what the last successful writes say."""
    base = f"{PREFIX}/deals/companies/batch"
    problems: list[str] = []

    def worker(n: int) -> None:
        with httpx.Client(base_url=demo.base_url, headers={"Authorization": f"Bearer {TOKEN}-{n}"}) as client:
            for i in range(15):
                value = 2 + (n + i) % 20
                client.post(f"{base}/create", json={"inputs": [hs(341, value), hs(5, 1)]})
                client.post(f"{base}/update", json={"inputs": [hs(341, value), hs(5, value // 2)]})
                pair = {
                    r["typeId"]: r["userEnforcedMaxToObjectIds"]
                    for r in client.get(f"{PREFIX}/deals/companies").json()["results"]
                }
                if 5 in pair and 341 in pair and pair[5] > pair[341]:
                    problems.append(f"{pair}")
                if i % 5 == 4:
                    client.post(
                        f"{base}/purge", json={"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 5}]}
                    )

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    state = demo.state()
    assert state["stats"]["requests"] == 32 * (15 * 3 + 3)
    assert sum(state["stats"]["by_status"].values()) == state["stats"]["requests"]
    assert set(state["stats"]["by_status"]) <= {"200", "201", "204", "207"}
    final = {
        limit["typeId"]: limit["maxToObjectIds"]
        for limit in state["limits"]
        if limit["toObjectType"] == "0-2"
    }
    assert 341 in final
    assert final.get(5, 1) <= final[341]
