"""The docs' example runner (conftest.py at the root) lets no transcript through unrun.

A transcript in a block it does not run (``text``, ``bash``, no language) once showed an error message
the CLI no longer printed; every such block is now checked for a prompt line.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from sybil import Document
from sybil.example import SybilFailure

ROOT = Path(__file__).resolve().parents[2]


def _runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_example_runner", ROOT / "conftest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("block", "refused"),
    [
        pytest.param(
            "```text\n$ hubspot-association-limits plan x.yaml\nerror\n```\n", True, id="text transcript"
        ),
        pytest.param("```bash\n$ pip install x\n```\n", True, id="bash with a prompt"),
        pytest.param(
            "```\n>>> client.get('deals', 'contacts')\n[]\n```\n", True, id="python prompt, no language"
        ),
        pytest.param(
            "```bash\npip install x   # a command, not a transcript\n```\n", False, id="bash command"
        ),
        pytest.param(
            "```text\nspec/   the source of truth\n$EDITOR is yours\n```\n", False, id="text diagram"
        ),
    ],
)
def test_a_transcript_in_a_block_that_is_not_run_fails(tmp_path: Path, block: str, refused: bool) -> None:
    page = tmp_path / "page.md"
    page.write_text(f"# A page\n\n{block}")
    (example,) = Document.parse(str(page), _runner()._ExampleParser())
    if refused:
        with pytest.raises(SybilFailure, match="never run"):
            example.evaluate()
    else:
        example.evaluate()
