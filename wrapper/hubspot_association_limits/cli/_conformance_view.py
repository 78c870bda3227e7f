"""How a conformance check looks: the differences table, what the mock's ledger says of them, and the
per-case table of a check over recorded traffic (``check --evidence``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from rich.table import Table
from rich.text import Text

from hubspot_association_limits._redact import redact
from hubspot_association_limits.cli._output import Output
from hubspot_association_limits.conformance import CheckReport, Difference, EvidenceCase
from hubspot_association_limits.mock import Behaviour

__all__ = ["show_evidence", "show_report"]

_CELL: Final = 60  # characters of a value shown in the differences table


def _cell(value: Any, absent: bool) -> str:
    if value is None and absent:
        return "(absent)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _CELL else text[: _CELL - 1] + "…"


def _known(item: Difference) -> str:
    """Whether the difference is known: the bases of the ledger entries it may come from, or that the
    record cannot tell."""
    if item.unrecorded is not None:
        return "not recorded"
    return ", ".join(dict.fromkeys(str(entry.basis) for entry in item.ledger))


def _table(differences: Sequence[Difference], first: str) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    for name in (first, "where", "difference"):
        table.add_column(name, no_wrap=True)
    for name in ("recorded", "answered"):
        table.add_column(name, overflow="fold", ratio=1)
    table.add_column("known", no_wrap=True)
    for item in differences:
        table.add_row(
            item.step,
            item.path,
            item.kind,
            redact(_cell(item.recorded, item.absent == "recorded")),
            redact(_cell(item.answered, item.absent == "answered")),
            _known(item),
        )
    return table


def _where(step: str, paths: Sequence[str]) -> str:
    return f"{step} {paths[0]}" if len(paths) == 1 else f"{step} ({len(paths)} places)"


def _notes(differences: Sequence[Difference]) -> list[str]:
    """The known differences in words, once per step: each ledger entry (id, basis, what) and each gap
    of the record."""
    entries: dict[tuple[str, Behaviour], list[str]] = {}
    gaps: dict[tuple[str, str], list[str]] = {}
    for item in differences:
        for entry in item.ledger:
            entries.setdefault((item.step, entry), []).append(item.path)
        if item.unrecorded is not None:
            gaps.setdefault((item.step, item.unrecorded), []).append(item.path)
    lines = []
    if entries:
        lines.append(
            "Where the mock follows a choice or an inference of its fidelity ledger (these count: "
            "HubSpot answered otherwise):"
        )
        lines += [
            f"  {_where(step, paths)}: {entry.id} ({entry.basis}): {entry.what}"
            for (step, entry), paths in entries.items()
        ]
    if gaps:
        lines.append("Not counted, since the record does not hold what is compared:")
        lines += [f"  {_where(step, paths)}: {why}" for (step, why), paths in gaps.items()]
    return lines


def _summary(report: CheckReport) -> str:
    """How many differences count, how many of those the mock's ledger lists, how many do not count."""
    counted = report.counted
    choices = sum(1 for item in counted if item.ledger)
    unrecorded = len(report.differences) - len(counted)
    known = []
    if choices:
        known.append(f"{choices} where the mock follows a choice or an inference its ledger lists")
    if unrecorded:
        known.append(f"{unrecorded} more the record cannot tell, not counted")
    return f"{len(counted)} difference(s)" + (f" ({'; '.join(known)})" if known else "")


def _differences(output: Output, differences: Sequence[Difference], first: str = "step") -> None:
    output.show(_table(differences, first))
    for line in _notes(differences):
        output.show(Text(redact(line)))


def show_report(output: Output, report: CheckReport, file: Path, where: str) -> None:
    """A check of one recording: no differences, or how many and the table (``--json``: as data)."""
    recording = report.recording
    origin = recording.origin
    count = len(recording.exchanges)
    source = f"{file} ({origin.server} {origin.host}, {origin.recorded_at})"
    if output.settings.json:
        output.data(
            {
                "recording": str(file),
                "origin": {"server": origin.server, "host": origin.host, "recordedAt": origin.recorded_at},
                "server": where,
                "exchanges": count,
                "differences": [item.as_dict() for item in report.differences],
                "cleanup": report.cleanup.as_dict(),
            }
        )
    elif not report.differences:
        output.show(Text(f"No differences: {where} answered all {count} requests of {source} as recorded."))
    else:
        output.show(Text(f"{_summary(report)} between {source} and {where}:"))
        _differences(output, report.differences)


def _outcome(report: CheckReport) -> str:
    """A case's outcome in a few words: as recorded, or how many differences and which are known."""
    counted = report.counted
    unrecorded = len(report.differences) - len(counted)
    listed = sum(1 for item in counted if item.ledger)
    text = f"{len(counted)} difference(s)" if counted else "as recorded"
    notes = [f"{listed} listed in the ledger"] if listed else []
    notes += [f"{unrecorded} not recorded"] if unrecorded else []
    return text + (f" ({'; '.join(notes)})" if notes else "")


def show_evidence(output: Output, file: Path, checked: Sequence[tuple[EvidenceCase, CheckReport]]) -> None:
    """A check over recorded traffic: each case's outcome, then the differences that count."""
    if output.settings.json:
        output.data(
            {
                "evidence": str(file),
                "server": "the embedded mock, seeded for each case",
                "cases": [
                    {
                        "case": case.id,
                        "basis": case.basis,
                        "operation": case.recording.exchanges[0].step.operation,
                        "matched": report.ok,
                        "differences": [item.as_dict() for item in report.differences],
                    }
                    for case, report in checked
                ],
            }
        )
        return
    matched = sum(1 for _, report in checked if report.ok)
    output.show(
        Text(
            f"{len(checked)} complete exchanges of {file}, each against the embedded mock seeded with the "
            f"portal the case implies: {matched} as recorded."
        )
    )
    table = Table(show_edge=False, pad_edge=False)
    for name in ("case", "basis", "operation"):
        table.add_column(name, no_wrap=True)
    table.add_column("outcome", overflow="fold", ratio=1)
    for case, report in checked:
        table.add_row(case.id, case.basis, case.recording.exchanges[0].step.operation, _outcome(report))
    output.show(table)
    counted = [item for _, report in checked for item in report.counted]
    if counted:
        output.show(Text("The differences that count (--json lists every difference):"))
        _differences(output, counted, first="case")
