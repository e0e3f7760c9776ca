"""Reply timing (DESIGN.md 4.4): the effective start and the deadline from the seller's working day."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from inquiry_lens import reply_deadline

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
