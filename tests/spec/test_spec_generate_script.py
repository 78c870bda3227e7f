"""scripts/generate: --check catches a stale client, generation is reproducible, and a broken spec never
touches generated/. Runs that write go to a copy of the repo in tmp_path, using the venv that runs
pytest (UV_PROJECT_ENVIRONMENT + UV_NO_SYNC), so a failure can never damage the real tree."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from spec_paths import GENERATED, ROOT, SPEC_PATH

TARGET = Path("generated") / "hubspot_association_limits_api"


def run_generate(repo: Path, *args: str, spec: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": sys.prefix, "UV_NO_SYNC": "1"}
    if spec is not None:
        env["SPEC"] = str(spec)
    return subprocess.run(
        [str(repo / "scripts" / "generate"), *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def tree_digest(folder: Path) -> str:
    """One hash over every file's relative path and bytes (caches excluded)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """What scripts/generate needs, copied: spec/, scripts/, generated/, pyproject.toml, uv.lock."""
    for folder in ("spec", "scripts", "generated"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copy2(ROOT / name, tmp_path / name)
    return tmp_path


def edited_spec(tmp_path: Path, old: str, new: str) -> Path:
    text = SPEC_PATH.read_text(encoding="utf-8")
    assert old in text, f"the edit target {old!r} is no longer in the spec"
    path = tmp_path / "edited.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_check_passes_on_the_repo() -> None:
    result = run_generate(ROOT, "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "matches" in result.stdout


def test_check_fails_after_a_one_word_edit(tmp_path: Path) -> None:
    spec = edited_spec(tmp_path, "summary: Set new limits", "summary: Set fresh limits")
    result = run_generate(ROOT, "--check", spec=spec)
    assert result.returncode == 1
    assert '+    """Set fresh limits' in result.stdout  # the diff shows the changed docstring
    assert "is stale" in result.stderr


def test_generating_twice_gives_identical_trees(repo_copy: Path) -> None:
    first = run_generate(repo_copy)
    assert first.returncode == 0, first.stderr
    digest = tree_digest(repo_copy / TARGET)
    second = run_generate(repo_copy)
    assert second.returncode == 0, second.stderr
    assert tree_digest(repo_copy / TARGET) == digest == tree_digest(GENERATED)


def test_generate_writes_a_spec_change(repo_copy: Path) -> None:
    spec = edited_spec(repo_copy, "summary: Set new limits", "summary: Set fresh limits")
    result = run_generate(repo_copy, spec=spec)
    assert result.returncode == 0, result.stderr
    assert "Set fresh limits" in (repo_copy / TARGET / "api" / "limits" / "create_limits.py").read_text()


BROKEN = [
    pytest.param("openapi: 3.0.3\n", "openapi: 3.0.3\noops: [unclosed\n", "Invalid YAML", id="invalid-yaml"),
    pytest.param(
        '$ref: "#/components/schemas/LimitCollection"}',
        '$ref: "#/components/schemas/NoSuchSchema"}',
        "Could not find reference",
        id="dangling-ref",
    ),
    pytest.param(
        "enum: [PENDING, PROCESSING, CANCELED, COMPLETE]",
        "enum: [PENDING, pending, PROCESSING, CANCELED, COMPLETE]",
        "Duplicate key PENDING",
        id="rejected-enum",
    ),
]


@pytest.mark.parametrize(("old", "new", "generator_says"), BROKEN)
def test_broken_spec_leaves_generated_untouched(
    repo_copy: Path, old: str, new: str, generator_says: str
) -> None:
    before = tree_digest(repo_copy / TARGET)
    result = run_generate(repo_copy, spec=edited_spec(repo_copy, old, new))
    assert result.returncode != 0
    assert generator_says in result.stderr  # the generator's own words reach the user
    assert "is unchanged" in result.stderr
    assert tree_digest(repo_copy / TARGET) == before
    assert sorted(p.name for p in (repo_copy / "generated").iterdir()) == ["hubspot_association_limits_api"]
