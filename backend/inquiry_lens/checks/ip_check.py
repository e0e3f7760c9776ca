"""The buyer's IP address: is it a real public address, and where is it.

Platforms show the IP with decorations ("41.58.1.1 (Lagos)", "IP: …", a port, brackets); the
first token that parses as an address is the one checked. Only public addresses get a location:
a private or reserved one says nothing about where the buyer is.
"""
from __future__ import annotations

import ipaddress
import re
import unicodedata

from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.text.fold import clean_input

_CANDIDATE = re.compile(r"[0-9A-Fa-f:.]{2,}(?:%[0-9A-Za-z]+)?")
MAX_CHARS = 200


def parse_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The first IPv4 or IPv6 address written in `text`, or None."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS])  # full-width digits and colons
    for token in _CANDIDATE.findall(text)[:8]:
        token = token.strip(".")
        if token.startswith(":") and not token.startswith("::"):  # "IP:41.58.1.1"
            token = token[1:]
        if token.endswith(":") and not token.endswith("::"):
            token = token[:-1]
        if token.count(":") == 1 and "." in token:  # 41.58.1.1:8080
            token = token.split(":", 1)[0]
        try:
            address = ipaddress.ip_address(token)
        except ValueError:
            continue
        if address.version == 6:
            # An IPv4 address carried in IPv6 (::ffff:a.b.c.d, 2002::/16) is checked as itself.
            embedded = address.ipv4_mapped or address.sixtofour
            if embedded is not None:
                return embedded
        return address
    return None


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Routable on the internet: not private, CGNAT, loopback, link-local, documentation, multicast or reserved."""
    return address.is_global and not (address.is_multicast or address.is_reserved)


def check_ip(raw, geoip, rules) -> dict | None:
    """The `checks.ip` object of the contract; None when there is no IP to check."""
    text = clean_input(raw, rules)
    if text is None:
        return None
    result = {"input": text[:MAX_CHARS], "valid": False, "public": False,
              "country": None, "city": None, "timezone": None, "source": None}
    address = parse_ip(text)
    if address is None:
        return result
    result["valid"] = True
    result["public"] = is_public(address)
    if result["public"] and geoip is not None:
        found = geoip.lookup(str(address))
        result["source"] = getattr(geoip, "source", None)
        if found:
            result.update(country=found.get("country"), city=found.get("city"), timezone=found.get("timezone"))
    return result


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """Fill checks.ip; an address that is malformed or not public raises IP_NOT_PUBLIC."""
    result = check_ip(state.buyer.get("ip"), env.geoip, env.rules)
    state.checks["ip"] = result
    if result is not None and not result["public"]:
        add_signal(state, env, "IP_NOT_PUBLIC", result["input"])
    return state
