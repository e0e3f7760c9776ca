"""Online checks, off by default: does the buyer's e-mail domain take mail, does the website's domain
exist, and how old is each domain (DESIGN.md section 6).

On in the saved settings (`online_checks`) or with `--online`; while off the stage returns at once and
opens no socket, so inquiry data never leaves the machine. When on, the e-mail and website domain
names (nothing else) go to the DNS resolvers and the RDAP service. Every lookup runs at the same time
with its own time limit (2 s); a lookup that fails is "unknown", raises no signal and is listed in
checks.online.unknown, so the verdict always comes.

Mail follows RFC 5321 section 5.1: a domain without MX records but with an address takes mail
there (the implicit MX), so DOMAIN_NO_MX means no MX and no A/AAAA, or a null MX (RFC 7505).
A domain that does not exist (NXDOMAIN) is DOMAIN_UNRESOLVABLE instead, for mail and website alike.
Free-mail and other well-known domains are not looked up: gmail.com says nothing about the buyer.
"""
from __future__ import annotations

import concurrent.futures
import threading
import time
from datetime import datetime

from inquiry_lens.checks import domains
from inquiry_lens.checks.domain_lookup import RDAP_BASE, MemoryCache, dns_lookup, rdap_lookup, unknown
from inquiry_lens.model.signals import add_signal

NEW_DOMAIN_DAYS = 180
TIMEOUT = 2.0
# How long an answer is kept: a registration date does not change, a missing record may be added soon,
# and an unknown is retried after a minute so one network fault does not stick.
TTL = {"found": 86_400.0, "none": 3_600.0, "nxdomain": 3_600.0, "not_found": 3_600.0, "unknown": 60.0}
RDAP_FOUND_TTL = 30 * 86_400.0


class OnlineChecker:
    """Runs DNS and RDAP lookups concurrently, through a cache with expiry."""

    def __init__(self, nameservers: list[str] | None = None, port: int = 53, rdap_base: str = RDAP_BASE,
                 timeout: float = TIMEOUT, cache=None):
        self.nameservers = list(nameservers or [])  # empty: the system's resolvers
        self.port = port
        self.rdap_base = rdap_base
        self.timeout = min(float(timeout), TIMEOUT)
        self.cache = cache if cache is not None else MemoryCache()
        self._pool: concurrent.futures.ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    @classmethod
    def from_config(cls, config: dict, cache=None) -> "OnlineChecker":
        return cls(config.get("ONLINE_DNS_SERVERS") or None, int(config.get("ONLINE_DNS_PORT") or 53),
                   config.get("ONLINE_RDAP_BASE") or RDAP_BASE, float(config.get("ONLINE_TIMEOUT") or TIMEOUT), cache)

    def pool(self) -> concurrent.futures.ThreadPoolExecutor:
        """Made on first use, so a process with the checks off starts no thread."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=32, thread_name_prefix="online-check")
            return self._pool

    def lookup(self, key: str) -> dict:
        """One lookup by its key, `mx:abc.com`, `a:abc.com`, `aaaa:abc.com` or `rdap:abc.com`; stored in the cache."""
        kind, name = key.split(":", 1)
        try:
            if kind == "rdap":
                result = rdap_lookup(name, self.rdap_base, self.timeout)
            else:
                result = dns_lookup(name, kind.upper(), self.nameservers, self.port, self.timeout)
        except Exception as exc:  # a lookup fault must never cost the verdict
            result = unknown(type(exc).__name__)
        ttl = RDAP_FOUND_TTL if kind == "rdap" and result["status"] == "found" else TTL[result["status"]]
        self.cache.put(f"online:{key}", result, ttl)
        return result

    def run(self, keys: list[str]) -> dict[str, dict]:
        """Every key's result: from the cache, or looked up all at once within the time limit."""
        results = {key: self.cache.get(f"online:{key}") for key in dict.fromkeys(keys)}
        pending = {self.pool().submit(self.lookup, key): key for key, value in results.items() if value is None}
        if pending:
            # A worker past its limit still finishes and fills the cache; this analysis does not wait for it.
            done, _ = concurrent.futures.wait(pending, timeout=self.timeout + 0.3)
            for future, key in pending.items():
                results[key] = future.result() if future in done else unknown("timeout")
        return results


_default_checker: OnlineChecker | None = None


def default_checker() -> OnlineChecker:
    """The configured (by default the system's) resolvers and RDAP service, for an Env built without a checker."""
    global _default_checker
    if _default_checker is None:
        from inquiry_lens.config import default_config

        _default_checker = OnlineChecker.from_config(default_config())
    return _default_checker


def enabled(state: dict, env) -> bool:
    """On with `--online` (env.online) or in the settings; an analysis request's seller may set it too."""
    return bool(env.online or state["seller"].get("online_checks") is True)


def _looked_up(host: str | None, rules) -> dict | None:
    """domains.inspect for a host worth asking about; None for none or a well-known (brand, platform, free-mail) one."""
    info = domains.inspect(host, rules) if host else None
    return None if info is None or info["known"] or not info["registrable_domain"] else info


def plan(checks: dict, rules) -> dict:
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


def raise_signals(state: dict, env, online: dict) -> None:
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


def stage(state: dict, env) -> dict:
    """Look the buyer's domains up when online checks are on; otherwise set checks.online to null and return."""
    if not enabled(state, env):
        state["checks"]["online"] = None
        return state
    started = time.perf_counter()
    todo = plan(state["checks"], env.rules)
    keys = ([f"{kind}:{todo['mail']}" for kind in ("mx", "a", "aaaa")] if todo["mail"] else [])
    keys += [f"{kind}:{host}" for host in todo["sites"] for kind in ("a", "aaaa")]
    keys += [f"rdap:{domain}" for domain in todo["rdap"]]
    checker = getattr(env, "online_checker", None) or default_checker()
    online = report(todo, checker.run(keys) if keys else {}, state["received_at"])
    online["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
    state["checks"]["online"] = online
    raise_signals(state, env, online)
    return state
