"""The CLI uses the package as any program would: its public names, and only the internals
``cli.LIBRARY_INTERNALS`` lists with a reason.

Read from the source (``ast``), so an import inside a function or under ``if TYPE_CHECKING:`` counts too.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hubspot_association_limits.cli import LIBRARY_INTERNALS

PACKAGE = "hubspot_association_limits"
CLI_PACKAGE = f"{PACKAGE}.cli"
CLI = Path(__file__).resolve().parents[2] / "wrapper" / PACKAGE / "cli"
CLI_MODULES = sorted(CLI.glob("*.py"))


def imports(source: str) -> Iterator[tuple[str, str | None]]:
    """(module, name) of every import in the source of a CLI module; name None for ``import module``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from ((alias.name, None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative to the cli package: one dot is cli, two the package
                anchor = CLI_PACKAGE.rsplit(".", node.level - 1)[0]
                module = f"{anchor}.{module}" if module else anchor
            yield from ((module, alias.name) for alias in node.names)


def refused(module: str, name: str | None) -> bool:
    """Whether the CLI may not import ``name`` from ``module`` (the whole module when name is None)."""
    if module != PACKAGE and not module.startswith(f"{PACKAGE}."):
        return False  # not the package's
    inner = module.removeprefix(PACKAGE).removeprefix(".")
    if inner == "cli" or inner.startswith("cli."):
        return False  # the CLI's own modules
    if any(part.startswith("_") for part in inner.split(".")):
        allowed, _why = LIBRARY_INTERNALS.get(inner, (frozenset(), ""))
        return name not in allowed
    return name is not None and name not in importlib.import_module(module).__all__


def refused_imports(source: str) -> list[str]:
    """What the source imports that the CLI may not, as ``module.name``."""
    return [
        f"{module}.{name}" if name else module for module, name in imports(source) if refused(module, name)
    ]


@pytest.mark.parametrize("path", CLI_MODULES, ids=lambda path: path.name)
def test_the_cli_imports_public_names_and_only_the_listed_internals(path: Path) -> None:
    assert refused_imports(path.read_text(encoding="utf-8")) == []


def test_every_listed_internal_is_imported_by_the_cli() -> None:
    used = {pair for path in CLI_MODULES for pair in imports(path.read_text(encoding="utf-8"))}
    listed = {
        (f"{PACKAGE}.{module}", name) for module, (names, _) in LIBRARY_INTERNALS.items() for name in names
    }
    assert listed - used == set()


def test_every_listed_internal_says_why() -> None:
    assert [module for module, (_, why) in LIBRARY_INTERNALS.items() if not why.strip()] == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("from hubspot_association_limits import LimitsClient, errors", [], id="public names"),
        pytest.param("import hubspot_association_limits\nimport httpx", [], id="the package; another one"),
        pytest.param("from hubspot_association_limits.mock import running_mock", [], id="the mock's public"),
        pytest.param("from hubspot_association_limits.cli._pairs import Pair", [], id="the CLI's own"),
        pytest.param("from ._pairs import Pair", [], id="the CLI's own, relative"),
        pytest.param("from hubspot_association_limits._redact import redact", [], id="a listed internal"),
        pytest.param(
            "from hubspot_association_limits._client import LimitsClient",
            ["hubspot_association_limits._client.LimitsClient"],
            id="a public name from its private home",
        ),
        pytest.param(
            "from hubspot_association_limits._catalogue import Category",
            ["hubspot_association_limits._catalogue.Category"],
            id="an unlisted name of a listed module",
        ),
        pytest.param(
            "def f():\n    from .._wire import limit_from\n",
            ["hubspot_association_limits._wire.limit_from"],
            id="relative, inside a function",
        ),
        pytest.param(
            "from .. import _flow", ["hubspot_association_limits._flow"], id="a private module as a name"
        ),
        pytest.param(
            "import hubspot_association_limits._redact",
            ["hubspot_association_limits._redact"],
            id="a whole internal module",
        ),
        pytest.param(
            "from hubspot_association_limits.mock._store import Store",
            ["hubspot_association_limits.mock._store.Store"],
            id="the mock's internals",
        ),
        pytest.param(
            "from hubspot_association_limits.errors import _SNIPPET_LENGTH",
            ["hubspot_association_limits.errors._SNIPPET_LENGTH"],
            id="a name a public module does not export",
        ),
    ],
)
def test_the_scan_refuses_what_is_neither_public_nor_listed(source: str, expected: list[str]) -> None:
    assert refused_imports(source) == expected
