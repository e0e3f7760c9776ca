"""The platform's own record of the buyer (Alibaba's customer card): spam marks, blacklistings, account
age, orders, verification.

A value the buyer chose to hide (-1 on Alibaba), or one that is missing or unreadable, is absent and
raises nothing: absent data is never a penalty by itself.
"""
from __future__ import annotations

import math
from datetime import date, datetime

from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env

NEW_ACCOUNT_DAYS = 30
MAX_COUNT = 10**9  # above this a figure is garbled, and Python refuses to print ints over 4300 digits


def count(value) -> int | None:
    """A non-negative whole number from the platform, else None (hidden, missing or garbled)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and math.isfinite(value):
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 10:
        value = int(value.strip())
    if isinstance(value, int) and 0 <= value <= MAX_COUNT:
        return value
    return None


def flag(value) -> bool | None:
    """A yes/no from the platform, else None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "1", "verified"):
        return True
    return None


def day(value) -> date | None:
    """A calendar date from a date, a datetime or an ISO string, else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Raise the BUYER_* signals the platform data supports, each with the figure as evidence."""
    activity = state.buyer.get("activity")
    if not isinstance(activity, dict):
        return state
    spam = count(activity.get("spam_marked"))
    if spam:
        add_signal(state, env, "BUYER_SPAM_MARKED", f"{_counted(spam, 'inquiry', 'inquiries')} marked as spam by suppliers")
    blacklisted = count(activity.get("blacklisted"))
    if blacklisted:
        add_signal(state, env, "BUYER_BLACKLISTED", f"blacklisted by {_counted(blacklisted, 'supplier', 'suppliers')}")
    registered = day(activity.get("registered_at"))
    received = state.received_at
    if registered and 0 <= (received.date() - registered).days <= NEW_ACCOUNT_DAYS:
        add_signal(state, env, "BUYER_NEW_ACCOUNT", f"registered {registered.isoformat()}")
    orders = count(activity.get("orders"))
    if orders:
        volume = activity.get("order_volume")
        extra = f" ({str(volume)[:40]})" if isinstance(volume, str) and volume.strip() and volume.strip() != "-1" else ""
        add_signal(state, env, "BUYER_HAS_ORDERS", f"{_counted(orders, 'order', 'orders')}{extra}")
    if flag(activity.get("verified")):
        add_signal(state, env, "BUYER_VERIFIED", "verified by the platform")
    return state
