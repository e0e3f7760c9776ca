"""When to answer (docs/ARCHITECTURE.md, "Reply timing"): the rule for the buyer's country, reply_by and the send window.

Everything starts at the seller's effective start: the arrival, or the next work-hours start when
it came outside them. Every deadline is capped at the seller's end of that working day (the
same-day principle). The rule data, the buyer zones and the weekends live in timing.json, whose
description records how the edge cases are decided. Spam gets no deadline at all.

Arithmetic is done on UTC instants: an aware datetime plus a timedelta in Python adds wall-clock
time, which is wrong across a daylight-saving change. Wall-clock times (the seller's 18:00, the
buyer's 09:00) are placed with `_wall` in their own zone on their own date.
"""
from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays

from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.rules import Rules, RulesError

UTC = timezone.utc
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# ZoneInfo keeps only the 8 zones used last alive; buyers span dozens, and a dropped zone is read
# from disk again (about 0.3 ms), so every zone read once stays loaded.
_zone = lru_cache(maxsize=None)(ZoneInfo)


@lru_cache(maxsize=256)
def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _wall(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The UTC instant at which `zone`'s clocks show `clock` on `day`.

    A time skipped by a spring-forward change comes out an hour later on the wall (fold=0 reads it
    with the offset from before the change); a repeated autumn time is its first occurrence.
    """
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def effective_start(received: datetime, seller: dict) -> datetime:
    """The arrival in the seller's zone, moved to the next work-hours start if outside them."""
    zone = ZoneInfo(seller["timezone"])
    start, end = _clock(seller["workday_start"]), _clock(seller["workday_end"])
    local = received.astimezone(zone)
    workdays = set(seller["workdays"]) or {1, 2, 3, 4, 5}
    if local.isoweekday() in workdays and start <= local.time() < end:
        return local
    day = local.date() if local.time() < start else local.date() + timedelta(days=1)
    while day.isoweekday() not in workdays:
        day += timedelta(days=1)
    return _wall(day, start, zone).astimezone(zone)


def end_of_day(moment: datetime, seller: dict) -> datetime:
    """The seller's end of the working day that `moment` (in the seller's zone) falls in."""
    zone = ZoneInfo(seller["timezone"])
    return _wall(moment.astimezone(zone).date(), _clock(seller["workday_end"]), zone).astimezone(zone)


def rfc3339(moment: datetime) -> str:
    """ISO 8601 as RFC 3339 allows it: a zone offset in whole minutes (old local mean times have
    seconds, e.g. Shanghai's +08:05:43 before 1901), else the instant in UTC."""
    offset = moment.utcoffset()
    if offset is not None and offset.total_seconds() % 60:
        moment = moment.astimezone(UTC)
    return moment.isoformat()


def _next_clock(after: datetime, clock: time, zone: ZoneInfo) -> datetime:
    """The first moment strictly after `after` at which `zone`'s clocks show `clock`."""
    day = after.astimezone(zone).date()
    today = _wall(day, clock, zone)
    return today if today > after else _wall(day + timedelta(days=1), clock, zone)


def deadline(start: datetime, seller: dict, rule: dict, buyer_zone: str | None) -> tuple[datetime, datetime]:
    """reply_by and the send window's start for one rule of timing.json, both in the seller's zone.

    `start` is the effective start. Without a buyer zone a buyer-clock rule falls back to the
    seller's end of day (it cannot happen for the countries listed: each has a zone).
    """
    zone = ZoneInfo(seller["timezone"])
    begin = start.astimezone(UTC)
    close = end_of_day(start, seller).astimezone(UTC)
    how = rule["reply_by"]
    due = close
    if "hours_after_start" in how:
        due = min(close, begin + timedelta(hours=how["hours_after_start"]))
    elif "buyer_clock" in how and buyer_zone:
        due = min(close, _next_clock(begin, _clock(how["buyer_clock"]), _zone(buyer_zone)))
    window = rule["send_window"]
    opens = begin if "from_start" in window else max(begin, due - timedelta(hours=window["hours_before"]))
    return due.astimezone(zone), opens.astimezone(zone)


@lru_cache(maxsize=4)
def rule_by_country(rules) -> dict[str, str]:
    """ISO-2 -> rule name, built once per rules version; a country in two rules is a rules fault."""
    table: dict[str, str] = {}
    for name, rule in rules["timing"]["rules"].items():
        for code in rule["countries"]:
            if code in table:
                raise RulesError(f"shared_rules/timing.json: $.rules.{name}.countries: {code} is already in {table[code]}")
            table[code] = name
    return table


def rule_for(country: str | None, rules) -> str:
    """The rule name for a buyer country (None when unknown)."""
    return rule_by_country(rules).get(country or "", rules["timing"]["default_rule"])


@lru_cache(maxsize=1)
def zone_table() -> dict[str, str]:
    """ISO-2 -> the first zone zone.tab lists for it: the system's copy, else the tzdata package's (Windows)."""
    text = None
    for folder in zoneinfo.TZPATH:
        try:
            text = (Path(folder) / "zone.tab").read_text(encoding="utf-8")
            break
        except OSError:
            continue
    if text is None:
        try:
            text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
        except (ModuleNotFoundError, OSError):
            return {}
    table: dict[str, str] = {}
    for line in text.splitlines():
        cols = line.split("\t")
        if not line.startswith("#") and len(cols) >= 3:
            table.setdefault(cols[0], cols[2])
    return table


def known_zone(name) -> bool:
    """Whether `name` is an IANA zone this machine knows (input from other stages may be anything)."""
    return isinstance(name, str) and bool(name) and _zone_exists(name)


@lru_cache(maxsize=1024)
def _zone_exists(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def main_zone(country: str | None, rules) -> str | None:
    """A country's main zone: timing.json's override, else zone.tab's first; None when unknown."""
    if not country:
        return None
    zone = rules["timing"]["main_timezone"].get(country) or zone_table().get(country)
    return zone if known_zone(zone) else None


def buyer_timezone(state: AnalysisState, rules: Rules) -> str | None:
    """The phone's (then the mobile's) single zone, else the IP's, when from the buyer's country;
    else the country's main zone. A number or IP from elsewhere says nothing about where the buyer
    of this country sits, so it is not used."""
    country = state.buyer_country
    if not country:
        return None
    checks = state.checks
    for found in (checks.get("phone"), checks.get("mobile")):
        check = found or {}
        zones = check.get("timezones") or []
        if check.get("valid") and check.get("region") == country and len(zones) == 1 and known_zone(zones[0]):
            return zones[0]
    ip = checks.get("ip") or {}
    if ip.get("country") == country and known_zone(ip.get("timezone")):
        return ip["timezone"]
    return main_zone(country, rules)


@lru_cache(maxsize=512)
def holiday_calendar(country: str, year: int, language: str) -> dict[date, str]:
    """One country's national public holidays for one year, as a plain dict (built once: ~1 ms)."""
    try:
        calendar = holidays.country_holidays(country, years=year)
    except NotImplementedError:  # a country the library does not cover
        return {}
    if language in calendar.supported_languages and calendar.default_language != language:
        calendar = holidays.country_holidays(country, years=year, language=language)
    return dict(calendar)


def buyer_day_off(country: str | None, day: date, rules) -> str | None:
    """Why `day` is a day off in `country` ("2026-12-25 Christmas Day in DE", "Friday is the weekend
    in SA"), or None on a working day or for an unknown country."""
    if not country:
        return None
    timing = rules["timing"]
    name = holiday_calendar(country, day.year, timing["holiday_language"]).get(day)
    if name:
        return f"{day.isoformat()} {name} in {country}"
    weekends = timing["weekends"]
    if day.isoweekday() in weekends["countries"].get(country, weekends["default"]):
        return f"{WEEKDAY_NAMES[day.weekday()]} is the weekend in {country}"
    return None


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Priority from the intent; rule, buyer zone, reply_by and send window; BUYER_HOLIDAY on the reply day."""
    rules = env.rules
    timing = rules["timing"]
    reply = state.reply
    reply["priority"] = timing["priority_by_category"][state.verdict["intent"]["category"]]
    if reply["priority"] == "do_not_engage":
        return state
    seller = state.seller
    country = state.buyer_country
    name = rule_for(country, rules)
    zone = buyer_timezone(state, rules)
    start = effective_start(state.received_at, seller)
    reply_by, opens = deadline(start, seller, timing["rules"][name], zone)
    reply.update({"rule": name, "buyer_timezone": zone, "reply_by": rfc3339(reply_by),
                  "send_window": {"start": rfc3339(opens), "end": rfc3339(reply_by)}})
    if zone:
        theirs = _zone(zone)
        reply["buyer_window"] = {"start": rfc3339(opens.astimezone(theirs)), "end": rfc3339(reply_by.astimezone(theirs))}
    reply_day = reply_by.astimezone(_zone(zone)).date() if zone else reply_by.date()
    day_off = buyer_day_off(country, reply_day, rules)
    if day_off:
        add_signal(state, env, "BUYER_HOLIDAY", day_off)
    return state
