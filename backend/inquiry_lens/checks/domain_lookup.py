"""The network side of the online checks: one DNS question, one RDAP look-up, and a cache with expiry.

Every function returns plain data and never raises for a network fault: a lookup that cannot be
answered is {"status": "unknown", "reason": ...}. Nothing here is imported or run while online
checks are off; dnspython is imported on first use.
"""
from __future__ import annotations

import concurrent.futures
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from typing import Any

from inquiry_lens import __version__

RDAP_BASE = "https://rdap.org/domain/"  # the public bootstrap service: it redirects to the domain's registry
MAX_RDAP_BYTES = 512 * 1024
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def unknown(reason: str) -> dict:
    return {"status": "unknown", "reason": reason}


def fault_reason(exc: BaseException) -> str:
    """A one-word reason for a failed lookup: timeout, refused or unreachable."""
    exc = getattr(exc, "reason", exc) if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "timeout"
    if isinstance(exc, (ConnectionRefusedError, ConnectionResetError)):
        return "refused"
    return "unreachable" if isinstance(exc, OSError) else "error"


def system_nameservers() -> list[str]:
    """The resolvers this machine is set up with (resolv.conf, or the registry on Windows)."""
    import dns.resolver

    # configure=True fills in addresses (str); Nameserver objects are there only when set by hand.
    return [ns for ns in dns.resolver.Resolver(configure=True).nameservers if isinstance(ns, str)]


def _exchange(query, server: str, port: int, deadline: float):
    """Send one question over UDP and wait for its answer until the deadline; TCP when truncated."""
    import dns.exception
    import dns.flags
    import dns.message
    import dns.query

    family = socket.AF_INET6 if ":" in server else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        # Connected, so a refusal (ICMP port unreachable) ends the wait at once instead of at the deadline.
        sock.connect((server, port))
        sock.send(query.to_wire())
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            sock.settimeout(remaining)
            try:
                reply = dns.message.from_wire(sock.recv(65535))
            except dns.exception.DNSException:
                continue  # garbage on the port is not an answer
            if query.is_response(reply):
                break
    if reply.flags & dns.flags.TC:
        reply = dns.query.tcp(query, server, timeout=max(deadline - time.monotonic(), 0.05), port=port)
    return reply


def dns_lookup(name: str, rdtype: str, servers: list[str], port: int, timeout: float) -> dict:
    """Records of one type for one name: found (with records), none (the name exists without them),
    nxdomain, or unknown. Servers are asked in turn within one `timeout` for the whole lookup."""
    import dns.exception
    import dns.message
    import dns.rcode
    import dns.rdatatype

    deadline = time.monotonic() + timeout
    try:
        servers = servers or system_nameservers()
    except dns.exception.DNSException:
        return unknown("no resolver")
    query = dns.message.make_query(name, rdtype, use_edns=0, payload=1232)
    reason = "no resolver"
    for server in servers:
        try:
            reply = _exchange(query, server, port, deadline)
        except (OSError, dns.exception.DNSException) as exc:
            reason = "timeout" if isinstance(exc, dns.exception.Timeout) else fault_reason(exc)
            if reason == "timeout":
                break  # the time for the whole lookup is spent
            continue
        code = reply.rcode()
        if code == dns.rcode.NXDOMAIN:
            return {"status": "nxdomain", "records": []}
        if code != dns.rcode.NOERROR:
            reason = dns.rcode.to_text(code).lower()  # SERVFAIL, REFUSED: another server may know
            continue
        wanted = dns.rdatatype.from_text(rdtype)
        records = [rd for rrset in reply.answer if rrset.rdtype == wanted for rd in rrset]
        if wanted == dns.rdatatype.MX:
            texts = [rd.exchange.to_text(omit_final_dot=True) for rd in sorted(records, key=lambda r: r.preference)]
        else:
            texts = sorted(rd.to_text() for rd in records)
        return {"status": "found" if texts else "none", "records": texts}
    return unknown(reason)


def _opener(base: str) -> urllib.request.OpenerDirector:
    """The system's proxy settings apply, except to a server on this machine."""
    if urllib.parse.urlsplit(base).hostname in LOOPBACK:
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def registration_date(document: dict) -> str | None:
    """The `registration` event's date (RFC 9083 section 4.5) in UTC, ISO 8601; None when absent."""
    for event in document.get("events") or []:
        if isinstance(event, dict) and event.get("eventAction") == "registration":
            try:
                when = datetime.fromisoformat(str(event.get("eventDate")).replace("Z", "+00:00"))
            except ValueError:
                return None
            when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
            return when.astimezone(timezone.utc).isoformat()
    return None


def rdap_lookup(domain: str, base: str, timeout: float) -> dict:
    """The domain's registration date from RDAP: found (registered_at, maybe None), not_found, or unknown."""
    url = base.rstrip("/") + "/" + urllib.parse.quote(domain)
    request = urllib.request.Request(url, headers={"Accept": "application/rdap+json, application/json",
                                                   "User-Agent": f"inquiry-lens/{__version__}"})
    try:
        with _opener(base).open(request, timeout=timeout) as response:
            body = response.read(MAX_RDAP_BYTES)
    except urllib.error.HTTPError as exc:
        exc.close()
        return {"status": "not_found", "registered_at": None} if exc.code == 404 else unknown(f"http {exc.code}")
    except (OSError, ValueError) as exc:
        return unknown(fault_reason(exc))
    try:
        document = json.loads(body)
    except ValueError:
        return unknown("not json")
    if not isinstance(document, dict):
        return unknown("not json")
    return {"status": "found", "registered_at": registration_date(document)}


class MemoryCache:
    """Lookup results with an expiry, in this process only; the same get/put as a persistent store."""

    def __init__(self, clock=time.time, max_entries: int = 10_000):
        self.clock = clock
        self.max_entries = max_entries
        self._entries: dict[str, tuple[float, dict]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] <= self.clock():
                self._entries.pop(key, None)
                return None
            return entry[1]

    def put(self, key: str, value: dict, ttl: float) -> None:
        with self._lock:
            if len(self._entries) >= self.max_entries:  # drop the entry closest to expiry
                self._entries.pop(min(self._entries, key=lambda k: self._entries[k][0]))
            self._entries[key] = (self.clock() + ttl, value)


class StoreCache:
    """Lookup results in the history store, so they outlive a restart; MemoryCache's get/put.
    A store that cannot answer makes a miss, never a failed analysis."""

    def __init__(self, store, clock=time.time):
        self.store = store
        self.clock = clock

    def get(self, key: str) -> dict | None:
        try:
            return self.store.cache_get(key, self.clock())
        except Exception:  # noqa: BLE001 - StoreUnavailable, a closed store: look it up again
            return None

    def put(self, key: str, value: dict, ttl: float) -> None:
        try:
            now = self.clock()
            self.store.cache_put(key, value, now + ttl, now)
        except Exception:  # noqa: BLE001 - as above: the next analysis asks again
            pass


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
    def from_config(cls, config: dict, cache=None) -> OnlineChecker:
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
        except Exception as exc:  # noqa: BLE001 - a lookup fault must never cost the verdict
            result = unknown(type(exc).__name__)
        ttl = RDAP_FOUND_TTL if kind == "rdap" and result["status"] == "found" else TTL[result["status"]]
        self.cache.put(f"online:{key}", result, ttl)
        return result

    def run(self, keys: list[str]) -> dict[str, dict]:
        """Every key's result: from the cache, or looked up all at once within the time limit."""
        # None marks a key to look up; each is filled in below, so none is left in what is returned
        results: dict[str, Any] = {key: self.cache.get(f"online:{key}") for key in dict.fromkeys(keys)}
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
