"""Benchmark of the served API (docs/ARCHITECTURE.md, "Budgets"): start-up to first 200, POST /api/v1/analyze
over loopback with concurrent clients against the production server (waitress), and resident
memory after many analyses.

    python -m bench.http [--requests N] [--clients C] [--json PATH]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

from bench.core import REPO, percentile, save

BUDGET = {"p50_ms": 5.0, "p99_ms": 20.0, "rps": 300.0, "start_s": 1.5, "rss_mb": 150.0, "analyze_over_health": 3.0}
RATIO_CLIENTS = 8  # keep-alive clients for the analyze ÷ health ratio
HEALTH = ("GET", "/api/v1/health", None, 200)


def bodies() -> list[bytes]:
    """The labelled set and the shared examples as request bodies (not stored: the store is measured apart)."""
    paths = sorted((REPO / "tests" / "labelled_set").glob("*.json"))
    paths += sorted((REPO / "tests" / "data" / "examples").glob("*.json"))
    out = []
    for path in paths:
        request = json.loads(path.read_text(encoding="utf-8"))["request"]
        request["store"] = False
        out.append(json.dumps(request).encode())
    return out


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`inquiry-lens serve` as a child process on a free port with its own data folder."""

    def __init__(self):
        self.port = free_port()
        self.folder = tempfile.TemporaryDirectory()
        environment = {**os.environ, "INQUIRY_LENS_DATA_DIR": self.folder.name}
        self.started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "-m", "inquiry_lens", "serve", "--port", str(self.port)],
                                        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.start_s = self._first_200()

    def _first_200(self) -> float:
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline:
            try:
                status, _ = request(self.port, "GET", "/api/v1/health")
                if status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.005)
        raise RuntimeError("the server did not answer within 30 s")

    def rss_mb(self) -> float:
        return psutil.Process(self.process.pid).memory_info().rss / 2**20

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.folder.cleanup()


def request(port: int, method: str, path: str, body: bytes | None = None, connection=None):
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
    response = connection.getresponse()
    data = response.read()
    if own:
        connection.close()
    return response.status, data


def load(port: int, payloads: list, total: int, clients: int) -> dict:
    """`total` requests spread over `clients` keep-alive connections; latency of each, wall-clock rate.
    A payload is an analyze body (bytes) or (method, path, body, expected status)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for index in counter:
            payload = payloads[index % len(payloads)]
            method, path, body, expected = (payload if isinstance(payload, tuple)
                                            else ("POST", "/api/v1/analyze", payload, 200))
            started = time.perf_counter()
            status, data = request(port, method, path, body, connection)
            mine.append((time.perf_counter() - started) * 1000)
            if status != expected:
                with lock:
                    errors.append(f"{status} {data[:200]!r}")
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {"requests": total, "clients": clients, "errors": errors, "p50_ms": statistics.median(latencies),
            "p99_ms": percentile(latencies, 0.99), "rps": total / wall}


def analyze_over_health(port: int, payloads: list, total: int) -> dict:
    """HTTP analyze p50 ÷ HTTP health p50 under RATIO_CLIENTS keep-alive clients, on one server in one run:
    what the analysis adds to a request over what any request costs (HTTP, the security gate, JSON).
    Health and analyze alternate three times and each p50 is the median of its three, so a burst of
    other work on the machine lands on both sides."""
    health, analyze = [], []
    for _ in range(3):
        health.append(load(port, [HEALTH], total, RATIO_CLIENTS)["p50_ms"])
        analyze.append(load(port, payloads, total, RATIO_CLIENTS)["p50_ms"])
    health_p50, analyze_p50 = statistics.median(health), statistics.median(analyze)
    return {"clients": RATIO_CLIENTS, "requests": total, "health_p50_ms": health_p50, "analyze_p50_ms": analyze_p50,
            "ratio": analyze_p50 / health_p50}


def measure(total: int, clients: int, memory_analyses: int) -> dict:
    payloads = bodies()
    starts = []
    for _ in range(3):
        server = Server()
        starts.append(server.start_s)
        server.stop()
    server = Server()
    try:
        load(server.port, payloads, 200, clients)  # warm: lazy tables, connection pools
        latency = load(server.port, payloads, max(500, total // 4), os.cpu_count() or 2)
        ratio = analyze_over_health(server.port, payloads, max(400, total // 5))
        rss_before = server.rss_mb()
        figures = load(server.port, payloads, total, clients)
        figures["latency"] = {key: latency[key] for key in ("clients", "requests", "p50_ms", "p99_ms")}
        figures["analyze_over_health"] = ratio
        figures["errors"] += latency["errors"]
        done = total + 200 + latency["requests"] + 3 * ratio["requests"]
        if memory_analyses > done:
            load(server.port, payloads, memory_analyses - done, clients)
        figures.update(start_s=statistics.median(starts), rss_before_mb=rss_before, rss_after_mb=server.rss_mb(),
                       analyses_before_rss=max(memory_analyses, done), cpus=os.cpu_count())
    finally:
        server.stop()
    return figures


def report(figures: dict, console: Console) -> None:
    table = Table(title=f"served API (waitress, loopback) — {figures['cpus']} CPUs")
    for column in ("measure", "value", "budget", ""):
        table.add_column(column, justify="right" if column in ("value", "budget") else "left")
    quiet, ratio = figures["latency"], figures["analyze_over_health"]
    rows = [
        (f"POST /analyze p50, {quiet['clients']} clients", quiet["p50_ms"], BUDGET["p50_ms"], "ms", True),
        (f"POST /analyze p99, {quiet['clients']} clients", quiet["p99_ms"], BUDGET["p99_ms"], "ms", True),
        (f"POST /analyze p50, {figures['clients']} clients", figures["p50_ms"], None, "ms", True),
        (f"POST /analyze p99, {figures['clients']} clients", figures["p99_ms"], None, "ms", True),
        (f"throughput, {figures['clients']} clients", figures["rps"], BUDGET["rps"], "req/s", False),
        (f"analyze p50 ÷ health p50, {ratio['clients']} clients "
         f"({ratio['analyze_p50_ms']:.2f} / {ratio['health_p50_ms']:.2f} ms)", ratio["ratio"], BUDGET["analyze_over_health"],
         "×", True),
        ("start to first 200", figures["start_s"], BUDGET["start_s"], "s", True),
        (f"resident memory after {figures['analyses_before_rss']} analyses", figures["rss_after_mb"], BUDGET["rss_mb"],
         "MB", True),
        ("memory growth under load", figures["rss_after_mb"] - figures["rss_before_mb"], None, "MB", True),
    ]
    for name, value, budget, unit, lower_is_better in rows:
        met = None if budget is None else (value <= budget if lower_is_better else value >= budget)
        verdict = "" if met is None else ("[green]met[/]" if met else "[red]not met[/]")
        sign = "≤" if lower_is_better else "≥"
        table.add_row(name, f"{value:.2f} {unit}", "" if budget is None else f"{sign} {budget:g} {unit}", verdict)
    console.print(table)
    if figures["errors"]:
        console.print(f"[red]{len(figures['errors'])} errors[/], first: {figures['errors'][0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--memory-analyses", type=int, default=10_000)
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "http.json")
    args = parser.parse_args()
    figures = measure(args.requests, args.clients, args.memory_analyses)
    report(figures, Console())
    save(figures, args.json)


if __name__ == "__main__":
    main()
