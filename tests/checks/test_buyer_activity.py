"""The platform's buyer data: spam marks, blacklistings, new accounts, orders, verification; hidden is absent."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from inquiry_lens.checks import buyer_activity
from tests.hostile_inputs import ACTIVITIES as HOSTILE

RECEIVED = "2026-11-26T09:12:00+08:00"


def run(make_state, env, activity, received=RECEIVED):
    state = make_state({"buyer": {"activity": activity}, "inquiry": {"message": "hi", "received_at": received}})
    return buyer_activity.stage(state, env)


def signals(state):
    return {s["code"]: s["evidence"] for s in state.signals}


def test_spam_marks_raise_buyer_spam_marked_with_the_count(make_state, env):
    expected = {"BUYER_SPAM_MARKED": "3 inquiries marked as spam by suppliers"}
    assert signals(run(make_state, env, {"spam_marked": 3})) == expected


def test_one_spam_mark_is_written_in_the_singular(make_state, env):
    assert signals(run(make_state, env, {"spam_marked": 1}))["BUYER_SPAM_MARKED"] == "1 inquiry marked as spam by suppliers"


def test_blacklistings_raise_buyer_blacklisted_with_the_count(make_state, env):
    assert signals(run(make_state, env, {"blacklisted": 2})) == {"BUYER_BLACKLISTED": "blacklisted by 2 suppliers"}


def test_an_account_registered_days_before_the_inquiry_is_new(make_state, env):
    assert signals(run(make_state, env, {"registered_at": "2026-11-20"})) == {"BUYER_NEW_ACCOUNT": "registered 2026-11-20"}


@pytest.mark.parametrize("registered, new", [("2026-10-27", True), ("2026-10-26", False), ("2019-03-02", False),
                                             ("2026-11-26", True), ("2026-12-01", False)])
def test_new_means_registered_within_30_days_before_the_inquiry(make_state, env, registered, new):
    assert ("BUYER_NEW_ACCOUNT" in signals(run(make_state, env, {"registered_at": registered}))) is new


@pytest.mark.parametrize("registered", [date(2026, 11, 20), datetime(2026, 11, 20, 8, 0), "2026-11-20T08:00:00Z"])
def test_registration_dates_are_read_from_dates_datetimes_and_iso_strings(make_state, env, registered):
    assert "BUYER_NEW_ACCOUNT" in signals(run(make_state, env, {"registered_at": registered}))


def test_the_account_age_is_measured_from_the_inquirys_received_time_not_the_clock(make_state, env):
    state = run(make_state, env, {"registered_at": "2025-01-10"}, received="2025-01-20T10:00:00+00:00")
    assert "BUYER_NEW_ACCOUNT" in signals(state)


def test_orders_raise_buyer_has_orders_with_the_count_and_volume(make_state, env):
    state = run(make_state, env, {"orders": 3, "order_volume": "US$ 12,000"})
    assert signals(state) == {"BUYER_HAS_ORDERS": "3 orders (US$ 12,000)"}


def test_verification_raises_buyer_verified(make_state, env):
    assert signals(run(make_state, env, {"verified": True})) == {"BUYER_VERIFIED": "verified by the platform"}


def test_a_full_good_record_raises_only_the_good_signals(make_state, env):
    activity = {"registered_at": "2019-03-02", "login_days": 41, "product_views": 120, "valid_inquiries": 12,
                "replied_inquiries": 9, "spam_marked": 0, "blacklisted": 0, "orders": 3, "order_volume": "US$ 12,000",
                "suppliers_traded": 2, "verified": True}
    assert set(signals(run(make_state, env, activity))) == {"BUYER_HAS_ORDERS", "BUYER_VERIFIED"}


@pytest.mark.parametrize("hidden", [-1, None, "-1", "", "hidden", float("nan"), float("inf"), -5])
def test_hidden_missing_or_garbled_figures_are_absent_and_raise_nothing(make_state, env, hidden):
    activity = {"spam_marked": hidden, "blacklisted": hidden, "orders": hidden, "verified": hidden, "registered_at": hidden}
    assert run(make_state, env, activity).signals == []


@pytest.mark.parametrize("activity", [None, {}, "spam", [1, 2], 42])
def test_no_activity_record_raises_nothing(make_state, env, activity):
    assert run(make_state, env, activity).signals == []


def test_verified_false_raises_nothing(make_state, env):
    assert run(make_state, env, {"verified": False}).signals == []


@pytest.mark.parametrize("activity", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_values_are_answered_without_an_exception(make_state, env, activity):
    state = run(make_state, env, activity)  # timed by bench/core.py
    assert all(len(s["evidence"]) <= 300 for s in state.signals)
