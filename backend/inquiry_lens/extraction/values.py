"""Values as the contract wants them: a platform's "hidden" mark is absent, a time becomes ISO 8601,
and the buyer's activity figures become numbers, dates and yes/no (shared_rules/extraction.md).
extension/content/extract.js does the same with the same patterns.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

MAX_TEXT = 20_000  # a message longer than this is a page, not an inquiry
ACTIVITY = "buyer.activity."
ACTIVITY_KINDS = {"registered_at": "date", "order_volume": "text", "verified": "flag"}  # the rest are counts
MAX_COUNT = 10**9
# ASCII digits and spaces only: JavaScript's \d and \s differ from Python's, these do not.
COUNT = re.compile(r"^([0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,10})(?![0-9.,])")
DAY = re.compile(r"^([0-9]{4}) *[-/.年] *([0-9]{1,2}) *[-/.月] *([0-9]{1,2})")
MOMENT = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})"
                    r"(?:[ T]+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?:\.[0-9]+)? *(Z|[+-][0-9]{2}:?[0-9]{2})?)?")
EPOCH = re.compile(r"^[0-9]{9,13}$")
YES = {"yes", "true", "1", "verified", "是", "已认证"}
NO = {"no", "false", "0", "unverified", "否", "未认证"}


def _valid_day(year: int, month: int, day: int) -> str | None:
    """`YYYY-MM-DD` for a real calendar day in 1900–2100, else None."""
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def moment(text: str) -> str | None:
    """`2026-11-26 09:12` → `2026-11-26T09:12:00` (an offset is kept); anything else is absent."""
    match = MOMENT.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    day_text = _valid_day(int(year), int(month), int(day))
    if day_text is None or int(hour or 0) > 23 or int(minute or 0) > 59 or int(second or 0) > 59:
        return None
    if offset and offset != "Z" and ":" not in offset:
        offset = f"{offset[:3]}:{offset[3:]}"
    return f"{day_text}T{int(hour or 0):02d}:{int(minute or 0):02d}:{int(second or 0):02d}{offset or ''}"


def activity_value(kind: str, text: str):
    """A platform figure in the type the contract's `buyer.activity` wants, or None."""
    if kind == "text":
        return text[:MAX_TEXT]
    if kind == "flag":
        word = text.lower()
        return True if word in YES else False if word in NO else None
    if kind == "date":
        if EPOCH.match(text):  # the platforms' JSON holds Unix seconds or milliseconds
            seconds = int(text) // 1000 if int(text) >= 10**11 else int(text)
            day = datetime.fromtimestamp(seconds, tz=timezone.utc).date()
            return _valid_day(day.year, day.month, day.day)
        match = DAY.match(text)
        return _valid_day(*(int(part) for part in match.groups())) if match else None
    match = COUNT.match(text)
    number = int(match.group(1).replace(",", "")) if match else None
    return number if number is not None and number <= MAX_COUNT else None


def finish(field: str, text: str, hidden: frozenset[str]):
    """The value as the contract wants it, or None when hidden or unreadable."""
    if text.lower() in hidden:
        return None
    if field == "inquiry.received_at":
        return moment(text)
    if field.startswith(ACTIVITY):
        return activity_value(ACTIVITY_KINDS.get(field[len(ACTIVITY):], "count"), text)
    return text[:MAX_TEXT]
