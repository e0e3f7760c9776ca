"""Batch triage input: CSV exports (columns found by their header names, shared_rules/csv_columns.json)
and folders of .eml/.html/.json/.txt files, each turned into an analyze request.

A row or file that cannot be read becomes an Item with a `problem` and its line number; reading
goes on with the next one, so one bad row never loses the run.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from inquiry_lens.extraction.inputs import InputError, to_request
from inquiry_lens.text.fold import fold

FILE_SUFFIXES = (".eml", ".html", ".htm", ".json", ".txt")
MAX_CSV_BYTES = 512 * 1024 * 1024
MAX_FIELD = 1024 * 1024  # one cell; a bigger one is a broken quote swallowing the file
_BRACKET = re.compile(r"\s*[(（\[][^)）\]]*[)）\]]\s*$")
_KEEP = re.compile(r"[^\W_]+")
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")


@dataclass
class Item:
    """One inquiry to analyse, or the reason it cannot be."""

    source: str
    line: int | None = None
    request: dict | None = None
    problem: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


def header_key(text: str) -> str:
    """A header cell as compared with the rules: folded, without a trailing bracket, spaces or punctuation."""
    return "".join(_KEEP.findall(fold(_BRACKET.sub("", text.strip().lstrip("\ufeff")))))


@lru_cache(maxsize=4)
def _header_table(rules) -> dict[str, str]:
    table: dict[str, str] = {}
    for target, names in rules["csv_columns"]["columns"].items():
        for name in names:
            table.setdefault(header_key(name), target)
    return table


def map_columns(headers: list[str], rules) -> dict[int, str]:
    """Column index → request field ("buyer.email"); the first column named for a field wins."""
    table = _header_table(rules)
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        target = table.get(header_key(header))
        if target and target not in mapping.values():
            mapping[index] = target
    return mapping


def parse_time(text: str) -> str | None:
    """A date as exports write it (2026-11-26 09:12, 2026/11/26, 2026年11月26日 09:12, ISO) as ISO 8601; None if not."""
    value = _CJK_DATE.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", text.strip())
    value = value.replace("/", "-").replace(".", "-", 2) if re.match(r"^\d{4}[/.]", value) else value
    value = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None


def decode(raw: bytes) -> str:
    """CSV bytes as text: UTF-16 (Excel 'Unicode text'), UTF-8 with or without BOM, else GB18030 (Chinese Excel)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def _delimiter(first_line: str) -> str:
    return max((",", ";", "\t"), key=first_line.count)


def _request(cells: list[str], mapping: dict[int, str], platform: str | None, item: Item) -> dict:
    request: dict = {"platform": platform or "generic", "inquiry": {}, "buyer": {}}
    for index, target in mapping.items():
        value = cells[index].strip() if index < len(cells) else ""
        if not value:
            continue
        part, name = target.split(".")
        if name == "received_at":
            parsed = parse_time(value)
            if parsed is None:
                item.notes.append(f"date {value[:40]!r} not understood; taken as received now")
                continue
            value = parsed
        request[part][name] = value
    return request


def read_csv(path: Path, rules, platform: str | None = None) -> Iterator[Item]:
    """One Item per data row, numbered by the line it starts on."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Item(source, problem=f"cannot read: {exc.strerror or exc}")
        return
    if len(raw) > MAX_CSV_BYTES:
        yield Item(source, problem=f"over {MAX_CSV_BYTES // 1024 // 1024} MiB; split the export")
        return
    text = decode(raw)
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]), strict=True)
    mapping: dict[int, str] | None = None
    width = 0
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Item(source, start, problem=f"malformed CSV: {exc}")
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if mapping is None:
            mapping, width = map_columns(cells, rules), len(cells)
            if not {"inquiry.message", "inquiry.subject"} & set(mapping.values()):
                yield Item(source, line, problem="no message or subject column; headers found: "
                                                 + ", ".join(c.strip()[:30] for c in cells[:20]))
                return
            continue
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            yield Item(source, line, problem=f"{len(cells)} cells where the header has {width}: a stray delimiter or quote")
            continue
        item = Item(source, line)
        item.request = _request(cells, mapping, platform, item)
        if not (item.request["inquiry"].get("message") or item.request["inquiry"].get("subject")):
            item.request, item.problem = None, "no message and no subject"
        yield item


def read_file(path: Path, platform: str | None = None) -> Item:
    """One inquiry file (.eml, .html, .json, .txt) through the same reader as `inquiry-lens analyze`."""
    try:
        return Item(str(path), request=to_request(path.name, path.read_bytes(), platform))
    except InputError as exc:
        return Item(str(path), problem=str(exc))
    except OSError as exc:
        return Item(str(path), problem=f"cannot read: {exc.strerror or exc}")


def collect(paths: list[str], rules, platform: str | None = None) -> Iterator[Item]:
    """Every inquiry in the CSV files, inquiry files and folders given, in order; folders are read recursively."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
                           and p.suffix.lower() in (*FILE_SUFFIXES, ".csv"))
        elif path.is_file():
            files = [path]
        else:
            yield Item(given, problem="no such file or folder")
            continue
        for file in files:
            if file.suffix.lower() == ".csv":
                yield from read_csv(file, rules, platform)
            else:
                yield read_file(file, platform)
