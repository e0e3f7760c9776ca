"""When to answer: the same-day principle from the seller's working day (DESIGN.md 4.4).

The effective start is the arrival, or the next work-hours start when it came outside them; the
reply is due by the seller's end of that working day. Spam gets no deadline.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


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
    return datetime.combine(day, start, tzinfo=zone)


def end_of_day(moment: datetime, seller: dict) -> datetime:
    """The seller's end of the working day that `moment` falls in."""
    return datetime.combine(moment.date(), _clock(seller["workday_end"]), tzinfo=moment.tzinfo)


def stage(state: dict, env) -> dict:
    """Priority from the intent; reply-by and send window from the seller's working day."""
    timing = env.rules["timing"]
    reply = state["reply"]
    category = state["verdict"]["intent"]["category"]
    reply["priority"] = timing["priority_by_category"][category]
    if reply["priority"] == "do_not_engage":
        return state
    start = effective_start(state["received_at"], state["seller"])
    reply_by = end_of_day(start, state["seller"])
    reply["rule"] = timing["default_rule"]
    reply["reply_by"] = reply_by.isoformat()
    reply["send_window"] = {"start": start.isoformat(), "end": reply_by.isoformat()}
    return state
