"""The reply subject and draft (docs/ARCHITECTURE.md, "Replies"): `<seller company> for <product>`, the greeting, one
answer line per point the buyer asked with [PLACEHOLDERS] where the profile has no figure, the
seller's highlights chosen for the buyer type, the signature. Spam gets the polite sample-policy
or not-before-business reply, or, for phishing and advance-fee scams, a warning and no draft.
All wording lives in templates.json.
"""
from __future__ import annotations

import re
import string

from inquiry_lens.model.state import AnalysisState, Env

FIELD = string.Formatter()
BLANK_RUNS = re.compile(r"\n{3,}")
DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")  # "Co., Ltd." + "." is one full stop, an ellipsis stays


def fill(template: str, values: dict) -> str | None:
    """The template with its {fields} filled, or None when one of them has no value."""
    names = [name for _, name, _, _ in FIELD.parse(template) if name]
    if any(not values.get(name) for name in names):
        return None
    return DOUBLE_STOP.sub(".", template.format_map(values))


def piece(spec: dict, values: dict) -> str:
    """A template piece, falling back as far as its fields allow."""
    for key in ("text", "fallback", "last_resort"):
        if key in spec and (text := fill(spec[key], values)) is not None:
            return text
    return ""


def signature(seller: dict) -> list[str]:
    """The signature block from the profile: the saved text, else the parts the profile has."""
    if (seller.get("signature") or "").strip():
        return seller["signature"].strip().splitlines()
    parts = [seller.get("contact_name"), seller.get("company"), seller.get("address"), seller.get("phone"),
             seller.get("email"), seller.get("website"), *(seller.get("chat_ids") or [])]
    return [p.strip() for p in parts if p and p.strip()]


def chosen_highlights(seller: dict, buyer_type: str, templates: dict) -> list[str]:
    """The seller's highlights that speak to this buyer type first, at most max_highlights."""
    highlights = [h.strip() for h in seller.get("highlights") or [] if h and h.strip()]
    words = templates["highlight_words"].get(buyer_type, [])
    ranked = sorted(enumerate(highlights), key=lambda item: (-sum(w in item[1].lower() for w in words), item[0]))
    return [text for _, text in ranked[:templates["max_highlights"]]]


def values_of(state: AnalysisState) -> dict:
    """The fields templates may name, trimmed; empty ones make a piece fall back."""
    inquiry, buyer, seller = state.inquiry, state.buyer, state.seller

    def clean(value, limit=120):
        return " ".join(str(value or "").split())[:limit]

    return {
        "seller_company": clean(seller.get("company")),
        "product": clean(inquiry.get("product")),
        "inquiry_subject": clean(inquiry.get("subject")),
        "buyer_name": clean(buyer.get("name"), 80),
        "quantity": clean(inquiry.get("quantity"), 60),
        "moq": clean(seller.get("moq"), 80),
        "lead_time": clean(seller.get("lead_time"), 80),
        "payment_terms": clean(seller.get("payment_terms"), 120),
        "sample_policy": clean(seller.get("sample_policy"), 300),
        "certificates": ", ".join(clean(c, 40) for c in seller.get("certificates") or [] if c),
    }


def draft_text(state: AnalysisState, spec: dict, templates: dict, values: dict) -> str:
    """The whole draft for one kind of inquiry."""
    codes = {s["code"] for s in state.signals}
    lines = [piece(templates["greeting"], values), "", piece(spec["opening"], values), ""]
    if spec["answers"]:
        lines += [piece(answer["line"], values) for answer in templates["answers"] if answer["when"] in codes] + [""]
    if spec["questions"]:
        lines += [*spec["questions"], ""]
    filled = [fill(line, values) for line in spec["body"]]
    body = [line for line in filled if line is not None]
    if None in filled:  # a line lacked its value: the spec's fallback, else the lines that have theirs
        body = spec.get("body_fallback", body)
    if body:
        lines += [*body, ""]
    highlights = (chosen_highlights(state.seller, state.verdict["buyer_type"]["type"], templates)
                  if spec["highlights"] else [])
    if highlights:
        lines += [piece(templates["highlights_intro"], values), *(f"- {h}" for h in highlights), ""]
    lines += [spec["closing"], "", templates["sign_off"], *signature(state.seller)]
    return BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Subject and draft, or a warning instead of a draft for scams."""
    templates = env.rules["templates"]
    intent = state.verdict["intent"]
    kind = intent["subtype"] if intent["category"] == "spam" else intent["category"]
    spec = templates["drafts"].get(kind)
    reply = state.reply
    reply["warning"] = templates["warnings"].get(kind)
    if spec is None:
        return state
    values = values_of(state)
    reply["subject"] = piece(templates["subject"], values)
    reply["draft"] = draft_text(state, spec, templates, values)
    return state
