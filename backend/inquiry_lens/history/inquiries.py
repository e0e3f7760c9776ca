"""The stored history as the API and the CLI use it: the filtered list, one inquiry, a status change."""
from __future__ import annotations

from datetime import datetime, timezone

from inquiry_lens.checks.country_check import resolve_country
from inquiry_lens.history.columns import iso
from inquiry_lens.reply.followup_plan import local_day, plan
from inquiry_lens.text.fold import fold

NO_COUNTRY = "--"  # a country filter nobody matches: an unknown name lists nothing rather than everything


def list_inquiries(store, rules, status=None, category=None, country=None, text=None, limit=50, offset=0) -> dict:
    """One page of the history, newest first; `country` may be a code or a name in any language the rules know."""
    filters = {"status": status, "category": category}
    if country and country.strip():
        filters["country"] = resolve_country(country, rules) or NO_COUNTRY
    if text and text.strip():
        filters["text"] = fold(text.strip(), 200)  # the stored search text is folded the same way
    items, total = store.search(filters, limit, offset)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def next_follow_up(current: dict, status: str, chosen, seller: dict, rules, now: datetime) -> str | None:
    """The follow-up date a status leaves: the date chosen, a new one after a reply, none once closed."""
    if status == "follow_up":
        return chosen.isoformat()
    if status == "replied":
        planned = plan("after_reply", current["category"], current["subtype"], local_day(now, seller), seller,
                       current["country"], rules)
        return planned["on"] if planned else current["follow_up_on"]
    return None  # won, lost, spam: nothing more to chase


def change_status(store, rules, seller: dict, inquiry_id: str, status: str, follow_up_on=None, note=None,
                  now: datetime | None = None) -> dict | None:
    """Set an inquiry's status and append it to its history; None when there is no such inquiry."""
    now = now or datetime.now(timezone.utc)
    current = store.get(inquiry_id)
    if current is None:
        return None
    on = next_follow_up(current, status, follow_up_on, seller, rules, now)
    return store.set_status(inquiry_id, status, on, (note or "").strip() or None, iso(now))
