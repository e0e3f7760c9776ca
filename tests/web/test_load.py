"""Load on the real server over loopback: 2,000 mixed requests from 16 concurrent clients get
their expected answers, and the server's memory does not grow by 20 MB doing it."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("psutil")

from bench.http import Server, bodies, load


def mixed() -> list:
    analyses = bodies()
    return [
        *analyses,
        ("GET", "/api/v1/health", None, 200),
        ("GET", "/api/v1/settings", None, 200),
        ("POST", "/api/v1/extract", json.dumps({"platform": "generic", "html": "<p>Email: a@b.de</p>"}).encode(), 200),
        ("POST", "/api/v1/analyze", b"{", 400),
        ("POST", "/api/v1/analyze", b'{"inquiry": 5}', 422),
        ("GET", "/nothing", None, 404),
    ]


def test_2000_mixed_requests_from_16_clients_all_answer_and_memory_stays_flat():
    server = Server()
    try:
        load(server.port, mixed(), 300, 16)  # warm the lazy tables first
        before = server.rss_mb()
        figures = load(server.port, mixed(), 2000, 16)
        growth = server.rss_mb() - before
    finally:
        server.stop()
    assert figures["errors"] == []
    assert growth < 20, f"memory grew {growth:.1f} MB"
