"""How the CLI shows things to people: limits, plans, apply reports, file problems (rich renderables).

Machine-readable output (``--json``) is built from the objects' ``as_dict`` instead, never from these.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from hubspot_association_limits import Limit
from hubspot_association_limits._redact import redact
from hubspot_association_limits.cli._apply import ApplyReport, ItemOutcome, LabelOutcome
from hubspot_association_limits.cli._desired import FileProblem
from hubspot_association_limits.cli._label_plan import DELETE_WARNING, LabelAction, LabelChange
from hubspot_association_limits.cli._pairs import Pair, pair_names, pair_text
from hubspot_association_limits.cli._plan import Action, Plan, PlanItem

__all__ = ["limit_dict", "limits_table", "plan_view", "problems_view", "report_view"]

_SIGNS = {
    Action.CREATE: ("+", "green"),
    Action.UPDATE: ("~", "yellow"),
    Action.PURGE: ("-", "red"),
    Action.UNCHANGED: ("=", "dim"),
}


def limit_dict(limit: Limit, pair: Pair | None = None) -> dict[str, Any]:
    """A limit as JSON-ready data, in HubSpot's field names."""
    data: dict[str, Any] = pair_names(pair) if pair is not None else {}
    data |= {
        "category": limit.category,
        "typeId": limit.type_id,
        "label": limit.label,
        "maxToObjectIds": limit.max_to_object_ids,
    }
    return data


def limits_table(limits: Iterable[Limit], title: str) -> Table:
    """A table of limits: category, typeId, label, max."""
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for name, justify in (("category", "left"), ("typeId", "right"), ("label", "left"), ("max", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for limit in limits:
        maximum = str(limit.max_to_object_ids) if limit.max_to_object_ids is not None else "(none)"
        table.add_row(limit.category, str(limit.type_id), _safe(limit.label or ""), maximum)
    return table


def _value(value: int | None) -> str:
    return "(default)" if value is None else str(value)


def _change(item: PlanItem) -> str:
    """``HUBSPOT_DEFINED 3 "label": 10 -> 5``."""
    label = f' "{_safe(item.label)}"' if item.label else ""
    values = (
        _value(item.new_max)
        if item.action is Action.UNCHANGED
        else f"{_value(item.old_max)} -> {_value(item.new_max)}"
    )
    type_id = item.type_id if item.type_id is not None else "(new label)"
    return f"{item.category} {type_id}{label}: {values}"


def _label_change(change: LabelChange) -> str:
    """``label "Decision maker" (name decision_maker, inverse "Decided by")`` or a deletion's warning."""
    text = f'label "{_safe(change.label)}"'
    if change.action is LabelAction.DELETE:
        return f"{text} (USER_DEFINED {change.type_id}): {DELETE_WARNING}"
    details = [f"name {_safe(change.name)}"] if change.name else []
    details += [f'inverse "{_safe(change.inverse_label)}"'] if change.inverse_label else []
    return text + (f" ({', '.join(details)})" if details else "")


def _label_line(change: LabelChange) -> Text:
    sign, style = ("+", "green") if change.action is LabelAction.CREATE else ("-", "red")
    text = Text(f"  {sign} ", style=style)
    text.append(f"{change.action:<9} {_label_change(change)}", style=None if sign == "+" else "red")
    return text


def _item_line(item: PlanItem) -> Text:
    sign, style = _SIGNS[item.action]
    text = Text(f"  {sign} ", style=style)
    text.append(f"{item.action:<9} {_change(item)}")
    return text


def plan_view(plan: Plan, title: str) -> RenderableType:
    """The plan under a title, pair by pair, then warnings and a one-line summary."""
    lines: list[RenderableType] = [Text(title, style="bold")]
    for pair_plan in plan.pairs:
        lines.append(Text(pair_text(pair_plan.pair), style="bold"))
        lines += [_label_line(change) for change in pair_plan.labels]
        lines += [_item_line(item) for item in pair_plan.items] or [Text("  (no limits)", style="dim")]
    lines += [Text(f"warning: {_safe(warning)}", style="yellow") for warning in plan.warnings]
    counts = plan.summary
    summary = (
        f"Summary: {counts['create']} to create, {counts['update']} to update, "
        f"{counts['purge']} to purge, {counts['unchanged']} unchanged"
    )
    labels = plan.label_summary
    if any(labels.values()):
        summary += f"; labels: {labels['create']} to create, {labels['delete']} to delete"
    if plan.unmanaged:
        summary += (
            f"; {plan.unmanaged} limit(s) in the portal are not in the file (kept; --prune purges them)"
        )
    lines.append(Text(summary + "."))
    if plan.matches:
        lines.append(Text("Nothing to do: the portal matches the file.", style="green"))
    elif not plan.has_changes:
        unnamed = "Nothing to apply, but the portal has limits the file does not name (above)."
        lines.append(Text(unnamed, style="yellow"))
    return Group(*lines)


def report_view(report: ApplyReport) -> RenderableType:
    """What was applied and what was not (with the reason), then a one-line result."""
    lines: list[RenderableType] = []
    for outcome in report.every:
        where = _outcome_text(outcome)
        if outcome.applied:
            note = f" ({_safe(outcome.reason)})" if outcome.reason else ""
            lines.append(Text(f"  applied      {where}{note}", style="green"))
        else:
            lines.append(Text(f"  NOT applied  {where}: {_safe(outcome.reason or 'unknown')}", style="red"))
    if report.stopped:
        lines.append(Text(f"stopped early: {_safe(report.stopped)}", style="red"))
    total = len(report.every)
    verdict = (
        f"Applied {len(report.applied)} of {total} change(s)."
        if report.ok
        else f"Applied {len(report.applied)} of {total} change(s); "
        f"{len(report.not_applied)} not applied. Run apply again to retry them."
    )
    lines.append(Text(verdict, style="bold green" if report.ok else "bold red"))
    return Group(*lines)


def _outcome_text(outcome: ItemOutcome | LabelOutcome) -> str:
    if isinstance(outcome, LabelOutcome):
        change = outcome.change
        name = f'label "{_safe(change.label)}"'
        return f"{change.action:<6} {pair_text(change.pair)} {name}"
    return f"{outcome.item.action:<6} {pair_text(outcome.pair)} {_change(outcome.item)}"


def problems_view(problems: Sequence[FileProblem], *, labels_read: bool = False) -> RenderableType:
    """Every problem of a desired-state file, one per line, compiler style, and that nothing was sent
    (or, for labels looked up in the portal, that only they were read)."""
    noun = "problem" if len(problems) == 1 else "problems"
    lines: list[RenderableType] = [Text(str(problem)) for problem in problems]
    sent = "nothing was written (the labels were only read)" if labels_read else "nothing was sent"
    lines.append(Text(f"{len(problems)} {noun} found; {sent}.", style="bold red"))
    return Group(*lines)


def _safe(text: str | None) -> str:
    return redact(text) if text else ""
