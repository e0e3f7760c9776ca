"""Earlier inquiries from the same buyer (撞单): the normalised keys an inquiry is filed under, and
which stored candidates are really the same buyer.

A buyer is recognised by an e-mail address (case, +tags and Gmail's dots ignored), a company
domain (never a free-mail, disposable or shared host such as alibaba.com), any E.164 number in
the phone, mobile or fax fields, or the company name (shared_rules/company_names.json). The store
finds candidates by these keys through an index; only the company name needs a second, fuzzy look.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from inquiry_lens.text.company_names import CompanyName, company_name, similar_cores
from inquiry_lens.text.fold import clean_input

# The strongest evidence first: an address is one person, a number one line, a domain one firm.
MATCH_ORDER = ("email", "phone", "domain", "company")
DOT_BLIND = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}  # Gmail ignores dots in the local part
MAX_DUPLICATES = 20


@lru_cache(maxsize=4)
def _not_a_company(rules) -> frozenset[str]:
    """Domains that say nothing about a buyer's firm: free mail and shared hosts (marketplaces, site builders)."""
    free = {domain for group in rules["free_mail"]["domains"].values() for domain in group}
    return frozenset(free | set(rules["links"]["shared_hosts"]))


def email_key(address: str) -> str:
    """An address as one mailbox: lower case, +tag dropped, Gmail's dots dropped."""
    local, _, domain = address.lower().rpartition("@")
    local = local.split("+", 1)[0] or local
    if domain in DOT_BLIND:
        domain, local = DOT_BLIND[domain], local.replace(".", "")
    return f"{local}@{domain}"


def _company_domain(host: str | None, registrable: str | None, rules) -> str | None:
    if not registrable:
        return None
    blocked = _not_a_company(rules)
    while host:  # a shared host may be a subdomain (sites.google.com), so every parent is checked
        if host in blocked:
            return None
        host = host.partition(".")[2]
    return None if registrable in blocked else registrable


def buyer_keys(checks: Mapping[str, Any], company_raw, rules) -> tuple[list[tuple[str, str]], CompanyName | None]:
    """The (kind, key) pairs an inquiry is filed and looked up under, and its company name's forms."""
    keys: list[tuple[str, str]] = []
    email = checks.get("email")
    if email and email.get("valid_syntax"):
        keys.append(("email", email_key(email["address"])))
        if not email.get("free_provider") and not email.get("disposable"):
            domain = _company_domain(email.get("domain"), email.get("registrable_domain"), rules)
            if domain:
                keys.append(("domain", domain))
    website = checks.get("website")
    if website:
        domain = _company_domain(website.get("host"), website.get("registrable_domain"), rules)
        if domain and not website.get("lookalike_of"):
            keys.append(("domain", domain))
    for field in ("phone", "mobile", "fax"):
        check = checks.get(field)
        if check and check.get("valid") and check.get("e164"):
            keys += [("phone", number) for number in (check["e164"], *check.get("others", ()))]
    company = company_name(clean_input(company_raw, rules), rules)
    if company:
        keys += company.lookup_keys(rules)
    return list(dict.fromkeys(keys)), company


def same_buyer(candidates: dict, company: CompanyName | None, rules) -> dict:
    """The candidates (store reference → {"kinds", "core"}) that are the same buyer → what matched.

    Found through the exact company key is the same company; found only through a company word or
    prefix, it is when the two names' cores are alike.
    """
    matched = {}
    for ref, found in candidates.items():
        kinds = found["kinds"]
        how = next((kind for kind in MATCH_ORDER[:3] if kind in kinds), None)
        if how is None and ("company" in kinds or (
                company and found.get("core") and similar_cores(company.core, found["core"], rules))):
            how = "company"
        if how:
            matched[ref] = how
    return matched
