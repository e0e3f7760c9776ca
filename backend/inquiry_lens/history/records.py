"""The last pipeline stage: earlier inquiries from the same buyer, and the record of this one.

It reads the store from `env.store` (opened once per process by services), looks up duplicates
for every analysis, and records it when the request says `store: true`, filling `id`. Without a
store (the core benchmark, unit tests) it does nothing.
"""
from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timezone

from inquiry_lens.text.company_names import CompanyName
from inquiry_lens.history.duplicates import MAX_DUPLICATES, buyer_keys, email_key, same_buyer
from inquiry_lens.history.schema import dumps
from inquiry_lens.text.fold import fold

log = logging.getLogger(__name__)
SEARCH_LIMIT = 4000  # characters of folded text the text filter searches per inquiry
SHOWN_LIMIT = 300    # a name, company or subject column longer than this is cut


def iso(moment: datetime) -> str:
    """A UTC instant as fixed-width ISO 8601, so stored times sort as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _text(value) -> str | None:
    return value.strip()[:SHOWN_LIMIT] or None if isinstance(value, str) else None


def search_text(inquiry: dict, buyer: dict) -> str:
    """The folded words the `text` filter looks in: subject, product, message, buyer name, company, e-mail."""
    parts = [inquiry.get("subject"), inquiry.get("product"), buyer.get("name"), buyer.get("company"),
             buyer.get("email"), inquiry.get("message")]
    return fold(" ".join(p for p in parts if isinstance(p, str)), SEARCH_LIMIT)


def fingerprint(state: dict) -> str:
    """The same inquiry analysed again (the sidebar re-opened) has the same fingerprint and keeps one row."""
    inquiry, buyer = state["inquiry"], state["buyer"]
    email = buyer.get("email") if isinstance(buyer.get("email"), str) else ""
    given = (state["request"].get("inquiry") or {}).get("received_at")
    parts = [state["platform"], fold(str(inquiry.get("subject") or ""), 1000), fold(str(inquiry.get("message") or ""), 8000),
             email_key(email.strip()) if "@" in email else email.strip().lower(),
             iso(state["received_at"]) if given else ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def record_of(state: dict, env, fp: str, company: CompanyName | None) -> dict:
    """The row to store: what was asked (without the page HTML; the fields found in it are kept) and the verdict."""
    verdict, reply, inquiry, buyer = state["verdict"], state["reply"], state["inquiry"], state["buyer"]
    email = state["checks"].get("email")
    now = iso(env.now())
    follow_up = reply.get("follow_up")
    request = {"platform": state["platform"], "page_url": state.get("page_url"), "inquiry": inquiry, "buyer": buyer}
    analysis = {
        "verdict": verdict,
        "signals": [{k: s[k] for k in ("code", "polarity", "weight", "evidence")} for s in state["signals"]],
        "reply": {k: reply.get(k) for k in ("priority", "reply_by", "rule", "buyer_timezone", "follow_up")},
        "countries": state["checks"].get("countries"),
    }
    return {
        "fingerprint": fp, "stored_at": now, "analysed_at": now, "received_at": iso(state["received_at"]),
        "platform": state["platform"], "country": state.get("buyer_country"),
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


def stage(state: dict, env) -> dict:
    """Fill `duplicates` (always, when there is a store) and `id` (when the request asks to store)."""
    store = getattr(env, "store", None)
    if store is None:
        return state
    from inquiry_lens.history.store import StoreUnavailable

    keys, company = buyer_keys(state["checks"], state["buyer"].get("company"), env.rules)
    fp = fingerprint(state)
    try:
        matched = same_buyer(store.candidates(keys), company, env.rules)
        if matched:
            earlier = store.summaries(list(matched), exclude_fingerprint=fp, limit=MAX_DUPLICATES)
            state["duplicates"] = [{**summary, "matched_on": matched[summary.pop("ref")]} for summary in earlier]
        if state["request"].get("store") is True:
            state["id"] = store.record(record_of(state, env, fp, company), keys)
    except StoreUnavailable as exc:
        # The verdict still helps; a null id tells the client this one was not saved.
        log.warning("history not available: %s", exc)
    return state
