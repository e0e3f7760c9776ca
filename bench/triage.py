"""Benchmark of batch triage (docs/ARCHITECTURE.md, "Budgets": ≥ 1,000 inquiries/s) and of the history's cost.

    python -m bench.triage [--rows N] [--stored N] [--json PATH]

1. Triage: a CSV export of N rows built from the labelled set (names and addresses varied so each
   row is its own buyer), read, analysed and sorted as `inquiry-lens triage` does, in its default
   mode (duplicates looked up in the history) and with --store (each row also saved).
2. The history: what one analysis pays for the store (look-up plus record), and the duplicate
   look-up alone with N inquiries already stored.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.core import save
from inquiry_lens.analysis.pipeline import run
from inquiry_lens.checks.geoip import open_geoip
from inquiry_lens.config import default_config
from inquiry_lens.history import followups
from inquiry_lens.history.store import open_store
from inquiry_lens.model.requests import AnalyzeRequest, SellerProfile, request_data
from inquiry_lens.model.state import Env
from inquiry_lens.rules import packaged_rules
from inquiry_lens.service.analysis import Effects, run_with_effects
from inquiry_lens.triage.batch import default_jobs, triage, triage_parallel
from inquiry_lens.triage.sources import collect

REPO = Path(__file__).resolve().parents[1]
BUDGET = {"triage_per_s": 1000.0}
HEADERS = ["询盘时间", "姓名", "公司", "邮箱", "电话", "传真", "国家", "网站", "主题", "询盘内容", "产品", "数量"]
FIELDS = [("inquiry", "received_at"), ("buyer", "name"), ("buyer", "company"), ("buyer", "email"), ("buyer", "phone"),
          ("buyer", "fax"), ("buyer", "country"), ("buyer", "website"), ("inquiry", "subject"), ("inquiry", "message"),
          ("inquiry", "product"), ("inquiry", "quantity")]


def labelled_requests() -> list[dict]:
    paths = sorted((REPO / "tests" / "labelled_set").glob("*.json"))
    return [json.loads(p.read_text(encoding="utf-8"))["request"] for p in paths]


def varied(request: dict, n: int) -> dict:
    """The n-th copy of a labelled request as a different buyer: address, number and the company's first
    word made unique (its other words still shared, as real names share "Home" or "Electric")."""
    copy = json.loads(json.dumps(request, default=str))
    buyer, inquiry = copy.setdefault("buyer", {}), copy.setdefault("inquiry", {})
    if buyer.get("email") and "@" in buyer["email"]:
        local, domain = buyer["email"].rsplit("@", 1)
        buyer["email"] = f"{local}{n}@{domain}" if "gmail" in domain or "yahoo" in domain else f"{local}@b{n}{domain}"
    if buyer.get("website"):
        buyer["website"] = re.sub(r"^(https?://)?(www\.)?", lambda m: f"{m[1] or ''}b{n}", buyer["website"])
    if buyer.get("company"):
        first, _, rest = buyer["company"].partition(" ")
        buyer["company"] = f"{first}{n} {rest}".strip()
    if buyer.get("name"):
        buyer["name"] = f"{buyer['name']} {n}"
    for field in ("phone", "fax"):
        if buyer.get(field):
            buyer[field] = buyer[field][:-3] + f"{n % 1000:03d}"
    inquiry["message"] = f"{inquiry.get('message') or ''} (ref {n})"
    return copy


def write_csv(path: Path, rows: int, first: int = 0) -> None:
    base = labelled_requests()
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(first, first + rows):
            request = varied(base[n % len(base)], n)
            writer.writerow([str((request.get(part) or {}).get(name) or "") for part, name in FIELDS])


def env_for() -> Env:
    return Env(rules=packaged_rules(), geoip=open_geoip(None))


def measure_triage(folder: Path, rows: int) -> dict:
    """Inquiries per second over a CSV export, as `inquiry-lens triage` runs it. --store saves a first
    export into an empty history; the default mode then reads a second export against that history
    (the duplicate look-ups find candidates, as they would in use). The same again in worker processes,
    their start-up included."""
    first, second = folder / "first.csv", folder / "second.csv"
    write_csv(first, rows)
    write_csv(second, rows, first=rows)
    rules = packaged_rules()
    figures = {}
    for mode, export, saving in (("store", first, True), ("look_up", second, False)):
        store = open_store(folder / "data" / "history.sqlite3", rules)
        env, effects = env_for(), Effects(store=store)
        triage(list(collect([str(second)], rules))[:50], env, effects)  # warm the libraries (look-up only: nothing saved)
        started = time.perf_counter()
        outcome = triage(collect([str(export)], rules), env, effects, store=saving)
        elapsed = time.perf_counter() - started
        store.close()
        figures[f"triage_{mode}_per_s"] = len(outcome.rows) / elapsed
        figures[f"triage_{mode}_skipped"] = len(outcome.problems)
    jobs = max(2, default_jobs(rows))
    figures["triage_parallel_jobs"] = jobs
    for mode, export, saving, data in (("store", first, True, "parallel"), ("look_up", second, False, "data")):
        config = {**default_config(), "DATA_DIR": folder / data}
        started = time.perf_counter()
        outcome = triage_parallel(list(collect([str(export)], rules)), config, jobs, store=saving)
        figures[f"triage_parallel_{mode}_per_s"] = len(outcome.rows) / (time.perf_counter() - started)
    return figures


def measure_store(folder: Path, stored: int) -> dict:
    """Per analysis: the pipeline with and without a store; then look-ups alone against `stored` rows."""
    rules = packaged_rules()
    requests = [request_data(AnalyzeRequest.model_validate({**varied(r, i), "store": True}))
                for i, r in enumerate(labelled_requests() * 3)]
    store = open_store(folder / "cost.sqlite3", rules)
    bare, with_store = env_for(), Effects(store=store)
    for request in requests[:20]:
        run(request, bare), run_with_effects(request, bare, with_store)
    plain, stored_ms = [], []
    for request in requests:
        started = time.perf_counter()
        run(request, bare)
        plain.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        run_with_effects(request, bare, with_store)
        stored_ms.append((time.perf_counter() - started) * 1000)
    store.close()

    from inquiry_lens.history.duplicates import buyer_keys, same_buyer
    from inquiry_lens.history.records import fingerprint, record_of

    big = open_store(folder / "big.sqlite3", rules)
    base = labelled_requests()
    states = [run(request_data(AnalyzeRequest.model_validate({**r, "store": False})), bare) for r in base]
    started = time.perf_counter()
    for n in range(stored):  # rows filed straight through the store: the pipeline's own cost is measured above
        base_state = states[n % len(states)]
        state = replace(base_state, buyer=varied({"buyer": base_state.buyer}, n)["buyer"],
                        inquiry={**base_state.inquiry, "message": f"{base_state.inquiry.get('message')} {n}"})
        keys, company = buyer_keys(base_state.checks, state.buyer.get("company"), rules)
        keys = [(k, f"{v}#{n}") if k in ("email", "phone", "domain") else (k, v) for k, v in keys]
        big.record(record_of(state, bare.now(), fingerprint(state), company), keys)
    fill_s = time.perf_counter() - started
    lookups = []
    for state in states * 5:
        keys, company = buyer_keys(state.checks, state.buyer.get("company"), rules)
        started = time.perf_counter()
        matched = same_buyer(big.candidates(keys), company, rules)
        big.summaries(list(matched), None, 20) if matched else None
        lookups.append((time.perf_counter() - started) * 1000)
    listing = {}
    for name, filters in (("list_newest", {}), ("list_by_status", {"status": "new"}),
                          ("list_by_text", {"text": "nobody-writes-this"}), ("list_by_country", {"country": "US"})):
        started = time.perf_counter()
        big.search(filters, 50, 0)
        listing[f"{name}_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    followups.build(big, rules, SellerProfile().model_dump(), date.today())
    listing["followups_ms"] = (time.perf_counter() - started) * 1000
    big.close()
    return {**listing,
        "pipeline_p50_ms": statistics.median(plain), "pipeline_with_store_p50_ms": statistics.median(stored_ms),
        "store_cost_p50_ms": statistics.median(stored_ms) - statistics.median(plain),
        "stored": stored, "fill_per_s": stored / fill_s,
        "lookup_p50_ms": statistics.median(lookups), "lookup_p99_ms": sorted(lookups)[int(0.99 * (len(lookups) - 1))],
    }


def report(figures: dict, console: Console) -> None:
    table = Table(title="batch triage and history")
    for column in ("measure", "value", "budget", ""):
        table.add_column(column, justify="right" if column in ("value", "budget") else "left")
    rows = [
        ("triage (default: duplicates looked up)", figures["triage_look_up_per_s"], "inquiries/s", BUDGET["triage_per_s"]),
        ("triage --store", figures["triage_store_per_s"], "inquiries/s", BUDGET["triage_per_s"]),
        (f"triage in {figures['triage_parallel_jobs']} processes (start-up included)",
         figures["triage_parallel_look_up_per_s"], "inquiries/s", BUDGET["triage_per_s"]),
        (f"triage --store in {figures['triage_parallel_jobs']} processes", figures["triage_parallel_store_per_s"],
         "inquiries/s", BUDGET["triage_per_s"]),
        ("pipeline p50 without store", figures["pipeline_p50_ms"], "ms", None),
        ("pipeline p50 with store (look-up + record)", figures["pipeline_with_store_p50_ms"], "ms", None),
        ("store cost per analysis (p50 difference)", figures["store_cost_p50_ms"], "ms", None),
        (f"duplicate look-up p50 at {figures['stored']:,} stored", figures["lookup_p50_ms"], "ms", None),
        (f"duplicate look-up p99 at {figures['stored']:,} stored", figures["lookup_p99_ms"], "ms", None),
        ("records written per second (filling)", figures["fill_per_s"], "/s", None),
        (f"list, newest 50 of {figures['stored']:,}", figures["list_newest_ms"], "ms", None),
        ("list, filtered by status", figures["list_by_status_ms"], "ms", None),
        ("list, filtered by country", figures["list_by_country_ms"], "ms", None),
        ("list, text search (no match: a full scan)", figures["list_by_text_ms"], "ms", None),
        ("follow-ups with holidays", figures["followups_ms"], "ms", None),
    ]
    for name, value, unit, budget in rows:
        verdict = "" if budget is None else ("[green]met[/]" if value >= budget else "[red]not met[/]")
        table.add_row(name, f"{value:,.3f} {unit}" if unit == "ms" else f"{value:,.0f} {unit}",
                      "" if budget is None else f"≥ {budget:,.0f}", verdict)
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "triage.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = {"rows": args.rows, **measure_triage(Path(folder), args.rows), **measure_store(Path(folder), args.stored)}
    report(figures, Console())
    save(figures, args.json)


if __name__ == "__main__":
    main()
