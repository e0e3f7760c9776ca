"""Countries: the claimed country read from what buyers write, every source side by side, the IP signals."""
from __future__ import annotations

import re

import pycountry
import pytest

from inquiry_lens.checks import country_check
from inquiry_lens.checks.country_check import _key, cctld_country, resolve_country, same_country, seller_country
from inquiry_lens.rules import packaged_rules
from tests.hostile_inputs import COUNTRIES as HOSTILE

VECTORS = packaged_rules()["tests/country_check"]["cases"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def signal_codes(state):
    return [s["code"] for s in state.signals]


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_shared_country_vectors(rules, case):
    assert resolve_country(case["input"], rules) == case["expect"]


def test_no_alias_names_two_countries(rules):
    seen: dict[str, str] = {}
    for code, aliases in rules["country_aliases"]["aliases"].items():
        for alias in aliases:
            assert seen.setdefault(_key(alias), code) == code, f"{alias!r} is both {seen[_key(alias)]} and {code}"


def test_every_alias_names_an_iso_country(rules):
    aliases = rules["country_aliases"]["aliases"]
    unknown = [code for code in aliases if code != "XK" and not pycountry.countries.get(alpha_2=code)]
    assert unknown == []


def test_the_alias_table_has_chinese_names_for_at_least_120_countries(rules):
    with_chinese = [code for code, names in rules["country_aliases"]["aliases"].items() if any(CJK.search(n) for n in names)]
    assert len(with_chinese) >= 120


def test_every_iso_country_resolves_by_name_and_both_codes(rules):
    for country in pycountry.countries:
        for written in (country.name, country.alpha_2, country.alpha_3):
            if written.lower() in ("na", "no"):  # read as "not available" / "no" placeholders
                continue
            assert resolve_country(written, rules) == country.alpha_2, written


@pytest.mark.parametrize("domain, expect", [
    ("abc.de", "DE"), ("abc.co.uk", "GB"), ("abc.uk", "GB"), ("abc.com.br", "BR"), ("abc.com.cn", "CN"), ("abc.co.nz", "NZ"),
    ("abc.com", None), ("abc.net", None), ("abc.shop", None), ("abc.eu", None), ("abc.asia", None),
    ("abc.io", None), ("abc.co", None), ("abc.me", None), ("abc.ai", None), ("abc.com.co", "CO"),
    ("abc.xn--fiqs8s", None), ("ABC.DE.", "DE"), ("", None), (None, None),
])
def test_cctld_country_of_a_registrable_domain(rules, domain, expect):
    assert cctld_country(domain, rules) == expect


@pytest.mark.parametrize("domain, expect", [("mail.abc.io", None), ("mail.abc.com.co", "CO"), ("shop.abc.de", "DE")])
def test_a_full_host_name_in_a_vanity_tld_is_national_only_under_a_national_second_level(rules, domain, expect):
    assert cctld_country(domain, rules, registrable=False) == expect


@pytest.mark.parametrize("a, b, same", [("GB", "JE", True), ("US", "PR", True), ("FI", "AX", True), ("US", "CA", False),
                                        ("CN", "HK", False), ("DE", "DE", True)])
def test_shared_codes_and_dependencies_count_as_one_country(rules, a, b, same):
    assert same_country(a, b, rules) is same


@pytest.mark.parametrize("zone, country", [("Asia/Shanghai", "CN"), ("Asia/Hong_Kong", "HK"), ("Asia/Kolkata", "IN"),
                                           ("Europe/Istanbul", "TR"), ("Nowhere/Zone", None), (None, None)])
def test_the_sellers_country_comes_from_the_sellers_time_zone(rules, zone, country):
    assert seller_country(zone, rules) == country


def test_zones_missing_from_the_rules_table_come_from_the_systems_zone_tab(rules):
    if not country_check._zone_tab():
        pytest.skip("this system has no zone.tab")
    assert seller_country("Europe/Berlin", rules) == "DE"


def request(country=None, ip_country=None, seller_tz="Asia/Shanghai", **checks):
    """A state after the checks: the claimed country raw, checks given as their contract objects."""
    return {"buyer": {"country": country}, "seller": {"timezone": seller_tz}, "inquiry": {"message": "hi"},
            "_checks": dict(checks, ip={"country": ip_country, "public": True} if ip_country else None)}


def run(make_state, env, req):
    checks = req.pop("_checks")
    state = make_state(req)
    state = country_check.claimed_stage(state, env)
    state.checks.update({k: v for k, v in checks.items() if v is not None})
    return country_check.stage(state, env)


def test_the_claimed_stage_reads_the_buyers_country_early(make_state, env):
    state = country_check.claimed_stage(make_state({"buyer": {"country": "美国"}}), env)
    assert state.claimed_country == "US"


def test_claiming_the_us_from_a_nigerian_ip_is_a_mismatch_with_both_countries_as_evidence(make_state, env):
    state = run(make_state, env, request("United States", "NG"))
    assert signal_codes(state) == ["IP_COUNTRY_MISMATCH"]
    assert state.signals[0]["evidence"] == "claimed US, IP in NG"


def test_an_ip_in_the_claimed_country_is_a_match(make_state, env):
    state = run(make_state, env, request("New Zealand", "NZ"))
    assert signal_codes(state) == ["IP_COUNTRY_MATCH"]


def test_an_ip_in_a_dependency_of_the_claimed_country_is_a_match(make_state, env):
    assert signal_codes(run(make_state, env, request("UK", "JE"))) == ["IP_COUNTRY_MATCH"]


def test_a_foreign_claim_from_an_ip_in_the_sellers_country_is_flagged_as_such_not_as_a_plain_mismatch(make_state, env):
    state = run(make_state, env, request("USA", "CN", seller_tz="Asia/Shanghai"))
    assert signal_codes(state) == ["IP_IN_SELLER_COUNTRY"]
    assert state.signals[0]["evidence"] == "claimed US, IP in CN, the seller's country"


def test_a_buyer_in_the_sellers_own_country_claiming_it_is_a_plain_match(make_state, env):
    assert signal_codes(run(make_state, env, request("中国", "CN"))) == ["IP_COUNTRY_MATCH"]


def test_a_hong_kong_ip_is_not_the_seller_country_of_a_shanghai_seller(make_state, env):
    assert signal_codes(run(make_state, env, request("USA", "HK"))) == ["IP_COUNTRY_MISMATCH"]


@pytest.mark.parametrize("country, ip", [(None, "NG"), ("USA", None), ("Atlantis", "NG")])
def test_without_both_a_claim_and_an_ip_country_no_ip_signal_is_raised(make_state, env, country, ip):
    assert signal_codes(run(make_state, env, request(country, ip))) == []


def test_the_countries_table_puts_every_source_side_by_side(make_state, env):
    state = run(make_state, env, request(
        "Germany", "DE",
        phone={"valid": True, "region": "DE", "type": "fixed_line"},
        mobile={"valid": True, "region": "DE", "type": "mobile"},
        fax={"valid": True, "region": "AT", "type": "fixed_line"},
        email={"domain": "mail.abc.de", "registrable_domain": "abc.de"},
        website={"registrable_domain": "abc.com"}))
    assert state.checks["countries"] == {"claimed": "DE", "phone": "DE", "fax": "AT", "mobile": "DE", "ip": "DE",
                                            "email_cctld": "DE", "website_cctld": None, "consistent": False,
                                            "names": {"DE": {"zh": "德国", "en": "Germany"},
                                                      "AT": {"zh": "奥地利", "en": "Austria"}}}


def test_agreeing_sources_are_consistent(make_state, env):
    state = run(make_state, env, request("UK", "GB", phone={"valid": True, "region": "GB", "type": "fixed_line"},
                                         email={"registrable_domain": "abc.co.uk"}))
    assert state.checks["countries"]["consistent"] is True


def test_fewer_than_two_known_sources_leave_consistency_unknown(make_state, env):
    assert run(make_state, env, request("UK")).checks["countries"]["consistent"] is None


def test_an_invalid_phone_says_nothing_about_the_country(make_state, env):
    state = run(make_state, env, request("Canada", "CA", phone={"valid": False, "region": "US", "type": "unknown"}))
    assert state.checks["countries"]["phone"] is None and state.checks["countries"]["consistent"] is True


def test_a_toll_free_number_is_shown_but_not_held_against_consistency(make_state, env):
    state = run(make_state, env, request("Canada", "CA", phone={"valid": True, "region": "US", "type": "toll_free"}))
    assert state.checks["countries"]["phone"] == "US" and state.checks["countries"]["consistent"] is True


@pytest.mark.parametrize("country, phone, mobile, ip, expect", [
    ("France", "DE", "IT", "ES", "FR"), (None, "DE", "IT", "ES", "DE"), (None, None, "IT", "ES", "IT"),
    (None, None, None, "ES", "ES"), (None, None, None, None, None)])
def test_the_buyer_country_is_the_claim_else_the_phone_else_the_ip(make_state, env, country, phone, mobile, ip, expect):
    def as_check(region):
        return {"valid": True, "region": region, "type": "mobile"} if region else None

    state = run(make_state, env, request(country, ip, phone=as_check(phone), mobile=as_check(mobile)))
    assert state.buyer_country == expect


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_is_answered_without_an_exception(make_state, env, raw):
    state = run(make_state, env, request(raw, "US"))  # timed by bench/core.py
    assert state.buyer_country is None or re.fullmatch(r"[A-Z]{2}", state.buyer_country)


def test_every_country_shown_is_named_in_chinese_and_english(make_state, env):
    state = run(make_state, env, request("美国", ip_country="NG"))
    names = state.checks["countries"]["names"]
    assert names["US"] == {"zh": "美国", "en": "United States"}
    assert names["NG"]["en"] == "Nigeria" and names["NG"]["zh"] != "NG"
