"""The analysis as a list of stages, each taking and returning plain data (a `state` dict).

Order matters only where a stage reads what an earlier one wrote: the claimed country before the
checks that compare against it, every check before the credibility score, the intent before the
reply. The web layer and the CLI call `analyze` and never a stage directly.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timezone
from typing import Any, Callable
from zoneinfo import ZoneInfo

from inquiry_lens.rules import Rules

Stage = Callable[[dict, "Env"], dict]

RESPONSE_KEYS = ("id", "verdict", "signals", "checks", "reply", "research_links", "duplicates")


@dataclass
class Env:
    """What every stage may read besides the state: the rules, the IP database, the saved seller profile, the clock,
    and the inquiry history (`store`; None: look up and record nothing)."""

    rules: Rules
    geoip: Any = None
    seller_defaults: dict = field(default_factory=dict)
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
    online: bool = False
    store: Any = None
    online_checker: Any = None  # online_check.OnlineChecker: resolvers, RDAP base and cache for the process


def new_state(request: dict, env: Env) -> dict:
    """The starting state: the request's parts, defaults filled, every result empty or null."""
    seller = dict(env.seller_defaults)
    seller.update({k: v for k, v in (request.get("seller") or {}).items() if v is not None})
    inquiry = dict(request.get("inquiry") or {})
    received = inquiry.get("received_at")
    if isinstance(received, str):
        received = datetime.fromisoformat(received)
    if received is None:
        received = env.now()
    if received.tzinfo is None:  # a bare local time is the seller's own clock
        received = received.replace(tzinfo=ZoneInfo(seller.get("timezone") or "Asia/Shanghai"))
    return {
        "request": request,
        "platform": request.get("platform") or "generic",
        "page_url": request.get("page_url"),
        "html": request.get("html"),
        "inquiry": inquiry,
        "buyer": dict(request.get("buyer") or {}),
        "seller": seller,
        "received_at": received,
        "claimed_country": None,
        "buyer_country": None,
        "cues": {},
        "id": None,
        "checks": {
            "phone": None, "mobile": None, "fax": None, "email": None, "website": None,
            "ip": None, "address": None, "countries": None, "links": [],
        },
        "signals": [],
        "verdict": {
            "credibility": {"score": 0, "level": "doubtful"},
            "intent": {"category": "no_clear_target", "subtype": None, "confidence": 0.0},
            "buyer_type": {"type": "unknown", "confidence": 0.0},
            "decision_maker": None,
            "badge": {"color": "grey", "label": {"zh": "", "en": ""}},
        },
        "reply": {
            "priority": "template", "reply_by": None, "send_window": None, "rule": None,
            "buyer_timezone": None, "buyer_window": None, "tips": [], "subject": None, "draft": None, "warning": None,
            "follow_up": None,
        },
        "research_links": [],
        "duplicates": [],
    }


@lru_cache(maxsize=1)
def stages() -> tuple[Stage, ...]:
    """The stages in order. Imported here, not at module top, so each module stays importable alone."""
    from inquiry_lens.checks import address_check
    from inquiry_lens.checks import buyer_activity
    from inquiry_lens.verdict import buyer_type
    from inquiry_lens.verdict import content_signals
    from inquiry_lens.checks import country_check
    from inquiry_lens.verdict import credibility
    from inquiry_lens.verdict import decision_maker
    from inquiry_lens.checks import email_check
    from inquiry_lens.extraction import page_fields as extract
    from inquiry_lens.reply import followup_plan
    from inquiry_lens.history import records as history
    from inquiry_lens.verdict import intent
    from inquiry_lens.checks import ip_check
    from inquiry_lens.checks import link_check
    from inquiry_lens.checks import online_check
    from inquiry_lens.checks import phone_check
    from inquiry_lens.reply import reply_deadline
    from inquiry_lens.reply import reply_draft
    from inquiry_lens.reply import reply_tips
    from inquiry_lens.reply import research_links

    return (
        extract.stage,                # fill what the request lacks from its HTML
        country_check.claimed_stage,  # the claimed country, which the phone and IP checks compare against
        phone_check.stage,
        email_check.stage,
        link_check.stage,
        online_check.stage,           # DNS and RDAP for the domains just checked; returns at once while off
        ip_check.stage,
        address_check.stage,
        decision_maker.stage,
        buyer_activity.stage,
        country_check.stage,          # every country side by side, once the checks have run
        content_signals.stage,
        intent.stage,
        buyer_type.stage,
        credibility.stage,            # after intent: spam caps the level
        reply_deadline.stage,
        reply_tips.stage,
        reply_draft.stage,
        research_links.stage,
        followup_plan.stage,          # the suggested follow-up date, once the intent is known
        history.stage,                # last: duplicates, and the record of the finished verdict
    )


@lru_cache(maxsize=1)
def triage_stages() -> tuple[Stage, ...]:
    """The stages without those that write the reply (tips, draft, research links): batch triage
    sorts by the verdict and the deadline and shows no draft, so it does not pay for one."""
    from inquiry_lens.reply import reply_draft
    from inquiry_lens.reply import reply_tips
    from inquiry_lens.reply import research_links

    writing = {reply_tips.stage, reply_draft.stage, research_links.stage}
    return tuple(stage for stage in stages() if stage not in writing)


def run(request: dict, env: Env, pipeline: tuple[Stage, ...] | None = None) -> dict:
    """Every stage over one validated request: the final state (batch triage reads the buyer fields found)."""
    state = new_state(request, env)
    for stage in pipeline or stages():
        state = stage(state, env)
    return state


def analyze(request: dict, env: Env, pipeline: tuple[Stage, ...] | None = None) -> dict:
    """Run every stage over one validated request and return the response body of DESIGN.md section 3."""
    started = time.perf_counter()
    state = run(request, env, pipeline)
    response = {key: state[key] for key in RESPONSE_KEYS}
    response["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 3)
    return response
