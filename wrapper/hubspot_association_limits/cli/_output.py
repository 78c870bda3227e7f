"""Where the CLI writes, and what each failure means: stdout for results, stderr for the rest, exit codes.

Every string leaves through ``redact``, so a token that reached a message or a log record is masked.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Final, NoReturn

import attrs
import typer
from rich.console import Console, RenderableType
from rich.text import Text

from hubspot_association_limits import errors
from hubspot_association_limits._logging import logger as library_logger
from hubspot_association_limits._logging import redact_record
from hubspot_association_limits._redact import redact
from hubspot_association_limits.cli._desired import DesiredStateInvalid
from hubspot_association_limits.cli._render import problems_view

__all__ = [
    "EXIT_API",
    "EXIT_CHANGES",
    "EXIT_OK",
    "EXIT_USAGE",
    "Output",
    "Settings",
    "failures",
    "log_to_stderr",
]

EXIT_OK: Final = 0
EXIT_API: Final = 1
EXIT_USAGE: Final = 2
# plan --detailed-exitcode: the plan has changes (terraform's convention, with 3 since 2 is taken).
EXIT_CHANGES: Final = 3


@attrs.frozen
class Settings:
    """The global options. The token (and the Redis URL, which may hold a password) stay out of repr."""

    base_url: str | None
    prefix: str | None
    token: str | None = attrs.field(repr=False)
    mock: bool
    json: bool
    budget: str | None = attrs.field(repr=False)


class Output:
    """stdout for results, stderr for notes and errors; JSON instead of text with ``--json``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.out = Console(highlight=False, soft_wrap=True)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)

    def show(self, renderable: RenderableType) -> None:
        """Print a result for people."""
        self.out.print(renderable)

    def note(self, message: str, style: str = "yellow") -> None:
        """Print a warning or remark on stderr."""
        self.err.print(Text(redact(message), style=style))

    def data(self, value: Any) -> None:
        """Print a result as JSON (plainly: rich would wrap long lines and break it)."""
        print(redact(json.dumps(value, indent=2)), flush=True)

    def fail(self, code: int, message: str, **extra: Any) -> NoReturn:
        """Print the reason (as JSON with ``--json``) and exit with ``code``."""
        if self.settings.json:
            self.data({"error": {"message": message, "exitCode": code, **extra}})
        else:
            self.err.print(Text(f"error: {redact(message)}", style="bold red"))
        raise typer.Exit(code)


@contextmanager
def failures(output: Output) -> Iterator[None]:
    """Library errors -> a printed reason and the exit code they mean (file or input: 2, API: 1)."""
    try:
        yield
    except DesiredStateInvalid as invalid:
        if output.settings.json:
            output.data({"problems": [problem.as_dict() for problem in invalid.problems]})
        else:
            output.err.print(problems_view(invalid.problems, labels_read=invalid.labels_read))
        raise typer.Exit(EXIT_USAGE) from None
    except errors.InvalidInputError as error:
        output.fail(EXIT_USAGE, str(error))
    except errors.APIStatusError as error:
        output.fail(EXIT_API, str(error), status=error.status_code, correlationId=error.correlation_id)
    except errors.HubSpotError as error:
        output.fail(EXIT_API, str(error))


def log_to_stderr(verbose: bool) -> Callable[[], None]:
    """Log the library's warnings on stderr (e.g. a shared budget that fell back to pacing alone); with
    ``verbose`` also its debug records and each HTTP request (httpx, info). Returns the undo."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    # On the handler: unlike the library logger's own filter, it also sees child loggers' records.
    handler.addFilter(redact_record)
    # Without -v only the handler filters, so levels set through HUBSPOT_ASSOCIATION_LIMITS_LOG stand.
    handler.setLevel(logging.NOTSET if verbose else logging.WARNING)
    levels = {library_logger: logging.DEBUG, logging.getLogger("httpx"): logging.INFO} if verbose else {}
    loggers = [library_logger, *levels]
    previous = [(log, log.level) for log in dict.fromkeys(loggers)]
    for log in dict.fromkeys(loggers):
        log.addHandler(handler)
        if log in levels:
            log.setLevel(levels[log])

    def undo() -> None:
        for log, level in previous:
            log.removeHandler(handler)
            log.setLevel(level)

    return undo
