"""The v1 contract (docs/ARCHITECTURE.md, "The HTTP contract") as pydantic models: the one definition that both
validates requests and generates the OpenAPI document. This module holds the requests and the
shared types; responses.py the responses, history.py the history's part.

Requests ignore unknown fields and responses allow extra ones: adding fields is not a break.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic.config import JsonDict

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
    name: str | None = None
    size: int | None = None
    content_type: str | None = None


class InquiryIn(RequestModel):
    subject: str | None = None
    message: str | None = None
    product: str | None = None
    quantity: str | None = None
    received_at: datetime | None = Field(
        None, description="ISO 8601; a time without offset is the seller's local time; default now")
    attachments: list[Attachment] = Field(default_factory=list, max_length=1000)
    links: list[str] = Field(default_factory=list, max_length=1000)


Count = Annotated[int, Field(le=10**9)] | None  # a platform counter; larger is a fault, not data


class Activity(RequestModel):
    """The platform's own data about the buyer; -1 (hidden by the buyer) is read as absent."""

    registered_at: date | None = None
    login_days: Count = None
    product_views: Count = None
    valid_inquiries: Count = None
    replied_inquiries: Count = None
    spam_marked: Count = None
    blacklisted: Count = None
    orders: Count = None
    order_volume: str | None = None
    suppliers_traded: Count = None
    verified: bool | None = None

    @field_validator("login_days", "product_views", "valid_inquiries", "replied_inquiries", "spam_marked",
                     "blacklisted", "orders", "suppliers_traded", mode="after")
    @classmethod
    def hidden_is_absent(cls, value: int | None) -> int | None:
        return None if value is not None and value < 0 else value


class BuyerContact(BaseModel):
    """The buyer's contact fields as a platform shows them: in a request, and in /extract's answer."""

    name: str | None = None
    title: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    fax: str | None = None
    website: str | None = None
    address: str | None = None
    country: str | None = None
    ip: str | None = None


class BuyerIn(BuyerContact, RequestModel):
    email_verified: bool | None = None
    activity: Activity | None = None


class SellerProfile(RequestModel):
    """The salesperson's company and working day; saved through /api/v1/settings."""

    company: str | None = None
    contact_name: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    chat_ids: list[str] = Field(default_factory=list, description="WhatsApp, WeChat, Skype … as written")
    highlights: list[str] = Field(default_factory=list, description="scale, exhibitions, known clients, R&D, certificates")
    signature: str | None = None
    moq: str | None = Field(None, description="e.g. 500 pcs per colour; the draft says [MOQ] without it")
    lead_time: str | None = Field(None, description="e.g. 25-30 days after the deposit")
    payment_terms: str | None = Field(None, description="e.g. 30% T/T deposit, 70% before shipment")
    sample_policy: str | None = Field(None, description="what a sample costs and how it is refunded")
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
    def day_has_length(self) -> SellerProfile:
        if self.workday_end <= self.workday_start:
            raise ValueError("workday_end must be after workday_start")
        return self


# White space as ECMAScript's \s knows it, so "not blank" means the same in the OpenAPI document
# (read by JavaScript and JSON Schema tools) and in the server's own check.
BLANK = ("\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
         "\u2028\u2029\u202f\u205f\u3000\ufeff")
NOT_BLANK: JsonDict = {"type": "string", "pattern": f"[^{BLANK}]"}
SOMETHING_TO_ANALYSE: JsonDict = {"anyOf": [
    {"required": ["html"], "properties": {"html": NOT_BLANK}},
    {"required": ["inquiry"], "properties": {"inquiry": {"anyOf": [
        {"required": ["message"], "properties": {"message": NOT_BLANK}},
        {"required": ["subject"], "properties": {"subject": NOT_BLANK}},
    ]}}},
]}


class AnalyzeRequest(RequestModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra=SOMETHING_TO_ANALYSE)

    platform: Platform = "generic"
    page_url: str | None = None
    inquiry: InquiryIn = Field(default_factory=InquiryIn)
    buyer: BuyerIn = Field(default_factory=BuyerIn)
    html: str | None = Field(None, description="outerHTML of the inquiry area; missing fields are filled from it")
    seller: SellerProfile | None = Field(None, description="fields given override the saved settings")
    store: bool = True

    @model_validator(mode="after")
    def something_to_analyse(self) -> AnalyzeRequest:
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
    page_url: str | None = None
    html: str = Field(min_length=1)


def validation_field(exc: ValidationError) -> tuple[str | None, str]:
    """The dotted path and sentence of the first fault, e.g. ('buyer.activity.orders', '…')."""
    first = exc.errors(include_url=False)[0]
    path = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in first["loc"]).replace(".[", "[")
    message = first["msg"].removeprefix("Value error, ")
    return path or None, f"{path}: {message}" if path else message
