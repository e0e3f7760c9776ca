"""The reply stages: same-day deadline from the seller's working day, subject and draft from templates."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from inquiry_lens import reply_deadline, reply_draft

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
    reply = reply_deadline.stage(state, env)["reply"]
    assert reply["reply_by"] == "2026-11-26T18:00:00+08:00"
    assert reply["send_window"]["start"] == "2026-11-26T09:00:00+08:00"


def test_spam_gets_no_deadline(make_state, env):
    state = make_state({"inquiry": {"message": "x"}, "seller": SELLER})
    state["verdict"]["intent"]["category"] = "spam"
    reply = reply_deadline.stage(state, env)["reply"]
    assert reply["priority"] == "do_not_engage" and reply["reply_by"] is None


def test_a_bare_local_arrival_time_is_the_sellers_clock(make_state):
    state = make_state({"inquiry": {"message": "x", "received_at": "2026-11-26T10:00:00"}, "seller": SELLER})
    assert state["received_at"] == datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)


def test_the_subject_is_company_for_product_and_falls_back_without_them(make_state, env):
    full = make_state({"inquiry": {"message": "x", "product": "LED panel"}, "seller": {**SELLER, "company": "Sunrise Co."}})
    assert reply_draft.stage(full, env)["reply"]["subject"] == "Sunrise Co. for LED panel"
    bare = make_state({"inquiry": {"message": "x", "subject": "price?"}, "seller": SELLER})
    assert reply_draft.stage(bare, env)["reply"]["subject"] == "Re: price?"


def test_the_draft_greets_by_name_and_ends_with_the_signature(make_state, env):
    state = make_state({"inquiry": {"message": "x"}, "buyer": {"name": "Petra Horáková"},
                        "seller": {**SELLER, "company": "Sunrise Co.", "phone": "+86 574 8888 1234",
                                   "highlights": ["ISO 9001 factory"]}})
    draft = reply_draft.stage(state, env)["reply"]["draft"]
    assert draft.startswith("Dear Petra Horáková,")
    assert "- ISO 9001 factory" in draft and draft.endswith("+86 574 8888 1234")
    assert "None" not in draft and "\n\n\n" not in draft and "{" not in draft
