"""Benchmark of the online checks (docs/ARCHITECTURE.md, "Security and failure model": each look-up
has 2 s, and all run at once; answers are cached), against real DNS and RDAP servers on 127.0.0.1
(tests/online_servers.py), so no figure depends on the network.

    python -m bench.online [--quick] [--json PATH]

1. Bound: one analysis whose DNS server never answers (silent-buyer.com), fresh cache each time. The
   look-ups give up after 2 s (plus the checker's 0.3 s grace) and the verdict comes anyway.
2. Concurrency: three look-ups against a DNS server that waits 1 s before each answer: about 1 s when
   they run at once, 3 s if they queued.
3. Cache: the same analysis a second time, answered from the cache (no question reaches the servers).
"""
from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.table import Table

from bench.core import REPO, save
from inquiry_lens.checks.domain_lookup import TIMEOUT, MemoryCache, OnlineChecker
from inquiry_lens.model.state import Env
from inquiry_lens.rules import packaged_rules
from inquiry_lens.service.analysis import Effects, analyze
from tests.online_servers import INQUIRY_AT, DnsServer, RdapServer

SLOW_DNS_S = 1.0  # the delay of the slow DNS server in the concurrency run
CONCURRENT = ["mx:oldvalve.com", "a:newpump.com", "a:www.oldvalve.com"]
BUDGET = {"unanswered_s": 2.5, "concurrent_s": 1.5, "cached_ms": 5.0}
SIZES = {"full": {"bound_runs": 3, "concurrent_runs": 3, "cached_runs": 50},
         "quick": {"bound_runs": 1, "concurrent_runs": 1, "cached_runs": 10}}


def request(email: str, website: str | None = None) -> dict:
    """A validated request as tests/checks/test_online_check.py sends it."""
    return {"inquiry": {"message": "Please quote 500 pcs of the 2 inch brass ball valve, CE, FOB Ningbo.",
                        "received_at": INQUIRY_AT},
            "buyer": {"name": "Anna Berg", "company": "Berg Trading", "email": email, "website": website}}


T = TypeVar("T")


def timed(call: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def measure_bound(env: Env, dns: DnsServer, rdap: RdapServer, runs: int) -> dict:
    """Seconds for one analysis when the DNS server never answers."""
    seconds, unknown = [], []
    for _ in range(runs):
        checker = OnlineChecker(["127.0.0.1"], dns.port, rdap.base, cache=MemoryCache())
        elapsed, response = timed(partial(analyze, request("anna@silent-buyer.com"), env,
                                          Effects(online=True, checker=checker)))
        seconds.append(elapsed)
        unknown = response["checks"]["online"]["unknown"]
    return {"unanswered_s": statistics.median(seconds), "unanswered_max_s": max(seconds), "unanswered_runs": runs,
            "unanswered_unknown": unknown, "timeout_s": TIMEOUT}


def measure_concurrency(rdap: RdapServer, runs: int) -> dict:
    """Seconds for three look-ups against a DNS server that takes SLOW_DNS_S to answer each."""
    seconds, peaks, statuses = [], [], []
    for _ in range(runs):
        slow = DnsServer(delay=SLOW_DNS_S)
        try:
            checker = OnlineChecker(["127.0.0.1"], slow.port, rdap.base, cache=MemoryCache())
            elapsed, results = timed(partial(checker.run, CONCURRENT))
        finally:
            slow.stop()
        seconds.append(elapsed)
        peaks.append(slow.resolver.peak_in_flight)
        statuses = [result["status"] for result in results.values()]
    return {"concurrent_s": statistics.median(seconds), "concurrent_lookups": len(CONCURRENT),
            "concurrent_dns_delay_s": SLOW_DNS_S, "concurrent_peak_in_flight": min(peaks),
            "concurrent_statuses": statuses, "concurrent_runs": runs}


def measure_cache(env: Env, dns: DnsServer, rdap: RdapServer, runs: int) -> dict:
    """Milliseconds for an analysis whose look-ups are all in the cache, against the first (uncached) one."""
    checker = OnlineChecker(["127.0.0.1"], dns.port, rdap.base, cache=MemoryCache())
    effects = Effects(online=True, checker=checker)
    body = request("anna@oldvalve.com", "www.oldvalve.com")
    first, _ = timed(lambda: analyze(body, env, effects))
    asked = len(dns.resolver.questions), len(rdap.paths)
    cached = [timed(lambda: analyze(body, env, effects))[0] * 1000 for _ in range(runs)]
    return {"first_ms": first * 1000, "cached_ms": statistics.median(cached), "cached_max_ms": max(cached),
            "cached_runs": runs, "cached_asked_again": (len(dns.resolver.questions), len(rdap.paths)) != asked}


def measure(quick: bool) -> dict:
    size = SIZES["quick" if quick else "full"]
    env = Env(rules=packaged_rules())
    analyze(request("warm@example.com"), env)  # lazy tables, as `serve` loads them at start
    dns, rdap = DnsServer(), RdapServer()
    try:
        figures = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                               "processor": platform.processor() or platform.machine()},
                   "mode": "quick" if quick else "full"}
        figures |= measure_bound(env, dns, rdap, size["bound_runs"])
        figures |= measure_concurrency(rdap, size["concurrent_runs"])
        figures |= measure_cache(env, dns, rdap, size["cached_runs"])
    finally:
        dns.stop()
        rdap.stop()
    return figures


def rows(results: dict) -> list[tuple[str, str, str, bool]]:
    """(measure, value, budget, met), as bench/all.py's summary lists them."""
    r = results
    return [
        ("online: analysis, DNS never answers", f"{r['unanswered_s']:.2f} s", f"≤ {BUDGET['unanswered_s']:g} s",
         r["unanswered_s"] <= BUDGET["unanswered_s"]),
        (f"online: {r['concurrent_lookups']} look-ups, DNS answers after {r['concurrent_dns_delay_s']:g} s",
         f"{r['concurrent_s']:.2f} s", f"≤ {BUDGET['concurrent_s']:g} s (at once, not queued)",
         r["concurrent_s"] <= BUDGET["concurrent_s"] and r["concurrent_peak_in_flight"] == r["concurrent_lookups"]),
        ("online: second analysis, from the cache", f"{r['cached_ms']:.2f} ms", f"≤ {BUDGET['cached_ms']:g} ms",
         r["cached_ms"] <= BUDGET["cached_ms"] and not r["cached_asked_again"]),
    ]


def report(figures: dict, console: Console) -> None:
    table = Table(title=f"online checks (DNS and RDAP on 127.0.0.1) — {figures['mode']} run")
    for column in ("measure", "value", "budget", ""):
        table.add_column(column, justify="right" if column in ("value", "budget") else "left")
    for name, value, budget, met in rows(figures):
        table.add_row(name, value, budget, "[green]met[/]" if met else "[red]not met[/]")
    table.add_row("online: first analysis (uncached)", f"{figures['first_ms']:.1f} ms", "", "")
    table.add_row("online: peak look-ups in flight", str(figures["concurrent_peak_in_flight"]), "", "")
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run of each slow measure (CI)")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "online.json")
    args = parser.parse_args()
    figures = measure(args.quick)
    report(figures, Console())
    save(figures, args.json)


if __name__ == "__main__":
    main()
