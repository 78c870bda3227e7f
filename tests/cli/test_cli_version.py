"""The version comes from the installed distribution's metadata, for the package and for --version."""

from __future__ import annotations

import tomllib

import hubspot_association_limits
from cli_support import REPO
from hubspot_association_limits.cli._app import app
from typer.testing import CliRunner

# The version the project declares; the installed metadata is built from it.
DECLARED = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]


def test_the_package_has_its_version() -> None:
    assert hubspot_association_limits.__version__ == DECLARED


def test_version_option_prints_it() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"hubspot-association-limits {DECLARED}\n"
