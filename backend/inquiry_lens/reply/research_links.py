"""The background-check (背调) links (docs/ARCHITECTURE.md, "Replies"): search the company, LinkedIn, the domain's WHOIS,
the address on a map and, for US buyers, import records. The URL templates and labels are in
research.json; this module only fills them, encoded, from the data the request has.

Nothing here fetches anything: the links are opened by the user's click.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

import pycountry

from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.rules import Rules

MAX_TEXT = 200  # a search query, not a document: longer input is pasted text, not a name


class _Blank(dict):
    """Template values where an absent optional field reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


class _PathEncoded(dict):
    """The values as single path segments, encoded only when the template asks for them."""

    def __init__(self, plain: dict):
        super().__init__()
        self.plain = plain

    def __missing__(self, key: str) -> str:
        return quote(self.plain[key], safe="")


def _text(value) -> str | None:
    """One line of plain text, or None when nothing is left."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())[:MAX_TEXT].strip()
    return text or None


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    """The English name people search with (South Korea, not Korea, Republic of)."""
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=4)
def _not_the_buyers(rules) -> frozenset[str]:
    """Domains whose WHOIS says nothing about the buyer: mailbox providers and trading platforms."""
    skip = {d for group in rules["free_mail"]["domains"].values() for d in group}
    brands = rules["brands"]["brands"] if "brands" in rules else []
    skip.update(d for brand in brands if brand.get("platform") for d in brand["domains"])
    return frozenset(skip)


def buyer_domains(checks: Mapping[str, Any], rules: Rules) -> list[str]:
    """The buyer's own registrable domains: the e-mail's if corporate, then the website's if different."""
    skip = _not_the_buyers(rules)
    email = checks.get("email") or {}
    website = checks.get("website") or {}
    found: list[str | None] = []
    if not email.get("free_provider") and not email.get("disposable"):
        found.append(email.get("registrable_domain"))
    found.append(website.get("registrable_domain"))
    out: list[str] = []
    for raw in found:
        domain = _text(raw)
        if domain and domain.lower() not in skip and domain not in out:
            out.append(domain)
    return out


def build(link: dict, values: dict, country: str | None) -> list[dict]:
    """The links one template gives: none when a required field is missing, one per buyer domain."""
    if link.get("countries") and country not in link["countries"]:
        return []
    domains = values["domains"] if "domain" in link["requires"] else [None]
    if any(not values.get(field) for field in link["requires"] if field != "domain"):
        return []
    links = []
    for domain in domains:
        plain = _Blank({k: v for k, v in values.items() if isinstance(v, str)}, domain=domain or "")
        url = link["url"].format_map(_PathEncoded(plain))
        if link.get("query"):
            params = {key: " ".join(template.format_map(plain).split()) for key, template in link["query"].items()}
            url += "?" + urlencode(params, quote_via=quote)
        label = {lang: " ".join(text.format_map(plain).split()) for lang, text in link["label"].items()}
        links.append({"label": label, "url": url})
    return links


def research_links(state: AnalysisState, rules: Rules) -> list[dict]:
    """Every link the request's data allows, in research.json's order."""
    buyer = state.buyer
    country = state.buyer_country
    values = {
        "company": _text(buyer.get("company")),
        "country_name": country_name(country),
        "address": _text(buyer.get("address")),
        "domains": buyer_domains(state.checks, rules),
    }
    return [made for link in rules["research"]["links"] for made in build(link, values, country)]


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    state.research_links = research_links(state, env.rules)
    return state
