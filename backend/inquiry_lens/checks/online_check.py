"""Online checks, off by default: does the buyer's e-mail domain take mail, does the website's domain
exist, and how old is each domain (docs/ARCHITECTURE.md, "Security and failure model").

On in the saved settings (`online_checks`) or with `--online`; while off the service never calls
`look_up` and nothing opens a socket, so inquiry data never leaves the machine. When on, the e-mail and website domain
names (nothing else) go to the DNS resolvers and the RDAP service. Every lookup runs at the same time
with its own time limit (2 s); a lookup that fails is "unknown", raises no signal and is listed in
checks.online.unknown, so the verdict always comes.

Mail follows RFC 5321 section 5.1: a domain without MX records but with an address takes mail
there (the implicit MX), so DOMAIN_NO_MX means no MX and no A/AAAA, or a null MX (RFC 7505).
A domain that does not exist (NXDOMAIN) is DOMAIN_UNRESOLVABLE instead, for mail and website alike.
Free-mail and other well-known domains are not looked up: gmail.com says nothing about the buyer.
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from inquiry_lens.checks import domains
from inquiry_lens.checks.domain_lookup import OnlineChecker
from inquiry_lens.model.signals import add_signal
from inquiry_lens.model.state import AnalysisState, Env
from inquiry_lens.rules import Rules

NEW_DOMAIN_DAYS = 180


def enabled(state: AnalysisState, process_online: bool) -> bool:
    """On with `--online` for the process or in the settings; an analysis request's seller may set it too."""
    return bool(process_online or state.seller.get("online_checks") is True)


def _looked_up(host: str | None, rules) -> dict | None:
    """domains.inspect for a host worth asking about; None for none or a well-known (brand, platform, free-mail) one."""
    info = domains.inspect(host, rules) if host else None
    return None if info is None or info["known"] or not info["registrable_domain"] else info


def plan(checks: Mapping[str, Any], rules: Rules) -> dict:
    """Which names to ask about: the e-mail domain (MX, A, AAAA), the website host (A, AAAA; also www. for a
    bare domain, as many sites answer only there), and both registrable domains (RDAP)."""
    email, website = checks.get("email"), checks.get("website")
    mail, sites, skipped = None, [], []
    if email and email["valid_syntax"] and email["domain"]:
        info = None if email["free_provider"] or email["disposable"] else _looked_up(email["domain"], rules)
        mail = info["host"] if info else None
        if info is None:
            skipped.append(email["domain"])
    if website and website.get("host"):
        info = _looked_up(website["host"], rules)
        if info is None:
            skipped.append(website["host"])
        else:
            sites = [info["host"]]
            if info["host"] == info["registrable_domain"]:
                sites.append("www." + info["host"])
    registered = [domains.registrable(h) for h in ([mail] if mail else []) + sites[:1]]
    return {"mail": mail, "sites": sites, "rdap": list(dict.fromkeys(d for d in registered if d)),
            "skipped": list(dict.fromkeys(skipped))}


def address_of(host: str, results: dict) -> dict:
    """A and AAAA together: found if either has an address, nxdomain if the name does not exist."""
    a, aaaa = results[f"a:{host}"], results[f"aaaa:{host}"]
    statuses = {a["status"], aaaa["status"]}
    status = ("found" if "found" in statuses else "nxdomain" if "nxdomain" in statuses
              else "unknown" if "unknown" in statuses else "none")
    return {"domain": host, "status": status, "addresses": a.get("records", []) + aaaa.get("records", [])}


def mail_status(mx: dict, address: dict) -> str:
    """found, implicit (no MX, an address: RFC 5321), null_mx, none (no MX, no address), nxdomain or unknown."""
    if "nxdomain" in (mx["status"], address["status"]):
        return "nxdomain"
    if mx["status"] == "found":
        return "null_mx" if mx["records"] == ["."] else "found"
    if mx["status"] == "none":
        return {"found": "implicit", "none": "none"}.get(address["status"], "unknown")
    return "unknown"


def age_in_days(registered_at: str | None, received: datetime) -> int | None:
    return None if registered_at is None else (received - datetime.fromisoformat(registered_at)).days


def report(todo: dict, results: dict, received: datetime) -> dict:
    """checks.online: what was asked, what came back, and which lookups stayed unknown."""
    online = {"enabled": True, "mx": None, "a": [], "rdap": [], "skipped": todo["skipped"], "unknown": []}
    if todo["mail"]:
        mx = results[f"mx:{todo['mail']}"]
        address = address_of(todo["mail"], results)
        online["mx"] = {"domain": todo["mail"], "status": mail_status(mx, address), "hosts": mx.get("records", [])}
        online["a"].append({"role": "email", **address})
    online["a"] += [{"role": "website", **address_of(host, results)} for host in todo["sites"]]
    for domain in todo["rdap"]:
        found = results[f"rdap:{domain}"]
        online["rdap"].append({"domain": domain, "status": found["status"], "registered_at": found.get("registered_at"),
                               "age_days": age_in_days(found.get("registered_at"), received)})
    for key, value in results.items():
        if value["status"] == "unknown":
            online["unknown"].append(f"{key.replace(':', ' ', 1)} ({value.get('reason', 'unknown')})")
    return online


def raise_signals(state: AnalysisState, env: Env, online: dict) -> None:
    """DOMAIN_UNRESOLVABLE, DOMAIN_NO_MX and DOMAIN_NEW from the report; unknowns raise nothing."""
    missing = []
    if online["mx"] and online["mx"]["status"] == "nxdomain":
        missing.append(online["mx"]["domain"])
    sites = [entry for entry in online["a"] if entry["role"] == "website"]
    if sites and all(entry["status"] in ("none", "nxdomain") for entry in sites):
        missing.append(sites[0]["domain"])
    if missing:
        add_signal(state, env, "DOMAIN_UNRESOLVABLE", ", ".join(dict.fromkeys(missing)))
    if online["mx"] and online["mx"]["status"] in ("none", "null_mx"):
        add_signal(state, env, "DOMAIN_NO_MX", online["mx"]["domain"])
    young = [f"{entry['domain']} ({entry['registered_at'][:10]}, {entry['age_days']} d)" for entry in online["rdap"]
             if entry["age_days"] is not None and entry["age_days"] < NEW_DOMAIN_DAYS]
    if young:
        add_signal(state, env, "DOMAIN_NEW", ", ".join(young))


def look_up(state: AnalysisState, env: Env, checker: OnlineChecker) -> dict:
    """checks.online for the domains the contact checks found: the one step of an analysis that reaches
    the network, so the service runs it between the pipeline's halves and only when turned on."""
    started = time.perf_counter()
    todo = plan(state.checks, env.rules)
    keys = ([f"{kind}:{todo['mail']}" for kind in ("mx", "a", "aaaa")] if todo["mail"] else [])
    keys += [f"{kind}:{host}" for host in todo["sites"] for kind in ("a", "aaaa")]
    keys += [f"rdap:{domain}" for domain in todo["rdap"]]
    online = report(todo, checker.run(keys) if keys else {}, state.received_at)
    online["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return online


def stage(state: AnalysisState, env: Env) -> AnalysisState:
    """The signals of what the look-ups found; nothing when they did not run (checks.online is null)."""
    if state.checks["online"] is not None:
        raise_signals(state, env, state.checks["online"])
    return state
