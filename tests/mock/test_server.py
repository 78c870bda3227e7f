"""Starting and stopping the mock: the command line, the context manager, the pytest marker."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from hubspot_association_limits.mock import MockConfig, MockServer, TokenConfig, create_app, running_mock
from hubspot_association_limits.mock._config import ConfigError
from hubspot_association_limits.mock._registry import SeedError

from ._helpers import PREFIX, TOKEN


@pytest.mark.parametrize(
    ("stop", "exit_codes"), [(signal.SIGINT, {0}), (signal.SIGTERM, {0, -signal.SIGTERM})]
)
def test_python_m_prints_its_url_serves_and_stops(stop: signal.Signals, exit_codes: set[int]) -> None:
    command = [
        sys.executable,
        "-m",
        "hubspot_association_limits.mock",
        "--port",
        "0",
        "--seed",
        "demo",
        "--burst-limit",
        "7",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        ready = process.stdout.readline()
        assert base_url.startswith("http://127.0.0.1:")
        assert ready.startswith("ready")
        response = httpx.get(
            f"{base_url}{PREFIX}/deals/contacts", headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert response.status_code == 200
        assert response.headers["X-HubSpot-RateLimit-Max"] == "7"
        assert len(response.json()["results"]) == 2
    finally:
        # uvicorn shuts down gracefully, then re-raises SIGTERM, so the exit code may say "terminated".
        process.send_signal(stop)
        assert process.wait(timeout=10) in exit_codes
        assert process.stderr is not None
        assert "Traceback" not in process.stderr.read()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--seed", "/nonexistent.yaml"], "cannot read seed file"),
        (["--fault-rate", "3"], "fault_rate"),
        (["--faults", "500,teapot"], "unknown fault kinds"),
    ],
)
def test_python_m_refuses_bad_options(argv: list[str], message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hubspot_association_limits.mock", "--port", "0", *argv],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert message in result.stderr


def test_the_pytest_plugin_imports_nothing_heavy() -> None:
    code = (
        "import sys, hubspot_association_limits.mock.pytest_plugin; "
        "print(sorted(m for m in ('starlette', 'uvicorn', 'jsonschema') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    assert result.stdout.strip() == "[]"


def test_running_mock_frees_its_port() -> None:
    with running_mock() as mock:
        port = int(mock.base_url.rsplit(":", 1)[1])
        assert httpx.get(f"{mock.base_url}/_mock/state").status_code == 200
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_a_bad_seed_fails_before_serving(tmp_path) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text(
        "limits:\n  - {fromObjectType: deals, toObjectType: contacts, category: HUBSPOT_DEFINED, typeId: 3}\n"
    )
    with pytest.raises(SeedError, match="maxToObjectIds"), running_mock(MockConfig(seed_file=str(seed))):
        pass


DEALS_CONTACTS = "fromObjectType: deals, toObjectType: contacts"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "associationTypes: [{fromObjectType: widgets, toObjectType: deals, category: WORK, typeId: 1}]",
            "unknown object type",
        ),
        (
            f"limits: [{{{DEALS_CONTACTS}, category: HUBSPOT_DEFINED, typeId: 3, maxToObjectIds: 0}}]",
            "between 1 and 10000",
        ),
        (
            f"limits: [{{{DEALS_CONTACTS}, category: USER_DEFINED, typeId: 9, maxToObjectIds: 1}}]",
            "is not a valid association type between DEAL and CONTACT",
        ),
        ("extra: []", "Additional properties"),
        ("portals: {default: {}}", "should not be valid"),
        ("labels: [{fromObjectType: deals, toObjectType: notes, label: X}]", "not supported"),
        ("portals: {p: {labels: [{fromObjectType: deals, toObjectType: contacts}]}}", "portals/p/labels/0"),
        ('customObjects: [{objectTypeId: "2-1", fullyQualifiedName: cars}]', "does not match"),
        ('customObjects: [{objectTypeId: "0-1", fullyQualifiedName: p1_cars}]', "does not match"),
        (
            'customObjects: [{objectTypeId: "2-1", fullyQualifiedName: p1_cars}, '
            '{objectTypeId: "2-2", fullyQualifiedName: p1_cars}]',
            "fullyQualifiedName 'p1_cars' is declared twice",
        ),
        (
            'customObjects: [{objectTypeId: "2-1", fullyQualifiedName: p1_cars}, '
            '{objectTypeId: "2-2", fullyQualifiedName: p2_cars}]',
            "short-hand name 'p_cars' is declared twice",
        ),
        (
            "associationTypes: [{fromObjectType: p1_cars, toObjectType: deals, category: WORK, typeId: 1}]",
            "unknown object type 'p1_cars'",
        ),
        (
            "associationTypes: [{fromObjectType: tickets, toObjectType: companies, "
            "category: HUBSPOT_DEFINED, typeId: 339}]",
            "HubSpot's own type",
        ),
        ("[", "not valid YAML"),
    ],
)
def test_seed_errors_name_the_problem(tmp_path, text: str, message: str) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text(text)
    with pytest.raises(ValueError, match=message):
        create_app(MockConfig(seed_file=str(seed)))


def test_json_seed(tmp_path) -> None:
    seed = tmp_path / "seed.json"
    entry = {
        "fromObjectType": "2-7",
        "toObjectType": "contacts",
        "category": "USER_DEFINED",
        "typeId": 200,
        "label": None,
    }
    seed.write_text(json.dumps({"associationTypes": [entry]}))
    with running_mock(MockConfig(seed_file=str(seed))) as mock:
        url = f"{mock.base_url}{PREFIX}/2-7/contacts/batch/create"
        body = {"inputs": [{"category": "USER_DEFINED", "typeId": 200, "maxToObjectIds": 3}]}
        response = httpx.post(url, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201
    assert response.json()["results"][0]["label"] is None


@pytest.mark.hubspot_mock(burst_limit=2, seed_file="demo")
def test_the_marker_configures_the_fixture(hubspot_mock: MockServer) -> None:
    assert hubspot_mock.config.burst_limit == 2
    assert len(hubspot_mock.state()["limits"]) == 2


def test_the_fixture_is_reset_between_tests(hubspot_mock: MockServer) -> None:
    assert hubspot_mock.config == MockConfig()
    assert hubspot_mock.state()["limits"] == []


def test_configure_refuses_bad_values_locally(hubspot_mock: MockServer) -> None:
    with pytest.raises(ConfigError, match="burst_limit"):
        hubspot_mock.configure(burst_limit=-1)
    assert hubspot_mock.config.burst_limit == 100


def test_mock_server_stops_when_its_block_ends() -> None:
    # Not a wall-clock bound (start and stop take 0.3-2 s on a loaded machine): that the server came
    # up is running_mock's own check, and that it stopped, rather than the join timing out, is this.
    before = set(threading.enumerate())
    with running_mock():
        assert any(thread.name == "hubspot-mock" for thread in set(threading.enumerate()) - before)
    assert not [thread for thread in set(threading.enumerate()) - before if thread.name == "hubspot-mock"]


@pytest.mark.parametrize(
    ("argv", "file", "environ", "tokens"),
    [
        pytest.param([], None, {}, None, id="none: any token"),
        pytest.param(["--token", "pat-a"], None, {}, {"pat-a": TokenConfig()}, id="--token"),
        pytest.param(
            ["--token", "pat-a@sandbox", "--token", "pat-b+/==@production"],
            None,
            {},
            {"pat-a": TokenConfig(portal="sandbox"), "pat-b+/==": TokenConfig(portal="production")},
            id="--token with portals",
        ),
        pytest.param(
            [],
            "# sandbox first\npat-a@sandbox\n\n  pat-b  # the default portal\n",
            {},
            {"pat-a": TokenConfig(portal="sandbox"), "pat-b": TokenConfig()},
            id="--tokens-file",
        ),
        pytest.param(
            [],
            None,
            {"HUBSPOT_MOCK_TOKENS": "pat-a@sandbox, pat-b\npat-c@production"},
            {
                "pat-a": TokenConfig(portal="sandbox"),
                "pat-b": TokenConfig(),
                "pat-c": TokenConfig(portal="production"),
            },
            id="HUBSPOT_MOCK_TOKENS",
        ),
        pytest.param(
            ["--token", "pat-a"],
            "pat-b@sandbox\n",
            {"HUBSPOT_MOCK_TOKENS": "pat-c pat-a"},
            {"pat-a": TokenConfig(), "pat-b": TokenConfig(portal="sandbox"), "pat-c": TokenConfig()},
            id="all three together",
        ),
    ],
)
def test_python_m_maps_tokens_to_portals(
    tmp_path, argv: list[str], file: str | None, environ: dict[str, str], tokens: Any
) -> None:
    from hubspot_association_limits.mock._server import build_parser, config_from_args

    if file is not None:
        (tmp_path / "tokens").write_text(file, encoding="utf-8")
        argv = [*argv, "--tokens-file", str(tmp_path / "tokens")]
    config = config_from_args(build_parser().parse_args(argv), environ)
    assert config.tokens == tokens


@pytest.mark.parametrize(
    ("file", "environ", "message"),
    [
        ("pat-secret-1@a\npat-secret-1@b\n", {}, "tokens line 2: a token given before is given again"),
        ("pat secret 2\n", {}, "tokens line 1: not a well-formed bearer token"),
        (
            None,
            {"HUBSPOT_MOCK_TOKENS": "pat-ok, pat=secret=3"},
            "HUBSPOT_MOCK_TOKENS entry 2: not a well-formed",
        ),
    ],
)
def test_bad_tokens_are_refused_without_showing_them(
    tmp_path, file: str | None, environ: dict[str, str], message: str
) -> None:
    from hubspot_association_limits.mock._server import build_parser, config_from_args

    argv = []
    if file is not None:
        (tmp_path / "tokens").write_text(file, encoding="utf-8")
        argv = ["--tokens-file", str(tmp_path / "tokens")]
    with pytest.raises(ConfigError, match=message) as refused:
        config_from_args(build_parser().parse_args(argv), environ)
    assert "secret" not in str(refused.value)


def test_tokens_reach_the_standalone_mock_without_showing_in_ps(tmp_path) -> None:
    (tmp_path / "tokens").write_text("pat-from-file@sandbox\n", encoding="utf-8")
    command = [sys.executable, "-m", "hubspot_association_limits.mock", "--port", "0"]
    command += ["--tokens-file", str(tmp_path / "tokens")]
    environment = {**os.environ, "HUBSPOT_MOCK_TOKENS": "pat-from-environment"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        assert process.stdout.readline().startswith("ready")
        shown = Path(f"/proc/{process.pid}/cmdline").read_bytes()  # what ps shows
        assert b"pat-from" not in shown
        statuses = {
            token: httpx.get(
                f"{base_url}{PREFIX}/all", headers={"Authorization": f"Bearer {token}"}
            ).status_code
            for token in ("pat-from-file", "pat-from-environment", "pat-other")
        }
        assert statuses == {"pat-from-file": 200, "pat-from-environment": 200, "pat-other": 401}
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


@pytest.mark.parametrize(
    ("argv", "fields"),
    [
        (
            [],
            {
                "label_limit_per_pair": 50,
                "item_error_extras": False,
                "shuffle_label_order": False,
                "refuse_invalid_types": False,
                "daily_rate_limit_headers": True,
                "item_error_messages": {},
            },
        ),
        (
            [
                "--label-limit-per-pair",
                "3",
                "--item-error-extras",
                "--shuffle-label-order",
                "--fault-seed",
                "9",
            ],
            {"label_limit_per_pair": 3, "item_error_extras": True, "shuffle_label_order": True, "seed": 9},
        ),
        (
            [
                "--refuse-invalid-types",
                "--no-daily-rate-limit-headers",
                "--item-error-message",
                "NOT_CONFIGURED=no limit on {typeId}",
            ],
            {
                "refuse_invalid_types": True,
                "daily_rate_limit_headers": False,
                "item_error_messages": {"NOT_CONFIGURED": "no limit on {typeId}"},
            },
        ),
    ],
)
def test_python_m_options_set_the_config(argv: list[str], fields: dict[str, Any]) -> None:
    from hubspot_association_limits.mock._server import build_parser, config_from_args

    config = config_from_args(build_parser().parse_args(argv), {})
    assert {name: getattr(config, name) for name in fields} == fields
