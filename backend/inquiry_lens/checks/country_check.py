"""Which country the buyer claims, and whether the phone, IP and domains tell the same story.

The claimed country is read early (the phone check resolves national numbers through it); the
comparison runs after every check, side by side, with a `consistent` flag.
"""
from __future__ import annotations

import re
import zoneinfo
from functools import cache, lru_cache
from pathlib import Path

import pycountry

from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.text.fold import clean_input, fold

_DROP = re.compile(r"['’`´.]")
_SPACES = re.compile(r"[\W_]+")
_PARTS = re.compile(r"\s[-–—]\s|[,/|()\[\];:，、（）]")
_FLAG = re.compile("([\U0001F1E6-\U0001F1FF])([\U0001F1E6-\U0001F1FF])")
# A registrable domain under one of these second levels is national even in a vanity TLD (abc.com.co).
_NATIONAL_SECOND_LEVELS = frozenset("com co net org gov edu ac or ne go gob gouv ltd plc biz nom sch mil".split())
# Numbers that reach whoever pays for them, not a place.
_NOT_GEOGRAPHIC = frozenset({"toll_free", "premium_rate"})


def _key(text: str) -> str:
    """A country name reduced to what tells it apart: folded, no punctuation, no leading "the"."""
    key = _SPACES.sub(" ", _DROP.sub("", fold(text, 120).replace("&", " and "))).strip()
    if key.startswith("the "):
        key = key[4:]
    if key.startswith("st "):
        key = "saint " + key[3:]
    return key


@lru_cache(maxsize=4)
def _index(rules) -> dict[str, str]:
    """Every known way to write a country -> ISO-2. Built once per loaded rules."""
    index: dict[str, str] = {}
    clashes: set[str] = set()
    for country in pycountry.countries:
        code = country.alpha_2
        names = [country.alpha_2, country.alpha_3, country.name,
                 getattr(country, "official_name", None), getattr(country, "common_name", None)]
        # "Korea, Republic of" and "Holy See (Vatican City State)" are also written "Korea", "Holy See".
        names += [re.split(r"[,(]", name)[0] for name in names[2:4] if name and re.search(r"[,(]", name)]
        for name in filter(None, names):
            key = _key(name)
            if index.get(key, code) != code:
                clashes.add(key)  # "Congo" is two countries: only the rules' alias may settle it
            index[key] = code
    for key in clashes:
        index.pop(key, None)
    for code, aliases in rules["country_aliases"]["aliases"].items():
        for alias in aliases:
            index[_key(alias)] = code
    return index


def resolve_country(raw, rules) -> str | None:
    """ISO-2 code of a country written as a name, code, alias, Chinese name or flag; else None."""
    text = clean_input(raw, rules)
    if text is None:
        return None
    text = text[:120]
    flag = _FLAG.search(text)
    if flag:
        code = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in flag.groups())
        if pycountry.countries.get(alpha_2=code):
            return code
    index = _index(rules)
    found = index.get(_key(text))
    if found:
        return found
    # "Lagos, Nigeria", "Nigeria (NG)", "USA / California": try the parts, last first. Two-letter
    # parts are skipped: in "Austin, TX" or "San Jose, CA" they are states, not countries.
    for part in reversed(_PARTS.split(text)[:12]):
        key = _key(part)
        if len(key) > 2 and key in index:
            return index[key]
    return None


@lru_cache(maxsize=4)
def _groups(rules) -> dict[str, str]:
    """ISO-2 -> the first code of its same-country group (GB for JE, US for PR …)."""
    return {code: group[0] for group in rules["country_aliases"]["same_country"] for code in group}


def same_country(a: str, b: str, rules) -> bool:
    """Whether two ISO-2 codes count as one country for comparison."""
    groups = _groups(rules)
    return groups.get(a, a) == groups.get(b, b)


def cctld_country(domain: str | None, rules, registrable: bool = True) -> str | None:
    """The country a domain's country-code TLD names (.de DE, .co.uk GB, .com.br BR); None for generic ones."""
    if not domain or not isinstance(domain, str):
        return None
    labels = domain.lower().rstrip(".").split(".")
    tld = labels[-1]
    table = rules["country_aliases"]
    if tld in table["tld_countries"]:
        return table["tld_countries"][tld]
    if len(tld) != 2 or not tld.isalpha():
        return None
    if tld in table["vanity_tlds"]:
        national = len(labels) >= 3 if registrable else len(labels) >= 3 and labels[-2] in _NATIONAL_SECOND_LEVELS
        if not national:
            return None
    code = tld.upper()
    return code if pycountry.countries.get(alpha_2=code) else None


@cache
def _zone_tab() -> dict[str, str]:
    """IANA zone -> ISO-2 from the system's zone.tab, when the system has one (Windows has not)."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        rows = (line.split("\t") for line in lines if not line.startswith("#"))
        return {cols[2]: cols[0] for cols in rows if len(cols) >= 3}
    return {}


def seller_country(timezone_name: str | None, rules) -> str | None:
    """The seller's own country, from the seller's time zone (Asia/Shanghai -> CN)."""
    if not timezone_name:
        return None
    return rules["country_aliases"]["timezone_countries"].get(timezone_name) or _zone_tab().get(timezone_name)


def claimed_stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Read the buyer's claimed country before the checks that compare against it."""
    state.claimed_country = resolve_country(state.buyer.get("country"), env.rules)
    return state


def _phone_region(check: dict | None) -> str | None:
    if not check or not check.get("valid"):
        return None
    region = check.get("region")
    return region if isinstance(region, str) and len(region) == 2 and region.isalpha() and region != "ZZ" else None


def _domain_country(check: dict | None, rules) -> str | None:
    if not check:
        return None
    if check.get("registrable_domain"):
        return cctld_country(check["registrable_domain"], rules)
    return cctld_country(check.get("domain"), rules, registrable=False)


@lru_cache(maxsize=512)
def _display_name(code: str, rules) -> dict:
    """A country's name for people: English from pycountry, Chinese from the alias table's first
    Chinese name; the code itself where either is missing (so the sidebar needs no Intl data)."""
    country = pycountry.countries.get(alpha_2=code)
    english = getattr(country, "common_name", None) or getattr(country, "name", None) or code
    chinese = next((alias for alias in rules["country_aliases"]["aliases"].get(code, [])
                    if any("\u4e00" <= ch <= "\u9fff" for ch in alias)), code)
    return {"zh": chinese, "en": english}


def display_names(codes, rules) -> dict:
    """{code: {zh, en}} for the codes given (None skipped)."""
    return {code: _display_name(code, rules) for code in codes if code and len(code) == 2 and code.isalpha()}


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Put every source's country side by side; compare the claimed country with the IP's."""
    rules, checks = env.rules, state.checks
    claimed = state.claimed_country
    ip = (checks.get("ip") or {}).get("country")
    numbers = {"phone": checks.get("phone"), "fax": checks.get("fax"), "mobile": checks.get("mobile")}
    table = {
        "claimed": claimed,
        "phone": _phone_region(numbers["phone"]),
        "fax": _phone_region(numbers["fax"]),
        "mobile": _phone_region(numbers["mobile"]),
        "ip": ip,
        "email_cctld": _domain_country(checks.get("email"), rules),
        "website_cctld": _domain_country(checks.get("website"), rules),
    }
    compared = [value for name, value in table.items() if value and not (
        name in numbers and (numbers[name] or {}).get("type") in _NOT_GEOGRAPHIC)]
    groups = _groups(rules)
    table["consistent"] = len({groups.get(c, c) for c in compared}) == 1 if len(compared) >= 2 else None
    table["names"] = display_names(
        [table[key] for key in ("claimed", "phone", "fax", "mobile", "ip", "email_cctld", "website_cctld")], rules)
    checks["countries"] = table
    state.buyer_country = claimed or table["phone"] or table["mobile"] or ip

    if claimed and ip:
        evidence = f"claimed {claimed}, IP in {ip}"
        home = seller_country(state.seller.get("timezone"), rules)
        if same_country(claimed, ip, rules):
            add_signal(state, env, "IP_COUNTRY_MATCH", evidence)
        elif home and same_country(ip, home, rules):
            # A claimed foreign buyer on an IP in the seller's own country: the more specific
            # reason stands alone (buyers at trade fairs or with sourcing offices there exist too).
            add_signal(state, env, "IP_IN_SELLER_COUNTRY", f"{evidence}, the seller's country")
        else:
            add_signal(state, env, "IP_COUNTRY_MISMATCH", evidence)
    return state
