"""The inquiry history: an interface, and its SQLite implementation in the data folder.

Durability: WAL journal, every write its own transaction committed before the caller answers. With
synchronous=NORMAL a commit is in the WAL file (the operating system's cache) when it returns, so
a killed server loses nothing it acknowledged; only a power cut can lose the last commits, which
FULL would prevent at the cost of a disk flush per inquiry (set INQUIRY_LENS_STORE_SYNC=FULL).
Concurrency: a small pool of connections, each used by one thread at a time; SQLite serialises
writers (BEGIN IMMEDIATE, with a busy timeout), readers never wait for them in WAL mode.
"""
from __future__ import annotations

import json
import logging
import queue
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import Protocol
from uuid import uuid4

from inquiry_lens.history.backfill import ContactChecks
from inquiry_lens.history.schema import MigrationInputs, StoreError, key_rows, migrate

log = logging.getLogger(__name__)
BUSY_TIMEOUT_S = 10.0
POOL_SIZE = 8  # waitress runs 8 threads
CLOSED = "('won', 'lost', 'spam')"  # statuses that end follow-ups, as SQL
SUMMARY = ("id, received_at, analysed_at, platform, status, status_at, follow_up_on, country, category, subtype, "
           "buyer_type, priority, score, level, badge, name, company, email, subject, product")
# The newest inquiries read per key: a buyer with more than this many is a duplicate already, and a
# common company word ("home") must not turn one look-up into a scan of the whole history.
PER_KEY = {"email": 50, "phone": 50, "domain": 50, "company": 50, "company_word": 100, "company_prefix": 100}
IN_CHUNK = 500  # parameters per IN (...) list; old SQLite builds allow 999


class StoreUnavailable(RuntimeError):
    """The history file could not be read or written just now (locked too long, disk full, damaged)."""


class InquiryStore(Protocol):
    """What the app needs from a history; a team server may put another database behind it."""

    def candidates(self, keys: list[tuple[str, str]]) -> dict: ...
    def summaries(self, refs: list, exclude_fingerprint: str | None, limit: int) -> list[dict]: ...
    def record(self, row: dict, keys: list[tuple[str, str]]) -> str: ...
    def batch(self) -> AbstractContextManager: ...
    def get(self, inquiry_id: str) -> dict | None: ...
    def search(self, filters: dict, limit: int, offset: int) -> tuple[list[dict], int]: ...
    def set_status(self, inquiry_id: str, status: str, follow_up_on: str | None, note: str | None,
                   at: str) -> dict | None: ...
    def follow_ups(self, until: date, after: date | None = None) -> list[dict]: ...
    def buyer_countries(self, since: str, per_country: int) -> dict[str, dict]: ...
    def cache_get(self, key: str, now: float) -> dict | None: ...
    def cache_put(self, key: str, value: dict, expires_at: float, now: float) -> None: ...
    def close(self) -> None: ...


def utf8(value):
    """SQLite text must be valid UTF-8; JSON allows lone surrogates (\\ud800), which become '?'."""
    if isinstance(value, str) and not value.isascii():
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def summary(row) -> dict:
    """A stored row as the API's inquiry summary."""
    return {
        "id": row["id"], "received_at": row["received_at"], "analysed_at": row["analysed_at"],
        "platform": row["platform"], "status": row["status"], "status_at": row["status_at"],
        "follow_up_on": row["follow_up_on"], "country": row["country"], "category": row["category"],
        "subtype": row["subtype"], "buyer_type": row["buyer_type"], "priority": row["priority"],
        "credibility": {"score": row["score"], "level": row["level"]}, "badge": row["badge"],
        "buyer": {"name": row["name"], "company": row["company"], "email": row["email"]},
        "subject": row["subject"], "product": row["product"],
    }


class SqliteStore:
    """The history in one SQLite file."""

    def __init__(self, path: Path | str, rules, synchronous: str = "NORMAL", contact_checks: ContactChecks | None = None):
        self.path = Path(path)
        self.rules = rules
        self.synchronous = synchronous.upper() if synchronous.upper() in ("NORMAL", "FULL", "EXTRA") else "NORMAL"
        self._pool: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._closed = threading.Event()
        self._batch = threading.local()
        # Writers of this process queue here: SQLite's own busy wait sleeps a millisecond or more per try.
        self._write_lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self._connection() as conn:
                self.upgraded_from = migrate(conn, MigrationInputs(rules, contact_checks), self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {exc}") from None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":  # e.g. a network drive; still correct, only slower and less concurrent
            log.warning("history file %s cannot use WAL (journal mode %s)", self.path, mode)
        conn.execute(f"PRAGMA synchronous={self.synchronous}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        return conn

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        batch = getattr(self._batch, "conn", None)
        if batch is not None:  # inside batch(): this thread's one open transaction
            yield batch
            return
        if self._closed.is_set():
            raise StoreUnavailable("the history is closed")
        try:
            conn = self._pool.get_nowait()
        except queue.Empty:
            conn = self._connect()
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.rollback()
            if self._closed.is_set() or self._pool.qsize() >= POOL_SIZE:
                conn.close()
            else:
                self._pool.put(conn)

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._connection() as conn:
                yield conn
        except sqlite3.Error as exc:
            raise StoreUnavailable(str(exc)) from exc

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed before it returns (the caller answers only after)."""
        try:
            with self._connection() as conn:
                if getattr(self._batch, "conn", None) is conn:
                    yield conn  # part of the batch's transaction
                    return
                with self._write_lock:
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        yield conn
                        conn.execute("COMMIT")
                    except BaseException:
                        conn.rollback()  # before the next writer may begin
                        raise
        except sqlite3.Error as exc:
            raise StoreUnavailable(str(exc)) from exc

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many writes of this thread in one transaction (batch triage): one commit instead of one per row.
        Reads inside see the batch's own rows, so a buyer twice in one file is a duplicate."""
        try:
            with self._connection() as conn, self._write_lock:
                conn.execute("BEGIN IMMEDIATE")
                self._batch.conn = conn
                try:
                    yield
                    conn.execute("COMMIT")
                except BaseException:
                    conn.rollback()
                    raise
                finally:
                    self._batch.conn = None
        except sqlite3.Error as exc:
            raise StoreUnavailable(str(exc)) from exc

    def candidates(self, keys) -> dict[int, dict]:
        """Stored inquiries sharing any key (newest first per key, capped): seq → {"kinds", "core"}.
        Reads only the key index (a covering primary key), never the inquiry rows."""
        found: dict[int, dict] = {}
        if not keys:
            return found
        one = "SELECT * FROM (SELECT kind, seq, detail FROM buyer_keys WHERE kind = ? AND key = ? ORDER BY seq DESC LIMIT ?)"
        args = [value for kind, key in keys for value in (kind, utf8(key), PER_KEY.get(kind, 50))]
        with self._read() as conn:  # one statement for all keys: each execute costs more than its index look-up
            for kind, seq, detail in conn.execute(" UNION ALL ".join([one] * len(keys)), args):
                entry = found.setdefault(seq, {"kinds": set(), "core": None})
                entry["kinds"].add(kind)
                entry["core"] = entry["core"] or detail
        return found

    def summaries(self, refs, exclude_fingerprint=None, limit=20) -> list[dict]:
        """The inquiries `refs` (from candidates) as summaries with their `ref`, newest first; the one
        with `exclude_fingerprint` (this very inquiry, analysed before) left out."""
        rows = []
        with self._read() as conn:
            for start in range(0, len(refs), IN_CHUNK):
                chunk = refs[start:start + IN_CHUNK]
                rows += conn.execute(f"SELECT seq, fingerprint, {SUMMARY} FROM inquiries WHERE seq IN "
                                     f"({', '.join('?' * len(chunk))})", chunk).fetchall()
        rows = [r for r in rows if not exclude_fingerprint or r["fingerprint"] != exclude_fingerprint]
        rows.sort(key=lambda r: (r["received_at"], r["seq"]), reverse=True)
        return [{**summary(r), "ref": r["seq"]} for r in rows[:limit]]

    def record(self, row: dict, keys) -> str:
        """Insert the analysis, or update the row of the same inquiry analysed before; its id."""
        row = {k: utf8(v) for k, v in row.items()}
        keys = [(kind, utf8(key)) for kind, key in keys]
        with self._write() as conn:
            existing = conn.execute("SELECT seq, id, status FROM inquiries WHERE fingerprint = ?",
                                    (row["fingerprint"],)).fetchone() if row.get("fingerprint") else None
            if existing is None:
                row = {"id": uuid4().hex, **row}
                seq = conn.execute(f"INSERT INTO inquiries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                                   tuple(row.values())).lastrowid
                assert seq is not None  # an INSERT sets it
                conn.execute("INSERT INTO status_history (seq, at, status, follow_up_on) VALUES (?, ?, 'new', ?)",
                             (seq, row["stored_at"], row.get("follow_up_on")))
                inquiry_id = row["id"]
            else:
                seq, inquiry_id = existing["seq"], existing["id"]
                kept = {"stored_at", "fingerprint"} | ({"follow_up_on"} if existing["status"] != "new" else set())
                update = {k: v for k, v in row.items() if k not in kept}
                conn.execute(f"UPDATE inquiries SET {', '.join(f'{k} = ?' for k in update)} WHERE seq = ?",
                             (*update.values(), seq))
                conn.execute("DELETE FROM buyer_keys WHERE seq = ?", (seq,))
            conn.executemany("INSERT OR IGNORE INTO buyer_keys (kind, key, seq, detail) VALUES (?, ?, ?, ?)",
                             key_rows(keys, seq, row.get("company_core")))
        return inquiry_id

    def get(self, inquiry_id: str) -> dict | None:
        """One inquiry in full: summary, the request, the analysis and the status history."""
        with self._read() as conn:
            row = conn.execute(f"SELECT seq, request, analysis, {SUMMARY} FROM inquiries WHERE id = ?",
                               (utf8(inquiry_id),)).fetchone()
            if row is None:
                return None
            history = conn.execute("SELECT at, status, follow_up_on, note FROM status_history WHERE seq = ? "
                                   "ORDER BY at, rowid", (row["seq"],)).fetchall()
        return {**summary(row), "request": json.loads(row["request"]), "analysis": json.loads(row["analysis"]),
                "history": [dict(h) for h in history]}

    def search(self, filters: dict, limit: int, offset: int) -> tuple[list[dict], int]:
        """Newest first; filters: status, category, country (ISO-2), text (already folded)."""
        where, args = [], []
        for column in ("status", "category", "country"):
            if filters.get(column):
                where.append(f"{column} = ?")
                args.append(filters[column])
        if filters.get("text"):
            where.append("instr(search, ?) > 0")
            args.append(utf8(filters["text"]))
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._read() as conn:
            rows = conn.execute(f"SELECT {SUMMARY} FROM inquiries {clause} ORDER BY received_at DESC, seq DESC "
                                "LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
            # A short first page is the whole answer; counting would scan again (a text search reads every row).
            total = len(rows) if offset == 0 and len(rows) < limit else \
                conn.execute(f"SELECT count(*) FROM inquiries {clause}", args).fetchone()[0]
        return [summary(r) for r in rows], total

    def set_status(self, inquiry_id, status, follow_up_on, note, at) -> dict | None:
        """Set the status (and the next follow-up date, None for none) and append it to the history."""
        with self._write() as conn:
            row = conn.execute("SELECT seq FROM inquiries WHERE id = ?", (utf8(inquiry_id),)).fetchone()
            if row is None:
                return None
            conn.execute("UPDATE inquiries SET status = ?, status_at = ?, follow_up_on = ? WHERE seq = ?",
                         (status, at, follow_up_on, row["seq"]))
            conn.execute("INSERT INTO status_history (seq, at, status, follow_up_on, note) VALUES (?, ?, ?, ?, ?)",
                         (row["seq"], at, status, follow_up_on, utf8(note)))
        return self.get(inquiry_id)

    def follow_ups(self, until: date, after: date | None = None) -> list[dict]:
        """Open inquiries whose follow-up date is on or before `until` (and after `after`), soonest first."""
        args: list = [until.isoformat()]
        lower = ""
        if after is not None:
            lower, args = "AND follow_up_on > ? ", [*args, after.isoformat()]
        with self._read() as conn:
            rows = conn.execute(f"SELECT {SUMMARY} FROM inquiries WHERE follow_up_on IS NOT NULL AND follow_up_on <= ? "
                                f"{lower}AND status NOT IN {CLOSED} ORDER BY follow_up_on, received_at LIMIT 500",
                                args).fetchall()
        return [summary(r) for r in rows]

    def buyer_countries(self, since: str, per_country: int) -> dict[str, dict]:
        """Countries of the open, non-spam inquiries received since `since`: buyer count and the newest buyers."""
        alive = "received_at >= ? AND status NOT IN ('lost', 'spam') AND category != 'spam'"
        with self._read() as conn:
            counts = conn.execute(f"SELECT country, count(DISTINCT coalesce(email, company_key, name, id)) FROM inquiries "
                                  f"WHERE country IS NOT NULL AND {alive} GROUP BY country", (since,)).fetchall()
            result = {}
            for country, count in counts:
                rows = conn.execute(f"SELECT id, name, company, email FROM inquiries WHERE country = ? AND {alive} "
                                    "ORDER BY received_at DESC LIMIT ?", (country, since, per_country * 3)).fetchall()
                buyers: list[dict] = []
                seen: set[str] = set()
                for r in rows:
                    who = (r["email"] or r["company"] or r["name"] or r["id"]).lower()
                    if who not in seen and len(buyers) < per_country:
                        seen.add(who)
                        buyers.append({"id": r["id"], "name": r["name"], "company": r["company"]})
                result[country] = {"buyer_count": count, "buyers": buyers}
        return result

    def cache_get(self, key: str, now: float) -> dict | None:
        """A cached lookup result that has not expired by `now` (seconds since the epoch)."""
        with self._read() as conn:
            row = conn.execute("SELECT value FROM lookup_cache WHERE key = ? AND expires_at > ?", (key, now)).fetchone()
        return json.loads(row["value"]) if row else None

    def cache_put(self, key: str, value: dict, expires_at: float, now: float) -> None:
        """Keep a lookup result until `expires_at`; entries expired by `now` are dropped on the way."""
        with self._write() as conn:
            conn.execute("INSERT OR REPLACE INTO lookup_cache (key, value, expires_at) VALUES (?, ?, ?)",
                         (key, json.dumps(value), expires_at))
            conn.execute("DELETE FROM lookup_cache WHERE expires_at <= ?", (now,))

    def close(self) -> None:
        """Close every pooled connection; later calls raise StoreUnavailable."""
        self._closed.set()
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return


def open_store(path: Path | str, rules, synchronous: str = "NORMAL",
               contact_checks: ContactChecks | None = None) -> SqliteStore:
    """The history at `path`, created or upgraded; StoreError with a sentence when it cannot be used.
    `contact_checks` is needed only to upgrade a version-1 file (see schema.MigrationInputs)."""
    return SqliteStore(path, rules, synchronous, contact_checks)
