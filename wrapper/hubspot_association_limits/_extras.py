"""The optional parts of the package (pip extras): telling a missing extra from a bug, and naming the fix.

The base install is the library alone; ``[cli]``, ``[mock]`` and ``[redis]`` add the rest. Code that needs
an extra imports it late and turns the ImportError into one line that says what to install.
"""

from __future__ import annotations

from typing import Final, Literal

DISTRIBUTION: Final = "hubspot-association-limits"

Extra = Literal["cli", "mock", "redis"]

# The top-level modules each extra brings (pyproject.toml); an ImportError for another module is a bug.
_MODULES: Final[dict[Extra, frozenset[str]]] = {
    "cli": frozenset({"typer", "click", "rich", "yaml", "jsonschema"}),
    "mock": frozenset({"starlette", "uvicorn", "yaml", "jsonschema"}),
}


def install_hint(extra: Extra, what: str) -> str:
    """One line naming the extra and the exact command that installs it."""
    return f"{what} needs the [{extra}] extra: pip install '{DISTRIBUTION}[{extra}]'"


def is_missing(error: ImportError, extra: Extra) -> bool:
    """Whether ``error`` means a dependency of ``extra`` is not installed."""
    return (error.name or "").partition(".")[0] in _MODULES[extra]
