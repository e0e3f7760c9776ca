"""The v1 contract (DESIGN.md section 3) as pydantic models: the one definition that both
validates requests and generates the OpenAPI document. Responses are built as plain data by the
pipeline; the test-suite validates every response it sees against the schemas generated here.

Requests ignore unknown fields and responses allow extra ones: adding fields is not a break.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal, Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

Platform = Literal["alibaba", "made_in_china", "global_sources", "email", "generic"]
Level = Literal["trusted", "plausible", "doubtful", "suspicious"]
Category = Literal["clear_intent", "potential", "no_clear_target", "spam"]
BuyerTypeName = Literal["retailer_wholesaler", "trader", "oem_importer", "supermarket_chain", "unknown"]
Priority = Literal["reply_now", "reply_today", "template", "do_not_engage"]
TimingRule = Literal["NEAR_ASIA_2H", "EUROPE_BUYER_MORNING", "AMERICAS_SAME_DAY", "SAME_DAY"]
Status = Literal["replied", "follow_up", "won", "lost", "spam"]
InquiryStatus = Literal["new", "replied", "follow_up", "won", "lost", "spam"]  # "new" until the salesperson sets one
CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class RequestModel(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ResponseModel(BaseModel):
    model_config = ConfigDict(extra="allow")


# ---- requests ---------------------------------------------------------------------------------

class Attachment(RequestModel):
    name: Optional[str] = None
    size: Optional[int] = None
    content_type: Optional[str] = None


class InquiryIn(RequestModel):
    subject: Optional[str] = None
    message: Optional[str] = None
    product: Optional[str] = None
    quantity: Optional[str] = None
    received_at: Optional[datetime] = Field(None, description="ISO 8601; a time without offset is the seller's local time; default now")
    attachments: list[Attachment] = Field(default_factory=list, max_length=1000)
    links: list[str] = Field(default_factory=list, max_length=1000)


Count = Optional[Annotated[int, Field(le=10**9)]]  # a platform counter; larger is a fault, not data


class Activity(RequestModel):
    """The platform's own data about the buyer; -1 (hidden by the buyer) is read as absent."""

    registered_at: Optional[date] = None
    login_days: Count = None
    product_views: Count = None
    valid_inquiries: Count = None
    replied_inquiries: Count = None
    spam_marked: Count = None
    blacklisted: Count = None
    orders: Count = None
    order_volume: Optional[str] = None
    suppliers_traded: Count = None
    verified: Optional[bool] = None

    @field_validator("login_days", "product_views", "valid_inquiries", "replied_inquiries", "spam_marked",
                     "blacklisted", "orders", "suppliers_traded", mode="after")
    @classmethod
    def hidden_is_absent(cls, value: Optional[int]) -> Optional[int]:
        return None if value is not None and value < 0 else value


class BuyerIn(RequestModel):
    name: Optional[str] = None
    title: Optional[str] = None
    company: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None
    mobile: Optional[str] = None
    fax: Optional[str] = None
    website: Optional[str] = None
    address: Optional[str] = None
    country: Optional[str] = None
    ip: Optional[str] = None
    email_verified: Optional[bool] = None
    activity: Optional[Activity] = None


class SellerProfile(RequestModel):
    """The salesperson's company and working day; saved through /api/v1/settings."""

    company: Optional[str] = None
    contact_name: Optional[str] = None
    address: Optional[str] = None
    phone: Optional[str] = None
    email: Optional[str] = None
    website: Optional[str] = None
    chat_ids: list[str] = Field(default_factory=list, description="WhatsApp, WeChat, Skype … as written")
    highlights: list[str] = Field(default_factory=list, description="scale, exhibitions, known clients, R&D, certificates")
    signature: Optional[str] = None
    moq: Optional[str] = Field(None, description="e.g. 500 pcs per colour; the draft says [MOQ] without it")
    lead_time: Optional[str] = Field(None, description="e.g. 25-30 days after the deposit")
    payment_terms: Optional[str] = Field(None, description="e.g. 30% T/T deposit, 70% before shipment")
    sample_policy: Optional[str] = Field(None, description="what a sample costs and how it is refunded")
    certificates: list[str] = Field(default_factory=list, description="e.g. CE, RoHS, ISO 9001")
    timezone: str = "Asia/Shanghai"
    workday_start: str = Field("09:00", pattern=CLOCK)
    workday_end: str = Field("18:00", pattern=CLOCK)
    workdays: list[int] = Field(default_factory=lambda: [1, 2, 3, 4, 5], description="ISO weekdays, 1 = Monday")
    language: Literal["zh_CN", "en"] = "zh_CN"
    online_checks: bool = Field(False, description="look the buyer's domains up in DNS (MX, A/AAAA) and RDAP "
                                "(domain age); off: nothing leaves this machine")

    @field_validator("timezone")
    @classmethod
    def known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Asia/Shanghai") from None
        return value

    @field_validator("workdays")
    @classmethod
    def iso_weekdays(cls, value: list[int]) -> list[int]:
        if any(day < 1 or day > 7 for day in value):
            raise ValueError("workdays are ISO weekdays 1 (Monday) to 7 (Sunday)")
        return sorted(set(value))

    @model_validator(mode="after")
    def day_has_length(self) -> "SellerProfile":
        if self.workday_end <= self.workday_start:
            raise ValueError("workday_end must be after workday_start")
        return self


# White space as ECMAScript's \s knows it, so "not blank" means the same in the OpenAPI document
# (read by JavaScript and JSON Schema tools) and in the server's own check.
BLANK = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
NOT_BLANK = {"type": "string", "pattern": f"[^{BLANK}]"}
SOMETHING_TO_ANALYSE = {"anyOf": [
    {"required": ["html"], "properties": {"html": NOT_BLANK}},
    {"required": ["inquiry"], "properties": {"inquiry": {"anyOf": [
        {"required": ["message"], "properties": {"message": NOT_BLANK}},
        {"required": ["subject"], "properties": {"subject": NOT_BLANK}},
    ]}}},
]}


class AnalyzeRequest(RequestModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra=SOMETHING_TO_ANALYSE)

    platform: Platform = "generic"
    page_url: Optional[str] = None
    inquiry: InquiryIn = Field(default_factory=InquiryIn)
    buyer: BuyerIn = Field(default_factory=BuyerIn)
    html: Optional[str] = Field(None, description="outerHTML of the inquiry area; missing fields are filled from it")
    seller: Optional[SellerProfile] = Field(None, description="fields given override the saved settings")
    store: bool = True

    @model_validator(mode="after")
    def something_to_analyse(self) -> "AnalyzeRequest":
        if not any((s or "").strip(BLANK) for s in (self.inquiry.message, self.inquiry.subject, self.html)):
            raise ValueError("one of inquiry.message, inquiry.subject or html must be non-empty")
        return self


def request_data(request: AnalyzeRequest) -> dict:
    """The validated request as plain data for the pipeline; the seller keeps only the fields sent."""
    data = request.model_dump()
    data["seller"] = request.seller.model_dump(exclude_unset=True) if request.seller else {}
    return data


class ExtractRequest(RequestModel):
    platform: Platform = "generic"
    page_url: Optional[str] = None
    html: str = Field(min_length=1)


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


class BuyerFields(ResponseModel):
    name: Optional[str] = None
    title: Optional[str] = None
    company: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None
    mobile: Optional[str] = None
    fax: Optional[str] = None
    website: Optional[str] = None
    address: Optional[str] = None
    country: Optional[str] = None
    ip: Optional[str] = None


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


# ---- history, status and follow-ups (DESIGN.md section 3) -------------------------------------

class InquiryQuery(RequestModel):
    """Filters of GET /api/v1/inquiries; results are newest first."""

    status: Optional[InquiryStatus] = None
    category: Optional[Category] = None
    country: Optional[str] = Field(None, max_length=100, description="ISO-2 code or a name: DE, Germany, 德国")
    text: Optional[str] = Field(None, max_length=200, description="words in the subject, product, message, buyer name, company or e-mail")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


FOLLOW_UP_NEEDS_DATE = {"if": {"properties": {"status": {"const": "follow_up"}}, "required": ["status"]},
                        "then": {"required": ["follow_up_on"], "properties": {"follow_up_on": {"type": "string"}}}}


class StatusUpdate(RequestModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra=FOLLOW_UP_NEEDS_DATE)

    status: Status
    follow_up_on: Optional[date] = Field(None, validate_default=True, description="required for follow_up: the day to follow up")
    note: Optional[str] = Field(None, max_length=2000)

    @field_validator("follow_up_on")
    @classmethod
    def follow_up_has_a_date(cls, value: Optional[date], info: ValidationInfo) -> Optional[date]:
        if value is None and info.data.get("status") == "follow_up":
            raise ValueError("a follow_up status needs the date to follow up")
        return value


class StatusChange(ResponseModel):
    at: datetime
    status: InquiryStatus
    follow_up_on: Optional[date]
    note: Optional[str]


class InquiryDetail(InquirySummary):
    """One stored inquiry in full: what was asked, the verdict and the status history."""

    request: dict
    analysis: dict
    history: list[StatusChange]


class InquiryList(ResponseModel):
    items: list[InquirySummary]
    total: int
    limit: int
    offset: int


class FollowupsQuery(RequestModel):
    on: Optional[date] = Field(None, description="the day to plan for; default today in the seller's time zone")
    days: Optional[int] = Field(None, ge=1, le=366, description="how many days ahead to list holidays; default from the rules")


class FollowupItem(InquirySummary):
    days_overdue: int = Field(description="0 when due today, negative when still ahead")
    reason: Text


class Greeting(ResponseModel):
    key: str
    label: Text
    draft: Text


class HolidayBuyer(ResponseModel):
    id: str
    name: Optional[str]
    company: Optional[str]


class UpcomingHoliday(ResponseModel):
    country: str
    date: date
    name: str
    days_until: int
    greeting: Optional[Greeting] = Field(description="null for a day off no greeting is written for")
    buyer_count: int
    buyers: list[HolidayBuyer]


class Followups(ResponseModel):
    today: date
    due: list[FollowupItem]
    upcoming: list[FollowupItem]
    holidays: list[UpcomingHoliday]
