"""The pre-commit hook (``.pre-commit-hooks.yaml``), and the hook as pre-commit itself installs and runs it.

``pre-commit try-repo`` clones this checkout (uncommitted changes included), installs it with pip into a fresh
virtualenv, without extras, plus the hook's ``additional_dependencies``, then runs the entry on the files
of a throwaway git repository. Installs come from PyPI (pip's cache on a second run); nothing else is
fetched. A private PRE_COMMIT_HOME keeps the user's pre-commit cache out of it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from hubspot_association_limits.cli._app import app

ROOT = Path(__file__).resolve().parents[2]
HOOK_ID = "hubspot-association-limits-validate"
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
VALID = (ROOT / "examples" / "limits.yaml").read_text()
BROKEN = """\
limits:
  - from: deals
    to: contacts
    associations:
      - {category: HUBSPOT_DEFINED, typeId: 3, max: 0}
"""
BROKEN_MESSAGE = "team-limits.yaml:5: limits[0].associations[0].max: must be between 1 and 10000, got 0"


def _hook() -> dict[str, object]:
    (hook,) = (
        hook
        for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
        if hook["id"] == HOOK_ID
    )
    assert isinstance(hook, dict)
    return hook


def test_the_hook_names_the_console_script_and_the_command() -> None:
    hook = _hook()
    assert hook["language"] == "python"  # pre-commit installs this repository's package, with its script
    script, command = str(hook["entry"]).split()
    assert script in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert command in {info.name for info in app.registered_commands}


def test_the_hook_installs_the_cli_extra_as_pyproject_lists_it() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert _hook()["additional_dependencies"] == extras["cli"]


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("limits.yaml", True),
        ("examples/limits.yaml", True),
        ("hubspot/association-limits.prod.yml", True),
        ("portal_limits.json", True),
        ("limits/readme.md", False),
        ("docker-compose.yaml", False),
        ("package.json", False),
    ],
)
def test_the_hook_picks_limits_files(path: str, matched: bool) -> None:
    # pre-commit matches `files` with re.search against the path relative to the repository.
    assert bool(re.search(str(_hook()["files"]), path)) == matched


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(pre_commit_home: Path, project: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")},
        "PRE_COMMIT_HOME": str(pre_commit_home),
        # try-repo commits uncommitted changes to a shadow clone: it needs an identity, not the user's.
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), HOOK_ID, "--files", *files],
        capture_output=True,
        text=True,
        cwd=project,
        env=env,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.packaging
@pytest.mark.parametrize(
    ("text", "passes", "shown"),
    [
        pytest.param(VALID, True, "Passed", id="a valid file passes"),
        pytest.param(BROKEN, False, BROKEN_MESSAGE, id="a broken file fails with the validator's message"),
    ],
)
def test_the_hook_validates_files_as_pre_commit_installs_it(
    pre_commit_home: Path, tmp_path: Path, text: str, passes: bool, shown: str
) -> None:
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True, timeout=60)
    (tmp_path / "team-limits.yaml").write_text(text)
    done = _try_repo(pre_commit_home, tmp_path, "team-limits.yaml")
    output = done.stdout + done.stderr
    assert (done.returncode == 0) is passes, output
    assert shown in output
    assert "[cli] extra" not in output
