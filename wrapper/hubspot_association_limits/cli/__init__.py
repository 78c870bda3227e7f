"""The ``hubspot-association-limits`` command: single operations and limits-as-code (export, plan, apply)."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

from hubspot_association_limits._extras import install_hint, is_missing
from hubspot_association_limits._redact import redact

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; exits with 0 (success), 1 (API or partial failure) or 2 (usage or input file)."""
    # Imported here so that this entry point runs on the base install and can say what is missing.
    try:
        from hubspot_association_limits.cli._app import app
    except ImportError as error:
        if not is_missing(error, "cli"):
            raise
        sys.stderr.write(install_hint("cli", "the command line") + "\n")
        sys.exit(1)

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        app(args=args, prog_name="hubspot-association-limits")
    except Exception as error:  # a bug: say so briefly, without any secret, and the traceback only on request
        if "-v" in args or "--verbose" in args:
            sys.stderr.write(redact("".join(traceback.format_exception(error))))
        sys.stderr.write(redact(f"internal error: {type(error).__name__}: {error}\n"))
        sys.exit(1)
