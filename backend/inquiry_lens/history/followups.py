"""What to follow up (定期关怀): the inquiries due and coming up, and the public holidays of the
buyers' countries in the days ahead with a greeting draft (shared_rules/followups.json, greetings.json).

A holiday comes only from the buyer's own country's calendar, and a greeting only where its
pattern matches that holiday's name, so no buyer is wished a holiday their country does not keep.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache

from inquiry_lens.history.columns import iso
from inquiry_lens.reply.followup_plan import rule_for
from inquiry_lens.reply.reply_deadline import holiday_calendar

CALENDAR_YEARS = range(1950, 2200)  # outside these the holiday library's answers mean nothing
_QUALIFIERS = re.compile(r"\s*\((?:observed|estimated|observed, estimated)\)|\s+Holiday$")


@lru_cache(maxsize=4)
def _greetings(rules) -> list[tuple[list[re.Pattern], dict]]:
    return [([re.compile(p) for p in g["patterns"]], g) for g in rules["greetings"]["greetings"]]


def greeting_for(name: str, rules) -> dict | None:
    """The first greeting whose patterns match a holiday's English name."""
    for patterns, greeting in _greetings(rules):
        if any(p.search(name) for p in patterns):
            return greeting
    return None


def fill(greeting: dict, name: str, day: date, seller: dict) -> dict:
    """The greeting's label and its drafts with the holiday, the year and the seller's company filled in."""
    values = {"{holiday}": _QUALIFIERS.sub("", name).strip(), "{year}": str(day.year),
              "{company}": (seller.get("company") or "").strip() or "[YOUR COMPANY]"}
    drafts = {}
    for lang, text in greeting["draft"].items():
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        drafts[lang] = text
    return {"key": greeting["key"], "label": greeting["label"], "draft": drafts}


def holidays_between(country: str, first: date, last: date, rules) -> list[tuple[date, str]]:
    """The country's public holidays from `first` to `last` inclusive, in date order."""
    language = rules["timing"]["holiday_language"]
    found = []
    for year in range(first.year, last.year + 1):
        found += [(d, n) for d, n in holiday_calendar(country, year, language).items() if first <= d <= last]
    return sorted(found)


def upcoming_holidays(store, rules, seller: dict, today: date, days: int) -> list[dict]:
    """Each holiday ahead in a country with open buyers: its greeting (or none) and who to send it to."""
    spec = rules["followups"]
    if today.year not in CALENDAR_YEARS or (today.year + 1) not in CALENDAR_YEARS:
        return []
    last = today + timedelta(days=days)
    since = iso(datetime.combine(today - timedelta(days=spec["buyer_days"]), time(), timezone.utc))
    listed = []
    for country, buyers in sorted(store.buyer_countries(since, spec["max_buyers"]).items()):
        greeted = set()
        for day, name in holidays_between(country, today, last, rules):
            greeting = greeting_for(name, rules)
            if greeting and greeting["key"] in greeted:
                continue  # the second day or the observed day of a holiday already greeted
            if greeting:
                greeted.add(greeting["key"])
            listed.append({"country": country, "date": day, "name": name, "days_until": (day - today).days,
                           "greeting": fill(greeting, name, day, seller) if greeting else None, **buyers})
    return sorted(listed, key=lambda h: (h["date"], h["country"]))


def _reason(row: dict, rules) -> dict:
    spec = rules["followups"]
    if row["status"] in ("new", "replied"):
        table = "on_arrival" if row["status"] == "new" else "after_reply"
        found = rule_for(spec[table], row["category"], row["subtype"])
        if found:
            return found[1]["reason"]
    return spec["chosen_reason"]


def _item(row: dict, today: date, rules) -> dict:
    overdue = (today - date.fromisoformat(row["follow_up_on"])).days
    return {**row, "days_overdue": overdue, "reason": _reason(row, rules)}


def build(store, rules, seller: dict, today: date, days: int | None = None) -> dict:
    """The follow-up list for `today`: due (today and overdue), upcoming, and the holidays ahead."""
    spec = rules["followups"]
    try:
        ahead = today + timedelta(days=spec["upcoming_days"])
    except OverflowError:  # a date near 9999-12-31 asked for
        ahead = date.max
    return {
        "today": today,
        "due": [_item(r, today, rules) for r in store.follow_ups(until=today)],
        "upcoming": [_item(r, today, rules) for r in store.follow_ups(until=ahead, after=today)] if ahead > today else [],
        "holidays": upcoming_holidays(store, rules, seller, today, days or spec["holiday_days"]),
    }
