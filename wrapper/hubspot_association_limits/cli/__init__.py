"""The ``hubspot-association-limits`` command: single operations and limits-as-code (export, plan, apply)."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

from hubspot_association_limits._redact import redact

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; exits with 0 (success), 1 (API or partial failure) or 2 (usage or input file)."""
    from hubspot_association_limits.cli._app import app

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        app(args=args, prog_name="hubspot-association-limits")
    except Exception as error:  # a bug: say so briefly, without any secret, and the traceback only on request
        if "-v" in args or "--verbose" in args:
            sys.stderr.write(redact("".join(traceback.format_exception(error))))
        sys.stderr.write(redact(f"internal error: {type(error).__name__}: {error}\n"))
        sys.exit(1)
