"""A stranger writes the inquiry: any field however long or strange is answered fast, never with a 500."""
from __future__ import annotations

import time

import pytest

LONG = "x" * 100_000
CASES = {
    "100k message": {"inquiry": {"message": LONG}},
    "100k in every buyer field": {"inquiry": {"message": "hi"}, "buyer": {k: LONG for k in (
        "name", "title", "company", "email", "phone", "mobile", "fax", "website", "address", "country", "ip")}},
    "NUL bytes": {"inquiry": {"subject": "\x00" * 1000, "message": "quote\x00 500\x00pcs" * 1000},
                  "buyer": {"email": "a\x00@b.com", "phone": "+1\x00212\x00555\x000100"}},
    "emoji": {"inquiry": {"message": "🙂🔥📦" * 20_000}, "buyer": {"name": "👨‍👩‍👧" * 100, "email": "😀@😀.com"}},
    "right to left": {"inquiry": {"message": "\u202eمرحبا، نريد عرض سعر لـ 500 قطعة " * 2_000},
                      "buyer": {"company": "\u202eشركة النور للتجارة", "country": "السعودية"}},
    "500 links": {"inquiry": {"message": " ".join(f"https://site{i}.example/login?x={i}" for i in range(500)),
                              "links": [f"http://bit.ly/{i}" for i in range(500)]}},
    "500 attachments": {"inquiry": {"message": "see files", "attachments": [{"name": f"PO_{i}.pdf.exe"} for i in range(500)]}},
    "deep html": {"html": "<div>" * 5_000 + "Email: a@b.com" + "</div>" * 5_000},
    "digits": {"inquiry": {"message": "1" * 100_000, "quantity": "9" * 1000}},
    "separators": {"inquiry": {"message": "1, " * 30_000}},
}


@pytest.fixture
def warm_client(client):
    """A client whose server has loaded its lazy data (as `serve` does in the background at start)."""
    client.application.extensions["inquiry_lens"].warm_up()
    return client


@pytest.mark.parametrize("name", CASES)
def test_hostile_input_is_answered_in_under_100_ms_without_error(warm_client, name):
    client = warm_client
    started = time.perf_counter()
    response = client.post("/api/v1/analyze", json=CASES[name])
    elapsed = time.perf_counter() - started
    assert response.status_code in (200, 413, 422), response.get_json()
    # The 100 ms budget is measured by bench/core.py (shared machines make timed tests flaky); this
    # bound only catches the catastrophic case, a pattern or parse that grows faster than the input.
    if response.status_code == 200:
        assert response.get_json()["elapsed_ms"] < 1000, name
    assert elapsed < 3.0, f"{name}: {elapsed:.3f} s"
