"""The buyer's e-mail address, website and company name: are they a real company's, and one company's?

Fills checks.email and checks.website (docs/ARCHITECTURE.md, "The HTTP contract") and raises the EMAIL_*, COMPANY_* and
DOMAIN_* signals. Syntax comes from email-validator without any DNS look-up; domains from
inquiry_lens.checks.domains; the lists from free_mail.json, role_accounts.json and the
disposable-email-domains package.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from types import SimpleNamespace

from disposable_email_domains import blocklist as DISPOSABLE
from email_validator import EmailNotValidError, validate_email
from rapidfuzz import fuzz

from inquiry_lens.checks import domains
from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.rules import Rules
from inquiry_lens.text.fold import clean_input

MAX_INPUT = 2000  # longer pastes are cut: no address or host name is this long
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# Patterns below run on text whose whitespace runs are collapsed to one space, so no part of
# them can rescan a long run of blanks. Platforms mark addresses they could not confirm.
_MAILTO = re.compile(r"mailto:", re.I)
_OBFUSCATED_AT = re.compile(r" ?[\[({] ?at ?[\])}] ?| at ", re.I)
_OBFUSCATED_DOT = re.compile(r" ?[\[({] ?dot ?[\])}] ?| dot ", re.I)
# Splitting on separators, then picking a token, stays linear on any input (a search for
# "run@run" would rescan a long run once per start position).
_ADDRESS_SEPARATORS = re.compile(r"[\s<>()\[\]{}\"'“”‘’,;:|、]+")
_HOST_SEPARATORS = re.compile(r"[\s<>()\[\]{}\"'“”‘’,;|、]+")
_SPELLING = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th", "ı": "i", "&": " "})


@lru_cache(maxsize=8)
def _lists(rules: Rules) -> SimpleNamespace:
    """Sets built once per rules version."""
    roles = rules["role_accounts"]
    free = {d for group in rules["free_mail"]["domains"].values() for d in group}
    shared = set(rules["links"]["shared_hosts"])
    unverified = re.compile(rules["field_values"]["unverified_email_pattern"], re.I)
    return SimpleNamespace(free=free, roles=set(roles["local_parts"]), qualifiers=set(roles["qualifiers"]), shared=shared,
                           unverified=unverified)


def _clean(raw: str) -> str:
    """The first characters of a field, NFKC-normalised (full-width @ and dots), invisible marks dropped,
    blanks collapsed."""
    text = unicodedata.normalize("NFKC", raw[:MAX_INPUT]).translate(_INVISIBLE).replace("\u3002", ".")
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _validate(address: str) -> tuple[str, str, str] | None:
    """(normalized address, local part, ASCII domain) by email-validator, no DNS; None when not valid."""
    try:
        valid = validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return None
    return valid.normalized, valid.local_part, valid.ascii_domain


def is_role_account(local: str, rules: Rules) -> bool:
    """info@, sales2@, export-dept@: a mailbox named after a function (rule in role_accounts.json)."""
    lists = _lists(rules)
    words = [w.rstrip("0123456789") for w in re.split(r"[._-]+", local.lower().split("+", 1)[0])]
    words = [w for w in words if w]
    return bool(words) and words[0] in lists.roles and all(w in lists.roles or w in lists.qualifiers for w in words[1:])


def check_email(raw, rules: Rules) -> dict | None:
    """checks.email for what a person pasted in the e-mail field; None when it is empty."""
    raw = "" if raw is None else str(raw)
    text = _clean(raw)
    if not text:
        return None
    marks = _lists(rules).unverified
    unverified = bool(marks.search(text))
    text = _MAILTO.sub(" ", marks.sub(" ", text))
    if "@" not in text:
        text = _OBFUSCATED_DOT.sub(".", _OBFUSCATED_AT.sub("@", text))
    found = next((t for t in _ADDRESS_SEPARATORS.split(text) if "@" in t), None)
    address = (found or text.strip()).split("?", 1)[0].strip(".-_")
    result = {
        "input": raw[:320], "address": address[:320], "valid_syntax": False, "domain": None,
        "registrable_domain": None, "free_provider": False, "disposable": False, "role_account": False,
        "matches_website": None, "unverified_mark": unverified,
    }
    if "@" not in address:
        return result
    local, domain = address.rsplit("@", 1)
    valid = _validate(address) if len(address) <= 320 else None
    if valid is not None:
        result.update(valid_syntax=True, address=valid[0])
        local, domain = valid[1], valid[2]
    info = domains.inspect(domain, rules)
    domain = info["host"] if info else domain.lower()[:253]
    registrable = info["registrable_domain"] if info else None
    lists = _lists(rules)
    free = domain in lists.free or registrable in lists.free
    result.update(
        domain=domain, registrable_domain=registrable, free_provider=free,
        disposable=not free and (domain in DISPOSABLE or registrable in DISPOSABLE),
        role_account=is_role_account(local, rules),
    )
    return result


def check_website(raw, rules: Rules) -> dict | None:
    """checks.website for `www.x.com`, `http://x.com/path`, `x.com` or a label before it; None when empty."""
    raw = "" if raw is None else str(raw)
    text = _clean(raw)
    if not text:
        return None
    result = {"input": raw[:320], "host": None, "registrable_domain": None, "punycode": False, "lookalike_of": None}
    token = next((t for t in _HOST_SEPARATORS.split(text) if "." in t.strip(".")), None)
    if token is None:
        return result
    label, colon, rest = token.partition(":")
    if colon and "." not in label and not rest.startswith("//"):
        token = rest  # "网址:www.x.com", "Web:x.com"
    host = token.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1]
    if host.startswith("[") or host.count(":") > 1:
        return result
    info = domains.inspect(host.split(":", 1)[0], rules)
    if info is not None:
        result.update(host=info["host"], registrable_domain=info["registrable_domain"],
                      punycode=info["punycode"], lookalike_of=info["lookalike_of"])
    return result


def _shared(host: str | None, lists: SimpleNamespace) -> bool:
    """A page on a marketplace, social network or site builder says nothing about who owns it."""
    while host:
        if host in lists.shared:
            return True
        host = host.partition(".")[2]
    return False


def same_owner(a: str, b: str) -> bool:
    """Two registrable domains of one company: equal, or one name on two suffixes (abc.com, abc.de)."""
    return a == b or a.split(".", 1)[0] == b.split(".", 1)[0]


@lru_cache(maxsize=4)
def _company_vocabulary(rules: Rules) -> tuple[frozenset[str], frozenset[str]]:
    """The words a company name carries besides its own (company_names.json, shared with the
    duplicate search): legal forms and small words, and generic trade words."""
    names = rules["company_names"]
    return frozenset(names["legal_forms"]) | frozenset(names["stop_words"]), frozenset(names["generic_words"])


def _company_words(company: str, legal: frozenset[str]) -> list[str]:
    """A company name's words, lower-case ASCII, legal forms (Ltd, s.r.o., Sp. z o.o.) dropped."""
    text = unicodedata.normalize("NFKD", company.lower().translate(_SPELLING))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\b([a-z])\.(?=[a-z]\.)", r"\1", text)  # s.r.o. -> sro, s.a. -> sa
    return [w for w in re.findall(r"[a-z0-9]+", text.replace(".", "")) if w not in legal]


@lru_cache(maxsize=4096)
def company_matches(company: str, registrable: str, rules: Rules) -> bool:
    """Whether a company name plausibly owns a domain: VeloTrade CZ s.r.o. ~ velotrade.cz (supporting evidence).

    The domain's first label must spell the name (or its distinctive words, or its initials), or
    start or end with them with only the name's other words, generic or legal words left over
    (zagros-trading.com for Zagros General Trading Co.); small spelling differences are allowed.
    """
    legal, generic = _company_vocabulary(rules)
    forms = domains.to_ascii(registrable)
    label = "".join(_company_words(forms[1].split(".", 1)[0] if forms else registrable, legal))
    words = _company_words(company, legal)
    if len(label) < 2 or not words:
        return False
    whole = "".join(words)
    distinct = [w for w in words if w not in generic] or words
    core = "".join(distinct)
    if label in (whole, core) or (len(words) >= 3 and label == "".join(w[0] for w in words)):
        return True
    if len(label) >= 5 and whole.startswith(label):
        return True
    filler = set(words) | generic | legal
    for part in {core, distinct[0]}:
        if len(part) >= 4 and part != label and (
                (label.startswith(part) and domains.segments(label[len(part):], filler))
                or (label.endswith(part) and domains.segments(label[:-len(part)], filler))):
            return True
    return fuzz.ratio(label, core) >= 85


def _has_contact(buyer: dict) -> bool:
    """Whether the buyer gave any contact at all: only then is a missing company name telling."""
    return any(str(buyer.get(k) or "").strip() for k in ("name", "email", "phone", "mobile", "website"))


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Check the buyer's e-mail, website and company name; raise the contact and domain signals."""
    rules = env.rules
    buyer = state.buyer
    email = check_email(buyer.get("email"), rules)
    website = check_website(buyer.get("website"), rules)
    state.checks["email"] = email
    state.checks["website"] = website
    lists = _lists(rules)
    email_info = domains.inspect(email["domain"], rules) if email and email["domain"] else None
    site_ok = bool(website and website["registrable_domain"] and not _shared(website["host"], lists))
    lookalike = False
    if email is not None:
        evidence = email["address"] or email["input"]
        if not email["valid_syntax"]:
            add_signal(state, env, "EMAIL_INVALID", email["input"])
        else:
            lookalike = bool(email_info and email_info["lookalike_of"])
            if email["disposable"]:
                add_signal(state, env, "EMAIL_DISPOSABLE", email["domain"])
            elif email["free_provider"]:
                add_signal(state, env, "EMAIL_FREE_PROVIDER", email["domain"])
            elif not lookalike:  # a brand lookalike is not evidence of a real company
                add_signal(state, env, "EMAIL_CORPORATE", email["domain"])
            if email["role_account"]:
                add_signal(state, env, "EMAIL_ROLE_ACCOUNT", evidence)
            if site_ok and website and email["registrable_domain"]:  # (site_ok implies a website)
                email["matches_website"] = same_owner(email["registrable_domain"], website["registrable_domain"])
                corporate = not (email["free_provider"] or email["disposable"] or lookalike or website["lookalike_of"])
                if corporate:
                    code = "EMAIL_WEBSITE_MATCH" if email["matches_website"] else "EMAIL_WEBSITE_MISMATCH"
                    add_signal(state, env, code, f'{email["registrable_domain"]} / {website["registrable_domain"]}')
        if buyer.get("email_verified") is False or email["unverified_mark"]:
            add_signal(state, env, "EMAIL_UNVERIFIED", evidence)
    elif buyer.get("email_verified") is False:
        add_signal(state, env, "EMAIL_UNVERIFIED", None)
    for info in (email_info, domains.inspect(website["host"], rules) if website and website["host"] else None):
        if info and info["lookalike_of"]:
            add_signal(state, env, "DOMAIN_LOOKALIKE", f'{info["registrable_domain"]} ~ {info["lookalike_of"]}')
        if info and info["disguised"]:
            add_signal(state, env, "DOMAIN_PUNYCODE", f'{info["host"]} ({info["unicode_host"]})')
    _company(state, env, email, website, site_ok, lookalike)
    return state


def _company(state: AnalysisState, env: Env, email: dict | None, website: dict | None, site_ok: bool,
             email_lookalike: bool) -> None:
    """COMPANY_MISSING, or COMPANY_DOMAIN_MATCH against a corporate e-mail or website domain."""
    buyer = state.buyer
    company = clean_input(buyer.get("company"), env.rules) or ""
    if not company or company.lower() in env.rules["field_values"]["no_company"]:
        if _has_contact(buyer):
            add_signal(state, env, "COMPANY_MISSING", None)
        return
    candidates = []
    if email and email["valid_syntax"] and email["registrable_domain"] and not (
            email["free_provider"] or email["disposable"] or email_lookalike):
        candidates.append(email["registrable_domain"])
    if site_ok and website and not website["lookalike_of"]:
        candidates.append(website["registrable_domain"])
    for registrable in candidates:
        if company_matches(company, registrable, env.rules):
            add_signal(state, env, "COMPANY_DOMAIN_MATCH", f"{company} ~ {registrable}")
            return
