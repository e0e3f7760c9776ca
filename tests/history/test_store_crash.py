"""The real server killed with SIGKILL in the middle of writes: on restart the history file is
whole and holds every write that was acknowledged (an id sent back, a status answered 200)."""
from __future__ import annotations

import http.client
import json
import signal
import sqlite3
import sys
import threading
import time

import pytest

from tests.servers import free_port, start, wait_ready

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
JSON = {"Content-Type": "application/json"}


def post(port: int, path: str, body: dict) -> tuple[int, dict | None]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST", path, body=json.dumps(body), headers=JSON)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        connection.close()


def get(port: int, path: str) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    body = json.loads(connection.getresponse().read())
    connection.close()
    return body


def test_sigkill_during_writes_loses_no_acknowledged_write(tmp_path):
    port = free_port()
    server = start(tmp_path, "--port", str(port))
    wait_ready(port, server)
    acknowledged: dict[str, list[str]] = {}  # id -> the statuses acknowledged for it, in order
    lock, stop = threading.Lock(), threading.Event()

    def writer(n: int) -> None:
        i = 0
        while not stop.is_set():
            try:
                status, body = post(port, "/api/v1/analyze", {
                    "inquiry": {"subject": f"RFQ {n}-{i}", "message": f"Quote {i} pcs of part {n}-{i}, FOB Ningbo"},
                    "buyer": {"email": f"w{n}-{i}@crash-test-{n}.com"}})
                if status == 200 and body["id"]:
                    with lock:
                        acknowledged[body["id"]] = []
                    status, _ = post(port, f"/api/v1/inquiries/{body['id']}/status", {"status": "replied"})
                    if status == 200:
                        with lock:
                            acknowledged[body["id"]].append("replied")
            except (OSError, http.client.HTTPException, ValueError):
                return  # the server is gone: what was acknowledged before is what counts
            i += 1

    writers = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in writers:
        thread.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 80 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.send_signal(signal.SIGKILL)  # mid-write: the writers are still sending
    server.wait(timeout=10)
    stop.set()
    for thread in writers:
        thread.join(timeout=15)
    assert len(acknowledged) >= 20, "too few writes before the kill to prove anything"

    path = tmp_path / "data" / "history.sqlite3"
    restarted = start(tmp_path, "--port", str(port))
    try:
        wait_ready(port, restarted)
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        for inquiry_id, statuses in acknowledged.items():
            detail = get(port, f"/api/v1/inquiries/{inquiry_id}")
            assert detail.get("id") == inquiry_id, f"acknowledged inquiry {inquiry_id} lost"
            assert [h["status"] for h in detail["history"]][:1 + len(statuses)] == ["new", *statuses]
    finally:
        restarted.send_signal(signal.SIGINT)
        restarted.wait(timeout=10)
