"""Without an extra, each entry point says which extra to install; nothing else breaks.

A subprocess stands for a venv without the extra: ``sys.modules[name] = None`` makes ``import name`` fail
as it does when the package is not installed (tests/packaging/test_build.py checks real venvs).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CLI_HINT = "pip install 'hubspot-association-limits[cli]'"
MOCK_HINT = "pip install 'hubspot-association-limits[mock]'"


def _run_without(modules: list[str], code: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    block = "".join(f"sys.modules[{name!r}] = None\n" for name in modules)
    return subprocess.run(
        [sys.executable, "-c", f"import sys\n{block}{code}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


CLI_MAIN = "from hubspot_association_limits.cli import main; main({args!r})"


@pytest.mark.parametrize(
    ("missing", "code", "exit_code", "hint"),
    [
        (["typer"], CLI_MAIN.format(args=["--help"]), 1, CLI_HINT),
        (["rich"], CLI_MAIN.format(args=["list"]), 1, CLI_HINT),
        (["yaml"], CLI_MAIN.format(args=["--help"]), 1, CLI_HINT),
        (["uvicorn"], CLI_MAIN.format(args=["--mock", "list"]), 2, MOCK_HINT),
        (["starlette"], CLI_MAIN.format(args=["mock", "--port", "0"]), 2, MOCK_HINT),
        (
            ["uvicorn"],
            "import runpy; runpy.run_module('hubspot_association_limits.mock', run_name='__main__')",
            1,
            MOCK_HINT,
        ),
    ],
    ids=["cli-typer", "cli-rich", "cli-yaml", "cli-mock-option", "cli-mock-command", "python-m-mock"],
)
def test_a_missing_extra_is_named_with_its_install_command(
    missing: list[str], code: str, exit_code: int, hint: str
) -> None:
    result = _run_without(missing, code)
    assert result.returncode == exit_code, result.stderr
    assert hint in result.stderr
    assert "Traceback" not in result.stderr


def test_an_import_error_of_our_own_is_not_disguised_as_a_missing_extra() -> None:
    result = _run_without(["hubspot_association_limits.cli._plan"], CLI_MAIN.format(args=["--help"]))
    assert result.returncode == 1
    assert "Traceback" in result.stderr
    assert "pip install" not in result.stderr


def test_without_the_mock_extra_only_tests_using_the_fixture_fail(tmp_path: Path) -> None:
    # conftest.py runs after the plugin loaded (as in a venv without [mock]) and before any fixture.
    (tmp_path / "conftest.py").write_text("import sys\nsys.modules['uvicorn'] = None\n")
    (tmp_path / "test_user.py").write_text(
        textwrap.dedent(
            """
            def test_unrelated():
                assert 1 + 1 == 2

            def test_uses_the_mock(hubspot_mock):
                pass
            """
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed, 1 error" in result.stdout  # a fixture that cannot be set up errors its test
    assert MOCK_HINT in result.stdout
