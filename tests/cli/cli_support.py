"""Helpers shared by the CLI tests: the runner of the real app, the test token, the expected portal states,
a fake portal for the modules that read one."""

from __future__ import annotations

import socket
from collections.abc import Iterable
from pathlib import Path

from hubspot_association_limits import AssociationLabel, Limit
from hubspot_association_limits.cli._app import app
from hubspot_association_limits.mock import MockServer
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "limits.yaml"
# Long and unmistakable, so any leak is found by a plain substring search.
TOKEN = "pat-na1-cli-test-SECRET-7d1f0c3e9b"


class Result:
    """Exit code and the two streams of one run."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    def __repr__(self) -> str:
        return f"Result(exit_code={self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


class Cli:
    """Runs the real typer app against the mock, as a user would type it."""

    def __init__(self, mock: MockServer, base_url: str | None = None) -> None:
        self.mock = mock
        self.base_url = base_url or mock.base_url
        self.runner = CliRunner()

    def __call__(self, *args: str, token: str = TOKEN, input: str | None = None) -> Result:
        argv = ["--base-url", self.base_url, "--token", token, *args]
        result = self.runner.invoke(app, argv, input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)


def limits_of(mock: MockServer) -> dict[tuple[str, str, str, int], int]:
    """The mock's stored limits as {(from, to, category, typeId): max}."""
    return {
        (item["fromObjectType"], item["toObjectType"], item["category"], item["typeId"]): item[
            "maxToObjectIds"
        ]
        for item in mock.state()["limits"]
    }


DEMO_LIMITS = {
    ("0-3", "0-1", "HUBSPOT_DEFINED", 3): 10,
    ("0-3", "0-1", "USER_DEFINED", 101): 2,
}
# The demo portal exactly, as a desired-state file: plan finds nothing to do.
DEMO_FILE = """
limits:
  - from: deals
    to: contacts
    associations:
      - {category: HUBSPOT_DEFINED, typeId: 3, max: 10}
      - {category: USER_DEFINED, typeId: 101, label: Decision maker, max: 2}
"""
EXAMPLE_LIMITS = {
    ("0-3", "0-1", "HUBSPOT_DEFINED", 3): 5,
    ("0-3", "0-1", "USER_DEFINED", 101): 2,
    ("0-3", "0-1", "USER_DEFINED", 102): 1,
    ("0-1", "0-2", "HUBSPOT_DEFINED", 279): 3,
    ("0-1", "0-2", "USER_DEFINED", 103): 1,
    ("0-3", "0-2", "HUBSPOT_DEFINED", 5): 1,
}


def closed_port() -> int:
    """A loopback port the OS picked and nothing listens on any more (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


class Portal:
    """A PairReader over a fixed portal, recording each request."""

    def __init__(self, pairs: dict[tuple[str, str], list[Limit]]) -> None:
        self.pairs = pairs
        self.requests: list[str] = []

    def get(self, from_object_type: str, to_object_type: str) -> Iterable[Limit]:
        self.requests.append(f"GET {from_object_type}:{to_object_type}")
        return list(self.pairs.get((from_object_type, to_object_type), []))

    def list_all(self) -> Iterable[Limit]:
        self.requests.append("read all")
        return [limit for limits in self.pairs.values() for limit in limits]

    def labels(self, from_object_type: str, to_object_type: str) -> Iterable[AssociationLabel]:
        self.requests.append(f"labels {from_object_type}:{to_object_type}")
        limits = self.pairs.get((from_object_type, to_object_type), [])
        return [AssociationLabel(limit.category, limit.type_id, limit.label) for limit in limits]
