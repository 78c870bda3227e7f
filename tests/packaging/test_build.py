"""``uv build``, then the wheel installed in fresh venvs, as a user installs it (about a minute).

The sdist and the wheel are listed and checked; a venv with the base install (plus pytest, as a user's
test run has) and one with ``[cli,mock]`` run the import, the console script, the mock and the fixture
from a directory outside the checkout. Installs come from PyPI or uv's cache (scripts/test fills it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from pathlib import Path

import pytest
from packaging_support import FORBIDDEN

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
CLI_HINT = "pip install 'hubspot-association-limits[cli]'"
MOCK_HINT = "pip install 'hubspot-association-limits[mock]'"
# A user's test file: one test uses the fixture against the mock, one does not.
USER_TESTS = textwrap.dedent(
    """
    import httpx

    def test_unrelated():
        assert 1 + 1 == 2

    def test_lists_limits(hubspot_mock):
        url = hubspot_mock.base_url + "/crm/associations/v4/definitions/configurations/all"
        response = httpx.get(url, headers={"Authorization": "Bearer pat-na1-test-token"})
        assert response.status_code == 200
    """
)


def _uv(*args: str, cwd: Path | None = None) -> None:
    uv = shutil.which("uv")
    assert uv is not None, "uv is not on PATH (scripts/test installs it)"
    done = subprocess.run([uv, *args], capture_output=True, text=True, timeout=600, cwd=cwd)
    assert done.returncode == 0, done.stderr


def _run(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    # Nothing of this checkout's environment leaks into the venv's processes.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(
        [str(arg) for arg in argv],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    _uv("build", "--quiet", "--out-dir", str(out), str(ROOT))
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel}


def _venv(tmp_path_factory: pytest.TempPathFactory, name: str, *requirements: str) -> Path:
    path = tmp_path_factory.mktemp(name) / "venv"
    _uv("venv", "--quiet", "--python", sys.executable, str(path))
    _uv("pip", "install", "--quiet", "--python", str(path / "bin" / "python"), *requirements)
    return path / "bin"


@pytest.fixture(scope="module")
def base(dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _venv(tmp_path_factory, "base", str(dist["wheel"]), "pytest")


@pytest.fixture(scope="module")
def full(dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _venv(tmp_path_factory, "full", f"{dist['wheel']}[cli,mock]", "pytest")


def test_the_sdist_holds_exactly_the_sources(dist: dict[str, Path]) -> None:
    with tarfile.open(dist["sdist"]) as archive:
        names = {member.name.partition("/")[2] for member in archive.getmembers() if member.isfile()}
    tracked = subprocess.run(
        ["git", "ls-files", "generated", "wrapper", "spec"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.split()
    metadata = {"PKG-INFO", "pyproject.toml", ".gitignore", "README.md", "LICENSE"}
    assert names == set(tracked) | metadata


def test_the_wheel_holds_the_packages_the_spec_and_the_licence(dist: dict[str, Path]) -> None:
    with zipfile.ZipFile(dist["wheel"]) as archive:
        names = set(archive.namelist())
        info = next(name.partition("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
        metadata = archive.read(f"{info}/METADATA").decode()
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        licence = archive.read(f"{info}/licenses/LICENSE").decode()
    packages = {name.partition("/")[0] for name in names if not name.startswith(info)}
    assert packages == {"hubspot_association_limits", "hubspot_association_limits_api"}
    assert "hubspot_association_limits/mock/association-limits.yaml" in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert "Copyright (c) 2026 the hubspot-association-limits authors" in licence
    assert "License-Expression: MIT" in metadata
    base = sorted(
        line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")
    )
    assert [dep for dep in base if ";" not in dep] == ["attrs>=22.2.0", "httpx<0.29,>=0.27", "sniffio>=1.3"]
    assert "hubspot-association-limits = hubspot_association_limits.cli:main" in entry_points
    assert "hubspot_association_limits = hubspot_association_limits.mock.pytest_plugin" in entry_points


def test_the_base_install_imports_the_library_and_nothing_of_the_cli_or_mock(
    base: Path, tmp_path: Path
) -> None:
    code = (
        "import sys, json\n"
        "import hubspot_association_limits\n"
        f"after_import = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "from hubspot_association_limits import LimitsClient\n"
        "LimitsClient('pat-na1-00000000-0000-0000-0000-000000000000').close()\n"
        f"print(json.dumps([after_import, [m for m in {FORBIDDEN!r} if m in sys.modules]]))\n"
    )
    done = _run(base / "python", "-c", code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [[], []]


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["hubspot-association-limits", "--help"], CLI_HINT),
        (["python", "-m", "hubspot_association_limits.mock", "--port", "0"], MOCK_HINT),
    ],
    ids=["console-script", "python-m-mock"],
)
def test_without_an_extra_its_install_command_is_printed(
    base: Path, tmp_path: Path, argv: list[str], hint: str
) -> None:
    done = _run(base / argv[0], *argv[1:], cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert hint in done.stderr


def test_with_the_cli_extra_the_console_script_runs(full: Path, tmp_path: Path) -> None:
    done = _run(full / "hubspot-association-limits", "--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "apply" in done.stdout and "mock" in done.stdout


def test_with_the_mock_extra_the_mock_serves(full: Path, tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        import httpx
        from hubspot_association_limits import LimitsClient
        from hubspot_association_limits.mock import running_mock

        with running_mock() as mock, LimitsClient("pat-na1-test-token", base_url=mock.base_url) as client:
            print(mock.base_url.startswith("http://127.0.0.1:"), type(client.list_all()).__name__)
        """
    )
    done = _run(full / "python", "-c", code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "LimitsResult"]


@pytest.mark.parametrize(
    ("venv", "outcome"),
    [("full", "2 passed"), ("base", "1 passed, 1 error")],
    ids=["with-mock-extra", "without-mock-extra"],
)
def test_the_fixture_works_outside_the_checkout_and_never_breaks_a_run_without_the_extra(
    request: pytest.FixtureRequest, tmp_path: Path, venv: str, outcome: str
) -> None:
    bin_dir: Path = request.getfixturevalue(venv)
    (tmp_path / "test_user.py").write_text(USER_TESTS)
    done = _run(bin_dir / "python", "-m", "pytest", "-p", "no:cacheprovider", "-q", cwd=tmp_path)
    assert outcome in done.stdout, done.stdout + done.stderr
    if venv == "base":
        assert MOCK_HINT in done.stdout
