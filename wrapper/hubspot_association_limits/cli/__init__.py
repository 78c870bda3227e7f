"""The ``hubspot-association-limits`` command: single operations and limits-as-code (export, plan, apply)."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Mapping, Sequence
from typing import Final

from hubspot_association_limits._extras import install_hint, is_missing
from hubspot_association_limits._redact import redact

__all__ = ["main"]

LIBRARY_INTERNALS: Final[Mapping[str, tuple[frozenset[str], str]]] = {
    "_redact": (frozenset({"redact", "register_secret"}), "all it prints is masked, the --token value too"),
    "_logging": (frozenset({"logger", "redact_record"}), "the library's log records reach stderr masked"),
    "_extras": (frozenset({"install_hint", "is_missing"}), "a missing [cli] or [mock] extra is named"),
    "_rules": (frozenset({"MIN_LIMIT", "MAX_LIMIT"}), "--max takes the range the client and the mock check"),
    "_catalogue": (
        frozenset({"object_type_name", "closest_object_type_name"}),
        "output names an id as the catalogue does (others unchanged); 'did you mean' for a misspelt name",
    ),
    "mock._server": (frozenset({"main"}), "the mock command is the mock's own command line"),
}
"""The package's internals the CLI imports: module -> (names, why). Everything else it imports from the
package's public names (``hubspot_association_limits.__all__``, ``mock.__all__``), as any program would;
tests/cli/test_cli_imports.py holds every module of the CLI to this list."""


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
