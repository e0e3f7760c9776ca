"""Benchmark of the rules' regular expressions on adversarial input: every pattern in shared_rules
runs over long runs of its own characters, with and without a breaking character at the end
(tests/rule_patterns.py builds them). A pattern that backtracks catastrophically takes seconds or
hours on 100,000 characters; a linear one milliseconds, so the budget is 1 s for the slowest pattern
on its slowest input. (The analysis cuts what it reads, content to 20,000 characters, so the whole
answer's budget, ≤ 100 ms for any input, is bench/core.py's "worst hostile input".)
tests/analysis/test_regex_safety.py checks the patterns' shapes; this measures what they cost.

    python -m bench.patterns [--quick] [--json PATH]
"""
from __future__ import annotations

import argparse
import platform
import re
import statistics
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.core import REPO, percentile, save
from inquiry_lens.rules import packaged_rules
from tests.rule_patterns import adversarial, every_pattern

BUDGET = {"worst_ms": 1000.0}  # linear stays far below; catastrophic backtracking far above
LENGTH = {"full": 100_000, "quick": 25_000}  # characters in each adversarial input


def scan_ms(compiled: re.Pattern, text: str) -> float:
    started = time.perf_counter()
    for _ in compiled.finditer(text):
        pass
    return (time.perf_counter() - started) * 1000


def measure(quick: bool) -> dict:
    length = LENGTH["quick" if quick else "full"]
    worst: dict[str, float] = {}  # pattern → its slowest input
    for where, pattern in every_pattern(packaged_rules()):
        compiled = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
        worst[where] = max(scan_ms(compiled, text) for text in adversarial(pattern, length))
    slowest = sorted(worst, key=lambda where: worst[where], reverse=True)
    return {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                        "processor": platform.processor() or platform.machine()},
            "mode": "quick" if quick else "full", "patterns": len(worst), "input_chars": length,
            "inputs_per_pattern": len(adversarial("a", 1)),
            "worst_ms": worst[slowest[0]], "worst_pattern": slowest[0], "p50_ms": statistics.median(worst.values()),
            "p99_ms": percentile(list(worst.values()), 0.99), "slowest": {where: worst[where] for where in slowest[:5]}}


def rows(results: dict) -> list[tuple[str, str, str, bool]]:
    """(measure, value, budget, met), as bench/all.py's summary lists them."""
    r = results
    return [(f"worst rule pattern on adversarial input ({r['patterns']} patterns, {r['input_chars']:,} chars)",
             f"{r['worst_ms']:.1f} ms", f"≤ {BUDGET['worst_ms']:g} ms", r["worst_ms"] <= BUDGET["worst_ms"])]


def report(figures: dict, console: Console) -> None:
    table = Table(title=f"rule patterns on adversarial input — {figures['patterns']} patterns × "
                        f"{figures['inputs_per_pattern']} inputs of {figures['input_chars']:,} characters")
    for column in ("measure", "value", "budget", ""):
        table.add_column(column, justify="right" if column in ("value", "budget") else "left")
    for name, value, budget, met in rows(figures):
        table.add_row(name, value, budget, "[green]met[/]" if met else "[red]not met[/]")
    table.add_row("pattern p50 (its slowest input)", f"{figures['p50_ms']:.2f} ms", "", "")
    table.add_row("pattern p99 (its slowest input)", f"{figures['p99_ms']:.2f} ms", "", "")
    for where, ms in figures["slowest"].items():
        table.add_row(f"  {where[:70]}", f"{ms:.1f} ms", "", "")
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"inputs of {LENGTH['quick']:,} characters (CI)")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "patterns.json")
    args = parser.parse_args()
    figures = measure(args.quick)
    report(figures, Console())
    save(figures, args.json)


if __name__ == "__main__":
    main()
