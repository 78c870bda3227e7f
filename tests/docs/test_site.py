"""The docs site: strict builds fail on what readers would trip over; charts come from the JSON.

The examples themselves run through conftest.py at the repository root (sybil).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _charts() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_charts", ROOT / "docs" / "_hooks" / "charts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _copy_site(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "bench").mkdir()
    shutil.copy(ROOT / "bench" / "results.json", tmp_path / "bench" / "results.json")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "paths: [wrapper, generated]", f"paths: [{ROOT / 'wrapper'}, {ROOT / 'generated'}]"
    )
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path


def _build(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(site / "mkdocs.yml"),
            "-d",
            str(site / "out"),
        ],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)},
        check=False,
        timeout=300,
    )


BREAKAGES = {
    "broken link": ("index.md", "\n[a page that is not there](missing.md)\n", "missing.md"),
    "missing API reference": (
        "reference/clients.md",
        "\n::: hubspot_association_limits.NoSuchName\n",
        "NoSuchName",
    ),
    "page left out of the navigation": ("orphan.md", "# Orphan\n", "orphan.md"),
    "unknown chart": ("index.md", "\n<!-- chart: no-such-chart -->\n", "no-such-chart"),
}


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_a_strict_build_fails_on(tmp_path: Path, breakage: tuple[str, str, str]) -> None:
    site = _copy_site(tmp_path)
    page, text, named = breakage
    with (site / "docs" / page).open("a", encoding="utf-8") as file:
        file.write(text)
    built = _build(site)
    assert built.returncode != 0
    assert named in built.stdout + built.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once for the tests that read its pages."""
    site = _copy_site(tmp_path_factory.mktemp("site"))
    done = _build(site)
    assert done.returncode == 0, done.stderr
    return site / "out"


def test_the_site_builds_and_draws_every_chart_from_the_results(built: Path) -> None:
    page = (built / "benchmarks" / "index.html").read_text(encoding="utf-8")
    assert page.count('<figure class="bench-chart"><svg') == len(_charts().CHARTS)


@pytest.mark.parametrize("client", ["LimitsClient", "AsyncLimitsClient"])
def test_the_api_reference_lists_each_clients_label_methods_as_its_own(built: Path, client: str) -> None:
    page = (built / "reference" / "clients" / "index.html").read_text(encoding="utf-8")
    for method in ("labels", "create_label", "update_label", "delete_label"):
        assert f'id="hubspot_association_limits.{client}.{method}"' in page, method
    assert "Bases:" not in page  # no mixin stands between a client and its methods
    signature = page.split(f'id="hubspot_association_limits.{client}"', 1)[1].split("</code>", 1)[0]
    assert "GENERATED_PREFIX" not in page and "/crm/associations/v4" in signature  # the value, not a name


def test_charts_show_the_committed_numbers() -> None:
    charts = _charts()
    results = json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
    svg = charts.render("<!-- chart: per-call -->", results)
    for row in results["per_call"]["rows"]:
        assert f"{row['cpu_ratio_to_raw']:.2f}x" in svg
        assert row["client"] in svg
    results["redis"]["per_process"]["rate_limited_429"] = 12345
    assert ">12345<" in charts.render("<!-- chart: redis -->", results)


@pytest.mark.parametrize(
    ("chart", "section", "fields"),
    [
        ("import", "import", ["ours.best_ms", "theirs.best_ms", "ours_client.best_ms", "httpx_alone_ms"]),
        (
            "concurrency",
            "concurrency",
            ["async_calls_per_s", "raw_async_calls_per_s", "sync_calls_per_s"],
        ),
        (
            "concurrency-cpu",
            "concurrency",
            ["async_client_cpu_us_per_call", "raw_async_client_cpu_us_per_call"],
        ),
        ("memory", "memory", ["client_and_one_read_mib", "after_sending_mib"]),
    ],
)
def test_the_import_concurrency_and_memory_charts_show_the_committed_numbers(
    chart: str, section: str, fields: list[str]
) -> None:
    results = json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
    svg = _charts().render(f"<!-- chart: {chart} -->", results)
    for field in fields:
        value: Any = results[section]
        for part in field.split("."):
            value = value[part]
        assert f">{value:,}" in svg, field


@pytest.mark.parametrize("chart", sorted(_charts().CHARTS))
def test_a_chart_is_drawn_at_its_own_width_with_readable_text(chart: str) -> None:
    """Without width and height of its own, the theme's figure shrank an SVG to about 350 px and its
    12-unit text to about 5 px; drawn at its viewBox size, a unit is a pixel (less only on a narrow page)."""
    results = json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
    svg = _charts().render(f"<!-- chart: {chart} -->", results)
    view = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    assert view is not None
    assert f'width="{view[1]}" height="{view[2]}"' in svg
    assert int(view[1]) >= 700  # the content width of a page, where the chart is read
    assert min(int(size) for size in re.findall(r'font-size="(\d+)"', svg)) >= 14


def test_an_unknown_chart_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown chart"):
        _charts().render("<!-- chart: nope -->", {})
