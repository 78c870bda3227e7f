"""The token never appears in any output, verbose or not, on success or failure."""

from __future__ import annotations

import pytest
from cli_support import EXAMPLE, TOKEN, Cli
from hubspot_association_limits._redact import MASK

WRONG = "pat-na1-wrong-SECRET-55aa77bb99"

COMMANDS = [
    ["list"],
    ["get", "deals", "contacts"],
    ["export"],
    ["plan", str(EXAMPLE), "--prune"],
    ["apply", str(EXAMPLE), "--yes"],
    ["create", "deals", "contacts", "--category", "USER_DEFINED", "--type-id", "999", "--max", "1"],
    ["update", "deals", "contacts", "--type-id", "3", "--max", "4"],
    ["purge", "deals", "contacts", "--type-id", "3"],
]


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["human", "json"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_the_token_is_never_printed(cli: Cli, args: list[str], json_flag: list[str]) -> None:
    for token in (TOKEN, WRONG):  # accepted, then refused with 401
        result = cli("-v", *json_flag, *args, token=token)
        assert "HTTP Request:" in result.stderr  # -v really logged the requests
        assert token not in result.stdout + result.stderr
        assert token[-12:] not in result.stdout + result.stderr


def test_a_crash_does_not_show_the_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # An unexpected exception whose text carries the token: main() prints it masked, traceback included.
    from hubspot_association_limits import cli as cli_package
    from hubspot_association_limits.cli import _app

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"boom Authorization: Bearer {TOKEN}")

    monkeypatch.setattr(_app, "read_live", crash)
    with pytest.raises(SystemExit) as exited:
        cli_package.main(["--mock", "--token", TOKEN, "-v", "plan", str(EXAMPLE)])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err
    assert "Traceback" in err
    assert TOKEN not in err


def test_settings_repr_hides_the_token_and_the_redis_password() -> None:
    from hubspot_association_limits.cli._output import Settings

    settings = Settings(None, None, TOKEN, False, False, "redis://:redis-SECRET-pw@127.0.0.1:6379/0")
    assert TOKEN not in repr(settings)
    assert "redis-SECRET-pw" not in repr(settings)


def test_the_token_is_not_in_help_even_when_set_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from hubspot_association_limits.cli._app import app
    from typer.testing import CliRunner

    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", TOKEN)
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "HUBSPOT_ACCESS_TOKEN" in result.stdout
    assert TOKEN not in result.stdout


# The CLI's own messages for the first mistakes a user makes: each reads exactly as written.
@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        pytest.param(
            ["list"],
            2,
            "error: no token: pass --token or set HUBSPOT_ACCESS_TOKEN (or use --mock)",
            id="no token",
        ),
        pytest.param(
            ["--token", TOKEN, "--base-url", "api.hubapi.com", "list"],
            2,
            "error: base_url: must be an absolute URL like 'https://api.hubapi.com', got 'api.hubapi.com'",
            id="base URL without scheme",
        ),
        pytest.param(
            ["--token", TOKEN, "--base-url", "http://api.hubapi.com", "list"],
            1,  # refused by the library (InsecureTransportError), like any API-side refusal
            "error: refusing to send the access token to http://api.hubapi.com: "
            "use https (plain http is allowed only to loopback hosts)",
            id="plain http to a remote host",
        ),
        pytest.param(
            ["--mock", "get", "dealz", "contacts"],
            2,
            "Invalid value for FROM: unknown object type 'dealz': did you mean 'deals'?",
            id="bad object type",
        ),
        pytest.param(
            ["--token", TOKEN, "--budget", "localhost:6379", "list"],
            2,
            "error: --budget takes a Redis URL: redis://HOST:PORT/DB",
            id="bad budget URL",
        ),
    ],
)
def test_messages_for_common_mistakes_read_as_written(args: list[str], code: int, expected: str) -> None:
    from hubspot_association_limits.cli._app import app
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, args, env={"HUBSPOT_ACCESS_TOKEN": None})
    assert result.exit_code == code, result.stderr
    assert expected in " ".join(result.stderr.split())  # rich may wrap a long line
    assert MASK not in result.stdout + result.stderr
