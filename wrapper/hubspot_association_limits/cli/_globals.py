"""The global options, declared once and accepted before the command and after it, as in gh or kubectl.

``app_options`` gives them to the app's callback (``--json plan FILE``), ``global_options`` to each
command (``plan FILE --json``); a value given after the command wins over one given before it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Final

import typer

from hubspot_association_limits._redact import register_secret
from hubspot_association_limits.cli._output import EXIT_OK, Settings, log_to_stderr

__all__ = ["app_options", "global_options"]


def _print_version(value: bool) -> None:
    if value:
        import hubspot_association_limits

        print(f"hubspot-association-limits {hubspot_association_limits.__version__}")
        raise typer.Exit(EXIT_OK)


BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url", help="HubSpot API host [default: env HUBSPOT_BASE_URL, else https://api.hubapi.com]"
    ),
]
PrefixOption = Annotated[
    str | None,
    typer.Option(
        "--prefix", help="API path prefix, e.g. /crm/v4/associations [default: /crm/associations/v4]"
    ),
]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="HUBSPOT_ACCESS_TOKEN",
        show_default=False,
        help="private-app or OAuth access token (never printed)",
    ),
]
MockOption = Annotated[
    bool,
    typer.Option("--mock", help="use an embedded mock portal seeded with demo data (no token, no network)"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="print machine-readable JSON on stdout")]
VerboseOption = Annotated[bool, typer.Option("-v", "--verbose", help="log requests and retries on stderr")]
BudgetOption = Annotated[
    str | None,
    typer.Option("--budget", help="share the rate budget with other workers: redis://HOST:PORT/DB"),
]
VersionOption = Annotated[
    bool,
    typer.Option("--version", is_eager=True, callback=_print_version, help="print the version and exit"),
]


_KEYWORD: Final = inspect.Parameter.KEYWORD_ONLY
# name, type with its option, default: the parameters both the callback and every command take.
_GLOBALS: Final = tuple(
    inspect.Parameter(name, _KEYWORD, default=default, annotation=annotation)
    for name, annotation, default in (
        ("base_url", BaseUrlOption, None),
        ("prefix", PrefixOption, None),
        ("token", TokenOption, None),
        ("mock", MockOption, False),
        ("json_output", JsonOption, False),
        ("verbose", VerboseOption, False),
        ("budget", BudgetOption, None),
        ("version", VersionOption, False),
    )
)


def app_options(callback: Callable[..., None]) -> Callable[..., None]:
    """The app's callback with the global options; their values wait in the root context's params."""
    return _with_globals(callback, lambda kwargs, values: None)


def global_options(command: Callable[..., None]) -> Callable[..., None]:
    """A command that also takes the global options, and settles them all before it runs.

    The command must take ``ctx: typer.Context``.
    """
    return _with_globals(command, _settle_command)


def _with_globals(
    function: Callable[..., None], before: Callable[[dict[str, Any], dict[str, Any]], None]
) -> Callable[..., None]:
    own = inspect.signature(function, eval_str=True)  # typer reads the objects, not strings

    @functools.wraps(function)
    def run(**kwargs: Any) -> None:  # typer passes every parameter by keyword
        values = {parameter.name: kwargs.pop(parameter.name) for parameter in _GLOBALS}
        before(kwargs, values)
        function(**kwargs)

    parameters = [*own.parameters.values(), *_GLOBALS]
    run.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    return run


def _settle_command(kwargs: dict[str, Any], after: dict[str, Any]) -> None:
    ctx: typer.Context = kwargs["ctx"]
    # Only what was typed after the command overrides: its defaults and environment are the app's too.
    given = {
        name: value
        for name, value in after.items()
        if (source := ctx.get_parameter_source(name)) is not None and source.name == "COMMANDLINE"
    }
    root = ctx.find_root()
    values = {**root.params, **given}
    register_secret(values["token"])
    root.call_on_close(log_to_stderr(values["verbose"]))
    root.obj = Settings(
        values["base_url"],
        values["prefix"],
        values["token"],
        values["mock"],
        values["json_output"],
        values["budget"],
    )
