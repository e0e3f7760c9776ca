"""The next follow-up date (定期关怀) from shared_rules/followups.json: suggested for potential buyers
when an inquiry is analysed, set again when it is marked replied."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from inquiry_lens.checks.country_check import seller_country
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.reply.reply_deadline import buyer_day_off, holiday_calendar

MAX_SHIFT = 21  # a run of days off longer than three weeks does not exist; stop looking


def rule_for(table: dict, category: str | None, subtype: str | None) -> tuple[str, dict] | None:
    """The entry for 'category/subtype', else for the category; None when the category has none."""
    for key in (f"{category}/{subtype}" if subtype else None, category):
        if key and key in table:
            return key, table[key]
    return None


def working_day(day: date, seller: dict, country: str | None, rules) -> date:
    """`day`, or the next day that is a work day for the seller and not a day off for the buyer."""
    home = seller_country(seller.get("timezone"), rules)
    workdays = set(seller.get("workdays") or (1, 2, 3, 4, 5))
    language = rules["timing"]["holiday_language"]
    for _ in range(MAX_SHIFT):
        seller_off = day.isoweekday() not in workdays or (home and day in holiday_calendar(home, day.year, language))
        if not seller_off and not buyer_day_off(country, day, rules):
            return day
        day += timedelta(days=1)
    return day


def plan(table_name: str, category: str | None, subtype: str | None, start: date, seller: dict,
         country: str | None, rules) -> dict | None:
    """{"on", "rule", "reason"} for the next follow-up counted from `start`, or None when the rules give none."""
    found = rule_for(rules["followups"][table_name], category, subtype)
    if found is None:
        return None
    key, entry = found
    day = working_day(start + timedelta(days=entry["days"]), seller, country, rules)
    return {"on": day.isoformat(), "rule": f"{table_name}:{key}", "reason": entry["reason"]}


def local_day(moment: datetime, seller: dict) -> date:
    """The date `moment` falls on in the seller's time zone."""
    return moment.astimezone(ZoneInfo(seller.get("timezone") or "Asia/Shanghai")).date()


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """reply.follow_up: the suggested first follow-up for this buyer, counted from the arrival."""
    intent = state.verdict["intent"]
    seller = state.seller
    state.reply["follow_up"] = plan("on_arrival", intent["category"], intent["subtype"],
                                       local_day(state.received_at, seller), seller, state.buyer_country,
                                       env.rules)
    return state
