"""The token never appears in any output, verbose or not, on success or failure."""

from __future__ import annotations

import pytest
from cli_support import EXAMPLE, TOKEN, Cli

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
