"""The analysis state: one request on its way to becoming the response, filled in by the stages.

Each field says which stage writes it; a stage reads only what the stages before it wrote (the
order is `analysis.pipeline.STAGES`). The nested parts (`checks`, `verdict`, `reply`) already have
the response's shape, so the response is a selection of fields, not a translation.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from types import MappingProxyType
from typing import Any, TypedDict
from zoneinfo import ZoneInfo

from inquiry_lens.model.requests import SellerProfile
from inquiry_lens.rules import Rules

Check = dict[str, Any] | None  # one check's result in the response's shape; None when its input is absent


class Signal(TypedDict):
    code: str
    area: str
    polarity: str
    weight: int
    evidence: str | None
    message: dict[str, str]


class Checks(TypedDict):
    phone: Check            # checks.phone_check
    mobile: Check
    fax: Check
    email: Check            # checks.email_check
    website: Check
    links: list[dict[str, Any]]  # checks.link_check
    online: Check           # the service's domain lookups, when turned on; None otherwise
    ip: Check               # checks.ip_check
    address: Check          # checks.address_check
    countries: Check        # checks.country_check


class Verdict(TypedDict):
    credibility: dict[str, Any]          # verdict.credibility
    intent: dict[str, Any]               # verdict.intent
    buyer_type: dict[str, Any]           # verdict.buyer_type
    decision_maker: bool | None       # verdict.decision_maker
    badge: dict[str, Any]                # verdict.credibility


class Reply(TypedDict):
    priority: str                        # reply.reply_deadline
    reply_by: str | None
    send_window: dict[str, str] | None
    rule: str | None
    buyer_timezone: str | None
    buyer_window: dict[str, Any] | None
    tips: list[dict[str, Any]]           # reply.reply_tips
    subject: str | None               # reply.reply_draft
    draft: str | None
    warning: dict[str, str] | None
    follow_up: dict[str, Any] | None  # reply.followup_plan


@lru_cache(maxsize=1)
def _seller_defaults() -> Mapping[str, Any]:
    return MappingProxyType(SellerProfile().model_dump())  # built once: a model per analysis costs ~20 µs


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Env:
    """What every stage may read besides the state: the rules, the IP database, the seller profile that
    fills what a request leaves out, and the clock. Nothing here writes or reaches the network."""

    rules: Rules
    geoip: Any = None  # checks.geoip's reader; None: IP addresses get no country
    # The saved seller profile; the built-in one (Asia/Shanghai, 09:00–18:00, Monday to Friday) fills what it lacks.
    seller_defaults: dict[str, Any] = field(default_factory=dict)
    now: Callable[[], datetime] = utc_now


@dataclass
class AnalysisState:
    request: dict[str, Any]           # the validated request, as sent
    platform: str
    page_url: str | None
    html: str | None
    inquiry: dict[str, Any]           # the request's, completed from its HTML by extraction.page_fields
    buyer: dict[str, Any]             # likewise
    seller: dict[str, Any]            # the saved profile under what the request says
    received_at: datetime             # always aware: a bare time is the seller's clock
    claimed_country: str | None = None   # checks.country_check (claimed_stage)
    buyer_country: str | None = None     # checks.country_check (stage)
    cues: dict[str, str] = field(default_factory=dict)  # verdict.content_signals: cue id → evidence
    id: str | None = None                # the history's id, when stored
    checks: Checks = field(default_factory=lambda: Checks(
        phone=None, mobile=None, fax=None, email=None, website=None, ip=None, address=None, countries=None,
        links=[], online=None))
    signals: list[Signal] = field(default_factory=list)
    verdict: Verdict = field(default_factory=lambda: Verdict(
        credibility={"score": 0, "level": "doubtful"},
        intent={"category": "no_clear_target", "subtype": None, "confidence": 0.0},
        buyer_type={"type": "unknown", "confidence": 0.0},
        decision_maker=None,
        badge={"color": "grey", "label": {"zh": "", "en": ""}}))
    reply: Reply = field(default_factory=lambda: Reply(
        priority="template", reply_by=None, send_window=None, rule=None, buyer_timezone=None, buyer_window=None,
        tips=[], subject=None, draft=None, warning=None, follow_up=None))
    research_links: list[dict[str, Any]] = field(default_factory=list)  # reply.research_links
    duplicates: list[dict[str, Any]] = field(default_factory=list)      # the history, after the analysis

    def response(self) -> dict[str, Any]:
        """The response body's parts (elapsed_ms is the caller's)."""
        return {"id": self.id, "verdict": self.verdict, "signals": self.signals, "checks": self.checks,
                "reply": self.reply, "research_links": self.research_links, "duplicates": self.duplicates}


def new_state(request: dict[str, Any], env: Env) -> AnalysisState:
    """The starting state: the request's parts, defaults filled, every result empty or null."""
    seller = {**_seller_defaults(), **env.seller_defaults}
    seller.update({k: v for k, v in (request.get("seller") or {}).items() if v is not None})
    inquiry = dict(request.get("inquiry") or {})
    received = inquiry.get("received_at")
    if isinstance(received, str):
        received = datetime.fromisoformat(received)
    if received is None:
        received = env.now()
    if received.tzinfo is None:  # a bare local time is the seller's own clock
        received = received.replace(tzinfo=ZoneInfo(seller.get("timezone") or "Asia/Shanghai"))
    return AnalysisState(
        request=request, platform=request.get("platform") or "generic", page_url=request.get("page_url"),
        html=request.get("html"), inquiry=inquiry, buyer=dict(request.get("buyer") or {}), seller=seller,
        received_at=received)
