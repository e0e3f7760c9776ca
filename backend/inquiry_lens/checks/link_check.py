"""Links and attachments in an inquiry: where each link really goes and whether it lures the seller.

Fills checks.links (one entry per link: url, registrable_domain, risk, reasons) and raises the
LINK_*, DOMAIN_PUNYCODE and SUSPICIOUS_ATTACHMENT signals. The rules, and how they combine, are
written in the description of shared_rules/links.json.
"""
from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from inquiry_lens.checks import domains
from inquiry_lens.checks.email_check import check_email, check_website
from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.rules import Rules
from inquiry_lens.text.pattern_gate import WordIndex, may_match, required_words

MAX_TEXT = 200_000  # characters of subject + message searched for links
MAX_URL = 2048
_TRAILING = ".,;:!?'\"*~>"
_WORDS = re.compile(r"[a-z0-9]+")
# inet_aton also reads 3232235777, 0xC0A80001 and 0300.0250.0.1 as addresses: browsers open them all.
_NUMERIC_HOST = re.compile(r"(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}")
_BIDI = ("\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u200f")
# A scheme as written before a link (no dots, so host:port is not mistaken for one).
_SCHEME = re.compile(r"([a-z][a-z0-9+-]{0,30}):", re.I)
_ORDER = ("LINK_UNSAFE_SCHEME", "LINK_IP_HOST", "LINK_SHORTENER", "LINK_LOOKALIKE", "DOMAIN_PUNYCODE", "LINK_LOGIN_LURE")


@lru_cache(maxsize=8)
def compiled(rules: Rules) -> SimpleNamespace:
    """The links.json patterns and sets, built once per rules version."""
    data = rules["links"]
    flags = re.ASCII | (re.I if "i" in data["url_pattern"]["flags"] else 0)
    cues = [(cue["id"], cue["category"], re.compile(cue["pattern"], re.ASCII), required_words(cue["pattern"], False))
            for cue in data["text_cues"]]
    url_gate = required_words(data["url_pattern"]["pattern"], bool(flags & re.I))
    return SimpleNamespace(
        url_re=re.compile(data["url_pattern"]["pattern"], flags),
        url_words=sorted(url_gate[0]) if len(url_gate) == 1 else None,
        cues=cues, cue_words=WordIndex(w for *_, gate in cues for words in gate for w in words),
        ungated=[cue for cue in cues if not cue[3]], gated_by=_gated_by(cues),
        negation_re=re.compile("|".join(f"(?:{p})" for p in data["negations"]), re.ASCII) if data["negations"] else None,
        max_links=data["max_links"], near=data["near"],
        safe=set(data["schemes"]["safe"]), ignored=set(data["schemes"]["ignored"]),
        dangerous=set(data["schemes"]["dangerous"]), shorteners=set(data["shorteners"]),
        login_tokens=set(data["url_cues"]["login_tokens"]), login_substrings=data["url_cues"]["login_substrings"],
        document_tokens=set(data["url_cues"]["document_tokens"]),
        bad_ext=set(data["attachments"]["dangerous"]), archives=set(data["attachments"]["archives"]),
        doc_ext=set(data["attachments"]["document_like"]),
    )


def _gated_by(cues: list) -> dict[str, list]:
    """Gate word → the cues it may open, so only the cues of the words present are looked at."""
    index: dict[str, list] = {}
    for cue in cues:
        for word in {w for words in cue[3] for w in words}:
            index.setdefault(word, []).append(cue)
    return index


def find_links(text: str, rules: Rules) -> list[tuple[str, int, int]]:
    """(url, start, end) of each link written in `text`, trailing punctuation left out.

    Every match holds one of the pattern's gate words ("://", "www." …) and no space, so only the
    space-free words holding a gate word need the (costly) regex scan.
    """
    c = compiled(rules)
    lowered = text.lower()
    spans: set[tuple[int, int]]
    if c.url_words is None or len(lowered) != len(text):  # no gate, or lower case shifted positions
        spans = {(0, len(text))}
    else:
        spans = set()
        for word in c.url_words:
            i = lowered.find(word)
            while i != -1:
                word_start = text.rfind(" ", 0, i) + 1
                word_end = text.find(" ", i)
                word_end = len(text) if word_end == -1 else word_end
                spans.add((word_start, word_end))
                i = lowered.find(word, word_end)
    found = []
    for word_start, word_end in sorted(spans):
        for m in c.url_re.finditer(text, word_start, word_end):
            url = m.group().rstrip(_TRAILING)
            if len(url) > 4:
                found.append((url, m.start(), m.start() + len(url)))
    return found


def text_cues(context: str, rules: Rules) -> dict[str, str]:
    """Lure cues in a piece of text, by id → category; negations ('no need to log in') cancel login and script cues."""
    c = compiled(rules)
    context = context.lower()
    present = c.cue_words.present(context)
    gated = {id(cue): cue for word in present for cue in c.gated_by.get(word, ())}
    candidates = c.ungated + [cue for cue in gated.values() if may_match(cue[3], present)]
    negated = context
    if c.negation_re is not None and any(cue[1] != "document" for cue in candidates):
        negated = c.negation_re.sub(" ", context)
    return {ident: category for ident, category, pattern, _ in candidates
            if pattern.search(context if category == "document" else negated)}


def _url_cues(parts, c: SimpleNamespace) -> tuple[bool, int]:
    """(login cue, number of document words) in the host and path of a link."""
    host_words = set(re.split(r"[.-]+", parts.hostname or ""))
    tail = f"{parts.path}?{parts.query}#{parts.fragment}".lower()
    words = set(_WORDS.findall(tail)) | host_words
    login = bool(words & c.login_tokens) or any(s in tail for s in c.login_substrings)
    return login, len(words & c.document_tokens)


def _ip_host(host: str) -> bool:
    """Whether a link's host is an address rather than a name."""
    if not (host[-1].isdigit() or ":" in host):
        return False  # a name ends in a letter (its suffix): skip the costly failed parse
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return bool(_NUMERIC_HOST.fullmatch(host))


def check_link(url: str, context: str, rules: Rules, own: frozenset = frozenset()) -> dict | None:
    """checks.links entry for one link; None for links that are not web links (mailto:, tel:)."""
    c = compiled(rules)
    url = url.strip()[:MAX_URL]
    written = _SCHEME.match(url)
    full = url if written else "http://" + url  # www.x.com, or a scraped link written without its scheme
    scheme = written.group(1).lower() if written else "http"
    if scheme in c.ignored:
        return None
    reasons: set[str] = set()
    cues: dict[str, str] = {}
    result: dict[str, Any] = {"url": url, "registrable_domain": None, "risk": "ok", "reasons": [], "cues": []}
    if scheme not in c.safe:
        reasons.add("LINK_UNSAFE_SCHEME")
    try:
        parts = urlsplit(full)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        parts, host = None, ""
    info = None
    if host and _ip_host(host):
        reasons.add("LINK_IP_HOST")
    elif host:
        info = domains.inspect(host, rules)
    if info is not None:
        reg = result["registrable_domain"] = info["registrable_domain"]
        if reg in c.shorteners or info["host"] in c.shorteners:
            reasons.add("LINK_SHORTENER")
        if info["lookalike_of"]:
            reasons.add("LINK_LOOKALIKE")
        if info["disguised"]:
            reasons.add("DOMAIN_PUNYCODE")
    if _brand_in_userinfo(parts, rules):
        reasons.add("LINK_LOOKALIKE")
    if parts is not None and not (info and info["platform"]):
        brand_own = bool(info and info["known"] and info["brand"])
        unknown = not brand_own and not (info and info["registrable_domain"] in own)
        login, doc_words = _url_cues(parts, c) if host and not brand_own else (False, 0)
        cues = text_cues(context, rules) if context else {}
        strong = login or any(cat != "document" for cat in cues.values())
        weak = doc_words >= 2 or "document" in cues.values()
        if strong or (unknown and weak):
            reasons.add("LINK_LOGIN_LURE")
    result["reasons"] = [code for code in _ORDER if code in reasons]
    result["cues"] = sorted(cues)
    if reasons & {"LINK_LOGIN_LURE", "LINK_LOOKALIKE"} or scheme in c.dangerous:
        result["risk"] = "phishing"
    elif reasons & {"LINK_UNSAFE_SCHEME", "LINK_IP_HOST", "DOMAIN_PUNYCODE"}:
        result["risk"] = "suspicious"
    elif reasons:
        result["risk"] = "shortener"
    return result


def _brand_in_userinfo(parts, rules: Rules) -> bool:
    """http://alibaba.com@evil.example/: the part before @ is only a user name, written to look like the host."""
    user = parts.username if parts is not None else None
    if not user or "." not in user:
        return False
    info = domains.inspect(user, rules)
    return bool(info and (info["brand"] or info["lookalike_of"]))


def suspicious_attachment(name: str, rules: Rules) -> bool:
    """PO_8812.pdf.exe, invoice.html, scan.pdf.zip, or a name hiding its extension with a right-to-left mark."""
    c = compiled(rules)
    if any(mark in name for mark in _BIDI):
        return True
    tail = unicodedata.normalize("NFKC", name.strip()[-255:])  # the extensions are at the end of any length
    parts = [p.strip().lower() for p in tail.rstrip(". ").split(".")]
    if len(parts) < 2:
        return False
    if parts[-1] in c.bad_ext:
        return True
    return len(parts) >= 3 and parts[-2] in c.doc_ext and parts[-1] in c.archives


def _own_domains(state: AnalysisState, rules: Rules) -> frozenset:
    """The buyer's own corporate domains (e-mail and website), which document words do not make a lure."""
    buyer = state.buyer
    email = state.checks.get("email") or check_email(buyer.get("email"), rules)
    website = state.checks.get("website") or check_website(buyer.get("website"), rules)
    own = set()
    if email and email["valid_syntax"] and not (email["free_provider"] or email["disposable"]):
        own.add(email["registrable_domain"])
    if website and website.get("registrable_domain") and not website.get("lookalike_of"):
        own.add(website["registrable_domain"])
    shared = set(rules["links"]["shared_hosts"])
    return frozenset(d for d in own if d and d not in shared and not (domains.inspect(d, rules) or {}).get("lookalike_of"))


def _text(value) -> str:
    """A text field, or nothing when the request holds something else there."""
    return value if isinstance(value, str) else ""


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Check every link of the inquiry (given and written in the text) and every attachment name."""
    rules = env.rules
    c = compiled(rules)
    inquiry = state.inquiry
    text = " ".join(f"{_text(inquiry.get('subject'))}\n{_text(inquiry.get('message'))}"[:MAX_TEXT].split())
    written: dict[str, tuple[str, int, int]] = {}
    for url, start, end in find_links(text, rules):
        written.setdefault(_key(url), (url, start, end))
        if len(written) >= c.max_links:
            break
    links = inquiry.get("links")
    given = [u for u in links if isinstance(u, str) and u.strip()] if isinstance(links, list) else []
    order: dict[str, str] = {}
    for url in given[: c.max_links] + [w[0] for w in written.values()]:
        order.setdefault(_key(url), url)
    own = _own_domains(state, rules)
    before, after, whole = c.near["before"], c.near["after"], c.near["whole_text"]
    for key, url in list(order.items())[: c.max_links]:
        if key in written:
            _, start, end = written[key]
            context = text[max(0, start - before):start] + " " + text[end:end + after]
        else:
            context = text[:whole]
        link = check_link(url, context, rules, own)
        if link is None:
            continue
        state.checks["links"].append(link)
        for code in link["reasons"]:
            add_signal(state, env, code, link["url"])
    attachments = inquiry.get("attachments")
    for item in attachments if isinstance(attachments, list) else []:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and suspicious_attachment(name, rules):
            shown = name if len(name) <= 120 else f"{name[:50]}…{name[-60:]}"  # keep the extensions in view
            add_signal(state, env, "SUSPICIOUS_ATTACHMENT", shown)
    return state


def _key(url: str) -> str:
    """One key for one link written twice (http or https, trailing slash, www. without scheme, host case)."""
    url = url.strip().rstrip(_TRAILING).rstrip("/")
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = ("http", url) if url[:4].lower() == "www." else (scheme, "")
    scheme = "http" if scheme.lower() == "https" else scheme.lower()
    host, slash, path = rest.partition("/")
    return f"{scheme}://{host.lower()}{slash}{path}" if rest else url
