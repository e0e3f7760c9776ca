"""The reply subject and draft (DESIGN.md 4.5): `<seller company> for <product>`, the greeting,
the answers with [PLACEHOLDERS], the seller's highlights and signature. Wording lives in templates.json.
"""
from __future__ import annotations

import string

FIELD = string.Formatter()


def fill(template: str, values: dict) -> str | None:
    """The template with its {fields} filled, or None when one of them has no value."""
    names = [name for _, name, _, _ in FIELD.parse(template) if name]
    if any(not values.get(name) for name in names):
        return None
    return template.format_map(values)


def piece(spec: dict, values: dict) -> str:
    """A template piece, falling back as far as its fields allow."""
    for key in ("text", "fallback", "last_resort"):
        if key in spec and (text := fill(spec[key], values)) is not None:
            return text
    return ""


def signature(seller: dict) -> list[str]:
    """The signature block from the profile: the saved text, else the parts the profile has."""
    if seller.get("signature"):
        return seller["signature"].strip().splitlines()
    parts = [seller.get("contact_name"), seller.get("company"), seller.get("address"), seller.get("phone"),
             seller.get("email"), seller.get("website"), *seller.get("chat_ids", [])]
    return [p.strip() for p in parts if p and p.strip()]


def stage(state: dict, env) -> dict:
    """Subject and draft for every inquiry not judged spam."""
    if state["reply"]["priority"] == "do_not_engage":
        return state
    templates = env.rules["templates"]
    inquiry, buyer, seller = state["inquiry"], state["buyer"], state["seller"]
    values = {
        "seller_company": (seller.get("company") or "").strip(),
        "product": (inquiry.get("product") or "").strip()[:120],
        "inquiry_subject": (inquiry.get("subject") or "").strip()[:120],
        "buyer_name": (buyer.get("name") or "").strip()[:80],
    }
    lines = [piece(templates["greeting"], values), "", piece(templates["opening"], values), ""]
    lines += templates["answers"]
    highlights = [h.strip() for h in seller.get("highlights", []) if h and h.strip()]
    if highlights:
        intro = fill(templates["highlights_intro"], values) or templates["highlights_intro_fallback"]
        lines += ["", intro, *(f"- {h}" for h in highlights)]
    lines += ["", templates["closing"], "", templates["sign_off"], *signature(seller)]
    state["reply"]["subject"] = piece(templates["subject"], values)
    state["reply"]["draft"] = "\n".join(lines).strip()
    return state
