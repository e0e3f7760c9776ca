"""Every benchmark of docs/ARCHITECTURE.md, "Budgets" in one run: the analysis core, the served API (latency,
throughput, start-up, memory) and batch triage with the history. Prints each table, a summary
against the budgets, and writes bench/results/all.json.

    python -m bench.all            # the full run whose figures the README shows (a few minutes)
    python -m bench.all --quick    # a short run for CI: same tables, smaller samples

The browser figures (sidebar latency, content-script time) come from the browser tests, which
write bench/results/browser.json; they are included when that file exists.
"""
from __future__ import annotations

import argparse
import json
import platform
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench import core, http, online, patterns, triage
from bench.core import REPO, save

SIZES = {"full": {"rounds": 20, "requests": 2000, "clients": 16, "memory": 10_000, "rows": 5000, "stored": 100_000},
         "quick": {"rounds": 2, "requests": 300, "clients": 16, "memory": 600, "rows": 500, "stored": 2_000}}


def summary(results: dict) -> list[tuple[str, str, str, bool | None]]:
    """(measure, value, budget, met) for each budget in docs/ARCHITECTURE.md ("Budgets") that was measured."""
    c, h, t = results["core"], results["http"], results["triage"]
    quiet, ratio = h["latency"], h["analyze_over_health"]
    parallel, single = t["triage_parallel_look_up_per_s"], t["triage_look_up_per_s"]
    rows = [
        ("analysis core p50", f"{c['core_p50_ms']:.2f} ms", "≤ 1 ms", c["core_p50_ms"] <= 1),
        ("analysis core p99", f"{c['core_p99_ms']:.2f} ms", "≤ 5 ms", c["core_p99_ms"] <= 5),
        ("core ÷ bare library calls", f"{c['ratio_p50']:.1f}×", "≤ 4×", c["ratio_p50"] <= 4),
        ("worst hostile input", f"{c['hostile_max_ms']:.1f} ms", "≤ 100 ms", c["hostile_max_ms"] <= 100),
        (f"HTTP analyze p50 ({quiet['clients']} clients)", f"{quiet['p50_ms']:.2f} ms", "≤ 5 ms", quiet["p50_ms"] <= 5),
        (f"HTTP analyze p99 ({quiet['clients']} clients)", f"{quiet['p99_ms']:.2f} ms", "≤ 20 ms", quiet["p99_ms"] <= 20),
        (f"HTTP throughput ({h['clients']} clients)", f"{h['rps']:.0f} req/s", "≥ 300 req/s", h["rps"] >= 300),
        (f"HTTP analyze p50 ÷ health p50 ({ratio['clients']} clients)", f"{ratio['ratio']:.2f}×", "≤ 3×",
         ratio["ratio"] <= 3),
        ("serve start to first 200", f"{h['start_s']:.2f} s", "≤ 1.5 s", h["start_s"] <= 1.5),
        (f"resident memory after {h['analyses_before_rss']} analyses", f"{h['rss_after_mb']:.0f} MB", "≤ 150 MB",
         h["rss_after_mb"] <= 150),
        ("triage (look-up mode, worker processes)", f"{parallel:.0f} /s", "≥ 1,000 /s", parallel >= 1000),
        ("triage (look-up mode, one process)", f"{single:.0f} /s", "≥ 1,000 /s", single >= 1000),
    ]
    rows.append(("worst generated request (hypothesis, 300)", f"{c['generated_max_ms']:.1f} ms", "≤ 100 ms",
                 c["generated_max_ms"] <= 100))
    rows += online.rows(results["online"]) + patterns.rows(results["patterns"])
    browser = results.get("browser") or {}
    latency = [v for v in (browser.get("sidebar_after_dcl") or {}).values() if isinstance(v, (int, float))]
    latency += [v for v in (browser.get("sidebar_after_switch") or {}).values() if isinstance(v, (int, float))]
    if latency:
        worst = max(latency)
        rows.append(("sidebar visible after the inquiry (worst load or switch)", f"{worst:.0f} ms", "≤ 300 ms",
                     worst <= 300))
    cost = browser.get("content_scripts_main_thread") or {}
    if cost:
        worst = max(cost.values())
        rows.append(("content scripts' main thread, load to verdict (worst page)", f"{worst:.0f} ms", "≤ 10 ms",
                     worst <= 10))
    return rows


def browser_figures() -> dict:
    path = REPO / "bench" / "results" / "browser.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small samples (CI)")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "all.json")
    args = parser.parse_args()
    size = SIZES["quick" if args.quick else "full"]
    console = Console()
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine()},
        "mode": "quick" if args.quick else "full"}
    results["core"] = core.measure(size["rounds"])
    core.report(results["core"], console)
    results["http"] = http.measure(size["requests"], size["clients"], size["memory"])
    http.report(results["http"], console)
    with tempfile.TemporaryDirectory() as folder:
        results["triage"] = {"rows": size["rows"], **triage.measure_triage(Path(folder), size["rows"]),
                             **triage.measure_store(Path(folder), size["stored"])}
    triage.report(results["triage"], console)
    results["online"] = online.measure(args.quick)
    online.report(results["online"], console)
    results["patterns"] = patterns.measure(args.quick)
    patterns.report(results["patterns"], console)
    results["browser"] = browser_figures()
    table = Table(title=f"Budgets (docs/ARCHITECTURE.md) — {results['mode']} run, {results['machine']['processor']}, "
                        f"{results['http']['cpus']} CPUs")
    for column in ("measure", "value", "budget", ""):
        table.add_column(column)
    for name, value, budget, met in summary(results):
        table.add_row(name, value, budget, "[green]met[/]" if met else "[red]not met[/]")
    console.print(table)
    save(results, args.json)


if __name__ == "__main__":
    main()
