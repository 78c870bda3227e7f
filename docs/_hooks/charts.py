"""mkdocs hook: draw the benchmark charts from the committed bench/results.json at build time.

A page asks for a chart with ``<!-- chart: NAME -->``; the marker becomes an inline SVG bar chart, so
the pictures can never disagree with the numbers in the JSON. An unknown chart name, or a results
file without the figures a chart needs, fails the build.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

_MARKER = re.compile(r"<!-- chart: (?P<name>[a-z-]+) -->")
_RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results.json"
# In the SVG's own units; it is drawn at this width (narrower only on a narrower page), so a 14-unit
# label reads as 14 px. Without a width of its own the theme's figure shrank it to about 350 px.
_BAR_H, _GAP, _LABEL_W, _PLOT_W, _VALUE_W = 24, 8, 300, 380, 110
_FONT, _TITLE_FONT = 14, 16
_COLOURS = ("#4051b5", "#ff7043", "#26a69a", "#ab47bc", "#8d6e63")

Bar = tuple[str, float, str]  # label, value, value as shown


def bar_chart(
    title: str, groups: Sequence[tuple[str, Sequence[Bar]]], *, reference: float | None = None
) -> str:
    """A horizontal bar chart as SVG: one block of bars per group, an optional dashed reference line."""
    top = max([bar[1] for _, bars in groups for bar in bars] + [reference or 0.0]) or 1.0
    scale = _PLOT_W / (top * 1.1)
    rows: list[str] = []
    text_y = (_BAR_H + _FONT) // 2 - 1  # a label's baseline, centred on its bar
    y = _TITLE_FONT + 16
    for group, bars in groups:
        if group:
            rows.append(f'<text x="0" y="{y + text_y}" font-weight="bold">{html.escape(group)}</text>')
            y += _BAR_H + _GAP
        for index, (label, value, shown) in enumerate(bars):
            width = max(value * scale, 1.0)
            colour = _COLOURS[index % len(_COLOURS)]
            rows.append(
                f'<text x="{_LABEL_W - 8}" y="{y + text_y}" text-anchor="end">{html.escape(label)}</text>'
                f'<rect x="{_LABEL_W}" y="{y}" width="{width:.1f}" height="{_BAR_H}" fill="{colour}"/>'
                f'<text x="{_LABEL_W + width + 6:.1f}" y="{y + text_y}">{html.escape(shown)}</text>'
            )
            y += _BAR_H + _GAP
        y += _GAP
    if reference is not None:
        x = _LABEL_W + reference * scale
        rows.append(
            f'<line x1="{x:.1f}" y1="{_TITLE_FONT + 8}" x2="{x:.1f}" y2="{y}" stroke="#555" '
            'stroke-dasharray="4 3"/>'
        )
    width, height = _LABEL_W + _PLOT_W + _VALUE_W, y + 4
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{html.escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'style="max-width:100%;height:auto" '
        f'font-family="sans-serif" font-size="{_FONT}">'
        f'<text x="0" y="{_TITLE_FONT}" font-size="{_TITLE_FONT}" font-weight="bold">'
        f"{html.escape(title)}</text>" + "".join(rows) + "</svg>"
    )


def _bar(label: str, value: float, unit: str) -> Bar:
    return (label, value, f"{value:,}{unit}")


def import_time(results: dict[str, Any]) -> str:
    section = results["import"]
    ours, theirs = section["ours"], section["theirs"]
    bars = [
        _bar("hubspot_association_limits (base install)", ours["best_ms"], " ms"),
        _bar("... and its LimitsClient", section["ours_client"]["best_ms"], " ms"),
        _bar(f"{theirs['install']}: its API class", theirs["best_ms"], " ms"),
        _bar("import httpx (for reference)", section["httpx_alone_ms"], " ms"),
    ]
    return bar_chart(
        f"Import time, best of {section['runs']} fresh interpreters",
        [("milliseconds (dashed: hubspot-api-client)", bars)],
        reference=theirs["best_ms"],
    )


def per_call(results: dict[str, Any]) -> str:
    rows = results["per_call"]["rows"]
    groups = []
    # Sync arms are measured against raw httpx.Client, async ones against raw httpx.AsyncClient.
    for operation, reference in dict.fromkeys(
        (row["operation"], row.get("reference", "raw httpx")) for row in rows
    ):
        bars = [
            (row["client"], row["cpu_ratio_to_raw"], f"{row['cpu_ratio_to_raw']:.2f}x")
            for row in rows
            if row["operation"] == operation and row.get("reference", "raw httpx") == reference
        ]
        groups.append((f"{operation}: CPU per call, relative to {reference} (dashed: 1.0)", bars))
    return bar_chart("Per-call cost", groups, reference=1.0)


def _concurrent_arms(section: dict[str, Any]) -> tuple[str, str]:
    tasks = section["concurrency"]
    return f"AsyncLimitsClient, {tasks} tasks", f"raw httpx.AsyncClient, {tasks} tasks"


def concurrency(results: dict[str, Any]) -> str:
    section = results["concurrency"]
    ours, raw = _concurrent_arms(section)
    rates = [
        _bar(ours, section["async_calls_per_s"], "/s"),
        _bar(raw, section["raw_async_calls_per_s"], "/s"),
        _bar("LimitsClient, sequential", section["sync_calls_per_s"], "/s"),
    ]
    return bar_chart(
        f"Concurrency: reads with {section['latency_ms']} ms added by the mock",
        [("calls per second", rates)],
    )


def concurrency_cpu(results: dict[str, Any]) -> str:
    section = results["concurrency"]
    ours, raw = _concurrent_arms(section)
    cpu = [
        _bar(ours, section["async_client_cpu_us_per_call"], " µs"),
        _bar(raw, section["raw_async_client_cpu_us_per_call"], " µs"),
    ]
    return bar_chart("Concurrency: the client's CPU per call", [("microseconds", cpu)])


def saturation(results: dict[str, Any]) -> str:
    section = results["saturation"]
    rows = section["rows"]
    seen = [(row["client"], row["requests_seen_by_mock"], str(row["requests_seen_by_mock"])) for row in rows]
    return bar_chart(
        f"Saturation: {section['calls']} reads, {section['workers']} workers, {section['limit']}",
        [
            ("requests HubSpot saw (dashed: the calls asked for)", seen),
            ("calls that failed", [(row["client"], row["failures"], str(row["failures"])) for row in rows]),
        ],
        reference=section["calls"],
    )


def memory(results: dict[str, Any]) -> str:
    section = results["memory"]
    bars = [
        _bar("a client and one read", section["client_and_one_read_mib"], " MiB"),
        _bar(f"after sending {section['inputs']:,} inputs", section["after_sending_mib"], " MiB"),
    ]
    return bar_chart(
        "Memory: peak RSS of a fresh process",
        [(f"MiB (dashed: the target, import + {section['target_delta_mib']} MiB)", bars)],
        reference=section["client_and_one_read_mib"] + section["target_delta_mib"],
    )


def redis(results: dict[str, Any]) -> str:
    section = results["redis"]
    arms = (("shared Redis budget", section["shared_redis"]), ("per-process pacing", section["per_process"]))
    sent = [(name, arm["requests"], str(arm["requests"])) for name, arm in arms]
    refused = [(name, arm["rate_limited_429"], str(arm["rate_limited_429"])) for name, arm in arms]
    return bar_chart(
        f"{section['workers']} workers, one portal at {section['limit_per_s']} requests/s",
        [("requests sent (dashed: the calls asked for)", sent), ("429 answers", refused)],
        reference=section["shared_redis"]["calls"],
    )


CHARTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "import": import_time,
    "per-call": per_call,
    "concurrency": concurrency,
    "concurrency-cpu": concurrency_cpu,
    "saturation": saturation,
    "memory": memory,
    "redis": redis,
}


def render(markdown: str, results: dict[str, Any]) -> str:
    def chart(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in CHARTS:
            raise ValueError(f"unknown chart {name!r}; known: {sorted(CHARTS)}")
        return f'<figure class="bench-chart">{CHARTS[name](results)}</figure>'

    return _MARKER.sub(chart, markdown)


def on_page_markdown(markdown: str, **_: Any) -> str:
    if not _MARKER.search(markdown):
        return markdown
    return render(markdown, json.loads(_RESULTS.read_text(encoding="utf-8")))
