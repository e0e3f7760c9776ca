"""How values are written into the history's columns: instants as sortable text, JSON cells, the
folded text the search filter looks in. Shared by the store, its records and its migrations."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from inquiry_lens.model.encoding import to_json_text
from inquiry_lens.text.fold import fold

SEARCH_LIMIT = 4000  # characters of folded text the text filter searches per inquiry


def iso(moment: datetime) -> str:
    """A UTC instant as fixed-width ISO 8601, so stored times sort as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def dumps(data: Any) -> str:
    """Compact JSON for the stored request and analysis; times as ISO 8601 (the same writer as the API's)."""
    return to_json_text(data)


def search_text(inquiry: dict, buyer: dict) -> str:
    """The folded words the `text` filter looks in: subject, product, message, buyer name, company, e-mail."""
    parts = [inquiry.get("subject"), inquiry.get("product"), buyer.get("name"), buyer.get("company"),
             buyer.get("email"), inquiry.get("message")]
    return fold(" ".join(p for p in parts if isinstance(p, str)), SEARCH_LIMIT)
