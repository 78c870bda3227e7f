"""Benchmark 0: import time in fresh venvs, ours (the built wheel, base install) against HubSpot's SDK.

Two venvs are made with ``uv venv`` + ``uv pip install`` (PyPI is needed): one holds our wheel from
``uv build`` without extras, the other ``hubspot-api-client`` at the pinned version. Each figure is the
best of seven fresh interpreters (``python -I``) timing the import statement alone; ``import httpx`` in
our venv is shown for reference, as the floor any httpx-based client stands on.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Final

THEIRS: Final = "hubspot-api-client==12.0.0"
OURS_STATEMENT: Final = "import hubspot_association_limits"
# The package imports its names on first use; this is what a program that makes a client pays.
OURS_CLIENT_STATEMENT: Final = "from hubspot_association_limits import LimitsClient"
THEIRS_STATEMENT: Final = "from hubspot.crm.associations.v4.schema import DefinitionConfigurationsApi"
# What the base install must not load (issue 12): the CLI and mock stacks and httpx's own command line.
FORBIDDEN: Final = (
    "click",
    "rich",
    "typer",
    "pydantic",
    "starlette",
    "uvicorn",
    "yaml",
    "jsonschema",
    "hubspot_association_limits.cli",
    "hubspot_association_limits.mock",
)

# Times only the statement; then reports which forbidden modules it left in sys.modules.
_TIMER = """
import sys, time
start = time.perf_counter()
exec({statement!r})
elapsed = time.perf_counter() - start
print(elapsed, ",".join(name for name in {forbidden!r} if name in sys.modules))
"""


def _uv(*args: str) -> None:
    uv = shutil.which("uv")
    if uv is None:
        raise SystemExit("the import benchmark needs uv on PATH (scripts/bench installs it)")
    subprocess.run([uv, *args], check=True, capture_output=True, text=True)


def _venv(path: Path, *requirements: str) -> Path:
    _uv("venv", "--quiet", "--python", sys.executable, str(path))
    python = path / "bin" / "python"
    _uv("pip", "install", "--quiet", "--python", str(python), *requirements)
    return python


def _once(python: Path, statement: str) -> tuple[float, list[str]]:
    """One fresh interpreter: the statement's time in s, and the forbidden modules it loaded."""
    code = _TIMER.format(statement=statement, forbidden=FORBIDDEN)
    out = subprocess.run([str(python), "-I", "-c", code], check=True, capture_output=True, text=True)
    seconds, _, names = out.stdout.strip().partition(" ")
    return float(seconds), names.split(",") if names else []


def run(root: Path, *, runs: int = 7) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        work = Path(tmp)
        _uv("build", "--wheel", "--quiet", "--out-dir", str(work / "dist"), str(root))
        (wheel,) = (work / "dist").glob("*.whl")
        ours = _venv(work / "ours", str(wheel))
        theirs = _venv(work / "theirs", THEIRS)
        arms = {
            "ours": (ours, OURS_STATEMENT),
            "client": (ours, OURS_CLIENT_STATEMENT),
            "httpx": (ours, "import httpx"),
            "theirs": (theirs, THEIRS_STATEMENT),
        }
        best = dict.fromkeys(arms, float("inf"))
        loaded: set[str] = set()
        # Interleaved rounds, so that a busy spell on a shared machine hits every arm alike.
        for _ in range(runs):
            for arm, (python, statement) in arms.items():
                seconds, names = _once(python, statement)
                best[arm] = min(best[arm], seconds)
                if arm in ("ours", "client"):
                    loaded.update(names)
    ms = {arm: round(seconds * 1000, 1) for arm, seconds in best.items()}
    return {
        "runs": runs,
        "ours": {"statement": OURS_STATEMENT, "install": "wheel, base (no extras)", "best_ms": ms["ours"]},
        "theirs": {"statement": THEIRS_STATEMENT, "install": THEIRS, "best_ms": ms["theirs"]},
        "ours_client": {"statement": OURS_CLIENT_STATEMENT, "best_ms": ms["client"]},
        "httpx_alone_ms": ms["httpx"],
        "ratio": round(ms["ours"] / ms["theirs"], 2),
        "met": ms["ours"] <= ms["theirs"],
        "client_met": ms["client"] <= ms["theirs"],
        "forbidden_loaded": sorted(loaded),
    }


def render(result: dict[str, Any]) -> list[str]:
    """The import section of the Markdown report."""
    ours, theirs = result["ours"], result["theirs"]
    verdict = "met" if result["met"] else "MISSED"
    loaded = ", ".join(result["forbidden_loaded"]) or "none"
    return [
        f"### 0. Import time (best of {result['runs']} fresh interpreters, fresh venvs)",
        "",
        "| install | statement | best ms |",
        "|---|---|---|",
        f"| ours: {ours['install']} | `{ours['statement']}` | {ours['best_ms']} |",
        f"| ours: same venv | `{result['ours_client']['statement']}` | {result['ours_client']['best_ms']} |",
        f"| {theirs['install']} | `{theirs['statement']}` | {theirs['best_ms']} |",
        f"| reference: httpx in our venv | `import httpx` | {result['httpx_alone_ms']} |",
        "",
        f"- ours {ours['best_ms']} ms vs theirs {theirs['best_ms']} ms = {result['ratio']}x "
        f"(target: ours <= theirs): {verdict}",
        f"- ours with the client class (as theirs imports its API class) "
        f"{result['ours_client']['best_ms']} ms vs theirs {theirs['best_ms']} ms: "
        f"{'met' if result['client_met'] else 'MISSED'}",
        f"- CLI/mock stacks loaded by the base import: {loaded} (target: none): "
        f"{'met' if not result['forbidden_loaded'] else 'MISSED'}",
    ]
