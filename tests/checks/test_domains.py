"""Registrable domains, IDN disguises and brand lookalikes (inquiry_lens.checks.domains over shared_rules/brands.json)."""
from __future__ import annotations

import socket

import idna
import pytest

from inquiry_lens.checks import domains
from inquiry_lens.rules import packaged_rules

VECTORS = packaged_rules()["tests/domains"]["cases"]


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_domain_vector(case, rules):
    info = domains.inspect(case["input"], rules)
    assert info is not None
    assert {key: info[key] for key in case["expect"]} == case["expect"]


def test_vectors_hold_both_lookalikes_and_legitimate_lookalike_names():
    looks = [c for c in VECTORS if c["expect"]["lookalike_of"]]
    assert len(looks) >= 40 and len(VECTORS) - len(looks) >= 40


def test_every_brand_domain_is_a_registrable_domain(rules):
    for brand in rules["brands"]["brands"]:
        for domain in brand["domains"]:
            assert domains.registrable(domain) == domain, (brand["name"], domain)


def test_no_brand_free_mail_or_shortener_domain_is_called_a_lookalike(rules):
    own = [d for b in rules["brands"]["brands"] for d in b["domains"]]
    free = [d for group in rules["free_mail"]["domains"].values() for d in group]
    for domain in own + free + rules["links"]["shorteners"]:
        info = domains.inspect(domain, rules)
        assert info["lookalike_of"] is None, domain
        assert not info["disguised"], domain


def test_brand_names_are_not_typo_neighbours_of_each_other(rules):
    """A name one edit from another brand's name would make that brand's real domains lookalikes."""
    for brand in rules["brands"]["brands"]:
        for name in brand.get("names", []) + brand.get("words", []):
            found = domains._typo_match([name], domains.compiled(rules))
            assert found is None or found is brand, (name, found and found["name"])


def test_platforms_are_marked_and_are_real_domains(rules):
    info = domains.inspect("onetalk.alibaba.com", rules)
    assert info["platform"] and info["known"] and info["lookalike_of"] is None
    assert not domains.inspect("dropbox.com", rules)["platform"]


def test_ascii_form_matches_the_idna_standard():
    for host in ["müller-gmbh.de", "аlibaba.com", "例子.中国", "пример.рф", "alíbaba.com", "straße.de"]:
        assert domains.to_ascii(host)[0] == idna.encode(host, uts46=True).decode(), host


def test_not_a_host_name_gives_none(rules):
    for text in ["", "a b.com", "http://x.com", "x" * 300, "a..b.com", "xn--zz--.com", "é€.com"]:
        assert domains.inspect(text, rules) is None, text


def test_registrable_domain_of_ip_and_bare_words_is_none():
    assert domains.registrable("8.8.8.8") is None
    assert domains.registrable("intranet") is None
    assert domains.registrable("forums.bbc.co.uk") == "bbc.co.uk"


def test_suffix_list_is_read_from_the_bundled_snapshot_with_network_impossible(monkeypatch):
    """tldextract must never fetch: a fresh extractor works while every socket call fails."""

    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setenv("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "https://publicsuffix.org/list/public_suffix_list.dat")
    domains.extractor.cache_clear()
    try:
        extractor = domains.extractor()
        assert extractor.suffix_list_urls == ()
        assert domains.registrable("shop.example.com.br") == "example.com.br"
        assert domains.registrable("a.b.xn--p1ai") == "b.xn--p1ai"
    finally:
        domains.extractor.cache_clear()


def test_results_are_cached_per_host_and_rules(rules):
    domains.inspect("cache-probe-company.com", rules)
    hits = domains.inspect.cache_info().hits
    domains.inspect("cache-probe-company.com", rules)
    assert domains.inspect.cache_info().hits == hits + 1
