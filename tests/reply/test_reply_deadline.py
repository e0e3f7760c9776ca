"""Reply timing (docs/ARCHITECTURE.md, "Reply timing"): the effective start and the deadline from the seller's
working day."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from inquiry_lens.reply import reply_deadline
from inquiry_lens.rules import RulesError
from tests.paths import RULES

SHANGHAI = ZoneInfo("Asia/Shanghai")
SELLER = {"timezone": "Asia/Shanghai", "workday_start": "09:00", "workday_end": "18:00", "workdays": [1, 2, 3, 4, 5]}


@pytest.mark.parametrize("received, start", [
    ("2026-11-26T10:30:00+08:00", "2026-11-26T10:30:00+08:00"),  # Thursday, in hours
    ("2026-11-26T07:10:00+08:00", "2026-11-26T09:00:00+08:00"),  # before work
    ("2026-11-26T18:00:00+08:00", "2026-11-27T09:00:00+08:00"),  # at the end of the day
    ("2026-11-27T20:00:00+08:00", "2026-11-30T09:00:00+08:00"),  # Friday evening → Monday
    ("2026-11-28T11:00:00+08:00", "2026-11-30T09:00:00+08:00"),  # Saturday
    ("2026-11-26T02:30:00+00:00", "2026-11-26T10:30:00+08:00"),  # another zone, converted
])
def test_the_effective_start_is_the_arrival_or_the_next_work_hours_start(received, start):
    assert reply_deadline.effective_start(datetime.fromisoformat(received), SELLER) == datetime.fromisoformat(start)


def test_the_reply_is_due_by_the_sellers_end_of_that_day(make_state, env):
    state = make_state({"inquiry": {"message": "x", "received_at": "2026-11-26T07:10:00+08:00"}, "seller": SELLER})
    reply = reply_deadline.stage(state, env).reply
    assert reply["reply_by"] == "2026-11-26T18:00:00+08:00"
    assert reply["send_window"]["start"] == "2026-11-26T09:00:00+08:00"


def test_spam_gets_no_deadline(make_state, env):
    state = make_state({"inquiry": {"message": "x"}, "seller": SELLER})
    state.verdict["intent"]["category"] = "spam"
    reply = reply_deadline.stage(state, env).reply
    assert reply["priority"] == "do_not_engage" and reply["reply_by"] is None


def test_a_bare_local_arrival_time_is_the_sellers_clock(make_state):
    state = make_state({"inquiry": {"message": "x", "received_at": "2026-11-26T10:00:00"}, "seller": SELLER})
    assert state.received_at == datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)


# --- the rules of docs/ARCHITECTURE.md, "Reply timing", as shared vectors (shared_rules/tests/reply_deadline.json) ---

VECTORS = json.loads((RULES / "tests" / "reply_deadline.json").read_text(encoding="utf-8"))["cases"]


def run_vector(make_state, env, given: dict) -> dict:
    state = make_state({"inquiry": {"message": "x", "received_at": given["received_at"]},
                        "seller": {**SELLER, **given.get("seller", {})}})
    state.buyer_country = given["buyer_country"]
    for name in ("phone", "mobile", "ip"):
        state.checks[name] = given.get(name)
    state.verdict["intent"]["category"] = given.get("category", "no_clear_target")
    return reply_deadline.stage(state, env)


@pytest.mark.parametrize("case", VECTORS, ids=[case["name"] for case in VECTORS])
def test_reply_deadline_vectors(make_state, env, case):
    state = run_vector(make_state, env, case["input"])
    reply, expect = state.reply, case["expect"]
    holiday = [s["evidence"] for s in state.signals if s["code"] == "BUYER_HOLIDAY"]
    got = {key: reply[key] for key in ("priority", "rule", "reply_by", "send_window", "buyer_timezone")}
    got["buyer_holiday"] = holiday[0] if holiday else None
    assert got == expect


def test_spam_sets_nothing_but_the_priority(make_state, env):
    state = run_vector(make_state, env, {"received_at": "2026-12-25T09:30:00+08:00", "buyer_country": "DE",
                                         "category": "spam"})
    assert state.reply == {**make_state({"inquiry": {"message": "x"}}).reply, "priority": "do_not_engage"}
    assert state.signals == []


def test_the_vectors_cover_every_rule_and_the_asked_situations():
    rules = {case["expect"]["rule"] for case in VECTORS}
    assert rules >= {"NEAR_ASIA_2H", "EUROPE_BUYER_MORNING", "AMERICAS_SAME_DAY", "SAME_DAY", None}
    for rule in ("NEAR_ASIA_2H", "EUROPE_BUYER_MORNING", "AMERICAS_SAME_DAY", "SAME_DAY"):
        times = {case["input"]["received_at"][11:16] for case in VECTORS if case["expect"]["rule"] == rule}
        assert {"07:10", "17:30"} <= times, rule
        saturdays = [c for c in VECTORS if c["expect"]["rule"] == rule
                     and datetime.fromisoformat(c["input"]["received_at"]).isoweekday() == 6]
        assert saturdays, rule


# --- pieces ---

@pytest.mark.parametrize("received, summer", [("2026-07-16T09:30:00+08:00", "15:00"),
                                              ("2026-11-26T09:30:00+08:00", "16:00")])
def test_a_french_buyer_at_0930_shanghai_is_due_by_their_0900(received, summer, rules):
    start = reply_deadline.effective_start(datetime.fromisoformat(received), SELLER)
    rule = rules["timing"]["rules"]["EUROPE_BUYER_MORNING"]
    due, _ = reply_deadline.deadline(start, SELLER, rule, "Europe/Paris")
    assert due.strftime("%H:%M") == summer and due.astimezone(ZoneInfo("Europe/Paris")).strftime("%H:%M") == "09:00"


@pytest.mark.parametrize("country, day, said", [
    ("US", date(2026, 11, 26), "2026-11-26 Thanksgiving Day in US"),
    ("DE", date(2026, 12, 25), "2026-12-25 Christmas Day in DE"),
    ("SA", date(2026, 11, 27), "Friday is the weekend in SA"),
    ("SA", date(2026, 11, 29), None),                      # Sunday is a working day there
    ("AE", date(2026, 11, 27), None),                      # Saturday-Sunday since 2022
    ("AE", date(2026, 11, 28), "Saturday is the weekend in AE"),
    ("IL", date(2026, 11, 27), "Friday is the weekend in IL"),
    ("IR", date(2026, 11, 26), None),
    ("BN", date(2026, 11, 29), "Sunday is the weekend in BN"),
    ("DE", date(2026, 11, 26), None),
    ("DE", date(2027, 1, 1), "2027-01-01 New Year's Day in DE"),   # the year comes from the day
    ("XK", date(2026, 11, 28), "Saturday is the weekend in XK"),   # no holiday calendar: the weekend still counts
    (None, date(2026, 11, 28), None),
])
def test_buyer_day_off(country, day, said, rules):
    assert reply_deadline.buyer_day_off(country, day, rules) == said


def test_every_listed_country_has_a_zone_and_one_rule(rules):
    table = reply_deadline.rule_by_country(rules)
    assert sum(len(r["countries"]) for r in rules["timing"]["rules"].values()) == len(table)
    for country in table:
        assert reply_deadline.main_zone(country, rules), country
    for country, zone in rules["timing"]["main_timezone"].items():
        assert reply_deadline.known_zone(zone), country
    assert reply_deadline.rule_for("GB", rules) == "EUROPE_BUYER_MORNING"
    assert reply_deadline.rule_for("RU", rules) == "EUROPE_BUYER_MORNING"
    assert reply_deadline.rule_for("JM", rules) == "AMERICAS_SAME_DAY"
    assert reply_deadline.rule_for("CN", rules) == reply_deadline.rule_for(None, rules) == "SAME_DAY"


def test_a_country_in_two_rules_is_a_rules_fault(rules):
    class Twice(dict):  # a rules stand-in, hashable like Rules
        __hash__ = object.__hash__
    broken = Twice(timing={**rules["timing"], "rules": {**rules["timing"]["rules"], "SAME_DAY": {
        **rules["timing"]["rules"]["SAME_DAY"], "countries": ["DE"]}}})
    with pytest.raises(RulesError, match=r"\$\.rules\.SAME_DAY\.countries: DE is already in EUROPE_BUYER_MORNING"):
        reply_deadline.rule_by_country(broken)


def test_a_start_time_skipped_by_a_dst_change_moves_forward():
    seller = {**SELLER, "timezone": "America/New_York", "workday_start": "02:30", "workdays": [7]}
    start = reply_deadline.effective_start(datetime(2026, 3, 7, 12, 0, tzinfo=timezone.utc), seller)
    assert start.isoformat() == "2026-03-08T03:30:00-04:00"


def test_a_zone_no_machine_knows_falls_back_to_the_country_s(make_state, env):
    state = run_vector(make_state, env, {"received_at": "2026-11-19T09:30:00+08:00", "buyer_country": "US",
                                         "ip": {"country": "US", "timezone": "Not/AZone"},
                                         "phone": {"valid": True, "region": "US", "timezones": [["odd"]]}})
    assert state.reply["buyer_timezone"] == "America/New_York"


def test_the_send_window_is_also_given_on_the_buyer_s_clock(make_state, env):
    state = make_state({"inquiry": {"message": "x", "received_at": "2026-11-26T09:30:00+08:00"}, "seller": SELLER})
    state.buyer_country = "FR"
    reply = reply_deadline.stage(state, env).reply
    assert reply["buyer_timezone"] == "Europe/Paris"
    assert reply["reply_by"] == "2026-11-26T16:00:00+08:00"
    assert reply["buyer_window"] == {"start": "2026-11-26T07:00:00+01:00", "end": "2026-11-26T09:00:00+01:00"}
