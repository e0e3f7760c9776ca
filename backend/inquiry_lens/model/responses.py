"""The v1 contract's responses (docs/ARCHITECTURE.md, "The HTTP contract"). The pipeline builds them as plain data;
these models are their definition in the OpenAPI document, against which the test-suite checks
every response it sees. Extra fields are allowed: adding one is not a break."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from inquiry_lens.model.requests import (
    Attachment,
    BuyerContact,
    BuyerTypeName,
    Category,
    InquiryStatus,
    Level,
    Platform,
    Priority,
    ResponseModel,
    TimingRule,
)

# ---- responses --------------------------------------------------------------------------------

class Text(ResponseModel):
    zh: str
    en: str


class Signal(ResponseModel):
    code: str
    area: Literal["contact", "network", "content", "link"]
    polarity: Literal["good", "bad", "info"]
    weight: int
    evidence: str | None
    message: Text


class Credibility(ResponseModel):
    score: int = Field(ge=0, le=100)
    level: Level


class Intent(ResponseModel):
    category: Category
    subtype: str | None
    confidence: float = Field(ge=0, le=1)


class BuyerType(ResponseModel):
    type: BuyerTypeName
    confidence: float = Field(ge=0, le=1)


class Badge(ResponseModel):
    color: Literal["green", "amber", "red", "grey"]
    label: Text


class Verdict(ResponseModel):
    credibility: Credibility
    intent: Intent
    buyer_type: BuyerType
    decision_maker: bool | None
    badge: Badge


class PhoneCheck(ResponseModel):
    input: str
    valid: bool
    e164: str | None
    region: str | None
    type: Literal["fixed_line", "mobile", "fixed_line_or_mobile", "voip", "toll_free", "premium_rate", "unknown"]
    location: str | None
    timezones: list[str]


class EmailCheck(ResponseModel):
    input: str
    valid_syntax: bool
    domain: str | None
    registrable_domain: str | None
    free_provider: bool
    disposable: bool
    role_account: bool
    matches_website: bool | None


class WebsiteCheck(ResponseModel):
    input: str
    registrable_domain: str | None
    punycode: bool
    lookalike_of: str | None


class IpCheck(ResponseModel):
    input: str
    valid: bool
    public: bool
    country: str | None
    city: str | None
    timezone: str | None
    source: str | None


class AddressCheck(ResponseModel):
    input: str
    detailed: bool


class Countries(ResponseModel):
    claimed: str | None
    phone: str | None
    fax: str | None
    mobile: str | None
    ip: str | None
    email_cctld: str | None
    website_cctld: str | None
    consistent: bool | None
    names: dict[str, Text] = Field(default_factory=dict, description="each country code above, named in zh and en")


class LinkCheck(ResponseModel):
    url: str
    registrable_domain: str | None
    risk: Literal["ok", "shortener", "suspicious", "phishing"]
    reasons: list[str]


class DnsAddress(ResponseModel):
    role: Literal["email", "website"]
    domain: str
    status: Literal["found", "none", "nxdomain", "unknown"]
    addresses: list[str]


class MailExchange(ResponseModel):
    domain: str
    status: Literal["found", "implicit", "null_mx", "none", "nxdomain", "unknown"] = Field(
        description="implicit: no MX but an address, which takes the mail (RFC 5321 section 5.1)")
    hosts: list[str]


class DomainAge(ResponseModel):
    domain: str
    status: Literal["found", "not_found", "unknown"]
    registered_at: datetime | None
    age_days: int | None = Field(description="days from registration to the inquiry")


class OnlineCheck(ResponseModel):
    """DNS and RDAP look-ups, made only when online checks are on."""

    enabled: bool
    mx: MailExchange | None = Field(description="the e-mail domain's mail servers; null when not looked up")
    a: list[DnsAddress]
    rdap: list[DomainAge]
    skipped: list[str] = Field(description="well-known and free-mail domains, not looked up")
    unknown: list[str] = Field(description="the lookups that got no answer, e.g. 'mx abc.com (timeout)'")
    elapsed_ms: float


class Checks(ResponseModel):
    phone: PhoneCheck | None
    mobile: PhoneCheck | None
    fax: PhoneCheck | None
    email: EmailCheck | None
    website: WebsiteCheck | None
    ip: IpCheck | None
    address: AddressCheck | None
    countries: Countries | None
    links: list[LinkCheck]
    online: OnlineCheck | None = Field(None, description="null while online checks are off")


class Tip(ResponseModel):
    code: str
    message: Text


class Window(ResponseModel):
    start: datetime
    end: datetime


class FollowUp(ResponseModel):
    on: date
    rule: str = Field(description="the followups.json entry, e.g. on_arrival:potential/market_research")
    reason: Text


class Reply(ResponseModel):
    priority: Priority
    warning: Text | None = Field(None, description="for scams: what to do instead of replying")
    reply_by: datetime | None
    send_window: Window | None
    rule: TimingRule | None
    buyer_timezone: str | None
    buyer_window: Window | None = Field(None, description="the send window on the buyer's clock (buyer_timezone)")
    tips: list[Tip]
    subject: str | None
    draft: str | None
    follow_up: FollowUp | None = Field(None, description="the suggested next follow-up (定期关怀), from the rules")


class ResearchLink(ResponseModel):
    label: Text
    url: str


class BuyerBrief(ResponseModel):
    name: str | None
    company: str | None
    email: str | None


class StoredCredibility(ResponseModel):
    score: int | None
    level: Level | None


class InquirySummary(ResponseModel):
    """One stored inquiry as lists show it."""

    id: str
    received_at: datetime
    analysed_at: datetime
    platform: str
    status: InquiryStatus
    status_at: datetime | None
    follow_up_on: date | None
    country: str | None = Field(description="the buyer's country, ISO 3166-1 alpha-2")
    category: Category
    subtype: str | None
    buyer_type: str | None
    priority: Priority | None
    credibility: StoredCredibility
    badge: Literal["green", "amber", "red", "grey"] | None
    buyer: BuyerBrief
    subject: str | None
    product: str | None


class Duplicate(InquirySummary):
    """An earlier inquiry from the same buyer, with its status then and now."""

    matched_on: Literal["email", "domain", "phone", "company"]


class AnalyzeResponse(ResponseModel):
    id: str | None
    verdict: Verdict
    signals: list[Signal]
    checks: Checks
    reply: Reply
    research_links: list[ResearchLink]
    duplicates: list[Duplicate]
    elapsed_ms: float


class InquiryFields(ResponseModel):
    subject: str | None = None
    message: str | None = None
    product: str | None = None
    quantity: str | None = None
    received_at: str | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)


class BuyerFields(BuyerContact, ResponseModel):
    """The buyer fields found in a page (more, such as the platform's activity data, may follow)."""


class ExtractResponse(ResponseModel):
    platform: Platform
    inquiry: InquiryFields
    buyer: BuyerFields
    found: list[str] = Field(description="the fields found, as inquiry.subject, buyer.email …")


class GeoipInfo(ResponseModel):
    source: str
    database: str | None
    build_date: str | None


class Health(ResponseModel):
    status: Literal["ok"]
    version: str
    api_version: str
    rules_version: str
    geoip: GeoipInfo


class ErrorDetail(ResponseModel):
    code: str
    message: str
    field: str | None


class ErrorBody(ResponseModel):
    error: ErrorDetail


