"""The history's part of the v1 contract: stored inquiries, status changes and follow-ups."""
from __future__ import annotations

from datetime import date, datetime

from pydantic import ConfigDict, Field, ValidationInfo, field_validator
from pydantic.config import JsonDict

from inquiry_lens.model.requests import Category, InquiryStatus, RequestModel, ResponseModel, Status
from inquiry_lens.model.responses import InquirySummary, Text


class InquiryQuery(RequestModel):
    """Filters of GET /api/v1/inquiries; results are newest first."""

    status: InquiryStatus | None = None
    category: Category | None = None
    country: str | None = Field(None, max_length=100, description="ISO-2 code or a name: DE, Germany, 德国")
    text: str | None = Field(None, max_length=200,
                             description="words in the subject, product, message, buyer name, company or e-mail")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


FOLLOW_UP_NEEDS_DATE: JsonDict = {"if": {"properties": {"status": {"const": "follow_up"}}, "required": ["status"]},
                        "then": {"required": ["follow_up_on"], "properties": {"follow_up_on": {"type": "string"}}}}


class StatusUpdate(RequestModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra=FOLLOW_UP_NEEDS_DATE)

    status: Status
    follow_up_on: date | None = Field(None, validate_default=True,
                                      description="required for follow_up: the day to follow up")
    note: str | None = Field(None, max_length=2000)

    @field_validator("follow_up_on")
    @classmethod
    def follow_up_has_a_date(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None and info.data.get("status") == "follow_up":
            raise ValueError("a follow_up status needs the date to follow up")
        return value


class StatusChange(ResponseModel):
    at: datetime
    status: InquiryStatus
    follow_up_on: date | None
    note: str | None


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
    on: date | None = Field(None, description="the day to plan for; default today in the seller's time zone")
    days: int | None = Field(None, ge=1, le=366, description="how many days ahead to list holidays; default from the rules")


class FollowupItem(InquirySummary):
    days_overdue: int = Field(description="0 when due today, negative when still ahead")
    reason: Text


class Greeting(ResponseModel):
    key: str
    label: Text
    draft: Text


class HolidayBuyer(ResponseModel):
    id: str
    name: str | None
    company: str | None


class UpcomingHoliday(ResponseModel):
    country: str
    date: date
    name: str
    days_until: int
    greeting: Greeting | None = Field(description="null for a day off no greeting is written for")
    buyer_count: int
    buyers: list[HolidayBuyer]


class Followups(ResponseModel):
    today: date
    due: list[FollowupItem]
    upcoming: list[FollowupItem]
    holidays: list[UpcomingHoliday]
