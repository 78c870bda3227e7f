"""mkdocs hook: render the mock's fidelity ledger (``hubspot_association_limits.mock.FIDELITY``) at
build time, so the page "How true is the mock?" can never disagree with the code.

A page asks for ``<!-- fidelity: summary -->`` (the counts by basis and what they mean) and
``<!-- fidelity: ledger -->`` (one table per part of the mock). An unknown part, or a behaviour
outside the known parts, fails the build.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from hubspot_association_limits.mock import FIDELITY, Basis, Behaviour, counts_by_basis
from hubspot_association_limits.mock._fidelity import AREAS

_MARKER = re.compile(r"<!-- fidelity: (?P<part>[a-z]+) -->")
_MEANING = {
    Basis.TRAFFIC: "HubSpot's recorded answers (cases of `evidence/real-traffic.json`)",
    Basis.INFERRED: "inferred from recorded answers that show only part of the behaviour",
    Basis.DOCS: "HubSpot's documentation",
    Basis.SPEC: "HubSpot's published OpenAPI document",
    Basis.CHOICE: "our choice, where HubSpot says nothing we know of",
}


def _text(value: str) -> str:
    return html.escape(value, quote=False).replace("|", "\\|")


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


def summary() -> str:
    """The counts by basis, as a table and as one plain statement."""
    counts, total = counts_by_basis(), len(FIDELITY)
    rows = [f"| {basis} | {_MEANING[basis]} | {n} | {_percent(n, total)} |" for basis, n in counts.items()]
    known = total - counts[Basis.CHOICE]
    observed = counts[Basis.TRAFFIC] + counts[Basis.INFERRED]
    statement = (
        f"The mock has {total} behaviours in the ledger. {counts[Basis.TRAFFIC]} rest on HubSpot's "
        f"recorded answers and {counts[Basis.INFERRED]} are inferred from answers that show only part of "
        f"them; {counts[Basis.DOCS]} follow HubSpot's documentation and {counts[Basis.SPEC]} its published "
        f"spec; {counts[Basis.CHOICE]} are our choice. So {_percent(known, total)} of the mock rests on "
        f"what HubSpot was seen to do or says it does, {_percent(observed, total)} on what it was seen "
        f"to do, and {_percent(counts[Basis.CHOICE], total)} on our choices."
    )
    return "\n".join(
        ["| basis | meaning | behaviours | share |", "|---|---|---:|---:|", *rows, "", statement]
    )


def _rests_on(entry: Behaviour) -> str:
    parts = [", ".join(f"`{case}`" for case in entry.cases)] if entry.cases else []
    if entry.source.startswith("https://"):
        parts.append(f"[docs]({entry.source})")
    elif entry.source:
        parts.append(", ".join(f"`{name}`" for name in entry.source.split(", ")))
    if entry.why:
        parts.append(_text(entry.why))
    return "<br>".join(parts)


def ledger() -> str:
    """One table per part of the mock: id, what the mock does, basis, and what it rests on."""
    unknown = sorted({entry.area for entry in FIDELITY} - set(AREAS))
    if unknown:
        raise ValueError(f"behaviours outside the known parts of the mock: {unknown}")
    sections = []
    for area, title in AREAS.items():
        rows = [
            f"| `{entry.id}` | {_text(entry.what)} | {entry.basis} | {_rests_on(entry)} |"
            for entry in FIDELITY
            if entry.area == area
        ]
        sections.append(
            "\n".join(
                [f"### {title}", "", "| id | the mock | basis | rests on |", "|---|---|---|---|", *rows]
            )
        )
    return "\n\n".join(sections)


PARTS: dict[str, Callable[[], str]] = {"summary": summary, "ledger": ledger}


def render(markdown: str) -> str:
    def part(match: re.Match[str]) -> str:
        name = match["part"]
        if name not in PARTS:
            raise ValueError(f"unknown fidelity part {name!r}; known: {sorted(PARTS)}")
        return PARTS[name]()

    return _MARKER.sub(part, markdown)


def on_page_markdown(markdown: str, **_: Any) -> str:
    return render(markdown) if _MARKER.search(markdown) else markdown
