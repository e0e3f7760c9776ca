"""What the history keeps of one analysis, and the step the service runs after it: earlier
inquiries from the same buyer (always, when there is a store) and the record of this one (when the
request says `store: true`, filling `id`)."""
from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from inquiry_lens.history.columns import dumps, iso, search_text
from inquiry_lens.history.duplicates import MAX_DUPLICATES, buyer_keys, email_key, same_buyer
from inquiry_lens.history.store import InquiryStore, StoreUnavailable
from inquiry_lens.model.state import AnalysisState
from inquiry_lens.rules import Rules
from inquiry_lens.text.company_names import CompanyName
from inquiry_lens.text.fold import fold

log = logging.getLogger(__name__)
SHOWN_LIMIT = 300    # a name, company or subject column longer than this is cut


def _text(value) -> str | None:
    return value.strip()[:SHOWN_LIMIT] or None if isinstance(value, str) else None


def fingerprint(state: AnalysisState) -> str:
    """The same inquiry analysed again (the sidebar re-opened) has the same fingerprint and keeps one row."""
    inquiry, buyer = state.inquiry, state.buyer
    raw_email = buyer.get("email")
    email = raw_email if isinstance(raw_email, str) else ""
    given = (state.request.get("inquiry") or {}).get("received_at")
    parts = [state.platform, fold(str(inquiry.get("subject") or ""), 1000), fold(str(inquiry.get("message") or ""), 8000),
             email_key(email.strip()) if "@" in email else email.strip().lower(),
             iso(state.received_at) if given else ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def record_of(state: AnalysisState, now: datetime, fp: str, company: CompanyName | None) -> dict:
    """The row to store: what was asked (without the page HTML; the fields found in it are kept) and the verdict."""
    verdict, reply, inquiry, buyer = state.verdict, state.reply, state.inquiry, state.buyer
    email = state.checks.get("email")
    stamp = iso(now)
    follow_up = reply.get("follow_up")
    request = {"platform": state.platform, "page_url": state.page_url, "inquiry": inquiry, "buyer": buyer}
    analysis = {
        "verdict": verdict,
        "signals": [{k: s[k] for k in ("code", "polarity", "weight", "evidence")} for s in state.signals],
        "reply": {k: reply.get(k) for k in ("priority", "reply_by", "rule", "buyer_timezone", "follow_up")},
        "countries": state.checks.get("countries"),
    }
    return {
        "fingerprint": fp, "stored_at": stamp, "analysed_at": stamp, "received_at": iso(state.received_at),
        "platform": state.platform, "country": state.buyer_country,
        "category": verdict["intent"]["category"], "subtype": verdict["intent"]["subtype"],
        "buyer_type": verdict["buyer_type"]["type"], "priority": reply["priority"],
        "score": verdict["credibility"]["score"], "level": verdict["credibility"]["level"],
        "badge": verdict["badge"]["color"],
        "name": _text(buyer.get("name")), "company": _text(buyer.get("company")),
        "email": email["address"][:SHOWN_LIMIT] if email and email.get("address") else None,
        "subject": _text(inquiry.get("subject")), "product": _text(inquiry.get("product")),
        "company_key": company.key if company else None, "company_core": company.core if company else None,
        "search": search_text(inquiry, buyer),
        "follow_up_on": follow_up["on"] if follow_up else None,
        "request": dumps(request), "analysis": dumps(analysis),
    }


def remember(state: AnalysisState, store: InquiryStore, rules: Rules, now: datetime) -> None:
    """Fill `duplicates` and, when the request asks to store, `id`; a history that cannot be reached
    costs neither the verdict nor the answer."""
    keys, company = buyer_keys(state.checks, state.buyer.get("company"), rules)
    fp = fingerprint(state)
    try:
        matched = same_buyer(store.candidates(keys), company, rules)
        if matched:
            earlier = store.summaries(list(matched), exclude_fingerprint=fp, limit=MAX_DUPLICATES)
            state.duplicates = [{**summary, "matched_on": matched[summary.pop("ref")]} for summary in earlier]
        if state.request.get("store") is True:
            state.id = store.record(record_of(state, now, fp, company), keys)
    except StoreUnavailable as exc:
        # The verdict still helps; a null id tells the client this one was not saved.
        log.warning("history not available: %s", exc)
