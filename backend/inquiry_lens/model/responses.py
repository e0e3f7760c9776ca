"""The v1 contract's responses (docs/ARCHITECTURE.md, "The HTTP contract"). The pipeline builds them as plain data;
these models are their definition in the OpenAPI document, against which the test-suite checks
every response it sees. Extra fields are allowed: adding one is not a break."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Optional

from pydantic import Field

from inquiry_lens.model.requests import (Attachment, BuyerContact, BuyerTypeName, Category, InquiryStatus, Level, Platform, Priority,
                                 ResponseModel, TimingRule)

# ---- responses --------------------------------------------------------------------------------

class Text(ResponseModel):
    zh: str
    en: str


class Signal(ResponseModel):
    code: str
    area: Literal["contact", "network", "content", "link"]
    polarity: Literal["good", "bad", "info"]
    weight: int
    evidence: Optional[str]
    message: Text


class Credibility(ResponseModel):
    score: int = Field(ge=0, le=100)
    level: Level


class Intent(ResponseModel):
    category: Category
    subtype: Optional[str]
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
    decision_maker: Optional[bool]
    badge: Badge


class PhoneCheck(ResponseModel):
    input: str
    valid: bool
    e164: Optional[str]
    region: Optional[str]
    type: Literal["fixed_line", "mobile", "fixed_line_or_mobile", "voip", "toll_free", "premium_rate", "unknown"]
    location: Optional[str]
    timezones: list[str]


class EmailCheck(ResponseModel):
    input: str
    valid_syntax: bool
    domain: Optional[str]
    registrable_domain: Optional[str]
    free_provider: bool
    disposable: bool
    role_account: bool
    matches_website: Optional[bool]


class WebsiteCheck(ResponseModel):
    input: str
    registrable_domain: Optional[str]
    punycode: bool
    lookalike_of: Optional[str]


class IpCheck(ResponseModel):
    input: str
    valid: bool
    public: bool
    country: Optional[str]
    city: Optional[str]
    timezone: Optional[str]
    source: Optional[str]


class AddressCheck(ResponseModel):
    input: str
    detailed: bool


class Countries(ResponseModel):
    claimed: Optional[str]
    phone: Optional[str]
    fax: Optional[str]
    mobile: Optional[str]
    ip: Optional[str]
    email_cctld: Optional[str]
    website_cctld: Optional[str]
    consistent: Optional[bool]
    names: dict[str, Text] = Field(default_factory=dict, description="each country code above, named in zh and en")


class LinkCheck(ResponseModel):
    url: str
    registrable_domain: Optional[str]
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
    registered_at: Optional[datetime]
    age_days: Optional[int] = Field(description="days from registration to the inquiry")


class OnlineCheck(ResponseModel):
    """DNS and RDAP look-ups, made only when online checks are on."""

    enabled: bool
    mx: Optional[MailExchange] = Field(description="the e-mail domain's mail servers; null when not looked up")
    a: list[DnsAddress]
    rdap: list[DomainAge]
    skipped: list[str] = Field(description="well-known and free-mail domains, not looked up")
    unknown: list[str] = Field(description="the lookups that got no answer, e.g. 'mx abc.com (timeout)'")
    elapsed_ms: float


class Checks(ResponseModel):
    phone: Optional[PhoneCheck]
    mobile: Optional[PhoneCheck]
    fax: Optional[PhoneCheck]
    email: Optional[EmailCheck]
    website: Optional[WebsiteCheck]
    ip: Optional[IpCheck]
    address: Optional[AddressCheck]
    countries: Optional[Countries]
    links: list[LinkCheck]
    online: Optional[OnlineCheck] = Field(None, description="null while online checks are off")


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
    warning: Optional[Text] = Field(None, description="for scams: what to do instead of replying")
    reply_by: Optional[datetime]
    send_window: Optional[Window]
    rule: Optional[TimingRule]
    buyer_timezone: Optional[str]
    buyer_window: Optional[Window] = Field(None, description="the send window on the buyer's clock (buyer_timezone)")
    tips: list[Tip]
    subject: Optional[str]
    draft: Optional[str]
    follow_up: Optional[FollowUp] = Field(None, description="the suggested next follow-up (定期关怀), from the rules")


class ResearchLink(ResponseModel):
    label: Text
    url: str


class BuyerBrief(ResponseModel):
    name: Optional[str]
    company: Optional[str]
    email: Optional[str]


class StoredCredibility(ResponseModel):
    score: Optional[int]
    level: Optional[Level]


class InquirySummary(ResponseModel):
    """One stored inquiry as lists show it."""

    id: str
    received_at: datetime
    analysed_at: datetime
    platform: str
    status: InquiryStatus
    status_at: Optional[datetime]
    follow_up_on: Optional[date]
    country: Optional[str] = Field(description="the buyer's country, ISO 3166-1 alpha-2")
    category: Category
    subtype: Optional[str]
    buyer_type: Optional[str]
    priority: Optional[Priority]
    credibility: StoredCredibility
    badge: Optional[Literal["green", "amber", "red", "grey"]]
    buyer: BuyerBrief
    subject: Optional[str]
    product: Optional[str]


class Duplicate(InquirySummary):
    """An earlier inquiry from the same buyer, with its status then and now."""

    matched_on: Literal["email", "domain", "phone", "company"]


class AnalyzeResponse(ResponseModel):
    id: Optional[str]
    verdict: Verdict
    signals: list[Signal]
    checks: Checks
    reply: Reply
    research_links: list[ResearchLink]
    duplicates: list[Duplicate]
    elapsed_ms: float


class InquiryFields(ResponseModel):
    subject: Optional[str] = None
    message: Optional[str] = None
    product: Optional[str] = None
    quantity: Optional[str] = None
    received_at: Optional[str] = None
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
    database: Optional[str]
    build_date: Optional[str]


class Health(ResponseModel):
    status: Literal["ok"]
    version: str
    api_version: str
    rules_version: str
    geoip: GeoipInfo


class ErrorDetail(ResponseModel):
    code: str
    message: str
    field: Optional[str]


class ErrorBody(ResponseModel):
    error: ErrorDetail


