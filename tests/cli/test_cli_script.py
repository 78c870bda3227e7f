"""The installed console script, run as a user runs it: a separate process, real exit codes and streams."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from cli_support import EXAMPLE, TOKEN
from hubspot_association_limits.mock import MockServer

SCRIPT = Path(sys.executable).with_name("hubspot-association-limits")


def _run(*args: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "HUBSPOT_ACCESS_TOKEN"}
    if token is not None:
        env["HUBSPOT_ACCESS_TOKEN"] = token
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL
    )


def test_the_main_job_on_the_embedded_mock_needs_no_token() -> None:
    result = _run("--mock", "--json", "apply", str(EXAMPLE), "--yes")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["plan"]["summary"] == {"create": 4, "update": 1, "purge": 0, "unchanged": 1}
    assert (data["result"]["applied"], data["result"]["not_applied"]) == (5, 0)
    assert data["replan"]["summary"]["unchanged"] == 6
    assert result.stderr == ""  # no progress bar off a terminal


def test_token_from_the_environment_is_used_and_never_printed(mock: MockServer) -> None:
    result = _run("-v", "--base-url", mock.base_url, "get", "deals", "contacts", token=TOKEN)
    assert result.returncode == 0, result.stderr
    assert "Decision maker" in result.stdout
    assert "HTTP Request: GET" in result.stderr
    assert TOKEN not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--mock", "plan", "/nonexistent/limits.yaml"], 2),
        (["--mock", "get", "deals", "nowhere"], 2),
        (["list"], 2),  # no token, no --mock
        (
            [
                "--mock",
                "--token",
                "pat-na1-x-1234567890",
                "--json",
                "create",
                "deals",
                "contacts",
                "--type-id",
                "999",
                "--category",
                "HUBSPOT_DEFINED",  # said explicitly, so it reaches HubSpot, which has no type 999
                "--max",
                "1",
            ],
            1,
        ),
    ],
    ids=["missing file", "bad object type", "no token", "item error"],
)
def test_exit_codes_of_the_process(args: list[str], code: int) -> None:
    result = _run(*args)
    assert result.returncode == code, result.stderr
    assert (result.stdout + result.stderr).strip()  # the reason is printed (in JSON on stdout with --json)


def test_mock_command_serves_the_mock() -> None:
    server = subprocess.Popen(
        [str(SCRIPT), "mock", "--port", "0", "--seed", "demo"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert server.stdout.readline().startswith("ready:")
        state = httpx.get(f"{base_url}/_mock/state", timeout=5).json()
        assert len(state["limits"]) == 2
        result = _run("--base-url", base_url, "--token", "pat-na1-any-1234567890", "--json", "list")
        assert result.returncode == 0, result.stderr
        assert len(json.loads(result.stdout)["results"]) == 2
    finally:
        server.terminate()
        server.wait(timeout=10)
