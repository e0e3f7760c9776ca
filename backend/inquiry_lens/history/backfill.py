"""Migration 2's data step: a version-1 row (the request as sent, the verdict) re-read into the
version-2 columns and filed under its buyer keys, so old inquiries are found as duplicates too."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from inquiry_lens.history.columns import search_text
from inquiry_lens.history.duplicates import buyer_keys
from inquiry_lens.rules import Rules

# A buyer as the request gave it → (the claimed country code, the checks of its e-mail, website, phone,
# mobile and fax in the response's shape). analysis.contact_checks is the one the product hands in.
ContactChecks = Callable[[dict, Rules], "tuple[str | None, dict[str, Any]]"]


def _loads(text) -> dict:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def v1_row_to_v2(old: dict, rules: Rules, contact_checks: ContactChecks) -> tuple[dict, list[tuple[str, str]]]:
    """The version-2 row and buyer keys of one version-1 row; a damaged JSON cell reads as empty."""
    request, verdict = _loads(old["request"]), _loads(old["verdict"])
    buyer, inquiry = _dict(request.get("buyer")), _dict(request.get("inquiry"))
    claimed, checks = contact_checks(buyer, rules)
    phone_region = next((c["region"] for c in (checks["phone"], checks["mobile"]) if c and c["valid"]), None)
    keys, company = buyer_keys(checks, buyer.get("company"), rules)
    intent = verdict.get("intent") or {}
    credibility = verdict.get("credibility") or {}
    category = intent.get("category") or "no_clear_target"
    email = checks["email"]
    row = {
        "id": old["id"], "fingerprint": None, "stored_at": old["stored_at"], "analysed_at": old["stored_at"],
        "received_at": old["received_at"], "platform": old["platform"], "country": claimed or phone_region,
        "category": category, "subtype": intent.get("subtype"),
        "buyer_type": (verdict.get("buyer_type") or {}).get("type"),
        # version 1 kept no priority; it follows from the category as the timing rules say
        "priority": rules["timing"]["priority_by_category"].get(category),
        "score": credibility.get("score"), "level": credibility.get("level"),
        "badge": (verdict.get("badge") or {}).get("color"),
        "name": buyer.get("name"), "company": buyer.get("company"),
        "email": email["address"] if email else None,
        "subject": inquiry.get("subject"), "product": inquiry.get("product"),
        "company_key": company.key if company else None, "company_core": company.core if company else None,
        "search": search_text(inquiry, buyer),
        "status": old["status"] or "new", "status_at": old["status_at"], "follow_up_on": None,
        "request": old["request"],
        "analysis": json.dumps({"verdict": verdict, "signals": [],
                                "reply": {"priority": rules["timing"]["priority_by_category"].get(category)}},
                               ensure_ascii=False, separators=(",", ":")),
    }
    return row, keys
