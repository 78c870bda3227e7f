"""Runs every example of README.md and docs/ against a real mock (sybil), and compares shown output.

Each page gets its own mock on a free 127.0.0.1 port (seeded with the demo portal), its own empty
working directory, and ``HUBSPOT_ACCESS_TOKEN`` / ``HUBSPOT_BASE_URL`` pointing at that mock, so an
example reads exactly as a user would type it. Blocks run in page order and share one namespace.

- ```` ```python ````: executed; if an ```` ```output ```` block follows, stdout must match it. With a
  ``title="NAME"`` it is a file instead (a test module, say), written for later examples to use.
- ```` ```console ````: each ``$ command`` runs in bash; the lines after it, up to the next ``$``, are its
  expected output (stdout and stderr, as a terminal shows them). A command that should fail says so
  with a trailing ``# exits N``.
- ```` ```yaml title="NAME" ```` (or json): written to NAME in the page's directory, for later
  examples to use; without a title the block must parse.
Output comparison is doctest's: ``...`` matches anything, runs of whitespace are equal.
Blocks in other languages (``bash`` install commands, ``text`` diagrams) are not run, so they may not
hold a transcript (a ``$ `` or ``>>> `` prompt line): shown output nobody runs drifts from the product.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import yaml
from sybil import Document, Example, Region, Sybil
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

DOCS_TOKEN = "pat-na1-docs-examples-token"
_INFO = re.compile(r'(?P<language>[a-z]*)(?:[ \t]+title="(?P<title>[^"]+)")?[ \t]*$\n', re.MULTILINE)
_PROMPT = re.compile(r"^(?:\$|>>>) ", re.MULTILINE)
_EXITS = re.compile(r"\s+#\s*exits\s+(?P<code>\d+)\s*$")
_CHECKER = doctest.OutputChecker()
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _same(expected: str, actual: str) -> bool:
    return _CHECKER.check_output(expected.strip() + "\n", actual.strip() + "\n", _FLAGS)


def _mismatch(what: str, expected: str, actual: str) -> str:
    return f"{what}\n--- shown in the docs\n{expected.rstrip()}\n--- actual\n{actual.rstrip()}"


def _run_python(example: Example) -> str | None:
    if example.region.lexemes["title"]:  # a file for later examples (a test module, say), not a snippet
        return _write_file(example)
    namespace = example.namespace
    out = io.StringIO()
    # Leading newlines make tracebacks point at the line in the Markdown file.
    code = compile("\n" * example.line + example.parsed, example.path, "exec")
    with contextlib.redirect_stdout(out):
        exec(code, namespace)
    namespace["_last_output"] = out.getvalue()
    return None


def _check_output(example: Example) -> str | None:
    actual = example.namespace.pop("_last_output", None)
    if actual is None:
        return "an output block must follow a python block"
    if not _same(example.parsed, actual):
        return _mismatch("the python block above printed something else", example.parsed, actual)
    return None


def _console_steps(source: str) -> Iterator[tuple[str, int, str]]:
    command: str | None = None
    expected: list[str] = []
    for line in source.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield _step(command, expected)
            command, expected = line[2:], []
        elif command is not None:
            expected.append(line)
    if command is not None:
        yield _step(command, expected)


def _step(command: str, expected: list[str]) -> tuple[str, int, str]:
    exits = _EXITS.search(command)
    code = int(exits["code"]) if exits else 0
    return command, code, "\n".join(expected)


def _run_console(example: Example) -> str | None:
    page: _Page = example.namespace["_page"]
    for command, code, expected in _console_steps(example.parsed):
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=page.directory,
            env=page.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
            check=False,
        )
        if done.returncode != code:
            return _mismatch(
                f"$ {command}: exit {done.returncode}, the docs say {code}", expected, done.stdout
            )
        if expected.strip() and not _same(expected, done.stdout):
            return _mismatch(f"$ {command}", expected, done.stdout)
    return None


def _write_file(example: Example) -> str | None:
    page: _Page = example.namespace["_page"]
    title, language = example.region.lexemes["title"], example.region.lexemes["language"]
    text = str(example.parsed)
    if title:
        (page.directory / title).write_text(text, encoding="utf-8")
    elif language == "json":
        json.loads(text)
    elif language == "yaml":
        yaml.safe_load(text)
    return None


def _refuse_transcript(example: Example) -> str | None:
    if _PROMPT.search(example.parsed):
        language = example.region.lexemes["language"] or "(no language)"
        return (
            f"a transcript in a {language} block is never run, so it drifts from the product: "
            "make it a console (or python + output) block"
        )
    return None


class _ExampleParser:
    """Fenced blocks by language; the ``title="..."`` attribute names a file block. Every other block is
    checked for a transcript that would not run."""

    _evaluators: ClassVar[dict[str, Callable[[Example], str | None]]] = {
        "python": _run_python,
        "output": _check_output,
        "console": _run_console,
        "yaml": _write_file,
        "json": _write_file,
    }

    def __init__(self) -> None:
        self._lexer = RawFencedCodeBlockLexer(info_pattern=_INFO)

    def __call__(self, document: Document) -> Iterator[Region]:
        for region in self._lexer(document):
            region.parsed = region.lexemes["source"]
            region.evaluator = self._evaluators.get(region.lexemes["language"], _refuse_transcript)
            yield region


class _Page:
    """One page's world: a mock, a working directory and the environment that points at them."""

    def __init__(self) -> None:
        from hubspot_association_limits.mock import MockConfig, running_mock

        self._stack = contextlib.ExitStack()
        self.mock = self._stack.enter_context(running_mock(MockConfig(seed_file="demo")))
        self.directory = Path(self._stack.enter_context(tempfile.TemporaryDirectory(prefix="docs-")))
        bin_dir = str(Path(sys.executable).parent)
        self.env = {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            "HUBSPOT_ACCESS_TOKEN": DOCS_TOKEN,
            "HUBSPOT_BASE_URL": self.mock.base_url,
            "COLUMNS": "100",
            "NO_COLOR": "1",
            "TERM": "dumb",
        }
        self._saved = {key: os.environ.get(key) for key in ("HUBSPOT_ACCESS_TOKEN", "HUBSPOT_BASE_URL")}
        os.environ.update({key: self.env[key] for key in self._saved})
        self._cwd = Path.cwd()
        os.chdir(self.directory)

    def close(self) -> None:
        os.chdir(self._cwd)
        for key, value in self._saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._stack.close()


def _setup(namespace: dict[str, Any]) -> None:
    namespace["_page"] = _Page()


def _teardown(namespace: dict[str, Any]) -> None:
    namespace["_page"].close()


pytest_collect_file = Sybil(
    parsers=[_ExampleParser()],
    patterns=["README.md", "docs/*.md", "docs/**/*.md"],
    setup=_setup,
    teardown=_teardown,
).pytest()
