"""The history file: WAL, migrations from an old file, and no lost writes under concurrent requests."""
from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

import pytest

from inquiry_lens.history import schema as store_schema
from inquiry_lens.history.schema import LATEST, StoreError
from inquiry_lens.history.store import open_store
from inquiry_lens.web.app import create_app
from tests.paths import DATA

V1_SQL = DATA / "store_v1.sql"
V1_IDS = {"7f3c2a9e0b1d4c5e8f6a7b8c9d0e1f20", "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "ffeeddccbbaa99887766554433221100"}


def v1_file(folder: Path) -> Path:
    """A history file exactly as version 1 wrote it, built from the committed SQL script."""
    path = folder / "history.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SQL.read_text(encoding="utf-8"))
    conn.close()
    return path


def versions(path: Path) -> list[int]:
    with sqlite3.connect(path) as conn:
        found = [v for (v,) in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    conn.close()
    return found


def test_a_new_file_runs_every_migration_and_uses_wal(tmp_path, rules):
    store = open_store(tmp_path / "h.sqlite3", rules)
    assert store.upgraded_from == 0
    store.close()
    assert versions(tmp_path / "h.sqlite3") == list(range(1, LATEST + 1))
    with sqlite3.connect(tmp_path / "h.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_version_1_file_is_upgraded_in_place_and_keeps_its_inquiries(tmp_path, rules):
    path = v1_file(tmp_path)
    assert versions(path) == [1]
    app = create_app({"DATA_DIR": tmp_path, "TESTING": True})
    assert versions(path) == list(range(1, LATEST + 1))
    assert (tmp_path / "history.sqlite3.v1.bak").is_file(), "the old file is kept beside the upgraded one"
    client = app.test_client()
    listed = client.get("/api/v1/inquiries").get_json()
    assert {item["id"] for item in listed["items"]} == V1_IDS
    assert [item["received_at"][:10] for item in listed["items"]] == ["2026-04-20", "2026-04-02", "2026-03-12"]
    brightline = client.get("/api/v1/inquiries/7f3c2a9e0b1d4c5e8f6a7b8c9d0e1f20").get_json()
    assert brightline["country"] == "US" and brightline["category"] == "clear_intent"
    assert brightline["priority"] == "reply_now" and brightline["credibility"] == {"score": 86, "level": "trusted"}
    assert [h["status"] for h in brightline["history"]] == ["new", "replied"]
    saudi = client.get("/api/v1/inquiries?country=SA").get_json()["items"]
    assert saudi[0]["buyer"]["company"] == "Al Noor Hypermarkets Co."


def test_old_inquiries_are_found_as_duplicates_after_the_upgrade(tmp_path):
    v1_file(tmp_path)
    client = create_app({"DATA_DIR": tmp_path, "TESTING": True}).test_client()
    body = client.post("/api/v1/analyze", json={"inquiry": {"message": "Any update on the COB strip quote?"},
                                                "buyer": {"email": "MATT@brightlinehome.com"}}).get_json()
    assert [(d["id"], d["matched_on"], d["status"]) for d in body["duplicates"]] == [
        ("7f3c2a9e0b1d4c5e8f6a7b8c9d0e1f20", "email", "replied")]
    by_phone = client.post("/api/v1/analyze", json={"inquiry": {"message": "Kettle samples?"},
                                                    "buyer": {"mobile": "00966 50 123 4567"}}).get_json()
    assert by_phone["duplicates"][0]["id"] == "0a1b2c3d4e5f60718293a4b5c6d7e8f9"


def test_a_failed_migration_leaves_the_file_at_its_old_version(tmp_path, rules, monkeypatch):
    path = v1_file(tmp_path)

    def broken(conn, rules):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(store_schema, "MIGRATIONS", (store_schema.MIGRATIONS[0], broken))
    with pytest.raises(RuntimeError):
        open_store(path, rules)
    assert versions(path) == [1]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM inquiries").fetchone()[0] == 3
    conn.close()


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path, rules):
    path = v1_file(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'later')")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path, rules)


def test_a_file_that_is_not_a_history_is_refused(tmp_path, rules):
    (tmp_path / "other.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        open_store(tmp_path / "other.sqlite3", rules)
    with sqlite3.connect(tmp_path / "foreign.sqlite3") as conn:
        conn.execute("CREATE TABLE photos (x)")
    conn.close()
    with pytest.raises(StoreError, match="not an Inquiry Lens history"):
        open_store(tmp_path / "foreign.sqlite3", rules)


THREADS, PER_THREAD = 8, 200
STATUSES = ("replied", "follow_up", "won", "lost", "spam")


def test_8_threads_x_200_analyses_with_status_updates_lose_no_row_and_no_update(tmp_path):
    app = create_app({"DATA_DIR": tmp_path, "TESTING": True})
    created: list[list[str]] = [[] for _ in range(THREADS)]
    updates: dict[str, list[str]] = {}
    errors: list[str] = []
    start = threading.Barrier(THREADS)

    def worker(n: int) -> None:
        client, pick = app.test_client(), random.Random(n)
        start.wait()
        for i in range(PER_THREAD):
            response = client.post("/api/v1/analyze", json={
                "inquiry": {"subject": f"RFQ {n}-{i}", "message": f"Please quote {100 + i} pcs of item {n}-{i}."},
                "buyer": {"email": f"buyer{n}x{i}@firm{n}.com", "company": f"Firm {n} Ltd"}})
            if response.status_code != 200 or not response.get_json()["id"]:
                errors.append(f"analyse {n}-{i}: {response.status_code}")
                continue
            created[n].append(response.get_json()["id"])
            if i % 2:  # interleave: update one of this thread's own inquiries, so its order is known
                target, status = pick.choice(created[n]), pick.choice(STATUSES)
                body = {"status": status, "note": f"{n}-{i}"}
                if status == "follow_up":
                    body["follow_up_on"] = "2026-12-01"
                changed = client.post(f"/api/v1/inquiries/{target}/status", json=body)
                if changed.status_code != 200:
                    errors.append(f"status {n}-{i}: {changed.status_code}")
                    continue
                updates.setdefault(target, []).append(status)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:5]
    store = app.extensions["inquiry_lens"].store
    assert store.search({}, 1, 0)[1] == THREADS * PER_THREAD
    assert len({i for ids in created for i in ids}) == THREADS * PER_THREAD
    for inquiry_id, statuses in updates.items():
        detail = store.get(inquiry_id)
        assert [h["status"] for h in detail["history"]] == ["new", *statuses], inquiry_id
        assert detail["status"] == statuses[-1]
    with sqlite3.connect(tmp_path / "history.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM status_history").fetchone()[0] == \
            THREADS * PER_THREAD + sum(len(s) for s in updates.values())
    conn.close()


def test_text_that_is_not_valid_utf8_is_stored_not_refused(tmp_path, rules):
    store = open_store(tmp_path / "h.sqlite3", rules)
    row = {"fingerprint": "f", "stored_at": "2026-01-01T00:00:00.000000+00:00",
           "analysed_at": "2026-01-01T00:00:00.000000+00:00", "received_at": "2026-01-01T00:00:00.000000+00:00",
           "platform": "generic", "category": "spam",
           "company": "ACME \ud83d Ltd", "search": "acme \ud800", "request": '{"m": "\udfff"}', "analysis": "{}"}
    inquiry_id = store.record(row, [("email", "a\ud800@b.com"), ("company", "acme \ud83d")])
    assert store.get(inquiry_id)["buyer"]["company"] == "ACME ? Ltd"
    assert list(store.candidates([("email", "a\ud800@b.com")]))
    assert store.search({"text": "\ud800"}, 5, 0)[1] == 1
    store.close()


def test_doctor_reads_the_history_without_changing_it(tmp_path):
    from inquiry_lens.cli.doctor import check_history

    assert check_history({"DATA_DIR": tmp_path}) == (True, f"{tmp_path / 'history.sqlite3'} (made on the first inquiry)")
    v1_file(tmp_path)
    ok, detail = check_history({"DATA_DIR": tmp_path})
    assert ok and "3 inquiries, schema version 1; upgraded to version" in detail
    assert versions(tmp_path / "history.sqlite3") == [1], "doctor only reads"
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "history.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert check_history({"DATA_DIR": damaged})[0] is False
