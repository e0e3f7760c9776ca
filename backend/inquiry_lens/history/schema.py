"""The history file's schema, as ordered migrations that upgrade an older file in place.

Each migration runs in its own write transaction together with its row in `schema_version`, so
a file is always at one whole version: a crash mid-upgrade leaves the previous one. A new file
runs them all. Never edit a released migration; add the next one.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from inquiry_lens.history.backfill import ContactChecks, v1_row_to_v2
from inquiry_lens.rules import Rules

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MigrationInputs:
    """What a migration may need besides the file. Migration 2 re-reads old requests through the
    contact checks; the history does not import them (they belong to the analysis above it), so
    whoever opens the store hands them in (service.runtime does)."""

    rules: Rules
    contact_checks: ContactChecks | None = None


class StoreError(RuntimeError):
    """The history file cannot be used (made by a newer version, or not a history file)."""


V1 = """
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
CREATE TABLE inquiries (
    id TEXT PRIMARY KEY,
    stored_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    platform TEXT NOT NULL,
    request TEXT NOT NULL,
    verdict TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    status_at TEXT
);
CREATE INDEX inquiries_received ON inquiries (received_at);
"""

# Version 2: an integer key that VACUUM keeps (the key tables point at it), summary columns to
# filter and list without reading JSON, the buyer keys for duplicates, and the status history.
V2 = """
CREATE TABLE inquiries_v2 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    fingerprint TEXT,
    stored_at TEXT NOT NULL,
    analysed_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    platform TEXT NOT NULL,
    country TEXT,
    category TEXT NOT NULL,
    subtype TEXT,
    buyer_type TEXT,
    priority TEXT,
    score INTEGER,
    level TEXT,
    badge TEXT,
    name TEXT,
    company TEXT,
    email TEXT,
    subject TEXT,
    product TEXT,
    company_key TEXT,
    company_core TEXT,
    search TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new',
    status_at TEXT,
    follow_up_on TEXT,
    request TEXT NOT NULL,
    analysis TEXT NOT NULL
);
CREATE TABLE buyer_keys (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    seq INTEGER NOT NULL REFERENCES inquiries_v2 (seq) ON DELETE CASCADE,
    detail TEXT,  -- for company keys, the name's core: compared without reading the inquiry row
    PRIMARY KEY (kind, key, seq)
) WITHOUT ROWID;
CREATE TABLE status_history (
    seq INTEGER NOT NULL REFERENCES inquiries_v2 (seq) ON DELETE CASCADE,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    follow_up_on TEXT,
    note TEXT
);
"""

V2_INDEXES = """
CREATE UNIQUE INDEX inquiries_fingerprint ON inquiries (fingerprint) WHERE fingerprint IS NOT NULL;
CREATE INDEX inquiries_received ON inquiries (received_at, seq);
CREATE INDEX inquiries_status ON inquiries (status, received_at);
CREATE INDEX inquiries_category ON inquiries (category, received_at);
CREATE INDEX inquiries_country ON inquiries (country, received_at);
CREATE INDEX inquiries_follow_up ON inquiries (follow_up_on) WHERE follow_up_on IS NOT NULL;
CREATE INDEX buyer_keys_seq ON buyer_keys (seq);
CREATE INDEX status_history_seq ON status_history (seq, at);
"""


def _v1(conn: sqlite3.Connection, inputs: MigrationInputs) -> None:
    for statement in V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v2(conn: sqlite3.Connection, inputs: MigrationInputs) -> None:
    """Rebuild the table (SQLite's way to change a primary key) and file every old row under its keys."""
    contact_checks = inputs.contact_checks
    if contact_checks is None and conn.execute("SELECT 1 FROM inquiries LIMIT 1").fetchone():
        raise StoreError("this history file is from version 1; open it through inquiry-lens (serve, analyze, "
                         "triage or followups) to upgrade it")
    for statement in V2.split(";"):
        if statement.strip():
            conn.execute(statement)
    # The key tables were declared against inquiries_v2; after the rename SQLite points them at `inquiries`.
    for old in conn.execute("SELECT * FROM inquiries ORDER BY received_at, id").fetchall():
        assert contact_checks is not None  # checked above: there are rows
        row, keys = v1_row_to_v2(dict(old), inputs.rules, contact_checks)
        columns = ", ".join(row)
        seq = conn.execute(f"INSERT INTO inquiries_v2 ({columns}) VALUES ({', '.join('?' * len(row))})",
                           tuple(row.values())).lastrowid
        assert seq is not None  # an INSERT sets it
        conn.executemany("INSERT OR IGNORE INTO buyer_keys (kind, key, seq, detail) VALUES (?, ?, ?, ?)",
                         key_rows(keys, seq, row["company_core"]))
        # Version 1 kept only the current status: the history is its arrival, then that status.
        conn.execute("INSERT INTO status_history (seq, at, status) VALUES (?, ?, 'new')", (seq, row["stored_at"]))
        if row["status"] != "new":
            conn.execute("INSERT INTO status_history (seq, at, status) VALUES (?, ?, ?)",
                         (seq, row["status_at"] or row["stored_at"], row["status"]))
    conn.execute("DROP TABLE inquiries")
    conn.execute("ALTER TABLE inquiries_v2 RENAME TO inquiries")
    for statement in V2_INDEXES.split(";"):
        if statement.strip():
            conn.execute(statement)


def key_rows(keys: list[tuple[str, str]], seq: int, core: str | None) -> list[tuple[Any, ...]]:
    """buyer_keys rows for one inquiry; company keys carry the name's core."""
    return [(kind, key, seq, core if kind.startswith("company") else None) for kind, key in keys]


# Version 3: what online checks learnt (DNS, RDAP), kept with an expiry so a restart asks again
# only for what has gone stale.
V3 = """
CREATE TABLE lookup_cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at REAL NOT NULL) WITHOUT ROWID
"""


def _v3(conn: sqlite3.Connection, inputs: MigrationInputs) -> None:
    conn.execute(V3)


MIGRATIONS: tuple[Callable[[sqlite3.Connection, MigrationInputs], None], ...] = (_v1, _v2, _v3)
LATEST = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    """The file's schema version; 0 for a new (empty) file."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables:
        if tables:
            raise StoreError("the file holds tables but no schema_version: it is not an Inquiry Lens history file")
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]


def backup(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """A copy of the file before it is upgraded, beside it; a failed or regretted upgrade loses nothing."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    if target.exists():
        return
    with sqlite3.connect(target) as copy:
        conn.backup(copy)
    copy.close()
    log.info("history file at version %d backed up to %s before the upgrade", version, target)


def migrate(conn: sqlite3.Connection, inputs: MigrationInputs, path: Path | None = None) -> int:
    """Bring the file to LATEST, one version per transaction; return the version it started at."""
    started = current_version(conn)
    if started > LATEST:
        raise StoreError(f"the history file is at schema version {started}, newer than this inquiry-lens "
                         f"knows ({LATEST}); upgrade inquiry-lens")
    if 0 < started < LATEST and path is not None:
        backup(conn, path, started)
    for version in range(started + 1, LATEST + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if current_version(conn) >= version:  # another process upgraded it while we waited
                conn.execute("ROLLBACK")
                continue
            MIGRATIONS[version - 1](conn, inputs)
            conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                         (version, datetime.now(timezone.utc).isoformat(timespec="microseconds")))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return started


def inspect_file(path: Path) -> tuple[int, int, str | None]:
    """(schema version, inquiries, problem or None) of a history file, read only: for `doctor`."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        return 0, 0, str(exc)
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            return 0, 0, f"damaged ({check})"
        version = current_version(conn)
        count = conn.execute("SELECT count(*) FROM inquiries").fetchone()[0] if version else 0
        if version > LATEST:
            return version, count, f"schema version {version} is newer than this inquiry-lens knows ({LATEST})"
        return version, count, None
    except (sqlite3.Error, StoreError) as exc:
        return 0, 0, str(exc)
    finally:
        conn.close()
