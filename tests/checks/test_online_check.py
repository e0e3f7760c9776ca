"""Online checks against real DNS and RDAP servers on 127.0.0.1: the signals, the 2 s bound, concurrency,
the cache, an unreachable network, and no socket at all while the checks are off."""
from __future__ import annotations

import json
import socket

import pytest

from inquiry_lens.checks.domain_lookup import TIMEOUT, MemoryCache, OnlineChecker, registration_date
from inquiry_lens.cli import main as cli
from inquiry_lens.model.state import Env
from inquiry_lens.service.analysis import Effects, analyze
from inquiry_lens.web.app import create_app
from tests.conftest import ContractClient
from tests.contract import check_score_identity
from tests.online_servers import INQUIRY_AT, DnsServer, RdapServer, closed_port

DOMAIN_CODES = {"DOMAIN_NO_MX", "DOMAIN_UNRESOLVABLE", "DOMAIN_NEW"}


class Clock:
    """A wall clock the test moves forward, for the cache's expiry."""

    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def dns():
    server = DnsServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def rdap():
    server = RdapServer()
    yield server
    server.stop()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def checker(dns, rdap, clock):
    return OnlineChecker(["127.0.0.1"], dns.port, rdap.base, cache=MemoryCache(clock=clock))


def online_env(rules, checker) -> tuple[Env, Effects]:
    return Env(rules=rules), Effects(online=True, checker=checker)


def request(email=None, website=None) -> dict:
    return {"inquiry": {"message": "Please quote 500 pcs of the 2 inch brass ball valve, CE, FOB Ningbo.",
                        "received_at": INQUIRY_AT},
            "buyer": {"name": "Anna Berg", "company": "Berg Trading", "email": email, "website": website}}


def codes(response) -> set[str]:
    return {s["code"] for s in response["signals"]} & DOMAIN_CODES


def test_an_old_domain_with_mail_servers_raises_nothing(rules, checker):
    response = analyze(request("anna@oldvalve.com", "www.oldvalve.com"), *online_env(rules, checker))
    online = response["checks"]["online"]
    assert codes(response) == set()
    assert online["mx"] == {"domain": "oldvalve.com", "status": "found", "hosts": ["mail.oldvalve.com"]}
    assert [(a["role"], a["domain"], a["status"]) for a in online["a"]] == [
        ("email", "oldvalve.com", "found"), ("website", "www.oldvalve.com", "found")]
    assert online["a"][1]["addresses"] == ["192.0.2.10", "2001:db8::10"]
    assert online["rdap"] == [{"domain": "oldvalve.com", "status": "found", "registered_at": "2009-03-12T17:04:31+00:00",
                               "age_days": 6467}]
    assert online["unknown"] == []


def test_a_domain_registered_30_days_before_the_inquiry_is_new(rules, checker):
    response = analyze(request("anna@newpump.com"), *online_env(rules, checker))
    assert codes(response) == {"DOMAIN_NEW"}
    signal = next(s for s in response["signals"] if s["code"] == "DOMAIN_NEW")
    assert signal["evidence"] == "newpump.com (2026-10-27, 30 d)" and signal["weight"] < 0
    # No MX but an address: the implicit MX of RFC 5321 takes the mail, so no DOMAIN_NO_MX.
    assert response["checks"]["online"]["mx"]["status"] == "implicit"


@pytest.mark.parametrize("domain, status", [("nomail-trade.com", "none"), ("nullmx-trade.com", "null_mx")])
def test_a_domain_that_takes_no_mail(rules, checker, domain, status):
    response = analyze(request(f"anna@{domain}"), *online_env(rules, checker))
    assert codes(response) == {"DOMAIN_NO_MX"}
    assert response["checks"]["online"]["mx"]["status"] == status


def test_a_domain_that_does_not_exist_is_unresolvable_once(rules, checker):
    response = analyze(request("anna@ghost-buyer.com", "http://ghost-buyer.com/about"), *online_env(rules, checker))
    assert codes(response) == {"DOMAIN_UNRESOLVABLE"}  # not also DOMAIN_NO_MX: the domain is simply not there
    assert next(s for s in response["signals"] if s["code"] == "DOMAIN_UNRESOLVABLE")["evidence"] == "ghost-buyer.com"
    online = response["checks"]["online"]
    assert online["mx"]["status"] == "nxdomain"
    assert online["rdap"] == [{"domain": "ghost-buyer.com", "status": "not_found", "registered_at": None, "age_days": None}]


def test_a_bare_website_domain_that_answers_only_on_www_is_resolvable(rules, checker):
    response = analyze(request(website="oldvalve.com"), *online_env(rules, checker))
    assert codes(response) == set()
    assert [a["domain"] for a in response["checks"]["online"]["a"]] == ["oldvalve.com", "www.oldvalve.com"]
    assert codes(analyze(request(website="www.nowhere-valves.com"), *online_env(rules, checker))) == {"DOMAIN_UNRESOLVABLE"}


def test_free_mail_and_well_known_domains_are_not_looked_up(rules, checker, dns, rdap):
    asked = len(dns.resolver.questions), len(rdap.paths)
    response = analyze(request("anna.berg@gmail.com", "https://www.alibaba.com/shop/berg"), *online_env(rules, checker))
    online = response["checks"]["online"]
    assert online["skipped"] == ["gmail.com", "www.alibaba.com"] and online["mx"] is None and online["a"] == []
    assert (len(dns.resolver.questions), len(rdap.paths)) == asked


def test_an_unanswering_server_is_unknown_after_the_time_limit(rules, checker):
    # How long that takes (the 2 s bound) is measured by bench/online.py, not asserted here.
    response = analyze(request("anna@silent-buyer.com"), *online_env(rules, checker))
    assert TIMEOUT <= 2.0 and checker.timeout <= TIMEOUT
    online = response["checks"]["online"]
    assert online["mx"]["status"] == "unknown" and codes(response) == set()
    assert "mx silent-buyer.com (timeout)" in online["unknown"]
    assert online["rdap"][0]["status"] == "found"  # RDAP answered meanwhile: each lookup stands alone
    assert response["verdict"]["credibility"]["level"]


def test_lookups_run_at_the_same_time(rdap):
    slow = DnsServer(delay=0.5)
    try:
        checker = OnlineChecker(["127.0.0.1"], slow.port, rdap.base)
        results = checker.run(["mx:oldvalve.com", "a:newpump.com", "a:www.oldvalve.com"])
    finally:
        slow.stop()
    assert [r["status"] for r in results.values()] == ["found", "found", "found"]
    assert slow.resolver.peak_in_flight == 3  # all three were being answered at once, none waited for another


def test_a_second_analysis_is_answered_from_the_cache_until_it_expires(rules, checker, dns, rdap, clock):
    body = request("anna@oldvalve.com", "www.oldvalve.com")
    first = analyze(body, *online_env(rules, checker))["checks"]["online"]
    asked = len(dns.resolver.questions), len(rdap.paths)
    second = analyze(body, *online_env(rules, checker))["checks"]["online"]
    assert (len(dns.resolver.questions), len(rdap.paths)) == asked
    first.pop("elapsed_ms")
    second.pop("elapsed_ms")
    assert second == first
    clock.now += 2 * 86_400  # past the DNS answers' day, within the registration date's month
    analyze(body, *online_env(rules, checker))
    assert len(dns.resolver.questions) == asked[0] + 5 and len(rdap.paths) == asked[1]


def test_the_cache_lives_in_the_history_store_and_outlives_a_restart(rules, dns, rdap, clock, tmp_path):
    from inquiry_lens.checks.domain_lookup import StoreCache
    from inquiry_lens.history.store import open_store

    body = request("anna@oldvalve.com", "www.oldvalve.com")
    first_store = open_store(tmp_path / "history.sqlite3", rules)
    checker = OnlineChecker(["127.0.0.1"], dns.port, rdap.base, cache=StoreCache(first_store, clock))
    analyze(body, *online_env(rules, checker))
    first_store.close()
    asked = len(dns.resolver.questions), len(rdap.paths)
    again = open_store(tmp_path / "history.sqlite3", rules)  # a restarted server on the same file
    analyze(body, *online_env(rules, OnlineChecker(["127.0.0.1"], dns.port, rdap.base, cache=StoreCache(again, clock))))
    assert (len(dns.resolver.questions), len(rdap.paths)) == asked
    clock.now += 2 * 86_400  # the DNS answers have expired, the registration date has not
    analyze(body, *online_env(rules, OnlineChecker(["127.0.0.1"], dns.port, rdap.base, cache=StoreCache(again, clock))))
    assert len(dns.resolver.questions) > asked[0] and len(rdap.paths) == asked[1]
    again.close()


def test_an_unreachable_network_is_unknown_and_the_verdict_still_comes(rules):
    with closed_port() as port:
        checker = OnlineChecker(["127.0.0.1"], port, f"http://127.0.0.1:{port}/domain/")
        response = analyze(request("anna@newpump.com", "www.newpump.com"), *online_env(rules, checker))
    online = response["checks"]["online"]
    assert "mx newpump.com (refused)" in online["unknown"] and "rdap newpump.com (refused)" in online["unknown"]
    assert online["mx"]["status"] == "unknown" and codes(response) == set()
    assert response["verdict"]["credibility"]["level"] and response["reply"]["draft"]


class Tripwire:
    """Stands in for socket.socket and friends: records every attempt and refuses it."""

    def __init__(self):
        self.calls: list[str] = []

    def __call__(self, *args, **kwargs):
        self.calls.append(repr(args)[:80])
        raise OSError("tripwire: a socket was opened")


@pytest.fixture
def tripwire(monkeypatch):
    wire = Tripwire()
    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, wire)
    return wire


def test_off_by_default_no_socket_is_opened(rules, tmp_path, tripwire, dns, rdap):
    body = request("anna@newpump.com", "www.newpump.com")
    assert analyze(body, Env(rules=rules))["checks"]["online"] is None
    app = create_app({"DATA_DIR": tmp_path, "TESTING": True, "ONLINE_DNS_SERVERS": ["127.0.0.1"],
                      "ONLINE_DNS_PORT": dns.port, "ONLINE_RDAP_BASE": rdap.base})
    app.test_client_class = ContractClient
    client = app.test_client()
    assert client.get("/api/v1/settings").get_json()["online_checks"] is False
    inquiry = {**body["inquiry"], "received_at": INQUIRY_AT.isoformat()}
    response = client.post("/api/v1/analyze", json=dict(body, inquiry=inquiry))
    assert response.status_code == 200 and response.get_json()["checks"]["online"] is None
    assert tripwire.calls == []
    # The same analysis with the checks on does reach for the network: the tripwire works.
    checker = OnlineChecker(["127.0.0.1"], dns.port, rdap.base)
    online = analyze(body, *online_env(rules, checker))["checks"]["online"]
    assert tripwire.calls and "mx newpump.com (unreachable)" in online["unknown"]


def test_the_saved_setting_turns_the_checks_on(tmp_path, dns, rdap):
    app = create_app({"DATA_DIR": tmp_path, "TESTING": True, "ONLINE_DNS_SERVERS": ["127.0.0.1"],
                      "ONLINE_DNS_PORT": dns.port, "ONLINE_RDAP_BASE": rdap.base})
    app.test_client_class = ContractClient
    client = app.test_client()
    assert client.put("/api/v1/settings", json={"online_checks": True}).get_json()["online_checks"] is True
    body = request("anna@nomail-trade.com")
    body["inquiry"]["received_at"] = INQUIRY_AT.isoformat()
    result = client.post("/api/v1/analyze", json=body).get_json()  # checked against the OpenAPI document
    assert result["checks"]["online"]["enabled"] is True and codes(result) == {"DOMAIN_NO_MX"}
    check_score_identity(result, app.extensions["inquiry_lens"].rules["scoring"])


def test_analyze_with_online_on_the_command_line(tmp_path, monkeypatch, capsys, dns, rdap):
    monkeypatch.setenv("INQUIRY_LENS_DNS_SERVERS", "127.0.0.1")
    monkeypatch.setenv("INQUIRY_LENS_DNS_PORT", str(dns.port))
    monkeypatch.setenv("INQUIRY_LENS_RDAP_BASE", rdap.base)
    path = tmp_path / "inquiry.json"
    body = request("anna@newpump.com")
    body["inquiry"]["received_at"] = INQUIRY_AT.isoformat()
    path.write_text(json.dumps(body), encoding="utf-8")
    for flags, expected in (([], None), (["--online"], {"DOMAIN_NEW"})):
        assert cli.main(["--data-dir", str(tmp_path / "data"), "analyze", str(path), "--json", *flags]) == 0
        result = json.loads(capsys.readouterr().out)
        assert (codes(result) or None if result["checks"]["online"] else None) == expected


def test_the_registration_date_is_read_from_rdap_events():
    events = [{"eventAction": "expiration", "eventDate": "2030-01-01T00:00:00Z"},
              {"eventAction": "registration", "eventDate": "2024-02-29T12:00:00+08:00"}]
    assert registration_date({"events": events}) == "2024-02-29T04:00:00+00:00"
    date_only = [{"eventAction": "registration", "eventDate": "2020-05-01"}]
    assert registration_date({"events": date_only}) == "2020-05-01T00:00:00+00:00"
    assert registration_date({"events": [{"eventAction": "registration", "eventDate": "soon"}]}) is None
    assert registration_date({}) is None
