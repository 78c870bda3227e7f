"""What the conformance tests share: the test token, seeds, a transport that watches (or breaks) the
wire, a listener that notes what a run tells, a budget that counts, and the CLI runner."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from hubspot_association_limits import InProcessBudget, RateObservation
from hubspot_association_limits.cli._app import app
from hubspot_association_limits.conformance import CleanupReport, Listener
from hubspot_association_limits.conformance._answers import Observed
from hubspot_association_limits.conformance._recording import Step
from hubspot_association_limits.mock import MockServer
from typer.testing import CliRunner

HERE = Path(__file__).parent
# Long and unmistakable, so any leak is found by a plain substring search.
TOKEN = "pat-na1-conformance-SECRET-5e0c1a9b7d"
PORTAL_SEED = HERE / "portal_seed.yaml"
OTHER_PORTAL_SEED = HERE / "other_portal_seed.yaml"


class Wire(httpx.BaseTransport):
    """httpx's transport, noting every request and answer in ``log``.

    ``lose_answer_at``: the n-th request (1-based) reaches the server, but its answer is lost
    (``httpx.ReadError``), as when a connection drops after the server acted. ``alter``: rewrites
    each answer, to play a server that answers differently.
    """

    def __init__(
        self,
        log: list[Any] | None = None,
        *,
        lose_answer_at: int | None = None,
        alter: Callable[[httpx.Request, httpx.Response], httpx.Response] | None = None,
    ) -> None:
        self.inner = httpx.HTTPTransport()
        self.log: list[Any] = [] if log is None else log
        self.lose_answer_at = lose_answer_at
        self.alter = alter
        self.count = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        response = self.inner.handle_request(request)
        response.read()
        self.log.append(("sent", request.method, request.url.path, request.content, response))
        if self.count == self.lose_answer_at:
            raise httpx.ReadError("the connection dropped after the server acted", request=request)
        return self.alter(request, response) if self.alter is not None else response

    def sent(self) -> list[tuple[str, str, bytes, httpx.Response]]:
        """Every request sent so far: method, path, body, answer."""
        return [entry[1:] for entry in self.log if entry[0] == "sent"]

    def close(self) -> None:
        self.inner.close()


class Notes(Listener):
    """Notes what a run tells (in ``log``, shared with a Wire to see the order), and calls ``on_answer``."""

    def __init__(self, log: list[Any] | None = None, on_answer: Callable[[Step], None] | None = None) -> None:
        self.log: list[Any] = [] if log is None else log
        self.on_answer = on_answer
        self.report: CleanupReport | None = None

    def planned(self, lines: Any) -> None:
        self.log.append(("planned", list(lines)))

    def answered(
        self, index: int, total: int, step: Step, observed: Observed | None, problem: str | None
    ) -> None:
        self.log.append(("answered", step.id, problem))
        if self.on_answer is not None:
            self.on_answer(step)

    def cleaned_up(self, report: CleanupReport) -> None:
        self.report = report
        self.log.append(("cleaned", report))


class CountingBudget(InProcessBudget):
    """The library's budget, counting the slots taken and the answers it learned from."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acquired = 0
        self.observed: list[RateObservation] = []

    def acquire(self) -> float:
        self.acquired += 1
        return super().acquire()

    def observe(self, observation: RateObservation) -> None:
        self.observed.append(observation)
        super().observe(observation)


def portal_of(mock: MockServer) -> dict[str, Any]:
    """The default portal's labels and limits (no stats)."""
    state = mock.state()
    return {"labels": state["labels"], "limits": state["limits"]}


Change = Callable[[dict[str, Any]], None]


def _parent(document: Any, path: str) -> tuple[Any, str]:
    *parents, last = path.split("/")
    for part in parents:
        document = document[int(part)] if part.isdigit() else document[part]
    return document, last


def set_at(path: str, value: Any) -> Change:
    """An edit that sets the value at ``path`` ("response/json/errors/0/message")."""

    def change(document: dict[str, Any]) -> None:
        parent, last = _parent(document, path)
        parent[int(last) if last.isdigit() else last] = value

    return change


def drop_at(path: str) -> Change:
    """An edit that removes the key at ``path``."""

    def change(document: dict[str, Any]) -> None:
        parent, last = _parent(document, path)
        del parent[last]

    return change


def append_at(path: str, item: Any) -> Change:
    """An edit that appends ``item`` to the list at ``path``."""

    def change(document: dict[str, Any]) -> None:
        parent, last = _parent(document, path)
        parent[last].append(item)

    return change


def edit(document: dict[str, Any], step: str, change: Change) -> dict[str, Any]:
    """A copy of a recording document with ``change`` applied to one exchange."""
    copy = json.loads(json.dumps(document))
    (exchange,) = [item for item in copy["exchanges"] if item["step"] == step]
    change(exchange)
    return copy


class Cli:
    """Runs the real typer app, as a user would type it."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str) -> tuple[int, str, str]:
        result = self.runner.invoke(app, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    def record(self, mock: MockServer, out: Path, *extra: str) -> tuple[int, str, str]:
        """``conformance record --out OUT`` against ``mock`` with the test token (and ``extra`` options)."""
        return self(
            "--base-url", mock.base_url, "--token", TOKEN, "conformance", "record", "--out", str(out), *extra
        )
