"""Benchmark of the analysis core (docs/ARCHITECTURE.md, "Budgets"): one inquiry, no network checks.

    python -m bench.core [--rounds N] [--json PATH]

Prints one table and writes JSON. Timings are compared within the run: the core's p50 against
the bare library calls it cannot avoid (parse the numbers, look up the IP, split the domains) on
the same inquiries, so a noisy shared machine moves both sides alike.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

import phonenumbers
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from inquiry_lens.analysis.pipeline import analyze
from inquiry_lens.checks.geoip import open_geoip
from inquiry_lens.model.requests import AnalyzeRequest, request_data
from inquiry_lens.model.state import Env
from inquiry_lens.rules import packaged_rules
from inquiry_lens.service.runtime import WARM_UP_REQUEST

REPO = Path(__file__).resolve().parents[1]
BUDGET = {"p50_ms": 1.0, "p99_ms": 5.0, "ratio": 4.0, "hostile_ms": 100.0}
GENERATED = 300  # generated request bodies timed, as many as tests/analysis/test_properties.py sends


def corpus() -> list[dict]:
    """The labelled set and the example inquiries, as validated request data."""
    paths = (sorted((REPO / "tests" / "labelled_set").glob("*.json"))
             + sorted((REPO / "tests" / "data" / "examples").glob("*.json")))
    return [request_data(AnalyzeRequest.model_validate(json.loads(p.read_text(encoding="utf-8"))["request"])) for p in paths]


def bare_calls(request: dict, geoip, extract) -> None:
    """What any implementation must do: parse each number, look up the IP, split the domains."""
    buyer = request["buyer"]
    region = None
    for field in ("phone", "mobile", "fax"):
        if buyer.get(field):
            try:
                number = phonenumbers.parse(buyer[field], region)
                phonenumbers.is_valid_number(number)
                phonenumbers.region_code_for_number(number)
            except phonenumbers.NumberParseException:
                pass
    if buyer.get("ip"):
        geoip.lookup(buyer["ip"])
    for value in (buyer.get("email"), buyer.get("website")):
        if value:
            extract(value.rsplit("@", 1)[-1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def answer(body, env: Env) -> None:
    """What the service does with a request body before it is written out: validate it (a refusal is a
    422), then analyse it."""
    try:
        request = request_data(AnalyzeRequest.model_validate(body))
    except (ValidationError, ValueError, TypeError):
        return
    analyze(request, env)


def timed_answer_ms(body, env: Env) -> float:
    started = time.perf_counter()
    answer(body, env)
    return (time.perf_counter() - started) * 1000


def generated_bodies(count: int) -> list:
    """`count` request bodies drawn from the strategy tests/analysis/test_properties.py sends (a fixed seed)."""
    from hypothesis import HealthCheck, Phase, given, seed, settings

    from tests.hostile_inputs import requests

    bodies = []

    @seed(20261126)
    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(body=requests)
    def draw(body):
        bodies.append(body)

    draw()
    return bodies


def measure(rounds: int) -> dict:
    from inquiry_lens.checks.domains import extractor
    from tests.hostile_inputs import every_request

    env = Env(rules=packaged_rules(), geoip=open_geoip(None))
    requests = corpus()
    split = extractor()
    answer(WARM_UP_REQUEST, env)  # warm every lazy table first (the HTML parser too), as `serve` does at start
    for request in requests:
        analyze(request, env)
        bare_calls(request, env.geoip, split)
    core, bare = [], []
    for _ in range(rounds):
        for request in requests:
            started = time.perf_counter()
            analyze(request, env)
            core.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            bare_calls(request, env.geoip, split)
            bare.append((time.perf_counter() - started) * 1000)
    hostile = {name: statistics.median(timed_answer_ms(body, env) for _ in range(3))  # each check's and whole requests
               for name, body in every_request().items()}
    generated = [timed_answer_ms(body, env) for body in generated_bodies(GENERATED)]
    return {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine()},
        "inquiries": len(requests), "rounds": rounds,
        "core_p50_ms": statistics.median(core), "core_p99_ms": percentile(core, 0.99),
        "bare_p50_ms": statistics.median(bare), "ratio_p50": statistics.median(core) / statistics.median(bare),
        "hostile_ms": hostile, "hostile_max_ms": max(hostile.values()),
        "hostile_worst": max(hostile, key=lambda name: hostile[name]),
        "generated": len(generated), "generated_p99_ms": percentile(generated, 0.99), "generated_max_ms": max(generated),
    }


def report(figures: dict, console: Console) -> None:
    table = Table(title=f"analysis core — {figures['inquiries']} inquiries × {figures['rounds']} rounds")
    for column in ("measure", "value", "budget", ""):
        table.add_column(column, justify="right" if column in ("value", "budget") else "left")
    rows = [
        ("core p50", figures["core_p50_ms"], BUDGET["p50_ms"], "ms"),
        ("core p99", figures["core_p99_ms"], BUDGET["p99_ms"], "ms"),
        ("bare library calls p50", figures["bare_p50_ms"], None, "ms"),
        ("core / bare (p50)", figures["ratio_p50"], BUDGET["ratio"], "×"),
        (f"worst hostile input ({len(figures['hostile_ms'])}; {figures['hostile_worst']})", figures["hostile_max_ms"],
         BUDGET["hostile_ms"], "ms"),
        (f"worst generated request ({figures['generated']}, hypothesis)", figures["generated_max_ms"],
         BUDGET["hostile_ms"], "ms"),
    ]
    for name, value, budget, unit in rows:
        verdict = "" if budget is None else ("[green]met[/]" if value <= budget else "[red]not met[/]")
        table.add_row(name, f"{value:.3f} {unit}", "" if budget is None else f"≤ {budget:g} {unit}", verdict)
    console.print(table)


def save(figures: dict, path: Path) -> None:
    """Write one benchmark's figures as JSON (bench/results/ is not committed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "core.json")
    args = parser.parse_args()
    figures = measure(args.rounds)
    report(figures, Console())
    save(figures, args.json)


if __name__ == "__main__":
    main()
